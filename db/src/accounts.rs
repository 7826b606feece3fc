//! Accounts: passwords hashed with Argon2id, sessions stored in the database (several servers
//! share them; only a hash of each session's secret is kept), and sign-in throttled per account
//! and per address.

use crate::audit::{self, Actor};
use crate::entity::{account, login_failure, organisation, session};
use crate::secrets::hash;
use crate::{Db, DbError, DbResult};
use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, TimeDelta, Utc};
use domain::Role;
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, Statement, TransactionTrait,
};

/// Shortest accepted password (ANSSI's recommendation for a password alone).
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Longest accepted password (hashing cost stays bounded).
pub const PASSWORD_MAX_CHARS: usize = 256;
/// Prefix of session secrets.
pub(crate) const SESSION_PREFIX: &str = "qs_";

/// A signed-in person, as the routes see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Row id.
    pub id: i32,
    /// Their organisation; `None` for the instance's administrators.
    pub organisation_id: Option<i32>,
    /// Their e-mail address (lower case).
    pub email: String,
    /// What they may do.
    pub role: Role,
}

/// When sign-in attempts are refused.
#[derive(Debug, Clone, Copy)]
pub struct Throttle {
    /// The window over which failures are counted.
    pub window: TimeDelta,
    /// Failures for one account within the window before attempts are refused.
    pub per_account: u64,
    /// Failures from one address within the window before attempts are refused.
    pub per_address: u64,
    /// The key of the hashes under which failures keep the client's address, and the e-mail
    /// address typed when it is no account's ([`crate::secrets::keyed`]).
    pub key: [u8; 32],
}

impl Default for Throttle {
    fn default() -> Self {
        Throttle {
            window: TimeDelta::minutes(15),
            per_account: 5,
            per_address: 30,
            key: crate::secrets::new_key(),
        }
    }
}

/// The outcome of a sign-in.
#[derive(Debug)]
pub enum SignIn {
    /// A new session: the secret goes in the cookie, never in the database.
    Opened {
        /// The session's secret.
        secret: String,
        /// Who signed in.
        account: Account,
        /// When the session ends.
        expires_at: DateTime<Utc>,
    },
    /// Wrong e-mail or password (the two are not told apart).
    Refused,
    /// Too many failures lately: refused whatever the password, until `retry_at`.
    Throttled {
        /// When attempts are accepted again.
        retry_at: DateTime<Utc>,
        /// Whether the account (rather than the address) is cooling down.
        account: bool,
    },
}

/// An e-mail address as stored: trimmed, lower case, one `@` with text on both sides.
pub fn normalise_email(raw: &str) -> Option<String> {
    let email = raw.trim().to_lowercase();
    let (local, domain) = email.split_once('@')?;
    let plausible = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && email.len() <= 254
        && !email.chars().any(char::is_whitespace);
    plausible.then_some(email)
}

/// Why a password is refused, if it is.
pub fn password_problem(password: &str) -> Option<String> {
    let n = password.chars().count();
    if n < PASSWORD_MIN_CHARS {
        Some(format!(
            "a password has at least {PASSWORD_MIN_CHARS} characters"
        ))
    } else if n > PASSWORD_MAX_CHARS {
        Some(format!(
            "a password has at most {PASSWORD_MAX_CHARS} characters"
        ))
    } else {
        None
    }
}

/// Argon2id with its default (OWASP) parameters, in a PHC string that carries them.
pub(crate) fn hash_password(password: &str) -> DbResult<String> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| DbError::Conflict(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| DbError::Conflict(format!("password hashing: {e}")))
}

pub(crate) fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// Password hashes computed at once, at most (each takes 19 MiB and tens of milliseconds):
/// a burst of sign-ins waits its turn instead of exhausting memory.
const HASHING_AT_ONCE: usize = 4;

/// Runs password hashing off the async workers, a few at a time.
pub(crate) async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> T + Send + 'static,
) -> DbResult<T> {
    static SLOTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);
    let _slot = SLOTS
        .acquire()
        .await
        .map_err(|e| DbError::Conflict(format!("hashing slots: {e}")))?;
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| DbError::Conflict(format!("hashing task: {e}")))
}

/// A hash of a well-formed password nobody has, checked when the e-mail is unknown so that a
/// wrong address takes as long as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy-password-never-used").unwrap_or_default())
}

/// Creates an account. `organisation` is an organisation code; it may be left out for an
/// `admin` (who has none) or when the instance holds a single organisation.
pub async fn create_account(
    db: &Db,
    actor: &Actor,
    email: &str,
    role: Role,
    organisation: Option<&str>,
    password: &str,
    now: DateTime<Utc>,
) -> DbResult<Account> {
    let email = normalise_email(email)
        .ok_or_else(|| DbError::Invalid(format!("{email:?} is not an e-mail address")))?;
    if let Some(problem) = password_problem(password) {
        return Err(DbError::Invalid(problem));
    }
    if !role.is_a_person() {
        return Err(DbError::Invalid(
            "a kiosk is an API token (server api-token create --role kiosk), not an account".into(),
        ));
    }
    let organisation_id = crate::structure::organisation_for(db, role, organisation).await?;
    let password = password.to_owned();
    let hash = blocking(move || hash_password(&password)).await??;
    let txn = db.begin().await?;
    if account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .count(&txn)
        .await?
        > 0
    {
        return Err(DbError::Invalid(format!("{email} already has an account")));
    }
    let row = account::ActiveModel {
        organisation_id: Set(organisation_id),
        email: Set(email.clone()),
        role: Set(role.code().to_owned()),
        password_hash: Set(hash),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        organisation_id,
        actor,
        "account.create",
        &format!("account {email}"),
        None,
        Some(serde_json::json!({ "email": email, "role": role.code(), "active": true })),
    )
    .await?;
    txn.commit().await?;
    Ok(Account {
        id: row.id,
        organisation_id,
        email,
        role,
    })
}

/// A limit of failures, `0` meaning none.
fn limit_or_none(limit: u64) -> i64 {
    if limit == 0 {
        i64::MAX
    } else {
        i64::try_from(limit).unwrap_or(i64::MAX)
    }
}

/// Writes the attempt of `email` from `address` as a failure, unless either already has its
/// limit of failures within the window: the row's id, or `None` when throttled. One statement
/// counts and writes: SQLite runs it under its write lock; PostgreSQL first takes a lock per
/// account and per address for the transaction (always in that order, so two attempts cannot
/// wait for each other).
pub(crate) async fn reserve_attempt(
    db: &Db,
    email: &str,
    address: &str,
    throttle: &Throttle,
    now: DateTime<Utc>,
) -> DbResult<Option<i32>> {
    let backend = db.get_database_backend();
    let since = now - throttle.window;
    let txn = db.begin().await?;
    if backend == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            backend,
            "SELECT pg_advisory_xact_lock(hashtextextended('sign-in account ' || $1, 0)), \
             pg_advisory_xact_lock(hashtextextended('sign-in address ' || $2, 0))",
            [email.into(), address.into()],
        ))
        .await?;
    }
    // `$n` names one value wherever it stands, on both engines.
    let insert = "INSERT INTO login_failure (email, address, at) SELECT $1, $2, $3 \
                  WHERE (SELECT COUNT(*) FROM login_failure WHERE email = $1 AND at > $4) < $5 \
                  AND (SELECT COUNT(*) FROM login_failure WHERE address = $2 AND at > $4) < $6 \
                  RETURNING id";
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            insert,
            [
                email.into(),
                address.into(),
                now.into(),
                since.into(),
                limit_or_none(throttle.per_account).into(),
                limit_or_none(throttle.per_address).into(),
            ],
        ))
        .await?;
    txn.commit().await?;
    match row {
        Some(r) => Ok(Some(r.try_get::<i32>("", "id")?)),
        None => Ok(None),
    }
}

/// Why an attempt is refused before its password is checked, and until when: the account first
/// (its owner must be told why), then the address.
pub(crate) async fn throttled(
    db: &Db,
    email: &str,
    address: &str,
    throttle: &Throttle,
    now: DateTime<Utc>,
) -> DbResult<SignIn> {
    let since = now - throttle.window;
    for (by_account, column, key, limit) in [
        (
            true,
            login_failure::Column::Email,
            email,
            throttle.per_account,
        ),
        (
            false,
            login_failure::Column::Address,
            address,
            throttle.per_address,
        ),
    ] {
        let recent = login_failure::Entity::find()
            .filter(column.eq(key))
            .filter(login_failure::Column::At.gt(since))
            .order_by_desc(login_failure::Column::At)
            .limit(limit)
            .all(db)
            .await?;
        if limit > 0 && recent.len() as u64 >= limit {
            // Attempts resume when the oldest of the last `limit` failures leaves the window.
            let oldest = recent.last().map_or(now, |f| f.at);
            return Ok(SignIn::Throttled {
                retry_at: oldest + throttle.window,
                account: by_account,
            });
        }
    }
    // The limits were reached at the reservation and freed since (a success deleted its row):
    // the attempt may be tried again at once.
    Ok(SignIn::Throttled {
        retry_at: now,
        account: true,
    })
}

/// Checks an e-mail and password and opens a session of `lifetime`, unless the account or the
/// address has failed too often within the throttle's window. `address` identifies the client
/// (it is stored hashed, with failures only, and forgotten after a day).
pub async fn sign_in(
    db: &Db,
    email: &str,
    password: &str,
    address: &str,
    throttle: &Throttle,
    lifetime: TimeDelta,
    now: DateTime<Utc>,
) -> DbResult<SignIn> {
    let email = normalise_email(email).unwrap_or_else(|| email.trim().to_lowercase());
    let email: String = email.chars().take(254).collect();
    let address = crate::secrets::keyed(&throttle.key, &format!("address {address}"));
    let row = account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    // What was typed is kept as typed only when it is an account's; anything else (a typo, a
    // password typed in the wrong field) under its keyed hash, still counted like an account.
    let email = match row {
        Some(_) => email,
        None => format!(
            "#{}",
            crate::secrets::keyed(&throttle.key, &format!("email {email}"))
        ),
    };

    // The attempt is reserved (written as a failure) before the password is hashed, in one
    // statement that counts and writes at once: a burst of parallel attempts cannot all pass a
    // count none of them has written to yet.
    let Some(reservation) = reserve_attempt(db, &email, &address, throttle, now).await? else {
        return throttled(db, &email, &address, throttle, now).await;
    };
    let stored = row
        .as_ref()
        .filter(|a| a.active)
        .map_or_else(|| decoy_hash().to_owned(), |a| a.password_hash.clone());
    let given = password
        .chars()
        .take(PASSWORD_MAX_CHARS + 1)
        .collect::<String>();
    let matches = blocking(move || verify_password(&given, &stored)).await?;
    let account = match row {
        Some(a) if matches && a.active => a,
        // The reservation stays: it is the failure.
        _ => return Ok(SignIn::Refused),
    };
    // A success is no failure.
    login_failure::Entity::delete_by_id(reservation)
        .exec(db)
        .await?;
    let Some(role) = Role::parse(&account.role) else {
        return Err(DbError::Corrupt(format!("role of account {}", account.id)));
    };
    let secret = crate::secrets::new_secret(SESSION_PREFIX);
    let expires_at = now + lifetime;
    session::ActiveModel {
        secret_hash: Set(hash(&secret)),
        account_id: Set(account.id),
        created_at: Set(now),
        expires_at: Set(expires_at),
        revoked_at: Set(None),
    }
    .insert(db)
    .await?;
    crate::audit::record(
        db,
        now,
        account.organisation_id,
        &crate::audit::Actor::Account(account.email.clone()),
        "account.sign_in",
        &format!("account {}", account.email),
        None,
        None,
    )
    .await?;
    Ok(SignIn::Opened {
        secret,
        account: Account {
            id: account.id,
            organisation_id: account.organisation_id,
            email: account.email,
            role,
        },
        expires_at,
    })
}

/// The account of a live session: known, not expired, not revoked, account still active.
pub async fn session_account(
    db: &Db,
    secret: &str,
    now: DateTime<Utc>,
) -> DbResult<Option<Account>> {
    if !secret.starts_with(SESSION_PREFIX) || secret.len() > 100 {
        return Ok(None);
    }
    let Some((s, Some(a))) = session::Entity::find_by_id(hash(secret))
        .find_also_related(account::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if s.revoked_at.is_some() || s.expires_at <= now || !a.active {
        return Ok(None);
    }
    Ok(Role::parse(&a.role).map(|role| Account {
        id: a.id,
        organisation_id: a.organisation_id,
        email: a.email,
        role,
    }))
}

/// Ends one session (signing out).
pub async fn end_session(db: &Db, secret: &str, now: DateTime<Utc>) -> DbResult<()> {
    session::Entity::update_many()
        .col_expr(
            session::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(session::Column::SecretHash.eq(hash(secret)))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of an account (a lost device, a departure); returns how many were live.
pub async fn revoke_sessions(db: &Db, account_id: i32, now: DateTime<Utc>) -> DbResult<u64> {
    end_sessions(db, account_id, None, now).await
}

/// Ends the live sessions of an account, but the one whose secret hashes to `keep` (the one in
/// use, when a person changes their password): returns how many ended. Call it in the
/// transaction that makes the change.
pub(crate) async fn end_sessions<C: sea_orm::ConnectionTrait>(
    db: &C,
    account_id: i32,
    keep: Option<String>,
    now: DateTime<Utc>,
) -> DbResult<u64> {
    let mut q = session::Entity::update_many()
        .col_expr(
            session::Column::RevokedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(session::Column::AccountId.eq(account_id))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(now));
    if let Some(keep) = keep {
        q = q.filter(session::Column::SecretHash.ne(keep));
    }
    Ok(q.exec(db).await?.rows_affected)
}

/// Forgets sessions ended more than a day ago and failures older than a day.
pub async fn purge(db: &Db, now: DateTime<Utc>) -> DbResult<()> {
    let day_ago = now - TimeDelta::days(1);
    session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lt(day_ago))
        .exec(db)
        .await?;
    session::Entity::delete_many()
        .filter(session::Column::RevokedAt.lt(day_ago))
        .exec(db)
        .await?;
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lt(day_ago))
        .exec(db)
        .await?;
    Ok(())
}

/// The name of an organisation, for the pages.
pub async fn organisation_name(db: &Db, id: i32) -> DbResult<Option<String>> {
    Ok(organisation::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|o| o.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_lower_case_and_plausible() {
        assert_eq!(
            normalise_email("  Referente.Qualite@Loiret.Gouv.FR "),
            Some("referente.qualite@loiret.gouv.fr".into())
        );
        for bad in [
            "",
            "nobody",
            "a@b",
            "@gouv.fr",
            "a@.fr",
            "a b@gouv.fr",
            "a@b@c.fr",
        ] {
            assert_eq!(normalise_email(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn passwords_are_hashed_with_argon2id_and_verified() {
        let hash = hash_password("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("correct horse battery", "not a hash"));
        // A new salt every time.
        assert_ne!(hash, hash_password("correct horse battery").expect("hash"));
    }

    #[test]
    fn short_and_huge_passwords_are_refused() {
        assert!(password_problem("elevenchars").is_some());
        assert!(password_problem("twelve chars").is_none());
        assert!(password_problem(&"x".repeat(PASSWORD_MAX_CHARS + 1)).is_some());
    }
}
