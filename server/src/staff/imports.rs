//! The upload screen of past results (`/resultats/import`): the file is streamed to a temporary
//! file, imported in the background by the same all-or-nothing path as `server import-responses`,
//! and followed on a page that refreshes itself until the outcome. Referents and admins only.

use crate::http::access::{Managers, Staff};
use crate::http::pages::{html, server_error};
use crate::jobs::Job;
use crate::state::AppState;
use app::pages::staff::import::{ImportPage, ImportProgressPage, ImportStatus};
use app::render_document;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::{Lang, TouchpointCode};
use leptos::prelude::*;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use tokio::io::AsyncWriteExt;

/// The largest file the upload screen takes (a million rows is about 50 MB).
pub const IMPORT_MAX_BYTES: usize = 512 * 1024 * 1024;

type Manager = Staff<Managers>;

async fn form_page(
    state: &AppState,
    staff: &Manager,
    lang: Lang,
    status: StatusCode,
    error: Option<String>,
) -> Response {
    let touchpoints =
        match db::export::list_touchpoints(&state.db, staff.account.organisation_id).await {
            Ok(list) => list
                .into_iter()
                .filter(|t| t.active)
                .map(|t| (t.code, t.name))
                .collect::<Vec<_>>(),
            Err(e) => {
                tracing::error!(error = %e, "import: listing touchpoints failed");
                return server_error();
            }
        };
    let body = render_document(move || {
        view! { <ImportPage lang=lang touchpoints=touchpoints error=error/> }
    });
    html(status, lang, body)
}

/// `GET /resultats/import`.
pub async fn show(State(state): State<AppState>, staff: Manager) -> Response {
    form_page(&state, &staff, staff.lang, StatusCode::OK, None).await
}

/// `POST /resultats/import` (multipart: `lang`, `touchpoint`, `file`).
pub async fn upload(
    State(state): State<AppState>,
    staff: Manager,
    multipart: Result<Multipart, MultipartRejection>,
) -> Response {
    let mut lang = staff.lang;
    let account = &staff.account;
    // Who may import is checked before the body is read.
    let Ok(mut multipart) = multipart else {
        let message = match lang {
            Lang::Fr => "Le formulaire doit être envoyé en multipart/form-data.",
            Lang::En => "The form must be sent as multipart/form-data.",
        };
        return (StatusCode::BAD_REQUEST, message).into_response();
    };
    let refuse = |lang: Lang, status: StatusCode, fr: &str, en: &str| {
        let message = match lang {
            Lang::Fr => fr.to_owned(),
            Lang::En => en.to_owned(),
        };
        (status, message)
    };
    let mut touchpoint: Option<String> = None;
    let path = std::env::temp_dir().join(format!("qualite-import-{}.csv", uuid::Uuid::new_v4()));
    let mut total = 0u64;
    let mut got_file = false;
    let problem = loop {
        let field = match multipart.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break None,
            Err(e) => {
                break Some(if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    refuse(
                        lang,
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "Le fichier dépasse 512 Mo.",
                        "The file is over 512 MB.",
                    )
                } else {
                    refuse(
                        lang,
                        StatusCode::BAD_REQUEST,
                        "Le formulaire est incomplet ou mal formé.",
                        "The form is incomplete or malformed.",
                    )
                });
            }
        };
        match field.name() {
            Some("lang") => {
                if let Some(l) = field.text().await.ok().as_deref().and_then(Lang::parse) {
                    lang = l;
                }
            }
            Some("touchpoint") => touchpoint = field.text().await.ok(),
            Some("file") => {
                got_file = true;
                match save(field, &path).await {
                    Ok(bytes) => total = bytes,
                    Err(status) => {
                        break Some(if status == StatusCode::PAYLOAD_TOO_LARGE {
                            refuse(
                                lang,
                                status,
                                "Le fichier dépasse 512 Mo.",
                                "The file is over 512 MB.",
                            )
                        } else {
                            refuse(
                                lang,
                                status,
                                "Le fichier n'a pas pu être reçu en entier.",
                                "The file could not be received in full.",
                            )
                        });
                    }
                }
            }
            _ => {}
        }
    };
    // Only a touchpoint of the account's organisation (any, for an admin).
    let theirs = match db::export::list_touchpoints(&state.db, account.organisation_id).await {
        Ok(list) => list,
        Err(e) => {
            tracing::error!(error = %e, "import: listing touchpoints failed");
            let _ = tokio::fs::remove_file(&path).await;
            return server_error();
        }
    };
    let code = touchpoint
        .as_deref()
        .map(str::trim)
        .filter(|c| theirs.iter().any(|t| t.active && t.code == *c))
        .and_then(|c| TouchpointCode::parse(c).ok());
    let problem = problem.or_else(|| match (&code, got_file && total > 0) {
        (None, _) => Some(refuse(
            lang,
            StatusCode::BAD_REQUEST,
            "Choisissez un point de contact.",
            "Choose a touchpoint.",
        )),
        (_, false) => Some(refuse(
            lang,
            StatusCode::BAD_REQUEST,
            "Choisissez un fichier CSV non vide.",
            "Choose a CSV file that is not empty.",
        )),
        _ => None,
    });
    if let Some((status, message)) = problem {
        let _ = tokio::fs::remove_file(&path).await;
        return form_page(&state, &staff, lang, status, Some(message)).await;
    }
    let Some(code) = code else {
        return server_error();
    };
    let job = Arc::new(Job::new(code.as_str(), account.organisation_id, total));
    let id = uuid::Uuid::new_v4().simple().to_string();
    state.imports.insert(id.clone(), job.clone());
    let db = state.db.clone();
    let actor = staff.actor();
    tokio::spawn(async move {
        let outcome = match std::fs::File::open(&path) {
            Ok(file) => {
                let reader = std::io::BufReader::with_capacity(1 << 20, file);
                let progress = job.clone();
                db::import::import_responses(&db, &actor, &code, reader, move |bytes| {
                    progress.done.store(bytes, Ordering::Relaxed);
                })
                .await
                .map(|n| (n, job.started.elapsed().as_secs_f64()))
                .map_err(|e| e.to_string())
            }
            Err(e) => Err(format!("the uploaded file could not be read: {e}")),
        };
        match &outcome {
            Ok((n, secs)) => {
                tracing::info!(touchpoint = %code, rows = n, seconds = secs, "import from the screen finished")
            }
            Err(e) => {
                tracing::warn!(touchpoint = %code, error = %e, "import from the screen refused")
            }
        }
        *job.outcome.lock().unwrap_or_else(|e| e.into_inner()) = Some(outcome);
        let _ = tokio::fs::remove_file(&path).await;
    });
    Redirect::to(&format!("/resultats/import/{id}?lang={}", lang.code())).into_response()
}

/// Streams a multipart field into `path`; its size, or the status to answer.
async fn save(
    mut field: axum::extract::multipart::Field<'_>,
    path: &std::path::Path,
) -> Result<u64, StatusCode> {
    let mut file = tokio::fs::File::create(path)
        .await
        .map_err(|_| StatusCode::INSUFFICIENT_STORAGE)?;
    let mut total = 0u64;
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                total += chunk.len() as u64;
                file.write_all(&chunk)
                    .await
                    .map_err(|_| StatusCode::INSUFFICIENT_STORAGE)?;
            }
            Ok(None) => break,
            Err(e) => return Err(e.status()),
        }
    }
    file.flush()
        .await
        .map_err(|_| StatusCode::INSUFFICIENT_STORAGE)?;
    Ok(total)
}

/// `GET /resultats/import/{id}`.
pub async fn progress(
    State(state): State<AppState>,
    staff: Manager,
    Path(id): Path<String>,
) -> Response {
    let lang = staff.lang;
    let account = &staff.account;
    // Another organisation's import is as unknown as a wrong id (an admin follows every one).
    let job = state.imports.get(&id).filter(|job| {
        account.organisation_id.is_none() || job.organisation_id == account.organisation_id
    });
    let (status_code, touchpoint, status) = match job {
        None => (StatusCode::NOT_FOUND, String::new(), ImportStatus::Unknown),
        Some(job) => {
            let outcome = job
                .outcome
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .clone();
            let status = match outcome {
                None => ImportStatus::Running {
                    done: job.done.load(Ordering::Relaxed),
                    total: job.total,
                },
                Some(Ok((stored, seconds))) => ImportStatus::Done { stored, seconds },
                Some(Err(message)) => ImportStatus::Failed { message },
            };
            (StatusCode::OK, job.touchpoint.clone(), status)
        }
    };
    let body = render_document(move || {
        view! { <ImportProgressPage lang=lang touchpoint=touchpoint status=status/> }
    });
    html(status_code, lang, body)
}
