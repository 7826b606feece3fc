//! The indicators: one function computes each figure people read, from the counts the database
//! aggregates, with its n, its interval, its fragility and its change. The JSON API, the results
//! pages and (next) the dashboards, the poster and the report all call these, so they always
//! agree.
//!
//! - [`survey`]: a questionnaire's indicators per question (pure);
//! - [`weighting`]: shares re-weighted by each service's footfall;
//! - [`scope`]: reads a scope's counts and computes its figures;
//! - [`mystery`]: a campaign's results from its scored tests (pure);
//! - [`figures`]: the entered figures over a period (pure);
//! - [`referential`]: each engagement of the referential beside the survey indicators, mystery
//!   criteria and entered figures that measure it (pure).

pub mod change;
pub mod figures;
pub mod mystery;
pub mod period;
pub mod referential;
pub mod scope;
pub mod survey;
pub mod weighting;

pub use change::Change;
pub use period::Period;
