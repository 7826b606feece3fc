//! The `period_figure` table.

use sea_orm::entity::prelude::*;

/// A row of `period_figure` (`service_id` 0: the whole organisation).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "period_figure")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub service_id: i32,
    pub kind: String,
    pub period_start: Date,
    pub period_end: Date,
    pub value: f64,
    pub entered_by: String,
    pub entered_at: DateTimeUtc,
    /// Where the figure comes from (the telephony's statistics…), as the poster prints it.
    pub source: Option<String>,
}

/// No relations.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
