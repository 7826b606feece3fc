//! A period of days, the unit every figure is computed over.

use chrono::NaiveDate;

/// A period of Europe/Paris days, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}
