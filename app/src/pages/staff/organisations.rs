//! The organisations of the instance (the administrator's screen), and the choice of the
//! organisation to administer.

use crate::components::document::PublicDocument;
use crate::components::forms::{FormProblem, Named, input, problem_message};
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::staff::admin_texts::admin_texts;
use domain::Lang;
use leptos::prelude::*;

/// For the administrator of the instance: which organisation to administer.
#[component]
pub fn OrganisationChoicePage(
    lang: Lang,
    who: SignedIn,
    /// The page to open, once chosen (`/admin/lieux`…).
    path: String,
    /// What the page was asked for besides its language and organisation (`from=…&to=…`).
    #[prop(optional)]
    query: String,
    organisations: Vec<Named>,
) -> impl IntoView {
    let t = admin_texts(lang);
    let rest = if query.is_empty() {
        String::new()
    } else {
        format!("&{query}")
    };
    let links = organisations
        .into_iter()
        .map(|o| {
            let href = format!("{path}?lang={}&organisation={}{rest}", lang.code(), o.code);
            view! { <li><a class="fr-link" href=href>{format!("{} ({})", o.name, o.code)}</a></li> }
        })
        .collect_view();
    view! {
        <PublicDocument lang=lang title=t.choose_organisation.to_owned() switch_path=None staff=true>
            <StaffBar lang=lang title=t.structure_title.to_owned() who=Some(who)/>
            <p>{t.choose_organisation}</p>
            <ul>{links}</ul>
        </PublicDocument>
    }
}

/// What the organisations screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationsView {
    pub who: SignedIn,
    pub organisations: Vec<Named>,
    /// The form's values: code, name.
    pub form: Named,
    pub problem: Option<FormProblem>,
    pub saved: bool,
}

/// `/admin/organisations` (the administrator of the instance only).
#[component]
pub fn OrganisationsPage(lang: Lang, view: OrganisationsView) -> impl IntoView {
    let (title, intro, add, administer) = match lang {
        Lang::Fr => (
            "Organisations",
            "Chaque préfecture est une organisation : ses données, ses comptes et ses jetons ne se mêlent jamais à ceux des autres. Après la création, invitez son référent qualité depuis « Comptes et invitations ».",
            "Créer l'organisation",
            "Administrer",
        ),
        Lang::En => (
            "Organisations",
            "Each prefecture is an organisation: its data, accounts and tokens never mix with the others'. Once it exists, invite its quality referent from “Accounts and invitations”.",
            "Create the organisation",
            "Administer",
        ),
    };
    let a = admin_texts(lang);
    let rows = view
        .organisations
        .iter()
        .map(|o| {
            let href = format!("/admin?lang={}&organisation={}", lang.code(), o.code);
            let label = format!("{administer} {}", o.name);
            view! {
                <tr>
                    <td><code>{o.code.clone()}</code></td>
                    <td>{o.name.clone()}</td>
                    <td><a class="fr-link" href=href aria-label=label>{administer}</a></td>
                </tr>
            }
        })
        .collect_view();
    let code_input = input(
        "org-code".into(),
        "code",
        a.code,
        Some(a.code_hint),
        view.form.code.clone(),
        problem_message(&view.problem, "code"),
        true,
    );
    let name_input = input(
        "org-name".into(),
        "name",
        a.name,
        None,
        view.form.name.clone(),
        problem_message(&view.problem, "name"),
        true,
    );
    let problem = view.problem.clone().map(|p| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{p.message}</p></div> }
    });
    let saved = view.saved.then(|| {
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{a.saved}</p></div> }
    });
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=Some("/admin/organisations".to_owned()) staff=true>
            <StaffBar lang=lang title=title.to_owned() who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/admin?lang={}", lang.code())>{a.back_admin}</a></p>
            <p>{intro}</p>
            {problem}
            {saved}
            <div class="table-wrap" tabindex="0" role="region" aria-label=title>
                <table class="fr-table">
                    <caption>{title}</caption>
                    <thead><tr><th scope="col">{a.code}</th><th scope="col">{a.name}</th><th scope="col">{a.actions}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form class="fr-form admin-form" method="post" action=format!("/admin/organisations?lang={}", lang.code())>
                <h2>{add}</h2>
                {code_input}
                {name_input}
                <button type="submit" class="fr-btn">{add}</button>
            </form>
        </PublicDocument>
    }
}
