//! A campaign's plan: targets, scenarios, planned tests and their shoppers, progress, and the margin
//! of error the plan gives.

use crate::components::document::PublicDocument;
use crate::components::forms::{FormProblem, Named, input, problem_message, select};
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::mystery::parts::{fr, problem_banner};
use domain::Lang;
use leptos::prelude::*;

/// A target of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetLine {
    pub code: String,
    pub label: String,
    pub kind: String,
    pub detail: String,
    pub planned: u32,
    pub done: u32,
    pub validated: u32,
}

/// A planned test of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedLine {
    pub id: i32,
    pub target: String,
    pub scenario: String,
    /// `Mardi, midi`.
    pub when: String,
    pub shopper: String,
    /// The test's status (name), and its id for a link, once started.
    pub test: Option<(i32, String)>,
}

/// What a campaign's plan screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignPlanView {
    pub who: SignedIn,
    pub org_query: String,
    pub code: String,
    pub title: String,
    pub grid: String,
    pub period: String,
    /// The margin of error of the planned tests: sentences already written.
    pub precision: Vec<String>,
    /// The margin asked for (points) and the tests it needs, when asked.
    pub wanted: Option<(String, String)>,
    pub margin_input: String,
    pub targets: Vec<TargetLine>,
    /// Per slot: name, planned, done, validated.
    pub slots: Vec<(String, u32, u32, u32)>,
    /// Scenarios: code, question, expected answer.
    pub scenarios: Vec<(String, String, String)>,
    pub planned: Vec<PlannedLine>,
    pub services: Vec<Named>,
    pub shoppers: Vec<Named>,
    /// The target form: code, label, kind, service, detail, planned.
    pub target_form: [String; 6],
    /// The scenario form: code, question, expected answer.
    pub scenario_form: [String; 3],
    pub problem: Option<FormProblem>,
    pub saved: bool,
}

fn progress_table(
    caption: String,
    first: &'static str,
    rows: Vec<(String, u32, u32, u32)>,
    lang: Lang,
) -> impl IntoView + use<> {
    let (planned, done, validated) = if fr(lang) {
        ("Prévus", "Faits", "Validés")
    } else {
        ("Planned", "Done", "Validated")
    };
    let rows = rows
        .into_iter()
        .map(|(name, p, d, v)| {
            view! { <tr><th scope="row">{name}</th><td class="num">{p}</td><td class="num">{d}</td><td class="num">{v}</td></tr> }
        })
        .collect_view();
    let region = caption.clone();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=region>
            <table class="fr-table">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">{first}</th><th scope="col">{planned}</th><th scope="col">{done}</th><th scope="col">{validated}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// `/mystere/campagnes/{code}`: the plan of a campaign.
#[component]
pub fn CampaignPlanPage(lang: Lang, view: CampaignPlanView) -> impl IntoView {
    let f = fr(lang);
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let base = format!("/mystere/campagnes/{}", view.code);
    let title = view.title.clone();
    let t = move |a: &'static str, b: &'static str| if f { a } else { b };
    let targets_rows = view
        .targets
        .iter()
        .map(|x| {
            (
                format!("{} ({}, {})", x.label, x.kind, x.detail),
                x.planned,
                x.done,
                x.validated,
            )
        })
        .collect();
    let targets = progress_table(
        t("Cibles", "Targets").into(),
        t("Cible", "Target"),
        targets_rows,
        lang,
    );
    let slots = progress_table(
        t("Avancement par créneau", "Progress per slot").into(),
        t("Créneau", "Slot"),
        view.slots.clone(),
        lang,
    );
    let precision = view
        .precision
        .iter()
        .cloned()
        .map(|p| view! { <li>{p}</li> })
        .collect_view();
    let wanted = view.wanted.clone().map(|(m, n)| {
        let text = if f {
            format!("Pour ±{m} points à 95 %, il faut {n} tests validés.")
        } else {
            format!("For ±{m} points at 95%, {n} validated tests are needed.")
        };
        view! { <p class="fr-alert fr-alert--info" role="status">{text}</p> }
    });
    let [tc, tl, tk, ts, td, tp] = view.target_form.clone();
    let kinds: Vec<Named> = [
        ("phone", t("Téléphone", "Phone")),
        ("counter", t("Guichet", "Counter")),
        ("site", t("Site", "Site")),
        ("service", t("Service", "Service")),
    ]
    .into_iter()
    .map(|(code, name)| Named {
        code: code.into(),
        name: name.into(),
    })
    .collect();
    let mut services = vec![Named {
        code: String::new(),
        name: t("Aucun", "None").into(),
    }];
    services.extend(view.services.iter().cloned());
    let p = &view.problem;
    let target_form = view! {
        <form class="fr-form admin-form" method="post" action=format!("{base}/cibles{q}")>
            <h3>{t("Ajouter une cible", "Add a target")}</h3>
            {input("target-code".into(), "code", "Code", None, tc, problem_message(p, "code").filter(|_| p.as_ref().is_some_and(|x| x.form == "target")), true)}
            {input("target-label".into(), "label", t("Libellé", "Label"), None, tl, problem_message(p, "label"), true)}
            {select("target-kind".into(), "kind", t("Type", "Kind"), kinds, tk, problem_message(p, "kind"))}
            {select("target-service".into(), "service", "Service", services, ts, problem_message(p, "service"))}
            {input("target-detail".into(), "detail", t("Numéro ou guichet", "Number or counter"), None, td, problem_message(p, "detail"), false)}
            {input("target-planned".into(), "planned", t("Tests prévus", "Planned tests"), None, tp, problem_message(p, "planned"), true)}
            <button type="submit" class="fr-btn">{t("Ajouter la cible", "Add the target")}</button>
        </form>
    };
    let scenarios = view
        .scenarios
        .iter()
        .cloned()
        .map(|(code, question, expected)| {
            view! { <dl class="scenario"><dt>{code}" – "{question}</dt><dd>{expected}</dd></dl> }
        })
        .collect_view();
    let [sc, sq, se] = view.scenario_form.clone();
    let scenario_form = view! {
        <form class="fr-form admin-form" method="post" action=format!("{base}/scenarios{q}")>
            <h3>{t("Ajouter un scénario", "Add a scenario")}</h3>
            {input("scenario-code".into(), "code", "Code", None, sc, problem_message(p, "code").filter(|_| p.as_ref().is_some_and(|x| x.form == "scenario")), true)}
            {input("scenario-question".into(), "question", t("Question à poser", "Question to ask"), None, sq, problem_message(p, "question"), true)}
            {input("scenario-expected".into(), "expected_answer", t("Réponse attendue", "Expected answer"), None, se, problem_message(p, "expected_answer"), true)}
            <button type="submit" class="fr-btn">{t("Ajouter le scénario", "Add the scenario")}</button>
        </form>
    };
    let planned_rows = view
        .planned
        .iter()
        .cloned()
        .map(|l| {
            let id = format!("assign-{}", l.id);
            let test = l.test.map(|(tid, status)| {
                view! { <a class="fr-link" href=format!("/mystere/tests/{tid}{q}")>{status}</a> }
            });
            let label = format!("{} – {}", l.target, l.when);
            view! {
                <tr>
                    <td><div class="fr-checkbox-group">
                        <input type="checkbox" id=id.clone() name="assignment" value=l.id.to_string()/>
                        <label class="fr-label" for=id><span class="fr-sr-only">{label}</span></label>
                    </div></td>
                    <td>{l.target}</td><td>{l.when}</td><td>{l.scenario}</td><td>{l.shopper}</td><td>{test}</td>
                </tr>
            }
        })
        .collect_view();
    let mut shoppers = vec![Named {
        code: String::new(),
        name: t("Personne (retirer)", "Nobody (take back)").into(),
    }];
    shoppers.extend(view.shoppers.iter().cloned());
    let assign_form = view! {
        <form class="fr-form" method="post" action=format!("{base}/affecter{q}")>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t("Tests prévus", "Planned tests")>
                <table class="fr-table">
                    <caption>{t("Tests prévus", "Planned tests")}</caption>
                    <thead><tr>
                        <th scope="col"><span class="fr-sr-only">{t("Choisir", "Choose")}</span></th>
                        <th scope="col">{t("Cible", "Target")}</th><th scope="col">{t("Quand", "When")}</th>
                        <th scope="col">{t("Scénario", "Scenario")}</th><th scope="col">{t("Testeur", "Shopper")}</th>
                        <th scope="col">{t("Test", "Test")}</th>
                    </tr></thead>
                    <tbody>{planned_rows}</tbody>
                </table>
            </div>
            {select("assign-shopper".into(), "shopper", t("Confier les tests cochés à", "Assign the ticked tests to"), shoppers, String::new(), problem_message(p, "shopper"))}
            <button type="submit" class="fr-btn">{t("Affecter", "Assign")}</button>
        </form>
    };
    let saved = view.saved.then(|| {
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{t("Modification enregistrée.", "Change saved.")}</p></div> }
    });
    let margin_field = input(
        "wanted-margin".into(),
        "marge",
        t(
            "Marge d'erreur voulue (points)",
            "Wanted margin of error (points)",
        ),
        Some(t("Par exemple 10.", "For example 10.")),
        view.margin_input.clone(),
        problem_message(p, "marge"),
        false,
    );
    let banner = problem_banner(p);
    view! {
        <PublicDocument lang=lang title=title.clone() switch_path=Some(format!("{base}?{}", view.org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=title who=Some(view.who.clone())/>
            <p>
                <a class="fr-link" href=format!("/mystere{q}")>{t("Toutes les campagnes", "All campaigns")}</a>" · "
                <a class="fr-link" href=format!("{base}/resultats{q}")>{t("Résultats", "Results")}</a>
            </p>
            <p>{t("Grille", "Grid")}" : "<code>{view.grid.clone()}</code>" · "{view.period.clone()}</p>
            {banner}
            {saved}
            <section class="fr-mt-4w">
                <h2>{t("Précision attendue", "Expected precision")}</h2>
                <ul>{precision}</ul>
                <form class="fr-form inline-form" method="get" action=base.clone()>
                    <input type="hidden" name="lang" value=lang.code()/>
                    {margin_field}
                    <button type="submit" class="fr-btn fr-btn--secondary">{t("Calculer", "Compute")}</button>
                </form>
                {wanted}
            </section>
            <section class="fr-mt-4w">
                <h2>{t("Cibles et avancement", "Targets and progress")}</h2>
                {targets}
                {slots}
                {target_form}
            </section>
            <section class="fr-mt-4w">
                <h2>{t("Scénarios", "Scenarios")}</h2>
                {scenarios}
                {scenario_form}
            </section>
            <section class="fr-mt-4w">
                <h2>{t("Tests prévus et testeurs", "Planned tests and shoppers")}</h2>
                <form method="post" action=format!("{base}/planifier{q}")>
                    <p class="fr-hint-text">{t("Crée les tests qui manquent pour chaque cible, répartis sur les jours de la semaine et les créneaux (matin, midi, après-midi).", "Creates the tests each target lacks, spread over weekdays and slots (morning, midday, afternoon).")}</p>
                    <button type="submit" class="fr-btn fr-btn--secondary">{t("Créer les tests prévus", "Create the planned tests")}</button>
                </form>
                {assign_form}
            </section>
        </PublicDocument>
    }
}
