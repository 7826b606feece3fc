//! Entered figures say where they come from (the telephony's statistics, the title production's
//! dashboard), because the transparency poster prints that next to each of them. The delivery
//! delay, entered until now per service as one `title_delay_days`, is entered per kind of title
//! for the whole organisation, as the poster and the referential (M2-CNI-02, ID cards and
//! passports) read it: the existing delays become the ID cards' and passports' delay, averaged
//! over the services that had one for the same period.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum PeriodFigure {
    Table,
    Source,
}

const TO_KINDS: &str = "INSERT INTO period_figure \
     (organisation_id, service_id, kind, period_start, period_end, value, entered_by, entered_at) \
     SELECT organisation_id, 0, 'delay_id_cards', period_start, period_end, AVG(value), \
     MIN(entered_by), MAX(entered_at) FROM period_figure WHERE kind = 'title_delay_days' \
     AND NOT EXISTS (SELECT 1 FROM period_figure AS o WHERE o.kind = 'delay_id_cards' \
     AND o.organisation_id = period_figure.organisation_id AND o.service_id = 0 \
     AND o.period_start = period_figure.period_start AND o.period_end = period_figure.period_end) \
     GROUP BY organisation_id, period_start, period_end";

const BACK: &str =
    "UPDATE period_figure SET kind = 'title_delay_days' WHERE kind = 'delay_id_cards'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(PeriodFigure::Table)
                .add_column(string_len_null(PeriodFigure::Source, 200))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(TO_KINDS).await?;
        db.execute_unprepared("DELETE FROM period_figure WHERE kind = 'title_delay_days'")
            .await?;
        // The other new kinds (driving licences, vehicle registrations, complaints answered)
        // are new codes in the same column: nothing to change.
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared(
            "DELETE FROM period_figure WHERE kind IN \
             ('delay_driving_licences', 'delay_vehicle_registrations', 'complaints_answered')",
        )
        .await?;
        db.execute_unprepared(BACK).await?;
        m.alter_table(
            Table::alter()
                .table(PeriodFigure::Table)
                .drop_column(PeriodFigure::Source)
                .to_owned(),
        )
        .await
    }
}
