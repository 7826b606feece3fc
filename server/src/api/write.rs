//! The API's write routes: what the administration screens do (sites, services, touchpoints,
//! surveys and their drafts, figures), for the token of a referent (or an admin token of one
//! organisation), audited under the token's name.

use super::error::{ApiError, ErrorBody};
use super::input::{body, path_code};
use super::token::Writer;
use crate::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::Utc;
use domain::SurveyDefinition;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
pub async fn add_site(
    State(state): State<AppState>,
    Writer {
        organisation_id: org,
        actor,
    }: Writer,
    bytes: Bytes,
) -> Written {
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
    Writer {
        organisation_id: org,
        actor,
    }: Writer,
    bytes: Bytes,
) -> Written {
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
    Writer {
        organisation_id: org,
        actor,
    }: Writer,
    bytes: Bytes,
) -> Written {
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
    Writer {
        organisation_id: org,
        actor,
    }: Writer,
    Path(code): Path<String>,
    bytes: Bytes,
) -> Written {
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
    Writer {
        organisation_id: org,
        actor,
    }: Writer,
    Path(code): Path<String>,
    bytes: Bytes,
) -> Written {
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
    Writer {
        organisation_id: org,
        actor,
    }: Writer,
    bytes: Bytes,
) -> Written {
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
    Writer {
        organisation_id: org,
        actor,
    }: Writer,
    Path(code): Path<String>,
    bytes: Bytes,
) -> Written {
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
    Writer {
        organisation_id: org,
        actor,
    }: Writer,
    Path(code): Path<String>,
) -> Result<Json<Published>, ApiError> {
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
    Writer {
        organisation_id: org,
        actor,
    }: Writer,
    Path(code): Path<String>,
    bytes: Bytes,
) -> Written {
    let code = path_code(&code)?;
    let switch: Switch = body(&bytes)?;
    db::builder::set_open(&state.db, &actor, org, &code, switch.on, Utc::now()).await?;
    Ok(done(StatusCode::OK, &code))
}

/// Body of `PUT /api/v1/figures`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FigureBody {
    /// `footfall`, `call_pickup_rate`, `emails_within_5_days`, `complaints`,
    /// `complaints_answered`, `delay_id_cards`, `delay_driving_licences`,
    /// `delay_vehicle_registrations`.
    kind: String,
    /// A service's code, for footfall per service; absent for the whole organisation.
    #[serde(default)]
    service: String,
    /// A month (`2026-03`) or a quarter (`2026-T1`).
    period: String,
    /// The value (a rate in %, a number of days or of people).
    value: f64,
    /// Where the figure comes from, as the transparency poster prints it (at most 200
    /// characters, one line).
    #[serde(default)]
    #[schema(max_length = 200)]
    source: String,
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
    Writer {
        organisation_id: org,
        actor,
    }: Writer,
    bytes: Bytes,
) -> Written {
    let figure: FigureBody = body(&bytes)?;
    let form = db::figures::FigureForm {
        kind: figure.kind.clone(),
        service: figure.service,
        period: figure.period,
        value: figure.value.to_string(),
        source: figure.source,
    };
    db::figures::set_figure(&state.db, &actor, org, &form, Utc::now()).await?;
    Ok(done(StatusCode::OK, &figure.kind))
}
