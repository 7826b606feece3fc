//! The test form's fields, rendered on the server: a plain form that posts as it is without
//! JavaScript (context, criteria grouped as the grid groups them, comment, the two buttons). The
//! islands of `islands::test_form` sit in it: the keeper around it, a criterion that applies
//! only after an answer inside [`AppliesWhen`], the helpers beside a number criterion.

use crate::islands::test_form::applies::AppliesWhen;
use crate::islands::test_form::helpers::{RingCounter, Stopwatch};
use crate::islands::test_form::keeper::DraftKeeper;
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
    pub kind: String,
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

impl CriterionField {
    /// The criterion and the answer it depends on (`("C01", "yes")`).
    pub fn condition(&self) -> Option<(String, String)> {
        let (code, answer) = self.applies_when.as_deref()?.split_once('=')?;
        Some((code.to_owned(), answer.to_owned()))
    }

    /// Whether its answer is one of a list of choices (radio buttons).
    pub fn is_choice(&self) -> bool {
        !self.choices.is_empty()
    }
}

/// A group of criteria under its heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionGroup {
    /// The heading.
    pub title: String,
    /// Its criteria.
    pub fields: Vec<CriterionField>,
}

/// The form itself: what the island renders and keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestFormData {
    /// The test's id (the form posts to `/mystere/tests/{id}`).
    pub id: i32,
    /// Whether the shopper may still change it.
    pub editable: bool,
    /// The revision the form was rendered from.
    pub revision: i32,
    /// When the test was made (`YYYY-MM-DDTHH:MM`, Paris time).
    pub performed_at: String,
    /// The number dialled or the counter visited.
    pub reached: String,
    /// What to dial or visit, shown as the field's placeholder.
    pub reached_hint: String,
    /// The free comment.
    pub comment: String,
    /// Problems of the context fields (field, message).
    pub context_errors: Vec<(String, String)>,
    /// The criteria, grouped as the grid groups them.
    pub groups: Vec<CriterionGroup>,
}

impl TestFormData {
    /// Whether the form came back with a problem.
    pub fn has_errors(&self) -> bool {
        !self.context_errors.is_empty()
            || self
                .groups
                .iter()
                .any(|g| g.fields.iter().any(|f| f.error.is_some()))
    }

    /// The problem of a context field, if any.
    pub fn context_error(&self, field: &str) -> Option<String> {
        self.context_errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.clone())
    }
}

/// The form's words.
struct FormTexts {
    the_test: &'static str,
    performed_at: &'static str,
    paris_time: &'static str,
    reached: &'static str,
    comment: &'static str,
    no_names: &'static str,
    save: &'static str,
    submit: &'static str,
    required_note: &'static str,
}

fn form_texts(lang: Lang) -> FormTexts {
    match lang {
        Lang::Fr => FormTexts {
            the_test: "Le test",
            performed_at: "Date et heure du test",
            paris_time: "Heure de Paris.",
            reached: "Numéro appelé ou guichet visité",
            comment: "Commentaire (facultatif)",
            no_names: "N'écrivez aucun nom d'agent ni aucune donnée personnelle : décrivez ce qui s'est passé.",
            save: "Enregistrer le brouillon",
            submit: "Envoyer au référent",
            required_note: "Les critères marqués d'un astérisque sont obligatoires, sauf s'ils sont sans objet.",
        },
        Lang::En => FormTexts {
            the_test: "The test",
            performed_at: "Date and time of the test",
            paris_time: "Paris time.",
            reached: "Number dialled or counter visited",
            comment: "Comment (optional)",
            no_names: "Write no agent's name and no personal data: describe what happened.",
            save: "Save the draft",
            submit: "Send to the referent",
            required_note: "Criteria marked with an asterisk are required, unless they do not apply.",
        },
    }
}

/// The id of a criterion's input (its helpers find it by it).
pub fn criterion_id(code: &str) -> String {
    format!("crit-{code}")
}

/// A criterion's field; with islands, inside [`AppliesWhen`] when it applies only after an
/// answer.
fn criterion_view(f: CriterionField, lang: Lang, editable: bool, islands: bool) -> AnyView {
    let field = criterion_field(f.clone(), lang, editable);
    match f.condition().filter(|_| islands) {
        Some((criterion, answer)) => view! {
            <AppliesWhen criterion=criterion answer=answer>{field}</AppliesWhen>
        }
        .into_any(),
        None => field,
    }
}

fn criterion_field(f: CriterionField, lang: Lang, editable: bool) -> AnyView {
    let t = form_texts(lang);
    let id = criterion_id(&f.code);
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
    if f.is_choice() {
        let group_class = if f.error.is_some() {
            "fr-fieldset fr-fieldset--error criterion"
        } else {
            "fr-fieldset criterion"
        };
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
                <label class="fr-label" for=id.clone()>{label}<span class="fr-hint-text" id=hint_id>{f.help}" "{t.no_names}</span></label>
                <textarea class="fr-input" id=id name=f.code.clone() maxlength="2000" readonly=!editable aria-describedby=described>{f.value.clone()}</textarea>
                {error}
            </div>
        }
        .into_any();
    }
    let (min, max) = f.range.unwrap_or((0, 3600));
    let helper = match f.kind.as_str() {
        "count" => Some("counter"),
        "seconds" | "minutes" => Some("stopwatch"),
        _ => None,
    };
    // Helpers only where the shopper may still change the value (and so has the islands).
    let tools = (editable && helper.is_some()).then(|| {
        let (code, input) = (f.code.clone(), id.clone());
        if helper == Some("counter") {
            view! { <RingCounter lang=lang input=input code=code max=max/> }.into_any()
        } else {
            let minutes = f.kind == "minutes";
            view! { <Stopwatch lang=lang input=input minutes=minutes/> }.into_any()
        }
    });
    view! {
        <div class="fr-input-group criterion" data-applies-when=applies data-helper=helper data-unit=f.kind.clone()>
            <label class="fr-label" for=id.clone()>{label}<span class="fr-hint-text" id=hint_id>{f.help}</span></label>
            <input class="fr-input number" type="number" inputmode="numeric" id=id name=f.code.clone()
                min=min.to_string() max=max.to_string() step="1" value=f.value.clone() readonly=!editable aria-describedby=described/>
            {tools}
            {error}
        </div>
    }
    .into_any()
}

/// The class of a field's group: with its error, or without.
pub fn group_class(error: &Option<String>) -> &'static str {
    if error.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    }
}

/// `/mystere/tests/{id}`'s form: context, criteria grouped as the grid groups them, comment,
/// and the two buttons (save the draft, send to the referent) while the shopper may change it.
/// With `islands` (the shopper's page), inside the islands that keep its draft, hide what does
/// not apply and add the helpers; without (the referent's), plain HTML only.
#[component]
pub fn TestFields(lang: Lang, form: TestFormData, islands: bool) -> impl IntoView {
    let t = form_texts(lang);
    let editable = form.editable;
    let performed_error = form.context_error("performed_at");
    let reached_error = form.context_error("reached");
    let comment_error = form.context_error("comment");
    let (performed_class, reached_class, comment_class) = (
        group_class(&performed_error),
        group_class(&reached_error),
        group_class(&comment_error),
    );
    let groups = form
        .groups
        .iter()
        .cloned()
        .map(|g| {
            let fields = g
                .fields
                .into_iter()
                .map(|f| criterion_view(f, lang, editable, islands))
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
                <li><button type="submit" class="fr-btn fr-btn--secondary" name="action" value="save">{t.save}</button></li>
                <li><button type="submit" class="fr-btn" name="action" value="submit">{t.submit}</button></li>
            </ul>
        }
    });
    let plain = view! {
        <form class="fr-form mystery-form" method="post" action=format!("/mystere/tests/{}?lang={}", form.id, lang.code())
            data-test=form.id.to_string() data-editable=editable.to_string()>
            <input type="hidden" name="revision" value=form.revision.to_string()/>
            <section class="criteria-group">
                <h2>{t.the_test}</h2>
                <div class=performed_class>
                    <label class="fr-label" for="performed_at">{t.performed_at}" *"<span class="fr-hint-text">{t.paris_time}</span></label>
                    <input class="fr-input" type="datetime-local" id="performed_at" name="performed_at" value=form.performed_at.clone() readonly=!editable/>
                    {performed_error.map(|e| view! { <p class="fr-message fr-message--error">{e}</p> })}
                </div>
                <div class=reached_class>
                    <label class="fr-label" for="reached">{t.reached}</label>
                    <input class="fr-input" type="text" id="reached" name="reached" maxlength="100" value=form.reached.clone() placeholder=form.reached_hint.clone() readonly=!editable/>
                    {reached_error.map(|e| view! { <p class="fr-message fr-message--error">{e}</p> })}
                </div>
            </section>
            <p class="fr-hint-text">{t.required_note}</p>
            {groups}
            <section class="criteria-group">
                <div class=comment_class>
                    <label class="fr-label" for="comment">{t.comment}<span class="fr-hint-text">{t.no_names}</span></label>
                    <textarea class="fr-input" id="comment" name="comment" maxlength="2000" readonly=!editable>{form.comment.clone()}</textarea>
                    {comment_error.map(|e| view! { <p class="fr-message fr-message--error">{e}</p> })}
                </div>
            </section>
            {buttons}
        </form>
    };
    if islands {
        view! { <DraftKeeper lang=lang id=form.id editable=editable>{plain}</DraftKeeper> }
            .into_any()
    } else {
        plain.into_any()
    }
}
