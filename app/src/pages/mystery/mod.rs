//! The mystery-test pages. The referent's: campaigns, a campaign's plan (targets, scenarios,
//! planned tests and their shoppers, progress, the margin of error the plan gives), the tests to
//! validate, the grids and the referential, and a campaign's results with their intervals. The
//! shopper's: their planned tests and a test's page and form (`test_form`, `test_fields`), a
//! plain form that the islands of `islands::test_form` enhance. Server-rendered plain forms and
//! links.

pub mod campaigns;
pub mod grids;
pub mod parts;
pub mod plan;
pub mod results;
pub mod shopper;
pub mod test_fields;
pub mod test_form;
pub mod validation;
