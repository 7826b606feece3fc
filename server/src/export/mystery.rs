//! The export of a campaign's tests (`server export-tests`, CSV or XLSX): one row per test with its
//! status, its context, one column per criterion code with the answer code (`na` when not
//! applicable, empty when unanswered), its score out of 10 and whether it meets the standard.

use super::sheet::{Cell, Sheet, SheetError, SheetFormat};
use db::mystery::results::CampaignTests;
use std::io::Write;

/// The columns before the criteria.
pub const CONTEXT_COLUMNS: [&str; 10] = [
    "id",
    "campaign",
    "status",
    "performed_at",
    "weekday",
    "slot",
    "target",
    "service",
    "reached",
    "shopper",
];

/// Writes every test of `campaign` in `format` to `out`; returns how many rows were written.
pub fn write_tests<W: Write>(
    campaign: &CampaignTests,
    format: SheetFormat,
    out: W,
) -> Result<usize, SheetError> {
    let mut sheet = Sheet::new(format, "tests", out)?;
    let mut header: Vec<String> = CONTEXT_COLUMNS.iter().map(|c| (*c).to_owned()).collect();
    header.extend(
        campaign
            .definition
            .criteria
            .iter()
            .map(|c| c.code.as_str().to_owned()),
    );
    header.push("score".into());
    header.push("meets_standard".into());
    sheet.header(&header)?;
    for t in &campaign.tests {
        // Every text cell is one a spreadsheet does not run (a free-text criterion, the number
        // dialled, a code typed by someone).
        let mut cells = vec![
            Cell::Number(f64::from(t.id)),
            Cell::Text(&campaign.code),
            Cell::Text(t.status.code()),
            t.performed_at.map_or(Cell::Empty, Cell::Time),
            t.weekday
                .map_or(Cell::Empty, |d| Cell::Number(f64::from(d))),
            Cell::Text(t.slot.code()),
            Cell::Text(&t.target),
            t.service.as_deref().map_or(Cell::Empty, Cell::Text),
            Cell::Text(&t.reached),
            Cell::Text(&t.shopper),
        ];
        cells.extend(t.export.iter().map(|(_, v)| Cell::code(v)));
        cells.push(t.score.score.map_or(Cell::Empty, Cell::Number));
        cells.push(Cell::Bool(t.score.meets_standard));
        sheet.row(&cells)?;
    }
    sheet.finish()?;
    Ok(campaign.tests.len())
}
