//! Answers' times, coarser: the hour for an answer of the open QR code, the day (Europe/Paris)
//! for one given through a one-time link, so that whoever knows when an appointment took place
//! cannot single out its answer. Existing rows are rounded down the same way; the daily counts
//! do not move (an hour or a Paris day stays in its Paris day). The old times are not kept, so
//! there is no way back.

use chrono::{DateTime, TimeZone, Utc};
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The first moment of `at`'s day in Europe/Paris.
fn paris_day(at: DateTime<Utc>) -> DateTime<Utc> {
    let day = at.with_timezone(&chrono_tz::Europe::Paris).date_naive();
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    chrono_tz::Europe::Paris
        .from_local_datetime(&midnight)
        .earliest()
        .map_or(at, |t| t.with_timezone(&Utc))
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let backend = db.get_database_backend();
        match backend {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "UPDATE response SET submitted_at = CASE WHEN verified \
                     THEN date_trunc('day', submitted_at AT TIME ZONE 'Europe/Paris') AT TIME ZONE 'Europe/Paris' \
                     ELSE date_trunc('hour', submitted_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' END",
                )
                .await?;
            }
            _ => {
                // SQLite keeps RFC 3339 text in UTC (`2026-10-30T12:01:00+00:00`): the hour is a
                // prefix. A link's answer needs the Paris day, computed here.
                db.execute_unprepared(
                    "UPDATE response SET submitted_at = substr(submitted_at, 1, 13) || ':00:00+00:00' \
                     WHERE NOT verified AND submitted_at LIKE '____-__-__T__:__:__%+00:00'",
                )
                .await?;
                let rows = db
                    .query_all_raw(Statement::from_string(
                        backend,
                        "SELECT id, submitted_at FROM response WHERE verified".to_owned(),
                    ))
                    .await?;
                for row in rows {
                    let id: i32 = row.try_get("", "id")?;
                    let at: DateTime<Utc> = row.try_get("", "submitted_at")?;
                    db.execute_raw(Statement::from_sql_and_values(
                        backend,
                        "UPDATE response SET submitted_at = $1 WHERE id = $2",
                        [paris_day(at).into(), id.into()],
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        // The finer times are gone: nothing to restore.
        Ok(())
    }
}
