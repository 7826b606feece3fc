//! The administration's home (`/admin`), the audit log (`/admin/journal`) and the instance's
//! organisations (`/admin/organisations`, for its administrator only).

use crate::http::access::{InstanceAdmins, Managers, Staff};
use crate::http::forms::{CodeNameForm, Refusal, SavedQuery, refusal};
use crate::http::pages::{failed, html};
use crate::state::AppState;
use app::components::forms::{FormProblem, Named};
use app::pages::staff::audit::{AuditLine, AuditPage};
use app::pages::staff::home::AdminHomePage;
use app::pages::staff::organisations::{OrganisationsPage, OrganisationsView};
use app::render_document;
use axum::extract::{Form, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use chrono_tz::Europe::Paris;
use domain::Lang;
use leptos::prelude::*;
use serde::Deserialize;

/// Entries shown on the audit page.
const AUDIT_LINES: u64 = 500;

/// `?organisation=CODE`: for the administrator of the instance, the organisation the links of
/// the home page act on.
#[derive(Debug, Deserialize, Default)]
pub struct HomeQuery {
    organisation: Option<String>,
}

/// `GET /admin`.
pub async fn home(
    State(state): State<AppState>,
    staff: Staff<Managers>,
    Query(q): Query<HomeQuery>,
) -> Response {
    let lang = staff.lang;
    let organisations = match db::structure::organisations(&state.db).await {
        Ok(list) => list,
        Err(e) => return failed("admin: reading the organisations", e),
    };
    let chosen = match staff.account.organisation_id {
        Some(id) => organisations.into_iter().find(|o| o.id == id),
        None => organisations
            .into_iter()
            .find(|o| Some(o.code.as_str()) == q.organisation.as_deref()),
    };
    let org_query = match (&chosen, staff.account.organisation_id) {
        (Some(o), None) => format!("&organisation={}", o.code),
        _ => String::new(),
    };
    let organisation = chosen.map(|o| o.name);
    let who = staff.who();
    let body = render_document(move || {
        view! { <AdminHomePage lang=lang who=who organisation=organisation org_query=org_query/> }
    });
    html(StatusCode::OK, lang, body)
}

/// `GET /admin/organisations` (the administrator of the instance only).
pub async fn organisations(
    State(state): State<AppState>,
    staff: Staff<InstanceAdmins>,
    Query(q): Query<SavedQuery>,
) -> Response {
    let empty = Named {
        code: String::new(),
        name: String::new(),
    };
    organisations_page(&state, &staff, None, empty, q.saved.is_some()).await
}

async fn organisations_page(
    state: &AppState,
    staff: &Staff<InstanceAdmins>,
    problem: Option<FormProblem>,
    form: Named,
    saved: bool,
) -> Response {
    let lang = staff.lang;
    let list = match db::structure::organisations(&state.db).await {
        Ok(list) => list,
        Err(e) => return failed("admin: reading the organisations", e),
    };
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let view = OrganisationsView {
        who: staff.who(),
        organisations: list
            .into_iter()
            .map(|o| Named {
                code: o.code,
                name: o.name,
            })
            .collect(),
        form,
        problem,
        saved,
    };
    let body = render_document(move || view! { <OrganisationsPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `POST /admin/organisations`: creates an organisation.
pub async fn add_organisation(
    State(state): State<AppState>,
    staff: Staff<InstanceAdmins>,
    Form(f): Form<CodeNameForm>,
) -> Response {
    let lang = staff.lang;
    match db::structure::add_organisation(&state.db, &staff.actor(), &f.code, &f.name, Utc::now())
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "/admin/organisations?lang={}&saved=1",
            lang.code()
        ))
        .into_response(),
        Err(e) => match refusal(e, "organisation", lang) {
            Refusal::Field(problem) => {
                let form = Named {
                    code: f.code,
                    name: f.name,
                };
                organisations_page(&state, &staff, Some(problem), form, false).await
            }
            Refusal::Page(resp) => resp,
        },
    }
}

/// `GET /admin/journal`: the organisation's entries (the whole instance's for an admin).
pub async fn journal(State(state): State<AppState>, staff: Staff<Managers>) -> Response {
    let lang: Lang = staff.lang;
    let entries =
        match db::audit::latest(&state.db, staff.account.organisation_id, AUDIT_LINES).await {
            Ok(e) => e,
            Err(e) => return failed("admin: reading the audit log", e),
        };
    let lines = entries
        .into_iter()
        .map(|e| AuditLine {
            at: e
                .at
                .with_timezone(&Paris)
                .format("%d/%m/%Y %H:%M:%S")
                .to_string(),
            actor: e.actor,
            action: e.action,
            subject: e.subject,
            before: e.before,
            after: e.after,
        })
        .collect();
    let who = staff.who();
    let body = render_document(move || view! { <AuditPage lang=lang who=who lines=lines/> });
    html(StatusCode::OK, lang, body)
}
