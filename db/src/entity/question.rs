//! The `question` table.

use sea_orm::entity::prelude::*;

/// A row of `question`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "question")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub survey_version_id: i32,
    pub position: i32,
    pub code: String,
    pub kind: String,
    pub required: bool,
    pub text: Json,
    pub help: Option<Json>,
    pub options: Json,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::survey_version::Entity",
        from = "Column::SurveyVersionId",
        to = "super::survey_version::Column::Id"
    )]
    SurveyVersion,
}

impl ActiveModelBehavior for ActiveModel {}
