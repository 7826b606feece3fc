//! The quarterly transparency poster (`/transparence?trimestre=2026-T3&site=…&format=a4|a3`):
//! for committee members, referents and administrators. The survey's figures are those of
//! the dashboard for the site's scope over the quarter (the same `indicators` functions, the
//! same suppression of small groups), the entered ones those of `indicators::figures`; this
//! module only chooses them and words them.

use crate::http::access::{Acting, Readers};
use crate::http::pages::{failed, html};
use crate::mystery::shared::period;
use crate::staff::dashboard::figures::{
    entered_unit, entered_value, figure_name, indicator, survey_figure,
};
use crate::staff::results::default_periods;
use crate::state::AppState;
use crate::visitor::qr::{qr_code, qr_svg};
use app::components::charts::model::Unit;
use app::components::forms::Named;
use app::pages::results::transparency::{
    Paper, PosterFigure, PosterLinks, PosterQr, PosterValue, TransparencyPage, TransparencySheet,
    TransparencyView, quarter_title,
};
use app::render_document;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{Datelike, Months, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use db::figures::FigureKind;
use db::summary::Scope;
use domain::{Lang, QuestionKind};
use indicators::Period;
use indicators::scope::summarise_touchpoints;
use indicators::survey::Settings;
use leptos::prelude::*;
use serde::Deserialize;

/// The poster's parameters.
#[derive(Debug, Deserialize, Default)]
pub struct TransparencyQuery {
    trimestre: Option<String>,
    site: Option<String>,
    format: Option<String>,
}

/// The entered figures of the poster, in its order (footfall is not one of them).
const ENTERED: [FigureKind; 7] = [
    FigureKind::CallPickupRate,
    FigureKind::EmailsWithin5Days,
    FigureKind::DelayIdCards,
    FigureKind::DelayDrivingLicences,
    FigureKind::DelayVehicleRegistrations,
    FigureKind::Complaints,
    FigureKind::ComplaintsAnswered,
];

/// A quarter written `YYYY-Tn` (`T1` to `T4`), as its first and last day.
pub fn parse_quarter(raw: &str) -> Option<Period> {
    let (year, q) = raw.trim().split_once(['-'])?;
    let q = q.strip_prefix(['T', 't'])?;
    if year.len() != 4 || q.len() != 1 {
        return None;
    }
    let (from, to) = db::figures::parse_period(&format!("{year}-T{q}"))?;
    Some(Period { from, to })
}

/// `2026-T3`.
pub fn quarter_code(p: Period) -> String {
    db::figures::period_label(p.from, p.to)
}

fn shifted(p: Period, forward: bool) -> Option<Period> {
    let from = if forward {
        p.from.checked_add_months(Months::new(3))?
    } else {
        p.from.checked_sub_months(Months::new(3))?
    };
    let to = from.checked_add_months(Months::new(3))?.pred_opt()?;
    (2000..=2100)
        .contains(&from.year())
        .then_some(Period { from, to })
}

/// `GET /transparence`.
pub async fn show(
    State(state): State<AppState>,
    acting: Acting<Readers>,
    Query(q): Query<TransparencyQuery>,
) -> Response {
    let lang = acting.lang;
    let today = Utc::now().with_timezone(&Paris).date_naive();
    match build(&state, &acting, &q, today).await {
        Ok(view) => {
            let status = if view.error.is_some() {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::OK
            };
            let body = render_document(move || view! { <TransparencyPage view=view/> });
            html(status, lang, body)
        }
        Err(e) => failed("transparency poster", e),
    }
}

fn problem(field: &str, fr: &str, en: &str, lang: Lang) -> Option<(String, String)> {
    Some((
        field.to_owned(),
        match lang {
            Lang::Fr => fr.to_owned(),
            Lang::En => en.to_owned(),
        },
    ))
}

async fn build(
    state: &AppState,
    acting: &Acting<Readers>,
    q: &TransparencyQuery,
    today: NaiveDate,
) -> db::DbResult<TransparencyView> {
    let lang = acting.lang;
    let org = acting.organisation_id;
    let structure = db::structure::structure(&state.db, org).await?;
    let sites: Vec<Named> = structure
        .sites
        .iter()
        .map(|s| Named {
            code: s.code.clone(),
            name: s.name.clone(),
        })
        .collect();
    let typed = q
        .trimestre
        .clone()
        .unwrap_or_else(|| quarter_code(default_periods(today).0));
    let quarter = parse_quarter(&typed);
    let paper = Paper::parse(q.format.as_deref());
    let site = match q.site.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(code) => structure.sites.iter().find(|s| s.code == code),
        None => structure.sites.first(),
    };
    let error = if quarter.is_none() {
        problem(
            "trimestre",
            "Trimestre : écrivez-le AAAA-Tn, de T1 à T4, par exemple 2026-T3.",
            "Quarter: write it YYYY-Tn, from T1 to T4, for example 2026-T3.",
            lang,
        )
    } else if paper.is_none() {
        problem("format", "Format : a4 ou a3.", "Size: a4 or a3.", lang)
    } else if site.is_none() {
        problem(
            "site",
            "Site : choisissez un site de l'organisation.",
            "Site: choose one of the organisation's sites.",
            lang,
        )
    } else {
        None
    };
    let paper = paper.unwrap_or(Paper::A4);
    let site_code = site.map(|s| s.code.clone()).unwrap_or_default();
    let link = |quarter: &str, paper: Paper, lang: Lang| {
        let query = serde_urlencoded::to_string([
            ("trimestre", quarter),
            ("site", site_code.as_str()),
            ("format", paper.code()),
            ("lang", lang.code()),
        ])
        .unwrap_or_default();
        format!("/transparence?{query}{}", acting.org_query)
    };
    let links = PosterLinks {
        a4: link(&typed, Paper::A4, lang),
        a3: link(&typed, Paper::A3, lang),
        previous: quarter
            .and_then(|p| shifted(p, false))
            .map(|p| link(&quarter_code(p), paper, lang)),
        next: quarter
            .and_then(|p| shifted(p, true))
            .map(|p| link(&quarter_code(p), paper, lang)),
        languages: Lang::ALL
            .into_iter()
            .map(|l| (l, link(&typed, paper, l)))
            .collect(),
    };
    let sheet = match (error.is_none(), quarter, site) {
        (true, Some(quarter), Some(site)) => Some(
            sheet(
                state,
                org,
                acting.organisation_name.clone(),
                site,
                &structure,
                quarter,
                lang,
            )
            .await?,
        ),
        _ => None,
    };
    Ok(TransparencyView {
        lang,
        paper,
        quarter: typed,
        links,
        site: site_code,
        sites,
        org_query: acting.org_query.clone(),
        error,
        sheet,
    })
}

async fn sheet(
    state: &AppState,
    org: i32,
    organisation: String,
    site: &db::structure::SiteRow,
    structure: &db::structure::Structure,
    quarter: Period,
    lang: Lang,
) -> db::DbResult<TransparencySheet> {
    let db = &state.db;
    let settings = Settings::standard(state.config.fragility);
    let mut measured = Vec::new();
    let (score_name, share_name) = match lang {
        Lang::Fr => (
            "Note de satisfaction de la visite",
            "Usagers qui ont trouvé leur visite « très bien »",
        ),
        Lang::En => (
            "Satisfaction score of the visit",
            "Visitors who found their visit \u{201c}very good\u{201d}",
        ),
    };
    let scope = Scope::Site(site.code.clone());
    if let Some((touchpoints, questions)) =
        db::summary::resolve_scope(db, &scope, Some(org)).await?
    {
        let overall = questions
            .iter()
            .find(|q| q.kind == QuestionKind::Jdma3)
            .map(|q| q.code.as_str().to_owned());
        let summary =
            summarise_touchpoints(db, &touchpoints, questions, quarter, None, &settings).await?;
        if let Some(code) = overall {
            for (name, indicator_name, unit) in [
                (score_name, "score10", Unit::Score10),
                (share_name, "very_good_rate", Unit::Share),
            ] {
                let figure = indicator(&summary.summaries, &code, indicator_name).map_or(
                    app::components::charts::model::Figure::Hidden(0),
                    survey_figure,
                );
                measured.push(PosterFigure {
                    name: name.to_owned(),
                    value: PosterValue::Measured(figure),
                    unit,
                });
            }
        }
    }
    let rows = db::figures::figures(db, org).await?;
    let entered = ENTERED
        .into_iter()
        .map(|kind| {
            let value = entered_value(&rows, kind, quarter);
            PosterFigure {
                name: figure_name(kind.code(), lang),
                value: PosterValue::Entered {
                    value,
                    sources: indicators::figures::sources(&rows, kind, quarter),
                },
                unit: entered_unit(kind),
            }
        })
        .collect();
    // The survey of the site's first touchpoint that takes answers (by code).
    let qr = structure
        .touchpoints
        .iter()
        .filter(|t| t.site == site.code && t.active)
        .min_by(|a, b| a.code.cmp(&b.code))
        .and_then(|t| {
            let url = state.config.survey_url(&t.code);
            let code = qr_code(&url)?;
            Some(PosterQr {
                short_url: url
                    .trim_start_matches("https://")
                    .trim_start_matches("http://")
                    .to_owned(),
                svg: qr_svg(&code),
                url,
            })
        });
    Ok(TransparencySheet {
        organisation,
        site: site.name.clone(),
        quarter: quarter_title(quarter.from.year(), quarter.from.month0() / 3 + 1, lang),
        months: period(quarter.from, quarter.to, lang),
        measured,
        entered,
        qr,
        level: settings.level,
        hidden_below: settings.fragility.suppression_min,
        fragile_below: settings.fragility.min_proportion_answers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_are_read_only_as_yyyy_tn_and_step_across_years() {
        let q = parse_quarter("2026-T3").expect("a quarter");
        assert_eq!(
            (q.from, q.to),
            (
                NaiveDate::from_ymd_opt(2026, 7, 1).expect("day"),
                NaiveDate::from_ymd_opt(2026, 9, 30).expect("day")
            )
        );
        for bad in [
            "2026-T5", "2026-T0", "2026-07", "2026-Q3", "26-T3", "2026-T33", "", "T3",
        ] {
            assert_eq!(parse_quarter(bad), None, "{bad}");
        }
        assert_eq!(quarter_code(shifted(q, true).expect("next")), "2026-T4");
        let first = parse_quarter("2026-t1").expect("lower case");
        assert_eq!(
            quarter_code(shifted(first, false).expect("before")),
            "2025-T4"
        );
    }
}
