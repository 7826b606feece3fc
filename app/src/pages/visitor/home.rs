//! The home page (`/`): what the product is, how visitors answer, and where the staff sign in.
//! It lists no touchpoint: an anonymous visitor learns nothing of any organisation's structure
//! (visitors reach their survey by the QR code or the link they received; the staff find the
//! touchpoints, their surveys and posters on `/admin`). Plain server HTML: it loads no script.

use crate::components::document::PublicDocument;
use domain::Lang;
use leptos::prelude::*;

/// The home page's words.
struct HomeTexts {
    title: &'static str,
    heading: &'static str,
    lead: &'static str,
    visitors_title: &'static str,
    visitors: &'static str,
    staff_title: &'static str,
    results: &'static str,
    admin: &'static str,
}

fn home_texts(lang: Lang) -> HomeTexts {
    match lang {
        Lang::Fr => HomeTexts {
            title: "Qualité de l'accueil – enquêtes de satisfaction",
            heading: "Qualité de l'accueil",
            lead: "Enquêtes de satisfaction par QR code et visites mystères, pour le référentiel Qual-E-Pref et le comité local des usagers.",
            visitors_title: "Vous êtes usager",
            visitors: "Pour donner votre avis, scannez le QR code affiché au guichet ou ouvrez le lien reçu après votre rendez-vous. Vos réponses sont anonymes.",
            staff_title: "Vous êtes agent ou membre du comité",
            results: "Lire les résultats (avec intervalles de confiance)",
            admin: "Administration : points de contact, questionnaires et affiches",
        },
        Lang::En => HomeTexts {
            title: "Quality of reception – satisfaction surveys",
            heading: "Quality of reception",
            lead: "Satisfaction surveys by QR code and mystery visits, for the Qual-E-Pref referential and the local users' committee.",
            visitors_title: "If you are a visitor",
            visitors: "To give your opinion, scan the QR code shown at the counter or open the link you received after your appointment. Your answers are anonymous.",
            staff_title: "If you are staff or a committee member",
            results: "Read the results (with confidence intervals)",
            admin: "Administration: touchpoints, questionnaires and posters",
        },
    }
}

/// `/`: the product, for visitors and for the staff.
#[component]
pub fn HomePage(lang: Lang) -> impl IntoView {
    let t = home_texts(lang);
    let q = format!("?lang={}", lang.code());
    view! {
        <PublicDocument lang=lang title=t.title.to_owned() switch_path=Some("/".to_owned()) staff=true>
            <h1>{t.heading}</h1>
            <p class="fr-text--lead">{t.lead}</p>
            <h2>{t.visitors_title}</h2>
            <p>{t.visitors}</p>
            <h2>{t.staff_title}</h2>
            <ul>
                <li><a class="fr-link" href=format!("/tableau-de-bord{q}")>{if lang == Lang::Fr { "Tableau de bord du comité des usagers" } else { "The users' committee dashboard" }}</a></li>
                <li><a class="fr-link" href=format!("/resultats{q}")>{t.results}</a></li>
                <li><a class="fr-link" href=format!("/admin{q}")>{t.admin}</a></li>
            </ul>
        </PublicDocument>
    }
}
