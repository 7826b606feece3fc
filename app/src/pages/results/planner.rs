//! The sample-size planner: how many answers (or mystery tests) a margin of error needs, under the
//! results and on its own page.

use crate::components::document::PublicDocument;
use crate::components::format::level_text;
use crate::pages::results::form::field;
use crate::pages::results::texts::results_texts;
use domain::Lang;
use leptos::prelude::*;

/// The planner's form and answer.
#[derive(Debug, Clone, Default)]
pub struct PlannerView {
    pub p: String,
    pub margin: String,
    pub level: String,
    pub population: String,
    /// The answers needed, once computed.
    pub n: Option<u64>,
    /// Why it could not be computed.
    pub error: Option<String>,
}

/// The planner's form, and its answer once computed.
pub(crate) fn planner_form(p: &PlannerView, lang: Lang) -> impl IntoView + use<> {
    let t = results_texts(lang);
    let answer = p.n.map(|n| {
        view! {
            <p class="fr-alert fr-alert--info" role="status">
                <strong>{n}</strong> " " {t.planner_answer}
            </p>
        }
    });
    let errors: Vec<(String, String)> = p
        .error
        .iter()
        .map(|m| ("margin".to_owned(), m.clone()))
        .collect();
    view! {
        <section class="fr-mt-4w" aria-labelledby="planner">
            <h2 id="planner">{t.planner_title}</h2>
            <p>{t.planner_intro}</p>
            <form class="fr-form" method="get" action="/resultats/echantillon">
                <input type="hidden" name="lang" value=lang.code()/>
                {field("p", t.planner_p.into(), Some(t.planner_p_hint), "number", p.p.clone(), &[])}
                {field("margin", t.planner_margin.into(), Some(t.planner_margin_hint), "number", p.margin.clone(), &errors)}
                {field("population", t.planner_population.into(), Some(t.planner_population_hint), "number", p.population.clone(), &[])}
                <div class="fr-select-group">
                    <label class="fr-label" for="plan-level">{t.level}</label>
                    <select class="fr-select" id="plan-level" name="level">
                        {["0.9", "0.95", "0.99"].into_iter().map(|l| {
                            let chosen = p.level == l || (p.level.is_empty() && l == "0.95");
                            let text = level_text(l.parse().unwrap_or(0.95), lang);
                            view! { <option value=l selected=chosen>{text}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="fr-btn fr-btn--secondary">{t.planner_submit}</button>
            </form>
            {answer}
        </section>
    }
}

/// The planner on its own page (the answer of its form).
#[component]
pub fn PlannerPage(lang: Lang, planner: PlannerView) -> impl IntoView {
    let t = results_texts(lang);
    view! {
        <PublicDocument lang=lang title=t.planner_title.to_owned() switch_path=Some("/resultats/echantillon".to_owned()) staff=true>
            <p><a class="fr-link" href=format!("/resultats?lang={}", lang.code())>{t.title}</a></p>
            <h1>{t.planner_page_title}</h1>
            {planner_form(&planner, lang)}
        </PublicDocument>
    }
}
