//! The privacy notice of a touchpoint's organisation (`GET /q/{code}/confidentialite`), linked
//! from its survey and its poster.

use crate::http::language::PageLang;
use crate::http::pages::{failed, html};
use crate::state::AppState;
use app::pages::visitor::privacy::{PrivacyPage, PrivacyView};
use app::render_document;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;

/// `GET /q/{code}/confidentialite`.
pub async fn notice(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(code): Path<String>,
) -> Response {
    let tp = match super::survey::lookup(&state, &code, lang).await {
        Ok(tp) => tp,
        Err(resp) => return resp,
    };
    let notice = match db::privacy::notice(&state.db, tp.organisation_id).await {
        Ok(Some(n)) => n,
        Ok(None) => return failed("privacy notice", "touchpoint without organisation"),
        Err(e) => return failed("privacy notice", e),
    };
    let retention = match db::retention::settings(&state.db, tp.organisation_id).await {
        Ok(r) => r,
        Err(e) => return failed("privacy notice: retention", e),
    };
    let view = PrivacyView {
        code: tp.code.as_str().to_owned(),
        organisation: notice.organisation,
        controller: notice.controller,
        dpo_contact: notice.dpo_contact,
        free_text_days: retention.free_text_days,
        responses_days: retention.responses_days,
    };
    let body = render_document(move || view! { <PrivacyPage lang=lang view=view/> });
    html(StatusCode::OK, lang, body)
}
