//! Pages: the visitor's (server-rendered, no script), the poster, the staff's results (server-rendered
//! GET forms) and the hydrated app's.

pub mod account;
pub mod admin;
pub mod builder;
pub mod campaigns;
pub mod home;
pub mod import;
pub mod mystery;
pub mod poster;
pub mod results;
pub mod visitor;
