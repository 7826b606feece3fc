//! The API's errors: every one is JSON, `{"error": {"code", "message", "fields"?}}`, with a
//! stable code and a sentence a person can act on; never a 500 for bad input.

use crate::http::params::ParamError;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::Lang;
use serde::Serialize;
use utoipa::ToSchema;

/// The body of every error: `{"error": {"code", "message"}}`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    /// The error.
    pub error: ErrorDetail,
}

/// An error's stable code and message.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable code: `bad_request`, `unauthenticated`, `forbidden`, `not_found`, `unavailable`.
    #[schema(example = "bad_request")]
    pub code: String,
    /// What went wrong, in English.
    pub message: String,
}

/// A refused field of a request body.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FieldProblem {
    /// The field (or question code).
    pub field: String,
    /// Why, in English.
    pub message: String,
}

/// An API error: a stable code and a sentence a person can act on.
#[derive(Debug, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    pub(crate) status: StatusCode,
    /// Stable machine-readable code.
    pub code: &'static str,
    /// What went wrong, in English.
    pub message: String,
    /// The refused fields, when a body was refused field by field.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldProblem>,
}

impl ApiError {
    /// An error with its status, code and message.
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub(crate) fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, "not_found", message)
    }

    pub(crate) fn unavailable(e: impl std::fmt::Display) -> ApiError {
        tracing::error!(error = %e, "API: database error");
        ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "the database could not answer; try again shortly",
        )
    }
}

impl From<db::DbError> for ApiError {
    fn from(e: db::DbError) -> Self {
        use db::DbError;
        if e.is_duplicate() {
            return ApiError::new(
                StatusCode::CONFLICT,
                "conflict",
                "the same thing was created at the same moment; it exists now",
            );
        }
        match e {
            DbError::NotFound(what) => ApiError::not_found(format!("{what} does not exist here")),
            DbError::Conflict(why) => ApiError::new(StatusCode::CONFLICT, "conflict", why),
            DbError::Invalid(why) => ApiError::bad_request(why),
            DbError::Field { field, en, .. } => ApiError {
                fields: vec![FieldProblem {
                    field,
                    message: en.clone(),
                }],
                ..ApiError::bad_request(en)
            },
            e @ (DbError::Db(_) | DbError::Corrupt(_)) => ApiError::unavailable(e),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status;
        let mut resp = (status, Json(serde_json::json!({ "error": self }))).into_response();
        if status == StatusCode::UNAUTHORIZED {
            resp.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        resp
    }
}

impl From<ParamError> for ApiError {
    fn from(e: ParamError) -> Self {
        ApiError::bad_request(e.message(Lang::En))
    }
}
