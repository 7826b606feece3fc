//! The **trend**: a figure by month, its line over its interval band, target lines, months with
//! few answers hatched and marked with a hollow dot, months not shown left as a gap (the line
//! breaks) with a note, and optionally an entered count by month (footfall) beneath it, on the
//! same time axis.
//!
//! The line and the band are drawn in a nested `<svg>` stretched to the plot
//! (`preserveAspectRatio="none"`, strokes that do not scale); dots, hatches and text are drawn
//! in the outer one, in percentages, so that they keep their shape and size.

use crate::components::charts::frame::{
    DESIGN_WIDTH, Frame, Key, TICK_PX, Table, chart_figure, figure_cells, hatch_pattern, pct,
};
use crate::components::charts::layout::{LinearScale, label_step, nice_ticks, text_width};
use crate::components::charts::model::{Figure, Unit, count};
use crate::components::charts::words::{
    Dated, Noun, figure_words, trend_sentence, uncertainty_sentence,
};
use domain::Lang;
use leptos::prelude::*;

/// One month of a trend.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendPoint {
    /// Its short name on the axis ("janv.").
    pub short: String,
    /// Its full name ("janvier 2026").
    pub long: String,
    /// The year, written under the first month and under each January.
    pub year: Option<String>,
    /// Its figure.
    pub figure: Figure,
    /// The entered count of the month beneath (footfall), if any.
    pub count: Option<f64>,
}

/// A trend chart.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendChart {
    /// Unique on the page.
    pub id: String,
    /// The caption.
    pub caption: String,
    /// What is measured, for the sentence ("Note de satisfaction").
    pub subject: String,
    /// The months, in order.
    pub points: Vec<TrendPoint>,
    /// The unit.
    pub unit: Unit,
    /// What the figures count.
    pub noun: Noun,
    /// Target lines and their words ("objectif : 8 sur 10").
    pub targets: Vec<(f64, String)>,
    /// The name of the counts beneath ("Fréquentation saisie"), when there are counts.
    pub counts_name: Option<String>,
    /// The confidence level.
    pub level: f64,
    /// Under this many answers a month is not shown.
    pub hidden_below: u64,
    /// The page's language.
    pub lang: Lang,
}

/// Left gutter for the ticks, in percent of the width.
const GUTTER: f64 = 9.0;
const TOP: f64 = 8.0;
const PLOT_H: f64 = 190.0;
const MONTHS_H: f64 = 36.0;
const BARS_TITLE_H: f64 = 20.0;
const BARS_H: f64 = 60.0;
/// The inner drawing's width (the nested svg's user units).
const INNER_W: f64 = 1000.0;

/// The x of month `i` of `n`, in percent of the width.
fn x_of(i: usize, n: usize) -> f64 {
    GUTTER + (i as f64 + 0.5) / n.max(1) as f64 * (100.0 - GUTTER)
}

/// The runs of consecutive shown months (the line breaks at a gap).
fn runs(points: &[TrendPoint]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current = Vec::new();
    for (i, p) in points.iter().enumerate() {
        if p.figure.mark().is_some() {
            current.push(i);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The value axis: from a round value under the lowest bound (and the targets) to the top of
/// the unit's range.
fn value_domain(chart: &TrendChart) -> (f64, f64) {
    let (floor, top) = chart.unit.range();
    let lowest = chart
        .points
        .iter()
        .filter_map(|p| p.figure.mark().map(|m| m.lower))
        .chain(chart.targets.iter().map(|t| t.0))
        .fold(top, f64::min);
    let step = (top - floor) / 10.0;
    let low = ((lowest - step) / (2.0 * step)).floor() * 2.0 * step;
    (low.max(floor), top)
}

impl TrendChart {
    /// The chart's numbers, as its table and its CSV show them.
    pub fn table(&self) -> Table {
        let (lang, unit) = (self.lang, self.unit);
        let has_counts =
            self.counts_name.is_some() && self.points.iter().any(|p| p.count.is_some());
        let mut table = Table::with_head(match lang {
            Lang::Fr => &["Mois", "Valeur", "Intervalle", "n"],
            Lang::En => &["Month", "Value", "Interval", "n"],
        });
        if has_counts {
            table
                .head
                .push(self.counts_name.clone().unwrap_or_default());
        }
        table.rows = self
            .points
            .iter()
            .map(|p| {
                let mut row = vec![p.long.clone()];
                row.extend(figure_cells(&p.figure, unit, self.hidden_below, lang));
                if has_counts {
                    row.push(p.count.map_or("—".into(), |c| count(c as i64, lang)));
                }
                row
            })
            .collect();
        table
    }
}

/// The chart.
pub fn trend_chart(chart: TrendChart) -> impl IntoView {
    let lang = chart.lang;
    let unit = chart.unit;
    let n = chart.points.len();
    let (low, high) = value_domain(&chart);
    let y = LinearScale {
        domain: (low, high),
        range: (TOP + PLOT_H, TOP),
    };
    // The nested drawing's own vertical scale (user units 0..PLOT_H).
    let inner_y = |v: f64| y.clamped(v) - TOP;
    let inner_x = |i: usize| (i as f64 + 0.5) / n.max(1) as f64 * INNER_W;
    let bottom = TOP + PLOT_H;
    let has_counts = chart.counts_name.is_some() && chart.points.iter().any(|p| p.count.is_some());
    let height = bottom
        + MONTHS_H
        + if has_counts {
            BARS_TITLE_H + BARS_H + 8.0
        } else {
            0.0
        };
    let hatch = format!("url(#{}-hatch)", chart.id);
    let column = (100.0 - GUTTER) / n.max(1) as f64;

    let ticks = nice_ticks(low, high, 6)
        .into_iter()
        .map(|t| {
            let at = format!("{:.1}", y.at(t));
            view! {
                <line class="grid" x1=pct(GUTTER) x2="100%" y1=at.clone() y2=at.clone()></line>
                <text class="tick" x="0" y=format!("{:.1}", y.at(t) + 4.0) font-size=TICK_PX>{unit.tick(t, lang)}</text>
            }
        })
        .collect_view();
    // Fragile months hatched, hidden months shaded: whole columns, behind everything.
    let columns = chart
        .points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let x = pct(x_of(i, n) - column / 2.0);
            let w = pct(column);
            match &p.figure {
                Figure::Shown(m) if m.fragile => Some(
                    view! { <rect class="fragile-column" x=x width=w y=format!("{TOP:.1}") height=format!("{PLOT_H:.1}") fill=hatch.clone()></rect> }
                        .into_any(),
                ),
                Figure::Hidden(_) => Some(
                    view! { <rect class="gap-column" x=x width=w y=format!("{TOP:.1}") height=format!("{PLOT_H:.1}")></rect> }
                        .into_any(),
                ),
                Figure::Shown(_) => None,
            }
        })
        .collect_view();
    let targets = chart
        .targets
        .iter()
        .map(|(t, _)| {
            let at = format!("{:.1}", y.at(*t));
            view! { <line class="target-line" x1=pct(GUTTER) x2="100%" y1=at.clone() y2=at></line> }
        })
        .collect_view();
    // Band and line, one piece per run of shown months.
    let pieces = runs(&chart.points)
        .into_iter()
        .map(|run| {
            let marks: Vec<(usize, _)> = run
                .iter()
                .filter_map(|i| chart.points[*i].figure.mark().map(|m| (*i, *m)))
                .collect();
            let upper = marks
                .iter()
                .map(|(i, m)| format!("{:.1},{:.1}", inner_x(*i), inner_y(m.upper)));
            let lower = marks
                .iter()
                .rev()
                .map(|(i, m)| format!("{:.1},{:.1}", inner_x(*i), inner_y(m.lower)));
            let band: Vec<String> = upper.chain(lower).collect();
            let line: Vec<String> = marks
                .iter()
                .map(|(i, m)| format!("{:.1},{:.1}", inner_x(*i), inner_y(m.value)))
                .collect();
            let single = marks.len() == 1;
            view! {
                {(!single).then(|| view! { <polygon class="band" points=band.join(" ")></polygon> })}
                {(!single).then(|| view! { <polyline class="line" points=line.join(" ") vector-effect="non-scaling-stroke"></polyline> })}
            }
        })
        .collect_view();
    let inner = view! {
        <svg x=pct(GUTTER) y=format!("{TOP:.1}") width=pct(100.0 - GUTTER) height=format!("{PLOT_H:.1}") viewBox=format!("0 0 {INNER_W:.0} {PLOT_H:.0}") preserveAspectRatio="none" overflow="visible">
            {pieces}
        </svg>
    };
    let dots = chart
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let words = format!(
                "{} : {}",
                p.long,
                figure_words(&p.figure, unit, chart.noun, chart.hidden_below, lang)
            );
            let cx = pct(x_of(i, n));
            match p.figure.mark() {
                Some(m) => view! {
                    <g class=if m.fragile { "mark mark--fragile" } else { "mark" }>
                        <title>{words}</title>
                        <line class="whisker" x1=cx.clone() x2=cx.clone() y1=format!("{:.1}", y.clamped(m.lower)) y2=format!("{:.1}", y.clamped(m.upper))></line>
                        <circle class="dot" cx=cx r="4.5" cy=format!("{:.1}", y.clamped(m.value))></circle>
                    </g>
                }
                .into_any(),
                None => view! {
                    <g class="gap">
                        <title>{words}</title>
                        <text class="gap-mark" x=cx y=format!("{:.1}", bottom - 6.0) text-anchor="middle" font-size=TICK_PX>"–"</text>
                    </g>
                }
                .into_any(),
            }
        })
        .collect_view();
    // Month names, thinned to fit the narrowest width; the year under the first and January.
    let widest = chart
        .points
        .iter()
        .map(|p| text_width(&p.short, TICK_PX))
        .fold(0.0, f64::max);
    let step = label_step(n, widest, DESIGN_WIDTH * (100.0 - GUTTER) / 100.0, 3.0);
    let months = chart
        .points
        .iter()
        .enumerate()
        .filter(|(i, _)| i % step == 0)
        .map(|(i, p)| {
            let cx = pct(x_of(i, n));
            view! {
                <text class="tick" x=cx.clone() y=format!("{:.1}", bottom + 14.0) text-anchor="middle" font-size=TICK_PX>{p.short.clone()}</text>
                {p.year.clone().map(|year| view! { <text class="tick tick--year" x=cx y=format!("{:.1}", bottom + 28.0) text-anchor="middle" font-size=TICK_PX>{year}</text> })}
            }
        })
        .collect_view();
    let counts_max = chart
        .points
        .iter()
        .filter_map(|p| p.count)
        .fold(0.0, f64::max);
    let bars = has_counts.then(|| {
        let name = chart.counts_name.clone().unwrap_or_default();
        let base = bottom + MONTHS_H + BARS_TITLE_H + BARS_H;
        let title = match lang {
            Lang::Fr => format!("{name} (au plus {})", count(counts_max as i64, lang)),
            Lang::En => format!("{name} (at most {})", count(counts_max as i64, lang)),
        };
        let bars = chart
            .points
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let v = p.count?;
                let h = if counts_max > 0.0 { v / counts_max * BARS_H } else { 0.0 };
                let words = format!("{} : {}", p.long, count(v as i64, lang));
                Some(view! {
                    <rect class="count-bar" x=pct(x_of(i, n) - column * 0.35) width=pct(column * 0.7) y=format!("{:.1}", base - h) height=format!("{h:.1}")>
                        <title>{words}</title>
                    </rect>
                })
            })
            .collect_view();
        view! {
            <text class="label" x="0" y=format!("{:.1}", bottom + MONTHS_H + 14.0) font-size=TICK_PX>{title}</text>
            <line class="axis" x1=pct(GUTTER) x2="100%" y1=format!("{base:.1}") y2=format!("{base:.1}")></line>
            {bars}
        }
    });

    let dated: Vec<Dated<'_>> = chart
        .points
        .iter()
        .map(|p| Dated {
            name: &p.long,
            figure: &p.figure,
        })
        .collect();
    let desc = trend_sentence(&chart.subject, &dated, unit, chart.noun, lang);
    let mut keys = vec![Key {
        swatch: "key-band",
        words: match lang {
            Lang::Fr => "ligne : valeur du mois ; bande : intervalle de confiance".into(),
            Lang::En => "line: the month's value; band: confidence interval".into(),
        },
    }];
    for (_, words) in &chart.targets {
        keys.push(Key {
            swatch: "key-target",
            words: words.clone(),
        });
    }
    let fragile: Vec<&str> = chart
        .points
        .iter()
        .filter(|p| p.figure.mark().is_some_and(|m| m.fragile))
        .map(|p| p.long.as_str())
        .collect();
    if !fragile.is_empty() {
        keys.push(Key {
            swatch: "key-hatch",
            words: match lang {
                Lang::Fr => format!(
                    "hachuré, point creux : peu de réponses, à lire avec prudence ({})",
                    fragile.join(", ")
                ),
                Lang::En => format!(
                    "hatched, hollow dot: few answers, read with care ({})",
                    fragile.join(", ")
                ),
            },
        });
    }
    let mut notes = Vec::new();
    let hidden: Vec<&str> = chart
        .points
        .iter()
        .filter(|p| p.figure.mark().is_none())
        .map(|p| p.long.as_str())
        .collect();
    if !hidden.is_empty() {
        notes.push(match lang {
            Lang::Fr => format!(
                "Mois laissés vides (trait interrompu) : {} — moins de {} réponses, ou aucune.",
                hidden.join(", "),
                chart.hidden_below
            ),
            Lang::En => format!(
                "Months left blank (the line breaks): {} — fewer than {} answers, or none.",
                hidden.join(", "),
                chart.hidden_below
            ),
        });
    }
    notes.push(uncertainty_sentence(chart.level, chart.noun, lang));
    let table = chart.table();
    let drawing = view! {
        {hatch_pattern(&chart.id)}
        {columns}
        {ticks}
        {targets}
        {inner}
        {dots}
        {months}
        {bars}
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::charts::model::Mark;

    fn point(figure: Figure) -> TrendPoint {
        TrendPoint {
            short: "m".into(),
            long: "mois".into(),
            year: None,
            figure,
            count: None,
        }
    }

    #[test]
    fn the_line_breaks_at_hidden_months() {
        let m = Figure::Shown(Mark {
            value: 7.0,
            lower: 6.5,
            upper: 7.5,
            n: 100,
            fragile: false,
        });
        let points = vec![
            point(m),
            point(m),
            point(Figure::Hidden(2)),
            point(m),
            point(Figure::Hidden(0)),
        ];
        assert_eq!(runs(&points), vec![vec![0, 1], vec![3]]);
    }

    #[test]
    fn the_value_axis_starts_under_the_lowest_bound_and_the_targets() {
        let m = |lower: f64| {
            point(Figure::Shown(Mark {
                value: lower + 0.5,
                lower,
                upper: lower + 1.0,
                n: 100,
                fragile: false,
            }))
        };
        let chart = |points: Vec<TrendPoint>, targets: Vec<(f64, String)>| TrendChart {
            id: "t".into(),
            caption: String::new(),
            subject: String::new(),
            points,
            unit: Unit::Score10,
            noun: Noun::Answers,
            targets,
            counts_name: None,
            level: 0.95,
            hidden_below: 5,
            lang: Lang::Fr,
        };
        assert_eq!(
            value_domain(&chart(vec![m(6.7), m(7.1)], vec![])),
            (4.0, 10.0)
        );
        assert_eq!(
            value_domain(&chart(vec![m(8.5)], vec![(8.0, String::new())])),
            (6.0, 10.0)
        );
        assert_eq!(value_domain(&chart(vec![m(0.4)], vec![])), (0.0, 10.0));
    }
}
