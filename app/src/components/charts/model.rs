//! What the charts draw: an estimate with its interval and n, the unit it is read in, and the
//! verdict on a change. The pages build these from the indicators; the charts never compute a
//! figure of their own.

use crate::components::format::decimal;
use domain::Lang;

/// An estimate with its interval and the number of answers (or tests) it rests on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// The estimate, in the unit's own scale (a share in 0..1, a score in 0..10).
    pub value: f64,
    /// Lower bound of its interval.
    pub lower: f64,
    /// Upper bound of its interval.
    pub upper: f64,
    /// How many answers or tests.
    pub n: u64,
    /// Fewer than the fragility threshold: drawn hollow, hatched, and said.
    pub fragile: bool,
}

/// A figure that may be missing: drawn, or left out because its group is too small to show
/// without singling someone out (or because there was nothing to count).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    /// A figure to draw.
    Shown(Mark),
    /// Too few answers to show (under `HIDDEN_BELOW`), with how many there were (0 for none).
    Hidden(u64),
}

impl Figure {
    /// The mark, when shown.
    pub fn mark(&self) -> Option<&Mark> {
        match self {
            Figure::Shown(m) => Some(m),
            Figure::Hidden(_) => None,
        }
    }
}

/// The unit a figure is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A score out of 10 (JDMA, mystery tests).
    Score10,
    /// A share, 0 to 1, written as a percentage.
    Share,
    /// A mean on a 1-to-`max` scale (effort: 1 to 5).
    Mean(u8),
    /// A count (footfall, complaints).
    Count,
    /// A number of days (delivery delays).
    Days,
}

impl Unit {
    /// The whole range of the unit, for an axis that starts at its floor.
    pub fn range(self) -> (f64, f64) {
        match self {
            Unit::Score10 => (0.0, 10.0),
            Unit::Share => (0.0, 1.0),
            Unit::Mean(max) => (1.0, f64::from(max)),
            Unit::Count | Unit::Days => (0.0, 1.0),
        }
    }

    /// A value as a label: "7,4", "85 %", "2,8", "1 234".
    pub fn value(self, v: f64, lang: Lang) -> String {
        match self {
            Unit::Score10 | Unit::Mean(_) => decimal(v, 1, lang),
            Unit::Share => {
                let pct = decimal(v * 100.0, 0, lang);
                match lang {
                    Lang::Fr => format!("{pct}\u{202f}%"),
                    Lang::En => format!("{pct}%"),
                }
            }
            Unit::Count => count(v.round() as i64, lang),
            Unit::Days => {
                let digits = if (v - v.round()).abs() < 0.05 { 0 } else { 1 };
                let n = decimal(v, digits, lang);
                match lang {
                    Lang::Fr => format!("{n}\u{a0}jours"),
                    Lang::En => format!("{n} days"),
                }
            }
        }
    }

    /// A tick of an axis: whole values without decimals ("8", "80 %").
    pub fn tick(self, v: f64, lang: Lang) -> String {
        match self {
            Unit::Score10 | Unit::Mean(_) if (v - v.round()).abs() < 1e-9 => decimal(v, 0, lang),
            _ => self.value(v, lang),
        }
    }

    /// A value with its unit spelt out: "7,4 sur 10", "85 %", "2,8 sur 5".
    pub fn spelt(self, v: f64, lang: Lang) -> String {
        let value = self.value(v, lang);
        match (self, lang) {
            (Unit::Score10, Lang::Fr) => format!("{value} sur 10"),
            (Unit::Score10, Lang::En) => format!("{value} out of 10"),
            (Unit::Mean(max), Lang::Fr) => format!("{value} sur {max}"),
            (Unit::Mean(max), Lang::En) => format!("{value} out of {max}"),
            _ => value,
        }
    }

    /// A change as a label, signed: "+0,4 point", "−3 points" (of percentage).
    pub fn change(self, v: f64, lang: Lang) -> String {
        let sign = if v > 0.0 { "+" } else { "" };
        let (amount, one) = match self {
            Unit::Share => (decimal(v * 100.0, 0, lang), (v * 100.0).abs() < 1.5),
            _ => (decimal(v, 1, lang), v.abs() < 1.5),
        };
        let word = match (lang, one) {
            (Lang::Fr, true) => "point",
            (Lang::Fr, false) => "points",
            (Lang::En, true) => "point",
            (Lang::En, false) => "points",
        };
        format!("{sign}{amount} {word}")
    }
}

/// A whole number with thin-space thousands in French: "12 345" / "12,345".
pub fn count(n: i64, lang: Lang) -> String {
    let digits = n.unsigned_abs().to_string();
    let sep = match lang {
        Lang::Fr => "\u{202f}",
        Lang::En => ",",
    };
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    if n < 0 { format!("\u{2212}{out}") } else { out }
}

/// Whether a change is demonstrated, read from its interval: up or down when the interval of
/// the difference leaves out zero, else no demonstrated difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The interval of the change lies above zero.
    Up,
    /// The interval of the change lies below zero.
    Down,
    /// The interval of the change holds zero.
    NotShown,
}

/// A change from the comparison period: its estimate and interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shift {
    /// The difference, now minus before.
    pub estimate: f64,
    /// Lower bound.
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
}

impl Shift {
    /// Its verdict.
    pub fn verdict(&self) -> Verdict {
        if self.lower > 0.0 {
            Verdict::Up
        } else if self.upper < 0.0 {
            Verdict::Down
        } else {
            Verdict::NotShown
        }
    }
}

/// How a group stands against a reference (the whole organisation): above or below when their
/// intervals do not overlap, else not demonstrably different, and never ranked then.
pub fn standing(group: &Mark, reference: &Mark) -> Verdict {
    if group.lower > reference.upper {
        Verdict::Up
    } else if group.upper < reference.lower {
        Verdict::Down
    } else {
        Verdict::NotShown
    }
}

/// The Observatoire's colour band of a figure read on 10 (a share is read on 10 too: 80 % is
/// 8): 8 and more "très bien", 5 to 8, under 5; grey when fragile or hidden.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Band {
    /// 8/10 and more.
    Good,
    /// 5 to under 8.
    Middle,
    /// Under 5.
    Low,
    /// Too few answers to judge.
    Fragile,
    /// A figure with no band (a count, an effort score: lower is better there).
    None,
}

impl Band {
    /// The band of a mark in `unit`.
    pub fn of(mark: &Mark, unit: Unit) -> Band {
        let on_ten = match unit {
            Unit::Score10 => mark.value,
            Unit::Share => mark.value * 10.0,
            Unit::Mean(_) | Unit::Count | Unit::Days => return Band::None,
        };
        if mark.fragile {
            Band::Fragile
        } else if on_ten >= 8.0 - 1e-9 {
            Band::Good
        } else if on_ten >= 5.0 - 1e-9 {
            Band::Middle
        } else {
            Band::Low
        }
    }

    /// Its CSS modifier.
    pub fn class(self) -> &'static str {
        match self {
            Band::Good => "band-good",
            Band::Middle => "band-middle",
            Band::Low => "band-low",
            Band::Fragile => "band-fragile",
            Band::None => "band-none",
        }
    }

    /// Its words (colour never says it alone).
    pub fn words(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Band::Good, Lang::Fr) => "très bien (8 sur 10 ou plus)",
            (Band::Good, Lang::En) => "very good (8 out of 10 or more)",
            (Band::Middle, Lang::Fr) => "moyen (de 5 à 8 sur 10)",
            (Band::Middle, Lang::En) => "middling (5 to 8 out of 10)",
            (Band::Low, Lang::Fr) => "insuffisant (moins de 5 sur 10)",
            (Band::Low, Lang::En) => "poor (under 5 out of 10)",
            (Band::Fragile, Lang::Fr) => "peu de réponses : à lire avec prudence",
            (Band::Fragile, Lang::En) => "few answers: read with care",
            (Band::None, _) => "",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(value: f64, lower: f64, upper: f64) -> Mark {
        Mark {
            value,
            lower,
            upper,
            n: 100,
            fragile: false,
        }
    }

    #[test]
    fn units_write_their_values_in_the_page_language() {
        assert_eq!(Unit::Score10.spelt(7.44, Lang::Fr), "7,4 sur 10");
        assert_eq!(Unit::Score10.spelt(7.44, Lang::En), "7.4 out of 10");
        assert_eq!(Unit::Share.value(0.848, Lang::Fr), "85\u{202f}%");
        assert_eq!(Unit::Score10.tick(8.0, Lang::Fr), "8");
        assert_eq!(Unit::Score10.tick(7.5, Lang::Fr), "7,5");
        assert_eq!(Unit::Share.value(0.848, Lang::En), "85%");
        assert_eq!(Unit::Mean(5).spelt(2.75, Lang::Fr), "2,8 sur 5");
        assert_eq!(Unit::Share.change(-0.031, Lang::Fr), "\u{2212}3 points");
        assert_eq!(Unit::Score10.change(0.4, Lang::Fr), "+0,4 point");
        assert_eq!(count(1_234_567, Lang::Fr), "1\u{202f}234\u{202f}567");
        assert_eq!(count(999, Lang::En), "999");
        assert_eq!(count(12_000, Lang::En), "12,000");
    }

    #[test]
    fn a_change_is_demonstrated_only_when_its_interval_leaves_out_zero() {
        let up = Shift {
            estimate: 0.4,
            lower: 0.1,
            upper: 0.7,
        };
        let unsure = Shift {
            estimate: 0.4,
            lower: -0.1,
            upper: 0.9,
        };
        let down = Shift {
            estimate: -0.4,
            lower: -0.7,
            upper: -0.05,
        };
        assert_eq!(up.verdict(), Verdict::Up);
        assert_eq!(unsure.verdict(), Verdict::NotShown);
        assert_eq!(down.verdict(), Verdict::Down);
    }

    #[test]
    fn overlapping_intervals_are_not_ranked() {
        let all = mark(7.4, 7.1, 7.7);
        assert_eq!(standing(&mark(8.4, 7.9, 8.9), &all), Verdict::Up);
        assert_eq!(standing(&mark(7.9, 7.5, 8.3), &all), Verdict::NotShown);
        assert_eq!(standing(&mark(6.0, 5.0, 7.0), &all), Verdict::Down);
    }

    #[test]
    fn bands_follow_the_observatoire_and_fragile_figures_are_grey() {
        assert_eq!(Band::of(&mark(8.0, 7.5, 8.5), Unit::Score10), Band::Good);
        assert_eq!(Band::of(&mark(7.99, 7.5, 8.5), Unit::Score10), Band::Middle);
        assert_eq!(Band::of(&mark(0.81, 0.7, 0.9), Unit::Share), Band::Good);
        assert_eq!(Band::of(&mark(0.45, 0.3, 0.6), Unit::Share), Band::Low);
        assert_eq!(Band::of(&mark(2.7, 2.5, 2.9), Unit::Mean(5)), Band::None);
        let few = Mark {
            fragile: true,
            ..mark(9.0, 8.0, 10.0)
        };
        assert_eq!(Band::of(&few, Unit::Score10), Band::Fragile);
    }
}
