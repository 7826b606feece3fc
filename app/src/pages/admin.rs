//! The administration screens of an organisation's structure: sites, services and touchpoints
//! (create, edit, deactivate, print the poster). Server-rendered plain forms.

use crate::pages::account::{SignedIn, StaffBar};
use crate::pages::visitor::PublicDocument;
use domain::{Channel, Lang};
use leptos::prelude::*;

/// The structure screen's words.
pub struct AdminTexts {
    pub structure_title: &'static str,
    pub structure_intro: &'static str,
    pub back_admin: &'static str,
    pub sites: &'static str,
    pub services: &'static str,
    pub touchpoints: &'static str,
    pub code: &'static str,
    pub code_hint: &'static str,
    pub name: &'static str,
    pub name_fr: &'static str,
    pub name_en: &'static str,
    pub name_en_hint: &'static str,
    pub site: &'static str,
    pub service: &'static str,
    pub survey: &'static str,
    pub channel: &'static str,
    pub status: &'static str,
    pub actions: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub add_site: &'static str,
    pub add_service: &'static str,
    pub add_touchpoint: &'static str,
    pub edit: &'static str,
    pub poster: &'static str,
    pub deactivate: &'static str,
    pub reactivate: &'static str,
    pub save: &'static str,
    pub edit_title: &'static str,
    pub code_fixed: &'static str,
    pub none_yet: &'static str,
    pub saved: &'static str,
    pub choose_organisation: &'static str,
    pub choose: &'static str,
    pub error_title: &'static str,
}

/// The structure screen's words in a language.
pub fn admin_texts(lang: Lang) -> AdminTexts {
    match lang {
        Lang::Fr => AdminTexts {
            structure_title: "Sites, services et points de contact",
            structure_intro: "Un point de contact est un guichet, le point d'accueil numérique (PAN), une ligne téléphonique ou une adresse électronique : chacun a son code QR et son affiche. Désactiver un point de contact arrête la collecte sans effacer ses réponses.",
            back_admin: "Retour à l'administration",
            sites: "Sites",
            services: "Services",
            touchpoints: "Points de contact",
            code: "Code",
            code_hint: "Lettres minuscules, chiffres et tirets ; il figure dans l'adresse et ne change plus.",
            name: "Nom",
            name_fr: "Nom en français",
            name_en: "Nom en anglais",
            name_en_hint: "Facultatif : le nom en français sinon.",
            site: "Site",
            service: "Service",
            survey: "Questionnaire",
            channel: "Canal",
            status: "État",
            actions: "Actions",
            active: "Actif",
            inactive: "Désactivé",
            add_site: "Ajouter un site",
            add_service: "Ajouter un service",
            add_touchpoint: "Ajouter un point de contact",
            edit: "Modifier",
            poster: "Affiche",
            deactivate: "Désactiver",
            reactivate: "Réactiver",
            save: "Enregistrer",
            edit_title: "Modifier le point de contact",
            code_fixed: "Le code ne change pas : il est imprimé sur les affiches.",
            none_yet: "Aucun pour l'instant.",
            saved: "Modification enregistrée.",
            choose_organisation: "Choisissez l'organisation à administrer.",
            choose: "Administrer",
            error_title: "La modification n'a pas été enregistrée",
        },
        Lang::En => AdminTexts {
            structure_title: "Sites, services and touchpoints",
            structure_intro: "A touchpoint is a counter, the digital help point (PAN), a phone line or an e-mail address: each has its QR code and its poster. Deactivating a touchpoint stops collecting without erasing its answers.",
            back_admin: "Back to the administration",
            sites: "Sites",
            services: "Services",
            touchpoints: "Touchpoints",
            code: "Code",
            code_hint: "Lower-case letters, digits and hyphens; it is part of the address and never changes.",
            name: "Name",
            name_fr: "Name in French",
            name_en: "Name in English",
            name_en_hint: "Optional: the French name otherwise.",
            site: "Site",
            service: "Service",
            survey: "Questionnaire",
            channel: "Channel",
            status: "Status",
            actions: "Actions",
            active: "Active",
            inactive: "Deactivated",
            add_site: "Add a site",
            add_service: "Add a service",
            add_touchpoint: "Add a touchpoint",
            edit: "Edit",
            poster: "Poster",
            deactivate: "Deactivate",
            reactivate: "Reactivate",
            save: "Save",
            edit_title: "Edit the touchpoint",
            code_fixed: "The code does not change: it is printed on the posters.",
            none_yet: "None yet.",
            saved: "Change saved.",
            choose_organisation: "Choose the organisation to administer.",
            choose: "Administer",
            error_title: "The change was not saved",
        },
    }
}

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

/// One line of a table, already in the page's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
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

/// Which form a problem belongs to, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormProblem {
    /// `site`, `service` or `touchpoint`.
    pub form: String,
    /// The field (`code`, `name`, …).
    pub field: String,
    /// The message.
    pub message: String,
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

/// A text input with its label, hint and error message (DSFR input group).
pub(crate) fn input(
    id: String,
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    value: String,
    error: Option<String>,
    required: bool,
) -> impl IntoView + use<> {
    let group = if error.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let error_id = format!("{id}-error");
    let described = error.as_ref().map(|_| error_id.clone());
    view! {
        <div class=group>
            <label class="fr-label" for=id.clone()>
                {label}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </label>
            <input class="fr-input" type="text" id=id name=name value=value required=required aria-describedby=described/>
            {error.map(|e| view! { <p class="fr-message fr-message--error" id=error_id>{e}</p> })}
        </div>
    }
}

pub(crate) fn select(
    id: String,
    name: &'static str,
    label: &'static str,
    options: Vec<Named>,
    chosen: String,
    error: Option<String>,
) -> impl IntoView + use<> {
    let error_id = format!("{id}-error");
    let described = error.as_ref().map(|_| error_id.clone());
    let options = options
        .into_iter()
        .map(|o| {
            let selected = o.code == chosen;
            view! { <option value=o.code.clone() selected=selected>{format!("{} ({})", o.name, o.code)}</option> }
        })
        .collect_view();
    view! {
        <div class="fr-select-group">
            <label class="fr-label" for=id.clone()>{label}</label>
            <select class="fr-select" id=id name=name required=true aria-describedby=described>{options}</select>
            {error.map(|e| view! { <p class="fr-message fr-message--error" id=error_id>{e}</p> })}
        </div>
    }
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

/// For the administrator of the instance: which organisation to administer.
#[component]
pub fn OrganisationChoicePage(
    lang: Lang,
    who: SignedIn,
    /// The page to open, once chosen (`/admin/lieux`…).
    path: String,
    organisations: Vec<Named>,
) -> impl IntoView {
    let t = admin_texts(lang);
    let links = organisations
        .into_iter()
        .map(|o| {
            let href = format!("{path}?lang={}&organisation={}", lang.code(), o.code);
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

/// The people screen's words.
pub struct PeopleTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub email: &'static str,
    pub role: &'static str,
    pub status: &'static str,
    pub actions: &'static str,
    pub since: &'static str,
    pub active: &'static str,
    pub inactive: &'static str,
    pub deactivate: &'static str,
    pub reactivate: &'static str,
    pub pending: &'static str,
    pub expires: &'static str,
    pub invite: &'static str,
    pub invite_hint: &'static str,
    pub link_title: &'static str,
    pub link_body: &'static str,
    pub welcome: &'static str,
    pub join_as: &'static str,
    pub password: &'static str,
    pub password_hint: &'static str,
    pub confirmation: &'static str,
    pub create: &'static str,
    pub expired_title: &'static str,
    pub expired_body: &'static str,
}

/// The people screen's words in a language.
pub fn people_texts(lang: Lang) -> PeopleTexts {
    match lang {
        Lang::Fr => PeopleTexts {
            title: "Comptes et invitations",
            intro: "Invitez le référent, les clients mystères et les membres du comité local des usagers : chacun reçoit un lien à usage unique, valable 7 jours, pour choisir son mot de passe. Un compte désactivé ne peut plus se connecter et ses sessions prennent fin aussitôt.",
            email: "Adresse électronique",
            role: "Rôle",
            status: "État",
            actions: "Actions",
            since: "Créé le",
            active: "Actif",
            inactive: "Désactivé",
            deactivate: "Désactiver",
            reactivate: "Réactiver",
            pending: "Invitations en attente",
            expires: "Valable jusqu'au",
            invite: "Inviter",
            invite_hint: "Format attendu : nom@domaine.fr",
            link_title: "Invitation créée",
            link_body: "Transmettez ce lien à la personne invitée (il ne sera plus affiché) :",
            welcome: "Bienvenue",
            join_as: "Choisissez votre mot de passe pour rejoindre",
            password: "Mot de passe",
            password_hint: "12 caractères au moins ; une phrase de plusieurs mots convient bien.",
            confirmation: "Confirmation du mot de passe",
            create: "Créer mon compte",
            expired_title: "Lien d'invitation expiré",
            expired_body: "Ce lien d'invitation n'est plus valable (déjà utilisé ou expiré). Demandez-en un nouveau au référent qualité.",
        },
        Lang::En => PeopleTexts {
            title: "Accounts and invitations",
            intro: "Invite the referent, mystery shoppers and members of the local users' committee: each receives a one-time link, valid 7 days, to choose their password. A deactivated account can no longer sign in and its sessions end at once.",
            email: "E-mail address",
            role: "Role",
            status: "Status",
            actions: "Actions",
            since: "Created on",
            active: "Active",
            inactive: "Deactivated",
            deactivate: "Deactivate",
            reactivate: "Reactivate",
            pending: "Pending invitations",
            expires: "Valid until",
            invite: "Invite",
            invite_hint: "Expected format: name@domain.fr",
            link_title: "Invitation created",
            link_body: "Send this link to the person invited (it will not be shown again):",
            welcome: "Welcome",
            join_as: "Choose your password to join",
            password: "Password",
            password_hint: "At least 12 characters; a phrase of several words works well.",
            confirmation: "Password confirmation",
            create: "Create my account",
            expired_title: "Invitation link expired",
            expired_body: "This invitation link is no longer valid (already used or expired). Ask the quality referent for a new one.",
        },
    }
}

/// An account as the people screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonLine {
    pub id: i32,
    pub email: String,
    pub role: domain::Role,
    pub active: bool,
    /// Creation date, formatted.
    pub since: String,
}

/// What the people screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeopleView {
    pub who: SignedIn,
    pub organisation: String,
    pub org_query: String,
    pub people: Vec<PersonLine>,
    /// (e-mail, role, valid until) of the pending invitations.
    pub pending: Vec<(String, domain::Role, String)>,
    /// The invitation form's values.
    pub email: String,
    pub role: String,
    pub problem: Option<FormProblem>,
    /// The link of the invitation just created (shown once).
    pub link: Option<String>,
    pub saved: bool,
}

/// `/admin/comptes`.
#[component]
pub fn PeoplePage(lang: Lang, view: PeopleView) -> impl IntoView {
    let t = people_texts(lang);
    let a = admin_texts(lang);
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let rows = view
        .people
        .iter()
        .cloned()
        .map(|p| {
            let (state, badge) = if p.active {
                (t.active, "fr-badge fr-badge--success")
            } else {
                (t.inactive, "fr-badge")
            };
            let toggle = if p.active { t.deactivate } else { t.reactivate };
            let label = format!("{toggle} {}", p.email);
            view! {
                <tr>
                    <td>{p.email.clone()}</td>
                    <td>{crate::pages::account::role_name(p.role, lang)}</td>
                    <td><span class=badge>{state}</span></td>
                    <td>{p.since}</td>
                    <td>
                        <form method="post" action=format!("/admin/comptes/{}/etat{q}", p.id)>
                            <input type="hidden" name="active" value=if p.active { "false" } else { "true" }/>
                            <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary" aria-label=label>{toggle}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let pending = (!view.pending.is_empty()).then(|| {
        let rows = view
            .pending
            .iter()
            .cloned()
            .map(|(email, role, until)| {
                view! { <tr><td>{email}</td><td>{crate::pages::account::role_name(role, lang)}</td><td>{until}</td></tr> }
            })
            .collect_view();
        view! {
            <h2>{t.pending}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t.pending>
                <table class="fr-table">
                    <caption>{t.pending}</caption>
                    <thead><tr><th scope="col">{t.email}</th><th scope="col">{t.role}</th><th scope="col">{t.expires}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let link = view.link.clone().map(|l| {
        view! {
            <div class="fr-alert fr-alert--success" role="status">
                <h2 class="fr-alert__title">{t.link_title}</h2>
                <p>{t.link_body}</p>
                <p><code class="invitation-link">{l}</code></p>
            </div>
        }
    });
    let problem = view.problem.clone().map(|p| {
        view! {
            <div class="fr-alert fr-alert--error" role="alert">
                <h2 class="fr-alert__title">{a.error_title}</h2>
                <p>{p.message}</p>
            </div>
        }
    });
    let saved = view.saved.then(|| {
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{a.saved}</p></div> }
    });
    let email_error = problem_message(&view.problem, "email");
    let role_error = problem_message(&view.problem, "role");
    let roles = [
        domain::Role::Viewer,
        domain::Role::Shopper,
        domain::Role::Referent,
    ]
    .into_iter()
    .map(|r| Named {
        code: r.code().to_owned(),
        name: crate::pages::account::role_name(r, lang).to_owned(),
    })
    .collect::<Vec<_>>();
    view! {
        <PublicDocument lang=lang title=t.title.to_owned() switch_path=Some(format!("/admin/comptes?{}", view.org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=t.title.to_owned() who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/admin{q}")>{a.back_admin}</a></p>
            <p><strong>{view.organisation.clone()}</strong></p>
            <p>{t.intro}</p>
            {problem}
            {saved}
            {link}
            <div class="table-wrap" tabindex="0" role="region" aria-label=t.title>
                <table class="fr-table">
                    <caption>{t.title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.email}</th>
                            <th scope="col">{t.role}</th>
                            <th scope="col">{t.status}</th>
                            <th scope="col">{t.since}</th>
                            <th scope="col">{t.actions}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {pending}
            <form class="fr-form admin-form" method="post" action=format!("/admin/comptes{q}")>
                <h2>{t.invite}</h2>
                {email_input("invite-email", t.email, Some(t.invite_hint), view.email.clone(), email_error)}
                {select("invite-role".into(), "role", t.role, roles, view.role.clone(), role_error)}
                <button type="submit" class="fr-btn">{t.invite}</button>
            </form>
        </PublicDocument>
    }
}

pub(crate) fn problem_message(problem: &Option<FormProblem>, field: &str) -> Option<String> {
    problem
        .as_ref()
        .filter(|p| p.field == field)
        .map(|p| p.message.clone())
}

fn email_input(
    id: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    value: String,
    error: Option<String>,
) -> impl IntoView + use<> {
    let group = if error.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let error_id = format!("{id}-error");
    let described = error.as_ref().map(|_| error_id.clone());
    view! {
        <div class=group>
            <label class="fr-label" for=id>
                {label}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </label>
            <input class="fr-input" type="email" id=id name="email" autocomplete="off" required=true value=value aria-describedby=described/>
            {error.map(|e| view! { <p class="fr-message fr-message--error" id=error_id>{e}</p> })}
        </div>
    }
}

fn password_input(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    hint: Option<&'static str>,
    error: Option<String>,
) -> impl IntoView + use<> {
    let group = if error.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let error_id = format!("{id}-error");
    let described = error.as_ref().map(|_| error_id.clone());
    view! {
        <div class=group>
            <label class="fr-label" for=id>
                {label}
                {hint.map(|h| view! { <span class="fr-hint-text">{h}</span> })}
            </label>
            <input class="fr-input" type="password" id=id name=name autocomplete="new-password" required=true minlength="12" aria-describedby=described/>
            {error.map(|e| view! { <p class="fr-message fr-message--error" id=error_id>{e}</p> })}
        </div>
    }
}

/// `/invitation/{secret}`: the invited person chooses their password.
#[component]
pub fn InvitationPage(
    lang: Lang,
    /// The link's path (the form posts to it).
    path: String,
    email: String,
    role: domain::Role,
    organisation: String,
    problem: Option<FormProblem>,
) -> impl IntoView {
    let t = people_texts(lang);
    let alert = problem.clone().map(|p| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{p.message}</p></div> }
    });
    view! {
        <PublicDocument lang=lang title=t.welcome.to_owned() switch_path=Some(path.clone()) staff=true>
            <h1>{format!("{}, {email}", t.welcome)}</h1>
            <p>{t.join_as}" "<strong>{organisation}</strong>" ("{crate::pages::account::role_name(role, lang)}")."</p>
            {alert}
            <form class="fr-form" method="post" action=format!("{path}?lang={}", lang.code())>
                <input type="email" name="username" value=email.clone() autocomplete="username" hidden=true readonly=true aria-hidden="true" tabindex="-1"/>
                {password_input("password", "password", t.password, Some(t.password_hint), problem_message(&problem, "password"))}
                {password_input("confirmation", "confirmation", t.confirmation, None, problem_message(&problem, "confirmation"))}
                <button type="submit" class="fr-btn">{t.create}</button>
            </form>
        </PublicDocument>
    }
}

/// An invitation link that no longer works.
#[component]
pub fn InvitationExpiredPage(lang: Lang) -> impl IntoView {
    let t = people_texts(lang);
    view! {
        <PublicDocument lang=lang title=t.expired_title.to_owned() switch_path=None staff=true>
            <h1>{t.expired_title}</h1>
            <p>{t.expired_body}</p>
        </PublicDocument>
    }
}

/// The tokens screen's words.
pub struct TokenTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub name: &'static str,
    pub role: &'static str,
    pub created: &'static str,
    pub status: &'static str,
    pub active: &'static str,
    pub revoked: &'static str,
    pub revoke: &'static str,
    pub create: &'static str,
    pub shown_once: &'static str,
    pub reader: &'static str,
    pub referent: &'static str,
}

/// The tokens screen's words in a language.
pub fn token_texts(lang: Lang) -> TokenTexts {
    match lang {
        Lang::Fr => TokenTexts {
            title: "Jetons d'accès à l'API",
            intro: "Un jeton permet à un autre logiciel (tableau de bord, système de rendez-vous) de lire les résultats de l'organisation par l'API (documentation : /api/v1/openapi.json). Il n'est affiché qu'une fois ; seule son empreinte est conservée. Révoquez-le dès qu'il ne sert plus.",
            name: "Nom",
            role: "Droits",
            created: "Créé le",
            status: "État",
            active: "Actif",
            revoked: "Révoqué",
            revoke: "Révoquer",
            create: "Créer un jeton",
            shown_once: "Jeton créé. Copiez-le maintenant, il ne sera plus affiché :",
            reader: "Lecture des résultats",
            referent: "Référent",
        },
        Lang::En => TokenTexts {
            title: "API access tokens",
            intro: "A token lets other software (a dashboard, the appointment system) read the organisation's results through the API (documentation: /api/v1/openapi.json). It is shown once; only its fingerprint is kept. Revoke it as soon as it is no longer used.",
            name: "Name",
            role: "Rights",
            created: "Created on",
            status: "Status",
            active: "Active",
            revoked: "Revoked",
            revoke: "Revoke",
            create: "Create a token",
            shown_once: "Token created. Copy it now, it will not be shown again:",
            reader: "Read results",
            referent: "Referent",
        },
    }
}

/// A token as the screen lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenLine {
    pub id: i32,
    pub name: String,
    pub role: String,
    pub created: String,
    pub revoked: bool,
}

/// What the tokens screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokensView {
    pub who: SignedIn,
    pub organisation: String,
    pub org_query: String,
    pub tokens: Vec<TokenLine>,
    pub name: String,
    pub problem: Option<FormProblem>,
    /// The token just created, shown once.
    pub created: Option<String>,
}

/// `/admin/jetons`.
#[component]
pub fn TokensPage(lang: Lang, view: TokensView) -> impl IntoView {
    let t = token_texts(lang);
    let a = admin_texts(lang);
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let role_name = move |code: &str| {
        if code == "referent" {
            t.referent
        } else {
            t.reader
        }
    };
    let rows = view
        .tokens
        .iter()
        .cloned()
        .map(|k| {
            let (state, badge) = if k.revoked {
                (t.revoked, "fr-badge")
            } else {
                (t.active, "fr-badge fr-badge--success")
            };
            let label = format!("{} {}", t.revoke, k.name);
            let revoke = (!k.revoked).then(|| {
                view! {
                    <form method="post" action=format!("/admin/jetons/{}/revoquer{q}", k.id)>
                        <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary" aria-label=label>{t.revoke}</button>
                    </form>
                }
            });
            view! {
                <tr>
                    <td>{k.name.clone()}</td>
                    <td>{role_name(&k.role)}</td>
                    <td>{k.created}</td>
                    <td><span class=badge>{state}</span></td>
                    <td>{revoke}</td>
                </tr>
            }
        })
        .collect_view();
    let created = view.created.clone().map(|token| {
        view! {
            <div class="fr-alert fr-alert--success" role="status">
                <p>{t.shown_once}</p>
                <p><code class="invitation-link">{token}</code></p>
            </div>
        }
    });
    let problem = view.problem.clone().map(|p| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{p.message}</p></div> }
    });
    let name_error = problem_message(&view.problem, "name");
    let roles = vec![
        Named {
            code: "viewer".into(),
            name: t.reader.into(),
        },
        Named {
            code: "referent".into(),
            name: t.referent.into(),
        },
    ];
    let name_input = input(
        "token-name".into(),
        "name",
        t.name,
        None,
        view.name.clone(),
        name_error,
        true,
    );
    let role_select = select(
        "token-role".into(),
        "role",
        t.role,
        roles,
        "viewer".into(),
        problem_message(&view.problem, "role"),
    );
    view! {
        <PublicDocument lang=lang title=t.title.to_owned() switch_path=Some(format!("/admin/jetons?{}", view.org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=t.title.to_owned() who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/admin{q}")>{a.back_admin}</a></p>
            <p><strong>{view.organisation.clone()}</strong></p>
            <p>{t.intro}</p>
            {problem}
            {created}
            <div class="table-wrap" tabindex="0" role="region" aria-label=t.title>
                <table class="fr-table">
                    <caption>{t.title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.name}</th>
                            <th scope="col">{t.role}</th>
                            <th scope="col">{t.created}</th>
                            <th scope="col">{t.status}</th>
                            <th scope="col">{a.actions}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form class="fr-form admin-form" method="post" action=format!("/admin/jetons{q}")>
                <h2>{t.create}</h2>
                {name_input}
                {role_select}
                <button type="submit" class="fr-btn">{t.create}</button>
            </form>
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

/// A figure as the screen lists it, already formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureLine {
    pub period: String,
    pub kind: String,
    pub service: String,
    pub value: String,
    pub entered_by: String,
}

/// What the figures screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiguresView {
    pub who: SignedIn,
    pub organisation: String,
    pub org_query: String,
    pub figures: Vec<FigureLine>,
    /// (code, name) of each kind.
    pub kinds: Vec<Named>,
    pub services: Vec<Named>,
    /// The form's values: kind, service, period, value.
    pub form: (String, String, String, String),
    pub problem: Option<FormProblem>,
    pub saved: bool,
}

/// `/admin/chiffres`: figures from other systems, per month or quarter.
#[component]
pub fn FiguresPage(lang: Lang, view: FiguresView) -> impl IntoView {
    let a = admin_texts(lang);
    let (title, intro, period, period_hint, value, value_hint, kind, service, whole, by, add, none) =
        match lang {
            Lang::Fr => (
                "Chiffres des autres systèmes",
                "La fréquentation par service (qui sert au redressement des résultats), le taux de décroché téléphonique, les courriels répondus sous 5 jours, les réclamations et les délais de délivrance des titres, saisis par mois ou par trimestre. Une nouvelle saisie pour la même période remplace la précédente.",
                "Période",
                "Un mois (2026-03) ou un trimestre (2026-T1).",
                "Valeur",
                "Nombre ; pour un taux, en pourcentage de 0 à 100.",
                "Indicateur",
                "Service",
                "Toute l'organisation",
                "Saisi par",
                "Enregistrer le chiffre",
                "Aucun chiffre saisi pour l'instant.",
            ),
            Lang::En => (
                "Figures from other systems",
                "Footfall per service (used to weight the results), the call pickup rate, e-mails answered within 5 days, complaints and delivery delays of titles, entered per month or quarter. Entering the same period again replaces the figure.",
                "Period",
                "A month (2026-03) or a quarter (2026-T1).",
                "Value",
                "A number; for a rate, a percentage from 0 to 100.",
                "Figure",
                "Service",
                "The whole organisation",
                "Entered by",
                "Save the figure",
                "No figure entered yet.",
            ),
        };
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let table = if view.figures.is_empty() {
        view! { <p>{none}</p> }.into_any()
    } else {
        let rows = view
            .figures
            .iter()
            .cloned()
            .map(|f| {
                view! {
                    <tr><td>{f.period}</td><td>{f.kind}</td><td>{f.service}</td><td class="num">{f.value}</td><td>{f.entered_by}</td></tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=title>
                <table class="fr-table">
                    <caption>{title}</caption>
                    <thead><tr><th scope="col">{period}</th><th scope="col">{kind}</th><th scope="col">{service}</th><th scope="col">{value}</th><th scope="col">{by}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let (f_kind, f_service, f_period, f_value) = view.form.clone();
    let mut services = vec![Named {
        code: String::new(),
        name: whole.to_owned(),
    }];
    services.extend(view.services.iter().cloned());
    let kind_select = select(
        "figure-kind".into(),
        "kind",
        kind,
        view.kinds.clone(),
        f_kind,
        problem_message(&view.problem, "kind"),
    );
    let service_select = select(
        "figure-service".into(),
        "service",
        service,
        services,
        f_service,
        problem_message(&view.problem, "service"),
    );
    let period_input = input(
        "figure-period".into(),
        "period",
        period,
        Some(period_hint),
        f_period,
        problem_message(&view.problem, "period"),
        true,
    );
    let value_input = input(
        "figure-value".into(),
        "value",
        value,
        Some(value_hint),
        f_value,
        problem_message(&view.problem, "value"),
        true,
    );
    let problem = view.problem.clone().map(|p| {
        view! { <div class="fr-alert fr-alert--error" role="alert"><p>{p.message}</p></div> }
    });
    let saved = view.saved.then(|| {
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{a.saved}</p></div> }
    });
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=Some(format!("/admin/chiffres?{}", view.org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=title.to_owned() who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/admin{q}")>{a.back_admin}</a></p>
            <p><strong>{view.organisation.clone()}</strong></p>
            <p>{intro}</p>
            {problem}
            {saved}
            {table}
            <form class="fr-form admin-form" method="post" action=format!("/admin/chiffres{q}")>
                <h2>{add}</h2>
                {kind_select}
                {service_select}
                {period_input}
                {value_input}
                <button type="submit" class="fr-btn">{add}</button>
            </form>
        </PublicDocument>
    }
}

/// A figure kind's name.
pub fn figure_name(code: &str, lang: Lang) -> &'static str {
    match (code, lang) {
        ("footfall", Lang::Fr) => "Fréquentation (visiteurs)",
        ("footfall", Lang::En) => "Footfall (visitors)",
        ("call_pickup_rate", Lang::Fr) => "Taux de décroché téléphonique (%)",
        ("call_pickup_rate", Lang::En) => "Call pickup rate (%)",
        ("emails_within_5_days", Lang::Fr) => "Courriels répondus sous 5 jours (%)",
        ("emails_within_5_days", Lang::En) => "E-mails answered within 5 days (%)",
        ("complaints", Lang::Fr) => "Réclamations reçues",
        ("complaints", Lang::En) => "Complaints received",
        ("title_delay_days", Lang::Fr) => "Délai de délivrance des titres (jours)",
        ("title_delay_days", Lang::En) => "Delivery delay of titles (days)",
        (_, _) => "",
    }
}
