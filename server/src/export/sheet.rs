//! One sheet of an export, written as CSV or as XLSX from the same typed cells, so that both
//! formats carry the same columns and rows.
//!
//! - CSV: every text cell goes through `domain::spreadsheet::safe_cell` (a leading apostrophe
//!   for what a spreadsheet would run), numbers and times as text.
//! - XLSX (rust_xlsxwriter, constant memory: rows go to a temporary file as they come, so a
//!   million responses do not sit in memory): text as text cells, which no spreadsheet runs
//!   whatever they begin with, numbers as numbers, times as dates (UTC), the header row frozen.

use chrono::{DateTime, Utc};
use domain::spreadsheet::safe_cell;
use rust_xlsxwriter::{ColNum, Format, Workbook, XlsxError};
use std::io::{Seek, SeekFrom, Write};

/// The formats an export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

/// A cell of an export.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Time(DateTime<Utc>),
    Bool(bool),
    Empty,
}

impl<'a> Cell<'a> {
    /// An answer or code: a plain whole number (`4` on a scale, `0` to `10`) is a number,
    /// anything else text: a sign, a leading zero or more than 15 digits keep it as written.
    pub fn code(text: &'a str) -> Cell<'a> {
        let plain = (1..=15).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_digit())
            && (text == "0" || !text.starts_with('0'));
        match text.parse::<u64>() {
            Ok(n) if plain => Cell::Number(n as f64),
            _ if text.is_empty() => Cell::Empty,
            _ => Cell::Text(text),
        }
    }

    /// The cell as the CSV writes it.
    fn csv(&self) -> String {
        match self {
            Cell::Text(t) => safe_cell(t).into_owned(),
            Cell::Number(n) => n.to_string(),
            Cell::Time(at) => at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            Cell::Bool(b) => b.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// Why a sheet could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("writing the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("writing the CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error(
        "more than {max} rows do not fit in one XLSX sheet: export fewer (--touchpoint) or as CSV",
        max = XLSX_MAX_ROWS
    )]
    TooManyRows,
    #[error("writing the XLSX: {0}")]
    Xlsx(XlsxError),
}

impl From<XlsxError> for SheetError {
    fn from(e: XlsxError) -> Self {
        match e {
            XlsxError::RowColumnLimitError => SheetError::TooManyRows,
            XlsxError::IoError(io) => SheetError::Io(io),
            other => SheetError::Xlsx(other),
        }
    }
}

/// Rows of an XLSX sheet below its header (Excel's limit is 1,048,576 rows in all).
pub const XLSX_MAX_ROWS: u32 = 1_048_575;

/// A sheet being written: its header, then its rows, then `finish`.
pub enum Sheet<W: Write> {
    Csv(csv::Writer<W>),
    Xlsx {
        workbook: Box<Workbook>,
        row: u32,
        time: Format,
        out: W,
    },
}

impl<W: Write> Sheet<W> {
    /// A sheet named `name` (XLSX only) written to `out` when finished.
    pub fn new(format: SheetFormat, name: &str, out: W) -> Result<Sheet<W>, SheetError> {
        Ok(match format {
            SheetFormat::Csv => Sheet::Csv(csv::Writer::from_writer(out)),
            SheetFormat::Xlsx => {
                let mut workbook = Box::new(Workbook::new());
                workbook
                    .add_worksheet_with_constant_memory()
                    .set_name(name)?;
                Sheet::Xlsx {
                    workbook,
                    row: 0,
                    time: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
                    out,
                }
            }
        })
    }

    /// Writes the header row (frozen in XLSX).
    pub fn header(&mut self, names: &[String]) -> Result<(), SheetError> {
        let cells: Vec<Cell<'_>> = names.iter().map(|n| Cell::Text(n)).collect();
        self.row(&cells)?;
        if let Sheet::Xlsx { workbook, .. } = self {
            worksheet(workbook)?.set_freeze_panes(1, 0)?;
        }
        Ok(())
    }

    /// Writes one row.
    pub fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), SheetError> {
        match self {
            Sheet::Csv(writer) => writer.write_record(cells.iter().map(Cell::csv))?,
            Sheet::Xlsx {
                workbook,
                row,
                time,
                ..
            } => {
                if *row > XLSX_MAX_ROWS {
                    return Err(SheetError::TooManyRows);
                }
                let sheet = worksheet(workbook)?;
                for (col, cell) in cells.iter().enumerate() {
                    let col = ColNum::try_from(col)
                        .map_err(|_| SheetError::Xlsx(XlsxError::RowColumnLimitError))?;
                    match cell {
                        Cell::Text(t) => sheet.write_string(*row, col, *t)?,
                        Cell::Number(n) => sheet.write_number(*row, col, *n)?,
                        Cell::Time(at) => {
                            sheet.write_datetime_with_format(*row, col, at.naive_utc(), time)?
                        }
                        Cell::Bool(b) => sheet.write_boolean(*row, col, *b)?,
                        Cell::Empty => sheet,
                    };
                }
                *row += 1;
            }
        }
        Ok(())
    }

    /// Ends the sheet: flushes the CSV, or writes the XLSX file (through a temporary file,
    /// since a zip is written with seeks and standard output cannot seek).
    pub fn finish(self) -> Result<(), SheetError> {
        match self {
            Sheet::Csv(writer) => {
                writer
                    .into_inner()
                    .map_err(|e| SheetError::Io(e.into_error()))?
                    .flush()?;
            }
            Sheet::Xlsx {
                mut workbook,
                mut out,
                ..
            } => {
                let mut file = tempfile::tempfile()?;
                workbook.save_to_writer(&mut file)?;
                file.seek(SeekFrom::Start(0))?;
                std::io::copy(&mut file, &mut out)?;
                out.flush()?;
            }
        }
        Ok(())
    }
}

fn worksheet(workbook: &mut Workbook) -> Result<&mut rust_xlsxwriter::Worksheet, SheetError> {
    Ok(workbook.worksheet_from_index(0)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_numbers_and_codes_stay_text() {
        assert_eq!(Cell::code("4"), Cell::Number(4.0));
        assert_eq!(Cell::code("10"), Cell::Number(10.0));
        assert_eq!(Cell::code("lt10"), Cell::Text("lt10"));
        assert_eq!(Cell::code("+33 3 84"), Cell::Text("+33 3 84"));
        assert_eq!(Cell::code("+3"), Cell::Text("+3"));
        assert_eq!(Cell::code("-2"), Cell::Text("-2"));
        assert_eq!(Cell::code("007"), Cell::Text("007"));
        assert_eq!(Cell::code("0"), Cell::Number(0.0));
        assert_eq!(Cell::code(""), Cell::Empty);
    }

    #[test]
    fn the_csv_guards_what_a_spreadsheet_would_run() {
        let mut out = Vec::new();
        let mut sheet = Sheet::new(SheetFormat::Csv, "x", &mut out).expect("sheet");
        sheet.header(&["a".into(), "b".into()]).expect("header");
        sheet
            .row(&[Cell::Text("=1+1"), Cell::Number(3.0)])
            .expect("row");
        sheet.finish().expect("finish");
        assert_eq!(String::from_utf8(out).expect("utf-8"), "a,b\n'=1+1,3\n");
    }
}
