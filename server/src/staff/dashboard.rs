//! The dashboard (`/tableau-de-bord`) and its sections' CSV (`/tableau-de-bord/{section}.csv`):
//! for committee members, referents and administrators (who choose the organisation first),
//! with the parameters of `/resultats` and `/api/v1/summary`. Every figure comes from the
//! functions of the `indicators` crate the API calls, for the same scope and period; this
//! module only chooses which figures to show and words them.

use crate::http::access::{Acting, Readers};
use crate::http::pages::{failed, html, not_found};
use crate::staff::results::{Asked, Ready, ResultsQuery, read_query};
use crate::state::AppState;
use app::components::charts::diverging::{Bar, DivergingChart, Segment, Side};
use app::components::charts::model::{Figure, Mark, Shift, Unit};
use app::components::charts::rows::{Row, RowsChart, ranked};
use app::components::charts::tile::{Tile, TileValue};
use app::components::charts::trend::{TrendChart, TrendPoint};
use app::components::charts::words::{Noun, estimate_sentence, figure_words};
use app::components::format::long_date;
use app::pages::results::dashboard::{
    DashboardBody, DashboardPage, DashboardView, EngagementLine, MysteryBlock, Section,
};
use app::render_document;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Months, NaiveDate};
use db::figures::FigureKind;
use db::summary::{TouchpointInfo, scope_choices};
use domain::mystery::{Referential, Slot, weekday_label};
use domain::spreadsheet::safe_cell;
use domain::{Lang, Question, QuestionKind};
use indicators::Period;
use indicators::mystery::{CampaignResults, Rate, ScoreFigure};
use indicators::scope::{ScopeSummary, summarise_months, summarise_touchpoints};
use indicators::survey::{Indicator, QuestionSummary, Settings, WAIT_WITHIN_20};
use leptos::prelude::*;
use std::collections::BTreeMap;

/// `GET /tableau-de-bord`.
pub async fn show(
    State(state): State<AppState>,
    acting: Acting<Readers>,
    Query(q): Query<ResultsQuery>,
) -> Response {
    let lang = acting.lang;
    match build(&state, &acting, &q).await {
        Ok(view) => {
            let status = if view.errors.is_empty() {
                StatusCode::OK
            } else {
                StatusCode::BAD_REQUEST
            };
            let body = render_document(move || view! { <DashboardPage view=view/> });
            html(status, lang, body)
        }
        Err(e) => failed("dashboard", e),
    }
}

/// `GET /tableau-de-bord/{section}.csv`: the tables of one section, as its charts draw them.
pub async fn csv(
    State(state): State<AppState>,
    acting: Acting<Readers>,
    Path(file): Path<String>,
    Query(q): Query<ResultsQuery>,
) -> Response {
    let lang = acting.lang;
    let Some(section) = file.strip_suffix(".csv").and_then(Section::parse) else {
        return not_found(lang);
    };
    let view = match build(&state, &acting, &q).await {
        Ok(v) => v,
        Err(e) => return failed("dashboard: csv", e),
    };
    let Some(body) = view.body.filter(|_| view.errors.is_empty()) else {
        let message: Vec<String> = view.errors.into_iter().map(|(_, m)| m).collect();
        return (
            StatusCode::BAD_REQUEST,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            message.join("\n"),
        )
            .into_response();
    };
    let mut out = Vec::new();
    // A spreadsheet in French reads `;` and a byte-order mark.
    out.extend_from_slice("\u{feff}".as_bytes());
    let delimiter = match lang {
        Lang::Fr => b';',
        Lang::En => b',',
    };
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_writer(&mut out);
        for (caption, table) in body.tables(section, lang) {
            let row = |cells: &[String]| -> Vec<String> {
                cells.iter().map(|c| safe_cell(c).into_owned()).collect()
            };
            let written = w
                .write_record(row(&[caption]))
                .and_then(|_| w.write_record(row(&table.head)))
                .and_then(|_| table.rows.iter().try_for_each(|r| w.write_record(row(r))))
                .and_then(|_| w.write_record([""]));
            if let Err(e) = written {
                return failed("dashboard: writing csv", e);
            }
        }
        if let Err(e) = w.flush() {
            return failed("dashboard: writing csv", e);
        }
    }
    let name = format!("tableau-de-bord-{}.csv", section.slug());
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        out,
    )
        .into_response()
}

async fn build(
    state: &AppState,
    acting: &Acting<Readers>,
    q: &ResultsQuery,
) -> db::DbResult<DashboardView> {
    let lang = acting.lang;
    let org = acting.organisation_id;
    let choices = scope_choices(&state.db, lang, Some(org)).await?;
    let Asked {
        form,
        switch_query,
        scopes,
        errors,
        ready,
    } = read_query(q, &choices, state.config.fragility, lang);
    let body = match ready {
        Some(ready) => {
            let name = choices
                .iter()
                .find(|c| c.scope == ready.scope)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            dashboard(state, org, &ready, name, lang).await?
        }
        None => None,
    };
    let organisation = acting
        .org_query
        .strip_prefix("&organisation=")
        .map(str::to_owned);
    let query = format!("{switch_query}{}&lang={}", acting.org_query, lang.code());
    Ok(DashboardView {
        lang,
        switch_path: format!("/tableau-de-bord?{switch_query}{}", acting.org_query),
        query,
        who: acting.who(),
        organisation,
        scopes,
        form,
        errors,
        body,
    })
}

/// A survey indicator as a chart's figure.
fn survey_figure(i: &Indicator) -> Figure {
    match (i.suppressed, i.estimate) {
        (false, Some(value)) => Figure::Shown(Mark {
            value,
            lower: i.lower.unwrap_or(value),
            upper: i.upper.unwrap_or(value),
            n: u64::try_from(i.n).unwrap_or(0),
            fragile: i.fragile,
        }),
        _ => Figure::Hidden(u64::try_from(i.n).unwrap_or(0)),
    }
}

fn shift(c: Option<indicators::Change>) -> Option<Shift> {
    c.map(|c| Shift {
        estimate: c.estimate,
        lower: c.lower,
        upper: c.upper,
    })
}

fn rate_figure(r: &Rate) -> Figure {
    match r.estimate {
        Some(value) if r.n > 0 => Figure::Shown(Mark {
            value,
            lower: r.lower.unwrap_or(value),
            upper: r.upper.unwrap_or(value),
            n: r.n,
            fragile: r.fragile,
        }),
        _ => Figure::Hidden(0),
    }
}

fn score_figure(s: &ScoreFigure) -> Figure {
    match s.estimate {
        Some(value) if s.n > 0 => Figure::Shown(Mark {
            value,
            lower: s.lower.unwrap_or(value),
            upper: s.upper.unwrap_or(value),
            n: s.n,
            fragile: s.fragile,
        }),
        _ => Figure::Hidden(0),
    }
}

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

/// The first question of the JDMA kind: the score every comparison ranks.
fn score_question(questions: &[Question]) -> Option<&Question> {
    questions.iter().find(|q| q.kind == QuestionKind::Jdma3)
}

fn indicator<'a>(
    summaries: &'a [QuestionSummary],
    code: &str,
    name: &str,
) -> Option<&'a Indicator> {
    summaries
        .iter()
        .find(|s| s.code == code)
        .and_then(|s| s.indicators.get(name))
}

fn months_back(to: NaiveDate, months: u32) -> NaiveDate {
    let first = to.with_day(1).unwrap_or(to);
    first
        .checked_sub_months(Months::new(months))
        .unwrap_or(first)
}

fn period_words(p: Period, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!(
            "du {} au {}",
            long_date(p.from, lang),
            long_date(p.to, lang)
        ),
        Lang::En => format!("{} to {}", long_date(p.from, lang), long_date(p.to, lang)),
    }
}

const MONTHS_FR: [&str; 12] = [
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
const SHORT_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];

fn month_names(d: NaiveDate, lang: Lang) -> (String, String) {
    let i = d.month0() as usize;
    match lang {
        Lang::Fr => (
            SHORT_FR[i].to_owned(),
            format!("{} {}", MONTHS_FR[i], d.year()),
        ),
        Lang::En => (d.format("%b").to_string(), d.format("%B %Y").to_string()),
    }
}

/// Everything the dashboard shows for a checked request; `None` when the scope has no
/// touchpoint in the organisation.
async fn dashboard(
    state: &AppState,
    org: i32,
    ready: &Ready,
    scope_name: String,
    lang: Lang,
) -> db::DbResult<Option<DashboardBody>> {
    let db = &state.db;
    let Ready {
        scope,
        current,
        earlier,
        settings,
    } = ready;
    let Some((touchpoints, questions)) = db::summary::resolve_scope(db, scope, Some(org)).await?
    else {
        return Ok(None);
    };
    let hidden_below = settings.fragility.suppression_min;
    let summary = summarise_touchpoints(
        db,
        &touchpoints,
        questions.clone(),
        *current,
        *earlier,
        settings,
    )
    .await?;
    let compared = earlier.map(|p| period_words(p, lang));

    // 1. Headline tiles, and the first sentence.
    let mut tiles = Vec::new();
    let mut headline = None;
    for q in &questions {
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
                    change.as_ref().zip(compared.as_deref()),
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
            });
        }
    }
    let figure_rows = db::figures::figures(db, org).await?;
    let entered = [
        (FigureKind::Footfall, Unit::Count),
        (FigureKind::CallPickupRate, Unit::Share),
        (FigureKind::EmailsWithin5Days, Unit::Share),
        (FigureKind::Complaints, Unit::Count),
    ]
    .into_iter()
    .map(|(kind, unit)| {
        let value = indicators::figures::entered(&figure_rows, kind, *current)
            .map(|v| if kind.is_percent() { v / 100.0 } else { v });
        Tile {
            name: figure_name(kind.code(), lang),
            value: TileValue::Entered(value),
            unit,
            noun: Noun::Answers,
            note: None,
        }
    })
    .collect();

    // 2. The trend: the score over the twelve months that end with the period.
    let score_q = score_question(&questions);
    let year = Period {
        from: months_back(current.to, 11),
        to: current.to,
    };
    let trend = match (
        score_q,
        summarise_months(db, scope, year, settings, Some(org)).await?,
    ) {
        (Some(q), Some((_, months))) => {
            let points = months
                .iter()
                .enumerate()
                .map(|(i, m)| {
                    let (short, long) = month_names(m.period.from, lang);
                    let figure = indicator(&m.summaries, q.code.as_str(), "score10")
                        .map_or(Figure::Hidden(0), survey_figure);
                    TrendPoint {
                        short,
                        long,
                        year: (i == 0 || m.period.from.month() == 1)
                            .then(|| m.period.from.year().to_string()),
                        figure,
                        count: indicators::figures::entered(
                            &figure_rows,
                            FigureKind::Footfall,
                            m.period,
                        ),
                    }
                })
                .collect();
            Some(TrendChart {
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
                        Lang::Fr => {
                            "objectif : 8 sur 10 (« très bien » selon l'Observatoire)".into()
                        }
                        Lang::En => {
                            "target: 8 out of 10 (\u{201c}very good\u{201d} for the Observatoire)"
                                .into()
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
            })
        }
        _ => None,
    };

    // 3. The answers per question.
    let bars: Vec<Bar> = questions
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
    let answers = (!bars.is_empty()).then(|| DivergingChart {
        id: "reponses".into(),
        caption: match lang {
            Lang::Fr => "Réponses à chaque question, en part des répondants".into(),
            Lang::En => "Answers to each question, as a share of respondents".into(),
        },
        bars,
        hidden_below,
        lang,
    });

    // 4. Where: services, counters, channels, origins, ranked against the whole.
    let comparisons = match score_q.and_then(|q| {
        indicator(&summary.summaries, q.code.as_str(), "score10").map(|i| (q, survey_figure(i)))
    }) {
        Some((q, Figure::Shown(whole))) => {
            comparisons(state, &touchpoints, &questions, q, whole, ready, lang).await?
        }
        _ => Vec::new(),
    };

    // 5. The mystery campaigns that end within the period.
    let (_, referential) = db::mystery::grids::referential(db, org).await?;
    let mystery = mystery(state, org, ready, &referential, lang).await?;

    Ok(Some(DashboardBody {
        scope_name,
        period: period_words(*current, lang),
        compared,
        respondents: summary.respondents,
        left_out: summary.left_out.clone(),
        headline: headline.unwrap_or_else(|| match lang {
            Lang::Fr => "Ce questionnaire n'a pas de question de satisfaction globale.".into(),
            Lang::En => "This questionnaire has no overall satisfaction question.".into(),
        }),
        tiles,
        entered,
        trend,
        answers,
        comparisons,
        mystery: mystery.0,
        referential: referential_lines(
            indicators::referential::side_by_side(
                &referential,
                &summary.questions,
                &summary.summaries,
                &mystery.1.iter().collect::<Vec<_>>(),
                &figure_rows,
                *current,
                lang,
            ),
            hidden_below,
            lang,
        ),
        hidden_below,
    }))
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

/// How a touchpoint is grouped: the group's key and name.
type GroupKey = fn(&TouchpointInfo) -> (String, String);

async fn comparisons(
    state: &AppState,
    touchpoints: &[i32],
    questions: &[Question],
    score_q: &Question,
    whole: Mark,
    ready: &Ready,
    lang: Lang,
) -> db::DbResult<Vec<RowsChart>> {
    let db = &state.db;
    let info = db::summary::touchpoint_info(db, touchpoints, lang).await?;
    let settings = ready.settings;
    let score_of = |s: &ScopeSummary| {
        indicator(&s.summaries, score_q.code.as_str(), "score10")
            .map_or(Figure::Hidden(0), survey_figure)
    };
    let group = |key: GroupKey| {
        let mut groups: BTreeMap<String, (String, Vec<i32>)> = BTreeMap::new();
        for t in &info {
            let (k, name) = key(t);
            groups
                .entry(k)
                .or_insert_with(|| (name, Vec::new()))
                .1
                .push(t.id);
        }
        groups
    };
    let whole_name = match lang {
        Lang::Fr => "Ensemble du périmètre".to_owned(),
        Lang::En => "The whole scope".to_owned(),
    };
    let chart = |id: &str, caption: String, rows: Vec<Row>| RowsChart {
        id: id.to_owned(),
        caption,
        rows: ranked(rows),
        unit: Unit::Score10,
        noun: Noun::Answers,
        reference: Some((whole, whole_name.clone())),
        target: None,
        level: settings.level,
        hidden_below: settings.fragility.suppression_min,
        lang,
    };
    let mut charts = Vec::new();
    let dimensions: [(&str, (&str, &str), GroupKey); 3] = [
        (
            "par-service",
            (
                "Note de satisfaction par service",
                "Satisfaction score by service",
            ),
            |t| (t.service_code.clone(), t.service_name.clone()),
        ),
        (
            "par-point",
            (
                "Note de satisfaction par point de contact (guichet, PAN, téléphone)",
                "Satisfaction score by touchpoint (counter, PAN, phone)",
            ),
            |t| (t.code.clone(), t.name.clone()),
        ),
        (
            "par-canal",
            (
                "Note de satisfaction par canal",
                "Satisfaction score by channel",
            ),
            |t| (t.channel.clone(), t.channel.clone()),
        ),
    ];
    for (id, (fr, en), key) in dimensions {
        let groups = group(key);
        if groups.len() < 2 {
            continue;
        }
        let mut rows = Vec::new();
        for (k, (name, ids)) in groups {
            let s =
                summarise_touchpoints(db, &ids, questions.to_vec(), ready.current, None, &settings)
                    .await?;
            let label = if id == "par-canal" {
                channel_name(&k, lang)
            } else {
                name
            };
            rows.push(Row {
                label,
                figure: score_of(&s),
            });
        }
        charts.push(chart(
            id,
            match lang {
                Lang::Fr => fr.to_owned(),
                Lang::En => en.to_owned(),
            },
            rows,
        ));
    }
    // Invited answers (a link after an appointment) against open-QR ones.
    let mut rows = Vec::new();
    for (source, (fr, en)) in [
        (
            db::summary::Source::Invited,
            (
                "Invités après un rendez-vous",
                "Invited after an appointment",
            ),
        ),
        (
            db::summary::Source::Open,
            ("QR code en libre accès", "Open QR code"),
        ),
    ] {
        let s = summarise_touchpoints(
            db,
            touchpoints,
            questions.to_vec(),
            ready.current,
            None,
            &Settings { source, ..settings },
        )
        .await?;
        rows.push(Row {
            label: match lang {
                Lang::Fr => fr.to_owned(),
                Lang::En => en.to_owned(),
            },
            figure: score_of(&s),
        });
    }
    charts.push(chart(
        "par-origine",
        match lang {
            Lang::Fr => "Note de satisfaction : réponses invitées et réponses libres".into(),
            Lang::En => "Satisfaction score: invited and open answers".into(),
        },
        rows,
    ));
    Ok(charts)
}

fn channel_name(code: &str, lang: Lang) -> String {
    match (code, lang) {
        ("counter", Lang::Fr) => "Guichet",
        ("counter", Lang::En) => "Counter",
        ("pan", Lang::Fr) => "Point d'accueil numérique",
        ("pan", Lang::En) => "Digital help point",
        ("phone", Lang::Fr) => "Téléphone",
        ("phone", Lang::En) => "Phone",
        ("email", Lang::Fr) => "Courriel",
        ("email", Lang::En) => "E-mail",
        ("web", Lang::Fr) => "Site internet",
        ("web", Lang::En) => "Website",
        (other, _) => other,
    }
    .to_owned()
}

/// The latest campaign of each grid that overlaps the period (its results are the whole
/// campaign's: its block says its dates), with its results.
async fn mystery(
    state: &AppState,
    org: i32,
    ready: &Ready,
    referential: &Referential,
    lang: Lang,
) -> db::DbResult<(Vec<MysteryBlock>, Vec<CampaignResults>)> {
    let db = &state.db;
    let settings = indicators::mystery::Settings {
        method: ready.settings.method,
        level: ready.settings.level,
        fragile_below: state.config.fragility.min_mystery_tests,
    };
    let mut latest: BTreeMap<String, db::mystery::campaigns::CampaignRow> = BTreeMap::new();
    for c in db::mystery::campaigns::list(db, org).await? {
        if c.from > ready.current.to || c.to < ready.current.from || c.progress.validated == 0 {
            continue;
        }
        let later = latest.get(&c.grid).is_none_or(|l| c.to > l.to);
        if later {
            latest.insert(c.grid.clone(), c);
        }
    }
    let mut blocks = Vec::new();
    let mut all = Vec::new();
    for c in latest.into_values() {
        let Some(tests) = db::mystery::results::campaign_tests(db, org, &c.code, true).await?
        else {
            continue;
        };
        let previous = match db::mystery::results::previous_campaign(db, org, &c.code).await? {
            Some(p) => db::mystery::results::campaign_tests(db, org, &p, true).await?,
            None => None,
        };
        let r = indicators::mystery::campaign_results(&tests, previous.as_ref(), settings);
        let dates = Period {
            from: tests.from,
            to: tests.to,
        };
        let title = format!("{}, {}", tests.title, period_words(dates, lang));
        blocks.push(mystery_block(&r, &title, referential, lang));
        all.push(r);
    }
    Ok((blocks, all))
}

fn mystery_block(
    r: &CampaignResults,
    title: &str,
    referential: &Referential,
    lang: Lang,
) -> MysteryBlock {
    let fr = lang == Lang::Fr;
    let t = |a: &str, b: &str| if fr { a.to_owned() } else { b.to_owned() };
    let previous = r.previous.clone().map(|p| {
        if fr {
            format!("évolution par rapport à la campagne {p}")
        } else {
            format!("change from campaign {p}")
        }
    });
    let mut tiles = vec![
        Tile {
            name: t("Note moyenne des tests", "Mean test score"),
            value: TileValue::Measured {
                figure: score_figure(&r.score),
                shift: shift(r.score.change),
            },
            unit: Unit::Score10,
            noun: Noun::Tests,
            note: previous.clone(),
        },
        Tile {
            name: t(
                &format!(
                    "Tests au standard ({} sur 10 ou plus)",
                    app::components::format::decimal(r.standard, 0, lang)
                ),
                &format!("Tests at the standard ({} out of 10 or more)", r.standard),
            ),
            value: TileValue::Measured {
                figure: rate_figure(&r.meets_standard),
                shift: shift(r.meets_standard.change),
            },
            unit: Unit::Share,
            noun: Noun::Tests,
            note: previous.clone(),
        },
    ];
    if let Some(c01) = r.criteria.iter().find(|c| c.code == "C01") {
        tiles.push(Tile {
            name: t(
                "Appels décrochés (tests mystères)",
                "Calls picked up (mystery tests)",
            ),
            value: TileValue::Measured {
                figure: criterion_figure(c01),
                shift: shift(c01.change),
            },
            unit: Unit::Share,
            noun: Noun::Tests,
            note: Some(format!("C01 — {}", c01.label)),
        });
    }
    let level = r.level;
    let chart = |id: String,
                 caption: String,
                 rows: Vec<Row>,
                 unit: Unit,
                 reference: Option<(Mark, String)>,
                 target: Option<(f64, String)>| RowsChart {
        id,
        caption,
        rows,
        unit,
        noun: Noun::Tests,
        reference,
        target,
        level,
        hidden_below: 0,
        lang,
    };
    let slug = r.campaign.to_lowercase();
    let mut charts = vec![chart(
        format!("criteres-{slug}"),
        t("Conformité par critère", "Conformity per criterion"),
        r.criteria
            .iter()
            .map(|c| Row {
                label: format!("{} {}", c.code, c.label),
                figure: criterion_figure(c),
            })
            .collect(),
        Unit::Share,
        None,
        None,
    )];
    charts.push(chart(
        format!("engagements-{slug}"),
        t(
            "Conformité par engagement du référentiel",
            "Conformity per engagement of the referential",
        ),
        r.engagements
            .iter()
            .map(|e| Row {
                label: referential
                    .engagement(&e.id)
                    .map_or(e.id.clone(), |g| format!("{} {}", e.id, g.title.get(lang))),
                figure: match e.estimate {
                    Some(value) if e.tests > 0 => Figure::Shown(Mark {
                        value,
                        lower: e.lower.unwrap_or(value),
                        upper: e.upper.unwrap_or(value),
                        n: e.tests,
                        fragile: e.fragile,
                    }),
                    _ => Figure::Hidden(0),
                },
            })
            .collect(),
        Unit::Share,
        None,
        None,
    ));
    let whole = score_figure(&r.score);
    let target = Some((
        r.standard,
        if fr {
            format!(
                "standard : {} sur 10",
                app::components::format::decimal(r.standard, 0, lang)
            )
        } else {
            format!("standard: {} out of 10", r.standard)
        },
    ));
    let mut slots = r.by_slot.clone();
    slots.sort_by_key(|g| indicators::mystery::slot_order(&g.key));
    for (id, caption, groups, label) in [
        (
            format!("creneaux-{slug}"),
            t("Note des tests par créneau", "Test score by time slot"),
            slots,
            (|k: &str, lang: Lang| {
                Slot::parse(k).map_or(k.to_owned(), |s| s.label(lang).to_owned())
            }) as fn(&str, Lang) -> String,
        ),
        (
            format!("jours-{slug}"),
            t(
                "Note des tests par jour de la semaine",
                "Test score by weekday",
            ),
            r.by_weekday.clone(),
            |k: &str, lang: Lang| {
                k.parse::<u8>()
                    .map_or(k.to_owned(), |d| weekday_label(d, lang).to_owned())
            },
        ),
    ] {
        if groups.len() < 2 {
            continue;
        }
        charts.push(chart(
            id,
            caption,
            groups
                .iter()
                .map(|g| Row {
                    label: label(&g.key, lang),
                    figure: score_figure(&g.score),
                })
                .collect(),
            Unit::Score10,
            whole
                .mark()
                .map(|m| (*m, t("Toute la campagne", "The whole campaign"))),
            target.clone(),
        ));
    }
    MysteryBlock {
        title: format!(
            "{title} ({} {})",
            r.tests,
            if fr {
                "tests validés"
            } else {
                "validated tests"
            }
        ),
        tiles,
        charts,
    }
}

fn criterion_figure(c: &indicators::mystery::CriterionRate) -> Figure {
    match c.estimate {
        Some(value) if c.n > 0 => Figure::Shown(Mark {
            value,
            lower: c.lower.unwrap_or(value),
            upper: c.upper.unwrap_or(value),
            n: c.n,
            fragile: c.fragile,
        }),
        _ => Figure::Hidden(0),
    }
}

/// The unit a survey indicator is read in.
fn indicator_unit(name: &str) -> Unit {
    match name {
        "score10" => Unit::Score10,
        "mean" => Unit::Mean(5),
        _ => Unit::Share,
    }
}

/// The referential's engagements of Modules 1 and 2 side by side with what measures them
/// ([`indicators::referential::side_by_side`]), worded: each survey indicator, mystery criterion
/// and entered figure with its n and interval or marked as entered.
fn referential_lines(
    lines: Vec<indicators::referential::EngagementEvidence>,
    hidden_below: u64,
    lang: Lang,
) -> Vec<EngagementLine> {
    let fr = lang == Lang::Fr;
    lines
        .into_iter()
        .map(|e| {
            let mut perceived: Vec<String> = e
                .survey
                .iter()
                .flat_map(|s| {
                    s.headline.iter().map(move |h| {
                        format!(
                            "{} — {} : {}",
                            s.text,
                            app::pages::results::texts::indicator_label(
                                h.name,
                                QuestionKind::parse(s.kind).unwrap_or(QuestionKind::SingleChoice),
                                lang
                            ),
                            figure_words(
                                &survey_figure(&h.indicator),
                                indicator_unit(h.name),
                                Noun::Answers,
                                hidden_below,
                                lang
                            )
                        )
                    })
                })
                .collect();
            perceived.extend(e.questions_not_asked.iter().map(|q| {
                if fr {
                    format!("question « {q} » : pas posée par ce questionnaire")
                } else {
                    format!("question \u{201c}{q}\u{201d}: not asked by this questionnaire")
                }
            }));
            let rendered: Vec<String> = e
                .mystery
                .iter()
                .flat_map(|m| {
                    let campaign = m.campaign.clone();
                    let engagement = m.engagement.as_ref().map(|r| {
                        let figure = match r.estimate {
                            Some(value) if r.tests > 0 => Figure::Shown(Mark {
                                value,
                                lower: r.lower.unwrap_or(value),
                                upper: r.upper.unwrap_or(value),
                                n: r.tests,
                                fragile: r.fragile,
                            }),
                            _ => Figure::Hidden(0),
                        };
                        format!(
                            "{} {campaign} : {}",
                            if fr {
                                "Conformité, campagne"
                            } else {
                                "Conformity, campaign"
                            },
                            figure_words(&figure, Unit::Share, Noun::Tests, 0, lang)
                        )
                    });
                    engagement.into_iter().chain(m.criteria.iter().map(|c| {
                        format!(
                            "{} {} : {}",
                            c.code,
                            c.label,
                            figure_words(&criterion_figure(c), Unit::Share, Noun::Tests, 0, lang)
                        )
                    }))
                })
                .collect();
            let mut entered: Vec<String> = e
                .figures
                .iter()
                .map(|f| {
                    let value = match f.unit {
                        "percent" => format!(
                            "{}\u{202f}%",
                            app::components::format::decimal(f.value, 1, lang)
                        ),
                        "count" => {
                            app::components::charts::model::count(f.value.round() as i64, lang)
                        }
                        _ => format!(
                            "{} {}",
                            app::components::format::decimal(f.value, 1, lang),
                            if fr { "jours" } else { "days" }
                        ),
                    };
                    let service = f
                        .service
                        .as_ref()
                        .map(|s| format!(", {s}"))
                        .unwrap_or_default();
                    format!(
                        "{} ({}{service}) : {value}, {}",
                        figure_name(&f.kind, lang),
                        f.period,
                        if fr { "saisi" } else { "entered" }
                    )
                })
                .collect();
            entered.extend(e.figures_not_entered.iter().map(|k| {
                if fr {
                    format!("{} : pas saisi pour la période", figure_name(k, lang))
                } else {
                    format!("{}: not entered for the period", figure_name(k, lang))
                }
            }));
            EngagementLine {
                id: e.id,
                title: e.title,
                threshold: e.threshold,
                perceived,
                rendered,
                entered,
            }
        })
        .collect()
}

/// The name of an entered figure's kind.
fn figure_name(kind: &str, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    match FigureKind::parse(kind) {
        Some(FigureKind::Footfall) => {
            if fr {
                "Visiteurs reçus"
            } else {
                "Visitors received"
            }
        }
        Some(FigureKind::CallPickupRate) => {
            if fr {
                "Appels décrochés (standard)"
            } else {
                "Calls picked up (switchboard)"
            }
        }
        Some(FigureKind::EmailsWithin5Days) => {
            if fr {
                "Courriels répondus sous 5 jours"
            } else {
                "E-mails answered within 5 days"
            }
        }
        Some(FigureKind::Complaints) => {
            if fr {
                "Réclamations reçues"
            } else {
                "Complaints received"
            }
        }
        Some(FigureKind::TitleDelayDays) => {
            if fr {
                "Délai de délivrance des titres"
            } else {
                "Delay to issue titles"
            }
        }
        None => kind,
    }
    .to_owned()
}
