//! The audit log: the latest changes, newest first, with their author and the state before and after.

use crate::components::document::PublicDocument;
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::staff::account_texts::account_texts;
use domain::Lang;
use leptos::prelude::*;

/// An audit action's name for people (its code when unknown).
pub fn action_label(code: &str, lang: Lang) -> String {
    let (fr, en) = match code {
        "account.create" => ("Compte créé", "Account created"),
        "account.invite" => ("Invitation envoyée", "Invitation sent"),
        "account.activate" => ("Compte réactivé", "Account reactivated"),
        "account.deactivate" => ("Compte désactivé", "Account deactivated"),
        "account.sign_in" => ("Connexion", "Signed in"),
        "account.password_change" => ("Mot de passe changé", "Password changed"),
        "account.reset_link" => (
            "Lien de réinitialisation créé",
            "Password reset link created",
        ),
        "account.password_reset" => ("Mot de passe réinitialisé", "Password reset"),
        "account.sessions_revoke" => ("Sessions fermées", "Sessions ended"),
        "invitation.cancel" => ("Invitation annulée", "Invitation cancelled"),
        "responses.read" => ("Réponses brutes lues", "Raw responses read"),
        "responses.export" => ("Réponses exportées", "Responses exported"),
        "retention.update" => (
            "Durées de conservation modifiées",
            "Retention periods changed",
        ),
        "retention.purge" => (
            "Données effacées au terme de leur durée de conservation",
            "Data erased at the end of its retention period",
        ),
        "response.erase_text" => ("Commentaire effacé", "Comment erased"),
        "response.delete" => ("Réponse supprimée", "Response deleted"),
        "privacy.notice" => (
            "Information sur les données modifiée",
            "Privacy notice changed",
        ),
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
