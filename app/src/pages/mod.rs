//! Pages: the visitor's (server-rendered, no script), the poster, and the hydrated app's.

pub mod home;
pub mod poster;
pub mod visitor;
