//! The imports started from the upload screen, as this server follows them: progress while a
//! file is imported in the background, then its outcome, kept for the progress page.

use std::collections::HashMap;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Finished imports kept for their pages.
const KEPT: usize = 50;

/// One import started from the screen.
#[derive(Debug)]
pub struct Job {
    /// The touchpoint the answers go to.
    pub(crate) touchpoint: String,
    /// The organisation of the account that started it (only its people follow it).
    pub(crate) organisation_id: Option<i32>,
    /// The file's size in bytes.
    pub(crate) total: u64,
    /// Bytes read so far.
    pub(crate) done: AtomicU64,
    /// When it started.
    pub(crate) started: Instant,
    /// Responses stored and seconds taken, or why nothing was stored; `None` while it runs.
    pub(crate) outcome: Mutex<Option<Result<(u64, f64), String>>>,
}

impl Job {
    /// An import of `total` bytes into `touchpoint`, starting now.
    pub fn new(touchpoint: &str, organisation_id: Option<i32>, total: u64) -> Job {
        Job {
            touchpoint: touchpoint.to_owned(),
            organisation_id,
            total,
            done: AtomicU64::new(0),
            started: Instant::now(),
            outcome: Mutex::new(None),
        }
    }
}

/// The imports of this server, by id.
#[derive(Debug, Clone, Default)]
pub struct Jobs(Arc<Mutex<HashMap<String, Arc<Job>>>>);

impl Jobs {
    /// Follows a new import (forgetting finished ones beyond the last [`KEPT`]).
    pub fn insert(&self, id: String, job: Arc<Job>) {
        let mut jobs = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if jobs.len() >= KEPT {
            jobs.retain(|_, j| j.outcome.lock().map(|o| o.is_none()).unwrap_or(false));
        }
        jobs.insert(id, job);
    }

    /// The import of `id`, if this server follows it.
    pub fn get(&self, id: &str) -> Option<Arc<Job>> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(id)
            .cloned()
    }
}
