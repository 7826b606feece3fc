//! The database crate's integration tests, in one binary: each body runs on a fresh migrated
//! SQLite database and, when `TEST_POSTGRES_URL` is set, on a fresh PostgreSQL one.

mod accounts;
mod repository;
mod retention;
