//! Evaluation grids: criteria, their conditions of applicability, and the grid's checks.

use super::kind::{CriterionKind, PassRule};
use crate::{Lang, Translated};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Why a criterion code was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CriterionCodeError {
    /// Empty or longer than [`CriterionCode::MAX_LEN`].
    #[error("a criterion code has between 1 and {max} characters")]
    Length {
        /// The longest code accepted.
        max: usize,
    },
    /// A character outside the allowed set, or punctuation at an end.
    #[error("a criterion code uses uppercase letters, digits, and inner underscores or hyphens")]
    Charset,
}

/// The stable code of a criterion (`C01`, `V16`): the export column and the form field name.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CriterionCode(String);

impl CriterionCode {
    /// Longest accepted code.
    pub const MAX_LEN: usize = 12;

    /// Parses a code: uppercase letters, digits, and underscores or hyphens inside.
    pub fn parse(raw: &str) -> Result<Self, CriterionCodeError> {
        if raw.is_empty() || raw.len() > Self::MAX_LEN {
            return Err(CriterionCodeError::Length { max: Self::MAX_LEN });
        }
        let punct = ['_', '-'];
        let chars_ok = raw
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || punct.contains(&c));
        if chars_ok && !raw.starts_with(punct) && !raw.ends_with(punct) {
            Ok(Self(raw.to_owned()))
        } else {
            Err(CriterionCodeError::Charset)
        }
    }

    /// A code written in the seed grids; the tests check each one parses.
    pub(super) fn seed(raw: &'static str) -> Self {
        Self(raw.to_owned())
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for CriterionCode {
    type Error = CriterionCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<CriterionCode> for String {
    fn from(value: CriterionCode) -> Self {
        value.0
    }
}

impl fmt::Display for CriterionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A criterion applies only when an earlier criterion got a given answer (C02 "rings before
/// pickup" only when C01 "call picked up" is `yes`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// The earlier criterion.
    pub criterion: CriterionCode,
    /// The answer code it must have (`yes`, `3`...).
    pub answer: String,
}

/// One line of an evaluation grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// Stable code: the form field, the export column.
    pub code: CriterionCode,
    /// What is checked, as the shopper and the reports read it.
    pub label: Translated,
    /// The section heading the form groups consecutive criteria under (`Décroché`, `Accueil`).
    pub group: Translated,
    /// How to answer, for the shopper.
    #[serde(default)]
    pub help: Translated,
    /// The answer type.
    pub kind: CriterionKind,
    /// How the answer passes or fails.
    pub rule: PassRule,
    /// The referential engagement the criterion evidences (`M1-TEL-01`), if any.
    #[serde(default)]
    pub engagement: Option<String>,
    /// Whether a submitted test must answer it (when it applies).
    pub required: bool,
    /// When set, the criterion applies only if that earlier criterion got that answer.
    #[serde(default)]
    pub applies_when: Option<Condition>,
}

/// Why a grid cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GridError {
    /// A grid needs at least one criterion.
    #[error("a grid needs at least one criterion")]
    Empty,
    /// Two criteria share a code.
    #[error("two criteria use the code {0}")]
    DuplicateCode(CriterionCode),
    /// A criterion has no French label.
    #[error("criterion {0} has no French label")]
    MissingFrench(CriterionCode),
    /// The pass rule cannot judge the criterion's kind (`AtLeast` on a count...).
    #[error("criterion {0}: the pass rule does not fit the answer type")]
    RuleDoesNotFitKind(CriterionCode),
    /// The threshold is outside the answers the kind accepts.
    #[error("criterion {criterion}: the threshold must be between {min} and {max}")]
    ThresholdOutOfRange {
        /// The criterion.
        criterion: CriterionCode,
        /// Smallest threshold.
        min: u32,
        /// Largest threshold.
        max: u32,
    },
    /// The condition names no earlier criterion, or an answer that criterion cannot have.
    #[error("criterion {0}: the condition must name an earlier criterion and one of its answers")]
    BadCondition(CriterionCode),
    /// An engagement id that is present but blank.
    #[error("criterion {0}: the engagement id is blank")]
    BlankEngagement(CriterionCode),
    /// The standard is not a mark between 0 and 10.
    #[error("the standard must be between 0 and 10, not {0}")]
    Standard(f64),
}

/// A grid: its criteria in form order and the mark a test must reach.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GridDefinition {
    /// The criteria, in form order.
    pub criteria: Vec<Criterion>,
    /// The mark out of 10 at which a test meets the standard (default 7).
    #[serde(default = "default_standard")]
    pub standard: f64,
}

fn default_standard() -> f64 {
    GridDefinition::DEFAULT_STANDARD
}

impl GridDefinition {
    /// The Marianne barometer's standard: a test meets it at 7/10 or above.
    pub const DEFAULT_STANDARD: f64 = 7.0;

    /// Checks what a grid needs before use: criteria with unique codes and French labels,
    /// rules that fit their kinds with thresholds in range, conditions on an earlier
    /// criterion and one of its answers, non-blank engagement ids, a standard within 0-10.
    /// Stops at the first problem.
    pub fn validate(&self) -> Result<(), GridError> {
        if self.criteria.is_empty() {
            return Err(GridError::Empty);
        }
        if !(0.0..=10.0).contains(&self.standard) {
            return Err(GridError::Standard(self.standard));
        }
        let mut earlier: HashMap<&str, CriterionKind> = HashMap::new();
        for c in &self.criteria {
            let code = || c.code.clone();
            if earlier.contains_key(c.code.as_str()) {
                return Err(GridError::DuplicateCode(code()));
            }
            if !c.label.has(Lang::Fr) {
                return Err(GridError::MissingFrench(code()));
            }
            if !c.rule.fits(c.kind) {
                return Err(GridError::RuleDoesNotFitKind(code()));
            }
            if let (Some(t), Some((min, max))) = (c.rule.threshold(), c.kind.range())
                && !(min..=max).contains(&t)
            {
                return Err(GridError::ThresholdOutOfRange {
                    criterion: code(),
                    min,
                    max,
                });
            }
            if let Some(cond) = &c.applies_when {
                let canonical = earlier
                    .get(cond.criterion.as_str())
                    .and_then(|k| k.parse_answer(&cond.answer).ok().flatten())
                    .is_some_and(|a| a.code() == cond.answer);
                if !canonical {
                    return Err(GridError::BadCondition(code()));
                }
            }
            if c.engagement.as_ref().is_some_and(|e| e.trim().is_empty()) {
                return Err(GridError::BlankEngagement(code()));
            }
            earlier.insert(c.code.as_str(), c.kind);
        }
        Ok(())
    }

    /// The criterion with this code.
    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.code.as_str() == code)
    }

    /// The criterion with this code, to edit (a threshold, a label).
    pub fn criterion_mut(&mut self, code: &str) -> Option<&mut Criterion> {
        self.criteria.iter_mut().find(|c| c.code.as_str() == code)
    }

    /// Runs of consecutive criteria sharing a group heading, in form order.
    pub fn groups(&self) -> Vec<(&Translated, Vec<&Criterion>)> {
        let mut groups: Vec<(&Translated, Vec<&Criterion>)> = Vec::new();
        for c in &self.criteria {
            match groups.last_mut() {
                Some((heading, members)) if **heading == c.group => members.push(c),
                _ => groups.push((&c.group, vec![c])),
            }
        }
        groups
    }

    /// The distinct engagement ids the grid evidences, in first-seen order.
    pub fn engagements(&self) -> Vec<&str> {
        let mut seen = HashSet::new();
        self.criteria
            .iter()
            .filter_map(|c| c.engagement.as_deref())
            .filter(|e| seen.insert(*e))
            .collect()
    }
}

/// What an earlier criterion tells the conditions of later ones.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Known {
    /// It applies and has this answer code.
    Answer(String),
    /// It does not apply, or applies and is unanswered: no condition on it is met.
    Blank,
    /// Its value was refused: conditions on it can be neither met nor failed.
    Unknown,
}

/// Walks a grid in form order, deciding which criteria apply from the earlier ones.
#[derive(Debug, Default)]
pub(super) struct Applicability<'a> {
    seen: HashMap<&'a str, Known>,
}

impl<'a> Applicability<'a> {
    /// Whether `c` applies: `None` when its condition depends on a refused value. A condition
    /// on a criterion not seen yet (an unchecked grid) is not met.
    pub(super) fn applies(&self, c: &Criterion) -> Option<bool> {
        let Some(cond) = &c.applies_when else {
            return Some(true);
        };
        match self.seen.get(cond.criterion.as_str()) {
            Some(Known::Answer(a)) => Some(*a == cond.answer),
            Some(Known::Unknown) => None,
            Some(Known::Blank) | None => Some(false),
        }
    }

    /// Records what the criterion `code` tells the later ones.
    pub(super) fn record(&mut self, code: &'a CriterionCode, known: Known) {
        self.seen.insert(code.as_str(), known);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mystery::{default_call_grid, default_visit_grid};

    #[test]
    fn criterion_codes_accept_what_a_grid_prints() {
        for ok in ["C01", "V16", "TEL_2", "A-1", "ABCDEFGHIJKL"] {
            assert!(CriterionCode::parse(ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn criterion_codes_refuse_lowercase_blanks_and_loose_punctuation() {
        for bad in ["", "c01", "C 01", "-C01", "C01_", "É1", "ABCDEFGHIJKLM"] {
            assert!(CriterionCode::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(serde_json::from_str::<CriterionCode>("\"c01\"").is_err());
    }

    #[test]
    fn default_grids_validate() {
        assert_eq!(default_call_grid().validate(), Ok(()));
        assert_eq!(default_visit_grid().validate(), Ok(()));
    }

    #[test]
    fn seeded_codes_obey_the_code_rule() {
        for grid in [default_call_grid(), default_visit_grid()] {
            for c in &grid.criteria {
                assert!(CriterionCode::parse(c.code.as_str()).is_ok(), "{}", c.code);
            }
        }
    }

    #[test]
    fn duplicate_codes_are_refused() {
        let mut g = default_call_grid();
        let first = g.criteria[0].clone();
        g.criteria.push(first);
        assert_eq!(
            g.validate(),
            Err(GridError::DuplicateCode(CriterionCode::seed("C01")))
        );
    }

    #[test]
    fn a_rule_that_does_not_fit_its_kind_is_refused() {
        let mut g = default_call_grid();
        if let Some(c) = g.criterion_mut("C02") {
            c.rule = PassRule::AtLeast(3);
        }
        assert_eq!(
            g.validate(),
            Err(GridError::RuleDoesNotFitKind(CriterionCode::seed("C02")))
        );
    }

    #[test]
    fn a_threshold_outside_the_kind_range_is_refused() {
        let mut g = default_call_grid();
        if let Some(c) = g.criterion_mut("C07") {
            c.rule = PassRule::AtLeast(5);
        }
        assert_eq!(
            g.validate(),
            Err(GridError::ThresholdOutOfRange {
                criterion: CriterionCode::seed("C07"),
                min: 1,
                max: 4
            })
        );
    }

    #[test]
    fn a_condition_must_name_an_earlier_criterion_and_one_of_its_answers() {
        let mut g = default_call_grid();
        g.criteria[0].applies_when = g.criteria[1].applies_when.clone();
        assert!(matches!(g.validate(), Err(GridError::BadCondition(c)) if c.as_str() == "C01"));
        let mut g = default_call_grid();
        if let Some(cond) = g.criteria[1].applies_when.as_mut() {
            cond.answer = "partly".into();
        }
        assert!(matches!(g.validate(), Err(GridError::BadCondition(c)) if c.as_str() == "C02"));
    }

    #[test]
    fn a_standard_outside_zero_to_ten_is_refused() {
        let mut g = default_visit_grid();
        g.standard = 11.0;
        assert_eq!(g.validate(), Err(GridError::Standard(11.0)));
        g.standard = f64::NAN;
        assert!(g.validate().is_err());
    }

    #[test]
    fn a_grid_round_trips_through_json() {
        for grid in [default_call_grid(), default_visit_grid()] {
            let json = serde_json::to_string(&grid).unwrap_or_default();
            let back: Option<GridDefinition> = serde_json::from_str(&json).ok();
            assert_eq!(back.as_ref(), Some(&grid));
        }
    }

    #[test]
    fn a_stored_grid_without_a_standard_gets_seven() {
        let json = r#"{"criteria":[{"code":"X1","label":{"fr":"Salué"},"group":{"fr":"Accueil"},
            "kind":"yes_no","rule":"yes","required":true}]}"#;
        let grid: Option<GridDefinition> = serde_json::from_str(json).ok();
        assert_eq!(grid.as_ref().map(|g| g.standard), Some(7.0));
        assert_eq!(grid.map(|g| g.validate()), Some(Ok(())));
    }

    #[test]
    fn the_form_groups_consecutive_criteria_under_their_heading() {
        let g = default_call_grid();
        let headings: Vec<&str> = g.groups().iter().map(|(h, _)| h.get(Lang::Fr)).collect();
        assert_eq!(
            headings,
            ["Décroché", "Accueil", "Orientation", "Réponse", "Clôture"]
        );
        let sizes: usize = g.groups().iter().map(|(_, m)| m.len()).sum();
        assert_eq!(sizes, 17);
    }
}
