//! What every page and route shares: the access extractors (who acts, with which role, for
//! which organisation), the session cookie, the forgery check, the page's language, HTML
//! responses with their security headers and the notice pages, refused forms, the parameters of
//! a summary; and what machines ask for (the health check, the icon).

pub mod access;
pub mod assets;
pub mod client;
pub mod forgery;
pub mod forms;
pub mod health;
pub mod language;
pub mod pages;
pub mod params;
pub mod session;
