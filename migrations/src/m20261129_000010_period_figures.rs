//! Figures that come from other systems, entered per month or quarter: footfall per service
//! (for the weighting of the survey results), the telephony's pickup rate, e-mails answered
//! within 5 days, complaints received, delivery delays of titles. One value per organisation,
//! service (or none, for the whole organisation), kind and period.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PeriodFigure {
    Table,
    Id,
    OrganisationId,
    ServiceId,
    Kind,
    PeriodStart,
    PeriodEnd,
    Value,
    EnteredBy,
    EnteredAt,
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
                .table(PeriodFigure::Table)
                .col(pk_auto(PeriodFigure::Id))
                .col(integer(PeriodFigure::OrganisationId))
                // 0 stands for the whole organisation, so the unique index below holds (NULLs
                // would all differ).
                .col(integer(PeriodFigure::ServiceId))
                .col(string_len(PeriodFigure::Kind, 40))
                .col(date(PeriodFigure::PeriodStart))
                .col(date(PeriodFigure::PeriodEnd))
                .col(double(PeriodFigure::Value))
                .col(string_len(PeriodFigure::EnteredBy, 300))
                .col(timestamp_with_time_zone(PeriodFigure::EnteredAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(PeriodFigure::Table, PeriodFigure::OrganisationId)
                        .to(Organisation::Table, Organisation::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .index(
                    Index::create()
                        .unique()
                        .col(PeriodFigure::OrganisationId)
                        .col(PeriodFigure::ServiceId)
                        .col(PeriodFigure::Kind)
                        .col(PeriodFigure::PeriodStart)
                        .col(PeriodFigure::PeriodEnd),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(PeriodFigure::Table).to_owned())
            .await
    }
}
