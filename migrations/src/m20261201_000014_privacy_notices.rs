//! Each organisation's privacy notice (RGPD art. 13): who the controller is and how to reach its
//! data-protection officer; the rest of the notice (purpose, legal basis, what is kept, rights)
//! is the product's, written from what it stores.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PrivacyNotice {
    Table,
    OrganisationId,
    Controller,
    DpoContact,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(PrivacyNotice::Table)
                .col(integer(PrivacyNotice::OrganisationId).primary_key())
                .col(string_len(PrivacyNotice::Controller, 300))
                .col(string_len(PrivacyNotice::DpoContact, 300))
                .col(timestamp_with_time_zone(PrivacyNotice::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(PrivacyNotice::Table, PrivacyNotice::OrganisationId)
                        .to(Organisation::Table, Organisation::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PrivacyNotice::Table).to_owned())
            .await
    }
}
