//! One's own account (`/compte`): changing one's password (throttled like signing in; the
//! other sessions end) and signing out of every device; and the password reset link
//! (`/reinitialiser/{secret}`) where a person sent one chooses a new password.

use crate::http::access::{AnyRole, Staff};
use crate::http::client::ClientAddress;
use crate::http::forgery::SameSite;
use crate::http::forms::{Refusal, SavedQuery, refusal};
use crate::http::language::PageLang;
use crate::http::pages::{failed, html, server_error};
use crate::http::session::{cookies, session_cookie, session_cookie_name};
use crate::state::AppState;
use app::components::forms::FormProblem;
use app::pages::staff::account::{AccountPage, AccountView, ResetExpiredPage, ResetPage};
use app::pages::staff::account_texts::account_texts;
use app::render_document;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use chrono_tz::Europe::Paris;
use db::account_care::PasswordChange;
use domain::Lang;
use leptos::prelude::*;
use serde::Deserialize;

type Person = Staff<AnyRole>;

async fn account_view(state: &AppState, person: &Person) -> Result<AccountView, Response> {
    let organisation = match person.account.organisation_id {
        Some(id) => db::accounts::organisation_name(&state.db, id)
            .await
            .map_err(|e| failed("account: organisation", e))?
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(AccountView {
        who: person.who(),
        organisation,
        problem: None,
        saved: false,
    })
}

fn account_page(lang: Lang, status: StatusCode, view: AccountView) -> Response {
    let body = render_document(move || view! { <AccountPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /compte`.
pub async fn show(
    State(state): State<AppState>,
    person: Person,
    Query(q): Query<SavedQuery>,
) -> Response {
    let lang = person.lang;
    match account_view(&state, &person).await {
        Ok(mut view) => {
            view.saved = q.saved.is_some();
            account_page(lang, StatusCode::OK, view)
        }
        Err(resp) => resp,
    }
}

/// The password change form.
#[derive(Debug, Deserialize, Default)]
pub struct ChangeForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirmation: String,
}

/// `POST /compte`: checks the current password (400 when wrong, 429 while throttled), stores
/// the new one, ends the person's other sessions and comes back to the page.
pub async fn change_password(
    State(state): State<AppState>,
    person: Person,
    client: ClientAddress,
    headers: HeaderMap,
    Form(f): Form<ChangeForm>,
) -> Response {
    let lang = person.lang;
    let session = cookies(&headers, session_cookie_name(&state))
        .next()
        .unwrap_or_default()
        .to_owned();
    let now = Utc::now();
    let outcome = db::account_care::change_password(
        &state.db,
        &person.account,
        &session,
        &f.current,
        &f.password,
        &f.confirmation,
        &client.to_string(),
        &state.config.throttle,
        now,
    )
    .await;
    let t = account_texts(lang);
    let problem = |field: &str, message: String| FormProblem {
        form: "account".into(),
        field: field.into(),
        message,
    };
    let (status, problem, retry) = match outcome {
        Ok(PasswordChange::Changed) => {
            tracing::info!(account = person.account.id, "password changed");
            return Redirect::to(&format!("/compte?lang={}&saved=1", lang.code())).into_response();
        }
        Ok(PasswordChange::WrongCurrent) => {
            tracing::warn!(
                account = person.account.id,
                "password change refused: wrong current password"
            );
            let message = match lang {
                Lang::Fr => "Mot de passe actuel : incorrect.",
                Lang::En => "Current password: wrong.",
            };
            (
                StatusCode::BAD_REQUEST,
                problem("current", message.into()),
                None,
            )
        }
        Ok(PasswordChange::Throttled { retry_at }) => {
            tracing::warn!(
                account = person.account.id,
                until = %retry_at,
                "password change throttled after repeated failures"
            );
            let at = retry_at.with_timezone(&Paris).format("%H:%M");
            (
                StatusCode::TOO_MANY_REQUESTS,
                problem("current", format!("{} {at}.", t.throttled_change)),
                Some((retry_at - now).num_seconds().max(1)),
            )
        }
        Err(e) => match refusal(e, "account", lang) {
            Refusal::Field(p) => (StatusCode::BAD_REQUEST, p, None),
            Refusal::Page(resp) => return resp,
        },
    };
    let mut view = match account_view(&state, &person).await {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    view.problem = Some(problem);
    let mut resp = account_page(lang, status, view);
    if let Some(wait) = retry
        && let Ok(v) = HeaderValue::from_str(&wait.to_string())
    {
        resp.headers_mut().insert(header::RETRY_AFTER, v);
    }
    resp
}

/// `POST /compte/sessions`: ends every session of the person, this one included, and sends
/// them to the sign-in form.
pub async fn sign_out_everywhere(State(state): State<AppState>, person: Person) -> Response {
    let lang = person.lang;
    if let Err(e) =
        db::account_care::sign_out_everywhere(&state.db, &person.account, Utc::now()).await
    {
        return failed("signing out everywhere", e);
    }
    tracing::info!(account = person.account.id, "signed out of every device");
    let mut resp = Redirect::to(&format!("/login?lang={}", lang.code())).into_response();
    if let Some(c) = session_cookie(&state, "", 0) {
        resp.headers_mut().insert(header::SET_COOKIE, c);
    }
    resp
}

fn expired(lang: Lang) -> Response {
    let body = render_document(move || view! { <ResetExpiredPage lang=lang/> });
    no_store(html(StatusCode::GONE, lang, body))
}

/// The secret is in the address: keep it out of other sites' logs and caches.
fn no_store(mut resp: Response) -> Response {
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

fn reset_form(
    lang: Lang,
    secret: &str,
    view: db::account_care::ResetView,
    problem: Option<FormProblem>,
    status: StatusCode,
) -> Response {
    let path = format!("/reinitialiser/{secret}");
    let body = render_document(move || {
        view! {
            <ResetPage lang=lang path=path email=view.email organisation=view.organisation problem=problem/>
        }
    });
    no_store(html(status, lang, body))
}

/// `GET /reinitialiser/{secret}`: the form while the link works, else 410 (the same page
/// whether it is unknown, used or expired).
pub async fn reset_page(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(secret): Path<String>,
) -> Response {
    match db::account_care::reset_link(&state.db, &secret, Utc::now()).await {
        Ok(Some(view)) => reset_form(lang, &secret, view, None, StatusCode::OK),
        Ok(None) => expired(lang),
        Err(e) => failed("reset link: reading", e),
    }
}

/// The new password form of a reset link.
#[derive(Debug, Deserialize, Default)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirmation: String,
}

/// `POST /reinitialiser/{secret}`: sets the password (every session of the account ends), then
/// sends the person to sign in.
pub async fn reset(
    State(state): State<AppState>,
    _: SameSite,
    PageLang(lang): PageLang,
    Path(secret): Path<String>,
    Form(f): Form<ResetForm>,
) -> Response {
    let outcome = db::account_care::use_reset_link(
        &state.db,
        &secret,
        &f.password,
        &f.confirmation,
        Utc::now(),
    )
    .await;
    match outcome {
        Ok(Some(account)) => {
            tracing::info!(account = account.id, "password reset");
            Redirect::to(&format!("/login?lang={}", lang.code())).into_response()
        }
        Ok(None) => expired(lang),
        Err(db::DbError::Field { field, fr, en }) => {
            match db::account_care::reset_link(&state.db, &secret, Utc::now()).await {
                Ok(Some(view)) => reset_form(
                    lang,
                    &secret,
                    view,
                    Some(FormProblem {
                        form: "reset".into(),
                        field,
                        message: if lang == Lang::Fr { fr } else { en },
                    }),
                    StatusCode::BAD_REQUEST,
                ),
                Ok(None) => expired(lang),
                Err(e) => failed("reset link: reading", e),
            }
        }
        Err(e) => {
            tracing::error!(error = %e, "reset link: password change failed");
            server_error()
        }
    }
}
