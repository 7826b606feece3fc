//! Checks of what people type, shared by every repository that takes a form: codes, names,
//! control characters, and the field error each refusal becomes.

use crate::{DbError, DbResult};
use domain::TouchpointCode;

/// Longest accepted name.
pub const NAME_MAX_CHARS: usize = 120;

/// A field the screen marks, and why (in French and English).
pub(crate) fn invalid(field: &str, fr: impl Into<String>, en: impl Into<String>) -> DbError {
    DbError::Field {
        field: field.to_owned(),
        fr: fr.into(),
        en: en.into(),
    }
}

/// A code (lower-case letters, digits, inner hyphens), or the field error that says how.
pub(crate) fn checked_code(field: &str, raw: &str) -> DbResult<String> {
    let code = raw.trim();
    TouchpointCode::parse(code)
        .map(|c| c.as_str().to_owned())
        .map_err(|_| {
            invalid(
                field,
                format!(
                    "Code : lettres minuscules, chiffres et tirets intérieurs, 1 à {} caractères.",
                    TouchpointCode::MAX_LEN
                ),
                format!(
                    "Code: lower-case letters, digits and inner hyphens, 1 to {} characters.",
                    TouchpointCode::MAX_LEN
                ),
            )
        })
}

/// Whether a text holds a control character other than a line break or a tab (a NUL cannot
/// even be stored by PostgreSQL).
pub(crate) fn has_control(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// A name on one line, 1 to [`NAME_MAX_CHARS`] characters, or the field error.
pub(crate) fn checked_name(field: &str, raw: &str) -> DbResult<String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(invalid(field, "Nom : à remplir.", "Name: required."));
    }
    if has_control(name) || name.contains(['\n', '\r']) {
        return Err(invalid(
            field,
            "Nom : sur une ligne, sans caractère de contrôle.",
            "Name: on one line, without control characters.",
        ));
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(invalid(
            field,
            format!("Nom : {NAME_MAX_CHARS} caractères au plus."),
            format!("Name: at most {NAME_MAX_CHARS} characters."),
        ));
    }
    Ok(name.to_owned())
}
