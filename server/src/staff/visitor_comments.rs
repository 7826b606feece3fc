//! The visitors' comments among the results (`/resultats/commentaires`): for a scope and a period
//! (the parameters of `/resultats`), newest first, filtered by overall answer and words, a page
//! at a time. The referent (or an administrator acting for the organisation) hides a comment from
//! the committee or marks it to quote in the report, audited; committee members read only the
//! comments not hidden. Nobody reads a comment of a touchpoint-month under `HIDDEN_BELOW`
//! respondents; the page says how many were left out. Every reading is audited, as a read of
//! raw responses.

use crate::http::access::{Acting, Managers, Readers};
use crate::http::pages::{failed, html, not_found};
use crate::staff::comments::record_reading;
use crate::staff::results::{asked, chosen_scope, required_period, scope_options};
use crate::state::AppState;
use app::components::format::{long_date, long_month};
use app::pages::results::comments::{
    CommentCard, CommentsForm, CommentsListing, PATH, VisitorCommentsPage, VisitorCommentsView,
};
use app::render_document;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use db::comments::{CommentFilter, Cursor, MarkChange};
use db::summary::{resolve_scope, scope_choices};
use domain::{Lang, OverallAnswer};
use leptos::prelude::*;
use serde::Deserialize;

/// Comments per page.
const PAGE: usize = 20;
/// Longest search accepted.
const WORDS_MAX_CHARS: usize = 200;

/// The query: `scope`, `from`, `to` (as `/resultats`), `overall`, `q`, `before` (the cursor of
/// the page), and `done` after a mark.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct CommentsQuery {
    scope: Option<String>,
    from: Option<String>,
    to: Option<String>,
    overall: Option<String>,
    q: Option<String>,
    before: Option<String>,
    done: Option<String>,
}

/// `scope=…&from=…&to=…&overall=…&q=…`: the filters, as a query.
fn filters_query(f: &CommentsForm) -> String {
    serde_urlencoded::to_string([
        ("scope", f.scope.as_str()),
        ("from", &f.from),
        ("to", &f.to),
        ("overall", &f.overall),
        ("q", &f.q),
    ])
    .unwrap_or_default()
}

fn text(lang: Lang, fr: &str, en: &str) -> String {
    match lang {
        Lang::Fr => fr.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// Reads the filters (defaults on a first visit: the organisation's first scope, the last whole
/// quarter), renders the page, and audits the reading. `problem` is a refused mark's message.
async fn render<R>(
    state: &AppState,
    acting: &Acting<R>,
    q: &CommentsQuery,
    problem: Option<String>,
) -> Response {
    let lang = acting.lang;
    let choices = match scope_choices(&state.db, lang, Some(acting.organisation_id)).await {
        Ok(c) => c,
        Err(e) => return failed("comments page: listing scopes", e),
    };
    let asked = asked(&q.scope, &q.from, &q.to, &choices);
    let mut form = CommentsForm {
        scope: asked.scope,
        from: asked.from,
        to: asked.to,
        overall: q.overall.clone().unwrap_or_default().trim().to_owned(),
        q: q.q.clone().unwrap_or_default().trim().to_owned(),
    };
    let switch_path = format!(
        "{PATH}?{}{}",
        acting.org_query.trim_start_matches('&'),
        if acting.org_query.is_empty() {
            filters_query(&form)
        } else {
            format!("&{}", filters_query(&form))
        }
    );
    let mut errors: Vec<(String, String)> = Vec::new();
    let scope = chosen_scope(&form.scope, &choices, lang, &mut errors);
    let period = required_period(&mut form.from, &mut form.to, lang, &mut errors);
    let overall = match form.overall.as_str() {
        "" => None,
        raw => {
            let parsed = OverallAnswer::parse(raw);
            if parsed.is_none() {
                errors.push((
                    "overall".into(),
                    text(
                        lang,
                        "Avis d'ensemble : choisissez « Très bien », « Moyennement », « Pas bien » ou tous les avis.",
                        "Overall answer: choose very well, so-so, badly or every answer.",
                    ),
                ));
            }
            parsed
        }
    };
    if form.q.chars().count() > WORDS_MAX_CHARS {
        errors.push((
            "q".into(),
            text(
                lang,
                "Mots du commentaire : 200 caractères au plus.",
                "Words of the comment: 200 characters at most.",
            ),
        ));
    }
    let before = match q.before.as_deref().map(str::trim).filter(|b| !b.is_empty()) {
        None => None,
        Some(raw) => {
            let cursor = Cursor::parse(raw);
            if cursor.is_none() {
                errors.push((
                    "before".into(),
                    text(
                        lang,
                        "Cette page de commentaires n'existe pas : revenez aux plus récents.",
                        "This page of comments does not exist: go back to the newest.",
                    ),
                ));
            }
            cursor
        }
    };
    let can_mark = acting.account.role.manages();
    let hidden_below = state.config.fragility.suppression_min;
    let mut listing = None;
    if let (Some(scope), Some(period), true) = (scope, period, errors.is_empty()) {
        let touchpoints = match resolve_scope(&state.db, &scope, Some(acting.organisation_id)).await
        {
            Ok(found) => found.map(|(ids, _)| ids).unwrap_or_default(),
            Err(e) => return failed("comments page: resolving the scope", e),
        };
        let filter = CommentFilter {
            touchpoints: Some(touchpoints),
            days: Some((period.from, period.to)),
            contains: Some(form.q.clone()).filter(|w| !w.is_empty()),
            overall,
            without_hidden: !can_mark,
            hidden_below,
        };
        let org = acting.organisation_id;
        let (rows, withheld) = match tokio::try_join!(
            db::comments::comments(&state.db, org, &filter, before, PAGE + 1),
            db::comments::withheld(&state.db, org, &filter),
        ) {
            Ok(found) => found,
            Err(e) => return failed("comments page: listing", e),
        };
        let details = serde_json::json!({
            "scope": scope.key(),
            "from": period.from.to_string(),
            "to": period.to.to_string(),
            "count": rows.len().min(PAGE),
        });
        if let Err(e) = record_reading(state, acting, "visitor comments", details).await {
            return e;
        }
        let page_query = |cursor: Option<Cursor>| {
            format!(
                "lang={}{}&{}{}",
                lang.code(),
                acting.org_query,
                filters_query(&form),
                cursor
                    .map(|c| format!("&before={}", c.code()))
                    .unwrap_or_default()
            )
        };
        let next = (rows.len() > PAGE)
            .then(|| rows.get(PAGE - 1).map(|r| page_query(Some(r.cursor()))))
            .flatten();
        listing = Some(CommentsListing {
            scope_name: choices
                .iter()
                .find(|c| c.scope == scope)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            from: long_date(period.from, lang),
            to: long_date(period.to, lang),
            cards: rows
                .into_iter()
                .take(PAGE)
                .map(|r| CommentCard {
                    id: r.id,
                    day: long_date(r.day, lang),
                    touchpoint: r.touchpoint_name.get(lang).to_owned(),
                    overall: r.overall,
                    texts: r.texts.into_iter().map(|(_, t)| t).collect(),
                    hidden: r.mark.hidden,
                    quote: r.mark.quote,
                })
                .collect(),
            next,
            first: before.map(|_| page_query(None)),
            withheld: withheld.comments,
            withheld_cells: withheld
                .cells
                .iter()
                .map(|(_, name, m)| {
                    let first = NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d");
                    let when = first.map_or_else(|_| m.clone(), |d| long_month(d, lang));
                    format!("{}, {when}", name.get(lang))
                })
                .collect(),
        });
    }
    if let Some(p) = problem {
        errors.push(("mark".into(), p));
    }
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    let keep = format!(
        "?lang={}{}&{}{}",
        lang.code(),
        acting.org_query,
        filters_query(&form),
        before
            .map(|c| format!("&before={}", c.code()))
            .unwrap_or_default()
    );
    let view = VisitorCommentsView {
        lang,
        who: acting.who(),
        organisation: acting.organisation_name.clone(),
        org_query: acting.org_query.clone(),
        switch_path,
        scopes: scope_options(&choices),
        form,
        errors,
        listing,
        can_mark,
        keep,
        done: q.done.clone(),
        hidden_below,
    };
    let body = render_document(move || view! { <VisitorCommentsPage view=view/> });
    html(status, lang, body)
}

/// `GET /resultats/commentaires`.
pub async fn show(
    State(state): State<AppState>,
    acting: Acting<Readers>,
    Query(q): Query<CommentsQuery>,
) -> Response {
    render(&state, &acting, &q, None).await
}

/// `POST /resultats/commentaires/{id}/{verb}` (`masquer`, `afficher`, `citer`, `ne-plus-citer`):
/// changes the comment's marks, audited, and goes back to the same filtered page (303).
pub async fn mark(
    State(state): State<AppState>,
    acting: Acting<Managers>,
    Path((id, verb)): Path<(String, String)>,
    Query(q): Query<CommentsQuery>,
) -> Response {
    let lang = acting.lang;
    let Ok(id) = id.parse::<i32>() else {
        return not_found(lang);
    };
    let (change, done) = match verb.as_str() {
        "masquer" => (MarkChange::Hide, "hidden"),
        "afficher" => (MarkChange::Show, "shown"),
        "citer" => (MarkChange::Quote, "quoted"),
        "ne-plus-citer" => (MarkChange::Unquote, "unquoted"),
        _ => return not_found(lang),
    };
    let outcome = db::comments::set_mark(
        &state.db,
        &acting.actor(),
        acting.account.id,
        acting.organisation_id,
        id,
        change,
        Utc::now(),
    )
    .await;
    match outcome {
        Ok(_) => {
            let kept = serde_urlencoded::to_string([
                ("scope", q.scope.as_deref()),
                ("from", q.from.as_deref()),
                ("to", q.to.as_deref()),
                ("overall", q.overall.as_deref()),
                ("q", q.q.as_deref()),
                ("before", q.before.as_deref()),
            ])
            .unwrap_or_default();
            Redirect::to(&format!(
                "{PATH}?lang={}{}&{kept}&done={done}",
                lang.code(),
                acting.org_query,
            ))
            .into_response()
        }
        Err(db::DbError::Field { fr, en, .. }) => {
            let message = if lang == Lang::Fr { fr } else { en };
            render(&state, &acting, &q, Some(message)).await
        }
        Err(db::DbError::NotFound(_)) => not_found(lang),
        Err(e) => failed("comments page: marking", e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filters_travel_in_one_query() {
        let form = CommentsForm {
            scope: "survey:accueil".into(),
            from: "2026-07".into(),
            to: "2026-09".into(),
            overall: "bad".into(),
            q: "attente & chaises".into(),
        };
        assert_eq!(
            filters_query(&form),
            "scope=survey%3Aaccueil&from=2026-07&to=2026-09&overall=bad&q=attente+%26+chaises"
        );
    }
}
