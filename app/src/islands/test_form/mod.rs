//! The islands of the mystery shopper's test form. The form itself is server HTML
//! (`pages/mystery/test_fields.rs`) that posts as it is without JavaScript; these islands sit in
//! it and add, once they run in the browser:
//!
//! - [`keeper`]: the island around the form, which keeps the draft ([`draft`]): a copy in this
//!   browser at every change, the autosave to the server, the copy sent when the network
//!   returns, the status line, a submission that waits for the save in flight;
//! - [`applies`]: a criterion that hides while the answer it depends on is not given;
//! - [`helpers`]: the stopwatch and the ring counter beside a number criterion.

pub mod applies;
pub mod browser;
pub mod draft;
pub mod helpers;
pub mod keeper;
pub mod texts;
