//! The committee's report: `/rapport` (a page that prints well), `/rapport.pdf` (the same page
//! printed by headless Chromium on the server), `/rapport/diaporama` (the same as slides),
//! `/rapport/impression.css` (its running header)
//! and `server report` on the command line. The parameters are the dashboard's (scope, `from`,
//! `to`, `compare_from`, `compare_to`, `ci`, `level`), by default the last twelve whole months
//! against the twelve before, and `reunion` (the meeting's date, by default today). Every
//! figure is the dashboard's: the report calls its very function for the same request.

use crate::http::access::{Acting, Readers};
use crate::http::pages::{failed, html, refused_download};
use crate::mystery::shared::period;
use crate::staff::dashboard::dashboard;
use crate::staff::dashboard::survey::{entered_tiles, headline_tiles};
use crate::staff::results::{Asked, ResultsQuery, read_query};
use crate::state::AppState;
use app::components::format::long_date;
use app::pages::results::meeting::{
    EnteredSections, MeetingLinks, MeetingPage, MeetingView, Method, Quote,
};
use app::pages::results::slides::SlidesPage;
use app::render_document;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Datelike, Months, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use db::figures::FigureKind;
use db::summary::{Source, scope_choices};
use domain::Lang;
use indicators::Period;
use indicators::scope::summarise_touchpoints;
use indicators::survey::Settings;
use leptos::prelude::*;
use serde::Deserialize;

/// The report's own parameter.
#[derive(Debug, Deserialize, Default)]
pub struct MeetingQuery {
    /// The meeting's date, `YYYY-MM-DD`.
    reunion: Option<String>,
}

/// Who the report is for and what it is asked for.
pub struct ReportRequest {
    pub organisation_id: i32,
    pub organisation_name: String,
    /// `&organisation=CODE` for an administrator of the instance, else empty.
    pub org_query: String,
    pub lang: Lang,
    pub query: ResultsQuery,
    pub meeting: Option<String>,
}

/// The twelve whole months before `today`'s month, and the twelve before them.
pub fn default_year(today: NaiveDate) -> (Period, Period) {
    let first = today.with_day(1).unwrap_or(today);
    let from = first.checked_sub_months(Months::new(12)).unwrap_or(first);
    let current = Period {
        from,
        to: first.pred_opt().unwrap_or(first),
    };
    let before = from.checked_sub_months(Months::new(12)).unwrap_or(from);
    let earlier = Period {
        from: before,
        to: from.pred_opt().unwrap_or(from),
    };
    (current, earlier)
}

/// `GET /rapport`.
pub async fn show(
    State(state): State<AppState>,
    acting: Acting<Readers>,
    Query(q): Query<ResultsQuery>,
    Query(m): Query<MeetingQuery>,
) -> Response {
    page(&state, &acting, q, m, "report", |view| {
        render_document(move || view! { <MeetingPage view=view/> })
    })
    .await
}

/// `GET /rapport/diaporama`: the same report as slides for the projector.
pub async fn slides(
    State(state): State<AppState>,
    acting: Acting<Readers>,
    Query(q): Query<ResultsQuery>,
    Query(m): Query<MeetingQuery>,
) -> Response {
    page(&state, &acting, q, m, "report: slides", |view| {
        render_document(move || view! { <SlidesPage view=view/> })
    })
    .await
}

/// The report for the request, rendered by `render` (the document or the slides), 400 when
/// the request is refused.
async fn page(
    state: &AppState,
    acting: &Acting<Readers>,
    q: ResultsQuery,
    m: MeetingQuery,
    what: &str,
    render: impl FnOnce(MeetingView) -> String,
) -> Response {
    let request = request_of(acting, q, m);
    match build(state, &request, today(), Printing::Web).await {
        Ok(view) => {
            let status = status_of(&view);
            html(status, acting.lang, render(view))
        }
        Err(e) => failed(what, e),
    }
}

/// `GET /rapport.pdf`: the report printed to PDF by headless Chromium.
pub async fn pdf(
    State(state): State<AppState>,
    acting: Acting<Readers>,
    Query(q): Query<ResultsQuery>,
    Query(m): Query<MeetingQuery>,
) -> Response {
    let lang = acting.lang;
    let request = request_of(&acting, q, m);
    let view = match build(&state, &request, today(), Printing::File).await {
        Ok(v) => v,
        Err(e) => return failed("report: pdf", e),
    };
    if !view.errors.is_empty() {
        return refused_download(view.errors);
    }
    let css = print_css_of(&view);
    match crate::export::pdf::print(&state.config.chromium, &view, &css).await {
        Ok(bytes) => {
            let mut resp = bytes.into_response();
            let h = resp.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            );
            h.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"rapport.pdf\""),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            resp
        }
        Err(e) => {
            tracing::error!(error = %e, "report: printing the pdf failed");
            let message = match lang {
                Lang::Fr => {
                    "Le PDF n'a pas pu être fabriqué pour l'instant. Réessayez dans un moment, ou imprimez la page /rapport depuis votre navigateur (« Enregistrer au format PDF »)."
                }
                Lang::En => {
                    "The PDF could not be made for now. Try again in a moment, or print the /rapport page from your browser (\"Save as PDF\")."
                }
            };
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [
                    (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                    (header::RETRY_AFTER, "30"),
                ],
                message,
            )
                .into_response()
        }
    }
}

/// `GET /rapport/impression.css`: the running header of the printed report (the organisation,
/// the scope and the period) and its page numbers, for the same parameters. Only the request
/// is read and checked, no figure computed.
pub async fn print_css(
    State(state): State<AppState>,
    acting: Acting<Readers>,
    Query(q): Query<ResultsQuery>,
    Query(m): Query<MeetingQuery>,
) -> Response {
    let request = request_of(&acting, q, m);
    match check(&state, &request, today()).await {
        Ok(checked) => {
            let (scope, period) = match &checked.ready {
                Some(ready) => (
                    checked.scope_name.clone(),
                    period(ready.current.from, ready.current.to, request.lang),
                ),
                None => Default::default(),
            };
            let css = running_header(&request.organisation_name, &scope, &period, request.lang);
            let mut resp = css.into_response();
            let h = resp.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/css; charset=utf-8"),
            );
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            resp
        }
        Err(e) => failed("report: print css", e),
    }
}

fn today() -> NaiveDate {
    Utc::now().with_timezone(&Paris).date_naive()
}

fn status_of(view: &MeetingView) -> StatusCode {
    if view.errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    }
}

fn request_of(acting: &Acting<Readers>, query: ResultsQuery, m: MeetingQuery) -> ReportRequest {
    ReportRequest {
        organisation_id: acting.organisation_id,
        organisation_name: acting.organisation_name.clone(),
        org_query: acting.org_query.clone(),
        lang: acting.lang,
        query,
        meeting: m.reunion,
    }
}

/// A CSS string literal of `s` (quotes, backslashes and line ends escaped).
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() || c == '<' || c == '>' => {
                out.push_str(&format!("\\{:x} ", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The printed report's running header and page numbers: their words only (their type is in
/// the site's stylesheet, `@page report`).
pub fn running_header(organisation: &str, scope: &str, period: &str, lang: Lang) -> String {
    let (page, of) = match lang {
        Lang::Fr => ("Page ", " sur "),
        Lang::En => ("Page ", " of "),
    };
    format!(
        "@page report{{@top-left{{content:{}}}@top-right{{content:{}}}@bottom-right{{content:{} counter(page) {} counter(pages)}}}}\n",
        css_string(&format!("{organisation} — {scope}")),
        css_string(period),
        css_string(page),
        css_string(of),
    )
}

/// The running header of a report already made.
pub fn print_css_of(view: &MeetingView) -> String {
    let (scope, period) = view
        .body
        .as_ref()
        .map(|b| (b.scope_name.as_str(), b.period.as_str()))
        .unwrap_or_default();
    running_header(&view.organisation, scope, period, view.lang)
}

/// Whether the page is read on the site or printed from a file by Chromium (its stylesheets
/// are then files beside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Printing {
    Web,
    File,
}

fn query_of(pairs: &[(&str, String)]) -> String {
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

/// A report's request read and checked: the dashboard's parameters (by default the last
/// twelve whole months against the twelve before) and the meeting's date.
struct Checked {
    asked: Asked,
    /// The scope's name, when the scope is one of the organisation's.
    scope_name: String,
    ready: Option<crate::staff::results::Ready>,
    meeting: Option<NaiveDate>,
}

async fn check(
    state: &AppState,
    request: &ReportRequest,
    today: NaiveDate,
) -> db::DbResult<Checked> {
    let lang = request.lang;
    let mut query = request.query.clone();
    if query.from.is_none() && query.to.is_none() {
        let (current, earlier) = default_year(today);
        let month = |d: NaiveDate| d.format("%Y-%m").to_string();
        query.from = Some(month(current.from));
        query.to = Some(month(current.to));
        if query.compare_from.is_none() && query.compare_to.is_none() {
            query.compare_from = Some(month(earlier.from));
            query.compare_to = Some(month(earlier.to));
        }
    }
    let choices = scope_choices(&state.db, lang, Some(request.organisation_id)).await?;
    let mut asked = read_query(&query, &choices, state.config.fragility, lang);
    let meeting = match request
        .meeting
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty())
    {
        None => Some(today),
        Some(raw) => NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok(),
    };
    if meeting.is_none() {
        asked.errors.push((
            "reunion".into(),
            match lang {
                Lang::Fr => "Date de la réunion : sous la forme AAAA-MM-JJ.".into(),
                Lang::En => "Date of the meeting: as YYYY-MM-DD.".into(),
            },
        ));
    }
    let ready = asked.ready.take().filter(|_| asked.errors.is_empty());
    let scope_name = ready
        .as_ref()
        .and_then(|r| choices.iter().find(|c| c.scope == r.scope))
        .map(|c| c.name.clone())
        .unwrap_or_default();
    Ok(Checked {
        asked,
        scope_name,
        ready,
        meeting,
    })
}

/// The report for `request`, as of `today`.
pub async fn build(
    state: &AppState,
    request: &ReportRequest,
    today: NaiveDate,
    printing: Printing,
) -> db::DbResult<MeetingView> {
    let lang = request.lang;
    let org = request.organisation_id;
    let Checked {
        asked:
            Asked {
                form,
                switch_query,
                scopes,
                errors,
                ..
            },
        scope_name,
        ready,
        meeting,
    } = check(state, request, today).await?;
    let reunion = meeting.map(|d| d.to_string()).unwrap_or_default();
    let mut body = None;
    let mut by_source = Vec::new();
    let mut quotes = Vec::new();
    let settings = ready
        .as_ref()
        .map_or(Settings::standard(state.config.fragility), |r| r.settings);
    if let Some(ready) = &ready {
        body = dashboard(state, org, ready, scope_name, lang).await?;
        if let Some((touchpoints, questions)) =
            db::summary::resolve_scope(&state.db, &ready.scope, Some(org)).await?
        {
            let compared = body.as_ref().and_then(|b| b.compared.clone());
            for (source, title) in [
                (
                    Source::Invited,
                    match lang {
                        Lang::Fr => "Sur invitation (lien envoyé après un rendez-vous)",
                        Lang::En => "Invited (link sent after an appointment)",
                    },
                ),
                (
                    Source::Open,
                    match lang {
                        Lang::Fr => "Libres (QR code affiché)",
                        Lang::En => "Open (QR code on display)",
                    },
                ),
            ] {
                let mut settings = ready.settings;
                settings.source = source;
                let summary = summarise_touchpoints(
                    &state.db,
                    &touchpoints,
                    questions.clone(),
                    ready.current,
                    ready.earlier,
                    &settings,
                )
                .await?;
                let (tiles, _) = headline_tiles(
                    &summary,
                    compared.as_deref(),
                    settings.fragility.suppression_min,
                    lang,
                );
                by_source.push((title.to_owned(), tiles));
            }
            quotes = db::comments::quotes(
                &state.db,
                org,
                &touchpoints,
                ready.current.from,
                ready.current.to,
            )
            .await?
            .into_iter()
            .flat_map(|row| {
                let day = long_date(row.day, lang);
                let place = row.touchpoint_name.get(lang).to_owned();
                row.texts.into_iter().map(move |(_, text)| Quote {
                    day: day.clone(),
                    place: place.clone(),
                    text,
                })
            })
            .collect();
        }
    }
    let sections = match (&body, &ready) {
        (Some(_), Some(ready)) => {
            let rows = db::figures::figures(&state.db, org).await?;
            let of = |kinds: &[FigureKind]| entered_tiles(&rows, ready.current, kinds, lang);
            EnteredSections {
                footfall: of(&[FigureKind::Footfall]),
                telephone: of(&[FigureKind::CallPickupRate]),
                mail: of(&[FigureKind::EmailsWithin5Days]),
                complaints: of(&[FigureKind::Complaints, FigureKind::ComplaintsAnswered]),
                delays: of(&[
                    FigureKind::DelayIdCards,
                    FigureKind::DelayDrivingLicences,
                    FigureKind::DelayVehicleRegistrations,
                ]),
            }
        }
        _ => EnteredSections::default(),
    };
    let fragility = state.config.fragility;
    let method = Method {
        interval: app::pages::results::texts::method_name(settings.method.code(), lang).to_owned(),
        level: settings.level,
        fragile_answers: fragility.min_proportion_answers,
        fragile_tests: fragility.min_mystery_tests,
        hidden_below: fragility.suppression_min,
        weighting: match lang {
            Lang::Fr => "Quand la fréquentation de chaque service est saisie pour la période, les parts de l'ensemble sont redressées par service (chaque service pèse ce qu'il reçoit de visiteurs) ; sinon elles sont calculées sur les réponses telles quelles.".into(),
            Lang::En => "When each service's footfall is entered for the period, the shares of the whole are weighted by service (each weighs what it receives of visitors); otherwise they are computed on the answers as they are.".into(),
        },
    };
    let with_reunion = format!(
        "{switch_query}&{}",
        query_of(&[("reunion", reunion.clone())])
    );
    let query = |l: Lang| format!("?{with_reunion}{}&lang={}", request.org_query, l.code());
    let link = |path: &str, l: Lang| format!("{path}{}", query(l));
    let (stylesheet, print_css) = match printing {
        Printing::Web => (
            app::components::document::stylesheet_href(),
            link("/rapport/impression.css", lang),
        ),
        Printing::File => ("app.css".to_owned(), "impression.css".to_owned()),
    };
    let hidden = request
        .org_query
        .strip_prefix("&organisation=")
        .map(|o| vec![("organisation".to_owned(), o.to_owned())])
        .unwrap_or_default();
    let mut hidden = hidden;
    hidden.push(("reunion".to_owned(), reunion));
    Ok(MeetingView {
        lang,
        organisation: request.organisation_name.clone(),
        meeting: meeting.map(|d| long_date(d, lang)).unwrap_or_default(),
        made: long_date(today, lang),
        links: MeetingLinks {
            pdf: link("/rapport.pdf", lang),
            report: link("/rapport", lang),
            slides: link("/rapport/diaporama", lang),
            dashboard: format!(
                "/tableau-de-bord?{switch_query}{}&lang={}",
                request.org_query,
                lang.code()
            ),
            languages: Lang::ALL.into_iter().map(|l| (l, query(l))).collect(),
            stylesheet,
            print_css,
        },
        scopes,
        form,
        errors,
        hidden,
        body,
        by_source,
        quotes,
        sections,
        method,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("day")
    }

    #[test]
    fn the_default_is_the_last_twelve_whole_months_against_the_twelve_before() {
        let (current, earlier) = default_year(day(2026, 12, 2));
        assert_eq!(
            (current.from, current.to),
            (day(2025, 12, 1), day(2026, 11, 30))
        );
        assert_eq!(
            (earlier.from, earlier.to),
            (day(2024, 12, 1), day(2025, 11, 30))
        );
        let (current, _) = default_year(day(2027, 1, 31));
        assert_eq!(
            (current.from, current.to),
            (day(2026, 1, 1), day(2026, 12, 31))
        );
    }

    #[test]
    fn the_running_header_is_a_css_string_whatever_the_names() {
        assert_eq!(
            css_string("Préfecture \"test\""),
            "\"Préfecture \\\"test\\\"\""
        );
        assert_eq!(
            css_string("a\\b\n</style>"),
            "\"a\\\\b\\a \\3c /style\\3e \""
        );
    }
}
