//! Form parts the staff's screens share: a code with its name, a form's problem, the DSFR text
//! input and select, and the message of a field's problem.

use leptos::prelude::*;

/// One line of a table, already in the page's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// Which form a problem belongs to, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormProblem {
    /// `site`, `service` or `touchpoint`.
    pub form: String,
    /// The field (`code`, `name`, …).
    pub field: String,
    /// The message.
    pub message: String,
}

/// A text input with its label, hint and error message (DSFR input group).
pub fn input(
    id: String,
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    value: String,
    error: Option<String>,
    required: bool,
) -> impl IntoView + use<> {
    let group = if error.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let error_id = format!("{id}-error");
    let described = error.as_ref().map(|_| error_id.clone());
    view! {
        <div class=group>
            <label class="fr-label" for=id.clone()>
                {label}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </label>
            <input class="fr-input" type="text" id=id name=name value=value required=required aria-describedby=described/>
            {error.map(|e| view! { <p class="fr-message fr-message--error" id=error_id>{e}</p> })}
        </div>
    }
}

/// A select with its label and error message (DSFR select group); each option reads
/// "name (code)".
pub fn select(
    id: String,
    name: &'static str,
    label: &'static str,
    options: Vec<Named>,
    chosen: String,
    error: Option<String>,
) -> impl IntoView + use<> {
    let error_id = format!("{id}-error");
    let described = error.as_ref().map(|_| error_id.clone());
    let options = options
        .into_iter()
        .map(|o| {
            let selected = o.code == chosen;
            view! { <option value=o.code.clone() selected=selected>{format!("{} ({})", o.name, o.code)}</option> }
        })
        .collect_view();
    view! {
        <div class="fr-select-group">
            <label class="fr-label" for=id.clone()>{label}</label>
            <select class="fr-select" id=id name=name required=true aria-describedby=described>{options}</select>
            {error.map(|e| view! { <p class="fr-message fr-message--error" id=error_id>{e}</p> })}
        </div>
    }
}

/// The message of `problem` when it is about `field`.
pub fn problem_message(problem: &Option<FormProblem>, field: &str) -> Option<String> {
    problem
        .as_ref()
        .filter(|p| p.field == field)
        .map(|p| p.message.clone())
}
