//! The survey builder: a survey's draft (the next version, edited question by question), its
//! publication as a new version, and closing or reopening the survey. A published version never
//! changes: answers stay linked to the version they answered. Every change is audited.

use crate::audit::{self, Actor};
use crate::entity::{survey, touchpoint};
use crate::survey::{create_survey, latest_version, publish_version, set_status};
use crate::{Db, DbError, DbResult, to_json, translated};
use chrono::{DateTime, Utc};
use domain::defaults::{default_options, default_questionnaire, free_text_notice};
use domain::{
    ChoiceOption, DefinitionError, Lang, Question, QuestionCode, QuestionKind, SurveyDefinition,
    SurveyStatus, TouchpointCode, Translated,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

/// Longest question or help text.
pub const TEXT_MAX_CHARS: usize = 500;

fn field(name: &str, fr: impl Into<String>, en: impl Into<String>) -> DbError {
    DbError::Field {
        field: name.to_owned(),
        fr: fr.into(),
        en: en.into(),
    }
}

/// A survey as the builder lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyItem {
    /// Code.
    pub code: String,
    /// Title.
    pub title: Translated,
    /// Open or closed.
    pub status: SurveyStatus,
    /// The latest published version's number.
    pub version: Option<i32>,
    /// The questions of the version online.
    pub online: Option<SurveyDefinition>,
    /// Whether unpublished changes wait.
    pub has_draft: bool,
    /// Touchpoints showing it.
    pub touchpoints: u64,
}

/// The organisation's surveys, by code.
pub async fn surveys(db: &Db, organisation_id: i32) -> DbResult<Vec<SurveyItem>> {
    // Touchpoints per survey in one grouped query.
    let touchpoints: std::collections::HashMap<i32, u64> = touchpoint::Entity::find()
        .select_only()
        .column(touchpoint::Column::SurveyId)
        .column_as(touchpoint::Column::Id.count(), "n")
        .filter(touchpoint::Column::OrganisationId.eq(organisation_id))
        .group_by(touchpoint::Column::SurveyId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, n)| (id, n.max(0) as u64))
        .collect();
    let mut out = Vec::new();
    for s in survey::Entity::find()
        .filter(survey::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(survey::Column::Code)
        .all(db)
        .await?
    {
        let online = latest_version(db, s.id).await?;
        out.push(SurveyItem {
            title: translated(&s.title)?,
            status: SurveyStatus::parse(&s.status),
            has_draft: s.draft.is_some(),
            version: online.as_ref().map(|v| v.number),
            online: online.map(|v| v.definition),
            touchpoints: touchpoints.get(&s.id).copied().unwrap_or(0),
            code: s.code,
        });
    }
    Ok(out)
}

async fn own_survey<C: sea_orm::ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    code: &str,
) -> DbResult<survey::Model> {
    survey::Entity::find()
        .filter(survey::Column::OrganisationId.eq(organisation_id))
        .filter(survey::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("survey {code}")))
}

/// Creates a survey; its draft starts from the default questionnaire of the domain brief.
pub async fn add_survey(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    code: &str,
    title_fr: &str,
    title_en: &str,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let code = code.trim();
    if TouchpointCode::parse(code).is_err() {
        return Err(field(
            "code",
            "Code : lettres minuscules, chiffres et tirets intérieurs.",
            "Code: lower-case letters, digits and inner hyphens.",
        ));
    }
    let title = titles(title_fr, title_en)?;
    let txn = db.begin().await?;
    let taken = survey::Entity::find()
        .filter(survey::Column::OrganisationId.eq(organisation_id))
        .filter(survey::Column::Code.eq(code))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(field(
            "code",
            format!("Code : le questionnaire {code} existe déjà."),
            format!("Code: the questionnaire {code} already exists."),
        ));
    }
    let id = create_survey(&txn, organisation_id, code, &title, now).await?;
    let row = survey::Entity::find_by_id(id)
        .one(&txn)
        .await?
        .ok_or_else(|| DbError::NotFound(format!("survey {code}")))?;
    let mut active: survey::ActiveModel = row.into();
    active.draft = Set(Some(to_json(&default_questionnaire())?.to_string()));
    active.update(&txn).await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "survey.create",
        &format!("survey {code}"),
        None,
        Some(json!({ "code": code, "title": { "fr": title.get(Lang::Fr), "en": title.get(Lang::En) } })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

fn titles(fr: &str, en: &str) -> DbResult<Translated> {
    let fr = fr.trim();
    let en = en.trim();
    if fr.is_empty() {
        return Err(field("title_fr", "Titre : à remplir.", "Title: required."));
    }
    for (text, name) in [(fr, "title_fr"), (en, "title_en")] {
        if text.chars().count() > 200 {
            return Err(field(
                name,
                "Titre : 200 caractères au plus.",
                "Title: at most 200 characters.",
            ));
        }
    }
    Ok(Translated::fr_en(fr, if en.is_empty() { fr } else { en }))
}

/// A survey in the builder: its facts, and the draft (or, without one, its latest version).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// Code.
    pub code: String,
    /// Title.
    pub title: Translated,
    /// Open or closed.
    pub status: SurveyStatus,
    /// The latest published version's number.
    pub version: Option<i32>,
    /// Whether the questions below differ from the latest version (unpublished changes).
    pub changed: bool,
    /// The questions being edited.
    pub definition: SurveyDefinition,
}

/// The survey `code` of the organisation, for the builder; `None` when unknown.
pub async fn draft(db: &Db, organisation_id: i32, code: &str) -> DbResult<Option<Draft>> {
    Ok(read_draft(db, organisation_id, code).await?.map(|(d, _)| d))
}

/// The draft and the row it was read from (to write it back only if nobody changed it since).
async fn read_draft<C: sea_orm::ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    code: &str,
) -> DbResult<Option<(Draft, survey::Model)>> {
    let row = match own_survey(db, organisation_id, code).await {
        Ok(r) => r,
        Err(DbError::NotFound(_)) => return Ok(None),
        Err(e) => return Err(e),
    };
    let latest = latest_version(db, row.id).await?;
    let definition = match (&row.draft, &latest) {
        (Some(raw), _) => serde_json::from_str(raw)
            .map_err(|e| DbError::Corrupt(format!("draft of {code}: {e}")))?,
        (None, Some(v)) => v.definition.clone(),
        (None, None) => SurveyDefinition::default(),
    };
    let changed = latest.as_ref().is_none_or(|v| v.definition != definition);
    Ok(Some((
        Draft {
            title: translated(&row.title)?,
            status: SurveyStatus::parse(&row.status),
            version: latest.map(|v| v.number),
            changed,
            definition,
            code: row.code.clone(),
        },
        row,
    )))
}

/// Writes a survey's draft only if it is still what was read (`read`): two people editing at
/// once never silently overwrite each other; the second is asked to reload.
async fn write_draft<C: sea_orm::ConnectionTrait>(
    db: &C,
    read: &survey::Model,
    new: Option<String>,
) -> DbResult<()> {
    let mut update = survey::Entity::update_many()
        .col_expr(survey::Column::Draft, sea_orm::sea_query::Expr::value(new))
        .filter(survey::Column::Id.eq(read.id));
    update = match &read.draft {
        Some(old) => update.filter(survey::Column::Draft.eq(old.as_str())),
        None => update.filter(survey::Column::Draft.is_null()),
    };
    if update.exec(db).await?.rows_affected == 1 {
        Ok(())
    } else {
        Err(field(
            "questions",
            "Le questionnaire a été modifié entre-temps par quelqu'un d'autre : rechargez la page et recommencez.",
            "The questionnaire was changed meanwhile by someone else: reload the page and try again.",
        ))
    }
}

/// What the question form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionForm {
    /// Code (the export's column).
    pub code: String,
    /// Kind code.
    pub kind: String,
    /// Whether an answer is required.
    pub required: bool,
    /// Text in French.
    pub text_fr: String,
    /// Text in English (French when empty).
    pub text_en: String,
    /// Help in French (optional).
    pub help_fr: String,
    /// Help in English (optional).
    pub help_en: String,
    /// One answer per line, `code | French label | English label`; empty for the kind's usual
    /// answers.
    pub options: String,
}

impl QuestionForm {
    /// The form of an existing question.
    pub fn of(q: &Question) -> QuestionForm {
        let help = if q.kind == QuestionKind::FreeText {
            None
        } else {
            q.help.as_ref()
        };
        QuestionForm {
            code: q.code.as_str().to_owned(),
            kind: q.kind.code().to_owned(),
            required: q.required,
            text_fr: q.text.get(Lang::Fr).to_owned(),
            text_en: q.text.get(Lang::En).to_owned(),
            help_fr: help.map(|h| h.get(Lang::Fr).to_owned()).unwrap_or_default(),
            help_en: help.map(|h| h.get(Lang::En).to_owned()).unwrap_or_default(),
            options: if q.kind == QuestionKind::FreeText {
                String::new()
            } else {
                q.options
                    .iter()
                    .map(|o| {
                        format!(
                            "{} | {} | {}",
                            o.code,
                            o.label.get(Lang::Fr),
                            o.label.get(Lang::En)
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            },
        }
    }

    /// The question, checked on its own (its place among the others is checked by the caller).
    pub fn to_question(&self) -> DbResult<Question> {
        let code = QuestionCode::parse(self.code.trim()).map_err(|_| {
            field(
                "code",
                "Code : lettres minuscules, chiffres et tirets bas intérieurs, 40 caractères au plus.",
                "Code: lower-case letters, digits and inner underscores, at most 40 characters.",
            )
        })?;
        let kind = QuestionKind::parse(self.kind.trim()).ok_or_else(|| {
            field(
                "kind",
                "Type : choisissez dans la liste.",
                "Type: choose one of the list.",
            )
        })?;
        let text = texts("text_fr", &self.text_fr, &self.text_en)?
            .ok_or_else(|| field("text_fr", "Question : à remplir.", "Question: required."))?;
        // Free text always carries the privacy notice.
        let help = if kind == QuestionKind::FreeText {
            Some(free_text_notice())
        } else {
            texts("help_fr", &self.help_fr, &self.help_en)?
        };
        let options = if kind == QuestionKind::FreeText {
            Vec::new()
        } else if self.options.trim().is_empty() {
            default_options(kind)
        } else {
            parse_options(&self.options)?
        };
        Ok(Question {
            code,
            kind,
            required: self.required,
            text,
            help,
            options,
        })
    }
}

fn texts(name: &str, fr: &str, en: &str) -> DbResult<Option<Translated>> {
    let (fr, en) = (fr.trim(), en.trim());
    for (text, field_name) in [(fr, name.to_owned()), (en, name.replace("_fr", "_en"))] {
        if text.chars().count() > TEXT_MAX_CHARS {
            return Err(field(
                &field_name,
                format!("{TEXT_MAX_CHARS} caractères au plus."),
                format!("At most {TEXT_MAX_CHARS} characters."),
            ));
        }
    }
    Ok((!fr.is_empty()).then(|| Translated::fr_en(fr, if en.is_empty() { fr } else { en })))
}

fn parse_options(raw: &str) -> DbResult<Vec<ChoiceOption>> {
    let mut options = Vec::new();
    for (i, line) in raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let (code, fr, en) = match parts.as_slice() {
            [code, fr] => (*code, *fr, *fr),
            [code, fr, en] => (*code, *fr, if en.is_empty() { *fr } else { *en }),
            _ => {
                return Err(field(
                    "options",
                    format!(
                        "Réponses, ligne {} : écrivez « code | libellé en français | libellé en anglais ».",
                        i + 1
                    ),
                    format!(
                        "Answers, line {}: write “code | French label | English label”.",
                        i + 1
                    ),
                ));
            }
        };
        if fr.is_empty() || fr.chars().count() > 200 || en.chars().count() > 200 {
            return Err(field(
                "options",
                format!(
                    "Réponses, ligne {} : un libellé de 1 à 200 caractères.",
                    i + 1
                ),
                format!("Answers, line {}: a label of 1 to 200 characters.", i + 1),
            ));
        }
        options.push(ChoiceOption {
            code: code.to_owned(),
            label: Translated::fr_en(fr, en),
        });
    }
    Ok(options)
}

/// The draft's problems as a field of the question form.
fn definition_problem(e: DefinitionError) -> DbError {
    match e {
        DefinitionError::Empty => field(
            "questions",
            "Un questionnaire a au moins une question.",
            "A questionnaire has at least one question.",
        ),
        DefinitionError::DuplicateCode(c) => field(
            "code",
            format!("Code : une autre question s'appelle déjà {c}."),
            format!("Code: another question is already called {c}."),
        ),
        DefinitionError::MissingFrench(c) => field(
            "text_fr",
            format!("Question {c} : le texte en français manque."),
            format!("Question {c}: the French text is missing."),
        ),
        DefinitionError::BadOptions(c) => field(
            "options",
            format!(
                "Réponses de {c} : les codes doivent être ceux du type (laissez vide pour les réponses habituelles), ou, pour un choix unique, au moins deux codes distincts."
            ),
            format!(
                "Answers of {c}: the codes must be those of the type (leave empty for the usual answers) or, for a single choice, at least two distinct codes."
            ),
        ),
    }
}

/// Checks a draft the way publication will, except that it may still be empty.
fn check(definition: &SurveyDefinition) -> DbResult<()> {
    match definition.validate() {
        Ok(()) | Err(DefinitionError::Empty) => Ok(()),
        Err(e) => Err(definition_problem(e)),
    }
}

/// A change to a draft's questions.
#[derive(Debug, Clone)]
pub enum Edit {
    /// Adds a question at the end.
    Add(QuestionForm),
    /// Replaces the question `code`.
    Replace(String, QuestionForm),
    /// Removes the question `code`.
    Remove(String),
    /// Moves the question `code` one place up (`true`) or down.
    Move(String, bool),
    /// Replaces every question at once (the API's way to write a whole draft).
    ReplaceAll(SurveyDefinition),
}

fn not_in_draft(code: &str) -> DbError {
    DbError::NotFound(format!("question {code}"))
}

/// Applies `edit` to the survey's draft (made from its latest version if it has none yet).
pub async fn edit_draft(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    survey_code: &str,
    edit: Edit,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let txn = db.begin().await?;
    let Some((current, read)) = read_draft(&txn, organisation_id, survey_code).await? else {
        return Err(DbError::NotFound(format!("survey {survey_code}")));
    };
    let mut questions = current.definition.questions.clone();
    let position = |qs: &[Question], code: &str| qs.iter().position(|q| q.code.as_str() == code);
    let (action, subject, before, after) = match &edit {
        Edit::Add(form) => {
            let q = form.to_question()?;
            let after = serde_json::to_value(&q).ok();
            questions.push(q);
            (
                "survey.question.add",
                form.code.trim().to_owned(),
                None,
                after,
            )
        }
        Edit::Replace(code, form) => {
            let i = position(&questions, code).ok_or_else(|| not_in_draft(code))?;
            let q = form.to_question()?;
            let before = serde_json::to_value(&questions[i]).ok();
            let after = serde_json::to_value(&q).ok();
            questions[i] = q;
            ("survey.question.update", code.clone(), before, after)
        }
        Edit::Remove(code) => {
            let i = position(&questions, code).ok_or_else(|| not_in_draft(code))?;
            let removed = questions.remove(i);
            (
                "survey.question.remove",
                code.clone(),
                serde_json::to_value(&removed).ok(),
                None,
            )
        }
        Edit::Move(code, up) => {
            let i = position(&questions, code).ok_or_else(|| not_in_draft(code))?;
            let j = if *up { i.checked_sub(1) } else { Some(i + 1) };
            if let Some(j) = j.filter(|j| *j < questions.len()) {
                questions.swap(i, j);
            }
            (
                "survey.question.move",
                code.clone(),
                Some(json!({ "position": i + 1 })),
                Some(json!({ "position": position(&questions, code).map_or(0, |p| p + 1) })),
            )
        }
        Edit::ReplaceAll(definition) => {
            let before = serde_json::to_value(&questions).ok();
            questions.clone_from(&definition.questions);
            (
                "survey.draft.replace",
                "*".to_owned(),
                before,
                serde_json::to_value(&questions).ok(),
            )
        }
    };
    let definition = SurveyDefinition { questions };
    check(&definition)?;
    write_draft(&txn, &read, Some(to_json(&definition)?.to_string())).await?;
    let subject = match edit {
        Edit::ReplaceAll(_) => format!("survey {survey_code}"),
        _ => format!("survey {survey_code}, question {subject}"),
    };
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        action,
        &subject,
        before,
        after,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Publishes the draft as the survey's next version; returns its number. Visitors see it at
/// once; answers already given stay on the version they answered.
pub async fn publish(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    survey_code: &str,
    now: DateTime<Utc>,
) -> DbResult<i32> {
    let txn = db.begin().await?;
    let Some((current, read)) = read_draft(&txn, organisation_id, survey_code).await? else {
        return Err(DbError::NotFound(format!("survey {survey_code}")));
    };
    if !current.changed {
        return Err(field(
            "publish",
            "Rien à publier : les questions sont celles de la version en ligne.",
            "Nothing to publish: the questions are those of the version online.",
        ));
    }
    current.definition.validate().map_err(definition_problem)?;
    // The draft is cleared first: a concurrent publication of the same draft fails here, before
    // it could write a second version.
    write_draft(&txn, &read, None).await?;
    let version = publish_version(&txn, read.id, &current.definition, now).await?;
    let codes: Vec<&str> = current
        .definition
        .questions
        .iter()
        .map(|q| q.code.as_str())
        .collect();
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "survey.publish",
        &format!("survey {survey_code}"),
        current.version.map(|v| json!({ "version": v })),
        Some(json!({ "version": version.number, "questions": codes })),
    )
    .await?;
    txn.commit().await?;
    Ok(version.number)
}

/// Closes (visitors are told it is closed) or reopens a survey.
pub async fn set_open(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    survey_code: &str,
    open: bool,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let txn = db.begin().await?;
    let row = own_survey(&txn, organisation_id, survey_code).await?;
    let status = if open {
        SurveyStatus::Open
    } else {
        SurveyStatus::Closed
    };
    let before = SurveyStatus::parse(&row.status);
    if before != status {
        set_status(&txn, row.id, status).await?;
        audit::record(
            &txn,
            now,
            Some(organisation_id),
            actor,
            if open {
                "survey.reopen"
            } else {
                "survey.close"
            },
            &format!("survey {survey_code}"),
            Some(json!({ "status": before.code() })),
            Some(json!({ "status": status.code() })),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(kind: &str, options: &str) -> QuestionForm {
        QuestionForm {
            code: "signage".into(),
            kind: kind.into(),
            required: true,
            text_fr: "La signalétique est-elle claire ?".into(),
            options: options.into(),
            ..QuestionForm::default()
        }
    }

    #[test]
    fn a_scale_takes_its_usual_answers_when_none_are_written() {
        let q = form("likert4", "").to_question().expect("valid");
        assert_eq!(q.options.len(), 4);
        assert_eq!(q.text.get(Lang::En), "La signalétique est-elle claire ?");
        assert!(check(&SurveyDefinition { questions: vec![q] }).is_ok());
    }

    #[test]
    fn written_answers_are_read_line_by_line() {
        let q = form(
            "single_choice",
            "sms | Par SMS | By text\nmail | Par courriel |\n\n",
        )
        .to_question()
        .expect("valid");
        let codes: Vec<&str> = q.options.iter().map(|o| o.code.as_str()).collect();
        assert_eq!(codes, ["sms", "mail"]);
        assert_eq!(q.options[1].label.get(Lang::En), "Par courriel");
        let bad = form("single_choice", "sms").to_question();
        assert!(matches!(bad, Err(DbError::Field { field, .. }) if field == "options"));
    }

    #[test]
    fn answers_that_do_not_fit_the_type_are_refused_with_the_field() {
        let q = form("likert4", "1 | Non\n2 | Oui")
            .to_question()
            .expect("parsed");
        let e = check(&SurveyDefinition { questions: vec![q] });
        assert!(matches!(e, Err(DbError::Field { field, .. }) if field == "options"));
    }

    #[test]
    fn free_text_always_carries_the_privacy_notice() {
        let mut f = form("free_text", "a | b");
        f.help_fr = "Dites tout".into();
        let q = f.to_question().expect("valid");
        assert_eq!(q.help, Some(free_text_notice()));
        assert!(q.options.is_empty());
    }
}
