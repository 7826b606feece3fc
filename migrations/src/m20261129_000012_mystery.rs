//! Mystery calls and visits: the referential of engagements and the evaluation grids (both
//! versioned JSON documents, like survey versions), campaigns with their targets, scenarios and
//! planned tests assigned to shoppers, and the tests themselves.
//!
//! A test keeps the grid version it was filled against; its answers are one JSON column
//! (criterion code -> answer code), scored on read with the grid version's rules. No agent's
//! name has a column anywhere; free text (the shopper's comment) carries a notice in the form.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ReferentialVersion {
    Table,
    Id,
    OrganisationId,
    Version,
    Definition,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum Grid {
    Table,
    Id,
    OrganisationId,
    Code,
    Title,
    Channel,
}

#[derive(DeriveIden)]
enum GridVersion {
    Table,
    Id,
    GridId,
    Version,
    Definition,
    CreatedAt,
    CreatedBy,
}

#[derive(DeriveIden)]
enum Campaign {
    Table,
    Id,
    OrganisationId,
    Code,
    Title,
    GridId,
    PeriodStart,
    PeriodEnd,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CampaignTarget {
    Table,
    Id,
    CampaignId,
    Code,
    Label,
    Kind,
    ServiceId,
    Detail,
    Planned,
}

#[derive(DeriveIden)]
enum Scenario {
    Table,
    Id,
    CampaignId,
    Code,
    Question,
    ExpectedAnswer,
}

#[derive(DeriveIden)]
enum Assignment {
    Table,
    Id,
    CampaignId,
    TargetId,
    ScenarioId,
    Slot,
    Weekday,
    DueDate,
    ShopperId,
}

#[derive(DeriveIden)]
enum MysteryTest {
    Table,
    Id,
    CampaignId,
    AssignmentId,
    GridVersionId,
    ShopperId,
    TargetId,
    ScenarioId,
    Status,
    PerformedAt,
    Slot,
    Answers,
    Context,
    ReviewComment,
    ClientKey,
    Revision,
    CreatedAt,
    UpdatedAt,
    SubmittedAt,
    ValidatedAt,
    ValidatedBy,
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
}

#[derive(DeriveIden)]
enum Service {
    Table,
    Id,
}

fn fk(
    from: (impl IntoIden, impl IntoIden),
    to: (impl IntoIden, impl IntoIden),
    cascade: bool,
) -> ForeignKeyCreateStatement {
    let mut key = ForeignKey::create();
    key.from(from.0, from.1).to(to.0, to.1);
    if cascade {
        key.on_delete(ForeignKeyAction::Cascade);
    }
    key.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ReferentialVersion::Table)
                .col(pk_auto(ReferentialVersion::Id))
                .col(integer(ReferentialVersion::OrganisationId))
                .col(integer(ReferentialVersion::Version))
                .col(text(ReferentialVersion::Definition))
                .col(timestamp_with_time_zone(ReferentialVersion::CreatedAt))
                .col(string_len(ReferentialVersion::CreatedBy, 300))
                .foreign_key(&mut fk(
                    (
                        ReferentialVersion::Table,
                        ReferentialVersion::OrganisationId,
                    ),
                    (Organisation::Table, Organisation::Id),
                    true,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(ReferentialVersion::OrganisationId)
                        .col(ReferentialVersion::Version),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Grid::Table)
                .col(pk_auto(Grid::Id))
                .col(integer(Grid::OrganisationId))
                .col(string_len(Grid::Code, 40))
                .col(text(Grid::Title))
                .col(string_len(Grid::Channel, 16))
                .foreign_key(&mut fk(
                    (Grid::Table, Grid::OrganisationId),
                    (Organisation::Table, Organisation::Id),
                    true,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(Grid::OrganisationId)
                        .col(Grid::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(GridVersion::Table)
                .col(pk_auto(GridVersion::Id))
                .col(integer(GridVersion::GridId))
                .col(integer(GridVersion::Version))
                .col(text(GridVersion::Definition))
                .col(timestamp_with_time_zone(GridVersion::CreatedAt))
                .col(string_len(GridVersion::CreatedBy, 300))
                .foreign_key(&mut fk(
                    (GridVersion::Table, GridVersion::GridId),
                    (Grid::Table, Grid::Id),
                    true,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(GridVersion::GridId)
                        .col(GridVersion::Version),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Campaign::Table)
                .col(pk_auto(Campaign::Id))
                .col(integer(Campaign::OrganisationId))
                .col(string_len(Campaign::Code, 40))
                .col(string_len(Campaign::Title, 200))
                .col(integer(Campaign::GridId))
                .col(date(Campaign::PeriodStart))
                .col(date(Campaign::PeriodEnd))
                .col(timestamp_with_time_zone(Campaign::CreatedAt))
                .foreign_key(&mut fk(
                    (Campaign::Table, Campaign::OrganisationId),
                    (Organisation::Table, Organisation::Id),
                    true,
                ))
                .foreign_key(&mut fk(
                    (Campaign::Table, Campaign::GridId),
                    (Grid::Table, Grid::Id),
                    false,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(Campaign::OrganisationId)
                        .col(Campaign::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(CampaignTarget::Table)
                .col(pk_auto(CampaignTarget::Id))
                .col(integer(CampaignTarget::CampaignId))
                .col(string_len(CampaignTarget::Code, 40))
                .col(string_len(CampaignTarget::Label, 200))
                .col(string_len(CampaignTarget::Kind, 16))
                .col(integer_null(CampaignTarget::ServiceId))
                .col(string_len(CampaignTarget::Detail, 100))
                .col(integer(CampaignTarget::Planned))
                .foreign_key(&mut fk(
                    (CampaignTarget::Table, CampaignTarget::CampaignId),
                    (Campaign::Table, Campaign::Id),
                    true,
                ))
                .foreign_key(&mut fk(
                    (CampaignTarget::Table, CampaignTarget::ServiceId),
                    (Service::Table, Service::Id),
                    false,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(CampaignTarget::CampaignId)
                        .col(CampaignTarget::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Scenario::Table)
                .col(pk_auto(Scenario::Id))
                .col(integer(Scenario::CampaignId))
                .col(string_len(Scenario::Code, 40))
                .col(text(Scenario::Question))
                .col(text(Scenario::ExpectedAnswer))
                .foreign_key(&mut fk(
                    (Scenario::Table, Scenario::CampaignId),
                    (Campaign::Table, Campaign::Id),
                    true,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(Scenario::CampaignId)
                        .col(Scenario::Code),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(Assignment::Table)
                .col(pk_auto(Assignment::Id))
                .col(integer(Assignment::CampaignId))
                .col(integer(Assignment::TargetId))
                .col(integer_null(Assignment::ScenarioId))
                .col(string_len(Assignment::Slot, 16))
                .col(small_integer(Assignment::Weekday))
                .col(date_null(Assignment::DueDate))
                .col(integer_null(Assignment::ShopperId))
                .foreign_key(&mut fk(
                    (Assignment::Table, Assignment::CampaignId),
                    (Campaign::Table, Campaign::Id),
                    true,
                ))
                .foreign_key(&mut fk(
                    (Assignment::Table, Assignment::TargetId),
                    (CampaignTarget::Table, CampaignTarget::Id),
                    true,
                ))
                .foreign_key(&mut fk(
                    (Assignment::Table, Assignment::ScenarioId),
                    (Scenario::Table, Scenario::Id),
                    false,
                ))
                .foreign_key(&mut fk(
                    (Assignment::Table, Assignment::ShopperId),
                    (Account::Table, Account::Id),
                    false,
                ))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(MysteryTest::Table)
                .col(pk_auto(MysteryTest::Id))
                .col(integer(MysteryTest::CampaignId))
                .col(integer_null(MysteryTest::AssignmentId))
                .col(integer(MysteryTest::GridVersionId))
                .col(integer(MysteryTest::ShopperId))
                .col(integer(MysteryTest::TargetId))
                .col(integer_null(MysteryTest::ScenarioId))
                .col(string_len(MysteryTest::Status, 16))
                .col(timestamp_with_time_zone_null(MysteryTest::PerformedAt))
                .col(string_len(MysteryTest::Slot, 16))
                .col(text(MysteryTest::Answers).default("{}"))
                .col(text(MysteryTest::Context).default("{}"))
                .col(text_null(MysteryTest::ReviewComment))
                .col(string_len_uniq(MysteryTest::ClientKey, 64))
                .col(integer(MysteryTest::Revision).default(0))
                .col(timestamp_with_time_zone(MysteryTest::CreatedAt))
                .col(timestamp_with_time_zone(MysteryTest::UpdatedAt))
                .col(timestamp_with_time_zone_null(MysteryTest::SubmittedAt))
                .col(timestamp_with_time_zone_null(MysteryTest::ValidatedAt))
                .col(string_len_null(MysteryTest::ValidatedBy, 300))
                .foreign_key(&mut fk(
                    (MysteryTest::Table, MysteryTest::CampaignId),
                    (Campaign::Table, Campaign::Id),
                    true,
                ))
                .foreign_key(&mut fk(
                    (MysteryTest::Table, MysteryTest::AssignmentId),
                    (Assignment::Table, Assignment::Id),
                    false,
                ))
                .foreign_key(&mut fk(
                    (MysteryTest::Table, MysteryTest::GridVersionId),
                    (GridVersion::Table, GridVersion::Id),
                    false,
                ))
                .foreign_key(&mut fk(
                    (MysteryTest::Table, MysteryTest::ShopperId),
                    (Account::Table, Account::Id),
                    false,
                ))
                .foreign_key(&mut fk(
                    (MysteryTest::Table, MysteryTest::TargetId),
                    (CampaignTarget::Table, CampaignTarget::Id),
                    false,
                ))
                .foreign_key(&mut fk(
                    (MysteryTest::Table, MysteryTest::ScenarioId),
                    (Scenario::Table, Scenario::Id),
                    false,
                ))
                .to_owned(),
        )
        .await?;
        // One test per planned test: a double submission (or two tabs) cannot make two.
        m.create_index(
            Index::create()
                .name("mystery_test_assignment")
                .table(MysteryTest::Table)
                .col(MysteryTest::AssignmentId)
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("mystery_test_campaign_status")
                .table(MysteryTest::Table)
                .col(MysteryTest::CampaignId)
                .col(MysteryTest::Status)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("mystery_test_shopper")
                .table(MysteryTest::Table)
                .col(MysteryTest::ShopperId)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MysteryTest::Table.into_iden(),
            Assignment::Table.into_iden(),
            Scenario::Table.into_iden(),
            CampaignTarget::Table.into_iden(),
            Campaign::Table.into_iden(),
            GridVersion::Table.into_iden(),
            Grid::Table.into_iden(),
            ReferentialVersion::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
