//! Figures from other systems (`/admin/chiffres`): footfall per service, call pickup rate,
//! e-mails answered within 5 days, complaints, delivery delays, per month or quarter; entering a
//! period again replaces its figure.

use crate::http::access::{Acting, Managers};
use crate::http::forms::{Refusal, SavedQuery, refusal};
use crate::http::pages::{failed, html};
use crate::state::AppState;
use app::components::forms::{FormProblem, Named};
use app::pages::staff::figures::{FigureFields, FigureLine, FiguresPage, FiguresView, figure_name};
use app::render_document;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::Lang;
use leptos::prelude::*;
use serde::Deserialize;

type Manager = Acting<Managers>;

const FIGURES: &str = "/admin/chiffres";

/// The figure form.
#[derive(Debug, Deserialize, Default)]
pub struct FigureBody {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    source: String,
}

async fn figures_page(
    state: &AppState,
    acting: &Manager,
    form: FigureFields,
    problem: Option<FormProblem>,
    saved: bool,
) -> Response {
    let lang = acting.lang;
    let figures = match db::figures::figures(&state.db, acting.organisation_id).await {
        Ok(f) => f,
        Err(e) => return failed("figures: listing", e),
    };
    let structure = match db::structure::structure(&state.db, acting.organisation_id).await {
        Ok(s) => s,
        Err(e) => return failed("figures: reading the services", e),
    };
    let number = |kind: db::figures::FigureKind, v: f64| {
        let digits = if kind.is_count() { 0 } else { 1 };
        let text = format!("{v:.digits$}");
        let text = if lang == Lang::Fr {
            text.replace('.', ",")
        } else {
            text
        };
        if kind.is_percent() {
            if lang == Lang::Fr {
                format!("{text}\u{202f}%")
            } else {
                format!("{text}%")
            }
        } else {
            text
        }
    };
    let view = FiguresView {
        who: acting.who(),
        organisation: acting.organisation_name.clone(),
        org_query: acting.org_query.clone(),
        figures: figures
            .into_iter()
            .map(|f| FigureLine {
                period: f.period,
                kind: figure_name(f.kind.code(), lang).to_owned(),
                service: f.service.unwrap_or_else(|| "—".to_owned()),
                value: number(f.kind, f.value),
                entered_by: f.entered_by,
                source: f.source.unwrap_or_else(|| "—".to_owned()),
            })
            .collect(),
        kinds: db::figures::FigureKind::ALL
            .into_iter()
            .map(|k| Named {
                code: k.code().to_owned(),
                name: figure_name(k.code(), lang).to_owned(),
            })
            .collect(),
        services: structure
            .services
            .into_iter()
            .map(|s| Named {
                name: s.name.get(lang).to_owned(),
                code: s.code,
            })
            .collect(),
        form,
        saved,
        problem: problem.clone(),
    };
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let body = render_document(move || view! { <FiguresPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /admin/chiffres`.
pub async fn figures(
    State(state): State<AppState>,
    acting: Manager,
    Query(q): Query<SavedQuery>,
) -> Response {
    let form = FigureFields {
        kind: "footfall".into(),
        ..FigureFields::default()
    };
    figures_page(&state, &acting, form, None, q.saved.is_some()).await
}

/// `POST /admin/chiffres`: enters or replaces a figure.
pub async fn set_figure(
    State(state): State<AppState>,
    acting: Manager,
    Form(f): Form<FigureBody>,
) -> Response {
    let lang = acting.lang;
    let actor = acting.actor();
    let form = db::figures::FigureForm {
        kind: f.kind.clone(),
        service: f.service.clone(),
        period: f.period.clone(),
        value: f.value.clone(),
        source: f.source.clone(),
    };
    match db::figures::set_figure(&state.db, &actor, acting.organisation_id, &form, Utc::now())
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "{FIGURES}?lang={}{}&saved=1",
            lang.code(),
            acting.org_query
        ))
        .into_response(),
        Err(e) => match refusal(e, "figure", lang) {
            Refusal::Field(problem) => {
                let kept = FigureFields {
                    kind: f.kind,
                    service: f.service,
                    period: f.period,
                    value: f.value,
                    source: f.source,
                };
                figures_page(&state, &acting, kept, Some(problem), false).await
            }
            Refusal::Page(resp) => resp,
        },
    }
}
