//! The `assignment` table.

use sea_orm::entity::prelude::*;

/// A row of `assignment`: one planned test, its slot and its shopper.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "assignment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub campaign_id: i32,
    pub target_id: i32,
    pub scenario_id: Option<i32>,
    pub slot: String,
    pub weekday: i16,
    pub due_date: Option<Date>,
    pub shopper_id: Option<i32>,
}

/// No relations are navigated.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
