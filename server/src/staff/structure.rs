//! The structure screens (`/admin/lieux`, `/admin/points/...`): an organisation's sites,
//! services and touchpoints, created, edited, deactivated and reactivated with plain forms.

use crate::http::access::{Acting, Managers};
use crate::http::forms::{ActiveForm, CodeNameForm, Refusal, SavedQuery, refusal};
use crate::http::pages::{failed, html, not_found};
use crate::state::AppState;
use app::components::forms::Named;
use app::pages::staff::structure::{
    StructurePage, StructureView, TouchpointEditPage, TouchpointFields, TouchpointLine,
};
use app::render_document;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::Lang;
use leptos::prelude::*;
use serde::Deserialize;

type Manager = Acting<Managers>;

/// The structure screen's data, with empty forms.
async fn structure_view(state: &AppState, acting: &Manager) -> Result<StructureView, Response> {
    let lang = acting.lang;
    let s = db::structure::structure(&state.db, acting.organisation_id)
        .await
        .map_err(|e| failed("admin: reading the structure", e))?;
    Ok(StructureView {
        who: acting.who(),
        organisation: acting.organisation_name.clone(),
        org_query: acting.org_query.clone(),
        sites: s
            .sites
            .into_iter()
            .map(|x| Named {
                code: x.code,
                name: x.name,
            })
            .collect(),
        services: s
            .services
            .into_iter()
            .map(|x| Named {
                name: x.name.get(lang).to_owned(),
                code: x.code,
            })
            .collect(),
        surveys: s
            .surveys
            .into_iter()
            .map(|x| Named {
                name: x.title.get(lang).to_owned(),
                code: x.code,
            })
            .collect(),
        touchpoints: s
            .touchpoints
            .into_iter()
            .map(|x| TouchpointLine {
                name: x.name.get(lang).to_owned(),
                code: x.code,
                site: x.site,
                service: x.service,
                survey: x.survey,
                channel: x.channel,
                active: x.active,
            })
            .collect(),
        site_form: Named {
            code: String::new(),
            name: String::new(),
        },
        service_form: Default::default(),
        touchpoint_form: TouchpointFields::default(),
        problem: None,
        saved: false,
    })
}

fn structure_page(lang: Lang, status: StatusCode, view: StructureView) -> Response {
    let body = render_document(move || view! { <StructurePage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /admin/lieux`.
pub async fn structure(
    State(state): State<AppState>,
    acting: Manager,
    Query(q): Query<SavedQuery>,
) -> Response {
    match structure_view(&state, &acting).await {
        Ok(mut view) => {
            view.saved = q.saved.is_some();
            structure_page(acting.lang, StatusCode::OK, view)
        }
        Err(resp) => resp,
    }
}

/// Back to the structure screen after a change (POST, redirect, GET).
fn saved_redirect(acting: &Manager) -> Response {
    Redirect::to(&format!(
        "/admin/lieux?lang={}{}&saved=1",
        acting.lang.code(),
        acting.org_query
    ))
    .into_response()
}

/// Runs a change of the structure screen, then the redirect on success or the screen again
/// (400) with the problem next to its field.
async fn change<F, Fut>(
    state: &AppState,
    acting: &Manager,
    form: &str,
    keep: impl FnOnce(&mut StructureView),
    run: F,
) -> Response
where
    F: FnOnce(db::Db, db::audit::Actor, i32) -> Fut,
    Fut: std::future::Future<Output = db::DbResult<()>>,
{
    let lang = acting.lang;
    match run(state.db.clone(), acting.actor(), acting.organisation_id).await {
        Ok(()) => saved_redirect(acting),
        Err(e) => match refusal(e, form, lang) {
            Refusal::Field(problem) => match structure_view(state, acting).await {
                Ok(mut view) => {
                    keep(&mut view);
                    view.problem = Some(problem);
                    structure_page(lang, StatusCode::BAD_REQUEST, view)
                }
                Err(resp) => resp,
            },
            Refusal::Page(resp) => resp,
        },
    }
}

/// `POST /admin/lieux/sites`.
pub async fn add_site(
    State(state): State<AppState>,
    acting: Manager,
    Form(f): Form<CodeNameForm>,
) -> Response {
    let kept = Named {
        code: f.code.clone(),
        name: f.name.clone(),
    };
    change(
        &state,
        &acting,
        "site",
        |v| v.site_form = kept,
        |db, actor, org| async move {
            db::structure::add_site(&db, &actor, org, &f.code, &f.name, Utc::now()).await
        },
    )
    .await
}

/// The service form.
#[derive(Debug, Deserialize, Default)]
pub struct ServiceForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_fr: String,
    #[serde(default)]
    name_en: String,
}

/// `POST /admin/lieux/services`.
pub async fn add_service(
    State(state): State<AppState>,
    acting: Manager,
    Form(f): Form<ServiceForm>,
) -> Response {
    let kept = (f.code.clone(), f.name_fr.clone(), f.name_en.clone());
    change(
        &state,
        &acting,
        "service",
        |v| v.service_form = kept,
        |db, actor, org| async move {
            db::structure::add_service(
                &db,
                &actor,
                org,
                &f.code,
                &f.name_fr,
                &f.name_en,
                Utc::now(),
            )
            .await
        },
    )
    .await
}

/// The touchpoint form.
#[derive(Debug, Deserialize, Default, Clone)]
pub struct TouchpointFormBody {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name_fr: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    site: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    survey: String,
    #[serde(default)]
    channel: String,
}

impl TouchpointFormBody {
    fn to_db(&self) -> db::structure::TouchpointForm {
        db::structure::TouchpointForm {
            code: self.code.clone(),
            name_fr: self.name_fr.clone(),
            name_en: self.name_en.clone(),
            site: self.site.clone(),
            service: self.service.clone(),
            survey: self.survey.clone(),
            channel: self.channel.clone(),
        }
    }

    fn to_fields(&self) -> TouchpointFields {
        TouchpointFields {
            code: self.code.clone(),
            name_fr: self.name_fr.clone(),
            name_en: self.name_en.clone(),
            site: self.site.clone(),
            service: self.service.clone(),
            survey: self.survey.clone(),
            channel: self.channel.clone(),
        }
    }
}

/// `POST /admin/points`.
pub async fn add_touchpoint(
    State(state): State<AppState>,
    acting: Manager,
    Form(f): Form<TouchpointFormBody>,
) -> Response {
    let kept = f.to_fields();
    change(
        &state,
        &acting,
        "touchpoint",
        |v| v.touchpoint_form = kept,
        |db, actor, org| async move {
            db::structure::add_touchpoint(&db, &actor, org, &f.to_db(), Utc::now()).await
        },
    )
    .await
}

fn edit_page(lang: Lang, status: StatusCode, view: StructureView) -> Response {
    let body = render_document(move || view! { <TouchpointEditPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /admin/points/{code}`.
pub async fn touchpoint(
    State(state): State<AppState>,
    acting: Manager,
    Path(code): Path<String>,
) -> Response {
    let lang = acting.lang;
    let form = match db::structure::touchpoint_form(&state.db, acting.organisation_id, &code).await
    {
        Ok(Some((form, _))) => form,
        Ok(None) => return not_found(lang),
        Err(e) => return failed("admin: reading a touchpoint", e),
    };
    match structure_view(&state, &acting).await {
        Ok(mut view) => {
            view.touchpoint_form = TouchpointFields {
                code: form.code,
                name_fr: form.name_fr,
                name_en: form.name_en,
                site: form.site,
                service: form.service,
                survey: form.survey,
                channel: form.channel,
            };
            edit_page(lang, StatusCode::OK, view)
        }
        Err(resp) => resp,
    }
}

/// `POST /admin/points/{code}`: saves the touchpoint's form (its code never changes).
pub async fn update_touchpoint(
    State(state): State<AppState>,
    acting: Manager,
    Path(code): Path<String>,
    Form(mut f): Form<TouchpointFormBody>,
) -> Response {
    let lang = acting.lang;
    f.code = code.clone();
    let outcome = db::structure::update_touchpoint(
        &state.db,
        &acting.actor(),
        acting.organisation_id,
        &code,
        &f.to_db(),
        Utc::now(),
    )
    .await;
    match outcome {
        Ok(()) => saved_redirect(&acting),
        Err(e) => match refusal(e, "touchpoint", lang) {
            Refusal::Field(problem) => match structure_view(&state, &acting).await {
                Ok(mut view) => {
                    view.touchpoint_form = f.to_fields();
                    view.problem = Some(problem);
                    edit_page(lang, StatusCode::BAD_REQUEST, view)
                }
                Err(resp) => resp,
            },
            Refusal::Page(resp) => resp,
        },
    }
}

/// `POST /admin/points/{code}/etat`: deactivates or reactivates a touchpoint.
pub async fn set_touchpoint_active(
    State(state): State<AppState>,
    acting: Manager,
    Path(code): Path<String>,
    Form(f): Form<ActiveForm>,
) -> Response {
    change(
        &state,
        &acting,
        "touchpoint",
        |_| {},
        |db, actor, org| async move {
            let Some(active) = f.state() else {
                return Err(db::DbError::Field {
                    field: "active".into(),
                    fr: "État : true ou false.".into(),
                    en: "Status: true or false.".into(),
                });
            };
            db::structure::set_touchpoint_active(&db, &actor, org, &code, active, Utc::now()).await
        },
    )
    .await
}
