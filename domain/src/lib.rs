//! Pure types of the product: identifiers, languages, channels, survey definitions and the
//! parsing of a visitor's submission. No I/O, no framework: compiles for the server and for wasm.

pub mod code;
pub mod defaults;
pub mod lang;
pub mod mystery;
pub mod role;
pub mod spreadsheet;
pub mod submission;
pub mod survey;

pub use code::{CodeError, QuestionCode, TouchpointCode};
pub use lang::{Lang, Translated};
pub use role::Role;
pub use submission::{AnswerValue, FieldError, FieldProblem, ParsedSubmission, parse_submission};
pub use survey::{
    Channel, ChoiceOption, DefinitionError, OverallAnswer, Question, QuestionKind,
    SurveyDefinition, SurveyStatus,
};

/// Free text is capped so a comment stays a remark, not a file (and a body stays small).
pub const FREE_TEXT_MAX_CHARS: usize = 2000;
