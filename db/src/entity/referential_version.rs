//! The `referential_version` table.

use sea_orm::entity::prelude::*;

/// A row of `referential_version`: one version of an organisation's referential (JSON).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "referential_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub version: i32,
    pub definition: String,
    pub created_at: DateTimeUtc,
    pub created_by: String,
}

/// No relations are navigated.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
