//! The shopper's planned tests (`/mystere/mes-tests`), one card each, and the start of a test.

use crate::http::access::{Shoppers, Staff};
use crate::http::pages::{failed, html, not_found};
use crate::state::AppState;
use app::pages::mystery::shopper::{MyTestLine, MyTestsPage};
use app::render_document;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use domain::mystery::weekday_label;
use leptos::prelude::*;

/// `GET /mystere/mes-tests`: the shopper's planned tests.
pub async fn my_tests(State(state): State<AppState>, staff: Staff<Shoppers>) -> Response {
    let lang = staff.lang;
    let list = match db::mystery::tests::assignments_of(&state.db, staff.account.id).await {
        Ok(l) => l,
        Err(e) => return failed("mystery: listing assignments", e),
    };
    let lines = list
        .into_iter()
        .map(|a| MyTestLine {
            assignment: a.id,
            campaign: a.campaign.1,
            target: a.target,
            detail: a.detail,
            when: format!("{}, {}", weekday_label(a.weekday, lang), a.slot.label(lang)),
            test: a
                .test
                .map(|(id, s)| (id, s.label().get(lang).to_owned(), s.code())),
        })
        .collect();
    let who = staff.who();
    let body = render_document(move || view! { <MyTestsPage lang=lang who=who lines=lines/> });
    html(StatusCode::OK, lang, body)
}

/// `POST /mystere/affectations/{id}/commencer`: starts (or reopens) the test of a planned test.
pub async fn start(
    State(state): State<AppState>,
    staff: Staff<Shoppers>,
    Path(id): Path<i32>,
) -> Response {
    let lang = staff.lang;
    match db::mystery::tests::start_test(&state.db, staff.account.id, id, Utc::now()).await {
        Ok(test) => {
            Redirect::to(&format!("/mystere/tests/{test}?lang={}", lang.code())).into_response()
        }
        Err(db::DbError::NotFound(_)) => not_found(lang),
        Err(e) => failed("mystery: starting a test", e),
    }
}
