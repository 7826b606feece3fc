//! An organisation's privacy notice: its controller and the contact of its data-protection
//! officer, entered by the referent; until then, the organisation's name and a notice that the
//! contact is still to be given.

use crate::audit::{self, Actor};
use crate::checks::invalid as field;
use crate::entity::{organisation, privacy_notice};
use crate::{Db, DbResult};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, EntityTrait, Set, TransactionTrait};
use serde_json::json;

/// What the notice names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The organisation's name.
    pub organisation: String,
    /// The controller (by default the organisation, represented by its head).
    pub controller: String,
    /// How to reach the data-protection officer; empty until the referent gives it.
    pub dpo_contact: String,
    /// When the referent last changed it; `None` while it is the default.
    pub updated_at: Option<DateTime<Utc>>,
}

/// The notice of `organisation_id`; `None` for an unknown organisation.
pub async fn notice(db: &Db, organisation_id: i32) -> DbResult<Option<Notice>> {
    let Some(org) = organisation::Entity::find_by_id(organisation_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let row = privacy_notice::Entity::find_by_id(organisation_id)
        .one(db)
        .await?;
    Ok(Some(match row {
        Some(r) => Notice {
            organisation: org.name,
            controller: r.controller,
            dpo_contact: r.dpo_contact,
            updated_at: Some(r.updated_at),
        },
        None => Notice {
            controller: org.name.clone(),
            organisation: org.name,
            dpo_contact: String::new(),
            updated_at: None,
        },
    }))
}

/// Sets the controller and the officer's contact of `organisation_id`'s notice, audited.
pub async fn set_notice(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    controller: &str,
    dpo_contact: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let (controller, dpo_contact) = (controller.trim(), dpo_contact.trim());
    let fits = |s: &str| (1..=300).contains(&s.chars().count()) && !s.contains('\0');
    if !fits(controller) {
        return Err(field(
            "controller",
            "Responsable du traitement : 1 à 300 caractères.",
            "Controller: 1 to 300 characters.",
        ));
    }
    if !fits(dpo_contact) {
        return Err(field(
            "dpo_contact",
            "Délégué à la protection des données : indiquez comment le joindre (adresse électronique ou postale), 300 caractères au plus.",
            "Data-protection officer: say how to reach them (e-mail or postal address), at most 300 characters.",
        ));
    }
    let txn = db.begin().await?;
    let before = privacy_notice::Entity::find_by_id(organisation_id)
        .one(&txn)
        .await?;
    let row = privacy_notice::ActiveModel {
        organisation_id: Set(organisation_id),
        controller: Set(controller.to_owned()),
        dpo_contact: Set(dpo_contact.to_owned()),
        updated_at: Set(now),
    };
    let old = before
        .as_ref()
        .map(|b| json!({ "controller": b.controller, "dpo_contact": b.dpo_contact }));
    if before.is_some() {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "privacy.notice",
        "privacy notice",
        old,
        Some(json!({ "controller": controller, "dpo_contact": dpo_contact })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
