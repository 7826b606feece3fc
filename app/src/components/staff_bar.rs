//! The bar at the top of a staff page: its title, who is signed in (with their role's name), the
//! link to their account and the sign-out button.

use domain::{Lang, Role};
use leptos::prelude::*;

/// A role's name for people.
pub fn role_name(role: Role, lang: Lang) -> &'static str {
    match (role, lang) {
        (Role::Admin, Lang::Fr) => "administrateur de l'instance",
        (Role::Admin, Lang::En) => "instance administrator",
        (Role::Referent, Lang::Fr) => "référent qualité",
        (Role::Referent, Lang::En) => "quality referent",
        (Role::Shopper, Lang::Fr) => "client mystère",
        (Role::Shopper, Lang::En) => "mystery shopper",
        (Role::Viewer, Lang::Fr) => "membre du comité local des usagers",
        (Role::Viewer, Lang::En) => "member of the local users' committee",
        (Role::Kiosk, Lang::Fr) => "borne de saisie",
        (Role::Kiosk, Lang::En) => "kiosk",
    }
}

/// Who is signed in, as the staff pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// Their e-mail address.
    pub email: String,
    /// Their role.
    pub role: Role,
}

/// The bar's words in a language: "signed in as", "my account" and "sign out".
fn staff_bar_texts(lang: Lang) -> (&'static str, &'static str, &'static str) {
    match lang {
        Lang::Fr => ("Connecté en tant que", "Mon compte", "Se déconnecter"),
        Lang::En => ("Signed in as", "My account", "Sign out"),
    }
}

/// The bar at the top of a staff page: its title, who is signed in, the link to their account
/// and the sign-out button.
#[component]
pub fn StaffBar(lang: Lang, title: String, who: Option<SignedIn>) -> impl IntoView {
    let (signed_in_as, my_account, sign_out) = staff_bar_texts(lang);
    let who = who.map(|w| {
        view! {
            <p class="fr-text--sm staff-who">
                {signed_in_as}" "<strong>{w.email}</strong>" ("{role_name(w.role, lang)}")"
            </p>
            <p class="fr-text--sm"><a class="fr-link" href=format!("/compte?lang={}", lang.code())>{my_account}</a></p>
            <form method="post" action=format!("/logout?lang={}", lang.code())>
                <button type="submit" class="fr-btn fr-btn--secondary">{sign_out}</button>
            </form>
        }
    });
    view! {
        <div class="staff-bar">
            <h1>{title}</h1>
            <div class="staff-account">{who}</div>
        </div>
    }
}
