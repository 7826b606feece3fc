//! The pages, all rendered on the server, by who reads them: `visitor` (the home page, the
//! survey, its notices, the poster), `staff` (signing in and the administration screens),
//! `results` (the survey results and the sample-size planner) and `mystery` (the mystery tests).

pub mod mystery;
pub mod results;
pub mod staff;
pub mod visitor;
