//! The survey builder's draft: the next version of a survey, edited question by question until
//! it is published (a JSON survey definition; empty when nothing waits).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Survey {
    Table,
    Draft,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Survey::Table)
                .add_column(text_null(Survey::Draft))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Survey::Table)
                .drop_column(Survey::Draft)
                .to_owned(),
        )
        .await
    }
}
