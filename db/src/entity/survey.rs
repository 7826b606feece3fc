//! The `survey` table.

use sea_orm::entity::prelude::*;

/// A row of `survey`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "survey")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub code: String,
    /// Translated title.
    pub title: Json,
    /// `open` or `closed`.
    pub status: String,
    pub created_at: DateTimeUtc,
    /// The builder's unpublished next version (JSON), if any.
    pub draft: Option<String>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
