//! A campaign's results: its tables of figures with their intervals, changes and reliability.

use crate::components::document::PublicDocument;
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::mystery::parts::fr;
use domain::Lang;
use leptos::prelude::*;

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
