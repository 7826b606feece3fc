//! The `comment_mark` table.

use sea_orm::entity::prelude::*;

/// The referent's mark on the comment of one response.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "comment_mark")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub response_id: i32,
    /// Not shown to the committee.
    pub hidden: bool,
    /// To quote in the committee's report.
    pub quote: bool,
    pub updated_at: DateTimeUtc,
    /// The account that set it last.
    pub updated_by: Option<i32>,
}

/// Relations used in joins.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::response::Entity",
        from = "Column::ResponseId",
        to = "super::response::Column::Id",
        on_delete = "Cascade"
    )]
    Response,
}

impl ActiveModelBehavior for ActiveModel {}
