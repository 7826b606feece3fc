//! The `survey_link` table.

use sea_orm::entity::prelude::*;

/// A row of `survey_link`: a one-time link to a touchpoint's survey, only the hash of its secret,
/// and nothing about the response it produced.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_link")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub touchpoint_id: i32,
    pub secret_hash: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used: bool,
}

/// No relations are navigated.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
