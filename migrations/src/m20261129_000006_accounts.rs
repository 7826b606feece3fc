//! Accounts and their sessions, failed sign-ins (for throttling), the append-only audit log,
//! and the organisation of API tokens.
//!
//! Sessions live in the database so several servers share them; only a SHA-256 hash of the
//! session's secret is stored. The audit log refuses UPDATE and DELETE with a trigger on both
//! engines: nobody edits it, not even through a forgotten route.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    OrganisationId,
    Email,
    Role,
    PasswordHash,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    SecretHash,
    AccountId,
    CreatedAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden)]
enum LoginFailure {
    Table,
    Id,
    Email,
    Address,
    At,
}

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    OrganisationId,
    Actor,
    Action,
    Subject,
    Before,
    After,
}

#[derive(DeriveIden)]
enum ApiToken {
    Table,
    OrganisationId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // `organisation_id` is empty for the instance's administrators only.
        m.create_table(
            Table::create()
                .table(Account::Table)
                .col(pk_auto(Account::Id))
                .col(integer_null(Account::OrganisationId))
                .col(string_len_uniq(Account::Email, 254))
                .col(string_len(Account::Role, 16))
                .col(string_len(Account::PasswordHash, 200))
                .col(boolean(Account::Active))
                .col(timestamp_with_time_zone(Account::CreatedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Account::Table, Account::OrganisationId)
                        .to(Organisation::Table, Organisation::Id)
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Session::Table)
                .col(string_len(Session::SecretHash, 64).primary_key())
                .col(integer(Session::AccountId))
                .col(timestamp_with_time_zone(Session::CreatedAt))
                .col(timestamp_with_time_zone(Session::ExpiresAt))
                .col(timestamp_with_time_zone_null(Session::RevokedAt))
                .foreign_key(
                    ForeignKey::create()
                        .from(Session::Table, Session::AccountId)
                        .to(Account::Table, Account::Id)
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_session_account")
                .table(Session::Table)
                .col(Session::AccountId)
                .to_owned(),
        )
        .await?;
        // The address is stored as a hash: enough to count a burst, useless to find a person.
        m.create_table(
            Table::create()
                .table(LoginFailure::Table)
                .col(pk_auto(LoginFailure::Id))
                .col(string_len(LoginFailure::Email, 254))
                .col(string_len(LoginFailure::Address, 64))
                .col(timestamp_with_time_zone(LoginFailure::At))
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("idx_login_failure_email", LoginFailure::Email),
            ("idx_login_failure_address", LoginFailure::Address),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table(LoginFailure::Table)
                    .col(col)
                    .col(LoginFailure::At)
                    .to_owned(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(AuditLog::Table)
                .col(pk_auto(AuditLog::Id))
                .col(timestamp_with_time_zone(AuditLog::At))
                .col(integer_null(AuditLog::OrganisationId))
                .col(string_len(AuditLog::Actor, 300))
                .col(string_len(AuditLog::Action, 100))
                .col(string_len(AuditLog::Subject, 300))
                .col(text_null(AuditLog::Before))
                .col(text_null(AuditLog::After))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_audit_log_organisation")
                .table(AuditLog::Table)
                .col(AuditLog::OrganisationId)
                .col(AuditLog::Id)
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        match m.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; \
                     $$ LANGUAGE plpgsql",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()",
                )
                .await?;
            }
            _ => {
                for (name, event) in [
                    ("audit_log_no_update", "UPDATE"),
                    ("audit_log_no_delete", "DELETE"),
                ] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER {name} BEFORE {event} ON audit_log \
                         BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"
                    ))
                    .await?;
                }
            }
        }
        m.alter_table(
            Table::alter()
                .table(ApiToken::Table)
                .add_column(integer_null(ApiToken::OrganisationId))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(ApiToken::Table)
                .drop_column(ApiToken::OrganisationId)
                .to_owned(),
        )
        .await?;
        for table in [
            AuditLog::Table.into_iden(),
            LoginFailure::Table.into_iden(),
            Session::Table.into_iden(),
            Account::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        if m.get_database_backend() == sea_orm::DbBackend::Postgres {
            m.get_connection()
                .execute_unprepared("DROP FUNCTION audit_log_is_append_only()")
                .await?;
        }
        Ok(())
    }
}
