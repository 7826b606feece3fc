//! From scored mystery tests to results: conformity per criterion and per engagement, the share
//! of tests meeting the standard and the mean score, each with n and its interval, flagged
//! fragile under 10 tests; breakdowns by target, service, slot, weekday and shopper; the change
//! from the previous campaign. Pure functions over [`db::mystery::results::CampaignTests`].

use crate::change::Change;
use db::mystery::results::{CampaignTests, ScoredTest};
use domain::mystery::{Outcome, PassRule, Slot};
use serde::Serialize;
use stats::{DifferenceMethod, ProportionMethod};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// A rate with its interval.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Rate {
    /// The share in [0, 1] (`null` when n = 0).
    pub estimate: Option<f64>,
    /// Lower bound of its interval.
    pub lower: Option<f64>,
    /// Upper bound.
    pub upper: Option<f64>,
    /// How many it rests on (applicable tests for a criterion).
    pub n: u64,
    /// How many passed.
    pub passed: u64,
    /// Fewer tests than the fragility threshold (10 by default): read with care.
    pub fragile: bool,
    /// The change from the previous campaign (Newcombe), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

/// The mean score out of 10 with its interval (Student t).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ScoreFigure {
    /// The mean score (`null` when no test was scored).
    pub estimate: Option<f64>,
    /// Lower bound.
    pub lower: Option<f64>,
    /// Upper bound.
    pub upper: Option<f64>,
    /// Scored tests.
    pub n: u64,
    /// Fewer tests than the fragility threshold (10 by default): read with care.
    pub fragile: bool,
    /// The change from the previous campaign (Welch), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

/// One criterion's conformity.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CriterionRate {
    /// Its code (`C02`).
    pub code: String,
    /// Its label in French.
    pub label: String,
    /// The engagement it evidences.
    pub engagement: Option<String>,
    /// Tests where it applied.
    pub n: u64,
    /// Tests where it passed.
    pub passed: u64,
    /// passed / n.
    pub estimate: Option<f64>,
    /// Lower bound.
    pub lower: Option<f64>,
    /// Upper bound.
    pub upper: Option<f64>,
    /// Fewer tests than the fragility threshold (10 by default).
    pub fragile: bool,
    /// The change from the previous campaign (Newcombe), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
}

/// One engagement's conformity: each test's share of its criteria passed, averaged over the
/// tests (checks within one test are not independent, so the test is the unit: Student
/// interval, fragile by the number of tests).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct EngagementRate {
    /// Its id (`M1-TEL-01`).
    pub id: String,
    /// Its criteria.
    pub criteria: Vec<String>,
    /// Tests where at least one of its criteria applied.
    pub tests: u64,
    /// Checks (criterion x test) that applied, and those that passed.
    pub checks: u64,
    /// Checks that passed.
    pub passed: u64,
    /// Mean over the tests of the share of checks passed, in [0, 1].
    pub estimate: Option<f64>,
    /// Lower bound (Student).
    pub lower: Option<f64>,
    /// Upper bound.
    pub upper: Option<f64>,
    /// Fewer tests than the fragility threshold.
    pub fragile: bool,
}

/// The figures of one group of tests (a target, a slot, a shopper...).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Group {
    /// The group (`standard`, `midday`, `3` for Wednesday, a shopper's pseudonym `shopper-1`).
    pub key: String,
    /// Tests in it.
    pub tests: u64,
    /// Its mean score.
    pub score: ScoreFigure,
    /// Its share of tests meeting the standard.
    pub meets_standard: Rate,
}

/// The results of a campaign, on its validated tests.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CampaignResults {
    /// The campaign's code.
    pub campaign: String,
    /// Validated tests.
    pub tests: u64,
    /// Mean score out of 10.
    pub score: ScoreFigure,
    /// Share of tests at or above the standard.
    pub meets_standard: Rate,
    /// The standard (out of 10).
    pub standard: f64,
    /// Conformity per criterion, in grid order (criteria with a pass rule).
    pub criteria: Vec<CriterionRate>,
    /// Conformity per engagement.
    pub engagements: Vec<EngagementRate>,
    /// Per target.
    pub by_target: Vec<Group>,
    /// Per service of the targets.
    pub by_service: Vec<Group>,
    /// Per slot (morning, midday, afternoon).
    pub by_slot: Vec<Group>,
    /// Per weekday (1 = Monday).
    pub by_weekday: Vec<Group>,
    /// Per shopper, by pseudonym (`shopper-1`, `shopper-2`, … in the order of their accounts;
    /// never their e-mail): a shopper who scores differently shows here.
    pub by_shopper: Vec<Group>,
    /// The previous campaign compared with, if any.
    pub previous: Option<String>,
    /// The interval method of the rates.
    #[schema(value_type = String)]
    pub ci: &'static str,
    /// The confidence level.
    pub level: f64,
    /// Below this many tests a figure is flagged fragile.
    pub fragile_below: u64,
}

/// How the figures are computed.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Interval method for rates (Wilson by default).
    pub method: ProportionMethod,
    /// Confidence level.
    pub level: f64,
    /// Below this many tests a figure is fragile (`FRAGILE_BELOW_TESTS`, 10 by default: volumes
    /// are small).
    pub fragile_below: u64,
}

fn rate(passed: u64, n: u64, earlier: Option<(u64, u64)>, s: Settings) -> Rate {
    let interval = stats::proportion_interval(passed, n, s.level, s.method).ok();
    Rate {
        estimate: interval.map(|i| i.estimate),
        lower: interval.map(|i| i.lower),
        upper: interval.map(|i| i.upper),
        n,
        passed,
        fragile: n < s.fragile_below,
        change: earlier.and_then(|(x2, n2)| {
            stats::proportion_difference(passed, n, x2, n2, s.level, DifferenceMethod::Newcombe)
                .ok()
                .map(|d| Change {
                    estimate: d.estimate,
                    lower: d.lower,
                    upper: d.upper,
                    p_value: d.p_value,
                })
        }),
    }
}

fn scores(tests: &[&ScoredTest]) -> Vec<f64> {
    tests.iter().filter_map(|t| t.score.score).collect()
}

fn score_figure(
    tests: &[&ScoredTest],
    earlier: Option<&[&ScoredTest]>,
    s: Settings,
) -> ScoreFigure {
    let values = scores(tests);
    let n = values.len() as u64;
    let interval = stats::mean_interval_from_values(&values, s.level).ok();
    let (estimate, lower, upper) = match (interval, values.as_slice()) {
        (Some(i), _) => (
            Some(i.estimate),
            Some(i.lower.clamp(0.0, 10.0)),
            Some(i.upper.clamp(0.0, 10.0)),
        ),
        // One test: its score, without an interval.
        (None, [one]) => (Some(*one), None, None),
        (None, _) => (None, None, None),
    };
    ScoreFigure {
        estimate,
        lower,
        upper,
        n,
        fragile: n < s.fragile_below,
        change: earlier.and_then(|e| {
            stats::mean_difference_from_values(&values, &scores(e), s.level)
                .ok()
                .map(|d| Change {
                    estimate: d.estimate,
                    lower: d.lower,
                    upper: d.upper,
                    p_value: d.p_value,
                })
        }),
    }
}

fn meeting(tests: &[&ScoredTest]) -> (u64, u64) {
    let scored: Vec<&&ScoredTest> = tests.iter().filter(|t| t.score.score.is_some()).collect();
    let met = scored.iter().filter(|t| t.score.meets_standard).count() as u64;
    (met, scored.len() as u64)
}

/// Passed and applicable tests of one criterion.
fn criterion_counts(tests: &[&ScoredTest], code: &str) -> (u64, u64) {
    let mut passed = 0;
    let mut applicable = 0;
    for t in tests {
        match t
            .score
            .per_criterion
            .iter()
            .find(|(c, _)| c.as_str() == code)
            .map(|(_, o)| o)
        {
            Some(Outcome::Passed) => {
                passed += 1;
                applicable += 1;
            }
            Some(Outcome::Failed) => applicable += 1,
            _ => {}
        }
    }
    (passed, applicable)
}

fn groups<F: Fn(&ScoredTest) -> Option<String>>(
    tests: &[&ScoredTest],
    key: F,
    s: Settings,
) -> Vec<Group> {
    let mut by: BTreeMap<String, Vec<&ScoredTest>> = BTreeMap::new();
    for t in tests {
        if let Some(k) = key(t) {
            by.entry(k).or_default().push(t);
        }
    }
    by.into_iter()
        .map(|(key, members)| {
            let (met, n) = meeting(&members);
            Group {
                key,
                tests: members.len() as u64,
                score: score_figure(&members, None, s),
                meets_standard: rate(met, n, None, s),
            }
        })
        .collect()
}

/// The pseudonym of a shopper among the shoppers of `tests`: `shopper-N`, N their rank by
/// account.
fn pseudonym(tests: &[&ScoredTest], shopper_id: i32) -> String {
    let mut ids: Vec<i32> = tests.iter().map(|t| t.shopper_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let rank = ids.iter().position(|&id| id == shopper_id).unwrap_or(0) + 1;
    format!("shopper-{rank}")
}

/// The results of `current`'s validated tests, compared with `previous`'s when given.
pub fn campaign_results(
    current: &CampaignTests,
    previous: Option<&CampaignTests>,
    s: Settings,
) -> CampaignResults {
    let validated = |c: &CampaignTests| -> Vec<ScoredTest> {
        c.tests
            .iter()
            .filter(|t| t.status == domain::mystery::TestStatus::Validated)
            .cloned()
            .collect()
    };
    let now_owned = validated(current);
    let now: Vec<&ScoredTest> = now_owned.iter().collect();
    let before_owned = previous.map(validated);
    let before: Option<Vec<&ScoredTest>> = before_owned.as_ref().map(|b| b.iter().collect());
    let before = before.as_deref();
    let (met, n) = meeting(&now);
    let grid = &current.definition;
    let criteria: Vec<CriterionRate> = grid
        .criteria
        .iter()
        .filter(|c| c.rule != PassRule::None)
        .map(|c| {
            let code = c.code.as_str();
            let (passed, applicable) = criterion_counts(&now, code);
            let r = rate(
                passed,
                applicable,
                before.map(|b| criterion_counts(b, code)),
                s,
            );
            CriterionRate {
                code: code.to_owned(),
                label: c.label.get(domain::Lang::Fr).to_owned(),
                engagement: c.engagement.clone(),
                n: applicable,
                passed,
                estimate: r.estimate,
                lower: r.lower,
                upper: r.upper,
                fragile: r.fragile,
                change: r.change,
            }
        })
        .collect();
    let engagements = grid
        .engagements()
        .into_iter()
        .map(|id| {
            let codes: Vec<&str> = grid
                .criteria
                .iter()
                .filter(|c| c.engagement.as_deref() == Some(id) && c.rule != PassRule::None)
                .map(|c| c.code.as_str())
                .collect();
            engagement_rate(id, &codes, &now, s)
        })
        .collect();
    CampaignResults {
        campaign: current.code.clone(),
        tests: now.len() as u64,
        score: score_figure(&now, before, s),
        meets_standard: rate(met, n, before.map(meeting), s),
        standard: grid.standard,
        criteria,
        engagements,
        by_target: groups(&now, |t| Some(t.target.clone()), s),
        by_service: groups(&now, |t| t.service.clone(), s),
        by_slot: groups(&now, |t| Some(t.slot.code().to_owned()), s),
        by_weekday: groups(&now, |t| t.weekday.map(|d| d.to_string()), s),
        by_shopper: groups(&now, |t| Some(pseudonym(&now, t.shopper_id)), s),
        previous: previous.map(|p| p.code.clone()),
        ci: s.method.code(),
        level: s.level,
        fragile_below: s.fragile_below,
    }
}

fn engagement_rate(id: &str, codes: &[&str], tests: &[&ScoredTest], s: Settings) -> EngagementRate {
    let (mut checks, mut passed) = (0u64, 0u64);
    let mut shares = Vec::new();
    for t in tests {
        let (p, a) = codes
            .iter()
            .map(|code| criterion_counts(std::slice::from_ref(t), code))
            .fold((0, 0), |(p, a), (x, n)| (p + x, a + n));
        if a > 0 {
            shares.push(p as f64 / a as f64);
            checks += a;
            passed += p;
        }
    }
    let interval = stats::mean_interval_from_values(&shares, s.level).ok();
    let (estimate, lower, upper) = match (interval, shares.as_slice()) {
        (Some(i), _) => (
            Some(i.estimate),
            Some(i.lower.clamp(0.0, 1.0)),
            Some(i.upper.clamp(0.0, 1.0)),
        ),
        (None, [one]) => (Some(*one), None, None),
        (None, _) => (None, None, None),
    };
    EngagementRate {
        id: id.to_owned(),
        criteria: codes.iter().map(|c| (*c).to_owned()).collect(),
        tests: shares.len() as u64,
        checks,
        passed,
        estimate,
        lower,
        upper,
        fragile: (shares.len() as u64) < s.fragile_below,
    }
}

/// The slots in the day's order, for displays that sort groups by slot.
pub fn slot_order(key: &str) -> usize {
    Slot::ALL
        .iter()
        .position(|s| s.code() == key)
        .unwrap_or(Slot::ALL.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::mystery::{TestStatus, default_call_grid, parse_draft, score};

    /// A call: picked up or not, with every other scored criterion passing or (`weak`) the
    /// callback offer (C13) failing.
    fn call(id: i32, picked_up: bool, weak: bool, status: TestStatus, slot: Slot) -> ScoredTest {
        let grid = default_call_grid();
        let mut pairs = vec![("C01", if picked_up { "yes" } else { "no" })];
        if picked_up {
            pairs.extend([
                ("C02", "3"),
                ("C03", "yes"),
                ("C04", "25"),
                ("C05", "yes"),
                ("C06", "yes"),
                ("C07", "4"),
                ("C08", "3"),
                ("C09", "0"),
                ("C10", "yes"),
                ("C11", "yes"),
                ("C12", "4"),
                ("C13", if weak { "no" } else { "yes" }),
                ("C14", "yes"),
                ("C15", "yes"),
                ("C16", "150"),
                ("C17", "4"),
            ]);
        }
        let fields: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let answers = parse_draft(&grid, &fields).answers;
        ScoredTest {
            id,
            status,
            target: "standard".into(),
            service: Some("accueil".into()),
            slot,
            weekday: Some(2),
            shopper: "testeur@example.gouv.fr".into(),
            shopper_id: 7,
            performed_at: None,
            reached: String::new(),
            export: Vec::new(),
            score: score(&grid, &answers),
        }
    }

    fn campaign(code: &str, tests: Vec<ScoredTest>) -> CampaignTests {
        CampaignTests {
            code: code.into(),
            title: code.into(),
            grid: "call".into(),
            definition: default_call_grid(),
            from: chrono::NaiveDate::MIN,
            to: chrono::NaiveDate::MAX,
            tests,
        }
    }

    fn settings() -> Settings {
        Settings {
            method: ProportionMethod::Wilson,
            level: 0.95,
            fragile_below: 10,
        }
    }

    #[test]
    fn only_validated_tests_count_and_an_unanswered_call_scores_zero() {
        let current = campaign(
            "t4",
            vec![
                call(1, true, false, TestStatus::Validated, Slot::Morning),
                call(2, true, true, TestStatus::Validated, Slot::Morning),
                call(3, false, false, TestStatus::Validated, Slot::Afternoon),
                call(4, true, true, TestStatus::Submitted, Slot::Morning),
            ],
        );
        let r = campaign_results(&current, None, settings());
        assert_eq!(r.tests, 3, "the submitted test waits for the referent");
        assert_eq!(r.score.n, 3);
        let marks: Vec<f64> = [1, 2, 3]
            .iter()
            .filter_map(|i| current.tests[*i - 1].score.score)
            .collect();
        assert_eq!(marks[2], 0.0, "not picked up: 0 / 10");
        let mean = marks.iter().sum::<f64>() / 3.0;
        assert!((r.score.estimate.unwrap_or(f64::NAN) - mean).abs() < 1e-9);
        let (lower, upper) = (r.score.lower.unwrap_or(0.0), r.score.upper.unwrap_or(10.0));
        assert!((0.0..=mean).contains(&lower) && (mean..=10.0).contains(&upper));
        assert!(r.score.fragile && r.meets_standard.fragile, "3 tests < 10");
        // C13 applied to the two calls picked up and failed once; not to the third.
        let c13 = r.criteria.iter().find(|c| c.code == "C13").expect("C13");
        assert_eq!((c13.passed, c13.n), (1, 2));
        let c01 = r.criteria.iter().find(|c| c.code == "C01").expect("C01");
        assert_eq!((c01.passed, c01.n), (2, 3));
        let morning = r
            .by_slot
            .iter()
            .find(|g| g.key == "morning")
            .expect("morning");
        assert_eq!(morning.tests, 2);
    }

    #[test]
    fn the_change_from_the_previous_campaign_is_current_minus_earlier() {
        let now = campaign(
            "t4",
            (0..12)
                .map(|i| call(i, true, false, TestStatus::Validated, Slot::Midday))
                .collect(),
        );
        let before = campaign(
            "t3",
            (0..12)
                .map(|i| call(i, i % 2 == 0, true, TestStatus::Validated, Slot::Midday))
                .collect(),
        );
        let r = campaign_results(&now, Some(&before), settings());
        assert_eq!(r.previous.as_deref(), Some("t3"));
        let c01 = r.criteria.iter().find(|c| c.code == "C01").expect("C01");
        let change = c01.change.expect("a change");
        assert!((change.estimate - 0.5).abs() < 1e-9, "12/12 against 6/12");
        assert!(change.lower < 0.5 && 0.5 < change.upper && change.p_value < 0.05);
        let score_change = r.score.change.expect("a change of the mean score");
        assert!(score_change.estimate > 0.0);
        assert!(!r.score.fragile, "12 tests");
    }
}
