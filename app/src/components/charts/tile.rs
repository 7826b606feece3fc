//! The **KPI tile**: a figure's value, its interval drawn on its whole scale, its n, the
//! Observatoire's colour band (in words too), and an arrow only when the change from the
//! comparison period is demonstrated. An entered figure (from another system) says so and
//! has no interval.

use crate::components::charts::frame::{Table, figure_cells, pct};
use crate::components::charts::layout::LinearScale;
use crate::components::charts::model::{Band, Figure, Mark, Shift, Unit, Verdict};
use crate::components::charts::words::{Noun, change_words, figure_words, hidden_words};
use domain::Lang;
use leptos::prelude::*;

/// What a tile shows.
#[derive(Debug, Clone, PartialEq)]
pub enum TileValue {
    /// A figure measured by the surveys or the tests.
    Measured {
        /// The figure.
        figure: Figure,
        /// Its change from the comparison period, when there is one.
        shift: Option<Shift>,
    },
    /// A figure entered by the referent (footfall, pickup rate of the switchboard…), with the
    /// periods it sums or averages; `None` when none was entered.
    Entered(Option<f64>),
}

/// A tile.
#[derive(Debug, Clone, PartialEq)]
pub struct Tile {
    /// What it measures.
    pub name: String,
    /// Its value.
    pub value: TileValue,
    /// The unit.
    pub unit: Unit,
    /// What the figure counts.
    pub noun: Noun,
    /// A line under the figure (the campaign's code, the question).
    pub note: Option<String>,
    /// A fall is the good news (effort felt): a demonstrated rise is coloured as a fall.
    pub lower_is_better: bool,
}

/// A mark's interval drawn on the whole scale of its unit, the estimate a dot in it (the
/// words say the same; hidden from screen readers).
pub fn gauge(m: &Mark, unit: Unit) -> impl IntoView + use<> {
    let scale = LinearScale {
        domain: unit.range(),
        range: (2.0, 98.0),
    };
    let (l, u) = (scale.clamped(m.lower), scale.clamped(m.upper));
    view! {
        <svg class="kpi__gauge" width="100%" height="16" aria-hidden="true" focusable="false">
            <line class="gauge-track" x1="2%" x2="98%" y1="8" y2="8"></line>
            <rect class="gauge-interval" x=pct(l) width=pct(u - l) y="3" height="10" rx="2"></rect>
            <circle class="gauge-dot" cx=pct(scale.clamped(m.value)) cy="8" r="4"></circle>
        </svg>
    }
}

/// The tiles of a section, in a grid that wraps.
pub fn tiles(items: Vec<Tile>, hidden_below: u64, lang: Lang) -> impl IntoView {
    let items = items
        .into_iter()
        .map(|t| tile(t, hidden_below, lang))
        .collect_view();
    view! { <ul class="kpis">{items}</ul> }
}

fn tile(t: Tile, hidden_below: u64, lang: Lang) -> impl IntoView {
    let unit = t.unit;
    let (band, value, detail, gauge, change) = match &t.value {
        TileValue::Measured { figure, shift } => match figure.mark() {
            Some(m) => {
                let band = Band::of(m, unit);
                let gauge = gauge(m, unit);
                let detail = figure_words(figure, unit, t.noun, hidden_below, lang);
                let change = shift.map(|s| {
                    let arrow = match s.verdict() {
                        Verdict::Up => "\u{2191} ",
                        Verdict::Down => "\u{2193} ",
                        Verdict::NotShown => "",
                    };
                    let class = match (s.verdict(), t.lower_is_better) {
                        (Verdict::Up, false) | (Verdict::Down, true) => {
                            "kpi__change kpi__change--up"
                        }
                        (Verdict::Down, false) | (Verdict::Up, true) => {
                            "kpi__change kpi__change--down"
                        }
                        (Verdict::NotShown, _) => "kpi__change",
                    };
                    view! { <p class=class><span aria-hidden="true">{arrow}</span>{change_words(&s, unit, lang)}</p> }
                });
                (band, unit.value(m.value, lang), detail, Some(gauge), change)
            }
            None => (
                Band::Fragile,
                "—".to_owned(),
                match figure {
                    Figure::Hidden(0) => match lang {
                        Lang::Fr => "aucune donnée sur la période".to_owned(),
                        Lang::En => "no data for the period".to_owned(),
                    },
                    _ => hidden_words(t.noun, hidden_below, lang),
                },
                None,
                None,
            ),
        },
        TileValue::Entered(v) => (
            Band::None,
            v.map_or("—".to_owned(), |v| unit.value(v, lang)),
            match (v, lang) {
                (Some(_), Lang::Fr) => "chiffre saisi, non mesuré par l'enquête".to_owned(),
                (Some(_), Lang::En) => "entered figure, not measured by the survey".to_owned(),
                (None, Lang::Fr) => "pas encore saisi pour la période".to_owned(),
                (None, Lang::En) => "not entered yet for the period".to_owned(),
            },
            None,
            None,
        ),
    };
    let suffix = match (unit, lang) {
        (Unit::Score10, Lang::Fr) => " sur 10",
        (Unit::Score10, Lang::En) => " out of 10",
        (Unit::Mean(5), Lang::Fr) => " sur 5",
        (Unit::Mean(5), Lang::En) => " out of 5",
        _ => "",
    };
    let band_words = band.words(lang);
    let entered = matches!(t.value, TileValue::Entered(_));
    view! {
        <li class=format!("kpi {}{}", band.class(), if entered { " kpi--entered" } else { "" })>
            <p class="kpi__name">{t.name}</p>
            <p class="kpi__value">{value}<span class="kpi__unit">{suffix}</span></p>
            {(!band_words.is_empty()).then(|| view! { <p class="kpi__band">{band_words}</p> })}
            {gauge}
            <p class="kpi__detail">{detail}</p>
            {change}
            {t.note.map(|n| view! { <p class="kpi__note">{n}</p> })}
        </li>
    }
}

/// The tiles' numbers, as a table (for the CSV of a section).
pub fn tiles_table(items: &[Tile], hidden_below: u64, lang: Lang) -> Table {
    let mut table = Table::with_head(match lang {
        Lang::Fr => &[
            "Indicateur",
            "Valeur",
            "Intervalle",
            "n",
            "Évolution",
            "Source",
        ],
        Lang::En => &["Indicator", "Value", "Interval", "n", "Change", "Source"],
    });
    table.rows = items
        .iter()
        .map(|t| {
            let unit = t.unit;
            let name = match &t.note {
                Some(n) => format!("{} ({n})", t.name),
                None => t.name.clone(),
            };
            match &t.value {
                TileValue::Measured { figure, shift } => {
                    let [value, interval, n] = figure_cells(figure, unit, hidden_below, lang);
                    let (change, source) = match figure {
                        Figure::Shown(_) => (
                            shift.map_or(String::new(), |s| change_words(&s, unit, lang)),
                            match lang {
                                Lang::Fr => "mesuré".to_owned(),
                                Lang::En => "measured".to_owned(),
                            },
                        ),
                        Figure::Hidden(_) => {
                            (String::new(), hidden_words(t.noun, hidden_below, lang))
                        }
                    };
                    vec![name, value, interval, n, change, source]
                }
                TileValue::Entered(v) => vec![
                    name,
                    v.map_or("—".into(), |v| unit.value(v, lang)),
                    String::new(),
                    String::new(),
                    String::new(),
                    match lang {
                        Lang::Fr => "saisi".into(),
                        Lang::En => "entered".into(),
                    },
                ],
            }
        })
        .collect();
    table
}
