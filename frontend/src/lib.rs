//! The wasm entry point: hydrates the islands of the page (`app::islands`); the rest of every
//! page is server HTML that needs no wasm.

// Linked for its islands: each `#[island]` exports the function that hydrates it.
use app as _;

/// Called by the islands' script once the wasm module is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
