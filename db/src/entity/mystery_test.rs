//! The `mystery_test` table.

use sea_orm::entity::prelude::*;

/// A row of `mystery_test`: one test call or visit and its answers (JSON).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "mystery_test")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub campaign_id: i32,
    pub assignment_id: Option<i32>,
    pub grid_version_id: i32,
    pub shopper_id: i32,
    pub target_id: i32,
    pub scenario_id: Option<i32>,
    pub status: String,
    pub performed_at: Option<DateTimeUtc>,
    pub slot: String,
    pub answers: String,
    pub context: String,
    pub review_comment: Option<String>,
    pub client_key: String,
    pub revision: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub submitted_at: Option<DateTimeUtc>,
    pub validated_at: Option<DateTimeUtc>,
    pub validated_by: Option<String>,
}

/// No relations are navigated.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
