//! The API tokens screen (`/admin/jetons`): the organisation's tokens with their expiry and last
//! use, created with a name, a role and an expiry date (shown once), and revoked.

use crate::http::access::{Acting, Managers};
use crate::http::forms::{Refusal, refusal};
use crate::http::pages::{failed, html};
use crate::state::AppState;
use app::pages::staff::tokens::{TokenLine, TokensPage, TokensView};
use app::render_document;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use chrono_tz::Europe::Paris;
use domain::{Lang, Role};
use leptos::prelude::*;
use serde::Deserialize;

type Manager = Acting<Managers>;

const TOKENS: &str = "/admin/jetons";

async fn tokens_view(state: &AppState, acting: &Manager) -> Result<TokensView, Response> {
    let list = db::tokens::tokens_of(&state.db, acting.organisation_id)
        .await
        .map_err(|e| failed("tokens: listing", e))?;
    let now = Utc::now();
    let day = |at: chrono::DateTime<Utc>| at.with_timezone(&Paris).format("%d/%m/%Y").to_string();
    Ok(TokensView {
        who: acting.who(),
        organisation: acting.organisation_name.clone(),
        org_query: acting.org_query.clone(),
        tokens: list
            .into_iter()
            .map(|t| TokenLine {
                id: t.id,
                name: t.name,
                role: t.role,
                created: day(t.created_at),
                revoked: t.revoked_at.is_some(),
                expires: t.expires_at.map(day).unwrap_or_default(),
                expired: t.expires_at.is_some_and(|at| at <= now),
                last_used: t
                    .last_used_at
                    .map(|at| at.with_timezone(&Paris).format("%d/%m/%Y %Hh").to_string())
                    .unwrap_or_default(),
            })
            .collect(),
        name: String::new(),
        expires: String::new(),
        problem: None,
        created: None,
    })
}

fn tokens_page(lang: Lang, status: StatusCode, view: TokensView) -> Response {
    let body = render_document(move || view! { <TokensPage lang=lang view=view/> });
    let mut resp = html(status, lang, body);
    resp.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    resp
}

/// `GET /admin/jetons`.
pub async fn tokens(State(state): State<AppState>, acting: Manager) -> Response {
    let lang = acting.lang;
    match tokens_view(&state, &acting).await {
        Ok(view) => tokens_page(lang, StatusCode::OK, view),
        Err(resp) => resp,
    }
}

/// The token form.
#[derive(Debug, Deserialize, Default)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    /// YYYY-MM-DD (a date field); empty for the default lifetime.
    #[serde(default)]
    expires: String,
}

/// `POST /admin/jetons`: creates a token and shows it once.
pub async fn create_token(
    State(state): State<AppState>,
    acting: Manager,
    Form(f): Form<TokenForm>,
) -> Response {
    let lang = acting.lang;
    let actor = acting.actor();
    let role = Role::parse(f.role.trim()).unwrap_or(Role::Shopper);
    let outcome = db::tokens::issue_token(
        &state.db,
        &actor,
        acting.organisation_id,
        &f.name,
        role,
        &f.expires,
        Utc::now(),
    )
    .await;
    let mut view = match tokens_view(&state, &acting).await {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    match outcome {
        Ok(token) => {
            view.created = Some(token);
            tokens_page(lang, StatusCode::OK, view)
        }
        Err(e) => match refusal(e, "tokens", lang) {
            Refusal::Field(p) => {
                view.name = f.name;
                view.expires = f.expires;
                view.problem = Some(p);
                tokens_page(lang, StatusCode::BAD_REQUEST, view)
            }
            Refusal::Page(resp) => resp,
        },
    }
}

/// `POST /admin/jetons/{id}/revoquer`.
pub async fn revoke_token(
    State(state): State<AppState>,
    acting: Manager,
    Path(id): Path<String>,
) -> Response {
    let lang = acting.lang;
    let Ok(id) = id.parse::<i32>() else {
        return (StatusCode::BAD_REQUEST, "token id").into_response();
    };
    let actor = acting.actor();
    match db::tokens::revoke_token_of(&state.db, &actor, acting.organisation_id, id, Utc::now())
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "{TOKENS}?lang={}{}",
            lang.code(),
            acting.org_query
        ))
        .into_response(),
        Err(e) => match refusal(e, "tokens", lang) {
            Refusal::Field(p) => (StatusCode::BAD_REQUEST, p.message).into_response(),
            Refusal::Page(resp) => resp,
        },
    }
}
