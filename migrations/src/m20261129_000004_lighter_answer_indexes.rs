//! Summaries read the daily counts, not the answers: the index over (question, answer code) of
//! the answers and the index over the time alone of the responses only slowed every insert
//! (a third of an import's time). Responses keep their (touchpoint, time) index for exports and
//! paged reads; answers keep their unique (response, question) index.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Answer {
    Table,
    QuestionId,
    Choice,
}

#[derive(DeriveIden)]
enum Response {
    Table,
    SubmittedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_answer_question_choice")
                .table(Answer::Table)
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("idx_response_time")
                .table(Response::Table)
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("idx_answer_question_choice")
                .table(Answer::Table)
                .col(Answer::QuestionId)
                .col(Answer::Choice)
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
        .await
    }
}
