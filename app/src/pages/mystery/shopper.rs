//! The mystery shopper's list of their planned tests.

use crate::components::document::PublicDocument;
use crate::components::staff_bar::{SignedIn, StaffBar};
use domain::Lang;
use leptos::prelude::*;

/// A planned test in the shopper's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyTestLine {
    /// The planned test's id (to start it).
    pub assignment: i32,
    /// The campaign's title.
    pub campaign: String,
    /// What to test.
    pub target: String,
    /// The number to dial or the counter to visit.
    pub detail: String,
    /// `Mardi, midi (12 h – 14 h)`.
    pub when: String,
    /// The test, once started: its id, its status's name and code.
    pub test: Option<(i32, String, &'static str)>,
}

/// `/mystere/mes-tests`: the shopper's planned tests.
#[component]
pub fn MyTestsPage(lang: Lang, who: SignedIn, lines: Vec<MyTestLine>) -> impl IntoView {
    let fr = lang == Lang::Fr;
    let title = if fr {
        "Mes tests mystères"
    } else {
        "My mystery tests"
    };
    let intro = if fr {
        "Les appels et visites qui vous sont confiés. Remplissez la grille juste après chaque test : elle s'enregistre au fur et à mesure, même sans réseau."
    } else {
        "The calls and visits assigned to you. Fill the grid right after each test: it is saved as you go, even without a network."
    };
    let (start, resume, see, none) = if fr {
        (
            "Commencer",
            "Reprendre",
            "Voir",
            "Aucun test ne vous est confié pour l'instant.",
        )
    } else {
        ("Start", "Resume", "View", "No test is assigned to you yet.")
    };
    let q = format!("?lang={}", lang.code());
    let items = lines
        .into_iter()
        .map(|l| {
            let action = match l.test {
                None => view! {
                    <form method="post" action=format!("/mystere/affectations/{}/commencer{q}", l.assignment)>
                        <button type="submit" class="fr-btn">{start}</button>
                    </form>
                }
                .into_any(),
                Some((id, status, code)) => {
                    let verb = if matches!(code, "draft" | "returned") { resume } else { see };
                    view! {
                        <p>
                            <span class=format!("fr-badge status-{code}")>{status}</span>" "
                            <a class="fr-btn fr-btn--secondary" href=format!("/mystere/tests/{id}{q}")>{verb}</a>
                        </p>
                    }
                    .into_any()
                }
            };
            view! {
                <li class="fr-card mystery-card">
                    <h2 class="fr-card__title">{l.target}</h2>
                    <p class="fr-card__desc">{l.detail}</p>
                    <p class="fr-text--sm">{l.campaign}" · "{l.when}</p>
                    {action}
                </li>
            }
        })
        .collect_view();
    let list = view! { <ul class="mystery-list">{items}</ul> };
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=Some("/mystere/mes-tests".to_owned()) staff=true>
            <StaffBar lang=lang title=title.to_owned() who=Some(who)/>
            <p>{intro}</p>
            {list}
            <p class="empty-note">{none}</p>
        </PublicDocument>
    }
}
