//! The dashboard (`/tableau-de-bord`) and its sections' CSV (`/tableau-de-bord/{section}.csv`):
//! for committee members, referents and administrators (who choose the organisation first),
//! with the parameters of `/resultats` and `/api/v1/summary`. Every figure comes from the
//! functions of the `indicators` crate the API calls, for the same scope and period; this
//! module only chooses which figures to show and words them.

pub(crate) mod figures;
mod mystery;
mod referential;
pub(crate) mod survey;

use crate::http::access::{Acting, Readers};
use crate::http::pages::{failed, html, not_found, refused_download};
use crate::mystery::shared::period;
use crate::staff::results::{Asked, Ready, ResultsQuery, read_query};
use crate::state::AppState;
use app::components::charts::model::Figure;
use app::pages::results::dashboard::{DashboardBody, DashboardPage, DashboardView, Section};
use app::render_document;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use db::figures::FigureKind;
use db::summary::scope_choices;
use domain::Lang;
use domain::spreadsheet::safe_cell;
use figures::{indicator, survey_figure};
use indicators::Period;
use indicators::scope::{summarise_months, summarise_touchpoints};
use leptos::prelude::*;

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
        return refused_download(view.errors);
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

/// "la période du 1 avril 2026 au 30 juin 2026": what a change is compared with.
fn compared_with(p: Period, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("la période {}", period(p.from, p.to, lang)),
        Lang::En => format!("the period {}", period(p.from, p.to, lang)),
    }
}

/// Everything the dashboard shows for a checked request; `None` when the scope has no
/// touchpoint in the organisation.
pub(crate) async fn dashboard(
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
    let compared = earlier.map(|p| compared_with(p, lang));
    let (tiles, headline) =
        survey::headline_tiles(&summary, compared.as_deref(), hidden_below, lang);
    let figure_rows = db::figures::figures(db, org).await?;
    let score_q = survey::score_question(&questions);
    let year = Period {
        from: survey::months_back(current.to, 11),
        to: current.to,
    };
    let trend = match (
        score_q,
        summarise_months(db, scope, year, settings, Some(org)).await?,
    ) {
        (Some(q), Some((_, months))) => {
            Some(survey::trend(q, &months, &figure_rows, settings, lang))
        }
        _ => None,
    };
    let comparisons = match score_q.and_then(|q| {
        indicator(&summary.summaries, q.code.as_str(), "score10").map(|i| (q, survey_figure(i)))
    }) {
        Some((q, Figure::Shown(whole))) => {
            let info = db::summary::touchpoint_info(db, &touchpoints, lang).await?;
            survey::comparisons(db, &info, &questions, q, whole, ready, lang).await?
        }
        _ => Vec::new(),
    };
    let (_, referential) = db::mystery::grids::referential(db, org).await?;
    let (blocks, campaigns) = mystery::mystery(state, org, ready, &referential, lang).await?;
    let evidence = indicators::referential::side_by_side(
        &referential,
        &summary.questions,
        &summary.summaries,
        &campaigns.iter().collect::<Vec<_>>(),
        &figure_rows,
        *current,
        lang,
    );
    Ok(Some(DashboardBody {
        scope_name,
        period: period(current.from, current.to, lang),
        compared,
        respondents: summary.respondents,
        left_out: summary.left_out.clone(),
        headline: headline.unwrap_or_else(|| match lang {
            Lang::Fr => "Ce questionnaire n'a pas de question de satisfaction globale.".into(),
            Lang::En => "This questionnaire has no overall satisfaction question.".into(),
        }),
        tiles,
        entered: survey::entered_tiles(&figure_rows, *current, &FigureKind::ALL, lang),
        trend,
        answers: survey::answers(&summary, settings, lang),
        comparisons,
        mystery: blocks,
        referential: referential::referential_lines(evidence, hidden_below, lang),
        hidden_below,
    }))
}
