//! Campaigns: creation, the list with progress, and one campaign's detail (targets, scenarios,
//! planned tests and their shoppers, progress per target and slot).

use crate::audit::{self, Actor};
use crate::checks::{checked_code, checked_name, invalid};
use crate::entity::{
    account, assignment, campaign, campaign_target, grid, mystery_test, scenario, service,
};
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, NaiveDate, Utc};
use domain::Role;
use domain::mystery::{Slot, TestStatus};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

/// What the campaign form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CampaignForm {
    /// Code, unique in the organisation.
    pub code: String,
    /// Title.
    pub title: String,
    /// The grid's code.
    pub grid: String,
    /// First day, `YYYY-MM-DD`.
    pub from: String,
    /// Last day, included.
    pub to: String,
}

fn day(field: &str, raw: &str) -> DbResult<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
        invalid(
            field,
            "Date : au format AAAA-MM-JJ.",
            "Date: in the form YYYY-MM-DD.",
        )
    })
}

/// Creates a campaign. Audited.
pub async fn create(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    form: &CampaignForm,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let code = checked_code("code", &form.code)?;
    let title = checked_name("title", &form.title)?;
    let (from, to) = (day("from", &form.from)?, day("to", &form.to)?);
    if from > to {
        return Err(invalid(
            "from",
            "Début : avant la fin.",
            "Start: before the end.",
        ));
    }
    let grid = super::grids::find(db, organisation_id, &form.grid)
        .await?
        .ok_or_else(|| {
            invalid(
                "grid",
                "Grille : choisissez dans la liste.",
                "Grid: choose one of the list.",
            )
        })?;
    let txn = db.begin().await?;
    let taken = campaign::Entity::find()
        .filter(campaign::Column::OrganisationId.eq(organisation_id))
        .filter(campaign::Column::Code.eq(code.as_str()))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(invalid(
            "code",
            format!("Code : la campagne {code} existe déjà."),
            format!("Code: the campaign {code} already exists."),
        ));
    }
    campaign::ActiveModel {
        organisation_id: Set(organisation_id),
        code: Set(code.clone()),
        title: Set(title.clone()),
        grid_id: Set(grid.id),
        period_start: Set(from),
        period_end: Set(to),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "campaign.create",
        &format!("campaign {code}"),
        None,
        Some(json!({ "title": title, "grid": grid.code, "from": from, "to": to })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The campaign `code` of the organisation.
pub(crate) async fn own_campaign<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    code: &str,
) -> DbResult<campaign::Model> {
    campaign::Entity::find()
        .filter(campaign::Column::OrganisationId.eq(organisation_id))
        .filter(campaign::Column::Code.eq(code.trim()))
        .one(db)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("campaign {}", code.trim())))
}

/// Locks the campaign `code` of the organisation for the transaction's changes, with a write as
/// its first statement: two "create the planned tests" at once run one after the other (the
/// second sees the first's tests) on PostgreSQL, and SQLite takes its write lock at once.
pub(crate) async fn lock_campaign<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    code: &str,
) -> DbResult<campaign::Model> {
    use sea_orm::sea_query::Expr;
    let touched = campaign::Entity::update_many()
        .col_expr(
            campaign::Column::CreatedAt,
            Expr::col(campaign::Column::CreatedAt),
        )
        .filter(campaign::Column::OrganisationId.eq(organisation_id))
        .filter(campaign::Column::Code.eq(code.trim()))
        .exec(db)
        .await?;
    if touched.rows_affected == 0 {
        return Err(DbError::NotFound(format!("campaign {}", code.trim())));
    }
    own_campaign(db, organisation_id, code).await
}

/// A campaign as listed, with its progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignRow {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// The grid's code.
    pub grid: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Progress over all targets.
    pub progress: Progress,
}

/// Planned, done (submitted, returned or validated) and validated tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Tests planned.
    pub planned: u32,
    /// Tests made (submitted at least once).
    pub done: u32,
    /// Tests validated.
    pub validated: u32,
}

impl Progress {
    /// Counts `n` tests of `status`.
    fn add(&mut self, status: Option<TestStatus>, n: u32) {
        match status {
            Some(TestStatus::Validated) => {
                self.done += n;
                self.validated += n;
            }
            Some(TestStatus::Submitted | TestStatus::Returned) => self.done += n,
            Some(TestStatus::Draft) | None => {}
        }
    }
}

/// The organisation's campaigns, latest first.
pub async fn list(db: &Db, organisation_id: i32) -> DbResult<Vec<CampaignRow>> {
    let rows = campaign::Entity::find()
        .filter(campaign::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(campaign::Column::PeriodStart)
        .order_by_asc(campaign::Column::Code)
        .all(db)
        .await?;
    let grids = grid::Entity::find()
        .filter(grid::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?;
    let progress = progress_by_campaign(db, &rows.iter().map(|c| c.id).collect::<Vec<_>>()).await?;
    Ok(rows
        .into_iter()
        .map(|c| CampaignRow {
            grid: grids
                .iter()
                .find(|g| g.id == c.grid_id)
                .map(|g| g.code.clone())
                .unwrap_or_default(),
            progress: progress.get(&c.id).copied().unwrap_or_default(),
            code: c.code,
            title: c.title,
            from: c.period_start,
            to: c.period_end,
        })
        .collect())
}

/// The progress of campaigns `ids`, counted by the database (two grouped queries, whatever the
/// number of campaigns).
async fn progress_by_campaign(
    db: &Db,
    ids: &[i32],
) -> DbResult<std::collections::HashMap<i32, Progress>> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::Expr;
    let mut out: std::collections::HashMap<i32, Progress> = std::collections::HashMap::new();
    let planned = campaign_target::Entity::find()
        .select_only()
        .column(campaign_target::Column::CampaignId)
        .column_as(
            Expr::cust("CAST(SUM(campaign_target.planned) AS BIGINT)"),
            "n",
        )
        .filter(campaign_target::Column::CampaignId.is_in(ids.to_vec()))
        .group_by(campaign_target::Column::CampaignId)
        .into_tuple::<(i32, Option<i64>)>()
        .all(db)
        .await?;
    for (id, n) in planned {
        out.entry(id).or_default().planned = u32::try_from(n.unwrap_or(0)).unwrap_or(0);
    }
    let tests = mystery_test::Entity::find()
        .select_only()
        .column(mystery_test::Column::CampaignId)
        .column(mystery_test::Column::Status)
        .column_as(mystery_test::Column::Id.count(), "n")
        .filter(mystery_test::Column::CampaignId.is_in(ids.to_vec()))
        .group_by(mystery_test::Column::CampaignId)
        .group_by(mystery_test::Column::Status)
        .into_tuple::<(i32, String, i64)>()
        .all(db)
        .await?;
    for (id, status, n) in tests {
        out.entry(id)
            .or_default()
            .add(TestStatus::parse(&status), u32::try_from(n).unwrap_or(0));
    }
    Ok(out)
}

/// A target of a campaign with its progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRow {
    /// Its row.
    pub id: i32,
    /// Code.
    pub code: String,
    /// What it is.
    pub label: String,
    /// `phone`, `counter`, `site` or `service`.
    pub kind: String,
    /// The service's code, if any.
    pub service: Option<String>,
    /// The number or counter.
    pub detail: String,
    /// Its progress.
    pub progress: Progress,
}

/// A scenario of a campaign.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioRow {
    /// Its row.
    pub id: i32,
    /// Code.
    pub code: String,
    /// The question asked.
    pub question: String,
    /// The expected answer.
    pub expected_answer: String,
}

/// A planned test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentRow {
    /// Its row.
    pub id: i32,
    /// The target's code.
    pub target: String,
    /// The scenario's code, if any.
    pub scenario: Option<String>,
    /// 1 (Monday) to 5 (Friday).
    pub weekday: u8,
    /// Morning, midday or afternoon.
    pub slot: Slot,
    /// The shopper's e-mail, once assigned.
    pub shopper: Option<String>,
    /// The test made for it, if started: its id and status.
    pub test: Option<(i32, TestStatus)>,
}

/// Everything the plan screen shows of a campaign.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignDetail {
    /// Its row.
    pub id: i32,
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// The grid's code.
    pub grid: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Targets, in order of creation.
    pub targets: Vec<TargetRow>,
    /// Scenarios, in order of creation.
    pub scenarios: Vec<ScenarioRow>,
    /// Planned tests.
    pub assignments: Vec<AssignmentRow>,
    /// Progress over all targets.
    pub progress: Progress,
    /// Progress per slot.
    pub by_slot: Vec<(Slot, Progress)>,
}

async fn campaign_detail<C: ConnectionTrait>(
    db: &C,
    c: &campaign::Model,
) -> DbResult<CampaignDetail> {
    let targets = campaign_target::Entity::find()
        .filter(campaign_target::Column::CampaignId.eq(c.id))
        .order_by_asc(campaign_target::Column::Id)
        .all(db)
        .await?;
    let scenarios = scenario::Entity::find()
        .filter(scenario::Column::CampaignId.eq(c.id))
        .order_by_asc(scenario::Column::Id)
        .all(db)
        .await?;
    let assignments = assignment::Entity::find()
        .filter(assignment::Column::CampaignId.eq(c.id))
        .order_by_asc(assignment::Column::Id)
        .all(db)
        .await?;
    let tests = mystery_test::Entity::find()
        .filter(mystery_test::Column::CampaignId.eq(c.id))
        .all(db)
        .await?;
    let services = service::Entity::find()
        .filter(service::Column::OrganisationId.eq(c.organisation_id))
        .all(db)
        .await?;
    let shoppers = account::Entity::find()
        .filter(account::Column::OrganisationId.eq(c.organisation_id))
        .filter(account::Column::Role.eq(Role::Shopper.code()))
        .all(db)
        .await?;
    let grid_code = grid::Entity::find_by_id(c.grid_id)
        .one(db)
        .await?
        .map(|g| g.code)
        .unwrap_or_default();
    let status_of = |t: &mystery_test::Model| TestStatus::parse(&t.status);
    let mut target_rows: Vec<TargetRow> = targets
        .iter()
        .map(|t| TargetRow {
            id: t.id,
            code: t.code.clone(),
            label: t.label.clone(),
            kind: t.kind.clone(),
            service: t
                .service_id
                .and_then(|id| services.iter().find(|s| s.id == id))
                .map(|s| s.code.clone()),
            detail: t.detail.clone(),
            progress: Progress {
                planned: u32::try_from(t.planned).unwrap_or(0),
                ..Progress::default()
            },
        })
        .collect();
    let mut progress = Progress {
        planned: target_rows.iter().map(|t| t.progress.planned).sum(),
        ..Progress::default()
    };
    let mut by_slot: Vec<(Slot, Progress)> = Slot::ALL
        .iter()
        .map(|s| (*s, Progress::default()))
        .collect();
    for a in &assignments {
        if let Some((_, p)) =
            Slot::parse(&a.slot).and_then(|s| by_slot.iter_mut().find(|(x, _)| *x == s))
        {
            p.planned += 1;
        }
    }
    for t in &tests {
        let status = status_of(t);
        progress.add(status, 1);
        if let Some(row) = target_rows.iter_mut().find(|r| r.id == t.target_id) {
            row.progress.add(status, 1);
        }
        if let Some((_, p)) =
            Slot::parse(&t.slot).and_then(|s| by_slot.iter_mut().find(|(x, _)| *x == s))
        {
            p.add(status, 1);
        }
    }
    let assignment_rows = assignments
        .iter()
        .map(|a| AssignmentRow {
            id: a.id,
            target: targets
                .iter()
                .find(|t| t.id == a.target_id)
                .map(|t| t.code.clone())
                .unwrap_or_default(),
            scenario: a
                .scenario_id
                .and_then(|id| scenarios.iter().find(|s| s.id == id))
                .map(|s| s.code.clone()),
            weekday: u8::try_from(a.weekday).unwrap_or(1),
            slot: Slot::parse(&a.slot).unwrap_or(Slot::Morning),
            shopper: a
                .shopper_id
                .and_then(|id| shoppers.iter().find(|s| s.id == id))
                .map(|s| s.email.clone()),
            test: tests
                .iter()
                .find(|t| t.assignment_id == Some(a.id))
                .and_then(|t| Some((t.id, status_of(t)?))),
        })
        .collect();
    Ok(CampaignDetail {
        id: c.id,
        code: c.code.clone(),
        title: c.title.clone(),
        grid: grid_code,
        from: c.period_start,
        to: c.period_end,
        targets: target_rows,
        scenarios: scenarios
            .into_iter()
            .map(|s| ScenarioRow {
                id: s.id,
                code: s.code,
                question: s.question,
                expected_answer: s.expected_answer,
            })
            .collect(),
        assignments: assignment_rows,
        progress,
        by_slot,
    })
}

/// One campaign of the organisation, with its targets, scenarios, planned tests and progress.
pub async fn find(db: &Db, organisation_id: i32, code: &str) -> DbResult<Option<CampaignDetail>> {
    match own_campaign(db, organisation_id, code).await {
        Ok(c) => Ok(Some(campaign_detail(db, &c).await?)),
        Err(DbError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The organisation's active shopper accounts (e-mails), to assign tests to.
pub async fn shoppers(db: &Db, organisation_id: i32) -> DbResult<Vec<String>> {
    Ok(account::Entity::find()
        .filter(account::Column::OrganisationId.eq(organisation_id))
        .filter(account::Column::Role.eq(Role::Shopper.code()))
        .filter(account::Column::Active.eq(true))
        .order_by_asc(account::Column::Email)
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.email)
        .collect())
}
