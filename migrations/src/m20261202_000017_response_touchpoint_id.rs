//! Exports and the API's pages read the responses of one touchpoint in id order, a thousand at a
//! time after the last id seen. With only the (touchpoint, time) index, SQLite read every response
//! of the touchpoint and sorted them again for each page, so exporting a million responses took
//! minutes. The (touchpoint, id) index gives each page directly.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Response {
    Table,
    TouchpointId,
    Id,
}

const NAME: &str = "idx_response_touchpoint_id";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name(NAME)
                .table(Response::Table)
                .col(Response::TouchpointId)
                .col(Response::Id)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name(NAME).table(Response::Table).to_owned())
            .await
    }
}
