//! A mystery test's page: the shopper fills its form (or reads it once sent), the referent
//! validates it or sends it back. The form itself ([`TestFields`]) is plain server HTML that
//! works without JavaScript; on the shopper's page, with the islands of its helpers and
//! autosave.

use crate::components::document::PublicDocument;
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::mystery::test_fields::{TestFields, TestFormData};
use domain::Lang;
use leptos::config::LeptosOptions;
use leptos::prelude::*;

/// Everything the test's page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestFormView {
    /// The campaign's title.
    pub campaign: String,
    /// What is tested.
    pub target: String,
    /// The scenario: the question to ask and the expected answer.
    pub scenario: Option<(String, String)>,
    /// The planned day and slot.
    pub planned: Option<String>,
    /// The status's name and code.
    pub status: (String, &'static str),
    /// The referent's comment, when sent back.
    pub review_comment: Option<String>,
    /// The form (context, criteria, values, problems).
    pub form: TestFormData,
    /// A notice to show on top (saved, submitted, conflict…).
    pub notice: Option<(String, &'static str)>,
    /// The score, for a submitted or validated test (`7,1 / 10`, meets the standard).
    pub score: Option<(String, bool)>,
    /// The link back (address, words).
    pub back: (String, String),
    /// The referent may validate it or send it back (a submitted test).
    pub can_review: bool,
    /// The shopper's e-mail, shown to the referent.
    pub shopper: Option<String>,
}

fn texts(lang: Lang) -> [&'static str; 9] {
    match lang {
        Lang::Fr => [
            "Test mystère",
            "Scénario : question à poser",
            "Réponse attendue",
            "Retour du référent",
            "Note",
            "conforme au standard",
            "sous le standard",
            "Prévu",
            "Le formulaire contient des erreurs",
        ],
        Lang::En => [
            "Mystery test",
            "Scenario: question to ask",
            "Expected answer",
            "The referent's note",
            "Score",
            "meets the standard",
            "below the standard",
            "Planned",
            "The form has errors",
        ],
    }
}

/// `/mystere/tests/{id}`: the shopper's form (or, once submitted, the test as sent). `islands`
/// are the site's options on the shopper's page, for the script that hydrates the form's
/// islands; the referent's page has none.
#[component]
pub fn TestFormPage(
    lang: Lang,
    who: SignedIn,
    view: TestFormView,
    islands: Option<LeptosOptions>,
) -> impl IntoView {
    let t = texts(lang);
    let id = view.form.id;
    let title = format!("{} – {}", t[0], view.target);
    let errors_banner = view.form.has_errors().then(|| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{t[8]}</p></div> }
    });
    let notice = view.notice.clone().map(|(text, kind)| {
        let role = if kind == "error" { "alert" } else { "status" };
        view! { <div class=format!("fr-alert fr-alert--{kind}") role=role><p>{text}</p></div> }
    });
    let review = view.review_comment.clone().map(|c| {
        view! {
            <div class="fr-callout">
                <h2 class="fr-callout__title">{t[3]}</h2>
                <p class="fr-callout__text">{c}</p>
            </div>
        }
    });
    let scenario = view.scenario.clone().map(|(question, expected)| {
        view! {
            <dl class="scenario">
                <dt>{t[1]}</dt><dd>{question}</dd>
                <dt>{t[2]}</dt><dd>{expected}</dd>
            </dl>
        }
    });
    let score = view.score.clone().map(|(value, meets)| {
        let verdict = if meets { t[5] } else { t[6] };
        view! { <p class="fr-text--lead">{t[4]}" : "<strong>{value}</strong>" ("{verdict}")"</p> }
    });
    let planned = view
        .planned
        .clone()
        .map(|p| view! { <p class="fr-text--sm">{t[7]}" : "{p}</p> });
    let status = view.status.clone();
    let revision = view.form.revision;
    view! {
        <PublicDocument lang=lang title=title.clone() switch_path=Some(format!("/mystere/tests/{id}")) staff=true islands=islands.clone()>
            <StaffBar lang=lang title=title who=Some(who)/>
            <p><a class="fr-link" href=view.back.0.clone()>{view.back.1.clone()}</a></p>
            {view.shopper.clone().map(|s| view! { <p class="fr-text--sm">{s}</p> })}
            <p>{view.campaign.clone()}" · "<span class=format!("fr-badge status-{}", status.1)>{status.0}</span></p>
            {planned}
            {notice}
            {errors_banner}
            {review}
            {score}
            {scenario}
            <TestFields lang=lang form=view.form.clone() islands=islands.is_some()/>
            {view.can_review.then(|| review_forms(id, revision, lang))}
        </PublicDocument>
    }
}

/// The referent's two decisions on a submitted test.
fn review_forms(id: i32, revision: i32, lang: Lang) -> impl IntoView {
    let fr = lang == Lang::Fr;
    let (title, validate, comment, comment_hint, send_back) = if fr {
        (
            "Décision du référent",
            "Valider le test",
            "Ce qu'il faut corriger",
            "Le testeur lit ce commentaire et renvoie le test corrigé.",
            "Renvoyer au testeur",
        )
    } else {
        (
            "The referent's decision",
            "Validate the test",
            "What to correct",
            "The shopper reads this comment and sends the corrected test again.",
            "Send back to the shopper",
        )
    };
    let action = format!("/mystere/tests/{id}/revue?lang={}", lang.code());
    view! {
        <section class="criteria-group review">
            <h2>{title}</h2>
            <form method="post" action=action.clone()>
                <input type="hidden" name="decision" value="validate"/>
                <input type="hidden" name="revision" value=revision.to_string()/>
                <button type="submit" class="fr-btn">{validate}</button>
            </form>
            <form class="fr-form" method="post" action=action>
                <input type="hidden" name="decision" value="return"/>
                <input type="hidden" name="revision" value=revision.to_string()/>
                <div class="fr-input-group">
                    <label class="fr-label" for="review-comment">{comment}<span class="fr-hint-text">{comment_hint}</span></label>
                    <textarea class="fr-input" id="review-comment" name="comment" maxlength="2000" required=true></textarea>
                </div>
                <button type="submit" class="fr-btn fr-btn--secondary">{send_back}</button>
            </form>
        </section>
    }
}
