//! **Diverging stacked 100 % bars** for the scale questions: the negative answers left of the
//! axis, the positive ones right of it, a middle answer straddling it, each question with its
//! n. Shares are written inside the segments that are wide enough at a phone's width; every
//! segment's `<title>` and the table give them all.

use crate::components::charts::frame::{
    DESIGN_WIDTH, Frame, Key, LABEL_PX, TICK_PX, Table, chart_figure, pct,
};
use crate::components::charts::layout::{LinearScale, text_width, wrap};
use crate::components::charts::model::Unit;
use crate::components::charts::words::{Noun, diverging_sentence, hidden_words};
use domain::Lang;
use leptos::prelude::*;

/// Which side of the axis an answer is drawn on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// A negative answer (left).
    Negative,
    /// A middle answer (across the axis).
    Middle,
    /// A positive answer (right).
    Positive,
}

/// One answer of a question.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The answer's words.
    pub label: String,
    /// How many gave it.
    pub count: u64,
    /// Its side.
    pub side: Side,
}

/// One question: its answers from the most negative to the most positive.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The question's words.
    pub label: String,
    /// Its answers, most negative first.
    pub segments: Vec<Segment>,
    /// Whether it is left out (fewer answers than `HIDDEN_BELOW`).
    pub hidden: bool,
}

impl Bar {
    fn n(&self) -> u64 {
        self.segments.iter().map(|s| s.count).sum()
    }

    fn share(&self, side: Side) -> f64 {
        let n = self.n();
        if n == 0 {
            return 0.0;
        }
        self.segments
            .iter()
            .filter(|s| s.side == side)
            .map(|s| s.count)
            .sum::<u64>() as f64
            / n as f64
    }
}

/// The chart.
#[derive(Debug, Clone, PartialEq)]
pub struct DivergingChart {
    /// Unique on the page.
    pub id: String,
    /// The caption.
    pub caption: String,
    /// The questions.
    pub bars: Vec<Bar>,
    /// Under this many answers a question is not drawn.
    pub hidden_below: u64,
    /// The page's language.
    pub lang: Lang,
}

const LINE: f64 = 17.0;
const BAR_H: f64 = 24.0;
const GAP: f64 = 14.0;
const AXIS_H: f64 = 20.0;

/// The tone of the `k`-th answer of a side of `len` (0 nearest the axis): strong at the ends.
fn tone(side: Side, from_axis: usize, len: usize) -> &'static str {
    let strong = len > 1 && from_axis + 1 == len;
    match (side, strong) {
        (Side::Negative, true) => "seg seg--neg2",
        (Side::Negative, false) => "seg seg--neg1",
        (Side::Middle, _) => "seg seg--mid",
        (Side::Positive, true) => "seg seg--pos2",
        (Side::Positive, false) => "seg seg--pos1",
    }
}

/// Where each segment starts and ends, as shares from -1 (left) to 1 (right), in the order
/// given; the middle answers straddle 0.
pub fn spans(bar: &Bar) -> Vec<(f64, f64)> {
    let n = bar.n() as f64;
    if n == 0.0 {
        return vec![(0.0, 0.0); bar.segments.len()];
    }
    let share = |s: &Segment| s.count as f64 / n;
    let middle: f64 = bar
        .segments
        .iter()
        .filter(|s| s.side == Side::Middle)
        .map(share)
        .sum();
    let negative: f64 = bar
        .segments
        .iter()
        .filter(|s| s.side == Side::Negative)
        .map(share)
        .sum();
    let mut at = -(negative + middle / 2.0);
    bar.segments
        .iter()
        .map(|s| {
            let start = at;
            at += share(s);
            (start, at)
        })
        .collect()
}

impl DivergingChart {
    /// The chart's numbers, as its table and its CSV show them.
    pub fn table(&self) -> Table {
        let lang = self.lang;
        Table {
            head: Table::with_head(match lang {
                Lang::Fr => &["Question", "Réponse", "Nombre", "Part"],
                Lang::En => &["Question", "Answer", "Count", "Share"],
            })
            .head,
            rows: self
                .bars
                .iter()
                .flat_map(|b| {
                    let n = b.n();
                    if b.hidden {
                        return vec![vec![
                            b.label.clone(),
                            "—".into(),
                            format!("< {}", self.hidden_below),
                            hidden_words(Noun::Answers, self.hidden_below, lang),
                        ]];
                    }
                    b.segments
                        .iter()
                        .map(|s| {
                            vec![
                                b.label.clone(),
                                s.label.clone(),
                                s.count.to_string(),
                                Unit::Share.value(
                                    if n > 0 {
                                        s.count as f64 / n as f64
                                    } else {
                                        0.0
                                    },
                                    lang,
                                ),
                            ]
                        })
                        .collect()
                })
                .collect(),
        }
    }
}

/// The chart.
pub fn diverging_chart(chart: DivergingChart) -> impl IntoView {
    let lang = chart.lang;
    let x = LinearScale {
        domain: (-1.0, 1.0),
        range: (1.0, 99.0),
    };
    let mut top = 0.0;
    let mut rows = Vec::new();
    for bar in &chart.bars {
        let n_label = Noun::Answers.of(bar.n(), lang);
        let room = DESIGN_WIDTH - text_width(&n_label, TICK_PX) - 8.0;
        let lines = wrap(&bar.label, LABEL_PX, room, 3);
        let lines_h = lines.len().max(1) as f64 * LINE;
        let bar_top = top + lines_h;
        let label_lines = lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                view! { <text class="label" x="0" y=format!("{:.1}", top + 13.0 + i as f64 * LINE) font-size=LABEL_PX>{l.clone()}</text> }
            })
            .collect_view();
        let body = if bar.hidden {
            view! {
                <text class="hidden-note" x="50%" y=format!("{:.1}", bar_top + 16.0) text-anchor="middle" font-size=TICK_PX>{hidden_words(Noun::Answers, chart.hidden_below, lang)}</text>
            }
            .into_any()
        } else {
            let spans = spans(bar);
            let count_side = |side: Side| bar.segments.iter().filter(|s| s.side == side).count();
            let mut seen = (0usize, 0usize);
            let n = bar.n();
            let segments = bar
                .segments
                .iter()
                .zip(spans)
                .map(|(s, (a, b))| {
                    let class = match s.side {
                        // Negative answers come most negative first: the strong one is the
                        // furthest from the axis.
                        Side::Negative => {
                            let k = count_side(Side::Negative) - 1 - seen.0;
                            seen.0 += 1;
                            tone(Side::Negative, k, count_side(Side::Negative))
                        }
                        Side::Positive => {
                            let k = seen.1;
                            seen.1 += 1;
                            tone(Side::Positive, k, count_side(Side::Positive))
                        }
                        Side::Middle => tone(Side::Middle, 0, 1),
                    };
                    let (left, right) = (x.at(a), x.at(b));
                    let share = if n > 0 { s.count as f64 / n as f64 } else { 0.0 };
                    let text = Unit::Share.value(share, lang);
                    let px = (right - left) / 100.0 * DESIGN_WIDTH;
                    let fits = px >= text_width(&text, TICK_PX) + 6.0;
                    let words = format!("{} : {} ({})", s.label, text, Noun::Answers.of(s.count, lang));
                    view! {
                        <g>
                            <title>{words}</title>
                            <rect class=class x=pct(left) width=pct(right - left) y=format!("{bar_top:.1}") height=format!("{BAR_H:.1}")></rect>
                            {fits.then(|| view! {
                                <text class=format!("seg-label {}", if class.ends_with('2') { "seg-label--on-dark" } else { "" }) x=pct((left + right) / 2.0) y=format!("{:.1}", bar_top + 16.0) text-anchor="middle" font-size=TICK_PX>{text}</text>
                            })}
                        </g>
                    }
                })
                .collect_view();
            segments.into_any()
        };
        rows.push(view! {
            <g class="row">
                {label_lines}
                <text class="value" x="100%" y=format!("{:.1}", top + 13.0) text-anchor="end" font-size=TICK_PX>{n_label}</text>
                {body}
                <line class="axis axis--zero" x1="50%" x2="50%" y1=format!("{:.1}", bar_top - 3.0) y2=format!("{:.1}", bar_top + BAR_H + 3.0)></line>
            </g>
        });
        top = bar_top + BAR_H + GAP;
    }
    let plot_bottom = top - GAP + 4.0;
    let height = plot_bottom + AXIS_H;
    let ticks = [-1.0, -0.5, 0.0, 0.5, 1.0]
        .into_iter()
        .map(|t: f64| {
            let anchor = if t < -0.99 {
                "start"
            } else if t > 0.99 {
                "end"
            } else {
                "middle"
            };
            view! { <text class="tick" x=pct(x.at(t)) y=format!("{:.1}", plot_bottom + 14.0) text-anchor=anchor font-size=TICK_PX>{Unit::Share.value(t.abs(), lang)}</text> }
        })
        .collect_view();
    let desc = {
        let parts: Vec<String> = chart
            .bars
            .iter()
            .map(|b| {
                if b.hidden {
                    format!(
                        "{} : {}",
                        b.label,
                        hidden_words(Noun::Answers, chart.hidden_below, lang)
                    )
                } else {
                    diverging_sentence(
                        &b.label,
                        b.share(Side::Positive),
                        b.share(Side::Negative),
                        b.n(),
                        lang,
                    )
                }
            })
            .collect();
        format!("{} — {}", chart.caption, parts.join(" "))
    };
    let keys = match lang {
        Lang::Fr => vec![
            ("key-neg2", "réponse la plus négative"),
            ("key-neg1", "plutôt négative"),
            ("key-mid", "moyenne (à cheval sur l'axe)"),
            ("key-pos1", "plutôt positive"),
            ("key-pos2", "la plus positive"),
        ],
        Lang::En => vec![
            ("key-neg2", "most negative answer"),
            ("key-neg1", "rather negative"),
            ("key-mid", "middle (across the axis)"),
            ("key-pos1", "rather positive"),
            ("key-pos2", "most positive"),
        ],
    }
    .into_iter()
    .map(|(swatch, words)| Key {
        swatch,
        words: words.to_owned(),
    })
    .collect();
    let notes = vec![match lang {
        Lang::Fr => "Les réponses négatives sont à gauche de l'axe central, les positives à droite : plus la barre penche à droite, plus les visiteurs sont satisfaits. Chaque barre fait 100 % des réponses à sa question.".to_owned(),
        Lang::En => "Negative answers lie left of the central axis, positive ones right of it: the further right a bar leans, the more satisfied visitors are. Each bar is 100% of its question's answers.".to_owned(),
    }];
    let table = chart.table();
    let drawing = view! {
        {rows.into_iter().collect_view()}
        {ticks}
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

    fn seg(count: u64, side: Side) -> Segment {
        Segment {
            label: String::new(),
            count,
            side,
        }
    }

    #[test]
    fn negative_answers_lie_left_of_the_axis_and_the_middle_straddles_it() {
        let bar = Bar {
            label: "q".into(),
            segments: vec![
                seg(10, Side::Negative),
                seg(20, Side::Middle),
                seg(70, Side::Positive),
            ],
            hidden: false,
        };
        let s = spans(&bar);
        assert!(
            (s[0].0 + 0.2).abs() < 1e-9 && (s[0].1 + 0.1).abs() < 1e-9,
            "{s:?}"
        );
        assert!((s[1].0 + 0.1).abs() < 1e-9 && (s[1].1 - 0.1).abs() < 1e-9);
        assert!((s[2].1 - 0.8).abs() < 1e-9);
        let four = Bar {
            label: "q".into(),
            segments: vec![
                seg(5, Side::Negative),
                seg(15, Side::Negative),
                seg(30, Side::Positive),
                seg(50, Side::Positive),
            ],
            hidden: false,
        };
        let s = spans(&four);
        assert!((s[1].1).abs() < 1e-9, "negatives end at the axis: {s:?}");
        assert!((s[0].0 + 0.2).abs() < 1e-9 && (s[3].1 - 0.8).abs() < 1e-9);
        assert!((four.share(Side::Positive) - 0.8).abs() < 1e-9);
    }

    #[test]
    fn the_strong_tones_are_at_the_ends() {
        assert_eq!(tone(Side::Negative, 1, 2), "seg seg--neg2");
        assert_eq!(tone(Side::Negative, 0, 2), "seg seg--neg1");
        assert_eq!(tone(Side::Positive, 0, 1), "seg seg--pos1");
    }
}
