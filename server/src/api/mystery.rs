//! The API's mystery-test routes: grids, campaigns and a campaign's results (validated tests
//! only), for tokens that read results.

use super::error::{ApiError, ErrorBody};
use super::token::Token;
use crate::http::access::Readers;
use crate::http::params::{level, method};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, Query, State};
use domain::Lang;
use indicators::mystery::{CampaignResults, Settings, campaign_results};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A criterion of a grid.
#[derive(Debug, Serialize, ToSchema)]
pub struct CriterionItem {
    /// Code (`C02`): the form field and the export column.
    code: String,
    /// Label in French.
    label_fr: String,
    /// Label in English.
    label_en: String,
    /// Answer type: `yes_no`, `yes_no_na`, `yes_partly_no`, `scale4`, `scale4_na`, `count`,
    /// `seconds`, `minutes`, `free_text`.
    kind: String,
    /// Pass rule: `{"yes": null}`, `{"at_least": 3}`, `{"at_most": 5}` or `"none"`.
    #[schema(value_type = Object)]
    rule: serde_json::Value,
    /// The engagement it evidences.
    engagement: Option<String>,
    /// Whether a submitted test must answer it (when it applies).
    required: bool,
    /// The criterion and answer it depends on (`{"criterion": "C01", "answer": "yes"}`).
    #[schema(value_type = Option<Object>)]
    applies_when: Option<serde_json::Value>,
}

/// A grid with the criteria of its latest version.
#[derive(Debug, Serialize, ToSchema)]
pub struct GridItem {
    /// Code: `call` and `visit` for the default grids.
    code: String,
    /// Title in French.
    title_fr: String,
    /// `phone` or `counter`.
    channel: String,
    /// The latest version's number.
    version: i32,
    /// The mark out of 10 a test must reach.
    standard: f64,
    /// Its criteria, in form order.
    criteria: Vec<CriterionItem>,
}

/// `GET /api/v1/grids`: the evaluation grids of the token's organisation.
#[utoipa::path(
    get,
    path = "/api/v1/grids",
    tag = "mystery",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The grids", body = Vec<GridItem>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not read results", body = ErrorBody),
        (status = 503, description = "The database could not answer", body = ErrorBody),
    )
)]
pub async fn grids(
    State(state): State<AppState>,
    token: Token<Readers>,
) -> Result<Json<Vec<GridItem>>, ApiError> {
    let mut out = Vec::new();
    for org in token.organisations(&state).await? {
        for g in db::mystery::grids::list(&state.db, org).await? {
            out.push(GridItem {
                criteria: g
                    .definition
                    .criteria
                    .iter()
                    .map(|c| CriterionItem {
                        code: c.code.as_str().to_owned(),
                        label_fr: c.label.get(Lang::Fr).to_owned(),
                        label_en: c.label.get(Lang::En).to_owned(),
                        kind: c.kind.code().to_owned(),
                        rule: serde_json::to_value(c.rule).unwrap_or_default(),
                        engagement: c.engagement.clone(),
                        required: c.required,
                        applies_when: c
                            .applies_when
                            .as_ref()
                            .and_then(|a| serde_json::to_value(a).ok()),
                    })
                    .collect(),
                standard: g.definition.standard,
                title_fr: g.title.get(Lang::Fr).to_owned(),
                code: g.code,
                channel: g.channel,
                version: g.version,
            });
        }
    }
    Ok(Json(out))
}

/// A campaign with its progress.
#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignItem {
    /// Code.
    code: String,
    /// Title.
    title: String,
    /// The grid's code.
    grid: String,
    /// First day.
    #[schema(value_type = String, format = Date)]
    from: chrono::NaiveDate,
    /// Last day.
    #[schema(value_type = String, format = Date)]
    to: chrono::NaiveDate,
    /// Tests planned.
    planned: u32,
    /// Tests made (submitted, returned or validated).
    done: u32,
    /// Tests validated.
    validated: u32,
}

/// `GET /api/v1/campaigns`: the mystery campaigns of the token's organisation, latest first.
#[utoipa::path(
    get,
    path = "/api/v1/campaigns",
    tag = "mystery",
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The campaigns", body = Vec<CampaignItem>),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not read results", body = ErrorBody),
        (status = 503, description = "The database could not answer", body = ErrorBody),
    )
)]
pub async fn campaigns(
    State(state): State<AppState>,
    token: Token<Readers>,
) -> Result<Json<Vec<CampaignItem>>, ApiError> {
    let mut out = Vec::new();
    for org in token.organisations(&state).await? {
        out.extend(
            db::mystery::campaigns::list(&state.db, org)
                .await?
                .into_iter()
                .map(|c| CampaignItem {
                    code: c.code,
                    title: c.title,
                    grid: c.grid,
                    from: c.from,
                    to: c.to,
                    planned: c.progress.planned,
                    done: c.progress.done,
                    validated: c.progress.validated,
                }),
        );
    }
    Ok(Json(out))
}

/// Query of `GET /api/v1/campaigns/{code}/results`.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResultsQuery {
    /// Interval method for rates: `wilson` (default), `wilson-cc`, `clopper-pearson`,
    /// `agresti-coull`, `jeffreys`, `wald`.
    ci: Option<String>,
    /// Confidence level in (0, 1), default 0.95.
    level: Option<String>,
    /// The campaign to compare with; by default the latest earlier campaign on the same grid.
    compare: Option<String>,
}

/// `GET /api/v1/campaigns/{code}/results`: conformity per criterion and engagement, the share
/// of tests meeting the standard and the mean score, each with n and its interval, breakdowns,
/// and the change from the previous campaign; validated tests only.
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{code}/results",
    tag = "mystery",
    params(("code" = String, Path, description = "The campaign's code"), ResultsQuery),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The results", body = CampaignResults),
        (status = 400, description = "A parameter is wrong", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not read results", body = ErrorBody),
        (status = 404, description = "No such campaign in the token's organisation", body = ErrorBody),
        (status = 503, description = "The database could not answer", body = ErrorBody),
    )
)]
pub async fn results(
    State(state): State<AppState>,
    token: Token<Readers>,
    Path(code): Path<String>,
    Query(q): Query<ResultsQuery>,
) -> Result<Json<CampaignResults>, ApiError> {
    let settings = Settings {
        method: method(q.ci.as_deref())?,
        level: level(q.level.as_deref())?,
        fragile_below: state.config.fragility.min_mystery_tests,
    };
    for org in token.organisations(&state).await? {
        let Some(current) =
            db::mystery::results::campaign_tests(&state.db, org, &code, true).await?
        else {
            continue;
        };
        let compare = match q
            .compare
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            Some(c) => Some(c.to_owned()),
            None => db::mystery::results::previous_campaign(&state.db, org, &code).await?,
        };
        let previous = match compare {
            Some(c) => Some(
                db::mystery::results::campaign_tests(&state.db, org, &c, true)
                    .await?
                    .ok_or_else(|| {
                        ApiError::not_found(format!("no campaign {c:?} to compare with"))
                    })?,
            ),
            None => None,
        };
        return Ok(Json(campaign_results(
            &current,
            previous.as_ref(),
            settings,
        )));
    }
    Err(ApiError::not_found(format!(
        "no campaign {:?} in this token's organisation",
        code.chars().take(64).collect::<String>()
    )))
}
