//! Signing in: the sign-in form, and the page that says a role does not reach a page.

use crate::components::document::PublicDocument;
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::staff::account_texts::account_texts;
use domain::Lang;
use leptos::prelude::*;

/// Why the sign-in form is shown again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInProblem {
    /// Wrong address or password.
    Refused,
    /// Too many failures; the time (Europe/Paris, HH:MM) when attempts resume.
    Throttled(String),
}

/// `/login`: e-mail and password, then back to the page asked for.
#[component]
pub fn LoginPage(
    lang: Lang,
    /// Where to go once signed in (a path of this site).
    next: String,
    /// The address typed, kept when the form comes back.
    email: String,
    problem: Option<SignInProblem>,
) -> impl IntoView {
    let t = account_texts(lang);
    let message = problem.clone().map(|p| match p {
        SignInProblem::Refused => t.refused.to_owned(),
        SignInProblem::Throttled(at) => format!("{} {at}.", t.throttled),
    });
    let alert = message.clone().map(|m| {
        view! {
            <div class="fr-alert fr-alert--error" role="alert" id="login-error">
                <p>{m}</p>
            </div>
        }
    });
    let group = if problem.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let described = problem.is_some().then_some("login-error");
    view! {
        <PublicDocument lang=lang title=t.sign_in_title.to_owned() switch_path=Some(format!("/login?next={}", encode(&next))) staff=true>
            <h1>{t.sign_in_title}</h1>
            <p>{t.sign_in_intro}</p>
            {alert}
            <form class="fr-form" method="post" action="/login">
                <input type="hidden" name="lang" value=lang.code()/>
                <input type="hidden" name="next" value=next/>
                <div class=group>
                    <label class="fr-label" for="email">
                        {t.email}
                        <span class="fr-hint-text">{t.email_hint}</span>
                    </label>
                    <input class="fr-input" type="email" id="email" name="email" autocomplete="username"
                        required=true value=email aria-describedby=described/>
                </div>
                <div class=group>
                    <label class="fr-label" for="password">{t.password}</label>
                    <input class="fr-input" type="password" id="password" name="password"
                        autocomplete="current-password" required=true aria-describedby=described/>
                </div>
                <button type="submit" class="fr-btn">{t.sign_in}</button>
            </form>
        </PublicDocument>
    }
}

/// Percent-encodes a path for a query parameter.
fn encode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The 403 page: signed in, but the role does not reach the page.
#[component]
pub fn ForbiddenPage(lang: Lang, who: SignedIn) -> impl IntoView {
    let t = account_texts(lang);
    view! {
        <PublicDocument lang=lang title=t.forbidden_title.to_owned() switch_path=None staff=true>
            <StaffBar lang=lang title=t.forbidden_title.to_owned() who=Some(who)/>
            <p>{t.forbidden_body}</p>
            <p><a class="fr-link" href=format!("/?lang={}", lang.code())>{t.back_home}</a></p>
        </PublicDocument>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_return_path_is_encoded_for_a_query() {
        assert_eq!(
            encode("/resultats?scope=site:x&lang=en"),
            "/resultats%3Fscope%3Dsite%3Ax%26lang%3Den"
        );
    }
}
