//! The tests waiting for the referent's validation, and those sent back to the shoppers.

use crate::components::document::PublicDocument;
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::mystery::parts::fr;
use domain::Lang;
use leptos::prelude::*;

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
