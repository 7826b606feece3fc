//! Mystery calls and visits: the referential and the grids (versioned JSON documents), the
//! campaigns with their targets, scenarios and planned tests, the tests themselves
//! ([`tests`]) and what results read ([`results`]). Every change is audited in its transaction.

pub mod demo;
pub mod results;
pub mod tests;

use crate::audit::{self, Actor};
use crate::entity::{
    account, assignment, campaign, campaign_target, grid, grid_version, mystery_test,
    referential_version, scenario, service,
};
use crate::structure::{checked_code, checked_name, invalid};
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, NaiveDate, Utc};
use domain::mystery::{
    GridDefinition, Referential, Slot, TestStatus, default_call_grid, default_referential,
    default_visit_grid, scenario_for, spread,
};
use domain::{Lang, Role, Translated};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

/// Reads a stored JSON document.
fn read<T: serde::de::DeserializeOwned>(raw: &str, what: &str) -> DbResult<T> {
    serde_json::from_str(raw).map_err(|e| DbError::Corrupt(format!("{what}: {e}")))
}

/// Writes a JSON document to store.
fn write<T: serde::Serialize>(value: &T) -> DbResult<String> {
    serde_json::to_string(value).map_err(|e| DbError::Corrupt(format!("encoding: {e}")))
}

/// The default grids: code, title, channel, definition.
fn default_grids() -> [(&'static str, Translated, &'static str, GridDefinition); 2] {
    [
        (
            "call",
            Translated::fr_en("Appel mystère", "Mystery call"),
            "phone",
            default_call_grid(),
        ),
        (
            "visit",
            Translated::fr_en("Visite mystère", "Mystery visit"),
            "counter",
            default_visit_grid(),
        ),
    ]
}

/// Seeds the organisation's referential and default grids when it has none (a new
/// organisation, or one created before mystery tests existed). Idempotent.
pub async fn ensure_defaults<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let has_referential = referential_version::Entity::find()
        .filter(referential_version::Column::OrganisationId.eq(organisation_id))
        .count(db)
        .await?
        > 0;
    if !has_referential {
        referential_version::ActiveModel {
            organisation_id: Set(organisation_id),
            version: Set(1),
            definition: Set(write(&default_referential())?),
            created_at: Set(now),
            created_by: Set("default".into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    for (code, title, channel, definition) in default_grids() {
        let exists = grid::Entity::find()
            .filter(grid::Column::OrganisationId.eq(organisation_id))
            .filter(grid::Column::Code.eq(code))
            .count(db)
            .await?
            > 0;
        if exists {
            continue;
        }
        let row = grid::ActiveModel {
            organisation_id: Set(organisation_id),
            code: Set(code.into()),
            title: Set(write(&title)?),
            channel: Set(channel.into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
        grid_version::ActiveModel {
            grid_id: Set(row.id),
            version: Set(1),
            definition: Set(write(&definition)?),
            created_at: Set(now),
            created_by: Set("default".into()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Seeds the defaults of an organisation created before mystery tests existed, all or nothing;
/// two first visits at once seed them once (the unique indexes keep one).
async fn seed_defaults(db: &Db, organisation_id: i32) -> DbResult<()> {
    let txn = db.begin().await?;
    match ensure_defaults(&txn, organisation_id, Utc::now()).await {
        Ok(()) => Ok(txn.commit().await?),
        Err(e) if e.is_duplicate() => Ok(()),
        Err(e) => Err(e),
    }
}

/// A grid with its latest version.
#[derive(Debug, Clone, PartialEq)]
pub struct GridInfo {
    /// The grid's row.
    pub id: i32,
    /// `call`, `visit`, or a code of the referent's.
    pub code: String,
    /// Its title.
    pub title: Translated,
    /// `phone` or `counter`.
    pub channel: String,
    /// The latest version's row.
    pub version_id: i32,
    /// The latest version's number.
    pub version: i32,
    /// The latest version's criteria.
    pub definition: GridDefinition,
}

async fn latest_grid_version<C: ConnectionTrait>(
    db: &C,
    grid_id: i32,
) -> DbResult<grid_version::Model> {
    grid_version::Entity::find()
        .filter(grid_version::Column::GridId.eq(grid_id))
        .order_by_desc(grid_version::Column::Version)
        .one(db)
        .await?
        .ok_or_else(|| DbError::Corrupt(format!("grid {grid_id} has no version")))
}

async fn grid_info<C: ConnectionTrait>(db: &C, g: grid::Model) -> DbResult<GridInfo> {
    let v = latest_grid_version(db, g.id).await?;
    Ok(GridInfo {
        id: g.id,
        title: read(&g.title, "grid title")?,
        definition: read(&v.definition, "grid definition")?,
        code: g.code,
        channel: g.channel,
        version_id: v.id,
        version: v.version,
    })
}

/// The organisation's grids with their latest versions (the defaults are seeded on first use).
pub async fn grids(db: &Db, organisation_id: i32) -> DbResult<Vec<GridInfo>> {
    seed_defaults(db, organisation_id).await?;
    let rows = grid::Entity::find()
        .filter(grid::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(grid::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for g in rows {
        out.push(grid_info(db, g).await?);
    }
    Ok(out)
}

/// One grid of the organisation by code.
pub async fn grid(db: &Db, organisation_id: i32, code: &str) -> DbResult<Option<GridInfo>> {
    Ok(grids(db, organisation_id)
        .await?
        .into_iter()
        .find(|g| g.code == code.trim()))
}

/// The definition of one stored grid version.
pub async fn grid_version_definition<C: ConnectionTrait>(
    db: &C,
    version_id: i32,
) -> DbResult<GridDefinition> {
    let v = grid_version::Entity::find_by_id(version_id)
        .one(db)
        .await?
        .ok_or_else(|| DbError::Corrupt(format!("grid version {version_id} is missing")))?;
    read(&v.definition, "grid definition")
}

/// Writes a grid's new criteria: a new version when a test already used the latest one (so
/// tests keep the rules they were filled against), the latest version changed in place
/// otherwise. Returns the version number now in use. Audited.
pub async fn update_grid(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    code: &str,
    definition: &GridDefinition,
    now: DateTime<Utc>,
) -> DbResult<i32> {
    definition
        .validate()
        .map_err(|e| invalid("criteria", format!("Grille : {e}."), format!("Grid: {e}.")))?;
    seed_defaults(db, organisation_id).await?;
    let txn = db.begin().await?;
    let g = grid::Entity::find()
        .filter(grid::Column::OrganisationId.eq(organisation_id))
        .filter(grid::Column::Code.eq(code.trim()))
        .one(&txn)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("grid {}", code.trim())))?;
    let latest = latest_grid_version(&txn, g.id).await?;
    let used = mystery_test::Entity::find()
        .filter(mystery_test::Column::GridVersionId.eq(latest.id))
        .count(&txn)
        .await?
        > 0;
    let encoded = write(definition)?;
    let version = if used {
        grid_version::ActiveModel {
            grid_id: Set(g.id),
            version: Set(latest.version + 1),
            definition: Set(encoded),
            created_at: Set(now),
            created_by: Set(actor.label()),
            ..Default::default()
        }
        .insert(&txn)
        .await?
        .version
    } else {
        let version = latest.version;
        let mut row: grid_version::ActiveModel = latest.clone().into();
        row.definition = Set(encoded);
        row.created_at = Set(now);
        row.created_by = Set(actor.label());
        row.update(&txn).await?;
        version
    };
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "grid.update",
        &format!("grid {} v{version}", g.code),
        serde_json::from_str(&latest.definition).ok(),
        serde_json::to_value(definition).ok(),
    )
    .await?;
    txn.commit().await?;
    Ok(version)
}

/// The organisation's latest referential and its version number.
pub async fn referential(db: &Db, organisation_id: i32) -> DbResult<(i32, Referential)> {
    seed_defaults(db, organisation_id).await?;
    let v = referential_version::Entity::find()
        .filter(referential_version::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(referential_version::Column::Version)
        .one(db)
        .await?
        .ok_or_else(|| DbError::Corrupt("no referential".into()))?;
    Ok((v.version, read(&v.definition, "referential")?))
}

/// Saves an edited referential as its next version. Audited.
pub async fn update_referential(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    referential: &Referential,
    now: DateTime<Utc>,
) -> DbResult<i32> {
    let mut seen = std::collections::HashSet::new();
    for e in &referential.engagements {
        if e.id.trim().is_empty() || !e.title.has(Lang::Fr) || !seen.insert(e.id.as_str()) {
            return Err(invalid(
                "engagements",
                format!(
                    "Engagement « {} » : identifiant unique et titre requis.",
                    e.id
                ),
                format!(
                    "Engagement {:?}: a unique id and a title are required.",
                    e.id
                ),
            ));
        }
    }
    let (current, before) = crate::mystery::referential(db, organisation_id).await?;
    let txn = db.begin().await?;
    referential_version::ActiveModel {
        organisation_id: Set(organisation_id),
        version: Set(current + 1),
        definition: Set(write(referential)?),
        created_at: Set(now),
        created_by: Set(actor.label()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "referential.update",
        &format!("referential v{}", current + 1),
        serde_json::to_value(&before).ok(),
        serde_json::to_value(referential).ok(),
    )
    .await?;
    txn.commit().await?;
    Ok(current + 1)
}

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
pub async fn create_campaign(
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
    let grid = grid(db, organisation_id, &form.grid)
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
async fn lock_campaign<C: ConnectionTrait>(
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

/// The kinds of target a campaign tests.
pub const TARGET_KINDS: [&str; 4] = ["phone", "counter", "site", "service"];

/// What the target form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetForm {
    /// Code, unique in the campaign.
    pub code: String,
    /// What it is (`Standard de la préfecture`).
    pub label: String,
    /// `phone`, `counter`, `site` or `service`.
    pub kind: String,
    /// The service it belongs to (a code; empty when none), for the breakdown by service.
    pub service: String,
    /// The number to dial or the counter to visit.
    pub detail: String,
    /// Tests planned on it.
    pub planned: String,
}

/// Adds a target to a campaign. Audited.
pub async fn add_target(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    campaign_code: &str,
    form: &TargetForm,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let code = checked_code("code", &form.code)?;
    let label = checked_name("label", &form.label)?;
    let kind = form.kind.trim();
    if !TARGET_KINDS.contains(&kind) {
        return Err(invalid(
            "kind",
            "Type : choisissez dans la liste.",
            "Kind: choose one of the list.",
        ));
    }
    let planned = form
        .planned
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (0..=500).contains(n))
        .ok_or_else(|| {
            invalid(
                "planned",
                "Tests prévus : un nombre entier de 0 à 500.",
                "Planned tests: a whole number from 0 to 500.",
            )
        })?;
    let detail: String = form.detail.trim().chars().take(100).collect();
    let txn = db.begin().await?;
    let c = own_campaign(&txn, organisation_id, campaign_code).await?;
    let service_id = match form.service.trim() {
        "" => None,
        s => Some(
            service::Entity::find()
                .filter(service::Column::OrganisationId.eq(organisation_id))
                .filter(service::Column::Code.eq(s))
                .one(&txn)
                .await?
                .ok_or_else(|| {
                    invalid(
                        "service",
                        "Service : choisissez dans la liste.",
                        "Service: choose one of the list.",
                    )
                })?
                .id,
        ),
    };
    let taken = campaign_target::Entity::find()
        .filter(campaign_target::Column::CampaignId.eq(c.id))
        .filter(campaign_target::Column::Code.eq(code.as_str()))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(invalid(
            "code",
            format!("Code : la cible {code} existe déjà dans cette campagne."),
            format!("Code: the target {code} already exists in this campaign."),
        ));
    }
    campaign_target::ActiveModel {
        campaign_id: Set(c.id),
        code: Set(code.clone()),
        label: Set(label.clone()),
        kind: Set(kind.to_owned()),
        service_id: Set(service_id),
        detail: Set(detail.clone()),
        planned: Set(planned),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "campaign.target.add",
        &format!("campaign {}, target {code}", c.code),
        None,
        Some(json!({ "label": label, "kind": kind, "detail": detail, "planned": planned })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What the scenario form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScenarioForm {
    /// Code, unique in the campaign.
    pub code: String,
    /// The question the shopper asks.
    pub question: String,
    /// The answer the service should give (the key "answer correct" is judged against).
    pub expected_answer: String,
}

/// Longest scenario text.
const SCENARIO_MAX_CHARS: usize = 2000;

fn scenario_text(field: &str, raw: &str) -> DbResult<String> {
    let text = raw.trim();
    if text.is_empty()
        || text.chars().count() > SCENARIO_MAX_CHARS
        || crate::structure::has_control(text)
    {
        return Err(invalid(
            field,
            format!("Texte : de 1 à {SCENARIO_MAX_CHARS} caractères, sans caractère de contrôle."),
            format!("Text: 1 to {SCENARIO_MAX_CHARS} characters, without control characters."),
        ));
    }
    Ok(text.to_owned())
}

/// Adds a scenario to a campaign. Audited.
pub async fn add_scenario(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    campaign_code: &str,
    form: &ScenarioForm,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let code = checked_code("code", &form.code)?;
    let question = scenario_text("question", &form.question)?;
    let expected = scenario_text("expected_answer", &form.expected_answer)?;
    let txn = db.begin().await?;
    let c = own_campaign(&txn, organisation_id, campaign_code).await?;
    let taken = scenario::Entity::find()
        .filter(scenario::Column::CampaignId.eq(c.id))
        .filter(scenario::Column::Code.eq(code.as_str()))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(invalid(
            "code",
            format!("Code : le scénario {code} existe déjà dans cette campagne."),
            format!("Code: the scenario {code} already exists in this campaign."),
        ));
    }
    scenario::ActiveModel {
        campaign_id: Set(c.id),
        code: Set(code.clone()),
        question: Set(question.clone()),
        expected_answer: Set(expected.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "campaign.scenario.add",
        &format!("campaign {}, scenario {code}", c.code),
        None,
        Some(json!({ "question": question, "expected_answer": expected })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Creates the planned tests each target still lacks, spread over weekdays and slots, with the
/// scenarios in turn. Returns how many were created. Audited.
pub async fn plan_tests(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    campaign_code: &str,
    now: DateTime<Utc>,
) -> DbResult<u32> {
    let txn = db.begin().await?;
    let c = lock_campaign(&txn, organisation_id, campaign_code).await?;
    let targets = campaign_target::Entity::find()
        .filter(campaign_target::Column::CampaignId.eq(c.id))
        .order_by_asc(campaign_target::Column::Id)
        .all(&txn)
        .await?;
    let scenarios = scenario::Entity::find()
        .filter(scenario::Column::CampaignId.eq(c.id))
        .order_by_asc(scenario::Column::Id)
        .all(&txn)
        .await?;
    let mut created = 0u32;
    for (t_index, t) in targets.iter().enumerate() {
        let existing = assignment::Entity::find()
            .filter(assignment::Column::TargetId.eq(t.id))
            .count(&txn)
            .await?;
        let wanted = u64::try_from(t.planned).unwrap_or(0);
        if existing >= wanted {
            continue;
        }
        let offset = u32::try_from(existing).unwrap_or(0) + u32::try_from(t_index).unwrap_or(0);
        let missing = u32::try_from(wanted - existing).unwrap_or(0);
        let rows: Vec<assignment::ActiveModel> = spread(missing, offset)
            .into_iter()
            .enumerate()
            .map(|(i, p)| assignment::ActiveModel {
                campaign_id: Set(c.id),
                target_id: Set(t.id),
                scenario_id: Set((!scenarios.is_empty())
                    .then(|| scenarios[scenario_for(i as u32 + offset, scenarios.len())].id)),
                slot: Set(p.slot.code().to_owned()),
                weekday: Set(i16::from(p.weekday)),
                due_date: Set(None),
                shopper_id: Set(None),
                ..Default::default()
            })
            .collect();
        created += missing;
        assignment::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await?;
    }
    if created > 0 {
        audit::record(
            &txn,
            now,
            Some(organisation_id),
            actor,
            "campaign.plan",
            &format!("campaign {}", c.code),
            None,
            Some(json!({ "planned_tests_added": created })),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(created)
}

/// Assigns planned tests of a campaign to a shopper of the organisation (or takes them back
/// with `None`). Tests already started keep their shopper. Audited.
pub async fn assign(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    campaign_code: &str,
    assignment_ids: &[i32],
    shopper_email: Option<&str>,
    now: DateTime<Utc>,
) -> DbResult<u64> {
    let txn = db.begin().await?;
    let c = own_campaign(&txn, organisation_id, campaign_code).await?;
    let shopper = match shopper_email {
        None => None,
        Some(email) => Some(
            account::Entity::find()
                .filter(account::Column::Email.eq(email.trim().to_lowercase()))
                .filter(account::Column::OrganisationId.eq(organisation_id))
                .filter(account::Column::Role.eq(Role::Shopper.code()))
                .filter(account::Column::Active.eq(true))
                .one(&txn)
                .await?
                .ok_or_else(|| {
                    invalid(
                        "shopper",
                        "Enquêteur : choisissez un compte enquêteur actif de l'organisation.",
                        "Shopper: choose an active shopper account of the organisation.",
                    )
                })?,
        ),
    };
    let started: Vec<i32> = mystery_test::Entity::find()
        .filter(mystery_test::Column::CampaignId.eq(c.id))
        .all(&txn)
        .await?
        .into_iter()
        .filter_map(|t| t.assignment_id)
        .collect();
    let ids: Vec<i32> = assignment_ids
        .iter()
        .copied()
        .filter(|id| !started.contains(id))
        .collect();
    let res = assignment::Entity::update_many()
        .col_expr(
            assignment::Column::ShopperId,
            sea_orm::sea_query::Expr::value(shopper.as_ref().map(|s| s.id)),
        )
        .filter(assignment::Column::CampaignId.eq(c.id))
        .filter(assignment::Column::Id.is_in(ids))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "campaign.assign",
        &format!("campaign {}", c.code),
        None,
        Some(json!({
            "planned_tests": res.rows_affected,
            "shopper": shopper.as_ref().map(|s| s.email.clone()),
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(res.rows_affected)
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
pub async fn campaigns(db: &Db, organisation_id: i32) -> DbResult<Vec<CampaignRow>> {
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
pub async fn campaign(
    db: &Db,
    organisation_id: i32,
    code: &str,
) -> DbResult<Option<CampaignDetail>> {
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
