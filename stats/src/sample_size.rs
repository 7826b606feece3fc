//! Sample size for a margin of error on a proportion, and the margin a sample size gives
//! (Cochran 1977, eqs. 4.1 and 4.2).

use serde::{Deserialize, Serialize};

use crate::error::{Result, StatsError};
use crate::util::{check_finite, f, z_two_sided};

/// Values closer than this to an integer are taken as that integer before rounding up, so that
/// floating-point noise (e.g. 9604.000000000002) does not add an answer.
const CEIL_SLACK: f64 = 1e-7;

/// The number of answers (or mystery tests) needed for a margin of error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SampleSize {
    /// n0 = z² p(1−p) / margin², for an infinite population.
    pub n0: f64,
    /// n0, or n0 / (1 + (n0 − 1)/N) with the finite population correction, before rounding.
    pub n_unrounded: f64,
    /// The sample size to plan: `n_unrounded` rounded up (never more than N).
    pub n: u64,
}

fn check_planning_proportion(p: f64) -> Result<f64> {
    if p.is_finite() && p > 0.0 && p < 1.0 {
        Ok(p)
    } else {
        Err(StatsError::InvalidProportion {
            name: "p",
            range: "(0, 1)",
            value: p,
        })
    }
}

fn check_margin(margin: f64) -> Result<f64> {
    if margin.is_finite() && margin > 0.0 && margin <= 1.0 {
        Ok(margin)
    } else {
        Err(StatsError::InvalidMargin(margin))
    }
}

fn check_z(z: f64) -> Result<f64> {
    check_finite("z", z)?;
    if z > 0.0 {
        Ok(z)
    } else {
        Err(StatsError::Negative {
            name: "z",
            value: z,
        })
    }
}

fn check_population(population: Option<u64>) -> Result<Option<u64>> {
    match population {
        Some(0) => Err(StatsError::EmptyPopulation),
        other => Ok(other),
    }
}

/// Sample size for a margin of error `margin` at `level` on an expected proportion `p`,
/// with the finite population correction when the population (footfall) N is known.
///
/// p must be in (0, 1) (0.5 is the conservative choice), the margin in (0, 1].
pub fn sample_size_proportion(
    p: f64,
    margin: f64,
    level: f64,
    population: Option<u64>,
) -> Result<SampleSize> {
    check_planning_proportion(p)?;
    check_margin(margin)?;
    check_population(population)?;
    sample_size_proportion_with_z(p, margin, z_two_sided(level)?, population)
}

/// As [`sample_size_proportion`] with a given critical value z (e.g. the customary 1.96).
pub fn sample_size_proportion_with_z(
    p: f64,
    margin: f64,
    z: f64,
    population: Option<u64>,
) -> Result<SampleSize> {
    check_planning_proportion(p)?;
    check_margin(margin)?;
    check_z(z)?;
    let population = check_population(population)?;
    let n0 = z * z * p * (1.0 - p) / (margin * margin);
    let n_unrounded = match population {
        Some(big_n) => n0 / (1.0 + (n0 - 1.0) / f(big_n)),
        None => n0,
    };
    if !n_unrounded.is_finite() || n_unrounded > 9.0e15 {
        return Err(StatsError::Numerical(format!(
            "sample size {n_unrounded} is out of range"
        )));
    }
    let mut n = ((n_unrounded - CEIL_SLACK).ceil().max(1.0)) as u64;
    if let Some(big_n) = population {
        n = n.min(big_n);
    }
    Ok(SampleSize { n0, n_unrounded, n })
}

/// The margin of error z √(p(1−p)/n) that n answers give at `level` for a proportion p,
/// times √((N − n)/(N − 1)) when the population N is known (0 when n = N).
pub fn margin_of_error(n: u64, p: f64, level: f64, population: Option<u64>) -> Result<f64> {
    margin_of_error_with_z(n, p, z_two_sided(level)?, population)
}

/// As [`margin_of_error`] with a given critical value z.
pub fn margin_of_error_with_z(n: u64, p: f64, z: f64, population: Option<u64>) -> Result<f64> {
    if n == 0 {
        return Err(StatsError::TooFewObservations {
            what: "a margin of error",
            min: 1,
            got: 0,
        });
    }
    if !(p.is_finite() && (0.0..=1.0).contains(&p)) {
        return Err(StatsError::InvalidProportion {
            name: "p",
            range: "[0, 1]",
            value: p,
        });
    }
    check_z(z)?;
    let correction = match check_population(population)? {
        Some(big_n) if n > big_n => {
            return Err(StatsError::SampleExceedsPopulation {
                n,
                population: big_n,
            });
        }
        Some(big_n) if n == big_n => 0.0,
        Some(big_n) => f(big_n - n) / f(big_n - 1),
        None => 1.0,
    };
    Ok(z * (p * (1.0 - p) / f(n) * correction).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classic_values() {
        let s = sample_size_proportion(0.5, 0.05, 0.95, None).expect("valid input");
        assert_eq!(s.n, 385);
        let s = sample_size_proportion_with_z(0.5, 0.01, 1.96, None).expect("valid input");
        assert_eq!(s.n, 9604, "{}", s.n_unrounded);
        let s = sample_size_proportion_with_z(0.5, 0.05, 1.96, None).expect("valid input");
        assert_eq!(s.n, 385);
    }

    #[test]
    fn finite_population() {
        let s = sample_size_proportion(0.5, 0.05, 0.95, Some(300)).expect("valid input");
        assert_eq!(s.n, 169);
        let tiny = sample_size_proportion(0.5, 0.01, 0.95, Some(1)).expect("valid input");
        assert_eq!(tiny.n, 1);
        let census = sample_size_proportion(0.5, 0.001, 0.999, Some(50)).expect("valid input");
        assert!(census.n <= 50);
    }

    #[test]
    fn margin_round_trip() {
        for population in [None, Some(300_u64), Some(2000)] {
            let s = sample_size_proportion(0.3, 0.04, 0.9, population).expect("valid input");
            let back = margin_of_error(s.n, 0.3, 0.9, population).expect("valid input");
            assert!(back <= 0.04 + 1e-12);
            let before = margin_of_error(s.n - 1, 0.3, 0.9, population).expect("valid input");
            assert!(before > 0.04);
        }
        let m = margin_of_error(400, 0.5, 0.95, None).expect("valid input");
        assert!((m - 1.959_963_984_540_054 * 0.025).abs() < 1e-12);
        assert_eq!(
            margin_of_error(50, 0.5, 0.95, Some(50)).expect("valid input"),
            0.0
        );
        assert_eq!(
            margin_of_error(1, 0.5, 0.95, Some(1)).expect("valid input"),
            0.0
        );
        assert_eq!(
            margin_of_error(10, 0.0, 0.95, None).expect("valid input"),
            0.0
        );
    }

    #[test]
    fn invalid_inputs() {
        assert!(sample_size_proportion(0.0, 0.05, 0.95, None).is_err());
        assert!(sample_size_proportion(1.0, 0.05, 0.95, None).is_err());
        assert!(sample_size_proportion(0.5, 0.0, 0.95, None).is_err());
        assert!(sample_size_proportion(0.5, -0.1, 0.95, None).is_err());
        assert!(sample_size_proportion(0.5, 1.5, 0.95, None).is_err());
        assert!(sample_size_proportion(0.5, 0.05, 1.0, None).is_err());
        assert_eq!(
            sample_size_proportion(0.5, 0.05, 0.95, Some(0)),
            Err(StatsError::EmptyPopulation)
        );
        assert!(sample_size_proportion_with_z(0.5, 0.05, -1.96, None).is_err());
        assert!(sample_size_proportion(0.5, 1e-9, 0.95, None).is_err());
        assert!(margin_of_error(0, 0.5, 0.95, None).is_err());
        assert!(margin_of_error(10, 1.5, 0.95, None).is_err());
        assert_eq!(
            margin_of_error(10, 0.5, 0.95, Some(5)),
            Err(StatsError::SampleExceedsPopulation {
                n: 10,
                population: 5
            })
        );
    }
}
