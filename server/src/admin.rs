//! The administration screens (referent and admin): the home page and the audit log.

use crate::auth::{require, signed_in};
use crate::results::server_error;
use crate::state::AppState;
use crate::visitor::{LangQuery, html, page_language};
use app::pages::account::{AdminHomePage, AuditLine, AuditPage};
use app::render_document;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use chrono_tz::Europe::Paris;
use domain::Role;
use leptos::prelude::*;

/// Entries shown on the audit page.
const AUDIT_LINES: u64 = 500;

/// `GET /admin`.
pub async fn home(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    let account = match require(&state, &headers, lang, "/admin", Role::manages).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let organisation = match account.organisation_id {
        Some(id) => match db::accounts::organisation_name(&state.db, id).await {
            Ok(name) => name,
            Err(e) => {
                tracing::error!(error = %e, "admin: reading the organisation failed");
                return server_error();
            }
        },
        None => None,
    };
    let who = signed_in(&account);
    let body = render_document(move || {
        view! { <AdminHomePage lang=lang who=who organisation=organisation/> }
    });
    html(StatusCode::OK, lang, body)
}

/// `GET /admin/journal`: the organisation's entries (the whole instance's for an admin).
pub async fn journal(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    let account = match require(&state, &headers, lang, "/admin/journal", Role::manages).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let entries = match db::audit::latest(&state.db, account.organisation_id, AUDIT_LINES).await {
        Ok(e) => e,
        Err(e) => {
            tracing::error!(error = %e, "admin: reading the audit log failed");
            return server_error();
        }
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
    let who = signed_in(&account);
    let body = render_document(move || view! { <AuditPage lang=lang who=who lines=lines/> });
    html(StatusCode::OK, lang, body)
}
