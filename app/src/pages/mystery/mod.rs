//! The referent's mystery-test screens: campaigns, a campaign's plan (targets, scenarios, planned
//! tests and their shoppers, progress, the margin of error the plan gives), the tests to
//! validate, and a campaign's results with their intervals. Plain forms and links.
//!
//! The mystery shopper's pages (their planned tests, the test form) and the referent's
//! validation of a test. Server-rendered plain forms: every field is a plain input without
//! JavaScript; with it, the islands of `islands::test_form` add a stopwatch, a ring counter,
//! hide criteria that do not apply, save the draft as the shopper goes and keep it in the
//! browser offline.

pub mod campaigns;
pub mod grids;
pub mod parts;
pub mod plan;
pub mod results;
pub mod shopper;
pub mod test_fields;
pub mod test_form;
pub mod validation;
