//! The foundation: organisations, sites, services, versioned surveys, touchpoints, anonymous
//! responses and their answers, and the receipts that make a form POST idempotent.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    Code,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Site {
    Table,
    Id,
    OrganisationId,
    Code,
    Name,
}

#[derive(DeriveIden)]
enum Service {
    Table,
    Id,
    OrganisationId,
    Code,
    Name,
}

#[derive(DeriveIden)]
enum Survey {
    Table,
    Id,
    OrganisationId,
    Code,
    Title,
    Status,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SurveyVersion {
    Table,
    Id,
    SurveyId,
    Version,
    PublishedAt,
}

#[derive(DeriveIden)]
enum Question {
    Table,
    Id,
    SurveyVersionId,
    Position,
    Code,
    Kind,
    Required,
    Text,
    Help,
    Options,
}

#[derive(DeriveIden)]
enum Touchpoint {
    Table,
    Id,
    OrganisationId,
    SiteId,
    ServiceId,
    SurveyId,
    Code,
    Name,
    Channel,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    Id,
    TouchpointId,
    SurveyVersionId,
    SubmittedAt,
    Language,
}

#[derive(DeriveIden)]
enum Answer {
    Table,
    Id,
    ResponseId,
    QuestionId,
    Choice,
    Text,
}

#[derive(DeriveIden)]
enum SubmissionReceipt {
    Table,
    Key,
    ReceivedAt,
}

fn fk(
    from_table: impl IntoIden,
    from_col: impl IntoIden,
    to_table: impl IntoIden,
    to_col: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from_table, from_col)
        .to(to_table, to_col)
        .on_delete(on_delete)
        .on_update(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(Organisation::Table)
                .col(pk_auto(Organisation::Id))
                .col(string_len_uniq(Organisation::Code, 48))
                .col(string(Organisation::Name))
                .col(timestamp_with_time_zone(Organisation::CreatedAt))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Site::Table)
                .col(pk_auto(Site::Id))
                .col(integer(Site::OrganisationId))
                .col(string_len(Site::Code, 48))
                .col(string(Site::Name))
                .foreign_key(&mut fk(
                    Site::Table,
                    Site::OrganisationId,
                    Organisation::Table,
                    Organisation::Id,
                    ForeignKeyAction::Restrict,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(Site::OrganisationId)
                        .col(Site::Code),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Service::Table)
                .col(pk_auto(Service::Id))
                .col(integer(Service::OrganisationId))
                .col(string_len(Service::Code, 48))
                // Translated: a JSON map from language to text.
                .col(json(Service::Name))
                .foreign_key(&mut fk(
                    Service::Table,
                    Service::OrganisationId,
                    Organisation::Table,
                    Organisation::Id,
                    ForeignKeyAction::Restrict,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(Service::OrganisationId)
                        .col(Service::Code),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Survey::Table)
                .col(pk_auto(Survey::Id))
                .col(integer(Survey::OrganisationId))
                .col(string_len(Survey::Code, 48))
                .col(json(Survey::Title))
                .col(string_len(Survey::Status, 16).default("open"))
                .col(timestamp_with_time_zone(Survey::CreatedAt))
                .foreign_key(&mut fk(
                    Survey::Table,
                    Survey::OrganisationId,
                    Organisation::Table,
                    Organisation::Id,
                    ForeignKeyAction::Restrict,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(Survey::OrganisationId)
                        .col(Survey::Code),
                )
                .to_owned(),
        )
        .await?;

        // A published version never changes: editing a survey inserts a new version.
        m.create_table(
            Table::create()
                .table(SurveyVersion::Table)
                .col(pk_auto(SurveyVersion::Id))
                .col(integer(SurveyVersion::SurveyId))
                .col(integer(SurveyVersion::Version))
                .col(timestamp_with_time_zone(SurveyVersion::PublishedAt))
                .foreign_key(&mut fk(
                    SurveyVersion::Table,
                    SurveyVersion::SurveyId,
                    Survey::Table,
                    Survey::Id,
                    ForeignKeyAction::Restrict,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(SurveyVersion::SurveyId)
                        .col(SurveyVersion::Version),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Question::Table)
                .col(pk_auto(Question::Id))
                .col(integer(Question::SurveyVersionId))
                .col(integer(Question::Position))
                .col(string_len(Question::Code, 40))
                .col(string_len(Question::Kind, 24))
                .col(boolean(Question::Required))
                .col(json(Question::Text))
                .col(json_null(Question::Help))
                .col(json(Question::Options))
                .foreign_key(&mut fk(
                    Question::Table,
                    Question::SurveyVersionId,
                    SurveyVersion::Table,
                    SurveyVersion::Id,
                    ForeignKeyAction::Restrict,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(Question::SurveyVersionId)
                        .col(Question::Code),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Touchpoint::Table)
                .col(pk_auto(Touchpoint::Id))
                .col(integer(Touchpoint::OrganisationId))
                .col(integer(Touchpoint::SiteId))
                .col(integer(Touchpoint::ServiceId))
                .col(integer(Touchpoint::SurveyId))
                // Global: the code is the URL of the QR code.
                .col(string_len_uniq(Touchpoint::Code, 48))
                .col(json(Touchpoint::Name))
                .col(string_len(Touchpoint::Channel, 16))
                .col(boolean(Touchpoint::Active).default(true))
                .col(timestamp_with_time_zone(Touchpoint::CreatedAt))
                .foreign_key(&mut fk(
                    Touchpoint::Table,
                    Touchpoint::OrganisationId,
                    Organisation::Table,
                    Organisation::Id,
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    Touchpoint::Table,
                    Touchpoint::SiteId,
                    Site::Table,
                    Site::Id,
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    Touchpoint::Table,
                    Touchpoint::ServiceId,
                    Service::Table,
                    Service::Id,
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    Touchpoint::Table,
                    Touchpoint::SurveyId,
                    Survey::Table,
                    Survey::Id,
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;

        // Anonymous by construction: no address, no device, no person; the time is kept to
        // the minute only.
        m.create_table(
            Table::create()
                .table(Response::Table)
                .col(pk_auto(Response::Id))
                .col(integer(Response::TouchpointId))
                .col(integer(Response::SurveyVersionId))
                .col(timestamp_with_time_zone(Response::SubmittedAt))
                .col(string_len(Response::Language, 8))
                .foreign_key(&mut fk(
                    Response::Table,
                    Response::TouchpointId,
                    Touchpoint::Table,
                    Touchpoint::Id,
                    ForeignKeyAction::Restrict,
                ))
                .foreign_key(&mut fk(
                    Response::Table,
                    Response::SurveyVersionId,
                    SurveyVersion::Table,
                    SurveyVersion::Id,
                    ForeignKeyAction::Restrict,
                ))
                .to_owned(),
        )
        .await?;
        // Summaries and exports select responses of touchpoints over a period.
        m.create_index(
            Index::create()
                .name("idx_response_touchpoint_time")
                .table(Response::Table)
                .col(Response::TouchpointId)
                .col(Response::SubmittedAt)
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_response_time")
                .table(Response::Table)
                .col(Response::SubmittedAt)
                .to_owned(),
        )
        .await?;

        // One row per answered question; `choice` holds the answer code for every closed
        // question so counts are a GROUP BY over (question_id, choice).
        m.create_table(
            Table::create()
                .table(Answer::Table)
                .col(pk_auto(Answer::Id))
                .col(integer(Answer::ResponseId))
                .col(integer(Answer::QuestionId))
                .col(string_len_null(Answer::Choice, 40))
                .col(text_null(Answer::Text))
                .foreign_key(&mut fk(
                    Answer::Table,
                    Answer::ResponseId,
                    Response::Table,
                    Response::Id,
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut fk(
                    Answer::Table,
                    Answer::QuestionId,
                    Question::Table,
                    Question::Id,
                    ForeignKeyAction::Restrict,
                ))
                .index(
                    Index::create()
                        .unique()
                        .col(Answer::ResponseId)
                        .col(Answer::QuestionId),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_answer_question_choice")
                .table(Answer::Table)
                .col(Answer::QuestionId)
                .col(Answer::Choice)
                .to_owned(),
        )
        .await?;

        // Idempotency keys of accepted forms, kept apart from responses (no link between the
        // two) and purged after a few days.
        m.create_table(
            Table::create()
                .table(SubmissionReceipt::Table)
                .col(string_len(SubmissionReceipt::Key, 64).primary_key())
                .col(timestamp_with_time_zone(SubmissionReceipt::ReceivedAt))
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SubmissionReceipt::Table.into_iden(),
            Answer::Table.into_iden(),
            Response::Table.into_iden(),
            Touchpoint::Table.into_iden(),
            Question::Table.into_iden(),
            SurveyVersion::Table.into_iden(),
            Survey::Table.into_iden(),
            Service::Table.into_iden(),
            Site::Table.into_iden(),
            Organisation::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
