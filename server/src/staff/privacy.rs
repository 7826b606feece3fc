//! The privacy notice screen (`/admin/confidentialite`): the controller and the contact of the
//! data-protection officer the organisation's notice names, and how long each kind of data is
//! kept.

use crate::http::access::{Acting, Managers};
use crate::http::forms::{Refusal, refusal};
use crate::http::pages::{failed, html};
use crate::state::AppState;
use app::pages::staff::privacy::{PrivacySettingsPage, PrivacySettingsView, RetentionField};
use app::render_document;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use leptos::prelude::*;
use serde::Deserialize;

type Manager = Acting<Managers>;

async fn settings_view(
    state: &AppState,
    acting: &Manager,
) -> Result<PrivacySettingsView, Response> {
    let notice = db::privacy::notice(&state.db, acting.organisation_id)
        .await
        .map_err(|e| failed("privacy: reading the notice", e))?
        .ok_or_else(|| failed("privacy: reading the notice", "no such organisation"))?;
    let example = db::export::list_touchpoints(&state.db, Some(acting.organisation_id))
        .await
        .map_err(|e| failed("privacy: listing touchpoints", e))?
        .into_iter()
        .next()
        .map(|t| t.code);
    let retention = db::retention::settings(&state.db, acting.organisation_id)
        .await
        .map_err(|e| failed("privacy: reading the retention", e))?;
    let defaults = db::retention::Retention::default();
    let retention = db::retention::Kind::ALL
        .iter()
        .map(|k| {
            let (low, high) = k.bounds();
            RetentionField {
                field: k.field(),
                value: retention.days(*k).to_string(),
                low,
                high,
                default: defaults.days(*k),
            }
        })
        .collect();
    Ok(PrivacySettingsView {
        who: acting.who(),
        organisation: acting.organisation_name.clone(),
        org_query: acting.org_query.clone(),
        controller: notice.controller,
        dpo_contact: notice.dpo_contact,
        example,
        problem: None,
        saved: false,
        retention,
        retention_problem: None,
        retention_saved: false,
    })
}

fn page(acting: &Manager, status: StatusCode, view: PrivacySettingsView) -> Response {
    let lang = acting.lang;
    let body = render_document(move || view! { <PrivacySettingsPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /admin/confidentialite`.
pub async fn show(State(state): State<AppState>, acting: Manager) -> Response {
    match settings_view(&state, &acting).await {
        Ok(view) => page(&acting, StatusCode::OK, view),
        Err(resp) => resp,
    }
}

/// The form.
#[derive(Debug, Deserialize, Default)]
pub struct PrivacyForm {
    #[serde(default)]
    controller: String,
    #[serde(default)]
    dpo_contact: String,
}

/// `POST /admin/confidentialite`: saves the notice's controller and officer, audited.
pub async fn save(
    State(state): State<AppState>,
    acting: Manager,
    Form(f): Form<PrivacyForm>,
) -> Response {
    let outcome = db::privacy::set_notice(
        &state.db,
        &acting.actor(),
        acting.organisation_id,
        &f.controller,
        &f.dpo_contact,
        Utc::now(),
    )
    .await;
    let mut view = match settings_view(&state, &acting).await {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    match outcome {
        Ok(()) => {
            view.saved = true;
            page(&acting, StatusCode::OK, view)
        }
        Err(e) => match refusal(e, "privacy", acting.lang) {
            Refusal::Field(p) => {
                (view.controller, view.dpo_contact) = (f.controller, f.dpo_contact);
                view.problem = Some(p);
                page(&acting, StatusCode::BAD_REQUEST, view)
            }
            Refusal::Page(resp) => resp,
        },
    }
}

/// `POST /admin/confidentialite/conservation`: saves the retention durations, audited.
pub async fn save_retention(
    State(state): State<AppState>,
    acting: Manager,
    Form(f): Form<std::collections::HashMap<String, String>>,
) -> Response {
    let mut wanted = db::retention::Retention::default();
    let mut unreadable = None;
    for kind in db::retention::Kind::ALL {
        match f.get(kind.field()).map(|v| v.trim().parse::<i32>()) {
            Some(Ok(days)) => wanted.set_days(kind, days),
            _ => {
                unreadable.get_or_insert(kind.field());
            }
        }
    }
    let outcome = match unreadable {
        Some(field) => Err(db::DbError::Field {
            field: field.to_owned(),
            fr: "Un nombre entier de jours.".to_owned(),
            en: "A whole number of days.".to_owned(),
        }),
        None => {
            db::retention::set_settings(
                &state.db,
                &acting.actor(),
                acting.organisation_id,
                wanted,
                Utc::now(),
            )
            .await
        }
    };
    let mut view = match settings_view(&state, &acting).await {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    match outcome {
        Ok(()) => {
            view.retention_saved = true;
            page(&acting, StatusCode::OK, view)
        }
        Err(e) => match refusal(e, "retention", acting.lang) {
            Refusal::Field(p) => {
                for field in &mut view.retention {
                    if let Some(typed) = f.get(field.field) {
                        field.value = typed.chars().take(20).collect();
                    }
                }
                view.retention_problem = Some(p);
                page(&acting, StatusCode::BAD_REQUEST, view)
            }
            Refusal::Page(resp) => resp,
        },
    }
}
