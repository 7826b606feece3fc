//! API bearer tokens: created from the command line, stored as a SHA-256 hash, revocable.

use crate::entity::api_token;
use crate::secrets::{hash, new_secret};
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, Utc};
use domain::Role;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// Prefix of every token, so a leaked one is recognisable in logs and scanners.
pub const PREFIX: &str = "qa_";

/// What a valid token may reach.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenAccess {
    /// Its row id.
    pub id: i32,
    /// Its name (who acts, in the audit log).
    pub name: String,
    /// Its role.
    pub role: Role,
    /// Its organisation; `None` for an admin token (the whole instance).
    pub organisation_id: Option<i32>,
}

/// Creates a token for `organisation` (a code; see [`crate::structure::organisation_for`]) from
/// the command line, audited as such, and returns it in clear: the only time it is ever shown.
pub async fn create_token(
    db: &Db,
    name: &str,
    role: Role,
    organisation: Option<&str>,
    now: DateTime<Utc>,
) -> DbResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(DbError::Invalid(
            "a token name has 1 to 100 characters".into(),
        ));
    }
    let organisation_id = crate::structure::organisation_for(db, role, organisation).await?;
    let token = new_secret(PREFIX);
    let txn = sea_orm::TransactionTrait::begin(db).await?;
    let row = api_token::ActiveModel {
        name: Set(name.to_owned()),
        role: Set(role.code().to_owned()),
        organisation_id: Set(organisation_id),
        token_hash: Set(hash(&token)),
        created_at: Set(now),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::audit::record(
        &txn,
        now,
        organisation_id,
        &crate::audit::Actor::CommandLine,
        "token.create",
        &format!("token {} ({name})", row.id),
        None,
        Some(serde_json::json!({ "name": name, "role": role.code() })),
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// What a valid, unrevoked token may reach.
pub async fn authenticate(db: &Db, token: &str) -> DbResult<Option<TokenAccess>> {
    if !token.starts_with(PREFIX) || token.len() > 200 {
        return Ok(None);
    }
    let row = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .one(db)
        .await?;
    Ok(row.and_then(|r| {
        Role::parse(&r.role).map(|role| TokenAccess {
            id: r.id,
            name: r.name,
            role,
            organisation_id: r.organisation_id,
        })
    }))
}

/// A token as listed (never its value).
#[derive(Debug, Clone)]
pub struct TokenInfo {
    /// Its id, to revoke it.
    pub id: i32,
    /// What it is for.
    pub name: String,
    /// Its role.
    pub role: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Every token, newest first.
pub async fn list_tokens(db: &Db) -> DbResult<Vec<TokenInfo>> {
    Ok(api_token::Entity::find()
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| TokenInfo {
            id: t.id,
            name: t.name,
            role: t.role,
            created_at: t.created_at,
            revoked_at: t.revoked_at,
        })
        .collect())
}

/// Revokes a token; it stops working at once.
pub async fn revoke_token(db: &Db, id: i32, now: DateTime<Utc>) -> DbResult<()> {
    let row = api_token::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("token {id}")))?;
    let mut active: api_token::ActiveModel = row.into();
    active.revoked_at = Set(Some(now));
    active.update(db).await?;
    Ok(())
}

/// The tokens of an organisation, newest first (never their values).
pub async fn tokens_of(db: &Db, organisation_id: i32) -> DbResult<Vec<TokenInfo>> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| TokenInfo {
            id: t.id,
            name: t.name,
            role: t.role,
            created_at: t.created_at,
            revoked_at: t.revoked_at,
        })
        .collect())
}

/// Creates a token of the organisation from the screens (viewer or referent), audited; returns
/// it in clear, the only time it is shown.
pub async fn issue_token(
    db: &Db,
    actor: &crate::audit::Actor,
    organisation_id: i32,
    name: &str,
    role: Role,
    now: DateTime<Utc>,
) -> DbResult<String> {
    use sea_orm::TransactionTrait;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(DbError::Field {
            field: "name".into(),
            fr: "Nom : 1 à 100 caractères.".into(),
            en: "Name: 1 to 100 characters.".into(),
        });
    }
    if !matches!(role, Role::Kiosk | Role::Viewer | Role::Referent) {
        return Err(DbError::Field {
            field: "role".into(),
            fr: "Rôle : borne, lecture (comité) ou référent.".into(),
            en: "Role: kiosk, reader (committee) or referent.".into(),
        });
    }
    let token = new_secret(PREFIX);
    let txn = db.begin().await?;
    let row = api_token::ActiveModel {
        name: Set(name.to_owned()),
        role: Set(role.code().to_owned()),
        organisation_id: Set(Some(organisation_id)),
        token_hash: Set(hash(&token)),
        created_at: Set(now),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "token.create",
        &format!("token {} ({name})", row.id),
        None,
        Some(serde_json::json!({ "name": name, "role": role.code() })),
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// Revokes a token of the organisation, audited; it stops working at once.
pub async fn revoke_token_of(
    db: &Db,
    actor: &crate::audit::Actor,
    organisation_id: i32,
    id: i32,
    now: DateTime<Utc>,
) -> DbResult<()> {
    use sea_orm::TransactionTrait;
    let txn = db.begin().await?;
    let row = api_token::Entity::find_by_id(id)
        .filter(api_token::Column::OrganisationId.eq(organisation_id))
        .one(&txn)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("token {id}")))?;
    if row.revoked_at.is_none() {
        let name = row.name.clone();
        let mut active: api_token::ActiveModel = row.into();
        active.revoked_at = Set(Some(now));
        active.update(&txn).await?;
        crate::audit::record(
            &txn,
            now,
            Some(organisation_id),
            actor,
            "token.revoke",
            &format!("token {id} ({name})"),
            Some(serde_json::json!({ "revoked": false })),
            Some(serde_json::json!({ "revoked": true })),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
