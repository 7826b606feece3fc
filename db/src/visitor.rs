//! What the visitor's pages need: a touchpoint with its survey, and storing an answer.

use crate::entity::{service, site, submission_receipt, survey, survey_version, touchpoint};
use crate::store::{NewAnswer, NewResponse, store_responses};
use crate::survey::{PublishedVersion, latest_version, load_version};
use crate::{DbError, DbResult, translated};
use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use domain::{Channel, Lang, ParsedSubmission, SurveyStatus, TouchpointCode, Translated};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};

/// A touchpoint as its visitors meet it: where it is, and the survey it carries.
#[derive(Debug, Clone)]
pub struct TouchpointSurvey {
    /// Row id of the touchpoint.
    pub touchpoint_id: i32,
    /// Its organisation.
    pub organisation_id: i32,
    /// The short code of the QR code.
    pub code: TouchpointCode,
    /// The touchpoint's name (`Accueil général`).
    pub name: Translated,
    /// How visitors reach it.
    pub channel: Channel,
    /// Whether the touchpoint is in service; a retired QR code takes no answers.
    pub active: bool,
    /// The site's name (`Préfecture du Territoire de Belfort`).
    pub site_name: String,
    /// The service's name.
    pub service_name: Translated,
    /// The survey's title.
    pub survey_title: Translated,
    /// Open or closed.
    pub status: SurveyStatus,
    /// The survey id, to check a posted version belongs to it.
    pub survey_id: i32,
    /// The latest published version; `None` while nothing has been published.
    pub version: Option<PublishedVersion>,
}

impl TouchpointSurvey {
    /// Whether the page should show the form.
    pub fn takes_answers(&self) -> bool {
        self.active && self.status == SurveyStatus::Open && self.version.is_some()
    }
}

/// Finds a touchpoint by its code with its site, service and latest survey version.
pub async fn find_touchpoint(
    db: &DatabaseConnection,
    code: &TouchpointCode,
) -> DbResult<Option<TouchpointSurvey>> {
    let Some((tp, site)) = touchpoint::Entity::find()
        .filter(touchpoint::Column::Code.eq(code.as_str()))
        .find_also_related(site::Entity)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let site = site.ok_or_else(|| DbError::Corrupt(format!("touchpoint {} has no site", tp.id)))?;
    let service = service::Entity::find_by_id(tp.service_id)
        .one(db)
        .await?
        .ok_or_else(|| DbError::Corrupt(format!("touchpoint {} has no service", tp.id)))?;
    let survey = survey::Entity::find_by_id(tp.survey_id)
        .one(db)
        .await?
        .ok_or_else(|| DbError::Corrupt(format!("touchpoint {} has no survey", tp.id)))?;
    let version = latest_version(db, survey.id).await?;
    Ok(Some(TouchpointSurvey {
        touchpoint_id: tp.id,
        organisation_id: tp.organisation_id,
        code: code.clone(),
        name: translated(&tp.name)?,
        channel: Channel::parse(&tp.channel)
            .ok_or_else(|| DbError::Corrupt(format!("touchpoint {} channel", tp.id)))?,
        active: tp.active,
        site_name: site.name,
        service_name: translated(&service.name)?,
        survey_title: translated(&survey.title)?,
        status: SurveyStatus::parse(&survey.status),
        survey_id: survey.id,
        version,
    }))
}

/// How long an older version still takes answers once a newer one is online: a visitor who
/// loaded the page just before the new version answers the version they read, but an old form
/// cannot be replayed for ever.
pub const OLD_VERSION_GRACE: chrono::TimeDelta = chrono::TimeDelta::days(1);

/// The version a form was rendered from, when it belongs to the touchpoint's survey and the
/// latest version has been online for less than [`OLD_VERSION_GRACE`]; else the latest (the
/// answers are then checked against it, and the visitor sees the new form).
pub async fn version_for_form(
    db: &DatabaseConnection,
    touchpoint: &TouchpointSurvey,
    version_id: Option<i32>,
    now: chrono::DateTime<chrono::Utc>,
) -> DbResult<Option<PublishedVersion>> {
    let latest = touchpoint.version.clone();
    let Some(id) = version_id else {
        return Ok(latest);
    };
    if latest
        .as_ref()
        .is_some_and(|v| v.id == id || now - v.published_at >= OLD_VERSION_GRACE)
    {
        return Ok(latest);
    }
    match survey_version::Entity::find_by_id(id).one(db).await? {
        Some(v) if v.survey_id == touchpoint.survey_id => Ok(Some(load_version(db, &v).await?)),
        _ => Ok(latest),
    }
}

/// What happened to a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubmitOutcome {
    /// Stored as a new response.
    Stored,
    /// The same form (same idempotency key) was already stored; nothing was written.
    Replayed,
    /// The one-time link it came with has served, expired or never existed; nothing was written.
    LinkSpent,
}

/// How a response arrives.
#[derive(Debug, Clone, Copy)]
pub struct Arrival<'a> {
    /// The form's idempotency key: a replayed form stores nothing.
    pub idempotency_key: &'a str,
    /// The secret of the one-time link it came through, if any: the response is then verified,
    /// and the link serves no more.
    pub link: Option<&'a str>,
    /// When.
    pub now: DateTime<Utc>,
}

/// Stores one anonymous response, all or nothing. The idempotency key is recorded apart
/// from the response (hashed, its time to the hour), so a replayed form stores nothing and
/// nothing links the two; a one-time link is deleted in the same transaction, so nothing is
/// left to link it to the response either.
pub async fn submit_response(
    db: &DatabaseConnection,
    touchpoint_id: i32,
    version: &PublishedVersion,
    language: Lang,
    submission: &ParsedSubmission,
    arrival: Arrival<'_>,
) -> DbResult<SubmitOutcome> {
    let Arrival {
        idempotency_key,
        link,
        now,
    } = arrival;
    let txn = db.begin().await?;
    // First statement is a write, so SQLite takes the write lock at once (no upgrade later).
    let inserted = submission_receipt::Entity::insert(submission_receipt::ActiveModel {
        key: Set(receipt_key(touchpoint_id, idempotency_key)),
        // To the hour: the receipt only guards against replays, and must not date the answer.
        received_at: Set(now.duration_trunc(TimeDelta::hours(1)).unwrap_or(now)),
    })
    .on_conflict(
        OnConflict::column(submission_receipt::Column::Key)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if inserted == 0 {
        txn.rollback().await?;
        return Ok(SubmitOutcome::Replayed);
    }
    let verified = match link {
        Some(secret) => {
            if !crate::survey_links::redeem(&txn, touchpoint_id, secret, now).await? {
                txn.rollback().await?;
                return Ok(SubmitOutcome::LinkSpent);
            }
            true
        }
        None => false,
    };
    let mut answers = Vec::with_capacity(submission.answers.len());
    for (code, value) in &submission.answers {
        let question_id = version
            .question_id(code)
            .ok_or_else(|| DbError::Conflict(format!("question {code} is not in this version")))?;
        answers.push(NewAnswer {
            question_id,
            code: code.clone(),
            value: value.clone(),
        });
    }
    let new = NewResponse {
        touchpoint_id,
        survey_version_id: version.id,
        submitted_at: now,
        language,
        answers,
        verified,
    };
    store_responses(&txn, std::slice::from_ref(&new)).await?;
    txn.commit().await?;
    Ok(SubmitOutcome::Stored)
}

/// Forgets idempotency keys older than `before` (they only guard against quick replays).
pub async fn purge_receipts(db: &DatabaseConnection, before: DateTime<Utc>) -> DbResult<u64> {
    let res = submission_receipt::Entity::delete_many()
        .filter(submission_receipt::Column::ReceivedAt.lt(before))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// The stored form of an idempotency key: a hash, scoped to the touchpoint (two kiosks of two
/// organisations choosing the same key do not collide, and a client's key, an appointment
/// number say, is not kept beside the answer).
fn receipt_key(touchpoint_id: i32, key: &str) -> String {
    crate::secrets::hash(&format!("{touchpoint_id}:{key}"))
}

/// Whether a form with this idempotency key was already stored at this touchpoint.
pub async fn receipt_exists(
    db: &DatabaseConnection,
    touchpoint_id: i32,
    key: &str,
) -> DbResult<bool> {
    Ok(
        submission_receipt::Entity::find_by_id(receipt_key(touchpoint_id, key))
            .one(db)
            .await?
            .is_some(),
    )
}
