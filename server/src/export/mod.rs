//! The exports of the command line: responses (`export-responses`) and a campaign's mystery
//! tests (`export-tests`), as CSV or XLSX (`sheet`), whose every text cell is one a spreadsheet
//! does not run (`domain::spreadsheet`).

pub mod mystery;
pub mod responses;
pub mod sheet;
