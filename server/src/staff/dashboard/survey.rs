//! The dashboard's survey sections: the headline tiles and the first sentence, the entered
//! figures, the trend, the answers per question, and the comparisons of groups of the scope's
//! touchpoints (services, counters, channels, origins) against the whole.

use super::figures::{entered_unit, entered_value, figure_name, indicator, shift, survey_figure};
use app::components::charts::diverging::{Bar, DivergingChart, Segment, Side};
use app::components::charts::model::{Figure, Mark, Unit};
use app::components::charts::rows::{Row, RowsChart, ranked};
use app::components::charts::tile::{Tile, TileValue};
use app::components::charts::trend::{TrendChart, TrendPoint};
use app::components::charts::words::{Noun, estimate_sentence};
use app::components::format::{long_month, short_month};
use app::pages::staff::structure::channel_name;
use chrono::{Datelike, Months, NaiveDate};
use db::figures::{FigureKind, FigureRow};
use db::summary::{Part, TouchpointInfo};
use domain::{Channel, Lang, Question, QuestionKind};
use indicators::Period;
use indicators::scope::{MonthSummary, ScopeSummary, summarise_parts};
use indicators::survey::{Settings, WAIT_WITHIN_20};
use std::collections::BTreeMap;

/// The headline indicator of a question: its name, its unit, and a short title for tiles and
/// rows ("Courtoisie"), from the seeded question codes, else the question's own text.
fn headline_of(q: &Question, lang: Lang) -> Vec<(&'static str, Unit, String)> {
    let short = |fr: &str, en: &str| match lang {
        Lang::Fr => fr.to_owned(),
        Lang::En => en.to_owned(),
    };
    let text = q.text.get(lang).to_owned();
    match q.kind {
        QuestionKind::Jdma3 => vec![
            (
                "score10",
                Unit::Score10,
                short("Note de satisfaction", "Satisfaction score"),
            ),
            (
                "very_good_rate",
                Unit::Share,
                short(
                    "Part de « très bien »",
                    "Share of \u{201c}very well\u{201d}",
                ),
            ),
        ],
        QuestionKind::Likert4 => vec![(
            "top2",
            Unit::Share,
            match q.code.as_str() {
                "courtesy" => short("Accueil courtois", "Courteous welcome"),
                _ => text,
            },
        )],
        QuestionKind::YesPartlyNo => vec![(
            "yes_rate",
            Unit::Share,
            match q.code.as_str() {
                "resolved" => short("Demande résolue", "Request resolved"),
                _ => text,
            },
        )],
        QuestionKind::Scale5 => vec![(
            "mean",
            Unit::Mean(5),
            match q.code.as_str() {
                "effort" => short(
                    "Effort ressenti (1 = très peu)",
                    "Effort felt (1 = very little)",
                ),
                _ => text,
            },
        )],
        QuestionKind::SingleChoice if q.code.as_str() == WAIT_WITHIN_20.0 => vec![(
            WAIT_WITHIN_20.1,
            Unit::Share,
            short("Attente de moins de 20 minutes", "Waited under 20 minutes"),
        )],
        _ => Vec::new(),
    }
}

/// The headline tiles of the survey, in the questionnaire's order, and the first sentence of
/// the page (the score, its interval, n and change against `compared`), when there is a score.
pub(crate) fn headline_tiles(
    summary: &ScopeSummary,
    compared: Option<&str>,
    hidden_below: u64,
    lang: Lang,
) -> (Vec<Tile>, Option<String>) {
    let mut tiles = Vec::new();
    let mut headline = None;
    for q in &summary.questions {
        for (name, unit, title) in headline_of(q, lang) {
            let Some(ind) = indicator(&summary.summaries, q.code.as_str(), name) else {
                continue;
            };
            let figure = survey_figure(ind);
            let change = shift(ind.change);
            if headline.is_none() && name == "score10" {
                headline = Some(estimate_sentence(
                    &title,
                    &figure,
                    unit,
                    Noun::Answers,
                    change.as_ref().zip(compared),
                    hidden_below,
                    lang,
                ));
            }
            tiles.push(Tile {
                name: title,
                value: TileValue::Measured {
                    figure,
                    shift: change,
                },
                unit,
                noun: Noun::Answers,
                note: None,
                // Effort felt: 1 is very little (the seeded question's code).
                lower_is_better: q.code.as_str() == "effort",
            });
        }
    }
    (tiles, headline)
}

/// The figures of `kinds` entered for the period, as tiles marked entered.
pub(crate) fn entered_tiles(
    rows: &[FigureRow],
    current: Period,
    kinds: &[FigureKind],
    lang: Lang,
) -> Vec<Tile> {
    kinds
        .iter()
        .map(|&kind| Tile {
            name: figure_name(kind.code(), lang),
            value: TileValue::Entered(entered_value(rows, kind, current)),
            unit: entered_unit(kind),
            noun: Noun::Answers,
            note: None,
            lower_is_better: kind.is_days(),
        })
        .collect()
}

/// The first question of the JDMA kind: the score every comparison ranks.
pub(super) fn score_question(questions: &[Question]) -> Option<&Question> {
    questions.iter().find(|q| q.kind == QuestionKind::Jdma3)
}

/// The first day of the month `months` before the month of `to`.
pub(super) fn months_back(to: NaiveDate, months: u32) -> NaiveDate {
    let first = to.with_day(1).unwrap_or(to);
    first
        .checked_sub_months(Months::new(months))
        .unwrap_or(first)
}

/// The trend of the score `q` over `months`, with the footfall entered for each month.
pub(super) fn trend(
    q: &Question,
    months: &[MonthSummary],
    rows: &[FigureRow],
    settings: &Settings,
    lang: Lang,
) -> TrendChart {
    let hidden_below = settings.fragility.suppression_min;
    let points = months
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let (short, long) = (
                short_month(m.period.from, lang),
                long_month(m.period.from, lang),
            );
            let figure = indicator(&m.summaries, q.code.as_str(), "score10")
                .map_or(Figure::Hidden(0), survey_figure);
            TrendPoint {
                short,
                long,
                year: (i == 0 || m.period.from.month() == 1)
                    .then(|| m.period.from.year().to_string()),
                figure,
                count: indicators::figures::entered(rows, FigureKind::Footfall, m.period),
            }
        })
        .collect();
    TrendChart {
        id: "tendance-note".into(),
        caption: match lang {
            Lang::Fr => "Note de satisfaction par mois, sur 10".into(),
            Lang::En => "Satisfaction score by month, out of 10".into(),
        },
        subject: match lang {
            Lang::Fr => "Note de satisfaction".into(),
            Lang::En => "Satisfaction score".into(),
        },
        points,
        unit: Unit::Score10,
        noun: Noun::Answers,
        targets: vec![(
            8.0,
            match lang {
                Lang::Fr => "objectif : 8 sur 10 (« très bien » selon l'Observatoire)".into(),
                Lang::En => {
                    "target: 8 out of 10 (\u{201c}very good\u{201d} for the Observatoire)".into()
                }
            },
        )],
        counts_name: Some(match lang {
            Lang::Fr => "Visiteurs reçus (chiffres saisis)".into(),
            Lang::En => "Visitors received (entered figures)".into(),
        }),
        level: settings.level,
        hidden_below,
        lang,
    }
}

/// The diverging bars of every scale question of the summary.
pub(super) fn answers(
    summary: &ScopeSummary,
    settings: &Settings,
    lang: Lang,
) -> Option<DivergingChart> {
    let hidden_below = settings.fragility.suppression_min;
    let bars: Vec<Bar> = summary
        .questions
        .iter()
        .filter_map(|q| {
            let s = summary
                .summaries
                .iter()
                .find(|s| s.code == q.code.as_str())?;
            let sides = sides(q)?;
            let n = u64::try_from(s.n).unwrap_or(0);
            let hidden = settings.fragility.is_suppressed(n) || s.counts.is_empty();
            Some(Bar {
                label: q.text.get(lang).to_owned(),
                segments: sides
                    .into_iter()
                    .map(|(code, side)| Segment {
                        label: q
                            .options
                            .iter()
                            .find(|o| o.code == code)
                            .map_or(code.clone(), |o| o.label.get(lang).to_owned()),
                        count: u64::try_from(s.counts.get(&code).copied().unwrap_or(0))
                            .unwrap_or(0),
                        side,
                    })
                    .collect(),
                hidden,
            })
        })
        .collect();
    (!bars.is_empty()).then(|| DivergingChart {
        id: "reponses".into(),
        caption: match lang {
            Lang::Fr => "Réponses à chaque question, en part des répondants".into(),
            Lang::En => "Answers to each question, as a share of respondents".into(),
        },
        bars,
        hidden_below,
        lang,
    })
}

/// The answers of a scale question from the most negative to the most positive, each with its
/// side of the axis; `None` for a question that is not a scale.
fn sides(q: &Question) -> Option<Vec<(String, Side)>> {
    use Side::{Middle, Negative, Positive};
    let fixed =
        |codes: &[(&str, Side)]| Some(codes.iter().map(|(c, s)| ((*c).to_owned(), *s)).collect());
    match q.kind {
        QuestionKind::Jdma3 => fixed(&[
            ("bad", Negative),
            ("average", Middle),
            ("very_good", Positive),
        ]),
        QuestionKind::Likert4 => fixed(&[
            ("1", Negative),
            ("2", Negative),
            ("3", Positive),
            ("4", Positive),
        ]),
        QuestionKind::YesPartlyNo => {
            fixed(&[("no", Negative), ("partly", Middle), ("yes", Positive)])
        }
        // Effort: 1 is very little, the best (domain brief).
        QuestionKind::Scale5 => fixed(&[
            ("5", Negative),
            ("4", Negative),
            ("3", Middle),
            ("2", Positive),
            ("1", Positive),
        ]),
        // Waiting time: its answers run from the shortest wait to the longest.
        QuestionKind::SingleChoice if q.code.as_str() == WAIT_WITHIN_20.0 => Some(
            q.options
                .iter()
                .rev()
                .map(|o| {
                    let side = if WAIT_WITHIN_20.2.contains(&o.code.as_str()) {
                        Positive
                    } else {
                        Negative
                    };
                    (o.code.clone(), side)
                })
                .collect(),
        ),
        _ => None,
    }
}

/// A group of touchpoints: its name and its touchpoints.
type Group = (String, Vec<i32>);

/// How a touchpoint is grouped: the group's key and name.
type GroupKey = fn(&TouchpointInfo, Lang) -> (String, String);

/// The score `score_q` by service, by touchpoint, by channel (each when the scope has two or
/// more) and by origin (invited or open), ranked against the whole scope's `whole`: one read of
/// the scope's cells, each group summed with the rule of small groups applied to it.
pub(super) async fn comparisons(
    db: &db::Db,
    info: &[TouchpointInfo],
    questions: &[Question],
    score_q: &Question,
    whole: Mark,
    ready: &crate::staff::results::Ready,
    lang: Lang,
) -> db::DbResult<Vec<RowsChart>> {
    let settings = ready.settings;
    let t = |fr: &str, en: &str| match lang {
        Lang::Fr => fr.to_owned(),
        Lang::En => en.to_owned(),
    };
    let dimensions: [(&str, String, GroupKey); 3] = [
        (
            "par-service",
            t(
                "Note de satisfaction par service",
                "Satisfaction score by service",
            ),
            |t, _| (t.service_code.clone(), t.service_name.clone()),
        ),
        (
            "par-point",
            t(
                "Note de satisfaction par point de contact (guichet, PAN, téléphone)",
                "Satisfaction score by touchpoint (counter, PAN, phone)",
            ),
            |t, _| (t.code.clone(), t.name.clone()),
        ),
        (
            "par-canal",
            t(
                "Note de satisfaction par canal",
                "Satisfaction score by channel",
            ),
            |t, lang| {
                let name = Channel::parse(&t.channel)
                    .map_or_else(|| t.channel.clone(), |c| channel_name(c, lang).to_owned());
                (t.channel.clone(), name)
            },
        ),
    ];
    // The groups of each dimension: (chart id, caption, [(name, touchpoints)]).
    let mut charts: Vec<(&str, String, Vec<Group>)> = Vec::new();
    for (id, caption, key) in dimensions {
        let mut groups: BTreeMap<String, (String, Vec<i32>)> = BTreeMap::new();
        for tp in info {
            let (k, name) = key(tp, lang);
            groups
                .entry(k)
                .or_insert_with(|| (name, Vec::new()))
                .1
                .push(tp.id);
        }
        if groups.len() >= 2 {
            charts.push((id, caption, groups.into_values().collect()));
        }
    }
    let invited = settings.source.part().invited;
    let mut parts: Vec<Part<'_>> = charts
        .iter()
        .flat_map(|(_, _, groups)| {
            groups.iter().map(move |(_, ids)| Part {
                touchpoints: Some(ids.as_slice()),
                invited,
            })
        })
        .collect();
    // Invited answers (a link after an appointment) against open-QR ones, whatever the source.
    for origin in [true, false] {
        parts.push(Part {
            touchpoints: None,
            invited: Some(origin),
        });
    }
    let ids: Vec<i32> = info.iter().map(|t| t.id).collect();
    let summaries = summarise_parts(db, &ids, questions, ready.current, &parts, &settings).await?;
    let mut scores = summaries.iter().map(|s| {
        indicator(s, score_q.code.as_str(), "score10").map_or(Figure::Hidden(0), survey_figure)
    });
    let chart = |id: &str, caption: String, rows: Vec<Row>| RowsChart {
        id: id.to_owned(),
        caption,
        rows: ranked(rows),
        unit: Unit::Score10,
        noun: Noun::Answers,
        reference: Some((whole, t("Ensemble du périmètre", "The whole scope"))),
        target: None,
        level: settings.level,
        hidden_below: settings.fragility.suppression_min,
        lang,
    };
    let mut out = Vec::new();
    for (id, caption, groups) in &charts {
        let rows = groups
            .iter()
            .map(|(name, _)| Row {
                label: name.clone(),
                figure: scores.next().unwrap_or(Figure::Hidden(0)),
            })
            .collect();
        out.push(chart(id, caption.clone(), rows));
    }
    let origins = [
        t(
            "Invités après un rendez-vous",
            "Invited after an appointment",
        ),
        t("QR code en libre accès", "Open QR code"),
    ]
    .into_iter()
    .map(|label| Row {
        label,
        figure: scores.next().unwrap_or(Figure::Hidden(0)),
    })
    .collect();
    out.push(chart(
        "par-origine",
        t(
            "Note de satisfaction : réponses invitées et réponses libres",
            "Satisfaction score: invited and open answers",
        ),
        origins,
    ));
    Ok(out)
}
