//! Scoring a test (Marianne barometer convention): each criterion with a pass rule scores 0 or
//! 1, what does not apply is left out, the test's mark is 10 x passed / applicable.

use super::answers::{TestAnswers, resolve};
use super::grid::{CriterionCode, GridDefinition};
use super::kind::{Answer, PassRule};
use serde::{Deserialize, Serialize};

/// What became of one criterion in a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The answer passes the rule: 1 point out of 1.
    Passed,
    /// The answer fails the rule: 0 points out of 1.
    Failed,
    /// Left out: the criterion's condition is not met or the shopper answered `na`.
    NotApplicable,
    /// No pass rule (call length): reported, never scored.
    Informational,
    /// Applies but has no answer the rule can judge (a draft): left out.
    Unanswered,
}

/// A test's mark and each criterion's outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TestScore {
    /// Criteria passed.
    pub passed: u32,
    /// Criteria scored (passed or failed).
    pub applicable: u32,
    /// 10 x passed / applicable; `None` when nothing was scored.
    pub score: Option<f64>,
    /// Whether the mark reaches the grid's standard (never when there is no mark).
    pub meets_standard: bool,
    /// Every criterion of the grid, in grid order, with its outcome.
    pub per_criterion: Vec<(CriterionCode, Outcome)>,
}

/// Scores a test against its grid, with the grid's thresholds and standard.
pub fn score(grid: &GridDefinition, answers: &TestAnswers) -> TestScore {
    let per_criterion: Vec<(CriterionCode, Outcome)> = resolve(grid, answers)
        .into_iter()
        .map(|(c, applies, answer)| {
            let outcome = match answer {
                _ if !applies => Outcome::NotApplicable,
                Some(Answer::NotApplicable) => Outcome::NotApplicable,
                _ if c.rule == PassRule::None => Outcome::Informational,
                None => Outcome::Unanswered,
                Some(a) => match c.rule.judge(a) {
                    Some(true) => Outcome::Passed,
                    Some(false) => Outcome::Failed,
                    None => Outcome::Unanswered,
                },
            };
            (c.code.clone(), outcome)
        })
        .collect();
    let count = |o: Outcome| -> u32 {
        let n = per_criterion.iter().filter(|(_, x)| *x == o).count();
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    let passed = count(Outcome::Passed);
    let applicable = passed + count(Outcome::Failed);
    let score = (applicable > 0).then(|| 10.0 * f64::from(passed) / f64::from(applicable));
    // Compared without the division, so 7 out of 10 is exactly 7/10.
    let meets_standard =
        applicable > 0 && 10.0 * f64::from(passed) >= grid.standard * f64::from(applicable);
    TestScore {
        passed,
        applicable,
        score,
        meets_standard,
        per_criterion,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mystery::{default_call_grid, default_visit_grid, parse_answers, parse_draft};

    use crate::mystery::fixtures::{fields, good_call};

    fn with(changes: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut f = good_call();
        for (code, value) in changes {
            f.retain(|(k, _)| k != code);
            f.push((code.to_string(), value.to_string()));
        }
        f
    }

    fn call_score(f: &[(String, String)]) -> Option<TestScore> {
        let grid = default_call_grid();
        parse_answers(&grid, f).ok().map(|a| score(&grid, &a))
    }

    fn outcome(s: &TestScore, code: &str) -> Option<Outcome> {
        s.per_criterion
            .iter()
            .find(|(c, _)| c.as_str() == code)
            .map(|(_, o)| *o)
    }

    #[test]
    fn a_good_call_scores_ten() {
        let s = call_score(&good_call());
        assert_eq!(s.as_ref().map(|s| (s.passed, s.applicable)), Some((14, 14)));
        assert_eq!(s.as_ref().and_then(|s| s.score), Some(10.0));
        assert_eq!(s.map(|s| s.per_criterion.len()), Some(17));
    }

    #[test]
    fn na_is_left_out_of_the_score() {
        let s = call_score(&with(&[("C14", "na"), ("C15", "no")]));
        assert_eq!(s.as_ref().map(|s| (s.passed, s.applicable)), Some((12, 13)));
        assert_eq!(
            s.as_ref().and_then(|s| outcome(s, "C14")),
            Some(Outcome::NotApplicable)
        );
        assert_eq!(s.and_then(|s| outcome(&s, "C15")), Some(Outcome::Failed));
    }

    #[test]
    fn the_call_length_is_information_only() {
        let s = call_score(&good_call());
        assert_eq!(
            s.and_then(|s| outcome(&s, "C16")),
            Some(Outcome::Informational)
        );
    }

    #[test]
    fn rings_above_five_fail_c02() {
        let at_five = call_score(&with(&[("C02", "5")]));
        assert_eq!(
            at_five.and_then(|s| outcome(&s, "C02")),
            Some(Outcome::Passed)
        );
        let six = call_score(&with(&[("C02", "6")]));
        assert_eq!(six.and_then(|s| outcome(&s, "C02")), Some(Outcome::Failed));
    }

    #[test]
    fn partly_correct_answers_fail_c11_and_a_two_fails_a_scale() {
        let s = call_score(&with(&[("C11", "partly"), ("C12", "2")]));
        assert_eq!(
            s.as_ref().and_then(|s| outcome(s, "C11")),
            Some(Outcome::Failed)
        );
        assert_eq!(s.and_then(|s| outcome(&s, "C12")), Some(Outcome::Failed));
    }

    #[test]
    fn an_unpicked_call_scores_zero_out_of_one() {
        let s = call_score(&fields(&[("C01", "no")]));
        assert_eq!(s.as_ref().map(|s| (s.passed, s.applicable)), Some((0, 1)));
        assert_eq!(s.as_ref().and_then(|s| s.score), Some(0.0));
        assert_eq!(s.as_ref().map(|s| s.meets_standard), Some(false));
        let rest: Vec<Outcome> = s
            .map(|s| s.per_criterion[1..].iter().map(|(_, o)| *o).collect())
            .unwrap_or_default();
        assert_eq!(rest, [Outcome::NotApplicable; 16]);
    }

    #[test]
    fn a_test_meets_the_standard_at_seven_out_of_ten() {
        // The visit grid's first ten criteria, all scored: 3 failed leaves 7 out of 10.
        let mut grid = default_visit_grid();
        grid.criteria.truncate(10);
        for c in &mut grid.criteria {
            c.applies_when = None;
        }
        let answers = |failed: usize| {
            let f: Vec<(String, String)> = grid
                .criteria
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let pass = i >= failed;
                    let value = match (c.kind.is_scale(), c.kind.is_measure(), pass) {
                        (true, _, true) => "4",
                        (true, _, false) => "1",
                        (_, true, true) => "5",
                        (_, true, false) => "45",
                        (_, _, true) => "yes",
                        (_, _, false) => "no",
                    };
                    (c.code.to_string(), value.to_owned())
                })
                .collect();
            parse_answers(&grid, &f).ok().map(|a| score(&grid, &a))
        };
        let seven = answers(3);
        assert_eq!(
            seven.as_ref().map(|s| (s.passed, s.applicable)),
            Some((7, 10))
        );
        assert_eq!(seven.as_ref().and_then(|s| s.score), Some(7.0));
        assert_eq!(seven.map(|s| s.meets_standard), Some(true));
        let six = answers(4);
        assert_eq!(six.map(|s| s.meets_standard), Some(false));
    }

    #[test]
    fn the_standard_is_read_from_the_grid() {
        let mut grid = default_call_grid();
        let answers = parse_answers(&grid, &with(&[("C15", "no"), ("C17", "2")]));
        let answers = answers.unwrap_or_default();
        // 12 out of 14: 8.57.
        assert!(score(&grid, &answers).meets_standard);
        grid.standard = 9.0;
        assert!(!score(&grid, &answers).meets_standard);
    }

    #[test]
    fn editing_a_threshold_changes_the_outcome() {
        let mut grid = default_call_grid();
        let answers = parse_answers(&grid, &with(&[("C04", "45")])).unwrap_or_default();
        assert_eq!(
            outcome(&score(&grid, &answers), "C04"),
            Some(Outcome::Passed)
        );
        if let Some(c) = grid.criterion_mut("C04") {
            c.rule = PassRule::AtMost(30);
        }
        assert_eq!(grid.validate(), Ok(()));
        assert_eq!(
            outcome(&score(&grid, &answers), "C04"),
            Some(Outcome::Failed)
        );
    }

    #[test]
    fn a_draft_scores_what_it_has_and_marks_the_rest_unanswered() {
        let grid = default_call_grid();
        let draft = parse_draft(&grid, &fields(&[("C01", "yes"), ("C02", "7")]));
        let s = score(&grid, &draft.answers);
        assert_eq!((s.passed, s.applicable), (1, 2));
        assert_eq!(outcome(&s, "C05"), Some(Outcome::Unanswered));
    }

    #[test]
    fn nothing_scored_gives_no_mark_and_does_not_meet_the_standard() {
        let grid = default_call_grid();
        let s = score(&grid, &TestAnswers::default());
        assert_eq!((s.applicable, s.score, s.meets_standard), (0, None, false));
        assert_eq!(outcome(&s, "C01"), Some(Outcome::Unanswered));
        assert_eq!(outcome(&s, "C02"), Some(Outcome::NotApplicable));
    }

    #[test]
    fn the_pan_guidance_is_left_out_when_no_mediator_was_there() {
        let grid = default_visit_grid();
        let answers = parse_draft(&grid, &fields(&[("V14", "no"), ("V16", "1")])).answers;
        let s = score(&grid, &answers);
        assert_eq!(outcome(&s, "V14"), Some(Outcome::Failed));
        assert_eq!(outcome(&s, "V16"), Some(Outcome::NotApplicable));
    }
}
