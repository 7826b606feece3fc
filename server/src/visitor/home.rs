//! The home page (`/`): what the product is, and every touchpoint with its survey and poster.

use crate::http::language::PageLang;
use crate::http::pages::{failed, html};
use crate::state::AppState;
use app::pages::visitor::home::{HomePage, TouchpointSummary};
use app::render_document;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;

/// `GET /`.
pub async fn home(State(state): State<AppState>, PageLang(lang): PageLang) -> Response {
    let touchpoints = match db::export::list_touchpoints(&state.db, None).await {
        Ok(list) => list
            .into_iter()
            .map(|t| TouchpointSummary {
                code: t.code,
                name: t.name,
                channel: t.channel,
                active: t.active,
            })
            .collect(),
        Err(e) => return failed("home: listing touchpoints", e),
    };
    let body = render_document(move || view! { <HomePage lang=lang touchpoints=touchpoints/> });
    html(StatusCode::OK, lang, body)
}

/// Any other address: the 404 page.
pub async fn no_such_page(PageLang(lang): PageLang) -> Response {
    crate::http::pages::notice(
        StatusCode::NOT_FOUND,
        lang,
        app::pages::visitor::notice::Notice::NoSuchPage,
        None,
    )
}
