//! The helpers beside a number criterion, which appear once they run in the browser: a stopwatch
//! that fills seconds or minutes, and a ring counter that counts one tap at a time. Both write
//! into their criterion's input (`input`, its id), which the form posts, and tell the draft.

use super::browser;
use super::draft::Draft;
use super::texts::island_texts;
use domain::Lang;
use leptos::prelude::*;
use std::time::Duration;

/// Starts and stops; on stop, the elapsed time goes into the input (in minutes when `minutes`).
#[island]
pub fn Stopwatch(lang: Lang, input: String, minutes: bool) -> impl IntoView {
    let t = island_texts(lang);
    let mounted = RwSignal::new(false);
    Effect::new(move || mounted.set(true));
    let draft = use_context::<Draft>();
    // When it started (milliseconds since 1970), while it runs.
    let started: RwSignal<Option<f64>> = RwSignal::new(None);
    let elapsed = RwSignal::new(0u64);
    // The time stays shown once stopped.
    let shown = RwSignal::new(false);
    let ticker: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
    let field = StoredValue::new(input);
    let seconds = move |since: f64| ((browser::now() - since) / 1000.0).round().max(0.0) as u64;
    let toggle = move |_| match started.get_untracked() {
        None => {
            let since = browser::now();
            started.set(Some(since));
            elapsed.set(0);
            shown.set(true);
            let handle = set_interval_with_handle(
                move || elapsed.set(seconds(since)),
                Duration::from_millis(500),
            )
            .ok();
            ticker.set_value(handle);
        }
        Some(since) => {
            if let Some(h) = ticker.get_value() {
                h.clear();
            }
            ticker.set_value(None);
            let s = seconds(since);
            elapsed.set(s);
            started.set(None);
            if let Some(f) = field.with_value(|id| browser::input(id)) {
                f.set_value(&(if minutes { (s + 30) / 60 } else { s }).to_string());
            }
            if let Some(d) = draft {
                d.changed();
            }
        }
    };
    let running = move || started.get().is_some();
    view! {
        <Show when=move || mounted.get()>
            <div class="helper-tools">
                <button type="button" class="fr-btn fr-btn--secondary stopwatch"
                    aria-pressed=move || if running() { "true" } else { "false" } on:click=toggle>
                    {move || if running() { t.stop } else { t.start }}
                </button>
                <span class="stopwatch-time">
                    {move || shown.get().then(|| {
                        let s = elapsed.get();
                        format!(" {} min {:02} s", s / 60, s % 60)
                    })}
                </span>
            </div>
        </Show>
    }
}

/// One tap, one ring (up to `max`); and back to zero.
#[island]
pub fn RingCounter(lang: Lang, input: String, code: String, max: u32) -> impl IntoView {
    let t = island_texts(lang);
    let mounted = RwSignal::new(false);
    Effect::new(move || mounted.set(true));
    let draft = use_context::<Draft>();
    let field = StoredValue::new(input);
    let set = move |value: u32| {
        if let Some(f) = field.with_value(|id| browser::input(id)) {
            f.set_value(&value.to_string());
        }
        if let Some(d) = draft {
            d.changed();
        }
    };
    let add = move |_| {
        let now = field
            .with_value(|id| browser::input(id))
            .and_then(|f| f.value().trim().parse::<u32>().ok())
            .unwrap_or(0);
        set(now.saturating_add(1).min(max));
    };
    view! {
        <Show when=move || mounted.get()>
            <div class="helper-tools">
                <button type="button" class="fr-btn fr-btn--lg ring-counter"
                    aria-label=format!("{}{code}", t.add_one_to) on:click=add>{t.ring}</button>
                <button type="button" class="fr-btn fr-btn--tertiary" on:click=move |_| set(0)>{t.reset}</button>
            </div>
        </Show>
    }
}
