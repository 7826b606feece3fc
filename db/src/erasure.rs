//! What the referent does when a visitor wrote personal data in a comment, or asks for their
//! answer to go (RGPD articles 16 and 17): find the response by its counter, day and words
//! ([`crate::comments::comments`]), then erase its comment (and the marks on it) or delete it
//! (its daily counts and marks go with it), audited with the reason. The audit entry never
//! copies the comment.

use crate::audit::{self, Actor};
use crate::checks::{has_control, invalid};
use crate::entity::{answer_count, question, response, response_count, touchpoint};
use crate::retention::{erase_free_text, forget_marks, free_text_codes};
use crate::store::{DailyCounts, decode_answers, paris_day};
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait, TransactionTrait,
};
use serde_json::json;

/// Longest reason accepted.
pub const REASON_MAX_CHARS: usize = 300;

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
pub(crate) async fn response_of<C: sea_orm::ConnectionTrait>(
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
    // A mark was about the text: a comment written again later starts unmarked.
    forget_marks(&txn, [id]).await?;
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
