//! The privacy notice screen (`/admin/confidentialite`): the controller and the contact of the
//! data-protection officer that the organisation's notice names.

use super::admin_texts::admin_texts;
use crate::components::document::PublicDocument;
use crate::components::forms::{FormProblem, input, problem_message};
use crate::components::staff_bar::{SignedIn, StaffBar};
use domain::Lang;
use leptos::prelude::*;

/// What the screen shows.
#[derive(Debug, Clone)]
pub struct PrivacySettingsView {
    pub who: SignedIn,
    pub organisation: String,
    pub org_query: String,
    pub controller: String,
    pub dpo_contact: String,
    /// A touchpoint whose notice the referent can open, if any.
    pub example: Option<String>,
    pub problem: Option<FormProblem>,
    pub saved: bool,
}

/// `/admin/confidentialite`.
#[component]
pub fn PrivacySettingsPage(lang: Lang, view: PrivacySettingsView) -> impl IntoView {
    let fr = lang == Lang::Fr;
    let a = admin_texts(lang);
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let title = if fr {
        "Information sur les données personnelles"
    } else {
        "Privacy notice"
    };
    let intro = if fr {
        "Chaque questionnaire et chaque affiche renvoient à une page qui dit aux usagers qui est responsable de leurs réponses, pourquoi elles sont recueillies, ce qui est conservé, leurs droits et qui contacter. Indiquez le responsable du traitement et le contact du délégué à la protection des données."
    } else {
        "Every questionnaire and poster links to a page that tells visitors who is responsible for their answers, why they are collected, what is kept, their rights and whom to contact. Give the controller and the contact of the data-protection officer."
    };
    let problem = view.problem.clone().map(|p| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{p.message}</p></div> }
    });
    let saved = view.saved.then(|| {
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{if fr { "Enregistré." } else { "Saved." }}</p></div> }
    });
    let example = view.example.clone().map(|code| {
        view! { <p><a class="fr-link" href=format!("/q/{code}/confidentialite?lang={}", lang.code())>{if fr { "Voir la page telle que les usagers la lisent" } else { "See the page as visitors read it" }}</a></p> }
    });
    let controller = input(
        "privacy-controller".into(),
        "controller",
        if fr {
            "Responsable du traitement"
        } else {
            "Controller"
        },
        Some(if fr {
            "Par exemple : Préfecture du Territoire de Belfort, représentée par le préfet"
        } else {
            "For instance: Préfecture du Territoire de Belfort, represented by the prefect"
        }),
        view.controller.clone(),
        problem_message(&view.problem, "controller"),
        true,
    );
    let dpo = input(
        "privacy-dpo".into(),
        "dpo_contact",
        if fr {
            "Contact du délégué à la protection des données"
        } else {
            "Contact of the data-protection officer"
        },
        Some(if fr {
            "Adresse électronique ou postale"
        } else {
            "E-mail or postal address"
        }),
        view.dpo_contact.clone(),
        problem_message(&view.problem, "dpo_contact"),
        true,
    );
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=Some(format!("/admin/confidentialite?{}", view.org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=title.to_owned() who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/admin{q}")>{a.back_admin}</a></p>
            <p><strong>{view.organisation.clone()}</strong></p>
            <p>{intro}</p>
            {problem}
            {saved}
            {example}
            <form class="fr-form admin-form" method="post" action=format!("/admin/confidentialite{q}")>
                {controller}
                {dpo}
                <button type="submit" class="fr-btn">{if fr { "Enregistrer" } else { "Save" }}</button>
            </form>
        </PublicDocument>
    }
}
