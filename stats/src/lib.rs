//! Pure statistics of the satisfaction survey: no I/O, no database, no framework.
//!
//! Every function validates its inputs and returns a [`StatsError`] rather than panicking.
//! Levels are confidence levels in (0, 1) (e.g. 0.95); intervals are two-sided.
//!
//! # Methods and sources
//!
//! **Proportions** ([`proportion`]): [`proportion_interval`] with [`ProportionMethod`]
//! - `wilson` (default): Wilson score interval — Wilson EB (1927) JASA 22:209-212;
//!   Newcombe RG (1998) Stat Med 17:857-872, method 3.
//! - `wilson-cc`: score interval with continuity correction 0.5, Newcombe (1998) method 4
//!   closed form (lower 0 at x = 0, upper 1 at x = n); equal to R's `prop.test` whenever
//!   |x − n/2| ≥ 0.5 (R shrinks the correction to |x − n/2| below that).
//! - `clopper-pearson`: Beta quantiles — Clopper & Pearson (1934) Biometrika 26:404-413;
//!   R's `binom.test`.
//! - `agresti-coull`: centre (x + z²/2)/(n + z²) — Agresti & Coull (1998) Am Stat 52:119-126.
//! - `jeffreys`: equal-tailed Beta(x + ½, n − x + ½) quantiles, lower 0 at x = 0 and upper 1 at
//!   x = n — Brown, Cai & DasGupta (2001) Stat Sci 16:101-133.
//! - `wald`: p ± z√(p(1−p)/n), for comparison only.
//!
//! All bounds are clipped to [0, 1].
//!
//! **Means and scores** ([`mean`]): Student-t interval from (n, mean, sd), raw values or a
//! histogram of counts ([`mean_interval`], [`mean_interval_from_values`],
//! [`mean_interval_from_histogram`]) and R's one-sample `t.test` ([`one_sample_t_test`]);
//! the JDMA score out of 10 (10 / 5 / 0 points) with its interval clipped to [0, 10]
//! ([`jdma_score`]); net satisfaction and NPS with a normal interval from the variance of a
//! difference of multinomial shares, (p_a + p_b − (p_a − p_b)²)/n ([`net_satisfaction`],
//! [`nps`], [`nps_from_scale`]).
//!
//! **Comparisons** ([`compare`]): difference of proportions with Newcombe's hybrid score
//! interval (Newcombe RG (1998) Stat Med 17:873-890, method 10) or Wald, and the pooled
//! two-proportion z test ([`proportion_difference`]); difference of means with Welch's
//! interval and test, Welch–Satterthwaite degrees of freedom — Welch BL (1947) Biometrika
//! 34:28-35; R's `t.test` ([`mean_difference`]).
//!
//! **Independence** ([`independence`]): Pearson's chi-square with expected counts, a flag for
//! expected counts below 5 and optional Yates correction as R's `chisq.test`
//! ([`chi_square_test`]); Fisher's exact test on 2 × 2 tables as R's `fisher.test` (two-sided
//! p-value with relative tolerance 1 + 1e-7, one-sided tails, conditional MLE of the odds
//! ratio) ([`fisher_exact_test`]) and on r × c tables by a network algorithm — Mehta & Patel
//! (1983) JASA 78:427-434 ([`fisher_exact_test_rxc`]); [`independence_test`] picks Fisher for
//! a 2 × 2 table with an expected count below 5 and chi-square otherwise.
//!
//! **Sample size** ([`sample_size`]): n0 = z²p(1−p)/e² and the finite population correction
//! n0/(1 + (n0 − 1)/N), rounded up — Cochran WG (1977) Sampling Techniques, eqs. 4.1-4.2
//! ([`sample_size_proportion`]); the margin of error n answers give ([`margin_of_error`]).
//!
//! **Weighting** ([`weighting`]): post-stratified proportion and mean with standard error,
//! normal interval, Kish's design-effect approximation deff = nΣw²/(Σw)² and the effective
//! sample size n/deff — Kish L (1965) Survey Sampling; Holt & Smith (1979) JRSS A 142:33-46
//! ([`post_stratified_proportion`], [`post_stratified_mean`]).
//!
//! **Small samples** ([`fragility`]): a [`Fragility`] policy (fragile below 30 answers for a
//! mean or a proportion, below 10 tests for a mystery-test rate; suppressed below 5) that
//! classifies a group as [`Visibility::Shown`], [`Visibility::Fragile`] or
//! [`Visibility::Suppressed`].
//!
//! # Example
//!
//! ```
//! use stats::{ProportionMethod, independence_test, proportion_interval};
//!
//! // 81 satisfied answers out of 263, Wilson interval at 95 %.
//! let ci = proportion_interval(81, 263, 0.95, ProportionMethod::Wilson)?;
//! assert!((ci.lower - 0.2553).abs() < 1e-4 && (ci.upper - 0.3662).abs() < 1e-4);
//!
//! // Satisfied / not satisfied in two periods: small counts, so Fisher's exact test is used.
//! let test = independence_test(&[[3_u64, 1], [1, 3]])?;
//! assert_eq!(test.code(), "fisher");
//! # Ok::<(), stats::StatsError>(())
//! ```
#![cfg_attr(
    not(test),
    deny(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod compare;
pub mod error;
pub mod fragility;
pub mod independence;
pub mod mean;
pub mod proportion;
pub mod sample_size;
pub mod weighting;

mod util;

pub use compare::{
    DifferenceMethod, MeanDifference, ProportionDifference, mean_difference,
    mean_difference_from_histograms, mean_difference_from_values, proportion_difference,
};
pub use error::{Result, StatsError};
pub use fragility::{Fragility, MeasureKind, Visibility, classify};
pub use independence::{
    Alternative, ChiSquareTest, FisherTest, IndependenceTest, chi_square_test, fisher_exact_test,
    fisher_exact_test_rxc, fisher_exact_test_rxc_limited, independence_test,
};
pub use mean::{
    MeanInterval, MeanSummary, NetScore, TTest, jdma_score, mean_interval,
    mean_interval_from_histogram, mean_interval_from_values, net_satisfaction, nps, nps_from_scale,
    one_sample_t_test,
};
pub use proportion::{
    BETA_METHODS_MAX_N, Interval, ProportionMethod, proportion_interval, wilson_interval,
};
pub use sample_size::{
    SampleSize, margin_of_error, margin_of_error_with_z, sample_size_proportion,
    sample_size_proportion_with_z,
};
pub use weighting::{
    MeanStratum, PostStratified, ProportionStratum, kish_design_effect, post_stratified_mean,
    post_stratified_proportion,
};
