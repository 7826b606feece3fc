//! Surveys and their versions: publishing a definition, reading a version back.

use crate::entity::{question, survey, survey_version};
use crate::{DbError, DbResult, to_json, translated};
use chrono::{DateTime, Utc};
use domain::{
    ChoiceOption, Question, QuestionCode, QuestionKind, SurveyDefinition, SurveyStatus, Translated,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};

/// A published survey version with its questions and their database ids.
#[derive(Debug, Clone)]
pub struct PublishedVersion {
    /// The version row.
    pub id: i32,
    /// 1, 2, … within the survey.
    pub number: i32,
    /// The questions, in display order.
    pub definition: SurveyDefinition,
    /// Database id of each question, in the same order.
    pub question_ids: Vec<i32>,
    /// When it was published.
    pub published_at: DateTime<Utc>,
}

impl PublishedVersion {
    /// The database id of the question with `code`.
    pub fn question_id(&self, code: &QuestionCode) -> Option<i32> {
        self.definition
            .questions
            .iter()
            .position(|q| &q.code == code)
            .map(|i| self.question_ids[i])
    }
}

/// Creates a survey (open) in an organisation; fails with `Conflict` if the code is taken.
pub async fn create_survey<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    code: &str,
    title: &Translated,
    now: DateTime<Utc>,
) -> DbResult<i32> {
    let taken = survey::Entity::find()
        .filter(survey::Column::OrganisationId.eq(organisation_id))
        .filter(survey::Column::Code.eq(code))
        .one(db)
        .await?;
    if taken.is_some() {
        return Err(DbError::Conflict(format!("survey {code} exists")));
    }
    let row = survey::ActiveModel {
        organisation_id: Set(organisation_id),
        code: Set(code.to_owned()),
        title: Set(to_json(title)?),
        status: Set(SurveyStatus::Open.code().to_owned()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Publishes `definition` as the next version of a survey. Earlier versions stay untouched,
/// and so do the answers linked to them.
pub async fn publish_version<C: ConnectionTrait>(
    db: &C,
    survey_id: i32,
    definition: &SurveyDefinition,
    now: DateTime<Utc>,
) -> DbResult<PublishedVersion> {
    definition
        .validate()
        .map_err(|e| DbError::Conflict(e.to_string()))?;
    let last = survey_version::Entity::find()
        .filter(survey_version::Column::SurveyId.eq(survey_id))
        .order_by_desc(survey_version::Column::Version)
        .one(db)
        .await?;
    let number = last.map_or(1, |v| v.version + 1);
    let version = survey_version::ActiveModel {
        survey_id: Set(survey_id),
        version: Set(number),
        published_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut question_ids = Vec::with_capacity(definition.questions.len());
    for (position, q) in definition.questions.iter().enumerate() {
        let row = question::ActiveModel {
            survey_version_id: Set(version.id),
            position: Set(i32::try_from(position).unwrap_or(i32::MAX)),
            code: Set(q.code.as_str().to_owned()),
            kind: Set(q.kind.code().to_owned()),
            required: Set(q.required),
            text: Set(to_json(&q.text)?),
            help: Set(q.help.as_ref().map(to_json).transpose()?),
            options: Set(to_json(&q.options)?),
            ..Default::default()
        }
        .insert(db)
        .await?;
        question_ids.push(row.id);
    }
    Ok(PublishedVersion {
        id: version.id,
        number,
        definition: definition.clone(),
        question_ids,
        published_at: now,
    })
}

fn question_from_row(row: &question::Model) -> DbResult<Question> {
    let corrupt = |what: &str| DbError::Corrupt(format!("question {}: {what}", row.id));
    Ok(Question {
        code: QuestionCode::parse(&row.code).map_err(|_| corrupt("code"))?,
        kind: QuestionKind::parse(&row.kind).ok_or_else(|| corrupt("kind"))?,
        required: row.required,
        text: translated(&row.text)?,
        help: row.help.as_ref().map(translated).transpose()?,
        options: serde_json::from_value::<Vec<ChoiceOption>>(row.options.clone())
            .map_err(|_| corrupt("options"))?,
    })
}

/// Reads a version with its questions.
pub async fn load_version<C: ConnectionTrait>(
    db: &C,
    version: &survey_version::Model,
) -> DbResult<PublishedVersion> {
    let rows = question::Entity::find()
        .filter(question::Column::SurveyVersionId.eq(version.id))
        .order_by_asc(question::Column::Position)
        .all(db)
        .await?;
    let questions = rows
        .iter()
        .map(question_from_row)
        .collect::<DbResult<_>>()?;
    Ok(PublishedVersion {
        id: version.id,
        number: version.version,
        definition: SurveyDefinition { questions },
        question_ids: rows.iter().map(|r| r.id).collect(),
        published_at: version.published_at,
    })
}

/// The latest published version of a survey, if any.
pub async fn latest_version<C: ConnectionTrait>(
    db: &C,
    survey_id: i32,
) -> DbResult<Option<PublishedVersion>> {
    let Some(v) = survey_version::Entity::find()
        .filter(survey_version::Column::SurveyId.eq(survey_id))
        .order_by_desc(survey_version::Column::Version)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(load_version(db, &v).await?))
}

/// The closed questions (every kind but free text) of the latest versions of an organisation's
/// surveys, the first of each code, surveys in the order they were created: the questions a
/// referent maps to the referential's engagements.
pub async fn closed_questions<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
) -> DbResult<Vec<Question>> {
    let surveys = survey::Entity::find()
        .filter(survey::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(survey::Column::Id)
        .all(db)
        .await?;
    let mut questions: Vec<Question> = Vec::new();
    for s in surveys {
        let Some(version) = latest_version(db, s.id).await? else {
            continue;
        };
        for q in version.definition.questions {
            if q.kind != QuestionKind::FreeText && !questions.iter().any(|k| k.code == q.code) {
                questions.push(q);
            }
        }
    }
    Ok(questions)
}

/// Opens or closes a survey.
pub async fn set_status<C: ConnectionTrait>(
    db: &C,
    survey_id: i32,
    status: SurveyStatus,
) -> DbResult<()> {
    let row = survey::Entity::find_by_id(survey_id)
        .one(db)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("survey {survey_id}")))?;
    let mut active: survey::ActiveModel = row.into();
    active.status = Set(status.code().to_owned());
    active.update(db).await?;
    Ok(())
}
