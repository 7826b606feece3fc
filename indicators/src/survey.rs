//! A satisfaction survey's figures, from the counts of its answers: per closed question, each
//! indicator its kind calls for (`top2`, `mean`, `score10`, `very_good_rate`, `yes_rate`, `nps`)
//! with its n, its interval, a fragility flag and, against an earlier period, its change with an
//! interval and a p-value. Pure functions.

use crate::change::Change;
use db::summary::{PeriodCounts, QuestionCounts};
use domain::{Question, QuestionKind};
use serde::Serialize;
use stats::{DifferenceMethod, Fragility, MeanSummary, MeasureKind, ProportionMethod};
use std::collections::BTreeMap;

/// One indicator of a question.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Indicator {
    /// The estimate (`null` when suppressed).
    pub estimate: Option<f64>,
    /// Lower bound of its interval.
    pub lower: Option<f64>,
    /// Upper bound of its interval.
    pub upper: Option<f64>,
    /// Answers it rests on.
    pub n: i64,
    /// Fewer answers than the fragility threshold: read with care.
    pub fragile: bool,
    /// Fewer answers than the anonymity minimum: not shown.
    pub suppressed: bool,
    /// The change from the comparison period, when there is one and both periods allow it.
    pub change: Option<Change>,
}

/// One question of a summary.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct QuestionSummary {
    /// Question code.
    pub code: String,
    /// Question kind code.
    #[schema(value_type = String)]
    pub kind: &'static str,
    /// Answers to the question.
    pub n: i64,
    /// Answers per answer code (empty when suppressed).
    pub counts: BTreeMap<String, i64>,
    /// Indicators by name (`top2`, `mean`, `score10`, `very_good_rate`, `yes_rate`, `nps`, and
    /// `within_20_min` for the waiting-time question).
    #[schema(value_type = BTreeMap<String, Indicator>)]
    pub indicators: BTreeMap<&'static str, Indicator>,
}

/// Settings of a summary.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Interval for shares.
    pub method: ProportionMethod,
    /// Confidence level in (0, 1).
    pub level: f64,
    /// Small-sample policy.
    pub fragility: Fragility,
    /// Which responses to count: all, invited (verified) or open-QR ones.
    pub source: db::summary::Source,
}

impl Settings {
    /// The product's standard reading: Wilson intervals at 95 %, every response, with
    /// `fragility`'s thresholds (the transparency poster's, and any page without a form).
    pub fn standard(fragility: Fragility) -> Settings {
        Settings {
            method: ProportionMethod::Wilson,
            level: 0.95,
            fragility,
            source: db::summary::Source::All,
        }
    }
}

pub(crate) fn count(q: &QuestionCounts, code: &str) -> u64 {
    q.counts.get(code).copied().unwrap_or(0).max(0) as u64
}

/// A share: the answers in `codes` among all answers.
fn share(
    current: &QuestionCounts,
    earlier: Option<&QuestionCounts>,
    codes: &[&str],
    s: &Settings,
) -> Indicator {
    let x: u64 = codes.iter().map(|c| count(current, c)).sum();
    let n = current.n().max(0) as u64;
    let mut ind = shell(n, MeasureKind::Proportion, s);
    if ind.suppressed {
        return ind;
    }
    if let Ok(i) = stats::proportion_interval(x, n, s.level, s.method) {
        (ind.estimate, ind.lower, ind.upper) = (Some(i.estimate), Some(i.lower), Some(i.upper));
    }
    if let Some(e) = earlier {
        let x2: u64 = codes.iter().map(|c| count(e, c)).sum();
        let n2 = e.n().max(0) as u64;
        if !s.fragility.is_suppressed(n2)
            && let Ok(d) =
                stats::proportion_difference(x, n, x2, n2, s.level, DifferenceMethod::Newcombe)
        {
            ind.change = Some(Change {
                estimate: d.estimate,
                lower: d.lower,
                upper: d.upper,
                p_value: d.p_value,
            });
        }
    }
    ind
}

fn histogram(q: &QuestionCounts, values: &[(&str, f64)]) -> Vec<(f64, u64)> {
    values.iter().map(|(c, v)| (*v, count(q, c))).collect()
}

/// A mean of a scale whose answer codes map to `values`, clipped to `range`.
fn mean(
    current: &QuestionCounts,
    earlier: Option<&QuestionCounts>,
    values: &[(&str, f64)],
    range: (f64, f64),
    s: &Settings,
) -> Indicator {
    let hist = histogram(current, values);
    let n: u64 = hist.iter().map(|(_, c)| c).sum();
    let mut ind = shell(n, MeasureKind::Mean, s);
    if ind.suppressed {
        return ind;
    }
    if let Ok(i) = stats::mean_interval_from_histogram(&hist, s.level) {
        ind.estimate = Some(i.estimate);
        ind.lower = Some(i.lower.clamp(range.0, range.1));
        ind.upper = Some(i.upper.clamp(range.0, range.1));
    }
    if let Some(e) = earlier {
        let before = histogram(e, values);
        let n2: u64 = before.iter().map(|(_, c)| c).sum();
        if !s.fragility.is_suppressed(n2)
            && let (Ok(a), Ok(b)) = (
                MeanSummary::from_histogram(&hist),
                MeanSummary::from_histogram(&before),
            )
            && let Ok(d) = stats::mean_difference(&a, &b, s.level)
        {
            ind.change = Some(Change {
                estimate: d.estimate,
                lower: d.lower,
                upper: d.upper,
                p_value: d.p_value,
            });
        }
    }
    ind
}

fn shell(n: u64, kind: MeasureKind, s: &Settings) -> Indicator {
    Indicator {
        estimate: None,
        lower: None,
        upper: None,
        n: i64::try_from(n).unwrap_or(i64::MAX),
        fragile: n < s.fragility.threshold(kind),
        suppressed: s.fragility.is_suppressed(n),
        change: None,
    }
}

/// The share indicator a question kind calls for: its name and the answer codes it counts.
pub fn share_indicator(kind: QuestionKind) -> Option<(&'static str, &'static [&'static str])> {
    match kind {
        QuestionKind::Likert4 => Some(("top2", &["3", "4"])),
        QuestionKind::Jdma3 => Some(("very_good_rate", &["very_good"])),
        QuestionKind::YesPartlyNo => Some(("yes_rate", &["yes"])),
        _ => None,
    }
}

/// The waiting-time question of the default questionnaire (`wait`, one choice among `lt10`,
/// `10to20`, `20to30`, `gt30`) gets the share of visitors served within 20 minutes, the
/// dashboard's headline: its name and the answers it counts.
pub const WAIT_WITHIN_20: (&str, &str, &[&str]) = ("wait", "within_20_min", &["lt10", "10to20"]);

const LIKERT4: [(&str, f64); 4] = [("1", 1.0), ("2", 2.0), ("3", 3.0), ("4", 4.0)];
const SCALE5: [(&str, f64); 5] = [("1", 1.0), ("2", 2.0), ("3", 3.0), ("4", 4.0), ("5", 5.0)];
const JDMA: [(&str, f64); 3] = [("very_good", 10.0), ("average", 5.0), ("bad", 0.0)];

/// The indicators a question kind calls for.
pub fn question_summary(
    code: &str,
    kind: QuestionKind,
    current: &QuestionCounts,
    earlier: Option<&QuestionCounts>,
    s: &Settings,
) -> QuestionSummary {
    let mut indicators = BTreeMap::new();
    if let Some((name, codes)) = share_indicator(kind) {
        indicators.insert(name, share(current, earlier, codes, s));
    }
    match kind {
        QuestionKind::Likert4 => {
            indicators.insert("mean", mean(current, earlier, &LIKERT4, (1.0, 4.0), s));
        }
        QuestionKind::Scale5 => {
            indicators.insert("mean", mean(current, earlier, &SCALE5, (1.0, 5.0), s));
        }
        QuestionKind::Jdma3 => {
            indicators.insert("score10", mean(current, earlier, &JDMA, (0.0, 10.0), s));
        }
        QuestionKind::Scale0To10 => {
            let n = current.n().max(0) as u64;
            let mut ind = shell(n, MeasureKind::Proportion, s);
            if !ind.suppressed {
                let mut scale = [0u64; 11];
                for (i, slot) in scale.iter_mut().enumerate() {
                    *slot = count(current, &i.to_string());
                }
                if let Ok(nps) = stats::nps_from_scale(&scale, s.level) {
                    (ind.estimate, ind.lower, ind.upper) =
                        (Some(nps.estimate), Some(nps.lower), Some(nps.upper));
                }
            }
            indicators.insert("nps", ind);
        }
        QuestionKind::SingleChoice if code == WAIT_WITHIN_20.0 => {
            let (_, name, codes) = WAIT_WITHIN_20;
            indicators.insert(name, share(current, earlier, codes, s));
        }
        QuestionKind::YesPartlyNo | QuestionKind::SingleChoice | QuestionKind::FreeText => {}
    }
    let n = current.n();
    let suppressed = s.fragility.is_suppressed(n.max(0) as u64);
    QuestionSummary {
        code: code.to_owned(),
        kind: kind.code(),
        n,
        counts: if suppressed {
            BTreeMap::new()
        } else {
            current.counts.clone()
        },
        indicators,
    }
}

/// Every closed question of a scope, in the survey's order.
pub fn summarise(
    questions: &[Question],
    current: &PeriodCounts,
    earlier: Option<&PeriodCounts>,
    s: &Settings,
) -> Vec<QuestionSummary> {
    let empty = QuestionCounts::default();
    questions
        .iter()
        .filter(|q| q.kind != QuestionKind::FreeText)
        .map(|q| {
            let code = q.code.as_str();
            let now = current.questions.get(code).unwrap_or(&empty);
            let before = earlier.map(|e| e.questions.get(code).unwrap_or(&empty));
            question_summary(code, q.kind, now, before, s)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, i64)]) -> QuestionCounts {
        QuestionCounts {
            code: "q".into(),
            counts: pairs.iter().map(|(c, n)| (c.to_string(), *n)).collect(),
        }
    }

    fn settings() -> Settings {
        Settings {
            method: ProportionMethod::Wilson,
            level: 0.95,
            source: db::summary::Source::All,
            fragility: Fragility::default(),
        }
    }

    #[test]
    fn the_issue_example_gives_its_top2_interval() {
        // 263 answers, 223 in the two best levels (issue 3's example): 0.8479 [0.7995, 0.8863].
        let q = counts(&[("1", 12), ("2", 28), ("3", 81), ("4", 142)]);
        let s = question_summary("courtesy", QuestionKind::Likert4, &q, None, &settings());
        let top2 = &s.indicators["top2"];
        assert_eq!(top2.n, 263);
        assert!((top2.estimate.unwrap_or(0.0) - 0.8479).abs() < 1e-4);
        assert!((top2.lower.unwrap_or(0.0) - 0.7995).abs() < 1e-4);
        assert!((top2.upper.unwrap_or(0.0) - 0.8863).abs() < 1e-4);
        assert!(!top2.fragile && top2.change.is_none());
        let mean = &s.indicators["mean"];
        let expected = (12.0 + 2.0 * 28.0 + 3.0 * 81.0 + 4.0 * 142.0) / 263.0;
        assert!((mean.estimate.unwrap_or(0.0) - expected).abs() < 1e-9);
    }

    #[test]
    fn the_jdma_score_is_out_of_ten_with_a_change_against_the_earlier_period() {
        let now = counts(&[("very_good", 60), ("average", 30), ("bad", 10)]);
        let before = counts(&[("very_good", 40), ("average", 40), ("bad", 20)]);
        let s = question_summary(
            "overall",
            QuestionKind::Jdma3,
            &now,
            Some(&before),
            &settings(),
        );
        let score = &s.indicators["score10"];
        assert!((score.estimate.unwrap_or(0.0) - 7.5).abs() < 1e-9);
        let change = score.change.expect("a change");
        assert!((change.estimate - 1.5).abs() < 1e-9);
        assert!(change.lower < 1.5 && 1.5 < change.upper && change.p_value < 0.05);
        let rate = &s.indicators["very_good_rate"];
        assert!((rate.change.expect("change").estimate - 0.2).abs() < 1e-9);
    }

    #[test]
    fn small_groups_are_flagged_and_tiny_ones_suppressed() {
        let few = counts(&[("yes", 8), ("no", 4)]);
        let s = question_summary(
            "resolved",
            QuestionKind::YesPartlyNo,
            &few,
            None,
            &settings(),
        );
        assert!(s.indicators["yes_rate"].fragile && !s.indicators["yes_rate"].suppressed);
        let tiny = counts(&[("yes", 3)]);
        let s = question_summary(
            "resolved",
            QuestionKind::YesPartlyNo,
            &tiny,
            None,
            &settings(),
        );
        let ind = &s.indicators["yes_rate"];
        assert!(ind.suppressed && ind.estimate.is_none() && s.counts.is_empty());
    }
}
