//! Published reference values (tests/data/stats_public.json, a copy of the project's shared
//! reference file): every case of every section is checked within its tolerance.
//!
//! Conventions of the file (its `_about`): two-sided intervals; `conf` is the level; where a
//! source leaves bounds outside [0, 1], `lower`/`upper` are clipped and `*_unclipped` raw. The
//! crate returns clipped bounds only, so `*_unclipped` is checked against the clipped bound
//! (equal when inside the range, clipped to the range's end otherwise).
//!
//! Fields that describe another convention than the crate's are checked against that
//! convention explicitly (and say so): `n_unrounded_z196` (z = 1.96 instead of qnorm(0.975),
//! through `sample_size_proportion_with_z`) and `n_unrounded_alt_n0_over_1_plus_n0_over_N`
//! (samplingbook's n0/(1 + n0/N), recomputed here from the crate's n0 since the crate uses
//! Cochran's n0/(1 + (n0 − 1)/N)). Run with `-- --nocapture` to see the per-section counts.

use std::collections::BTreeMap;

use serde_json::Value;
use stats::{
    Alternative, DifferenceMethod, MeanSummary, ProportionMethod, chi_square_test,
    fisher_exact_test, fisher_exact_test_rxc, mean_difference_from_values, mean_interval,
    one_sample_t_test, proportion_difference, proportion_interval, sample_size_proportion,
    sample_size_proportion_with_z,
};

const DATA: &str = include_str!("../data/stats_public.json");

/// Every section of the file, with the number of cases it must hold.
const SECTIONS: [(&str, usize); 13] = [
    ("binomial_ci_wilson", 12),
    ("binomial_ci_wilson_cc", 11),
    ("binomial_ci_clopper_pearson", 12),
    ("binomial_ci_agresti_coull", 11),
    ("binomial_ci_jeffreys", 3),
    ("binomial_ci_wald", 12),
    ("two_proportion_diff_ci_newcombe", 9),
    ("two_proportion_diff_ci_wald", 9),
    ("mean_ci_t_one_sample", 2),
    ("mean_diff_ci_welch", 4),
    ("chisq_test_independence", 2),
    ("fisher_exact_test", 4),
    ("sample_size_proportion", 6),
];

/// Collects the comparisons of one case.
struct Checker<'a> {
    label: String,
    expected: &'a Value,
    tolerance: f64,
    failures: Vec<String>,
    checked_fields: usize,
    /// Largest |got − expected| / tolerance seen.
    worst: f64,
}

impl<'a> Checker<'a> {
    fn new(section: &str, index: usize, case: &'a Value) -> Self {
        Checker {
            label: format!("{section}[{index}]"),
            expected: &case["expected"],
            tolerance: case["tolerance"].as_f64().expect("tolerance"),
            failures: Vec::new(),
            checked_fields: 0,
            worst: 0.0,
        }
    }

    fn expected(&self, field: &str) -> Option<f64> {
        self.expected.get(field).and_then(Value::as_f64)
    }

    /// Compares `got` with the expected `field` (which must be present) within the tolerance.
    fn check(&mut self, field: &str, got: f64) {
        let expected = self
            .expected(field)
            .unwrap_or_else(|| panic!("{}: no expected {field}", self.label));
        self.compare(field, got, expected, self.tolerance);
    }

    /// As `check` when the field is present.
    fn check_optional(&mut self, field: &str, got: f64) {
        if self.expected.get(field).is_some() {
            self.check(field, got);
        }
    }

    fn compare(&mut self, field: &str, got: f64, expected: f64, tolerance: f64) {
        self.checked_fields += 1;
        self.worst = self.worst.max((got - expected).abs() / tolerance);
        // Written so that a NaN fails.
        let within = (got - expected).abs() <= tolerance;
        if !within {
            self.failures.push(format!(
                "{}: {field} = {got:.9} expected {expected:.9} (tolerance {tolerance:e})",
                self.label
            ));
        }
    }

    /// A p-value: absolute tolerance, and relative 1e-6 as well when it is tiny (the file's
    /// advice: tiny p-values are compared relatively, or through −log10 p).
    fn check_p_value(&mut self, got: f64) {
        self.check("p_value", got);
        let expected = self.expected("p_value").expect("p_value");
        if expected < 1e-3 {
            self.compare(
                "p_value (relative)",
                got / expected,
                1.0,
                self.tolerance.max(1e-6),
            );
        }
        if self.expected.get("neg_log10_p_value").is_some() {
            self.check("neg_log10_p_value", -got.log10());
        }
    }

    /// `*_unclipped` against a clipped bound: equal inside [lo, hi], else the clip of it.
    fn check_unclipped(&mut self, field: &str, got_clipped: f64, lo: f64, hi: f64) {
        if let Some(raw) = self.expected(field) {
            self.compare(field, got_clipped, raw.clamp(lo, hi), self.tolerance);
        }
    }
}

fn input_u64(case: &Value, name: &str) -> u64 {
    case["inputs"][name]
        .as_u64()
        .unwrap_or_else(|| panic!("input {name}"))
}

fn input_f64(case: &Value, name: &str) -> f64 {
    case["inputs"][name]
        .as_f64()
        .unwrap_or_else(|| panic!("input {name}"))
}

fn input_values(case: &Value, name: &str) -> Vec<f64> {
    case["inputs"][name]
        .as_array()
        .unwrap_or_else(|| panic!("input {name}"))
        .iter()
        .map(|v| v.as_f64().expect("number"))
        .collect()
}

fn input_table(case: &Value) -> Vec<Vec<u64>> {
    case["inputs"]["table"]
        .as_array()
        .expect("table")
        .iter()
        .map(|row| {
            row.as_array()
                .expect("row")
                .iter()
                .map(|c| c.as_u64().expect("count"))
                .collect()
        })
        .collect()
}

fn check_proportion(checker: &mut Checker, case: &Value, method: ProportionMethod) {
    let ci = proportion_interval(
        input_u64(case, "x"),
        input_u64(case, "n"),
        input_f64(case, "conf"),
        method,
    )
    .expect("interval");
    checker.check("lower", ci.lower);
    checker.check("upper", ci.upper);
    checker.check_unclipped("lower_unclipped", ci.lower, 0.0, 1.0);
    checker.check_unclipped("upper_unclipped", ci.upper, 0.0, 1.0);
    // Every interval must contain its estimate x/n for these 95% cases.
    assert!(ci.contains(ci.estimate), "{}: {ci:?}", checker.label);
}

fn check_difference(checker: &mut Checker, case: &Value, method: DifferenceMethod) {
    let d = proportion_difference(
        input_u64(case, "x1"),
        input_u64(case, "n1"),
        input_u64(case, "x2"),
        input_u64(case, "n2"),
        input_f64(case, "conf"),
        method,
    )
    .expect("difference");
    checker.check("estimate", d.estimate);
    checker.check("lower", d.lower);
    checker.check("upper", d.upper);
    checker.check_unclipped("lower_unclipped", d.lower, -1.0, 1.0);
    checker.check_unclipped("upper_unclipped", d.upper, -1.0, 1.0);
}

fn check_one_sample(checker: &mut Checker, case: &Value) {
    let data = input_values(case, "data");
    let summary = MeanSummary::from_values(&data).expect("summary");
    let ci = mean_interval(&summary, input_f64(case, "conf")).expect("interval");
    let test = one_sample_t_test(&summary, input_f64(case, "mu0")).expect("t test");
    checker.check("mean", ci.estimate);
    checker.check("se", ci.se);
    checker.check("t", test.t);
    checker.check("df", test.df);
    checker.check_p_value(test.p_value);
    checker.check("lower", ci.lower);
    checker.check("upper", ci.upper);
}

fn check_welch(checker: &mut Checker, case: &Value) {
    let d = mean_difference_from_values(
        &input_values(case, "x"),
        &input_values(case, "y"),
        input_f64(case, "conf"),
    )
    .expect("welch");
    checker.check("estimate", d.estimate);
    checker.check("se", d.se);
    checker.check("t", d.t);
    checker.check("df", d.df);
    checker.check_p_value(d.p_value);
    checker.check("lower", d.lower);
    checker.check("upper", d.upper);
}

fn check_chi_square(checker: &mut Checker, case: &Value) {
    let table = input_table(case);
    let yates = case["inputs"]["yates_correction"].as_bool().expect("yates");
    let test = chi_square_test(&table, yates).expect("chi-square");
    assert_eq!(test.yates_correction, yates, "{}", checker.label);
    checker.check("statistic", test.statistic);
    checker.check("df", test.df as f64);
    checker.check_p_value(test.p_value);
    let expected = checker.expected["expected"]
        .as_array()
        .expect("expected counts")
        .clone();
    assert_eq!(expected.len(), test.expected.len(), "{}", checker.label);
    for (i, (row, got_row)) in expected.iter().zip(&test.expected).enumerate() {
        let row = row.as_array().expect("row");
        assert_eq!(row.len(), got_row.len(), "{}", checker.label);
        for (j, (e, &g)) in row.iter().zip(got_row).enumerate() {
            let e = e.as_f64().expect("expected count");
            checker.compare(&format!("expected[{i}][{j}]"), g, e, checker.tolerance);
        }
    }
    let any_low = expected
        .iter()
        .flat_map(|row| row.as_array().expect("row").iter())
        .any(|e| e.as_f64().expect("count") < 5.0);
    assert_eq!(test.low_expected, any_low, "{}", checker.label);
}

fn check_fisher(checker: &mut Checker, case: &Value) {
    let table = input_table(case);
    let alternative = match case["inputs"]["alternative"].as_str().expect("alternative") {
        "two-sided" => Alternative::TwoSided,
        "less" => Alternative::Less,
        "greater" => Alternative::Greater,
        other => panic!("{}: unknown alternative {other}", checker.label),
    };
    let test = if table.len() == 2 && table[0].len() == 2 {
        fisher_exact_test(
            [[table[0][0], table[0][1]], [table[1][0], table[1][1]]],
            alternative,
        )
        .expect("fisher")
    } else {
        // The r x c case (marked optional in the file) goes through the network algorithm.
        assert_eq!(alternative, Alternative::TwoSided);
        fisher_exact_test_rxc(&table).expect("fisher r x c")
    };
    checker.check_p_value(test.p_value);
    if checker.expected.get("odds_ratio_cmle").is_some() {
        checker.check("odds_ratio_cmle", test.odds_ratio.expect("odds ratio"));
    }
}

fn check_sample_size(checker: &mut Checker, case: &Value) {
    let p = input_f64(case, "p");
    let margin = input_f64(case, "margin_of_error");
    let conf = input_f64(case, "conf");
    let population = case["inputs"]["population_size"].as_u64();
    let size = sample_size_proportion(p, margin, conf, population).expect("sample size");
    checker.check("n_unrounded", size.n_unrounded);
    checker.check("n", size.n as f64);
    checker.check_optional("n0_unrounded", size.n0);
    if checker.expected.get("n_unrounded_z196").is_some() {
        // Convention z = 1.96 (rounded), through the crate's explicit-z variant.
        let z196 = sample_size_proportion_with_z(p, margin, 1.96, population).expect("z = 1.96");
        checker.check("n_unrounded_z196", z196.n_unrounded);
    }
    if let Some(big_n) = population {
        // samplingbook's convention n0 / (1 + n0/N); the crate uses Cochran's (n0 − 1).
        let alt = size.n0 / (1.0 + size.n0 / big_n as f64);
        checker.check_optional("n_unrounded_alt_n0_over_1_plus_n0_over_N", alt);
        checker.check_optional("n_alt", (alt - 1e-7).ceil());
    }
}

#[test]
fn every_reference_case_passes() {
    let root: Value = serde_json::from_str(DATA).expect("valid JSON");
    let object = root.as_object().expect("object");
    // No section may be left unchecked: every key but `_about` must be known here.
    for key in object.keys() {
        assert!(
            key == "_about" || SECTIONS.iter().any(|(name, _)| name == key),
            "section {key} of the reference file is not checked"
        );
    }
    let mut summary: BTreeMap<&str, (usize, usize, usize, f64)> = BTreeMap::new();
    let mut failures = Vec::new();
    for (section, count) in SECTIONS {
        let cases = object
            .get(section)
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("section {section} missing"));
        assert_eq!(cases.len(), count, "section {section} changed size");
        let mut passed = 0;
        let mut fields = 0;
        let mut worst: f64 = 0.0;
        for (index, case) in cases.iter().enumerate() {
            let mut checker = Checker::new(section, index, case);
            match section {
                "binomial_ci_wilson" => {
                    check_proportion(&mut checker, case, ProportionMethod::Wilson)
                }
                "binomial_ci_wilson_cc" => {
                    check_proportion(&mut checker, case, ProportionMethod::WilsonCc)
                }
                "binomial_ci_clopper_pearson" => {
                    check_proportion(&mut checker, case, ProportionMethod::ClopperPearson)
                }
                "binomial_ci_agresti_coull" => {
                    check_proportion(&mut checker, case, ProportionMethod::AgrestiCoull)
                }
                "binomial_ci_jeffreys" => {
                    check_proportion(&mut checker, case, ProportionMethod::Jeffreys)
                }
                "binomial_ci_wald" => check_proportion(&mut checker, case, ProportionMethod::Wald),
                "two_proportion_diff_ci_newcombe" => {
                    check_difference(&mut checker, case, DifferenceMethod::Newcombe)
                }
                "two_proportion_diff_ci_wald" => {
                    check_difference(&mut checker, case, DifferenceMethod::Wald)
                }
                "mean_ci_t_one_sample" => check_one_sample(&mut checker, case),
                "mean_diff_ci_welch" => check_welch(&mut checker, case),
                "chisq_test_independence" => check_chi_square(&mut checker, case),
                "fisher_exact_test" => check_fisher(&mut checker, case),
                "sample_size_proportion" => check_sample_size(&mut checker, case),
                other => panic!("no checker for {other}"),
            }
            assert!(
                checker.checked_fields > 0,
                "{}: nothing checked",
                checker.label
            );
            fields += checker.checked_fields;
            worst = worst.max(checker.worst);
            if checker.failures.is_empty() {
                passed += 1;
            }
            failures.extend(checker.failures);
        }
        summary.insert(section, (passed, cases.len(), fields, worst));
    }
    for (section, (passed, total, fields, worst)) in &summary {
        println!(
            "{section:34} {passed:2}/{total:2} cases pass ({fields:2} values compared, \
             worst deviation {worst:.3} x tolerance)"
        );
    }
    assert!(
        failures.is_empty(),
        "reference failures:\n{}",
        failures.join("\n")
    );
}
