//! The export of responses (`server export-responses`, CSV or XLSX): one row per response with
//! its context, then one column per question code (answer codes; free text as written, each
//! cell one a spreadsheet does not run).

use super::sheet::{Cell, Sheet, SheetError, SheetFormat};
use domain::TouchpointCode;
use std::cell::RefCell;
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

/// Writes the responses (of `touchpoint` only, when given) in `format` to `out`; how many.
pub async fn write_responses<W: Write>(
    db: &db::Db,
    touchpoint: Option<&TouchpointCode>,
    format: SheetFormat,
    out: W,
) -> db::DbResult<u64> {
    let invalid = |e: SheetError| db::DbError::Invalid(e.to_string());
    let sheet = RefCell::new(Sheet::new(format, "responses", out).map_err(invalid)?);
    let count = db::export::export_responses(
        db,
        touchpoint,
        |columns| {
            let mut header: Vec<String> = CONTEXT_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
            header.extend(columns.iter().cloned());
            sheet.borrow_mut().header(&header)
        },
        |row| {
            let mut cells = vec![
                Cell::Number(f64::from(row.id)),
                Cell::Time(row.submitted_at),
                Cell::Text(&row.site),
                Cell::Text(&row.service),
                Cell::Text(&row.touchpoint),
                Cell::Text(&row.channel),
                Cell::Number(f64::from(row.survey_version)),
                Cell::Text(&row.language),
            ];
            cells.extend(row.answers.iter().map(|a| Cell::code(a)));
            sheet.borrow_mut().row(&cells)
        },
    )
    .await?;
    sheet.into_inner().finish().map_err(invalid)?;
    Ok(count)
}
