//! Islands: the only parts of the application that reach the browser as wasm. Every page is
//! server-rendered HTML that works without them; an island adds behaviour on top.
//!
//! - [`test_form`]: the mystery shopper's test form (stopwatch, ring counter, criteria that do
//!   not apply, autosave, the offline draft).

pub mod test_form;
