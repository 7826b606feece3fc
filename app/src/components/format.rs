//! Numbers, shares, intervals, p-values and dates as the pages write them, in French or English.

use chrono::{Datelike, NaiveDate};
use domain::Lang;

/// A number with a decimal comma in French.
pub fn decimal(value: f64, digits: usize, lang: Lang) -> String {
    let s = format!("{value:.digits$}");
    let s = if s.starts_with('-') && s.trim_start_matches(['-', '0', '.']).is_empty() {
        s.trim_start_matches('-').to_owned()
    } else {
        s
    };
    let s = s.replace('-', "\u{2212}");
    match lang {
        Lang::Fr => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A share (0–1) as a percentage: "84,8 %" / "84.8%".
pub fn percent(value: f64, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{}\u{202f}%", decimal(value * 100.0, 1, lang)),
        Lang::En => format!("{}%", decimal(value * 100.0, 1, lang)),
    }
}

/// An interval "[a ; b]" (French) or "[a, b]" (English).
pub fn interval(lower: String, upper: String, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("[{lower}\u{a0}; {upper}]"),
        Lang::En => format!("[{lower}, {upper}]"),
    }
}

/// A p-value, with "< 0,001" below a thousandth.
pub fn p_value(p: f64, lang: Lang) -> String {
    if p < 0.001 {
        format!("p < {}", decimal(0.001, 3, lang))
    } else {
        format!("p = {}", decimal(p, 3, lang))
    }
}

/// A confidence level (0–1) as a percentage: "95 %" / "95%".
pub fn level_text(level: f64, lang: Lang) -> String {
    let pct = level * 100.0;
    let digits = if (pct - pct.round()).abs() < 1e-9 {
        0
    } else {
        1
    };
    match lang {
        Lang::Fr => format!("{}\u{202f}%", decimal(pct, digits, lang)),
        Lang::En => format!("{}%", decimal(pct, digits, lang)),
    }
}

const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// A date written out: "5 mars 2026" / "5 March 2026".
pub fn long_date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{} {}", d.day(), long_month(d, lang)),
        Lang::En => d.format("%-d %B %Y").to_string(),
    }
}

/// The month of a date written out: "mars 2026" / "March 2026".
pub fn long_month(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{} {}", FR_MONTHS[d.month0() as usize], d.year()),
        Lang::En => d.format("%B %Y").to_string(),
    }
}

/// A date's month, abbreviated as on an axis: "janv.", "mars" / "Jan", "Mar".
pub fn short_month(d: NaiveDate, lang: Lang) -> String {
    const SHORT_FR: [&str; 12] = [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
        "déc.",
    ];
    match lang {
        Lang::Fr => SHORT_FR[d.month0() as usize].to_owned(),
        Lang::En => d.format("%b").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers_use_a_comma_and_a_narrow_space() {
        assert_eq!(percent(0.8479, Lang::Fr), "84,8\u{202f}%");
        assert_eq!(percent(0.8479, Lang::En), "84.8%");
        assert_eq!(decimal(-0.004, 2, Lang::Fr), "0,00");
        assert_eq!(decimal(-1.25, 2, Lang::Fr), "\u{2212}1,25");
        assert_eq!(p_value(0.0004, Lang::Fr), "p < 0,001");
        assert_eq!(p_value(0.1432, Lang::En), "p = 0.143");
    }

    #[test]
    fn a_date_is_written_out_in_the_page_language() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).expect("a valid date");
        assert_eq!(long_date(d, Lang::Fr), "5 mars 2026");
        assert_eq!(long_date(d, Lang::En), "5 March 2026");
        assert_eq!(short_month(d, Lang::En), "Mar");
        let feb = NaiveDate::from_ymd_opt(2026, 2, 1).expect("a valid date");
        assert_eq!(short_month(feb, Lang::Fr), "févr.");
        assert_eq!(long_month(d, Lang::Fr), "mars 2026");
        assert_eq!(long_month(d, Lang::En), "March 2026");
    }
}
