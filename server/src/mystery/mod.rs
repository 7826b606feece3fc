//! Mystery calls and visits: the referent's campaigns, plans, validation queue, grids and
//! referential; the shopper's planned tests and test form; a campaign's results.

pub mod campaigns;
pub mod grids;
pub mod plan;
pub mod results;
pub mod shared;
pub mod shopper;
pub mod test_form;
pub mod validation;
