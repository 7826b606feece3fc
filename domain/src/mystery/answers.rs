//! Reading a shopper's answers from form fields, strictly (submit) or leniently (draft), and
//! the export row of a test.

use super::grid::{Applicability, Criterion, CriterionCode, GridDefinition, Known};
use super::kind::{Answer, AnswerProblem};
use crate::Lang;
use serde::{Deserialize, Serialize};

/// A test's answers, in grid order; unanswered criteria are left out.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TestAnswers {
    /// (criterion code, answer) for every answered criterion.
    pub answers: Vec<(CriterionCode, Answer)>,
}

impl TestAnswers {
    /// The answer given to the criterion `code`.
    pub fn get(&self, code: &str) -> Option<&Answer> {
        self.answers
            .iter()
            .find(|(c, _)| c.as_str() == code)
            .map(|(_, a)| a)
    }

    /// The answers as form fields (code, answer code): what [`parse_answers`] and
    /// [`parse_draft`] read back, and a way to store them.
    pub fn to_fields(&self) -> Vec<(String, String)> {
        self.answers
            .iter()
            .map(|(c, a)| (c.to_string(), a.code()))
            .collect()
    }
}

/// A problem attached to a criterion, shown next to its field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{criterion}: {problem}")]
pub struct AnswerError {
    /// The criterion.
    pub criterion: CriterionCode,
    /// What is wrong.
    pub problem: AnswerProblem,
}

impl AnswerError {
    /// The message shown next to the field, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.problem.message(lang)
    }
}

/// A draft read leniently: every valid value, and a problem for every refused one.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedDraft {
    /// The values accepted, in grid order.
    pub answers: TestAnswers,
    /// The values refused (never `Required`), for messages next to their fields.
    pub errors: Vec<AnswerError>,
}

/// The raw value of the field named after the criterion; a repeated field keeps its first
/// value, as a browser sends one.
fn raw_value<'f>(fields: &'f [(String, String)], c: &Criterion) -> &'f str {
    fields
        .iter()
        .find(|(k, _)| k == c.code.as_str())
        .map_or("", |(_, v)| v.as_str())
}

/// Checks a submitted test against its grid. Fields are named by criterion code; other fields
/// (the form's own: date, scenario, comment) are ignored, and an empty value is unanswered.
///
/// A criterion whose condition is not met (C02..C17 after C01 = `no`) is skipped: its value,
/// left in a hidden field, is neither checked nor kept. A criterion that applies must be
/// answered when it is required, and every value must fit its kind. When a condition depends
/// on a refused value, the dependent values are still checked but not required, so the
/// shopper sees one message, on the criterion to fix.
pub fn parse_answers(
    grid: &GridDefinition,
    fields: &[(String, String)],
) -> Result<TestAnswers, Vec<AnswerError>> {
    let mut answers = Vec::new();
    let mut errors = Vec::new();
    let mut walk = Applicability::default();
    for c in &grid.criteria {
        let applies = walk.applies(c);
        if applies == Some(false) {
            walk.record(&c.code, Known::Blank);
            continue;
        }
        let known = match c.kind.parse_answer(raw_value(fields, c)) {
            Ok(Some(answer)) => {
                let code = answer.code();
                answers.push((c.code.clone(), answer));
                Known::Answer(code)
            }
            Ok(None) => {
                if c.required && applies == Some(true) {
                    errors.push(AnswerError {
                        criterion: c.code.clone(),
                        problem: AnswerProblem::Required,
                    });
                }
                Known::Blank
            }
            Err(problem) => {
                errors.push(AnswerError {
                    criterion: c.code.clone(),
                    problem,
                });
                Known::Unknown
            }
        };
        // Below a refused value everything stays undecided.
        walk.record(
            &c.code,
            if applies.is_none() {
                Known::Unknown
            } else {
                known
            },
        );
    }
    if errors.is_empty() {
        Ok(TestAnswers { answers })
    } else {
        Err(errors)
    }
}

/// Reads a draft, saved as the shopper goes. Nothing is required and conditions are not
/// applied (values of criteria that do not apply yet are kept, in case the shopper changes the
/// answer they depend on). Every value that fits its kind is kept; every other one is reported
/// with its problem, so nothing is dropped silently: the caller saves `answers` and shows
/// `errors` next to their fields.
pub fn parse_draft(grid: &GridDefinition, fields: &[(String, String)]) -> ParsedDraft {
    let mut draft = ParsedDraft::default();
    for c in &grid.criteria {
        match c.kind.parse_answer(raw_value(fields, c)) {
            Ok(Some(answer)) => draft.answers.answers.push((c.code.clone(), answer)),
            Ok(None) => {}
            Err(problem) => draft.errors.push(AnswerError {
                criterion: c.code.clone(),
                problem,
            }),
        }
    }
    draft
}

/// Whether each criterion applies given the answers, with its answer, in grid order. A
/// criterion that does not apply is given no answer, even if a draft holds one.
pub(super) fn resolve<'g, 'a>(
    grid: &'g GridDefinition,
    answers: &'a TestAnswers,
) -> Vec<(&'g Criterion, bool, Option<&'a Answer>)> {
    let mut walk = Applicability::default();
    grid.criteria
        .iter()
        .map(|c| {
            let applies = walk.applies(c).unwrap_or(false);
            let answer = answers.get(c.code.as_str()).filter(|_| applies);
            let known = answer.map_or(Known::Blank, |a| Known::Answer(a.code()));
            walk.record(&c.code, known);
            (c, applies, answer)
        })
        .collect()
}

/// The export row of a test: one (criterion code, value) per criterion of the grid, in grid
/// order. The value is the answer code, `na` when the criterion does not apply (by its
/// condition or by the shopper's `na`), and empty when it applies but was not answered.
pub fn export_row(grid: &GridDefinition, answers: &TestAnswers) -> Vec<(CriterionCode, String)> {
    resolve(grid, answers)
        .into_iter()
        .map(|(c, applies, answer)| {
            let value = match (applies, answer) {
                (false, _) => Answer::NotApplicable.code(),
                (true, Some(a)) => a.code(),
                (true, None) => String::new(),
            };
            (c.code.clone(), value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mystery::{default_call_grid, default_visit_grid};

    use crate::mystery::fixtures::{fields, good_call as call_without_extras};

    /// A good call (every scored criterion passes), with a field no criterion reads.
    fn good_call() -> Vec<(String, String)> {
        let mut f = call_without_extras();
        f.push(("csrf".into(), "token".into()));
        f
    }

    fn set(mut f: Vec<(String, String)>, code: &str, value: &str) -> Vec<(String, String)> {
        f.retain(|(k, _)| k != code);
        f.push((code.to_owned(), value.to_owned()));
        f
    }

    fn problems(r: Result<TestAnswers, Vec<AnswerError>>) -> Vec<(String, AnswerProblem)> {
        r.err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| (e.criterion.to_string(), e.problem))
            .collect()
    }

    #[test]
    fn a_complete_call_is_accepted_in_grid_order_and_other_fields_are_ignored() {
        let parsed = parse_answers(&default_call_grid(), &good_call()).unwrap_or_default();
        assert_eq!(parsed.answers.len(), 17);
        assert_eq!(parsed.get("C02"), Some(&Answer::Number(3)));
        assert_eq!(parsed.get("C03"), Some(&Answer::NotApplicable));
        assert_eq!(parsed.get("csrf"), None);
    }

    #[test]
    fn answers_read_back_from_their_fields_give_the_same_answers() {
        let grid = default_call_grid();
        let parsed = parse_answers(&grid, &good_call()).unwrap_or_default();
        assert_eq!(parse_answers(&grid, &parsed.to_fields()), Ok(parsed));
    }

    #[test]
    fn a_required_criterion_left_blank_is_reported_against_it() {
        let f = set(good_call(), "C05", " ");
        assert_eq!(
            problems(parse_answers(&default_call_grid(), &f)),
            [("C05".to_owned(), AnswerProblem::Required)]
        );
    }

    #[test]
    fn the_information_only_call_length_may_be_left_blank() {
        let f = set(good_call(), "C16", "");
        assert!(parse_answers(&default_call_grid(), &f).is_ok());
    }

    #[test]
    fn na_is_refused_where_the_criterion_does_not_allow_it() {
        let f = set(good_call(), "C05", "na");
        assert_eq!(
            problems(parse_answers(&default_call_grid(), &f)),
            [("C05".to_owned(), AnswerProblem::NaNotAllowed)]
        );
    }

    #[test]
    fn rings_out_of_range_are_refused() {
        let f = set(good_call(), "C02", "31");
        assert_eq!(
            problems(parse_answers(&default_call_grid(), &f)),
            [(
                "C02".to_owned(),
                AnswerProblem::OutOfRange { min: 0, max: 30 }
            )]
        );
        let f = set(good_call(), "C04", "3601");
        assert_eq!(
            problems(parse_answers(&default_call_grid(), &f)),
            [(
                "C04".to_owned(),
                AnswerProblem::OutOfRange { min: 0, max: 3600 }
            )]
        );
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let f = set(set(good_call(), "C07", ""), "C09", "deux");
        assert_eq!(
            problems(parse_answers(&default_call_grid(), &f)),
            [
                ("C07".to_owned(), AnswerProblem::Required),
                ("C09".to_owned(), AnswerProblem::NotANumber)
            ]
        );
    }

    #[test]
    fn an_unpicked_call_needs_no_other_answer_and_keeps_none() {
        let grid = default_call_grid();
        let parsed = parse_answers(&grid, &fields(&[("C01", "no")])).unwrap_or_default();
        assert_eq!(parsed.answers, [(CriterionCode::seed("C01"), Answer::No)]);
        // Values left in hidden fields, even wrong ones, are ignored.
        let stale = set(set(good_call(), "C01", "no"), "C02", "999");
        assert_eq!(parse_answers(&grid, &stale), Ok(parsed));
    }

    #[test]
    fn a_missing_pickup_answer_is_the_only_message() {
        let f = fields(&[("C01", ""), ("C02", "40")]);
        assert_eq!(
            problems(parse_answers(&default_call_grid(), &f)),
            [("C01".to_owned(), AnswerProblem::Required)]
        );
        let f = fields(&[("C01", "peut-être"), ("C02", "40")]);
        assert_eq!(
            problems(parse_answers(&default_call_grid(), &f)),
            [
                ("C01".to_owned(), AnswerProblem::NotAnOption),
                (
                    "C02".to_owned(),
                    AnswerProblem::OutOfRange { min: 0, max: 30 }
                )
            ]
        );
    }

    #[test]
    fn the_pan_guidance_needs_no_answer_when_no_mediator_was_there() {
        let grid = default_visit_grid();
        let mut f: Vec<(String, String)> = grid
            .criteria
            .iter()
            .map(|c| (c.code.to_string(), "yes".to_owned()))
            .collect();
        for (code, value) in [
            ("V02", "3"),
            ("V05", "4"),
            ("V07", "12"),
            ("V09", "3"),
            ("V11", "2"),
            ("V13", "4"),
            ("V14", "no"),
            ("V16", ""),
        ] {
            f = set(f, code, value);
        }
        let parsed = parse_answers(&grid, &f).unwrap_or_default();
        assert_eq!(parsed.answers.len(), 17);
        assert_eq!(parsed.get("V16"), None);
        let f = set(f, "V14", "yes");
        assert_eq!(
            problems(parse_answers(&grid, &f)),
            [("V16".to_owned(), AnswerProblem::Required)]
        );
    }

    #[test]
    fn a_draft_keeps_every_valid_value_and_reports_every_refused_one() {
        let f = fields(&[("C01", "no"), ("C02", "3"), ("C04", "abc"), ("C05", "na")]);
        let draft = parse_draft(&default_call_grid(), &f);
        assert_eq!(
            draft.answers.to_fields(),
            fields(&[("C01", "no"), ("C02", "3")])
        );
        let refused: Vec<(&str, AnswerProblem)> = draft
            .errors
            .iter()
            .map(|e| (e.criterion.as_str(), e.problem))
            .collect();
        assert_eq!(
            refused,
            [
                ("C04", AnswerProblem::NotANumber),
                ("C05", AnswerProblem::NaNotAllowed)
            ]
        );
    }

    #[test]
    fn an_empty_draft_is_fine() {
        assert_eq!(
            parse_draft(&default_visit_grid(), &[]),
            ParsedDraft::default()
        );
    }

    #[test]
    fn the_export_row_has_one_column_per_criterion_with_na_where_it_does_not_apply() {
        let grid = default_call_grid();
        let unpicked = parse_draft(&grid, &fields(&[("C01", "no"), ("C02", "3")])).answers;
        let row = export_row(&grid, &unpicked);
        assert_eq!(row.len(), 17);
        assert_eq!(row[0].1, "no");
        assert!(row[1..].iter().all(|(_, v)| v == "na"));

        let partial = parse_draft(&grid, &fields(&[("C01", "yes"), ("C03", "na")])).answers;
        let row = export_row(&grid, &partial);
        let values: Vec<&str> = row.iter().take(4).map(|(_, v)| v.as_str()).collect();
        assert_eq!(values, ["yes", "", "na", ""]);
    }
}
