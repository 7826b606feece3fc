//! What several mystery screens (and the dashboard) share: the check of a code in an address,
//! a period, a slot, a weekday and a number in words.

use app::components::format::long_date;
use domain::Lang;

/// Whether a path segment can be a code (lower-case letters, digits, inner hyphens): anything
/// else is no campaign or grid, and must not reach a redirect's header.
pub fn is_code(raw: &str) -> bool {
    domain::TouchpointCode::parse(raw).is_ok()
}

/// A campaign's period in words (`du 1 octobre 2026 au 31 décembre 2026`).
pub fn period(from: chrono::NaiveDate, to: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("du {} au {}", long_date(from, lang), long_date(to, lang)),
        Lang::En => format!("from {} to {}", long_date(from, lang), long_date(to, lang)),
    }
}

/// A slot's name from its key (`midday` → "Midi (12 h – 14 h)"); the key when unknown.
pub fn slot_name(key: &str, lang: Lang) -> String {
    domain::mystery::Slot::parse(key).map_or_else(|| key.to_owned(), |s| s.label(lang).to_owned())
}

/// A weekday's name from its key (`3` → "Mercredi"); the key when unknown.
pub fn weekday_name(key: &str, lang: Lang) -> String {
    key.parse::<u8>().map_or_else(
        |_| key.to_owned(),
        |d| domain::mystery::weekday_label(d, lang).to_owned(),
    )
}

/// A mark or a mean with one decimal, in the page's language (`—` when there is none).
pub fn number(v: Option<f64>, lang: Lang) -> String {
    v.map(|x| {
        let s = format!("{x:.1}");
        if lang == Lang::Fr {
            s.replace('.', ",")
        } else {
            s
        }
    })
    .unwrap_or_else(|| "—".into())
}
