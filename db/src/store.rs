//! Storing responses: the one path every writer takes (the visitor's form, the demo seeding,
//! imports), so the daily counts always move with the answers, in the same transaction.

use crate::entity::{answer_count, response, response_count};
use crate::{DbError, DbResult};
use chrono::{DateTime, DurationRound, NaiveDate, TimeDelta, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use domain::{AnswerValue, Lang, QuestionCode};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{ConnectionTrait, EntityTrait, Set};
use std::collections::BTreeMap;

/// A response to store, its answers already checked against its version.
#[derive(Debug, Clone)]
pub struct NewResponse {
    /// Where it was given.
    pub touchpoint_id: i32,
    /// The version answered.
    pub survey_version_id: i32,
    /// When it was given (stored to the hour, or the Paris day through a link: [`stored_time`]).
    pub submitted_at: DateTime<Utc>,
    /// The language the visitor answered in.
    pub language: Lang,
    /// Its answers, one per answered question.
    pub answers: Vec<NewAnswer>,
    /// Given through a one-time survey link rather than the open QR code.
    pub verified: bool,
}

/// One answer of a [`NewResponse`].
#[derive(Debug, Clone)]
pub struct NewAnswer {
    /// The question's row (the daily counts are kept per question row).
    pub question_id: i32,
    /// The question's code in the version (the key in the stored response).
    pub code: QuestionCode,
    /// The answer.
    pub value: AnswerValue,
}

/// The stored form of a response's answers: a JSON object from question code to answer code or
/// free text (the version answered says which is which), keys sorted.
pub fn encode_answers(answers: &[NewAnswer]) -> String {
    let map: BTreeMap<&str, &str> = answers
        .iter()
        .map(|a| {
            let value = match &a.value {
                AnswerValue::Choice(c) | AnswerValue::Text(c) => c.as_str(),
            };
            (a.code.as_str(), value)
        })
        .collect();
    serde_json::to_string(&map).unwrap_or_else(|_| "{}".to_owned())
}

/// Reads the stored answers of a response back: question code -> answer code or free text.
pub fn decode_answers(raw: &str) -> DbResult<BTreeMap<String, String>> {
    serde_json::from_str(raw).map_err(|e| DbError::Corrupt(format!("stored answers: {e}")))
}

/// Rows per multi-row INSERT: well under SQLite's 32,766 bound parameters.
const CHUNK: usize = 1000;

/// The visitor's day, in Europe/Paris, of a moment.
pub fn paris_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Paris).date_naive()
}

/// The first moment of a Europe/Paris day.
pub fn paris_midnight(day: NaiveDate) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    Paris
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

/// The time a response is kept with: the hour for an open answer (enough for time-of-day
/// analysis), the day (in Europe/Paris) for one given through a one-time link, so that whoever
/// knows an appointment's time cannot single out its answer. The daily counts are the same.
pub fn stored_time(at: DateTime<Utc>, verified: bool) -> DateTime<Utc> {
    if verified {
        let day = at.with_timezone(&chrono_tz::Europe::Paris).date_naive();
        let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        chrono_tz::Europe::Paris
            .from_local_datetime(&midnight)
            .earliest()
            .map_or(at, |t| t.with_timezone(&Utc))
    } else {
        at.duration_trunc(TimeDelta::hours(1)).unwrap_or(at)
    }
}

/// Inserts responses and their answers and adds them to the daily counts. Call it inside a
/// transaction: all of it is stored, or nothing.
pub async fn store_responses<C: ConnectionTrait>(db: &C, batch: &[NewResponse]) -> DbResult<()> {
    let mut counts = DailyCounts::default();
    insert_responses(db, batch, &mut counts).await?;
    counts.write(db).await
}

/// Daily counts of responses not yet added to the count tables. Kept sorted, so concurrent
/// transactions upsert (and lock) the count rows in one order and cannot deadlock on PostgreSQL.
#[derive(Debug, Default)]
pub struct DailyCounts {
    answers: BTreeMap<(i32, NaiveDate, i32, String, bool), i64>,
    responses: BTreeMap<(i32, NaiveDate, i32, bool), i64>,
}

impl DailyCounts {
    fn add(&mut self, r: &NewResponse) {
        let day = paris_day(r.submitted_at);
        *self
            .responses
            .entry((r.touchpoint_id, day, r.survey_version_id, r.verified))
            .or_default() += 1;
        for a in &r.answers {
            if let AnswerValue::Choice(c) = &a.value {
                let key = (r.touchpoint_id, day, a.question_id, c.clone(), r.verified);
                *self.answers.entry(key).or_default() += 1;
            }
        }
    }

    /// Takes one stored response out: its day's response count and each of its choices.
    pub(crate) fn subtract(
        &mut self,
        touchpoint_id: i32,
        day: NaiveDate,
        survey_version_id: i32,
        verified: bool,
        choices: impl IntoIterator<Item = (i32, String)>,
    ) {
        *self
            .responses
            .entry((touchpoint_id, day, survey_version_id, verified))
            .or_default() -= 1;
        for (question_id, choice) in choices {
            let key = (touchpoint_id, day, question_id, choice, verified);
            *self.answers.entry(key).or_default() -= 1;
        }
    }

    /// Adds the counts to the count tables (upserts); call it in the transaction that inserted
    /// the responses.
    pub async fn write<C: ConnectionTrait>(self, db: &C) -> DbResult<()> {
        let answer_counts: Vec<_> = self
            .answers
            .into_iter()
            .map(
                |((touchpoint_id, day, question_id, choice, verified), count)| {
                    answer_count::ActiveModel {
                        touchpoint_id: Set(touchpoint_id),
                        day: Set(day),
                        question_id: Set(question_id),
                        choice: Set(choice),
                        count: Set(count),
                        verified: Set(verified),
                    }
                },
            )
            .collect();
        for rows in answer_counts.chunks(CHUNK) {
            answer_count::Entity::insert_many(rows.to_vec())
                .on_conflict(
                    OnConflict::columns([
                        answer_count::Column::TouchpointId,
                        answer_count::Column::Day,
                        answer_count::Column::QuestionId,
                        answer_count::Column::Choice,
                        answer_count::Column::Verified,
                    ])
                    .value(
                        answer_count::Column::Count,
                        Expr::cust("answer_count.count + excluded.count"),
                    )
                    .to_owned(),
                )
                .exec_without_returning(db)
                .await?;
        }
        let response_counts: Vec<_> = self
            .responses
            .into_iter()
            .map(
                |((touchpoint_id, day, survey_version_id, verified), count)| {
                    response_count::ActiveModel {
                        touchpoint_id: Set(touchpoint_id),
                        day: Set(day),
                        survey_version_id: Set(survey_version_id),
                        count: Set(count),
                        verified: Set(verified),
                    }
                },
            )
            .collect();
        for rows in response_counts.chunks(CHUNK) {
            response_count::Entity::insert_many(rows.to_vec())
                .on_conflict(
                    OnConflict::columns([
                        response_count::Column::TouchpointId,
                        response_count::Column::Day,
                        response_count::Column::SurveyVersionId,
                        response_count::Column::Verified,
                    ])
                    .value(
                        response_count::Column::Count,
                        Expr::cust("response_count.count + excluded.count"),
                    )
                    .to_owned(),
                )
                .exec_without_returning(db)
                .await?;
        }
        Ok(())
    }
}

/// Inserts responses with their answers, adding them to `counts`; the caller writes the counts
/// in the same transaction (once per import, rather than once per batch).
pub async fn insert_responses<C: ConnectionTrait>(
    db: &C,
    batch: &[NewResponse],
    counts: &mut DailyCounts,
) -> DbResult<()> {
    for chunk in batch.chunks(CHUNK) {
        let rows = chunk.iter().map(|r| {
            counts.add(r);
            response::ActiveModel {
                touchpoint_id: Set(r.touchpoint_id),
                survey_version_id: Set(r.survey_version_id),
                submitted_at: Set(stored_time(r.submitted_at, r.verified)),
                language: Set(r.language.code().to_owned()),
                answers: Set(encode_answers(&r.answers)),
                verified: Set(r.verified),
                ..Default::default()
            }
        });
        response::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}
