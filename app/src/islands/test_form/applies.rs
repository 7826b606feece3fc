//! A criterion that applies only after a given answer to another (the criteria after "call
//! picked up", say): hidden, once the island runs, while that answer is not given. Without
//! JavaScript, and on a test that can no longer change, it is always shown.

use super::draft::Draft;
use leptos::prelude::*;

/// Shows `children` (the criterion's field, server HTML) only when `criterion` has `answer`.
#[island]
pub fn AppliesWhen(criterion: String, answer: String, children: Children) -> impl IntoView {
    let draft = use_context::<Draft>();
    // Its first value must be the server's (shown), whatever the keeper already knows: the
    // condition applies from the first tick the island runs.
    let live = RwSignal::new(false);
    Effect::new(move || live.set(true));
    let condition = Some((criterion, answer));
    let hidden = move || live.get() && draft.is_some_and(|d| !d.applies(&condition));
    view! { <div class="applies-when" hidden=hidden>{children()}</div> }
}
