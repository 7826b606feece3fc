//! What results and exports read of a campaign: its tests, each scored with the rules of the
//! grid version it was filled against.

use super::campaigns::own_campaign;
use super::documents::read;
use super::grids::version_definition;
use crate::entity::{account, campaign, campaign_target, mystery_test, service};
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, NaiveDate, Utc};
use domain::mystery::{
    CriterionCode, GridDefinition, Slot, TestScore, TestStatus, export_row, parse_draft, score,
};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::{BTreeMap, HashMap};

/// One test with its score.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredTest {
    /// Its row.
    pub id: i32,
    /// Where it is in its life.
    pub status: TestStatus,
    /// The target's code.
    pub target: String,
    /// The target's service code, if any.
    pub service: Option<String>,
    /// Morning, midday or afternoon.
    pub slot: Slot,
    /// 1 (Monday) to 7, from the moment of the test (the planned weekday when not made yet).
    pub weekday: Option<u8>,
    /// The shopper's e-mail (for the referent's export; results show a pseudonym).
    pub shopper: String,
    /// The shopper's account id (the order of the pseudonyms).
    pub shopper_id: i32,
    /// When it was made.
    pub performed_at: Option<DateTime<Utc>>,
    /// The number dialled or counter visited.
    pub reached: String,
    /// Criterion code -> exported answer (`na` when not applicable, empty when unanswered).
    pub export: Vec<(CriterionCode, String)>,
    /// Its score with the rules of its grid version.
    pub score: TestScore,
}

/// A campaign's tests, scored.
#[derive(Debug, Clone, PartialEq)]
pub struct CampaignTests {
    /// The campaign's code.
    pub code: String,
    /// Title.
    pub title: String,
    /// The grid's code.
    pub grid: String,
    /// The latest version of the grid (its criteria name the export's columns).
    pub definition: GridDefinition,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The tests, in id order.
    pub tests: Vec<ScoredTest>,
}

/// The tests of campaign `code` (only validated ones when `validated_only`), each scored.
pub async fn campaign_tests(
    db: &Db,
    organisation_id: i32,
    code: &str,
    validated_only: bool,
) -> DbResult<Option<CampaignTests>> {
    let c = match own_campaign(db, organisation_id, code).await {
        Ok(c) => c,
        Err(DbError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    Ok(Some(scored(db, &c, validated_only).await?))
}

async fn scored(db: &Db, c: &campaign::Model, validated_only: bool) -> DbResult<CampaignTests> {
    let grid = super::grids::grid_info(
        db,
        crate::entity::grid::Entity::find_by_id(c.grid_id)
            .one(db)
            .await?
            .ok_or_else(|| DbError::Corrupt(format!("campaign {} has no grid", c.id)))?,
    )
    .await?;
    let mut q = mystery_test::Entity::find().filter(mystery_test::Column::CampaignId.eq(c.id));
    if validated_only {
        q = q.filter(mystery_test::Column::Status.eq(TestStatus::Validated.code()));
    }
    let rows = q.order_by_asc(mystery_test::Column::Id).all(db).await?;
    let targets = campaign_target::Entity::find()
        .filter(campaign_target::Column::CampaignId.eq(c.id))
        .all(db)
        .await?;
    let services = service::Entity::find()
        .filter(service::Column::OrganisationId.eq(c.organisation_id))
        .all(db)
        .await?;
    let shoppers = account::Entity::find()
        .filter(account::Column::OrganisationId.eq(c.organisation_id))
        .all(db)
        .await?;
    let assignments: HashMap<i32, i16> = crate::entity::assignment::Entity::find()
        .filter(crate::entity::assignment::Column::CampaignId.eq(c.id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.weekday))
        .collect();
    let mut versions: HashMap<i32, GridDefinition> = HashMap::new();
    let mut tests = Vec::with_capacity(rows.len());
    for t in rows {
        let definition = match versions.entry(t.grid_version_id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(version_definition(db, t.grid_version_id).await?)
            }
        };
        let stored: BTreeMap<String, String> = read(&t.answers, "test answers")?;
        let fields: Vec<(String, String)> = stored.into_iter().collect();
        let answers = parse_draft(definition, &fields).answers;
        let context: super::tests::TestContext = read(&t.context, "test context")?;
        let target = targets.iter().find(|x| x.id == t.target_id);
        let weekday = t.performed_at.map(super::tests::weekday_of).or_else(|| {
            t.assignment_id
                .and_then(|a| assignments.get(&a))
                .and_then(|d| u8::try_from(*d).ok())
        });
        tests.push(ScoredTest {
            id: t.id,
            status: TestStatus::parse(&t.status)
                .ok_or_else(|| DbError::Corrupt(format!("test {} status", t.id)))?,
            target: target.map(|x| x.code.clone()).unwrap_or_default(),
            service: target
                .and_then(|x| x.service_id)
                .and_then(|id| services.iter().find(|s| s.id == id))
                .map(|s| s.code.clone()),
            slot: Slot::parse(&t.slot).unwrap_or(Slot::Morning),
            weekday,
            shopper: shoppers
                .iter()
                .find(|a| a.id == t.shopper_id)
                .map(|a| a.email.clone())
                .unwrap_or_default(),
            shopper_id: t.shopper_id,
            performed_at: t.performed_at,
            reached: context.reached,
            export: export_row(&grid.definition, &answers),
            score: score(definition, &answers),
        });
    }
    Ok(CampaignTests {
        code: c.code.clone(),
        title: c.title.clone(),
        grid: grid.code,
        definition: grid.definition,
        from: c.period_start,
        to: c.period_end,
        tests,
    })
}

/// The campaign before `code` on the same grid (the latest that ended before it started), for
/// the comparison.
pub async fn previous_campaign(
    db: &Db,
    organisation_id: i32,
    code: &str,
) -> DbResult<Option<String>> {
    let c = own_campaign(db, organisation_id, code).await?;
    Ok(campaign::Entity::find()
        .filter(campaign::Column::OrganisationId.eq(organisation_id))
        .filter(campaign::Column::GridId.eq(c.grid_id))
        .filter(campaign::Column::PeriodEnd.lt(c.period_start))
        .order_by_desc(campaign::Column::PeriodEnd)
        .one(db)
        .await?
        .map(|p| p.code))
}
