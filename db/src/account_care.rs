//! Looking after accounts: a person changes their own password (throttled like signing in, so
//! the form cannot be used to guess it) or signs out of every device; the referent makes a
//! one-time link for someone to choose a new password, ends someone's sessions, or cancels a
//! pending invitation. Every change goes to the audit log, never a password or its hash.

use crate::accounts::{
    Account, SignIn, Throttle, blocking, end_sessions, hash_password, password_problem,
    reserve_attempt, throttled, verify_password,
};
use crate::audit::{self, Actor};
use crate::checks::invalid as field;
use crate::entity::{account, invitation, login_failure, organisation, password_reset};
use crate::secrets::hash;
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, TimeDelta, Utc};
use domain::Role;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionTrait,
};
use serde_json::json;

/// How long a password reset link works: a day. Shorter than an invitation's week because it
/// opens an account that already reads results (an invitation opens a new one): the referent
/// passes it on the same day, and a late person simply gets a new one.
pub const RESET_LIFETIME: TimeDelta = TimeDelta::hours(24);
/// Prefix of reset link secrets (kept out of the logs with the others).
pub const RESET_PREFIX: &str = "qr_";

/// Why a new password (with its confirmation) is refused, as a field of the form, if it is.
pub fn new_password_problem(password: &str, confirmation: &str) -> Option<DbError> {
    if let Some(problem) = password_problem(password) {
        let fr = if password.chars().count() < crate::accounts::PASSWORD_MIN_CHARS {
            format!(
                "Mot de passe : {} caractères au moins.",
                crate::accounts::PASSWORD_MIN_CHARS
            )
        } else {
            format!(
                "Mot de passe : {} caractères au plus.",
                crate::accounts::PASSWORD_MAX_CHARS
            )
        };
        return Some(field("password", fr, format!("Password: {problem}.")));
    }
    (password != confirmation).then(|| {
        field(
            "confirmation",
            "Confirmation : les deux mots de passe diffèrent.",
            "Confirmation: the two passwords differ.",
        )
    })
}

/// The outcome of a change of one's own password.
#[derive(Debug, PartialEq, Eq)]
pub enum PasswordChange {
    /// Stored; the person's other sessions have ended.
    Changed,
    /// The current password given is wrong (counted as a failed sign-in).
    WrongCurrent,
    /// Too many failures lately for the account or the address: nothing was checked.
    Throttled {
        /// When attempts are accepted again.
        retry_at: DateTime<Utc>,
    },
}

/// Changes the signed-in person's password: `current` is checked like a sign-in (the attempt
/// is reserved first and counted against the same limits, so this form guesses no faster than
/// the sign-in form), then the new one is stored and every other session of the account ends;
/// the session `keep_session` (the one in use) stays open.
#[allow(clippy::too_many_arguments)]
pub async fn change_password(
    db: &Db,
    who: &Account,
    keep_session: &str,
    current: &str,
    password: &str,
    confirmation: &str,
    address: &str,
    throttle: &Throttle,
    now: DateTime<Utc>,
) -> DbResult<PasswordChange> {
    if let Some(problem) = new_password_problem(password, confirmation) {
        return Err(problem);
    }
    let address = crate::secrets::keyed(&throttle.key, &format!("address {address}"));
    let Some(reservation) = reserve_attempt(db, &who.email, &address, throttle, now).await? else {
        return Ok(
            match throttled(db, &who.email, &address, throttle, now).await? {
                SignIn::Throttled { retry_at, .. } => PasswordChange::Throttled { retry_at },
                _ => PasswordChange::Throttled { retry_at: now },
            },
        );
    };
    let Some(row) = account::Entity::find_by_id(who.id).one(db).await? else {
        return Err(DbError::NotFound(format!("account {}", who.id)));
    };
    let stored = row.password_hash.clone();
    let given: String = current
        .chars()
        .take(crate::accounts::PASSWORD_MAX_CHARS + 1)
        .collect();
    let new = password.to_owned();
    let checked = blocking(move || {
        verify_password(&given, &stored)
            .then(|| hash_password(&new))
            .transpose()
    })
    .await??;
    // The reservation stays when the current password is wrong: it is the failure.
    let Some(new_hash) = checked else {
        return Ok(PasswordChange::WrongCurrent);
    };
    let txn = db.begin().await?;
    let mut change: account::ActiveModel = row.into();
    change.password_hash = Set(new_hash);
    change.update(&txn).await?;
    let ended = end_sessions(&txn, who.id, Some(hash(keep_session)), now).await?;
    login_failure::Entity::delete_by_id(reservation)
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        who.organisation_id,
        &Actor::Account(who.email.clone()),
        "account.password_change",
        &format!("account {}", who.email),
        None,
        Some(json!({ "other_sessions_ended": ended })),
    )
    .await?;
    txn.commit().await?;
    Ok(PasswordChange::Changed)
}

/// Ends every session of the signed-in person, the one in use included ("sign out
/// everywhere"): returns how many were live.
pub async fn sign_out_everywhere(db: &Db, who: &Account, now: DateTime<Utc>) -> DbResult<u64> {
    let actor = Actor::Account(who.email.clone());
    let txn = db.begin().await?;
    let ended =
        end_all_sessions(&txn, &actor, who.organisation_id, who.id, &who.email, now).await?;
    txn.commit().await?;
    Ok(ended)
}

/// Ends every session of an account and audits it (`account.sessions_revoke`).
async fn end_all_sessions<C: ConnectionTrait>(
    txn: &C,
    actor: &Actor,
    organisation_id: Option<i32>,
    account_id: i32,
    email: &str,
    now: DateTime<Utc>,
) -> DbResult<u64> {
    let ended = end_sessions(txn, account_id, None, now).await?;
    audit::record(
        txn,
        now,
        organisation_id,
        actor,
        "account.sessions_revoke",
        &format!("account {email}"),
        None,
        Some(json!({ "sessions_ended": ended })),
    )
    .await?;
    Ok(ended)
}

/// An account of the organisation, or 404 (another organisation's account is not named).
async fn account_of<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    account_id: i32,
) -> DbResult<account::Model> {
    account::Entity::find_by_id(account_id)
        .filter(account::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("account {account_id}")))
}

/// The referent ends every session of one of the organisation's accounts (a lost phone, a
/// shared computer): returns how many were live.
pub async fn revoke_sessions_of(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    account_id: i32,
    now: DateTime<Utc>,
) -> DbResult<u64> {
    let txn = db.begin().await?;
    let row = account_of(&txn, organisation_id, account_id).await?;
    let ended =
        end_all_sessions(&txn, actor, Some(organisation_id), row.id, &row.email, now).await?;
    txn.commit().await?;
    Ok(ended)
}

/// Makes a one-time link for an active account of the organisation to choose a new password,
/// valid [`RESET_LIFETIME`]; the account's earlier unused links stop working. Returns the
/// link's secret, shown once.
pub async fn create_reset_link(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    account_id: i32,
    now: DateTime<Utc>,
) -> DbResult<String> {
    let txn = db.begin().await?;
    let row = account_of(&txn, organisation_id, account_id).await?;
    if !row.active {
        return Err(field(
            "account",
            format!(
                "{} est désactivé : réactivez le compte avant de lui envoyer un lien de réinitialisation.",
                row.email
            ),
            format!(
                "{} is deactivated: reactivate the account before sending it a reset link.",
                row.email
            ),
        ));
    }
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::ExpiresAt, Expr::value(now))
        .filter(password_reset::Column::AccountId.eq(row.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    let secret = crate::secrets::new_secret(RESET_PREFIX);
    password_reset::ActiveModel {
        secret_hash: Set(hash(&secret)),
        account_id: Set(row.id),
        created_by: Set(actor.label()),
        created_at: Set(now),
        expires_at: Set(now + RESET_LIFETIME),
        used_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "account.reset_link",
        &format!("account {}", row.email),
        None,
        Some(json!({ "expires_at": now + RESET_LIFETIME })),
    )
    .await?;
    txn.commit().await?;
    Ok(secret)
}

/// A reset link as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetView {
    /// Whose password it resets.
    pub email: String,
    /// Their organisation's name.
    pub organisation: String,
}

/// The live link of `secret` (unused, not expired, its account active) and its account.
async fn live_reset<C: ConnectionTrait>(
    db: &C,
    secret: &str,
    now: DateTime<Utc>,
) -> DbResult<Option<(password_reset::Model, account::Model)>> {
    if !secret.starts_with(RESET_PREFIX) || secret.len() > 100 {
        return Ok(None);
    }
    let Some(link) = password_reset::Entity::find_by_id(hash(secret))
        .one(db)
        .await?
        .filter(|r| r.used_at.is_none() && r.expires_at > now)
    else {
        return Ok(None);
    };
    let account = account::Entity::find_by_id(link.account_id)
        .one(db)
        .await?
        .filter(|a| a.active);
    Ok(account.map(|a| (link, a)))
}

/// What the page of a reset link shows, while the link works.
pub async fn reset_link(db: &Db, secret: &str, now: DateTime<Utc>) -> DbResult<Option<ResetView>> {
    let Some((_, a)) = live_reset(db, secret, now).await? else {
        return Ok(None);
    };
    let organisation = match a.organisation_id {
        Some(id) => organisation::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|o| o.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(Some(ResetView {
        email: a.email,
        organisation,
    }))
}

/// Sets the password of a reset link's account; the link then stops working, every session of
/// the account ends and its sign-in failures are forgotten. `None` when the link is unknown,
/// used, expired or its account deactivated. Of two requests at once, one only succeeds: the
/// link is marked used by a conditional update first, in the transaction that changes the
/// password.
pub async fn use_reset_link(
    db: &Db,
    secret: &str,
    password: &str,
    confirmation: &str,
    now: DateTime<Utc>,
) -> DbResult<Option<Account>> {
    if let Some(problem) = new_password_problem(password, confirmation) {
        return Err(problem);
    }
    // Nothing is hashed for a link that does not work (hashing costs memory and time).
    if live_reset(db, secret, now).await?.is_none() {
        return Ok(None);
    }
    let owned = password.to_owned();
    let new_hash = blocking(move || hash_password(&owned)).await??;
    let txn = db.begin().await?;
    // The write comes first: on SQLite it takes the write lock at once, on PostgreSQL the row
    // lock; the second of two requests then finds the link used and changes nothing.
    let used = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(now))
        .filter(password_reset::Column::SecretHash.eq(hash(secret)))
        .filter(password_reset::Column::UsedAt.is_null())
        .filter(password_reset::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Ok(None);
    }
    let Some((_, row)) = live_reset_after_use(&txn, secret).await? else {
        return Ok(None);
    };
    let role = Role::parse(&row.role).ok_or_else(|| DbError::Corrupt("account role".into()))?;
    let email = row.email.clone();
    let organisation_id = row.organisation_id;
    let id = row.id;
    let mut change: account::ActiveModel = row.into();
    change.password_hash = Set(new_hash);
    change.update(&txn).await?;
    let ended = end_sessions(&txn, id, None, now).await?;
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Email.eq(email.as_str()))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        organisation_id,
        &Actor::Account(email.clone()),
        "account.password_reset",
        &format!("account {email}"),
        None,
        Some(json!({ "sessions_ended": ended })),
    )
    .await?;
    txn.commit().await?;
    Ok(Some(Account {
        id,
        organisation_id,
        email,
        role,
    }))
}

/// The link of `secret` just marked used, with its account if that is still active.
async fn live_reset_after_use<C: ConnectionTrait>(
    db: &C,
    secret: &str,
) -> DbResult<Option<(password_reset::Model, account::Model)>> {
    let Some(link) = password_reset::Entity::find_by_id(hash(secret))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let account = account::Entity::find_by_id(link.account_id)
        .one(db)
        .await?
        .filter(|a| a.active);
    Ok(account.map(|a| (link, a)))
}

/// Cancels the organisation's pending invitation of `email` (there is at most one per address:
/// a new invitation replaces the pending one): its link then answers like a used one.
pub async fn cancel_invitation(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    email: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let email = email.trim().to_lowercase();
    let txn = db.begin().await?;
    let cancelled = invitation::Entity::update_many()
        .col_expr(invitation::Column::ExpiresAt, Expr::value(now))
        .filter(invitation::Column::Email.eq(email.as_str()))
        .filter(invitation::Column::OrganisationId.eq(organisation_id))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if cancelled.rows_affected == 0 {
        return Err(DbError::NotFound(format!("pending invitation of {email}")));
    }
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "invitation.cancel",
        &format!("account {email}"),
        Some(json!({ "pending": true })),
        Some(json!({ "pending": false })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
