//! The visitors' comments among the results (`/resultats/commentaires`): for a scope and a
//! period, newest first, one card each with the day, the counter and the visitor's overall
//! answer (in words, not only in colour); a GET form to filter them, a page at a time. The
//! referent's cards carry two plain POST forms: hide from the committee (or show again), quote
//! in the report (or no longer). Every text is a text node: Leptos escapes it.

use crate::components::document::PublicDocument;
use crate::components::staff_bar::{SignedIn, StaffBar};
use crate::pages::results::form::{ScopeOption, field, scope_select};
use crate::pages::results::texts::results_texts;
use domain::{Lang, OverallAnswer};
use leptos::prelude::*;

/// The page's address.
pub const PATH: &str = "/resultats/commentaires";

/// The filters as typed.
#[derive(Debug, Clone, Default)]
pub struct CommentsForm {
    /// `kind:code`.
    pub scope: String,
    pub from: String,
    pub to: String,
    /// `very_good`, `average`, `bad`, or empty for all.
    pub overall: String,
    /// Words of the comment.
    pub q: String,
}

/// One comment, as its card shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentCard {
    /// The response's id (the mark forms' address).
    pub id: i32,
    /// Its day, written out.
    pub day: String,
    /// Its touchpoint's name.
    pub touchpoint: String,
    /// The visitor's overall answer.
    pub overall: Option<OverallAnswer>,
    /// Its texts.
    pub texts: Vec<String>,
    /// Hidden from the committee (only the referent sees it, marked so).
    pub hidden: bool,
    /// To quote in the committee's report.
    pub quote: bool,
}

/// The comments found.
#[derive(Debug, Clone, Default)]
pub struct CommentsListing {
    pub scope_name: String,
    /// The period, written out.
    pub from: String,
    pub to: String,
    pub cards: Vec<CommentCard>,
    /// The query of the next page, if there is one.
    pub next: Option<String>,
    /// The query of the first page, on a later page.
    pub first: Option<String>,
    /// Comments not shown because their touchpoint-month has too few respondents.
    pub withheld: u64,
    /// Those touchpoint-months, written out ("Accueil général, décembre 2026").
    pub withheld_cells: Vec<String>,
}

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct VisitorCommentsView {
    pub lang: Lang,
    pub who: SignedIn,
    pub organisation: String,
    /// `&organisation=CODE` for the instance's administrator, else empty.
    pub org_query: String,
    /// The page's own address without its language, for the language switch.
    pub switch_path: String,
    pub scopes: Vec<ScopeOption>,
    pub form: CommentsForm,
    /// (field, message) of each problem of the filters, or of a refused mark.
    pub errors: Vec<(String, String)>,
    pub listing: Option<CommentsListing>,
    /// Whether the reader hides and quotes (referent, admin).
    pub can_mark: bool,
    /// `?lang=…&…`: the filters and page the mark forms come back to.
    pub keep: String,
    /// What was just done: `hidden`, `shown`, `quoted` or `unquoted`.
    pub done: Option<String>,
    /// Fewest respondents of a touchpoint-month whose comments are shown.
    pub hidden_below: u64,
}

/// The overall answer in words, and the badge's style.
pub fn overall_label(answer: OverallAnswer, lang: Lang) -> (&'static str, &'static str) {
    let fr = lang == Lang::Fr;
    match answer {
        OverallAnswer::VeryGood => (
            if fr { "Très bien" } else { "Very well" },
            "fr-badge fr-badge--success",
        ),
        OverallAnswer::Average => (
            if fr { "Moyennement" } else { "So-so" },
            "fr-badge fr-badge--info",
        ),
        OverallAnswer::Bad => (
            if fr { "Pas bien" } else { "Badly" },
            "fr-badge fr-badge--warning",
        ),
    }
}

fn filters(view: &VisitorCommentsView) -> impl IntoView + use<> {
    let lang = view.lang;
    let fr = lang == Lang::Fr;
    let t = results_texts(lang);
    let f = &view.form;
    let overall_error = view
        .errors
        .iter()
        .find(|(field, _)| field == "overall")
        .map(|(_, m)| m.clone());
    let overall_options = std::iter::once(("", if fr { "Tous les avis" } else { "Every answer" }))
        .chain(
            OverallAnswer::ALL
                .into_iter()
                .map(|a| (a.code(), overall_label(a, lang).0)),
        )
        .map(|(code, label)| {
            let chosen = f.overall == code;
            view! { <option value=code selected=chosen>{label}</option> }
        })
        .collect_view();
    let organisation = (!view.org_query.is_empty()).then(|| {
        let code = view
            .org_query
            .trim_start_matches("&organisation=")
            .to_owned();
        view! { <input type="hidden" name="organisation" value=code/> }
    });
    let q_hint = if fr {
        "Facultatif ; majuscules et minuscules confondues ; 200 caractères au plus."
    } else {
        "Optional; case ignored; 200 characters at most."
    };
    view! {
        <form class="fr-form results-form" method="get" action=PATH>
            <input type="hidden" name="lang" value=lang.code()/>
            {organisation}
            <h2>{if fr { "Choisir les commentaires" } else { "Choose the comments" }}</h2>
            {scope_select(&view.scopes, &f.scope, lang)}
            <fieldset class="fr-fieldset">
                <legend class="fr-fieldset__legend">
                    {t.period}
                    <span class="fr-hint-text">{t.period_hint}</span>
                </legend>
                <div class="pair">
                    {field("from", t.from.into(), None, "month", f.from.clone(), &view.errors)}
                    {field("to", t.to.into(), None, "month", f.to.clone(), &view.errors)}
                </div>
            </fieldset>
            <div class="fr-select-group">
                <label class="fr-label" for="overall">{if fr { "Avis d'ensemble du visiteur" } else { "The visitor's overall answer" }}</label>
                <select class="fr-select" id="overall" name="overall" aria-describedby=overall_error.as_ref().map(|_| "overall-error")>{overall_options}</select>
                {overall_error.map(|m| view! { <p class="fr-message fr-message--error" id="overall-error">{m}</p> })}
            </div>
            {field("q", (if fr { "Mots du commentaire" } else { "Words of the comment" }).into(), Some(q_hint), "search", f.q.clone(), &view.errors)}
            <button type="submit" class="fr-btn">{if fr { "Afficher les commentaires" } else { "Show the comments" }}</button>
        </form>
    }
}

/// The two forms of a referent's card: hide or show again, quote or no longer.
fn mark_forms(lang: Lang, keep: &str, card: &CommentCard, heading: &str) -> impl IntoView + use<> {
    let fr = lang == Lang::Fr;
    let id = card.id;
    let (verb, label) = if card.hidden {
        (
            "afficher",
            if fr {
                "Afficher à nouveau au comité"
            } else {
                "Show to the committee again"
            },
        )
    } else {
        (
            "masquer",
            if fr {
                "Masquer au comité"
            } else {
                "Hide from the committee"
            },
        )
    };
    let hide = view! {
        <li>
            <form method="post" action=format!("{PATH}/{id}/{verb}{keep}")>
                <button type="submit" class="fr-btn fr-btn--secondary fr-btn--sm" aria-describedby=heading.to_owned()>{label}</button>
            </form>
        </li>
    };
    // A hidden comment is not quoted: it must be shown again first.
    let quote = (!card.hidden).then(|| {
        let (verb, label) = if card.quote {
            ("ne-plus-citer", if fr { "Ne plus citer dans le rapport" } else { "No longer quote in the report" })
        } else {
            ("citer", if fr { "Citer dans le rapport" } else { "Quote in the report" })
        };
        view! {
            <li>
                <form method="post" action=format!("{PATH}/{id}/{verb}{keep}")>
                    <button type="submit" class="fr-btn fr-btn--tertiary fr-btn--sm" aria-describedby=heading.to_owned()>{label}</button>
                </form>
            </li>
        }
    });
    view! { <ul class="comment-actions">{hide}{quote}</ul> }
}

fn card_view(lang: Lang, keep: &str, can_mark: bool, card: CommentCard) -> impl IntoView + use<> {
    let fr = lang == Lang::Fr;
    let heading_id = format!("comment-{}", card.id);
    let overall = match card.overall {
        Some(a) => {
            let (label, class) = overall_label(a, lang);
            view! { <span class=class>{label}</span> }.into_any()
        }
        None => view! { <span class="fr-badge">{if fr { "Sans réponse" } else { "Not answered" }}</span> }.into_any(),
    };
    let hidden = card.hidden.then(|| {
        view! { <li><span class="fr-badge">{if fr { "Masqué au comité" } else { "Hidden from the committee" }}</span></li> }
    });
    let quote = card.quote.then(|| {
        view! { <li><span class="fr-badge fr-badge--info">{if fr { "À citer dans le rapport" } else { "To quote in the report" }}</span></li> }
    });
    let controls = can_mark.then(|| mark_forms(lang, keep, &card, &heading_id));
    let texts = card
        .texts
        .into_iter()
        .map(|t| view! { <blockquote class="comment-text"><p>{t}</p></blockquote> })
        .collect_view();
    let class = if card.hidden {
        "comment-line comment-hidden"
    } else {
        "comment-line"
    };
    view! {
        <li class=class>
            <h3 class="fr-h6" id=heading_id>{format!("{} — {}", card.day, card.touchpoint)}</h3>
            <ul class="comment-meta">
                <li>{if fr { "Avis d'ensemble : " } else { "Overall answer: " }}{overall}</li>
                {hidden}
                {quote}
            </ul>
            {texts}
            {controls}
        </li>
    }
}

fn listing_view(view: &VisitorCommentsView, listing: CommentsListing) -> impl IntoView + use<> {
    let lang = view.lang;
    let fr = lang == Lang::Fr;
    let withheld = (listing.withheld > 0).then(|| {
        let n = listing.withheld;
        let cells = listing.withheld_cells.join(" ; ");
        let min = view.hidden_below;
        let text = match (fr, n) {
            (true, 1) => format!("1 commentaire n'est pas affiché : il vient d'un point de contact dont le mois compte moins de {min} réponses, trop peu pour préserver l'anonymat des usagers ({cells})."),
            (true, _) => format!("{n} commentaires ne sont pas affichés : ils viennent de points de contact dont le mois compte moins de {min} réponses, trop peu pour préserver l'anonymat des usagers ({cells})."),
            (false, 1) => format!("1 comment is not shown: it comes from a touchpoint whose month has fewer than {min} answers, too few to keep visitors anonymous ({cells})."),
            (false, _) => format!("{n} comments are not shown: they come from touchpoints whose month has fewer than {min} answers, too few to keep visitors anonymous ({cells})."),
        };
        view! { <div class="fr-alert fr-alert--info"><p>{text}</p></div> }
    });
    let body = if listing.cards.is_empty() {
        view! { <p>{if fr { "Aucun commentaire ne correspond." } else { "No comment matches." }}</p> }.into_any()
    } else {
        let cards = listing
            .cards
            .into_iter()
            .map(|c| card_view(lang, &view.keep, view.can_mark, c))
            .collect_view();
        view! { <ul class="comment-lines">{cards}</ul> }.into_any()
    };
    let pages = listing.next.iter().map(|q| (q, if fr { "Commentaires plus anciens" } else { "Older comments" }))
        .chain(listing.first.iter().map(|q| (q, if fr { "Revenir aux plus récents" } else { "Back to the newest" })))
        .map(|(q, label)| view! { <li><a class="fr-link" href=format!("{PATH}?{q}")>{label}</a></li> })
        .collect_view();
    let title = if fr {
        format!(
            "{} : commentaires du {} au {}",
            listing.scope_name, listing.from, listing.to
        )
    } else {
        format!(
            "{}: comments from {} to {}",
            listing.scope_name, listing.from, listing.to
        )
    };
    view! {
        <section aria-labelledby="comments-found">
            <h2 id="comments-found">{title}</h2>
            <p>{if fr { "Du plus récent au plus ancien." } else { "Newest first." }}</p>
            {withheld}
            {body}
            <ul class="comment-pages">{pages}</ul>
        </section>
    }
}

fn done_view(done: &str, lang: Lang) -> Option<impl IntoView + use<>> {
    let fr = lang == Lang::Fr;
    let text = match done {
        "hidden" if fr => {
            "Le commentaire est masqué : le comité ne le voit plus. Il reste conservé jusqu'à son effacement."
        }
        "hidden" => {
            "The comment is hidden: the committee no longer sees it. It stays stored until it is erased."
        }
        "shown" if fr => "Le commentaire est de nouveau visible par le comité.",
        "shown" => "The committee sees the comment again.",
        "quoted" if fr => "Le commentaire sera cité dans le rapport au comité.",
        "quoted" => "The comment will be quoted in the committee's report.",
        "unquoted" if fr => "Le commentaire ne sera plus cité dans le rapport.",
        "unquoted" => "The comment will no longer be quoted in the report.",
        _ => return None,
    };
    Some(view! { <div class="fr-alert fr-alert--success" role="status"><p>{text}</p></div> })
}

/// `/resultats/commentaires`.
#[component]
pub fn VisitorCommentsPage(view: VisitorCommentsView) -> impl IntoView {
    let lang = view.lang;
    let fr = lang == Lang::Fr;
    let title = if fr {
        "Commentaires des usagers"
    } else {
        "Visitors' comments"
    };
    let q = format!("?lang={}{}", lang.code(), view.org_query);
    let summary = (!view.errors.is_empty()).then(|| {
        let items = view
            .errors
            .iter()
            .map(|(field, m)| {
                // A filter's problem links to its field; a cursor or a mark has none.
                if ["scope", "from", "to", "overall", "q"].contains(&field.as_str()) {
                    view! { <li><a class="fr-link" href=format!("#{field}")>{m.clone()}</a></li> }.into_any()
                } else {
                    view! { <li>{m.clone()}</li> }.into_any()
                }
            })
            .collect_view();
        view! {
            <div class="fr-alert fr-alert--error" role="alert">
                <h2 class="fr-alert__title">{if fr { "Les commentaires n'ont pas pu être affichés" } else { "The comments could not be shown" }}</h2>
                <ul>{items}</ul>
            </div>
        }
    });
    let notice = domain::defaults::free_text_notice().get(lang).to_owned();
    let min = view.hidden_below;
    let about = if fr {
        format!(
            "Sous la question du commentaire, les usagers lisent : « {notice} » Si un commentaire contient malgré tout un nom, un numéro de dossier ou une insulte, le référent qualité le masque : le comité ne le voit plus, mais il reste conservé jusqu'à son effacement (page « Commentaires des usagers : effacement sur demande », /admin/reponses) ou la fin de sa durée de conservation. Aucun commentaire n'est affiché pour un point de contact et un mois de moins de {min} réponses."
        )
    } else {
        format!(
            "Under the comment's question, visitors read: \"{notice}\" Should a comment still hold a name, a file number or an insult, the quality referent hides it: the committee no longer sees it, but it stays stored until it is erased (the page \"Visitors' comments: erasure on request\", /admin/reponses) or its retention period ends. No comment is shown for a touchpoint and month of fewer than {min} answers."
        )
    };
    let erasure = view.can_mark.then(|| {
        view! { <p><a class="fr-link" href=format!("/admin/reponses{q}")>{if fr { "Effacer un commentaire ou une réponse (sur demande)" } else { "Erase a comment or an answer (on request)" }}</a></p> }
    });
    let done = view.done.as_deref().and_then(|d| done_view(d, lang));
    let form = filters(&view);
    let listing = view.listing.clone().map(|l| listing_view(&view, l));
    view! {
        <PublicDocument lang=lang title=title.to_owned() switch_path=Some(view.switch_path.clone()) staff=true>
            <StaffBar lang=lang title=title.to_owned() who=Some(view.who.clone())/>
            <p><a class="fr-link" href=format!("/resultats{q}")>{if fr { "Retour aux résultats" } else { "Back to the results" }}</a></p>
            <p><strong>{view.organisation.clone()}</strong></p>
            <div class="fr-notice fr-notice--info"><div class="fr-container"><div class="fr-notice__body"><p class="fr-notice__title">{about}</p></div></div></div>
            {erasure}
            {done}
            {summary}
            {form}
            {listing}
        </PublicDocument>
    }
}
