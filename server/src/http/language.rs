//! The language of a page: `?lang=` when given and known, else the browser's
//! `Accept-Language`; and [`PageLang`], the extractor of the pages anyone may open.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use domain::Lang;
use std::convert::Infallible;

/// The page's language: `?lang=` when given and known, else the browser's `Accept-Language`.
pub fn page_language(asked: Option<&str>, headers: &HeaderMap) -> Lang {
    asked.and_then(Lang::parse).unwrap_or_else(|| {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::negotiate)
            .unwrap_or_default()
    })
}

/// The `lang` of a request's query string, if any.
pub fn query_lang(parts: &Parts) -> Option<String> {
    query_value(parts, "lang")
}

/// The first value of `name` in a request's query string.
pub fn query_value(parts: &Parts, name: &str) -> Option<String> {
    let query = parts.uri.query()?;
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

/// The language of a request: `?lang=`, else the browser's.
pub fn request_language(parts: &Parts) -> Lang {
    page_language(query_lang(parts).as_deref(), &parts.headers)
}

/// The language of a page anyone may open.
#[derive(Debug, Clone, Copy)]
pub struct PageLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Infallible> {
        Ok(PageLang(request_language(parts)))
    }
}
