//! What every page and route shares: the access extractors (who acts, with which role, for
//! which organisation), the session cookie, the forgery check, HTML responses with their
//! security headers and the notice pages, refused forms, and the parameters of a summary.

pub mod access;
pub mod forgery;
pub mod forms;
pub mod health;
pub mod language;
pub mod pages;
pub mod params;
pub mod session;
