//! Configuration from the environment, with defaults that run the product on one machine.

use std::net::SocketAddr;
use std::path::PathBuf;

/// Every setting of the server, read once at start.
#[derive(Debug, Clone)]
pub struct Config {
    /// `sqlite://…` (default, a file under `./data/`) or `postgres://…`.
    pub database_url: String,
    /// Address to listen on (`LEPTOS_SITE_ADDR`).
    pub site_addr: SocketAddr,
    /// Folder with the built assets, `pkg/` inside (`LEPTOS_SITE_ROOT`).
    pub site_root: PathBuf,
    /// Public address of the site, encoded in QR codes (`PUBLIC_BASE_URL`), no trailing slash.
    pub public_base_url: String,
    /// Largest accepted survey body in bytes; 0 = no limit (`SURVEY_MAX_BODY_BYTES`).
    pub max_body_bytes: usize,
    /// Responses per device, touchpoint and day (a cookie); 0 = no limit
    /// (`SURVEY_MAX_PER_DEVICE_PER_DAY`).
    pub max_per_device_per_day: u32,
    /// Survey submissions per client address and hour; 0 = no limit
    /// (`SURVEY_MAX_PER_ADDRESS_PER_HOUR`).
    pub max_per_address_per_hour: u32,
    /// The proxies whose `X-Forwarded-For` is believed (`TRUSTED_PROXIES`: addresses or
    /// networks, separated by commas, e.g. `127.0.0.1,10.0.0.0/8`); empty: none.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Answers one API token may submit per hour; 0 = no limit (`API_MAX_PER_TOKEN_PER_HOUR`).
    pub max_per_token_per_hour: u32,
    /// When a figure is fragile (too few answers or tests) and when a group is hidden
    /// (`FRAGILE_BELOW_ANSWERS`, `FRAGILE_BELOW_TESTS`, `HIDDEN_BELOW`).
    pub fragility: stats::Fragility,
    /// How long a staff session lasts (`SESSION_HOURS`, default 8).
    pub session_lifetime: chrono::TimeDelta,
    /// When sign-in attempts are refused (`LOGIN_FAILURES_PER_ACCOUNT`, default 5, and
    /// `LOGIN_FAILURES_PER_ADDRESS`, default 30, within 15 minutes).
    pub throttle: db::accounts::Throttle,
    /// The Chromium that prints the committee's report to PDF (`CHROMIUM`, default
    /// `chromium`, found on the `PATH`).
    pub chromium: PathBuf,
}

impl Config {
    /// A server on the loopback for tests and benchmarks: a port the system chooses, the public
    /// address `http://127.0.0.1`, assets from `site_root`, the default body limit, one answer
    /// per device and day, no per-address ceiling.
    pub fn loopback(database_url: String, site_root: PathBuf) -> Config {
        Config {
            database_url,
            site_addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            site_root,
            public_base_url: "http://127.0.0.1".into(),
            max_body_bytes: 64 * 1024,
            max_per_device_per_day: 1,
            max_per_address_per_hour: 0,
            trusted_proxies: Vec::new(),
            max_per_token_per_hour: 0,
            fragility: stats::Fragility::default(),
            session_lifetime: chrono::TimeDelta::hours(8),
            throttle: db::accounts::Throttle::default(),
            chromium: PathBuf::from(var("CHROMIUM").unwrap_or_else(|| "chromium".into())),
        }
    }
}

/// The key of the hashes that keep sign-in failures' addresses (`SERVER_SECRET`, at least 32
/// characters, the same on every server of one database); without it, a random key for this
/// process (the per-address counts then start afresh at each restart and are per server).
fn server_key() -> Result<[u8; 32], ConfigError> {
    match var("SERVER_SECRET") {
        None => Ok(db::secrets::new_key()),
        Some(s) if s.chars().count() >= 32 => Ok(db::secrets::key_from(&s)),
        Some(_) => Err(ConfigError {
            name: "SERVER_SECRET",
            message: "must be at least 32 characters (for instance: openssl rand -hex 32)".into(),
        }),
    }
}

/// The networks of `TRUSTED_PROXIES`: addresses (a network of one) or networks in CIDR notation,
/// separated by commas.
pub fn trusted_proxies(raw: &str) -> Result<Vec<ipnet::IpNet>, ConfigError> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| ConfigError {
                    name: "TRUSTED_PROXIES",
                    message: format!("{s:?} is neither an address nor a network (10.0.0.0/8)"),
                })
        })
        .collect()
}

/// Default database: a SQLite file in `./data/`, created on first use.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/qualite.db?mode=rwc";

/// A setting that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("{name}: {message}")]
pub struct ConfigError {
    name: &'static str,
    message: String,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn parsed<T: std::str::FromStr>(name: &'static str, default: T) -> Result<T, ConfigError>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        None => Ok(default),
        Some(raw) => raw.trim().parse().map_err(|e: T::Err| ConfigError {
            name,
            message: format!("cannot read {raw:?}: {e}"),
        }),
    }
}

/// The small-sample policy: the defaults of the statistics crate unless set.
fn fragility() -> Result<stats::Fragility, ConfigError> {
    let d = stats::Fragility::default();
    let answers = parsed("FRAGILE_BELOW_ANSWERS", d.min_mean_answers)?;
    let f = stats::Fragility {
        min_mean_answers: answers,
        min_proportion_answers: answers,
        min_mystery_tests: parsed("FRAGILE_BELOW_TESTS", d.min_mystery_tests)?,
        suppression_min: parsed("HIDDEN_BELOW", d.suppression_min)?,
    };
    if f.suppression_min > answers {
        return Err(ConfigError {
            name: "HIDDEN_BELOW",
            message: "must not exceed FRAGILE_BELOW_ANSWERS".into(),
        });
    }
    Ok(f)
}

impl Config {
    /// Reads the environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        let site_addr: SocketAddr =
            parsed("LEPTOS_SITE_ADDR", SocketAddr::from(([127, 0, 0, 1], 3000)))?;
        let public_base_url = var("PUBLIC_BASE_URL")
            .unwrap_or_else(|| format!("http://{site_addr}"))
            .trim_end_matches('/')
            .to_owned();
        if !(public_base_url.starts_with("http://") || public_base_url.starts_with("https://")) {
            return Err(ConfigError {
                name: "PUBLIC_BASE_URL",
                message: "must start with http:// or https://".into(),
            });
        }
        Ok(Config {
            database_url: var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.to_owned()),
            site_addr,
            site_root: PathBuf::from(
                var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            ),
            public_base_url,
            max_body_bytes: parsed("SURVEY_MAX_BODY_BYTES", 64 * 1024)?,
            max_per_device_per_day: parsed("SURVEY_MAX_PER_DEVICE_PER_DAY", 1)?,
            max_per_address_per_hour: parsed("SURVEY_MAX_PER_ADDRESS_PER_HOUR", 600)?,
            trusted_proxies: trusted_proxies(var("TRUSTED_PROXIES").as_deref().unwrap_or(""))?,
            max_per_token_per_hour: parsed("API_MAX_PER_TOKEN_PER_HOUR", 1200)?,
            fragility: fragility()?,
            session_lifetime: chrono::TimeDelta::hours(
                parsed("SESSION_HOURS", 8u32)?.clamp(1, 24 * 30).into(),
            ),
            throttle: db::accounts::Throttle {
                per_account: parsed("LOGIN_FAILURES_PER_ACCOUNT", 5)?,
                per_address: parsed("LOGIN_FAILURES_PER_ADDRESS", 30)?,
                key: server_key()?,
                ..db::accounts::Throttle::default()
            },
            chromium: PathBuf::from(var("CHROMIUM").unwrap_or_else(|| "chromium".into())),
        })
    }

    /// Whether cookies should carry `Secure` (the public address is HTTPS).
    pub fn secure_cookies(&self) -> bool {
        self.public_base_url.starts_with("https://")
    }

    /// The absolute survey address of a touchpoint, as printed and encoded in its QR code.
    pub fn survey_url(&self, code: &str) -> String {
        format!("{}/q/{code}", self.public_base_url)
    }
}

/// Creates the folder of a SQLite file URL if it is missing (`sqlite://data/x.db`).
pub fn ensure_sqlite_folder(url: &str) -> std::io::Result<()> {
    let Some(rest) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    else {
        return Ok(());
    };
    let path = rest.split('?').next().unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    match std::path::Path::new(path).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => std::fs::create_dir_all(parent),
        _ => Ok(()),
    }
}
