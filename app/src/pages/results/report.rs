//! The figures of a scope over a period and their tables: per question, every indicator with its
//! n, its interval, a flag when it rests on few answers and the change against a comparison period.

use crate::components::format::{decimal, interval, level_text, p_value, percent};
use crate::pages::results::form::source_choices;
use crate::pages::results::texts::{indicator_label, results_texts};
use crate::pages::results::weighting::{WeightingFigures, weighting_view};
use domain::{Lang, QuestionKind};
use leptos::prelude::*;

/// The change of an indicator against the comparison period.
#[derive(Debug, Clone, Copy)]
pub struct ChangeFigures {
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
    pub p_value: f64,
}

/// One indicator row.
#[derive(Debug, Clone)]
pub struct IndicatorFigures {
    /// `top2`, `mean`, `score10`, `very_good_rate`, `yes_rate` or `nps`.
    pub name: &'static str,
    pub n: i64,
    pub estimate: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    pub fragile: bool,
    pub suppressed: bool,
    pub change: Option<ChangeFigures>,
}

/// One answer of a question: its count and its share of the answers, with an interval.
#[derive(Debug, Clone)]
pub struct OptionFigures {
    pub label: String,
    pub count: i64,
    /// (estimate, lower, upper).
    pub share: Option<(f64, f64, f64)>,
}

/// One question of the report.
#[derive(Debug, Clone)]
pub struct QuestionFigures {
    pub code: String,
    pub text: String,
    pub kind: QuestionKind,
    pub n: i64,
    /// Each answer with its count and share, in the question's order; empty when suppressed.
    pub counts: Vec<OptionFigures>,
    pub indicators: Vec<IndicatorFigures>,
}

/// The figures of a scope over a period.
#[derive(Debug, Clone)]
pub struct Report {
    pub scope_name: String,
    pub from: String,
    pub to: String,
    pub respondents: i64,
    /// Of all respondents of the period, those invited by a one-time link after an appointment.
    pub invited_respondents: i64,
    /// The months (`YYYY-MM`) of which some answers are left out: too few to show.
    pub left_out: Vec<String>,
    /// The responses counted: `all`, `invited` or `open`.
    pub source: &'static str,
    /// (from, to, respondents) of the comparison period.
    pub compare: Option<(String, String, i64)>,
    pub method_name: &'static str,
    pub level: f64,
    pub questions: Vec<QuestionFigures>,
    /// The shares weighted by each service's footfall.
    pub weighting: WeightingFigures,
    /// Answers below which a figure is fragile, and below which it is hidden.
    pub fragile_below: u64,
    pub hidden_below: u64,
}

fn is_share(name: &str) -> bool {
    matches!(
        name,
        "top2" | "very_good_rate" | "yes_rate" | "within_20_min"
    )
}

/// A value of an indicator in its unit.
fn value(name: &str, v: f64, lang: Lang) -> String {
    match name {
        n if is_share(n) => percent(v, lang),
        "score10" | "nps" => decimal(v, 1, lang),
        _ => decimal(v, 2, lang),
    }
}

/// A signed change in the indicator's unit (points for shares).
fn signed(name: &str, v: f64, lang: Lang) -> String {
    let (scaled, digits) = if is_share(name) {
        (v * 100.0, 1)
    } else if matches!(name, "score10" | "nps") {
        (v, 1)
    } else {
        (v, 2)
    };
    let text = decimal(scaled, digits, lang);
    if text.starts_with('\u{2212}') || text.trim_start_matches(['0', ',', '.']).is_empty() {
        text
    } else {
        format!("+{text}")
    }
}

fn indicator_row(
    ind: IndicatorFigures,
    kind: QuestionKind,
    has_compare: bool,
    lang: Lang,
) -> impl IntoView {
    let t = results_texts(lang);
    let label = indicator_label(ind.name, kind, lang);
    let name = ind.name;
    let (estimate, range) = if ind.suppressed {
        ("—".to_owned(), "—".to_owned())
    } else {
        match (ind.estimate, ind.lower, ind.upper) {
            (Some(e), Some(l), Some(u)) => (
                value(name, e, lang),
                interval(value(name, l, lang), value(name, u, lang), lang),
            ),
            _ => ("—".to_owned(), "—".to_owned()),
        }
    };
    let change = ind.change.map(|c| {
        let significant = c.lower > 0.0 || c.upper < 0.0;
        let words = if significant {
            t.significant
        } else {
            t.not_significant
        };
        let unit = if is_share(name) {
            if lang == Lang::Fr {
                "\u{a0}pts"
            } else {
                " pts"
            }
        } else {
            ""
        };
        view! {
            <span>
                {format!("{}{unit}", signed(name, c.estimate, lang))}
                " "
                {interval(signed(name, c.lower, lang), signed(name, c.upper, lang), lang)}
            </span>
            <br/>
            <span class="fr-text--sm">{format!("{} · {words}", p_value(c.p_value, lang))}</span>
        }
    });
    let reliability = if ind.suppressed {
        view! { <span class="fr-badge">{t.suppressed}</span> }.into_any()
    } else if ind.fragile {
        view! { <span class="fr-badge fr-badge--warning">{t.fragile}</span> }.into_any()
    } else {
        view! { <span class="fr-badge fr-badge--success">{t.reliable}</span> }.into_any()
    };
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td class="num">{ind.n}</td>
            <td class="num">{estimate}</td>
            <td class="num">{range}</td>
            {has_compare.then(|| view! { <td>{change.map(IntoAny::into_any).unwrap_or_else(|| "—".into_any())}</td> })}
            <td>{reliability}</td>
        </tr>
    }
}

fn question_table(
    q: QuestionFigures,
    report_level: f64,
    has_compare: bool,
    lang: Lang,
) -> impl IntoView {
    let t = results_texts(lang);
    let level = level_text(report_level, lang);
    let kind = q.kind;
    let caption = format!("{} – {}", q.text, t.answers);
    let counts = (!q.counts.is_empty()).then(|| {
        let level = level.clone();
        let items = q
            .counts
            .into_iter()
            .map(|o| {
                let (share, range) = match o.share {
                    Some((e, l, u)) => (
                        percent(e, lang),
                        interval(percent(l, lang), percent(u, lang), lang),
                    ),
                    None => ("—".to_owned(), "—".to_owned()),
                };
                view! {
                    <tr>
                        <th scope="row">{o.label}</th>
                        <td class="num">{o.count}</td>
                        <td class="num">{share}</td>
                        <td class="num">{range}</td>
                    </tr>
                }
            })
            .collect_view();
        let region = caption.clone();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=region>
                <table class="fr-table">
                    <caption class="fr-sr-only">{caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{format!("{} (n = {})", t.answers, q.n)}</th>
                            <th scope="col">{t.count}</th>
                            <th scope="col">{t.share}</th>
                            <th scope="col">{format!("{} ({level})", t.interval)}</th>
                        </tr>
                    </thead>
                    <tbody>{items}</tbody>
                </table>
            </div>
        }
    });
    let indicators_caption = format!("{} – {}", q.text, t.indicator);
    let indicators = (!q.indicators.is_empty()).then(|| {
        let rows = q
            .indicators
            .into_iter()
            .map(|ind| indicator_row(ind, kind, has_compare, lang))
            .collect_view();
        let region = indicators_caption.clone();
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-label=region>
                <table class="fr-table">
                    <caption class="fr-sr-only">{indicators_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.indicator}</th>
                            <th scope="col">"n"</th>
                            <th scope="col">{t.estimate}</th>
                            <th scope="col">{format!("{} ({level})", t.interval)}</th>
                            {has_compare.then(|| view! { <th scope="col">{t.change}</th> })}
                            <th scope="col">{t.reliability}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    let id = format!("question-{}", q.code);
    let labelled_by = id.clone();
    view! {
        <section class="fr-mt-4w" aria-labelledby=labelled_by>
            <h3 id=id>{q.text}</h3>
            {indicators}
            {counts}
        </section>
    }
}

/// The report: the scope, the period and its respondents, each question's tables, the weighting
/// and the legend.
pub(crate) fn report_view(r: Report, lang: Lang) -> impl IntoView {
    let t = results_texts(lang);
    let origin = match (r.source, lang) {
        ("all", Lang::Fr) => format!(
            "Dont {} sur invitation après un rendez-vous (vérifiées) et {} par le QR code en libre accès.",
            r.invited_respondents,
            r.respondents - r.invited_respondents
        ),
        ("all", Lang::En) => format!(
            "Of which {} invited after an appointment (verified) and {} through the open QR code.",
            r.invited_respondents,
            r.respondents - r.invited_respondents
        ),
        (code, _) => {
            let label = source_choices(lang)
                .into_iter()
                .find(|(c, _)| *c == code)
                .map_or("", |(_, l)| l);
            match lang {
                Lang::Fr => format!("{} : {label}.", t.source),
                Lang::En => format!("{}: {label}.", t.source),
            }
        }
    };
    let has_compare = r.compare.is_some();
    let period = match lang {
        Lang::Fr => format!("du {} au {}", r.from, r.to),
        Lang::En => format!("from {} to {}", r.from, r.to),
    };
    let compare = r.compare.as_ref().map(|(from, to, n)| match lang {
        Lang::Fr => format!("Comparaison : du {from} au {to}, {n} {}.", t.respondents),
        Lang::En => format!("Compared with: from {from} to {to}, {n} {}.", t.respondents),
    });
    let legend = t
        .legend
        .replace("{mean}", &r.fragile_below.to_string())
        .replace("{min}", &r.hidden_below.to_string());
    let method = format!(
        "{} : {} · {} : {}",
        t.method,
        r.method_name,
        t.level,
        level_text(r.level, lang)
    );
    let left_out = (!r.left_out.is_empty()).then(|| {
        let months = r.left_out.join(", ");
        let text = match lang {
            Lang::Fr => format!(
                "Non comptées : les réponses de {months} qui, pour une question et une origine, sont moins de {} dans le mois (trop peu pour être montrées sans désigner quelqu'un).",
                r.hidden_below
            ),
            Lang::En => format!(
                "Not counted: the answers of {months} that, for one question and one origin, number fewer than {} in the month (too few to show without singling someone out).",
                r.hidden_below
            ),
        };
        view! { <p class="fr-text--sm" id="left-out">{text}</p> }
    });
    let empty = (r.respondents == 0)
        .then(|| view! { <p class="fr-alert fr-alert--info">{t.no_answers}</p> });
    let level = r.level;
    let questions = r
        .questions
        .into_iter()
        .map(|q| question_table(q, level, has_compare, lang))
        .collect_view();
    view! {
        <section class="fr-mt-4w" aria-labelledby="report">
            <h2 id="report">{r.scope_name}</h2>
            <p class="fr-text--lead">{period} " : " <strong>{r.respondents}</strong> " " {t.respondents}</p>
            <p>{origin}</p>
            {compare.map(|c| view! { <p>{c}</p> })}
            <p class="fr-text--sm">{method}</p>
            {left_out}
            {empty}
            {questions}
            {weighting_view(r.weighting, level, lang)}
            <p class="fr-text--sm fr-mt-4w">{legend}</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_signed_in_the_unit_of_its_indicator() {
        assert_eq!(signed("top2", 0.032, Lang::Fr), "+3,2");
        assert_eq!(signed("mean", -0.1, Lang::En), "\u{2212}0.10");
    }
}
