//! Parsing a visitor's form submission against the survey version it was rendered from.

use crate::{FREE_TEXT_MAX_CHARS, QuestionCode, QuestionKind, SurveyDefinition};
use serde::{Deserialize, Serialize};

/// The form field that carries the answer to a question: `q_` then the question code.
pub fn field_name(code: &QuestionCode) -> String {
    format!("q_{code}")
}

/// One accepted answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerValue {
    /// An answer code among the question's options.
    Choice(String),
    /// Free text, trimmed, at most [`FREE_TEXT_MAX_CHARS`] characters.
    Text(String),
}

/// What is wrong with one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FieldProblem {
    /// A required question has no answer.
    Missing,
    /// The value is not one of the question's answers.
    NotAnOption,
    /// Free text over the limit.
    TooLong,
}

/// A problem attached to a question, shown next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The question.
    pub question: QuestionCode,
    /// What is wrong.
    pub problem: FieldProblem,
}

/// A submission that passed every check: answers in question order, blanks left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedSubmission {
    /// (question code, answer) for every answered question.
    pub answers: Vec<(QuestionCode, AnswerValue)>,
}

/// Removes control characters (but keeps line breaks) and surrounding blanks from free text.
fn clean_text(raw: &str) -> String {
    let normalised = raw.replace("\r\n", "\n");
    normalised
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Checks form fields against a definition. Unknown fields are ignored (they may be the form's
/// own hidden fields); a repeated field keeps its first value, as a browser sends one.
pub fn parse_submission(
    definition: &SurveyDefinition,
    fields: &[(String, String)],
) -> Result<ParsedSubmission, Vec<FieldError>> {
    let mut answers = Vec::new();
    let mut errors = Vec::new();
    for q in &definition.questions {
        let name = field_name(&q.code);
        let raw = fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str());
        let problem = match q.kind {
            QuestionKind::FreeText => {
                let text = clean_text(raw.unwrap_or(""));
                if text.chars().count() > FREE_TEXT_MAX_CHARS {
                    Some(FieldProblem::TooLong)
                } else if text.is_empty() {
                    q.required.then_some(FieldProblem::Missing)
                } else {
                    answers.push((q.code.clone(), AnswerValue::Text(text)));
                    None
                }
            }
            _ => match raw.map(str::trim).filter(|v| !v.is_empty()) {
                None => q.required.then_some(FieldProblem::Missing),
                Some(v) if q.accepts(v) => {
                    answers.push((q.code.clone(), AnswerValue::Choice(v.to_owned())));
                    None
                }
                Some(_) => Some(FieldProblem::NotAnOption),
            },
        };
        if let Some(problem) = problem {
            errors.push(FieldError {
                question: q.code.clone(),
                problem,
            });
        }
    }
    if errors.is_empty() {
        Ok(ParsedSubmission { answers })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::defaults::default_questionnaire;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn complete() -> Vec<(String, String)> {
        fields(&[
            ("q_overall", "very_good"),
            ("q_courtesy", "4"),
            ("q_wait", "lt10"),
            ("q_resolved", "yes"),
            ("q_effort", "2"),
            ("q_comment", "  Merci !  "),
            ("idem", "whatever"),
        ])
    }

    #[test]
    fn a_complete_answer_is_accepted_in_question_order() {
        let parsed = parse_submission(&default_questionnaire(), &complete());
        let parsed = parsed.unwrap_or_default();
        let codes: Vec<&str> = parsed.answers.iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(
            codes,
            [
                "overall", "courtesy", "wait", "resolved", "effort", "comment"
            ]
        );
        assert_eq!(parsed.answers[5].1, AnswerValue::Text("Merci !".into()));
    }

    #[test]
    fn a_missing_required_answer_is_reported_against_its_question() {
        let mut f = complete();
        f.retain(|(k, _)| k != "q_overall");
        let errors = parse_submission(&default_questionnaire(), &f)
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].question.as_str(), "overall");
        assert_eq!(errors[0].problem, FieldProblem::Missing);
    }

    #[test]
    fn optional_questions_may_be_left_blank() {
        let mut f = complete();
        f.retain(|(k, _)| k != "q_effort" && k != "q_comment");
        f.push(("q_comment".into(), "   ".into()));
        let parsed = parse_submission(&default_questionnaire(), &f).unwrap_or_default();
        assert_eq!(parsed.answers.len(), 4);
    }

    #[test]
    fn a_value_outside_the_scale_is_refused() {
        let mut f = complete();
        f[1].1 = "5".into();
        let errors = parse_submission(&default_questionnaire(), &f)
            .err()
            .unwrap_or_default();
        assert_eq!(errors[0].problem, FieldProblem::NotAnOption);
    }

    #[test]
    fn free_text_over_the_cap_is_refused_but_at_the_cap_is_kept() {
        let mut f = complete();
        f[5].1 = "é".repeat(FREE_TEXT_MAX_CHARS);
        assert!(parse_submission(&default_questionnaire(), &f).is_ok());
        f[5].1.push('x');
        let errors = parse_submission(&default_questionnaire(), &f)
            .err()
            .unwrap_or_default();
        assert_eq!(errors[0].problem, FieldProblem::TooLong);
    }

    #[test]
    fn control_characters_are_stripped_from_free_text() {
        let mut f = complete();
        f[5].1 = "a\u{0}b\r\nc\u{7}".into();
        let parsed = parse_submission(&default_questionnaire(), &f).unwrap_or_default();
        assert_eq!(parsed.answers[5].1, AnswerValue::Text("ab\nc".into()));
    }
}
