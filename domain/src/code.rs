//! Short codes that appear in URLs and exports: parsed once at the edge.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Empty or longer than the limit.
    #[error("a code has between 1 and {max} characters")]
    Length {
        /// The longest code accepted.
        max: usize,
    },
    /// A character outside the allowed set.
    #[error("a code uses lowercase letters, digits and {extra}")]
    Charset {
        /// The punctuation allowed besides letters and digits.
        extra: &'static str,
    },
}

fn check(raw: &str, max: usize, extra: &'static [char]) -> Result<(), CodeError> {
    if raw.is_empty() || raw.len() > max {
        return Err(CodeError::Length { max });
    }
    let ok = raw
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || extra.contains(&c));
    let edges_ok = !raw.starts_with(extra) && !raw.ends_with(extra);
    if ok && edges_ok {
        Ok(())
    } else {
        Err(CodeError::Charset {
            extra: if extra == ['-'] {
                "hyphens"
            } else {
                "underscores"
            },
        })
    }
}

/// The short code of a touchpoint, as printed under its QR code (`belfort-accueil`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TouchpointCode(String);

impl TouchpointCode {
    /// Longest accepted code: short enough to type from a poster.
    pub const MAX_LEN: usize = 48;

    /// Parses a code: lowercase letters, digits and inner hyphens.
    pub fn parse(raw: &str) -> Result<Self, CodeError> {
        check(raw, Self::MAX_LEN, &['-'])?;
        Ok(Self(raw.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The stable code of a question (`overall`, `courtesy`): the column name in exports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct QuestionCode(String);

impl QuestionCode {
    /// Longest accepted code.
    pub const MAX_LEN: usize = 40;

    /// Parses a code: lowercase letters, digits and inner underscores.
    pub fn parse(raw: &str) -> Result<Self, CodeError> {
        check(raw, Self::MAX_LEN, &['_'])?;
        Ok(Self(raw.to_owned()))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! string_newtype_impls {
    ($t:ty) => {
        impl TryFrom<String> for $t {
            type Error = CodeError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }
        impl From<$t> for String {
            fn from(value: $t) -> Self {
                value.0
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
string_newtype_impls!(TouchpointCode);
string_newtype_impls!(QuestionCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn touchpoint_codes_accept_what_a_poster_prints() {
        assert!(TouchpointCode::parse("belfort-accueil").is_ok());
        assert!(TouchpointCode::parse("pan2").is_ok());
    }

    #[test]
    fn touchpoint_codes_refuse_what_would_break_a_url_or_confuse_a_reader() {
        for bad in [
            "",
            "Belfort",
            "a b",
            "-x",
            "x-",
            "é",
            "../etc",
            "a_b",
            &"x".repeat(49),
        ] {
            assert!(TouchpointCode::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn question_codes_use_underscores() {
        assert!(QuestionCode::parse("very_good").is_ok());
        assert!(QuestionCode::parse("very-good").is_err());
    }
}
