//! What the referent does when a visitor wrote personal data in a comment, or asks for their
//! answer to go (RGPD articles 16 and 17): find the response by its counter, day and words, then
//! erase its comment or delete it (its daily counts go down with it), audited with the reason.
//! The audit entry never copies the comment.

use crate::audit::{self, Actor};
use crate::checks::{has_control, invalid};
use crate::entity::{answer_count, question, response, response_count, touchpoint};
use crate::retention::{erase_free_text, free_text_codes, may_hold_free_text};
use crate::store::{DailyCounts, decode_answers, paris_day};
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::{
    ColumnTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, RelationTrait,
    TransactionTrait,
};
use serde_json::json;

/// Longest reason accepted.
pub const REASON_MAX_CHARS: usize = 300;
/// Candidate responses read per round while filtering on the words.
const ROUND: u64 = 500;

/// A response with a comment, as the referent finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    /// The response.
    pub id: i32,
    /// Its touchpoint's code.
    pub touchpoint: String,
    /// Its day (Europe/Paris).
    pub day: NaiveDate,
    /// Its comments: question code and text.
    pub texts: Vec<(String, String)>,
}

/// What to look for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentFilter {
    /// One touchpoint's code.
    pub touchpoint: Option<String>,
    /// One day.
    pub day: Option<NaiveDate>,
    /// Words the comment holds (case ignored).
    pub contains: Option<String>,
}

fn paris_midnight(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    chrono_tz::Europe::Paris
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

/// The responses of `organisation_id` that hold a comment, newest first, with an id below
/// `before` (the next page), at most `limit`; `None` when the touchpoint is not the
/// organisation's.
pub async fn comments(
    db: &Db,
    organisation_id: i32,
    filter: &CommentFilter,
    before: Option<i32>,
    limit: usize,
) -> DbResult<Option<Vec<CommentRow>>> {
    let mut touchpoints = touchpoint::Entity::find()
        .select_only()
        .column(touchpoint::Column::Id)
        .column(touchpoint::Column::Code)
        .filter(touchpoint::Column::OrganisationId.eq(organisation_id));
    if let Some(code) = &filter.touchpoint {
        touchpoints = touchpoints.filter(touchpoint::Column::Code.eq(code.as_str()));
    }
    let touchpoints: std::collections::BTreeMap<i32, String> = touchpoints
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    if filter.touchpoint.is_some() && touchpoints.is_empty() {
        return Ok(None);
    }
    let codes = free_text_codes(db).await?;
    let words = filter
        .contains
        .as_deref()
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase);
    let mut found = Vec::new();
    let mut below = before.unwrap_or(i32::MAX);
    loop {
        let mut q = response::Entity::find()
            .select_only()
            .column(response::Column::Id)
            .column(response::Column::TouchpointId)
            .column(response::Column::SurveyVersionId)
            .column(response::Column::SubmittedAt)
            .column(response::Column::Answers)
            .filter(response::Column::TouchpointId.is_in(touchpoints.keys().copied()))
            .filter(response::Column::Id.lt(below))
            .filter(may_hold_free_text(&codes));
        if let Some(day) = filter.day {
            q = q
                .filter(response::Column::SubmittedAt.gte(paris_midnight(day)))
                .filter(
                    response::Column::SubmittedAt
                        .lt(paris_midnight(day + chrono::TimeDelta::days(1))),
                );
        }
        let rows = q
            .order_by_desc(response::Column::Id)
            .limit(ROUND)
            .into_tuple::<(i32, i32, i32, DateTime<Utc>, String)>()
            .all(db)
            .await?;
        for (id, tp, version, at, stored) in &rows {
            let Some(version_codes) = codes.get(version) else {
                continue;
            };
            let texts: Vec<(String, String)> = decode_answers(stored)?
                .into_iter()
                .filter(|(code, text)| version_codes.contains(code) && !text.trim().is_empty())
                .collect();
            let matches = words.as_ref().is_none_or(|w| {
                texts
                    .iter()
                    .any(|(_, text)| text.to_lowercase().contains(w.as_str()))
            });
            if !texts.is_empty() && matches {
                found.push(CommentRow {
                    id: *id,
                    touchpoint: touchpoints.get(tp).cloned().unwrap_or_default(),
                    day: paris_day(*at),
                    texts,
                });
                if found.len() == limit {
                    return Ok(Some(found));
                }
            }
        }
        match rows.last() {
            Some((id, ..)) if rows.len() as u64 == ROUND => below = *id,
            _ => return Ok(Some(found)),
        }
    }
}

fn checked_reason(raw: &str) -> DbResult<String> {
    let reason = raw.trim();
    if reason.is_empty() {
        return Err(invalid(
            "reason",
            "Motif : à remplir (il est gardé au journal des modifications).",
            "Reason: required (it is kept in the change log).",
        ));
    }
    if reason.chars().count() > REASON_MAX_CHARS || has_control(reason) {
        return Err(invalid(
            "reason",
            format!("Motif : {REASON_MAX_CHARS} caractères au plus, sans caractère de contrôle."),
            format!("Reason: at most {REASON_MAX_CHARS} characters, without control characters."),
        ));
    }
    Ok(reason.to_owned())
}

/// The response `id` of `organisation_id`, with its touchpoint's code.
async fn response_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    id: i32,
) -> DbResult<(response::Model, String)> {
    let row = response::Entity::find_by_id(id)
        .join(JoinType::InnerJoin, response::Relation::Touchpoint.def())
        .filter(touchpoint::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("response {id}")))?;
    let code = touchpoint::Entity::find_by_id(row.touchpoint_id)
        .one(db)
        .await?
        .map(|t| t.code)
        .unwrap_or_default();
    Ok((row, code))
}

/// Erases the comments of response `id` (its other answers stay), audited with `reason`.
pub async fn erase_text(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    id: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let reason = checked_reason(reason)?;
    let txn = db.begin().await?;
    let (row, touchpoint) = response_of(&txn, organisation_id, id).await?;
    let codes = free_text_codes(&txn)
        .await?
        .remove(&row.survey_version_id)
        .unwrap_or_default();
    let Some(kept) = erase_free_text(&row.answers, &codes)? else {
        return Err(invalid(
            "reason",
            "Cette réponse n'a pas de commentaire.",
            "This response has no comment.",
        ));
    };
    response::Entity::update_many()
        .col_expr(
            response::Column::Answers,
            sea_orm::sea_query::Expr::value(kept),
        )
        .filter(response::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "response.erase_text",
        &format!("response {id}"),
        None,
        Some(json!({ "touchpoint": touchpoint, "reason": reason })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deletes response `id`, and takes it out of its day's counts, audited with `reason`.
pub async fn delete_response(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    id: i32,
    reason: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let reason = checked_reason(reason)?;
    let txn = db.begin().await?;
    let (row, touchpoint) = response_of(&txn, organisation_id, id).await?;
    let questions: std::collections::BTreeMap<String, i32> = question::Entity::find()
        .select_only()
        .column(question::Column::Code)
        .column(question::Column::Id)
        .filter(question::Column::SurveyVersionId.eq(row.survey_version_id))
        .filter(question::Column::Kind.ne(domain::QuestionKind::FreeText.code()))
        .into_tuple::<(String, i32)>()
        .all(&txn)
        .await?
        .into_iter()
        .collect();
    let choices: Vec<(i32, String)> = decode_answers(&row.answers)?
        .into_iter()
        .filter_map(|(code, choice)| questions.get(&code).map(|q| (*q, choice)))
        .collect();
    let day = paris_day(row.submitted_at);
    let mut counts = DailyCounts::default();
    counts.subtract(
        row.touchpoint_id,
        day,
        row.survey_version_id,
        row.verified,
        choices,
    );
    response::Entity::delete_by_id(id).exec(&txn).await?;
    counts.write(&txn).await?;
    answer_count::Entity::delete_many()
        .filter(answer_count::Column::TouchpointId.eq(row.touchpoint_id))
        .filter(answer_count::Column::Day.eq(day))
        .filter(answer_count::Column::Count.lte(0))
        .exec(&txn)
        .await?;
    response_count::Entity::delete_many()
        .filter(response_count::Column::TouchpointId.eq(row.touchpoint_id))
        .filter(response_count::Column::Day.eq(day))
        .filter(response_count::Column::Count.lte(0))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "response.delete",
        &format!("response {id}"),
        None,
        Some(json!({ "touchpoint": touchpoint, "day": day.to_string(), "reason": reason })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
