//! Small samples: whether a figure is shown, shown as fragile, or suppressed for anonymity.

use serde::{Deserialize, Serialize};

/// What a figure measures, which sets its fragility threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeasureKind {
    /// A mean of a scale (e.g. the JDMA score): `mean`.
    Mean,
    /// A share of survey answers (e.g. % satisfied, net satisfaction, NPS): `proportion`.
    Proportion,
    /// A mystery-test rate, counted in tests: `mystery-test-rate`.
    MysteryTestRate,
}

/// How a figure computed on n observations may be displayed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Visibility {
    /// Enough observations: shown normally.
    Shown,
    /// Shown, flagged as fragile (small sample, wide interval).
    Fragile,
    /// Too few observations: must not be shown, for anonymity.
    Suppressed,
}

/// Thresholds of the small-sample policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fragility {
    /// Below this many answers a mean is fragile (default 30).
    pub min_mean_answers: u64,
    /// Below this many answers a proportion is fragile (default 30).
    pub min_proportion_answers: u64,
    /// Below this many tests a mystery-test rate is fragile (default 10).
    pub min_mystery_tests: u64,
    /// Below this many observations any group is suppressed (default 5).
    pub suppression_min: u64,
}

impl Default for Fragility {
    fn default() -> Self {
        Fragility {
            min_mean_answers: 30,
            min_proportion_answers: 30,
            min_mystery_tests: 10,
            suppression_min: 5,
        }
    }
}

impl Fragility {
    /// The fragility threshold for a kind of measure.
    pub fn threshold(&self, kind: MeasureKind) -> u64 {
        match kind {
            MeasureKind::Mean => self.min_mean_answers,
            MeasureKind::Proportion => self.min_proportion_answers,
            MeasureKind::MysteryTestRate => self.min_mystery_tests,
        }
    }

    /// Whether a group of n observations must be suppressed (n < suppression minimum, or n = 0).
    pub fn is_suppressed(&self, n: u64) -> bool {
        n == 0 || n < self.suppression_min
    }

    /// `Suppressed` below the suppression minimum, `Fragile` below the kind's threshold, else `Shown`.
    pub fn classify(&self, n: u64, kind: MeasureKind) -> Visibility {
        if self.is_suppressed(n) {
            Visibility::Suppressed
        } else if n < self.threshold(kind) {
            Visibility::Fragile
        } else {
            Visibility::Shown
        }
    }
}

/// Classifies n observations of a kind of measure under the default policy.
pub fn classify(n: u64, kind: MeasureKind) -> Visibility {
    Fragility::default().classify(n, kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_policy() {
        use MeasureKind::*;
        use Visibility::*;
        assert_eq!(classify(0, Mean), Suppressed);
        assert_eq!(classify(4, Mean), Suppressed);
        assert_eq!(classify(5, Mean), Fragile);
        assert_eq!(classify(29, Mean), Fragile);
        assert_eq!(classify(30, Mean), Shown);
        assert_eq!(classify(29, Proportion), Fragile);
        assert_eq!(classify(30, Proportion), Shown);
        assert_eq!(classify(4, MysteryTestRate), Suppressed);
        assert_eq!(classify(9, MysteryTestRate), Fragile);
        assert_eq!(classify(10, MysteryTestRate), Shown);
    }

    #[test]
    fn custom_policy() {
        let policy = Fragility {
            min_mean_answers: 50,
            min_proportion_answers: 40,
            min_mystery_tests: 3,
            suppression_min: 0,
        };
        assert_eq!(
            policy.classify(0, MeasureKind::Mean),
            Visibility::Suppressed
        );
        assert_eq!(
            policy.classify(1, MeasureKind::MysteryTestRate),
            Visibility::Fragile
        );
        assert_eq!(
            policy.classify(3, MeasureKind::MysteryTestRate),
            Visibility::Shown
        );
        assert_eq!(policy.classify(49, MeasureKind::Mean), Visibility::Fragile);
        assert_eq!(
            policy.classify(40, MeasureKind::Proportion),
            Visibility::Shown
        );
        let json = serde_json::to_string(&Visibility::Fragile).expect("valid input");
        assert_eq!(json, "\"fragile\"");
        let policy: Fragility = serde_json::from_str(
            r#"{"min_mean_answers":30,"min_proportion_answers":30,"min_mystery_tests":10,"suppression_min":5}"#,
        )
        .expect("valid input");
        assert_eq!(policy, Fragility::default());
    }
}
