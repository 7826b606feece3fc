//! The validation queue (`/mystere/validation`): the tests shoppers sent, waiting for the
//! referent, and those sent back for correction.

use crate::http::access::{Acting, Managers};
use crate::http::pages::{failed, html};
use crate::state::AppState;
use app::pages::mystery::validation::{QueueLine, ValidationPage};
use app::render_document;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono_tz::Europe::Paris;
use domain::mystery::TestStatus;
use leptos::prelude::*;

/// `GET /mystere/validation`: the tests waiting for the referent.
pub async fn validation(State(state): State<AppState>, acting: Acting<Managers>) -> Response {
    let lang = acting.lang;
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
        (Err(e), _) | (_, Err(e)) => {
            return failed("mystery screens: listing tests to validate", e);
        }
    };
    let who = acting.who();
    let org_query = acting.org_query.clone();
    let body = render_document(move || {
        view! { <ValidationPage lang=lang who=who org_query=org_query submitted=submitted returned=returned/> }
    });
    html(StatusCode::OK, lang, body)
}
