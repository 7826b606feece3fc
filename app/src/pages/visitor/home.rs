//! The home page (`/`): what the product is, and every touchpoint with its survey and its poster.
//! Plain server HTML: it loads no script.

use crate::components::document::PublicDocument;
use domain::Lang;
use leptos::prelude::*;

/// A touchpoint as the home page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchpointSummary {
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its channel code.
    pub channel: String,
    /// Whether it takes answers.
    pub active: bool,
}

/// The home page's words.
struct HomeTexts {
    title: &'static str,
    heading: &'static str,
    lead: &'static str,
    results: &'static str,
    touchpoints: &'static str,
    none: &'static str,
    active: &'static str,
    inactive: &'static str,
    survey: &'static str,
    poster: &'static str,
}

fn home_texts(lang: Lang) -> HomeTexts {
    match lang {
        Lang::Fr => HomeTexts {
            title: "Qualité de l'accueil – enquêtes de satisfaction",
            heading: "Qualité de l'accueil",
            lead: "Enquêtes de satisfaction par QR code et visites mystères, pour le référentiel Qual-E-Pref et le comité local des usagers.",
            results: "Lire les résultats (avec intervalles de confiance)",
            touchpoints: "Points de contact",
            none: "Aucun point de contact n'est encore configuré.",
            active: "Actif",
            inactive: "Désactivé",
            survey: "Questionnaire",
            poster: "Affiche QR",
        },
        Lang::En => HomeTexts {
            title: "Quality of reception – satisfaction surveys",
            heading: "Quality of reception",
            lead: "Satisfaction surveys by QR code and mystery visits, for the Qual-E-Pref referential and the local users' committee.",
            results: "Read the results (with confidence intervals)",
            touchpoints: "Touchpoints",
            none: "No touchpoint is configured yet.",
            active: "Active",
            inactive: "Deactivated",
            survey: "Questionnaire",
            poster: "QR poster",
        },
    }
}

/// `/`: the product and its touchpoints.
#[component]
pub fn HomePage(lang: Lang, touchpoints: Vec<TouchpointSummary>) -> impl IntoView {
    let t = home_texts(lang);
    let q = format!("?lang={}", lang.code());
    let list = if touchpoints.is_empty() {
        view! { <p>{t.none}</p> }.into_any()
    } else {
        let cards = touchpoints
            .into_iter()
            .map(|tp| {
                let badge = if tp.active {
                    view! { <span class="fr-badge fr-badge--success">{t.active}</span> }.into_any()
                } else {
                    view! { <span class="fr-badge">{t.inactive}</span> }.into_any()
                };
                view! {
                    <li class="fr-card">
                        <h3 class="fr-card__title">{tp.name}</h3>
                        <p class="fr-card__desc">
                            <code>{tp.code.clone()}</code>" · "{tp.channel}" "{badge}
                        </p>
                        <p>
                            <a class="fr-link" href=format!("/q/{}{q}", tp.code)>{t.survey}</a>
                            " · "
                            <a class="fr-link" href=format!("/affiche/{}", tp.code)>{t.poster}</a>
                        </p>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="fr-grid">{cards}</ul> }.into_any()
    };
    view! {
        <PublicDocument lang=lang title=t.title.to_owned() switch_path=Some("/".to_owned()) staff=true>
            <h1>{t.heading}</h1>
            <p class="fr-text--lead">{t.lead}</p>
            <p><a class="fr-link" href=format!("/resultats{q}")>{t.results}</a></p>
            <h2>{t.touchpoints}</h2>
            {list}
        </PublicDocument>
    }
}
