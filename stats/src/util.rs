//! Shared checks and distribution quantiles (private to the crate).

use statrs::distribution::{Beta, ContinuousCDF, Normal, StudentsT};

use crate::error::{Result, StatsError};

/// Checks that a confidence level lies strictly between 0 and 1.
pub(crate) fn check_level(level: f64) -> Result<f64> {
    if level.is_finite() && level > 0.0 && level < 1.0 {
        Ok(level)
    } else {
        Err(StatsError::InvalidLevel(level))
    }
}

/// Checks that a real input is finite.
pub(crate) fn check_finite(name: &'static str, value: f64) -> Result<f64> {
    if value.is_finite() {
        Ok(value)
    } else {
        Err(StatsError::NotFinite { name, value })
    }
}

/// Checks that a real input is finite and not negative.
pub(crate) fn check_non_negative(name: &'static str, value: f64) -> Result<f64> {
    check_finite(name, value)?;
    if value < 0.0 {
        Err(StatsError::Negative { name, value })
    } else {
        Ok(value)
    }
}

/// Checks x <= n and n > 0 for a binomial count.
pub(crate) fn check_binomial(x: u64, n: u64) -> Result<()> {
    if n == 0 {
        return Err(StatsError::TooFewObservations {
            what: "a proportion",
            min: 1,
            got: 0,
        });
    }
    if x > n {
        return Err(StatsError::SuccessesExceedTrials { x, n });
    }
    Ok(())
}

fn standard_normal() -> Result<Normal> {
    Normal::new(0.0, 1.0).map_err(|e| StatsError::Numerical(e.to_string()))
}

/// The standard normal quantile at probability `p` in (0, 1).
pub(crate) fn normal_quantile(p: f64) -> Result<f64> {
    if !(p > 0.0 && p < 1.0) {
        return Err(StatsError::Numerical(format!(
            "normal quantile asked at {p}"
        )));
    }
    Ok(standard_normal()?.inverse_cdf(p))
}

/// The two-sided critical value z_{1-(1-level)/2} of the standard normal.
pub(crate) fn z_two_sided(level: f64) -> Result<f64> {
    normal_quantile(upper_probability(level)?)
}

/// The probability 1 − (1 − level)/2 of a two-sided critical value, below 1 in floating point.
fn upper_probability(level: f64) -> Result<f64> {
    let level = check_level(level)?;
    let p = 0.5 + level / 2.0;
    if p < 1.0 {
        Ok(p)
    } else {
        // A level within 1e-16 of 1: no finite critical value.
        Err(StatsError::InvalidLevel(level))
    }
}

/// The upper tail P(Z > z) of the standard normal.
pub(crate) fn normal_sf(z: f64) -> Result<f64> {
    Ok(standard_normal()?.sf(z))
}

/// The two-sided p-value 2 P(Z > |z|) of a z statistic.
pub(crate) fn normal_two_sided_p(z: f64) -> Result<f64> {
    if z.is_nan() {
        return Err(StatsError::Numerical("z statistic is NaN".into()));
    }
    Ok((2.0 * normal_sf(z.abs())?).min(1.0))
}

fn students_t(df: f64) -> Result<StudentsT> {
    if df.is_nan() || df <= 0.0 {
        return Err(StatsError::Numerical(format!(
            "Student t with {df} degrees of freedom"
        )));
    }
    StudentsT::new(0.0, 1.0, df).map_err(|e| StatsError::Numerical(e.to_string()))
}

/// Beyond this many degrees of freedom Student's t is taken as the normal (they differ by
/// less than 1e-9 in the quantiles used here).
const T_AS_NORMAL_DF: f64 = 1e10;

/// The two-sided critical value t_{df, 1-(1-level)/2} of Student's t.
///
/// Solved on statrs' CDF (regularised incomplete beta function) rather than taken from
/// statrs' `inverse_cdf`, which loses accuracy for large df (1.83 instead of 1.96 at 1e7).
pub(crate) fn t_two_sided(level: f64, df: f64) -> Result<f64> {
    let p = upper_probability(level)?;
    let z = normal_quantile(p)?;
    if df > T_AS_NORMAL_DF {
        return Ok(z);
    }
    let dist = students_t(df)?;
    // Cornish-Fisher start; the bracket [0, hi] is doubled until it holds the quantile.
    let start = z * (1.0 + (z * z + 1.0) / (4.0 * df));
    let mut hi = start.max(1.0) * 2.0;
    let mut doublings = 0;
    while dist.cdf(hi) < p {
        hi *= 2.0;
        doublings += 1;
        if doublings > 1100 || !hi.is_finite() {
            return Err(StatsError::Numerical(format!(
                "t quantile at {p} with {df} degrees of freedom"
            )));
        }
    }
    Ok(solve_increasing(
        |t| dist.cdf(t),
        |t| statrs::distribution::Continuous::pdf(&dist, t),
        p,
        (0.0, hi),
        start,
    ))
}

/// The `p` quantile of Beta(a, b) for a, b > 0 and p in (0, 1).
///
/// Solved on statrs' CDF: statrs' `inverse_cdf` (AS 109) starts no lower than 1e-4 and can
/// loop for ever on quantiles far below that (e.g. Beta(1, 1e9)).
pub(crate) fn beta_quantile(a: f64, b: f64, p: f64) -> Result<f64> {
    if !(p > 0.0 && p < 1.0) {
        return Err(StatsError::Numerical(format!("beta quantile asked at {p}")));
    }
    let dist = Beta::new(a, b).map_err(|e| StatsError::Numerical(e.to_string()))?;
    let x = solve_increasing(
        |x| dist.cdf(x),
        |x| statrs::distribution::Continuous::ln_pdf(&dist, x).exp(),
        p,
        (0.0, 1.0),
        a / (a + b),
    );
    if x.is_finite() {
        Ok(x)
    } else {
        Err(StatsError::Numerical(format!(
            "beta quantile of ({a}, {b}) at {p}"
        )))
    }
}

/// Solves cdf(x) = p for an increasing `cdf` within `bracket`: Newton steps from `start` while
/// they stay inside the shrinking bracket, bisection otherwise (geometric when the bracket
/// spans orders of magnitude, so tiny quantiles are reached quickly). Always terminates.
fn solve_increasing(
    cdf: impl Fn(f64) -> f64,
    pdf: impl Fn(f64) -> f64,
    p: f64,
    bracket: (f64, f64),
    start: f64,
) -> f64 {
    let (mut lo, mut hi) = bracket;
    let midpoint = |lo: f64, hi: f64| {
        if lo > 0.0 && hi > 16.0 * lo {
            (lo * hi).sqrt()
        } else if lo == 0.0 && hi > 1e-300 {
            hi / 16.0
        } else {
            lo + (hi - lo) / 2.0
        }
    };
    let mut x = if start > lo && start < hi {
        start
    } else {
        midpoint(lo, hi)
    };
    let mut width_two_steps_ago = hi - lo;
    let mut width_one_step_ago = hi - lo;
    for _ in 0..2000 {
        let gap = cdf(x) - p;
        if gap == 0.0 || gap.is_nan() {
            return x;
        }
        if gap < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        if hi - lo <= 4.0 * f64::EPSILON * hi.abs() {
            return lo + (hi - lo) / 2.0;
        }
        let newton = x - gap / pdf(x);
        // Newton must stay strictly inside the bracket, and the bracket must keep shrinking.
        let shrinking = hi - lo <= 0.5 * width_two_steps_ago;
        let next = if newton.is_finite() && newton > lo && newton < hi && shrinking {
            newton
        } else if newton.is_finite() && newton > lo && newton < hi {
            // Newton is slow here: one bisection, then Newton again.
            width_two_steps_ago = f64::INFINITY;
            midpoint(lo, hi)
        } else {
            midpoint(lo, hi)
        };
        width_two_steps_ago = width_one_step_ago.min(width_two_steps_ago);
        width_one_step_ago = hi - lo;
        if (next - x).abs() <= 2.0 * f64::EPSILON * x.abs() {
            return next;
        }
        x = next;
    }
    x
}

/// The two-sided p-value 2 P(T_df > |t|) of a t statistic.
pub(crate) fn t_two_sided_p(t: f64, df: f64) -> Result<f64> {
    if t.is_nan() {
        return Err(StatsError::Numerical("t statistic is NaN".into()));
    }
    if df > T_AS_NORMAL_DF {
        return normal_two_sided_p(t);
    }
    let dist = students_t(df)?;
    Ok((2.0 * dist.sf(t.abs())).min(1.0))
}

/// Clips a value into [lo, hi].
pub(crate) fn clip(value: f64, lo: f64, hi: f64) -> f64 {
    value.max(lo).min(hi)
}

/// Converts a count to f64 (exact below 2^53, which any real count is).
pub(crate) fn f(count: u64) -> f64 {
    count as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn z_for_95_percent() {
        let z = z_two_sided(0.95).expect("valid input");
        assert!((z - 1.959_963_984_540_054).abs() < 1e-12);
    }

    #[test]
    fn t_quantiles_match_r() {
        // qt(0.975, 19) and qt(0.975, 17.776474) in R.
        assert!(
            (t_two_sided(0.95, 19.0).expect("valid input") - 2.093_024_054_408_263).abs() < 1e-10
        );
        assert!((t_two_sided(0.95, 1.0).expect("valid input") - 12.706_204_736_174_7).abs() < 1e-8);
    }

    #[test]
    fn t_quantiles_for_large_df() {
        // qt(0.975, 1e5) and qt(0.975, 1e7) (scipy.stats.t.ppf agrees with R).
        let t = t_two_sided(0.95, 1e5).expect("valid input");
        assert!((t - 1.959_987_707_534_609_5).abs() < 1e-9, "{t}");
        let t = t_two_sided(0.95, 1e7).expect("valid input");
        assert!((t - 1.959_964_221_767_205).abs() < 1e-8, "{t}");
        let t = t_two_sided(0.95, 1e12).expect("valid input");
        assert!((t - 1.959_963_984_540_054).abs() < 1e-9, "{t}");
        // pt(-2, 1e7) * 2 and the normal 2 * pnorm(-2).
        let p = t_two_sided_p(2.0, 1e7).expect("valid input");
        assert!((p - 2.0 * 0.022_750_145_445_921_48).abs() < 1e-9, "{p}");
        let p = t_two_sided_p(-2.0, 1e15).expect("valid input");
        assert!((p - 0.045_500_263_896_358_39).abs() < 1e-10, "{p}");
    }

    #[test]
    fn beta_quantiles_far_in_the_tails() {
        // Beta(1, n) quantile: 1 - (1 - p)^(1/n).
        // statrs' CDF computes ln(1 − x) as (1.0 - x).ln(), so its relative accuracy falls to
        // about n·1e-16 for n in the billions: still far from hanging, still close.
        for (n, tolerance) in [(10.0_f64, 1e-12), (1e6, 1e-9), (1e9, 1e-5)] {
            for p in [1e-6, 0.025, 0.975] {
                let x = beta_quantile(1.0, n, p).expect("valid input");
                let exact = -((-p).ln_1p() / n).exp_m1();
                assert!(
                    (x - exact).abs() <= tolerance * exact,
                    "n={n} p={p}: {x} vs {exact}"
                );
            }
        }
        // At n = 1e15, 1 − x rounds to 1: the CDF is wrong, but the solver still ends.
        let x = beta_quantile(1.0, 1e15, 1e-6).expect("valid input");
        assert!(x > 0.0 && x < 1e-12);
        // Beta(a, 1) quantile: p^(1/a).
        let x = beta_quantile(1e9, 1.0, 0.025).expect("valid input");
        assert!((x - 0.025_f64.powf(1e-9)).abs() < 1e-15);
    }

    #[test]
    fn extreme_levels() {
        let nearly_one = 1.0 - f64::EPSILON / 2.0;
        assert!(matches!(
            z_two_sided(nearly_one),
            Err(StatsError::InvalidLevel(_))
        ));
        assert!(matches!(
            t_two_sided(nearly_one, 3.0),
            Err(StatsError::InvalidLevel(_))
        ));
        assert!(z_two_sided(1.0 - 1e-12).expect("valid input").is_finite());
        assert!(
            t_two_sided(1.0 - 1e-9, 1.0)
                .expect("valid input")
                .is_finite()
        );
        let tiny = t_two_sided(0.01, 2.5).expect("valid input");
        assert!(tiny > 0.0 && tiny < 0.02);
    }

    #[test]
    fn levels_are_checked() {
        for bad in [0.0, 1.0, -0.5, 1.5, f64::NAN, f64::INFINITY] {
            assert!(check_level(bad).is_err(), "{bad}");
        }
        assert!(check_level(0.5).is_ok());
    }
}
