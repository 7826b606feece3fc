//! The `response` table.

use sea_orm::entity::prelude::*;

/// A row of `response`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "response")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub touchpoint_id: i32,
    pub survey_version_id: i32,
    pub submitted_at: DateTimeUtc,
    pub language: String,
    /// JSON object: question code -> answer code, or free text.
    pub answers: String,
    /// Given through a one-time survey link (an appointment's invitation), not the open QR code.
    pub verified: bool,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::touchpoint::Entity",
        from = "Column::TouchpointId",
        to = "super::touchpoint::Column::Id"
    )]
    Touchpoint,
    #[sea_orm(
        belongs_to = "super::survey_version::Entity",
        from = "Column::SurveyVersionId",
        to = "super::survey_version::Column::Id"
    )]
    SurveyVersion,
}

impl ActiveModelBehavior for ActiveModel {}
