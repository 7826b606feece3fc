//! Export of responses, one row per response, read page by page so memory stays flat.

use crate::entity::{question, response, service, site, survey_version, touchpoint};
use crate::store::decode_answers;
use crate::{DbError, DbResult, translated};
use chrono::{DateTime, Utc};
use domain::{Lang, TouchpointCode};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, RelationTrait,
};
use std::collections::HashMap;

/// One exported response: the fixed columns, then one answer per question column.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    /// Response id.
    pub id: i32,
    /// When it was submitted (to the hour; to the Paris day through a one-time link).
    pub submitted_at: DateTime<Utc>,
    /// Site code.
    pub site: String,
    /// Service code.
    pub service: String,
    /// Touchpoint code.
    pub touchpoint: String,
    /// Channel code.
    pub channel: String,
    /// Survey version number.
    pub survey_version: i32,
    /// Language the visitor answered in.
    pub language: String,
    /// Answer code (or free text) per question column; empty where not answered.
    pub answers: Vec<String>,
}

/// Responses read per query.
const PAGE: u64 = 2000;

/// Streams every response (of one touchpoint, or all) to `sink` in id order, after telling
/// `header` the question columns. Returns the number of rows.
pub async fn export_responses<H, S, E>(
    db: &DatabaseConnection,
    touchpoint_code: Option<&TouchpointCode>,
    header: H,
    mut sink: S,
) -> DbResult<u64>
where
    H: FnOnce(&[String]) -> Result<(), E>,
    S: FnMut(ExportRow) -> Result<(), E>,
    E: std::fmt::Display,
{
    let tp_filter = match touchpoint_code {
        Some(code) => Some(
            touchpoint::Entity::find()
                .filter(touchpoint::Column::Code.eq(code.as_str()))
                .one(db)
                .await?
                .ok_or_else(|| DbError::NotFound(format!("touchpoint {code}")))?,
        ),
        None => None,
    };

    // Question columns: every question code of every version the selection's surveys have,
    // in the order of their position (first seen wins).
    let mut q = question::Entity::find()
        .select_only()
        .column(question::Column::Code)
        .join(JoinType::InnerJoin, question::Relation::SurveyVersion.def())
        .order_by_asc(survey_version::Column::SurveyId)
        .order_by_desc(survey_version::Column::Version)
        .order_by_asc(question::Column::Position);
    if let Some(tp) = &tp_filter {
        q = q.filter(survey_version::Column::SurveyId.eq(tp.survey_id));
    }
    let mut columns: Vec<String> = Vec::new();
    for code in q.into_tuple::<String>().all(db).await? {
        if !columns.contains(&code) {
            columns.push(code);
        }
    }
    header(&columns).map_err(|e| DbError::Conflict(e.to_string()))?;
    let index: HashMap<&str, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();

    let mut last_id = 0;
    let mut count = 0u64;
    loop {
        let mut page = response::Entity::find()
            .select_only()
            .column(response::Column::Id)
            .column(response::Column::SubmittedAt)
            .column(site::Column::Code)
            .column(service::Column::Code)
            .column(touchpoint::Column::Code)
            .column(touchpoint::Column::Channel)
            .column(survey_version::Column::Version)
            .column(response::Column::Language)
            .column(response::Column::Answers)
            .join(JoinType::InnerJoin, response::Relation::Touchpoint.def())
            .join(JoinType::InnerJoin, touchpoint::Relation::Site.def())
            .join(JoinType::InnerJoin, touchpoint::Relation::Service.def())
            .join(JoinType::InnerJoin, response::Relation::SurveyVersion.def())
            .filter(response::Column::Id.gt(last_id))
            .order_by_asc(response::Column::Id)
            .limit(PAGE);
        if let Some(tp) = &tp_filter {
            page = page.filter(response::Column::TouchpointId.eq(tp.id));
        }
        let rows = page
            .into_tuple::<(
                i32,
                DateTime<Utc>,
                String,
                String,
                String,
                String,
                i32,
                String,
                String,
            )>()
            .all(db)
            .await?;
        let Some(last) = rows.last() else { break };
        last_id = last.0;
        for (id, submitted_at, site, service, touchpoint, channel, version, language, stored) in
            rows
        {
            let mut answers = vec![String::new(); columns.len()];
            for (code, value) in decode_answers(&stored)? {
                if let Some(&i) = index.get(code.as_str()) {
                    answers[i] = value;
                }
            }
            sink(ExportRow {
                id,
                submitted_at,
                site,
                service,
                touchpoint,
                channel,
                survey_version: version,
                language,
                answers,
            })
            .map_err(|e| DbError::Conflict(e.to_string()))?;
            count += 1;
        }
    }
    Ok(count)
}

/// A touchpoint in a list (for the command line and the home page).
#[derive(Debug, Clone)]
pub struct TouchpointListItem {
    /// Its code.
    pub code: String,
    /// Its name in French.
    pub name: String,
    /// Its channel code.
    pub channel: String,
    /// Whether it takes answers.
    pub active: bool,
}

/// Every touchpoint of an organisation (of the instance for `None`), by code.
pub async fn list_touchpoints(
    db: &DatabaseConnection,
    organisation: Option<i32>,
) -> DbResult<Vec<TouchpointListItem>> {
    touchpoint::Entity::find()
        .apply_if(organisation, |q, id| {
            q.filter(touchpoint::Column::OrganisationId.eq(id))
        })
        .order_by_asc(touchpoint::Column::Code)
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            Ok(TouchpointListItem {
                name: translated(&t.name)?.get(Lang::Fr).to_owned(),
                code: t.code,
                channel: t.channel,
                active: t.active,
            })
        })
        .collect()
}

/// One response as the API pages them.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseItem {
    /// Response id (the paging cursor).
    pub id: i32,
    /// When it was submitted (to the hour; to the Paris day through a one-time link).
    pub submitted_at: DateTime<Utc>,
    /// Touchpoint code.
    pub touchpoint: String,
    /// Survey version number.
    pub survey_version: i32,
    /// Language the visitor answered in.
    pub language: String,
    /// Question code -> answer code (or free text).
    pub answers: std::collections::BTreeMap<String, String>,
}

/// A page of responses in id order after `after`, of an organisation (the instance for
/// `None`), optionally of one touchpoint and between two moments (`from` included, `to`
/// excluded). `None` when the touchpoint is unknown there.
pub async fn responses_page(
    db: &DatabaseConnection,
    organisation: Option<i32>,
    touchpoint_code: Option<&str>,
    from: Option<DateTime<Utc>>,
    to: Option<DateTime<Utc>>,
    after: i32,
    limit: u64,
) -> DbResult<Option<Vec<ResponseItem>>> {
    let mut tp_filter = None;
    if let Some(code) = touchpoint_code {
        let found = touchpoint::Entity::find()
            .filter(touchpoint::Column::Code.eq(code))
            .apply_if(organisation, |q, id| {
                q.filter(touchpoint::Column::OrganisationId.eq(id))
            })
            .one(db)
            .await?;
        match found {
            Some(t) => tp_filter = Some(t.id),
            None => return Ok(None),
        }
    }
    let rows = response::Entity::find()
        .select_only()
        .column(response::Column::Id)
        .column(response::Column::SubmittedAt)
        .column(touchpoint::Column::Code)
        .column(survey_version::Column::Version)
        .column(response::Column::Language)
        .column(response::Column::Answers)
        .join(JoinType::InnerJoin, response::Relation::Touchpoint.def())
        .join(JoinType::InnerJoin, response::Relation::SurveyVersion.def())
        .filter(response::Column::Id.gt(after))
        .apply_if(organisation, |q, id| {
            q.filter(touchpoint::Column::OrganisationId.eq(id))
        })
        .apply_if(tp_filter, |q, id| {
            q.filter(response::Column::TouchpointId.eq(id))
        })
        .apply_if(from, |q, at| {
            q.filter(response::Column::SubmittedAt.gte(at))
        })
        .apply_if(to, |q, at| q.filter(response::Column::SubmittedAt.lt(at)))
        .order_by_asc(response::Column::Id)
        .limit(limit)
        .into_tuple::<(i32, DateTime<Utc>, String, i32, String, String)>()
        .all(db)
        .await?;
    let mut items = Vec::with_capacity(rows.len());
    for (id, submitted_at, touchpoint, survey_version, language, stored) in rows {
        items.push(ResponseItem {
            id,
            submitted_at,
            touchpoint,
            survey_version,
            language,
            answers: decode_answers(&stored)?,
        });
    }
    Ok(Some(items))
}
