//! The CSV export of a campaign's tests (`server export-tests`): one row per test with its
//! status, its context, one column per criterion code with the answer code (`na` when not
//! applicable, empty when unanswered), its score out of 10 and whether it meets the standard.

use db::mystery::results::CampaignTests;
use domain::spreadsheet::safe_cell;
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

/// Writes every test of `campaign` as CSV; returns how many rows were written.
pub fn write_tests<W: Write>(campaign: &CampaignTests, out: W) -> csv::Result<usize> {
    let mut writer = csv::Writer::from_writer(out);
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
    writer.write_record(&header)?;
    for t in &campaign.tests {
        // Every text cell is one a spreadsheet does not run (a free-text criterion, the number
        // dialled, a code typed by someone).
        let mut record = vec![
            t.id.to_string(),
            safe_cell(&campaign.code).into_owned(),
            t.status.code().to_owned(),
            t.performed_at
                .map(|at| at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default(),
            t.weekday.map(|d| d.to_string()).unwrap_or_default(),
            t.slot.code().to_owned(),
            safe_cell(&t.target).into_owned(),
            safe_cell(t.service.as_deref().unwrap_or_default()).into_owned(),
            safe_cell(&t.reached).into_owned(),
            safe_cell(&t.shopper).into_owned(),
        ];
        record.extend(t.export.iter().map(|(_, v)| safe_cell(v).into_owned()));
        record.push(t.score.score.map(|s| s.to_string()).unwrap_or_default());
        record.push(t.score.meets_standard.to_string());
        writer.write_record(&record)?;
    }
    writer.flush()?;
    Ok(campaign.tests.len())
}
