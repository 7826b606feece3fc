//! Survey definitions: question kinds, their answer codes and the channels of touchpoints.

use crate::{QuestionCode, Translated};
use serde::{Deserialize, Serialize};

/// How a visitor reached the survey; a property of the touchpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// A reception counter (guichet).
    Counter,
    /// The supervised digital-help corner (point d'accueil numérique).
    Pan,
    /// A phone line.
    Phone,
    /// E-mail.
    Email,
    /// The website.
    Web,
}

impl Channel {
    /// Every channel.
    pub const ALL: [Channel; 5] = [
        Channel::Counter,
        Channel::Pan,
        Channel::Phone,
        Channel::Email,
        Channel::Web,
    ];

    /// The stored and exported code.
    pub fn code(self) -> &'static str {
        match self {
            Channel::Counter => "counter",
            Channel::Pan => "pan",
            Channel::Phone => "phone",
            Channel::Email => "email",
            Channel::Web => "web",
        }
    }

    /// Reads a stored code.
    pub fn parse(raw: &str) -> Option<Channel> {
        Channel::ALL.into_iter().find(|c| c.code() == raw)
    }
}

/// Whether a survey takes answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SurveyStatus {
    /// Answers are taken.
    Open,
    /// The survey says it is closed and takes nothing.
    Closed,
}

impl SurveyStatus {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            SurveyStatus::Open => "open",
            SurveyStatus::Closed => "closed",
        }
    }

    /// Reads a stored code; anything unknown is treated as closed (fail safe).
    pub fn parse(raw: &str) -> SurveyStatus {
        if raw == "open" {
            SurveyStatus::Open
        } else {
            SurveyStatus::Closed
        }
    }
}

/// The supported question types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// The state's three-level scale (bad / average / very good), scored out of 10.
    Jdma3,
    /// Four points, 1 (not at all) to 4 (completely); 4 is best.
    Likert4,
    /// Five points, 1 to 5; which end is best depends on the question (effort: 1 is best).
    Scale5,
    /// Yes / partly / no.
    YesPartlyNo,
    /// One choice among options the survey defines.
    SingleChoice,
    /// 0 to 10 (recommendation).
    Scale0To10,
    /// Free text, optional by nature, capped in length.
    FreeText,
}

impl QuestionKind {
    /// Every kind.
    pub const ALL: [QuestionKind; 7] = [
        QuestionKind::Jdma3,
        QuestionKind::Likert4,
        QuestionKind::Scale5,
        QuestionKind::YesPartlyNo,
        QuestionKind::SingleChoice,
        QuestionKind::Scale0To10,
        QuestionKind::FreeText,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Jdma3 => "jdma3",
            QuestionKind::Likert4 => "likert4",
            QuestionKind::Scale5 => "scale5",
            QuestionKind::YesPartlyNo => "yes_partly_no",
            QuestionKind::SingleChoice => "single_choice",
            QuestionKind::Scale0To10 => "scale0_10",
            QuestionKind::FreeText => "free_text",
        }
    }

    /// Reads a stored code.
    pub fn parse(raw: &str) -> Option<QuestionKind> {
        QuestionKind::ALL.into_iter().find(|k| k.code() == raw)
    }

    /// The answer codes a kind imposes, in display order; `None` where the survey chooses
    /// them (single choice) or where there are none (free text).
    pub fn fixed_codes(self) -> Option<Vec<String>> {
        let codes: Vec<String> = match self {
            QuestionKind::Jdma3 => ["bad", "average", "very_good"].map(String::from).to_vec(),
            QuestionKind::Likert4 => (1..=4).map(|i| i.to_string()).collect(),
            QuestionKind::Scale5 => (1..=5).map(|i| i.to_string()).collect(),
            QuestionKind::YesPartlyNo => ["yes", "partly", "no"].map(String::from).to_vec(),
            QuestionKind::Scale0To10 => (0..=10).map(|i| i.to_string()).collect(),
            QuestionKind::SingleChoice | QuestionKind::FreeText => return None,
        };
        Some(codes)
    }
}

/// A visitor's answer to the overall question (the state's three levels, `QuestionKind::Jdma3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverallAnswer {
    /// Très bien.
    VeryGood,
    /// Moyennement.
    Average,
    /// Pas bien.
    Bad,
}

impl OverallAnswer {
    /// Every answer, best first.
    pub const ALL: [OverallAnswer; 3] = [
        OverallAnswer::VeryGood,
        OverallAnswer::Average,
        OverallAnswer::Bad,
    ];

    /// The stored answer code.
    pub fn code(self) -> &'static str {
        match self {
            OverallAnswer::VeryGood => "very_good",
            OverallAnswer::Average => "average",
            OverallAnswer::Bad => "bad",
        }
    }

    /// Reads a stored answer code.
    pub fn parse(raw: &str) -> Option<OverallAnswer> {
        OverallAnswer::ALL.into_iter().find(|a| a.code() == raw)
    }
}

/// One answer a visitor can pick.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChoiceOption {
    /// The stored answer code (`very_good`, `4`, `lt10`).
    pub code: String,
    /// What the visitor reads.
    pub label: Translated,
}

/// One question of a survey version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable code, the export column.
    pub code: QuestionCode,
    /// The type, which fixes the answer codes for scales.
    pub kind: QuestionKind,
    /// Whether the form refuses a submission without it.
    pub required: bool,
    /// The question as the visitor reads it.
    pub text: Translated,
    /// An optional hint under the question (the free-text privacy notice, a scale's meaning).
    pub help: Option<Translated>,
    /// The answers, in display order (empty for free text).
    pub options: Vec<ChoiceOption>,
}

impl Question {
    /// Whether `code` is one of this question's answers.
    pub fn accepts(&self, code: &str) -> bool {
        self.options.iter().any(|o| o.code == code)
    }
}

/// Why a survey definition cannot be published.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DefinitionError {
    /// A survey needs at least one question.
    #[error("a survey needs at least one question")]
    Empty,
    /// Two questions share a code.
    #[error("two questions use the code {0}")]
    DuplicateCode(String),
    /// A question has no French text.
    #[error("question {0} has no French text")]
    MissingFrench(String),
    /// The answers do not match what the type imposes.
    #[error("question {0}: the answers do not match its type")]
    BadOptions(String),
}

/// The questions of one survey version, in display order. A published version never changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct SurveyDefinition {
    /// The questions, in display order.
    pub questions: Vec<Question>,
}

impl SurveyDefinition {
    /// Checks what publication requires: unique codes, French texts, answers fitting the types.
    pub fn validate(&self) -> Result<(), DefinitionError> {
        if self.questions.is_empty() {
            return Err(DefinitionError::Empty);
        }
        let mut seen = std::collections::HashSet::new();
        for q in &self.questions {
            let code = q.code.as_str().to_owned();
            if !seen.insert(code.clone()) {
                return Err(DefinitionError::DuplicateCode(code));
            }
            if !q.text.has(crate::Lang::Fr) {
                return Err(DefinitionError::MissingFrench(code));
            }
            let codes: Vec<String> = q.options.iter().map(|o| o.code.clone()).collect();
            let fits = match (q.kind, q.kind.fixed_codes()) {
                (QuestionKind::FreeText, _) => codes.is_empty(),
                (_, Some(fixed)) => {
                    let mut a = codes.clone();
                    let mut b = fixed;
                    a.sort();
                    b.sort();
                    a == b
                }
                (_, None) => {
                    let unique: std::collections::HashSet<_> = codes.iter().collect();
                    codes.len() >= 2
                        && unique.len() == codes.len()
                        && codes.iter().all(|c| QuestionCode::parse(c).is_ok())
                }
            };
            if !fits {
                return Err(DefinitionError::BadOptions(code));
            }
        }
        Ok(())
    }

    /// The languages every question is written in, French first.
    pub fn languages(&self) -> Vec<crate::Lang> {
        crate::Lang::ALL
            .into_iter()
            .filter(|l| {
                self.questions
                    .iter()
                    .all(|q| q.text.has(*l) && q.options.iter().all(|o| o.label.has(*l)))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::defaults::default_questionnaire;

    #[test]
    fn overall_answers_are_the_codes_of_the_three_level_scale() {
        let fixed = QuestionKind::Jdma3.fixed_codes().expect("fixed codes");
        for a in OverallAnswer::ALL {
            assert!(fixed.iter().any(|c| c == a.code()), "{a:?}");
            assert_eq!(OverallAnswer::parse(a.code()), Some(a));
        }
        assert_eq!(OverallAnswer::parse("good"), None);
        assert_eq!(OverallAnswer::parse(""), None);
    }

    #[test]
    fn the_default_questionnaire_is_publishable_in_french_and_english() {
        let d = default_questionnaire();
        assert_eq!(d.validate(), Ok(()));
        assert_eq!(d.languages(), vec![crate::Lang::Fr, crate::Lang::En]);
    }

    #[test]
    fn a_scale_with_a_missing_level_is_refused() {
        let mut d = default_questionnaire();
        d.questions[1].options.pop();
        assert!(matches!(d.validate(), Err(DefinitionError::BadOptions(c)) if c == "courtesy"));
    }

    #[test]
    fn duplicate_question_codes_are_refused() {
        let mut d = default_questionnaire();
        let first = d.questions[0].clone();
        d.questions.push(first);
        assert!(matches!(
            d.validate(),
            Err(DefinitionError::DuplicateCode(_))
        ));
    }

    #[test]
    fn kinds_and_channels_round_trip_through_their_codes() {
        for k in QuestionKind::ALL {
            assert_eq!(QuestionKind::parse(k.code()), Some(k));
        }
        for c in Channel::ALL {
            assert_eq!(Channel::parse(c.code()), Some(c));
        }
    }
}
