//! API bearer tokens: created from the command line or the screens, stored as a SHA-256 hash,
//! valid until their expiry date, revocable; their last use is kept to the hour.

use crate::entity::api_token;
use crate::secrets::{hash, new_secret};
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Europe::Paris;
use domain::Role;
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

/// Prefix of every token, so a leaked one is recognisable in logs and scanners.
pub const PREFIX: &str = "qa_";

/// How long a token works when no expiry date is given: a year. A token that never ends is
/// forgotten on a decommissioned kiosk or in a former contractor's script; a year is one
/// rotation per budget cycle, and the list shows each token's expiry and last use, so the
/// referent sees the kiosks to renew. A longer date can be chosen.
pub const DEFAULT_LIFETIME: TimeDelta = TimeDelta::days(365);
/// The last use of a token is written at most once in this span, so that API traffic does not
/// turn into writes.
pub const LAST_USE_PRECISION: TimeDelta = TimeDelta::hours(1);

/// When a token given an expiry date `YYYY-MM-DD` stops working: at the start of that day in
/// Paris; empty means [`DEFAULT_LIFETIME`] from now. A date that is not after today is refused.
pub fn parse_expiry(raw: &str, now: DateTime<Utc>) -> DbResult<DateTime<Utc>> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(now + DEFAULT_LIFETIME);
    }
    let Ok(day) = NaiveDate::parse_from_str(raw, "%Y-%m-%d") else {
        return Err(DbError::Field {
            field: "expires".into(),
            fr: "Date d'expiration : format attendu AAAA-MM-JJ.".into(),
            en: "Expiry date: expected format YYYY-MM-DD.".into(),
        });
    };
    let today = now.with_timezone(&Paris).date_naive();
    if day <= today {
        return Err(DbError::Field {
            field: "expires".into(),
            fr: "Date d'expiration : choisissez une date postérieure à aujourd'hui.".into(),
            en: "Expiry date: choose a date after today.".into(),
        });
    }
    day.and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(Paris).earliest())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| DbError::Field {
            field: "expires".into(),
            fr: "Date d'expiration : date inconnue.".into(),
            en: "Expiry date: no such date.".into(),
        })
}

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

/// Creates a token for `organisation` from the command line, valid [`DEFAULT_LIFETIME`] (see
/// [`create_token_until`]).
pub async fn create_token(
    db: &Db,
    name: &str,
    role: Role,
    organisation: Option<&str>,
    now: DateTime<Utc>,
) -> DbResult<String> {
    create_token_until(db, name, role, organisation, now + DEFAULT_LIFETIME, now).await
}

/// Creates a token for `organisation` (a code; see [`crate::structure::organisation_for`]) from
/// the command line, valid until `expires_at`, audited as such, and returns it in clear: the
/// only time it is ever shown.
pub async fn create_token_until(
    db: &Db,
    name: &str,
    role: Role,
    organisation: Option<&str>,
    expires_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> DbResult<String> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(DbError::Invalid(
            "a token name has 1 to 100 characters".into(),
        ));
    }
    if expires_at <= now {
        return Err(DbError::Invalid("the expiry date is in the past".into()));
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
        expires_at: Set(Some(expires_at)),
        last_used_at: Set(None),
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
        Some(serde_json::json!({ "name": name, "role": role.code(), "expires_at": expires_at })),
    )
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// What a valid token (not revoked, not expired) may reach; its last use is written when the
/// one stored is older than [`LAST_USE_PRECISION`], so at most once an hour per token.
pub async fn authenticate(
    db: &Db,
    token: &str,
    now: DateTime<Utc>,
) -> DbResult<Option<TokenAccess>> {
    if !token.starts_with(PREFIX) || token.len() > 200 {
        return Ok(None);
    }
    let row = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(hash(token)))
        .filter(api_token::Column::RevokedAt.is_null())
        .filter(
            Condition::any()
                .add(api_token::Column::ExpiresAt.is_null())
                .add(api_token::Column::ExpiresAt.gt(now)),
        )
        .one(db)
        .await?;
    if let Some(r) = &row
        && r.last_used_at
            .is_none_or(|at| at < now - LAST_USE_PRECISION)
    {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(r.id))
            .filter(
                Condition::any()
                    .add(api_token::Column::LastUsedAt.is_null())
                    .add(api_token::Column::LastUsedAt.lt(now - LAST_USE_PRECISION)),
            )
            .exec(db)
            .await?;
    }
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
    /// When it stops working; `None` for a token made before expiry dates (it never does).
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was last used, to the hour; `None` if never.
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<api_token::Model> for TokenInfo {
    fn from(t: api_token::Model) -> Self {
        TokenInfo {
            id: t.id,
            name: t.name,
            role: t.role,
            created_at: t.created_at,
            revoked_at: t.revoked_at,
            expires_at: t.expires_at,
            last_used_at: t.last_used_at,
        }
    }
}

/// Every token, newest first.
pub async fn list_tokens(db: &Db) -> DbResult<Vec<TokenInfo>> {
    Ok(api_token::Entity::find()
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(TokenInfo::from)
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
        .map(TokenInfo::from)
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
    expires: &str,
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
    let expires_at = parse_expiry(expires, now)?;
    let token = new_secret(PREFIX);
    let txn = db.begin().await?;
    let row = api_token::ActiveModel {
        name: Set(name.to_owned()),
        role: Set(role.code().to_owned()),
        organisation_id: Set(Some(organisation_id)),
        token_hash: Set(hash(&token)),
        created_at: Set(now),
        revoked_at: Set(None),
        expires_at: Set(Some(expires_at)),
        last_used_at: Set(None),
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
        Some(serde_json::json!({ "name": name, "role": role.code(), "expires_at": expires_at })),
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
