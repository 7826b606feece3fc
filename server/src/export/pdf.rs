//! The committee's report printed to PDF by headless Chromium (Debian's package, already the
//! browser of the end-to-end tests): the page is rendered on the server, written with its
//! stylesheets to a private temporary folder and printed from there, so the printing needs no
//! session, no network and no running server (`server report` uses it too). Chromium writes
//! real text, vector charts, embedded fonts and a tagged PDF (its structure for screen
//! readers), with the page breaks and running header of the print CSS.

use app::pages::results::meeting::{MeetingPage, MeetingView};
use app::render_document;
use leptos::prelude::*;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;
use tokio::sync::Semaphore;

/// The product's stylesheet, built in (the site's `app.css` is a copy of it).
const STYLESHEET: &str = include_str!("../../../style/main.css");

/// At most two Chromiums at a time (each about 250 MB while it prints).
static PRINTING: Semaphore = Semaphore::const_new(2);

/// How long a print may take before it is stopped.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Why no PDF came out.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// Chromium could not be started, or a file not written or read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// Chromium took longer than the timeout.
    #[error("chromium did not finish within {0:?}")]
    Timeout(Duration),
    /// Chromium ended without a PDF.
    #[error("chromium failed: {0}")]
    Failed(String),
}

/// The PDF of the report `view`, with its running header `print_css`.
pub async fn print(
    chromium: &Path,
    view: &MeetingView,
    print_css: &str,
) -> Result<Vec<u8>, PdfError> {
    let _permit = PRINTING
        .acquire()
        .await
        .map_err(|e| PdfError::Failed(e.to_string()))?;
    let dir = tempfile::tempdir()?;
    let view = view.clone();
    let html = render_document(move || view! { <MeetingPage view=view/> });
    let page = dir.path().join("rapport.html");
    tokio::fs::write(&page, html).await?;
    tokio::fs::write(dir.path().join("app.css"), STYLESHEET).await?;
    tokio::fs::write(dir.path().join("impression.css"), print_css).await?;
    let out = dir.path().join("rapport.pdf");
    let mut command = tokio::process::Command::new(chromium);
    command
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-extensions",
            "--no-first-run",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", out.display()))
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let child = command.spawn().map_err(|e| {
        PdfError::Io(std::io::Error::new(
            e.kind(),
            format!("starting {}: {e}", chromium.display()),
        ))
    })?;
    let output = tokio::time::timeout(TIMEOUT, child.wait_with_output())
        .await
        .map_err(|_| PdfError::Timeout(TIMEOUT))??;
    let bytes = tokio::fs::read(&out).await.unwrap_or_default();
    if !output.status.success() || !bytes.starts_with(b"%PDF") {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last: Vec<&str> = stderr.lines().rev().take(3).collect();
        return Err(PdfError::Failed(format!(
            "{} ({})",
            output.status,
            last.into_iter().rev().collect::<Vec<_>>().join(" / ")
        )));
    }
    Ok(bytes)
}
