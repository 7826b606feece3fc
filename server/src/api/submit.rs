//! The API's submission routes, for the appointment system and kiosks: one-time survey links
//! (each takes one answer, counted as verified) and anonymous answers in JSON, checked like the
//! visitor's form.

use super::error::{ApiError, ErrorBody, FieldProblem};
use super::input::body;
use super::token::Token;
use crate::http::access::{AnyRole, Managers};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::Utc;
use db::audit::Actor;
use db::visitor::SubmitOutcome;
use domain::{Lang, TouchpointCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Body of `POST /api/v1/survey-links`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LinksRequest {
    /// The touchpoint whose survey the links open (the counter of the appointment).
    touchpoint: String,
    /// How many links, one per appointment: 1 to 500 (default 1).
    #[serde(default = "one")]
    count: u32,
    /// Days each link stays valid: 1 to 90 (default 14).
    #[serde(default = "fortnight")]
    valid_days: u32,
}

fn one() -> u32 {
    1
}

fn fortnight() -> u32 {
    14
}

/// Answer of `POST /api/v1/survey-links`.
#[derive(Debug, Serialize, ToSchema)]
pub struct IssuedLinks {
    /// The touchpoint.
    touchpoint: String,
    /// When the links stop working.
    #[schema(value_type = String, format = DateTime)]
    expires_at: chrono::DateTime<Utc>,
    /// One address per appointment, to send to the visitor (shown only now: only a hash is
    /// kept).
    links: Vec<String>,
}

/// `POST /api/v1/survey-links`: one-time survey links for the appointment system, one per
/// appointment. Each takes one response, counted as verified (invited) in the results; nothing
/// ties a link to the response it produced.
#[utoipa::path(
    post,
    path = "/api/v1/survey-links",
    tag = "submission",
    request_body = LinksRequest,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The links", body = IssuedLinks),
        (status = 400, description = "The body is refused", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not change the organisation", body = ErrorBody),
        (status = 404, description = "No such touchpoint in the organisation", body = ErrorBody),
        (status = 409, description = "The touchpoint is deactivated", body = ErrorBody),
    )
)]
pub async fn issue_links(
    State(state): State<AppState>,
    Token { access, .. }: Token<Managers>,
    bytes: Bytes,
) -> Result<(StatusCode, Json<IssuedLinks>), ApiError> {
    let request: LinksRequest = body(&bytes)?;
    let issued = db::survey_links::issue_links(
        &state.db,
        &Actor::Token(access.name.clone()),
        access.organisation_id,
        &request.touchpoint,
        request.count,
        request.valid_days,
        Utc::now(),
    )
    .await?;
    let base = state.config.survey_url(&issued.touchpoint);
    Ok((
        StatusCode::CREATED,
        Json(IssuedLinks {
            links: issued
                .secrets
                .iter()
                .map(|s| format!("{base}?i={s}"))
                .collect(),
            touchpoint: issued.touchpoint,
            expires_at: issued.expires_at,
        }),
    ))
}

/// Body of `POST /api/v1/touchpoints/{code}/responses`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Submission {
    /// Question code -> answer code (or free text), as `GET /api/v1/surveys` lists them.
    answers: std::collections::BTreeMap<String, String>,
    /// `fr` (default) or `en`.
    #[serde(default)]
    language: Option<String>,
    /// A key unique to this answer (8 to 64 letters, digits or dashes): sending the same answer
    /// twice stores it once.
    idempotency_key: String,
    /// The secret of a one-time survey link (the `i` of its address), if the visitor came with
    /// one: the answer is then verified.
    #[serde(default)]
    link: Option<String>,
}

/// Answer of `POST /api/v1/touchpoints/{code}/responses`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Submitted {
    /// `stored`, or `replayed` when this idempotency key was already stored (nothing written).
    status: &'static str,
    /// Whether it counts as an invited (verified) answer.
    verified: bool,
}

/// `POST /api/v1/touchpoints/{code}/responses`: a kiosk's (or an app's) anonymous answer to the
/// touchpoint's survey online, checked like the visitor's form. Any token of the touchpoint's
/// organisation may send it.
#[utoipa::path(
    post,
    path = "/api/v1/touchpoints/{code}/responses",
    tag = "submission",
    params(("code" = String, Path, description = "The touchpoint's code")),
    request_body = Submission,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Stored (or already stored with this key)", body = Submitted),
        (status = 400, description = "The body is refused", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 404, description = "No such touchpoint in the token's organisation", body = ErrorBody),
        (status = 409, description = "The touchpoint is deactivated or its survey closed", body = ErrorBody),
        (status = 410, description = "The one-time link has served or expired", body = ErrorBody),
        (status = 422, description = "Answers refused; `fields` says which and why", body = ErrorBody),
        (status = 429, description = "This token sent more answers this hour than `API_MAX_PER_TOKEN_PER_HOUR`", body = ErrorBody),
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    Token { access, .. }: Token<AnyRole>,
    Path(code): Path<String>,
    bytes: Bytes,
) -> Result<(StatusCode, Json<Submitted>), ApiError> {
    if let Some(limiter) = &state.token_limiter
        && limiter.check_key(&access.id).is_err()
    {
        tracing::warn!(token = access.id, "submissions per token ceiling reached");
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many",
            "this token sent as many answers as it may in an hour (API_MAX_PER_TOKEN_PER_HOUR)",
        ));
    }
    let submission: Submission = body(&bytes)?;
    let missing = || ApiError::not_found("no such touchpoint in this token's organisation");
    let code = TouchpointCode::parse(code.trim()).map_err(|_| missing())?;
    let tp = db::visitor::find_touchpoint(&state.db, &code)
        .await?
        .filter(|tp| {
            access
                .organisation_id
                .is_none_or(|o| o == tp.organisation_id)
        })
        .ok_or_else(missing)?;
    let Some(version) = tp.version.clone().filter(|_| tp.takes_answers()) else {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "closed",
            "this touchpoint takes no answers (deactivated, survey closed or never published)",
        ));
    };
    let key = submission.idempotency_key.trim();
    if !(8..=64).contains(&key.len()) || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(ApiError::bad_request(
            "idempotency_key must be 8 to 64 letters, digits or dashes",
        ));
    }
    let language = match submission.language.as_deref() {
        None => Lang::Fr,
        Some(raw) => Lang::parse(raw).ok_or_else(|| {
            ApiError::bad_request(format!("language must be fr or en, not {raw:?}"))
        })?,
    };
    let unknown: Vec<FieldProblem> = submission
        .answers
        .keys()
        .filter(|code| {
            !version
                .definition
                .questions
                .iter()
                .any(|q| q.code.as_str() == code.trim())
        })
        .map(|code| FieldProblem {
            field: code.clone(),
            message: "not a question of the survey version online".into(),
        })
        .collect();
    if !unknown.is_empty() {
        return Err(ApiError {
            fields: unknown,
            ..ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_answers",
                "some answers are refused: see fields",
            )
        });
    }
    // The same check as the visitor's form, whose fields are `q_` and the question's code.
    let fields: Vec<(String, String)> = submission
        .answers
        .into_iter()
        .map(|(code, value)| (format!("q_{}", code.trim()), value))
        .collect();
    let parsed =
        domain::parse_submission(&version.definition, &fields).map_err(|errors| ApiError {
            fields: errors
                .iter()
                .map(|e| FieldProblem {
                    field: e.question.as_str().to_owned(),
                    message: match e.problem {
                        domain::FieldProblem::Missing => "this question requires an answer",
                        domain::FieldProblem::NotAnOption => {
                            "not one of this question's answer codes"
                        }
                        domain::FieldProblem::TooLong => "longer than 2,000 characters",
                    }
                    .to_owned(),
                })
                .collect(),
            ..ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_answers",
                "some answers are refused: see fields",
            )
        })?;
    let link = submission
        .link
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let arrival = db::visitor::Arrival {
        idempotency_key: key,
        link,
        now: Utc::now(),
    };
    let outcome = db::visitor::submit_response(
        &state.db,
        tp.touchpoint_id,
        &version,
        language,
        &parsed,
        arrival,
    )
    .await?;
    let status = match outcome {
        SubmitOutcome::Stored => "stored",
        SubmitOutcome::Replayed => "replayed",
        SubmitOutcome::LinkSpent => {
            return Err(ApiError::new(
                StatusCode::GONE,
                "link_spent",
                "this one-time link has already served, has expired or does not exist",
            ));
        }
    };
    Ok((
        StatusCode::CREATED,
        Json(Submitted {
            status,
            verified: link.is_some(),
        }),
    ))
}
