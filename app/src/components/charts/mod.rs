//! The chart kit (issue 13): inline SVG drawn on the server, with no script. Pure layout
//! ([`layout`]), the figures a chart draws ([`model`]) and the sentences it says ([`words`]) are
//! unit-tested; the components wrap each drawing in a `<figure>` with its caption, an accessible
//! name and description, a legend, notes and the same numbers in a table ([`frame`]).
//!
//! Kinds: estimates with intervals and ranked comparisons ([`rows`]), trends ([`trend`]),
//! diverging stacked bars ([`diverging`]) and KPI tiles ([`tile`]).

pub mod diverging;
pub mod frame;
pub mod layout;
pub mod model;
pub mod rows;
pub mod tile;
pub mod trend;
pub mod words;
