//! The staff's results page: per question, every figure with its n, its interval, a flag when it
//! rests on few answers and, against a comparison period, the change with its interval and
//! p-value; the sample-size planner beside it. Rendered on the server; the forms are plain GET
//! forms, so the page works without JavaScript and every view has its own address.

pub mod dashboard;
pub mod form;
pub mod page;
pub mod planner;
pub mod report;
pub mod texts;
pub mod weighting;
