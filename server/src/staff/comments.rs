//! The erasure screen (`/admin/reponses`): the referent finds a visitor's comment by touchpoint,
//! day and words, and erases it or deletes its whole response, with a reason (audited). Every
//! reading of the screen is audited too: it shows raw free text.

use crate::http::access::{Acting, RawReaders};
use crate::http::pages::{failed, html, not_found};
use crate::state::AppState;
use app::components::forms::Named;
use app::pages::staff::comments::{CommentLine, CommentsPage, CommentsView};
use app::render_document;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{NaiveDate, Utc};
use db::comments::{CommentFilter, Cursor};
use db::summary::{Scope, resolve_scope};
use leptos::prelude::*;
use serde::Deserialize;

type Referent = Acting<RawReaders>;

/// Comments per page.
const PAGE: usize = 20;

/// The filters (`?touchpoint=&day=&words=&before=`) and what was just done (`done=`).
#[derive(Debug, Deserialize, Default, Clone)]
pub struct CommentsQuery {
    #[serde(default)]
    touchpoint: String,
    #[serde(default)]
    day: String,
    #[serde(default)]
    words: String,
    #[serde(default)]
    before: String,
    done: Option<String>,
}

/// The filter of a query, but its touchpoint (a code, which the caller looks up).
fn filter_of(
    q: &CommentsQuery,
) -> Result<(CommentFilter, Option<Cursor>), (&'static str, &'static str)> {
    let day = match q.day.trim() {
        "" => None,
        raw => Some(NaiveDate::parse_from_str(raw, "%Y-%m-%d").map_err(|_| {
            (
                "Jour : une date au format AAAA-MM-JJ.",
                "Day: a date as YYYY-MM-DD.",
            )
        })?),
    };
    let words = q.words.trim();
    if words.chars().count() > 200 {
        return Err((
            "Mots : 200 caractères au plus.",
            "Words: at most 200 characters.",
        ));
    }
    let before = match q.before.trim() {
        "" => None,
        raw => Some(Cursor::parse(raw).ok_or((
            "Cette page de commentaires n'existe pas : revenez à la première.",
            "This page of comments does not exist: go back to the first one.",
        ))?),
    };
    let filter = CommentFilter {
        days: day.map(|d| (d, d)),
        contains: Some(words.to_owned()).filter(|w| !w.is_empty()),
        ..CommentFilter::default()
    };
    Ok((filter, before))
}

/// Audits a reading of visitors' comments (raw free text) by `acting`: what was read, with
/// `details` (never a comment); the 503 page when the log cannot be written.
pub(crate) async fn record_reading<R>(
    state: &AppState,
    acting: &Acting<R>,
    subject: &str,
    details: serde_json::Value,
) -> Result<(), Response> {
    db::audit::record(
        &state.db,
        Utc::now(),
        Some(acting.organisation_id),
        &acting.actor(),
        "responses.read",
        subject,
        None,
        Some(details),
    )
    .await
    .map_err(|e| failed("comments: auditing the reading", e))
}

/// The query that keeps the filters (for the next page and after an action).
fn filters_query(q: &CommentsQuery) -> String {
    serde_urlencoded::to_string([
        ("touchpoint", q.touchpoint.trim()),
        ("day", q.day.trim()),
        ("words", q.words.trim()),
    ])
    .unwrap_or_default()
}

async fn render(
    state: &AppState,
    acting: &Referent,
    q: &CommentsQuery,
    problem: Option<(Option<i32>, String)>,
) -> Response {
    let lang = acting.lang;
    let touchpoints =
        match db::export::list_touchpoints(&state.db, Some(acting.organisation_id)).await {
            Ok(t) => t
                .into_iter()
                .map(|t| Named {
                    code: t.code,
                    name: t.name,
                })
                .collect(),
            Err(e) => return failed("comments: listing touchpoints", e),
        };
    let mut view = CommentsView {
        who: acting.who(),
        organisation: acting.organisation_name.clone(),
        org_query: acting.org_query.clone(),
        touchpoints,
        touchpoint: q.touchpoint.clone(),
        day: q.day.clone(),
        words: q.words.clone(),
        lines: Vec::new(),
        next: None,
        problem,
        done: q.done.clone().filter(|d| d == "erased" || d == "deleted"),
        keep: format!("&{}", filters_query(q)),
    };
    let mut status = if view.problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    match filter_of(q) {
        Err((fr, en)) => {
            view.problem = Some((
                None,
                if lang == domain::Lang::Fr { fr } else { en }.to_owned(),
            ));
            status = StatusCode::BAD_REQUEST;
        }
        Ok((mut filter, before)) => {
            let code = q.touchpoint.trim();
            if !code.is_empty() {
                let scope = Scope::Touchpoint(code.to_owned());
                match resolve_scope(&state.db, &scope, Some(acting.organisation_id)).await {
                    Ok(Some((ids, _))) => filter.touchpoints = Some(ids),
                    Ok(None) => return not_found(lang),
                    Err(e) => return failed("comments: finding the touchpoint", e),
                }
            }
            let found =
                db::comments::comments(&state.db, acting.organisation_id, &filter, before, PAGE)
                    .await;
            let rows = match found {
                Ok(rows) => rows,
                Err(e) => return failed("comments: listing", e),
            };
            let details = serde_json::json!({
                "touchpoint": Some(code).filter(|c| !c.is_empty()),
                "day": filter.days.map(|(d, _)| d.to_string()),
                "count": rows.len(),
            });
            if let Err(e) = record_reading(state, acting, "comments", details).await {
                return e;
            }
            if rows.len() == PAGE {
                view.next = rows.last().map(|r| {
                    format!(
                        "lang={}{}&{}&before={}",
                        lang.code(),
                        acting.org_query,
                        filters_query(q),
                        r.cursor().code()
                    )
                });
            }
            view.lines = rows
                .into_iter()
                .map(|r| CommentLine {
                    id: r.id,
                    touchpoint: r.touchpoint,
                    day: r.day.format("%d/%m/%Y").to_string(),
                    texts: r.texts.into_iter().map(|(_, t)| t).collect(),
                })
                .collect();
        }
    }
    let body = render_document(move || view! { <CommentsPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /admin/reponses`.
pub async fn show(
    State(state): State<AppState>,
    acting: Referent,
    Query(q): Query<CommentsQuery>,
) -> Response {
    render(&state, &acting, &q, None).await
}

/// The action's form.
#[derive(Debug, Deserialize, Default)]
pub struct ReasonForm {
    #[serde(default)]
    reason: String,
}

/// `POST /admin/reponses/{id}/effacer-commentaire` and `…/supprimer`: erases the comment or
/// deletes the response, audited with the reason; back to the screen with its filters.
pub async fn act(
    State(state): State<AppState>,
    acting: Referent,
    Path((id, verb)): Path<(String, String)>,
    Query(q): Query<CommentsQuery>,
    Form(f): Form<ReasonForm>,
) -> Response {
    let lang = acting.lang;
    let Ok(id) = id.parse::<i32>() else {
        return not_found(lang);
    };
    let now = Utc::now();
    let (outcome, done) = match verb.as_str() {
        "effacer-commentaire" => (
            db::erasure::erase_text(
                &state.db,
                &acting.actor(),
                acting.organisation_id,
                id,
                &f.reason,
                now,
            )
            .await,
            "erased",
        ),
        "supprimer" => (
            db::erasure::delete_response(
                &state.db,
                &acting.actor(),
                acting.organisation_id,
                id,
                &f.reason,
                now,
            )
            .await,
            "deleted",
        ),
        _ => return not_found(lang),
    };
    match outcome {
        Ok(()) => Redirect::to(&format!(
            "/admin/reponses?lang={}{}&{}&done={done}",
            lang.code(),
            acting.org_query,
            filters_query(&q)
        ))
        .into_response(),
        Err(db::DbError::Field { fr, en, .. }) => {
            let message = if lang == domain::Lang::Fr { fr } else { en };
            render(&state, &acting, &q, Some((Some(id), message))).await
        }
        Err(db::DbError::NotFound(_)) => not_found(lang),
        Err(e) => failed("comments: erasing", e),
    }
}
