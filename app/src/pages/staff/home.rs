//! The administration home: what a referent or the administrator of the instance can do from here.

use crate::components::document::PublicDocument;
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::staff::account_texts::account_texts;
use domain::{Lang, Role};
use leptos::prelude::*;

/// `/admin`: what a referent or the administrator can do from here.
#[component]
pub fn AdminHomePage(
    lang: Lang,
    who: SignedIn,
    organisation: Option<String>,
    /// `&organisation=CODE` when the administrator of the instance chose one.
    #[prop(optional)]
    org_query: String,
) -> impl IntoView {
    let t = account_texts(lang);
    let q = format!("?lang={}{org_query}", lang.code());
    let organisations = (who.role == Role::Admin).then(|| {
        let label = if lang == Lang::Fr { "Organisations de l'instance" } else { "Organisations of the instance" };
        view! { <li><a class="fr-link" href=format!("/admin/organisations?lang={}", lang.code())>{label}</a></li> }
    });
    view! {
        <PublicDocument lang=lang title=t.admin_title.to_owned() switch_path=Some("/admin".to_owned()) staff=true>
            <StaffBar lang=lang title=t.admin_title.to_owned() who=Some(who)/>
            <p>{t.admin_intro}</p>
            <p>{t.organisation}" : "<strong>{organisation.unwrap_or_else(|| t.whole_instance.to_owned())}</strong></p>
            <ul class="admin-links">
                {organisations}
                <li><a class="fr-link" href=format!("/admin/lieux{q}")>{t.structure_link}</a></li>
                <li><a class="fr-link" href=format!("/admin/questionnaires{q}")>{t.surveys_link}</a></li>
                <li><a class="fr-link" href=format!("/admin/comptes{q}")>{t.people_link}</a></li>
                <li><a class="fr-link" href=format!("/admin/jetons{q}")>{t.tokens_link}</a></li>
                <li><a class="fr-link" href=format!("/admin/confidentialite{q}")>{if lang == Lang::Fr { "Information sur les données personnelles et durées de conservation" } else { "Privacy notice and retention periods" }}</a></li>
                <li><a class="fr-link" href=format!("/admin/reponses{q}")>{if lang == Lang::Fr { "Commentaires des usagers : effacement sur demande" } else { "Visitors' comments: erasure on request" }}</a></li>
                <li><a class="fr-link" href=format!("/admin/chiffres{q}")>{if lang == Lang::Fr { "Chiffres des autres systèmes" } else { "Figures from other systems" }}</a></li>
                <li><a class="fr-link" href=format!("/tableau-de-bord{q}")>{if lang == Lang::Fr { "Tableau de bord du comité des usagers" } else { "The users' committee dashboard" }}</a></li>
                <li><a class="fr-link" href=format!("/resultats{q}")>{t.results_link}</a></li>
                <li><a class="fr-link" href=format!("/mystere{q}")>{if lang == Lang::Fr { "Tests mystères : campagnes, validation et résultats" } else { "Mystery tests: campaigns, validation and results" }}</a></li>
                <li><a class="fr-link" href=format!("/resultats/import{q}")>{t.import_link}</a></li>
                <li><a class="fr-link" href=format!("/admin/journal{q}")>{t.audit_link}</a></li>
            </ul>
        </PublicDocument>
    }
}
