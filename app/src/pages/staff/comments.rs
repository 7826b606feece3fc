//! The visitors' comments as the referent finds them to honour a request (`/admin/reponses`):
//! by counter, day and words; each can have its comment erased or be deleted, with a reason
//! kept in the change log.

use crate::components::document::PublicDocument;
use crate::components::forms::Named;
use crate::components::staff_bar::{SignedIn, StaffBar};
use domain::Lang;
use leptos::prelude::*;

/// One response with its comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentLine {
    /// The response's id.
    pub id: i32,
    /// Its touchpoint's code.
    pub touchpoint: String,
    /// Its day, formatted.
    pub day: String,
    /// Its comments.
    pub texts: Vec<String>,
}

/// What the screen shows.
#[derive(Debug, Clone)]
pub struct CommentsView {
    pub who: SignedIn,
    pub organisation: String,
    pub org_query: String,
    pub touchpoints: Vec<Named>,
    /// The filters as typed.
    pub touchpoint: String,
    pub day: String,
    pub words: String,
    pub lines: Vec<CommentLine>,
    /// The query of the next page, if there is one.
    pub next: Option<String>,
    /// A refused filter or action: the response concerned (if any) and the message.
    pub problem: Option<(Option<i32>, String)>,
    /// `erased` or `deleted` after an action.
    pub done: Option<String>,
    /// `&touchpoint=…&day=…&words=…`: the filters an action keeps.
    pub keep: String,
}

fn filter_form(lang: Lang, view: &CommentsView) -> impl IntoView + use<> {
    let fr = lang == Lang::Fr;
    let options = view
        .touchpoints
        .iter()
        .map(|t| {
            let selected = t.code == view.touchpoint;
            view! { <option value=t.code.clone() selected=selected>{format!("{} ({})", t.name, t.code)}</option> }
        })
        .collect_view();
    view! {
        <form class="fr-form admin-form" method="get" action="/admin/reponses">
            <input type="hidden" name="lang" value=lang.code()/>
            {(!view.org_query.is_empty()).then(|| {
                let code = view.org_query.trim_start_matches("&organisation=").to_owned();
                view! { <input type="hidden" name="organisation" value=code/> }
            })}
            <div class="fr-select-group">
                <label class="fr-label" for="comments-touchpoint">{if fr { "Point de contact" } else { "Touchpoint" }}</label>
                <select class="fr-select" id="comments-touchpoint" name="touchpoint">
                    <option value="">{if fr { "Tous" } else { "All" }}</option>
                    {options}
                </select>
            </div>
            <div class="fr-input-group">
                <label class="fr-label" for="comments-day">{if fr { "Jour" } else { "Day" }}<span class="fr-hint-text">{if fr { "Facultatif" } else { "Optional" }}</span></label>
                <input class="fr-input" type="date" id="comments-day" name="day" value=view.day.clone()/>
            </div>
            <div class="fr-input-group">
                <label class="fr-label" for="comments-words">{if fr { "Mots du commentaire" } else { "Words of the comment" }}<span class="fr-hint-text">{if fr { "Facultatif ; majuscules et minuscules confondues" } else { "Optional; case ignored" }}</span></label>
                <input class="fr-input" type="search" id="comments-words" name="words" value=view.words.clone() maxlength="200"/>
            </div>
            <button type="submit" class="fr-btn fr-btn--secondary">{if fr { "Chercher" } else { "Search" }}</button>
        </form>
    }
}

fn line(lang: Lang, q: &str, l: CommentLine, problem: Option<String>) -> impl IntoView + use<> {
    let fr = lang == Lang::Fr;
    let id = l.id;
    let reason_id = format!("reason-{id}");
    let error_id = format!("reason-{id}-error");
    let described = problem.as_ref().map(|_| error_id.clone());
    let group = if problem.is_some() {
        "fr-input-group fr-input-group--error"
    } else {
        "fr-input-group"
    };
    let heading = if fr {
        format!("Réponse n° {id}, {}, le {}", l.touchpoint, l.day)
    } else {
        format!("Response #{id}, {}, on {}", l.touchpoint, l.day)
    };
    let texts = l
        .texts
        .into_iter()
        .map(|t| view! { <blockquote class="comment-text"><p>{t}</p></blockquote> })
        .collect_view();
    view! {
        <li class="comment-line">
            <h3 class="fr-h6">{heading}</h3>
            {texts}
            <form class="fr-form" method="post" action=format!("/admin/reponses/{id}/effacer-commentaire{q}")>
                <div class=group>
                    <label class="fr-label" for=reason_id.clone()>
                        {if fr { "Motif" } else { "Reason" }}
                        <span class="fr-hint-text">{if fr { "Gardé au journal des modifications, par exemple « demande de l'usager du 3 mars » ou « nom d'un agent »" } else { "Kept in the change log, for instance \"visitor's request of 3 March\" or \"an agent's name\"" }}</span>
                    </label>
                    <input class="fr-input" type="text" id=reason_id name="reason" required=true maxlength="300" aria-describedby=described/>
                    {problem.map(|p| view! { <p class="fr-message fr-message--error" id=error_id>{p}</p> })}
                </div>
                <ul class="fr-btns-group fr-btns-group--inline-sm">
                    <li><button type="submit" class="fr-btn fr-btn--secondary">{if fr { "Effacer le commentaire" } else { "Erase the comment" }}</button></li>
                    <li><button type="submit" class="fr-btn fr-btn--tertiary" formaction=format!("/admin/reponses/{id}/supprimer{q}")>{if fr { "Supprimer toute la réponse" } else { "Delete the whole response" }}</button></li>
                </ul>
            </form>
        </li>
    }
}

/// `/admin/reponses`.
#[component]
pub fn CommentsPage(lang: Lang, view: CommentsView) -> impl IntoView {
    let fr = lang == Lang::Fr;
    let title = if fr {
        "Commentaires des usagers : effacement"
    } else {
        "Visitors' comments: erasure"
    };
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let action_query = format!("{q}{}", view.keep);
    let done = view.done.as_deref().map(|d| {
        let text = match (d, fr) {
            ("deleted", true) => "La réponse a été supprimée et retirée des comptes.",
            ("deleted", false) => "The response was deleted and taken out of the counts.",
            (_, true) => "Le commentaire a été effacé.",
            (_, false) => "The comment was erased.",
        };
        view! { <div class="fr-alert fr-alert--success" role="status"><p>{text}</p></div> }
    });
    let (problem_of, general) = match view.problem.clone() {
        Some((Some(id), message)) => (Some((id, message)), None),
        Some((None, message)) => (
            None,
            Some(
                view! { <div class="fr-alert fr-alert--error" role="alert"><p>{message}</p></div> },
            ),
        ),
        None => (None, None),
    };
    let filters = filter_form(lang, &view);
    let body = if view.lines.is_empty() {
        view! { <p>{if fr { "Aucun commentaire ne correspond." } else { "No comment matches." }}</p> }.into_any()
    } else {
        let lines = view
            .lines
            .clone()
            .into_iter()
            .map(|l| {
                let problem = problem_of
                    .as_ref()
                    .filter(|(id, _)| *id == l.id)
                    .map(|(_, m)| m.clone());
                line(lang, &action_query, l, problem)
            })
            .collect_view();
        view! { <ul class="comment-lines">{lines}</ul> }.into_any()
    };
    let next = view.next.clone().map(|next| {
        view! { <p><a class="fr-link" href=format!("/admin/reponses?{next}")>{if fr { "Commentaires plus anciens" } else { "Older comments" }}</a></p> }
    });
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=Some(format!("/admin/reponses?{}", view.org_query.trim_start_matches('&'))) staff=true>
            <StaffBar lang=lang title=title.to_owned() who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/admin{q}")>{if fr { "Retour à l'administration" } else { "Back to the administration" }}</a></p>
            <p><strong>{view.organisation.clone()}</strong></p>
            <div class="fr-notice fr-notice--info"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">{if fr {
                "Les commentaires sont écrits librement par les usagers et peuvent contenir des données personnelles : ne les recopiez pas ailleurs. Chaque consultation de cette page est inscrite au journal."
            } else {
                "Comments are written freely by visitors and may hold personal data: do not copy them elsewhere. Every reading of this page is recorded in the change log."
            }}</p></div></div></div>
            <p>{if fr {
                "Quand un usager demande l'effacement de sa réponse, ou qu'un commentaire nomme quelqu'un, retrouvez-le par le point de contact, le jour et ses mots, puis effacez le commentaire ou supprimez toute la réponse."
            } else {
                "When a visitor asks for their answer to be erased, or a comment names someone, find it by touchpoint, day and words, then erase the comment or delete the whole response."
            }}</p>
            {filters}
            {done}
            {general}
            <h2 class="fr-h4">{if fr { "Commentaires trouvés, du plus récent au plus ancien" } else { "Comments found, newest first" }}</h2>
            {body}
            {next}
        </PublicDocument>
    }
}
