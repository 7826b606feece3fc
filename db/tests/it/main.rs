//! The database crate's integration tests, in one binary: each body runs on a fresh migrated
//! SQLite database and, when `TEST_POSTGRES_URL` is set, on a fresh PostgreSQL one.

use db::test_support::{Engine, FreshDatabase, fresh_database};

/// A fresh migrated database on `engine`; `None` (and a note) for PostgreSQL without a server.
async fn database(engine: Engine) -> Option<FreshDatabase> {
    let fresh = fresh_database(engine).await.expect("fresh database");
    if fresh.is_none() {
        eprintln!("SKIPPED on PostgreSQL: TEST_POSTGRES_URL is not set");
    }
    fresh
}

/// Runs the test body `$body` on SQLite and on PostgreSQL.
macro_rules! on_both_engines {
    ($name:ident, $body:ident) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn on_sqlite() {
                if let Some(d) = crate::database(db::test_support::Engine::Sqlite).await {
                    $body(d).await;
                }
            }
            #[tokio::test]
            async fn on_postgres() {
                if let Some(d) = crate::database(db::test_support::Engine::Postgres).await {
                    $body(d).await;
                }
            }
        }
    };
}

mod accounts;
mod comments;
mod referential;
mod repository;
mod retention;
