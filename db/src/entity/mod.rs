//! sea-orm entities, one per table of the migrations.

pub mod account;
pub mod answer_count;
pub mod api_token;
pub mod audit_log;
pub mod invitation;
pub mod login_failure;
pub mod organisation;
pub mod period_figure;
pub mod question;
pub mod response;
pub mod response_count;
pub mod service;
pub mod session;
pub mod site;
pub mod submission_receipt;
pub mod survey;
pub mod survey_link;
pub mod survey_version;
pub mod touchpoint;
