//! `make bench`, part two: a million responses. Generates a CSV of BENCH_ROWS rows (default one
//! million, over a year), imports it the way `server import-responses` does, then asks the
//! summary API for the whole year (with a comparison period) and reports the time and how much
//! the process's memory grew while it computed; then the dashboard of that year (every section,
//! its charts and their tables) for a committee member: its time (median of 20) and its HTML's
//! size, raw and compressed. On SQLite, and on PostgreSQL when TEST_POSTGRES_URL is set. Prints
//! figures; asserts nothing about time.

use chrono::{NaiveDate, TimeDelta, Utc};
use db::test_support::{Engine, fresh_database};
use domain::TouchpointCode;
use server::config::Config;
use server::state::AppState;
use std::io::Write;
use std::time::Instant;

/// A small deterministic generator (xorshift64*): the same file on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, weighted: &[(&'a str, u64)]) -> &'a str {
        let total: u64 = weighted.iter().map(|(_, w)| w).sum();
        let mut r = self.next() % total;
        for (v, w) in weighted {
            if r < *w {
                return v;
            }
            r -= w;
        }
        weighted[0].0
    }
}

fn generate(path: &std::path::Path, rows: u64) -> u64 {
    let file = std::fs::File::create(path).expect("create csv");
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    writeln!(out, "submitted_at,overall,courtesy,wait,resolved,effort").expect("write");
    let start = NaiveDate::from_ymd_opt(2025, 1, 1)
        .and_then(|d| d.and_hms_opt(7, 0, 0))
        .expect("start");
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for i in 0..rows {
        // Spread over 365 days, 8:00 to 17:00 Paris time (7:00-16:00 UTC in winter).
        let day = i * 365 / rows;
        let minute = rng.next() % (9 * 60);
        let at = start + TimeDelta::days(day as i64) + TimeDelta::minutes(minute as i64);
        let overall = rng.pick(&[("very_good", 55), ("average", 30), ("bad", 15)]);
        let courtesy = rng.pick(&[("4", 50), ("3", 30), ("2", 12), ("1", 8)]);
        let wait = rng.pick(&[("lt10", 40), ("10to20", 30), ("20to30", 18), ("gt30", 12)]);
        let resolved = rng.pick(&[("yes", 70), ("partly", 15), ("no", 15)]);
        let effort = rng.pick(&[
            ("", 10),
            ("1", 8),
            ("2", 25),
            ("3", 30),
            ("4", 22),
            ("5", 5),
        ]);
        writeln!(
            out,
            "{}Z,{overall},{courtesy},{wait},{resolved},{effort}",
            at.format("%Y-%m-%dT%H:%M:%S")
        )
        .expect("write");
    }
    out.flush().expect("flush");
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// (current, peak) resident memory of this process in KiB, from /proc.
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Resets the peak so the next reading is the peak of what follows (Linux `clear_refs` 5).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

async fn run(name: &str, engine: Engine, csv: &std::path::Path, rows: u64) {
    let Some(fresh) = fresh_database(engine).await.expect("database") else {
        println!("{name}: skipped (TEST_POSTGRES_URL is not set)");
        return;
    };
    println!("{name}:");
    db::demo::seed_demo(&fresh.db, Utc::now())
        .await
        .expect("seed");
    let code = TouchpointCode::parse("belfort-accueil").expect("code");
    let file = std::fs::File::open(csv).expect("open csv");
    let reader = std::io::BufReader::with_capacity(1 << 20, file);
    let started = Instant::now();
    let stored = db::import::import_responses(
        &fresh.db,
        &db::audit::Actor::CommandLine,
        &code,
        reader,
        |_| {},
    )
    .await
    .expect("import");
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(stored, rows, "every row is stored");
    println!(
        "  import: {stored} rows in {secs:.1} s = {:.0} rows/s (goal: at least 20,000)",
        stored as f64 / secs
    );
    fresh.db.close().await.expect("close");

    // The summary, through the HTTP API of a server started on the imported database.
    let db = db::connect(&fresh.url).await.expect("reconnect");
    let token = db::tokens::create_token(&db, "bench", domain::Role::Viewer, None, Utc::now())
        .await
        .expect("token");
    let config = Config::loopback(fresh.url.clone(), std::env::temp_dir());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(server::serve(AppState::new(config, db.clone()), listener));
    let client = reqwest::Client::new();
    let path = format!(
        "{base}/api/v1/summary?touchpoint=belfort-accueil&from=2025-01-01&to=2025-12-31\
         &compare_from=2025-01-01&compare_to=2025-06-30"
    );
    // One warm-up request, then measured ones.
    let warm = client
        .get(&path)
        .bearer_auth(&token)
        .send()
        .await
        .expect("summary");
    assert_eq!(warm.status(), 200);
    let body: serde_json::Value = warm.json().await.expect("json");
    // The demo's own answers of late 2025 are in the period too.
    let respondents = body["respondents"].as_u64().unwrap_or(0);
    assert!(respondents >= rows, "over every response: {respondents}");
    let (before, _) = memory_kib();
    reset_peak();
    let mut times = Vec::new();
    for _ in 0..10 {
        let t = Instant::now();
        let resp = client
            .get(&path)
            .bearer_auth(&token)
            .send()
            .await
            .expect("summary");
        assert_eq!(resp.status(), 200);
        let _ = resp.bytes().await;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let (_, peak) = memory_kib();
    times.sort_by(f64::total_cmp);
    println!(
        "  summary over {respondents} responses (with a comparison period): median {:.1} ms, max {:.1} ms (goal: at most 1 s)",
        times[times.len() / 2],
        times[times.len() - 1]
    );
    println!(
        "  memory while summarising: {} KiB resident before, peak {} KiB, growth {} KiB (goal: at most 100 MB)",
        before,
        peak,
        peak.saturating_sub(before)
    );
    let secret = dashboard(&db, &client, &base).await;
    report_pdf(&client, &base, &secret).await;
    export_xlsx(&db, &code).await;
}

/// `export-responses --format xlsx` of every imported response, to a file: its time, its size
/// and the growth of this process's memory while it writes (rows go to a temporary file).
async fn export_xlsx(db: &db::Db, code: &TouchpointCode) {
    let out = tempfile::NamedTempFile::new().expect("a file");
    let (before, _) = memory_kib();
    reset_peak();
    let started = Instant::now();
    let count = server::export::responses::write_responses(
        db,
        Some(code),
        server::export::sheet::SheetFormat::Xlsx,
        std::io::BufWriter::new(out.as_file()),
    )
    .await
    .expect("export");
    let secs = started.elapsed().as_secs_f64();
    let (_, peak) = memory_kib();
    let size = out.as_file().metadata().map(|m| m.len()).unwrap_or(0);
    println!(
        "  XLSX export of {count} responses: {secs:.1} s, {:.1} MB, memory growth {} KiB (goal: at most 100 MB)",
        size as f64 / 1e6,
        peak.saturating_sub(before)
    );
}

/// The dashboard of the year, as a committee member opens it: the median of 20 and the HTML's
/// size, raw and gzip-compressed.
async fn dashboard(db: &db::Db, client: &reqwest::Client, base: &str) -> String {
    const PASSWORD: &str = "mot de passe du banc d'essai";
    let email = "clu@bench.example";
    let secret = db::test_support::open_session(
        db,
        email,
        domain::Role::Viewer,
        Some(db::demo::ORGANISATION),
        PASSWORD,
    )
    .await;
    let path = format!(
        "{base}/tableau-de-bord?survey=accueil&from=2025-01&to=2025-12&compare_from=2024-01&compare_to=2024-12"
    );
    let get = || async {
        let resp = client
            .get(&path)
            .header("cookie", format!("qa_session={secret}"))
            .send()
            .await
            .expect("dashboard");
        assert_eq!(resp.status(), 200);
        resp.bytes().await.expect("body")
    };
    let html = get().await;
    let mut times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let _ = get().await;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    // The server compresses pages for a browser that accepts it: its bytes on the wire.
    let compressed = client
        .get(&path)
        .header("cookie", format!("qa_session={secret}"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("dashboard")
        .bytes()
        .await
        .expect("body")
        .len();
    println!(
        "  dashboard of the year: median {:.1} ms, max {:.1} ms (goal: at most 300 ms); HTML {:.1} KB, {:.1} KB gzip (goal: at most 60 KB)",
        times[times.len() / 2],
        times[times.len() - 1],
        html.len() as f64 / 1000.0,
        compressed as f64 / 1000.0
    );
    secret
}

/// The committee's report of the same year as a PDF (`/rapport.pdf`, printed by headless
/// Chromium): its time (median of 3, goal at most 10 s for a year of demo data), size and pages.
async fn report_pdf(client: &reqwest::Client, base: &str, secret: &str) {
    let path = format!(
        "{base}/rapport.pdf?survey=accueil&from=2025-01&to=2025-12&compare_from=2024-01&compare_to=2024-12"
    );
    let mut times = Vec::new();
    let mut pdf = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let resp = client
            .get(&path)
            .header("cookie", format!("qa_session={secret}"))
            .send()
            .await
            .expect("report");
        assert_eq!(resp.status(), 200, "the PDF (is chromium installed?)");
        pdf = resp.bytes().await.expect("pdf").to_vec();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let file = std::env::temp_dir().join(format!("bench-rapport-{}.pdf", std::process::id()));
    std::fs::write(&file, &pdf).expect("write the pdf");
    let info = std::process::Command::new("pdfinfo")
        .arg(&file)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    let _ = std::fs::remove_file(&file);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or("?")
            .to_owned()
    };
    println!(
        "  report of the year as PDF: median {:.1} s, max {:.1} s (goal: at most 10 s); {} pages, {:.0} KB, tagged: {}",
        times[1],
        times[2],
        field("Pages:"),
        pdf.len() as f64 / 1000.0,
        field("Tagged:")
    );
}

#[tokio::main]
async fn main() {
    let rows: u64 = std::env::var("BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("qualite-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let csv = dir.join("responses.csv");
    let t = Instant::now();
    let bytes = generate(&csv, rows);
    println!(
        "Generated {rows} rows ({:.1} MB) in {:.1} s.",
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    run("SQLite", Engine::Sqlite, &csv, rows).await;
    run("PostgreSQL", Engine::Postgres, &csv, rows).await;
    let _ = std::fs::remove_dir_all(&dir);
}
