//! Parts several pages share: the document around every server-rendered page, the staff bar,
//! form fields, and numbers and dates as the pages write them.

pub mod charts;
pub mod document;
pub mod format;
pub mod forms;
pub mod staff_bar;
