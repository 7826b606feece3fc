//! Import of past results from CSV, all or nothing: every row is checked and stored inside one
//! transaction; the first bad cell rolls everything back and is reported by line and column.

use crate::store::{NewResponse, store_responses};
use crate::survey::latest_version;
use crate::{Db, DbError};
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use domain::{AnswerValue, FREE_TEXT_MAX_CHARS, Lang, QuestionKind, TouchpointCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

/// Why an import stored nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A cell (or the header) is wrong; lines and columns count from 1, the header is line 1.
    #[error("line {line}, column {column}: {message}")]
    Cell {
        /// Line in the file.
        line: u64,
        /// Column in the file.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// The touchpoint or its survey is missing.
    #[error("{0}")]
    Setup(String),
    /// The database failed; nothing was stored.
    #[error(transparent)]
    Db(#[from] DbError),
}

impl From<sea_orm::DbErr> for ImportError {
    fn from(e: sea_orm::DbErr) -> Self {
        ImportError::Db(DbError::Db(e))
    }
}

/// Responses stored per batch inside the transaction.
const BATCH: usize = 5000;

fn cell(line: u64, column: usize, message: impl Into<String>) -> ImportError {
    ImportError::Cell {
        line,
        column,
        message: message.into(),
    }
}

/// Imports `reader` (a CSV whose header is `submitted_at` then question codes) into the
/// touchpoint `code`, against its survey's latest version. `progress` is told the bytes read
/// so far. Returns the number of responses stored.
pub async fn import_responses<R: std::io::Read>(
    db: &Db,
    code: &TouchpointCode,
    reader: R,
    mut progress: impl FnMut(u64),
) -> Result<u64, ImportError> {
    use crate::entity::touchpoint;
    let tp = touchpoint::Entity::find()
        .filter(touchpoint::Column::Code.eq(code.as_str()))
        .one(db)
        .await?
        .ok_or_else(|| ImportError::Setup(format!("unknown touchpoint {code}")))?;
    let version = latest_version(db, tp.survey_id).await?.ok_or_else(|| {
        ImportError::Setup(format!("the survey of {code} has no published version"))
    })?;

    let mut csv = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(reader);
    let header = csv
        .headers()
        .map_err(|e| cell(1, 1, format!("unreadable header: {e}")))?
        .clone();
    if header.get(0).map(str::trim) != Some("submitted_at") {
        return Err(cell(1, 1, "the first column must be submitted_at"));
    }
    let mut columns = Vec::new();
    for (i, name) in header.iter().enumerate().skip(1) {
        let name = name.trim();
        let Some(pos) = version
            .definition
            .questions
            .iter()
            .position(|q| q.code.as_str() == name)
        else {
            return Err(cell(
                1,
                i + 1,
                format!("{name:?} is not a question of this survey"),
            ));
        };
        if columns.iter().any(|(p, _)| *p == pos) {
            return Err(cell(1, i + 1, format!("{name:?} appears twice")));
        }
        columns.push((pos, version.question_ids[pos]));
    }

    let txn = db.begin().await?;
    let mut batch = Vec::with_capacity(BATCH);
    let mut stored = 0u64;
    let mut record = csv::StringRecord::new();
    loop {
        let line = csv.position().line();
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(cell(line, 1, format!("unreadable line: {e}"))),
        }
        let raw_time = record.get(0).unwrap_or("").trim();
        let submitted_at = DateTime::parse_from_rfc3339(raw_time)
            .map_err(|_| {
                cell(
                    line,
                    1,
                    format!("{raw_time:?} is not an RFC 3339 date and time"),
                )
            })?
            .with_timezone(&Utc);
        let submitted_at = submitted_at
            .duration_trunc(TimeDelta::minutes(1))
            .unwrap_or(submitted_at);
        let mut answers = Vec::with_capacity(columns.len());
        for (i, (pos, question_id)) in columns.iter().enumerate() {
            let value = record.get(i + 1).unwrap_or("").trim();
            if value.is_empty() {
                continue;
            }
            let q = &version.definition.questions[*pos];
            let answer = if q.kind == QuestionKind::FreeText {
                if value.chars().count() > FREE_TEXT_MAX_CHARS {
                    return Err(cell(line, i + 2, "free text longer than 2,000 characters"));
                }
                AnswerValue::Text(value.to_owned())
            } else if q.accepts(value) {
                AnswerValue::Choice(value.to_owned())
            } else {
                let allowed: Vec<&str> = q.options.iter().map(|o| o.code.as_str()).collect();
                return Err(cell(
                    line,
                    i + 2,
                    format!(
                        "{value:?} is not an answer of {} ({})",
                        q.code,
                        allowed.join(", ")
                    ),
                ));
            };
            answers.push((*question_id, answer));
        }
        if answers.is_empty() {
            return Err(cell(line, 2, "no answer on this line"));
        }
        batch.push(NewResponse {
            touchpoint_id: tp.id,
            survey_version_id: version.id,
            submitted_at,
            language: Lang::Fr,
            answers,
        });
        if batch.len() == BATCH {
            store_responses(&txn, &batch).await?;
            stored += batch.len() as u64;
            batch.clear();
            progress(csv.position().byte());
        }
    }
    store_responses(&txn, &batch).await?;
    stored += batch.len() as u64;
    txn.commit().await?;
    progress(csv.position().byte());
    Ok(stored)
}
