//! An organisation's API access tokens: the list (with expiry and last use), revocation and
//! creation with an expiry date (the token is shown once).

use crate::components::document::PublicDocument;
use crate::components::forms::{FormProblem, Named, input, problem_message, select};
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::staff::admin_texts::admin_texts;
use domain::Lang;
use leptos::prelude::*;

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
    pub kiosk: &'static str,
    pub reader: &'static str,
    pub referent: &'static str,
    pub expires: &'static str,
    pub expires_hint: &'static str,
    pub last_used: &'static str,
    pub never: &'static str,
    pub no_expiry: &'static str,
    pub expired: &'static str,
}

/// The tokens screen's words in a language.
pub fn token_texts(lang: Lang) -> TokenTexts {
    match lang {
        Lang::Fr => TokenTexts {
            title: "Jetons d'accès à l'API",
            intro: "Un jeton permet à un autre logiciel (tableau de bord, système de rendez-vous) de lire les résultats de l'organisation par l'API (documentation : /api/v1/openapi.json), ou à une borne de saisie dans une salle d'attente d'y déposer des réponses : donnez à une borne le rôle « borne », qui ne lit rien. Il n'est affiché qu'une fois ; seule son empreinte est conservée. Révoquez-le dès qu'il ne sert plus.",
            name: "Nom",
            role: "Droits",
            created: "Créé le",
            status: "État",
            active: "Actif",
            revoked: "Révoqué",
            revoke: "Révoquer",
            create: "Créer un jeton",
            shown_once: "Jeton créé. Copiez-le maintenant, il ne sera plus affiché :",
            kiosk: "Borne de saisie (dépose des réponses, ne lit rien)",
            reader: "Lecture des résultats",
            referent: "Référent",
            expires: "Expire le",
            expires_hint: "Le jeton cesse de fonctionner ce jour-là à 0 h. Laissé vide : dans un an. Une borne aussi : renouvelez ses jetons chaque année.",
            last_used: "Dernière utilisation",
            never: "jamais",
            no_expiry: "aucune",
            expired: "Expiré",
        },
        Lang::En => TokenTexts {
            title: "API access tokens",
            intro: "A token lets other software (a dashboard, the appointment system) read the organisation's results through the API (documentation: /api/v1/openapi.json), or a kiosk in a waiting room submit answers: give a kiosk the kiosk role, which reads nothing. It is shown once; only its fingerprint is kept. Revoke it as soon as it is no longer used.",
            name: "Name",
            role: "Rights",
            created: "Created on",
            status: "Status",
            active: "Active",
            revoked: "Revoked",
            revoke: "Revoke",
            create: "Create a token",
            shown_once: "Token created. Copy it now, it will not be shown again:",
            kiosk: "Kiosk (submits answers, reads nothing)",
            reader: "Read results",
            referent: "Referent",
            expires: "Expires on",
            expires_hint: "The token stops working on that day at midnight. Left empty: in a year. Kiosks too: renew their tokens every year.",
            last_used: "Last used",
            never: "never",
            no_expiry: "none",
            expired: "Expired",
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
    /// Expiry date, formatted (empty when the token has none).
    pub expires: String,
    /// Whether it has expired.
    pub expired: bool,
    /// Last use, formatted to the hour (empty if never).
    pub last_used: String,
}

/// What the tokens screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokensView {
    pub who: SignedIn,
    pub organisation: String,
    pub org_query: String,
    pub tokens: Vec<TokenLine>,
    pub name: String,
    /// The expiry date typed (YYYY-MM-DD), kept when the form comes back.
    pub expires: String,
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
    let role_name = move |code: &str| match code {
        "referent" => t.referent,
        "kiosk" => t.kiosk,
        _ => t.reader,
    };
    let rows = view
        .tokens
        .iter()
        .cloned()
        .map(|k| {
            let (state, badge) = if k.revoked {
                (t.revoked, "fr-badge")
            } else if k.expired {
                (t.expired, "fr-badge")
            } else {
                (t.active, "fr-badge fr-badge--success")
            };
            let expires = if k.expires.is_empty() { t.no_expiry.to_owned() } else { k.expires.clone() };
            let last_used = if k.last_used.is_empty() { t.never.to_owned() } else { k.last_used.clone() };
            let label = format!("{} {}", t.revoke, k.name);
            let revoke = (!k.revoked && !k.expired).then(|| {
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
                    <td>{expires}</td>
                    <td>{last_used}</td>
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
            code: "kiosk".into(),
            name: t.kiosk.into(),
        },
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
    let expires_error = problem_message(&view.problem, "expires");
    let expires_input = {
        let group = if expires_error.is_some() {
            "fr-input-group fr-input-group--error"
        } else {
            "fr-input-group"
        };
        let described = expires_error.as_ref().map(|_| "token-expires-error");
        view! {
            <div class=group>
                <label class="fr-label" for="token-expires">
                    {t.expires}
                    <span class="fr-hint-text">{t.expires_hint}</span>
                </label>
                <input class="fr-input" type="date" id="token-expires" name="expires" value=view.expires.clone() aria-describedby=described/>
                {expires_error.map(|e| view! { <p class="fr-message fr-message--error" id="token-expires-error">{e}</p> })}
            </div>
        }
    };
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
                            <th scope="col">{t.expires}</th>
                            <th scope="col">{t.last_used}</th>
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
                {expires_input}
                <button type="submit" class="fr-btn">{t.create}</button>
            </form>
        </PublicDocument>
    }
}
