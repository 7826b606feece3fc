//! The results page: the staff bar, the results form, the report and the planner.

use crate::components::document::PublicDocument;
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::results::form::{ResultsForm, ScopeOption, field, scope_select, source_choices};
use crate::pages::results::planner::{PlannerView, planner_form};
use crate::pages::results::report::{Report, report_view};
use crate::pages::results::texts::{METHODS, results_texts};
use domain::Lang;
use leptos::prelude::*;

/// Everything the results page shows.
#[derive(Debug, Clone)]
pub struct ResultsView {
    pub lang: Lang,
    /// The page's own path and query, for the language switch.
    pub switch_path: String,
    pub scopes: Vec<ScopeOption>,
    pub form: ResultsForm,
    /// (field, message) of each problem of the form.
    pub errors: Vec<(String, String)>,
    pub report: Option<Report>,
    pub planner: PlannerView,
    /// Whether the reader may import past results (referent, admin).
    pub can_import: bool,
    /// Who reads, for the staff bar.
    pub who: Option<SignedIn>,
}

/// The results page.
#[component]
pub fn ResultsPage(view: ResultsView) -> impl IntoView {
    let lang = view.lang;
    let t = results_texts(lang);
    let report = view.report.map(|r| report_view(r, lang));
    // The same scope and period, once read without a problem (a scope key and months then hold
    // nothing an address would need to escape).
    let f = &view.form;
    let same = view
        .errors
        .is_empty()
        .then(|| format!("&scope={}&from={}&to={}", f.scope, f.from, f.to));
    let comments_href = format!(
        "{}?lang={}{}",
        crate::pages::results::comments::PATH,
        lang.code(),
        same.unwrap_or_default()
    );
    let title = t.title.to_owned();
    view! {
        <PublicDocument lang=lang title=title switch_path=Some(view.switch_path.clone()) staff=true>
            <StaffBar lang=lang title=t.title.to_owned() who=view.who.clone()/>
            <p>{t.intro}</p>
            {view.can_import.then(|| view! {
                <p><a class="fr-link" href=format!("/resultats/import?lang={}", lang.code())>{t.import_link}</a></p>
            })}
            <p><a class="fr-link" href=comments_href>{if lang == Lang::Fr { "Commentaires des usagers sur la même période" } else { "Visitors' comments over the same period" }}</a></p>
            <p><a class="fr-link" href=format!("/tableau-de-bord?lang={}", lang.code())>{if lang == Lang::Fr { "Le tableau de bord, en graphiques" } else { "The dashboard, in charts" }}</a></p>
            <p><a class="fr-link" href=format!("/mystere?lang={}", lang.code())>{if lang == Lang::Fr { "Résultats des appels et visites mystères" } else { "Results of the mystery calls and visits" }}</a></p>
            {query_form("/resultats", &view.scopes, &view.form, &view.errors, Vec::new(), lang)}
            {report}
            {planner_form(&view.planner, lang)}
        </PublicDocument>
    }
}

/// The GET form of a scope, a period, its comparison, the interval method, the level and the
/// source, with the summary of its errors, sent to `action` (`/resultats`, `/tableau-de-bord`)
/// with the `hidden` fields (the organisation an administrator acts for).
pub fn query_form(
    action: &'static str,
    scopes: &[ScopeOption],
    f: &ResultsForm,
    errors: &[(String, String)],
    hidden: Vec<(String, String)>,
    lang: Lang,
) -> impl IntoView + use<> {
    let t = results_texts(lang);
    let errors = errors.to_vec();
    let summary = (!errors.is_empty()).then(|| {
        let items = errors
            .iter()
            .map(|(field, m)| {
                let href = format!("#{field}");
                view! { <li><a class="fr-link" href=href>{m.clone()}</a></li> }
            })
            .collect_view();
        view! {
            <div class="fr-alert fr-alert--error" role="alert">
                <h2 class="fr-alert__title">{t.errors_title}</h2>
                <ul>{items}</ul>
            </div>
        }
    });
    let methods = METHODS
        .iter()
        .map(|(code, fr, en)| {
            let chosen = f.ci == *code || (f.ci.is_empty() && *code == "wilson");
            let label = if lang == Lang::Fr { *fr } else { *en };
            view! { <option value=*code selected=chosen>{label}</option> }
        })
        .collect_view();
    let sources = source_choices(lang)
        .into_iter()
        .map(|(code, label)| {
            let chosen = f.source == code || (f.source.is_empty() && code == "all");
            view! { <option value=code selected=chosen>{label}</option> }
        })
        .collect_view();
    let hidden = hidden
        .into_iter()
        .map(|(name, value)| view! { <input type="hidden" name=name value=value/> })
        .collect_view();
    view! {
        {summary}
            <form class="fr-form results-form" method="get" action=action>
                <input type="hidden" name="lang" value=lang.code()/>
                {hidden}
                <h2>{t.form_title}</h2>
                {scope_select(scopes, &f.scope, lang)}
                <fieldset class="fr-fieldset">
                    <legend class="fr-fieldset__legend">
                        {t.period}
                        <span class="fr-hint-text">{t.period_hint}</span>
                    </legend>
                    <div class="pair">
                        {field("from", t.from.into(), None, "month", f.from.clone(), &errors)}
                        {field("to", t.to.into(), None, "month", f.to.clone(), &errors)}
                    </div>
                </fieldset>
                <fieldset class="fr-fieldset">
                    <legend class="fr-fieldset__legend">
                        {t.compare}
                        <span class="fr-hint-text">{t.compare_hint}</span>
                    </legend>
                    <div class="pair">
                        {field("compare_from", t.from.into(), None, "month", f.compare_from.clone(), &errors)}
                        {field("compare_to", t.to.into(), None, "month", f.compare_to.clone(), &errors)}
                    </div>
                </fieldset>
                <div class="pair">
                    <div class="fr-select-group">
                        <label class="fr-label" for="ci">{t.method}</label>
                        <select class="fr-select" id="ci" name="ci">{methods}</select>
                    </div>
                    {field("level", t.level.into(), Some("0.95 = 95 %"), "text", f.level.clone(), &errors)}
                </div>
                <div class="fr-select-group">
                    <label class="fr-label" for="source">
                        {t.source}
                        <span class="fr-hint-text">{t.source_hint}</span>
                    </label>
                    <select class="fr-select" id="source" name="source">{sources}</select>
                </div>
                <button type="submit" class="fr-btn">{t.show}</button>
            </form>
    }
}
