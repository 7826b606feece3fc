//! Property tests (proptest) of the crate's invariants.

use proptest::prelude::*;
use stats::{
    Alternative, DifferenceMethod, Fragility, MeanSummary, MeasureKind, ProportionMethod,
    ProportionStratum, Visibility, chi_square_test, fisher_exact_test, fisher_exact_test_rxc,
    jdma_score, margin_of_error, mean_difference, mean_interval, net_satisfaction, nps,
    post_stratified_proportion, proportion_difference, proportion_interval, sample_size_proportion,
};

/// Slack for comparisons between floating-point widths computed along different paths.
const EPS: f64 = 1e-9;

fn method() -> impl Strategy<Value = ProportionMethod> {
    prop::sample::select(ProportionMethod::ALL.to_vec())
}

/// (x, n) with 1 ≤ n ≤ 5000 and 0 ≤ x ≤ n.
fn binomial() -> impl Strategy<Value = (u64, u64)> {
    (1_u64..=5000).prop_flat_map(|n| (0..=n, Just(n)))
}

fn ln_factorial(n: u64) -> f64 {
    (2..=n).map(|k| (k as f64).ln()).sum()
}

/// Fisher's two-sided p-value by brute-force enumeration of every table with the margins.
fn brute_force_fisher(table: &[Vec<u64>]) -> f64 {
    let rows: Vec<u64> = table.iter().map(|r| r.iter().sum()).collect();
    let width = table[0].len();
    let cols: Vec<u64> = (0..width)
        .map(|j| table.iter().map(|r| r[j]).sum())
        .collect();
    let total: u64 = rows.iter().sum();
    let constant = rows
        .iter()
        .chain(&cols)
        .map(|&v| ln_factorial(v))
        .sum::<f64>()
        - ln_factorial(total);
    let log_p = |cells: &[u64]| constant - cells.iter().map(|&v| ln_factorial(v)).sum::<f64>();
    let observed: Vec<u64> = table.iter().flatten().copied().collect();
    let threshold = log_p(&observed).exp() * (1.0 + 1e-7);
    // Fill cell by cell, row-major; the last row and column are implied by the margins.
    fn fill(
        i: usize,
        j: usize,
        rows: &[u64],
        cols: &mut Vec<u64>,
        row_left: u64,
        cells: &mut Vec<u64>,
        out: &mut Vec<Vec<u64>>,
    ) {
        let (r, c) = (rows.len(), cols.len());
        if i == r - 1 {
            // Last row takes what the columns have left.
            let mut full = cells.clone();
            full.extend(cols.iter().copied());
            out.push(full);
            return;
        }
        if j == c - 1 {
            if row_left > cols[j] {
                return;
            }
            cols[j] -= row_left;
            cells.push(row_left);
            let next_left = rows[i + 1];
            fill(i + 1, 0, rows, cols, next_left, cells, out);
            cells.pop();
            cols[j] += row_left;
            return;
        }
        for v in 0..=row_left.min(cols[j]) {
            cols[j] -= v;
            cells.push(v);
            fill(i, j + 1, rows, cols, row_left - v, cells, out);
            cells.pop();
            cols[j] += v;
        }
    }
    let mut all = Vec::new();
    fill(
        0,
        0,
        &rows,
        &mut cols.clone(),
        rows[0],
        &mut Vec::new(),
        &mut all,
    );
    all.iter()
        .map(|cells| log_p(cells).exp())
        .filter(|&p| p <= threshold)
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The network algorithm for r x c tables agrees with brute-force enumeration.
    #[test]
    fn fisher_rxc_matches_enumeration(r in 2_usize..=3, c in 2_usize..=4,
                                      cells in prop::collection::vec(0_u64..7, 12)) {
        let table: Vec<Vec<u64>> = (0..r).map(|i| cells[i * c..(i + 1) * c].to_vec()).collect();
        prop_assume!(table.iter().flatten().sum::<u64>() > 0);
        let expected = brute_force_fisher(&table);
        let got = fisher_exact_test_rxc(&table).expect("valid input").p_value;
        prop_assert!((got - expected).abs() < 1e-9, "{table:?}: {got} vs {expected}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every interval lies in [0, 1] and contains its estimate x/n. Jeffreys' equal-tailed
    /// interval is centred on the posterior Beta(x + ½, n − x + ½), not on x/n, so at very low
    /// levels it can miss x/n: the smallest posterior tail at x/n is P(Beta(1.5, n − 0.5) ≤ 1/n)
    /// → P(Gamma(1.5) ≤ 1) = 0.4276 (x = 1, n large), so containment holds for levels above
    /// 1 − 2·0.4276 = 0.145 (e.g. 1/1000 at 10 % gives [0.00105, 0.00132]); checked from 15 %.
    #[test]
    fn interval_contains_estimate_and_stays_in_unit((x, n) in binomial(), method in method(),
                                                    level in 0.01_f64..0.9999) {
        let ci = proportion_interval(x, n, level, method).expect("valid input");
        prop_assert!(0.0 <= ci.lower && ci.lower <= ci.upper && ci.upper <= 1.0, "{ci:?}");
        prop_assert_eq!(ci.estimate, x as f64 / n as f64);
        if method != ProportionMethod::Jeffreys || level >= 0.15 {
            prop_assert!(ci.lower <= ci.estimate + EPS && ci.estimate <= ci.upper + EPS,
                         "{method} {x}/{n} at {level}: {ci:?}");
        }
    }

    /// At a fixed proportion, k times more answers give a narrower (or equal) interval.
    #[test]
    fn interval_narrows_as_n_grows((x, n) in (1_u64..=500).prop_flat_map(|n| (0..=n, Just(n))),
                                   k in 2_u64..=20, method in method(),
                                   level in 0.5_f64..0.999) {
        let small = proportion_interval(x, n, level, method).expect("valid input");
        let large = proportion_interval(k * x, k * n, level, method).expect("valid input");
        prop_assert!(large.width() <= small.width() + EPS,
                     "{method} {x}/{n} x{k} at {level}: {small:?} then {large:?}");
    }

    /// A higher level gives a wider (or equal) interval.
    #[test]
    fn interval_widens_with_level((x, n) in binomial(), method in method(),
                                  a in 0.01_f64..0.9999, b in 0.01_f64..0.9999) {
        let (low, high) = if a <= b { (a, b) } else { (b, a) };
        let narrow = proportion_interval(x, n, low, method).expect("valid input");
        let wide = proportion_interval(x, n, high, method).expect("valid input");
        prop_assert!(narrow.width() <= wide.width() + EPS,
                     "{method} {x}/{n}: {low} {narrow:?}, {high} {wide:?}");
        prop_assert!(wide.lower <= narrow.lower + EPS && narrow.upper <= wide.upper + EPS);
    }

    /// Newcombe's interval contains p1 − p2 and stays in [-1, 1]; the p-value is in [0, 1]
    /// and symmetric in the two groups.
    #[test]
    fn newcombe_contains_difference((x1, n1) in binomial(), (x2, n2) in binomial(),
                                    level in 0.01_f64..0.9999) {
        let d = proportion_difference(x1, n1, x2, n2, level, DifferenceMethod::Newcombe).expect("valid input");
        prop_assert!(-1.0 <= d.lower && d.lower <= d.estimate + EPS);
        prop_assert!(d.estimate <= d.upper + EPS && d.upper <= 1.0);
        prop_assert!((d.estimate - (d.p1 - d.p2)).abs() < EPS);
        prop_assert!((0.0..=1.0).contains(&d.p_value));
        let swapped = proportion_difference(x2, n2, x1, n1, level, DifferenceMethod::Newcombe).expect("valid input");
        prop_assert!((swapped.p_value - d.p_value).abs() < 1e-12);
        prop_assert!((swapped.lower + d.upper).abs() < 1e-12 && (swapped.upper + d.lower).abs() < 1e-12);
    }

    /// A larger margin never needs more answers; with the population known the sample never
    /// exceeds it; the planned n achieves the margin and n − 1 does not.
    #[test]
    fn sample_size_monotone_and_bounded(p in 0.01_f64..0.99, m1 in 0.005_f64..0.5, m2 in 0.005_f64..0.5,
                                        level in 0.5_f64..0.999, big_n in prop::option::of(1_u64..100_000)) {
        let (small, large) = if m1 <= m2 { (m1, m2) } else { (m2, m1) };
        let tight = sample_size_proportion(p, small, level, big_n).expect("valid input");
        let loose = sample_size_proportion(p, large, level, big_n).expect("valid input");
        prop_assert!(loose.n <= tight.n);
        prop_assert!(tight.n >= 1);
        if let Some(big_n) = big_n {
            prop_assert!(tight.n <= big_n && loose.n <= big_n);
            let infinite = sample_size_proportion(p, small, level, None).expect("valid input");
            prop_assert!(tight.n <= infinite.n);
        }
        let achieved = margin_of_error(tight.n, p, level, big_n).expect("valid input");
        prop_assert!(achieved <= small * (1.0 + 1e-9), "{tight:?} gives {achieved}");
        if tight.n > 1 {
            let short = margin_of_error(tight.n - 1, p, level, big_n).expect("valid input");
            prop_assert!(short >= small * (1.0 - 1e-6), "{tight:?}: n - 1 gives {short}");
        }
    }

    /// The t interval of a mean contains the mean, and Welch's interval the difference.
    #[test]
    fn mean_intervals_contain_estimates(n1 in 2_u64..500, n2 in 2_u64..500, m1 in -10.0_f64..10.0,
                                        m2 in -10.0_f64..10.0, s1 in 0.0_f64..5.0, s2 in 0.0_f64..5.0,
                                        level in 0.01_f64..0.999) {
        let a = MeanSummary::new(n1, m1, s1).expect("valid input");
        let b = MeanSummary::new(n2, m2, s2).expect("valid input");
        let ci = mean_interval(&a, level).expect("valid input");
        prop_assert!(ci.lower <= ci.estimate && ci.estimate <= ci.upper);
        let d = mean_difference(&a, &b, level).expect("valid input");
        prop_assert!(d.lower <= d.estimate + EPS && d.estimate <= d.upper + EPS);
        prop_assert!((0.0..=1.0).contains(&d.p_value));
        let df_low = (n1.min(n2) - 1) as f64;
        let df_high = (n1 + n2 - 2) as f64;
        prop_assert!(d.df >= df_low - 1e-9 && d.df <= df_high + 1e-9, "df {}", d.df);
    }

    /// Scores stay in their ranges.
    #[test]
    fn scores_stay_in_range(a in 0_u64..300, b in 0_u64..300, c in 0_u64..300, level in 0.5_f64..0.999) {
        prop_assume!(a + b + c >= 2);
        let jdma = jdma_score(a, b, c, level).expect("valid input");
        prop_assert!(0.0 <= jdma.lower && jdma.lower <= jdma.estimate && jdma.estimate <= jdma.upper && jdma.upper <= 10.0);
        let net = net_satisfaction(a, c, a + b + c, level).expect("valid input");
        prop_assert!(-1.0 <= net.lower && net.lower <= net.estimate + EPS && net.estimate <= net.upper + EPS && net.upper <= 1.0);
        let score = nps(a, b, c, level).expect("valid input");
        prop_assert!(-100.0 <= score.lower && score.upper <= 100.0);
        prop_assert!((score.estimate - 100.0 * net.estimate).abs() < 1e-9);
    }

    /// Post-stratified proportions lie between the strata's proportions; deff ≥ 1.
    #[test]
    fn post_stratification_bounds(strata in prop::collection::vec((2_u64..200, 0.0_f64..1.0, 1.0_f64..10_000.0), 1..8)) {
        let strata: Vec<ProportionStratum> = strata
            .into_iter()
            .map(|(answers, share, population)| ProportionStratum {
                answers,
                successes: ((answers as f64) * share).floor() as u64,
                population,
            })
            .collect();
        let result = post_stratified_proportion(&strata, 0.95).expect("valid input");
        let shares = strata.iter().map(|s| s.successes as f64 / s.answers as f64);
        let lowest = shares.clone().fold(f64::INFINITY, f64::min);
        let highest = shares.fold(f64::NEG_INFINITY, f64::max);
        prop_assert!(lowest - EPS <= result.estimate && result.estimate <= highest + EPS);
        prop_assert!(result.design_effect >= 1.0 - 1e-12);
        prop_assert!(result.effective_n <= result.n as f64 + 1e-9);
        prop_assert!(0.0 <= result.lower && result.upper <= 1.0);
    }

    /// Exact and chi-square p-values are probabilities; Fisher's is symmetric under transposition
    /// and Yates' correction never increases the statistic.
    #[test]
    fn independence_p_values(a in 0_u64..40, b in 0_u64..40, c in 0_u64..40, d in 0_u64..40) {
        prop_assume!(a + b + c + d > 0);
        let table = [[a, b], [c, d]];
        let two = fisher_exact_test(table, Alternative::TwoSided).expect("valid input").p_value;
        let less = fisher_exact_test(table, Alternative::Less).expect("valid input").p_value;
        let greater = fisher_exact_test(table, Alternative::Greater).expect("valid input").p_value;
        for p in [two, less, greater] {
            prop_assert!((0.0..=1.0).contains(&p));
        }
        // The tail away from the mode holds only tables no more probable than the observed one.
        prop_assert!(two >= less.min(greater) - 1e-12);
        prop_assert!(less + greater >= 1.0 - 1e-9);
        let transposed = fisher_exact_test([[a, c], [b, d]], Alternative::TwoSided).expect("valid input").p_value;
        prop_assert!((transposed - two).abs() < 1e-9);
        if a + b > 0 && c + d > 0 && a + c > 0 && b + d > 0 {
            let chi = chi_square_test(&table, false).expect("valid input");
            prop_assert!((0.0..=1.0).contains(&chi.p_value) && chi.statistic >= 0.0);
            let yates = chi_square_test(&table, true).expect("valid input");
            prop_assert!(yates.statistic <= chi.statistic + 1e-9);
        }
    }

    /// More observations never make a group less visible.
    #[test]
    fn fragility_is_monotone(n in 0_u64..1000, extra in 0_u64..1000) {
        let rank = |v: Visibility| match v {
            Visibility::Suppressed => 0,
            Visibility::Fragile => 1,
            Visibility::Shown => 2,
        };
        let policy = Fragility::default();
        for kind in [MeasureKind::Mean, MeasureKind::Proportion, MeasureKind::MysteryTestRate] {
            prop_assert!(rank(policy.classify(n, kind)) <= rank(policy.classify(n + extra, kind)));
        }
    }

    /// Arbitrary inputs give a result or an error, never a panic.
    #[test]
    fn arbitrary_inputs_never_panic(x in any::<u64>(), n in any::<u64>(), small in 0_u64..1000,
                                    level in prop_oneof![any::<f64>(), 0.0_f64..1.0],
                                    value in any::<f64>(), method in method()) {
        let _ = proportion_interval(x, n, level, method);
        let _ = proportion_interval(small.min(n), n.min(1_000_000_000), level, method);
        let _ = proportion_difference(x, n, small, small.max(1), level, DifferenceMethod::Newcombe);
        let _ = MeanSummary::new(n, value, value.abs()).and_then(|s| mean_interval(&s, level));
        let _ = jdma_score(x % 1_000_000, small, n % 1_000_000, level);
        let _ = net_satisfaction(x, small, n, level);
        let _ = nps(x, n, small, level);
        let _ = sample_size_proportion(value, level, 0.95, Some(n));
        let _ = margin_of_error(n, value, level, Some(x));
        let _ = fisher_exact_test([[x % 1000, small], [n % 1000, small]], Alternative::TwoSided);
        let _ = chi_square_test(&[[x, n], [small, x]], true);
        let _ = post_stratified_proportion(
            &[ProportionStratum { answers: n, successes: x, population: value }],
            level,
        );
    }
}
