//! Daily counts per touchpoint, question and answer code, kept in step with the answers in the
//! same transaction, so a summary over a year reads a few thousand rows, not millions.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AnswerCount {
    Table,
    TouchpointId,
    Day,
    QuestionId,
    Choice,
    Count,
}

#[derive(DeriveIden)]
enum ResponseCount {
    Table,
    TouchpointId,
    Day,
    SurveyVersionId,
    Count,
}

#[derive(DeriveIden)]
enum Touchpoint {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Question {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum SurveyVersion {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // `day` is the visitor's day in Europe/Paris, computed when the answer is stored.
        m.create_table(
            Table::create()
                .table(AnswerCount::Table)
                .col(integer(AnswerCount::TouchpointId))
                .col(date(AnswerCount::Day))
                .col(integer(AnswerCount::QuestionId))
                .col(string_len(AnswerCount::Choice, 40))
                .col(big_integer(AnswerCount::Count))
                .primary_key(
                    Index::create()
                        .col(AnswerCount::TouchpointId)
                        .col(AnswerCount::Day)
                        .col(AnswerCount::QuestionId)
                        .col(AnswerCount::Choice),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(AnswerCount::Table, AnswerCount::TouchpointId)
                        .to(Touchpoint::Table, Touchpoint::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(AnswerCount::Table, AnswerCount::QuestionId)
                        .to(Question::Table, Question::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(ResponseCount::Table)
                .col(integer(ResponseCount::TouchpointId))
                .col(date(ResponseCount::Day))
                .col(integer(ResponseCount::SurveyVersionId))
                .col(big_integer(ResponseCount::Count))
                .primary_key(
                    Index::create()
                        .col(ResponseCount::TouchpointId)
                        .col(ResponseCount::Day)
                        .col(ResponseCount::SurveyVersionId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ResponseCount::Table, ResponseCount::TouchpointId)
                        .to(Touchpoint::Table, Touchpoint::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(ResponseCount::Table, ResponseCount::SurveyVersionId)
                        .to(SurveyVersion::Table, SurveyVersion::Id),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(ResponseCount::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(AnswerCount::Table).to_owned())
            .await?;
        Ok(())
    }
}
