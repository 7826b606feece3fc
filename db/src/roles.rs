//! PostgreSQL only: the role the application servers connect as, apart from the owner of the
//! schema (who runs `server migrate`). It reads and writes the tables, but it owns none, so it
//! cannot alter a table, drop or disable a trigger, or TRUNCATE; on the audit log it may only
//! read, append, and delete what the trigger lets go (rows older than their retention); on the
//! migrations' table it may only read.

use crate::{Db, DbError, DbResult};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Whether `name` is a plain role name (lower-case letters, digits, underscores; 63 at most;
/// not starting with a digit), so it can be written into the statements as is.
pub fn valid_role(name: &str) -> bool {
    (1..=63).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && !name.starts_with("pg_")
}

/// The statements that give `role` what the application needs in `schema`, and no more.
pub fn grants(role: &str, schema: &str) -> Vec<String> {
    vec![
        format!("GRANT USAGE ON SCHEMA \"{schema}\" TO \"{role}\""),
        format!(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \"{schema}\" TO \"{role}\""
        ),
        format!(
            "REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA \"{schema}\" FROM \"{role}\""
        ),
        format!("REVOKE UPDATE ON \"{schema}\".audit_log FROM \"{role}\""),
        format!("REVOKE INSERT, UPDATE, DELETE ON \"{schema}\".seaql_migrations FROM \"{role}\""),
        format!("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \"{schema}\" TO \"{role}\""),
    ]
}

/// Grants `role` (which the operator created, `CREATE ROLE qa_app LOGIN PASSWORD '…'`) what the
/// application needs in the current schema; run it as the owner after each `server migrate`
/// (new tables need their grants). Returns the statements run.
pub async fn grant_app_role(db: &Db, role: &str) -> DbResult<Vec<String>> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Err(DbError::Invalid(
            "a separate application role is for PostgreSQL; SQLite has no roles".into(),
        ));
    }
    if !valid_role(role) {
        return Err(DbError::Invalid(format!(
            "{role:?}: a role name of lower-case letters, digits and underscores"
        )));
    }
    let backend = db.get_database_backend();
    let exists = db
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "SELECT 1 AS found FROM pg_roles WHERE rolname = $1",
            [role.into()],
        ))
        .await?;
    if exists.is_none() {
        return Err(DbError::Invalid(format!(
            "no role {role:?}: create it first (CREATE ROLE {role} LOGIN PASSWORD '…')"
        )));
    }
    let schema: String = db
        .query_one_raw(Statement::from_string(
            backend,
            "SELECT current_schema() AS name",
        ))
        .await?
        .ok_or_else(|| DbError::Corrupt("no current schema".into()))?
        .try_get("", "name")?;
    let statements = grants(role, &schema);
    for sql in &statements {
        db.execute_unprepared(sql).await?;
    }
    Ok(statements)
}
