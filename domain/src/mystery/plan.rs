//! Campaign planning and the life of a test: time slots, weekdays, the spread of planned tests,
//! and the statuses a test goes through.

use crate::{Lang, Translated};
use serde::{Deserialize, Serialize};

/// When in the day a test is made; weak points often hide at midday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    /// Before noon.
    Morning,
    /// From noon to 2 p.m.
    Midday,
    /// From 2 p.m.
    Afternoon,
}

impl Slot {
    /// Every slot, in the day's order.
    pub const ALL: [Slot; 3] = [Slot::Morning, Slot::Midday, Slot::Afternoon];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Slot::Morning => "morning",
            Slot::Midday => "midday",
            Slot::Afternoon => "afternoon",
        }
    }

    /// Reads a stored code.
    pub fn parse(raw: &str) -> Option<Slot> {
        Slot::ALL.into_iter().find(|s| s.code() == raw.trim())
    }

    /// The slot of a local time of day (hour 0-23): morning before 12, midday 12-13, afternoon
    /// from 14.
    pub fn of_hour(hour: u32) -> Slot {
        match hour {
            0..=11 => Slot::Morning,
            12 | 13 => Slot::Midday,
            _ => Slot::Afternoon,
        }
    }

    /// Its name.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Slot::Morning, Lang::Fr) => "Matin",
            (Slot::Midday, Lang::Fr) => "Midi (12 h – 14 h)",
            (Slot::Afternoon, Lang::Fr) => "Après-midi",
            (Slot::Morning, Lang::En) => "Morning",
            (Slot::Midday, Lang::En) => "Midday (12–2 p.m.)",
            (Slot::Afternoon, Lang::En) => "Afternoon",
        }
    }
}

/// Names of the weekdays a test can be planned on, 1 (Monday) to 5 (Friday).
pub fn weekday_label(day: u8, lang: Lang) -> &'static str {
    const FR: [&str; 7] = [
        "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
    ];
    const EN: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let i = usize::from(day.clamp(1, 7)) - 1;
    match lang {
        Lang::Fr => FR[i],
        Lang::En => EN[i],
    }
}

/// One planned test: the weekday (1-5) and the slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlannedSlot {
    /// 1 (Monday) to 5 (Friday).
    pub weekday: u8,
    /// Morning, midday or afternoon.
    pub slot: Slot,
}

/// Spreads `count` tests of one target over weekdays and slots, so every slot and every weekday
/// gets its share before any gets a second (15 combinations; `offset` shifts the start, so
/// several targets do not all begin on Monday morning).
pub fn spread(count: u32, offset: u32) -> Vec<PlannedSlot> {
    // Walking weekday and slot together (5 and 3 are coprime) visits all 15 pairs.
    (0..count)
        .map(|i| {
            let k = i + offset;
            PlannedSlot {
                weekday: u8::try_from(k % 5).unwrap_or(0) + 1,
                slot: Slot::ALL[(k % 3) as usize],
            }
        })
        .collect()
}

/// Which of `count` scenarios the planned test number `k` (offset included) asks: the same one
/// for three tests in a row (morning, midday, afternoon), then the next, so no scenario is tied
/// to a slot (a weak slot is not a hard scenario in disguise).
pub fn scenario_for(k: u32, count: usize) -> usize {
    if count == 0 {
        return 0;
    }
    (k as usize / Slot::ALL.len()) % count
}

/// Where a test is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TestStatus {
    /// Being filled by the shopper (saved as they go).
    Draft,
    /// Sent to the referent.
    Submitted,
    /// Sent back to the shopper with a comment, to correct.
    Returned,
    /// Accepted by the referent: only these count in results.
    Validated,
}

impl TestStatus {
    /// Every status, in the order of a test's life.
    pub const ALL: [TestStatus; 4] = [
        TestStatus::Draft,
        TestStatus::Submitted,
        TestStatus::Returned,
        TestStatus::Validated,
    ];

    /// The stored (and exported) code.
    pub fn code(self) -> &'static str {
        match self {
            TestStatus::Draft => "draft",
            TestStatus::Submitted => "submitted",
            TestStatus::Returned => "returned",
            TestStatus::Validated => "validated",
        }
    }

    /// Reads a stored code.
    pub fn parse(raw: &str) -> Option<TestStatus> {
        TestStatus::ALL.into_iter().find(|s| s.code() == raw.trim())
    }

    /// Whether the shopper may still change the answers.
    pub fn editable(self) -> bool {
        matches!(self, TestStatus::Draft | TestStatus::Returned)
    }

    /// Its name.
    pub fn label(self) -> Translated {
        match self {
            TestStatus::Draft => Translated::fr_en("Brouillon", "Draft"),
            TestStatus::Submitted => Translated::fr_en("À valider", "Awaiting validation"),
            TestStatus::Returned => Translated::fr_en("À corriger", "Returned for correction"),
            TestStatus::Validated => Translated::fr_en("Validé", "Validated"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn fifteen_tests_visit_every_weekday_and_slot_once() {
        let plan = spread(15, 0);
        let pairs: HashSet<(u8, Slot)> = plan.iter().map(|p| (p.weekday, p.slot)).collect();
        assert_eq!(pairs.len(), 15);
        assert!(plan.iter().all(|p| (1..=5).contains(&p.weekday)));
    }

    #[test]
    fn a_few_tests_fall_in_different_slots_and_days() {
        let plan = spread(3, 0);
        let slots: HashSet<Slot> = plan.iter().map(|p| p.slot).collect();
        let days: HashSet<u8> = plan.iter().map(|p| p.weekday).collect();
        assert_eq!((slots.len(), days.len()), (3, 3));
        assert_ne!(spread(1, 0), spread(1, 1), "the offset moves the start");
    }

    #[test]
    fn every_scenario_meets_every_slot() {
        for scenarios in 1..=6usize {
            let plan = spread(45, 0);
            let mut seen = HashSet::new();
            for (k, p) in plan.iter().enumerate() {
                seen.insert((scenario_for(k as u32, scenarios), p.slot));
            }
            assert_eq!(seen.len(), scenarios * 3, "{scenarios} scenarios");
        }
    }

    #[test]
    fn hours_fall_in_their_slot() {
        assert_eq!(Slot::of_hour(9), Slot::Morning);
        assert_eq!(Slot::of_hour(12), Slot::Midday);
        assert_eq!(Slot::of_hour(13), Slot::Midday);
        assert_eq!(Slot::of_hour(14), Slot::Afternoon);
    }

    #[test]
    fn statuses_and_slots_read_back_their_codes() {
        for s in TestStatus::ALL {
            assert_eq!(TestStatus::parse(s.code()), Some(s));
        }
        for s in Slot::ALL {
            assert_eq!(Slot::parse(s.code()), Some(s));
        }
        assert!(TestStatus::Returned.editable() && !TestStatus::Submitted.editable());
    }
}
