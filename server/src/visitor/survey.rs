//! The visitor's survey: GET shows the form, POST stores the answer (post/redirect/get), then
//! the thank-you page. No script, no wasm: the plain form is the experience.

use crate::http::client::ClientAddress;
use crate::http::language::page_language;
use crate::http::pages::{html, notice};
use crate::http::session::cookies;
use crate::state::AppState;
use app::pages::visitor::notice::Notice;
use app::pages::visitor::survey::{Place, SurveyForm, SurveyPage};
use app::render_document;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use db::visitor::{SubmitOutcome, TouchpointSurvey};
use domain::{Lang, TouchpointCode, parse_submission};
use leptos::prelude::*;
use serde::Deserialize;

/// `?lang=` and `?i=` on the visitor's pages.
#[derive(Debug, Deserialize, Default)]
pub struct SurveyQuery {
    lang: Option<String>,
    /// The secret of a one-time invitation link (`/q/{code}?i=...`).
    i: Option<String>,
}

fn place(tp: &TouchpointSurvey, lang: Lang) -> Place {
    Place {
        site: tp.site_name.clone(),
        service: tp.service_name.get(lang).to_owned(),
    }
}

/// Today in Europe/Paris, the day a visitor lives in.
fn today() -> NaiveDate {
    Utc::now().with_timezone(&Paris).date_naive()
}

fn cookie_name(code: &TouchpointCode) -> String {
    format!("answered_{}", code.as_str().replace('-', "_"))
}

/// How many answers this device already gave today at this touchpoint (from its cookie,
/// which holds only `date.count`: nothing that identifies the person).
fn answered_today(headers: &HeaderMap, code: &TouchpointCode) -> u32 {
    let name = cookie_name(code);
    let today = today().format("%Y-%m-%d").to_string();
    cookies(headers, &name)
        .filter_map(|v| v.split_once('.'))
        .filter(|(day, _)| *day == today)
        .filter_map(|(_, n)| n.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
}

fn answered_cookie(state: &AppState, code: &TouchpointCode, count: u32) -> Option<HeaderValue> {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{}={}.{count}; Path=/q/{}; Max-Age=86400; HttpOnly; SameSite=Lax{secure}",
        cookie_name(code),
        today().format("%Y-%m-%d"),
        code
    ))
    .ok()
}

fn device_limit_reached(state: &AppState, headers: &HeaderMap, code: &TouchpointCode) -> bool {
    let limit = state.config.max_per_device_per_day;
    limit > 0 && answered_today(headers, code) >= limit
}

/// What a rendered form carries besides the questions.
struct FormState {
    values: Vec<(String, String)>,
    errors: Vec<domain::FieldError>,
    idempotency_key: String,
    link: Option<String>,
}

fn render_form(
    tp: &TouchpointSurvey,
    version: &db::survey::PublishedVersion,
    lang: Lang,
    state: FormState,
) -> String {
    let FormState {
        values,
        errors,
        idempotency_key,
        link,
    } = state;
    let languages = version.definition.languages();
    let lang = if languages.contains(&lang) {
        lang
    } else {
        Lang::Fr
    };
    let form = SurveyForm {
        lang,
        languages,
        code: tp.code.to_string(),
        title: tp.survey_title.get(lang).to_owned(),
        place: place(tp, lang),
        version_id: version.id,
        idempotency_key,
        link,
        questions: version.definition.questions.clone(),
        values,
        errors,
    };
    render_document(move || view! { <SurveyPage form=form/> })
}

/// The touchpoint of a code, or the page that says why there is none.
pub(crate) async fn lookup(
    state: &AppState,
    raw_code: &str,
    lang: Lang,
) -> Result<TouchpointSurvey, Response> {
    let Ok(code) = TouchpointCode::parse(raw_code) else {
        return Err(notice(StatusCode::NOT_FOUND, lang, Notice::NotFound, None));
    };
    match db::visitor::find_touchpoint(&state.db, &code).await {
        Ok(Some(tp)) => Ok(tp),
        Ok(None) => Err(notice(StatusCode::NOT_FOUND, lang, Notice::NotFound, None)),
        Err(e) => {
            tracing::error!(error = %e, code = %code, "loading a touchpoint failed");
            Err(notice(
                StatusCode::SERVICE_UNAVAILABLE,
                lang,
                Notice::ServerError,
                None,
            ))
        }
    }
}

/// `GET /q/{code}`: the survey form.
pub async fn show_survey(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<SurveyQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = page_language(query.lang.as_deref(), &headers);
    let tp = match lookup(&state, &code, lang).await {
        Ok(tp) => tp,
        Err(resp) => return resp,
    };
    let code = Some(tp.code.as_str());
    if !tp.active {
        return notice(StatusCode::GONE, lang, Notice::Retired, code);
    }
    let Some(version) = tp.version.as_ref().filter(|_| tp.takes_answers()) else {
        return notice(StatusCode::OK, lang, Notice::Closed, code);
    };
    let link = query.i.as_deref().map(str::trim).filter(|s| !s.is_empty());
    // A link is not looked up here: the page is the same whether it has served or not, so that
    // probing a link tells nobody when its visitor answered. It is checked when the answer is
    // posted, and refused then with the words of any spent link.
    // One answer a day per device, unless the visitor came with an invitation (one answer per
    // appointment, whatever the device gave before).
    if link.is_none() && device_limit_reached(&state, &headers, &tp.code) {
        return notice(StatusCode::OK, lang, Notice::AlreadyAnswered, code);
    }
    let form = FormState {
        values: vec![],
        errors: vec![],
        idempotency_key: uuid::Uuid::new_v4().to_string(),
        link: link.map(str::to_owned),
    };
    html(StatusCode::OK, lang, render_form(&tp, version, lang, form))
}

/// `GET /q/{code}/merci`: the thank-you page.
pub async fn thank_you(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<SurveyQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = page_language(query.lang.as_deref(), &headers);
    match lookup(&state, &code, lang).await {
        Ok(tp) => notice(StatusCode::OK, lang, Notice::Thanks, Some(tp.code.as_str())),
        Err(resp) => resp,
    }
}

fn valid_key(key: &str) -> bool {
    (8..=64).contains(&key.len()) && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// `POST /q/{code}`: checks, stores all or nothing, then redirects to the thank-you page.
pub async fn submit_survey(
    State(state): State<AppState>,
    client: ClientAddress,
    Path(code): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    // The language the form was in is only known after reading it; until then, the header's.
    let mut lang = page_language(None, &headers);
    if let Some(limiter) = &state.address_limiter
        && limiter.check_key(&client.0).is_err()
    {
        tracing::warn!(code = %code, "survey ceiling per address reached");
        return notice(StatusCode::TOO_MANY_REQUESTS, lang, Notice::TooMany, None);
    }
    let limit = match state.config.max_body_bytes {
        0 => usize::MAX,
        n => n,
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    let valid_code = TouchpointCode::parse(&code).ok();
    let code_ref = valid_code.as_ref().map(TouchpointCode::as_str);
    if declared.is_some_and(|n| n > limit) {
        return notice(
            StatusCode::PAYLOAD_TOO_LARGE,
            lang,
            Notice::TooLarge,
            code_ref,
        );
    }
    let is_form = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return notice(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            lang,
            Notice::BadRequest,
            code_ref,
        );
    }
    let Ok(bytes) = axum::body::to_bytes(body, limit).await else {
        return notice(
            StatusCode::PAYLOAD_TOO_LARGE,
            lang,
            Notice::TooLarge,
            code_ref,
        );
    };
    let Ok(fields) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes) else {
        return notice(StatusCode::BAD_REQUEST, lang, Notice::BadRequest, code_ref);
    };
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    if let Some(l) = field("lang").and_then(Lang::parse) {
        lang = l;
    }
    let tp = match lookup(&state, &code, lang).await {
        Ok(tp) => tp,
        Err(resp) => return resp,
    };
    let code = tp.code.clone();
    if !tp.active {
        return notice(StatusCode::GONE, lang, Notice::Retired, Some(code.as_str()));
    }
    if !tp.takes_answers() {
        return notice(
            StatusCode::CONFLICT,
            lang,
            Notice::Closed,
            Some(code.as_str()),
        );
    }
    let Some(key) = field("idem").filter(|k| valid_key(k)).map(str::to_owned) else {
        return notice(
            StatusCode::BAD_REQUEST,
            lang,
            Notice::BadRequest,
            Some(code.as_str()),
        );
    };
    let thanks = format!("/q/{code}/merci?lang={}", lang.code());
    let link = field("i").map(str::trim).filter(|s| !s.is_empty());
    if link.is_none() && device_limit_reached(&state, &headers, &code) {
        // A retried POST of a form already stored is not a second answer.
        return match db::visitor::receipt_exists(&state.db, tp.touchpoint_id, &key).await {
            Ok(true) => Redirect::to(&thanks).into_response(),
            _ => notice(
                StatusCode::TOO_MANY_REQUESTS,
                lang,
                Notice::AlreadyAnswered,
                Some(code.as_str()),
            ),
        };
    }
    let version_id = field("sv").and_then(|v| v.parse::<i32>().ok());
    let version = match db::visitor::version_for_form(&state.db, &tp, version_id, Utc::now()).await
    {
        Ok(Some(v)) => v,
        Ok(None) => {
            return notice(
                StatusCode::CONFLICT,
                lang,
                Notice::Closed,
                Some(code.as_str()),
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "loading a survey version failed");
            return notice(
                StatusCode::SERVICE_UNAVAILABLE,
                lang,
                Notice::ServerError,
                Some(code.as_str()),
            );
        }
    };
    let parsed = match parse_submission(&version.definition, &fields) {
        Ok(p) => p,
        Err(errors) => {
            let form = FormState {
                values: fields.clone(),
                errors,
                idempotency_key: key,
                link: link.map(str::to_owned),
            };
            let body = render_form(&tp, &version, lang, form);
            return html(StatusCode::UNPROCESSABLE_ENTITY, lang, body);
        }
    };
    let arrival = db::visitor::Arrival {
        idempotency_key: &key,
        link,
        now: Utc::now(),
    };
    let outcome = db::visitor::submit_response(
        &state.db,
        tp.touchpoint_id,
        &version,
        lang,
        &parsed,
        arrival,
    )
    .await;
    match outcome {
        Ok(SubmitOutcome::LinkSpent) => notice(StatusCode::GONE, lang, Notice::LinkSpent, None),
        Ok(outcome) => {
            let mut resp = Redirect::to(&thanks).into_response();
            if outcome == SubmitOutcome::Stored {
                let count = answered_today(&headers, &code) + 1;
                if let Some(cookie) = answered_cookie(&state, &code, count) {
                    resp.headers_mut().insert(header::SET_COOKIE, cookie);
                }
            }
            resp
        }
        Err(e) => {
            tracing::error!(error = %e, code = %code, "storing a response failed");
            notice(
                StatusCode::SERVICE_UNAVAILABLE,
                lang,
                Notice::ServerError,
                Some(code.as_str()),
            )
        }
    }
}
