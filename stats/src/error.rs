//! The crate's error type: every invalid input is reported, never panicked on.

use thiserror::Error;

/// Shorthand for results of this crate.
pub type Result<T> = std::result::Result<T, StatsError>;

/// Why a statistic could not be computed from the given inputs.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StatsError {
    /// A confidence level outside the open interval (0, 1), or not a number.
    #[error("the confidence level must be strictly between 0 and 1, got {0}")]
    InvalidLevel(f64),

    /// More successes than trials (x > n).
    #[error("the number of successes ({x}) exceeds the number of trials ({n})")]
    SuccessesExceedTrials {
        /// Successes given.
        x: u64,
        /// Trials given.
        n: u64,
    },

    /// Parts of a total (e.g. top and bottom answers) that add up to more than the total.
    #[error("the counts add up to {parts}, more than the total of {total}")]
    PartsExceedTotal {
        /// Sum of the parts.
        parts: u64,
        /// The total they should not exceed.
        total: u64,
    },

    /// Too few observations for the statistic (e.g. n = 0, or n < 2 for a standard deviation).
    #[error("{what} needs at least {min} observation(s), got {got}")]
    TooFewObservations {
        /// The statistic asked for.
        what: &'static str,
        /// Minimum number of observations.
        min: u64,
        /// Number of observations given.
        got: u64,
    },

    /// A real-valued input that is NaN or infinite.
    #[error("{name} must be a finite number, got {value}")]
    NotFinite {
        /// Name of the input.
        name: &'static str,
        /// Value given.
        value: f64,
    },

    /// A real-valued input that must not be negative (a standard deviation, a population...).
    #[error("{name} must not be negative, got {value}")]
    Negative {
        /// Name of the input.
        name: &'static str,
        /// Value given.
        value: f64,
    },

    /// A proportion outside its allowed range.
    #[error("the proportion {name} must be in {range}, got {value}")]
    InvalidProportion {
        /// Name of the input.
        name: &'static str,
        /// Allowed range, as text.
        range: &'static str,
        /// Value given.
        value: f64,
    },

    /// A margin of error that is not in (0, 1].
    #[error("the margin of error must be in (0, 1], got {0}")]
    InvalidMargin(f64),

    /// A sample larger than the population it is drawn from.
    #[error("the sample size ({n}) exceeds the population size ({population})")]
    SampleExceedsPopulation {
        /// Sample size given.
        n: u64,
        /// Population size given.
        population: u64,
    },

    /// A population size of zero.
    #[error("the population size must be at least 1")]
    EmptyPopulation,

    /// An unknown API code for a method.
    #[error("unknown method code {0:?}")]
    UnknownMethod(String),

    /// A contingency table that is not rectangular, too small, or has an empty row or column.
    #[error("invalid contingency table: {0}")]
    InvalidTable(String),

    /// A stratum that cannot be used for post-stratification as given.
    #[error("stratum {index}: {reason}")]
    InvalidStratum {
        /// Position of the stratum in the input.
        index: usize,
        /// What is wrong with it.
        reason: String,
    },

    /// An exact computation that would take too long (too many tables to enumerate).
    #[error("the exact computation is too large: {0}")]
    TooComplex(String),

    /// A numerical routine failed (should not happen with validated inputs).
    #[error("numerical failure: {0}")]
    Numerical(String),
}
