//! A campaign's plan (`/mystere/campagnes/{code}`): its targets and scenarios, the planned tests
//! spread over weekdays and slots and their shoppers, the margin of error they give and the tests
//! a wanted margin needs, and the progress per target and slot.

use crate::http::access::{Acting, Managers};
use crate::http::forms::{Refusal, refusal};
use crate::http::pages::{failed, html, not_found};
use crate::mystery::shared::{is_code, period};
use crate::state::AppState;
use app::components::forms::{FormProblem, Named};
use app::pages::mystery::plan::{CampaignPlanPage, CampaignPlanView, PlannedLine, TargetLine};
use app::render_document;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::Lang;
use domain::mystery::weekday_label;
use leptos::prelude::*;
use serde::Deserialize;

type Manager = Acting<Managers>;

/// `?saved=` (a change was just saved) and `?marge=` (the margin of error wanted, in points).
#[derive(Debug, Deserialize, Default)]
pub struct PlanQuery {
    saved: Option<String>,
    marge: Option<String>,
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
    acting: &Manager,
    code: &str,
    q: &PlanQuery,
    forms: PlanForms,
) -> Response {
    let lang = acting.lang;
    let org = acting.organisation_id;
    let detail = match db::mystery::campaigns::find(&state.db, org, code).await {
        Ok(Some(d)) => d,
        Ok(None) => return not_found(lang),
        Err(e) => return failed("mystery screens: reading a campaign", e),
    };
    let (structure, shoppers) = match (
        db::structure::structure(&state.db, org).await,
        db::mystery::campaigns::shoppers(&state.db, org).await,
    ) {
        (Ok(s), Ok(sh)) => (s, sh),
        (Err(e), _) | (_, Err(e)) => return failed("mystery screens: reading the plan's lists", e),
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
        who: acting.who(),
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
    acting: Manager,
    Path(code): Path<String>,
    Query(q): Query<PlanQuery>,
) -> Response {
    if !is_code(&code) {
        return not_found(acting.lang);
    }
    plan_page(&state, &acting, &code, &q, PlanForms::default()).await
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

async fn change(state: AppState, acting: Manager, code: String, change: Change) -> Response {
    let lang = acting.lang;
    if !is_code(&code) {
        return not_found(lang);
    }
    let path = format!("/mystere/campagnes/{code}");
    let actor = acting.actor();
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
                plan_page(&state, &acting, &code, &PlanQuery::default(), forms).await
            }
            Refusal::Page(resp) => resp,
        },
    }
}

/// `POST /mystere/campagnes/{code}/cibles`.
pub async fn add_target(
    State(state): State<AppState>,
    acting: Manager,
    Path(code): Path<String>,
    Form(f): Form<TargetBody>,
) -> Response {
    change(state, acting, code, Change::Target(f)).await
}

/// `POST /mystere/campagnes/{code}/scenarios`.
pub async fn add_scenario(
    State(state): State<AppState>,
    acting: Manager,
    Path(code): Path<String>,
    Form(f): Form<ScenarioBody>,
) -> Response {
    change(state, acting, code, Change::Scenario(f)).await
}

/// `POST /mystere/campagnes/{code}/planifier`.
pub async fn plan_tests(
    State(state): State<AppState>,
    acting: Manager,
    Path(code): Path<String>,
) -> Response {
    change(state, acting, code, Change::Plan).await
}

/// `POST /mystere/campagnes/{code}/affecter`: `assignment` (repeated) and `shopper`.
pub async fn assign(
    State(state): State<AppState>,
    acting: Manager,
    Path(code): Path<String>,
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
    change(state, acting, code, Change::Assign(ids, shopper)).await
}
