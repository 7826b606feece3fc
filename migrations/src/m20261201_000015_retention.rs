//! How long each kind of data is kept (one row per organisation; without a row, the product's
//! defaults), when an account was deactivated (its address is erased some time after), password
//! reset links, and the expiry and last use of API tokens.
//!
//! The audit log stays append-only, with one exception: a row may be deleted once it is older
//! than its organisation's audit retention, and never younger than 180 days whatever the setting
//! says (`db::retention::AUDIT_LOG_FLOOR_DAYS`; without a setting, the default of 365 days,
//! `db::retention::Retention::default`). On PostgreSQL it also refuses TRUNCATE.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RetentionSetting {
    Table,
    OrganisationId,
    FreeTextDays,
    ResponsesDays,
    MysteryTestsDays,
    InvitationsDays,
    DeactivatedAccountsDays,
    AuditLogDays,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PasswordReset {
    Table,
    SecretHash,
    AccountId,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    Active,
    DeactivatedAt,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    ExpiresAt,
    LastUsedAt,
}

/// One statement string: run on one connection of the pool, the drop and the creation see the
/// same schema.
const SQLITE_DELETE_GUARD: &str = "DROP TRIGGER audit_log_no_delete; \
     CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
     WHEN OLD.at >= strftime('%Y-%m-%dT%H:%M:%S', 'now', '-' || max(180, coalesce(\
     (SELECT audit_log_days FROM retention_setting WHERE organisation_id = OLD.organisation_id), \
     365)) || ' days') \
     BEGIN SELECT RAISE(ABORT, 'the audit log keeps its rows for their retention period'); END";

const POSTGRES_GUARD: &str = "CREATE OR REPLACE FUNCTION audit_log_is_append_only() \
     RETURNS trigger AS $$ BEGIN \
     IF TG_OP = 'DELETE' AND OLD.at < now() - make_interval(days => greatest(180, coalesce(\
     (SELECT audit_log_days FROM retention_setting WHERE organisation_id = OLD.organisation_id), \
     365))) THEN RETURN OLD; END IF; \
     RAISE EXCEPTION 'the audit log is append-only (rows leave only after their retention)'; \
     END; $$ LANGUAGE plpgsql";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RetentionSetting::Table)
                .col(integer(RetentionSetting::OrganisationId).primary_key())
                .col(integer(RetentionSetting::FreeTextDays))
                .col(integer(RetentionSetting::ResponsesDays))
                .col(integer(RetentionSetting::MysteryTestsDays))
                .col(integer(RetentionSetting::InvitationsDays))
                .col(integer(RetentionSetting::DeactivatedAccountsDays))
                .col(integer(RetentionSetting::AuditLogDays))
                .col(timestamp_with_time_zone(RetentionSetting::UpdatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(RetentionSetting::Table, RetentionSetting::OrganisationId)
                        .to(Organisation::Table, Organisation::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(PasswordReset::Table)
                .col(string_len(PasswordReset::SecretHash, 64).primary_key())
                .col(integer(PasswordReset::AccountId))
                .col(string_len(PasswordReset::CreatedBy, 300))
                .col(timestamp_with_time_zone(PasswordReset::CreatedAt))
                .col(timestamp_with_time_zone(PasswordReset::ExpiresAt))
                .col(timestamp_with_time_zone_null(PasswordReset::UsedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(PasswordReset::Table, PasswordReset::AccountId)
                        .to(Account::Table, Account::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(Account::Table)
                .add_column(timestamp_with_time_zone_null(Account::DeactivatedAt))
                .to_owned(),
        )
        .await?;
        // SQLite adds one column per ALTER TABLE.
        for column in [ApiToken::ExpiresAt, ApiToken::LastUsedAt] {
            m.alter_table(
                Table::alter()
                    .table(ApiToken::Table)
                    .add_column(timestamp_with_time_zone_null(column))
                    .to_owned(),
            )
            .await?;
        }
        // Accounts deactivated before this migration count from now.
        m.exec_stmt(
            Query::update()
                .table(Account::Table)
                .value(Account::DeactivatedAt, chrono::Utc::now())
                .and_where(Expr::col(Account::Active).eq(false))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        match m.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                db.execute_unprepared(POSTGRES_GUARD).await?;
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_refuses_truncate() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; \
                     $$ LANGUAGE plpgsql",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log \
                     FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuses_truncate()",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(SQLITE_DELETE_GUARD).await?;
            }
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        match m.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                db.execute_unprepared("DROP TRIGGER audit_log_no_truncate ON audit_log")
                    .await?;
                db.execute_unprepared("DROP FUNCTION audit_log_refuses_truncate()")
                    .await?;
                db.execute_unprepared(
                    "CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; \
                     $$ LANGUAGE plpgsql",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "DROP TRIGGER audit_log_no_delete; \
                     CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
                )
                .await?;
            }
        }
        for column in [ApiToken::ExpiresAt, ApiToken::LastUsedAt] {
            m.alter_table(
                Table::alter()
                    .table(ApiToken::Table)
                    .drop_column(column)
                    .to_owned(),
            )
            .await?;
        }
        m.alter_table(
            Table::alter()
                .table(Account::Table)
                .drop_column(Account::DeactivatedAt)
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table(PasswordReset::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(RetentionSetting::Table).to_owned())
            .await
    }
}
