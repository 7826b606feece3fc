//! The home page (`/`): what the product is; it lists no organisation's touchpoints.

use crate::http::language::PageLang;
use crate::http::pages::html;
use app::pages::visitor::home::HomePage;
use app::render_document;
use axum::http::StatusCode;
use axum::response::Response;
use leptos::prelude::*;

/// `GET /`.
pub async fn home(PageLang(lang): PageLang) -> Response {
    let body = render_document(move || view! { <HomePage lang=lang/> });
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
