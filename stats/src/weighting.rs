//! Post-stratification: weighting answers so that each stratum (service, channel...) counts in
//! proportion to its population weight (e.g. the footfall of the period).
//!
//! Estimate: Σ W_h ŷ_h with W_h = N_h / Σ N. Variance (conditional on the n_h, without finite
//! population correction since weights may be relative): Σ W_h² s_h² / n_h, where s_h² is the
//! unbiased within-stratum variance (p_h(1−p_h)·n_h/(n_h−1) for a proportion). Normal interval.
//! Kish's design effect from the per-answer weights w = N_h / n_h: deff = n Σw² / (Σw)².

use serde::{Deserialize, Serialize};

use crate::error::{Result, StatsError};
use crate::mean::{MeanSummary, mean_interval};
use crate::proportion::{Interval, wilson_interval};
use crate::util::{check_finite, check_level, check_non_negative, clip, f, z_two_sided};

/// A stratum for a proportion: answers, successes among them and its population weight.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProportionStratum {
    /// Number of answers in the stratum (n_h).
    pub answers: u64,
    /// Number of "successes" among those answers (x_h ≤ n_h).
    pub successes: u64,
    /// Population weight of the stratum (N_h, e.g. its footfall; only ratios matter).
    pub population: f64,
}

/// A stratum for a mean: answers, sum and sum of squares of the values, population weight.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MeanStratum {
    /// Number of answers in the stratum (n_h).
    pub answers: u64,
    /// Sum of the values.
    pub sum: f64,
    /// Sum of the squared values.
    pub sum_squares: f64,
    /// Population weight of the stratum (N_h, e.g. its footfall; only ratios matter).
    pub population: f64,
}

/// A post-stratified estimate beside the unweighted one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PostStratified {
    /// Total number of answers n.
    pub n: u64,
    /// The post-stratified estimate Σ W_h ŷ_h.
    pub estimate: f64,
    /// Its standard error.
    pub se: f64,
    /// Lower bound of the normal interval (clipped to [0, 1] for a proportion).
    pub lower: f64,
    /// Upper bound of the normal interval (clipped to [0, 1] for a proportion).
    pub upper: f64,
    /// Kish's design effect of the weights, n Σw² / (Σw)² (≥ 1).
    pub design_effect: f64,
    /// Effective sample size n / deff.
    pub effective_n: f64,
    /// The unweighted estimate with its usual interval (Wilson, or Student t for a mean).
    pub unweighted: Interval,
}

/// Kish's design effect n Σw² / (Σw)² for strata given as (answers n_h, population N_h),
/// each answer weighing N_h / n_h.
pub fn kish_design_effect(strata: &[(u64, f64)]) -> Result<f64> {
    let (n, sum_w, sum_w2) = kish_sums(strata)?;
    Ok(f(n) * sum_w2 / (sum_w * sum_w))
}

/// Returns (n, Σw, Σw²) after checking the strata.
fn kish_sums(strata: &[(u64, f64)]) -> Result<(u64, f64, f64)> {
    if strata.is_empty() {
        return Err(StatsError::TooFewObservations {
            what: "post-stratification",
            min: 1,
            got: 0,
        });
    }
    let mut n: u64 = 0;
    let (mut sum_w, mut sum_w2) = (0.0, 0.0);
    for (index, &(answers, population)) in strata.iter().enumerate() {
        check_non_negative("a stratum's population", population)?;
        if answers == 0 {
            if population > 0.0 {
                return Err(StatsError::InvalidStratum {
                    index,
                    reason: "it has a population but no answers: merge it with a neighbour".into(),
                });
            }
            continue;
        }
        n = n
            .checked_add(answers)
            .ok_or_else(|| StatsError::Numerical("the counts overflow".into()))?;
        sum_w += population;
        sum_w2 += population * population / f(answers);
    }
    if n == 0 {
        return Err(StatsError::TooFewObservations {
            what: "post-stratification",
            min: 1,
            got: 0,
        });
    }
    if !(sum_w > 0.0 && sum_w.is_finite() && sum_w2.is_finite()) {
        return Err(StatsError::InvalidStratum {
            index: 0,
            reason: "the populations add up to zero (or overflow)".into(),
        });
    }
    Ok((n, sum_w, sum_w2))
}

/// Checks a stratum with a positive population has at least 2 answers (for its variance).
fn check_two_answers(index: usize, answers: u64, population: f64) -> Result<()> {
    if population > 0.0 && answers == 1 {
        Err(StatsError::InvalidStratum {
            index,
            reason: "a single answer gives no variance: merge it with a neighbour".into(),
        })
    } else {
        Ok(())
    }
}

/// Post-stratified proportion Σ W_h x_h/n_h with its standard error, normal interval (clipped to
/// [0, 1]), design effect and effective sample size, beside the unweighted Wilson interval.
///
/// Every stratum with a positive population needs at least 2 answers; strata without answers
/// and without population are ignored.
pub fn post_stratified_proportion(
    strata: &[ProportionStratum],
    level: f64,
) -> Result<PostStratified> {
    check_level(level)?;
    let pairs: Vec<(u64, f64)> = strata.iter().map(|s| (s.answers, s.population)).collect();
    let (n, total_population, sum_w2) = kish_sums(&pairs)?;
    let mut estimate = 0.0;
    let mut variance = 0.0;
    let mut successes: u64 = 0;
    for (index, stratum) in strata.iter().enumerate() {
        if stratum.successes > stratum.answers {
            return Err(StatsError::SuccessesExceedTrials {
                x: stratum.successes,
                n: stratum.answers,
            });
        }
        successes = successes
            .checked_add(stratum.successes)
            .ok_or_else(|| StatsError::Numerical("the counts overflow".into()))?;
        if stratum.answers == 0 {
            continue;
        }
        check_two_answers(index, stratum.answers, stratum.population)?;
        let weight = stratum.population / total_population;
        let n_h = f(stratum.answers);
        let p_h = f(stratum.successes) / n_h;
        estimate += weight * p_h;
        if stratum.answers > 1 {
            variance += weight * weight * p_h * (1.0 - p_h) / (n_h - 1.0);
        }
    }
    let se = variance.max(0.0).sqrt();
    let z = z_two_sided(level)?;
    let design_effect = f(n) * sum_w2 / (total_population * total_population);
    Ok(PostStratified {
        n,
        estimate,
        se,
        lower: clip(estimate - z * se, 0.0, 1.0),
        upper: clip(estimate + z * se, 0.0, 1.0),
        design_effect,
        effective_n: f(n) / design_effect,
        unweighted: wilson_interval(successes, n, level)?,
    })
}

/// Post-stratified mean Σ W_h ȳ_h from per-stratum sums and sums of squares, with its standard
/// error, normal interval, design effect and effective sample size, beside the unweighted
/// Student-t interval.
///
/// Every stratum with a positive population needs at least 2 answers; strata without answers
/// and without population are ignored.
pub fn post_stratified_mean(strata: &[MeanStratum], level: f64) -> Result<PostStratified> {
    check_level(level)?;
    let pairs: Vec<(u64, f64)> = strata.iter().map(|s| (s.answers, s.population)).collect();
    let (n, total_population, sum_w2) = kish_sums(&pairs)?;
    let mut estimate = 0.0;
    let mut variance = 0.0;
    let (mut sum, mut sum_squares) = (0.0, 0.0);
    for (index, stratum) in strata.iter().enumerate() {
        check_finite("a stratum's sum", stratum.sum)?;
        check_non_negative("a stratum's sum of squares", stratum.sum_squares)?;
        sum += stratum.sum;
        sum_squares += stratum.sum_squares;
        if stratum.answers == 0 {
            if stratum.sum != 0.0 || stratum.sum_squares != 0.0 {
                return Err(StatsError::InvalidStratum {
                    index,
                    reason: "it has no answers but a non-zero sum".into(),
                });
            }
            continue;
        }
        check_two_answers(index, stratum.answers, stratum.population)?;
        let n_h = f(stratum.answers);
        let mean_h = stratum.sum / n_h;
        let s2_h = stratum_variance(index, stratum.answers, stratum.sum, stratum.sum_squares)?;
        let weight = stratum.population / total_population;
        estimate += weight * mean_h;
        variance += weight * weight * s2_h / n_h;
    }
    let se = variance.max(0.0).sqrt();
    let z = z_two_sided(level)?;
    let design_effect = f(n) * sum_w2 / (total_population * total_population);
    // The pooled sums of valid strata always give a non-negative variance (up to rounding).
    let unweighted_sd = (centred_squares(n, sum, sum_squares).max(0.0) / f(n.max(2) - 1)).sqrt();
    let unweighted = if n >= 2 {
        let interval = mean_interval(&MeanSummary::new(n, sum / f(n), unweighted_sd)?, level)?;
        Interval {
            estimate: interval.estimate,
            lower: interval.lower,
            upper: interval.upper,
        }
    } else {
        let mean = sum / f(n);
        Interval {
            estimate: mean,
            lower: mean,
            upper: mean,
        }
    };
    Ok(PostStratified {
        n,
        estimate,
        se,
        lower: estimate - z * se,
        upper: estimate + z * se,
        design_effect,
        effective_n: f(n) / design_effect,
        unweighted,
    })
}

/// Σ(y − ȳ)² = Σy² − (Σy)²/n from sums (may be slightly negative through rounding).
fn centred_squares(answers: u64, sum: f64, sum_squares: f64) -> f64 {
    sum_squares - sum * sum / f(answers)
}

/// Unbiased variance Σ(y − ȳ)²/(n − 1) of a stratum from its sums (0 below 2 answers),
/// tolerating rounding below zero but not inconsistent sums.
fn stratum_variance(index: usize, answers: u64, sum: f64, sum_squares: f64) -> Result<f64> {
    if answers < 2 {
        return Ok(0.0);
    }
    let centred = centred_squares(answers, sum, sum_squares);
    if centred < -1e-9 * sum_squares.max(1.0) {
        return Err(StatsError::InvalidStratum {
            index,
            reason: "its sum of squares is smaller than its sum squared over n".into(),
        });
    }
    Ok(centred.max(0.0) / (f(answers) - 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stratum(answers: u64, successes: u64, population: f64) -> ProportionStratum {
        ProportionStratum {
            answers,
            successes,
            population,
        }
    }

    #[test]
    fn proportional_weights_give_the_unweighted_estimate() {
        // Population shares equal to answer shares: weights all equal, deff = 1.
        let strata = [stratum(40, 30, 400.0), stratum(60, 30, 600.0)];
        let result = post_stratified_proportion(&strata, 0.95).expect("valid input");
        assert!((result.estimate - 0.6).abs() < 1e-12);
        assert!((result.unweighted.estimate - 0.6).abs() < 1e-12);
        assert!((result.design_effect - 1.0).abs() < 1e-12);
        assert!((result.effective_n - 100.0).abs() < 1e-9);
    }

    #[test]
    fn worked_example() {
        // W = (0.2, 0.8); p = (0.75, 0.5); estimate 0.55.
        let strata = [stratum(40, 30, 200.0), stratum(60, 30, 800.0)];
        let result = post_stratified_proportion(&strata, 0.95).expect("valid input");
        assert!((result.estimate - 0.55).abs() < 1e-12);
        let variance: f64 = 0.04 * 0.75 * 0.25 / 39.0 + 0.64 * 0.25 / 59.0;
        assert!((result.se - variance.sqrt()).abs() < 1e-12);
        // w = 5 for 40 answers, 13.33 for 60: deff = 100 (40·25 + 60·177.78) / 1000².
        let deff = 100.0 * (200.0_f64.powi(2) / 40.0 + 800.0_f64.powi(2) / 60.0) / 1e6;
        assert!((result.design_effect - deff).abs() < 1e-12);
        assert!((result.effective_n - 100.0 / deff).abs() < 1e-9);
        assert!(result.design_effect >= 1.0);
        let kish = kish_design_effect(&[(40, 200.0), (60, 800.0)]).expect("valid input");
        assert!((kish - deff).abs() < 1e-12);
    }

    #[test]
    fn mean_strata() {
        // Stratum A: values 8, 10 (sum 18, squares 164); B: 4, 6, 8 (sum 18, squares 116).
        let strata = [
            MeanStratum {
                answers: 2,
                sum: 18.0,
                sum_squares: 164.0,
                population: 1.0,
            },
            MeanStratum {
                answers: 3,
                sum: 18.0,
                sum_squares: 116.0,
                population: 3.0,
            },
        ];
        let result = post_stratified_mean(&strata, 0.95).expect("valid input");
        assert!((result.estimate - (0.25 * 9.0 + 0.75 * 6.0)).abs() < 1e-12);
        let variance = 0.0625 * 2.0 / 2.0 + 0.5625 * 4.0 / 3.0;
        assert!((result.se - f64::sqrt(variance)).abs() < 1e-12);
        assert!((result.unweighted.estimate - 36.0 / 5.0).abs() < 1e-12);
        assert!(result.unweighted.lower < 7.2 && result.unweighted.upper > 7.2);
    }

    #[test]
    fn invalid_strata() {
        assert!(post_stratified_proportion(&[], 0.95).is_err());
        assert!(post_stratified_proportion(&[stratum(3, 4, 1.0)], 0.95).is_err());
        assert!(post_stratified_proportion(&[stratum(3, 1, -1.0)], 0.95).is_err());
        assert!(post_stratified_proportion(&[stratum(3, 1, f64::NAN)], 0.95).is_err());
        assert!(post_stratified_proportion(&[stratum(3, 1, 0.0)], 0.95).is_err());
        assert!(matches!(
            post_stratified_proportion(&[stratum(3, 1, 1.0), stratum(0, 0, 5.0)], 0.95),
            Err(StatsError::InvalidStratum { index: 1, .. })
        ));
        assert!(matches!(
            post_stratified_proportion(&[stratum(3, 1, 1.0), stratum(1, 0, 5.0)], 0.95),
            Err(StatsError::InvalidStratum { index: 1, .. })
        ));
        assert!(post_stratified_proportion(&[stratum(3, 1, 1.0)], 1.0).is_err());
        let bad_mean = MeanStratum {
            answers: 3,
            sum: 30.0,
            sum_squares: 10.0,
            population: 1.0,
        };
        assert!(post_stratified_mean(&[bad_mean], 0.95).is_err());
        // Ignored: no answers and no population; zero-weight strata still count in deff.
        let ok = post_stratified_proportion(
            &[stratum(4, 2, 1.0), stratum(0, 0, 0.0), stratum(4, 4, 0.0)],
            0.95,
        )
        .expect("valid input");
        assert!((ok.estimate - 0.5).abs() < 1e-12);
        assert!((ok.design_effect - 2.0).abs() < 1e-12);
    }
}
