//! The release binary as an operator runs it: subcommands beside a running `serve` on the same
//! SQLite file, and no acknowledged answer lost when the server is killed.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

fn server() -> Command {
    Command::new(env!("CARGO_BIN_EXE_server"))
}

#[test]
fn the_binary_documents_its_subcommands() {
    let out = server().arg("--help").output().expect("run --help");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    for sub in ["serve", "migrate", "seed-demo", "export-responses"] {
        assert!(text.contains(sub), "--help lists {sub}");
    }
    let out = server()
        .args(["export-responses", "--help"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stdout).contains("--touchpoint"));
}

fn export(url: &str, touchpoint: &str) -> String {
    let out = server()
        .args([
            "export-responses",
            "--format",
            "csv",
            "--touchpoint",
            touchpoint,
        ])
        .env("DATABASE_URL", url)
        .output()
        .expect("export");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 csv")
}

#[tokio::test]
async fn an_acknowledged_answer_survives_a_killed_server_and_exports_run_beside_it() {
    let dir = std::env::temp_dir().join(format!("qualite-process-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}/p.db?mode=rwc", dir.display());
    let seeded = server()
        .arg("seed-demo")
        .env("DATABASE_URL", &url)
        .output()
        .expect("seed");
    assert!(seeded.status.success());

    let mut child = server()
        .arg("serve")
        .env("DATABASE_URL", &url)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("LEPTOS_SITE_ROOT", &dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("first line");
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("listening address")
        .to_owned();

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let html = client
        .get(format!("{base}/q/belfort-pan"))
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("html");
    let key_at = html.find("name=\"idem\" value=\"").expect("key") + 19;
    let key = &html[key_at..key_at + 36];
    let marker = "Tué juste après l'accusé de réception";
    let body = serde_urlencoded::to_string([
        ("idem", key),
        ("q_overall", "average"),
        ("q_courtesy", "3"),
        ("q_wait", "10to20"),
        ("q_resolved", "yes"),
        ("q_comment", marker),
    ])
    .expect("form");
    let resp = client
        .post(format!("{base}/q/belfort-pan"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("post");
    assert_eq!(resp.status(), reqwest::StatusCode::SEE_OTHER);

    // Another process reads the same file while the server runs.
    assert!(export(&url, "belfort-pan").contains(marker));

    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let csv = export(&url, "belfort-pan");
    assert!(
        csv.contains(marker),
        "the acknowledged answer survived the kill"
    );
    let header = csv.lines().next().expect("header");
    assert_eq!(
        header,
        "id,submitted_at,site,service,touchpoint,channel,survey_version,language,\
         overall,courtesy,wait,resolved,effort,comment"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `export-tests` as an operator runs it: the demo's call campaign, one row per test with the
/// issue's columns; an unknown campaign is a clear error, not a crash.
#[test]
fn export_tests_writes_one_row_per_test() {
    let dir = std::env::temp_dir().join(format!("qualite-export-tests-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}/e.db?mode=rwc", dir.display());
    let seeded = server()
        .arg("seed-demo")
        .env("DATABASE_URL", &url)
        .output()
        .expect("seed");
    assert!(seeded.status.success());
    let out = server()
        .args([
            "export-tests",
            "--format",
            "csv",
            "--campaign",
            "appels-2025-2026",
        ])
        .env("DATABASE_URL", &url)
        .output()
        .expect("export");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).expect("utf-8");
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    assert_eq!(&header[..3], ["id", "campaign", "status"]);
    assert!(header.contains(&"C01") && header.contains(&"C17"));
    assert_eq!(&header[header.len() - 2..], ["score", "meets_standard"]);
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() >= 60, "{} tests", rows.len());
    for status in ["validated", "submitted", "returned"] {
        assert!(
            rows.iter().any(|r| r.contains(&format!(",{status},"))),
            "{status}"
        );
    }
    let unknown = server()
        .args(["export-tests", "--campaign", "nowhere"])
        .env("DATABASE_URL", &url)
        .output()
        .expect("export");
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown campaign"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// No secret reaches the server's log, whatever `RUST_LOG` says: not a one-time link's, an
/// invitation's, a token's, a session's or a password reset link's.
#[tokio::test]
async fn no_secret_is_written_to_the_logs() {
    let dir = std::env::temp_dir().join(format!("qualite-logs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}/l.db?mode=rwc", dir.display());
    let log_path = dir.join("server.log");
    let log = std::fs::File::create(&log_path).expect("log file");
    let mut child = server()
        .arg("serve")
        .arg("--seed-demo-if-empty")
        .env("DATABASE_URL", &url)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("LEPTOS_SITE_ROOT", &dir)
        .env("RUST_LOG", "trace")
        .stdout(Stdio::piped())
        .stderr(Stdio::from(log))
        .spawn()
        .expect("serve");
    // The demo is seeded first; the line with the address says the server listens.
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let base = loop {
        let mut line = String::new();
        assert!(out.read_line(&mut line).expect("a line") > 0, "no address");
        if let Some(w) = line.split_whitespace().find(|w| w.starts_with("http://")) {
            break w.to_owned();
        }
    };
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let client = reqwest::Client::new();
    let secrets = [
        "ql_linksecretprobe0001",
        "qi_invitationprobe0002",
        "qa_tokensecretprobe0003",
        "qs_sessionsecretprobe04",
        "qr_resetsecretprobe0005",
    ];
    for path in [
        format!("/q/belfort-pan?i={}", secrets[0]),
        format!("/invitation/{}", secrets[1]),
        format!("/reinitialiser/{}", secrets[4]),
    ] {
        client
            .get(format!("{base}{path}"))
            .send()
            .await
            .expect("get");
    }
    client
        .get(format!("{base}/api/v1/touchpoints"))
        .bearer_auth(secrets[2])
        .send()
        .await
        .expect("api");
    client
        .get(format!("{base}/resultats"))
        .header("cookie", format!("qa_session={}", secrets[3]))
        .send()
        .await
        .expect("page");
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    let written = std::fs::read_to_string(&log_path).expect("log");
    assert!(written.contains("request"), "the requests are logged");
    for secret in secrets {
        assert!(!written.contains(secret), "{secret} in the log");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `api-token create --expires`: a past date is refused, a future one is listed with the token.
#[test]
fn a_token_made_on_the_command_line_gets_an_expiry_date() {
    let dir = std::env::temp_dir().join(format!("qualite-tokens-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let url = format!("sqlite://{}/t.db?mode=rwc", dir.display());
    let seeded = server()
        .arg("seed-demo")
        .env("DATABASE_URL", &url)
        .output()
        .expect("seed");
    assert!(seeded.status.success());
    let create = |expires: &str| {
        server()
            .args([
                "api-token",
                "create",
                "--name",
                "borne-hall",
                "--role",
                "kiosk",
            ])
            .args(["--expires", expires])
            .env("DATABASE_URL", &url)
            .output()
            .expect("create")
    };
    let past = create("2020-01-01");
    assert!(!past.status.success());
    assert!(String::from_utf8_lossy(&past.stderr).contains("--expires"));
    let made = create("2099-12-31");
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let list = server()
        .args(["api-token", "list"])
        .env("DATABASE_URL", &url)
        .output()
        .expect("list");
    let text = String::from_utf8_lossy(&list.stdout);
    let line = text
        .lines()
        .find(|l| l.contains("borne-hall"))
        .expect("listed");
    // Midnight in Paris, in UTC.
    assert!(line.contains("expires 2099-12-30 23:00"), "{line}");
    assert!(line.contains("never used"), "{line}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_command_line_prints_the_report_to_a_pdf_or_says_what_is_wrong() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/r.db?mode=rwc", dir.path().display());
    let seeded = server()
        .arg("seed-demo")
        .env("DATABASE_URL", &url)
        .output()
        .expect("seed");
    assert!(seeded.status.success());
    let pdf = dir.path().join("rapport.pdf");
    let out = server()
        .args(["report", "--from", "2026-07", "--to", "2026-09", "--output"])
        .arg(&pdf)
        .env("DATABASE_URL", &url)
        .output()
        .expect("report");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&pdf).expect("the pdf");
    assert!(bytes.starts_with(b"%PDF"));
    let (_, pages) = crate::common::pdfinfo(&pdf);
    assert!(pages >= 4, "{pages}");
    // A bad month: the reason, and no file.
    let refused = dir.path().join("refused.pdf");
    let out = server()
        .args(["report", "--from", "2026-13", "--to", "2026-09", "--output"])
        .arg(&refused)
        .env("DATABASE_URL", &url)
        .output()
        .expect("report");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Début de la période"));
    assert!(!refused.exists());
}
