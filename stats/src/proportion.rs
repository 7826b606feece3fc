//! Confidence intervals for a single proportion x / n.
//!
//! All methods return the point estimate x / n and bounds clipped to [0, 1].

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Result, StatsError};
use crate::util::{beta_quantile, check_binomial, check_level, clip, f, z_two_sided};

/// A point estimate with the bounds of its confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Interval {
    /// The point estimate.
    pub estimate: f64,
    /// The lower bound of the interval.
    pub lower: f64,
    /// The upper bound of the interval.
    pub upper: f64,
}

impl Interval {
    /// The width upper - lower of the interval.
    pub fn width(&self) -> f64 {
        self.upper - self.lower
    }

    /// Whether `value` lies within [lower, upper].
    pub fn contains(&self, value: f64) -> bool {
        self.lower <= value && value <= self.upper
    }
}

/// The method used for a proportion's confidence interval (API codes in kebab-case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProportionMethod {
    /// Wilson score interval (Wilson 1927), the default: `wilson`.
    #[default]
    Wilson,
    /// Wilson score interval with continuity correction 0.5 (Newcombe 1998, method 4): `wilson-cc`.
    WilsonCc,
    /// Clopper-Pearson "exact" interval from Beta quantiles (1934): `clopper-pearson`.
    ClopperPearson,
    /// Agresti-Coull interval centred on (x + z²/2)/(n + z²) (1998): `agresti-coull`.
    AgrestiCoull,
    /// Jeffreys equal-tailed Beta(x+½, n−x+½) interval (Brown, Cai & DasGupta 2001): `jeffreys`.
    Jeffreys,
    /// Wald interval p ± z√(p(1−p)/n), kept for comparison only: `wald`.
    Wald,
}

impl ProportionMethod {
    /// Every method, in the order of the API documentation.
    pub const ALL: [ProportionMethod; 6] = [
        ProportionMethod::Wilson,
        ProportionMethod::WilsonCc,
        ProportionMethod::ClopperPearson,
        ProportionMethod::AgrestiCoull,
        ProportionMethod::Jeffreys,
        ProportionMethod::Wald,
    ];

    /// Parses an API code (`wilson`, `wilson-cc`, `clopper-pearson`, `agresti-coull`, `jeffreys`, `wald`).
    pub fn parse(code: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|m| m.code() == code)
            .ok_or_else(|| StatsError::UnknownMethod(code.to_owned()))
    }

    /// The API code of the method.
    pub fn code(self) -> &'static str {
        match self {
            ProportionMethod::Wilson => "wilson",
            ProportionMethod::WilsonCc => "wilson-cc",
            ProportionMethod::ClopperPearson => "clopper-pearson",
            ProportionMethod::AgrestiCoull => "agresti-coull",
            ProportionMethod::Jeffreys => "jeffreys",
            ProportionMethod::Wald => "wald",
        }
    }
}

impl fmt::Display for ProportionMethod {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.code())
    }
}

impl FromStr for ProportionMethod {
    type Err = StatsError;

    fn from_str(code: &str) -> Result<Self> {
        Self::parse(code)
    }
}

/// Largest n for the Beta-quantile methods (Clopper-Pearson, Jeffreys): beyond about 10^8,
/// statrs' incomplete beta function (140 continued-fraction terms) is no longer accurate.
pub const BETA_METHODS_MAX_N: u64 = 10_000_000;

/// Confidence interval for the proportion x / n at `level` (e.g. 0.95) by `method`.
///
/// The estimate is always x / n and the bounds are clipped to [0, 1]. Every method's interval
/// contains x / n, except Jeffreys' at levels below about 0.145 (it is centred on the posterior
/// Beta(x + ½, n − x + ½), e.g. 1/1000 at 10 % gives [0.00105, 0.00132]).
///
/// Errors: n = 0, x > n, a level outside (0, 1), or n above [`BETA_METHODS_MAX_N`] for
/// Clopper-Pearson and Jeffreys (`TooComplex`; Wilson is then indistinguishable anyway).
pub fn proportion_interval(
    x: u64,
    n: u64,
    level: f64,
    method: ProportionMethod,
) -> Result<Interval> {
    check_binomial(x, n)?;
    check_level(level)?;
    let beta_method = matches!(
        method,
        ProportionMethod::ClopperPearson | ProportionMethod::Jeffreys
    );
    if beta_method && n > BETA_METHODS_MAX_N {
        return Err(StatsError::TooComplex(format!(
            "{method} is computed for n up to {BETA_METHODS_MAX_N}, got {n}: use wilson"
        )));
    }
    let (lower, upper) = match method {
        ProportionMethod::Wilson => wilson_bounds(x, n, level)?,
        ProportionMethod::WilsonCc => wilson_cc_bounds(x, n, level)?,
        ProportionMethod::ClopperPearson => clopper_pearson_bounds(x, n, level)?,
        ProportionMethod::AgrestiCoull => agresti_coull_bounds(x, n, level)?,
        ProportionMethod::Jeffreys => jeffreys_bounds(x, n, level)?,
        ProportionMethod::Wald => wald_bounds(x, n, level)?,
    };
    Ok(Interval {
        estimate: f(x) / f(n),
        lower: clip(lower, 0.0, 1.0),
        upper: clip(upper, 0.0, 1.0),
    })
}

/// Wilson score interval for x / n (shorthand for the default method).
pub fn wilson_interval(x: u64, n: u64, level: f64) -> Result<Interval> {
    proportion_interval(x, n, level, ProportionMethod::Wilson)
}

/// Wilson score bounds (unclipped, exact 0 at x = 0 and 1 at x = n).
fn wilson_bounds(x: u64, n: u64, level: f64) -> Result<(f64, f64)> {
    let z = z_two_sided(level)?;
    let n_f = f(n);
    let p = f(x) / n_f;
    let z2 = z * z;
    let denominator = 1.0 + z2 / n_f;
    let centre = (p + z2 / (2.0 * n_f)) / denominator;
    let half = z * (p * (1.0 - p) / n_f + z2 / (4.0 * n_f * n_f)).sqrt() / denominator;
    let lower = if x == 0 { 0.0 } else { centre - half };
    let upper = if x == n { 1.0 } else { centre + half };
    Ok((lower, upper))
}

/// Wilson bounds with continuity correction, Newcombe (1998) closed form, correction 0.5 always.
fn wilson_cc_bounds(x: u64, n: u64, level: f64) -> Result<(f64, f64)> {
    let z = z_two_sided(level)?;
    let n_f = f(n);
    let p = f(x) / n_f;
    let q = 1.0 - p;
    let z2 = z * z;
    let denominator = 2.0 * (n_f + z2);
    let lower = if x == 0 {
        0.0
    } else {
        let root = (z2 - 2.0 - 1.0 / n_f + 4.0 * p * (n_f * q + 1.0))
            .max(0.0)
            .sqrt();
        (2.0 * n_f * p + z2 - 1.0 - z * root) / denominator
    };
    let upper = if x == n {
        1.0
    } else {
        let root = (z2 + 2.0 - 1.0 / n_f + 4.0 * p * (n_f * q - 1.0))
            .max(0.0)
            .sqrt();
        (2.0 * n_f * p + z2 + 1.0 + z * root) / denominator
    };
    Ok((lower, upper))
}

/// Clopper-Pearson bounds: Beta(x, n−x+1) and Beta(x+1, n−x) quantiles at α/2 and 1−α/2.
fn clopper_pearson_bounds(x: u64, n: u64, level: f64) -> Result<(f64, f64)> {
    let alpha = 1.0 - level;
    let lower = if x == 0 {
        0.0
    } else {
        beta_quantile(f(x), f(n - x) + 1.0, alpha / 2.0)?
    };
    let upper = if x == n {
        1.0
    } else {
        beta_quantile(f(x) + 1.0, f(n - x), 1.0 - alpha / 2.0)?
    };
    Ok((lower, upper))
}

/// Agresti-Coull bounds: Wald interval around (x + z²/2)/(n + z²) with n + z² trials.
fn agresti_coull_bounds(x: u64, n: u64, level: f64) -> Result<(f64, f64)> {
    let z = z_two_sided(level)?;
    let z2 = z * z;
    let n_tilde = f(n) + z2;
    let p_tilde = (f(x) + z2 / 2.0) / n_tilde;
    let half = z * (p_tilde * (1.0 - p_tilde) / n_tilde).sqrt();
    Ok((p_tilde - half, p_tilde + half))
}

/// Jeffreys bounds: equal-tailed Beta(x+½, n−x+½) quantiles, 0 at x = 0 and 1 at x = n.
fn jeffreys_bounds(x: u64, n: u64, level: f64) -> Result<(f64, f64)> {
    let alpha = 1.0 - level;
    let a = f(x) + 0.5;
    let b = f(n - x) + 0.5;
    let lower = if x == 0 {
        0.0
    } else {
        beta_quantile(a, b, alpha / 2.0)?
    };
    let upper = if x == n {
        1.0
    } else {
        beta_quantile(a, b, 1.0 - alpha / 2.0)?
    };
    Ok((lower, upper))
}

/// Wald bounds p ± z√(p(1−p)/n).
fn wald_bounds(x: u64, n: u64, level: f64) -> Result<(f64, f64)> {
    let z = z_two_sided(level)?;
    let n_f = f(n);
    let p = f(x) / n_f;
    let half = z * (p * (1.0 - p) / n_f).sqrt();
    Ok((p - half, p + half))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for method in ProportionMethod::ALL {
            assert_eq!(
                ProportionMethod::parse(method.code()).expect("valid input"),
                method
            );
            assert_eq!(
                method
                    .to_string()
                    .parse::<ProportionMethod>()
                    .expect("valid input"),
                method
            );
            let json = serde_json::to_string(&method).expect("valid input");
            assert_eq!(json, format!("\"{}\"", method.code()));
            let back: ProportionMethod = serde_json::from_str(&json).expect("valid input");
            assert_eq!(back, method);
        }
        assert_eq!(ProportionMethod::default(), ProportionMethod::Wilson);
        assert!(matches!(
            ProportionMethod::parse("Wilson"),
            Err(StatsError::UnknownMethod(_))
        ));
        assert!(ProportionMethod::parse("").is_err());
    }

    #[test]
    fn invalid_inputs_are_errors() {
        for method in ProportionMethod::ALL {
            assert_eq!(
                proportion_interval(5, 4, 0.95, method),
                Err(StatsError::SuccessesExceedTrials { x: 5, n: 4 })
            );
            assert!(matches!(
                proportion_interval(0, 0, 0.95, method),
                Err(StatsError::TooFewObservations { .. })
            ));
            for level in [0.0, 1.0, -0.1, 1.1, f64::NAN] {
                assert!(matches!(
                    proportion_interval(1, 4, level, method),
                    Err(StatsError::InvalidLevel(_))
                ));
            }
        }
    }

    #[test]
    fn extremes_are_handled() {
        for method in ProportionMethod::ALL {
            let all = proportion_interval(7, 7, 0.95, method).expect("valid input");
            assert_eq!(all.estimate, 1.0);
            assert_eq!(all.upper, 1.0);
            let none = proportion_interval(0, 7, 0.95, method).expect("valid input");
            assert_eq!(none.estimate, 0.0);
            assert_eq!(none.lower, 0.0);
            let one = proportion_interval(1, 1, 0.999_999, method).expect("valid input");
            assert!(one.lower >= 0.0 && one.upper <= 1.0);
        }
    }

    #[test]
    fn wilson_cc_matches_r_prop_test_form() {
        // R's prop.test applies the Wilson formula at p -/+ 0.5/n; identical to Newcombe's form.
        let ci =
            proportion_interval(81, 263, 0.9, ProportionMethod::WilsonCc).expect("valid input");
        let z = z_two_sided(0.9).expect("valid input");
        let n = 263.0_f64;
        let wilson_at = |p: f64, sign: f64| {
            let z22n = z * z / (2.0 * n);
            (p + z22n + sign * z * (p * (1.0 - p) / n + z22n / (2.0 * n)).sqrt())
                / (1.0 + 2.0 * z22n)
        };
        let p = 81.0 / n;
        assert!((ci.lower - wilson_at(p - 0.5 / n, -1.0)).abs() < 1e-12);
        assert!((ci.upper - wilson_at(p + 0.5 / n, 1.0)).abs() < 1e-12);
    }

    #[test]
    fn beta_methods_refuse_huge_n() {
        for method in [ProportionMethod::ClopperPearson, ProportionMethod::Jeffreys] {
            assert!(proportion_interval(1, BETA_METHODS_MAX_N, 0.95, method).is_ok());
            assert!(matches!(
                proportion_interval(1, BETA_METHODS_MAX_N + 1, 0.95, method),
                Err(StatsError::TooComplex(_))
            ));
        }
        let huge = proportion_interval(u64::MAX / 3, u64::MAX, 0.95, ProportionMethod::Wilson)
            .expect("valid input");
        assert!(huge.contains(huge.estimate));
    }

    #[test]
    fn wald_at_boundary_has_zero_width() {
        let ci = proportion_interval(0, 30, 0.95, ProportionMethod::Wald).expect("valid input");
        assert_eq!((ci.lower, ci.upper), (0.0, 0.0));
    }
}
