//! The people screen (`/admin/comptes`: accounts, invitations, deactivation), the invitation
//! link where an invited person chooses their password (`/invitation/{secret}`), and the API
//! tokens screen (`/admin/jetons`).

use crate::admin::{ActiveForm, AdminQuery, Refusal, acting, refusal};
use crate::auth::signed_in;
use crate::results::{forbidden, same_origin, server_error};
use crate::state::AppState;
use crate::visitor::{LangQuery, html, page_language};
use app::pages::admin::{
    FormProblem, InvitationExpiredPage, InvitationPage, PeoplePage, PeopleView, PersonLine,
    TokenLine, TokensPage, TokensView,
};
use app::render_document;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use chrono_tz::Europe::Paris;
use domain::{Lang, Role};
use leptos::prelude::*;
use serde::Deserialize;

const PATH: &str = "/admin/comptes";

async fn people_view(
    state: &AppState,
    acting: &crate::admin::Acting,
) -> Result<PeopleView, Response> {
    let (people, pending) = db::people::people(&state.db, acting.organisation_id, Utc::now())
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "people: listing failed");
            server_error()
        })?;
    let day = |at: chrono::DateTime<Utc>| at.with_timezone(&Paris).format("%d/%m/%Y").to_string();
    Ok(PeopleView {
        who: signed_in(&acting.account),
        organisation: acting.organisation_name.clone(),
        org_query: acting.org_query.clone(),
        people: people
            .into_iter()
            .map(|p| PersonLine {
                id: p.id,
                since: day(p.created_at),
                email: p.email,
                role: p.role,
                active: p.active,
            })
            .collect(),
        pending: pending
            .into_iter()
            .map(|i| (i.email, i.role, day(i.expires_at)))
            .collect(),
        email: String::new(),
        role: Role::Viewer.code().to_owned(),
        problem: None,
        link: None,
        saved: false,
    })
}

fn page(lang: Lang, status: StatusCode, view: PeopleView) -> Response {
    let body = render_document(move || view! { <PeoplePage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /admin/comptes`.
pub async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    let acting = match acting(&state, &headers, lang, PATH, q.organisation.as_deref()).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    match people_view(&state, &acting).await {
        Ok(mut view) => {
            view.saved = q.saved.is_some();
            page(lang, StatusCode::OK, view)
        }
        Err(resp) => resp,
    }
}

/// The invitation form.
#[derive(Debug, Deserialize, Default)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// `POST /admin/comptes`: creates an invitation and shows its link once.
pub async fn invite(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
    Form(f): Form<InviteForm>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let acting = match acting(&state, &headers, lang, PATH, q.organisation.as_deref()).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let actor = db::audit::Actor::Account(acting.account.email.clone());
    let outcome = match Role::parse(f.role.trim()) {
        Some(role) => {
            db::people::invite(
                &state.db,
                &actor,
                acting.organisation_id,
                &f.email,
                role,
                Utc::now(),
            )
            .await
        }
        None => Err(db::DbError::Field {
            field: "role".into(),
            fr: "Rôle : choisissez dans la liste.".into(),
            en: "Role: choose one of the list.".into(),
        }),
    };
    let mut view = match people_view(&state, &acting).await {
        Ok(v) => v,
        Err(resp) => return resp,
    };
    match outcome {
        Ok(secret) => {
            view.link = Some(format!(
                "{}/invitation/{secret}",
                state.config.public_base_url
            ));
            page(lang, StatusCode::OK, view)
        }
        Err(e) => match refusal(e, "people", lang) {
            Refusal::Field(p) => {
                view.email = f.email;
                view.role = f.role;
                view.problem = Some(p);
                page(lang, StatusCode::BAD_REQUEST, view)
            }
            Refusal::Page(resp) => resp,
        },
    }
}

/// `POST /admin/comptes/{id}/etat`: deactivates or reactivates an account.
pub async fn set_active(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<AdminQuery>,
    Form(f): Form<ActiveForm>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let acting = match acting(&state, &headers, lang, PATH, q.organisation.as_deref()).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let (Ok(id), Some(active)) = (
        id.parse::<i32>(),
        match f.active.as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        },
    ) else {
        let message = match lang {
            Lang::Fr => "Formulaire incomplet : le compte et son état (true ou false).",
            Lang::En => "Incomplete form: the account and its status (true or false).",
        };
        return (StatusCode::BAD_REQUEST, message).into_response();
    };
    let actor = db::audit::Actor::Account(acting.account.email.clone());
    let outcome = db::people::set_account_active(
        &state.db,
        &actor,
        &acting.account,
        acting.organisation_id,
        id,
        active,
        Utc::now(),
    )
    .await;
    match outcome {
        Ok(()) => Redirect::to(&format!(
            "{PATH}?lang={}{}&saved=1",
            lang.code(),
            acting.org_query
        ))
        .into_response(),
        Err(e) => match refusal(e, "people", lang) {
            Refusal::Field(p) => match people_view(&state, &acting).await {
                Ok(mut view) => {
                    view.problem = Some(p);
                    page(lang, StatusCode::BAD_REQUEST, view)
                }
                Err(resp) => resp,
            },
            Refusal::Page(resp) => resp,
        },
    }
}

fn expired(lang: Lang) -> Response {
    let body = render_document(move || view! { <InvitationExpiredPage lang=lang/> });
    html(StatusCode::GONE, lang, body)
}

/// `GET /invitation/{secret}`.
pub async fn invitation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(secret): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    match db::people::invitation(&state.db, &secret, Utc::now()).await {
        Ok(Some(i)) => invitation_page(lang, &secret, i, None, StatusCode::OK),
        Ok(None) => expired(lang),
        Err(e) => {
            tracing::error!(error = %e, "invitation: reading failed");
            server_error()
        }
    }
}

fn invitation_page(
    lang: Lang,
    secret: &str,
    i: db::people::InvitationView,
    problem: Option<FormProblem>,
    status: StatusCode,
) -> Response {
    let path = format!("/invitation/{secret}");
    let body = render_document(move || {
        view! {
            <InvitationPage lang=lang path=path email=i.email role=i.role organisation=i.organisation problem=problem/>
        }
    });
    let mut resp = html(status, lang, body);
    // The secret is in the address: keep it out of other sites' logs and caches.
    resp.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    resp
}

/// The password form of an invitation.
#[derive(Debug, Deserialize, Default)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirmation: String,
}

/// `POST /invitation/{secret}`: creates the account, then sends the person to sign in.
pub async fn accept(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(secret): Path<String>,
    Query(q): Query<LangQuery>,
    Form(f): Form<PasswordForm>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let outcome =
        db::people::accept_invitation(&state.db, &secret, &f.password, &f.confirmation, Utc::now())
            .await;
    match outcome {
        Ok(Some(account)) => {
            let next = if account.role.manages() {
                "/admin"
            } else if account.role.reads_results() {
                "/resultats"
            } else {
                "/"
            };
            let query = serde_urlencoded::to_string([("lang", lang.code()), ("next", next)])
                .unwrap_or_default();
            Redirect::to(&format!("/login?{query}")).into_response()
        }
        Ok(None) => expired(lang),
        Err(db::DbError::Field { field, fr, en }) => {
            match db::people::invitation(&state.db, &secret, Utc::now()).await {
                Ok(Some(i)) => invitation_page(
                    lang,
                    &secret,
                    i,
                    Some(FormProblem {
                        form: "invitation".into(),
                        field,
                        message: if lang == Lang::Fr { fr } else { en },
                    }),
                    StatusCode::BAD_REQUEST,
                ),
                Ok(None) => expired(lang),
                Err(e) => {
                    tracing::error!(error = %e, "invitation: reading failed");
                    server_error()
                }
            }
        }
        // A second click while the first created the account: the link has served.
        Err(e) if e.is_duplicate() => expired(lang),
        Err(e) => {
            tracing::error!(error = %e, "invitation: account creation failed");
            server_error()
        }
    }
}

const TOKENS: &str = "/admin/jetons";

async fn tokens_view(
    state: &AppState,
    acting: &crate::admin::Acting,
) -> Result<TokensView, Response> {
    let list = db::tokens::tokens_of(&state.db, acting.organisation_id)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "tokens: listing failed");
            server_error()
        })?;
    Ok(TokensView {
        who: signed_in(&acting.account),
        organisation: acting.organisation_name.clone(),
        org_query: acting.org_query.clone(),
        tokens: list
            .into_iter()
            .map(|t| TokenLine {
                id: t.id,
                name: t.name,
                role: t.role,
                created: t
                    .created_at
                    .with_timezone(&Paris)
                    .format("%d/%m/%Y")
                    .to_string(),
                revoked: t.revoked_at.is_some(),
            })
            .collect(),
        name: String::new(),
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
pub async fn tokens(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    let acting = match acting(&state, &headers, lang, TOKENS, q.organisation.as_deref()).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
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
}

/// `POST /admin/jetons`: creates a token and shows it once.
pub async fn create_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
    Form(f): Form<TokenForm>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let acting = match acting(&state, &headers, lang, TOKENS, q.organisation.as_deref()).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let actor = db::audit::Actor::Account(acting.account.email.clone());
    let role = Role::parse(f.role.trim()).unwrap_or(Role::Shopper);
    let outcome = db::tokens::issue_token(
        &state.db,
        &actor,
        acting.organisation_id,
        &f.name,
        role,
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
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<AdminQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let acting = match acting(&state, &headers, lang, TOKENS, q.organisation.as_deref()).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let Ok(id) = id.parse::<i32>() else {
        return (StatusCode::BAD_REQUEST, "token id").into_response();
    };
    let actor = db::audit::Actor::Account(acting.account.email.clone());
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
