//! Shares re-weighted by each service's footfall (post-stratification), when a scope spans
//! several services and the footfall of each was entered over the same stretch of the period.

use crate::period::Period;
use crate::survey::{Settings, count, share_indicator};
use db::summary::{PeriodCounts, QuestionCounts};
use domain::Question;
use serde::Serialize;

/// A share re-weighted by each service's footfall (post-stratification): answers of a busy
/// service weigh more than those of a quiet one that happened to answer a lot.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct WeightedShare {
    /// Question code.
    pub code: String,
    /// The share indicator (`top2`, `very_good_rate`, `yes_rate`).
    #[schema(value_type = String)]
    pub indicator: &'static str,
    /// Answers it rests on.
    pub n: u64,
    /// The plain (unweighted) share.
    pub unweighted: f64,
    /// The weighted share.
    pub estimate: f64,
    /// Lower bound of its interval (normal, with the strata's variances).
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
    /// Kish's design effect of the weights (1 = no loss of precision).
    pub design_effect: f64,
}

/// Whether the scope's figures could be weighted by footfall.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Weighting {
    /// The scope has one service: nothing to weight.
    SingleService,
    /// No footfall entered for these services over the period (`/admin/chiffres`), or over a
    /// shorter part of it than for the others.
    MissingFootfall {
        /// The services' codes.
        services: Vec<String>,
    },
    /// The weighted shares.
    Weighted {
        /// One per share indicator that every service could estimate.
        shares: Vec<WeightedShare>,
    },
}

/// Weighted shares of `questions` from the counts of each stratum (service) and its footfall.
pub fn weighted_shares(
    questions: &[Question],
    strata: &[(PeriodCounts, f64)],
    s: &Settings,
) -> Vec<WeightedShare> {
    let empty = QuestionCounts::default();
    questions
        .iter()
        .filter_map(|q| {
            let (indicator, codes) = share_indicator(q.kind)?;
            let parts: Vec<stats::ProportionStratum> = strata
                .iter()
                .map(|(counts, footfall)| {
                    let c = counts.questions.get(q.code.as_str()).unwrap_or(&empty);
                    stats::ProportionStratum {
                        answers: c.n().max(0) as u64,
                        successes: codes.iter().map(|code| count(c, code)).sum(),
                        population: *footfall,
                    }
                })
                .collect();
            let n: u64 = parts.iter().map(|p| p.answers).sum();
            if s.fragility.is_suppressed(n) {
                return None;
            }
            let w = stats::post_stratified_proportion(&parts, s.level).ok()?;
            Some(WeightedShare {
                code: q.code.as_str().to_owned(),
                indicator,
                n: w.n,
                unweighted: w.unweighted.estimate,
                estimate: w.estimate,
                lower: w.lower,
                upper: w.upper,
                design_effect: w.design_effect,
            })
        })
        .collect()
}

/// The footfall weighting of a scope over `current`.
pub(crate) async fn weighting(
    db: &db::Db,
    touchpoints: &[i32],
    questions: &[Question],
    current: Period,
    settings: &Settings,
) -> db::DbResult<Weighting> {
    let strata = db::figures::footfall_strata(db, touchpoints, current.from, current.to).await?;
    if strata.len() < 2 {
        return Ok(Weighting::SingleService);
    }
    // Every service needs its footfall over the same stretch of time: three months for one and
    // one month for another would weigh the second a third of what it should.
    let widest = strata.iter().map(|s| s.covered_days).max().unwrap_or(0);
    let missing: Vec<String> = strata
        .iter()
        .filter(|s| s.footfall.is_none_or(|f| f <= 0.0) || s.covered_days < widest)
        .map(|s| s.service.clone())
        .collect();
    if !missing.is_empty() {
        return Ok(Weighting::MissingFootfall { services: missing });
    }
    let mut counted = Vec::with_capacity(strata.len());
    for stratum in &strata {
        let counts = db::summary::period_counts(
            db,
            &stratum.touchpoints,
            current.from,
            current.to,
            settings.source,
            settings.fragility.suppression_min,
        )
        .await?;
        counted.push((counts, stratum.footfall.unwrap_or(0.0)));
    }
    Ok(Weighting::Weighted {
        shares: weighted_shares(questions, &counted, settings),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use db::summary::Source;
    use domain::defaults::default_questionnaire;
    use stats::{Fragility, ProportionMethod};

    fn counts(question: &str, pairs: &[(&str, i64)]) -> PeriodCounts {
        let mut p = PeriodCounts::default();
        p.questions.insert(
            question.to_owned(),
            QuestionCounts {
                code: question.to_owned(),
                counts: pairs.iter().map(|(c, n)| ((*c).to_owned(), *n)).collect(),
            },
        );
        p
    }

    #[test]
    fn a_busy_service_weighs_as_much_as_its_footfall() {
        let questions = default_questionnaire().questions;
        let resolved = questions
            .iter()
            .find(|q| share_indicator(q.kind).is_some_and(|(name, _)| name == "yes_rate"))
            .expect("a yes/partly/no question");
        let code = resolved.code.as_str();
        let settings = Settings {
            method: ProportionMethod::Wilson,
            level: 0.95,
            fragility: Fragility::default(),
            source: Source::All,
        };
        // The quiet service answered a lot (90 % yes), the busy one little (50 % yes).
        let strata = [
            (counts(code, &[("yes", 90), ("no", 10)]), 1_000.0),
            (counts(code, &[("yes", 20), ("no", 20)]), 9_000.0),
        ];
        let shares = weighted_shares(&questions, &strata, &settings);
        let share = shares.iter().find(|s| s.code == code).expect("weighted");
        assert_eq!(share.n, 140);
        assert!((share.unweighted - 110.0 / 140.0).abs() < 1e-9);
        let expected = (1_000.0 * 0.9 + 9_000.0 * 0.5) / 10_000.0;
        assert!(
            (share.estimate - expected).abs() < 1e-9,
            "{}",
            share.estimate
        );
        assert!(share.lower < expected && expected < share.upper);
        assert!(share.design_effect >= 1.0);
    }
}
