//! Counts for summaries, read from the daily counts with GROUP BY in the database: a year of a
//! busy counter is a few thousand rows, whatever the number of responses.

use crate::entity::{answer_count, question, response, response_count};
use crate::{Db, DbResult};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, EntityTrait, JoinType, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
    RelationTrait,
};
use std::collections::BTreeMap;

/// Answers of one question over a period: answer code -> count.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuestionCounts {
    /// The question code (stable across versions).
    pub code: String,
    /// Answers per answer code.
    pub counts: BTreeMap<String, i64>,
}

impl QuestionCounts {
    /// How many answered the question.
    pub fn n(&self) -> i64 {
        self.counts.values().sum()
    }
}

/// What a summary needs from the database.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PeriodCounts {
    /// Respondents in the period.
    pub respondents: i64,
    /// Closed questions, by code.
    pub questions: BTreeMap<String, QuestionCounts>,
}

/// Which responses a summary counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Every response.
    #[default]
    All,
    /// Only those given through a one-time link sent after an appointment (verified).
    Invited,
    /// Only those given through the open QR code.
    Open,
}

impl Source {
    /// Every source, in display order.
    pub const ALL: [Source; 3] = [Source::All, Source::Invited, Source::Open];

    /// The code in addresses (`?source=`).
    pub fn code(self) -> &'static str {
        match self {
            Source::All => "all",
            Source::Invited => "invited",
            Source::Open => "open",
        }
    }

    /// Reads a code.
    pub fn parse(raw: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|s| s.code() == raw.trim())
    }

    /// The `verified` value it keeps, if it keeps only one.
    fn verified(self) -> Option<bool> {
        match self {
            Source::All => None,
            Source::Invited => Some(true),
            Source::Open => Some(false),
        }
    }
}

/// Counts of the touchpoints `touchpoint_ids` between two Europe/Paris days, inclusive, of the
/// responses of `source`.
pub async fn period_counts(
    db: &Db,
    touchpoint_ids: &[i32],
    from: NaiveDate,
    to: NaiveDate,
    source: Source,
) -> DbResult<PeriodCounts> {
    let verified = source.verified();
    let respondents = respondents(db, touchpoint_ids, from, to, source).await?;
    let rows = answer_count::Entity::find()
        .select_only()
        .column(question::Column::Code)
        .column(answer_count::Column::Choice)
        .column_as(Expr::cust("CAST(SUM(answer_count.count) AS BIGINT)"), "n")
        .join(
            JoinType::InnerJoin,
            answer_count::Entity::belongs_to(question::Entity)
                .from(answer_count::Column::QuestionId)
                .to(question::Column::Id)
                .into(),
        )
        .filter(answer_count::Column::TouchpointId.is_in(touchpoint_ids.to_vec()))
        .filter(answer_count::Column::Day.between(from, to))
        .apply_if(verified, |q, v| {
            q.filter(answer_count::Column::Verified.eq(v))
        })
        .group_by(question::Column::Code)
        .group_by(answer_count::Column::Choice)
        .order_by_asc(question::Column::Code)
        .into_tuple::<(String, String, i64)>()
        .all(db)
        .await?;
    let mut questions: BTreeMap<String, QuestionCounts> = BTreeMap::new();
    for (code, choice, n) in rows {
        questions
            .entry(code.clone())
            .or_insert_with(|| QuestionCounts {
                code,
                counts: BTreeMap::new(),
            })
            .counts
            .insert(choice, n);
    }
    Ok(PeriodCounts {
        respondents,
        questions,
    })
}

/// Respondents of the touchpoints `touchpoint_ids` between two Europe/Paris days, inclusive, of
/// the responses of `source`.
pub async fn respondents(
    db: &Db,
    touchpoint_ids: &[i32],
    from: NaiveDate,
    to: NaiveDate,
    source: Source,
) -> DbResult<i64> {
    Ok(response_count::Entity::find()
        .select_only()
        .column_as(Expr::cust("CAST(SUM(response_count.count) AS BIGINT)"), "n")
        .filter(response_count::Column::TouchpointId.is_in(touchpoint_ids.to_vec()))
        .filter(response_count::Column::Day.between(from, to))
        .apply_if(source.verified(), |q, v| {
            q.filter(response_count::Column::Verified.eq(v))
        })
        .into_tuple::<Option<i64>>()
        .one(db)
        .await?
        .flatten()
        .unwrap_or(0))
}

/// The same counts taken from the stored responses (every row, read in Rust), to check the
/// daily counts against.
pub async fn raw_answer_counts(db: &Db) -> DbResult<BTreeMap<(String, String), i64>> {
    let free_text: std::collections::HashSet<(i32, String)> = question::Entity::find()
        .select_only()
        .column(question::Column::SurveyVersionId)
        .column(question::Column::Code)
        .filter(question::Column::Kind.eq(domain::QuestionKind::FreeText.code()))
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let stored = response::Entity::find()
        .select_only()
        .column(response::Column::SurveyVersionId)
        .column(response::Column::Answers)
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?;
    let mut counts = BTreeMap::new();
    for (version, raw) in stored {
        for (code, value) in crate::store::decode_answers(&raw)? {
            if !free_text.contains(&(version, code.clone())) {
                *counts.entry((code, value)).or_default() += 1;
            }
        }
    }
    Ok(counts)
}

/// What a summary is about: one touchpoint, or every touchpoint of a site, service or survey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// A touchpoint code.
    Touchpoint(String),
    /// A site code.
    Site(String),
    /// A service code.
    Service(String),
    /// A survey code.
    Survey(String),
}

/// The touchpoints of a scope (within one organisation, or the whole instance for `None`) and
/// the questions of their surveys' latest versions (the first of each code), in display order;
/// `None` when the code is unknown there.
pub async fn resolve_scope(
    db: &Db,
    scope: &Scope,
    organisation: Option<i32>,
) -> DbResult<Option<(Vec<i32>, Vec<domain::Question>)>> {
    use crate::entity::{service, site, survey, touchpoint};
    let mut query = touchpoint::Entity::find();
    if let Some(id) = organisation {
        query = query.filter(touchpoint::Column::OrganisationId.eq(id));
    }
    let query = match scope {
        Scope::Touchpoint(code) => query.filter(touchpoint::Column::Code.eq(code.as_str())),
        Scope::Site(code) => query
            .join(JoinType::InnerJoin, touchpoint::Relation::Site.def())
            .filter(site::Column::Code.eq(code.as_str())),
        Scope::Service(code) => query
            .join(JoinType::InnerJoin, touchpoint::Relation::Service.def())
            .filter(service::Column::Code.eq(code.as_str())),
        Scope::Survey(code) => query
            .join(
                JoinType::InnerJoin,
                touchpoint::Entity::belongs_to(survey::Entity)
                    .from(touchpoint::Column::SurveyId)
                    .to(survey::Column::Id)
                    .into(),
            )
            .filter(survey::Column::Code.eq(code.as_str())),
    };
    let touchpoints = query.order_by_asc(touchpoint::Column::Id).all(db).await?;
    if touchpoints.is_empty() {
        return Ok(None);
    }
    // Site, service and survey codes are unique within an organisation only: across the
    // instance, a code several organisations use names no single scope.
    if touchpoints
        .iter()
        .any(|t| t.organisation_id != touchpoints[0].organisation_id)
    {
        return Ok(None);
    }
    let mut questions: Vec<domain::Question> = Vec::new();
    // In the order the touchpoints come (the first survey's questions lead), once each.
    let mut surveys: Vec<i32> = Vec::new();
    for t in &touchpoints {
        if !surveys.contains(&t.survey_id) {
            surveys.push(t.survey_id);
        }
    }
    for survey_id in surveys {
        if let Some(version) = crate::survey::latest_version(db, survey_id).await? {
            for q in version.definition.questions {
                if !questions.iter().any(|known| known.code == q.code) {
                    questions.push(q);
                }
            }
        }
    }
    Ok(Some((
        touchpoints.iter().map(|t| t.id).collect(),
        questions,
    )))
}

/// One choice of scope, for a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeChoice {
    /// The scope.
    pub scope: Scope,
    /// Its name in the language asked for.
    pub name: String,
}

/// Every survey, site, service and touchpoint a summary can be about (of one organisation, or
/// of the whole instance for `None`), each list by code.
pub async fn scope_choices(
    db: &Db,
    lang: domain::Lang,
    organisation: Option<i32>,
) -> DbResult<Vec<ScopeChoice>> {
    use crate::entity::{service, site, survey, touchpoint};
    let mut choices = Vec::new();
    for s in survey::Entity::find()
        .apply_if(organisation, |q, id| {
            q.filter(survey::Column::OrganisationId.eq(id))
        })
        .order_by_asc(survey::Column::Code)
        .all(db)
        .await?
    {
        choices.push(ScopeChoice {
            name: crate::translated(&s.title)?.get(lang).to_owned(),
            scope: Scope::Survey(s.code),
        });
    }
    for s in site::Entity::find()
        .apply_if(organisation, |q, id| {
            q.filter(site::Column::OrganisationId.eq(id))
        })
        .order_by_asc(site::Column::Code)
        .all(db)
        .await?
    {
        choices.push(ScopeChoice {
            name: s.name,
            scope: Scope::Site(s.code),
        });
    }
    for s in service::Entity::find()
        .apply_if(organisation, |q, id| {
            q.filter(service::Column::OrganisationId.eq(id))
        })
        .order_by_asc(service::Column::Code)
        .all(db)
        .await?
    {
        choices.push(ScopeChoice {
            name: crate::translated(&s.name)?.get(lang).to_owned(),
            scope: Scope::Service(s.code),
        });
    }
    for t in touchpoint::Entity::find()
        .apply_if(organisation, |q, id| {
            q.filter(touchpoint::Column::OrganisationId.eq(id))
        })
        .order_by_asc(touchpoint::Column::Code)
        .all(db)
        .await?
    {
        choices.push(ScopeChoice {
            name: crate::translated(&t.name)?.get(lang).to_owned(),
            scope: Scope::Touchpoint(t.code),
        });
    }
    Ok(choices)
}

impl Scope {
    /// `kind:code`, as a form sends it.
    pub fn key(&self) -> String {
        let (kind, code) = match self {
            Scope::Touchpoint(c) => ("touchpoint", c),
            Scope::Site(c) => ("site", c),
            Scope::Service(c) => ("service", c),
            Scope::Survey(c) => ("survey", c),
        };
        format!("{kind}:{code}")
    }

    /// Reads `kind:code`.
    pub fn from_key(key: &str) -> Option<Scope> {
        let (kind, code) = key.split_once(':')?;
        let code = code.trim().to_owned();
        if code.is_empty() {
            return None;
        }
        match kind.trim() {
            "touchpoint" => Some(Scope::Touchpoint(code)),
            "site" => Some(Scope::Site(code)),
            "service" => Some(Scope::Service(code)),
            "survey" => Some(Scope::Survey(code)),
            _ => None,
        }
    }
}
