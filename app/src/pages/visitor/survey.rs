//! The survey form of a touchpoint, its questions, and the problems shown next to them.

use crate::components::document::PublicDocument;
use crate::i18n::{Texts, texts};
use domain::{FieldError, FieldProblem, Lang, Question, QuestionKind};
use leptos::prelude::*;

/// Where the touchpoint is, in the visitor's language.
#[derive(Debug, Clone, Default)]
pub struct Place {
    /// Site name.
    pub site: String,
    /// Service name.
    pub service: String,
}

/// Everything the survey page shows.
#[derive(Debug, Clone)]
pub struct SurveyForm {
    /// The language of the page.
    pub lang: Lang,
    /// Languages the survey is written in.
    pub languages: Vec<Lang>,
    /// The touchpoint code (the form posts back to `/q/{code}`).
    pub code: String,
    /// The survey's title.
    pub title: String,
    /// Where the visitor is.
    pub place: Place,
    /// The version the form is rendered from.
    pub version_id: i32,
    /// A fresh key per rendered form, so a double tap stores one response.
    pub idempotency_key: String,
    /// The secret of the one-time invitation link the visitor came through, if any.
    pub link: Option<String>,
    /// The questions.
    pub questions: Vec<Question>,
    /// What the visitor had posted, when the page comes back with errors.
    pub values: Vec<(String, String)>,
    /// Problems to show next to their questions.
    pub errors: Vec<FieldError>,
}

fn error_text(t: &Texts, problem: FieldProblem) -> &'static str {
    match problem {
        FieldProblem::Missing => t.error_missing,
        FieldProblem::NotAnOption => t.error_not_an_option,
        FieldProblem::TooLong => t.error_too_long,
    }
}

/// One question as the visitor sees it (the builder's preview shows it too): its label, hint,
/// answers and problem.
pub fn question_view(
    q: Question,
    lang: Lang,
    values: &[(String, String)],
    error: Option<FieldProblem>,
) -> impl IntoView + use<> {
    let t = texts(lang);
    let name = domain::submission::field_name(&q.code);
    let current = values
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let base_id = format!("q-{}", q.code);
    let error_id = format!("{base_id}-error");
    let hint_id = format!("{base_id}-hint");
    let message = error.map(|p| {
        view! {
            <p class="fr-message fr-message--error" id=error_id.clone()>
                {error_text(t, p)}
            </p>
        }
    });
    let described = match (error.is_some(), q.help.is_some()) {
        (true, true) => Some(format!("{hint_id} {error_id}")),
        (true, false) => Some(error_id.clone()),
        (false, true) => Some(hint_id.clone()),
        (false, false) => None,
    };
    let marker = if q.required {
        " *".to_owned()
    } else {
        format!(" ({})", t.optional)
    };
    let text = q.text.get(lang).to_owned();
    let help = q.help.as_ref().map(|h| h.get(lang).to_owned());
    if q.kind == QuestionKind::FreeText {
        let group = if error.is_some() {
            "fr-input-group fr-input-group--error"
        } else {
            "fr-input-group"
        };
        let input_id = format!("{base_id}-input");
        return view! {
            <div class=group id=base_id>
                <label class="fr-label" for=input_id.clone()>
                    {text}{marker}
                    <span class="fr-hint-text" id=hint_id>
                        {help.unwrap_or_default()} " " {t.characters_max}
                    </span>
                </label>
                <textarea
                    class="fr-input"
                    id=input_id
                    name=name
                    rows="4"
                    maxlength=domain::FREE_TEXT_MAX_CHARS.to_string()
                    aria-describedby=described
                >
                    {current}
                </textarea>
                {message}
            </div>
        }
        .into_any();
    }
    let fieldset_class = if error.is_some() {
        "fr-fieldset fr-fieldset--error"
    } else {
        "fr-fieldset"
    };
    let legend_id = format!("{base_id}-legend");
    let labelled_by = legend_id.clone();
    let options = q
        .options
        .iter()
        .map(|o| {
            let id = format!("{}_{}", name, o.code);
            let checked = current == o.code;
            view! {
                <div class="fr-fieldset__element">
                    <div class="fr-radio-group fr-radio-rich">
                        <input type="radio" id=id.clone() name=name.clone() value=o.code.clone() checked=checked/>
                        <label class="fr-label" for=id>{o.label.get(lang).to_owned()}</label>
                    </div>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class=fieldset_class id=base_id aria-labelledby=labelled_by aria-describedby=described>
            <legend class="fr-fieldset__legend" id=legend_id>
                {text}{marker}
                {help.map(|h| view! { <span class="fr-hint-text" id=hint_id>{h}</span> })}
            </legend>
            {options}
            {message}
        </fieldset>
    }
    .into_any()
}

/// The survey form of a touchpoint.
#[component]
pub fn SurveyPage(form: SurveyForm) -> impl IntoView {
    let lang = form.lang;
    let t = texts(lang);
    let action = format!("/q/{}", form.code);
    // The language links keep the invitation, so switching language does not lose it.
    let switch = match &form.link {
        Some(secret) => format!("{action}?i={secret}"),
        None => action.clone(),
    };
    let has_errors = !form.errors.is_empty();
    let page_title = if has_errors {
        format!("{} – {}", t.errors_title, form.title)
    } else {
        form.title.clone()
    };
    let summary = has_errors.then(|| {
        let items = form
            .errors
            .iter()
            .map(|e| {
                let text = form
                    .questions
                    .iter()
                    .find(|q| q.code == e.question)
                    .map(|q| q.text.get(lang).to_owned())
                    .unwrap_or_default();
                let href = format!("#q-{}", e.question);
                view! { <li><a class="fr-link" href=href>{text}</a></li> }
            })
            .collect_view();
        view! {
            <div class="fr-alert fr-alert--error" role="alert">
                <h2 class="fr-alert__title">{t.errors_title}</h2>
                <p>{t.errors_intro}</p>
                <ul>{items}</ul>
            </div>
        }
    });
    let questions = form
        .questions
        .iter()
        .cloned()
        .map(|q| {
            let error = form
                .errors
                .iter()
                .find(|e| e.question == q.code)
                .map(|e| e.problem);
            question_view(q, lang, &form.values, error)
        })
        .collect_view();
    view! {
        <PublicDocument
            lang=lang
            title=page_title
            switch_path=Some(switch)
            languages=form.languages.clone()
        >
            <h1>{form.title.clone()}</h1>
            <p class="fr-text--lead">{form.place.service.clone()} " – " {form.place.site.clone()}</p>
            {summary}
            <p class="fr-notice fr-notice--info">
                {t.anonymous_notice} " "
                <a class="fr-link" href=format!("/q/{}/confidentialite?lang={}", form.code, lang.code())>{t.privacy_link}</a>
            </p>
            <p class="fr-hint-text">{t.required_hint}</p>
            <form class="fr-form" method="post" action=action>
                <input type="hidden" name="idem" value=form.idempotency_key.clone()/>
                <input type="hidden" name="sv" value=form.version_id.to_string()/>
                <input type="hidden" name="lang" value=lang.code()/>
                {form.link.clone().map(|secret| view! { <input type="hidden" name="i" value=secret/> })}
                {questions}
                <ul class="fr-btns-group">
                    <li>
                        <button type="submit" class="fr-btn">{t.submit}</button>
                    </li>
                </ul>
            </form>
        </PublicDocument>
    }
}
