//! The API's read routes: a scope's summary (every indicator with its n and interval, the
//! change against a comparison period, the footfall weighting), the sample-size planner, the
//! organisation's touchpoints and surveys, and its responses page by page.

use super::error::{ApiError, ErrorBody};
use super::token::Token;
use crate::http::access::{RawReaders, Readers};
use crate::http::params::{self, level, method, period};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use db::summary::Scope;
use domain::Lang;
use indicators::Period;
use indicators::scope::summarise_scope;
use indicators::survey::Settings;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Query of `GET /api/v1/summary`: exactly one of `touchpoint`, `site`, `service`, `survey`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SummaryQuery {
    /// A touchpoint code.
    touchpoint: Option<String>,
    /// A site code.
    site: Option<String>,
    /// A service code.
    service: Option<String>,
    /// A survey code.
    survey: Option<String>,
    /// First month (`YYYY-MM`, Europe/Paris), or its first day (`YYYY-MM-DD`), required:
    /// periods are whole months.
    from: Option<String>,
    /// Last month, included (`YYYY-MM`), or its last day, required.
    to: Option<String>,
    /// First month (or its first day) of the earlier period to compare with.
    compare_from: Option<String>,
    /// Last month (or its last day) of the earlier period.
    compare_to: Option<String>,
    /// Interval method: `wilson` (default), `wilson-cc`, `clopper-pearson`, `agresti-coull`,
    /// `jeffreys`, `wald`.
    ci: Option<String>,
    /// Confidence level in (0, 1), default 0.95.
    level: Option<String>,
    /// Which responses: `all` (default), `invited` (through a one-time link after an
    /// appointment, verified) or `open` (through the counter's open QR code).
    source: Option<String>,
}

/// Answer of `GET /api/v1/summary`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SummaryResponse {
    /// Responses in the period, of the source asked.
    respondents: i64,
    /// Of all responses in the period, those given through a one-time link (verified).
    invited_respondents: i64,
    /// The months (`YYYY-MM`) of which some answers are not counted: for one question (or the
    /// respondents) and one origin (invited or open), fewer than `HIDDEN_BELOW` in the month.
    /// Every figure is a sum of such month cells, so that no small group can be read by
    /// differencing two summaries.
    left_out_months: Vec<String>,
    /// The source counted: `all`, `invited` or `open`.
    #[schema(value_type = String, example = "all")]
    source: &'static str,
    /// The interval method used.
    #[schema(value_type = String, example = "wilson")]
    ci: &'static str,
    /// The confidence level used.
    level: f64,
    /// The period.
    period: Period,
    /// The comparison period, when one was asked.
    compare: Option<ComparePeriod>,
    /// Each closed question's counts and indicators.
    questions: Vec<indicators::survey::QuestionSummary>,
    /// The shares weighted by each service's footfall (when the scope spans several services
    /// and footfall was entered for each over the period).
    weighting: indicators::weighting::Weighting,
}

/// The comparison period and its respondents.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComparePeriod {
    /// The period.
    #[serde(flatten)]
    period: Period,
    /// Responses in it.
    respondents: i64,
}

/// `GET /api/v1/summary`: every closed question of a scope over a period, with intervals.
#[utoipa::path(
    get,
    path = "/api/v1/summary",
    tag = "results",
    params(SummaryQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The figures, each with its n and interval", body = SummaryResponse),
        (status = 400, description = "A parameter is missing or wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not read results", body = ErrorBody),
        (status = 404, description = "The code is unknown in the token's organisation", body = ErrorBody),
        (status = 503, description = "The database could not answer", body = ErrorBody),
    )
)]
pub async fn summary(
    State(state): State<AppState>,
    Token { access, .. }: Token<Readers>,
    Query(q): Query<SummaryQuery>,
) -> Result<Json<SummaryResponse>, ApiError> {
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
        .ok_or_else(|| ApiError::bad_request("give the period as from and to (YYYY-MM)"))?;
    let earlier = period(
        "compare_from",
        q.compare_from.as_deref(),
        "compare_to",
        q.compare_to.as_deref(),
    )?;
    let method = method(q.ci.as_deref())?;
    let level = level(q.level.as_deref())?;
    let source = params::source(q.source.as_deref())?;
    let settings = Settings {
        method,
        level,
        fragility: state.config.fragility,
        source,
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
        invited_respondents: summary.invited_respondents,
        left_out_months: summary.left_out,
        source: source.code(),
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
        weighting: summary.weighting,
    }))
}

/// Query of `GET /api/v1/plan/sample-size`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SampleSizeQuery {
    /// Expected proportion in (0, 1), default 0.5 (the most cautious).
    p: Option<String>,
    /// Wanted margin of error in (0, 1), required (0.05 for ±5 points).
    margin: Option<String>,
    /// Confidence level in (0, 1), default 0.95.
    level: Option<String>,
    /// The population (footfall of the period), for the finite-population correction.
    population: Option<String>,
}

/// Answer of `GET /api/v1/plan/sample-size`.
#[derive(Debug, Serialize, ToSchema)]
pub struct SampleSize {
    /// Answers (or tests) needed, rounded up.
    n: u64,
    /// The expected proportion used.
    p: f64,
    /// The margin of error.
    margin: f64,
    /// The confidence level.
    level: f64,
    /// The population, when given.
    population: Option<u64>,
}

/// `GET /api/v1/plan/sample-size`: answers (or tests) needed for a margin of error.
#[utoipa::path(
    get,
    path = "/api/v1/plan/sample-size",
    tag = "results",
    params(SampleSizeQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The sample size", body = SampleSize),
        (status = 400, description = "A parameter is missing or wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not read results", body = ErrorBody),
    )
)]
pub async fn sample_size(
    _: Token<Readers>,
    Query(q): Query<SampleSizeQuery>,
) -> Result<Json<SampleSize>, ApiError> {
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
    Ok(Json(SampleSize {
        n: size.n,
        p,
        margin,
        level,
        population,
    }))
}

/// A touchpoint as the API lists it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TouchpointItem {
    /// Code (the address of its QR code: `/q/{code}`).
    code: String,
    /// Name in French.
    name_fr: String,
    /// Name in English.
    name_en: String,
    /// Its site's code.
    site: String,
    /// Its service's code.
    service: String,
    /// The code of the survey it shows.
    survey: String,
    /// `counter`, `pan`, `phone`, `email` or `web`.
    channel: String,
    /// Whether it takes answers.
    active: bool,
}

/// `GET /api/v1/touchpoints`: the touchpoints of the token's organisation, by code.
#[utoipa::path(
    get,
    path = "/api/v1/touchpoints",
    tag = "structure",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The touchpoints", body = Vec<TouchpointItem>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not read", body = ErrorBody),
        (status = 503, description = "The database could not answer", body = ErrorBody),
    )
)]
pub async fn touchpoints(
    State(state): State<AppState>,
    token: Token<Readers>,
) -> Result<Json<Vec<TouchpointItem>>, ApiError> {
    let mut out = Vec::new();
    for id in token.organisations(&state).await? {
        let s = db::structure::structure(&state.db, id)
            .await
            .map_err(ApiError::unavailable)?;
        out.extend(s.touchpoints.into_iter().map(|t| TouchpointItem {
            name_fr: t.name.get(Lang::Fr).to_owned(),
            name_en: t.name.get(Lang::En).to_owned(),
            code: t.code,
            site: t.site,
            service: t.service,
            survey: t.survey,
            channel: t.channel.code().to_owned(),
            active: t.active,
        }));
    }
    Ok(Json(out))
}

/// A survey as the API lists it, with the questions of its version online.
#[derive(Debug, Serialize, ToSchema)]
pub struct SurveyItem {
    /// Code.
    code: String,
    /// Title in French.
    title_fr: String,
    /// Title in English.
    title_en: String,
    /// `open` or `closed`.
    status: String,
    /// The number of the version online, if one is published.
    version: Option<i32>,
    /// Its questions, in order.
    questions: Vec<QuestionItem>,
}

/// A question of a survey version.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionItem {
    /// Code (the export's column).
    code: String,
    /// `jdma3`, `likert4`, `scale5`, `yes_partly_no`, `single_choice`, `scale0_10`, `free_text`.
    kind: String,
    /// Whether an answer is required.
    required: bool,
    /// Text in French.
    text_fr: String,
    /// Its answer codes, in display order (none for free text).
    answers: Vec<String>,
}

/// `GET /api/v1/surveys`: the surveys of the token's organisation, by code.
#[utoipa::path(
    get,
    path = "/api/v1/surveys",
    tag = "structure",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The surveys", body = Vec<SurveyItem>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not read", body = ErrorBody),
        (status = 503, description = "The database could not answer", body = ErrorBody),
    )
)]
pub async fn surveys(
    State(state): State<AppState>,
    token: Token<Readers>,
) -> Result<Json<Vec<SurveyItem>>, ApiError> {
    let mut out = Vec::new();
    for org in token.organisations(&state).await? {
        for s in db::builder::surveys(&state.db, org)
            .await
            .map_err(ApiError::unavailable)?
        {
            out.push(SurveyItem {
                title_fr: s.title.get(Lang::Fr).to_owned(),
                title_en: s.title.get(Lang::En).to_owned(),
                status: s.status.code().to_owned(),
                version: s.version,
                questions: s
                    .online
                    .map(|d| d.questions)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|q| QuestionItem {
                        code: q.code.as_str().to_owned(),
                        kind: q.kind.code().to_owned(),
                        required: q.required,
                        text_fr: q.text.get(Lang::Fr).to_owned(),
                        answers: q.options.into_iter().map(|o| o.code).collect(),
                    })
                    .collect(),
                code: s.code,
            });
        }
    }
    Ok(Json(out))
}

/// Query of `GET /api/v1/responses`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResponsesQuery {
    /// Only this touchpoint's responses.
    touchpoint: Option<String>,
    /// From this day (YYYY-MM-DD, Europe/Paris), included.
    from: Option<String>,
    /// To this day, included.
    to: Option<String>,
    /// The `next` cursor of the previous page (a response id); from the start when absent.
    after: Option<String>,
    /// Responses per page, 1 to 1000 (default 100).
    limit: Option<String>,
}

/// One response.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResponseItem {
    /// Its id.
    id: i32,
    /// When it was given (UTC): to the hour, to the day (Paris) through a one-time link.
    #[schema(value_type = String, format = DateTime)]
    submitted_at: chrono::DateTime<chrono::Utc>,
    /// Touchpoint code.
    touchpoint: String,
    /// The survey version answered.
    survey_version: i32,
    /// The language the visitor answered in.
    language: String,
    /// Question code -> answer code (or free text).
    answers: std::collections::BTreeMap<String, String>,
}

/// A page of responses.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResponsesPage {
    /// The responses, in id order.
    responses: Vec<ResponseItem>,
    /// The `after` of the next page; absent on the last page.
    next: Option<i32>,
}

/// Most responses per page.
const PAGE_MAX: u64 = 1000;

/// `GET /api/v1/responses`: the organisation's responses, paged, for referents and admins only
/// (anonymous: no address, no identifier is stored with them; their time is kept to the hour, to
/// the day for an answer given through a one-time link).
#[utoipa::path(
    get,
    path = "/api/v1/responses",
    tag = "results",
    params(ResponsesQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "A page of responses", body = ResponsesPage),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "Raw responses are for referents and admins", body = ErrorBody),
        (status = 404, description = "The touchpoint is unknown in the token's organisation", body = ErrorBody),
        (status = 503, description = "The database could not answer", body = ErrorBody),
    )
)]
pub async fn responses(
    State(state): State<AppState>,
    Token { access, .. }: Token<RawReaders>,
    Query(q): Query<ResponsesQuery>,
) -> Result<Json<ResponsesPage>, ApiError> {
    let day = |name: &str, raw: Option<&str>| -> Result<Option<chrono::NaiveDate>, ApiError> {
        raw.map(|r| {
            chrono::NaiveDate::parse_from_str(r.trim(), "%Y-%m-%d").map_err(|_| {
                ApiError::bad_request(format!("{name} must be a date YYYY-MM-DD, not {r:?}"))
            })
        })
        .transpose()
    };
    let from = day("from", q.from.as_deref())?;
    let to = day("to", q.to.as_deref())?;
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return Err(ApiError::bad_request("from is after to"));
    }
    let after = match q.after.as_deref() {
        None => 0,
        Some(raw) => raw
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|n| *n >= 0)
            .ok_or_else(|| {
                ApiError::bad_request(format!("after must be a response id, not {raw:?}"))
            })?,
    };
    let limit = match q.limit.as_deref() {
        None => 100,
        Some(raw) => raw
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| (1..=PAGE_MAX).contains(n))
            .ok_or_else(|| {
                ApiError::bad_request(format!("limit must be 1 to {PAGE_MAX}, not {raw:?}"))
            })?,
    };
    let start = paris_midnight;
    let page = db::export::responses_page(
        &state.db,
        access.organisation_id,
        q.touchpoint.as_deref().map(str::trim),
        from.map(start),
        to.and_then(|d| d.succ_opt()).map(start),
        after,
        limit,
    )
    .await
    .map_err(ApiError::unavailable)?
    .ok_or_else(|| ApiError::not_found("no such touchpoint in this token's organisation"))?;
    let next = (page.len() as u64 == limit)
        .then(|| page.last().map(|r| r.id))
        .flatten();
    // Every read of raw responses (free text included) is in the audit log.
    db::audit::record(
        &state.db,
        chrono::Utc::now(),
        access.organisation_id,
        &db::audit::Actor::Token(access.name.clone()),
        "responses.read",
        &format!(
            "responses of {}",
            q.touchpoint
                .as_deref()
                .map_or("every touchpoint", str::trim)
        ),
        None,
        Some(serde_json::json!({ "after": after, "count": page.len(), "from": from, "to": to })),
    )
    .await
    .map_err(ApiError::unavailable)?;
    Ok(Json(ResponsesPage {
        responses: page
            .into_iter()
            .map(|r| ResponseItem {
                id: r.id,
                submitted_at: r.submitted_at,
                touchpoint: r.touchpoint,
                survey_version: r.survey_version,
                language: r.language,
                answers: r.answers,
            })
            .collect(),
        next,
    }))
}

/// The first moment of a Europe/Paris day.
fn paris_midnight(day: chrono::NaiveDate) -> chrono::DateTime<chrono::Utc> {
    use chrono::TimeZone;
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    chrono_tz::Europe::Paris
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&chrono::Utc))
}
