//! Tests of independence on contingency tables: Pearson's chi-square and Fisher's exact test.
//!
//! Tables are given as rows of counts, e.g. one row per period or group and one column per answer.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::BuildHasherDefault;

use serde::{Deserialize, Serialize};
use statrs::distribution::{ChiSquared, ContinuousCDF};
use statrs::function::factorial::{ln_binomial, ln_factorial};

use crate::error::{Result, StatsError};
use crate::util::f;

/// R's relative tolerance for "as or less probable than the observed table" in `fisher.test`.
const FISHER_RELATIVE_TOLERANCE: f64 = 1.0 + 1e-7;

/// Expected counts below this make the chi-square approximation doubtful.
pub const MIN_EXPECTED_COUNT: f64 = 5.0;

/// The result of Pearson's chi-square test of independence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChiSquareTest {
    /// The X² statistic.
    pub statistic: f64,
    /// Degrees of freedom (r − 1)(c − 1).
    pub df: u64,
    /// The p-value P(χ²_df ≥ X²).
    pub p_value: f64,
    /// Expected counts under independence, row total × column total / grand total.
    pub expected: Vec<Vec<f64>>,
    /// Whether any expected count is below 5 (the approximation is then doubtful).
    pub low_expected: bool,
    /// Whether Yates' continuity correction was applied (2 × 2 tables only, on request).
    pub yates_correction: bool,
}

/// The alternative hypothesis of Fisher's exact test on a 2 × 2 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Alternative {
    /// The odds ratio differs from 1 (R's "two.sided").
    #[default]
    TwoSided,
    /// The odds ratio is below 1 (R's "less").
    Less,
    /// The odds ratio is above 1 (R's "greater").
    Greater,
}

/// The result of Fisher's exact test.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FisherTest {
    /// The exact p-value.
    pub p_value: f64,
    /// Conditional maximum-likelihood odds ratio (2 × 2 only; may be 0 or +∞; None if undefined).
    pub odds_ratio: Option<f64>,
    /// The alternative hypothesis tested.
    pub alternative: Alternative,
}

/// The test chosen by [`independence_test`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", rename_all = "kebab-case")]
pub enum IndependenceTest {
    /// Pearson's chi-square test (no continuity correction).
    ChiSquare(ChiSquareTest),
    /// Fisher's exact test, two-sided (2 × 2 table with an expected count below 5).
    Fisher(FisherTest),
}

impl IndependenceTest {
    /// The p-value of whichever test was run.
    pub fn p_value(&self) -> f64 {
        match self {
            IndependenceTest::ChiSquare(test) => test.p_value,
            IndependenceTest::Fisher(test) => test.p_value,
        }
    }

    /// The API code of the test run: `chi-square` or `fisher`.
    pub fn code(&self) -> &'static str {
        match self {
            IndependenceTest::ChiSquare(_) => "chi-square",
            IndependenceTest::Fisher(_) => "fisher",
        }
    }
}

/// A validated table with its margins.
struct Margins {
    cells: Vec<Vec<u64>>,
    rows: Vec<u64>,
    cols: Vec<u64>,
    total: u64,
}

fn margins<R: AsRef<[u64]>>(table: &[R], allow_empty_lines: bool) -> Result<Margins> {
    let cells: Vec<Vec<u64>> = table.iter().map(|row| row.as_ref().to_vec()).collect();
    if cells.len() < 2 {
        return Err(StatsError::InvalidTable(format!(
            "needs at least 2 rows, got {}",
            cells.len()
        )));
    }
    let width = cells[0].len();
    if width < 2 {
        return Err(StatsError::InvalidTable(format!(
            "needs at least 2 columns, got {width}"
        )));
    }
    if let Some(i) = cells.iter().position(|row| row.len() != width) {
        return Err(StatsError::InvalidTable(format!(
            "row {i} has {} cells, row 0 has {width}",
            cells[i].len()
        )));
    }
    let overflow = || StatsError::InvalidTable("the counts overflow".into());
    let mut rows = Vec::with_capacity(cells.len());
    for row in &cells {
        rows.push(
            row.iter()
                .try_fold(0_u64, |acc, &c| acc.checked_add(c))
                .ok_or_else(overflow)?,
        );
    }
    let mut cols = vec![0_u64; width];
    for row in &cells {
        for (total, &c) in cols.iter_mut().zip(row) {
            *total = total.checked_add(c).ok_or_else(overflow)?;
        }
    }
    let total = rows
        .iter()
        .try_fold(0_u64, |acc, &c| acc.checked_add(c))
        .ok_or_else(overflow)?;
    if total == 0 {
        return Err(StatsError::InvalidTable("all counts are zero".into()));
    }
    if !allow_empty_lines {
        if let Some(i) = rows.iter().position(|&r| r == 0) {
            return Err(StatsError::InvalidTable(format!(
                "row {i} is empty (drop empty rows and columns first)"
            )));
        }
        if let Some(j) = cols.iter().position(|&c| c == 0) {
            return Err(StatsError::InvalidTable(format!(
                "column {j} is empty (drop empty rows and columns first)"
            )));
        }
    }
    Ok(Margins {
        cells,
        rows,
        cols,
        total,
    })
}

fn expected_counts(m: &Margins) -> Vec<Vec<f64>> {
    m.rows
        .iter()
        .map(|&r| m.cols.iter().map(|&c| f(r) * f(c) / f(m.total)).collect())
        .collect()
}

/// Pearson's chi-square test of independence on an r × c table (r, c ≥ 2, no empty row or column).
///
/// With `yates_correction`, a 2 × 2 table gets R's continuity correction
/// (|O − E| − min(0.5, min|O − E|))²/E; larger tables never do, as in R's `chisq.test`.
pub fn chi_square_test<R: AsRef<[u64]>>(
    table: &[R],
    yates_correction: bool,
) -> Result<ChiSquareTest> {
    let m = margins(table, false)?;
    let expected = expected_counts(&m);
    let is_2x2 = m.rows.len() == 2 && m.cols.len() == 2;
    let yates = if yates_correction && is_2x2 {
        let smallest = m
            .cells
            .iter()
            .zip(&expected)
            .flat_map(|(row, e_row)| row.iter().zip(e_row).map(|(&o, &e)| (f(o) - e).abs()))
            .fold(f64::INFINITY, f64::min);
        smallest.min(0.5)
    } else {
        0.0
    };
    let statistic: f64 = m
        .cells
        .iter()
        .zip(&expected)
        .flat_map(|(row, e_row)| {
            row.iter().zip(e_row).map(move |(&o, &e)| {
                let deviation = (f(o) - e).abs() - yates;
                deviation * deviation / e
            })
        })
        .sum();
    let df = (m.rows.len() as u64 - 1) * (m.cols.len() as u64 - 1);
    let distribution = ChiSquared::new(f(df)).map_err(|e| StatsError::Numerical(e.to_string()))?;
    let p_value = distribution.sf(statistic).clamp(0.0, 1.0);
    let low_expected = expected.iter().flatten().any(|&e| e < MIN_EXPECTED_COUNT);
    Ok(ChiSquareTest {
        statistic,
        df,
        p_value,
        expected,
        low_expected,
        yates_correction: yates_correction && is_2x2,
    })
}

/// The conditional distribution of the top-left cell of a 2 × 2 table given its margins.
struct Hypergeometric2x2 {
    lo: u64,
    hi: u64,
    /// log dhyper at lo..=hi.
    log_density: Vec<f64>,
}

impl Hypergeometric2x2 {
    fn new(table: [[u64; 2]; 2]) -> Self {
        let [[a, b], [c, d]] = table;
        let m = a + c; // first column total
        let n = b + d; // second column total
        let k = a + b; // first row total
        let lo = k.saturating_sub(n);
        let hi = k.min(m);
        let log_total = ln_binomial(m + n, k);
        let log_density = (lo..=hi)
            .map(|i| ln_binomial(m, i) + ln_binomial(n, k - i) - log_total)
            .collect();
        Hypergeometric2x2 {
            lo,
            hi,
            log_density,
        }
    }

    /// The noncentral distribution with odds ratio exp(log_psi), normalised.
    fn density(&self, log_psi: f64) -> Vec<f64> {
        let shifted: Vec<f64> = self
            .log_density
            .iter()
            .zip(self.lo..=self.hi)
            .map(|(&d, i)| d + log_psi * f(i))
            .collect();
        let max = shifted.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let weights: Vec<f64> = shifted.iter().map(|&d| (d - max).exp()).collect();
        let sum: f64 = weights.iter().sum();
        weights.into_iter().map(|w| w / sum).collect()
    }

    fn mean(&self, log_psi: f64) -> f64 {
        self.density(log_psi)
            .iter()
            .zip(self.lo..=self.hi)
            .map(|(&d, i)| d * f(i))
            .sum()
    }

    /// The conditional MLE of the odds ratio for an observed top-left cell x (as R's `fisher.test`).
    fn odds_ratio_mle(&self, x: u64) -> Option<f64> {
        if self.lo == self.hi {
            return None;
        }
        if x == self.lo {
            return Some(0.0);
        }
        if x == self.hi {
            return Some(f64::INFINITY);
        }
        let target = f(x);
        let (mut below, mut above) = (-1.0_f64, 1.0_f64);
        while self.mean(below) > target {
            below *= 2.0;
            if below < -1e4 {
                return None;
            }
        }
        while self.mean(above) < target {
            above *= 2.0;
            if above > 1e4 {
                return None;
            }
        }
        for _ in 0..200 {
            let middle = 0.5 * (below + above);
            if self.mean(middle) < target {
                below = middle;
            } else {
                above = middle;
            }
            if above - below < 1e-14 {
                break;
            }
        }
        Some((0.5 * (below + above)).exp())
    }
}

/// Fisher's exact test on a 2 × 2 table `[[a, b], [c, d]]` (p-value as R's `fisher.test`).
///
/// Two-sided: the sum of the probabilities of the tables no more probable than the observed
/// one, with R's relative tolerance 1 + 1e-7. "less"/"greater" are the lower/upper tails of
/// the top-left cell. Errors only on an all-zero table.
pub fn fisher_exact_test(table: [[u64; 2]; 2], alternative: Alternative) -> Result<FisherTest> {
    margins(&table, true)?;
    let [[a, b], [c, d]] = table;
    let support = (a + b).min(a + c).min(b + d).min(c + d);
    if support > FISHER_2X2_MAX_SUPPORT {
        return Err(StatsError::TooComplex(format!(
            "Fisher's exact test over {support} tables (at most {FISHER_2X2_MAX_SUPPORT}; use chi-square)"
        )));
    }
    let dist = Hypergeometric2x2::new(table);
    let x = table[0][0];
    let density = dist.density(0.0);
    let index = usize::try_from(x - dist.lo)
        .map_err(|_| StatsError::Numerical("table too large".into()))?;
    let observed = density.get(index).copied().unwrap_or(0.0);
    let p_value: f64 = match alternative {
        Alternative::TwoSided => density
            .iter()
            .filter(|&&d| d <= observed * FISHER_RELATIVE_TOLERANCE)
            .sum(),
        Alternative::Less => density.iter().take(index + 1).sum(),
        Alternative::Greater => density.iter().skip(index).sum(),
    };
    Ok(FisherTest {
        p_value: p_value.clamp(0.0, 1.0),
        odds_ratio: dist.odds_ratio_mle(x),
        alternative,
    })
}

/// Largest smallest-margin accepted by [`fisher_exact_test`] (its support is enumerated).
pub const FISHER_2X2_MAX_SUPPORT: u64 = 10_000_000;

/// Default limit on the work of [`fisher_exact_test_rxc`] (about a second in a release build;
/// the 4 × 4 job-satisfaction example of R's documentation takes 0.35 million steps).
pub const FISHER_RXC_WORK_LIMIT: u64 = 5_000_000;

/// Fisher's exact test (two-sided) on an r × c table, by a network algorithm.
///
/// Sums the probabilities of all tables with the observed margins that are no more probable
/// than the observed table (relative tolerance 1 + 1e-7, as R). Columns are processed one at a
/// time; nodes (remaining row totals) are merged, paths with equal probabilities are merged,
/// and whole sub-networks are counted or dropped when bounds on their completions allow.
/// A 2 × 2 table gives the same result as [`fisher_exact_test`]. Returns `TooComplex` rather
/// than running for too long on large tables ([`FISHER_RXC_WORK_LIMIT`] steps).
pub fn fisher_exact_test_rxc<R: AsRef<[u64]>>(table: &[R]) -> Result<FisherTest> {
    fisher_exact_test_rxc_limited(table, FISHER_RXC_WORK_LIMIT)
}

/// As [`fisher_exact_test_rxc`] with a chosen limit on the number of steps.
pub fn fisher_exact_test_rxc_limited<R: AsRef<[u64]>>(
    table: &[R],
    work_limit: u64,
) -> Result<FisherTest> {
    let m = margins(table, true)?;
    if m.rows.len() == 2 && m.cols.len() == 2 {
        let cell = |i: usize, j: usize| m.cells[i][j];
        return fisher_exact_test(
            [[cell(0, 0), cell(0, 1)], [cell(1, 0), cell(1, 1)]],
            Alternative::TwoSided,
        );
    }
    // Empty rows and columns change nothing; keep the shorter dimension as rows.
    let mut rows: Vec<u64> = m.rows.iter().copied().filter(|&r| r > 0).collect();
    let mut cols: Vec<u64> = m.cols.iter().copied().filter(|&c| c > 0).collect();
    if rows.len() > cols.len() {
        std::mem::swap(&mut rows, &mut cols);
    }
    let observed_weight: f64 = -m
        .cells
        .iter()
        .flatten()
        .map(|&c| ln_factorial(c))
        .sum::<f64>();
    let p_value = if rows.len() < 2 {
        1.0
    } else {
        Network::new(rows, cols, observed_weight, work_limit).p_value()?
    };
    Ok(FisherTest {
        p_value: p_value.clamp(0.0, 1.0),
        odds_ratio: None,
        alternative: Alternative::TwoSided,
    })
}

/// A hasher with fixed keys, so that the summation order and thus the last bits of the
/// p-value are the same from one run to the next.
type FixedState = BuildHasherDefault<DefaultHasher>;

/// Paths reaching one node: quantised weight → (weight, number of paths).
type Pasts = HashMap<i64, (f64, f64), FixedState>;

/// The nodes of one level of the network: remaining row totals (sorted) → paths reaching it.
type Level = HashMap<Vec<u64>, Pasts, FixedState>;

/// The network of Mehta & Patel (1983) for an r × c table, columns processed in increasing size.
struct Network {
    rows: Vec<u64>,
    cols: Vec<u64>,
    /// ln(∏ row! ∏ col! / N!): a table's probability is exp(constant + weight),
    /// with weight = −Σ ln n_ij!.
    constant: f64,
    threshold: f64,
    work: u64,
    limit: u64,
}

impl Network {
    fn new(mut rows: Vec<u64>, mut cols: Vec<u64>, observed_weight: f64, limit: u64) -> Self {
        rows.sort_unstable();
        cols.sort_unstable();
        let total: u64 = rows.iter().sum();
        let constant = rows
            .iter()
            .chain(&cols)
            .map(|&t| ln_factorial(t))
            .sum::<f64>()
            - ln_factorial(total);
        Network {
            rows,
            cols,
            constant,
            threshold: observed_weight + FISHER_RELATIVE_TOLERANCE.ln(),
            work: 0,
            limit,
        }
    }

    fn spend(&mut self, units: u64) -> Result<()> {
        self.work = self.work.saturating_add(units);
        if self.work > self.limit {
            Err(StatsError::TooComplex(format!(
                "more than {} steps for a {} x {} table",
                self.limit,
                self.rows.len(),
                self.cols.len()
            )))
        } else {
            Ok(())
        }
    }

    /// ln Σ over completions of exp(weight) = ln(N'! / (∏ r'! ∏ c'!)).
    fn log_total_future(rows: &[u64], cols: &[u64]) -> f64 {
        let total: u64 = rows.iter().sum();
        ln_factorial(total)
            - rows
                .iter()
                .chain(cols)
                .map(|&t| ln_factorial(t))
                .sum::<f64>()
    }

    /// Σ ln n! over an even spread of `total` into `parts` cells (the smallest possible).
    fn even_spread(total: u64, parts: u64) -> f64 {
        let base = total / parts;
        let extra = total % parts;
        f(extra) * ln_factorial(base + 1) + f(parts - extra) * ln_factorial(base)
    }

    /// Bounds (lowest, highest) on the weight −Σ ln n_ij! of any completion.
    fn future_bounds(rows: &[u64], cols: &[u64]) -> (f64, f64) {
        let spread_by_cols: f64 = cols
            .iter()
            .map(|&c| Self::even_spread(c, rows.len() as u64))
            .sum();
        let spread_by_rows: f64 = rows
            .iter()
            .map(|&r| Self::even_spread(r, cols.len() as u64))
            .sum();
        let highest = -spread_by_cols.max(spread_by_rows);
        let concentrated_cols: f64 = cols.iter().map(|&c| ln_factorial(c)).sum();
        let concentrated_rows: f64 = rows.iter().map(|&r| ln_factorial(r)).sum();
        let lowest = -concentrated_cols.min(concentrated_rows);
        (lowest, highest)
    }

    /// Every way to fill one column of total `total` within the remaining row totals `caps`:
    /// (remaining row totals afterwards, weight −Σ ln n_i!).
    fn fillings(caps: &[u64], total: u64, limit: u64) -> Result<Vec<(Vec<u64>, f64)>> {
        struct Out {
            fillings: Vec<(Vec<u64>, f64)>,
            limit: usize,
            full: bool,
        }
        fn recurse(
            caps: &[u64],
            index: usize,
            left: u64,
            suffix_caps: &[u64],
            current: &mut Vec<u64>,
            weight: f64,
            out: &mut Out,
        ) {
            if out.full {
                return;
            }
            if index == caps.len() {
                if left == 0 {
                    if out.fillings.len() >= out.limit {
                        out.full = true;
                        return;
                    }
                    let remaining: Vec<u64> = caps
                        .iter()
                        .zip(current.iter())
                        .map(|(c, n)| c - n)
                        .collect();
                    out.fillings.push((remaining, weight));
                }
                return;
            }
            // The cells after this one can take at most suffix_caps[index + 1].
            let low = left.saturating_sub(suffix_caps[index + 1]);
            let high = caps[index].min(left);
            for n in low..=high {
                current.push(n);
                recurse(
                    caps,
                    index + 1,
                    left - n,
                    suffix_caps,
                    current,
                    weight - ln_factorial(n),
                    out,
                );
                current.pop();
                if out.full {
                    break;
                }
            }
        }
        let mut suffix_caps = vec![0_u64; caps.len() + 1];
        for i in (0..caps.len()).rev() {
            suffix_caps[i] = suffix_caps[i + 1] + caps[i];
        }
        let mut out = Out {
            fillings: Vec::new(),
            limit: usize::try_from(limit).unwrap_or(usize::MAX),
            full: false,
        };
        if suffix_caps[0] >= total {
            recurse(
                caps,
                0,
                total,
                &suffix_caps,
                &mut Vec::with_capacity(caps.len()),
                0.0,
                &mut out,
            );
        }
        if out.full {
            Err(Self::too_complex(caps.len(), limit))
        } else {
            Ok(out.fillings)
        }
    }

    fn too_complex(rows: usize, budget: u64) -> StatsError {
        StatsError::TooComplex(format!(
            "the work limit is exceeded: one column of {rows} rows has over {budget} fillings"
        ))
    }

    /// Work units left before the limit.
    fn budget(&self) -> u64 {
        self.limit.saturating_sub(self.work)
    }

    fn key(weight: f64) -> i64 {
        // Paths whose weights agree to 1e-9 (relative probability 1e-9) are merged.
        (weight * 1e9).round() as i64
    }

    fn p_value(&mut self) -> Result<f64> {
        let cols = self.cols.clone();
        let mut p_value = 0.0;
        let mut level = Level::default();
        let mut start = Pasts::default();
        start.insert(0, (0.0, 1.0));
        level.insert(self.rows.clone(), start);
        for (j, &column) in cols.iter().enumerate() {
            let remaining_cols = &cols[j..];
            let mut next = Level::default();
            for (node, pasts) in level {
                // Count or drop whole sub-networks when the bounds decide for every completion.
                let (lowest, highest) = Self::future_bounds(&node, remaining_cols);
                let log_future = Self::log_total_future(&node, remaining_cols);
                let mut open: Vec<(f64, f64)> = Vec::new();
                for (weight, paths) in pasts.into_values() {
                    if weight + highest <= self.threshold {
                        p_value += paths * (self.constant + weight + log_future).exp();
                    } else if weight + lowest <= self.threshold {
                        open.push((weight, paths));
                    }
                }
                if open.is_empty() {
                    continue;
                }
                if remaining_cols.len() == 2 {
                    p_value += self.last_two(&node, column, &open)?;
                    continue;
                }
                let fillings = Self::fillings(&node, column, self.budget())?;
                self.spend((fillings.len() as u64).saturating_mul(open.len() as u64))?;
                for (mut remaining, step) in fillings {
                    remaining.sort_unstable();
                    let entry = next.entry(remaining).or_default();
                    for &(weight, paths) in &open {
                        let w = weight + step;
                        let slot = entry.entry(Self::key(w)).or_insert((w, 0.0));
                        slot.1 += paths;
                    }
                }
            }
            level = next;
            if level.is_empty() {
                break;
            }
        }
        Ok(p_value)
    }

    /// The last two columns: each filling of the first fixes the second; weights are sorted so
    /// each path needs one binary search.
    fn last_two(&mut self, node: &[u64], column: u64, open: &[(f64, f64)]) -> Result<f64> {
        let mut futures: Vec<f64> = Self::fillings(node, column, self.budget())?
            .into_iter()
            .map(|(remaining, step)| step - remaining.iter().map(|&r| ln_factorial(r)).sum::<f64>())
            .collect();
        self.spend(futures.len() as u64 + open.len() as u64)?;
        futures.sort_unstable_by(f64::total_cmp);
        // prefix[i] = Σ exp(futures[..i] − shift), with shift for range.
        let shift = futures.last().copied().unwrap_or(0.0);
        let mut prefix = Vec::with_capacity(futures.len() + 1);
        prefix.push(0.0);
        let mut running = 0.0;
        for &future in &futures {
            running += (future - shift).exp();
            prefix.push(running);
        }
        let mut sum = 0.0;
        for &(weight, paths) in open {
            let count = futures.partition_point(|&future| weight + future <= self.threshold);
            sum += paths * prefix[count] * (self.constant + weight + shift).exp();
        }
        Ok(sum)
    }
}

/// Chooses and runs a test of independence: Fisher's exact test (two-sided) for a 2 × 2 table
/// with any expected count below 5, Pearson's chi-square (no continuity correction) otherwise.
pub fn independence_test<R: AsRef<[u64]>>(table: &[R]) -> Result<IndependenceTest> {
    let chi_square = chi_square_test(table, false)?;
    let is_2x2 = chi_square.expected.len() == 2 && chi_square.expected[0].len() == 2;
    if is_2x2 && chi_square.low_expected {
        let cells: Vec<&[u64]> = table.iter().map(AsRef::as_ref).collect();
        let fisher = fisher_exact_test(
            [[cells[0][0], cells[0][1]], [cells[1][0], cells[1][1]]],
            Alternative::TwoSided,
        )?;
        Ok(IndependenceTest::Fisher(fisher))
    } else {
        Ok(IndependenceTest::ChiSquare(chi_square))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_tables() {
        assert!(chi_square_test(&[[1_u64, 2]], false).is_err());
        assert!(chi_square_test(&[vec![1_u64], vec![2]], false).is_err());
        assert!(chi_square_test(&[vec![1_u64, 2], vec![3]], false).is_err());
        assert!(chi_square_test(&[[0_u64, 0], [0, 0]], false).is_err());
        assert!(chi_square_test(&[[0_u64, 0], [1, 2]], false).is_err());
        assert!(chi_square_test(&[[0_u64, 3], [0, 2]], false).is_err());
        assert!(fisher_exact_test([[0, 0], [0, 0]], Alternative::TwoSided).is_err());
        assert!(independence_test(&[[1_u64, 2, 3]]).is_err());
    }

    #[test]
    fn fisher_degenerate_margin() {
        let test = fisher_exact_test([[3, 0], [4, 0]], Alternative::TwoSided).expect("valid input");
        assert_eq!(test.p_value, 1.0);
        assert_eq!(test.odds_ratio, None);
        let test = fisher_exact_test([[3, 0], [0, 4]], Alternative::TwoSided).expect("valid input");
        assert_eq!(test.odds_ratio, Some(f64::INFINITY));
        let test = fisher_exact_test([[0, 3], [4, 0]], Alternative::TwoSided).expect("valid input");
        assert_eq!(test.odds_ratio, Some(0.0));
    }

    #[test]
    fn fisher_symmetric_table_has_odds_ratio_one() {
        let test = fisher_exact_test([[5, 5], [5, 5]], Alternative::TwoSided).expect("valid input");
        assert!((test.odds_ratio.expect("valid input") - 1.0).abs() < 1e-9);
        assert!((test.p_value - 1.0).abs() < 1e-12);
    }

    #[test]
    fn tails_add_up() {
        let table = [[2, 15], [10, 3]];
        let less = fisher_exact_test(table, Alternative::Less)
            .expect("valid input")
            .p_value;
        let greater = fisher_exact_test(table, Alternative::Greater)
            .expect("valid input")
            .p_value;
        let dist = Hypergeometric2x2::new(table);
        let at_x = dist.density(0.0)[2 - dist.lo as usize];
        assert!((less + greater - 1.0 - at_x).abs() < 1e-12);
    }

    #[test]
    fn rxc_agrees_with_2x2_and_brute_force() {
        let p2 = fisher_exact_test_rxc(&[[3_u64, 1], [1, 3]])
            .expect("valid input")
            .p_value;
        let p = fisher_exact_test([[3, 1], [1, 3]], Alternative::TwoSided)
            .expect("valid input")
            .p_value;
        assert_eq!(p, p2);
        // A 2 x 3 table: enumerate all tables by hand.
        let table = [[3_u64, 1, 4], [1, 5, 0]];
        let rows = [8_u64, 6];
        let cols = [4_u64, 6, 4];
        let log_p = |t: &[[u64; 3]; 2]| -> f64 {
            rows.iter()
                .chain(&cols)
                .map(|&v| ln_factorial(v))
                .sum::<f64>()
                - ln_factorial(14)
                - t.iter().flatten().map(|&v| ln_factorial(v)).sum::<f64>()
        };
        let observed = log_p(&table);
        let mut expected = 0.0;
        for a in 0..=4_u64 {
            for b in 0..=6_u64 {
                if a + b > 8 || 8 - a - b > 4 {
                    continue;
                }
                let c = 8 - a - b;
                let t = [[a, b, c], [4 - a, 6 - b, 4 - c]];
                let lp = log_p(&t);
                if lp.exp() <= observed.exp() * FISHER_RELATIVE_TOLERANCE {
                    expected += lp.exp();
                }
            }
        }
        let got = fisher_exact_test_rxc(&table).expect("valid input").p_value;
        assert!((got - expected).abs() < 1e-12, "{got} vs {expected}");
        // Transposed, with an empty column added: same p-value.
        let transposed = [[3_u64, 1, 0], [1, 5, 0], [4, 0, 0]];
        let got_t = fisher_exact_test_rxc(&transposed)
            .expect("valid input")
            .p_value;
        assert!((got_t - expected).abs() < 1e-12);
    }

    #[test]
    fn rxc_gives_up_on_large_tables() {
        let job = [
            [1_u64, 3, 10, 6],
            [2, 3, 10, 7],
            [1, 6, 14, 12],
            [0, 1, 9, 11],
        ];
        assert!(matches!(
            fisher_exact_test_rxc_limited(&job, 10_000),
            Err(StatsError::TooComplex(_))
        ));
        let huge = [
            [1000_u64, 2000, 3000],
            [3000, 2000, 1000],
            [2000, 2000, 2000],
        ];
        assert!(matches!(
            fisher_exact_test_rxc_limited(&huge, 100_000),
            Err(StatsError::TooComplex(_))
        ));
        let p = fisher_exact_test([[1, 0], [0, 1_000_000_000]], Alternative::TwoSided)
            .expect("small support");
        assert!(p.p_value < 1e-8);
        assert!(matches!(
            fisher_exact_test(
                [[20_000_000, 20_000_000], [20_000_000, 20_000_000]],
                Alternative::TwoSided
            ),
            Err(StatsError::TooComplex(_))
        ));
    }

    #[test]
    fn independence_test_picks_the_test() {
        let small = [[3_u64, 1], [1, 3]];
        assert!(matches!(
            independence_test(&small).expect("valid input"),
            IndependenceTest::Fisher(_)
        ));
        let large = [[30_u64, 10], [10, 30]];
        let chosen = independence_test(&large).expect("valid input");
        assert_eq!(chosen.code(), "chi-square");
        let plain = chi_square_test(&large, false).expect("valid input");
        assert_eq!(chosen.p_value(), plain.p_value);
        let wide = [[1_u64, 2, 3], [3, 2, 1]];
        match independence_test(&wide).expect("valid input") {
            IndependenceTest::ChiSquare(test) => assert!(test.low_expected),
            other => panic!("unexpected {other:?}"),
        }
        let json = serde_json::to_value(independence_test(&small).expect("valid input"))
            .expect("valid input");
        assert_eq!(json["method"], "fisher");
    }
}
