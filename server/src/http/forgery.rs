//! The forgery check of every form that changes something: a POST from another site is refused
//! with 403. [`SameSite`] is the extractor of the forms anonymous people send (sign-in,
//! invitations); the staff extractors of [`super::access`] make the same check themselves.

use super::language::request_language;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::Lang;

/// Whether a request comes from this site. Browsers say where a request comes from in
/// `Sec-Fetch-Site`; older ones only in `Origin` (which is `null` under our no-referrer policy,
/// and then cannot be checked). A request with neither is not a browser's cross-site form.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return matches!(site, "same-origin" | "none");
    }
    match header("origin") {
        None => true,
        Some("null") => false,
        Some(origin) => {
            let host = header("host").unwrap_or_default();
            origin
                .split_once("://")
                .is_some_and(|(_, rest)| !host.is_empty() && rest == host)
        }
    }
}

/// The 403 answer to a form from another site.
pub fn forbidden(lang: Lang) -> Response {
    let message = match lang {
        Lang::Fr => "Formulaire refusé : il ne vient pas de ce site.",
        Lang::En => "Form refused: it does not come from this site.",
    };
    (StatusCode::FORBIDDEN, message).into_response()
}

/// A form sent from this site; the 403 page otherwise.
#[derive(Debug, Clone, Copy)]
pub struct SameSite;

impl<S: Send + Sync> FromRequestParts<S> for SameSite {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Response> {
        if same_origin(&parts.headers) {
            Ok(SameSite)
        } else {
            Err(forbidden(request_language(parts)))
        }
    }
}
