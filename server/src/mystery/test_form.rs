//! A mystery test (`/mystere/tests/{id}`): the shopper's form (a plain form, saved as a draft,
//! submitted; it also answers the JSON autosave of the form's islands) and the referent's
//! decision on a submitted test (validate, or send back with a comment).

use crate::http::access::{Managers, Shoppers, Staff, TestTakers, signed_in};
use crate::http::pages::{failed, html, island_page, not_found, server_error};
use crate::state::AppState;
use app::pages::mystery::test_fields::{CriterionField, CriterionGroup, TestFormData};
use app::pages::mystery::test_form::{TestFormPage, TestFormView};
use app::render_document;
use axum::Json;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use db::accounts::Account;
use db::mystery::tests::{Review, SubmitError, TestContext, TestView};
use domain::mystery::{AnswerError, TestStatus, weekday_label};
use domain::{Lang, Role};
use leptos::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The words of a choice.
fn choice_label(code: &str, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    match code {
        "yes" => if fr { "Oui" } else { "Yes" }.into(),
        "no" => if fr { "Non" } else { "No" }.into(),
        "partly" => if fr { "En partie" } else { "Partly" }.into(),
        "na" => if fr { "Sans objet" } else { "Not applicable" }.into(),
        "1" => if fr {
            "1 – très insuffisant"
        } else {
            "1 – very poor"
        }
        .into(),
        "2" => if fr {
            "2 – insuffisant"
        } else {
            "2 – poor"
        }
        .into(),
        "3" => if fr {
            "3 – satisfaisant"
        } else {
            "3 – good"
        }
        .into(),
        "4" => if fr {
            "4 – très satisfaisant"
        } else {
            "4 – very good"
        }
        .into(),
        other => other.to_owned(),
    }
}

/// The form's fields from a test: saved answers, or the values just posted, with problems.
fn form_view(
    test: &TestView,
    lang: Lang,
    values: &BTreeMap<String, String>,
    errors: &[AnswerError],
) -> Vec<CriterionGroup> {
    test.grid
        .1
        .groups()
        .into_iter()
        .map(|(title, criteria)| CriterionGroup {
            title: title.get(lang).to_owned(),
            fields: criteria
                .into_iter()
                .map(|c| CriterionField {
                    code: c.code.as_str().to_owned(),
                    label: c.label.get(lang).to_owned(),
                    help: c.help.get(lang).to_owned(),
                    kind: c.kind.code().to_owned(),
                    choices: c
                        .kind
                        .choices()
                        .unwrap_or_default()
                        .iter()
                        .map(|code| ((*code).to_owned(), choice_label(code, lang)))
                        .collect(),
                    range: c.kind.range(),
                    required: c.required,
                    applies_when: c
                        .applies_when
                        .as_ref()
                        .map(|w| format!("{}={}", w.criterion, w.answer)),
                    value: values.get(c.code.as_str()).cloned().unwrap_or_default(),
                    error: errors
                        .iter()
                        .find(|e| e.criterion == c.code)
                        .map(|e| e.message(lang)),
                })
                .collect(),
        })
        .collect()
}

/// What the page says on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Notice {
    Saved,
    Submitted,
    Validated,
    Returned,
    Conflict,
    Refused,
}

impl Notice {
    fn text(self, lang: Lang) -> (String, &'static str) {
        let fr = lang == Lang::Fr;
        let (text, kind) = match self {
            Notice::Saved => (
                if fr {
                    "Brouillon enregistré."
                } else {
                    "Draft saved."
                },
                "success",
            ),
            Notice::Submitted => (
                if fr {
                    "Test envoyé au référent. Merci !"
                } else {
                    "Test sent to the referent. Thank you!"
                },
                "success",
            ),
            Notice::Validated => (
                if fr {
                    "Test validé."
                } else {
                    "Test validated."
                },
                "success",
            ),
            Notice::Returned => (
                if fr {
                    "Test renvoyé au testeur avec votre commentaire."
                } else {
                    "Test sent back to the shopper with your comment."
                },
                "success",
            ),
            Notice::Conflict => (
                if fr {
                    "Ce test a été enregistré ailleurs depuis l'ouverture de la page (un autre onglet ?). Vos valeurs sont ci-dessous : vérifiez-les et enregistrez à nouveau."
                } else {
                    "This test was saved elsewhere since the page was opened (another tab?). Your values are below: check them and save again."
                },
                "error",
            ),
            Notice::Refused => (
                if fr {
                    "Ce test ne peut plus être modifié."
                } else {
                    "This test can no longer be changed."
                },
                "error",
            ),
        };
        (text.to_owned(), kind)
    }
}

fn decimal(v: f64, lang: Lang) -> String {
    let s = format!("{v:.1}");
    if lang == Lang::Fr {
        s.replace('.', ",")
    } else {
        s
    }
}

struct Render<'a> {
    values: Option<&'a BTreeMap<String, String>>,
    context: Option<&'a TestContext>,
    errors: &'a [AnswerError],
    context_errors: Vec<(String, String)>,
    notice: Option<(String, &'static str)>,
}

fn render(
    state: &AppState,
    account: &Account,
    test: &TestView,
    lang: Lang,
    r: Render<'_>,
    status: StatusCode,
) -> Response {
    let shopper_view = account.role == Role::Shopper;
    let values = r.values.unwrap_or(&test.answers);
    let context = r.context.unwrap_or(&test.context);
    let score = (!test.status.editable()).then(|| {
        let fields: Vec<(String, String)> = test
            .answers
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let answers = domain::mystery::parse_draft(&test.grid.1, &fields).answers;
        let s = domain::mystery::score(&test.grid.1, &answers);
        s.score
            .map(|v| (format!("{} / 10", decimal(v, lang)), s.meets_standard))
    });
    let q = format!("?lang={}", lang.code());
    let back = if shopper_view {
        (
            format!("/mystere/mes-tests{q}"),
            if lang == Lang::Fr {
                "Mes tests"
            } else {
                "My tests"
            }
            .to_owned(),
        )
    } else {
        (
            format!("/mystere/validation{q}"),
            if lang == Lang::Fr {
                "Tests à valider"
            } else {
                "Tests to validate"
            }
            .to_owned(),
        )
    };
    let form = TestFormData {
        id: test.id,
        editable: shopper_view && test.status.editable(),
        revision: test.revision,
        performed_at: context.performed_at.clone(),
        reached: context.reached.clone(),
        reached_hint: test.detail.clone(),
        comment: context.comment.clone(),
        context_errors: r.context_errors,
        groups: form_view(test, lang, values, r.errors),
    };
    let view = TestFormView {
        campaign: test.campaign.1.clone(),
        target: test.target.clone(),
        scenario: test.scenario.clone(),
        planned: test
            .planned
            .map(|(d, s)| format!("{}, {}", weekday_label(d, lang), s.label(lang))),
        status: (test.status.label().get(lang).to_owned(), test.status.code()),
        review_comment: test.review_comment.clone(),
        form,
        notice: r.notice,
        score: score.flatten(),
        back,
        can_review: !shopper_view && test.status == TestStatus::Submitted,
        shopper: (!shopper_view).then(|| test.shopper.clone()),
    };
    let who = signed_in(account);
    if shopper_view {
        // The shopper's page: the islands that keep the draft (and clear it once sent).
        let islands = Some(state.leptos_options.clone());
        island_page(status, lang, move || {
            view! { <TestFormPage lang=lang who=who view=view islands=islands/> }
        })
    } else {
        let body = render_document(move || {
            view! { <TestFormPage lang=lang who=who view=view islands=None/> }
        });
        html(status, lang, body)
    }
}

/// `?done=`: what just happened.
#[derive(Debug, Deserialize, Default)]
pub struct TestQuery {
    done: Option<String>,
}

/// The test of `id` as `account` may see it: their own for a shopper, their organisation's for
/// a referent or an admin.
async fn visible_test(
    state: &AppState,
    account: &Account,
    id: i32,
) -> db::DbResult<Option<TestView>> {
    match account.role {
        Role::Shopper => db::mystery::tests::test_of_shopper(&state.db, account.id, id).await,
        Role::Referent | Role::Admin => {
            let mut found = None;
            let orgs = match account.organisation_id {
                Some(o) => vec![o],
                None => db::structure::organisations(&state.db)
                    .await?
                    .into_iter()
                    .map(|o| o.id)
                    .collect(),
            };
            for org in orgs {
                if let Some(t) =
                    db::mystery::tests::test_of_organisation(&state.db, org, id).await?
                {
                    found = Some(t);
                    break;
                }
            }
            Ok(found)
        }
        Role::Viewer | Role::Kiosk => Ok(None),
    }
}

/// `GET /mystere/tests/{id}`.
pub async fn show_test(
    State(state): State<AppState>,
    staff: Staff<TestTakers>,
    Path(id): Path<i32>,
    Query(q): Query<TestQuery>,
) -> Response {
    let (lang, account) = (staff.lang, &staff.account);
    let test = match visible_test(&state, account, id).await {
        Ok(Some(t)) => t,
        Ok(None) => return not_found(lang),
        Err(e) => return failed("mystery: reading a test", e),
    };
    let notice = match q.done.as_deref() {
        Some("saved") => Some(Notice::Saved),
        Some("submitted") => Some(Notice::Submitted),
        Some("validated") => Some(Notice::Validated),
        Some("returned") => Some(Notice::Returned),
        _ => None,
    };
    let r = Render {
        values: None,
        context: None,
        errors: &[],
        context_errors: Vec::new(),
        notice: notice.map(|n| n.text(lang)),
    };
    render(&state, account, &test, lang, r, StatusCode::OK)
}

/// The posted form: criterion values (first non-empty value per code), the context, the
/// revision and the action.
struct Posted {
    values: BTreeMap<String, String>,
    context: TestContext,
    revision: Option<i32>,
    submit: bool,
}

fn posted(fields: &[(String, String)]) -> Posted {
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut values = BTreeMap::new();
    for (k, v) in fields {
        if k.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == '-')
            && !v.trim().is_empty()
        {
            values
                .entry(k.clone())
                .or_insert_with(|| v.trim().to_owned());
        }
    }
    Posted {
        values,
        context: TestContext {
            performed_at: get("performed_at").trim().to_owned(),
            reached: get("reached").trim().to_owned(),
            comment: get("comment").trim().to_owned(),
        },
        revision: get("revision").trim().parse().ok(),
        submit: get("action") == "submit",
    }
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"))
}

/// `POST /mystere/tests/{id}`: saves the draft (`action=save`, also the islands' autosave,
/// answered in JSON) or submits the test (`action=submit`).
pub async fn save_test(
    State(state): State<AppState>,
    staff: Staff<Shoppers>,
    headers: HeaderMap,
    Path(id): Path<i32>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let (lang, account) = (staff.lang, staff.account);
    let path = format!("/mystere/tests/{id}");
    let p = posted(&fields);
    let as_fields: Vec<(String, String)> = p
        .values
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let now = Utc::now();
    let json = wants_json(&headers);
    // The draft first, so nothing is lost even when the submission is refused.
    let saved = db::mystery::tests::save_draft(
        &state.db, account.id, id, p.revision, &as_fields, &p.context, now,
    )
    .await;
    let reload = |state: &AppState, account: &Account| {
        let (state, account) = (state.clone(), account.clone());
        async move { db::mystery::tests::test_of_shopper(&state.db, account.id, id).await }
    };
    let refused_page =
        |test: &TestView, r: Render<'_>, status| render(&state, &account, test, lang, r, status);
    let saved = match saved {
        Ok(s) => s,
        // A second tap on "send" after the first went through (the test is no longer editable):
        // the same answers are the same test, answered as the first was.
        Err(db::DbError::Conflict(m)) if p.submit && !json && !m.contains("saved elsewhere") => {
            let outcome = db::mystery::tests::submit_test(
                &state.db, account.id, id, None, &as_fields, &p.context, now,
            )
            .await;
            if outcome.is_ok() {
                return Redirect::to(&format!("{path}?lang={}&done=submitted", lang.code()))
                    .into_response();
            }
            let Ok(Some(test)) = reload(&state, &account).await else {
                return server_error();
            };
            let errors = match outcome {
                Err(SubmitError::Answers(errors)) => errors,
                _ => Vec::new(),
            };
            let r = Render {
                values: Some(&p.values),
                context: Some(&p.context),
                errors: &errors,
                context_errors: Vec::new(),
                notice: Some(Notice::Refused.text(lang)),
            };
            return refused_page(&test, r, StatusCode::CONFLICT);
        }
        Err(e) => {
            let (status, notice, context_errors) = match &e {
                db::DbError::NotFound(_) => return not_found(lang),
                db::DbError::Conflict(m) if m.contains("saved elsewhere") => {
                    (StatusCode::CONFLICT, Notice::Conflict, Vec::new())
                }
                db::DbError::Conflict(_) => (StatusCode::CONFLICT, Notice::Refused, Vec::new()),
                db::DbError::Field { field, fr, en } => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    Notice::Refused,
                    vec![(
                        field.clone(),
                        if lang == Lang::Fr {
                            fr.clone()
                        } else {
                            en.clone()
                        },
                    )],
                ),
                other => {
                    tracing::error!(error = %other, "mystery: saving a test failed");
                    return server_error();
                }
            };
            if json {
                let message = match &e {
                    db::DbError::Field { fr, en, .. } => {
                        if lang == Lang::Fr {
                            fr.clone()
                        } else {
                            en.clone()
                        }
                    }
                    other => other.to_string(),
                };
                return (status, Json(serde_json::json!({ "error": message }))).into_response();
            }
            let Ok(Some(test)) = reload(&state, &account).await else {
                return server_error();
            };
            let notice = (!matches!(e, db::DbError::Field { .. })).then(|| notice.text(lang));
            let r = Render {
                values: Some(&p.values),
                context: Some(&p.context),
                errors: &[],
                context_errors,
                notice,
            };
            return refused_page(&test, r, status);
        }
    };
    if json {
        return Json(serde_json::json!({
            "revision": saved.revision,
            "refused": saved.refused.iter().map(|e| serde_json::json!({
                "criterion": e.criterion.as_str(),
                "message": e.message(lang),
            })).collect::<Vec<_>>(),
        }))
        .into_response();
    }
    let errors: Vec<AnswerError> = if p.submit {
        match db::mystery::tests::submit_test(
            &state.db,
            account.id,
            id,
            Some(saved.revision),
            &as_fields,
            &p.context,
            now,
        )
        .await
        {
            Ok(()) => {
                return Redirect::to(&format!("{path}?lang={}&done=submitted", lang.code()))
                    .into_response();
            }
            Err(SubmitError::Answers(errors)) => errors,
            Err(SubmitError::Db(db::DbError::Field { field, fr, en })) => {
                let Ok(Some(test)) = reload(&state, &account).await else {
                    return server_error();
                };
                let r = Render {
                    values: Some(&p.values),
                    context: Some(&p.context),
                    errors: &[],
                    context_errors: vec![(field, if lang == Lang::Fr { fr } else { en })],
                    notice: None,
                };
                return refused_page(&test, r, StatusCode::UNPROCESSABLE_ENTITY);
            }
            Err(SubmitError::Db(e)) => {
                tracing::error!(error = %e, "mystery: submitting a test failed");
                return server_error();
            }
        }
    } else if saved.refused.is_empty() {
        return Redirect::to(&format!("{path}?lang={}&done=saved", lang.code())).into_response();
    } else {
        saved.refused
    };
    let Ok(Some(test)) = reload(&state, &account).await else {
        return server_error();
    };
    let r = Render {
        values: Some(&p.values),
        context: Some(&p.context),
        errors: &errors,
        context_errors: Vec::new(),
        notice: None,
    };
    refused_page(&test, r, StatusCode::UNPROCESSABLE_ENTITY)
}

/// The referent's decision.
#[derive(Debug, Deserialize)]
pub struct ReviewBody {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    revision: Option<String>,
    #[serde(default)]
    comment: String,
}

/// `POST /mystere/tests/{id}/revue`: validates a submitted test or sends it back.
pub async fn review(
    State(state): State<AppState>,
    staff: Staff<Managers>,
    Path(id): Path<i32>,
    Form(body): Form<ReviewBody>,
) -> Response {
    let (lang, account) = (staff.lang, staff.account);
    let path = format!("/mystere/tests/{id}");
    let test = match visible_test(&state, &account, id).await {
        Ok(Some(t)) => t,
        Ok(None) => return not_found(lang),
        Err(e) => return failed("mystery: reading a test", e),
    };
    let revision = body.revision.as_deref().and_then(|r| r.trim().parse().ok());
    let decision = match body.decision.as_str() {
        "validate" => Review::Validate,
        "return" => Review::Return(body.comment.clone()),
        _ => return not_found(lang),
    };
    let org = test.organisation_id;
    let actor = db::audit::Actor::Account(account.email.clone());
    match db::mystery::tests::review_test(
        &state.db,
        &actor,
        org,
        id,
        revision,
        &decision,
        Utc::now(),
    )
    .await
    {
        Ok(()) => {
            let done = if decision == Review::Validate {
                "validated"
            } else {
                "returned"
            };
            Redirect::to(&format!("{path}?lang={}&done={done}", lang.code())).into_response()
        }
        Err(db::DbError::Field { fr, en, .. }) => {
            let r = Render {
                values: None,
                context: None,
                errors: &[],
                context_errors: Vec::new(),
                notice: Some((if lang == Lang::Fr { fr } else { en }, "error")),
            };
            render(
                &state,
                &account,
                &test,
                lang,
                r,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(db::DbError::Conflict(_)) => {
            let r = Render {
                values: None,
                context: None,
                errors: &[],
                context_errors: Vec::new(),
                notice: Some(Notice::Refused.text(lang)),
            };
            render(&state, &account, &test, lang, r, StatusCode::CONFLICT)
        }
        Err(e) => {
            tracing::error!(error = %e, "mystery: reviewing a test failed");
            server_error()
        }
    }
}
