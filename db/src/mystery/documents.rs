//! The stored JSON documents of mystery tests (grids, referential, answers, context).

use crate::{DbError, DbResult};

/// Reads a stored JSON document.
pub(crate) fn read<T: serde::de::DeserializeOwned>(raw: &str, what: &str) -> DbResult<T> {
    serde_json::from_str(raw).map_err(|e| DbError::Corrupt(format!("{what}: {e}")))
}

/// Writes a JSON document to store.
pub(crate) fn write<T: serde::Serialize>(value: &T) -> DbResult<String> {
    serde_json::to_string(value).map_err(|e| DbError::Corrupt(format!("encoding: {e}")))
}
