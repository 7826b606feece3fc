//! Pages: the visitor's (server-rendered, no script), the poster, the staff's results (server-rendered
//! GET forms) and the hydrated app's.
//!
//! By who reads them: `visitor` (the survey, its notices, the poster), `staff` (signing in and the
//! administration screens), `results` (the survey results and the sample-size planner), `mystery`
//! (the mystery tests) and `home` (the hydrated app's home page).

pub mod home;
pub mod mystery;
pub mod results;
pub mod staff;
pub mod visitor;
