//! The server: configuration, state, the router and the handlers of each part of the product
//! (`visitor/`, `staff/`, `mystery/`, `api/`) over what they share (`http/`), and the exports of
//! the command line (`export/`). `main.rs` only parses the command line.

pub mod api;
pub mod config;
pub mod export;
pub mod http;
pub mod jobs;
pub mod mystery;
pub mod router;
pub mod staff;
pub mod state;
pub mod visitor;

use state::AppState;
use std::net::SocketAddr;

/// Once an hour: forgets old idempotency keys, and the addresses the ceiling no longer needs
/// (so the limiter's memory follows the traffic of the last hour, not of the server's life).
fn spawn_housekeeping(state: &AppState) {
    let db = state.db.clone();
    let limiter = state.address_limiter.clone();
    let tokens = state.token_limiter.clone();
    tokio::spawn(async move {
        // The first round a minute after start, not at once: it writes, and writing while the
        // first requests write can make SQLite refuse one of them (a deferred transaction that
        // read before the other committed gets SQLITE_BUSY, whatever the busy timeout).
        let hour = std::time::Duration::from_secs(3600);
        let first = tokio::time::Instant::now() + std::time::Duration::from_secs(60);
        let mut tick = tokio::time::interval_at(first, hour);
        loop {
            tick.tick().await;
            let before = chrono::Utc::now() - chrono::TimeDelta::days(2);
            if let Err(e) = db::visitor::purge_receipts(&db, before).await {
                tracing::warn!(error = %e, "purging idempotency keys failed");
            }
            // First, so that what it removes (failed sign-ins included) is audited.
            match db::retention::purge(&db, chrono::Utc::now()).await {
                Ok(done) => {
                    for (organisation, purged) in done {
                        if purged != db::retention::Purged::default() {
                            tracing::info!(?organisation, ?purged, "retention purge");
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "the retention purge failed"),
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
            if let Some(limiter) = &tokens {
                limiter.retain_recent();
                limiter.shrink_to_fit();
            }
        }
    });
}

/// Serves on `listener` until the process is stopped.
pub async fn serve(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    spawn_housekeeping(&state);
    let app = router::router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await
}
