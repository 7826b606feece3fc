//! Change between two periods or groups: difference of proportions and difference of means.
//!
//! Differences are always group 1 minus group 2 (e.g. this period minus the previous one).

use serde::{Deserialize, Serialize};

use crate::error::{Result, StatsError};
use crate::mean::MeanSummary;
use crate::proportion::wilson_interval;
use crate::util::{
    check_binomial, check_level, clip, f, normal_two_sided_p, t_two_sided, t_two_sided_p,
    z_two_sided,
};

/// The method of the interval for a difference of two proportions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DifferenceMethod {
    /// Newcombe's hybrid score interval from the two Wilson intervals (1998, method 10): `newcombe`.
    #[default]
    Newcombe,
    /// Wald interval d ± z√(p1q1/n1 + p2q2/n2), kept for comparison only: `wald`.
    Wald,
}

impl DifferenceMethod {
    /// Parses an API code (`newcombe` or `wald`).
    pub fn parse(code: &str) -> Result<Self> {
        match code {
            "newcombe" => Ok(DifferenceMethod::Newcombe),
            "wald" => Ok(DifferenceMethod::Wald),
            other => Err(StatsError::UnknownMethod(other.to_owned())),
        }
    }

    /// The API code of the method.
    pub fn code(self) -> &'static str {
        match self {
            DifferenceMethod::Newcombe => "newcombe",
            DifferenceMethod::Wald => "wald",
        }
    }
}

/// The difference p1 − p2 of two independent proportions, its interval and its test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ProportionDifference {
    /// Proportion x1 / n1 of group 1.
    pub p1: f64,
    /// Proportion x2 / n2 of group 2.
    pub p2: f64,
    /// The difference p1 − p2.
    pub estimate: f64,
    /// Lower bound, clipped to [-1, 1].
    pub lower: f64,
    /// Upper bound, clipped to [-1, 1].
    pub upper: f64,
    /// The pooled two-proportion z statistic (0 when both groups are all 0 or all 1).
    pub z: f64,
    /// Two-sided p-value of the pooled z test (as R's `prop.test(correct = FALSE)`).
    pub p_value: f64,
}

/// Difference p1 − p2 of x1/n1 and x2/n2 with its interval at `level` and the pooled z test.
pub fn proportion_difference(
    x1: u64,
    n1: u64,
    x2: u64,
    n2: u64,
    level: f64,
    method: DifferenceMethod,
) -> Result<ProportionDifference> {
    check_binomial(x1, n1)?;
    check_binomial(x2, n2)?;
    check_level(level)?;
    let (n1_f, n2_f) = (f(n1), f(n2));
    let p1 = f(x1) / n1_f;
    let p2 = f(x2) / n2_f;
    let estimate = p1 - p2;
    let (lower, upper) = match method {
        DifferenceMethod::Newcombe => {
            let w1 = wilson_interval(x1, n1, level)?;
            let w2 = wilson_interval(x2, n2, level)?;
            let below = ((p1 - w1.lower).powi(2) + (w2.upper - p2).powi(2)).sqrt();
            let above = ((w1.upper - p1).powi(2) + (p2 - w2.lower).powi(2)).sqrt();
            (estimate - below, estimate + above)
        }
        DifferenceMethod::Wald => {
            let z = z_two_sided(level)?;
            let se = (p1 * (1.0 - p1) / n1_f + p2 * (1.0 - p2) / n2_f).sqrt();
            (estimate - z * se, estimate + z * se)
        }
    };
    let pooled = (f(x1) + f(x2)) / (n1_f + n2_f);
    let pooled_se = (pooled * (1.0 - pooled) * (1.0 / n1_f + 1.0 / n2_f)).sqrt();
    let (z, p_value) = if pooled_se > 0.0 {
        let z = estimate / pooled_se;
        (z, normal_two_sided_p(z)?)
    } else {
        // Pooled proportion 0 or 1: both groups identical, no evidence of a difference.
        (0.0, 1.0)
    };
    Ok(ProportionDifference {
        p1,
        p2,
        estimate,
        lower: clip(lower, -1.0, 1.0),
        upper: clip(upper, -1.0, 1.0),
        z,
        p_value,
    })
}

/// The difference of two means with Welch's interval and test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MeanDifference {
    /// The difference mean1 − mean2.
    pub estimate: f64,
    /// Standard error √(s1²/n1 + s2²/n2).
    pub se: f64,
    /// The t statistic estimate / se (0 or ±∞ when se = 0).
    pub t: f64,
    /// Welch–Satterthwaite degrees of freedom (n1 + n2 − 2 when both variances are 0).
    pub df: f64,
    /// Two-sided p-value.
    pub p_value: f64,
    /// Lower bound of the interval.
    pub lower: f64,
    /// Upper bound of the interval.
    pub upper: f64,
}

/// Welch's difference of means mean1 − mean2 from two summaries (each with n ≥ 2).
pub fn mean_difference(a: &MeanSummary, b: &MeanSummary, level: f64) -> Result<MeanDifference> {
    let a = MeanSummary::new(a.n, a.mean, a.sd)?;
    let b = MeanSummary::new(b.n, b.mean, b.sd)?;
    for summary in [&a, &b] {
        if summary.n < 2 {
            return Err(StatsError::TooFewObservations {
                what: "each group of a difference of means",
                min: 2,
                got: summary.n,
            });
        }
    }
    check_level(level)?;
    let va = a.sd * a.sd / f(a.n);
    let vb = b.sd * b.sd / f(b.n);
    let se = (va + vb).sqrt();
    let estimate = a.mean - b.mean;
    let df_floor = f(a.n - 1) + f(b.n - 1);
    if se > 0.0 {
        let df = (va + vb).powi(2) / (va * va / f(a.n - 1) + vb * vb / f(b.n - 1));
        let t = estimate / se;
        let half = t_two_sided(level, df)? * se;
        Ok(MeanDifference {
            estimate,
            se,
            t,
            df,
            p_value: t_two_sided_p(t, df)?,
            lower: estimate - half,
            upper: estimate + half,
        })
    } else {
        let (t, p_value) = if estimate == 0.0 {
            (0.0, 1.0)
        } else {
            (f64::INFINITY.copysign(estimate), 0.0)
        };
        Ok(MeanDifference {
            estimate,
            se,
            t,
            df: df_floor,
            p_value,
            lower: estimate,
            upper: estimate,
        })
    }
}

/// Welch's difference of means of two sets of raw values.
pub fn mean_difference_from_values(a: &[f64], b: &[f64], level: f64) -> Result<MeanDifference> {
    mean_difference(
        &MeanSummary::from_values(a)?,
        &MeanSummary::from_values(b)?,
        level,
    )
}

/// Welch's difference of means of two histograms of (value, count) pairs.
pub fn mean_difference_from_histograms(
    a: &[(f64, u64)],
    b: &[(f64, u64)],
    level: f64,
) -> Result<MeanDifference> {
    mean_difference(
        &MeanSummary::from_histogram(a)?,
        &MeanSummary::from_histogram(b)?,
        level,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pooled_z_matches_prop_test() {
        // Pooled p = 104/150, z = 0.2 / sqrt(p(1-p)(1/70 + 1/80)); z² is prop.test's X-squared.
        let d = proportion_difference(56, 70, 48, 80, 0.95, DifferenceMethod::Newcombe)
            .expect("valid input");
        assert!((d.z - 2.650_171_951_258_533).abs() < 1e-9);
        assert!((d.z * d.z - 7.023_411_371_237_459).abs() < 1e-9);
        assert!((d.p_value - 0.008_045_081_368_196_59).abs() < 1e-9);
    }

    #[test]
    fn degenerate_groups() {
        let d = proportion_difference(0, 10, 0, 20, 0.95, DifferenceMethod::Newcombe)
            .expect("valid input");
        assert_eq!((d.estimate, d.z, d.p_value), (0.0, 0.0, 1.0));
        let d = proportion_difference(10, 10, 20, 20, 0.95, DifferenceMethod::Wald)
            .expect("valid input");
        assert_eq!((d.lower, d.upper, d.p_value), (0.0, 0.0, 1.0));
    }

    #[test]
    fn invalid_inputs() {
        let m = DifferenceMethod::Newcombe;
        assert!(proportion_difference(11, 10, 0, 20, 0.95, m).is_err());
        assert!(proportion_difference(1, 10, 0, 0, 0.95, m).is_err());
        assert!(proportion_difference(1, 10, 0, 5, 1.0, m).is_err());
        let one = MeanSummary::new(1, 3.0, 0.0).expect("valid input");
        let two = MeanSummary::new(2, 3.0, 1.0).expect("valid input");
        assert!(mean_difference(&one, &two, 0.95).is_err());
        assert!(mean_difference(&two, &two, 0.0).is_err());
        assert_eq!(
            DifferenceMethod::parse("wald").expect("valid input"),
            DifferenceMethod::Wald
        );
        assert_eq!(
            DifferenceMethod::parse(DifferenceMethod::Newcombe.code()).expect("valid input"),
            DifferenceMethod::Newcombe
        );
        assert!(DifferenceMethod::parse("score").is_err());
        assert_eq!(
            serde_json::to_string(&DifferenceMethod::Newcombe).expect("valid input"),
            "\"newcombe\""
        );
    }

    #[test]
    fn zero_variance_means() {
        let a = MeanSummary::new(5, 4.0, 0.0).expect("valid input");
        let b = MeanSummary::new(7, 4.0, 0.0).expect("valid input");
        let d = mean_difference(&a, &b, 0.95).expect("valid input");
        assert_eq!((d.estimate, d.t, d.p_value, d.df), (0.0, 0.0, 1.0, 10.0));
        let c = MeanSummary::new(7, 3.0, 0.0).expect("valid input");
        let d = mean_difference(&a, &c, 0.95).expect("valid input");
        assert_eq!((d.lower, d.upper, d.p_value), (1.0, 1.0, 0.0));
    }

    #[test]
    fn histograms_equal_values() {
        let a =
            mean_difference_from_histograms(&[(10.0, 3), (5.0, 2)], &[(10.0, 1), (0.0, 2)], 0.95)
                .expect("valid input");
        let b = mean_difference_from_values(&[10.0, 10.0, 10.0, 5.0, 5.0], &[10.0, 0.0, 0.0], 0.95)
            .expect("valid input");
        assert!((a.estimate - b.estimate).abs() < 1e-12);
        assert!((a.df - b.df).abs() < 1e-9);
        assert!((a.lower - b.lower).abs() < 1e-9);
    }
}
