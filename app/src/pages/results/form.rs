//! The results form's parts: the scope list, the labelled fields and the origins of the answers.

use crate::pages::results::texts::results_texts;
use domain::Lang;
use leptos::prelude::*;

/// Which list a scope belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeGroup {
    /// A questionnaire (all its touchpoints).
    Survey,
    /// A site.
    Site,
    /// A service.
    Service,
    /// One touchpoint.
    Touchpoint,
}

/// A choice of the scope list.
#[derive(Debug, Clone)]
pub struct ScopeOption {
    /// `kind:code`.
    pub key: String,
    /// Its name.
    pub label: String,
    /// Its list.
    pub group: ScopeGroup,
}

/// The values of the results form, as typed.
#[derive(Debug, Clone, Default)]
pub struct ResultsForm {
    pub scope: String,
    pub from: String,
    pub to: String,
    pub compare_from: String,
    pub compare_to: String,
    pub ci: String,
    pub level: String,
    /// `all`, `invited` or `open`.
    pub source: String,
}

/// The scope list, grouped by kind (questionnaires, sites, services, touchpoints).
pub(crate) fn scope_select(
    scopes: &[ScopeOption],
    selected: &str,
    lang: Lang,
) -> impl IntoView + use<> {
    let t = results_texts(lang);
    let groups = [
        (ScopeGroup::Survey, t.surveys),
        (ScopeGroup::Site, t.sites),
        (ScopeGroup::Service, t.services),
        (ScopeGroup::Touchpoint, t.touchpoints),
    ]
    .into_iter()
    .map(|(group, label)| {
        let options = scopes
            .iter()
            .filter(|s| s.group == group)
            .map(|s| {
                let chosen = s.key == selected;
                view! { <option value=s.key.clone() selected=chosen>{s.label.clone()}</option> }
            })
            .collect_view();
        view! { <optgroup label=label>{options}</optgroup> }
    })
    .collect_view();
    view! {
        <div class="fr-select-group">
            <label class="fr-label" for="scope">{t.scope}</label>
            <select class="fr-select" id="scope" name="scope">{groups}</select>
        </div>
    }
}

/// A labelled input; `errors` marks it when one of them is about `name`.
pub(crate) fn field(
    name: &'static str,
    label: String,
    hint: Option<&'static str>,
    input_type: &'static str,
    value: String,
    errors: &[(String, String)],
) -> impl IntoView + use<> {
    let error = errors
        .iter()
        .find(|(f, _)| f == name)
        .map(|(_, m)| m.clone());
    let group = if error.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let error_id = format!("{name}-error");
    let described = error.as_ref().map(|_| error_id.clone());
    view! {
        <div class=group>
            <label class="fr-label" for=name>
                {label}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </label>
            <input
                class="fr-input"
                type=input_type
                id=name
                name=name
                value=value
                step=(input_type == "number").then_some("any")
                aria-describedby=described
            />
            {error.map(|m| view! { <p class="fr-message fr-message--error" id=error_id>{m}</p> })}
        </div>
    }
}

/// The sources of responses a summary can count, with their labels.
pub(crate) fn source_choices(lang: Lang) -> [(&'static str, &'static str); 3] {
    let t = results_texts(lang);
    [
        ("all", t.source_all),
        ("invited", t.source_invited),
        ("open", t.source_open),
    ]
}
