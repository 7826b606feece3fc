//! Mystery-shopper tests: evaluation grids (calls and visits), the reading of a shopper's
//! answers, and the scoring of a test (Marianne barometer convention).
//!
//! Choices made here:
//! - **Applicability.** A criterion may apply only when an earlier criterion got a given
//!   answer ([`Condition`]). In the default call grid every criterion after C01 applies only
//!   when the call was picked up (C01 = `yes`), C16 included (no conversation, no length). An
//!   unanswered call therefore scores 0 out of 1, a mark of 0/10: the failure counts once, and
//!   the conformity rates of C02..C17 measure only calls that were answered. In the visit grid
//!   V16 (user guided at the digital help point) applies only when V14 (mediator present) is
//!   `yes`.
//! - **`na`** is an answer the shopper gives on the `*Na` kinds; a criterion whose condition is
//!   not met is not applicable without being asked. Both are left out of the mark, and both
//!   export as `na`.
//! - **Submit** ([`parse_answers`]) requires every required criterion that applies, checks
//!   every value, and ignores values of criteria that do not apply (hidden fields).
//! - **Drafts** ([`parse_draft`]) require nothing and ignore conditions; every value that fits
//!   its kind is kept, every other one comes back as an error: nothing is dropped silently.
//! - **Ranges:** counts (rings, transfers) 0-30, seconds 0-3600, minutes 0-600, scales 1-4.
//! - **Default thresholds** (seed data, editable in the grid): C02 at most 5 rings, C04 at most
//!   60 seconds, C09 at most 1 transfer, V07 at most 20 minutes, scales at least 3, yes/no
//!   and yes/partly/no kinds pass on `yes`; a test meets the standard at 7/10.
//! - **Referential** ([`default_referential`]): Module 1 `M1-TEL-01..04` telephone,
//!   `M1-ACC-01..05` physical reception, `M1-PAN-01..03` digital help point, `M1-COU-01..02`
//!   letters and e-mails, `M1-WEB-01` website, `M1-ECO-01..03` listening to users; Module 2
//!   `M2-CNI-01..03` ID cards and passports. Each has a channel and a measurable threshold.
//!   C16 and C17 evidence none. Each engagement also names the survey questions and entered
//!   figures that measure it ([`Measures`]); the seeded mapping is in `referential.rs`.

mod answers;
mod defaults;
#[cfg(test)]
mod fixtures;
mod grid;
mod kind;
mod plan;
mod referential;
mod score;

pub use answers::{AnswerError, ParsedDraft, TestAnswers, export_row, parse_answers, parse_draft};
pub use defaults::{
    DEFAULT_MAX_MINUTES_TO_SERVICE, DEFAULT_MAX_RINGS, DEFAULT_MAX_SECONDS_TO_AGENT,
    DEFAULT_MAX_TRANSFERS, DEFAULT_MIN_SCALE, default_call_grid, default_visit_grid,
};
pub use grid::{
    Condition, Criterion, CriterionCode, CriterionCodeError, GridDefinition, GridError,
};
pub use kind::{Answer, AnswerProblem, CriterionKind, PassRule};
pub use plan::{PlannedSlot, Slot, TestStatus, scenario_for, spread, weekday_label};
pub use referential::{
    Engagement, Measures, Referential, default_engagements, default_measures, default_referential,
};
pub use score::{Outcome, TestScore, score};
