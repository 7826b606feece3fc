//! The privacy notice of a touchpoint's organisation (`/q/{code}/confidentialite`), linked from
//! its survey and its poster: who is responsible, why the answers are collected and on what
//! basis, what is kept and for how long, the visitor's rights and whom to ask (RGPD art. 13).

use crate::components::document::PublicDocument;
use domain::Lang;
use leptos::prelude::*;

/// What the notice names, from the organisation's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivacyView {
    /// The touchpoint whose survey links back.
    pub code: String,
    /// The organisation.
    pub organisation: String,
    /// The controller.
    pub controller: String,
    /// How to reach the data-protection officer; empty while the referent has not given it.
    pub dpo_contact: String,
    /// After how many days a comment is erased.
    pub free_text_days: i32,
    /// After how many days a response is deleted.
    pub responses_days: i32,
}

/// `/q/{code}/confidentialite`.
#[component]
pub fn PrivacyPage(lang: Lang, view: PrivacyView) -> impl IntoView {
    let fr = lang == Lang::Fr;
    let title = if fr {
        "Vos données et ce questionnaire"
    } else {
        "Your data and this questionnaire"
    };
    let dpo = if view.dpo_contact.is_empty() {
        if fr {
            format!(
                "Le contact du délégué à la protection des données de {} n'a pas encore été indiqué ; adressez-vous à l'accueil.",
                view.organisation
            )
        } else {
            format!(
                "The contact of the data-protection officer of {} has not been given yet; ask at the reception.",
                view.organisation
            )
        }
    } else {
        view.dpo_contact.clone()
    };
    let back = format!("/q/{}?lang={}", view.code, lang.code());
    let sections: Vec<(&str, String)> = if fr {
        vec![
            ("Responsable du traitement", view.controller.clone()),
            ("Finalité", "Mesurer la qualité de l'accueil du public et l'améliorer (démarche Qual-E-Pref, comité local des usagers).".into()),
            ("Base légale", "Mission d'intérêt public de l'administration (article 6-1-e du RGPD). Répondre est facultatif.".into()),
            ("Ce qui est conservé", "Vos réponses, le guichet concerné, la langue, et l'heure de la réponse arrondie à l'heure (au jour pour une réponse donnée par un lien reçu après un rendez-vous). Ni votre adresse IP, ni un identifiant de votre appareil, ni votre nom ne sont enregistrés. N'écrivez pas de données personnelles dans le commentaire.".into()),
            ("Qui les lit", "Les résultats chiffrés sont lus par le comité local des usagers et les agents chargés de la qualité ; un groupe de moins de 5 réponses n'est jamais montré. Les réponses une à une ne sont lues que par le référent qualité et l'administrateur. Le comité lit aussi les commentaires, sauf ceux que le référent a masqués (un nom, une insulte) et ceux d'un guichet et d'un mois de moins de 5 réponses.".into()),
            ("Durée de conservation", format!("Un commentaire est effacé {} jours après la réponse, la réponse elle-même {} jours après ; ne restent ensuite que des nombres de réponses par jour, qui ne contiennent aucune réponse individuelle. Un commentaire contenant des données personnelles est effacé sur demande.", view.free_text_days, view.responses_days)),
            ("Vos droits", "Vous pouvez demander l'accès, la rectification ou l'effacement d'une réponse, ou vous opposer au traitement. Les réponses étant anonymes, indiquez le guichet, le jour et ce que vous avez écrit pour qu'elle puisse être retrouvée. Vous pouvez aussi adresser une réclamation à la CNIL (www.cnil.fr).".into()),
            ("Délégué à la protection des données", dpo),
        ]
    } else {
        vec![
            ("Controller", view.controller.clone()),
            ("Purpose", "Measuring and improving the reception of the public (Qual-E-Pref programme, local users' committee).".into()),
            ("Legal basis", "The administration's public-interest mission (RGPD article 6-1-e). Answering is optional.".into()),
            ("What is kept", "Your answers, the counter concerned, the language, and the time of the answer rounded to the hour (to the day for an answer given through a link received after an appointment). Neither your IP address, nor an identifier of your device, nor your name is recorded. Do not write personal data in the comment.".into()),
            ("Who reads them", "The figures are read by the local users' committee and the staff in charge of quality; a group of fewer than 5 answers is never shown. Single answers are read only by the quality referent and the administrator. The committee also reads the comments, except those the referent hid (a name, an insult) and those of a counter and month of fewer than 5 answers.".into()),
            ("How long", format!("A comment is erased {} days after the answer, the answer itself {} days after; what then remains is only numbers of answers per day, which hold no single answer. A comment holding personal data is erased on request.", view.free_text_days, view.responses_days)),
            ("Your rights", "You may ask for access to, rectification or erasure of an answer, or object to the processing. Answers being anonymous, give the counter, the day and what you wrote so that it can be found. You may also complain to the CNIL (www.cnil.fr).".into()),
            ("Data-protection officer", dpo),
        ]
    };
    let sections = sections
        .into_iter()
        .map(|(h, text)| view! { <h2 class="fr-h5">{h}</h2><p>{text}</p> })
        .collect_view();
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=Some(format!("/q/{}/confidentialite", view.code))>
            <h1>{title}</h1>
            <p class="fr-text--lead">{view.organisation.clone()}</p>
            {sections}
            <p><a class="fr-link" href=back>{if fr { "Retour au questionnaire" } else { "Back to the questionnaire" }}</a></p>
        </PublicDocument>
    }
}
