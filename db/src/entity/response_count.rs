//! The `response_count` table: respondents per touchpoint, Paris day and survey version.

use sea_orm::entity::prelude::*;

/// A row of `response_count`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "response_count")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub touchpoint_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub day: Date,
    #[sea_orm(primary_key, auto_increment = false)]
    pub survey_version_id: i32,
    pub count: i64,
    /// Whether the responses came through a one-time survey link (part of the key).
    #[sea_orm(primary_key, auto_increment = false)]
    pub verified: bool,
}

/// No relation is navigated from counts.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
