//! The test form: the shopper fills it (or reads it once sent), the referent validates it or sends
//! it back.

use crate::components::document::PublicDocument;
use crate::components::staff_bar::{SignedIn, StaffBar};
use domain::Lang;
use leptos::prelude::*;

/// One criterion field of the test form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionField {
    /// Its code: the field's name.
    pub code: String,
    /// What is checked.
    pub label: String,
    /// How to answer.
    pub help: String,
    /// `yes_no`, `count`, `seconds`… (drives the input and the helpers).
    pub kind: &'static str,
    /// The answers to choose from (code, label), for choice kinds; empty for numbers and text.
    pub choices: Vec<(String, String)>,
    /// Bounds of a number.
    pub range: Option<(u32, u32)>,
    /// Whether a submitted test must answer it (when it applies).
    pub required: bool,
    /// `C01=yes` when it applies only after that answer.
    pub applies_when: Option<String>,
    /// The value saved or posted.
    pub value: String,
    /// Its problem, when the form came back.
    pub error: Option<String>,
}

/// A group of criteria under its heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionGroup {
    /// The heading.
    pub title: String,
    /// Its criteria.
    pub fields: Vec<CriterionField>,
}

/// Everything the test form shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestFormView {
    /// The test's id.
    pub id: i32,
    /// The campaign's title.
    pub campaign: String,
    /// What is tested, and the number or counter.
    pub target: (String, String),
    /// The scenario: the question to ask and the expected answer.
    pub scenario: Option<(String, String)>,
    /// The planned day and slot.
    pub planned: Option<String>,
    /// The status's name and code.
    pub status: (String, &'static str),
    /// Whether the shopper may still change it.
    pub editable: bool,
    /// The revision the form was rendered from.
    pub revision: i32,
    /// The referent's comment, when sent back.
    pub review_comment: Option<String>,
    /// Context fields: moment (`YYYY-MM-DDTHH:MM`), number or counter, comment.
    pub performed_at: String,
    pub reached: String,
    pub comment: String,
    /// Problems of the context fields (field, message).
    pub context_errors: Vec<(String, String)>,
    /// The criteria, grouped as the grid groups them.
    pub groups: Vec<CriterionGroup>,
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

fn texts(lang: Lang) -> [&'static str; 20] {
    match lang {
        Lang::Fr => [
            "Test mystère",
            "Le test",
            "Date et heure du test",
            "Heure de Paris.",
            "Numéro appelé ou guichet visité",
            "Scénario : question à poser",
            "Réponse attendue",
            "Commentaire (facultatif)",
            "N'écrivez aucun nom d'agent ni aucune donnée personnelle : décrivez ce qui s'est passé.",
            "Enregistrer le brouillon",
            "Envoyer au référent",
            "Retour du référent",
            "Les critères marqués d'un astérisque sont obligatoires, sauf s'ils sont sans objet.",
            "Sans objet",
            "Note",
            "conforme au standard",
            "sous le standard",
            "Prévu",
            "Le formulaire contient des erreurs",
            "Mes tests",
        ],
        Lang::En => [
            "Mystery test",
            "The test",
            "Date and time of the test",
            "Paris time.",
            "Number dialled or counter visited",
            "Scenario: question to ask",
            "Expected answer",
            "Comment (optional)",
            "Write no agent's name and no personal data: describe what happened.",
            "Save the draft",
            "Send to the referent",
            "The referent's note",
            "Criteria marked with an asterisk are required, unless they do not apply.",
            "Not applicable",
            "Score",
            "meets the standard",
            "below the standard",
            "Planned",
            "The form has errors",
            "My tests",
        ],
    }
}

fn field_view(f: CriterionField, lang: Lang, editable: bool) -> AnyView {
    let t = texts(lang);
    let id = format!("crit-{}", f.code);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let star = if f.required { " *" } else { "" };
    let label = format!("{} – {}{star}", f.code, f.label);
    let error = f
        .error
        .clone()
        .map(|e| view! { <p class="fr-message fr-message--error" id=error_id.clone()>{e}</p> });
    let described = if f.error.is_some() {
        format!("{hint_id} {error_id}")
    } else {
        hint_id.clone()
    };
    let applies = f.applies_when.clone();
    let group_class = if f.error.is_some() {
        "fr-fieldset fr-fieldset--error criterion"
    } else {
        "fr-fieldset criterion"
    };
    if !f.choices.is_empty() {
        let name = f.code.clone();
        let options = f
            .choices
            .iter()
            .cloned()
            .map(|(code, text)| {
                let option_id = format!("{id}-{code}");
                let checked = f.value == code;
                view! {
                    <div class="fr-radio-group fr-radio-rich">
                        <input type="radio" id=option_id.clone() name=name.clone() value=code checked=checked disabled=!editable/>
                        <label class="fr-label" for=option_id>{text}</label>
                    </div>
                }
            })
            .collect_view();
        return view! {
            <fieldset class=group_class data-applies-when=applies aria-describedby=described>
                <legend class="fr-fieldset__legend">{label}</legend>
                <p class="fr-hint-text" id=hint_id>{f.help}</p>
                <div class="choices">{options}</div>
                {error}
            </fieldset>
        }
        .into_any();
    }
    if f.kind == "free_text" {
        return view! {
            <div class="fr-input-group criterion" data-applies-when=applies>
                <label class="fr-label" for=id.clone()>{label}<span class="fr-hint-text" id=hint_id>{f.help}" "{t[8]}</span></label>
                <textarea class="fr-input" id=id name=f.code.clone() maxlength="2000" readonly=!editable aria-describedby=described>{f.value.clone()}</textarea>
                {error}
            </div>
        }
        .into_any();
    }
    let (min, max) = f.range.unwrap_or((0, 3600));
    let helper = match f.kind {
        "count" => Some("counter"),
        "seconds" | "minutes" => Some("stopwatch"),
        _ => None,
    };
    let value = f.value.clone();
    view! {
        <div class="fr-input-group criterion" data-applies-when=applies data-helper=helper data-unit=f.kind>
            <label class="fr-label" for=id.clone()>{label}<span class="fr-hint-text" id=hint_id>{f.help}</span></label>
            <input class="fr-input number" type="number" inputmode="numeric" id=id name=f.code.clone()
                min=min.to_string() max=max.to_string() step="1" value=value readonly=!editable aria-describedby=described/>
            {error}
        </div>
    }
    .into_any()
}

/// `/mystere/tests/{id}`: the shopper's form (or, once submitted, the test as sent).
#[component]
pub fn TestFormPage(lang: Lang, who: SignedIn, view: TestFormView) -> impl IntoView {
    let t = texts(lang);
    let q = format!("?lang={}", lang.code());
    let action = format!("/mystere/tests/{}{q}", view.id);
    let title = format!("{} – {}", t[0], view.target.0);
    let editable = view.editable;
    let context_error = |field: &str| {
        view.context_errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
    };
    let has_errors = !view.context_errors.is_empty()
        || view
            .groups
            .iter()
            .any(|g| g.fields.iter().any(|f| f.error.is_some()));
    let errors_banner = has_errors.then(|| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{t[18]}</p></div> }
    });
    let notice = view.notice.clone().map(|(text, kind)| {
        let role = if kind == "error" { "alert" } else { "status" };
        view! { <div class=format!("fr-alert fr-alert--{kind}") role=role><p>{text}</p></div> }
    });
    let review = view.review_comment.clone().map(|c| {
        view! {
            <div class="fr-callout">
                <h2 class="fr-callout__title">{t[11]}</h2>
                <p class="fr-callout__text">{c}</p>
            </div>
        }
    });
    let scenario = view.scenario.clone().map(|(question, expected)| {
        view! {
            <dl class="scenario">
                <dt>{t[5]}</dt><dd>{question}</dd>
                <dt>{t[6]}</dt><dd>{expected}</dd>
            </dl>
        }
    });
    let score = view.score.clone().map(|(value, meets)| {
        let verdict = if meets { t[15] } else { t[16] };
        view! { <p class="fr-text--lead">{t[14]}" : "<strong>{value}</strong>" ("{verdict}")"</p> }
    });
    let planned = view
        .planned
        .clone()
        .map(|p| view! { <p class="fr-text--sm">{t[17]}" : "{p}</p> });
    let performed_error = context_error("performed_at");
    let performed_class = if performed_error.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let reached_error = context_error("reached");
    let reached_class = if reached_error.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let comment_error = context_error("comment");
    let comment_class = if comment_error.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let groups = view
        .groups
        .iter()
        .cloned()
        .map(|g| {
            let fields = g
                .fields
                .into_iter()
                .map(|f| field_view(f, lang, editable))
                .collect_view();
            view! {
                <section class="criteria-group">
                    <h2>{g.title}</h2>
                    {fields}
                </section>
            }
        })
        .collect_view();
    let buttons = editable.then(|| {
        view! {
            <ul class="fr-btns-group fr-btns-group--inline sticky-actions">
                <li><button type="submit" class="fr-btn fr-btn--secondary" name="action" value="save">{t[9]}</button></li>
                <li><button type="submit" class="fr-btn" name="action" value="submit">{t[10]}</button></li>
            </ul>
        }
    });
    let status = view.status.clone();
    view! {
        <PublicDocument lang=lang title=title.clone() switch_path=Some(format!("/mystere/tests/{}", view.id)) staff=true>
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
            <form class="fr-form mystery-form" method="post" action=action data-test=view.id.to_string() data-editable=editable.to_string()>
                <input type="hidden" name="revision" value=view.revision.to_string()/>
                <section class="criteria-group">
                    <h2>{t[1]}</h2>
                    <div class=performed_class>
                        <label class="fr-label" for="performed_at">{t[2]}" *"<span class="fr-hint-text">{t[3]}</span></label>
                        <input class="fr-input" type="datetime-local" id="performed_at" name="performed_at" value=view.performed_at.clone() readonly=!editable/>
                        {performed_error.map(|e| view! { <p class="fr-message fr-message--error">{e}</p> })}
                    </div>
                    <div class=reached_class>
                        <label class="fr-label" for="reached">{t[4]}</label>
                        <input class="fr-input" type="text" id="reached" name="reached" maxlength="100" value=view.reached.clone() placeholder=view.target.1.clone() readonly=!editable/>
                        {reached_error.map(|e| view! { <p class="fr-message fr-message--error">{e}</p> })}
                    </div>
                </section>
                <p class="fr-hint-text">{t[12]}</p>
                {groups}
                <section class="criteria-group">
                    <div class=comment_class>
                        <label class="fr-label" for="comment">{t[7]}<span class="fr-hint-text">{t[8]}</span></label>
                        <textarea class="fr-input" id="comment" name="comment" maxlength="2000" readonly=!editable>{view.comment.clone()}</textarea>
                        {comment_error.map(|e| view! { <p class="fr-message fr-message--error">{e}</p> })}
                    </div>
                </section>
                {buttons}
            </form>
            {view.can_review.then(|| review_forms(view.id, view.revision, lang))}
            {(editable || view.shopper.is_none()).then(|| view! { <script src="/assets/mystere.js" defer=true></script> })}
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
