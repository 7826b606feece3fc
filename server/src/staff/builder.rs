//! The survey builder's routes (`/admin/questionnaires…`): list and create questionnaires, edit a
//! draft question by question, preview it, publish it as a new version, close and reopen.
//! Every change is a plain form POST followed by a redirect; refused input comes back with 400
//! and its message next to the field.

use crate::http::access::{Acting, Managers};
use crate::http::forms::{Refusal, refusal};
use crate::http::pages::{failed, html, not_found};
use crate::state::AppState;
use app::pages::staff::builder::{
    BuilderPage, BuilderView, PreviewPage, QuestionFields, SurveyLine, SurveysPage, SurveysView,
    is_open,
};
use app::render_document;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use db::builder::{Edit, QuestionForm};
use domain::Lang;
use leptos::prelude::*;
use serde::Deserialize;

const LIST: &str = "/admin/questionnaires";

type Manager = Acting<Managers>;

/// Query of the builder's pages: what just happened, and the question whose form is open.
#[derive(Debug, Deserialize, Default)]
pub struct BuilderQuery {
    saved: Option<String>,
    published: Option<String>,
    /// The question whose form is open.
    question: Option<String>,
}

async fn surveys_view(state: &AppState, acting: &Manager) -> Result<SurveysView, Response> {
    let lang = acting.lang;
    let list = db::builder::surveys(&state.db, acting.organisation_id)
        .await
        .map_err(|e| failed("builder: listing", e))?;
    Ok(SurveysView {
        who: acting.who(),
        organisation: acting.organisation_name.clone(),
        org_query: acting.org_query.clone(),
        surveys: list
            .into_iter()
            .map(|s| SurveyLine {
                title: s.title.get(lang).to_owned(),
                code: s.code,
                open: is_open(s.status),
                version: s.version,
                has_draft: s.has_draft,
                touchpoints: s.touchpoints,
            })
            .collect(),
        form: Default::default(),
        problem: None,
    })
}

fn surveys_page(lang: Lang, status: StatusCode, view: SurveysView) -> Response {
    let body = render_document(move || view! { <SurveysPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /admin/questionnaires`.
pub async fn list(State(state): State<AppState>, acting: Manager) -> Response {
    match surveys_view(&state, &acting).await {
        Ok(view) => surveys_page(acting.lang, StatusCode::OK, view),
        Err(resp) => resp,
    }
}

/// The creation form.
#[derive(Debug, Deserialize, Default)]
pub struct SurveyForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    title_fr: String,
    #[serde(default)]
    title_en: String,
}

/// `POST /admin/questionnaires`: creates a questionnaire (its draft starts from the default
/// questionnaire) and opens it in the builder.
pub async fn create(
    State(state): State<AppState>,
    acting: Manager,
    Form(f): Form<SurveyForm>,
) -> Response {
    let lang = acting.lang;
    let actor = acting.actor();
    let outcome = db::builder::add_survey(
        &state.db,
        &actor,
        acting.organisation_id,
        &f.code,
        &f.title_fr,
        &f.title_en,
        Utc::now(),
    )
    .await;
    match outcome {
        Ok(()) => Redirect::to(&format!(
            "{LIST}/{}?lang={}{}",
            f.code.trim(),
            lang.code(),
            acting.org_query
        ))
        .into_response(),
        Err(e) => match refusal(e, "builder", lang) {
            Refusal::Field(problem) => match surveys_view(&state, &acting).await {
                Ok(mut view) => {
                    view.form = (f.code, f.title_fr, f.title_en);
                    view.problem = Some(problem);
                    surveys_page(lang, StatusCode::BAD_REQUEST, view)
                }
                Err(resp) => resp,
            },
            Refusal::Page(resp) => resp,
        },
    }
}

fn fields_of(form: &QuestionForm) -> QuestionFields {
    QuestionFields {
        code: form.code.clone(),
        kind: form.kind.clone(),
        required: form.required,
        text_fr: form.text_fr.clone(),
        text_en: form.text_en.clone(),
        help_fr: form.help_fr.clone(),
        help_en: form.help_en.clone(),
        options: form.options.clone(),
    }
}

/// The builder page of `code`, with the form of `editing` (or the addition form).
async fn builder_view(
    state: &AppState,
    acting: &Manager,
    code: &str,
    editing: Option<&str>,
) -> Result<BuilderView, Response> {
    let lang = acting.lang;
    let draft = match db::builder::draft(&state.db, acting.organisation_id, code).await {
        Ok(Some(d)) => d,
        Ok(None) => return Err(not_found(lang)),
        Err(e) => return Err(failed("builder: reading the draft", e)),
    };
    let edited = editing.and_then(|c| {
        draft
            .definition
            .questions
            .iter()
            .find(|q| q.code.as_str() == c)
    });
    let form = match edited {
        Some(q) => fields_of(&QuestionForm::of(q)),
        None => QuestionFields {
            kind: domain::QuestionKind::Likert4.code().to_owned(),
            required: true,
            ..QuestionFields::default()
        },
    };
    Ok(BuilderView {
        who: acting.who(),
        org_query: acting.org_query.clone(),
        title: draft.title.get(lang).to_owned(),
        code: draft.code,
        open: is_open(draft.status),
        version: draft.version,
        changed: draft.changed,
        editing: edited.map(|q| q.code.as_str().to_owned()),
        questions: draft.definition.questions,
        form,
        problem: None,
        published: false,
        saved: false,
    })
}

fn builder_page(lang: Lang, status: StatusCode, view: BuilderView) -> Response {
    let body = render_document(move || view! { <BuilderPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /admin/questionnaires/{code}`.
pub async fn show(
    State(state): State<AppState>,
    acting: Manager,
    Path(code): Path<String>,
    Query(q): Query<BuilderQuery>,
) -> Response {
    match builder_view(&state, &acting, &code, q.question.as_deref()).await {
        Ok(mut view) => {
            view.saved = q.saved.is_some();
            view.published = q.published.is_some();
            builder_page(acting.lang, StatusCode::OK, view)
        }
        Err(resp) => resp,
    }
}

/// `GET /admin/questionnaires/{code}/apercu`.
pub async fn preview(
    State(state): State<AppState>,
    acting: Manager,
    Path(code): Path<String>,
) -> Response {
    let lang = acting.lang;
    let draft = match db::builder::draft(&state.db, acting.organisation_id, &code).await {
        Ok(Some(d)) => d,
        Ok(None) => return not_found(lang),
        Err(e) => return failed("builder: reading the draft", e),
    };
    let back = format!("{LIST}/{code}?lang={}{}", lang.code(), acting.org_query);
    let title = draft.title.get(lang).to_owned();
    let questions = draft.definition.questions;
    let body = render_document(move || {
        view! { <PreviewPage lang=lang back=back title=title questions=questions/> }
    });
    html(StatusCode::OK, lang, body)
}

/// The question form as posted (the checkbox is absent when unticked).
#[derive(Debug, Deserialize, Default, Clone)]
pub struct QuestionBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    required: Option<String>,
    #[serde(default)]
    text_fr: String,
    #[serde(default)]
    text_en: String,
    #[serde(default)]
    help_fr: String,
    #[serde(default)]
    help_en: String,
    #[serde(default)]
    options: String,
}

impl QuestionBody {
    fn form(&self) -> QuestionForm {
        QuestionForm {
            code: self.code.clone(),
            kind: self.kind.clone(),
            required: self.required.as_deref() == Some("true"),
            text_fr: self.text_fr.clone(),
            text_en: self.text_en.clone(),
            help_fr: self.help_fr.clone(),
            help_en: self.help_en.clone(),
            options: self.options.clone(),
        }
    }
}

/// Runs one change of the builder, then the builder again (a redirect on success, the page with
/// 400 and the problem otherwise).
async fn change(
    state: &AppState,
    acting: &Manager,
    code: &str,
    edit: Edit,
    kept: Option<(Option<String>, QuestionFields)>,
) -> Response {
    let lang = acting.lang;
    let actor = acting.actor();
    let outcome = db::builder::edit_draft(
        &state.db,
        &actor,
        acting.organisation_id,
        code,
        edit,
        Utc::now(),
    )
    .await;
    match outcome {
        Ok(()) => Redirect::to(&format!(
            "{LIST}/{code}?lang={}{}&saved=1",
            lang.code(),
            acting.org_query
        ))
        .into_response(),
        Err(e) => match refusal(e, "builder", lang) {
            Refusal::Field(problem) => match builder_view(state, acting, code, None).await {
                Ok(mut view) => {
                    if let Some((editing, fields)) = kept {
                        view.editing = editing;
                        view.form = fields;
                    }
                    view.problem = Some(problem);
                    builder_page(lang, StatusCode::BAD_REQUEST, view)
                }
                Err(resp) => resp,
            },
            Refusal::Page(resp) => resp,
        },
    }
}

/// `POST /admin/questionnaires/{code}/questions`: adds a question at the end of the draft.
pub async fn add_question(
    State(state): State<AppState>,
    acting: Manager,
    Path(code): Path<String>,
    Form(body): Form<QuestionBody>,
) -> Response {
    let form = body.form();
    let kept = Some((None, fields_of(&form)));
    change(&state, &acting, &code, Edit::Add(form), kept).await
}

/// `POST /admin/questionnaires/{code}/questions/{question}`: replaces a question of the draft.
pub async fn update_question(
    State(state): State<AppState>,
    acting: Manager,
    Path((code, question)): Path<(String, String)>,
    Form(body): Form<QuestionBody>,
) -> Response {
    let form = body.form();
    let kept = Some((Some(question.clone()), fields_of(&form)));
    change(&state, &acting, &code, Edit::Replace(question, form), kept).await
}

/// `POST /admin/questionnaires/{code}/questions/{question}/{verb}` (`monter`, `descendre`,
/// `supprimer`).
pub async fn question_action(
    State(state): State<AppState>,
    acting: Manager,
    Path((code, question, verb)): Path<(String, String, String)>,
) -> Response {
    let edit = match verb.as_str() {
        "monter" => Edit::Move(question, true),
        "descendre" => Edit::Move(question, false),
        "supprimer" => Edit::Remove(question),
        _ => return not_found(acting.lang),
    };
    change(&state, &acting, &code, edit, None).await
}

/// `POST /admin/questionnaires/{code}/publier`: publishes the draft as a new version.
pub async fn publish(
    State(state): State<AppState>,
    acting: Manager,
    Path(code): Path<String>,
) -> Response {
    let lang = acting.lang;
    let actor = acting.actor();
    match db::builder::publish(&state.db, &actor, acting.organisation_id, &code, Utc::now()).await {
        Ok(_) => Redirect::to(&format!(
            "{LIST}/{code}?lang={}{}&published=1",
            lang.code(),
            acting.org_query
        ))
        .into_response(),
        Err(e) => match refusal(e, "builder", lang) {
            Refusal::Field(problem) => match builder_view(&state, &acting, &code, None).await {
                Ok(mut view) => {
                    view.problem = Some(problem);
                    builder_page(lang, StatusCode::BAD_REQUEST, view)
                }
                Err(resp) => resp,
            },
            Refusal::Page(resp) => resp,
        },
    }
}

/// The open/close form.
#[derive(Debug, Deserialize, Default)]
pub struct OpenForm {
    #[serde(default)]
    open: String,
}

/// `POST /admin/questionnaires/{code}/etat`: closes or reopens the questionnaire.
pub async fn set_open(
    State(state): State<AppState>,
    acting: Manager,
    Path(code): Path<String>,
    Form(f): Form<OpenForm>,
) -> Response {
    let lang = acting.lang;
    let open = match f.open.as_str() {
        "true" => true,
        "false" => false,
        _ => {
            return (
                StatusCode::BAD_REQUEST,
                "open: true or false / true ou false",
            )
                .into_response();
        }
    };
    let actor = acting.actor();
    match db::builder::set_open(
        &state.db,
        &actor,
        acting.organisation_id,
        &code,
        open,
        Utc::now(),
    )
    .await
    {
        Ok(()) => Redirect::to(&format!(
            "{LIST}/{code}?lang={}{}&saved=1",
            lang.code(),
            acting.org_query
        ))
        .into_response(),
        Err(e) => match refusal(e, "builder", lang) {
            Refusal::Field(p) => (StatusCode::BAD_REQUEST, p.message).into_response(),
            Refusal::Page(resp) => resp,
        },
    }
}
