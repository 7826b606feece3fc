//! Mystery calls and visits: the referential and the grids ([`grids`], versioned JSON
//! documents), the campaigns ([`campaigns`]) with their plan ([`plan`]: targets, scenarios and
//! planned tests), the tests themselves ([`tests`]) and what results read ([`results`]). Every
//! change is audited in its transaction.

pub mod campaigns;
pub mod demo;
mod documents;
pub mod grids;
pub mod plan;
pub mod results;
pub mod tests;
