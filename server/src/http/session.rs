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

/// The `Set-Cookie` value of a session (`max_age` 0 forgets it).
pub fn session_cookie(state: &AppState, value: &str, max_age: i64) -> Option<HeaderValue> {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
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
    let Some(secret) = cookies(headers, SESSION_COOKIE).next() else {
        return Ok(None);
    };
    db::accounts::session_account(&state.db, secret, Utc::now())
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "session check failed");
            server_error()
        })
}
