//! Reading the parameters of a summary (periods, interval method, level), shared by the JSON API
//! and the results page; each problem says which parameter and why, in French or English.

use chrono::{Datelike, NaiveDate};
use domain::Lang;
use indicators::Period;
use stats::ProportionMethod;

/// A parameter the summary cannot use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParamError {
    /// Not a date `YYYY-MM-DD`.
    NotADate { name: &'static str, raw: String },
    /// A date before 1990 or after 2100.
    DateOutOfRange { name: &'static str },
    /// A start that is not the first day of a month, or an end that is not the last.
    NotWholeMonth { name: &'static str, start: bool },
    /// The start is after the end.
    Reversed {
        from: &'static str,
        to: &'static str,
    },
    /// One bound of a period without the other.
    HalfPeriod {
        from: &'static str,
        to: &'static str,
    },
    /// The level is not in (0, 1).
    Level { raw: String },
    /// Unknown interval method.
    Method { raw: String },
    /// Unknown source of responses.
    Source { raw: String },
}

impl ParamError {
    /// The parameter the problem is about (the form field to mark).
    pub fn field(&self) -> &'static str {
        match self {
            ParamError::NotADate { name, .. }
            | ParamError::DateOutOfRange { name }
            | ParamError::NotWholeMonth { name, .. } => name,
            ParamError::Reversed { from, .. } | ParamError::HalfPeriod { from, .. } => from,
            ParamError::Level { .. } => "level",
            ParamError::Method { .. } => "ci",
            ParamError::Source { .. } => "source",
        }
    }

    /// The problem in words.
    pub fn message(&self, lang: Lang) -> String {
        let label = |name: &str| field_label(name, lang);
        match (self, lang) {
            (ParamError::NotADate { name, raw }, Lang::Fr) => format!(
                "{} : « {raw} » n'est pas un mois au format AAAA-MM (ou une date AAAA-MM-JJ).",
                label(name)
            ),
            (ParamError::NotADate { name, raw }, Lang::En) => {
                format!("{name} must be a month YYYY-MM (or a date YYYY-MM-DD), not {raw:?}")
            }
            (ParamError::NotWholeMonth { name, start: true }, Lang::Fr) => format!(
                "{} : les périodes sont faites de mois entiers ; indiquez un mois (AAAA-MM) ou le premier jour d'un mois.",
                label(name)
            ),
            (ParamError::NotWholeMonth { name, start: false }, Lang::Fr) => format!(
                "{} : les périodes sont faites de mois entiers ; indiquez un mois (AAAA-MM) ou le dernier jour d'un mois.",
                label(name)
            ),
            (ParamError::NotWholeMonth { name, start: true }, Lang::En) => format!(
                "{name}: periods are whole months; give a month YYYY-MM or the first day of a month"
            ),
            (ParamError::NotWholeMonth { name, start: false }, Lang::En) => format!(
                "{name}: periods are whole months; give a month YYYY-MM or the last day of a month"
            ),
            (ParamError::DateOutOfRange { name }, Lang::Fr) => {
                format!("{} : choisissez une date entre 1990 et 2100.", label(name))
            }
            (ParamError::DateOutOfRange { name }, Lang::En) => {
                format!("{name} must be between 1990 and 2100")
            }
            (ParamError::Reversed { from, to }, Lang::Fr) => {
                format!("{} est après {}.", label(from), label(to).to_lowercase())
            }
            (ParamError::Reversed { from, to }, Lang::En) => format!("{from} is after {to}"),
            (ParamError::HalfPeriod { from, to }, Lang::Fr) => format!(
                "Indiquez à la fois {} et {}.",
                label(from).to_lowercase(),
                label(to).to_lowercase()
            ),
            (ParamError::HalfPeriod { from, to }, Lang::En) => {
                format!("give both {from} and {to}")
            }
            (ParamError::Level { raw }, Lang::Fr) => format!(
                "Niveau de confiance : « {raw} » n'est pas un nombre strictement entre 0 et 1 (par exemple 0.95)."
            ),
            (ParamError::Level { raw }, Lang::En) => {
                format!("level must be a number between 0 and 1 (exclusive), not {raw:?}")
            }
            (ParamError::Method { raw }, Lang::Fr) => {
                format!("Méthode d'intervalle : « {raw} » n'est pas dans la liste proposée.")
            }
            (ParamError::Method { raw }, Lang::En) => format!(
                "ci must be one of wilson, wilson-cc, clopper-pearson, agresti-coull, jeffreys, wald; not {raw:?}"
            ),
            (ParamError::Source { raw }, Lang::Fr) => {
                format!("Origine des réponses : « {raw} » n'est pas dans la liste proposée.")
            }
            (ParamError::Source { raw }, Lang::En) => {
                format!("source must be one of all, invited, open; not {raw:?}")
            }
        }
    }
}

/// The label of a parameter in a form.
pub fn field_label(name: &str, lang: Lang) -> &'static str {
    match (name, lang) {
        ("from", Lang::Fr) => "Début de la période",
        ("to", Lang::Fr) => "Fin de la période",
        ("compare_from", Lang::Fr) => "Début de la période de comparaison",
        ("compare_to", Lang::Fr) => "Fin de la période de comparaison",
        ("from", Lang::En) => "Start of the period",
        ("to", Lang::En) => "End of the period",
        ("compare_from", Lang::En) => "Start of the comparison period",
        ("compare_to", Lang::En) => "End of the comparison period",
        (_, Lang::Fr) => "Paramètre",
        (_, Lang::En) => "Parameter",
    }
}

/// A date `YYYY-MM-DD` between 1990 and 2100.
pub fn date(name: &'static str, raw: &str) -> Result<NaiveDate, ParamError> {
    let d =
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| ParamError::NotADate {
            name,
            raw: raw.to_owned(),
        })?;
    let (min, max) = (
        NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(NaiveDate::MIN),
        NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or(NaiveDate::MAX),
    );
    if d < min || d > max {
        return Err(ParamError::DateOutOfRange { name });
    }
    Ok(d)
}

/// A period of whole months from two optional bounds (an empty text counts as absent), each a
/// month `YYYY-MM` or a date `YYYY-MM-DD` that starts (for the first) or ends (for the last) a
/// month; `None` when both are absent. Whole months keep small groups hidden: every figure is
/// made of month cells of at least `HIDDEN_BELOW` answers (see `db::summary::period_counts`).
pub fn period(
    from_name: &'static str,
    from: Option<&str>,
    to_name: &'static str,
    to: Option<&str>,
) -> Result<Option<Period>, ParamError> {
    match (present(from), present(to)) {
        (None, None) => Ok(None),
        (Some(f), Some(t)) => {
            let (from, to) = (bound(from_name, f, true)?, bound(to_name, t, false)?);
            if from > to {
                return Err(ParamError::Reversed {
                    from: from_name,
                    to: to_name,
                });
            }
            Ok(Some(Period { from, to }))
        }
        _ => Err(ParamError::HalfPeriod {
            from: from_name,
            to: to_name,
        }),
    }
}

/// One bound of a period of whole months: a month `YYYY-MM` (its first or last day), or a date
/// that is the first (`start`) or last day of a month.
fn bound(name: &'static str, raw: &str, start: bool) -> Result<NaiveDate, ParamError> {
    let raw = raw.trim();
    let day = if raw.len() == 7 {
        let first = date(name, &format!("{raw}-01")).map_err(|e| match e {
            ParamError::NotADate { name, .. } => ParamError::NotADate {
                name,
                raw: raw.to_owned(),
            },
            other => other,
        })?;
        if start { first } else { last_of_month(first) }
    } else {
        let d = date(name, raw)?;
        let whole = if start {
            d.day() == 1
        } else {
            d == last_of_month(d)
        };
        if !whole {
            return Err(ParamError::NotWholeMonth { name, start });
        }
        d
    };
    Ok(day)
}

/// The last day of the month of `d`.
fn last_of_month(d: NaiveDate) -> NaiveDate {
    let first = d.with_day(1).unwrap_or(d);
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|next| next.pred_opt())
        .unwrap_or(d)
}

/// A parameter given with a non-blank value.
fn present(v: Option<&str>) -> Option<&str> {
    v.filter(|s| !s.trim().is_empty())
}

/// The confidence level: a number in (0, 1), 0.95 when absent.
pub fn level(raw: Option<&str>) -> Result<f64, ParamError> {
    let Some(raw) = present(raw) else {
        return Ok(0.95);
    };
    match raw.trim().parse::<f64>() {
        Ok(l) if l > 0.0 && l < 1.0 => Ok(l),
        _ => Err(ParamError::Level {
            raw: raw.to_owned(),
        }),
    }
}

/// The interval method for shares, Wilson when absent.
pub fn method(raw: Option<&str>) -> Result<ProportionMethod, ParamError> {
    match present(raw) {
        None => Ok(ProportionMethod::Wilson),
        Some(code) => ProportionMethod::parse(code.trim()).map_err(|_| ParamError::Method {
            raw: code.to_owned(),
        }),
    }
}

/// Which responses to count, all of them when absent.
pub fn source(raw: Option<&str>) -> Result<db::summary::Source, ParamError> {
    match present(raw) {
        None => Ok(db::summary::Source::All),
        Some(code) => db::summary::Source::parse(code).ok_or_else(|| ParamError::Source {
            raw: code.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_need_both_bounds_in_order() {
        let p = period("from", Some("2026-01-01"), "to", Some("2026-03-31"));
        assert_eq!(
            p.map(|p| p.map(|p| (p.from.to_string(), p.to.to_string()))),
            Ok(Some(("2026-01-01".into(), "2026-03-31".into())))
        );
        assert_eq!(period("from", Some(""), "to", None), Ok(None));
        let reversed = period("from", Some("2026-04-01"), "to", Some("2026-03-31"));
        assert_eq!(reversed.map_err(|e| e.field()), Err("from"));
        let half = period("compare_from", Some("2026-04-01"), "compare_to", None);
        assert!(
            half.map_err(|e| e.message(Lang::Fr))
                .is_err_and(|m| m.contains("fin de la période de comparaison"))
        );
        assert!(date("to", "2026-02-30").is_err());
        // Whole months: a month, or the first and last days of months.
        let months = period("from", Some("2025-12"), "to", Some("2026-02"));
        assert_eq!(
            months.map(|p| p.map(|p| (p.from.to_string(), p.to.to_string()))),
            Ok(Some(("2025-12-01".into(), "2026-02-28".into())))
        );
        let mid = period("from", Some("2026-10-01"), "to", Some("2026-11-30"));
        assert!(mid.is_ok());
        let one_day_more = period("from", Some("2026-10-01"), "to", Some("2026-12-01"));
        assert_eq!(one_day_more.map_err(|e| e.field()), Err("to"));
        let late_start = period("from", Some("2026-10-02"), "to", Some("2026-11-30"));
        assert!(
            late_start
                .map_err(|e| e.message(Lang::Fr))
                .is_err_and(|m| m.contains("mois entiers"))
        );
        assert!(period("from", Some("2026-13"), "to", Some("2026-12")).is_err());
        assert!(date("to", "1900-01-01").is_err());
    }

    #[test]
    fn levels_and_methods_are_checked() {
        assert_eq!(level(None), Ok(0.95));
        assert_eq!(level(Some("0.9")), Ok(0.9));
        for bad in ["1.5", "0", "1", "x", "NaN"] {
            assert!(level(Some(bad)).is_err(), "{bad}");
        }
        assert_eq!(method(Some("jeffreys")), Ok(ProportionMethod::Jeffreys));
        assert!(method(Some("bayes")).is_err());
    }
}
