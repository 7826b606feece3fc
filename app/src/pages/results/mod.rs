//! The staff's results page: per question, every figure with its n, its interval, a flag when it
//! rests on few answers and, against a comparison period, the change with its interval and
//! p-value; the sample-size planner beside it; the visitors' comments of a scope and period.
//! Rendered on the server; the forms are plain GET forms (the referent's marks on a comment,
//! plain POST forms), so the pages work without JavaScript and every view has its own address.

pub mod comments;
pub mod dashboard;
pub mod form;
pub mod meeting;
pub mod page;
pub mod planner;
pub mod report;
pub mod slides;
pub mod texts;
pub mod transparency;
pub mod weighting;
