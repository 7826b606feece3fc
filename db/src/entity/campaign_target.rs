//! The `campaign_target` table.

use sea_orm::entity::prelude::*;

/// A row of `campaign_target`: a phone number, counter, site or service to test.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "campaign_target")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub campaign_id: i32,
    pub code: String,
    pub label: String,
    pub kind: String,
    pub service_id: Option<i32>,
    pub detail: String,
    pub planned: i32,
}

/// No relations are navigated.
#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
