//! The server: configuration, state, routes outside Leptos (visitor pages, QR codes, health)
//! and the Leptos integration. `main.rs` only parses the command line.

pub mod admin;
pub mod api;
pub mod api_mystery;
pub mod api_write;
pub mod auth;
pub mod builder;
pub mod campaigns;
pub mod config;
pub mod imports;
pub mod mystery;
pub mod mystery_export;
pub mod params;
pub mod people;
pub mod qr;
pub mod results;
pub mod state;
pub mod visitor;

use app::{App, shell};
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post, put};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use state::AppState;
use std::net::SocketAddr;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match db::ping(&state.db).await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}

/// The icon browsers ask for on every site: the product's initials on the state's blue.
const FAVICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\">\
<rect width=\"32\" height=\"32\" rx=\"4\" fill=\"#000091\"/>\
<text x=\"16\" y=\"22\" font-family=\"Arial,sans-serif\" font-size=\"16\" font-weight=\"700\" \
fill=\"#fff\" text-anchor=\"middle\">QA</text></svg>";

/// `GET /favicon.ico` (an SVG, which browsers accept there).
async fn favicon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        FAVICON,
    )
}

/// Every route of the product.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let db = state.db.clone();
    let pkg = ServeDir::new(state.config.site_root.join("pkg"));
    let static_files =
        Router::new()
            .fallback_service(pkg)
            .layer(SetResponseHeaderLayer::overriding(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ));
    Router::new()
        .route("/healthz", get(healthz))
        .route("/favicon.ico", get(favicon))
        .route("/api/v1/summary", get(api::summary))
        .route("/api/v1/plan/sample-size", get(api::sample_size))
        .route(
            "/api/v1/touchpoints",
            get(api::touchpoints).post(api_write::add_touchpoint),
        )
        .route(
            "/api/v1/touchpoints/{code}",
            put(api_write::update_touchpoint),
        )
        .route(
            "/api/v1/touchpoints/{code}/active",
            put(api_write::set_touchpoint_active),
        )
        .route(
            "/api/v1/touchpoints/{code}/responses",
            post(api_write::submit),
        )
        .route("/api/v1/sites", post(api_write::add_site))
        .route("/api/v1/services", post(api_write::add_service))
        .route(
            "/api/v1/surveys",
            get(api::surveys).post(api_write::add_survey),
        )
        .route("/api/v1/surveys/{code}/draft", put(api_write::write_draft))
        .route("/api/v1/surveys/{code}/publish", post(api_write::publish))
        .route(
            "/api/v1/surveys/{code}/open",
            put(api_write::set_survey_open),
        )
        .route("/api/v1/figures", put(api_write::set_figure))
        .route("/api/v1/survey-links", post(api_write::issue_links))
        .route("/api/v1/grids", get(api_mystery::grids))
        .route("/api/v1/campaigns", get(api_mystery::campaigns))
        .route(
            "/api/v1/campaigns/{code}/results",
            get(api_mystery::results),
        )
        .route("/api/v1/responses", get(api::responses))
        .route("/api/v1/openapi.json", get(api::openapi))
        .route(
            "/q/{code}",
            get(visitor::show_survey).post(visitor::submit_survey),
        )
        .route("/q/{code}/merci", get(visitor::thank_you))
        .route("/login", get(auth::login_page).post(auth::login))
        .route("/logout", post(auth::logout))
        .route("/admin", get(admin::home))
        .route("/admin/journal", get(admin::journal))
        .route(
            "/admin/organisations",
            get(admin::organisations).post(admin::add_organisation),
        )
        .route("/admin/comptes", get(people::show).post(people::invite))
        .route("/admin/comptes/{id}/etat", post(people::set_active))
        .route(
            "/admin/jetons",
            get(people::tokens).post(people::create_token),
        )
        .route("/admin/jetons/{id}/revoquer", post(people::revoke_token))
        .route(
            "/invitation/{secret}",
            get(people::invitation).post(people::accept),
        )
        .route(
            "/admin/questionnaires",
            get(builder::list).post(builder::create),
        )
        .route("/admin/questionnaires/{code}", get(builder::show))
        .route("/admin/questionnaires/{code}/apercu", get(builder::preview))
        .route(
            "/admin/questionnaires/{code}/publier",
            post(builder::publish),
        )
        .route("/admin/questionnaires/{code}/etat", post(builder::set_open))
        .route(
            "/admin/questionnaires/{code}/questions",
            post(builder::add_question),
        )
        .route(
            "/admin/questionnaires/{code}/questions/{question}",
            post(builder::update_question),
        )
        .route(
            "/admin/questionnaires/{code}/questions/{question}/{verb}",
            post(builder::question_action),
        )
        .route(
            "/admin/chiffres",
            get(admin::figures).post(admin::set_figure),
        )
        .route("/admin/lieux", get(admin::structure))
        .route("/admin/lieux/sites", post(admin::add_site))
        .route("/admin/lieux/services", post(admin::add_service))
        .route("/admin/points", post(admin::add_touchpoint))
        .route(
            "/admin/points/{code}",
            get(admin::touchpoint).post(admin::update_touchpoint),
        )
        .route(
            "/admin/points/{code}/etat",
            post(admin::set_touchpoint_active),
        )
        .route("/assets/mystere.js", get(mystery::script))
        .route("/mystere", get(campaigns::home))
        .route("/mystere/campagnes", post(campaigns::create))
        .route("/mystere/campagnes/{code}", get(campaigns::plan))
        .route(
            "/mystere/campagnes/{code}/cibles",
            post(campaigns::add_target),
        )
        .route(
            "/mystere/campagnes/{code}/scenarios",
            post(campaigns::add_scenario),
        )
        .route(
            "/mystere/campagnes/{code}/planifier",
            post(campaigns::plan_tests),
        )
        .route(
            "/mystere/campagnes/{code}/affecter",
            post(campaigns::assign),
        )
        .route(
            "/mystere/campagnes/{code}/resultats",
            get(campaigns::results),
        )
        .route("/mystere/validation", get(campaigns::validation))
        .route(
            "/mystere/grilles/{code}",
            get(campaigns::grid).post(campaigns::update_grid),
        )
        .route(
            "/mystere/referentiel",
            get(campaigns::referential).post(campaigns::update_referential),
        )
        .route("/mystere/mes-tests", get(mystery::my_tests))
        .route("/mystere/affectations/{id}/commencer", post(mystery::start))
        .route(
            "/mystere/tests/{id}",
            get(mystery::show_test).post(mystery::save_test),
        )
        .route("/mystere/tests/{id}/revue", post(mystery::review))
        .route("/resultats", get(results::show))
        .route("/resultats/echantillon", get(results::planner))
        .route(
            "/resultats/import",
            get(imports::show)
                .post(imports::upload)
                .layer(DefaultBodyLimit::max(imports::IMPORT_MAX_BYTES)),
        )
        .route("/resultats/import/{id}", get(imports::progress))
        .route("/qr/{file}", get(qr::qr_image))
        .route("/affiche/{code}", get(qr::poster))
        .nest("/pkg", static_files)
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(db.clone()),
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Once an hour: forgets old idempotency keys, and the addresses the ceiling no longer needs
/// (so the limiter's memory follows the traffic of the last hour, not of the server's life).
fn spawn_housekeeping(state: &AppState) {
    let db = state.db.clone();
    let limiter = state.address_limiter.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            let before = chrono::Utc::now() - chrono::TimeDelta::days(2);
            if let Err(e) = db::visitor::purge_receipts(&db, before).await {
                tracing::warn!(error = %e, "purging idempotency keys failed");
            }
            if let Err(e) = db::accounts::purge(&db, chrono::Utc::now()).await {
                tracing::warn!(error = %e, "purging ended sessions failed");
            }
            if let Err(e) = db::survey_links::purge(&db, chrono::Utc::now()).await {
                tracing::warn!(error = %e, "purging expired survey links failed");
            }
            if let Some(limiter) = &limiter {
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
        }
    });
}

/// Serves on `listener` until the process is stopped.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    spawn_housekeeping(&state);
    let app = router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
