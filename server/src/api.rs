//! The JSON API (`/api/v1/...`): bearer tokens, errors as JSON with a stable code, never a 500
//! for bad input.

use crate::params::{ParamError, Period, level, method, period};
use crate::state::AppState;
use crate::summary::{Settings, summarise_scope};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use db::summary::Scope;
use db::tokens::TokenAccess;
use domain::{Lang, Role};
use serde::{Deserialize, Serialize};

/// An API error: a stable code and a sentence a person can act on.
#[derive(Debug, Serialize)]
pub struct ApiError {
    #[serde(skip)]
    status: StatusCode,
    /// Stable machine-readable code.
    pub code: &'static str,
    /// What went wrong, in English.
    pub message: String,
}

impl ApiError {
    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            code: "bad_request",
            message: message.into(),
        }
    }

    fn not_found(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: message.into(),
        }
    }

    fn unavailable(e: impl std::fmt::Display) -> ApiError {
        tracing::error!(error = %e, "API: database error");
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "unavailable",
            message: "the database could not answer; try again shortly".into(),
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

/// Checks the bearer token and that its role may read results.
async fn reader(state: &AppState, headers: &HeaderMap) -> Result<TokenAccess, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let unauthenticated = || ApiError {
        status: StatusCode::UNAUTHORIZED,
        code: "unauthenticated",
        message: "send a valid API token as `Authorization: Bearer TOKEN`".into(),
    };
    let Some(token) = token else {
        return Err(unauthenticated());
    };
    match db::tokens::authenticate(&state.db, token).await {
        Ok(Some(access)) if access.role != Role::Admin && access.organisation_id.is_none() => {
            Err(ApiError {
                status: StatusCode::FORBIDDEN,
                code: "forbidden",
                message: "this token belongs to no organisation: replace it with one created \
                          with --organisation"
                    .into(),
            })
        }
        Ok(Some(access)) if access.role.reads_results() => Ok(access),
        Ok(Some(_)) => Err(ApiError {
            status: StatusCode::FORBIDDEN,
            code: "forbidden",
            message: "this token's role may not read results".into(),
        }),
        Ok(None) => Err(unauthenticated()),
        Err(e) => Err(ApiError::unavailable(e)),
    }
}

/// Query of `GET /api/v1/summary`.
#[derive(Debug, Deserialize)]
pub struct SummaryQuery {
    touchpoint: Option<String>,
    site: Option<String>,
    service: Option<String>,
    survey: Option<String>,
    from: Option<String>,
    to: Option<String>,
    compare_from: Option<String>,
    compare_to: Option<String>,
    ci: Option<String>,
    level: Option<String>,
}

impl From<ParamError> for ApiError {
    fn from(e: ParamError) -> Self {
        ApiError::bad_request(e.message(Lang::En))
    }
}

/// Answer of `GET /api/v1/summary`.
#[derive(Debug, Serialize)]
pub struct SummaryResponse {
    respondents: i64,
    ci: &'static str,
    level: f64,
    period: Period,
    compare: Option<ComparePeriod>,
    questions: Vec<crate::summary::QuestionSummary>,
}

/// The comparison period and its respondents.
#[derive(Debug, Serialize)]
pub struct ComparePeriod {
    #[serde(flatten)]
    period: Period,
    respondents: i64,
}

/// `GET /api/v1/summary`: every closed question of a scope over a period, with intervals.
pub async fn summary(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<SummaryQuery>,
) -> Result<Json<SummaryResponse>, ApiError> {
    let access = reader(&state, &headers).await?;
    let scopes: Vec<Scope> = [
        q.touchpoint.clone().map(Scope::Touchpoint),
        q.site.clone().map(Scope::Site),
        q.service.clone().map(Scope::Service),
        q.survey.clone().map(Scope::Survey),
    ]
    .into_iter()
    .flatten()
    .collect();
    let [scope] = scopes.as_slice() else {
        return Err(ApiError::bad_request(
            "give exactly one of touchpoint, site, service or survey",
        ));
    };
    let current = period("from", q.from.as_deref(), "to", q.to.as_deref())?
        .ok_or_else(|| ApiError::bad_request("give the period as from and to (YYYY-MM-DD)"))?;
    let earlier = period(
        "compare_from",
        q.compare_from.as_deref(),
        "compare_to",
        q.compare_to.as_deref(),
    )?;
    let method = method(q.ci.as_deref())?;
    let level = level(q.level.as_deref())?;
    let settings = Settings {
        method,
        level,
        fragility: state.config.fragility,
    };
    let Some(summary) = summarise_scope(
        &state.db,
        scope,
        current,
        earlier,
        &settings,
        access.organisation_id,
    )
    .await
    .map_err(ApiError::unavailable)?
    else {
        return Err(ApiError::not_found(format!(
            "no touchpoint matches {scope:?}"
        )));
    };
    Ok(Json(SummaryResponse {
        respondents: summary.respondents,
        ci: method.code(),
        level,
        period: current,
        compare: earlier
            .zip(summary.earlier_respondents)
            .map(|(period, respondents)| ComparePeriod {
                period,
                respondents,
            }),
        questions: summary.summaries,
    }))
}

/// Query of `GET /api/v1/plan/sample-size`.
#[derive(Debug, Deserialize)]
pub struct SampleSizeQuery {
    p: Option<String>,
    margin: Option<String>,
    level: Option<String>,
    population: Option<String>,
}

/// `GET /api/v1/plan/sample-size`: answers (or tests) needed for a margin of error.
pub async fn sample_size(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<SampleSizeQuery>,
) -> Result<Json<serde_json::Value>, ApiError> {
    reader(&state, &headers).await?;
    let number = |name: &str, raw: Option<&str>, default: Option<f64>| -> Result<f64, ApiError> {
        match (raw, default) {
            (None, Some(d)) => Ok(d),
            (None, None) => Err(ApiError::bad_request(format!("{name} is required"))),
            (Some(r), _) => r
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    ApiError::bad_request(format!("{name} must be a number, not {r:?}"))
                }),
        }
    };
    let p = number("p", q.p.as_deref(), Some(0.5))?;
    let margin = number("margin", q.margin.as_deref(), None)?;
    let level = level(q.level.as_deref())?;
    let population = match q.population.as_deref() {
        None => None,
        Some(raw) => Some(
            raw.trim()
                .parse::<u64>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| {
                    ApiError::bad_request(format!(
                        "population must be a whole number above 0, not {raw:?}"
                    ))
                })?,
        ),
    };
    let size = stats::sample_size_proportion(p, margin, level, population)
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    Ok(Json(serde_json::json!({
        "n": size.n,
        "p": p,
        "margin": margin,
        "level": level,
        "population": population,
    })))
}
