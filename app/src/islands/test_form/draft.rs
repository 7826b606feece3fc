//! The draft of a test as the browser keeps it (the [`keeper`](super::keeper) island provides it
//! to the islands inside the form). The form itself holds the values (what the
//! shopper typed before the island ran is kept, and the form posts as it is without
//! JavaScript); the draft reads them at every change, keeps a copy in this browser's storage,
//! saves them on the server a moment later, sends the copy when the network returns, restores a
//! copy left unsent, and makes a submission wait for the save in flight so it never meets a
//! stale revision.
//!
//! What touches the browser runs in effects and event handlers, which only run in the browser.

use super::browser::{self, Saved};
use super::texts::island_texts;
use domain::Lang;
use leptos::html::Div;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

/// How long the form waits after a change before saving it on the server.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(1500);

/// What this browser keeps of a test, under `mystere-test-{id}`: the shape the form's earlier
/// script kept, so a copy it left unsent is still restored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptCopy {
    /// The revision the values were typed on.
    pub revision: String,
    /// Whether the server has these values.
    pub synced: bool,
    /// The form's fields, in order, as the form posts them.
    pub fields: Vec<(String, String)>,
    /// When (milliseconds since 1970).
    pub at: u64,
}

/// The draft of the test on this page. Copy: every part is a signal, a stored value or a node.
#[derive(Clone, Copy)]
pub struct Draft {
    id: i32,
    lang: Lang,
    editable: bool,
    /// The form's values as last read (field name to value; a choice not made is absent).
    values: RwSignal<BTreeMap<String, String>>,
    /// What the status line says.
    pub status: RwSignal<String>,
    /// Set once the island runs in the browser: the helpers and the status line appear, the
    /// criteria that do not apply hide.
    pub mounted: RwSignal<bool>,
    dirty: StoredValue<bool>,
    saving: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>>,
    /// A submission waiting for the save in flight: the button's name and value.
    waiting_submission: StoredValue<Option<Option<(String, String)>>>,
    /// The keeper's element, around the form.
    pub keeper: NodeRef<Div>,
}

impl Draft {
    /// The draft of test `id`, rendered in `lang`.
    pub fn new(id: i32, editable: bool, lang: Lang) -> Draft {
        Draft {
            id,
            lang,
            editable,
            values: RwSignal::new(BTreeMap::new()),
            status: RwSignal::new(String::new()),
            mounted: RwSignal::new(false),
            dirty: StoredValue::new(false),
            saving: StoredValue::new(false),
            timer: StoredValue::new(None),
            waiting_submission: StoredValue::new(None),
            keeper: NodeRef::new(),
        }
    }

    /// Whether a criterion that applies only after `condition` (criterion, answer) is shown:
    /// always on the server, before the island runs, and on a form that can no longer change.
    pub fn applies(&self, condition: &Option<(String, String)>) -> bool {
        match condition {
            Some((code, answer)) if self.editable && self.mounted.get() => self
                .values
                .with(|v| v.get(code).is_some_and(|given| given == answer)),
            _ => true,
        }
    }

    fn key(&self) -> String {
        format!("mystere-test-{}", self.id)
    }

    /// The form, inside the keeper.
    fn form(&self) -> Option<leptos::web_sys::HtmlFormElement> {
        browser::form_in(&self.keeper.get_untracked()?)
    }

    /// The form's fields as it posts them, without the button.
    fn posted(&self) -> Vec<(String, String)> {
        self.form()
            .map(|form| browser::fields(&form))
            .unwrap_or_default()
            .into_iter()
            .filter(|(name, _)| name != "action")
            .collect()
    }

    fn revision(&self) -> String {
        self.posted()
            .into_iter()
            .find(|(name, _)| name == "revision")
            .map(|(_, v)| v)
            .unwrap_or_default()
    }

    /// Reads the form again (the criteria that apply follow).
    fn read(&self) {
        self.values.set(self.posted().into_iter().collect());
    }

    /// Runs once the island is live in the browser.
    pub fn start(self) {
        if !self.editable {
            // The server has the test (sent, or in the referent's hands): no copy stays here.
            browser::forget(&self.key());
            return;
        }
        self.read();
        self.mounted.set(true);
        window_event_listener(leptos::ev::online, move |_| {
            if self.dirty.get_value() {
                self.save();
            }
        });
        if self.form().is_some_and(|form| browser::edited(&form)) {
            // The shopper typed before the island ran: those values are the newest, kept and
            // saved like any change (an older copy of this browser does not overwrite them).
            self.dirty.set_value(true);
            self.keep(false);
            self.schedule();
        } else {
            self.restore();
        }
    }

    /// A copy this browser kept but could not send (a closed tab, no network) comes back, and
    /// is sent.
    fn restore(self) {
        let Some(kept) =
            browser::read(&self.key()).and_then(|raw| serde_json::from_str::<KeptCopy>(&raw).ok())
        else {
            return;
        };
        if kept.synced || kept.revision != self.revision() {
            return;
        }
        if let Some(form) = self.form() {
            for (name, value) in &kept.fields {
                if name != "revision" {
                    browser::set_field(&form, name, value);
                }
            }
        }
        self.read();
        self.status.set(island_texts(self.lang).restored.to_owned());
        self.dirty.set_value(true);
        self.save();
    }

    /// Keeps the values in this browser; `synced` when the server has them too.
    fn keep(&self, synced: bool) {
        let fields = self.posted();
        let revision = fields
            .iter()
            .find(|(name, _)| name == "revision")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let copy = KeptCopy {
            revision,
            synced,
            fields,
            at: browser::now() as u64,
        };
        if let Ok(json) = serde_json::to_string(&copy) {
            browser::write(&self.key(), &json);
        }
    }

    /// A field changed: read, kept here at once, saved on the server a moment later.
    pub fn changed(self) {
        if !self.editable || !self.mounted.get_untracked() {
            return;
        }
        self.read();
        self.dirty.set_value(true);
        self.keep(false);
        self.schedule();
    }

    fn schedule(self) {
        if let Some(t) = self.timer.get_value() {
            t.clear();
        }
        let handle = set_timeout_with_handle(move || self.save(), AUTOSAVE_DELAY).ok();
        self.timer.set_value(handle);
    }

    fn save(self) {
        leptos::task::spawn_local(async move { self.save_now().await });
    }

    async fn save_now(self) {
        self.timer.set_value(None);
        if self.saving.get_value() {
            self.schedule();
            return;
        }
        if !self.dirty.get_value() {
            return;
        }
        self.dirty.set_value(false);
        let t = island_texts(self.lang);
        self.status.set(t.saving.to_owned());
        self.saving.set_value(true);
        let action = self
            .form()
            .and_then(|f| f.get_attribute("action"))
            .unwrap_or_default();
        let outcome = browser::post(&action, &self.posted()).await;
        match outcome {
            Some(Saved::Stored { revision, refused }) => {
                if let Some(form) = self.form() {
                    browser::set_field(&form, "revision", &revision.to_string());
                }
                // Synced only if nothing changed while the request was on its way.
                self.keep(!self.dirty.get_value());
                let mut text = format!("{}{}", t.saved_at, browser::clock());
                if !refused.is_empty() {
                    let list: Vec<String> = refused
                        .iter()
                        .map(|(criterion, message)| format!("{criterion} ({message})"))
                        .collect();
                    text.push_str(&format!(" {}{}", t.refused, list.join(", ")));
                }
                self.status.set(text);
            }
            Some(Saved::Expired) => {
                self.dirty.set_value(true);
                self.keep(false);
                self.status.set(t.expired.to_owned());
            }
            Some(Saved::Conflict) => {
                self.keep(false);
                self.status.set(t.conflict.to_owned());
            }
            Some(Saved::Refused(message)) => {
                self.keep(false);
                self.status.set(format!("{}{message}", t.refused));
            }
            None => {
                self.dirty.set_value(true);
                self.keep(false);
                self.status.set(t.offline.to_owned());
            }
        }
        self.saving.set_value(false);
        if let Some(submitter) = self.waiting_submission.get_value() {
            self.waiting_submission.set_value(None);
            self.send(submitter);
        }
    }

    /// The form is submitted: it goes as a plain form post, after the save in flight if there
    /// is one (so its revision is the latest). The copy stays until the server shows the test
    /// as sent (then the page clears it).
    pub fn submit(self, event: leptos::ev::SubmitEvent) {
        if !self.editable || !self.mounted.get_untracked() {
            return;
        }
        self.keep(false);
        let pending = self.timer.get_value();
        if !self.saving.get_value() && pending.is_none() {
            return;
        }
        event.prevent_default();
        if let Some(t) = pending {
            t.clear();
            self.timer.set_value(None);
        }
        let submitter = event.submitter().and_then(|button| {
            Some((
                button.get_attribute("name")?,
                button.get_attribute("value")?,
            ))
        });
        if self.saving.get_value() {
            self.waiting_submission.set_value(Some(submitter));
        } else {
            self.send(submitter);
        }
    }

    /// Posts the form itself, with the button that was pressed.
    fn send(&self, submitter: Option<(String, String)>) {
        if let Some(form) = self.form() {
            browser::submit(&form, submitter);
        }
    }
}
