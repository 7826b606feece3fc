//! The `retention_setting` table.

use sea_orm::entity::prelude::*;

/// How long an organisation keeps each kind of data, in days.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "retention_setting")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i32,
    pub free_text_days: i32,
    pub responses_days: i32,
    pub mystery_tests_days: i32,
    pub invitations_days: i32,
    pub deactivated_accounts_days: i32,
    pub audit_log_days: i32,
    pub updated_at: DateTimeUtc,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
