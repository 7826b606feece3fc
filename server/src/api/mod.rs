//! The JSON API (`/api/v1/...`): bearer tokens ([`token`]), JSON errors ([`error`]), the read
//! routes ([`read`]), the write routes of the administration ([`write`]), the submission routes
//! of kiosks and the appointment system ([`submit`]), the mystery tests ([`mystery`]) and the
//! OpenAPI document ([`openapi`]).

pub mod error;
pub mod input;
pub mod mystery;
pub mod openapi;
pub mod read;
pub mod submit;
pub mod token;
pub mod write;
