//! The campaigns screen (`/mystere`): the organisation's mystery campaigns with their progress,
//! the tests waiting for validation, and the form that creates a campaign. A shopper is sent on
//! to their own tests.

use crate::http::access::{Acting, AnyRole, Managers};
use crate::http::forms::{Refusal, refusal};
use crate::http::pages::{failed, html};
use crate::mystery::shared::period;
use crate::state::AppState;
use app::components::forms::{FormProblem, Named};
use app::pages::mystery::campaigns::{CampaignLine, CampaignsPage, CampaignsView};
use app::render_document;
use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::Role;
use domain::mystery::TestStatus;
use leptos::prelude::*;
use serde::Deserialize;

/// `GET /mystere`: the campaigns (a shopper goes to their own tests).
pub async fn home(State(state): State<AppState>, acting: Acting<AnyRole>) -> Response {
    if acting.account.role == Role::Shopper {
        return Redirect::to(&format!("/mystere/mes-tests?lang={}", acting.lang.code()))
            .into_response();
    }
    campaigns_page(&state, &acting, Default::default(), None).await
}

async fn campaigns_page<R>(
    state: &AppState,
    acting: &Acting<R>,
    form: [String; 5],
    problem: Option<FormProblem>,
) -> Response {
    let lang = acting.lang;
    let org = acting.organisation_id;
    let (campaigns, grids, waiting) = match (
        db::mystery::campaigns::list(&state.db, org).await,
        db::mystery::grids::list(&state.db, org).await,
        db::mystery::tests::tests_of_organisation(&state.db, org, Some(TestStatus::Submitted))
            .await,
    ) {
        (Ok(c), Ok(g), Ok(w)) => (c, g, w),
        (Err(e), ..) | (_, Err(e), _) | (.., Err(e)) => {
            return failed("mystery screens: listing campaigns", e);
        }
    };
    let status = if problem.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let view = CampaignsView {
        who: acting.who(),
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
    acting: Acting<Managers>,
    Form(f): Form<CampaignBody>,
) -> Response {
    let lang = acting.lang;
    let form = db::mystery::campaigns::CampaignForm {
        code: f.code.clone(),
        title: f.title.clone(),
        grid: f.grid.clone(),
        from: f.from.clone(),
        to: f.to.clone(),
    };
    let actor = acting.actor();
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
                campaigns_page(&state, &acting, kept, Some(problem)).await
            }
            Refusal::Page(resp) => resp,
        },
    }
}
