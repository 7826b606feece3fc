//! One-time survey links: the appointment system (or a kiosk) asks for a link per appointment;
//! the link takes one response, which is marked as verified, so results can tell invited answers
//! from answers given through the open QR code at the counter.
//!
//! Anonymity: the link row keeps only the hash of its secret, its touchpoint, its expiry and
//! whether it has served. Nothing links it to the response it produced; the response carries only
//! `verified = true`. The daily counts gain the same flag, so a summary of invited (or open)
//! answers still reads a few thousand count rows.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SurveyLink {
    Table,
    Id,
    TouchpointId,
    SecretHash,
    CreatedAt,
    ExpiresAt,
    Used,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Verified,
}

#[derive(DeriveIden)]
enum Touchpoint {
    Table,
    Id,
}

/// The count tables and the columns of their key before this migration (`verified` is added to
/// the key after it).
const COUNT_TABLES: [(&str, &[&str]); 2] = [
    (
        "answer_count",
        &["touchpoint_id", "day", "question_id", "choice"],
    ),
    (
        "response_count",
        &["touchpoint_id", "day", "survey_version_id"],
    ),
];

/// `CREATE TABLE {table}_next`, the count table with or without the `verified` flag (types
/// as sea-query writes them for each engine, like the original tables).
fn count_table(table: &str, key: &[&str], verified: bool) -> TableCreateStatement {
    let mut create = Table::create();
    create.table(Alias::new(format!("{table}_next")));
    let mut primary = Index::create();
    for column in key {
        let name = Alias::new(*column);
        match *column {
            "day" => create.col(date(name.clone())),
            "choice" => create.col(string_len(name.clone(), 40)),
            _ => create.col(integer(name.clone())),
        };
        primary.col(name);
    }
    create.col(big_integer(Alias::new("count")));
    if verified {
        create.col(boolean(Alias::new("verified")).default(false));
        primary.col(Alias::new("verified"));
    }
    let (foreign, target) = if table == "answer_count" {
        ("question_id", "question")
    } else {
        ("survey_version_id", "survey_version")
    };
    for (from, to) in [("touchpoint_id", "touchpoint"), (foreign, target)] {
        create.foreign_key(
            ForeignKey::create()
                .from(Alias::new(format!("{table}_next")), Alias::new(from))
                .to(Alias::new(to), Alias::new("id")),
        );
    }
    create.primary_key(&mut primary).to_owned()
}

/// Replaces `table` with the rebuilt `{table}_next`, filled by `fill`.
async fn swap(
    m: &SchemaManager<'_>,
    table: &str,
    create: TableCreateStatement,
    fill: String,
) -> Result<(), DbErr> {
    let db = m.get_connection();
    m.create_table(create).await?;
    db.execute_unprepared(&fill).await?;
    db.execute_unprepared(&format!("DROP TABLE {table}"))
        .await?;
    db.execute_unprepared(&format!("ALTER TABLE {table}_next RENAME TO {table}"))
        .await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing on SQLite too (its DDL is transactional): a table swapped halfway would
    /// lose the counts.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Response::Table)
                .add_column(boolean(Response::Verified).default(false))
                .to_owned(),
        )
        .await?;
        for (table, key) in COUNT_TABLES {
            // Rebuilt rather than altered: SQLite cannot change a primary key in place.
            let key_list = key.join(", ");
            let fill = format!(
                "INSERT INTO {table}_next ({key_list}, count, verified) \
                 SELECT {key_list}, count, false FROM {table}"
            );
            swap(m, table, count_table(table, key, true), fill).await?;
        }
        m.create_table(
            Table::create()
                .table(SurveyLink::Table)
                .col(pk_auto(SurveyLink::Id))
                .col(integer(SurveyLink::TouchpointId))
                .col(string_len_uniq(SurveyLink::SecretHash, 64))
                .col(timestamp_with_time_zone(SurveyLink::CreatedAt))
                .col(timestamp_with_time_zone(SurveyLink::ExpiresAt))
                .col(boolean(SurveyLink::Used).default(false))
                .foreign_key(
                    ForeignKey::create()
                        .from(SurveyLink::Table, SurveyLink::TouchpointId)
                        .to(Touchpoint::Table, Touchpoint::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("survey_link_expires_at")
                .table(SurveyLink::Table)
                .col(SurveyLink::ExpiresAt)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SurveyLink::Table).to_owned())
            .await?;
        for (table, key) in COUNT_TABLES {
            let key_list = key.join(", ");
            let fill = format!(
                "INSERT INTO {table}_next ({key_list}, count) \
                 SELECT {key_list}, SUM(count) FROM {table} GROUP BY {key_list}"
            );
            swap(m, table, count_table(table, key, false), fill).await?;
        }
        m.alter_table(
            Table::alter()
                .table(Response::Table)
                .drop_column(Response::Verified)
                .to_owned(),
        )
        .await
    }
}
