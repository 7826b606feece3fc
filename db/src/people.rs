//! The people of an organisation as the referent manages them: the list of accounts,
//! invitations by one-time link (they expire and serve once), and deactivation (which ends the
//! person's sessions at once). Every change goes to the audit log.

use crate::accounts::{Account, hash_password, normalise_email};
use crate::audit::{self, Actor};
use crate::checks::invalid as field;
use crate::entity::{account, invitation, organisation};
use crate::secrets::hash;
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, TimeDelta, Utc};
use domain::Role;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

/// How long an invitation link works.
pub const INVITATION_LIFETIME: TimeDelta = TimeDelta::days(7);
/// Prefix of invitation secrets.
const PREFIX: &str = "qi_";

/// An account as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    /// Row id.
    pub id: i32,
    /// E-mail address.
    pub email: String,
    /// Role.
    pub role: Role,
    /// Whether they can sign in.
    pub active: bool,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
}

/// An invitation not used yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingInvitation {
    /// Who is invited.
    pub email: String,
    /// As what.
    pub role: Role,
    /// Until when the link works.
    pub expires_at: DateTime<Utc>,
}

/// The organisation's accounts (by e-mail) and its invitations still pending.
pub async fn people(
    db: &Db,
    organisation_id: i32,
    now: DateTime<Utc>,
) -> DbResult<(Vec<PersonRow>, Vec<PendingInvitation>)> {
    let accounts = account::Entity::find()
        .filter(account::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(account::Column::Email)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| {
            Role::parse(&a.role).map(|role| PersonRow {
                id: a.id,
                email: a.email,
                role,
                active: a.active,
                created_at: a.created_at,
            })
        })
        .collect();
    let pending = invitation::Entity::find()
        .filter(invitation::Column::OrganisationId.eq(organisation_id))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .order_by_asc(invitation::Column::Email)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|i| {
            Role::parse(&i.role).map(|role| PendingInvitation {
                email: i.email,
                role,
                expires_at: i.expires_at,
            })
        })
        .collect();
    Ok((accounts, pending))
}

/// Invites `email` as `role` (not `admin`: administrators are created on the server) into the
/// organisation; returns the secret of the one-time link, shown once.
pub async fn invite(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    email: &str,
    role: Role,
    now: DateTime<Utc>,
) -> DbResult<String> {
    let Some(email) = normalise_email(email) else {
        return Err(field(
            "email",
            "Adresse électronique : format attendu nom@domaine.fr.",
            "E-mail address: expected format name@domain.fr.",
        ));
    };
    if role == Role::Admin {
        return Err(field(
            "role",
            "Rôle : un administrateur de l'instance se crée sur le serveur.",
            "Role: an instance administrator is created on the server.",
        ));
    }
    if !role.is_a_person() {
        return Err(field(
            "role",
            "Rôle : une borne est un jeton d'API (Jetons d'API), pas une personne.",
            "Role: a kiosk is an API token (API tokens), not a person.",
        ));
    }
    let txn = db.begin().await?;
    // Only an account of this organisation is named: whether an address has an account
    // elsewhere is none of this organisation's business. Such an invitation is made like any
    // other, and its link, once opened, says it no longer works.
    let taken = account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .filter(account::Column::OrganisationId.eq(organisation_id))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(field(
            "email",
            format!("Adresse électronique : {email} a déjà un compte."),
            format!("E-mail address: {email} already has an account."),
        ));
    }
    // A new invitation replaces the organisation's pending ones for the same address.
    invitation::Entity::update_many()
        .col_expr(
            invitation::Column::ExpiresAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(invitation::Column::Email.eq(email.as_str()))
        .filter(invitation::Column::OrganisationId.eq(organisation_id))
        .filter(invitation::Column::UsedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    let secret = crate::secrets::new_secret(PREFIX);
    invitation::ActiveModel {
        secret_hash: Set(hash(&secret)),
        organisation_id: Set(organisation_id),
        email: Set(email.clone()),
        role: Set(role.code().to_owned()),
        invited_by: Set(actor.label()),
        created_at: Set(now),
        expires_at: Set(now + INVITATION_LIFETIME),
        used_at: Set(None),
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "account.invite",
        &format!("account {email}"),
        None,
        Some(
            json!({ "email": email, "role": role.code(), "expires_at": now + INVITATION_LIFETIME }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(secret)
}

/// An invitation as its link shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationView {
    /// Who is invited.
    pub email: String,
    /// As what.
    pub role: Role,
    /// Into which organisation (its name).
    pub organisation: String,
}

async fn live_invitation<C: sea_orm::ConnectionTrait>(
    db: &C,
    secret: &str,
    now: DateTime<Utc>,
) -> DbResult<Option<invitation::Model>> {
    if !secret.starts_with(PREFIX) || secret.len() > 100 {
        return Ok(None);
    }
    Ok(invitation::Entity::find_by_id(hash(secret))
        .one(db)
        .await?
        .filter(|i| i.used_at.is_none() && i.expires_at > now))
}

/// The invitation of a link, while it is valid (not used, not expired).
pub async fn invitation(
    db: &Db,
    secret: &str,
    now: DateTime<Utc>,
) -> DbResult<Option<InvitationView>> {
    let Some(i) = live_invitation(db, secret, now).await? else {
        return Ok(None);
    };
    let organisation = organisation::Entity::find_by_id(i.organisation_id)
        .one(db)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    Ok(Role::parse(&i.role).map(|role| InvitationView {
        email: i.email,
        role,
        organisation,
    }))
}

/// Creates the invited person's account with the password they chose; the link then stops
/// working. `None` when the link is unknown, used or expired.
pub async fn accept_invitation(
    db: &Db,
    secret: &str,
    password: &str,
    confirmation: &str,
    now: DateTime<Utc>,
) -> DbResult<Option<Account>> {
    if let Some(problem) = crate::account_care::new_password_problem(password, confirmation) {
        return Err(problem);
    }
    // Nothing is hashed for a link that does not work (hashing costs memory and time).
    if live_invitation(db, secret, now).await?.is_none() {
        return Ok(None);
    }
    let owned = password.to_owned();
    let hash = crate::accounts::blocking(move || hash_password(&owned)).await??;
    let txn = db.begin().await?;
    let Some(i) = live_invitation(&txn, secret, now).await? else {
        return Ok(None);
    };
    let role = Role::parse(&i.role).ok_or_else(|| DbError::Corrupt("invitation role".into()))?;
    let taken = account::Entity::find()
        .filter(account::Column::Email.eq(i.email.as_str()))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Ok(None);
    }
    let row = account::ActiveModel {
        organisation_id: Set(Some(i.organisation_id)),
        email: Set(i.email.clone()),
        role: Set(role.code().to_owned()),
        password_hash: Set(hash),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let used = invitation::Entity::update_many()
        .col_expr(
            invitation::Column::UsedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(invitation::Column::SecretHash.eq(i.secret_hash.as_str()))
        .filter(invitation::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        // Used meanwhile by another request: this one stores nothing.
        return Ok(None);
    }
    audit::record(
        &txn,
        now,
        Some(i.organisation_id),
        &Actor::Account(i.email.clone()),
        "account.create",
        &format!("account {}", i.email),
        None,
        Some(json!({ "email": i.email, "role": role.code(), "active": true, "invited_by": i.invited_by })),
    )
    .await?;
    txn.commit().await?;
    Ok(Some(Account {
        id: row.id,
        organisation_id: Some(i.organisation_id),
        email: i.email,
        role,
    }))
}

/// Deactivates (sessions end at once, sign-in refused) or reactivates an account of the
/// organisation. Nobody deactivates themselves.
pub async fn set_account_active(
    db: &Db,
    actor: &Actor,
    by: &Account,
    organisation_id: i32,
    account_id: i32,
    active: bool,
    now: DateTime<Utc>,
) -> DbResult<()> {
    if by.id == account_id && !active {
        return Err(field(
            "account",
            "Vous ne pouvez pas désactiver votre propre compte.",
            "You cannot deactivate your own account.",
        ));
    }
    let txn = db.begin().await?;
    let row = account::Entity::find_by_id(account_id)
        .filter(account::Column::OrganisationId.eq(organisation_id))
        .one(&txn)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("account {account_id}")))?;
    if row.active != active {
        let email = row.email.clone();
        let mut change: account::ActiveModel = row.into();
        change.active = Set(active);
        change.deactivated_at = Set((!active).then_some(now));
        change.update(&txn).await?;
        if !active {
            crate::accounts::end_sessions(&txn, account_id, None, now).await?;
        }
        audit::record(
            &txn,
            now,
            Some(organisation_id),
            actor,
            if active {
                "account.activate"
            } else {
                "account.deactivate"
            },
            &format!("account {email}"),
            Some(json!({ "active": !active })),
            Some(json!({ "active": active })),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}
