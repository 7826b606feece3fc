//! What every chart is wrapped in: a `<figure>` with its caption, the `<svg role="img">` named
//! by its `<title>` and described by its `<desc>` (the finding in one sentence), notes and a
//! legend in HTML (they wrap on a phone), and the same numbers in a table inside `<details>`.
//!
//! The drawings are sized in pixels vertically and in percentages horizontally, with no
//! `viewBox`: text keeps its size whatever the width, marks stretch with it, so a chart fits a
//! 390 px phone and a desktop alike without scrolling sideways. Each is laid out for the
//! narrowest width, [`DESIGN_WIDTH`]; a wider screen only adds room.

use crate::components::charts::model::{Figure, Unit};
use domain::Lang;
use leptos::prelude::*;

/// The narrowest width a chart is laid out for, in pixels (a 390 px phone less the page's
/// margins).
pub const DESIGN_WIDTH: f64 = 340.0;
/// The font size of labels inside the drawings, in pixels.
pub const LABEL_PX: f64 = 13.0;
/// The font size of axis ticks, in pixels.
pub const TICK_PX: f64 = 11.0;

/// A percentage of the drawing's width as an SVG length: `12.50%`.
pub fn pct(v: f64) -> String {
    format!("{:.2}%", v.clamp(-10.0, 110.0))
}

/// A data table: its header and its rows (the first cell of a row heads it).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Column headers.
    pub head: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// An empty table with these column headers.
    pub fn with_head(head: &[&str]) -> Table {
        Table {
            head: head.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }
}

/// The value, interval and n cells of a figure in a table; "—" and "< 5" (or "0" for no data)
/// when it is not shown.
pub fn figure_cells(figure: &Figure, unit: Unit, hidden_below: u64, lang: Lang) -> [String; 3] {
    match figure {
        Figure::Shown(m) => [
            unit.value(m.value, lang),
            format!(
                "{} – {}",
                unit.value(m.lower, lang),
                unit.value(m.upper, lang)
            ),
            m.n.to_string(),
        ],
        Figure::Hidden(n) => [
            "—".into(),
            "—".into(),
            if *n > 0 {
                format!("< {hidden_below}")
            } else {
                "0".into()
            },
        ],
    }
}

/// A line of the legend: a swatch (a CSS class of the chart's stylesheet) and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The swatch's class (`key-line`, `key-band`, `key-target`, `key-hatch`…).
    pub swatch: &'static str,
    /// What it stands for.
    pub words: String,
}

/// The parts of a chart.
pub struct Frame {
    /// Unique on the page: the ids of the title, the description and the patterns start with it.
    pub id: String,
    /// The caption (and the svg's title).
    pub caption: String,
    /// The finding in one sentence (the svg's description).
    pub desc: String,
    /// The drawing's height in pixels.
    pub height: f64,
    /// The legend.
    pub keys: Vec<Key>,
    /// Notes under the drawing (what is hidden, what is fragile, how to read the uncertainty).
    pub notes: Vec<String>,
    /// The numbers.
    pub table: Table,
}

/// The hatch pattern of fragile groups, `{id}-hatch`.
pub fn hatch_pattern(id: &str) -> impl IntoView + use<> {
    view! {
        <defs>
            <pattern id=format!("{id}-hatch") width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
                <rect class="hatch-ground" width="6" height="6"></rect>
                <line class="hatch-line" x1="0" y1="0" x2="0" y2="6"></line>
            </pattern>
        </defs>
    }
}

/// The figure around a drawing.
pub fn chart_figure(frame: Frame, drawing: AnyView, lang: Lang) -> impl IntoView {
    let Frame {
        id,
        caption,
        desc,
        height,
        keys,
        notes,
        table,
    } = frame;
    let (title_id, desc_id) = (format!("{id}-t"), format!("{id}-d"));
    let labelled = format!("{title_id} {desc_id}");
    let keys = (!keys.is_empty()).then(|| {
        let items = keys
            .into_iter()
            .map(|k| {
                view! { <li><span class=format!("key {}", k.swatch) aria-hidden="true"></span>{k.words}</li> }
            })
            .collect_view();
        view! { <ul class="chart__keys">{items}</ul> }
    });
    let notes = (!notes.is_empty()).then(|| {
        let items = notes
            .into_iter()
            .map(|n| view! { <li>{n}</li> })
            .collect_view();
        view! { <ul class="chart__notes">{items}</ul> }
    });
    let summary = match lang {
        Lang::Fr => "Voir les données du graphique",
        Lang::En => "See the chart's data",
    };
    let head = table
        .head
        .into_iter()
        .map(|h| view! { <th scope="col">{h}</th> })
        .collect_view();
    let rows = table
        .rows
        .into_iter()
        .map(|row| {
            let mut cells = row.into_iter();
            let first = cells.next().unwrap_or_default();
            let rest = cells
                .map(|c| view! { <td class="num">{c}</td> })
                .collect_view();
            view! { <tr><th scope="row">{first}</th>{rest}</tr> }
        })
        .collect_view();
    let region = caption.clone();
    view! {
        <figure class="chart" id=id.clone()>
            <figcaption class="chart__caption">{caption.clone()}</figcaption>
            <svg class="chart__svg" xmlns="http://www.w3.org/2000/svg" width="100%" height=format!("{height:.0}") role="img" aria-labelledby=labelled>
                <title id=title_id>{caption.clone()}</title>
                <desc id=desc_id>{desc}</desc>
                {drawing}
            </svg>
            {keys}
            {notes}
            <details class="chart__data">
                <summary>{summary}</summary>
                // A wide table scrolls inside its frame on a phone: the keyboard reaches it too.
                <div class="table-wrap" tabindex="0" role="region" aria-label=region>
                    <table class="fr-table">
                        <caption class="fr-sr-only">{caption}</caption>
                        <thead><tr>{head}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}
