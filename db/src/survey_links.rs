//! One-time survey links, for the appointment system and kiosks: each takes one response, which
//! is marked as verified. Only the hash of a link's secret is stored, with its touchpoint and its
//! expiry; a link that serves is deleted in the transaction that stores the response, so nothing
//! is left to tie it to the response it produced (the `used` column stays false).

use crate::audit::{self, Actor};
use crate::entity::{survey_link, touchpoint};
use crate::secrets::{hash, new_secret};
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait};

/// Prefix of a link's secret, so a leaked one is recognisable.
pub const PREFIX: &str = "ql_";

/// Most links per request.
pub const MAX_LINKS: u32 = 500;

/// Longest validity of a link, in days.
pub const MAX_VALID_DAYS: u32 = 90;

/// Links issued for one touchpoint: the secrets in clear (the only time they are shown).
#[derive(Debug, Clone)]
pub struct IssuedLinks {
    /// The touchpoint's code (the link is `/q/{code}?i={secret}`).
    pub touchpoint: String,
    /// The secrets, one per appointment.
    pub secrets: Vec<String>,
    /// When they stop working.
    pub expires_at: DateTime<Utc>,
}

/// Issues `count` links to the survey of touchpoint `code`, valid `valid_days` days. The
/// touchpoint must belong to `organisation_id` (any organisation for `None`, an admin) and be
/// active. Audited as one entry (the number of links, never their secrets).
pub async fn issue_links(
    db: &Db,
    actor: &Actor,
    organisation_id: Option<i32>,
    code: &str,
    count: u32,
    valid_days: u32,
    now: DateTime<Utc>,
) -> DbResult<IssuedLinks> {
    if !(1..=MAX_LINKS).contains(&count) {
        return Err(DbError::Invalid(format!(
            "count must be 1 to {MAX_LINKS}, not {count}"
        )));
    }
    if !(1..=MAX_VALID_DAYS).contains(&valid_days) {
        return Err(DbError::Invalid(format!(
            "valid_days must be 1 to {MAX_VALID_DAYS}, not {valid_days}"
        )));
    }
    let mut find = touchpoint::Entity::find().filter(touchpoint::Column::Code.eq(code.trim()));
    if let Some(org) = organisation_id {
        find = find.filter(touchpoint::Column::OrganisationId.eq(org));
    }
    let tp = find
        .one(db)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("touchpoint {}", code.trim())))?;
    if !tp.active {
        return Err(DbError::Conflict(format!(
            "touchpoint {} is deactivated: reactivate it before sending links to it",
            tp.code
        )));
    }
    let expires_at = now + TimeDelta::days(i64::from(valid_days));
    let secrets: Vec<String> = (0..count).map(|_| new_secret(PREFIX)).collect();
    let txn = db.begin().await?;
    let rows = secrets.iter().map(|s| survey_link::ActiveModel {
        touchpoint_id: Set(tp.id),
        secret_hash: Set(hash(s)),
        created_at: Set(now),
        expires_at: Set(expires_at),
        used: Set(false),
        ..Default::default()
    });
    survey_link::Entity::insert_many(rows)
        .exec_without_returning(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        Some(tp.organisation_id),
        actor,
        "survey_link.create",
        &format!("touchpoint {}", tp.code),
        None,
        Some(serde_json::json!({ "links": count, "expires_at": expires_at })),
    )
    .await?;
    txn.commit().await?;
    Ok(IssuedLinks {
        touchpoint: tp.code,
        secrets,
        expires_at,
    })
}

/// What a link can still do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkState {
    /// It takes one response.
    Valid,
    /// Its time is over.
    Expired,
    /// No such link for this touchpoint, or it has served (served links are deleted).
    Unknown,
}

/// The state of link `secret` for touchpoint `touchpoint_id`.
pub async fn link_state(
    db: &Db,
    touchpoint_id: i32,
    secret: &str,
    now: DateTime<Utc>,
) -> DbResult<LinkState> {
    let row = survey_link::Entity::find()
        .filter(survey_link::Column::SecretHash.eq(hash(secret.trim())))
        .filter(survey_link::Column::TouchpointId.eq(touchpoint_id))
        .one(db)
        .await?;
    Ok(match row {
        None => LinkState::Unknown,
        Some(l) if l.used || l.expires_at <= now => LinkState::Expired,
        Some(_) => LinkState::Valid,
    })
}

/// Spends link `secret` (deletes it), when it is valid for this touchpoint; `false` otherwise.
/// Call it in the transaction that stores the response, so a link serves exactly once.
pub async fn redeem<C: ConnectionTrait>(
    db: &C,
    touchpoint_id: i32,
    secret: &str,
    now: DateTime<Utc>,
) -> DbResult<bool> {
    let res = survey_link::Entity::delete_many()
        .filter(survey_link::Column::SecretHash.eq(hash(secret.trim())))
        .filter(survey_link::Column::TouchpointId.eq(touchpoint_id))
        .filter(survey_link::Column::Used.eq(false))
        .filter(survey_link::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Forgets links whose time is over (used or not): they can no longer do anything.
pub async fn purge(db: &Db, now: DateTime<Utc>) -> DbResult<u64> {
    let res = survey_link::Entity::delete_many()
        .filter(survey_link::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}
