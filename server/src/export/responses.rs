//! The CSV export of responses (`server export-responses`): one row per response with its
//! context, then one column per question code (answer codes; free text as written, each cell one
//! a spreadsheet does not run).

use domain::TouchpointCode;
use domain::spreadsheet::safe_cell;
use std::io::Write;

/// The columns before the questions.
pub const CONTEXT_COLUMNS: [&str; 8] = [
    "id",
    "submitted_at",
    "site",
    "service",
    "touchpoint",
    "channel",
    "survey_version",
    "language",
];

/// Writes the responses (of `touchpoint` only, when given) as CSV to `out`; how many.
pub async fn write_responses<W: Write>(
    db: &db::Db,
    touchpoint: Option<&TouchpointCode>,
    out: W,
) -> db::DbResult<u64> {
    let writer = std::cell::RefCell::new(csv::Writer::from_writer(out));
    let count = db::export::export_responses(
        db,
        touchpoint,
        |columns| {
            let mut header: Vec<String> = CONTEXT_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
            header.extend(columns.iter().map(|c| safe_cell(c).into_owned()));
            writer.borrow_mut().write_record(&header)
        },
        |row| {
            let mut record = vec![
                row.id.to_string(),
                row.submitted_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                safe_cell(&row.site).into_owned(),
                safe_cell(&row.service).into_owned(),
                safe_cell(&row.touchpoint).into_owned(),
                safe_cell(&row.channel).into_owned(),
                row.survey_version.to_string(),
                safe_cell(&row.language).into_owned(),
            ];
            record.extend(row.answers.iter().map(|a| safe_cell(a).into_owned()));
            writer.borrow_mut().write_record(&record)
        },
    )
    .await?;
    writer
        .into_inner()
        .flush()
        .map_err(|e| db::DbError::Invalid(format!("writing the export: {e}")))?;
    Ok(count)
}
