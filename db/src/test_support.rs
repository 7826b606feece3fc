//! Fresh databases for tests: a SQLite file in a temporary folder, or a new PostgreSQL
//! database on the server named by `TEST_POSTGRES_URL`. Used by this crate's tests and by the
//! server's integration tests, so the same bodies run on both engines.

use crate::{DbResult, connect, migrate};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use std::sync::atomic::{AtomicU32, Ordering};

/// The engines a test can run on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// A SQLite file.
    Sqlite,
    /// A database on the PostgreSQL server of `TEST_POSTGRES_URL`.
    Postgres,
}

/// A fresh, migrated database and its URL (other processes may open it too).
pub struct FreshDatabase {
    /// Connection URL.
    pub url: String,
    /// An open pool.
    pub db: DatabaseConnection,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "t{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos
    )
}

/// The PostgreSQL server for tests, when `TEST_POSTGRES_URL` is set.
pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_POSTGRES_URL")
        .ok()
        .filter(|v| !v.trim().is_empty())
}

/// Replaces the database name of a `postgres://…/name?params` URL.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, params) = match url.split_once('?') {
        Some((b, p)) => (b, Some(p)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_part = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match params {
        Some(p) => format!("{host_part}/{name}?{p}"),
        None => format!("{host_part}/{name}"),
    }
}

/// A fresh migrated database on `engine`; `None` for PostgreSQL when no server is configured.
pub async fn fresh_database(engine: Engine) -> DbResult<Option<FreshDatabase>> {
    let name = unique_name();
    let url = match engine {
        Engine::Sqlite => {
            let dir = std::env::temp_dir().join("qualite-tests");
            std::fs::create_dir_all(&dir)
                .map_err(|e| crate::DbError::Conflict(format!("temp dir: {e}")))?;
            format!("sqlite://{}/{name}.db?mode=rwc", dir.display())
        }
        Engine::Postgres => {
            let Some(admin_url) = postgres_url() else {
                return Ok(None);
            };
            let admin = connect(&admin_url).await?;
            admin
                .execute_raw(Statement::from_string(
                    admin.get_database_backend(),
                    format!("CREATE DATABASE \"{name}\""),
                ))
                .await?;
            admin.close().await?;
            with_database(&admin_url, &name)
        }
    };
    let db = connect(&url).await?;
    migrate(&db).await?;
    Ok(Some(FreshDatabase { url, db }))
}

/// Every exported row (of one touchpoint, or all), for assertions on what was stored.
pub async fn exported_rows(
    db: &DatabaseConnection,
    touchpoint: Option<&str>,
) -> Vec<crate::export::ExportRow> {
    let code = touchpoint.map(|c| domain::TouchpointCode::parse(c).expect("a valid code"));
    let mut rows = Vec::new();
    crate::export::export_responses(
        db,
        code.as_ref(),
        |_| Ok::<_, String>(()),
        |r| {
            rows.push(r);
            Ok(())
        },
    )
    .await
    .expect("export");
    rows
}

/// Creates an account of `role` (in `organisation`, none for an administrator) with `password`
/// and returns the secret of a new session of it, as signing in gives: for tests and
/// benchmarks that read pages as someone.
pub async fn open_session(
    db: &DatabaseConnection,
    email: &str,
    role: domain::Role,
    organisation: Option<&str>,
    password: &str,
) -> String {
    let now = chrono::Utc::now();
    crate::accounts::create_account(
        db,
        &crate::audit::Actor::CommandLine,
        email,
        role,
        organisation,
        password,
        now,
    )
    .await
    .expect("account");
    match crate::accounts::sign_in(
        db,
        email,
        password,
        "127.0.0.1",
        &crate::accounts::Throttle::default(),
        chrono::TimeDelta::hours(1),
        now,
    )
    .await
    .expect("sign in")
    {
        crate::accounts::SignIn::Opened { secret, .. } => secret,
        other => panic!("{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_name_is_replaced_and_parameters_kept() {
        assert_eq!(
            with_database("postgres://u:p@h:5432/postgres?sslmode=disable", "t1"),
            "postgres://u:p@h:5432/t1?sslmode=disable"
        );
        assert_eq!(with_database("postgres://h", "t1"), "postgres://h/t1");
    }
}
