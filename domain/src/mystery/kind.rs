//! Answer types of a criterion, the answers they accept, and the pass rules that judge them.

use crate::{FREE_TEXT_MAX_CHARS, Lang};
use serde::{Deserialize, Serialize};

/// The answer type of a criterion: it fixes the answer codes or the range of numbers accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionKind {
    /// `yes` or `no`.
    YesNo,
    /// `yes`, `no` or `na` (not applicable).
    YesNoNa,
    /// `yes`, `partly` or `no`.
    YesPartlyNo,
    /// `1` to `4`; 4 is best.
    Scale4,
    /// `1` to `4` or `na`.
    Scale4Na,
    /// A whole number from 0 to [`CriterionKind::COUNT_MAX`] (rings, transfers).
    Count,
    /// A duration in whole seconds, 0 to [`CriterionKind::SECONDS_MAX`].
    Seconds,
    /// A duration in whole minutes, 0 to [`CriterionKind::MINUTES_MAX`].
    Minutes,
    /// Free text, at most [`FREE_TEXT_MAX_CHARS`] characters.
    FreeText,
}

impl CriterionKind {
    /// Every kind.
    pub const ALL: [CriterionKind; 9] = [
        CriterionKind::YesNo,
        CriterionKind::YesNoNa,
        CriterionKind::YesPartlyNo,
        CriterionKind::Scale4,
        CriterionKind::Scale4Na,
        CriterionKind::Count,
        CriterionKind::Seconds,
        CriterionKind::Minutes,
        CriterionKind::FreeText,
    ];
    /// Largest count: 30 rings is several minutes of ringing, 30 transfers is a typing error.
    pub const COUNT_MAX: u32 = 30;
    /// Longest duration in seconds: one hour.
    pub const SECONDS_MAX: u32 = 3600;
    /// Longest duration in minutes: ten hours, a whole opening day.
    pub const MINUTES_MAX: u32 = 600;

    /// The stored code, as serde writes it.
    pub fn code(self) -> &'static str {
        match self {
            CriterionKind::YesNo => "yes_no",
            CriterionKind::YesNoNa => "yes_no_na",
            CriterionKind::YesPartlyNo => "yes_partly_no",
            CriterionKind::Scale4 => "scale4",
            CriterionKind::Scale4Na => "scale4_na",
            CriterionKind::Count => "count",
            CriterionKind::Seconds => "seconds",
            CriterionKind::Minutes => "minutes",
            CriterionKind::FreeText => "free_text",
        }
    }

    /// Reads a stored code.
    pub fn parse(raw: &str) -> Option<CriterionKind> {
        CriterionKind::ALL.into_iter().find(|k| k.code() == raw)
    }

    /// Whether the shopper may answer `na`.
    pub fn allows_na(self) -> bool {
        matches!(self, CriterionKind::YesNoNa | CriterionKind::Scale4Na)
    }

    /// Whether the kind is a 1-4 scale (with or without `na`).
    pub fn is_scale(self) -> bool {
        matches!(self, CriterionKind::Scale4 | CriterionKind::Scale4Na)
    }

    /// Whether the kind is a measure (count or duration), judged by an upper bound.
    pub fn is_measure(self) -> bool {
        matches!(
            self,
            CriterionKind::Count | CriterionKind::Seconds | CriterionKind::Minutes
        )
    }

    /// Whether `yes` is one of the kind's answers.
    pub fn has_yes(self) -> bool {
        matches!(
            self,
            CriterionKind::YesNo | CriterionKind::YesNoNa | CriterionKind::YesPartlyNo
        )
    }

    /// The inclusive range of numbers accepted, for scales and measures.
    pub fn range(self) -> Option<(u32, u32)> {
        match self {
            CriterionKind::Scale4 | CriterionKind::Scale4Na => Some((1, 4)),
            CriterionKind::Count => Some((0, Self::COUNT_MAX)),
            CriterionKind::Seconds => Some((0, Self::SECONDS_MAX)),
            CriterionKind::Minutes => Some((0, Self::MINUTES_MAX)),
            _ => None,
        }
    }

    /// The answer codes a form offers as choices, in display order (`na` last); `None` for
    /// measures and free text, which are typed.
    pub fn choices(self) -> Option<&'static [&'static str]> {
        match self {
            CriterionKind::YesNo => Some(&["yes", "no"]),
            CriterionKind::YesNoNa => Some(&["yes", "no", "na"]),
            CriterionKind::YesPartlyNo => Some(&["yes", "partly", "no"]),
            CriterionKind::Scale4 => Some(&["1", "2", "3", "4"]),
            CriterionKind::Scale4Na => Some(&["1", "2", "3", "4", "na"]),
            _ => None,
        }
    }

    /// Reads a raw form value: `Ok(None)` when blank, the answer when the kind accepts it.
    /// Choice codes are read case-insensitively and numbers may have leading zeros; free text
    /// loses control characters (not line breaks) and surrounding blanks.
    pub fn parse_answer(self, raw: &str) -> Result<Option<Answer>, AnswerProblem> {
        if self == CriterionKind::FreeText {
            let text = clean_text(raw);
            return if text.chars().count() > FREE_TEXT_MAX_CHARS {
                Err(AnswerProblem::TooLong)
            } else if text.is_empty() {
                Ok(None)
            } else {
                Ok(Some(Answer::Text(text)))
            };
        }
        let value = raw.trim().to_ascii_lowercase();
        if value.is_empty() {
            return Ok(None);
        }
        if value == "na" {
            return if self.allows_na() {
                Ok(Some(Answer::NotApplicable))
            } else {
                Err(AnswerProblem::NaNotAllowed)
            };
        }
        if let Some((min, max)) = self.range() {
            return parse_number(&value, min, max, self.is_scale()).map(Some);
        }
        let answer = match value.as_str() {
            "yes" => Answer::Yes,
            "no" => Answer::No,
            "partly" if self == CriterionKind::YesPartlyNo => Answer::Partly,
            _ => return Err(AnswerProblem::NotAnOption),
        };
        Ok(Some(answer))
    }
}

/// Reads a whole number in `min..=max`. Digits that do not fit (negative, huge) are out of
/// range; anything else is not a number, or not an option on a scale (chosen, not typed).
fn parse_number(value: &str, min: u32, max: u32, scale: bool) -> Result<Answer, AnswerProblem> {
    let digits = value.strip_prefix('-').unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(if scale {
            AnswerProblem::NotAnOption
        } else {
            AnswerProblem::NotANumber
        });
    }
    match value.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(Answer::Number(n)),
        _ => Err(AnswerProblem::OutOfRange { min, max }),
    }
}

/// Removes control characters (but keeps line breaks) and surrounding blanks from free text.
fn clean_text(raw: &str) -> String {
    raw.replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect::<String>()
        .trim()
        .to_owned()
}

/// One accepted answer to a criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// `yes`.
    Yes,
    /// `no`.
    No,
    /// `partly`.
    Partly,
    /// `na`: the shopper says the criterion does not apply to this test.
    NotApplicable,
    /// A scale level, a count or a duration.
    Number(u32),
    /// Free text, cleaned.
    Text(String),
}

impl Answer {
    /// The stored and exported answer code: `yes`, `no`, `partly`, `na`, the number in
    /// decimal, or the text itself. [`CriterionKind::parse_answer`] reads it back.
    pub fn code(&self) -> String {
        match self {
            Answer::Yes => "yes".to_owned(),
            Answer::No => "no".to_owned(),
            Answer::Partly => "partly".to_owned(),
            Answer::NotApplicable => "na".to_owned(),
            Answer::Number(n) => n.to_string(),
            Answer::Text(t) => t.clone(),
        }
    }
}

/// What is wrong with the value given for one criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(rename_all = "snake_case")]
pub enum AnswerProblem {
    /// A required criterion has no answer.
    #[error("an answer is required")]
    Required,
    /// `na` on a criterion whose kind does not allow it.
    #[error("\"not applicable\" is not allowed for this criterion")]
    NaNotAllowed,
    /// A value that is none of the answers offered.
    #[error("the value is not one of the answers offered")]
    NotAnOption,
    /// A whole number outside the kind's range.
    #[error("enter a number between {min} and {max}")]
    OutOfRange {
        /// Smallest accepted.
        min: u32,
        /// Largest accepted.
        max: u32,
    },
    /// Something other than a whole number where one is expected.
    #[error("enter a whole number, in digits")]
    NotANumber,
    /// Free text over [`FREE_TEXT_MAX_CHARS`] characters.
    #[error("the text is too long")]
    TooLong,
}

impl AnswerProblem {
    /// The message shown next to the field, in `lang`.
    pub fn message(self, lang: Lang) -> String {
        match (self, lang) {
            (AnswerProblem::Required, Lang::Fr) => "Réponse obligatoire.".to_owned(),
            (AnswerProblem::Required, Lang::En) => "An answer is required.".to_owned(),
            (AnswerProblem::NaNotAllowed, Lang::Fr) => {
                "La réponse « sans objet » n'est pas possible pour ce critère.".to_owned()
            }
            (AnswerProblem::NaNotAllowed, Lang::En) => {
                "\"Not applicable\" is not allowed for this criterion.".to_owned()
            }
            (AnswerProblem::NotAnOption, Lang::Fr) => {
                "Choisissez une des réponses proposées.".to_owned()
            }
            (AnswerProblem::NotAnOption, Lang::En) => {
                "Choose one of the answers offered.".to_owned()
            }
            (AnswerProblem::OutOfRange { min, max }, Lang::Fr) => {
                format!("Indiquez un nombre entre {min} et {max}.")
            }
            (AnswerProblem::OutOfRange { min, max }, Lang::En) => {
                format!("Enter a number between {min} and {max}.")
            }
            (AnswerProblem::NotANumber, Lang::Fr) => {
                "Indiquez un nombre entier, en chiffres.".to_owned()
            }
            (AnswerProblem::NotANumber, Lang::En) => "Enter a whole number, in digits.".to_owned(),
            (AnswerProblem::TooLong, Lang::Fr) => {
                format!("Texte trop long : {FREE_TEXT_MAX_CHARS} caractères au plus.")
            }
            (AnswerProblem::TooLong, Lang::En) => {
                format!("Text too long: at most {FREE_TEXT_MAX_CHARS} characters.")
            }
        }
    }
}

/// How an answer to a criterion passes or fails. The threshold is data: referents edit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PassRule {
    /// Information only (call length): reported, never scored.
    None,
    /// Passes on `yes` only (`partly` and `no` fail). For yes/no kinds.
    Yes,
    /// Passes at this level or above. For scales.
    AtLeast(u32),
    /// Passes at this number or below. For counts and durations.
    AtMost(u32),
}

impl PassRule {
    /// The threshold of a numeric rule.
    pub fn threshold(self) -> Option<u32> {
        match self {
            PassRule::AtLeast(n) | PassRule::AtMost(n) => Some(n),
            PassRule::None | PassRule::Yes => None,
        }
    }

    /// Whether the rule makes sense for `kind`: `Yes` on kinds with a `yes`, `AtLeast` on
    /// scales, `AtMost` on counts and durations, `None` anywhere.
    pub fn fits(self, kind: CriterionKind) -> bool {
        match self {
            PassRule::None => true,
            PassRule::Yes => kind.has_yes(),
            PassRule::AtLeast(_) => kind.is_scale(),
            PassRule::AtMost(_) => kind.is_measure(),
        }
    }

    /// Whether `answer` passes: `None` when the rule scores nothing or cannot judge this answer
    /// (`na`, or an answer of another kind).
    pub fn judge(self, answer: &Answer) -> Option<bool> {
        match (self, answer) {
            (PassRule::Yes, Answer::Yes) => Some(true),
            (PassRule::Yes, Answer::No | Answer::Partly) => Some(false),
            (PassRule::AtLeast(t), Answer::Number(n)) => Some(*n >= t),
            (PassRule::AtMost(t), Answer::Number(n)) => Some(*n <= t),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_codes_and_serde_writes_the_same_codes() {
        for k in CriterionKind::ALL {
            assert_eq!(CriterionKind::parse(k.code()), Some(k));
            assert_eq!(
                serde_json::to_string(&k).ok(),
                Some(format!("\"{}\"", k.code()))
            );
        }
    }

    #[test]
    fn every_offered_choice_is_accepted_and_written_back_the_same() {
        for k in CriterionKind::ALL {
            for code in k.choices().unwrap_or_default() {
                let answer = k.parse_answer(code);
                assert_eq!(
                    answer.map(|a| a.map(|a| a.code())),
                    Ok(Some(code.to_string()))
                );
            }
        }
    }

    #[test]
    fn na_is_refused_where_the_kind_does_not_allow_it() {
        for k in CriterionKind::ALL {
            let expected = if k == CriterionKind::FreeText {
                Ok(Some(Answer::Text("NA".into())))
            } else if k.allows_na() {
                Ok(Some(Answer::NotApplicable))
            } else {
                Err(AnswerProblem::NaNotAllowed)
            };
            assert_eq!(k.parse_answer(" NA "), expected, "{k:?}");
        }
    }

    #[test]
    fn measures_refuse_words_decimals_and_values_out_of_range() {
        let k = CriterionKind::Seconds;
        assert_eq!(k.parse_answer("0045"), Ok(Some(Answer::Number(45))));
        assert_eq!(k.parse_answer("3600"), Ok(Some(Answer::Number(3600))));
        let out = Err(AnswerProblem::OutOfRange { min: 0, max: 3600 });
        assert_eq!(k.parse_answer("3601"), out);
        assert_eq!(k.parse_answer("-1"), out);
        assert_eq!(k.parse_answer("99999999999999999999"), out);
        for bad in ["4,5", "4.5", "trente", "-", "1e3", "+3"] {
            assert_eq!(k.parse_answer(bad), Err(AnswerProblem::NotANumber), "{bad}");
        }
    }

    #[test]
    fn scales_refuse_levels_outside_one_to_four() {
        let k = CriterionKind::Scale4;
        assert_eq!(
            k.parse_answer("0"),
            Err(AnswerProblem::OutOfRange { min: 1, max: 4 })
        );
        assert_eq!(k.parse_answer("good"), Err(AnswerProblem::NotAnOption));
    }

    #[test]
    fn partly_is_only_an_answer_of_yes_partly_no() {
        assert_eq!(
            CriterionKind::YesNo.parse_answer("partly"),
            Err(AnswerProblem::NotAnOption)
        );
        assert_eq!(
            CriterionKind::YesPartlyNo.parse_answer("Partly"),
            Ok(Some(Answer::Partly))
        );
    }

    #[test]
    fn blank_values_are_unanswered_and_free_text_is_cleaned_and_capped() {
        assert_eq!(CriterionKind::YesNo.parse_answer("  "), Ok(None));
        let k = CriterionKind::FreeText;
        assert_eq!(
            k.parse_answer(" a\u{0}b\r\nc "),
            Ok(Some(Answer::Text("ab\nc".into())))
        );
        assert!(k.parse_answer(&"é".repeat(FREE_TEXT_MAX_CHARS)).is_ok());
        assert_eq!(
            k.parse_answer(&"é".repeat(FREE_TEXT_MAX_CHARS + 1)),
            Err(AnswerProblem::TooLong)
        );
    }

    #[test]
    fn rules_fit_only_the_kinds_they_can_judge() {
        use CriterionKind as K;
        assert!(PassRule::Yes.fits(K::YesPartlyNo));
        assert!(!PassRule::Yes.fits(K::Scale4));
        assert!(PassRule::AtLeast(3).fits(K::Scale4Na));
        assert!(!PassRule::AtLeast(3).fits(K::Count));
        assert!(PassRule::AtMost(5).fits(K::Minutes));
        assert!(!PassRule::AtMost(5).fits(K::Scale4));
        assert!(!PassRule::Yes.fits(K::FreeText));
        assert!(PassRule::None.fits(K::FreeText));
    }

    #[test]
    fn partly_fails_a_yes_rule_and_thresholds_are_inclusive() {
        assert_eq!(PassRule::Yes.judge(&Answer::Partly), Some(false));
        assert_eq!(PassRule::AtLeast(3).judge(&Answer::Number(3)), Some(true));
        assert_eq!(PassRule::AtLeast(3).judge(&Answer::Number(2)), Some(false));
        assert_eq!(PassRule::AtMost(5).judge(&Answer::Number(5)), Some(true));
        assert_eq!(PassRule::AtMost(5).judge(&Answer::Number(6)), Some(false));
        assert_eq!(PassRule::None.judge(&Answer::Number(6)), None);
        assert_eq!(PassRule::Yes.judge(&Answer::NotApplicable), None);
    }

    #[test]
    fn every_problem_has_a_french_and_an_english_message() {
        let all = [
            AnswerProblem::Required,
            AnswerProblem::NaNotAllowed,
            AnswerProblem::NotAnOption,
            AnswerProblem::OutOfRange { min: 0, max: 30 },
            AnswerProblem::NotANumber,
            AnswerProblem::TooLong,
        ];
        for p in all {
            let (fr, en) = (p.message(Lang::Fr), p.message(Lang::En));
            assert!(!fr.is_empty() && !en.is_empty() && fr != en, "{p:?}");
        }
        assert_eq!(
            AnswerProblem::OutOfRange { min: 0, max: 30 }.message(Lang::Fr),
            "Indiquez un nombre entre 0 et 30."
        );
    }
}
