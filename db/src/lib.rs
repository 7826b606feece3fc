//! Data access: sea-orm entities and plain async repository functions over a connection.
//! The only crate that writes SQL; aggregation happens here, in the database.

pub mod account_care;
pub mod accounts;
pub mod audit;
pub mod builder;
pub mod checks;
pub mod comments;
pub mod demo;
pub mod entity;
pub mod erasure;
pub mod export;
pub mod figures;
pub mod import;
pub mod mystery;
pub mod people;
pub mod privacy;
pub mod retention;
pub mod roles;
pub mod secrets;
pub mod setup;
pub mod store;
pub mod structure;
pub mod summary;
pub mod survey;
pub mod survey_links;
pub mod test_support;
pub mod tokens;
pub mod visitor;

use migrations::MigratorTrait;
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbBackend};
use std::time::Duration;

pub use sea_orm::DatabaseConnection as Db;

/// What can go wrong in a repository function.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The database refused or failed the operation.
    #[error("database error: {0}")]
    Db(#[from] sea_orm::DbErr),
    /// A row the operation needs does not exist.
    #[error("not found: {0}")]
    NotFound(String),
    /// The operation contradicts what is stored.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The input is refused; the message says why, for a person.
    #[error("{0}")]
    Invalid(String),
    /// A field of a form is refused: which one, and why in French and in English.
    #[error("{field}: {en}")]
    Field {
        /// The field's name in the form.
        field: String,
        /// Why, in French.
        fr: String,
        /// Why, in English.
        en: String,
    },
    /// A stored value could not be read back (a JSON column written by hand, say).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
}

impl DbError {
    /// Whether the database refused a duplicate (a unique index): two people created the same
    /// thing at once. The check before the insert saw nothing; the index kept one of them.
    pub fn is_duplicate(&self) -> bool {
        matches!(
            self,
            DbError::Db(e) if matches!(e.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
        )
    }
}

/// Result of a repository function.
pub type DbResult<T> = Result<T, DbError>;

/// Opens a pool on `url` (`sqlite://path?mode=rwc` or `postgres://…`).
///
/// SQLite is set for a file shared by several processes (the server and the CLI): WAL so
/// readers never block the writer, `synchronous=FULL` so an acknowledged commit survives a
/// power cut, a busy timeout so a second process waits instead of failing, and foreign keys.
pub async fn connect(url: &str) -> DbResult<DatabaseConnection> {
    let mut opts = ConnectOptions::new(url.to_owned());
    opts.sqlx_logging(false)
        .connect_timeout(Duration::from_secs(10))
        .acquire_timeout(Duration::from_secs(30));
    if url.starts_with("sqlite:") {
        opts.max_connections(8).map_sqlx_sqlite_opts(|o| {
            o.create_if_missing(true)
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Full)
                .busy_timeout(Duration::from_secs(15))
                .foreign_keys(true)
        });
    } else {
        opts.max_connections(16);
    }
    Ok(Database::connect(opts).await?)
}

/// Applies every pending migration.
pub async fn migrate(db: &DatabaseConnection) -> DbResult<()> {
    migrations::Migrator::up(db, None).await?;
    Ok(())
}

/// Applies the pending migrations, if there are any: a server connecting as an application role
/// (which may not create tables, see [`roles`]) starts on a migrated database without trying.
pub async fn migrate_if_needed(db: &DatabaseConnection) -> DbResult<()> {
    match migrations::Migrator::get_pending_migrations_read_only(db).await {
        Ok(pending) if pending.is_empty() => Ok(()),
        _ => migrate(db).await,
    }
}

/// Names of the migrations not yet applied.
pub async fn pending_migrations(db: &DatabaseConnection) -> DbResult<Vec<String>> {
    Ok(migrations::Migrator::get_pending_migrations(db)
        .await?
        .iter()
        .map(|m| m.name().to_owned())
        .collect())
}

/// Whether the database answers a trivial query.
pub async fn ping(db: &DatabaseConnection) -> DbResult<()> {
    db.ping().await?;
    Ok(())
}

/// Which engine the pool talks to.
pub fn backend(db: &DatabaseConnection) -> DbBackend {
    db.get_database_backend()
}

pub(crate) fn translated(value: &serde_json::Value) -> DbResult<domain::Translated> {
    serde_json::from_value(value.clone()).map_err(|e| DbError::Corrupt(e.to_string()))
}

fn to_json<T: serde::Serialize>(value: &T) -> DbResult<serde_json::Value> {
    serde_json::to_value(value).map_err(|e| DbError::Corrupt(e.to_string()))
}
