//! The figures the referent entered (footfall, the switchboard's pickup rate, e-mails answered
//! within 5 days, complaints, delivery delays) over a period: counts add up, rates and delays
//! are averaged over the months or quarters entered. Only entries lying wholly within the
//! period count, so a quarter's figure is never split into months.

use crate::period::Period;
use db::figures::{FigureKind, FigureRow, parse_period};

/// The figure of `kind` over `period`: the sum of the entries (counts) or their mean (rates,
/// delays) over the entries lying within it, for every service; `None` when none was entered.
pub fn entered(rows: &[FigureRow], kind: FigureKind, period: Period) -> Option<f64> {
    let values: Vec<f64> = rows
        .iter()
        .filter(|r| r.kind == kind)
        .filter(|r| {
            parse_period(&r.period).is_some_and(|(from, to)| from >= period.from && to <= period.to)
        })
        .map(|r| r.value)
        .collect();
    if values.is_empty() {
        return None;
    }
    let sum: f64 = values.iter().sum();
    Some(if kind.is_count() {
        sum
    } else {
        sum / values.len() as f64
    })
}

/// Where the entries of `kind` that [`entered`] counts over `period` come from: each source
/// named once, in the order of the entries; empty when none said.
pub fn sources(rows: &[FigureRow], kind: FigureKind, period: Period) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in rows.iter().filter(|r| r.kind == kind).filter(|r| {
        parse_period(&r.period).is_some_and(|(from, to)| from >= period.from && to <= period.to)
    }) {
        if let Some(s) = r.source.as_ref().filter(|s| !out.contains(s)) {
            out.push(s.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn row(kind: FigureKind, service: Option<&str>, period: &str, value: f64) -> FigureRow {
        FigureRow {
            kind,
            service: service.map(str::to_owned),
            period: period.into(),
            value,
            entered_by: "referente@example.fr".into(),
            source: None,
        }
    }

    fn quarter() -> Period {
        Period {
            from: NaiveDate::from_ymd_opt(2026, 7, 1).expect("day"),
            to: NaiveDate::from_ymd_opt(2026, 9, 30).expect("day"),
        }
    }

    #[test]
    fn counts_add_up_and_rates_are_averaged_within_the_period() {
        let rows = [
            row(FigureKind::Footfall, Some("titres"), "2026-07", 1200.0),
            row(FigureKind::Footfall, Some("titres"), "2026-08", 800.0),
            row(FigureKind::Footfall, Some("etrangers"), "2026-T3", 1500.0),
            row(FigureKind::Footfall, Some("titres"), "2026-06", 999.0),
            row(FigureKind::CallPickupRate, None, "2026-07", 96.0),
            row(FigureKind::CallPickupRate, None, "2026-08", 94.0),
            row(FigureKind::Complaints, None, "2026-T3", 4.0),
        ];
        assert_eq!(
            entered(&rows, FigureKind::Footfall, quarter()),
            Some(3500.0)
        );
        assert_eq!(
            entered(&rows, FigureKind::CallPickupRate, quarter()),
            Some(95.0)
        );
        assert_eq!(entered(&rows, FigureKind::Complaints, quarter()), Some(4.0));
        assert_eq!(
            entered(&rows, FigureKind::EmailsWithin5Days, quarter()),
            None
        );
        // A quarter's entry is not split into one of its months.
        let july = Period {
            from: NaiveDate::from_ymd_opt(2026, 7, 1).expect("day"),
            to: NaiveDate::from_ymd_opt(2026, 7, 31).expect("day"),
        };
        assert_eq!(entered(&rows, FigureKind::Footfall, july), Some(1200.0));
        assert_eq!(entered(&rows, FigureKind::Complaints, july), None);
    }

    #[test]
    fn the_sources_are_those_of_the_entries_counted_each_named_once() {
        let with = |source: Option<&str>, r: FigureRow| FigureRow {
            source: source.map(str::to_owned),
            ..r
        };
        let rows = [
            with(
                Some("standard"),
                row(FigureKind::CallPickupRate, None, "2026-07", 96.0),
            ),
            with(
                Some("standard"),
                row(FigureKind::CallPickupRate, None, "2026-08", 94.0),
            ),
            with(None, row(FigureKind::CallPickupRate, None, "2026-09", 92.0)),
            with(
                Some("ancien outil"),
                row(FigureKind::CallPickupRate, None, "2026-06", 90.0),
            ),
            with(
                Some("ANTS"),
                row(FigureKind::DelayIdCards, None, "2026-T3", 18.0),
            ),
        ];
        assert_eq!(
            sources(&rows, FigureKind::CallPickupRate, quarter()),
            ["standard"]
        );
        assert_eq!(
            sources(&rows, FigureKind::DelayIdCards, quarter()),
            ["ANTS"]
        );
        assert!(sources(&rows, FigureKind::Complaints, quarter()).is_empty());
    }
}
