//! HTML responses: the security headers of server-rendered pages (no script at all, or the
//! islands' script only), the notice pages (thanks, not found, errors) and the 503 of a failure.

use app::pages::visitor::notice::{Notice, NoticePage};
use app::{render_document, render_document_with_islands};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::Lang;
use leptos::prelude::*;

/// Content-Security-Policy of pages without islands: no script at all. Every response that sets
/// none of its own gets it (see `router::security_headers`).
pub const NO_SCRIPT_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                             form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// A server-rendered HTML page with its status and headers (no script allowed).
pub fn html(status: StatusCode, lang: Lang, body: String) -> Response {
    let mut resp = (status, body).into_response();
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(NO_SCRIPT_CSP),
    );
    h.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    resp
}

/// A notice page with its status; `code` is the touchpoint whose survey it links back to.
pub fn notice(status: StatusCode, lang: Lang, notice: Notice, code: Option<&str>) -> Response {
    let survey_path = code.map(|c| format!("/q/{c}"));
    let switch_path = match (notice, code) {
        (Notice::Thanks, Some(c)) => Some(format!("/q/{c}/merci")),
        (_, Some(c)) => Some(format!("/q/{c}")),
        (_, None) => None,
    };
    let body = render_document(move || {
        view! { <NoticePage lang=lang notice=notice survey_path=survey_path switch_path=switch_path/> }
    });
    html(status, lang, body)
}

/// The 404 page of an unknown address or code (touchpoint, questionnaire, campaign...).
pub fn not_found(lang: Lang) -> Response {
    notice(StatusCode::NOT_FOUND, lang, Notice::NotFound, None)
}

/// The 503 page of a failure on our side (the cause is in the log, not on the page).
pub fn server_error() -> Response {
    notice(
        StatusCode::SERVICE_UNAVAILABLE,
        Lang::Fr,
        Notice::ServerError,
        None,
    )
}

/// A download (a CSV, a PDF) refused for its parameters: 400 with each field's message on its
/// own line, as plain text.
pub fn refused_download(errors: Vec<(String, String)>) -> Response {
    let message: Vec<String> = errors.into_iter().map(|(_, m)| m).collect();
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message.join("\n"),
    )
        .into_response()
}

/// Logs what failed and answers the 503 page.
pub fn failed(what: &str, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "{what} failed");
    server_error()
}

/// A page with islands, rendered with a nonce of its own and answered under the policy that allows
/// its script ([`html_with_islands`]): the one way to serve islands.
pub fn island_page<V: IntoView + 'static>(
    status: StatusCode,
    lang: Lang,
    page: impl FnOnce() -> V,
) -> Response {
    let (body, nonce) = render_document_with_islands(page);
    html_with_islands(status, lang, body, &nonce)
}

/// A server-rendered page with islands: like [`html`], and a Content-Security-Policy that allows
/// exactly what islands need: the one inline script of `nonce` that loads them, their module and
/// wasm from this site (`'wasm-unsafe-eval'` compiles it), and requests to this site (the
/// autosave).
fn html_with_islands(status: StatusCode, lang: Lang, body: String, nonce: &str) -> Response {
    let mut resp = html(status, lang, body);
    let policy = format!(
        "default-src 'none'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         connect-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'"
    );
    match HeaderValue::from_str(&policy) {
        Ok(v) => {
            resp.headers_mut()
                .insert(header::CONTENT_SECURITY_POLICY, v);
            resp
        }
        Err(e) => failed("islands: building the page's security policy", e),
    }
}
