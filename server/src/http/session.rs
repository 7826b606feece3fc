//! The staff's session cookie: its value is the session's secret (only its hash is stored, in
//! the database, so every server of an instance knows every session).

use super::pages::server_error;
use crate::state::AppState;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use chrono::Utc;
use db::accounts::Account;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "qa_session";

/// The session cookie's name: `__Host-qa_session` when the site is served over https (the
/// browser then takes it only from this very host, over https, for the whole site: no
/// subdomain or plain-http page can set or shadow it), `qa_session` otherwise.
pub fn session_cookie_name(state: &AppState) -> &'static str {
    if state.config.secure_cookies() {
        "__Host-qa_session"
    } else {
        SESSION_COOKIE
    }
}

/// The `Set-Cookie` value of a session (`max_age` 0 forgets it).
pub fn session_cookie(state: &AppState, value: &str, max_age: i64) -> Option<HeaderValue> {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}",
        session_cookie_name(state)
    ))
    .ok()
}

/// The values of the cookies called `name` in a request.
pub fn cookies<'a>(headers: &'a HeaderMap, name: &'a str) -> impl Iterator<Item = &'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(move |(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The account of the request's session, if it has a live one.
pub async fn current_account(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<Account>, Response> {
    let Some(secret) = cookies(headers, session_cookie_name(state)).next() else {
        return Ok(None);
    };
    db::accounts::session_account(&state.db, secret, Utc::now())
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "session check failed");
            server_error()
        })
}
