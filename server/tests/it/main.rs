//! The server's integration tests, in one binary (one link of the release server instead of
//! one per file): HTTP tests against a real server on port 0 with a fresh database, SQLite always
//! and PostgreSQL when `TEST_POSTGRES_URL` is set, and the release binary run as an operator runs
//! it. One module per part of the product; `common` is what they share.

#[macro_use]
mod common;

mod account_care;
mod accounts;
mod admin;
mod api;
mod api_write;
mod architecture;
mod builder;
mod comments_page;
mod dashboard;
mod done_when;
mod exports;
mod islands;
mod mystery;
mod people;
mod privacy;
mod process;
mod referential;
mod report;
mod results;
mod retention;
mod transparency;
mod visitor;
