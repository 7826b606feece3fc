//! Languages of the interface and translatable texts.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A language the interface speaks. French first; every text has a French version.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French, the default and the fallback.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Every language, French first.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The BCP 47 tag used in `lang` attributes and in stored responses.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language's own name, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }

    /// Reads a tag such as `en`, `en-GB` or `FR`; unknown tags give `None`.
    pub fn parse(raw: &str) -> Option<Lang> {
        let primary = raw.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        match primary.as_str() {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the first supported language of an `Accept-Language` header, French otherwise.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut tags: Vec<(f32, Lang)> = accept_language
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.split(';');
                let lang = Lang::parse(pieces.next()?)?;
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse().ok()))
                    .unwrap_or(1.0);
                Some((q, lang))
            })
            .collect();
        tags.sort_by(|a, b| b.0.total_cmp(&a.0));
        tags.first().map(|(_, l)| *l).unwrap_or_default()
    }
}

/// A text in several languages; French is required by convention and is the fallback.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Translated(pub BTreeMap<Lang, String>);

impl Translated {
    /// A text given in French and English.
    pub fn fr_en(fr: &str, en: &str) -> Self {
        Self(BTreeMap::from([
            (Lang::Fr, fr.to_owned()),
            (Lang::En, en.to_owned()),
        ]))
    }

    /// The text in `lang`, else in French, else in any language, else empty.
    pub fn get(&self, lang: Lang) -> &str {
        self.0
            .get(&lang)
            .or_else(|| self.0.get(&Lang::Fr))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Whether the text exists in `lang` itself (no fallback).
    pub fn has(&self, lang: Lang) -> bool {
        self.0.get(&lang).is_some_and(|t| !t.trim().is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_highest_weight_supported_language() {
        assert_eq!(
            Lang::negotiate("de-DE,de;q=0.9,en;q=0.8,fr;q=0.7"),
            Lang::En
        );
        assert_eq!(Lang::negotiate("en-GB;q=0.5, fr-FR"), Lang::Fr);
        assert_eq!(Lang::negotiate("ar"), Lang::Fr);
        assert_eq!(Lang::negotiate(""), Lang::Fr);
    }

    #[test]
    fn a_missing_translation_falls_back_to_french() {
        let mut t = Translated::default();
        t.0.insert(Lang::Fr, "Bonjour".into());
        assert_eq!(t.get(Lang::En), "Bonjour");
        assert!(!t.has(Lang::En));
    }

    #[test]
    fn translations_serialise_as_a_language_map() {
        let t = Translated::fr_en("Oui", "Yes");
        assert_eq!(
            serde_json::to_string(&t).ok().as_deref(),
            Some(r#"{"fr":"Oui","en":"Yes"}"#)
        );
    }
}
