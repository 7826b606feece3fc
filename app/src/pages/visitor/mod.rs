//! The visitor's pages: the survey reached by QR code, the thank-you page and the notices.
//!
//! They are rendered on the server as plain HTML (no wasm, no script): a phone on weak 4G gets
//! one small document and one stylesheet, and the form is an ordinary POST.
//!
//! The printable QR poster that brings visitors to the survey lives here too (`poster`), and
//! the home page (`home`), which lists every touchpoint with its survey and poster.

pub mod home;
pub mod notice;
pub mod poster;
pub mod privacy;
pub mod survey;
