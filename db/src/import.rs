//! Import of past results from CSV, all or nothing: every row is checked and stored inside one
//! transaction; the first bad cell rolls everything back and is reported by line and column.

use crate::store::{DailyCounts, NewAnswer, NewResponse, insert_responses};
use crate::survey::latest_version;
use crate::{Db, DbError};
use chrono::{DateTime, Utc};
use domain::{AnswerValue, FREE_TEXT_MAX_CHARS, Lang, Question, QuestionKind, TouchpointCode};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, TransactionTrait,
};

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

/// SQLite page cache of the importing connection, in KiB.
const IMPORT_CACHE_KIB: u32 = 128 * 1024;

fn cell(line: u64, column: usize, message: impl Into<String>) -> ImportError {
    ImportError::Cell {
        line,
        column,
        message: message.into(),
    }
}

/// Imports `reader` (a CSV whose header is `submitted_at` then question codes) into the
/// touchpoint `code`, against its survey's latest version. `progress` is told the bytes read
/// so far. The import is written to the audit log (by `actor`, in the touchpoint's
/// organisation) in the same transaction. Returns the number of responses stored.
pub async fn import_responses<R: std::io::Read + Send + 'static>(
    db: &Db,
    actor: &crate::audit::Actor,
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

    // The file is read and checked on its own thread while this task stores the batches
    // already checked: parsing and SQLite's work overlap on two cores.
    let plan = Plan {
        touchpoint_id: tp.id,
        survey_version_id: version.id,
        questions: version.definition.questions,
        question_ids: version.question_ids,
    };
    let (sender, mut batches) = tokio::sync::mpsc::channel::<Result<Parsed, ImportError>>(2);
    let parser = std::thread::spawn(move || parse(reader, &plan, &sender));

    let txn = db.begin().await?;
    let sqlite = txn.get_database_backend() == DbBackend::Sqlite;
    if sqlite {
        // A large transaction overflows SQLite's default 2 MB page cache, which then spills
        // and re-reads index pages through the WAL; give this connection room while it imports.
        txn.execute_unprepared(&format!("PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))
            .await?;
    }
    let mut stored = 0u64;
    let outcome = async {
        // The daily counts of the whole file are added once, at the end: a batch spread over a
        // year would otherwise upsert about as many count rows as it inserts responses.
        let mut counts = DailyCounts::default();
        while let Some(parsed) = batches.recv().await {
            let parsed = parsed?;
            insert_responses(&txn, &parsed.batch, &mut counts).await?;
            stored += parsed.batch.len() as u64;
            progress(parsed.bytes);
        }
        counts.write(&txn).await?;
        Ok::<_, ImportError>(())
    }
    .await;
    // Stop the parser (it sees the channel closed) before answering.
    drop(batches);
    let _ = parser.join();
    if sqlite {
        txn.execute_unprepared("PRAGMA cache_size = -2000").await?;
    }
    outcome?;
    crate::audit::record(
        &txn,
        Utc::now(),
        Some(tp.organisation_id),
        actor,
        "responses.import",
        &format!("touchpoint {code}"),
        None,
        Some(serde_json::json!({ "responses": stored })),
    )
    .await?;
    txn.commit().await?;
    Ok(stored)
}

/// What the parsing thread needs to check the rows.
struct Plan {
    touchpoint_id: i32,
    survey_version_id: i32,
    questions: Vec<Question>,
    question_ids: Vec<i32>,
}

/// A batch of checked responses and how far into the file it ends.
struct Parsed {
    batch: Vec<NewResponse>,
    bytes: u64,
}

/// Reads and checks the whole file, sending batches; stops at the first bad cell (sent as the
/// last message) or when the receiver is gone.
fn parse<R: std::io::Read>(
    reader: R,
    plan: &Plan,
    sender: &tokio::sync::mpsc::Sender<Result<Parsed, ImportError>>,
) {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(reader);
    let columns = match columns(&mut csv, plan) {
        Ok(c) => c,
        Err(e) => {
            let _ = sender.blocking_send(Err(e));
            return;
        }
    };
    let mut batch = Vec::with_capacity(BATCH);
    let mut record = csv::StringRecord::new();
    loop {
        let line = csv.position().line();
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let _ = sender.blocking_send(Err(cell(line, 1, format!("unreadable line: {e}"))));
                return;
            }
        }
        match row(&record, line, &columns, plan) {
            Ok(response) => batch.push(response),
            Err(e) => {
                let _ = sender.blocking_send(Err(e));
                return;
            }
        }
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
            let parsed = Parsed {
                batch: full,
                bytes: csv.position().byte(),
            };
            if sender.blocking_send(Ok(parsed)).is_err() {
                return;
            }
        }
    }
    let _ = sender.blocking_send(Ok(Parsed {
        batch,
        bytes: csv.position().byte(),
    }));
}

/// The header: `submitted_at` then distinct question codes of the version, as (index of the
/// question, question id) per column.
fn columns<R: std::io::Read>(
    csv: &mut csv::Reader<R>,
    plan: &Plan,
) -> Result<Vec<(usize, i32)>, ImportError> {
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
        let Some(pos) = plan.questions.iter().position(|q| q.code.as_str() == name) else {
            return Err(cell(
                1,
                i + 1,
                format!("{name:?} is not a question of this survey"),
            ));
        };
        if columns.iter().any(|(p, _)| *p == pos) {
            return Err(cell(1, i + 1, format!("{name:?} appears twice")));
        }
        columns.push((pos, plan.question_ids[pos]));
    }
    Ok(columns)
}

/// One line of the file, checked.
fn row(
    record: &csv::StringRecord,
    line: u64,
    columns: &[(usize, i32)],
    plan: &Plan,
) -> Result<NewResponse, ImportError> {
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
    let mut answers = Vec::with_capacity(columns.len());
    for (i, (pos, question_id)) in columns.iter().enumerate() {
        let value = record.get(i + 1).unwrap_or("").trim();
        if value.is_empty() {
            continue;
        }
        let q = &plan.questions[*pos];
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
        answers.push(NewAnswer {
            question_id: *question_id,
            code: q.code.clone(),
            value: answer,
        });
    }
    if answers.is_empty() {
        return Err(cell(line, 2, "no answer on this line"));
    }
    Ok(NewResponse {
        touchpoint_id: plan.touchpoint_id,
        survey_version_id: plan.survey_version_id,
        submitted_at,
        language: Lang::Fr,
        answers,
        // Imported answers come from another system's paper or web survey: not verified here.
        verified: false,
    })
}
