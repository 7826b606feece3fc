//! A grid's criteria and rules, and the referential's engagements, with their thresholds (which the
//! referent edits).

use crate::components::document::PublicDocument;
use crate::components::forms::{FormProblem, input, problem_message};
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::mystery::parts::{fr, problem_banner};
use domain::Lang;
use leptos::prelude::*;

/// A criterion of the grid screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionLine {
    pub code: String,
    pub label: String,
    /// The answer type, in words.
    pub kind: String,
    /// The rule in words (`≤ 5`, `oui`, `≥ 3`, information only).
    pub rule: String,
    /// The threshold, when the rule has one (an editable number).
    pub threshold: Option<String>,
    pub engagement: String,
}

/// What the grid screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridView {
    pub who: SignedIn,
    pub org_query: String,
    pub code: String,
    pub title: String,
    pub version: i32,
    pub standard: String,
    pub criteria: Vec<CriterionLine>,
    pub manages: bool,
    pub problem: Option<FormProblem>,
    pub saved: bool,
}

/// `/mystere/grilles/{code}`: a grid's criteria and rules; the referent edits the thresholds
/// and the standard (a new version when a test already used the current one).
#[component]
pub fn GridPage(lang: Lang, view: GridView) -> impl IntoView {
    let f = fr(lang);
    let t = move |a: &'static str, b: &'static str| if f { a } else { b };
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let title = format!("{} (version {})", view.title, view.version);
    let manages = view.manages;
    let rows = view
        .criteria
        .iter()
        .cloned()
        .map(|c| {
            let threshold = match (c.threshold, manages) {
                (Some(v), true) => {
                    let id = format!("threshold-{}", c.code);
                    let label = format!("{} {}", t("Seuil de", "Threshold of"), c.code);
                    view! {
                        <label class="fr-sr-only" for=id.clone()>{label}</label>
                        <input class="fr-input number" type="number" min="0" max="3600" step="1" id=id name=format!("threshold_{}", c.code) value=v/>
                    }
                    .into_any()
                }
                (Some(v), false) => view! { <span>{v}</span> }.into_any(),
                (None, _) => view! { <span>"—"</span> }.into_any(),
            };
            view! {
                <tr>
                    <th scope="row">{c.code}" – "{c.label}</th>
                    <td>{c.kind}</td><td>{c.rule}</td><td>{threshold}</td><td>{c.engagement}</td>
                </tr>
            }
        })
        .collect_view();
    let caption = t("Critères", "Criteria");
    let table = view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=caption>
            <table class="fr-table">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{t("Critère", "Criterion")}</th><th scope="col">{t("Réponse", "Answer")}</th>
                    <th scope="col">{t("Règle", "Rule")}</th><th scope="col">{t("Seuil", "Threshold")}</th>
                    <th scope="col">{t("Engagement", "Engagement")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    };
    let standard = input(
        "grid-standard".into(),
        "standard",
        t(
            "Standard (note sur 10 à atteindre)",
            "Standard (mark out of 10 to reach)",
        ),
        Some(t(
            "7 par défaut (baromètre Marianne).",
            "7 by default (Marianne barometer).",
        )),
        view.standard.clone(),
        problem_message(&view.problem, "standard")
            .or_else(|| problem_message(&view.problem, "criteria")),
        true,
    );
    let body = if manages {
        view! {
            <form class="fr-form" method="post" action=format!("/mystere/grilles/{}{q}", view.code)>
                {table}
                {standard}
                <p class="fr-hint-text">{t("Si un test a déjà été rempli avec cette version, l'enregistrement crée une nouvelle version : les tests gardent les règles avec lesquelles ils ont été remplis.", "If a test was already filled with this version, saving makes a new version: tests keep the rules they were filled with.")}</p>
                <button type="submit" class="fr-btn">{t("Enregistrer les seuils", "Save the thresholds")}</button>
            </form>
        }
        .into_any()
    } else {
        view! { {table}<p>{t("Standard", "Standard")}" : "{view.standard.clone()}" / 10"</p> }
            .into_any()
    };
    let saved = view.saved.then(|| {
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{t("Grille enregistrée.", "Grid saved.")}</p></div> }
    });
    let banner = problem_banner(&view.problem);
    view! {
        <PublicDocument lang=lang title=title.clone() switch_path=Some(format!("/mystere/grilles/{}?{}", view.code, view.org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=title who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/mystere{q}")>{t("Toutes les campagnes", "All campaigns")}</a>" · "
               <a class="fr-link" href=format!("/mystere/referentiel{q}")>{t("Référentiel", "Referential")}</a></p>
            {banner}
            {saved}
            {body}
        </PublicDocument>
    }
}

/// An engagement of the referential screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngagementLine {
    pub id: String,
    pub module: String,
    pub channel: String,
    pub title: String,
    pub threshold: String,
}

/// `/mystere/referentiel`: the engagements of Modules 1 and 2 with their thresholds; the
/// referent edits the thresholds (each change is a new version).
#[component]
pub fn ReferentialPage(
    lang: Lang,
    who: SignedIn,
    org_query: String,
    version: i32,
    engagements: Vec<EngagementLine>,
    manages: bool,
    saved: bool,
) -> impl IntoView {
    let f = fr(lang);
    let t = move |a: &'static str, b: &'static str| if f { a } else { b };
    let q = format!("?lang={}{}", lang.code(), org_query);
    let title = format!(
        "{} (version {version})",
        t("Référentiel Qual-E-Pref", "Qual-E-Pref referential")
    );
    let rows = engagements
        .into_iter()
        .map(|e| {
            let threshold = if manages {
                let id = format!("engagement-{}", e.id);
                let label = format!("{} {}", t("Seuil de", "Threshold of"), e.id);
                view! {
                    <label class="fr-sr-only" for=id.clone()>{label}</label>
                    <input class="fr-input" type="text" maxlength="300" id=id name=format!("threshold_{}", e.id) value=e.threshold/>
                }
                .into_any()
            } else {
                view! { <span>{e.threshold}</span> }.into_any()
            };
            view! {
                <tr><th scope="row">{e.id}</th><td>{e.module}</td><td>{e.channel}</td><td>{e.title}</td><td>{threshold}</td></tr>
            }
        })
        .collect_view();
    let caption = t("Engagements", "Engagements");
    let table = view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=caption>
            <table class="fr-table">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">"Id"</th><th scope="col">"Module"</th><th scope="col">{t("Canal", "Channel")}</th>
                    <th scope="col">{t("Engagement", "Engagement")}</th><th scope="col">{t("Seuil mesurable", "Measurable threshold")}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    };
    let body = if manages {
        view! {
            <form class="fr-form" method="post" action=format!("/mystere/referentiel{q}")>
                {table}
                <button type="submit" class="fr-btn">{t("Enregistrer une nouvelle version", "Save a new version")}</button>
            </form>
        }
        .into_any()
    } else {
        table.into_any()
    };
    let saved = saved.then(|| {
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{t("Nouvelle version enregistrée.", "New version saved.")}</p></div> }
    });
    view! {
        <PublicDocument lang=lang title=title.clone() switch_path=Some(format!("/mystere/referentiel?{}", org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=title who=Some(who)/>
            <p><a class="fr-link" href=format!("/mystere{q}")>{t("Toutes les campagnes", "All campaigns")}</a></p>
            {saved}
            {body}
        </PublicDocument>
    }
}
