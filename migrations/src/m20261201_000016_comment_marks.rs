//! The referent's marks on visitors' comments: hidden from the committee (personal data written
//! despite the notice, insults), or to quote in the committee's report. One row per response at
//! most; it goes with its response (erasure, retention purge) by the foreign key's cascade.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CommentMark {
    Table,
    Id,
    ResponseId,
    Hidden,
    Quote,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(CommentMark::Table)
                .col(pk_auto(CommentMark::Id))
                .col(integer(CommentMark::ResponseId).unique_key())
                .col(boolean(CommentMark::Hidden).default(false))
                .col(boolean(CommentMark::Quote).default(false))
                .col(timestamp_with_time_zone(CommentMark::UpdatedAt))
                .col(integer_null(CommentMark::UpdatedBy))
                .foreign_key(
                    ForeignKey::create()
                        .from(CommentMark::Table, CommentMark::ResponseId)
                        .to(Response::Table, Response::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                // Accounts are never deleted (an erased one keeps its row), but should one be,
                // its marks stay.
                .foreign_key(
                    ForeignKey::create()
                        .from(CommentMark::Table, CommentMark::UpdatedBy)
                        .to(Account::Table, Account::Id)
                        .on_delete(ForeignKeyAction::SetNull),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CommentMark::Table).to_owned())
            .await
    }
}
