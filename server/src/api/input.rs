//! Reading what a client sends: JSON bodies refused with a 400 that says why (never axum's
//! plain-text answer), codes in paths.

use super::error::ApiError;
use axum::body::Bytes;
use serde::de::DeserializeOwned;

/// Reads a JSON body, refusing it with a 400 that says why (never axum's plain-text answer).
pub fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, ApiError> {
    // PostgreSQL stores no NUL character in text; refuse it here rather than fail there.
    if bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000")) {
        return Err(ApiError::bad_request("text may not contain NUL characters"));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("the body is not the JSON expected: {e}")))
}

/// A code from the path, or a 404 when it cannot be one (codes are letters, digits, `-`, `_`).
pub fn path_code(raw: &str) -> Result<String, ApiError> {
    let code = raw.trim();
    if (1..=64).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(code.to_owned())
    } else {
        Err(ApiError::not_found(format!(
            "no such code here: {code:.64?}"
        )))
    }
}
