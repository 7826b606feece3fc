//! The people screen (`/admin/comptes`: accounts, invitations, deactivation, password reset
//! links, ending someone's sessions, cancelling an invitation) and the invitation link where an
//! invited person chooses their password (`/invitation/{secret}`).

use crate::http::access::{Acting, Managers};
use crate::http::forgery::SameSite;
use crate::http::forms::{ActiveForm, Refusal, SavedQuery, refusal};
use crate::http::language::PageLang;
use crate::http::pages::{failed, html, server_error};
use crate::state::AppState;
use app::components::forms::FormProblem;
use app::pages::staff::people::{
    InvitationExpiredPage, InvitationPage, PeoplePage, PeopleView, PersonLine,
};
use app::render_document;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use chrono_tz::Europe::Paris;
use domain::{Lang, Role};
use leptos::prelude::*;
use serde::Deserialize;

const PATH: &str = "/admin/comptes";

type Manager = Acting<Managers>;

async fn people_view(state: &AppState, acting: &Manager) -> Result<PeopleView, Response> {
    let (people, pending) = db::people::people(&state.db, acting.organisation_id, Utc::now())
        .await
        .map_err(|e| failed("people: listing", e))?;
    let day = |at: chrono::DateTime<Utc>| at.with_timezone(&Paris).format("%d/%m/%Y").to_string();
    Ok(PeopleView {
        who: acting.who(),
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
        reset: None,
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
    acting: Manager,
    Query(q): Query<SavedQuery>,
) -> Response {
    let lang = acting.lang;
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
    acting: Manager,
    Form(f): Form<InviteForm>,
) -> Response {
    let lang = acting.lang;
    let actor = acting.actor();
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
    acting: Manager,
    Path(id): Path<String>,
    Form(f): Form<ActiveForm>,
) -> Response {
    let lang = acting.lang;
    let (Ok(id), Some(active)) = (id.parse::<i32>(), f.state()) else {
        let message = match lang {
            Lang::Fr => "Formulaire incomplet : le compte et son état (true ou false).",
            Lang::En => "Incomplete form: the account and its status (true or false).",
        };
        return (StatusCode::BAD_REQUEST, message).into_response();
    };
    let actor = acting.actor();
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

/// The 400 of a path whose account id is not a number.
fn bad_account_id(lang: Lang) -> Response {
    let message = match lang {
        Lang::Fr => "Adresse incomplète : le numéro du compte.",
        Lang::En => "Incomplete address: the account's number.",
    };
    (StatusCode::BAD_REQUEST, message).into_response()
}

/// Back to the people screen once a change is saved.
fn saved(lang: Lang, acting: &Manager) -> Response {
    Redirect::to(&format!(
        "{PATH}?lang={}{}&saved=1",
        lang.code(),
        acting.org_query
    ))
    .into_response()
}

/// The people screen with a refused change's message (400), or the refusal's page (404).
async fn refused(state: &AppState, acting: &Manager, e: db::DbError) -> Response {
    let lang = acting.lang;
    match refusal(e, "people", lang) {
        Refusal::Field(p) => match people_view(state, acting).await {
            Ok(mut view) => {
                view.problem = Some(p);
                page(lang, StatusCode::BAD_REQUEST, view)
            }
            Err(resp) => resp,
        },
        Refusal::Page(resp) => resp,
    }
}

/// `POST /admin/comptes/{id}/reinitialisation`: makes a password reset link for an active
/// account of the organisation and shows it once (404 for another organisation's account).
pub async fn reset_link(
    State(state): State<AppState>,
    acting: Manager,
    Path(id): Path<String>,
) -> Response {
    let lang = acting.lang;
    let Ok(id) = id.parse::<i32>() else {
        return bad_account_id(lang);
    };
    let outcome = db::account_care::create_reset_link(
        &state.db,
        &acting.actor(),
        acting.organisation_id,
        id,
        Utc::now(),
    )
    .await;
    match outcome {
        Ok(secret) => match people_view(&state, &acting).await {
            Ok(mut view) => {
                let email = view
                    .people
                    .iter()
                    .find(|p| p.id == id)
                    .map(|p| p.email.clone())
                    .unwrap_or_default();
                view.reset = Some((
                    email,
                    format!("{}/reinitialiser/{secret}", state.config.public_base_url),
                ));
                let mut resp = page(lang, StatusCode::OK, view);
                resp.headers_mut().insert(
                    axum::http::header::CACHE_CONTROL,
                    axum::http::HeaderValue::from_static("no-store"),
                );
                resp
            }
            Err(resp) => resp,
        },
        Err(e) => refused(&state, &acting, e).await,
    }
}

/// `POST /admin/comptes/{id}/sessions`: ends every session of an account of the organisation.
pub async fn revoke_sessions(
    State(state): State<AppState>,
    acting: Manager,
    Path(id): Path<String>,
) -> Response {
    let lang = acting.lang;
    let Ok(id) = id.parse::<i32>() else {
        return bad_account_id(lang);
    };
    match db::account_care::revoke_sessions_of(
        &state.db,
        &acting.actor(),
        acting.organisation_id,
        id,
        Utc::now(),
    )
    .await
    {
        Ok(_) => saved(lang, &acting),
        Err(e) => refused(&state, &acting, e).await,
    }
}

/// The cancellation form: the invited address (pending invitations are one per address).
#[derive(Debug, Deserialize, Default)]
pub struct CancelForm {
    #[serde(default)]
    email: String,
}

/// `POST /admin/comptes/invitations/annuler`: cancels the pending invitation of an address; its
/// link then answers like a used one (404 when none is pending).
pub async fn cancel_invitation(
    State(state): State<AppState>,
    acting: Manager,
    Form(f): Form<CancelForm>,
) -> Response {
    let lang = acting.lang;
    match db::account_care::cancel_invitation(
        &state.db,
        &acting.actor(),
        acting.organisation_id,
        &f.email,
        Utc::now(),
    )
    .await
    {
        Ok(()) => saved(lang, &acting),
        Err(e) => refused(&state, &acting, e).await,
    }
}

fn expired(lang: Lang) -> Response {
    let body = render_document(move || view! { <InvitationExpiredPage lang=lang/> });
    html(StatusCode::GONE, lang, body)
}

/// `GET /invitation/{secret}`.
pub async fn invitation(
    State(state): State<AppState>,
    PageLang(lang): PageLang,
    Path(secret): Path<String>,
) -> Response {
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
    _: SameSite,
    PageLang(lang): PageLang,
    Path(secret): Path<String>,
    Form(f): Form<PasswordForm>,
) -> Response {
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
