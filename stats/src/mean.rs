//! Means of a scale with Student-t intervals, the JDMA score out of 10, net satisfaction and NPS.

use serde::{Deserialize, Serialize};

use crate::error::{Result, StatsError};
use crate::util::{
    check_finite, check_level, check_non_negative, clip, f, t_two_sided, t_two_sided_p, z_two_sided,
};

/// Summary statistics of a sample: size, mean and sample standard deviation (divisor n − 1).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MeanSummary {
    /// Number of observations.
    pub n: u64,
    /// Sample mean.
    pub mean: f64,
    /// Sample standard deviation with divisor n − 1 (0 when n = 1).
    pub sd: f64,
}

impl MeanSummary {
    /// Builds a summary from n, mean and sd, checking n ≥ 1, finite mean and sd ≥ 0.
    pub fn new(n: u64, mean: f64, sd: f64) -> Result<Self> {
        if n == 0 {
            return Err(StatsError::TooFewObservations {
                what: "a mean",
                min: 1,
                got: 0,
            });
        }
        check_finite("the mean", mean)?;
        check_non_negative("the standard deviation", sd)?;
        Ok(MeanSummary { n, mean, sd })
    }

    /// Summarises raw values (two-pass, numerically stable); errors on an empty or non-finite input.
    pub fn from_values(values: &[f64]) -> Result<Self> {
        if values.is_empty() {
            return Err(StatsError::TooFewObservations {
                what: "a mean",
                min: 1,
                got: 0,
            });
        }
        for &value in values {
            check_finite("a value", value)?;
        }
        let n = values.len() as u64;
        let mean = values.iter().sum::<f64>() / f(n);
        let sd = if n < 2 {
            0.0
        } else {
            let squares: f64 = values.iter().map(|v| (v - mean) * (v - mean)).sum();
            (squares / f(n - 1)).sqrt()
        };
        Self::new(n, mean, sd)
    }

    /// Summarises a histogram of (value, count) pairs, such as the rows of a GROUP BY.
    pub fn from_histogram(histogram: &[(f64, u64)]) -> Result<Self> {
        let mut n: u64 = 0;
        for &(value, count) in histogram {
            check_finite("a value", value)?;
            n = n.checked_add(count).ok_or_else(|| {
                StatsError::Numerical("the counts of the histogram overflow".into())
            })?;
        }
        if n == 0 {
            return Err(StatsError::TooFewObservations {
                what: "a mean",
                min: 1,
                got: 0,
            });
        }
        let mean = histogram.iter().map(|&(v, c)| v * f(c)).sum::<f64>() / f(n);
        let sd = if n < 2 {
            0.0
        } else {
            let squares: f64 = histogram
                .iter()
                .map(|&(v, c)| f(c) * (v - mean) * (v - mean))
                .sum();
            (squares / f(n - 1)).sqrt()
        };
        Self::new(n, mean, sd)
    }

    /// The standard error sd / √n.
    pub fn standard_error(&self) -> f64 {
        self.sd / f(self.n).sqrt()
    }
}

/// A mean with its Student-t confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MeanInterval {
    /// Number of observations.
    pub n: u64,
    /// The sample mean.
    pub estimate: f64,
    /// Sample standard deviation (divisor n − 1).
    pub sd: f64,
    /// Standard error sd / √n.
    pub se: f64,
    /// Degrees of freedom n − 1.
    pub df: f64,
    /// Lower bound of the interval.
    pub lower: f64,
    /// Upper bound of the interval.
    pub upper: f64,
}

/// A one-sample Student t test of the mean against `mu0`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TTest {
    /// The sample mean.
    pub estimate: f64,
    /// Standard error of the mean.
    pub se: f64,
    /// The t statistic (mean − mu0) / se (±∞ when se = 0 and mean ≠ mu0).
    pub t: f64,
    /// Degrees of freedom.
    pub df: f64,
    /// Two-sided p-value.
    pub p_value: f64,
}

fn require_two(n: u64, what: &'static str) -> Result<()> {
    if n < 2 {
        Err(StatsError::TooFewObservations {
            what,
            min: 2,
            got: n,
        })
    } else {
        Ok(())
    }
}

/// Student-t interval mean ± t_{n−1} sd/√n from summary statistics (needs n ≥ 2).
pub fn mean_interval(summary: &MeanSummary, level: f64) -> Result<MeanInterval> {
    let summary = MeanSummary::new(summary.n, summary.mean, summary.sd)?;
    require_two(summary.n, "a mean's interval")?;
    check_level(level)?;
    let df = f(summary.n - 1);
    let se = summary.standard_error();
    let half = t_two_sided(level, df)? * se;
    Ok(MeanInterval {
        n: summary.n,
        estimate: summary.mean,
        sd: summary.sd,
        se,
        df,
        lower: summary.mean - half,
        upper: summary.mean + half,
    })
}

/// Student-t interval of the mean of raw values.
pub fn mean_interval_from_values(values: &[f64], level: f64) -> Result<MeanInterval> {
    mean_interval(&MeanSummary::from_values(values)?, level)
}

/// Student-t interval of the mean of a histogram of (value, count) pairs.
pub fn mean_interval_from_histogram(histogram: &[(f64, u64)], level: f64) -> Result<MeanInterval> {
    mean_interval(&MeanSummary::from_histogram(histogram)?, level)
}

/// One-sample t test of H0: mean = mu0, two-sided (as R's `t.test(x, mu = mu0)`).
pub fn one_sample_t_test(summary: &MeanSummary, mu0: f64) -> Result<TTest> {
    let summary = MeanSummary::new(summary.n, summary.mean, summary.sd)?;
    check_finite("mu0", mu0)?;
    require_two(summary.n, "a t test")?;
    let df = f(summary.n - 1);
    let se = summary.standard_error();
    let difference = summary.mean - mu0;
    let (t, p_value) = if se > 0.0 {
        let t = difference / se;
        (t, t_two_sided_p(t, df)?)
    } else if difference == 0.0 {
        (0.0, 1.0)
    } else {
        (f64::INFINITY.copysign(difference), 0.0)
    };
    Ok(TTest {
        estimate: summary.mean,
        se,
        t,
        df,
        p_value,
    })
}

/// The JDMA score out of 10: answers weighted 10 (very good), 5 (average), 0 (bad), with its
/// Student-t interval clipped to [0, 10].
pub fn jdma_score(very_good: u64, average: u64, bad: u64, level: f64) -> Result<MeanInterval> {
    let histogram = [(10.0, very_good), (5.0, average), (0.0, bad)];
    let mut interval = mean_interval_from_histogram(&histogram, level)?;
    interval.lower = clip(interval.lower, 0.0, 10.0);
    interval.upper = clip(interval.upper, 0.0, 10.0);
    Ok(interval)
}

/// A net score (share of top answers minus share of bottom answers) with its interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NetScore {
    /// Number of answers.
    pub n: u64,
    /// Share of top answers (promoters), in [0, 1].
    pub top_share: f64,
    /// Share of bottom answers (detractors), in [0, 1].
    pub bottom_share: f64,
    /// The net score, in the score's unit ([-1, 1] for net satisfaction, [-100, 100] for NPS).
    pub estimate: f64,
    /// Standard error, in the score's unit.
    pub se: f64,
    /// Lower bound, clipped to the score's range.
    pub lower: f64,
    /// Upper bound, clipped to the score's range.
    pub upper: f64,
}

fn net_score(top: u64, bottom: u64, n: u64, level: f64, scale: f64) -> Result<NetScore> {
    if n == 0 {
        return Err(StatsError::TooFewObservations {
            what: "a net score",
            min: 1,
            got: 0,
        });
    }
    let parts = top
        .checked_add(bottom)
        .ok_or_else(|| StatsError::Numerical("the counts overflow".into()))?;
    if parts > n {
        return Err(StatsError::PartsExceedTotal { parts, total: n });
    }
    let z = z_two_sided(level)?;
    let n_f = f(n);
    let p_top = f(top) / n_f;
    let p_bottom = f(bottom) / n_f;
    let difference = p_top - p_bottom;
    let variance = ((p_top + p_bottom - difference * difference) / n_f).max(0.0);
    let se = variance.sqrt();
    Ok(NetScore {
        n,
        top_share: p_top,
        bottom_share: p_bottom,
        estimate: scale * difference,
        se: scale * se,
        lower: scale * clip(difference - z * se, -1.0, 1.0),
        upper: scale * clip(difference + z * se, -1.0, 1.0),
    })
}

/// Net satisfaction (top − bottom) / n in [-1, 1] with a normal interval from the multinomial
/// variance (p_top + p_bottom − (p_top − p_bottom)²) / n.
pub fn net_satisfaction(top: u64, bottom: u64, n: u64, level: f64) -> Result<NetScore> {
    net_score(top, bottom, n, level, 1.0)
}

/// Net Promoter Score in points [-100, 100] from promoters (9–10), passives (7–8) and detractors (0–6).
pub fn nps(promoters: u64, passives: u64, detractors: u64, level: f64) -> Result<NetScore> {
    let n = promoters
        .checked_add(passives)
        .and_then(|s| s.checked_add(detractors))
        .ok_or_else(|| StatsError::Numerical("the counts overflow".into()))?;
    net_score(promoters, detractors, n, level, 100.0)
}

/// Net Promoter Score from the counts of each answer 0 to 10 (index = answer).
pub fn nps_from_scale(counts: &[u64; 11], level: f64) -> Result<NetScore> {
    let sum = |range: &[u64]| -> Result<u64> {
        range.iter().try_fold(0_u64, |acc, &c| {
            acc.checked_add(c)
                .ok_or_else(|| StatsError::Numerical("the counts overflow".into()))
        })
    };
    nps(
        sum(&counts[9..])?,
        sum(&counts[7..9])?,
        sum(&counts[..7])?,
        level,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn histogram_equals_values() {
        let values = [1.0, 2.0, 2.0, 3.0, 5.0, 5.0, 5.0];
        let histogram = [(1.0, 1), (2.0, 2), (3.0, 1), (4.0, 0), (5.0, 3)];
        let a = MeanSummary::from_values(&values).expect("valid input");
        let b = MeanSummary::from_histogram(&histogram).expect("valid input");
        assert_eq!(a.n, b.n);
        assert!(close(a.mean, b.mean, 1e-12));
        assert!(close(a.sd, b.sd, 1e-12));
        let ia = mean_interval(&a, 0.9).expect("valid input");
        let ib = mean_interval_from_histogram(&histogram, 0.9).expect("valid input");
        assert!(close(ia.lower, ib.lower, 1e-12) && close(ia.upper, ib.upper, 1e-12));
    }

    #[test]
    fn small_or_bad_inputs_are_errors() {
        assert!(MeanSummary::from_values(&[]).is_err());
        assert!(MeanSummary::from_values(&[1.0, f64::NAN]).is_err());
        assert!(MeanSummary::from_histogram(&[(1.0, 0)]).is_err());
        assert!(MeanSummary::new(3, 1.0, -0.1).is_err());
        let one = MeanSummary::from_values(&[4.0]).expect("valid input");
        assert_eq!(one.sd, 0.0);
        assert!(matches!(
            mean_interval(&one, 0.95),
            Err(StatsError::TooFewObservations { min: 2, got: 1, .. })
        ));
        let bad = MeanSummary {
            n: 3,
            mean: 1.0,
            sd: f64::NAN,
        };
        assert!(mean_interval(&bad, 0.95).is_err());
        let ok = MeanSummary::new(3, 1.0, 1.0).expect("valid input");
        assert!(mean_interval(&ok, 1.0).is_err());
    }

    #[test]
    fn constant_sample_has_zero_width() {
        let ci = mean_interval_from_values(&[3.0; 5], 0.95).expect("valid input");
        assert_eq!((ci.lower, ci.upper, ci.estimate), (3.0, 3.0, 3.0));
        let test = one_sample_t_test(&MeanSummary::new(5, 3.0, 0.0).expect("valid input"), 3.0)
            .expect("valid input");
        assert_eq!((test.t, test.p_value), (0.0, 1.0));
        let test = one_sample_t_test(&MeanSummary::new(5, 3.0, 0.0).expect("valid input"), 2.0)
            .expect("valid input");
        assert_eq!(test.p_value, 0.0);
    }

    #[test]
    fn jdma_score_is_a_clipped_mean() {
        let score = jdma_score(40, 10, 5, 0.95).expect("valid input");
        assert!(close(score.estimate, (400.0 + 50.0) / 55.0, 1e-12));
        assert!(score.lower < score.estimate && score.estimate < score.upper);
        assert!(score.upper <= 10.0);
        let all_good = jdma_score(10, 0, 0, 0.95).expect("valid input");
        assert_eq!(
            (all_good.estimate, all_good.lower, all_good.upper),
            (10.0, 10.0, 10.0)
        );
        let nearly = jdma_score(9, 0, 1, 0.95).expect("valid input");
        assert_eq!(nearly.upper, 10.0);
        assert!(jdma_score(0, 0, 0, 0.95).is_err());
        assert!(jdma_score(1, 0, 0, 0.95).is_err());
    }

    #[test]
    fn net_satisfaction_variance() {
        // 60 top, 15 bottom of 100: p_a = 0.6, p_b = 0.15, var = (0.75 - 0.45²)/100.
        let net = net_satisfaction(60, 15, 100, 0.95).expect("valid input");
        let se = ((0.75 - 0.45 * 0.45) / 100.0_f64).sqrt();
        assert!(close(net.estimate, 0.45, 1e-12));
        assert!(close(net.se, se, 1e-12));
        let z = 1.959_963_984_540_054;
        assert!(close(net.lower, 0.45 - z * se, 1e-9));
        assert!(close(net.upper, 0.45 + z * se, 1e-9));
        assert_eq!(
            net_satisfaction(60, 50, 100, 0.95),
            Err(StatsError::PartsExceedTotal {
                parts: 110,
                total: 100
            })
        );
        assert!(net_satisfaction(0, 0, 0, 0.95).is_err());
        let all_top = net_satisfaction(10, 0, 10, 0.95).expect("valid input");
        assert_eq!((all_top.lower, all_top.upper), (1.0, 1.0));
    }

    #[test]
    fn nps_in_points() {
        let mut counts = [0_u64; 11];
        counts[10] = 30;
        counts[9] = 20;
        counts[8] = 25;
        counts[7] = 5;
        counts[3] = 20;
        let score = nps_from_scale(&counts, 0.95).expect("valid input");
        let direct = nps(50, 30, 20, 0.95).expect("valid input");
        assert_eq!(score, direct);
        assert!(close(score.estimate, 30.0, 1e-9));
        let se = ((0.7 - 0.09) / 100.0_f64).sqrt() * 100.0;
        assert!(close(score.se, se, 1e-9));
        assert!(score.lower >= -100.0 && score.upper <= 100.0);
        let extreme = nps(0, 0, 3, 0.95).expect("valid input");
        assert_eq!(
            (extreme.estimate, extreme.lower, extreme.upper),
            (-100.0, -100.0, -100.0)
        );
    }
}
