//! The referent's mystery-test screens: campaigns, a campaign's plan (targets, scenarios, planned
//! tests and their shoppers, progress, the margin of error the plan gives), the tests to
//! validate, and a campaign's results with their intervals. Plain forms and links.

use crate::pages::account::{SignedIn, StaffBar};
use crate::pages::admin::{FormProblem, Named, input, problem_message, select};
use crate::pages::visitor::PublicDocument;
use domain::Lang;
use leptos::prelude::*;

fn fr(lang: Lang) -> bool {
    lang == Lang::Fr
}

fn problem_banner(problem: &Option<FormProblem>) -> Option<impl IntoView + use<>> {
    problem.clone().map(|p| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{p.message}</p></div> }
    })
}

/// A campaign as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignLine {
    pub code: String,
    pub title: String,
    pub grid: String,
    /// `du 1 janv. 2026 au 31 oct. 2026`.
    pub period: String,
    pub planned: u32,
    pub done: u32,
    pub validated: u32,
}

/// What the campaigns screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignsView {
    pub who: SignedIn,
    pub organisation: String,
    pub org_query: String,
    pub campaigns: Vec<CampaignLine>,
    /// Whether the person may create and plan campaigns (else: read results only).
    pub manages: bool,
    /// Tests waiting for validation.
    pub to_validate: usize,
    /// Grids to choose from (code, title), also linked to their screens.
    pub grids: Vec<Named>,
    /// The creation form's values: code, title, grid, from, to.
    pub form: [String; 5],
    pub problem: Option<FormProblem>,
}

/// `/mystere`: the organisation's campaigns.
#[component]
pub fn CampaignsPage(lang: Lang, view: CampaignsView) -> impl IntoView {
    let f = fr(lang);
    let title = if f {
        "Tests mystères"
    } else {
        "Mystery tests"
    };
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let intro = if f {
        "Appels et visites mystères : les campagnes, leur plan, la validation des tests et les résultats avec leurs intervalles de confiance."
    } else {
        "Mystery calls and visits: campaigns, their plan, the validation of tests and the results with their confidence intervals."
    };
    let (h_campaign, h_grid, h_period, h_progress, plan, results, none) = if f {
        (
            "Campagne",
            "Grille",
            "Période",
            "Prévus · faits · validés",
            "Plan",
            "Résultats",
            "Aucune campagne pour l'instant.",
        )
    } else {
        (
            "Campaign",
            "Grid",
            "Period",
            "Planned · done · validated",
            "Plan",
            "Results",
            "No campaign yet.",
        )
    };
    let manages = view.manages;
    let rows = view
        .campaigns
        .iter()
        .cloned()
        .map(|c| {
            let plan_link = manages.then(|| {
                view! { <a class="fr-link" href=format!("/mystere/campagnes/{}{q}", c.code)>{plan}</a>" · " }
            });
            view! {
                <tr>
                    <th scope="row">{c.title}<br/><code>{c.code.clone()}</code></th>
                    <td>{c.grid}</td>
                    <td>{c.period}</td>
                    <td class="num">{format!("{} · {} · {}", c.planned, c.done, c.validated)}</td>
                    <td>{plan_link}<a class="fr-link" href=format!("/mystere/campagnes/{}/resultats{q}", c.code)>{results}</a></td>
                </tr>
            }
        })
        .collect_view();
    let table = if view.campaigns.is_empty() {
        view! { <p>{none}</p> }.into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=title>
                <table class="fr-table">
                    <caption>{title}</caption>
                    <thead><tr><th scope="col">{h_campaign}</th><th scope="col">{h_grid}</th><th scope="col">{h_period}</th><th scope="col">{h_progress}</th><th scope="col"><span class="fr-sr-only">"Liens"</span></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let validation = manages.then(|| {
        let text = if f {
            format!("Tests à valider : {}", view.to_validate)
        } else {
            format!("Tests to validate: {}", view.to_validate)
        };
        view! { <p><a class="fr-link" href=format!("/mystere/validation{q}")>{text}</a></p> }
    });
    let create = manages.then(|| {
        let [code, name, grid, from, to] = view.form.clone();
        let (h, l_code, l_title, l_grid, l_from, l_to, hint_date, button) = if f {
            ("Nouvelle campagne", "Code", "Titre", "Grille", "Début", "Fin", "AAAA-MM-JJ", "Créer la campagne")
        } else {
            ("New campaign", "Code", "Title", "Grid", "Start", "End", "YYYY-MM-DD", "Create the campaign")
        };
        view! {
            <form class="fr-form admin-form" method="post" action=format!("/mystere/campagnes{q}")>
                <h2>{h}</h2>
                {input("campaign-code".into(), "code", l_code, Some(if f { "Lettres minuscules, chiffres et tirets (appels-2027-t1)." } else { "Lower-case letters, digits and hyphens (calls-2027-q1)." }), code, problem_message(&view.problem, "code"), true)}
                {input("campaign-title".into(), "title", l_title, None, name, problem_message(&view.problem, "title"), true)}
                {select("campaign-grid".into(), "grid", l_grid, view.grids.clone(), grid, problem_message(&view.problem, "grid"))}
                <div class="pair">
                    {input("campaign-from".into(), "from", l_from, Some(hint_date), from, problem_message(&view.problem, "from"), true)}
                    {input("campaign-to".into(), "to", l_to, Some(hint_date), to, problem_message(&view.problem, "to"), true)}
                </div>
                <button type="submit" class="fr-btn">{button}</button>
            </form>
        }
    });
    let grid_links = view
        .grids
        .iter()
        .cloned()
        .map(|g| view! { <li><a class="fr-link" href=format!("/mystere/grilles/{}{q}", g.code)>{g.name}</a></li> })
        .collect_view();
    let referential = if f {
        "Référentiel (engagements et seuils)"
    } else {
        "Referential (engagements and thresholds)"
    };
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=Some(format!("/mystere?{}", view.org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=title.to_owned() who=Some(view.who.clone())/>
            <p><strong>{view.organisation.clone()}</strong></p>
            <p>{intro}</p>
            <ul>
                {grid_links}
                <li><a class="fr-link" href=format!("/mystere/referentiel{q}")>{referential}</a></li>
            </ul>
            {problem_banner(&view.problem)}
            {validation}
            {table}
            {create}
        </PublicDocument>
    }
}

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

/// A test in the validation queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueLine {
    pub id: i32,
    pub campaign: String,
    pub target: String,
    pub shopper: String,
    pub when: String,
    pub status: String,
}

/// `/mystere/validation`: the tests waiting for the referent, and those sent back.
#[component]
pub fn ValidationPage(
    lang: Lang,
    who: SignedIn,
    org_query: String,
    submitted: Vec<QueueLine>,
    returned: Vec<QueueLine>,
) -> impl IntoView {
    let f = fr(lang);
    let q = format!("?lang={}{}", lang.code(), org_query);
    let title = if f {
        "Tests à valider"
    } else {
        "Tests to validate"
    };
    let table = |caption: &'static str, lines: Vec<QueueLine>| {
        let none = if f { "Aucun." } else { "None." };
        if lines.is_empty() {
            return view! { <h2>{caption}</h2><p>{none}</p> }.into_any();
        }
        let rows = lines
            .into_iter()
            .map(|l| {
                view! {
                    <tr>
                        <th scope="row"><a class="fr-link" href=format!("/mystere/tests/{}{q}", l.id)>{format!("#{}", l.id)}</a></th>
                        <td>{l.campaign}</td><td>{l.target}</td><td>{l.when}</td><td>{l.shopper}</td><td>{l.status}</td>
                    </tr>
                }
            })
            .collect_view();
        let (h_test, h_campaign, h_target, h_when, h_shopper, h_status) = if f {
            ("Test", "Campagne", "Cible", "Fait le", "Testeur", "État")
        } else {
            ("Test", "Campaign", "Target", "Made on", "Shopper", "Status")
        };
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=caption>
                <table class="fr-table">
                    <caption>{caption}</caption>
                    <thead><tr><th scope="col">{h_test}</th><th scope="col">{h_campaign}</th><th scope="col">{h_target}</th><th scope="col">{h_when}</th><th scope="col">{h_shopper}</th><th scope="col">{h_status}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let waiting = table(
        if f {
            "En attente de validation"
        } else {
            "Awaiting validation"
        },
        submitted,
    );
    let back = table(
        if f {
            "Renvoyés aux testeurs"
        } else {
            "Sent back to shoppers"
        },
        returned,
    );
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=Some("/mystere/validation".to_owned()) staff=true>
            <StaffBar lang=lang title=title.to_owned() who=Some(who)/>
            <p><a class="fr-link" href=format!("/mystere{q}")>{if f { "Toutes les campagnes" } else { "All campaigns" }}</a></p>
            {waiting}
            {back}
        </PublicDocument>
    }
}

/// One line of a results table: a name, n, the estimate, its interval, the change, fragile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultLine {
    pub name: String,
    pub n: String,
    pub estimate: String,
    pub interval: String,
    pub change: String,
    pub fragile: bool,
}

/// A table of the results page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultTable {
    pub caption: String,
    /// The header of the first column.
    pub first: String,
    pub lines: Vec<ResultLine>,
}

/// What a campaign's results page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignResultsView {
    pub who: SignedIn,
    pub org_query: String,
    pub code: String,
    pub title: String,
    /// Sentences on top: tests counted, comparison, method.
    pub summary: Vec<String>,
    pub tables: Vec<ResultTable>,
}

/// `/mystere/campagnes/{code}/resultats`.
#[component]
pub fn CampaignResultsPage(lang: Lang, view: CampaignResultsView) -> impl IntoView {
    let f = fr(lang);
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let (h_n, h_value, h_interval, h_change, h_reliability, fragile, sufficient) = if f {
        (
            "n",
            "Valeur",
            "Intervalle de confiance (95 %)",
            "Évolution",
            "Fiabilité",
            "Fragile (moins de 10 tests)",
            "Suffisante",
        )
    } else {
        (
            "n",
            "Value",
            "Confidence interval (95%)",
            "Change",
            "Reliability",
            "Fragile (under 10 tests)",
            "Sufficient",
        )
    };
    let summary = view
        .summary
        .iter()
        .cloned()
        .map(|s| view! { <p>{s}</p> })
        .collect_view();
    let tables = view
        .tables
        .iter()
        .cloned()
        .map(|t| {
            let rows = t
                .lines
                .into_iter()
                .map(|l| {
                    let reliability = if l.fragile { fragile } else { sufficient };
                    view! {
                        <tr>
                            <th scope="row">{l.name}</th><td class="num">{l.n}</td><td class="num">{l.estimate}</td>
                            <td class="num">{l.interval}</td><td class="num">{l.change}</td><td>{reliability}</td>
                        </tr>
                    }
                })
                .collect_view();
            let region = t.caption.clone();
            view! {
                <section class="fr-mt-4w">
                    <h2>{t.caption.clone()}</h2>
                    <div class="table-wrap" tabindex="0" role="region" aria-label=region>
                        <table class="fr-table">
                            <caption class="fr-sr-only">{t.caption}</caption>
                            <thead><tr><th scope="col">{t.first}</th><th scope="col">{h_n}</th><th scope="col">{h_value}</th><th scope="col">{h_interval}</th><th scope="col">{h_change}</th><th scope="col">{h_reliability}</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                </section>
            }
        })
        .collect_view();
    let title = view.title.clone();
    view! {
        <PublicDocument lang=lang title=title.clone() switch_path=Some(format!("/mystere/campagnes/{}/resultats?{}", view.code, view.org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=title who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/mystere{q}")>{if f { "Toutes les campagnes" } else { "All campaigns" }}</a></p>
            {summary}
            {tables}
        </PublicDocument>
    }
}

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
