//! The statistics crate's integration tests, in one binary: every published reference value of
//! `tests/data/stats_public.json`, and property tests of the invariants (an interval contains its
//! estimate, stays inside its bounds, narrows as n grows).

mod properties;
mod reference;
