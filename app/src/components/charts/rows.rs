//! Estimates with their intervals, one row each: the **estimate chart** (indicators, criteria)
//! and the **ranked comparison** (services, counters, channels, slots against the whole
//! organisation), where only groups whose interval does not overlap the whole's are said to be
//! above or below; the others are "not demonstrably different" and keep their order of the
//! list, never a rank.

use crate::components::charts::frame::{
    DESIGN_WIDTH, Frame, Key, LABEL_PX, TICK_PX, Table, chart_figure, figure_cells, hatch_pattern,
    pct,
};
use crate::components::charts::layout::{LinearScale, nice_ticks, text_width, wrap};
use crate::components::charts::model::{Figure, Mark, Unit, Verdict, standing};
use crate::components::charts::words::{
    Noun, figure_words, hidden_words, mark_words, ranked_sentence, uncertainty_sentence,
};
use domain::Lang;
use leptos::prelude::*;

/// One row: a group and its figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The group's name.
    pub label: String,
    /// Its figure.
    pub figure: Figure,
}

/// A chart of rows.
#[derive(Debug, Clone, PartialEq)]
pub struct RowsChart {
    /// Unique on the page.
    pub id: String,
    /// The caption.
    pub caption: String,
    /// The rows, in the order given (a ranked comparison sorts them).
    pub rows: Vec<Row>,
    /// The unit of every row.
    pub unit: Unit,
    /// What the figures count.
    pub noun: Noun,
    /// The whole organisation's figure and its name, for a ranked comparison.
    pub reference: Option<(Mark, String)>,
    /// A target line (7/10 for mystery scores) and its words.
    pub target: Option<(f64, String)>,
    /// The confidence level, for the sentence on uncertainty.
    pub level: f64,
    /// Under this many answers a group is not drawn.
    pub hidden_below: u64,
    /// The page's language.
    pub lang: Lang,
}

const ROW_GAP: f64 = 10.0;
const LINE: f64 = 17.0;
const MARK_H: f64 = 18.0;
const AXIS_H: f64 = 22.0;
/// The plotting area, in percent of the width.
const PLOT: (f64, f64) = (2.0, 98.0);

struct Placed {
    top: f64,
    lines: Vec<String>,
    value_label: String,
}

/// The symbol of a verdict, so that colour never says it alone.
fn verdict_symbol(v: Verdict) -> &'static str {
    match v {
        Verdict::Up => "\u{25b2}",
        Verdict::Down => "\u{25bc}",
        Verdict::NotShown => "\u{2248}",
    }
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Up => "mark--up",
        Verdict::Down => "mark--down",
        Verdict::NotShown => "mark--alike",
    }
}

/// The domain the axis covers: the unit's whole range for shares and scores.
fn domain_of(chart: &RowsChart) -> (f64, f64) {
    match chart.unit {
        Unit::Count => {
            let high = chart
                .rows
                .iter()
                .filter_map(|r| r.figure.mark().map(|m| m.upper))
                .fold(1.0, f64::max);
            (0.0, high)
        }
        unit => unit.range(),
    }
}

/// Sorts the rows of a ranked comparison: highest first, hidden groups last.
pub fn ranked(mut rows: Vec<Row>) -> Vec<Row> {
    rows.sort_by(|a, b| match (a.figure.mark(), b.figure.mark()) {
        (Some(x), Some(y)) => y.value.total_cmp(&x.value),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    rows
}

impl RowsChart {
    /// The chart's numbers, as its table and its CSV show them.
    pub fn table(&self) -> Table {
        let (lang, unit) = (self.lang, self.unit);
        let verdict = |m: &Mark| self.reference.as_ref().map(|(r, _)| standing(m, r));
        let mut table = Table::with_head(match lang {
            Lang::Fr => &["Groupe", "Valeur", "Intervalle", "n", "Lecture"],
            Lang::En => &["Group", "Value", "Interval", "n", "Reading"],
        });
        table.rows = self
            .rows
            .iter()
            .map(|r| {
                let [value, interval, n] = figure_cells(&r.figure, unit, self.hidden_below, lang);
                let reading = match r.figure.mark() {
                    Some(m) => reading(m, verdict(m), lang),
                    None => hidden_words(self.noun, self.hidden_below, lang),
                };
                vec![r.label.clone(), value, interval, n, reading]
            })
            .collect();
        table
    }
}

/// The chart.
pub fn rows_chart(chart: RowsChart) -> impl IntoView {
    let lang = chart.lang;
    let unit = chart.unit;
    let (low, high) = domain_of(&chart);
    let x = LinearScale {
        domain: (low, high),
        range: PLOT,
    };
    let reference = chart.reference.clone();
    let verdict = |m: &Mark| reference.as_ref().map(|(r, _)| standing(m, r));
    // Lay the rows out for the narrowest width: the value on the right of the label's line.
    let mut top = 0.0;
    let mut placed = Vec::new();
    for row in &chart.rows {
        let value_label = match row.figure.mark() {
            Some(m) => {
                let v = unit.value(m.value, lang);
                match verdict(m) {
                    Some(verdict) => format!("{v} {}", verdict_symbol(verdict)),
                    None => v,
                }
            }
            None => String::new(),
        };
        let room = DESIGN_WIDTH - text_width(&value_label, LABEL_PX) - 8.0;
        let lines = wrap(&row.label, LABEL_PX, room, 2);
        placed.push(Placed {
            top,
            value_label,
            lines: if lines.is_empty() {
                vec![String::new()]
            } else {
                lines
            },
        });
        top += placed.last().map_or(0.0, |p| p.lines.len() as f64 * LINE) + MARK_H + ROW_GAP;
    }
    let plot_bottom = top;
    let height = plot_bottom + AXIS_H;
    let hatch = format!("url(#{}-hatch)", chart.id);

    let ticks = nice_ticks(low, high, 6);
    let grid = ticks
        .iter()
        .map(|t| {
            let at = pct(x.at(*t));
            let anchor = if (*t - low).abs() < 1e-9 {
                "start"
            } else if (*t - high).abs() < 1e-9 {
                "end"
            } else {
                "middle"
            };
            view! {
                <line class="grid" x1=at.clone() x2=at.clone() y1="0" y2=format!("{plot_bottom:.1}")></line>
                <text class="tick" x=at y=format!("{:.1}", plot_bottom + 15.0) text-anchor=anchor font-size=TICK_PX>{unit.tick(*t, lang)}</text>
            }
        })
        .collect_view();
    let reference_band = reference.as_ref().map(|(r, _)| {
        view! {
            <rect class="reference-band" x=pct(x.clamped(r.lower)) width=pct(x.clamped(r.upper) - x.clamped(r.lower)) y="0" height=format!("{plot_bottom:.1}")></rect>
            <line class="reference-line" x1=pct(x.at(r.value)) x2=pct(x.at(r.value)) y1="0" y2=format!("{plot_bottom:.1}")></line>
        }
    });
    let target = chart.target.as_ref().map(|(t, _)| {
        view! { <line class="target-line" x1=pct(x.at(*t)) x2=pct(x.at(*t)) y1="0" y2=format!("{plot_bottom:.1}")></line> }
    });
    let marks = chart
        .rows
        .iter()
        .zip(&placed)
        .map(|(row, p)| {
            let label_lines = p
                .lines
                .iter()
                .enumerate()
                .map(|(i, line)| {
                    view! { <text class="label" x="0" y=format!("{:.1}", p.top + 13.0 + i as f64 * LINE) font-size=LABEL_PX>{line.clone()}</text> }
                })
                .collect_view();
            let mark_y = p.top + p.lines.len() as f64 * LINE + MARK_H / 2.0;
            let words = format!(
                "{} : {}",
                row.label,
                figure_words(&row.figure, unit, chart.noun, chart.hidden_below, lang)
            );
            let body = match row.figure.mark() {
                Some(m) => {
                    let v = verdict(m);
                    let class = format!(
                        "mark{}{}",
                        if m.fragile { " mark--fragile" } else { "" },
                        v.map(|v| format!(" {}", verdict_class(v))).unwrap_or_default()
                    );
                    let (l, u) = (x.clamped(m.lower), x.clamped(m.upper));
                    let y = format!("{mark_y:.1}");
                    view! {
                        <g class=class>
                            {m.fragile.then(|| view! { <rect x=pct(l) width=pct(u - l) y=format!("{:.1}", mark_y - 7.0) height="14" fill=hatch.clone()></rect> })}
                            <line class="whisker" x1=pct(l) x2=pct(u) y1=y.clone() y2=y.clone()></line>
                            <line class="cap" x1=pct(l) x2=pct(l) y1=format!("{:.1}", mark_y - 5.0) y2=format!("{:.1}", mark_y + 5.0)></line>
                            <line class="cap" x1=pct(u) x2=pct(u) y1=format!("{:.1}", mark_y - 5.0) y2=format!("{:.1}", mark_y + 5.0)></line>
                            <circle class="dot" cx=pct(x.clamped(m.value)) cy=y r="5"></circle>
                        </g>
                    }
                    .into_any()
                }
                None => view! {
                    <text class="hidden-note" x=pct(PLOT.0) y=format!("{:.1}", mark_y + 4.0) font-size=TICK_PX>{match row.figure {
                        Figure::Hidden(0) => match lang { Lang::Fr => "aucune donnée".to_owned(), Lang::En => "no data".to_owned() },
                        _ => hidden_words(chart.noun, chart.hidden_below, lang),
                    }}</text>
                }
                .into_any(),
            };
            view! {
                <g class="row">
                    <title>{words}</title>
                    {label_lines}
                    <text class="value" x="100%" y=format!("{:.1}", p.top + 13.0) text-anchor="end" font-size=LABEL_PX>{p.value_label.clone()}</text>
                    {body}
                </g>
            }
        })
        .collect_view();

    // Words: the finding, the legend, the notes, the table.
    let desc = match &chart.reference {
        Some((r, _)) => {
            let rows: Vec<(&str, &Figure)> = chart
                .rows
                .iter()
                .map(|r| (r.label.as_str(), &r.figure))
                .collect();
            ranked_sentence(&chart.caption, &rows, r, unit, lang)
        }
        None => {
            let parts: Vec<String> = chart
                .rows
                .iter()
                .map(|r| {
                    format!(
                        "{} {}",
                        r.label,
                        figure_words(&r.figure, unit, chart.noun, chart.hidden_below, lang)
                    )
                })
                .collect();
            format!("{} : {}.", chart.caption, parts.join(" ; "))
        }
    };
    let mut keys = vec![Key {
        swatch: "key-whisker",
        words: match lang {
            Lang::Fr => "point : valeur ; trait : intervalle de confiance".into(),
            Lang::En => "dot: value; line: confidence interval".into(),
        },
    }];
    if let Some((r, name)) = &chart.reference {
        keys.push(Key {
            swatch: "key-reference",
            words: format!("{name} : {}", mark_words(r, unit, chart.noun, lang)),
        });
        keys.push(Key {
            swatch: "key-none",
            words: match lang {
                Lang::Fr => "▲ au-dessus, ▼ en dessous (intervalles disjoints) ; ≈ pas de différence démontrée".into(),
                Lang::En => "▲ above, ▼ below (intervals apart); ≈ no demonstrated difference".into(),
            },
        });
    }
    if let Some((_, words)) = &chart.target {
        keys.push(Key {
            swatch: "key-target",
            words: words.clone(),
        });
    }
    if chart
        .rows
        .iter()
        .any(|r| r.figure.mark().is_some_and(|m| m.fragile))
    {
        keys.push(Key {
            swatch: "key-hatch",
            words: match lang {
                Lang::Fr => "hachuré, point creux : peu de réponses, à lire avec prudence".into(),
                Lang::En => "hatched, hollow dot: few answers, read with care".into(),
            },
        });
    }
    let notes = vec![uncertainty_sentence(chart.level, chart.noun, lang)];
    let table = chart.table();
    let drawing = view! {
        {hatch_pattern(&chart.id)}
        {reference_band}
        {grid}
        {target}
        {marks}
    }
    .into_any();
    chart_figure(
        Frame {
            id: chart.id,
            caption: chart.caption,
            desc,
            height,
            keys,
            notes,
            table,
        },
        drawing,
        lang,
    )
}

fn reading(m: &Mark, verdict: Option<Verdict>, lang: Lang) -> String {
    let v = match (verdict, lang) {
        (Some(Verdict::Up), Lang::Fr) => "au-dessus de l'ensemble",
        (Some(Verdict::Up), Lang::En) => "above the whole",
        (Some(Verdict::Down), Lang::Fr) => "en dessous de l'ensemble",
        (Some(Verdict::Down), Lang::En) => "below the whole",
        (Some(Verdict::NotShown), Lang::Fr) => "pas de différence démontrée",
        (Some(Verdict::NotShown), Lang::En) => "no demonstrated difference",
        (None, _) => "",
    };
    let few = match (m.fragile, lang) {
        (true, Lang::Fr) => "peu de réponses",
        (true, Lang::En) => "few answers",
        (false, _) => "",
    };
    [v, few]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ; ")
}
