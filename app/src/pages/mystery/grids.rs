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

/// A question or an entered figure that may measure an engagement, as the referential screen
/// lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureChoice {
    /// The question's code (`courtesy`) or the figure kind's (`call_pickup_rate`).
    pub code: String,
    /// What the referent reads: the question's text, the figure's name.
    pub label: String,
    /// Whether it measures the engagement.
    pub checked: bool,
}

/// An engagement of the referential screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EngagementLine {
    pub id: String,
    pub module: String,
    pub channel: String,
    pub title: String,
    pub threshold: String,
    /// The organisation's closed questions (and any question still mapped that left them).
    pub questions: Vec<MeasureChoice>,
    /// Every kind of entered figure.
    pub figures: Vec<MeasureChoice>,
    /// The grids' criteria that point at it (`C01`), which the grids' screens edit.
    pub criteria: Vec<String>,
}

/// The checkboxes of one kind of measure of an engagement, in their own fieldset.
fn measure_boxes(
    engagement: &str,
    field: &'static str,
    legend: &'static str,
    choices: Vec<MeasureChoice>,
    none: &'static str,
) -> impl IntoView + use<> {
    let boxes = if choices.is_empty() {
        view! { <p class="fr-hint-text">{none}</p> }.into_any()
    } else {
        choices
            .into_iter()
            .map(|c| {
                let id = format!("{field}-{engagement}-{}", c.code);
                view! {
                    <div class="fr-checkbox-group">
                        <input type="checkbox" id=id.clone() name=format!("{field}_{engagement}") value=c.code.clone() checked=c.checked/>
                        <label class="fr-label" for=id>{c.label}<span class="fr-hint-text">{c.code}</span></label>
                    </div>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <fieldset class="fr-fieldset measure-group">
            <legend class="fr-fieldset__legend">{legend}</legend>
            {boxes}
        </fieldset>
    }
}

/// What measures each engagement: the referent's checkboxes, or the committee's reading.
fn measures_section(
    lang: Lang,
    engagements: &[EngagementLine],
    manages: bool,
) -> impl IntoView + use<> {
    let f = fr(lang);
    let t = move |a: &'static str, b: &'static str| if f { a } else { b };
    let none = t("aucun", "none");
    let criteria_words = |c: &[String]| {
        if c.is_empty() {
            none.to_owned()
        } else {
            c.join(", ")
        }
    };
    let items = engagements
        .iter()
        .cloned()
        .map(|e| {
            let criteria = format!("{} : {}", t("Critères des grilles mystère", "Mystery grids' criteria"), criteria_words(&e.criteria));
            let heading = format!("{} – {}", e.id, e.title);
            if manages {
                view! {
                    <fieldset class="fr-fieldset measures">
                        <legend class="fr-fieldset__legend">{heading}<span class="fr-hint-text">{criteria}</span></legend>
                        {measure_boxes(&e.id, "question", t("Questions du questionnaire", "Questionnaire questions"), e.questions, t("Le questionnaire n'a pas de question fermée.", "The questionnaire has no closed question."))}
                        {measure_boxes(&e.id, "figure", t("Chiffres saisis", "Entered figures"), e.figures, none)}
                        // After the boxes: right after the legend, a hidden field would take the
                        // place that clears the legend's float.
                        <input type="hidden" name="mapped" value=e.id.clone()/>
                    </fieldset>
                }
                .into_any()
            } else {
                let listed = |choices: &[MeasureChoice], none: &str| {
                    let ticked: Vec<String> = choices
                        .iter()
                        .filter(|c| c.checked)
                        .map(|c| format!("{} ({})", c.label, c.code))
                        .collect();
                    if ticked.is_empty() { none.to_owned() } else { ticked.join(" ; ") }
                };
                view! {
                    <section class="measures">
                        <h3>{heading}</h3>
                        <ul>
                            <li>{format!("{} : {}", t("Questions du questionnaire", "Questionnaire questions"), listed(&e.questions, t("aucune", "none")))}</li>
                            <li>{format!("{} : {}", t("Chiffres saisis", "Entered figures"), listed(&e.figures, none))}</li>
                            <li>{criteria}</li>
                        </ul>
                    </section>
                }
                .into_any()
            }
        })
        .collect_view();
    let intro = if manages {
        t(
            "Cochez, pour chaque engagement, les questions et les chiffres saisis qui le mesurent : le tableau de bord les montre sur sa ligne, à côté des critères des tests mystère (qui se rattachent à leur engagement dans chaque grille).",
            "For each engagement, tick the questions and entered figures that measure it: the dashboard shows them on its line, beside the mystery tests' criteria (which point at their engagement in each grid).",
        )
    } else {
        t(
            "Pour chaque engagement, les questions, les chiffres saisis et les critères des tests mystère qui le mesurent, tels que le référent les a choisis.",
            "For each engagement, the questions, entered figures and mystery tests' criteria that measure it, as the referent chose them.",
        )
    };
    view! {
        <h2>{t("Ce qui mesure chaque engagement", "What measures each engagement")}</h2>
        <p>{intro}</p>
        {items}
    }
}

/// What the referential screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferentialView {
    pub who: SignedIn,
    pub org_query: String,
    pub version: i32,
    pub engagements: Vec<EngagementLine>,
    pub manages: bool,
    pub saved: bool,
    /// A refused save (400): the message above the form.
    pub problem: Option<FormProblem>,
}

/// `/mystere/referentiel`: the engagements of Modules 1 and 2 with their thresholds and what
/// measures each (questions, entered figures, the grids' criteria); the referent edits the
/// thresholds and ticks the measures (each change is a new version).
#[component]
pub fn ReferentialPage(lang: Lang, view: ReferentialView) -> impl IntoView {
    let ReferentialView {
        who,
        org_query,
        version,
        engagements,
        manages,
        saved,
        problem,
    } = view;
    let f = fr(lang);
    let t = move |a: &'static str, b: &'static str| if f { a } else { b };
    let q = format!("?lang={}{}", lang.code(), org_query);
    let title = format!(
        "{} (version {version})",
        t("Référentiel Qual-E-Pref", "Qual-E-Pref referential")
    );
    let measures = measures_section(lang, &engagements, manages);
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
                {measures}
                <button type="submit" class="fr-btn">{t("Enregistrer une nouvelle version", "Save a new version")}</button>
            </form>
        }
        .into_any()
    } else {
        view! { {table}{measures} }.into_any()
    };
    let saved = saved.then(|| {
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{t("Nouvelle version enregistrée.", "New version saved.")}</p></div> }
    });
    let banner = problem_banner(&problem);
    view! {
        <PublicDocument lang=lang title=title.clone() switch_path=Some(format!("/mystere/referentiel?{}", org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=title who=Some(who)/>
            <p><a class="fr-link" href=format!("/mystere{q}")>{t("Toutes les campagnes", "All campaigns")}</a></p>
            {banner}
            {saved}
            {body}
        </PublicDocument>
    }
}
