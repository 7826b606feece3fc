//! Schema migrations, one file per change, each with a `down`; run on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261128_000001_foundation;
mod m20261129_000002_answer_counts;
mod m20261129_000003_api_tokens;
mod m20261129_000004_lighter_answer_indexes;
mod m20261129_000005_answers_in_response;
mod m20261129_000006_accounts;
mod m20261129_000007_token_organisations;
mod m20261129_000008_invitations;
mod m20261129_000009_survey_drafts;
mod m20261129_000010_period_figures;
mod m20261129_000011_survey_links;
mod m20261129_000012_mystery;
mod m20261201_000013_coarse_times;
mod m20261201_000014_privacy_notices;
mod m20261201_000015_retention;
mod m20261201_000016_comment_marks;
mod m20261202_000017_response_touchpoint_id;
mod m20261202_000018_figure_sources;

/// Every migration in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_foundation::Migration),
            Box::new(m20261129_000002_answer_counts::Migration),
            Box::new(m20261129_000003_api_tokens::Migration),
            Box::new(m20261129_000004_lighter_answer_indexes::Migration),
            Box::new(m20261129_000005_answers_in_response::Migration),
            Box::new(m20261129_000006_accounts::Migration),
            Box::new(m20261129_000007_token_organisations::Migration),
            Box::new(m20261129_000008_invitations::Migration),
            Box::new(m20261129_000009_survey_drafts::Migration),
            Box::new(m20261129_000010_period_figures::Migration),
            Box::new(m20261129_000011_survey_links::Migration),
            Box::new(m20261129_000012_mystery::Migration),
            Box::new(m20261201_000013_coarse_times::Migration),
            Box::new(m20261201_000014_privacy_notices::Migration),
            Box::new(m20261201_000015_retention::Migration),
            Box::new(m20261201_000016_comment_marks::Migration),
            Box::new(m20261202_000017_response_touchpoint_id::Migration),
            Box::new(m20261202_000018_figure_sources::Migration),
        ]
    }
}
