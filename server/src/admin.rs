//! The administration screens (referent and admin): the home page, the audit log, and the
//! organisation's structure (sites, services, touchpoints).

use crate::auth::{require, signed_in};
use crate::results::{forbidden, same_origin, server_error};
use crate::state::AppState;
use crate::visitor::{LangQuery, html, page_language};
use app::pages::account::{AdminHomePage, AuditLine, AuditPage};
use app::pages::admin::{
    FormProblem, Named, OrganisationChoicePage, OrganisationsPage, OrganisationsView,
    StructurePage, StructureView, TouchpointEditPage, TouchpointFields, TouchpointLine,
};
use app::render_document;
use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use chrono_tz::Europe::Paris;
use db::accounts::Account;
use domain::{Lang, Role};
use leptos::prelude::*;
use serde::Deserialize;

/// Entries shown on the audit page.
const AUDIT_LINES: u64 = 500;

/// `GET /admin`: for the administrator of the instance, `?organisation=CODE` picks the
/// organisation the links act on.
pub async fn home(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    let account = match require(&state, &headers, lang, "/admin", Role::manages).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let organisations = match db::structure::organisations(&state.db).await {
        Ok(list) => list,
        Err(e) => {
            tracing::error!(error = %e, "admin: reading the organisations failed");
            return server_error();
        }
    };
    let chosen = match account.organisation_id {
        Some(id) => organisations.into_iter().find(|o| o.id == id),
        None => organisations
            .into_iter()
            .find(|o| Some(o.code.as_str()) == q.organisation.as_deref()),
    };
    let org_query = match (&chosen, account.organisation_id) {
        (Some(o), None) => format!("&organisation={}", o.code),
        _ => String::new(),
    };
    let organisation = chosen.map(|o| o.name);
    let who = signed_in(&account);
    let body = render_document(move || {
        view! { <AdminHomePage lang=lang who=who organisation=organisation org_query=org_query/> }
    });
    html(StatusCode::OK, lang, body)
}

/// `GET /admin/organisations` (the administrator of the instance only).
pub async fn organisations(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    let account = match require(
        &state,
        &headers,
        lang,
        "/admin/organisations",
        Role::runs_instance,
    )
    .await
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    organisations_page(
        &state,
        &account,
        lang,
        None,
        Named {
            code: String::new(),
            name: String::new(),
        },
        q.saved.is_some(),
    )
    .await
}

async fn organisations_page(
    state: &AppState,
    account: &Account,
    lang: Lang,
    problem: Option<FormProblem>,
    form: Named,
    saved: bool,
) -> Response {
    let list = match db::structure::organisations(&state.db).await {
        Ok(list) => list,
        Err(e) => {
            tracing::error!(error = %e, "admin: reading the organisations failed");
            return server_error();
        }
    };
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let view = OrganisationsView {
        who: signed_in(account),
        organisations: list
            .into_iter()
            .map(|o| Named {
                code: o.code,
                name: o.name,
            })
            .collect(),
        form,
        problem,
        saved,
    };
    let body = render_document(move || view! { <OrganisationsPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `POST /admin/organisations`: creates an organisation.
pub async fn add_organisation(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
    Form(f): Form<SiteForm>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let account = match require(
        &state,
        &headers,
        lang,
        "/admin/organisations",
        Role::runs_instance,
    )
    .await
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let actor = db::audit::Actor::Account(account.email.clone());
    match db::structure::add_organisation(&state.db, &actor, &f.code, &f.name, Utc::now()).await {
        Ok(()) => Redirect::to(&format!(
            "/admin/organisations?lang={}&saved=1",
            lang.code()
        ))
        .into_response(),
        Err(e) => match refusal(e, "organisation", lang) {
            Refusal::Field(problem) => {
                let form = Named {
                    code: f.code,
                    name: f.name,
                };
                organisations_page(&state, &account, lang, Some(problem), form, false).await
            }
            Refusal::Page(resp) => resp,
        },
    }
}

/// `GET /admin/journal`: the organisation's entries (the whole instance's for an admin).
pub async fn journal(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Response {
    let lang = page_language(q.lang.as_deref(), &headers);
    let account = match require(&state, &headers, lang, "/admin/journal", Role::manages).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let entries = match db::audit::latest(&state.db, account.organisation_id, AUDIT_LINES).await {
        Ok(e) => e,
        Err(e) => {
            tracing::error!(error = %e, "admin: reading the audit log failed");
            return server_error();
        }
    };
    let lines = entries
        .into_iter()
        .map(|e| AuditLine {
            at: e
                .at
                .with_timezone(&Paris)
                .format("%d/%m/%Y %H:%M:%S")
                .to_string(),
            actor: e.actor,
            action: e.action,
            subject: e.subject,
            before: e.before,
            after: e.after,
        })
        .collect();
    let who = signed_in(&account);
    let body = render_document(move || view! { <AuditPage lang=lang who=who lines=lines/> });
    html(StatusCode::OK, lang, body)
}

/// Query of the structure screens: the language, the organisation an admin administers, and
/// whether a change was just saved.
#[derive(Debug, Deserialize, Default)]
pub struct AdminQuery {
    pub(crate) lang: Option<String>,
    pub(crate) organisation: Option<String>,
    pub(crate) saved: Option<String>,
}

/// The organisation a screen acts on: the account's own; for an admin, the one of
/// `?organisation=` (or, without it, the page to choose one).
pub(crate) struct Acting {
    pub account: Account,
    pub organisation_id: i32,
    pub organisation_name: String,
    /// `&organisation=CODE` for an admin, empty otherwise.
    pub org_query: String,
}

pub(crate) async fn acting(
    state: &AppState,
    headers: &HeaderMap,
    lang: Lang,
    path: &str,
    organisation: Option<&str>,
) -> Result<Acting, Response> {
    acting_as(state, headers, lang, path, organisation, Role::manages).await
}

/// As [`acting`], for the roles `allowed` lets in.
pub(crate) async fn acting_as(
    state: &AppState,
    headers: &HeaderMap,
    lang: Lang,
    path: &str,
    organisation: Option<&str>,
    allowed: fn(Role) -> bool,
) -> Result<Acting, Response> {
    let account = require(state, headers, lang, path, allowed).await?;
    let organisations = db::structure::organisations(&state.db).await.map_err(|e| {
        tracing::error!(error = %e, "admin: listing organisations failed");
        server_error()
    })?;
    let chosen = match account.organisation_id {
        Some(id) => organisations.iter().find(|o| o.id == id),
        None => organisations
            .iter()
            .find(|o| Some(o.code.as_str()) == organisation),
    };
    match chosen {
        Some(o) => Ok(Acting {
            org_query: if account.organisation_id.is_none() {
                format!("&organisation={}", o.code)
            } else {
                String::new()
            },
            organisation_id: o.id,
            organisation_name: o.name.clone(),
            account,
        }),
        None => {
            let who = signed_in(&account);
            let list = organisations
                .into_iter()
                .map(|o| Named {
                    code: o.code,
                    name: o.name,
                })
                .collect::<Vec<_>>();
            let path = path.to_owned();
            let body = render_document(move || {
                view! { <OrganisationChoicePage lang=lang who=who path=path organisations=list/> }
            });
            Err(html(StatusCode::OK, lang, body))
        }
    }
}

fn lang_of(q: &AdminQuery, headers: &HeaderMap) -> Lang {
    page_language(q.lang.as_deref(), headers)
}

/// The structure screen's data, with the forms' values and problem.
async fn structure_view(
    state: &AppState,
    acting: &Acting,
    lang: Lang,
) -> Result<StructureView, Response> {
    let s = db::structure::structure(&state.db, acting.organisation_id)
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "admin: reading the structure failed");
            server_error()
        })?;
    Ok(StructureView {
        who: signed_in(&acting.account),
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
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
) -> Response {
    let lang = lang_of(&q, &headers);
    let acting = match acting(
        &state,
        &headers,
        lang,
        "/admin/lieux",
        q.organisation.as_deref(),
    )
    .await
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    match structure_view(&state, &acting, lang).await {
        Ok(mut view) => {
            view.saved = q.saved.is_some();
            structure_page(lang, StatusCode::OK, view)
        }
        Err(resp) => resp,
    }
}

/// Back to the structure screen after a change (POST, redirect, GET).
fn saved_redirect(lang: Lang, acting: &Acting) -> Response {
    Redirect::to(&format!(
        "/admin/lieux?lang={}{}&saved=1",
        lang.code(),
        acting.org_query
    ))
    .into_response()
}

/// What becomes of a refused change.
pub(crate) enum Refusal {
    /// A field of the form is wrong: the page again, with the message next to it.
    Field(FormProblem),
    /// Anything else: this response (404, or 503 after logging).
    Page(Response),
}

/// Sorts a refused change: a field's problem (in the page's language) or an error page.
pub(crate) fn refusal(e: db::DbError, form: &str, lang: Lang) -> Refusal {
    match e {
        db::DbError::Field { field, fr, en } => Refusal::Field(FormProblem {
            form: form.to_owned(),
            field,
            message: match lang {
                Lang::Fr => fr,
                Lang::En => en,
            },
        }),
        db::DbError::NotFound(_) => Refusal::Page(not_found(lang)),
        duplicate if duplicate.is_duplicate() => Refusal::Field(FormProblem {
            form: form.to_owned(),
            field: "code".into(),
            message: match lang {
                Lang::Fr => "Code : il vient d'être pris par une autre saisie ; choisissez-en un autre ou rechargez la page.".into(),
                Lang::En => "Code: it was just taken by another entry; choose another one or reload the page.".into(),
            },
        }),
        other => {
            tracing::error!(error = %other, "admin: change failed");
            Refusal::Page(server_error())
        }
    }
}

/// Runs a change of the structure screen: forgery check, access, the change itself, then the
/// redirect on success or the screen again (400) with the problem next to its field.
async fn change<F, Fut>(
    state: &AppState,
    headers: &HeaderMap,
    q: &AdminQuery,
    form: &str,
    keep: impl FnOnce(&mut StructureView),
    run: F,
) -> Response
where
    F: FnOnce(db::Db, db::audit::Actor, i32) -> Fut,
    Fut: std::future::Future<Output = db::DbResult<()>>,
{
    let lang = lang_of(q, headers);
    if !same_origin(headers) {
        return forbidden(lang);
    }
    let acting = match acting(
        state,
        headers,
        lang,
        "/admin/lieux",
        q.organisation.as_deref(),
    )
    .await
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let actor = db::audit::Actor::Account(acting.account.email.clone());
    match run(state.db.clone(), actor, acting.organisation_id).await {
        Ok(()) => saved_redirect(lang, &acting),
        Err(e) => match refusal(e, form, lang) {
            Refusal::Field(problem) => match structure_view(state, &acting, lang).await {
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

/// The site form.
#[derive(Debug, Deserialize, Default)]
pub struct SiteForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    name: String,
}

/// `POST /admin/lieux/sites`.
pub async fn add_site(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
    Form(f): Form<SiteForm>,
) -> Response {
    let kept = Named {
        code: f.code.clone(),
        name: f.name.clone(),
    };
    change(
        &state,
        &headers,
        &q,
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
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
    Form(f): Form<ServiceForm>,
) -> Response {
    let kept = (f.code.clone(), f.name_fr.clone(), f.name_en.clone());
    change(
        &state,
        &headers,
        &q,
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
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
    Form(f): Form<TouchpointFormBody>,
) -> Response {
    let kept = f.to_fields();
    change(
        &state,
        &headers,
        &q,
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

/// The 404 page of an unknown code (touchpoint, questionnaire, question).
pub(crate) fn not_found(lang: Lang) -> Response {
    crate::visitor::notice(
        StatusCode::NOT_FOUND,
        lang,
        app::pages::visitor::Notice::NotFound,
        None,
    )
}

/// `GET /admin/points/{code}`.
pub async fn touchpoint(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<AdminQuery>,
) -> Response {
    let lang = lang_of(&q, &headers);
    let acting = match acting(
        &state,
        &headers,
        lang,
        &format!("/admin/points/{code}"),
        q.organisation.as_deref(),
    )
    .await
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let form = match db::structure::touchpoint_form(&state.db, acting.organisation_id, &code).await
    {
        Ok(Some((form, _))) => form,
        Ok(None) => return not_found(lang),
        Err(e) => {
            tracing::error!(error = %e, "admin: reading a touchpoint failed");
            return server_error();
        }
    };
    match structure_view(&state, &acting, lang).await {
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
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<AdminQuery>,
    Form(mut f): Form<TouchpointFormBody>,
) -> Response {
    let lang = lang_of(&q, &headers);
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let acting = match acting(
        &state,
        &headers,
        lang,
        &format!("/admin/points/{code}"),
        q.organisation.as_deref(),
    )
    .await
    {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    f.code = code.clone();
    let actor = db::audit::Actor::Account(acting.account.email.clone());
    let outcome = db::structure::update_touchpoint(
        &state.db,
        &actor,
        acting.organisation_id,
        &code,
        &f.to_db(),
        Utc::now(),
    )
    .await;
    match outcome {
        Ok(()) => saved_redirect(lang, &acting),
        Err(e) => match refusal(e, "touchpoint", lang) {
            Refusal::Field(problem) => match structure_view(&state, &acting, lang).await {
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

/// The activation form (touchpoints, accounts).
#[derive(Debug, Deserialize, Default)]
pub struct ActiveForm {
    #[serde(default)]
    pub(crate) active: String,
}

/// `POST /admin/points/{code}/etat`: deactivates or reactivates a touchpoint.
pub async fn set_touchpoint_active(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(q): Query<AdminQuery>,
    Form(f): Form<ActiveForm>,
) -> Response {
    change(
        &state,
        &headers,
        &q,
        "touchpoint",
        |_| {},
        |db, actor, org| async move {
            let active = match f.active.as_str() {
                "true" => true,
                "false" => false,
                _ => {
                    return Err(db::DbError::Field {
                        field: "active".into(),
                        fr: "État : true ou false.".into(),
                        en: "Status: true or false.".into(),
                    });
                }
            };
            db::structure::set_touchpoint_active(&db, &actor, org, &code, active, Utc::now()).await
        },
    )
    .await
}

const FIGURES: &str = "/admin/chiffres";

/// The figure form.
#[derive(Debug, Deserialize, Default)]
pub struct FigureBody {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    service: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    value: String,
}

async fn figures_page(
    state: &AppState,
    acting: &Acting,
    lang: Lang,
    form: (String, String, String, String),
    problem: Option<FormProblem>,
    saved: bool,
) -> Response {
    use app::pages::admin::{FigureLine, FiguresPage, FiguresView, figure_name};
    let figures = match db::figures::figures(&state.db, acting.organisation_id).await {
        Ok(f) => f,
        Err(e) => {
            tracing::error!(error = %e, "figures: listing failed");
            return server_error();
        }
    };
    let structure = match db::structure::structure(&state.db, acting.organisation_id).await {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "figures: reading the services failed");
            return server_error();
        }
    };
    let number = |kind: db::figures::FigureKind, v: f64| {
        let digits = if kind.is_count() { 0 } else { 1 };
        let text = format!("{v:.digits$}");
        let text = if lang == Lang::Fr {
            text.replace('.', ",")
        } else {
            text
        };
        if kind.is_percent() {
            if lang == Lang::Fr {
                format!("{text}\u{202f}%")
            } else {
                format!("{text}%")
            }
        } else {
            text
        }
    };
    let view = FiguresView {
        who: signed_in(&acting.account),
        organisation: acting.organisation_name.clone(),
        org_query: acting.org_query.clone(),
        figures: figures
            .into_iter()
            .map(|f| FigureLine {
                period: f.period,
                kind: figure_name(f.kind.code(), lang).to_owned(),
                service: f.service.unwrap_or_else(|| "—".to_owned()),
                value: number(f.kind, f.value),
                entered_by: f.entered_by,
            })
            .collect(),
        kinds: db::figures::FigureKind::ALL
            .into_iter()
            .map(|k| Named {
                code: k.code().to_owned(),
                name: figure_name(k.code(), lang).to_owned(),
            })
            .collect(),
        services: structure
            .services
            .into_iter()
            .map(|s| Named {
                name: s.name.get(lang).to_owned(),
                code: s.code,
            })
            .collect(),
        form,
        saved,
        problem: problem.clone(),
    };
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let body = render_document(move || view! { <FiguresPage lang=lang view=view/> });
    html(status, lang, body)
}

/// `GET /admin/chiffres`.
pub async fn figures(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
) -> Response {
    let lang = lang_of(&q, &headers);
    let acting = match acting(&state, &headers, lang, FIGURES, q.organisation.as_deref()).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let form = (
        "footfall".into(),
        String::new(),
        String::new(),
        String::new(),
    );
    figures_page(&state, &acting, lang, form, None, q.saved.is_some()).await
}

/// `POST /admin/chiffres`: enters or replaces a figure.
pub async fn set_figure(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<AdminQuery>,
    Form(f): Form<FigureBody>,
) -> Response {
    let lang = lang_of(&q, &headers);
    if !same_origin(&headers) {
        return forbidden(lang);
    }
    let acting = match acting(&state, &headers, lang, FIGURES, q.organisation.as_deref()).await {
        Ok(a) => a,
        Err(resp) => return resp,
    };
    let actor = db::audit::Actor::Account(acting.account.email.clone());
    let form = db::figures::FigureForm {
        kind: f.kind.clone(),
        service: f.service.clone(),
        period: f.period.clone(),
        value: f.value.clone(),
    };
    match db::figures::set_figure(&state.db, &actor, acting.organisation_id, &form, Utc::now())
        .await
    {
        Ok(()) => Redirect::to(&format!(
            "{FIGURES}?lang={}{}&saved=1",
            lang.code(),
            acting.org_query
        ))
        .into_response(),
        Err(e) => match refusal(e, "figure", lang) {
            Refusal::Field(problem) => {
                let kept = (f.kind, f.service, f.period, f.value);
                figures_page(&state, &acting, lang, kept, Some(problem), false).await
            }
            Refusal::Page(resp) => resp,
        },
    }
}
