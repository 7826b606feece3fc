//! Tokens created before tokens carried an organisation: on an instance with a single
//! organisation, its non-admin tokens belong to it. (Elsewhere they stay without one and the API
//! refuses them until they are replaced: data never crosses organisations.)

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared(
                "UPDATE api_token SET organisation_id = (SELECT MIN(id) FROM organisation) \
                 WHERE organisation_id IS NULL AND role <> 'admin' \
                 AND (SELECT COUNT(*) FROM organisation) = 1",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        // Nothing to undo: the column itself belongs to the accounts migration.
        Ok(())
    }
}
