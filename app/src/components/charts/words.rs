//! The sentences the charts say: each chart's `<desc>` is its finding in one sentence made from
//! its data, and each mark's `<title>` its value, interval and n. Pure functions, unit-tested.

use crate::components::charts::model::{Figure, Mark, Shift, Unit, Verdict, count};
use domain::Lang;

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    /// Visitors' answers.
    Answers,
    /// Mystery tests.
    Tests,
}

impl Noun {
    /// "336 réponses", "1 test".
    pub fn of(self, n: u64, lang: Lang) -> String {
        let many = n != 1;
        let word = match (self, lang, many) {
            (Noun::Answers, Lang::Fr, true) => "réponses",
            (Noun::Answers, Lang::Fr, false) => "réponse",
            (Noun::Answers, Lang::En, true) => "answers",
            (Noun::Answers, Lang::En, false) => "answer",
            (Noun::Tests, _, true) => "tests",
            (Noun::Tests, _, false) => "test",
        };
        format!("{} {word}", count(n as i64, lang))
    }
}

/// "7,4 sur 10, intervalle de 7,1 à 7,7, 336 réponses".
pub fn mark_words(mark: &Mark, unit: Unit, noun: Noun, lang: Lang) -> String {
    let (value, low, high) = (
        unit.spelt(mark.value, lang),
        unit.value(mark.lower, lang),
        unit.value(mark.upper, lang),
    );
    let n = noun.of(mark.n, lang);
    let base = match lang {
        Lang::Fr => format!("{value}, intervalle de {low} à {high}, {n}"),
        Lang::En => format!("{value}, interval {low} to {high}, {n}"),
    };
    if mark.fragile {
        match lang {
            Lang::Fr => format!("{base} (peu : à lire avec prudence)"),
            Lang::En => format!("{base} (few: read with care)"),
        }
    } else {
        base
    }
}

/// A figure's words: its mark's, or why it is not shown.
pub fn figure_words(
    figure: &Figure,
    unit: Unit,
    noun: Noun,
    hidden_below: u64,
    lang: Lang,
) -> String {
    match figure {
        Figure::Shown(m) => mark_words(m, unit, noun, lang),
        Figure::Hidden(0) => match lang {
            Lang::Fr => "aucune donnée".into(),
            Lang::En => "no data".into(),
        },
        Figure::Hidden(_) => hidden_words(noun, hidden_below, lang),
    }
}

/// "non affiché : moins de 5 réponses".
pub fn hidden_words(noun: Noun, hidden_below: u64, lang: Lang) -> String {
    let few = noun.of(hidden_below, lang);
    match lang {
        Lang::Fr => format!("non affiché : moins de {few}"),
        Lang::En => format!("not shown: fewer than {few}"),
    }
}

/// "hausse significative (+0,4 point)", "pas de différence démontrée".
pub fn change_words(shift: &Shift, unit: Unit, lang: Lang) -> String {
    let amount = unit.change(shift.estimate, lang);
    match (shift.verdict(), lang) {
        (Verdict::Up, Lang::Fr) => format!("hausse significative ({amount})"),
        (Verdict::Up, Lang::En) => format!("significant rise ({amount})"),
        (Verdict::Down, Lang::Fr) => format!("baisse significative ({amount})"),
        (Verdict::Down, Lang::En) => format!("significant fall ({amount})"),
        (Verdict::NotShown, Lang::Fr) => format!("pas de différence démontrée ({amount})"),
        (Verdict::NotShown, Lang::En) => format!("no demonstrated difference ({amount})"),
    }
}

/// The headline sentence of an estimate: "Note de satisfaction : 7,4 sur 10, intervalle de
/// 7,1 à 7,7, 336 réponses ; pas de différence démontrée par rapport à avril-juin 2026."
pub fn estimate_sentence(
    subject: &str,
    figure: &Figure,
    unit: Unit,
    noun: Noun,
    change: Option<(&Shift, &str)>,
    hidden_below: u64,
    lang: Lang,
) -> String {
    let what = figure_words(figure, unit, noun, hidden_below, lang);
    let versus = match (figure, change) {
        (Figure::Shown(_), Some((shift, before))) => {
            let words = change_words(shift, unit, lang);
            match lang {
                Lang::Fr => format!(" ; {words} par rapport à {before}"),
                Lang::En => format!("; {words} compared with {before}"),
            }
        }
        _ => String::new(),
    };
    format!("{subject}{} {what}{versus}.", colon(lang))
}

fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "\u{a0}:",
        Lang::En => ":",
    }
}

/// The plain-language sentence on uncertainty, in frequencies: "Si l'on refaisait l'enquête
/// 100 fois, environ 95 des intervalles ainsi calculés contiendraient la vraie valeur."
pub fn uncertainty_sentence(level: f64, noun: Noun, lang: Lang) -> String {
    let times = (level * 100.0).round() as i64;
    match (noun, lang) {
        (Noun::Answers, Lang::Fr) => format!(
            "Chaque trait autour d'une valeur est son intervalle de confiance : si l'on refaisait l'enquête 100 fois auprès d'autres visiteurs, environ {times} des intervalles ainsi calculés contiendraient la vraie valeur. Moins il y a de réponses, plus il est large."
        ),
        (Noun::Answers, Lang::En) => format!(
            "The line around each value is its confidence interval: if the survey were run 100 times with other visitors, about {times} of the intervals computed this way would hold the true value. The fewer the answers, the wider it is."
        ),
        (Noun::Tests, Lang::Fr) => format!(
            "Chaque trait autour d'une valeur est son intervalle de confiance : si l'on refaisait la campagne 100 fois, environ {times} des intervalles ainsi calculés contiendraient la vraie valeur. Avec peu de tests, il est large."
        ),
        (Noun::Tests, Lang::En) => format!(
            "The line around each value is its confidence interval: if the campaign were run 100 times, about {times} of the intervals computed this way would hold the true value. With few tests, it is wide."
        ),
    }
}

/// A point of a trend, for its sentence: its month's name and its figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated<'a> {
    /// "mars 2026".
    pub name: &'a str,
    /// Its figure.
    pub figure: &'a Figure,
}

/// "Note de satisfaction par mois, de janvier 2026 à décembre 2026 : la plus basse 6,9 (mars
/// 2026), la plus haute 7,8 (octobre 2026), le dernier mois 7,4 (336 réponses) ; 2 mois non
/// affichés."
pub fn trend_sentence(
    subject: &str,
    points: &[Dated<'_>],
    unit: Unit,
    noun: Noun,
    lang: Lang,
) -> String {
    let (Some(first), Some(last)) = (points.first(), points.last()) else {
        return subject.to_owned();
    };
    let shown: Vec<(&str, &Mark)> = points
        .iter()
        .filter_map(|p| p.figure.mark().map(|m| (p.name, m)))
        .collect();
    let span = match lang {
        Lang::Fr => format!("{subject} par mois, de {} à {}", first.name, last.name),
        Lang::En => format!("{subject} by month, from {} to {}", first.name, last.name),
    };
    let hidden = points.len() - shown.len();
    let hidden_words = match (hidden, lang) {
        (0, _) => String::new(),
        (1, Lang::Fr) => " ; 1 mois non affiché".into(),
        (h, Lang::Fr) => format!(" ; {h} mois non affichés"),
        (1, Lang::En) => "; 1 month not shown".into(),
        (h, Lang::En) => format!("; {h} months not shown"),
    };
    let Some(low) = shown.iter().min_by(|a, b| a.1.value.total_cmp(&b.1.value)) else {
        return match lang {
            Lang::Fr => format!("{span} : aucun mois n'a assez de réponses pour être affiché."),
            Lang::En => format!("{span}: no month has enough answers to be shown."),
        };
    };
    let high = shown
        .iter()
        .max_by(|a, b| a.1.value.total_cmp(&b.1.value))
        .unwrap_or(low);
    let latest = shown.last().unwrap_or(low);
    let v = |m: &Mark| unit.value(m.value, lang);
    match lang {
        Lang::Fr => format!(
            "{span} : la plus basse {} ({}), la plus haute {} ({}), la dernière {} ({}, {}){hidden_words}.",
            v(low.1),
            low.0,
            v(high.1),
            high.0,
            v(latest.1),
            latest.0,
            noun.of(latest.1.n, lang)
        ),
        Lang::En => format!(
            "{span}: lowest {} ({}), highest {} ({}), latest {} ({}, {}){hidden_words}.",
            v(low.1),
            low.0,
            v(high.1),
            high.0,
            v(latest.1),
            latest.0,
            noun.of(latest.1.n, lang)
        ),
    }
}

/// "Par guichet, comparé à l'ensemble (7,4 sur 10) : au-dessus, Accueil ; en dessous, Titres ;
/// 3 ne s'en distinguent pas de façon démontrée."
pub fn ranked_sentence(
    subject: &str,
    rows: &[(&str, &Figure)],
    reference: &Mark,
    unit: Unit,
    lang: Lang,
) -> String {
    let mut above = Vec::new();
    let mut below = Vec::new();
    let mut alike = 0;
    let mut hidden = 0;
    for (name, figure) in rows {
        match figure.mark() {
            Some(m) => match crate::components::charts::model::standing(m, reference) {
                Verdict::Up => above.push(*name),
                Verdict::Down => below.push(*name),
                Verdict::NotShown => alike += 1,
            },
            None => hidden += 1,
        }
    }
    let all = unit.spelt(reference.value, lang);
    let w = RankedWords::of(lang);
    let mut parts = Vec::new();
    if !above.is_empty() {
        parts.push(format!("{}{}", w.above, above.join(", ")));
    }
    if !below.is_empty() {
        parts.push(format!("{}{}", w.below, below.join(", ")));
    }
    let ranked = !(above.is_empty() && below.is_empty());
    match (alike, ranked) {
        (0, _) => {}
        (1, false) => parts.push(w.alike_one.to_owned()),
        (1, true) => parts.push(w.other_one.to_owned()),
        (k, false) => parts.push(format!("{}{k}", w.alike_all)),
        (k, true) => parts.push(format!("{k}{}", w.others)),
    }
    match hidden {
        0 => {}
        1 => parts.push(w.hidden_one.to_owned()),
        h => parts.push(format!("{h}{}", w.hidden)),
    }
    format!(
        "{subject}{}{all}{}{}.",
        w.against,
        w.colon,
        parts.join(w.sep)
    )
}

/// The words of a ranked comparison's sentence, in one language.
struct RankedWords {
    against: &'static str,
    colon: &'static str,
    sep: &'static str,
    above: &'static str,
    below: &'static str,
    alike_one: &'static str,
    other_one: &'static str,
    alike_all: &'static str,
    others: &'static str,
    hidden_one: &'static str,
    hidden: &'static str,
}

impl RankedWords {
    fn of(lang: Lang) -> RankedWords {
        match lang {
            Lang::Fr => RankedWords {
                against: ", comparé à l'ensemble (",
                colon: ") : ",
                sep: " ; ",
                above: "au-dessus : ",
                below: "en dessous : ",
                alike_one: "pas de différence démontrée",
                other_one: "1 autre sans différence démontrée",
                alike_all: "aucune différence démontrée entre les ",
                others: " autres sans différence démontrée",
                hidden_one: "1 non affiché (trop peu de réponses)",
                hidden: " non affichés (trop peu de réponses)",
            },
            Lang::En => RankedWords {
                against: ", against the whole (",
                colon: "): ",
                sep: "; ",
                above: "above: ",
                below: "below: ",
                alike_one: "no demonstrated difference",
                other_one: "1 other with no demonstrated difference",
                alike_all: "no demonstrated difference among the ",
                others: " others with no demonstrated difference",
                hidden_one: "1 not shown (too few answers)",
                hidden: " not shown (too few answers)",
            },
        }
    }
}

/// "Courtoisie : 85 % de réponses positives, 9 % négatives, 336 réponses."
pub fn diverging_sentence(
    subject: &str,
    positive: f64,
    negative: f64,
    n: u64,
    lang: Lang,
) -> String {
    let (p, m) = (
        Unit::Share.value(positive, lang),
        Unit::Share.value(negative, lang),
    );
    let n = Noun::Answers.of(n, lang);
    match lang {
        Lang::Fr => format!("{subject} : {p} de réponses positives, {m} de négatives, {n}."),
        Lang::En => format!("{subject}: {p} positive answers, {m} negative, {n}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(value: f64, lower: f64, upper: f64, n: u64) -> Mark {
        Mark {
            value,
            lower,
            upper,
            n,
            fragile: false,
        }
    }

    #[test]
    fn an_estimate_says_its_value_interval_n_and_change() {
        let score = Figure::Shown(mark(7.42, 7.1, 7.7, 336));
        let steady = Shift {
            estimate: 0.1,
            lower: -0.3,
            upper: 0.5,
        };
        assert_eq!(
            estimate_sentence(
                "Note de satisfaction",
                &score,
                Unit::Score10,
                Noun::Answers,
                Some((&steady, "avril-juin 2026")),
                5,
                Lang::Fr
            ),
            "Note de satisfaction\u{a0}: 7,4 sur 10, intervalle de 7,1 à 7,7, 336 réponses ; pas de différence démontrée (+0,1 point) par rapport à avril-juin 2026."
        );
        let rise = Shift {
            estimate: 0.06,
            lower: 0.02,
            upper: 0.1,
        };
        let share = Figure::Shown(mark(0.85, 0.81, 0.88, 412));
        assert_eq!(
            estimate_sentence(
                "Courtesy",
                &share,
                Unit::Share,
                Noun::Answers,
                Some((&rise, "April-June 2026")),
                5,
                Lang::En
            ),
            "Courtesy: 85%, interval 81% to 88%, 412 answers; significant rise (+6 points) compared with April-June 2026."
        );
        assert_eq!(
            estimate_sentence(
                "Note",
                &Figure::Hidden(3),
                Unit::Score10,
                Noun::Answers,
                Some((&rise, "x")),
                5,
                Lang::Fr
            ),
            "Note\u{a0}: non affiché : moins de 5 réponses."
        );
        let few = Figure::Shown(Mark {
            fragile: true,
            ..mark(6.5, 5.0, 8.0, 7)
        });
        assert!(
            estimate_sentence("Score", &few, Unit::Score10, Noun::Tests, None, 5, Lang::En)
                .ends_with("7 tests (few: read with care).")
        );
    }

    #[test]
    fn uncertainty_is_told_in_frequencies_at_the_chosen_level() {
        assert!(uncertainty_sentence(0.95, Noun::Answers, Lang::Fr).contains("environ 95 des"));
        assert!(uncertainty_sentence(0.9, Noun::Tests, Lang::En).contains("about 90 of"));
    }

    #[test]
    fn a_trend_names_its_lowest_highest_and_latest_months() {
        let figures = [
            Figure::Shown(mark(7.0, 6.6, 7.4, 120)),
            Figure::Hidden(2),
            Figure::Shown(mark(6.9, 6.5, 7.3, 140)),
            Figure::Shown(mark(7.8, 7.5, 8.1, 336)),
            Figure::Shown(mark(7.4, 7.1, 7.7, 300)),
        ];
        let names = [
            "janvier 2026",
            "février 2026",
            "mars 2026",
            "avril 2026",
            "mai 2026",
        ];
        let points: Vec<Dated<'_>> = names
            .iter()
            .zip(&figures)
            .map(|(name, figure)| Dated { name, figure })
            .collect();
        assert_eq!(
            trend_sentence(
                "Note de satisfaction",
                &points,
                Unit::Score10,
                Noun::Answers,
                Lang::Fr
            ),
            "Note de satisfaction par mois, de janvier 2026 à mai 2026 : la plus basse 6,9 (mars 2026), la plus haute 7,8 (avril 2026), la dernière 7,4 (mai 2026, 300 réponses) ; 1 mois non affiché."
        );
        let none = [Figure::Hidden(1)];
        let only = [Dated {
            name: "May 2026",
            figure: &none[0],
        }];
        assert!(
            trend_sentence("Score", &only, Unit::Score10, Noun::Answers, Lang::En)
                .ends_with("no month has enough answers to be shown.")
        );
    }

    #[test]
    fn a_comparison_ranks_only_what_is_demonstrated() {
        let all = mark(7.4, 7.2, 7.6, 900);
        let a = Figure::Shown(mark(8.5, 8.0, 9.0, 200));
        let b = Figure::Shown(mark(7.5, 7.0, 8.0, 150));
        let c = Figure::Shown(mark(7.2, 6.8, 7.6, 150));
        let d = Figure::Shown(mark(6.0, 5.5, 6.5, 100));
        let e = Figure::Hidden(3);
        let rows = [
            ("Accueil", &a),
            ("Titres", &b),
            ("Étrangers", &c),
            ("PAN", &d),
            ("Nuit", &e),
        ];
        assert_eq!(
            ranked_sentence("Par guichet", &rows, &all, Unit::Score10, Lang::Fr),
            "Par guichet, comparé à l'ensemble (7,4 sur 10) : au-dessus : Accueil ; en dessous : PAN ; 2 autres sans différence démontrée ; 1 non affiché (trop peu de réponses)."
        );
        let alike = [("Titres", &b), ("Étrangers", &c)];
        assert_eq!(
            ranked_sentence("By counter", &alike, &all, Unit::Score10, Lang::En),
            "By counter, against the whole (7.4 out of 10): no demonstrated difference among the 2."
        );
    }

    #[test]
    fn diverging_bars_say_their_positive_and_negative_shares() {
        assert_eq!(
            diverging_sentence("Courtoisie", 0.851, 0.09, 336, Lang::Fr),
            "Courtoisie : 85\u{202f}% de réponses positives, 9\u{202f}% de négatives, 336 réponses."
        );
    }
}
