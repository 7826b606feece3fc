//! The administration screens of an organisation's structure: sites, services and touchpoints
//! (create, edit, deactivate, print the poster). Server-rendered plain forms.

use crate::components::document::PublicDocument;
use crate::components::forms::{FormProblem, Named, input, select};
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::staff::admin_texts::admin_texts;
use domain::{Channel, Lang};
use leptos::prelude::*;

/// A channel's name.
pub fn channel_name(channel: Channel, lang: Lang) -> &'static str {
    match (channel, lang) {
        (Channel::Counter, Lang::Fr) => "Guichet",
        (Channel::Counter, Lang::En) => "Counter",
        (Channel::Pan, Lang::Fr) => "Point d'accueil numérique",
        (Channel::Pan, Lang::En) => "Digital help point",
        (Channel::Phone, Lang::Fr) => "Téléphone",
        (Channel::Phone, Lang::En) => "Phone",
        (Channel::Email, Lang::Fr) => "Courriel",
        (Channel::Email, Lang::En) => "E-mail",
        (Channel::Web, Lang::Fr) => "Site internet",
        (Channel::Web, Lang::En) => "Website",
    }
}

/// A touchpoint as the screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchpointLine {
    pub code: String,
    pub name: String,
    pub site: String,
    pub service: String,
    pub survey: String,
    pub channel: Channel,
    pub active: bool,
}

/// The values of the touchpoint form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TouchpointFields {
    pub code: String,
    pub name_fr: String,
    pub name_en: String,
    pub site: String,
    pub service: String,
    pub survey: String,
    pub channel: String,
}

/// What the structure screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StructureView {
    pub who: SignedIn,
    /// The organisation's name.
    pub organisation: String,
    /// `&organisation=CODE` for an admin, empty for a referent: kept in every link and form.
    pub org_query: String,
    pub sites: Vec<Named>,
    pub services: Vec<Named>,
    pub surveys: Vec<Named>,
    pub touchpoints: Vec<TouchpointLine>,
    /// The values sent, when a form comes back with a problem.
    pub site_form: Named,
    pub service_form: (String, String, String),
    pub touchpoint_form: TouchpointFields,
    pub problem: Option<FormProblem>,
    /// A change was just saved.
    pub saved: bool,
}

fn channel_options(lang: Lang) -> Vec<Named> {
    Channel::ALL
        .into_iter()
        .map(|c| Named {
            code: c.code().to_owned(),
            name: channel_name(c, lang).to_owned(),
        })
        .collect()
}

/// The touchpoint form's fields (shared by the creation and the edit forms).
fn touchpoint_fields(
    prefix: &str,
    lang: Lang,
    view: &StructureView,
    fields: &TouchpointFields,
    error: &dyn Fn(&str) -> Option<String>,
    with_code: bool,
) -> impl IntoView + use<> {
    let t = admin_texts(lang);
    let id = |f: &str| format!("{prefix}-{f}");
    view! {
        {with_code.then(|| input(id("code"), "code", t.code, Some(t.code_hint), fields.code.clone(), error("code"), true))}
        {input(id("name-fr"), "name_fr", t.name_fr, None, fields.name_fr.clone(), error("name_fr"), true)}
        {input(id("name-en"), "name_en", t.name_en, Some(t.name_en_hint), fields.name_en.clone(), error("name_en"), false)}
        {select(id("site"), "site", t.site, view.sites.clone(), fields.site.clone(), error("site"))}
        {select(id("service"), "service", t.service, view.services.clone(), fields.service.clone(), error("service"))}
        {select(id("survey"), "survey", t.survey, view.surveys.clone(), fields.survey.clone(), error("survey"))}
        {select(id("channel"), "channel", t.channel, channel_options(lang), fields.channel.clone(), error("channel"))}
    }
}

fn problem_for(view: &StructureView, form: &str, field: &str) -> Option<String> {
    view.problem
        .as_ref()
        .filter(|p| p.form == form && p.field == field)
        .map(|p| p.message.clone())
}

fn alert(lang: Lang, view: &StructureView) -> impl IntoView + use<> {
    let t = admin_texts(lang);
    let problem = view.problem.clone().map(|p| {
        view! {
            <div class="fr-alert fr-alert--error" role="alert">
                <h2 class="fr-alert__title">{t.error_title}</h2>
                <p>{p.message}</p>
            </div>
        }
    });
    let saved = view.saved.then(|| {
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{t.saved}</p></div> }
    });
    view! { {problem} {saved} }
}

/// `/admin/lieux`: the organisation's sites, services and touchpoints, with their forms.
#[component]
pub fn StructurePage(lang: Lang, view: StructureView) -> impl IntoView {
    let t = admin_texts(lang);
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let action = |path: &str| format!("{path}{q}");
    let named_table = |caption: &'static str, rows: Vec<Named>| {
        if rows.is_empty() {
            return view! { <p>{t.none_yet}</p> }.into_any();
        }
        let rows = rows
            .into_iter()
            .map(|r| view! { <tr><td><code>{r.code}</code></td><td>{r.name}</td></tr> })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=caption>
                <table class="fr-table">
                    <caption>{caption}</caption>
                    <thead><tr><th scope="col">{t.code}</th><th scope="col">{t.name}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let touchpoint_rows = view
        .touchpoints
        .iter()
        .cloned()
        .map(|tp| {
            let state = if tp.active { t.active } else { t.inactive };
            let badge = if tp.active { "fr-badge fr-badge--success" } else { "fr-badge" };
            let toggle = if tp.active { t.deactivate } else { t.reactivate };
            let toggle_label = format!("{toggle} {}", tp.code);
            let edit_label = format!("{} {}", t.edit, tp.code);
            let poster_label = format!("{} {}", t.poster, tp.code);
            view! {
                <tr>
                    <td><code>{tp.code.clone()}</code></td>
                    <td>{tp.name}</td>
                    <td>{tp.site}</td>
                    <td>{tp.service}</td>
                    <td>{tp.survey}</td>
                    <td>{channel_name(tp.channel, lang)}</td>
                    <td><span class=badge>{state}</span></td>
                    <td class="actions">
                        <a class="fr-link" href=format!("/admin/points/{}{q}", tp.code) aria-label=edit_label>{t.edit}</a>
                        " "
                        <a class="fr-link" href=format!("/affiche/{}", tp.code) aria-label=poster_label>{t.poster}</a>
                        <form method="post" action=format!("/admin/points/{}/etat{q}", tp.code)>
                            <input type="hidden" name="active" value=if tp.active { "false" } else { "true" }/>
                            <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary" aria-label=toggle_label>{toggle}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let site_error = |f: &str| problem_for(&view, "site", f);
    let service_error = |f: &str| problem_for(&view, "service", f);
    let touchpoint_error = |f: &str| problem_for(&view, "touchpoint", f);
    let (service_code, service_fr, service_en) = view.service_form.clone();
    let touchpoint_form = touchpoint_fields(
        "tp",
        lang,
        &view,
        &view.touchpoint_form,
        &touchpoint_error,
        true,
    );
    let site_fields = view! {
        {input("site-code".into(), "code", t.code, Some(t.code_hint), view.site_form.code.clone(), site_error("code"), true)}
        {input("site-name".into(), "name", t.name, None, view.site_form.name.clone(), site_error("name"), true)}
    };
    let service_fields = view! {
        {input("service-code".into(), "code", t.code, Some(t.code_hint), service_code, service_error("code"), true)}
        {input("service-name-fr".into(), "name_fr", t.name_fr, None, service_fr, service_error("name_fr"), true)}
        {input("service-name-en".into(), "name_en", t.name_en, Some(t.name_en_hint), service_en, service_error("name_en"), false)}
    };
    let sites_table = named_table(t.sites, view.sites.clone());
    let services_table = named_table(t.services, view.services.clone());
    let notices = alert(lang, &view);
    let (tp_action, site_action, service_action) = (
        action("/admin/points"),
        action("/admin/lieux/sites"),
        action("/admin/lieux/services"),
    );
    let switch = format!("/admin/lieux?{}", view.org_query.trim_start_matches('&'));
    let back = format!("/admin{q}");
    view! {
        <PublicDocument lang=lang title=t.structure_title.to_owned() switch_path=Some(switch) staff=true>
            <StaffBar lang=lang title=t.structure_title.to_owned() who=Some(view.who.clone())/>
            <p><a class="fr-link" href=back>{t.back_admin}</a></p>
            <p><strong>{view.organisation.clone()}</strong></p>
            <p>{t.structure_intro}</p>
            {notices}

            <h2>{t.touchpoints}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t.touchpoints>
                <table class="fr-table">
                    <caption>{t.touchpoints}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.code}</th>
                            <th scope="col">{t.name}</th>
                            <th scope="col">{t.site}</th>
                            <th scope="col">{t.service}</th>
                            <th scope="col">{t.survey}</th>
                            <th scope="col">{t.channel}</th>
                            <th scope="col">{t.status}</th>
                            <th scope="col">{t.actions}</th>
                        </tr>
                    </thead>
                    <tbody>{touchpoint_rows}</tbody>
                </table>
            </div>
            <form class="fr-form admin-form" method="post" action=tp_action>
                <h3>{t.add_touchpoint}</h3>
                {touchpoint_form}
                <button type="submit" class="fr-btn">{t.add_touchpoint}</button>
            </form>

            <h2>{t.sites}</h2>
            {sites_table}
            <form class="fr-form admin-form" method="post" action=site_action>
                <h3>{t.add_site}</h3>
                {site_fields}
                <button type="submit" class="fr-btn">{t.add_site}</button>
            </form>

            <h2>{t.services}</h2>
            {services_table}
            <form class="fr-form admin-form" method="post" action=service_action>
                <h3>{t.add_service}</h3>
                {service_fields}
                <button type="submit" class="fr-btn">{t.add_service}</button>
            </form>
        </PublicDocument>
    }
}

/// `/admin/points/{code}`: one touchpoint's form.
#[component]
pub fn TouchpointEditPage(lang: Lang, view: StructureView) -> impl IntoView {
    let t = admin_texts(lang);
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let code = view.touchpoint_form.code.clone();
    let error = |f: &str| problem_for(&view, "touchpoint", f);
    let title = format!("{} {code}", t.edit_title);
    let fields = touchpoint_fields("edit", lang, &view, &view.touchpoint_form, &error, false);
    let notices = alert(lang, &view);
    view! {
        <PublicDocument lang=lang title=title.clone() switch_path=None staff=true>
            <StaffBar lang=lang title=title who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/admin/lieux{q}")>{t.structure_title}</a></p>
            {notices}
            <p>{t.code_fixed}" "<code>{code.clone()}</code></p>
            <form class="fr-form admin-form" method="post" action=format!("/admin/points/{code}{q}")>
                {fields}
                <button type="submit" class="fr-btn">{t.save}</button>
            </form>
        </PublicDocument>
    }
}
