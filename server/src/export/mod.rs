//! The exports of the command line: responses (`export-responses`) and a campaign's mystery
//! tests (`export-tests`), as CSV or XLSX (`sheet`), whose every text cell is one a spreadsheet
//! does not run (`domain::spreadsheet`); and the committee's report printed to PDF (`pdf`).

pub mod mystery;
pub mod pdf;
pub mod responses;
pub mod sheet;
