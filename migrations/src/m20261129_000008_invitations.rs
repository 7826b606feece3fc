//! Invitations: a one-time link the referent (or the administrator) sends so that a person
//! chooses their own password. Only a SHA-256 hash of the link's secret is stored; it expires
//! and serves once.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Invitation {
    Table,
    SecretHash,
    OrganisationId,
    Email,
    Role,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
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
                .table(Invitation::Table)
                .col(string_len(Invitation::SecretHash, 64).primary_key())
                .col(integer(Invitation::OrganisationId))
                .col(string_len(Invitation::Email, 254))
                .col(string_len(Invitation::Role, 16))
                .col(string_len(Invitation::InvitedBy, 300))
                .col(timestamp_with_time_zone(Invitation::CreatedAt))
                .col(timestamp_with_time_zone(Invitation::ExpiresAt))
                .col(timestamp_with_time_zone_null(Invitation::UsedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitation::Table, Invitation::OrganisationId)
                        .to(Organisation::Table, Organisation::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_invitation_organisation")
                .table(Invitation::Table)
                .col(Invitation::OrganisationId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Invitation::Table).to_owned())
            .await
    }
}
