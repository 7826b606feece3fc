//! The audit log: who changed what, when, with the state before and after. Append-only (the
//! database refuses UPDATE, and DELETE of a row younger than its retention: see
//! [`crate::retention`]); the referent reads their organisation's entries.

use crate::entity::audit_log;
use crate::{Db, DbResult};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

/// Who made a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in account (its e-mail).
    Account(String),
    /// An API token (its name).
    Token(String),
    /// The command line on the server.
    CommandLine,
    /// The server's scheduled retention purge.
    Retention,
}

impl Actor {
    /// As written in the log.
    pub fn label(&self) -> String {
        match self {
            Actor::Account(email) => format!("account:{email}"),
            Actor::Token(name) => format!("token:{name}"),
            Actor::CommandLine => "command-line".to_owned(),
            Actor::Retention => "server:retention".to_owned(),
        }
    }
}

/// Writes one entry; call it in the transaction that makes the change.
#[allow(clippy::too_many_arguments)]
pub async fn record<C: ConnectionTrait>(
    db: &C,
    at: DateTime<Utc>,
    organisation_id: Option<i32>,
    actor: &Actor,
    action: &str,
    subject: &str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> DbResult<()> {
    audit_log::ActiveModel {
        at: Set(at),
        organisation_id: Set(organisation_id),
        actor: Set(actor.label().chars().take(300).collect()),
        action: Set(action.to_owned()),
        subject: Set(subject.chars().take(300).collect()),
        before: Set(before.map(|v| v.to_string())),
        after: Set(after.map(|v| v.to_string())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// One entry as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// When.
    pub at: DateTime<Utc>,
    /// Who (`account:…`, `token:…`, `command-line`).
    pub actor: String,
    /// What kind of change (`account.create`, …).
    pub action: String,
    /// What it was made to.
    pub subject: String,
    /// The state before, as JSON.
    pub before: Option<String>,
    /// The state after, as JSON.
    pub after: Option<String>,
}

/// The latest entries, newest first: one organisation's, or the whole instance's (`None`).
pub async fn latest(db: &Db, organisation_id: Option<i32>, limit: u64) -> DbResult<Vec<Entry>> {
    let mut q = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(limit);
    if let Some(id) = organisation_id {
        q = q.filter(audit_log::Column::OrganisationId.eq(id));
    }
    Ok(q.all(db)
        .await?
        .into_iter()
        .map(|e| Entry {
            at: e.at,
            actor: e.actor,
            action: e.action,
            subject: e.subject,
            before: e.before,
            after: e.after,
        })
        .collect())
}
