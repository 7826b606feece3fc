//! Who acts: the extractors every staff handler takes instead of checking access itself.
//!
//! - [`Staff<R>`]: a signed-in person whose role reaches the route (`R`: [`Managers`],
//!   [`Readers`], [`Shoppers`]...). Anonymous people are redirected to `/login` and come back
//!   afterwards; a role that does not reach the route gets the 403 page that says so; a form
//!   (any method but GET and HEAD) from another site gets the forgery 403 first.
//! - [`Acting<R>`]: the same, and the organisation the person acts for: their own, or for the
//!   administrator of the instance the one of `?organisation=`, without which they get the page
//!   to choose one.
//!
//! The API's bearer tokens have their extractor in `api::token`, with the same [`Reach`].

use super::forgery::{forbidden, same_origin};
use super::language::{query_value, request_language};
use super::pages::{html, server_error};
use super::session::current_account;
use crate::state::AppState;
use app::components::forms::Named;
use app::components::staff_bar::SignedIn;
use app::pages::staff::organisations::OrganisationChoicePage;
use app::pages::staff::sign_in::ForbiddenPage;
use app::render_document;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use db::accounts::Account;
use domain::{Lang, Role};
use leptos::prelude::*;
use std::marker::PhantomData;

/// Which roles reach a route.
pub trait Reach: Send + Sync + 'static {
    /// Whether `role` reaches it.
    fn reaches(role: Role) -> bool;
    /// What the others may not do, for the API's 403 (`read results`).
    const WHAT: &'static str;
}

/// Every role: anyone signed in (or any valid token).
pub struct AnyRole;
/// The quality referent and the administrator: they change the organisation.
pub struct Managers;
/// Those who read results: committee members, referents, administrators.
pub struct Readers;
/// Those who read raw responses (with their free text): referents and administrators.
pub struct RawReaders;
/// The mystery shopper.
pub struct Shoppers;
/// Those who open a mystery test: its shopper, referents and administrators.
pub struct TestTakers;
/// The administrator of the whole instance.
pub struct InstanceAdmins;

impl Reach for AnyRole {
    fn reaches(_: Role) -> bool {
        true
    }
    const WHAT: &'static str = "answer";
}

impl Reach for Managers {
    fn reaches(role: Role) -> bool {
        role.manages()
    }
    const WHAT: &'static str = "change the organisation";
}

impl Reach for Readers {
    fn reaches(role: Role) -> bool {
        role.reads_results()
    }
    const WHAT: &'static str = "read results";
}

impl Reach for RawReaders {
    fn reaches(role: Role) -> bool {
        role.manages()
    }
    const WHAT: &'static str = "read raw responses (referents and admins only)";
}

impl Reach for Shoppers {
    fn reaches(role: Role) -> bool {
        role == Role::Shopper
    }
    const WHAT: &'static str = "take mystery tests";
}

impl Reach for TestTakers {
    fn reaches(role: Role) -> bool {
        matches!(role, Role::Shopper | Role::Referent | Role::Admin)
    }
    const WHAT: &'static str = "open mystery tests";
}

impl Reach for InstanceAdmins {
    fn reaches(role: Role) -> bool {
        role.runs_instance()
    }
    const WHAT: &'static str = "run the instance";
}

/// A signed-in person whose role reaches the route, and the page's language.
pub struct Staff<R> {
    /// Their account.
    pub account: Account,
    /// The page's language (`?lang=`, else the browser's).
    pub lang: Lang,
    reach: PhantomData<fn() -> R>,
}

impl<R> Staff<R> {
    /// Who is signed in, for the staff bar.
    pub fn who(&self) -> SignedIn {
        signed_in(&self.account)
    }

    /// How the audit log names them.
    pub fn actor(&self) -> db::audit::Actor {
        db::audit::Actor::Account(self.account.email.clone())
    }
}

impl<R: Reach> FromRequestParts<AppState> for Staff<R> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let lang = request_language(parts);
        if !is_read(&parts.method) && !same_origin(&parts.headers) {
            return Err(forbidden(lang));
        }
        match current_account(state, &parts.headers).await? {
            None => Err(login_redirect(
                lang,
                &with_query(screen(parts), &kept_query(parts)),
            )),
            Some(account) if R::reaches(account.role) => Ok(Staff {
                account,
                lang,
                reach: PhantomData,
            }),
            Some(account) => Err(forbidden_page(lang, &account)),
        }
    }
}

/// A signed-in person whose role reaches the route, and the organisation they act for.
pub struct Acting<R> {
    /// Their account.
    pub account: Account,
    /// The page's language.
    pub lang: Lang,
    /// The organisation they act for.
    pub organisation_id: i32,
    /// Its name.
    pub organisation_name: String,
    /// `&organisation=CODE` for the administrator of the instance (their links keep the
    /// organisation chosen), empty for everyone else.
    pub org_query: String,
    reach: PhantomData<fn() -> R>,
}

impl<R> Acting<R> {
    /// Who is signed in, for the staff bar.
    pub fn who(&self) -> SignedIn {
        signed_in(&self.account)
    }

    /// How the audit log names them.
    pub fn actor(&self) -> db::audit::Actor {
        db::audit::Actor::Account(self.account.email.clone())
    }
}

impl<R: Reach> FromRequestParts<AppState> for Acting<R> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Staff { account, lang, .. } = Staff::<R>::from_request_parts(parts, state).await?;
        let organisations = db::structure::organisations(&state.db).await.map_err(|e| {
            tracing::error!(error = %e, "listing organisations failed");
            server_error()
        })?;
        let asked = query_value(parts, "organisation");
        let chosen = match account.organisation_id {
            Some(id) => organisations.iter().find(|o| o.id == id),
            None => organisations
                .iter()
                .find(|o| Some(o.code.as_str()) == asked.as_deref()),
        };
        match chosen {
            Some(o) => Ok(Acting {
                org_query: if account.organisation_id.is_none() {
                    format!("&organisation={}", o.code)
                } else {
                    String::new()
                },
                organisation_id: o.id,
                organisation_name: o.name.clone(),
                account,
                lang,
                reach: PhantomData,
            }),
            None => {
                let who = signed_in(&account);
                let list = organisations
                    .into_iter()
                    .map(|o| Named {
                        code: o.code,
                        name: o.name,
                    })
                    .collect::<Vec<_>>();
                let path = screen(parts);
                let query = kept_query(parts);
                let body = render_document(move || {
                    view! { <OrganisationChoicePage lang=lang who=who path=path query=query organisations=list/> }
                });
                Err(html(StatusCode::OK, lang, body))
            }
        }
    }
}

/// Who is signed in, as the staff bar shows it.
pub fn signed_in(account: &Account) -> SignedIn {
    SignedIn {
        email: account.email.clone(),
        role: account.role,
    }
}

fn is_read(method: &Method) -> bool {
    *method == Method::GET || *method == Method::HEAD
}

/// The redirect to the sign-in form, coming back to `next` afterwards.
fn login_redirect(lang: Lang, next: &str) -> Response {
    let query = serde_urlencoded::to_string([("lang", lang.code()), ("next", next)])
        .unwrap_or_else(|_| format!("lang={}", lang.code()));
    Redirect::to(&format!("/login?{query}")).into_response()
}

/// The 403 page of a signed-in person whose role does not reach the page.
fn forbidden_page(lang: Lang, account: &Account) -> Response {
    let who = signed_in(account);
    let body = render_document(move || view! { <ForbiddenPage lang=lang who=who/> });
    html(StatusCode::FORBIDDEN, lang, body)
}

/// The screens of the forms that post elsewhere than where they are shown: `*` is one segment
/// of the address, `**` the rest of it. Any other form is on the page of its own address.
const FORM_SCREENS: [(&str, &str); 18] = [
    (
        "/admin/confidentialite/conservation",
        "/admin/confidentialite",
    ),
    ("/admin/reponses/*/*", "/admin/reponses"),
    ("/resultats/commentaires/*/*", "/resultats/commentaires"),
    ("/compte/sessions", "/compte"),
    ("/admin/comptes/*/reinitialisation", "/admin/comptes"),
    ("/admin/comptes/*/sessions", "/admin/comptes"),
    ("/admin/comptes/invitations/annuler", "/admin/comptes"),
    ("/admin/lieux/sites", "/admin/lieux"),
    ("/admin/lieux/services", "/admin/lieux"),
    ("/admin/points", "/admin/lieux"),
    ("/admin/points/*/etat", "/admin/lieux"),
    ("/admin/comptes/*/etat", "/admin/comptes"),
    ("/admin/jetons/*/revoquer", "/admin/jetons"),
    ("/admin/questionnaires/*/**", "/admin/questionnaires/*"),
    ("/mystere/campagnes", "/mystere"),
    ("/mystere/campagnes/*/*", "/mystere/campagnes/*"),
    ("/mystere/affectations/*/commencer", "/mystere/mes-tests"),
    ("/mystere/tests/*/revue", "/mystere/tests/*"),
];

/// What a read asked for besides the language and the organisation (its scope and period), to
/// come back to after sign-in or the organisation chooser; nothing for a form.
fn kept_query(parts: &Parts) -> String {
    let query = parts.uri.query().filter(|_| is_read(&parts.method));
    query
        .unwrap_or_default()
        .split('&')
        .filter(|p| {
            let name = p.split_once('=').map_or(*p, |(n, _)| n);
            !p.is_empty() && name != "lang" && name != "organisation"
        })
        .collect::<Vec<_>>()
        .join("&")
}

fn with_query(path: String, query: &str) -> String {
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

/// The page a request is about, for the return after sign-in and the organisation chooser:
/// the address itself for a page, the screen the form was on for a form.
fn screen(parts: &Parts) -> String {
    let path = parts.uri.path();
    if is_read(&parts.method) {
        path.to_owned()
    } else {
        form_screen(path)
    }
}

/// The screen of a form posted to `path`.
pub fn form_screen(path: &str) -> String {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    for (pattern, screen) in FORM_SCREENS {
        let wanted: Vec<&str> = pattern.trim_start_matches('/').split('/').collect();
        let mut captured = Vec::new();
        let matches = match wanted.last() {
            Some(&"**") => segments.len() >= wanted.len(),
            _ => segments.len() == wanted.len(),
        } && wanted.iter().zip(&segments).all(|(w, s)| match *w {
            "*" => {
                captured.push(*s);
                true
            }
            "**" => true,
            literal => literal == *s,
        });
        if matches {
            let mut captured = captured.into_iter();
            return screen
                .split('/')
                .map(|part| match part {
                    "*" => captured.next().unwrap_or_default(),
                    other => other,
                })
                .collect::<Vec<_>>()
                .join("/");
        }
    }
    path.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_returns_to_the_screen_it_is_on() {
        assert_eq!(form_screen("/admin/lieux/sites"), "/admin/lieux");
        assert_eq!(form_screen("/admin/points"), "/admin/lieux");
        assert_eq!(
            form_screen("/admin/points/belfort-pan"),
            "/admin/points/belfort-pan"
        );
        assert_eq!(
            form_screen("/admin/points/belfort-pan/etat"),
            "/admin/lieux"
        );
        assert_eq!(form_screen("/admin/comptes/12/etat"), "/admin/comptes");
        assert_eq!(
            form_screen("/admin/comptes/12/reinitialisation"),
            "/admin/comptes"
        );
        assert_eq!(form_screen("/admin/comptes/12/sessions"), "/admin/comptes");
        assert_eq!(
            form_screen("/admin/comptes/invitations/annuler"),
            "/admin/comptes"
        );
        assert_eq!(form_screen("/compte/sessions"), "/compte");
        assert_eq!(
            form_screen("/resultats/commentaires/12/masquer"),
            "/resultats/commentaires"
        );
        assert_eq!(form_screen("/compte"), "/compte");
        assert_eq!(
            form_screen("/admin/questionnaires/satisfaction/questions/q1/monter"),
            "/admin/questionnaires/satisfaction"
        );
        assert_eq!(
            form_screen("/admin/questionnaires/satisfaction/publier"),
            "/admin/questionnaires/satisfaction"
        );
        assert_eq!(
            form_screen("/admin/questionnaires"),
            "/admin/questionnaires"
        );
        assert_eq!(form_screen("/mystere/campagnes"), "/mystere");
        assert_eq!(
            form_screen("/mystere/campagnes/appels/cibles"),
            "/mystere/campagnes/appels"
        );
        assert_eq!(
            form_screen("/mystere/affectations/3/commencer"),
            "/mystere/mes-tests"
        );
        assert_eq!(form_screen("/mystere/tests/3/revue"), "/mystere/tests/3");
        assert_eq!(form_screen("/mystere/tests/3"), "/mystere/tests/3");
        assert_eq!(form_screen("/admin/chiffres"), "/admin/chiffres");
    }
}
