//! One's own account (`/compte`: change one's password, sign out of every device) and the page
//! of a password reset link, where the person chooses a new password.

use crate::components::document::PublicDocument;
use crate::components::forms::{FormProblem, problem_message};
use crate::components::staff_bar::{SignedIn, StaffBar, role_name};
use crate::pages::staff::account_texts::account_texts;
use crate::pages::staff::people::password_input;
use domain::Lang;
use leptos::prelude::*;

/// What `/compte` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountView {
    pub who: SignedIn,
    /// The organisation's name (empty for the instance's administrator).
    pub organisation: String,
    pub problem: Option<FormProblem>,
    /// The password was just changed.
    pub saved: bool,
}

fn current_password_input(
    id: &'static str,
    label: &'static str,
    error: Option<String>,
) -> impl IntoView + use<> {
    let group = if error.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let error_id = format!("{id}-error");
    let described = error.as_ref().map(|_| error_id.clone());
    view! {
        <div class=group>
            <label class="fr-label" for=id>{label}</label>
            <input class="fr-input" type="password" id=id name="current" autocomplete="current-password" required=true aria-describedby=described/>
            {error.map(|e| view! { <p class="fr-message fr-message--error" id=error_id>{e}</p> })}
        </div>
    }
}

/// `/compte`: the signed-in person's account.
#[component]
pub fn AccountPage(lang: Lang, view: AccountView) -> impl IntoView {
    let t = account_texts(lang);
    let q = format!("?lang={}", lang.code());
    let saved = view.saved.then(|| {
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{t.password_changed}</p></div> }
    });
    let problem = view.problem.clone().map(|p| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{p.message}</p></div> }
    });
    let organisation = (!view.organisation.is_empty())
        .then(|| view! { <p><strong>{view.organisation.clone()}</strong></p> });
    view! {
        <PublicDocument lang=lang title=t.account_title.to_owned() switch_path=Some("/compte".to_owned()) staff=true>
            <StaffBar lang=lang title=t.account_title.to_owned() who=Some(view.who.clone())/>
            {organisation}
            <p>{t.account_intro}</p>
            <p>{t.email}" : "<strong>{view.who.email.clone()}</strong>" ("{role_name(view.who.role, lang)}")"</p>
            {problem}
            {saved}
            <form class="fr-form admin-form" method="post" action=format!("/compte{q}")>
                <h2>{t.change_password}</h2>
                <input type="email" name="username" value=view.who.email.clone() autocomplete="username" hidden=true readonly=true aria-hidden="true" tabindex="-1"/>
                {current_password_input("current", t.current_password, problem_message(&view.problem, "current"))}
                {password_input("password", "password", t.new_password, Some(t.new_password_hint), problem_message(&view.problem, "password"))}
                {password_input("confirmation", "confirmation", t.confirmation, None, problem_message(&view.problem, "confirmation"))}
                <button type="submit" class="fr-btn">{t.change_password}</button>
            </form>
            <form class="fr-form admin-form" method="post" action=format!("/compte/sessions{q}")>
                <h2>{t.sessions_title}</h2>
                <p>{t.sessions_body}</p>
                <button type="submit" class="fr-btn fr-btn--secondary">{t.sign_out_everywhere}</button>
            </form>
        </PublicDocument>
    }
}

/// `/reinitialiser/{secret}`: the person chooses a new password.
#[component]
pub fn ResetPage(
    lang: Lang,
    /// The link's path (the form posts to it).
    path: String,
    email: String,
    organisation: String,
    problem: Option<FormProblem>,
) -> impl IntoView {
    let t = account_texts(lang);
    let alert = problem.clone().map(|p| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{p.message}</p></div> }
    });
    let organisation = (!organisation.is_empty()).then(|| format!(" ({organisation})"));
    view! {
        <PublicDocument lang=lang title=t.reset_title.to_owned() switch_path=Some(path.clone()) staff=true>
            <h1>{t.reset_title}</h1>
            <p>{t.reset_intro}" "<strong>{email.clone()}</strong>{organisation}"."</p>
            {alert}
            <form class="fr-form" method="post" action=format!("{path}?lang={}", lang.code())>
                <input type="email" name="username" value=email.clone() autocomplete="username" hidden=true readonly=true aria-hidden="true" tabindex="-1"/>
                {password_input("password", "password", t.new_password, Some(t.new_password_hint), problem_message(&problem, "password"))}
                {password_input("confirmation", "confirmation", t.confirmation, None, problem_message(&problem, "confirmation"))}
                <button type="submit" class="fr-btn">{t.reset_submit}</button>
            </form>
        </PublicDocument>
    }
}

/// A reset link that no longer works (unknown, used, expired: the same page).
#[component]
pub fn ResetExpiredPage(lang: Lang) -> impl IntoView {
    let t = account_texts(lang);
    view! {
        <PublicDocument lang=lang title=t.reset_expired_title.to_owned() switch_path=None staff=true>
            <h1>{t.reset_expired_title}</h1>
            <p>{t.reset_expired_body}</p>
        </PublicDocument>
    }
}
