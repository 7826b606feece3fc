//! The life of a mystery test: the shopper starts it from a planned test, saves it as they go,
//! submits it; the referent validates it or sends it back with a comment. A shopper reaches
//! only their own tests; every transition is audited.

use super::documents::{read, write};
use super::grids::version_definition;
use crate::audit::{self, Actor};
use crate::checks::invalid;
use crate::entity::{account, assignment, campaign, campaign_target, grid, mystery_test, scenario};
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Timelike, Utc};
use chrono_tz::Europe::Paris;
use domain::FREE_TEXT_MAX_CHARS;
use domain::mystery::{GridDefinition, Slot, TestAnswers, TestStatus, parse_answers, parse_draft};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;

/// The context of a test, as the shopper records it (no agent's name has a field).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestContext {
    /// When the call or visit was made, local time (`2026-03-12T10:40`).
    #[serde(default)]
    pub performed_at: String,
    /// The number dialled or the counter visited.
    #[serde(default)]
    pub reached: String,
    /// A free comment (the form warns: no names, no personal data).
    #[serde(default)]
    pub comment: String,
}

/// Longest "number dialled or counter visited".
const REACHED_MAX_CHARS: usize = 100;

impl TestContext {
    /// The moment, read in Europe/Paris; `None` when blank or unreadable.
    pub fn moment(&self) -> Option<DateTime<Utc>> {
        let raw = self.performed_at.trim();
        let local = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%d %H:%M"))
            .ok()?;
        Paris
            .from_local_datetime(&local)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    }

    /// Checks the context; `required` when submitting (the moment must then be given).
    fn check(&self, required: bool, now: DateTime<Utc>) -> DbResult<()> {
        if !self.performed_at.trim().is_empty() || required {
            match self.moment() {
                None => {
                    return Err(invalid(
                        "performed_at",
                        "Date et heure du test : à indiquer (jj/mm/aaaa hh:mm).",
                        "Date and time of the test: required.",
                    ));
                }
                Some(t) if t > now + chrono::TimeDelta::minutes(5) => {
                    return Err(invalid(
                        "performed_at",
                        "Date et heure du test : pas dans le futur.",
                        "Date and time of the test: not in the future.",
                    ));
                }
                Some(_) => {}
            }
        }
        if self.reached.chars().count() > REACHED_MAX_CHARS {
            return Err(invalid(
                "reached",
                format!("Numéro ou guichet : {REACHED_MAX_CHARS} caractères au plus."),
                format!("Number or counter: at most {REACHED_MAX_CHARS} characters."),
            ));
        }
        if self.comment.chars().count() > FREE_TEXT_MAX_CHARS {
            return Err(invalid(
                "comment",
                "Commentaire : 2 000 caractères au plus.",
                "Comment: at most 2,000 characters.",
            ));
        }
        Ok(())
    }
}

/// A planned test as its shopper sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MyAssignment {
    /// The planned test's row.
    pub id: i32,
    /// The campaign's code and title.
    pub campaign: (String, String),
    /// What to test.
    pub target: String,
    /// The number to dial or the counter to visit.
    pub detail: String,
    /// 1 (Monday) to 5 (Friday).
    pub weekday: u8,
    /// Morning, midday or afternoon.
    pub slot: Slot,
    /// The test made for it, if started.
    pub test: Option<(i32, TestStatus)>,
}

/// The planned tests assigned to shopper `shopper_id`, campaign by campaign.
pub async fn assignments_of(db: &Db, shopper_id: i32) -> DbResult<Vec<MyAssignment>> {
    let rows = assignment::Entity::find()
        .filter(assignment::Column::ShopperId.eq(shopper_id))
        .order_by_asc(assignment::Column::CampaignId)
        .order_by_asc(assignment::Column::Id)
        .all(db)
        .await?;
    let tests = mystery_test::Entity::find()
        .filter(mystery_test::Column::ShopperId.eq(shopper_id))
        .all(db)
        .await?;
    let campaigns = campaign::Entity::find()
        .filter(campaign::Column::Id.is_in(rows.iter().map(|a| a.campaign_id)))
        .all(db)
        .await?;
    let targets = campaign_target::Entity::find()
        .filter(campaign_target::Column::Id.is_in(rows.iter().map(|a| a.target_id)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|a| {
            let c = campaigns.iter().find(|c| c.id == a.campaign_id)?;
            let t = targets.iter().find(|t| t.id == a.target_id)?;
            Some(MyAssignment {
                id: a.id,
                campaign: (c.code.clone(), c.title.clone()),
                target: t.label.clone(),
                detail: t.detail.clone(),
                weekday: u8::try_from(a.weekday).unwrap_or(1),
                slot: Slot::parse(&a.slot).unwrap_or(Slot::Morning),
                test: tests
                    .iter()
                    .find(|x| x.assignment_id == Some(a.id))
                    .and_then(|x| Some((x.id, TestStatus::parse(&x.status)?))),
            })
        })
        .collect())
}

/// Starts the test of a planned test assigned to `shopper_id` (or returns the one already
/// started: two taps or two tabs make one test).
pub async fn start_test(
    db: &Db,
    shopper_id: i32,
    assignment_id: i32,
    now: DateTime<Utc>,
) -> DbResult<i32> {
    let a = assignment::Entity::find_by_id(assignment_id)
        .one(db)
        .await?
        .filter(|a| a.shopper_id == Some(shopper_id))
        .ok_or_else(|| DbError::NotFound(format!("planned test {assignment_id}")))?;
    let existing = || async {
        mystery_test::Entity::find()
            .filter(mystery_test::Column::AssignmentId.eq(a.id))
            .one(db)
            .await
    };
    if let Some(t) = existing().await? {
        return Ok(t.id);
    }
    let c = campaign::Entity::find_by_id(a.campaign_id)
        .one(db)
        .await?
        .ok_or_else(|| DbError::Corrupt(format!("planned test {} has no campaign", a.id)))?;
    let version = super::grids::latest_grid_version(db, c.grid_id).await?;
    // One statement: the unique index on the planned test keeps one test however many taps.
    let row = mystery_test::ActiveModel {
        campaign_id: Set(c.id),
        assignment_id: Set(Some(a.id)),
        grid_version_id: Set(version.id),
        shopper_id: Set(shopper_id),
        target_id: Set(a.target_id),
        scenario_id: Set(a.scenario_id),
        status: Set(TestStatus::Draft.code().to_owned()),
        performed_at: Set(None),
        slot: Set(a.slot.clone()),
        answers: Set("{}".to_owned()),
        context: Set("{}".to_owned()),
        review_comment: Set(None),
        client_key: Set(crate::secrets::new_secret("")),
        revision: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        submitted_at: Set(None),
        validated_at: Set(None),
        validated_by: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await;
    match row {
        Ok(row) => Ok(row.id),
        Err(e) if DbError::from(e.clone()).is_duplicate() => existing()
            .await?
            .map(|t| t.id)
            .ok_or_else(|| DbError::from(e)),
        Err(e) => Err(e.into()),
    }
}

/// A test as its form and the validation screen show it.
#[derive(Debug, Clone, PartialEq)]
pub struct TestView {
    /// Its row.
    pub id: i32,
    /// The campaign's code and title.
    pub campaign: (String, String),
    /// The grid's code and the version the test is filled against.
    pub grid: (String, GridDefinition),
    /// What is tested.
    pub target: String,
    /// The number to dial or the counter to visit.
    pub detail: String,
    /// The question to ask and the expected answer, if the test has a scenario.
    pub scenario: Option<(String, String)>,
    /// The planned weekday and slot.
    pub planned: Option<(u8, Slot)>,
    /// Where it is in its life.
    pub status: TestStatus,
    /// Changes on every save: a form posted from an older copy is refused.
    pub revision: i32,
    /// Criterion code -> answer code, as saved.
    pub answers: BTreeMap<String, String>,
    /// The context as saved.
    pub context: TestContext,
    /// The referent's comment when the test was sent back.
    pub review_comment: Option<String>,
    /// The shopper's e-mail (for the referent; tests carry no agent's name).
    pub shopper: String,
    /// The campaign's organisation.
    pub organisation_id: i32,
}

async fn view_of<C: ConnectionTrait>(db: &C, t: mystery_test::Model) -> DbResult<TestView> {
    let c = campaign::Entity::find_by_id(t.campaign_id)
        .one(db)
        .await?
        .ok_or_else(|| DbError::Corrupt(format!("test {} has no campaign", t.id)))?;
    let g = grid::Entity::find_by_id(c.grid_id)
        .one(db)
        .await?
        .ok_or_else(|| DbError::Corrupt(format!("campaign {} has no grid", c.id)))?;
    let target = campaign_target::Entity::find_by_id(t.target_id)
        .one(db)
        .await?
        .ok_or_else(|| DbError::Corrupt(format!("test {} has no target", t.id)))?;
    let scenario = match t.scenario_id {
        Some(id) => scenario::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|s| (s.question, s.expected_answer)),
        None => None,
    };
    let planned = match t.assignment_id {
        Some(id) => assignment::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|a| Some((u8::try_from(a.weekday).ok()?, Slot::parse(&a.slot)?))),
        None => None,
    };
    let shopper = account::Entity::find_by_id(t.shopper_id)
        .one(db)
        .await?
        .map(|a| a.email)
        .unwrap_or_default();
    Ok(TestView {
        id: t.id,
        organisation_id: c.organisation_id,
        campaign: (c.code, c.title),
        grid: (g.code, version_definition(db, t.grid_version_id).await?),
        target: target.label,
        detail: target.detail,
        scenario,
        planned,
        status: TestStatus::parse(&t.status)
            .ok_or_else(|| DbError::Corrupt(format!("test {} status", t.id)))?,
        revision: t.revision,
        answers: read(&t.answers, "test answers")?,
        context: read(&t.context, "test context")?,
        review_comment: t.review_comment,
        shopper,
    })
}

/// Shopper `shopper_id`'s test `test_id`; `None` when it is someone else's.
pub async fn test_of_shopper(db: &Db, shopper_id: i32, test_id: i32) -> DbResult<Option<TestView>> {
    match mystery_test::Entity::find_by_id(test_id).one(db).await? {
        Some(t) if t.shopper_id == shopper_id => Ok(Some(view_of(db, t).await?)),
        _ => Ok(None),
    }
}

/// Test `test_id` of the organisation, for the referent; `None` when it is another's.
pub async fn test_of_organisation(
    db: &Db,
    organisation_id: i32,
    test_id: i32,
) -> DbResult<Option<TestView>> {
    let Some(t) = mystery_test::Entity::find_by_id(test_id).one(db).await? else {
        return Ok(None);
    };
    let c = campaign::Entity::find_by_id(t.campaign_id).one(db).await?;
    if c.is_none_or(|c| c.organisation_id != organisation_id) {
        return Ok(None);
    }
    Ok(Some(view_of(db, t).await?))
}

/// The answers of a form: criterion code -> raw value, for the grid's criteria only.
fn grid_fields(grid: &GridDefinition, fields: &[(String, String)]) -> Vec<(String, String)> {
    fields
        .iter()
        .filter(|(k, _)| grid.criterion(k).is_some())
        .cloned()
        .collect()
}

fn answers_map(answers: &TestAnswers) -> BTreeMap<String, String> {
    answers.to_fields().into_iter().collect()
}

/// A shopper's own editable test (and the revision it must still have), as read; the write that
/// follows re-checks both in its WHERE clause, so two requests at once cannot both pass.
async fn editable<C: ConnectionTrait>(
    db: &C,
    shopper_id: i32,
    test_id: i32,
    revision: Option<i32>,
) -> DbResult<mystery_test::Model> {
    let t = mystery_test::Entity::find_by_id(test_id)
        .one(db)
        .await?
        .filter(|t| t.shopper_id == shopper_id)
        .ok_or_else(|| DbError::NotFound(format!("test {test_id}")))?;
    let status = TestStatus::parse(&t.status)
        .ok_or_else(|| DbError::Corrupt(format!("test {test_id} status")))?;
    if !status.editable() {
        return Err(DbError::Conflict(format!(
            "test {test_id} is {}: it can no longer be changed",
            status.code()
        )));
    }
    if revision.is_some_and(|r| r != t.revision) {
        return Err(DbError::Conflict(format!(
            "test {test_id} was saved elsewhere since this page was loaded: reload it"
        )));
    }
    Ok(t)
}

/// The columns a shopper's save or submission writes.
struct TestWrite {
    answers: String,
    context: String,
    performed_at: Option<DateTime<Utc>>,
    slot: Option<String>,
    status: Option<TestStatus>,
    submitted_at: Option<DateTime<Utc>>,
}

/// Writes a shopper's test in one statement, only if it still has `revision` and is still
/// editable; `Conflict` otherwise (another tab, another request, a referent's decision got
/// there first). One statement that writes first also keeps SQLite from failing a read
/// transaction's upgrade under concurrent writes.
async fn write_if_unchanged<C: ConnectionTrait>(
    db: &C,
    test_id: i32,
    revision: i32,
    w: TestWrite,
    now: DateTime<Utc>,
) -> DbResult<i32> {
    use sea_orm::sea_query::Expr;
    let mut update = mystery_test::Entity::update_many()
        .col_expr(mystery_test::Column::Answers, Expr::value(w.answers))
        .col_expr(mystery_test::Column::Context, Expr::value(w.context))
        .col_expr(
            mystery_test::Column::PerformedAt,
            Expr::value(w.performed_at),
        )
        .col_expr(mystery_test::Column::Revision, Expr::value(revision + 1))
        .col_expr(mystery_test::Column::UpdatedAt, Expr::value(now));
    if let Some(slot) = w.slot {
        update = update.col_expr(mystery_test::Column::Slot, Expr::value(slot));
    }
    if let Some(status) = w.status {
        update = update.col_expr(mystery_test::Column::Status, Expr::value(status.code()));
    }
    if let Some(at) = w.submitted_at {
        update = update.col_expr(mystery_test::Column::SubmittedAt, Expr::value(Some(at)));
    }
    let res = update
        .filter(mystery_test::Column::Id.eq(test_id))
        .filter(mystery_test::Column::Revision.eq(revision))
        .filter(
            mystery_test::Column::Status
                .is_in([TestStatus::Draft.code(), TestStatus::Returned.code()]),
        )
        .exec(db)
        .await?;
    if res.rows_affected == 1 {
        Ok(revision + 1)
    } else {
        Err(DbError::Conflict(format!(
            "test {test_id} was saved elsewhere since this page was loaded: reload it"
        )))
    }
}

fn slot_of(context: &TestContext) -> Option<String> {
    context.moment().map(|at| {
        Slot::of_hour(at.with_timezone(&Paris).hour())
            .code()
            .to_owned()
    })
}

/// What saving a draft kept.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedDraft {
    /// The new revision.
    pub revision: i32,
    /// Values refused (out of range, not an answer of the criterion): not saved, to correct.
    pub refused: Vec<domain::mystery::AnswerError>,
}

/// Saves what the shopper has filled so far: every valid value is kept, refused ones come back
/// to be corrected. Nothing is required yet. Refused when the test changed since `revision`.
pub async fn save_draft(
    db: &Db,
    shopper_id: i32,
    test_id: i32,
    revision: Option<i32>,
    fields: &[(String, String)],
    context: &TestContext,
    now: DateTime<Utc>,
) -> DbResult<SavedDraft> {
    context.check(false, now)?;
    let t = editable(db, shopper_id, test_id, revision).await?;
    let grid = version_definition(db, t.grid_version_id).await?;
    let draft = parse_draft(&grid, &grid_fields(&grid, fields));
    let write_ = TestWrite {
        answers: write(&answers_map(&draft.answers))?,
        context: write(context)?,
        performed_at: context.moment(),
        slot: slot_of(context),
        status: None,
        submitted_at: None,
    };
    let next = write_if_unchanged(db, test_id, t.revision, write_, now).await?;
    Ok(SavedDraft {
        revision: next,
        refused: draft.errors,
    })
}

/// Why a submission was refused.
#[derive(Debug)]
pub enum SubmitError {
    /// Answers to correct, with their messages (the page shows each next to its field).
    Answers(Vec<domain::mystery::AnswerError>),
    /// Anything else.
    Db(DbError),
}

impl From<DbError> for SubmitError {
    fn from(e: DbError) -> Self {
        SubmitError::Db(e)
    }
}

impl From<sea_orm::DbErr> for SubmitError {
    fn from(e: sea_orm::DbErr) -> Self {
        SubmitError::Db(e.into())
    }
}

/// Submits a test to the referent: every required criterion answered, every value in range,
/// the moment of the test given, and the test unchanged since `revision` (when given). A test
/// already submitted with the same answers (a double submission) is left as it is. Audited.
pub async fn submit_test(
    db: &Db,
    shopper_id: i32,
    test_id: i32,
    revision: Option<i32>,
    fields: &[(String, String)],
    context: &TestContext,
    now: DateTime<Utc>,
) -> Result<(), SubmitError> {
    context.check(true, now)?;
    let current = mystery_test::Entity::find_by_id(test_id)
        .one(db)
        .await?
        .filter(|t| t.shopper_id == shopper_id)
        .ok_or_else(|| DbError::NotFound(format!("test {test_id}")))?;
    let grid = version_definition(db, current.grid_version_id).await?;
    let answers =
        parse_answers(&grid, &grid_fields(&grid, fields)).map_err(SubmitError::Answers)?;
    let encoded = write(&answers_map(&answers))?;
    if current.status == TestStatus::Submitted.code() && current.answers == encoded {
        // A second tap on "send": the same answers are the same test.
        return Ok(());
    }
    let t = editable(db, shopper_id, test_id, revision).await?;
    let organisation_id = campaign::Entity::find_by_id(t.campaign_id)
        .one(db)
        .await?
        .map(|c| c.organisation_id);
    let shopper = account::Entity::find_by_id(shopper_id)
        .one(db)
        .await?
        .map(|a| a.email)
        .unwrap_or_default();
    let txn = db.begin().await?;
    // The conditional write first: it takes the write lock and checks nobody got there first.
    write_if_unchanged(
        &txn,
        test_id,
        t.revision,
        TestWrite {
            answers: encoded,
            context: write(context)?,
            performed_at: context.moment(),
            slot: slot_of(context),
            status: Some(TestStatus::Submitted),
            submitted_at: Some(now),
        },
        now,
    )
    .await?;
    audit::record(
        &txn,
        now,
        organisation_id,
        &Actor::Account(shopper),
        "test.submit",
        &format!("test {test_id}"),
        Some(json!({ "status": t.status })),
        Some(json!({ "status": TestStatus::Submitted.code(), "answers": answers_map(&answers) })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The referent's decision on a submitted test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Review {
    /// It counts in the results.
    Validate,
    /// Back to the shopper, with what to correct.
    Return(String),
}

/// Validates a submitted test or sends it back with a comment, if it is still the revision the
/// referent saw (when given). Audited.
pub async fn review_test(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    test_id: i32,
    revision: Option<i32>,
    review: &Review,
    now: DateTime<Utc>,
) -> DbResult<()> {
    if let Review::Return(comment) = review
        && (comment.trim().is_empty()
            || comment.chars().count() > FREE_TEXT_MAX_CHARS
            || crate::checks::has_control(comment))
    {
        return Err(invalid(
            "comment",
            "Commentaire : dites au testeur ce qu'il faut corriger (2 000 caractères au plus).",
            "Comment: tell the shopper what to correct (at most 2,000 characters).",
        ));
    }
    let t = mystery_test::Entity::find_by_id(test_id)
        .one(db)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("test {test_id}")))?;
    let c = campaign::Entity::find_by_id(t.campaign_id)
        .one(db)
        .await?
        .filter(|c| c.organisation_id == organisation_id)
        .ok_or_else(|| DbError::NotFound(format!("test {test_id}")))?;
    let stale = || {
        DbError::Conflict(format!(
            "test {test_id} changed since the page was loaded, or is no longer submitted"
        ))
    };
    if t.status != TestStatus::Submitted.code() || revision.is_some_and(|r| r != t.revision) {
        return Err(stale());
    }
    use sea_orm::sea_query::Expr;
    let (status, action, comment) = match review {
        Review::Validate => (TestStatus::Validated, "test.validate", None),
        Review::Return(comment) => (
            TestStatus::Returned,
            "test.return",
            Some(comment.trim().to_owned()),
        ),
    };
    let validated = status == TestStatus::Validated;
    let txn = db.begin().await?;
    // Written only if nobody changed it since it was read (the referent decides on what they
    // saw); the write comes first, so SQLite takes its write lock at once.
    let res = mystery_test::Entity::update_many()
        .col_expr(mystery_test::Column::Status, Expr::value(status.code()))
        .col_expr(
            mystery_test::Column::ReviewComment,
            Expr::value(comment.clone()),
        )
        .col_expr(
            mystery_test::Column::ValidatedAt,
            Expr::value(validated.then_some(now)),
        )
        .col_expr(
            mystery_test::Column::ValidatedBy,
            Expr::value(validated.then(|| actor.label())),
        )
        .col_expr(mystery_test::Column::Revision, Expr::value(t.revision + 1))
        .col_expr(mystery_test::Column::UpdatedAt, Expr::value(now))
        .filter(mystery_test::Column::Id.eq(test_id))
        .filter(mystery_test::Column::Revision.eq(t.revision))
        .filter(mystery_test::Column::Status.eq(TestStatus::Submitted.code()))
        .exec(&txn)
        .await?;
    if res.rows_affected != 1 {
        return Err(stale());
    }
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        action,
        &format!("campaign {}, test {test_id}", c.code),
        Some(json!({ "status": t.status })),
        Some(json!({ "status": status.code(), "comment": comment })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A test waiting for the referent, or any test of a campaign as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestRow {
    /// Its row.
    pub id: i32,
    /// The campaign's code.
    pub campaign: String,
    /// The target's label.
    pub target: String,
    /// The shopper's e-mail.
    pub shopper: String,
    /// Where it is in its life.
    pub status: TestStatus,
    /// When it was made.
    pub performed_at: Option<DateTime<Utc>>,
}

/// The organisation's tests of `status` (all when `None`), latest first.
pub async fn tests_of_organisation(
    db: &Db,
    organisation_id: i32,
    status: Option<TestStatus>,
) -> DbResult<Vec<TestRow>> {
    let campaigns = campaign::Entity::find()
        .filter(campaign::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?;
    let ids: Vec<i32> = campaigns.iter().map(|c| c.id).collect();
    let mut q = mystery_test::Entity::find().filter(mystery_test::Column::CampaignId.is_in(ids));
    if let Some(s) = status {
        q = q.filter(mystery_test::Column::Status.eq(s.code()));
    }
    let tests = q
        .order_by_desc(mystery_test::Column::UpdatedAt)
        .all(db)
        .await?;
    let targets = campaign_target::Entity::find()
        .filter(campaign_target::Column::CampaignId.is_in(campaigns.iter().map(|c| c.id)))
        .all(db)
        .await?;
    let accounts = account::Entity::find()
        .filter(account::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?;
    Ok(tests
        .into_iter()
        .filter_map(|t| {
            Some(TestRow {
                id: t.id,
                campaign: campaigns
                    .iter()
                    .find(|c| c.id == t.campaign_id)?
                    .code
                    .clone(),
                target: targets
                    .iter()
                    .find(|x| x.id == t.target_id)
                    .map(|x| x.label.clone())
                    .unwrap_or_default(),
                shopper: accounts
                    .iter()
                    .find(|a| a.id == t.shopper_id)
                    .map(|a| a.email.clone())
                    .unwrap_or_default(),
                status: TestStatus::parse(&t.status)?,
                performed_at: t.performed_at,
            })
        })
        .collect())
}

/// A test's planned weekday from its moment (1 = Monday), when known.
pub fn weekday_of(at: DateTime<Utc>) -> u8 {
    u8::try_from(at.with_timezone(&Paris).weekday().number_from_monday()).unwrap_or(1)
}
