//! State shared by every handler.

use crate::config::Config;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use leptos::config::LeptosOptions;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

/// Handlers' state: configuration, database pool, Leptos options and the address limiter.
#[derive(Clone)]
pub struct AppState {
    /// Settings.
    pub config: Arc<Config>,
    /// The pool.
    pub db: db::Db,
    /// Where the built assets are, for the script that hydrates a page's islands.
    pub leptos_options: LeptosOptions,
    /// Survey submissions per client address (an IPv6 client by its /64); `None` when the
    /// ceiling is off.
    pub address_limiter: Option<Arc<DefaultKeyedRateLimiter<IpAddr>>>,
    /// API submissions per token (its row id); `None` when the ceiling is off.
    pub token_limiter: Option<Arc<DefaultKeyedRateLimiter<i32>>>,
    /// Imports started from the upload screen, by id (this server's only).
    pub imports: crate::jobs::Jobs,
}

impl AppState {
    /// Builds the state from settings and an open pool.
    pub fn new(config: Config, db: db::Db) -> AppState {
        let leptos_options = LeptosOptions::builder()
            .output_name("app")
            .site_root(config.site_root.to_string_lossy().into_owned())
            .site_pkg_dir("pkg")
            .site_addr(config.site_addr)
            .env(leptos::config::Env::PROD)
            .build();
        let address_limiter = NonZeroU32::new(config.max_per_address_per_hour)
            .map(|n| Arc::new(RateLimiter::keyed(Quota::per_hour(n))));
        let token_limiter = NonZeroU32::new(config.max_per_token_per_hour)
            .map(|n| Arc::new(RateLimiter::keyed(Quota::per_hour(n))));
        AppState {
            config: Arc::new(config),
            db,
            leptos_options,
            address_limiter,
            token_limiter,
            imports: crate::jobs::Jobs::default(),
        }
    }
}
