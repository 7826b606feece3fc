//! Creating the structure of an organisation: sites, services and touchpoints.
//! (The administration screens will call these; the demo seeding and the tests do now.)

use crate::entity::{organisation, service, site, touchpoint};
use crate::{DbResult, to_json};
use chrono::{DateTime, Utc};
use domain::{Channel, TouchpointCode, Translated};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

/// Creates an organisation (a prefecture) and returns its id.
pub async fn create_organisation<C: ConnectionTrait>(
    db: &C,
    code: &str,
    name: &str,
    now: DateTime<Utc>,
) -> DbResult<i32> {
    let row = organisation::ActiveModel {
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Creates a site (prefecture, sub-prefecture) and returns its id.
pub async fn create_site<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    code: &str,
    name: &str,
) -> DbResult<i32> {
    let row = site::ActiveModel {
        organisation_id: Set(organisation_id),
        code: Set(code.to_owned()),
        name: Set(name.to_owned()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Creates a service and returns its id.
pub async fn create_service<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    code: &str,
    name: &Translated,
) -> DbResult<i32> {
    let row = service::ActiveModel {
        organisation_id: Set(organisation_id),
        code: Set(code.to_owned()),
        name: Set(to_json(name)?),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// A touchpoint to create.
#[derive(Debug, Clone)]
pub struct NewTouchpoint<'a> {
    /// Organisation it belongs to.
    pub organisation_id: i32,
    /// Its site.
    pub site_id: i32,
    /// Its service.
    pub service_id: i32,
    /// The survey it shows.
    pub survey_id: i32,
    /// Its code (the URL of its QR code).
    pub code: &'a TouchpointCode,
    /// Its name.
    pub name: &'a Translated,
    /// How visitors reach it.
    pub channel: Channel,
}

/// Creates an active touchpoint and returns its id.
pub async fn create_touchpoint<C: ConnectionTrait>(
    db: &C,
    new: NewTouchpoint<'_>,
    now: DateTime<Utc>,
) -> DbResult<i32> {
    let row = touchpoint::ActiveModel {
        organisation_id: Set(new.organisation_id),
        site_id: Set(new.site_id),
        service_id: Set(new.service_id),
        survey_id: Set(new.survey_id),
        code: Set(new.code.as_str().to_owned()),
        name: Set(to_json(new.name)?),
        channel: Set(new.channel.code().to_owned()),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Deactivates or reactivates a touchpoint (a retired QR code takes no answers).
pub async fn set_touchpoint_active<C: ConnectionTrait>(
    db: &C,
    touchpoint_id: i32,
    active: bool,
) -> DbResult<()> {
    touchpoint::ActiveModel {
        id: Set(touchpoint_id),
        active: Set(active),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
