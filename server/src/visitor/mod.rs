//! What visitors reach without an account: the survey of a touchpoint (its QR code's address),
//! the thank-you and notice pages, the QR codes and the printable posters, and the home page.

pub mod home;
pub mod privacy;
pub mod qr;
pub mod survey;
