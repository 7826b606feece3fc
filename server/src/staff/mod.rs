//! The staff's screens: signing in, one's own account (password, sessions) and the password
//! reset link, the administration (structure, questionnaires, accounts, tokens, figures from
//! other systems, the audit log, the organisations), the results page, its sample-size planner,
//! the visitors' comments and the upload of past results.

pub mod account;
pub mod admin;
pub mod builder;
pub mod comments;
pub mod dashboard;
pub mod figures;
pub mod imports;
pub mod people;
pub mod planner;
pub mod privacy;
pub mod report;
pub mod results;
pub mod sign_in;
pub mod structure;
pub mod tokens;
pub mod transparency;
pub mod visitor_comments;
