//! Refused forms: a field's problem shown next to it (400), or the error page a refusal calls
//! for; and the small query and form bodies several screens share.

use super::pages::{not_found, server_error};
use app::components::forms::FormProblem;
use axum::response::Response;
use domain::Lang;
use serde::Deserialize;

/// What becomes of a refused change.
pub enum Refusal {
    /// A field of the form is wrong: the page again, with the message next to it.
    Field(FormProblem),
    /// Anything else: this response (404, or 503 after logging).
    Page(Response),
}

/// Sorts a refused change of form `form`: a field's problem (in the page's language) or an
/// error page.
pub fn refusal(e: db::DbError, form: &str, lang: Lang) -> Refusal {
    match e {
        db::DbError::Field { field, fr, en } => Refusal::Field(FormProblem {
            form: form.to_owned(),
            field,
            message: match lang {
                Lang::Fr => fr,
                Lang::En => en,
            },
        }),
        db::DbError::NotFound(_) => Refusal::Page(not_found(lang)),
        duplicate if duplicate.is_duplicate() => Refusal::Field(FormProblem {
            form: form.to_owned(),
            field: "code".into(),
            message: match lang {
                Lang::Fr => "Code : il vient d'être pris par une autre saisie ; choisissez-en un autre ou rechargez la page.".into(),
                Lang::En => "Code: it was just taken by another entry; choose another one or reload the page.".into(),
            },
        }),
        other => {
            tracing::error!(error = %other, "a change failed");
            Refusal::Page(server_error())
        }
    }
}

/// The status of a form's page: 400 when it comes back with a problem, 200 otherwise.
pub fn form_status(problem: &Option<FormProblem>) -> axum::http::StatusCode {
    match problem {
        Some(_) => axum::http::StatusCode::BAD_REQUEST,
        None => axum::http::StatusCode::OK,
    }
}

/// `?saved=1` after a change was saved (post, redirect, get).
#[derive(Debug, Deserialize, Default)]
pub struct SavedQuery {
    /// Present once a change was just saved.
    pub saved: Option<String>,
}

/// The activation form (touchpoints, accounts): `active=true` or `active=false`.
#[derive(Debug, Deserialize, Default)]
pub struct ActiveForm {
    /// `true` or `false`.
    #[serde(default)]
    pub active: String,
}

impl ActiveForm {
    /// The state asked for, when the form says `true` or `false`.
    pub fn state(&self) -> Option<bool> {
        match self.active.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

/// The form of a code and a name (an organisation, a site).
#[derive(Debug, Deserialize, Default)]
pub struct CodeNameForm {
    /// The code.
    #[serde(default)]
    pub code: String,
    /// The name.
    #[serde(default)]
    pub name: String,
}
