//! The grids (versioned: a grid a test used gets a new version on edit, so past results keep
//! their rules) and the referential of Modules 1 and 2 they evidence, seeded per organisation.

use super::documents::{read, write};
use crate::audit::{self, Actor};
use crate::checks::invalid;
use crate::entity::{grid, grid_version, mystery_test, referential_version};
use crate::figures::FigureKind;
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, Utc};
use domain::mystery::{
    GridDefinition, Referential, default_call_grid, default_referential, default_visit_grid,
};
use domain::{Lang, Translated};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, TransactionTrait,
};

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

pub(crate) async fn latest_grid_version<C: ConnectionTrait>(
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

pub(crate) async fn grid_info<C: ConnectionTrait>(db: &C, g: grid::Model) -> DbResult<GridInfo> {
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
pub async fn list(db: &Db, organisation_id: i32) -> DbResult<Vec<GridInfo>> {
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
pub async fn find(db: &Db, organisation_id: i32, code: &str) -> DbResult<Option<GridInfo>> {
    Ok(list(db, organisation_id)
        .await?
        .into_iter()
        .find(|g| g.code == code.trim()))
}

/// The definition of one stored grid version.
pub async fn version_definition<C: ConnectionTrait>(
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
pub async fn update(
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
    let stored: Referential = read(&v.definition, "referential")?;
    Ok((v.version, stored.with_seeded_measures()))
}

/// Refuses a mapping that names a figure kind that does not exist, or a question that is not a
/// closed question of the organisation's questionnaires, unless the engagement already named
/// it (a question removed from the questionnaire since stays until the referent unticks it, so
/// that saving a threshold never fails on a mapping nobody touched).
async fn check_measures(
    db: &Db,
    organisation_id: i32,
    referential: &Referential,
    before: &Referential,
) -> DbResult<()> {
    let closed = crate::survey::closed_questions(db, organisation_id).await?;
    for e in &referential.engagements {
        let measures = e.measures_or_seeded();
        if let Some(f) = measures
            .figures
            .iter()
            .find(|f| FigureKind::parse(f).is_none())
        {
            return Err(invalid(
                "measures",
                format!(
                    "Engagement {} : « {f} » n'est pas un indicateur saisi ; choisissez dans la liste.",
                    e.id
                ),
                format!(
                    "Engagement {}: \"{f}\" is not an entered figure; choose one of the list.",
                    e.id
                ),
            ));
        }
        let earlier = before
            .engagement(&e.id)
            .map(|b| b.measures_or_seeded().questions)
            .unwrap_or_default();
        let unknown = measures
            .questions
            .iter()
            .find(|q| !earlier.contains(q) && !closed.iter().any(|c| &c.code == *q));
        if let Some(q) = unknown {
            return Err(invalid(
                "measures",
                format!(
                    "Engagement {} : « {} » n'est pas une question fermée du questionnaire ; choisissez dans la liste.",
                    e.id,
                    q.as_str()
                ),
                format!(
                    "Engagement {}: \"{}\" is not a closed question of the questionnaire; choose one of the list.",
                    e.id,
                    q.as_str()
                ),
            ));
        }
    }
    Ok(())
}

/// Saves an edited referential as its next version, with what measures each engagement (see
/// [`check_measures`]: an unknown figure or question is refused as a field error). Audited.
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
    let (current, before) = crate::mystery::grids::referential(db, organisation_id).await?;
    check_measures(db, organisation_id, referential, &before).await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeded_referential_names_entered_figures_only() {
        let mut named = 0;
        for e in default_referential().engagements {
            for f in e.measures_or_seeded().figures {
                assert!(FigureKind::parse(&f).is_some(), "{}: {f}", e.id);
                named += 1;
            }
        }
        assert_eq!(named, 4, "pickup rate, e-mails, complaints, delays");
    }
}
