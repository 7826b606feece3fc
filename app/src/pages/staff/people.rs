//! Accounts and invitations: an organisation's people (with their reset link, their sessions to
//! end, their pending invitations to cancel), the invitation form, and the page where an invited
//! person chooses their password.

use crate::components::document::PublicDocument;
use crate::components::forms::{FormProblem, Named, problem_message, select};
use crate::components::staff_bar::{SignedIn, StaffBar, role_name};
use crate::pages::staff::admin_texts::admin_texts;
use domain::Lang;
use leptos::prelude::*;

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
    pub reset: &'static str,
    pub sessions: &'static str,
    pub sessions_label: &'static str,
    pub cancel: &'static str,
    pub reset_title: &'static str,
    pub reset_body: &'static str,
}

/// The people screen's words in a language.
pub fn people_texts(lang: Lang) -> PeopleTexts {
    match lang {
        Lang::Fr => PeopleTexts {
            title: "Comptes et invitations",
            intro: "Invitez le référent, les clients mystères et les membres du comité local des usagers : chacun reçoit un lien à usage unique, valable 7 jours, pour choisir son mot de passe. Un compte désactivé ne peut plus se connecter et ses sessions prennent fin aussitôt. Une personne qui a oublié son mot de passe reçoit de même un lien de réinitialisation, valable 24 heures ; « Fermer ses sessions » la déconnecte de tous ses appareils.",
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
            reset: "Lien de réinitialisation du mot de passe",
            sessions: "Fermer ses sessions",
            sessions_label: "Déconnecter de tous les appareils :",
            cancel: "Annuler",
            reset_title: "Lien de réinitialisation créé",
            reset_body: "Transmettez ce lien à la personne, par un moyen sûr (il ne sera plus affiché, sert une fois et expire dans 24 heures ; tout lien précédent ne fonctionne plus) :",
        },
        Lang::En => PeopleTexts {
            title: "Accounts and invitations",
            intro: "Invite the referent, mystery shoppers and members of the local users' committee: each receives a one-time link, valid 7 days, to choose their password. A deactivated account can no longer sign in and its sessions end at once. Someone who forgot their password likewise receives a reset link, valid 24 hours; \"End their sessions\" signs them out of every device.",
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
            reset: "Password reset link",
            sessions: "End their sessions",
            sessions_label: "Sign out of every device:",
            cancel: "Cancel",
            reset_title: "Reset link created",
            reset_body: "Send this link to the person, by a safe channel (it will not be shown again, serves once and expires in 24 hours; any earlier link no longer works):",
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
    /// (e-mail, link) of the password reset link just created (shown once).
    pub reset: Option<(String, String)>,
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
            // A deactivated account has no session and gets no reset link.
            let care = p.active.then(|| {
                let reset_label = format!("{} : {}", t.reset, p.email);
                let sessions_label = format!("{} {}", t.sessions_label, p.email);
                view! {
                    <form method="post" action=format!("/admin/comptes/{}/reinitialisation{q}", p.id)>
                        <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary" aria-label=reset_label>{t.reset}</button>
                    </form>
                    <form method="post" action=format!("/admin/comptes/{}/sessions{q}", p.id)>
                        <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary" aria-label=sessions_label>{t.sessions}</button>
                    </form>
                }
            });
            view! {
                <tr>
                    <td>{p.email.clone()}</td>
                    <td>{role_name(p.role, lang)}</td>
                    <td><span class=badge>{state}</span></td>
                    <td>{p.since}</td>
                    <td>
                        <form method="post" action=format!("/admin/comptes/{}/etat{q}", p.id)>
                            <input type="hidden" name="active" value=if p.active { "false" } else { "true" }/>
                            <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary" aria-label=label>{toggle}</button>
                        </form>
                        {care}
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
                let label = format!("{} {email}", t.cancel);
                view! {
                    <tr>
                        <td>{email.clone()}</td>
                        <td>{role_name(role, lang)}</td>
                        <td>{until}</td>
                        <td>
                            <form method="post" action=format!("/admin/comptes/invitations/annuler{q}")>
                                <input type="hidden" name="email" value=email/>
                                <button type="submit" class="fr-btn fr-btn--sm fr-btn--tertiary" aria-label=label>{t.cancel}</button>
                            </form>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=t.pending>
                <table class="fr-table">
                    <caption>{t.pending}</caption>
                    <thead><tr><th scope="col">{t.email}</th><th scope="col">{t.role}</th><th scope="col">{t.expires}</th><th scope="col">{t.actions}</th></tr></thead>
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
    let reset = view.reset.clone().map(|(email, l)| {
        view! {
            <div class="fr-alert fr-alert--success" role="status">
                <h2 class="fr-alert__title">{format!("{} : {email}", t.reset_title)}</h2>
                <p>{t.reset_body}</p>
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
        name: role_name(r, lang).to_owned(),
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
            {reset}
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

/// A new password's input, with its label, hint and error message.
pub fn password_input(
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
            <p>{t.join_as}" "<strong>{organisation}</strong>" ("{role_name(role, lang)}")."</p>
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
