//! An organisation's structure as the administration screens change it: sites, services and
//! touchpoints. Every change is checked (codes, names, that what it links to belongs to the same
//! organisation) and written to the audit log in the same transaction.

use crate::audit::{self, Actor};
use crate::checks::{checked_code, checked_name, invalid};
use crate::entity::{organisation, service, site, survey, touchpoint};
use crate::{Db, DbError, DbResult, to_json, translated};
use chrono::{DateTime, Utc};
use domain::{Channel, Lang, Role, TouchpointCode, Translated};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

/// A site as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteRow {
    /// Row id.
    pub id: i32,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// A service as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceRow {
    /// Row id.
    pub id: i32,
    /// Code.
    pub code: String,
    /// Name in French and English.
    pub name: Translated,
}

/// A survey as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyRow {
    /// Row id.
    pub id: i32,
    /// Code.
    pub code: String,
    /// Title in French and English.
    pub title: Translated,
}

/// A touchpoint as listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchpointRow {
    /// Code (its QR code's address).
    pub code: String,
    /// Name in French and English.
    pub name: Translated,
    /// Its site's code.
    pub site: String,
    /// Its service's code.
    pub service: String,
    /// Its survey's code.
    pub survey: String,
    /// How visitors reach it.
    pub channel: Channel,
    /// Whether it takes answers.
    pub active: bool,
}

/// Everything the structure screen shows, each list by code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Structure {
    /// Sites.
    pub sites: Vec<SiteRow>,
    /// Services.
    pub services: Vec<ServiceRow>,
    /// Surveys.
    pub surveys: Vec<SurveyRow>,
    /// Touchpoints.
    pub touchpoints: Vec<TouchpointRow>,
}

/// An organisation as the administrator picks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationRow {
    /// Row id.
    pub id: i32,
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// Every organisation of the instance, by code.
pub async fn organisations(db: &Db) -> DbResult<Vec<OrganisationRow>> {
    Ok(organisation::Entity::find()
        .order_by_asc(organisation::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|o| OrganisationRow {
            id: o.id,
            code: o.code,
            name: o.name,
        })
        .collect())
}

/// Creates an organisation (a prefecture) on the instance, audited.
pub async fn add_organisation(
    db: &Db,
    actor: &Actor,
    code: &str,
    name: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let code = checked_code("code", code)?;
    let name = checked_name("name", name)?;
    let txn = db.begin().await?;
    let taken = organisation::Entity::find()
        .filter(organisation::Column::Code.eq(code.as_str()))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(invalid(
            "code",
            format!("Code : l'organisation {code} existe déjà."),
            format!("Code: the organisation {code} already exists."),
        ));
    }
    let id = crate::setup::create_organisation(&txn, &code, &name, now).await?;
    // Its mystery-test referential and default grids come with it.
    crate::mystery::grids::ensure_defaults(&txn, id, now).await?;
    audit::record(
        &txn,
        now,
        Some(id),
        actor,
        "organisation.create",
        &format!("organisation {code}"),
        None,
        Some(json!({ "code": code, "name": name })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The organisation's sites, services, surveys and touchpoints.
pub async fn structure(db: &Db, organisation_id: i32) -> DbResult<Structure> {
    let sites: Vec<SiteRow> = site::Entity::find()
        .filter(site::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(site::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SiteRow {
            id: s.id,
            code: s.code,
            name: s.name,
        })
        .collect();
    let mut services = Vec::new();
    for s in service::Entity::find()
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(service::Column::Code)
        .all(db)
        .await?
    {
        services.push(ServiceRow {
            id: s.id,
            name: translated(&s.name)?,
            code: s.code,
        });
    }
    let mut surveys = Vec::new();
    for s in survey::Entity::find()
        .filter(survey::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(survey::Column::Code)
        .all(db)
        .await?
    {
        surveys.push(SurveyRow {
            id: s.id,
            title: translated(&s.title)?,
            code: s.code,
        });
    }
    let code_of = |id: i32, list: &[(i32, String)]| {
        list.iter()
            .find(|(i, _)| *i == id)
            .map(|(_, c)| c.clone())
            .unwrap_or_default()
    };
    let site_codes: Vec<(i32, String)> = sites.iter().map(|s| (s.id, s.code.clone())).collect();
    let service_codes: Vec<(i32, String)> =
        services.iter().map(|s| (s.id, s.code.clone())).collect();
    let survey_codes: Vec<(i32, String)> = surveys.iter().map(|s| (s.id, s.code.clone())).collect();
    let mut touchpoints = Vec::new();
    for t in touchpoint::Entity::find()
        .filter(touchpoint::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(touchpoint::Column::Code)
        .all(db)
        .await?
    {
        touchpoints.push(TouchpointRow {
            name: translated(&t.name)?,
            site: code_of(t.site_id, &site_codes),
            service: code_of(t.service_id, &service_codes),
            survey: code_of(t.survey_id, &survey_codes),
            channel: Channel::parse(&t.channel)
                .ok_or_else(|| DbError::Corrupt(format!("channel of {}", t.code)))?,
            active: t.active,
            code: t.code,
        });
    }
    Ok(Structure {
        sites,
        services,
        surveys,
        touchpoints,
    })
}

/// A name in French and, when given, English (French otherwise).
fn checked_names(fr: &str, en: &str) -> DbResult<Translated> {
    let fr = checked_name("name_fr", fr)?;
    let en = if en.trim().is_empty() {
        fr.clone()
    } else {
        checked_name("name_en", en)?
    };
    Ok(Translated::fr_en(&fr, &en))
}

fn names_json(t: &Translated) -> serde_json::Value {
    json!({ "fr": t.get(Lang::Fr), "en": t.get(Lang::En) })
}

/// Adds a site.
pub async fn add_site(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    code: &str,
    name: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let code = checked_code("code", code)?;
    let name = checked_name("name", name)?;
    let txn = db.begin().await?;
    let taken = site::Entity::find()
        .filter(site::Column::OrganisationId.eq(organisation_id))
        .filter(site::Column::Code.eq(code.as_str()))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(invalid(
            "code",
            format!("Code : le site {code} existe déjà."),
            format!("Code: the site {code} already exists."),
        ));
    }
    crate::setup::create_site(&txn, organisation_id, &code, &name).await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "site.create",
        &format!("site {code}"),
        None,
        Some(json!({ "code": code, "name": name })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Adds a service.
pub async fn add_service(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    code: &str,
    name_fr: &str,
    name_en: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let code = checked_code("code", code)?;
    let name = checked_names(name_fr, name_en)?;
    let txn = db.begin().await?;
    let taken = service::Entity::find()
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .filter(service::Column::Code.eq(code.as_str()))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(invalid(
            "code",
            format!("Code : le service {code} existe déjà."),
            format!("Code: the service {code} already exists."),
        ));
    }
    crate::setup::create_service(&txn, organisation_id, &code, &name).await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "service.create",
        &format!("service {code}"),
        None,
        Some(json!({ "code": code, "name": names_json(&name) })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What the touchpoint form sends (codes of the organisation's site, service and survey).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TouchpointForm {
    /// Its code (only when creating; it is the QR code's address and never changes).
    pub code: String,
    /// Name in French.
    pub name_fr: String,
    /// Name in English (French when empty).
    pub name_en: String,
    /// Site code.
    pub site: String,
    /// Service code.
    pub service: String,
    /// Survey code.
    pub survey: String,
    /// Channel code.
    pub channel: String,
}

/// The ids a touchpoint form points to, checked to belong to the organisation.
async fn links<C: sea_orm::ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    form: &TouchpointForm,
) -> DbResult<(i32, i32, i32, Channel, Translated)> {
    let name = checked_names(&form.name_fr, &form.name_en)?;
    let channel = Channel::parse(form.channel.trim()).ok_or_else(|| {
        invalid(
            "channel",
            "Canal : choisissez dans la liste.",
            "Channel: choose one of the list.",
        )
    })?;
    let site = site::Entity::find()
        .filter(site::Column::OrganisationId.eq(organisation_id))
        .filter(site::Column::Code.eq(form.site.trim()))
        .one(db)
        .await?
        .ok_or_else(|| {
            invalid(
                "site",
                "Site : choisissez dans la liste.",
                "Site: choose one of the list.",
            )
        })?;
    let service = service::Entity::find()
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .filter(service::Column::Code.eq(form.service.trim()))
        .one(db)
        .await?
        .ok_or_else(|| {
            invalid(
                "service",
                "Service : choisissez dans la liste.",
                "Service: choose one of the list.",
            )
        })?;
    let survey = survey::Entity::find()
        .filter(survey::Column::OrganisationId.eq(organisation_id))
        .filter(survey::Column::Code.eq(form.survey.trim()))
        .one(db)
        .await?
        .ok_or_else(|| {
            invalid(
                "survey",
                "Questionnaire : choisissez dans la liste.",
                "Questionnaire: choose one of the list.",
            )
        })?;
    Ok((site.id, service.id, survey.id, channel, name))
}

fn touchpoint_json(t: &touchpoint::Model, form: &TouchpointForm) -> serde_json::Value {
    json!({
        "code": t.code,
        "name": t.name,
        "site": form.site.trim(),
        "service": form.service.trim(),
        "survey": form.survey.trim(),
        "channel": t.channel,
        "active": t.active,
    })
}

/// Adds an active touchpoint.
pub async fn add_touchpoint(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    form: &TouchpointForm,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let code = checked_code("code", &form.code)?;
    let txn = db.begin().await?;
    let (site_id, service_id, survey_id, channel, name) =
        links(&txn, organisation_id, form).await?;
    let taken = touchpoint::Entity::find()
        .filter(touchpoint::Column::Code.eq(code.as_str()))
        .count(&txn)
        .await?;
    if taken > 0 {
        // Codes are the QR codes' addresses, unique across the instance.
        return Err(invalid(
            "code",
            format!("Code : {code} est déjà pris (les codes sont uniques sur toute l'instance)."),
            format!("Code: {code} is already taken (codes are unique across the instance)."),
        ));
    }
    let parsed =
        TouchpointCode::parse(&code).map_err(|e| DbError::Invalid(format!("code {code}: {e}")))?;
    let id = crate::setup::create_touchpoint(
        &txn,
        crate::setup::NewTouchpoint {
            organisation_id,
            site_id,
            service_id,
            survey_id,
            code: &parsed,
            name: &name,
            channel,
        },
        now,
    )
    .await?;
    let row = touchpoint::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("touchpoint {code}")))?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "touchpoint.create",
        &format!("touchpoint {code}"),
        None,
        Some(touchpoint_json(&row, form)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The form of an existing touchpoint, to edit it.
pub async fn touchpoint_form(
    db: &Db,
    organisation_id: i32,
    code: &str,
) -> DbResult<Option<(TouchpointForm, bool)>> {
    let structure = structure(db, organisation_id).await?;
    Ok(structure
        .touchpoints
        .into_iter()
        .find(|t| t.code == code)
        .map(|t| {
            (
                TouchpointForm {
                    code: t.code,
                    name_fr: t.name.get(Lang::Fr).to_owned(),
                    name_en: t.name.get(Lang::En).to_owned(),
                    site: t.site,
                    service: t.service,
                    survey: t.survey,
                    channel: t.channel.code().to_owned(),
                },
                t.active,
            )
        }))
}

async fn own_touchpoint<C: sea_orm::ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    code: &str,
) -> DbResult<touchpoint::Model> {
    touchpoint::Entity::find()
        .filter(touchpoint::Column::OrganisationId.eq(organisation_id))
        .filter(touchpoint::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("touchpoint {code}")))
}

/// Changes a touchpoint's name, site, service, survey and channel (its code stays: it is
/// printed on posters).
pub async fn update_touchpoint(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    code: &str,
    form: &TouchpointForm,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let before_form = touchpoint_form(db, organisation_id, code)
        .await?
        .map(|(f, _)| f)
        .unwrap_or_default();
    let txn = db.begin().await?;
    let row = own_touchpoint(&txn, organisation_id, code).await?;
    let (site_id, service_id, survey_id, channel, name) =
        links(&txn, organisation_id, form).await?;
    let before = touchpoint_json(&row, &before_form);
    let mut active: touchpoint::ActiveModel = row.into();
    active.site_id = Set(site_id);
    active.service_id = Set(service_id);
    active.survey_id = Set(survey_id);
    active.channel = Set(channel.code().to_owned());
    active.name = Set(to_json(&name)?);
    let after = active.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "touchpoint.update",
        &format!("touchpoint {code}"),
        Some(before),
        Some(touchpoint_json(&after, form)),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Deactivates (its QR code stops taking answers) or reactivates a touchpoint.
pub async fn set_touchpoint_active(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    code: &str,
    active: bool,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let txn = db.begin().await?;
    let row = own_touchpoint(&txn, organisation_id, code).await?;
    if row.active != active {
        crate::setup::set_touchpoint_active(&txn, row.id, active).await?;
        audit::record(
            &txn,
            now,
            Some(organisation_id),
            actor,
            if active {
                "touchpoint.activate"
            } else {
                "touchpoint.deactivate"
            },
            &format!("touchpoint {code}"),
            Some(json!({ "active": row.active })),
            Some(json!({ "active": active })),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// The organisation an account or a token of `role` belongs to, from its code: none for an
/// `admin`; the only one when the code is left out and the instance holds a single one.
pub async fn organisation_for<C: sea_orm::ConnectionTrait>(
    db: &C,
    role: Role,
    organisation: Option<&str>,
) -> DbResult<Option<i32>> {
    match (role, organisation) {
        (Role::Admin, None) => Ok(None),
        (Role::Admin, Some(_)) => Err(DbError::Invalid(
            "an admin runs the whole instance and belongs to no organisation".into(),
        )),
        (_, Some(code)) => Ok(Some(
            organisation::Entity::find()
                .filter(organisation::Column::Code.eq(code))
                .one(db)
                .await?
                .ok_or_else(|| DbError::Invalid(format!("unknown organisation {code:?}")))?
                .id,
        )),
        (_, None) => {
            let all = organisation::Entity::find().limit(2).all(db).await?;
            match all.as_slice() {
                [only] => Ok(Some(only.id)),
                [] => Err(DbError::Invalid("there is no organisation yet".into())),
                _ => Err(DbError::Invalid(
                    "several organisations: say which one with --organisation".into(),
                )),
            }
        }
    }
}
