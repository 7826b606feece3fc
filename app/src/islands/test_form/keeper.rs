//! The island around the test form: it reads the form at every change and keeps its draft
//! ([`Draft`]), shows the status line above it, and gives the draft to the islands inside the
//! form (context).

use super::draft::Draft;
use domain::Lang;
use leptos::prelude::*;

/// Keeps the draft of test `id`; `children` is the form, server HTML.
#[island]
pub fn DraftKeeper(lang: Lang, id: i32, editable: bool, children: Children) -> impl IntoView {
    let draft = Draft::new(id, editable, lang);
    provide_context(draft);
    Effect::new(move || draft.start());
    let status = editable.then(|| {
        view! {
            <Show when=move || draft.mounted.get()>
                <p class="autosave-status fr-text--sm" role="status" aria-live="polite">{move || draft.status.get()}</p>
            </Show>
        }
    });
    view! {
        <div class="draft-keeper" node_ref=draft.keeper
            on:input=move |_| draft.changed() on:change=move |_| draft.changed()
            on:submit=move |ev| draft.submit(ev)>
            {status}
            {children()}
        </div>
    }
}
