//! Signing in and out: the sign-in form (back to the page asked for, or the home of the
//! person's role), throttled sign-in attempts (429 with `Retry-After`), and signing out on every
//! server at once.

use crate::http::client::ClientAddress;
use crate::http::forgery::{SameSite, forbidden, same_origin};
use crate::http::language::page_language;
use crate::http::pages::{html, server_error};
use crate::http::session::{cookies, session_cookie, session_cookie_name};
use crate::state::AppState;
use app::pages::staff::sign_in::{LoginPage, SignInProblem};
use app::render_document;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use db::accounts::SignIn;
use domain::{Lang, Role};
use leptos::prelude::*;
use serde::Deserialize;

/// A return path is kept only when it is a path of this site: printable ASCII (browsers drop
/// tabs and line breaks, so `/\t/host` would become `//host`), starting with one `/`, no `\`.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && n.len() <= 2000
                && n.bytes().all(|b| (b'!'..=b'~').contains(&b) && b != b'\\') =>
        {
            n.to_owned()
        }
        // No return path: after sign-in, the home of the person's role.
        _ => String::new(),
    }
}

/// Where a person lands after signing in when no page was asked for.
fn home_of(role: Role) -> &'static str {
    match role {
        Role::Admin | Role::Referent => "/admin",
        Role::Viewer => "/resultats",
        Role::Shopper => "/mystere/mes-tests",
        Role::Kiosk => "/",
    }
}

/// The return path in the language of the sign-in form, unless it names one.
fn with_lang(next: String, lang: Lang) -> String {
    let query = next.split_once('?').map_or("", |(_, q)| q);
    if query.split('&').any(|p| p.starts_with("lang=")) {
        next
    } else {
        let joiner = if next.contains('?') { '&' } else { '?' };
        format!("{next}{joiner}lang={}", lang.code())
    }
}

/// Query of `/login`.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    lang: Option<String>,
    next: Option<String>,
}

/// `GET /login`.
pub async fn login_page(Query(q): Query<LoginQuery>, headers: HeaderMap) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    let next = safe_next(q.next.as_deref());
    login_form(lang, next, String::new(), None, StatusCode::OK)
}

fn login_form(
    lang: Lang,
    next: String,
    email: String,
    problem: Option<SignInProblem>,
    status: StatusCode,
) -> Response {
    let body = render_document(move || {
        view! { <LoginPage lang=lang next=next email=email problem=problem/> }
    });
    html(status, lang, body)
}

/// The sign-in form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    email: Option<String>,
    password: Option<String>,
    next: Option<String>,
    lang: Option<String>,
}

fn paris_time(at: DateTime<Utc>) -> String {
    at.with_timezone(&Paris).format("%H:%M").to_string()
}

/// `POST /login`: a session and a redirect to the page asked for; the form again with 401 on
/// a wrong address or password, 429 while the account or the address is cooling down.
pub async fn login(
    State(state): State<AppState>,
    client: ClientAddress,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let lang = page_language(form.lang.as_deref(), &headers);
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let asked = safe_next(form.next.as_deref());
    let next = if asked.is_empty() {
        asked.clone()
    } else {
        with_lang(asked.clone(), lang)
    };
    let email = form.email.unwrap_or_default();
    let email: String = email.trim().chars().take(254).collect();
    let password = form.password.unwrap_or_default();
    let now = Utc::now();
    let outcome = db::accounts::sign_in(
        &state.db,
        &email,
        &password,
        &client.to_string(),
        &state.config.throttle,
        state.config.session_lifetime,
        now,
    )
    .await;
    match outcome {
        Ok(SignIn::Opened {
            secret, account, ..
        }) => {
            tracing::info!(account = account.id, "signed in");
            let target = if asked.is_empty() {
                with_lang(home_of(account.role).to_owned(), lang)
            } else {
                next
            };
            let mut resp = Redirect::to(&target).into_response();
            let max_age = state.config.session_lifetime.num_seconds();
            if let Some(c) = session_cookie(&state, &secret, max_age) {
                resp.headers_mut().insert(header::SET_COOKIE, c);
            }
            resp
        }
        Ok(SignIn::Refused) => {
            tracing::warn!("sign-in refused: wrong e-mail address or password");
            login_form(
                lang,
                next,
                email,
                Some(SignInProblem::Refused),
                StatusCode::UNAUTHORIZED,
            )
        }
        Ok(SignIn::Throttled { retry_at, account }) => {
            tracing::warn!(
                by = if account { "account" } else { "address" },
                until = %retry_at,
                "sign-in throttled after repeated failures"
            );
            let wait = (retry_at - now).num_seconds().max(1);
            let mut resp = login_form(
                lang,
                next,
                email,
                Some(SignInProblem::Throttled(paris_time(retry_at))),
                StatusCode::TOO_MANY_REQUESTS,
            );
            if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
                resp.headers_mut().insert(header::RETRY_AFTER, v);
            }
            resp
        }
        Err(e) => {
            tracing::error!(error = %e, "sign-in failed");
            server_error()
        }
    }
}

/// `POST /logout`: ends the session (in the database, so every server forgets it).
pub async fn logout(
    State(state): State<AppState>,
    _: SameSite,
    Query(q): Query<LoginQuery>,
    headers: HeaderMap,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if let Some(secret) = cookies(&headers, session_cookie_name(&state)).next()
        && let Err(e) = db::accounts::end_session(&state.db, secret, Utc::now()).await
    {
        tracing::error!(error = %e, "sign-out failed");
        return server_error();
    }
    let mut resp = Redirect::to(&format!("/login?lang={}", lang.code())).into_response();
    if let Some(c) = session_cookie(&state, "", 0) {
        resp.headers_mut().insert(header::SET_COOKIE, c);
    }
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_of_this_site_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/resultats?lang=en")), "/resultats?lang=en");
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/ /evil.example",
            "resultats",
        ] {
            assert_eq!(safe_next(Some(bad)), "", "{bad}");
        }
        assert_eq!(safe_next(None), "");
    }

    #[test]
    fn the_sign_in_language_follows_to_the_page_asked_for() {
        assert_eq!(with_lang("/admin".into(), Lang::En), "/admin?lang=en");
        assert_eq!(
            with_lang("/resultats?scope=site:x".into(), Lang::Fr),
            "/resultats?scope=site:x&lang=fr"
        );
        assert_eq!(
            with_lang("/resultats?lang=fr".into(), Lang::En),
            "/resultats?lang=fr"
        );
    }
}
