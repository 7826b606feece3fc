//! `make bench`: what a visitor's phone downloads, and how many answers per second the server
//! stores, on SQLite (and PostgreSQL when TEST_POSTGRES_URL is set). Prints figures; asserts
//! nothing about time.

use chrono::Utc;
use db::test_support::{Engine, fresh_database};
use server::config::Config;
use server::state::AppState;
use std::time::{Duration, Instant};

const SUBMISSIONS: usize = 2000;
const CONCURRENCY: usize = 8;

async fn start(engine: Engine) -> Option<(String, String)> {
    let fresh = fresh_database(engine).await.expect("database")?;
    db::demo::seed_demo(&fresh.db, Utc::now())
        .await
        .expect("seed");
    let site_root = std::env::var("LEPTOS_SITE_ROOT").unwrap_or_else(|_| "target/site".into());
    let mut config = Config::loopback(fresh.url.clone(), site_root.into());
    config.max_per_device_per_day = 0;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(server::serve(AppState::new(config, fresh.db), listener));
    Some((base, fresh.url))
}

async fn page_weight(base: &str) {
    let client = reqwest::Client::new();
    let mut total = 0usize;
    for (label, path) in [
        ("survey HTML", "/q/belfort-accueil"),
        ("stylesheet", "/pkg/app.css"),
    ] {
        let raw = client
            .get(format!("{base}{path}"))
            .header("accept-encoding", "gzip")
            .send()
            .await
            .expect("get");
        let status = raw.status();
        let encoding = raw
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap_or("?").to_owned())
            .unwrap_or_else(|| "identity".into());
        let bytes = raw.bytes().await.expect("body").len();
        total += bytes;
        println!("  {label:<12} {path:<22} {status} {bytes:>6} B on the wire ({encoding})");
    }
    println!("  total before the visitor can answer: {total} B (budget 30 KB; no script, no wasm)");
}

async fn throughput(base: &str) {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let started = Instant::now();
    let mut tasks = Vec::new();
    for worker in 0..CONCURRENCY {
        let client = client.clone();
        let base = base.to_owned();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            for i in (worker..SUBMISSIONS).step_by(CONCURRENCY) {
                let body = format!(
                    "idem=bench-{worker}-{i}-{}&sv=1&lang=fr&q_overall=very_good&q_courtesy=4\
                     &q_wait=lt10&q_resolved=yes&q_effort=2&q_comment=Bench",
                    std::process::id()
                );
                let t = Instant::now();
                let resp = client
                    .post(format!("{base}/q/belfort-accueil"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(body)
                    .send()
                    .await
                    .expect("post");
                assert_eq!(resp.status(), 303, "every submission is stored");
                latencies.push(t.elapsed());
            }
            latencies
        }));
    }
    let mut all: Vec<Duration> = Vec::new();
    for t in tasks {
        all.extend(t.await.expect("worker"));
    }
    let elapsed = started.elapsed();
    all.sort();
    let pct = |p: f64| all[((all.len() as f64 * p) as usize).min(all.len() - 1)];
    println!(
        "  {SUBMISSIONS} submissions, {CONCURRENCY} at a time: {:.0} answers/s, p50 {:.1} ms, p99 {:.1} ms",
        SUBMISSIONS as f64 / elapsed.as_secs_f64(),
        pct(0.5).as_secs_f64() * 1000.0,
        pct(0.99).as_secs_f64() * 1000.0
    );
}

#[tokio::main]
async fn main() {
    for (name, engine) in [("SQLite", Engine::Sqlite), ("PostgreSQL", Engine::Postgres)] {
        let Some((base, _url)) = start(engine).await else {
            println!("{name}: skipped (TEST_POSTGRES_URL is not set)");
            continue;
        };
        println!("{name}:");
        if engine == Engine::Sqlite {
            page_weight(&base).await;
        }
        throughput(&base).await;
    }
}
