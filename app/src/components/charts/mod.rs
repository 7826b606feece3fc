//! The chart kit (issue 13): inline SVG drawn on the server. This module holds the pure layout
//! its components are built on: scales, ticks, text widths and label placement, each unit-tested.

pub mod layout;
