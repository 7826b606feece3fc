//! The referent's mystery-test screens: campaigns, a campaign's plan, the validation queue,
//! and a campaign's results (also for committee members). Plain forms, post/redirect/get.

use crate::admin::{Acting, Refusal, acting, acting_as, refusal};
use crate::auth::signed_in;
use crate::results::{forbidden, long_date, same_origin, server_error};
use crate::state::AppState;
use crate::visitor::{html, page_language};
use app::pages::admin::{FormProblem, Named};
use app::pages::campaigns::{
    CampaignLine, CampaignPlanPage, CampaignPlanView, CampaignResultsPage, CampaignResultsView,
    CampaignsPage, CampaignsView, PlannedLine, QueueLine, ResultLine, ResultTable, TargetLine,
    ValidationPage,
};
use app::render_document;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use chrono_tz::Europe::Paris;
use db::audit::Actor;
use domain::mystery::{Slot, TestStatus, weekday_label};
use domain::{Lang, Role};
use indicators::mystery::{CampaignResults, Rate, ScoreFigure, Settings, campaign_results};
use leptos::prelude::*;
use serde::Deserialize;

/// `?lang=`, `?organisation=` (an admin's), `?saved=`, `?marge=`.
#[derive(Debug, Deserialize, Default)]
pub struct CampaignQuery {
    lang: Option<String>,
    organisation: Option<String>,
    saved: Option<String>,
    marge: Option<String>,
}

const HOME: &str = "/mystere";

/// Whether a path segment can be a code (lower-case letters, digits, inner hyphens): anything
/// else is no campaign or grid, and must not reach a redirect's header.
fn is_code(raw: &str) -> bool {
    domain::TouchpointCode::parse(raw).is_ok()
}

fn fail(what: &str, e: impl std::fmt::Display) -> Response {
    tracing::error!(error = %e, "mystery screens: {what} failed");
    server_error()
}

fn period(from: chrono::NaiveDate, to: chrono::NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("du {} au {}", long_date(from, lang), long_date(to, lang)),
        Lang::En => format!("from {} to {}", long_date(from, lang), long_date(to, lang)),
    }
}

/// `GET /mystere`: the campaigns (a shopper goes to their own tests).
pub async fn home(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<CampaignQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if let Ok(Some(account)) = crate::auth::current_account(&state, &headers).await
        && account.role == Role::Shopper
    {
        return Redirect::to(&format!("/mystere/mes-tests?lang={}", lang.code())).into_response();
    }
    let acting = match acting_as(
        &state,
        &headers,
        lang,
        HOME,
        q.organisation.as_deref(),
        Role::reads_results,
    )
    .await
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    campaigns_page(&state, &acting, lang, Default::default(), None).await
}

async fn campaigns_page(
    state: &AppState,
    acting: &Acting,
    lang: Lang,
    form: [String; 5],
    problem: Option<FormProblem>,
) -> Response {
    let org = acting.organisation_id;
    let (campaigns, grids, waiting) = match (
        db::mystery::campaigns::list(&state.db, org).await,
        db::mystery::grids::list(&state.db, org).await,
        db::mystery::tests::tests_of_organisation(&state.db, org, Some(TestStatus::Submitted))
            .await,
    ) {
        (Ok(c), Ok(g), Ok(w)) => (c, g, w),
        (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => return fail("listing campaigns", e),
    };
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let view = CampaignsView {
        who: signed_in(&acting.account),
        organisation: acting.organisation_name.clone(),
        org_query: acting.org_query.clone(),
        campaigns: campaigns
            .into_iter()
            .map(|c| CampaignLine {
                period: period(c.from, c.to, lang),
                code: c.code,
                title: c.title,
                grid: c.grid,
                planned: c.progress.planned,
                done: c.progress.done,
                validated: c.progress.validated,
            })
            .collect(),
        manages: acting.account.role.manages(),
        to_validate: waiting.len(),
        grids: grids
            .into_iter()
            .map(|g| Named {
                name: g.title.get(lang).to_owned(),
                code: g.code,
            })
            .collect(),
        form,
        problem,
    };
    let body = render_document(move || view! { <CampaignsPage lang=lang view=view/> });
    html(status, lang, body)
}

/// The campaign creation form.
#[derive(Debug, Deserialize, Default)]
pub struct CampaignBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    grid: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// `POST /mystere/campagnes`.
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<CampaignQuery>,
    Form(f): Form<CampaignBody>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let acting = match acting(&state, &headers, lang, HOME, q.organisation.as_deref()).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let form = db::mystery::campaigns::CampaignForm {
        code: f.code.clone(),
        title: f.title.clone(),
        grid: f.grid.clone(),
        from: f.from.clone(),
        to: f.to.clone(),
    };
    let actor = Actor::Account(acting.account.email.clone());
    match db::mystery::campaigns::create(
        &state.db,
        &actor,
        acting.organisation_id,
        &form,
        Utc::now(),
    )
    .await
    {
        Ok(()) => Redirect::to(&format!(
            "/mystere/campagnes/{}?lang={}{}",
            f.code.trim(),
            lang.code(),
            acting.org_query
        ))
        .into_response(),
        Err(e) => match refusal(e, "campaign", lang) {
            Refusal::Field(problem) => {
                let kept = [f.code, f.title, f.grid, f.from, f.to];
                campaigns_page(&state, &acting, lang, kept, Some(problem)).await
            }
            Refusal::Page(resp) => resp,
        },
    }
}

/// What a plan page shows besides the campaign: the forms' values and a problem.
#[derive(Default)]
struct PlanForms {
    target: [String; 6],
    scenario: [String; 3],
    problem: Option<FormProblem>,
}

fn points(margin: f64, lang: Lang) -> String {
    let s = format!("{:.1}", margin * 100.0);
    if lang == Lang::Fr {
        s.replace('.', ",")
    } else {
        s
    }
}

async fn plan_page(
    state: &AppState,
    acting: &Acting,
    lang: Lang,
    code: &str,
    q: &CampaignQuery,
    forms: PlanForms,
) -> Response {
    let org = acting.organisation_id;
    let detail = match db::mystery::campaigns::find(&state.db, org, code).await {
        Ok(Some(d)) => d,
        Ok(None) => return crate::admin::not_found(lang),
        Err(e) => return fail("reading a campaign", e),
    };
    let (structure, shoppers) = match (
        db::structure::structure(&state.db, org).await,
        db::mystery::campaigns::shoppers(&state.db, org).await,
    ) {
        (Ok(s), Ok(sh)) => (s, sh),
        (Err(e), _) | (_, Err(e)) => return fail("reading the plan's lists", e),
    };
    let planned = u64::from(detail.progress.planned);
    let fr = lang == Lang::Fr;
    let mut precision = Vec::new();
    for p in [0.8, 0.5] {
        if let Ok(m) = stats::margin_of_error(planned, p, 0.95, None) {
            precision.push(if fr {
                format!(
                    "Avec {planned} tests prévus, un taux de conformité proche de {} % est connu à ±{} points (95 %).",
                    (p * 100.0) as u32,
                    points(m, lang)
                )
            } else {
                format!(
                    "With {planned} planned tests, a conformity rate near {}% is known within ±{} points (95%).",
                    (p * 100.0) as u32,
                    points(m, lang)
                )
            });
        }
    }
    if planned < 10 {
        precision.push(if fr {
            "Moins de 10 tests : les résultats seront signalés comme fragiles.".into()
        } else {
            "Fewer than 10 tests: the results will be flagged as fragile.".into()
        });
    }
    let mut problem = forms.problem;
    let margin_input = q.marge.clone().unwrap_or_default();
    let wanted = match margin_input.trim().replace(',', ".").parse::<f64>() {
        _ if margin_input.trim().is_empty() => None,
        Ok(m) if m > 0.0 && m < 50.0 => stats::sample_size_proportion(0.5, m / 100.0, 0.95, None)
            .ok()
            .map(|n| (margin_input.trim().to_owned(), n.n.to_string())),
        _ => {
            problem.get_or_insert(FormProblem {
                form: "margin".into(),
                field: "marge".into(),
                message: if fr {
                    "Marge d'erreur : un nombre de points entre 0 et 50 (par exemple 10).".into()
                } else {
                    "Margin of error: a number of points between 0 and 50 (for example 10).".into()
                },
            });
            None
        }
    };
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let view = CampaignPlanView {
        who: signed_in(&acting.account),
        org_query: acting.org_query.clone(),
        code: detail.code.clone(),
        title: detail.title.clone(),
        grid: detail.grid.clone(),
        period: period(detail.from, detail.to, lang),
        precision,
        wanted,
        margin_input,
        targets: detail
            .targets
            .iter()
            .map(|t| TargetLine {
                code: t.code.clone(),
                label: t.label.clone(),
                kind: t.kind.clone(),
                detail: t.detail.clone(),
                planned: t.progress.planned,
                done: t.progress.done,
                validated: t.progress.validated,
            })
            .collect(),
        slots: detail
            .by_slot
            .iter()
            .map(|(s, p)| (s.label(lang).to_owned(), p.planned, p.done, p.validated))
            .collect(),
        scenarios: detail
            .scenarios
            .iter()
            .map(|s| {
                (
                    s.code.clone(),
                    s.question.clone(),
                    s.expected_answer.clone(),
                )
            })
            .collect(),
        planned: detail
            .assignments
            .iter()
            .map(|a| PlannedLine {
                id: a.id,
                target: a.target.clone(),
                scenario: a.scenario.clone().unwrap_or_default(),
                when: format!("{}, {}", weekday_label(a.weekday, lang), a.slot.label(lang)),
                shopper: a.shopper.clone().unwrap_or_default(),
                test: a.test.map(|(id, s)| (id, s.label().get(lang).to_owned())),
            })
            .collect(),
        services: structure
            .services
            .iter()
            .map(|s| Named {
                code: s.code.clone(),
                name: s.name.get(lang).to_owned(),
            })
            .collect(),
        shoppers: shoppers
            .into_iter()
            .map(|email| Named {
                code: email.clone(),
                name: email,
            })
            .collect(),
        target_form: forms.target,
        scenario_form: forms.scenario,
        problem,
        saved: q.saved.is_some(),
    };
    let body = render_document(move || view! { <CampaignPlanPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /mystere/campagnes/{code}`: the plan.
pub async fn plan(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<CampaignQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if !is_code(&code) {
        return crate::admin::not_found(lang);
    }
    let path = format!("/mystere/campagnes/{code}");
    let acting = match acting(&state, &headers, lang, &path, q.organisation.as_deref()).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    plan_page(&state, &acting, lang, &code, &q, PlanForms::default()).await
}

/// The target form.
#[derive(Debug, Deserialize, Default)]
pub struct TargetBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    detail: String,
    #[serde(default)]
    planned: String,
}

/// The scenario form.
#[derive(Debug, Deserialize, Default)]
pub struct ScenarioBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    question: String,
    #[serde(default)]
    expected_answer: String,
}

/// A plan change: the form's name, then its outcome.
enum Change {
    Target(TargetBody),
    Scenario(ScenarioBody),
    Plan,
    Assign(Vec<i32>, String),
}

async fn change(
    state: AppState,
    headers: HeaderMap,
    code: String,
    q: CampaignQuery,
    change: Change,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if !is_code(&code) {
        return crate::admin::not_found(lang);
    }
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let path = format!("/mystere/campagnes/{code}");
    let acting = match acting(&state, &headers, lang, &path, q.organisation.as_deref()).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let actor = Actor::Account(acting.account.email.clone());
    let org = acting.organisation_id;
    let now = Utc::now();
    let (result, form_name, mut forms) = match change {
        Change::Target(t) => {
            let form = db::mystery::plan::TargetForm {
                code: t.code.clone(),
                label: t.label.clone(),
                kind: t.kind.clone(),
                service: t.service.clone(),
                detail: t.detail.clone(),
                planned: t.planned.clone(),
            };
            let forms = PlanForms {
                target: [t.code, t.label, t.kind, t.service, t.detail, t.planned],
                ..PlanForms::default()
            };
            (
                db::mystery::plan::add_target(&state.db, &actor, org, &code, &form, now).await,
                "target",
                forms,
            )
        }
        Change::Scenario(s) => {
            let form = db::mystery::plan::ScenarioForm {
                code: s.code.clone(),
                question: s.question.clone(),
                expected_answer: s.expected_answer.clone(),
            };
            let forms = PlanForms {
                scenario: [s.code, s.question, s.expected_answer],
                ..PlanForms::default()
            };
            (
                db::mystery::plan::add_scenario(&state.db, &actor, org, &code, &form, now).await,
                "scenario",
                forms,
            )
        }
        Change::Plan => (
            db::mystery::plan::plan_tests(&state.db, &actor, org, &code, now)
                .await
                .map(|_| ()),
            "plan",
            PlanForms::default(),
        ),
        Change::Assign(ids, shopper) => {
            let who = (!shopper.trim().is_empty()).then_some(shopper.as_str());
            (
                db::mystery::plan::assign(&state.db, &actor, org, &code, &ids, who, now)
                    .await
                    .map(|_| ()),
                "assign",
                PlanForms::default(),
            )
        }
    };
    match result {
        Ok(()) => Redirect::to(&format!(
            "{path}?lang={}{}&saved=1",
            lang.code(),
            acting.org_query
        ))
        .into_response(),
        Err(e) => match refusal(e, form_name, lang) {
            Refusal::Field(problem) => {
                forms.problem = Some(problem);
                plan_page(&state, &acting, lang, &code, &q, forms).await
            }
            Refusal::Page(resp) => resp,
        },
    }
}

/// `POST /mystere/campagnes/{code}/cibles`.
pub async fn add_target(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<CampaignQuery>,
    Form(f): Form<TargetBody>,
) -> Response {
    change(state, headers, code, q, Change::Target(f)).await
}

/// `POST /mystere/campagnes/{code}/scenarios`.
pub async fn add_scenario(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<CampaignQuery>,
    Form(f): Form<ScenarioBody>,
) -> Response {
    change(state, headers, code, q, Change::Scenario(f)).await
}

/// `POST /mystere/campagnes/{code}/planifier`.
pub async fn plan_tests(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<CampaignQuery>,
) -> Response {
    change(state, headers, code, q, Change::Plan).await
}

/// `POST /mystere/campagnes/{code}/affecter`: `assignment` (repeated) and `shopper`.
pub async fn assign(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<CampaignQuery>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let ids = fields
        .iter()
        .filter(|(k, _)| k == "assignment")
        .filter_map(|(_, v)| v.parse::<i32>().ok())
        .collect();
    let shopper = fields
        .iter()
        .find(|(k, _)| k == "shopper")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    change(state, headers, code, q, Change::Assign(ids, shopper)).await
}

/// `GET /mystere/validation`: the tests waiting for the referent.
pub async fn validation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<CampaignQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    let acting = match acting(
        &state,
        &headers,
        lang,
        "/mystere/validation",
        q.organisation.as_deref(),
    )
    .await
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let org = acting.organisation_id;
    let lines = |status| {
        let state = state.clone();
        async move {
            db::mystery::tests::tests_of_organisation(&state.db, org, Some(status))
                .await
                .map(|rows| {
                    rows.into_iter()
                        .map(|t| QueueLine {
                            id: t.id,
                            campaign: t.campaign,
                            target: t.target,
                            shopper: t.shopper,
                            when: t
                                .performed_at
                                .map(|at| {
                                    at.with_timezone(&Paris)
                                        .format("%d/%m/%Y %H:%M")
                                        .to_string()
                                })
                                .unwrap_or_default(),
                            status: t.status.label().get(lang).to_owned(),
                        })
                        .collect::<Vec<_>>()
                })
        }
    };
    let (submitted, returned) = match (
        lines(TestStatus::Submitted).await,
        lines(TestStatus::Returned).await,
    ) {
        (Ok(s), Ok(r)) => (s, r),
        (Err(e), _) | (_, Err(e)) => return fail("listing tests to validate", e),
    };
    let who = signed_in(&acting.account);
    let org_query = acting.org_query.clone();
    let body = render_document(move || {
        view! { <ValidationPage lang=lang who=who org_query=org_query submitted=submitted returned=returned/> }
    });
    html(StatusCode::OK, lang, body)
}

fn percent(v: Option<f64>, lang: Lang) -> String {
    v.map(|x| {
        let s = format!("{:.0}", x * 100.0);
        match lang {
            Lang::Fr => format!("{s}\u{202f}%"),
            Lang::En => format!("{s}%"),
        }
    })
    .unwrap_or_else(|| "—".into())
}

fn number(v: Option<f64>, lang: Lang) -> String {
    v.map(|x| {
        let s = format!("{x:.1}");
        if lang == Lang::Fr {
            s.replace('.', ",")
        } else {
            s
        }
    })
    .unwrap_or_else(|| "—".into())
}

fn interval(lower: String, upper: String, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("de {lower} à {upper}"),
        Lang::En => format!("{lower} to {upper}"),
    }
}

fn change_text(c: Option<indicators::Change>, points: bool, lang: Lang) -> String {
    c.map(|c| {
        let scale = if points { 100.0 } else { 1.0 };
        let s = format!("{:+.1}", c.estimate * scale);
        let s = if lang == Lang::Fr {
            s.replace('.', ",")
        } else {
            s
        };
        let unit = if points { " pts" } else { "" };
        let p = format!("{:.3}", c.p_value);
        format!("{s}{unit} (p = {p})")
    })
    .unwrap_or_else(|| "—".into())
}

fn rate_line(name: String, r: &Rate, lang: Lang) -> ResultLine {
    ResultLine {
        name,
        n: r.n.to_string(),
        estimate: format!("{} ({}/{})", percent(r.estimate, lang), r.passed, r.n),
        interval: interval(percent(r.lower, lang), percent(r.upper, lang), lang),
        change: change_text(r.change, true, lang),
        fragile: r.fragile,
    }
}

fn score_line(name: String, s: &ScoreFigure, lang: Lang) -> ResultLine {
    ResultLine {
        name,
        n: s.n.to_string(),
        estimate: format!("{} / 10", number(s.estimate, lang)),
        interval: interval(number(s.lower, lang), number(s.upper, lang), lang),
        change: change_text(s.change, false, lang),
        fragile: s.fragile,
    }
}

fn results_view(r: &CampaignResults, title: &str, lang: Lang) -> (Vec<String>, Vec<ResultTable>) {
    let fr = lang == Lang::Fr;
    let mut summary = vec![if fr {
        format!(
            "{} tests validés (seuls les tests validés comptent). Standard : {} / 10.",
            r.tests,
            number(Some(r.standard), lang)
        )
    } else {
        format!(
            "{} validated tests (only validated tests count). Standard: {} / 10.",
            r.tests,
            number(Some(r.standard), lang)
        )
    }];
    if let Some(p) = &r.previous {
        summary.push(if fr {
            format!("Évolution : par rapport à la campagne {p} (écart de taux en points, intervalle de Newcombe ; écart de notes, test de Welch), avec sa p-valeur.")
        } else {
            format!("Change: against campaign {p} (difference of rates in points, Newcombe interval; of scores, Welch test), with its p-value.")
        });
    }
    summary.push(if fr {
        format!("Intervalles de confiance à 95 % (Wilson pour les taux, Student pour la note moyenne). Fragile : moins de {} tests.", r.fragile_below)
    } else {
        format!("95% confidence intervals (Wilson for rates, Student for the mean score). Fragile: fewer than {} tests.", r.fragile_below)
    });
    let (overall, criteria, engagements) = if fr {
        (
            "Vue d'ensemble",
            "Conformité par critère",
            "Conformité par engagement",
        )
    } else {
        (
            "Overview",
            "Conformity per criterion",
            "Conformity per engagement",
        )
    };
    let mut tables = vec![
        ResultTable {
            caption: format!("{title} – {overall}"),
            first: if fr { "Indicateur" } else { "Indicator" }.into(),
            lines: vec![
                score_line(
                    if fr { "Note moyenne" } else { "Mean score" }.into(),
                    &r.score,
                    lang,
                ),
                rate_line(
                    if fr {
                        "Tests conformes au standard"
                    } else {
                        "Tests meeting the standard"
                    }
                    .into(),
                    &r.meets_standard,
                    lang,
                ),
            ],
        },
        ResultTable {
            caption: criteria.into(),
            first: if fr { "Critère" } else { "Criterion" }.into(),
            lines: r
                .criteria
                .iter()
                .map(|c| {
                    let rate = Rate {
                        estimate: c.estimate,
                        lower: c.lower,
                        upper: c.upper,
                        n: c.n,
                        passed: c.passed,
                        fragile: c.fragile,
                        change: c.change,
                    };
                    rate_line(format!("{} – {}", c.code, c.label), &rate, lang)
                })
                .collect(),
        },
        ResultTable {
            caption: engagements.into(),
            first: "Engagement".into(),
            lines: r
                .engagements
                .iter()
                .map(|e| ResultLine {
                    name: format!("{} ({})", e.id, e.criteria.join(", ")),
                    n: e.tests.to_string(),
                    estimate: format!("{} ({}/{})", percent(e.estimate, lang), e.passed, e.checks),
                    interval: interval(percent(e.lower, lang), percent(e.upper, lang), lang),
                    change: "—".into(),
                    fragile: e.fragile,
                })
                .collect(),
        },
    ];
    let mut by_slot = r.by_slot.clone();
    by_slot.sort_by_key(|g| indicators::mystery::slot_order(&g.key));
    /// How a group's key reads.
    #[derive(Clone, Copy)]
    enum Key {
        AsIs,
        Slot,
        Weekday,
    }
    let breakdowns: [(&str, &str, Key, Vec<indicators::mystery::Group>); 5] = [
        (
            if fr { "Par cible" } else { "By target" },
            if fr { "Cible" } else { "Target" },
            Key::AsIs,
            r.by_target.clone(),
        ),
        (
            if fr { "Par service" } else { "By service" },
            "Service",
            Key::AsIs,
            r.by_service.clone(),
        ),
        (
            if fr { "Par créneau" } else { "By slot" },
            if fr { "Créneau" } else { "Slot" },
            Key::Slot,
            by_slot,
        ),
        (
            if fr {
                "Par jour de la semaine"
            } else {
                "By weekday"
            },
            if fr { "Jour" } else { "Day" },
            Key::Weekday,
            r.by_weekday.clone(),
        ),
        (
            if fr { "Par testeur" } else { "By shopper" },
            if fr { "Testeur" } else { "Shopper" },
            Key::AsIs,
            r.by_shopper.clone(),
        ),
    ];
    for (caption, first, key, groups) in breakdowns {
        let lines = groups
            .iter()
            .map(|g| {
                let name = match key {
                    Key::Slot => Slot::parse(&g.key)
                        .map(|s| s.label(lang).to_owned())
                        .unwrap_or_else(|| g.key.clone()),
                    Key::Weekday => g
                        .key
                        .parse::<u8>()
                        .map(|d| weekday_label(d, lang).to_owned())
                        .unwrap_or_else(|_| g.key.clone()),
                    Key::AsIs => g.key.clone(),
                };
                let mut line = score_line(name, &g.score, lang);
                line.estimate = format!(
                    "{} · {} {}",
                    line.estimate,
                    percent(g.meets_standard.estimate, lang),
                    if fr {
                        "conformes"
                    } else {
                        "meeting the standard"
                    }
                );
                line
            })
            .collect();
        tables.push(ResultTable {
            caption: caption.into(),
            first: first.into(),
            lines,
        });
    }
    (summary, tables)
}

/// `GET /mystere/campagnes/{code}/resultats`: a campaign's results (validated tests only).
pub async fn results(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<CampaignQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if !is_code(&code) {
        return crate::admin::not_found(lang);
    }
    let path = format!("/mystere/campagnes/{code}/resultats");
    let acting = match acting_as(
        &state,
        &headers,
        lang,
        &path,
        q.organisation.as_deref(),
        Role::reads_results,
    )
    .await
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let org = acting.organisation_id;
    let current = match db::mystery::results::campaign_tests(&state.db, org, &code, true).await {
        Ok(Some(c)) => c,
        Ok(None) => return crate::admin::not_found(lang),
        Err(e) => return fail("reading a campaign's tests", e),
    };
    let previous = match db::mystery::results::previous_campaign(&state.db, org, &code).await {
        Ok(Some(p)) => db::mystery::results::campaign_tests(&state.db, org, &p, true)
            .await
            .ok()
            .flatten(),
        Ok(None) => None,
        Err(e) => return fail("finding the previous campaign", e),
    };
    let settings = Settings {
        method: stats::ProportionMethod::Wilson,
        level: 0.95,
        fragile_below: state.config.fragility.min_mystery_tests,
    };
    let r = campaign_results(&current, previous.as_ref(), settings);
    let (summary, tables) = results_view(&r, &current.title, lang);
    let view = CampaignResultsView {
        who: signed_in(&acting.account),
        org_query: acting.org_query.clone(),
        code: current.code.clone(),
        title: current.title.clone(),
        summary,
        tables,
    };
    let body = render_document(move || view! { <CampaignResultsPage lang=lang view=view/> });
    html(StatusCode::OK, lang, body)
}

fn kind_words(kind: domain::mystery::CriterionKind, lang: Lang) -> &'static str {
    use domain::mystery::CriterionKind as K;
    let fr = lang == Lang::Fr;
    match kind {
        K::YesNo => {
            if fr {
                "oui / non"
            } else {
                "yes / no"
            }
        }
        K::YesNoNa => {
            if fr {
                "oui / non / sans objet"
            } else {
                "yes / no / n.a."
            }
        }
        K::YesPartlyNo => {
            if fr {
                "oui / en partie / non"
            } else {
                "yes / partly / no"
            }
        }
        K::Scale4 => {
            if fr {
                "échelle 1 à 4"
            } else {
                "scale 1 to 4"
            }
        }
        K::Scale4Na => {
            if fr {
                "échelle 1 à 4 / sans objet"
            } else {
                "scale 1 to 4 / n.a."
            }
        }
        K::Count => {
            if fr {
                "nombre"
            } else {
                "count"
            }
        }
        K::Seconds => {
            if fr {
                "secondes"
            } else {
                "seconds"
            }
        }
        K::Minutes => "minutes",
        K::FreeText => {
            if fr {
                "texte libre"
            } else {
                "free text"
            }
        }
    }
}

fn rule_words(rule: domain::mystery::PassRule, lang: Lang) -> String {
    use domain::mystery::PassRule as R;
    let fr = lang == Lang::Fr;
    match rule {
        R::None => if fr {
            "information seule"
        } else {
            "information only"
        }
        .into(),
        R::Yes => if fr {
            "conforme si oui"
        } else {
            "passes on yes"
        }
        .into(),
        R::AtLeast(n) => format!("≥ {n}"),
        R::AtMost(n) => format!("≤ {n}"),
    }
}

async fn grid_page(
    state: &AppState,
    acting: &Acting,
    lang: Lang,
    code: &str,
    problem: Option<FormProblem>,
    saved: bool,
) -> Response {
    use app::pages::campaigns::{CriterionLine, GridPage, GridView};
    let grid = match db::mystery::grids::find(&state.db, acting.organisation_id, code).await {
        Ok(Some(g)) => g,
        Ok(None) => return crate::admin::not_found(lang),
        Err(e) => return fail("reading a grid", e),
    };
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let view = GridView {
        who: signed_in(&acting.account),
        org_query: acting.org_query.clone(),
        code: grid.code.clone(),
        title: grid.title.get(lang).to_owned(),
        version: grid.version,
        standard: number(Some(grid.definition.standard), lang),
        criteria: grid
            .definition
            .criteria
            .iter()
            .map(|c| CriterionLine {
                code: c.code.as_str().to_owned(),
                label: c.label.get(lang).to_owned(),
                kind: kind_words(c.kind, lang).to_owned(),
                rule: rule_words(c.rule, lang),
                threshold: c.rule.threshold().map(|t| t.to_string()),
                engagement: c.engagement.clone().unwrap_or_default(),
            })
            .collect(),
        manages: acting.account.role.manages(),
        problem,
        saved,
    };
    let body = render_document(move || view! { <GridPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /mystere/grilles/{code}`.
pub async fn grid(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<CampaignQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if !is_code(&code) {
        return crate::admin::not_found(lang);
    }
    let path = format!("/mystere/grilles/{code}");
    let acting = match acting_as(
        &state,
        &headers,
        lang,
        &path,
        q.organisation.as_deref(),
        Role::reads_results,
    )
    .await
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    grid_page(&state, &acting, lang, &code, None, q.saved.is_some()).await
}

/// `POST /mystere/grilles/{code}`: new thresholds (`threshold_C02`…) and standard.
pub async fn update_grid(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<CampaignQuery>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    use domain::mystery::PassRule;
    let lang = page_language(q.lang.as_deref(), &headers);
    if !is_code(&code) {
        return crate::admin::not_found(lang);
    }
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let path = format!("/mystere/grilles/{code}");
    let acting = match acting(&state, &headers, lang, &path, q.organisation.as_deref()).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let grid = match db::mystery::grids::find(&state.db, acting.organisation_id, &code).await {
        Ok(Some(g)) => g,
        Ok(None) => return crate::admin::not_found(lang),
        Err(e) => return fail("reading a grid", e),
    };
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_owned())
    };
    let problem = |field: &str, fr: String, en: String| FormProblem {
        form: "grid".into(),
        field: field.into(),
        message: if lang == Lang::Fr { fr } else { en },
    };
    let mut definition = grid.definition.clone();
    for c in &mut definition.criteria {
        let Some(raw) = field(&format!("threshold_{}", c.code)) else {
            continue;
        };
        let Ok(n) = raw.parse::<u32>() else {
            let p = problem(
                "criteria",
                format!("Seuil de {} : un nombre entier.", c.code),
                format!("Threshold of {}: a whole number.", c.code),
            );
            return grid_page(&state, &acting, lang, &code, Some(p), false).await;
        };
        c.rule = match c.rule {
            PassRule::AtLeast(_) => PassRule::AtLeast(n),
            PassRule::AtMost(_) => PassRule::AtMost(n),
            other => other,
        };
    }
    if let Some(raw) = field("standard") {
        match raw.replace(',', ".").parse::<f64>() {
            Ok(v) if (0.0..=10.0).contains(&v) => definition.standard = v,
            _ => {
                let p = problem(
                    "standard",
                    "Standard : une note entre 0 et 10.".into(),
                    "Standard: a mark between 0 and 10.".into(),
                );
                return grid_page(&state, &acting, lang, &code, Some(p), false).await;
            }
        }
    }
    let actor = Actor::Account(acting.account.email.clone());
    match db::mystery::grids::update(
        &state.db,
        &actor,
        acting.organisation_id,
        &code,
        &definition,
        Utc::now(),
    )
    .await
    {
        Ok(_) => Redirect::to(&format!(
            "{path}?lang={}{}&saved=1",
            lang.code(),
            acting.org_query
        ))
        .into_response(),
        Err(e) => match refusal(e, "grid", lang) {
            Refusal::Field(p) => grid_page(&state, &acting, lang, &code, Some(p), false).await,
            Refusal::Page(resp) => resp,
        },
    }
}

async fn referential_page(state: &AppState, acting: &Acting, lang: Lang, saved: bool) -> Response {
    use app::pages::campaigns::{EngagementLine, ReferentialPage};
    let (version, referential) =
        match db::mystery::grids::referential(&state.db, acting.organisation_id).await {
            Ok(r) => r,
            Err(e) => return fail("reading the referential", e),
        };
    let engagements = referential
        .engagements
        .into_iter()
        .map(|e| EngagementLine {
            title: e.title.get(lang).to_owned(),
            threshold: e.threshold.get(lang).to_owned(),
            id: e.id,
            module: e.module,
            channel: e.channel,
        })
        .collect::<Vec<_>>();
    let who = signed_in(&acting.account);
    let org_query = acting.org_query.clone();
    let manages = acting.account.role.manages();
    let body = render_document(move || {
        view! { <ReferentialPage lang=lang who=who org_query=org_query version=version engagements=engagements manages=manages saved=saved/> }
    });
    html(StatusCode::OK, lang, body)
}

/// `GET /mystere/referentiel`.
pub async fn referential(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<CampaignQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    let acting = match acting_as(
        &state,
        &headers,
        lang,
        "/mystere/referentiel",
        q.organisation.as_deref(),
        Role::reads_results,
    )
    .await
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    referential_page(&state, &acting, lang, q.saved.is_some()).await
}

/// `POST /mystere/referentiel`: new thresholds (`threshold_M1-TEL-01`…), in the page's language
/// (the other language keeps its text unless it was the same), saved as the next version.
pub async fn update_referential(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<CampaignQuery>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let acting = match acting(
        &state,
        &headers,
        lang,
        "/mystere/referentiel",
        q.organisation.as_deref(),
    )
    .await
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let (_, mut referential) =
        match db::mystery::grids::referential(&state.db, acting.organisation_id).await {
            Ok(r) => r,
            Err(e) => return fail("reading the referential", e),
        };
    let mut changed = false;
    for e in &mut referential.engagements {
        let name = format!("threshold_{}", e.id);
        if let Some((_, v)) = fields.iter().find(|(k, _)| *k == name) {
            let text: String = v.trim().chars().take(300).collect();
            let (fr, en) = (
                e.threshold.get(Lang::Fr).to_owned(),
                e.threshold.get(Lang::En).to_owned(),
            );
            e.threshold = match lang {
                Lang::Fr if text != fr => domain::Translated::fr_en(&text, &en),
                Lang::En if text != en => domain::Translated::fr_en(&fr, &text),
                _ => continue,
            };
            changed = true;
        }
    }
    let done = format!(
        "/mystere/referentiel?lang={}{}&saved=1",
        lang.code(),
        acting.org_query
    );
    if !changed {
        return Redirect::to(&done).into_response();
    }
    let actor = Actor::Account(acting.account.email.clone());
    match db::mystery::grids::update_referential(
        &state.db,
        &actor,
        acting.organisation_id,
        &referential,
        Utc::now(),
    )
    .await
    {
        Ok(_) => Redirect::to(&done).into_response(),
        Err(e) => fail("saving the referential", e),
    }
}
