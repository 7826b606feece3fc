//! Staff accounts: the sign-in form, the page that says a role does not reach a page, the
//! administration home and the audit log. Server-rendered; plain forms, no script needed.

use crate::pages::visitor::PublicDocument;
use domain::{Lang, Role};
use leptos::prelude::*;

/// The words of the account pages.
pub struct AccountTexts {
    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub email: &'static str,
    pub email_hint: &'static str,
    pub password: &'static str,
    pub sign_in: &'static str,
    pub refused: &'static str,
    pub throttled: &'static str,
    pub sign_out: &'static str,
    pub forbidden_title: &'static str,
    pub forbidden_body: &'static str,
    pub signed_in_as: &'static str,
    pub back_home: &'static str,
    pub admin_title: &'static str,
    pub admin_intro: &'static str,
    pub organisation: &'static str,
    pub whole_instance: &'static str,
    pub results_link: &'static str,
    pub structure_link: &'static str,
    pub people_link: &'static str,
    pub surveys_link: &'static str,
    pub tokens_link: &'static str,
    pub import_link: &'static str,
    pub audit_link: &'static str,
    pub audit_title: &'static str,
    pub audit_intro: &'static str,
    pub audit_empty: &'static str,
    pub when: &'static str,
    pub who: &'static str,
    pub what: &'static str,
    pub subject: &'static str,
    pub before: &'static str,
    pub after: &'static str,
}

/// The account pages' words in a language.
pub fn account_texts(lang: Lang) -> AccountTexts {
    match lang {
        Lang::Fr => AccountTexts {
            sign_in_title: "Se connecter",
            sign_in_intro: "Espace réservé au référent qualité, aux clients mystères et aux membres du comité local des usagers.",
            email: "Adresse électronique",
            email_hint: "Format attendu : nom@domaine.fr",
            password: "Mot de passe",
            sign_in: "Se connecter",
            refused: "Adresse électronique ou mot de passe incorrect.",
            throttled: "Trop de tentatives : la connexion est suspendue pour ce compte ou cet appareil. Réessayez après",
            sign_out: "Se déconnecter",
            forbidden_title: "Accès refusé",
            forbidden_body: "Votre compte ne donne pas accès à cette page. Si vous en avez besoin, demandez-le au référent qualité.",
            signed_in_as: "Connecté en tant que",
            back_home: "Retour à l'accueil",
            admin_title: "Administration",
            admin_intro: "Configurer l'organisation, suivre les changements et lire les résultats.",
            organisation: "Organisation",
            whole_instance: "toute l'instance",
            results_link: "Résultats des enquêtes",
            structure_link: "Sites, services et points de contact",
            people_link: "Comptes et invitations",
            surveys_link: "Questionnaires",
            tokens_link: "Jetons d'accès à l'API",
            import_link: "Importer des résultats antérieurs",
            audit_link: "Journal des modifications",
            audit_title: "Journal des modifications",
            audit_intro: "Chaque modification faite dans les écrans ou par l'API, avec son auteur et l'état avant et après. Personne ne peut modifier ce journal.",
            audit_empty: "Aucune modification enregistrée.",
            when: "Date",
            who: "Auteur",
            what: "Action",
            subject: "Objet",
            before: "Avant",
            after: "Après",
        },
        Lang::En => AccountTexts {
            sign_in_title: "Sign in",
            sign_in_intro: "For the quality referent, mystery shoppers and members of the local users' committee.",
            email: "E-mail address",
            email_hint: "Expected format: name@domain.fr",
            password: "Password",
            sign_in: "Sign in",
            refused: "Wrong e-mail address or password.",
            throttled: "Too many attempts: signing in is suspended for this account or this device. Try again after",
            sign_out: "Sign out",
            forbidden_title: "Access denied",
            forbidden_body: "Your account does not give access to this page. If you need it, ask the quality referent.",
            signed_in_as: "Signed in as",
            back_home: "Back to the home page",
            admin_title: "Administration",
            admin_intro: "Configure the organisation, follow the changes and read the results.",
            organisation: "Organisation",
            whole_instance: "the whole instance",
            results_link: "Survey results",
            structure_link: "Sites, services and touchpoints",
            people_link: "Accounts and invitations",
            surveys_link: "Questionnaires",
            tokens_link: "API access tokens",
            import_link: "Import earlier results",
            audit_link: "Change log",
            audit_title: "Change log",
            audit_intro: "Every change made in the screens or through the API, with its author and the state before and after. Nobody can edit this log.",
            audit_empty: "No change recorded.",
            when: "Date",
            who: "Author",
            what: "Action",
            subject: "Subject",
            before: "Before",
            after: "After",
        },
    }
}

/// A role's name for people.
pub fn role_name(role: Role, lang: Lang) -> &'static str {
    match (role, lang) {
        (Role::Admin, Lang::Fr) => "administrateur de l'instance",
        (Role::Admin, Lang::En) => "instance administrator",
        (Role::Referent, Lang::Fr) => "référent qualité",
        (Role::Referent, Lang::En) => "quality referent",
        (Role::Shopper, Lang::Fr) => "client mystère",
        (Role::Shopper, Lang::En) => "mystery shopper",
        (Role::Viewer, Lang::Fr) => "membre du comité local des usagers",
        (Role::Viewer, Lang::En) => "member of the local users' committee",
    }
}

/// Who is signed in, as the staff pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// Their e-mail address.
    pub email: String,
    /// Their role.
    pub role: Role,
}

/// The bar at the top of a staff page: its title, who is signed in, and the sign-out button.
#[component]
pub fn StaffBar(lang: Lang, title: String, who: Option<SignedIn>) -> impl IntoView {
    let t = account_texts(lang);
    let who = who.map(|w| {
        view! {
            <p class="fr-text--sm staff-who">
                {t.signed_in_as}" "<strong>{w.email}</strong>" ("{role_name(w.role, lang)}")"
            </p>
            <form method="post" action=format!("/logout?lang={}", lang.code())>
                <button type="submit" class="fr-btn fr-btn--secondary">{t.sign_out}</button>
            </form>
        }
    });
    view! {
        <div class="staff-bar">
            <h1>{title}</h1>
            <div class="staff-account">{who}</div>
        </div>
    }
}

/// Why the sign-in form is shown again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInProblem {
    /// Wrong address or password.
    Refused,
    /// Too many failures; the time (Europe/Paris, HH:MM) when attempts resume.
    Throttled(String),
}

/// `/login`: e-mail and password, then back to the page asked for.
#[component]
pub fn LoginPage(
    lang: Lang,
    /// Where to go once signed in (a path of this site).
    next: String,
    /// The address typed, kept when the form comes back.
    email: String,
    problem: Option<SignInProblem>,
) -> impl IntoView {
    let t = account_texts(lang);
    let message = problem.clone().map(|p| match p {
        SignInProblem::Refused => t.refused.to_owned(),
        SignInProblem::Throttled(at) => format!("{} {at}.", t.throttled),
    });
    let alert = message.clone().map(|m| {
        view! {
            <div class="fr-alert fr-alert--error" role="alert" id="login-error">
                <p>{m}</p>
            </div>
        }
    });
    let group = if problem.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let described = problem.is_some().then_some("login-error");
    view! {
        <PublicDocument lang=lang title=t.sign_in_title.to_owned() switch_path=Some(format!("/login?next={}", encode(&next))) staff=true>
            <h1>{t.sign_in_title}</h1>
            <p>{t.sign_in_intro}</p>
            {alert}
            <form class="fr-form" method="post" action="/login">
                <input type="hidden" name="lang" value=lang.code()/>
                <input type="hidden" name="next" value=next/>
                <div class=group>
                    <label class="fr-label" for="email">
                        {t.email}
                        <span class="fr-hint-text">{t.email_hint}</span>
                    </label>
                    <input class="fr-input" type="email" id="email" name="email" autocomplete="username"
                        required=true value=email aria-describedby=described/>
                </div>
                <div class=group>
                    <label class="fr-label" for="password">{t.password}</label>
                    <input class="fr-input" type="password" id="password" name="password"
                        autocomplete="current-password" required=true aria-describedby=described/>
                </div>
                <button type="submit" class="fr-btn">{t.sign_in}</button>
            </form>
        </PublicDocument>
    }
}

/// Percent-encodes a path for a query parameter.
fn encode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The 403 page: signed in, but the role does not reach the page.
#[component]
pub fn ForbiddenPage(lang: Lang, who: SignedIn) -> impl IntoView {
    let t = account_texts(lang);
    view! {
        <PublicDocument lang=lang title=t.forbidden_title.to_owned() switch_path=None staff=true>
            <StaffBar lang=lang title=t.forbidden_title.to_owned() who=Some(who)/>
            <p>{t.forbidden_body}</p>
            <p><a class="fr-link" href=format!("/?lang={}", lang.code())>{t.back_home}</a></p>
        </PublicDocument>
    }
}

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
                <li><a class="fr-link" href=format!("/admin/chiffres{q}")>{if lang == Lang::Fr { "Chiffres des autres systèmes" } else { "Figures from other systems" }}</a></li>
                <li><a class="fr-link" href=format!("/resultats{q}")>{t.results_link}</a></li>
                <li><a class="fr-link" href=format!("/mystere{q}")>{if lang == Lang::Fr { "Tests mystères : campagnes, validation et résultats" } else { "Mystery tests: campaigns, validation and results" }}</a></li>
                <li><a class="fr-link" href=format!("/resultats/import{q}")>{t.import_link}</a></li>
                <li><a class="fr-link" href=format!("/admin/journal{q}")>{t.audit_link}</a></li>
            </ul>
        </PublicDocument>
    }
}

/// An audit action's name for people (its code when unknown).
pub fn action_label(code: &str, lang: Lang) -> String {
    let (fr, en) = match code {
        "account.create" => ("Compte créé", "Account created"),
        "account.invite" => ("Invitation envoyée", "Invitation sent"),
        "account.activate" => ("Compte réactivé", "Account reactivated"),
        "account.deactivate" => ("Compte désactivé", "Account deactivated"),
        "organisation.create" => ("Organisation créée", "Organisation created"),
        "site.create" => ("Site créé", "Site created"),
        "service.create" => ("Service créé", "Service created"),
        "touchpoint.create" => ("Point de contact créé", "Touchpoint created"),
        "touchpoint.update" => ("Point de contact modifié", "Touchpoint changed"),
        "touchpoint.activate" => ("Point de contact réactivé", "Touchpoint reactivated"),
        "touchpoint.deactivate" => ("Point de contact désactivé", "Touchpoint deactivated"),
        "survey.create" => ("Questionnaire créé", "Questionnaire created"),
        "survey.question.add" => ("Question ajoutée", "Question added"),
        "survey.question.update" => ("Question modifiée", "Question changed"),
        "survey.question.remove" => ("Question supprimée", "Question removed"),
        "survey.question.move" => ("Question déplacée", "Question moved"),
        "survey.draft.replace" => ("Brouillon remplacé", "Draft replaced"),
        "survey_link.create" => ("Liens d'enquête créés", "Survey links created"),
        "survey.publish" => ("Nouvelle version publiée", "New version published"),
        "survey.close" => ("Questionnaire fermé", "Questionnaire closed"),
        "survey.reopen" => ("Questionnaire rouvert", "Questionnaire reopened"),
        "token.create" => ("Jeton d'API créé", "API token created"),
        "token.revoke" => ("Jeton d'API révoqué", "API token revoked"),
        "figure.set" => ("Chiffre saisi", "Figure entered"),
        "responses.import" => ("Réponses importées", "Responses imported"),
        other => return other.to_owned(),
    };
    match lang {
        Lang::Fr => fr.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// One line of the audit log as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLine {
    /// When, already formatted (Europe/Paris).
    pub at: String,
    /// Who.
    pub actor: String,
    /// What kind of change.
    pub action: String,
    /// What it was made to.
    pub subject: String,
    /// State before (JSON), if any.
    pub before: Option<String>,
    /// State after (JSON), if any.
    pub after: Option<String>,
}

/// `/admin/journal`: the latest changes, newest first.
#[component]
pub fn AuditPage(lang: Lang, who: SignedIn, lines: Vec<AuditLine>) -> impl IntoView {
    let t = account_texts(lang);
    let body = if lines.is_empty() {
        view! { <p>{t.audit_empty}</p> }.into_any()
    } else {
        let rows = lines
            .into_iter()
            .map(|l| {
                view! {
                    <tr>
                        <td>{l.at}</td>
                        <td>{l.actor}</td>
                        <td>{action_label(&l.action, lang)}<br/><code class="fr-text--sm">{l.action}</code></td>
                        <td>{l.subject}</td>
                        <td><code class="json">{l.before.unwrap_or_default()}</code></td>
                        <td><code class="json">{l.after.unwrap_or_default()}</code></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=t.audit_title>
                <table class="fr-table">
                    <caption>{t.audit_title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.when}</th>
                            <th scope="col">{t.who}</th>
                            <th scope="col">{t.what}</th>
                            <th scope="col">{t.subject}</th>
                            <th scope="col">{t.before}</th>
                            <th scope="col">{t.after}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <PublicDocument lang=lang title=t.audit_title.to_owned() switch_path=Some("/admin/journal".to_owned()) staff=true>
            <StaffBar lang=lang title=t.audit_title.to_owned() who=Some(who)/>
            <p>{t.audit_intro}</p>
            {body}
        </PublicDocument>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_return_path_is_encoded_for_a_query() {
        assert_eq!(
            encode("/resultats?scope=site:x&lang=en"),
            "/resultats%3Fscope%3Dsite%3Ax%26lang%3Den"
        );
    }
}
