//! The staff's pages. Server-rendered; plain forms, no script needed.
//!
//! Staff accounts: the sign-in form, one's own account and the password reset link, the page
//! that says a role does not reach a page, the administration home and the audit log. The
//! administration of an organisation: its structure (sites, services, touchpoints), the
//! organisations of the instance, people and invitations, API tokens, figures from other
//! systems, the survey builder and the import of past results.

pub mod account;
pub mod account_texts;
pub mod admin_texts;
pub mod audit;
pub mod builder;
pub mod comments;
pub mod figures;
pub mod home;
pub mod import;
pub mod organisations;
pub mod people;
pub mod privacy;
pub mod sign_in;
pub mod structure;
pub mod tokens;
