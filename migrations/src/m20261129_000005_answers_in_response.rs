//! A response's answers move into one column of the response row: a JSON object from question
//! code to answer code (or free text), read against the version the response answered.
//!
//! Summaries read the daily counts and exports read whole responses: nothing reads a single
//! answer across responses, and one row per answer cost an import six rows, six index entries
//! and twelve foreign-key checks per response (on PostgreSQL, four fifths of an import's time).
//! The column is plain text on both engines (PostgreSQL reads it with `answers::jsonb`,
//! SQLite with `json_each(answers)`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Response {
    Table,
    Answers,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Response::Table)
                .add_column(text(Response::Answers).default("{}"))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        let fill = match m.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                "UPDATE response SET answers = a.answers \
                 FROM (SELECT answer.response_id, \
                         json_object_agg(question.code, COALESCE(answer.choice, answer.text))::text AS answers \
                       FROM answer JOIN question ON question.id = answer.question_id \
                       GROUP BY answer.response_id) AS a \
                 WHERE a.response_id = response.id"
            }
            _ => {
                "UPDATE response SET answers = COALESCE((\
                   SELECT json_group_object(question.code, COALESCE(answer.choice, answer.text)) \
                   FROM answer JOIN question ON question.id = answer.question_id \
                   WHERE answer.response_id = response.id), '{}')"
            }
        };
        db.execute_unprepared(fill).await?;
        m.drop_table(Table::drop().table(Alias::new("answer")).to_owned())
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        let (create, fill) = match m.get_database_backend() {
            sea_orm::DbBackend::Postgres => (
                "CREATE TABLE answer (\
                   id serial PRIMARY KEY, \
                   response_id integer NOT NULL REFERENCES response (id) ON DELETE CASCADE, \
                   question_id integer NOT NULL REFERENCES question (id) ON DELETE RESTRICT, \
                   choice varchar(40), text text, UNIQUE (response_id, question_id))",
                "INSERT INTO answer (response_id, question_id, choice, text) \
                 SELECT response.id, question.id, \
                   CASE WHEN question.kind = 'free_text' THEN NULL ELSE a.value END, \
                   CASE WHEN question.kind = 'free_text' THEN a.value ELSE NULL END \
                 FROM response \
                 CROSS JOIN LATERAL jsonb_each_text(response.answers::jsonb) AS a(key, value) \
                 JOIN question ON question.code = a.key \
                   AND question.survey_version_id = response.survey_version_id",
            ),
            _ => (
                "CREATE TABLE answer (\
                   id integer PRIMARY KEY AUTOINCREMENT, \
                   response_id integer NOT NULL REFERENCES response (id) ON DELETE CASCADE, \
                   question_id integer NOT NULL REFERENCES question (id) ON DELETE RESTRICT, \
                   choice varchar(40), text text, UNIQUE (response_id, question_id))",
                "INSERT INTO answer (response_id, question_id, choice, text) \
                 SELECT response.id, question.id, \
                   CASE WHEN question.kind = 'free_text' THEN NULL ELSE a.value END, \
                   CASE WHEN question.kind = 'free_text' THEN a.value ELSE NULL END \
                 FROM response \
                 JOIN json_each(response.answers) AS a \
                 JOIN question ON question.code = a.key \
                   AND question.survey_version_id = response.survey_version_id",
            ),
        };
        db.execute_unprepared(create).await?;
        db.execute_unprepared(fill).await?;
        m.alter_table(
            Table::alter()
                .table(Response::Table)
                .drop_column(Response::Answers)
                .to_owned(),
        )
        .await
    }
}
