//! The `grid_version` table.

use sea_orm::entity::prelude::*;

/// A row of `grid_version`: one version of a grid (its definition as JSON).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "grid_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub grid_id: i32,
    pub version: i32,
    pub definition: String,
    pub created_at: DateTimeUtc,
    pub created_by: String,
}

/// No relations are navigated.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
