//! The change of an indicator from an earlier period (or campaign) to the current one.

use serde::Serialize;

/// The change of an indicator: current minus earlier.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Change {
    /// Current minus earlier.
    pub estimate: f64,
    /// Lower bound (Newcombe for shares, Welch for means and scores).
    pub lower: f64,
    /// Upper bound.
    pub upper: f64,
    /// Two-sided p-value.
    pub p_value: f64,
}
