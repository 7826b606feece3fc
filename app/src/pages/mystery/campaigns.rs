//! The organisation's campaigns: the list with its progress, the links to the grids and the
//! referential, the tests to validate, and the creation form.

use crate::components::document::PublicDocument;
use crate::components::forms::{FormProblem, Named, input, problem_message, select};
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::mystery::parts::{fr, problem_banner};
use domain::Lang;
use leptos::prelude::*;

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
