//! The API's write routes: what the administration screens do, for the token of a referent (or
//! an admin token of one organisation), audited under the token's name; and the submission
//! routes of kiosks and of the appointment system (one-time survey links, answers in JSON).

use crate::api::{ApiError, ErrorBody, FieldProblem, authorise, writer};
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use chrono::Utc;
use db::audit::Actor;
use db::tokens::TokenAccess;
use db::visitor::SubmitOutcome;
use domain::{Lang, SurveyDefinition, TouchpointCode};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Reads a JSON body, refusing it with a 400 that says why (never axum's plain-text answer).
fn body<T: DeserializeOwned>(bytes: &Bytes) -> Result<T, ApiError> {
    // PostgreSQL stores no NUL character in text; refuse it here rather than fail there.
    if bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000")) {
        return Err(ApiError::bad_request("text may not contain NUL characters"));
    }
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("the body is not the JSON expected: {e}")))
}

/// A code from the path, or a 404 when it cannot be one (codes are letters, digits, `-`, `_`).
fn path_code(raw: &str) -> Result<String, ApiError> {
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

/// The organisation a writing token acts on, and who it is in the audit log.
fn acting(access: &TokenAccess) -> Result<(i32, Actor), ApiError> {
    let org = access.organisation_id.ok_or_else(|| {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "write routes act on one organisation: use a token created with --organisation",
        )
    })?;
    Ok((org, Actor::Token(access.name.clone())))
}

/// The answer of a creation or a change: the code of what was made or changed.
#[derive(Debug, Serialize, ToSchema)]
pub struct Done {
    /// The code of the site, service, touchpoint or survey.
    code: String,
}

fn done(status: StatusCode, code: &str) -> (StatusCode, Json<Done>) {
    (
        status,
        Json(Done {
            code: code.trim().to_owned(),
        }),
    )
}

type Written = Result<(StatusCode, Json<Done>), ApiError>;

/// Body of `POST /api/v1/sites`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewSite {
    /// Code, unique in the organisation (`prefecture`).
    code: String,
    /// Name (`Préfecture du Loiret`).
    name: String,
}

/// `POST /api/v1/sites`: adds a site.
#[utoipa::path(
    post,
    path = "/api/v1/sites",
    tag = "administration",
    request_body = NewSite,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Done),
        (status = 400, description = "A field is refused", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not change the organisation", body = ErrorBody),
        (status = 409, description = "Created at the same moment by someone else", body = ErrorBody),
    )
)]
pub async fn add_site(State(state): State<AppState>, headers: HeaderMap, bytes: Bytes) -> Written {
    let (org, actor) = acting(&writer(&state, &headers).await?)?;
    let new: NewSite = body(&bytes)?;
    db::structure::add_site(&state.db, &actor, org, &new.code, &new.name, Utc::now()).await?;
    Ok(done(StatusCode::CREATED, &new.code))
}

/// Body of `POST /api/v1/services`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewService {
    /// Code, unique in the organisation (`cert`).
    code: String,
    /// Name in French.
    name_fr: String,
    /// Name in English (French when empty).
    #[serde(default)]
    name_en: String,
}

/// `POST /api/v1/services`: adds a service.
#[utoipa::path(
    post,
    path = "/api/v1/services",
    tag = "administration",
    request_body = NewService,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Done),
        (status = 400, description = "A field is refused", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not change the organisation", body = ErrorBody),
        (status = 409, description = "Created at the same moment by someone else", body = ErrorBody),
    )
)]
pub async fn add_service(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Written {
    let (org, actor) = acting(&writer(&state, &headers).await?)?;
    let new: NewService = body(&bytes)?;
    db::structure::add_service(
        &state.db,
        &actor,
        org,
        &new.code,
        &new.name_fr,
        &new.name_en,
        Utc::now(),
    )
    .await?;
    Ok(done(StatusCode::CREATED, &new.code))
}

/// A touchpoint's fields (`code` only when creating: it is the QR code's address).
#[derive(Debug, Deserialize, ToSchema)]
pub struct TouchpointBody {
    /// Code, unique on the instance (creation only).
    #[serde(default)]
    code: String,
    /// Name in French.
    name_fr: String,
    /// Name in English (French when empty).
    #[serde(default)]
    name_en: String,
    /// Its site's code.
    site: String,
    /// Its service's code.
    service: String,
    /// The code of the survey it shows.
    survey: String,
    /// `counter`, `pan`, `phone`, `email` or `web`.
    channel: String,
}

impl TouchpointBody {
    fn form(self, code: String) -> db::structure::TouchpointForm {
        db::structure::TouchpointForm {
            code,
            name_fr: self.name_fr,
            name_en: self.name_en,
            site: self.site,
            service: self.service,
            survey: self.survey,
            channel: self.channel,
        }
    }
}

/// `POST /api/v1/touchpoints`: adds an active touchpoint.
#[utoipa::path(
    post,
    path = "/api/v1/touchpoints",
    tag = "administration",
    request_body = TouchpointBody,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Done),
        (status = 400, description = "A field is refused", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not change the organisation", body = ErrorBody),
        (status = 409, description = "Created at the same moment by someone else", body = ErrorBody),
    )
)]
pub async fn add_touchpoint(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Written {
    let (org, actor) = acting(&writer(&state, &headers).await?)?;
    let new: TouchpointBody = body(&bytes)?;
    let code = new.code.trim().to_owned();
    let form = new.form(code.clone());
    db::structure::add_touchpoint(&state.db, &actor, org, &form, Utc::now()).await?;
    Ok(done(StatusCode::CREATED, &code))
}

/// `PUT /api/v1/touchpoints/{code}`: changes a touchpoint's name, site, service, survey or
/// channel (its code never changes).
#[utoipa::path(
    put,
    path = "/api/v1/touchpoints/{code}",
    tag = "administration",
    params(("code" = String, Path, description = "The touchpoint's code")),
    request_body = TouchpointBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed", body = Done),
        (status = 400, description = "A field is refused", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not change the organisation", body = ErrorBody),
        (status = 404, description = "No such touchpoint in the organisation", body = ErrorBody),
    )
)]
pub async fn update_touchpoint(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    bytes: Bytes,
) -> Written {
    let (org, actor) = acting(&writer(&state, &headers).await?)?;
    let code = path_code(&code)?;
    let changed: TouchpointBody = body(&bytes)?;
    let form = changed.form(code.clone());
    db::structure::update_touchpoint(&state.db, &actor, org, &code, &form, Utc::now()).await?;
    Ok(done(StatusCode::OK, &code))
}

/// Body of the routes that open or close something.
#[derive(Debug, Deserialize, ToSchema)]
pub struct Switch {
    /// `true` to activate (or open), `false` to deactivate (or close).
    on: bool,
}

/// `PUT /api/v1/touchpoints/{code}/active`: deactivates a touchpoint (its QR code takes no more
/// answers) or reactivates it.
#[utoipa::path(
    put,
    path = "/api/v1/touchpoints/{code}/active",
    tag = "administration",
    params(("code" = String, Path, description = "The touchpoint's code")),
    request_body = Switch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed", body = Done),
        (status = 400, description = "The body is refused", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not change the organisation", body = ErrorBody),
        (status = 404, description = "No such touchpoint in the organisation", body = ErrorBody),
    )
)]
pub async fn set_touchpoint_active(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    bytes: Bytes,
) -> Written {
    let (org, actor) = acting(&writer(&state, &headers).await?)?;
    let code = path_code(&code)?;
    let switch: Switch = body(&bytes)?;
    db::structure::set_touchpoint_active(&state.db, &actor, org, &code, switch.on, Utc::now())
        .await?;
    Ok(done(StatusCode::OK, &code))
}

/// Body of `POST /api/v1/surveys`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewSurvey {
    /// Code, unique in the organisation.
    code: String,
    /// Title in French.
    title_fr: String,
    /// Title in English (French when empty).
    #[serde(default)]
    title_en: String,
}

/// `POST /api/v1/surveys`: adds a survey whose draft starts from the default questionnaire.
#[utoipa::path(
    post,
    path = "/api/v1/surveys",
    tag = "administration",
    request_body = NewSurvey,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "Created", body = Done),
        (status = 400, description = "A field is refused", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not change the organisation", body = ErrorBody),
        (status = 409, description = "Created at the same moment by someone else", body = ErrorBody),
    )
)]
pub async fn add_survey(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Written {
    let (org, actor) = acting(&writer(&state, &headers).await?)?;
    let new: NewSurvey = body(&bytes)?;
    db::builder::add_survey(
        &state.db,
        &actor,
        org,
        &new.code,
        &new.title_fr,
        &new.title_en,
        Utc::now(),
    )
    .await?;
    Ok(done(StatusCode::CREATED, &new.code))
}

/// `PUT /api/v1/surveys/{code}/draft`: replaces the draft's questions (the body is a survey
/// definition, as `GET /api/v1/surveys` describes its questions); publish it to put it online.
#[utoipa::path(
    put,
    path = "/api/v1/surveys/{code}/draft",
    tag = "administration",
    params(("code" = String, Path, description = "The survey's code")),
    request_body(content = Object, description = "`{\"questions\": [{\"code\", \"kind\", \"required\", \"text\": {\"fr\", \"en\"}, \"options\": [{\"code\", \"label\": {\"fr\", \"en\"}}]}]}`"),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The draft is written", body = Done),
        (status = 400, description = "The definition is refused (the message says why)", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not change the organisation", body = ErrorBody),
        (status = 404, description = "No such survey in the organisation", body = ErrorBody),
        (status = 409, description = "Someone changed the draft at the same moment", body = ErrorBody),
    )
)]
pub async fn write_draft(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    bytes: Bytes,
) -> Written {
    let (org, actor) = acting(&writer(&state, &headers).await?)?;
    let code = path_code(&code)?;
    let definition: SurveyDefinition = body(&bytes)?;
    let edit = db::builder::Edit::ReplaceAll(definition);
    db::builder::edit_draft(&state.db, &actor, org, &code, edit, Utc::now()).await?;
    Ok(done(StatusCode::OK, &code))
}

/// Answer of `POST /api/v1/surveys/{code}/publish`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Published {
    /// The survey's code.
    code: String,
    /// The number of the version now online.
    version: i32,
}

/// `POST /api/v1/surveys/{code}/publish`: publishes the draft as the next version.
#[utoipa::path(
    post,
    path = "/api/v1/surveys/{code}/publish",
    tag = "administration",
    params(("code" = String, Path, description = "The survey's code")),
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Published", body = Published),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not change the organisation", body = ErrorBody),
        (status = 404, description = "No such survey in the organisation", body = ErrorBody),
        (status = 409, description = "Nothing to publish, or the draft changed at the same moment", body = ErrorBody),
    )
)]
pub async fn publish(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Result<Json<Published>, ApiError> {
    let (org, actor) = acting(&writer(&state, &headers).await?)?;
    let code = path_code(&code)?;
    let version = db::builder::publish(&state.db, &actor, org, &code, Utc::now()).await?;
    Ok(Json(Published {
        code: code.trim().to_owned(),
        version,
    }))
}

/// `PUT /api/v1/surveys/{code}/open`: closes a survey (its touchpoints take no answers) or
/// reopens it.
#[utoipa::path(
    put,
    path = "/api/v1/surveys/{code}/open",
    tag = "administration",
    params(("code" = String, Path, description = "The survey's code")),
    request_body = Switch,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Changed", body = Done),
        (status = 400, description = "The body is refused", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not change the organisation", body = ErrorBody),
        (status = 404, description = "No such survey in the organisation", body = ErrorBody),
    )
)]
pub async fn set_survey_open(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    bytes: Bytes,
) -> Written {
    let (org, actor) = acting(&writer(&state, &headers).await?)?;
    let code = path_code(&code)?;
    let switch: Switch = body(&bytes)?;
    db::builder::set_open(&state.db, &actor, org, &code, switch.on, Utc::now()).await?;
    Ok(done(StatusCode::OK, &code))
}

/// Body of `PUT /api/v1/figures`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FigureBody {
    /// `footfall`, `call_pickup_rate`, `emails_within_5_days`, `complaints`, `delay_id_cards`,
    /// `delay_driving_licences`, `delay_vehicle_registrations`.
    kind: String,
    /// A service's code, for footfall per service; absent for the whole organisation.
    #[serde(default)]
    service: String,
    /// A month (`2026-03`) or a quarter (`2026-T1`).
    period: String,
    /// The value (a rate in %, a number of days or of people).
    value: f64,
}

/// `PUT /api/v1/figures`: enters (or corrects) a figure that comes from another system.
#[utoipa::path(
    put,
    path = "/api/v1/figures",
    tag = "administration",
    request_body = FigureBody,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "Entered", body = Done),
        (status = 400, description = "A field is refused", body = ErrorBody),
        (status = 401, description = "No valid token", body = ErrorBody),
        (status = 403, description = "The token's role may not change the organisation", body = ErrorBody),
    )
)]
pub async fn set_figure(
    State(state): State<AppState>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Written {
    let (org, actor) = acting(&writer(&state, &headers).await?)?;
    let figure: FigureBody = body(&bytes)?;
    let form = db::figures::FigureForm {
        kind: figure.kind.clone(),
        service: figure.service,
        period: figure.period,
        value: figure.value.to_string(),
    };
    db::figures::set_figure(&state.db, &actor, org, &form, Utc::now()).await?;
    Ok(done(StatusCode::OK, &figure.kind))
}

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
    headers: HeaderMap,
    bytes: Bytes,
) -> Result<(StatusCode, Json<IssuedLinks>), ApiError> {
    let access = writer(&state, &headers).await?;
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
    )
)]
pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    bytes: Bytes,
) -> Result<(StatusCode, Json<Submitted>), ApiError> {
    let access = authorise(&state, &headers, |_| true, "answer").await?;
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
