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
    /// The retention durations, in display order.
    pub retention: Vec<RetentionField>,
    /// A problem of the retention form.
    pub retention_problem: Option<FormProblem>,
    pub retention_saved: bool,
}

/// One retention duration of the form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionField {
    /// The form field (`free_text_days`, …).
    pub field: &'static str,
    /// The value shown (as typed after a refusal).
    pub value: String,
    /// The bounds and the product's default, in days.
    pub low: i32,
    pub high: i32,
    pub default: i32,
}

/// What a retention duration applies to.
fn retention_label(field: &str, fr: bool) -> &'static str {
    match (field, fr) {
        ("free_text_days", true) => "Commentaires des usagers (effacés de leur réponse)",
        ("free_text_days", false) => "Visitors' comments (erased from their response)",
        ("responses_days", true) => "Réponses au questionnaire (les comptes par jour restent)",
        ("responses_days", false) => "Questionnaire responses (the daily counts stay)",
        ("mystery_tests_days", true) => "Tests mystères, à compter du jour du test",
        ("mystery_tests_days", false) => "Mystery tests, from the day of the test",
        ("invitations_days", true) => {
            "Liens d'invitation et de réinitialisation, après usage ou expiration"
        }
        ("invitations_days", false) => "Invitation and reset links, after use or expiry",
        ("deactivated_accounts_days", true) => {
            "Comptes désactivés (adresse effacée), après la désactivation"
        }
        ("deactivated_accounts_days", false) => {
            "Deactivated accounts (address erased), after deactivation"
        }
        ("audit_log_days", true) => "Journal des modifications",
        ("audit_log_days", false) => "Change log",
        _ => "",
    }
}

fn retention_form(lang: Lang, view: &PrivacySettingsView, q: &str) -> impl IntoView + use<> {
    let fr = lang == Lang::Fr;
    let fields = view
        .retention
        .iter()
        .map(|f| {
            let id = format!("retention-{}", f.field.replace('_', "-"));
            let error = problem_message(&view.retention_problem, f.field);
            let group = if error.is_some() {
                "fr-input-group fr-input-group--error"
            } else {
                "fr-input-group"
            };
            let hint = if fr {
                format!("En jours, de {} à {} ; par défaut {}.", f.low, f.high, f.default)
            } else {
                format!("In days, {} to {}; by default {}.", f.low, f.high, f.default)
            };
            let error_id = format!("{id}-error");
            let described = error.as_ref().map(|_| error_id.clone());
            view! {
                <div class=group>
                    <label class="fr-label" for=id.clone()>
                        {retention_label(f.field, fr)}
                        <span class="fr-hint-text">{hint}</span>
                    </label>
                    <input class="fr-input" type="number" inputmode="numeric" id=id name=f.field value=f.value.clone() min=f.low max=f.high required=true aria-describedby=described/>
                    {error.map(|e| view! { <p class="fr-message fr-message--error" id=error_id>{e}</p> })}
                </div>
            }
        })
        .collect_view();
    let problem = view.retention_problem.clone().map(|p| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{p.message}</p></div> }
    });
    let saved = view.retention_saved.then(|| {
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{if fr { "Durées enregistrées." } else { "Durations saved." }}</p></div> }
    });
    view! {
        <h2 class="fr-h4" id="conservation">{if fr { "Durées de conservation" } else { "Retention periods" }}</h2>
        <p>{if fr {
            "Au-delà de ces durées, le serveur efface les données chaque heure et l'inscrit au journal des modifications. Les usagers lisent ces durées dans l'information sur leurs données."
        } else {
            "Past these durations, the server erases the data every hour and records it in the change log. Visitors read these durations in the notice about their data."
        }}</p>
        {problem}
        {saved}
        <form class="fr-form admin-form" method="post" action=format!("/admin/confidentialite/conservation{q}")>
            {fields}
            <button type="submit" class="fr-btn">{if fr { "Enregistrer les durées" } else { "Save the durations" }}</button>
        </form>
    }
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
    let retention = retention_form(lang, &view, &q);
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
            {retention}
        </PublicDocument>
    }
}
