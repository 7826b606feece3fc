//! What machines ask for: the health check of load balancers and the icon every browser fetches.

use crate::state::AppState;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;

/// `GET /healthz`: 200 when the database answers, 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
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
pub async fn favicon() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        FAVICON,
    )
}
