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
use std::collections::{BTreeMap, BTreeSet};

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
    /// The months (`YYYY-MM`) of which some answers were left out, because they were too few to
    /// be shown without singling someone out.
    pub left_out: BTreeSet<String>,
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

    /// The cells it takes, of every touchpoint read.
    pub fn part(self) -> Part<'static> {
        Part {
            touchpoints: None,
            invited: self.verified(),
        }
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

/// The counts of some touchpoints over a period, by touchpoint, month and origin, read with one
/// GROUP BY each for the answers and the respondents: what every summary of these touchpoints,
/// or of any group of them, any origin and any month, is made of. The rule of small groups is
/// applied when they are summed ([`Cells::monthly`]), to the group asked.
#[derive(Debug, Clone, Default)]
pub struct Cells {
    /// (touchpoint, month, invited, question code, answer code, count).
    answers: Vec<(i32, String, bool, String, String, i64)>,
    /// (touchpoint, month, invited, respondents).
    respondents: Vec<(i32, String, bool, i64)>,
}

/// Which of the cells a sum takes: some touchpoints (all for `None`) and one origin (both for
/// `None`).
#[derive(Debug, Clone, Copy, Default)]
pub struct Part<'a> {
    /// The touchpoints of the group.
    pub touchpoints: Option<&'a [i32]>,
    /// Invited (`Some(true)`), open (`Some(false)`) or both.
    pub invited: Option<bool>,
}

impl Part<'_> {
    fn takes(&self, touchpoint: i32, invited: bool) -> bool {
        self.touchpoints.is_none_or(|t| t.contains(&touchpoint))
            && self.invited.is_none_or(|v| v == invited)
    }
}

impl Cells {
    /// Reads the cells of `touchpoint_ids` between two Europe/Paris days, inclusive.
    pub async fn read(
        db: &Db,
        touchpoint_ids: &[i32],
        from: NaiveDate,
        to: NaiveDate,
    ) -> DbResult<Cells> {
        let month = month_of(db, "answer_count");
        let answers = answer_count::Entity::find()
            .select_only()
            .column(answer_count::Column::TouchpointId)
            .column_as(Expr::cust(month.clone()), "month")
            .column(answer_count::Column::Verified)
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
            .group_by(answer_count::Column::TouchpointId)
            .group_by(Expr::cust(month))
            .group_by(answer_count::Column::Verified)
            .group_by(question::Column::Code)
            .group_by(answer_count::Column::Choice)
            .into_tuple::<(i32, String, bool, String, String, i64)>()
            .all(db)
            .await?;
        let respondents = respondent_rows(db, touchpoint_ids, from, to).await?;
        Ok(Cells {
            answers,
            respondents,
        })
    }

    /// The counts of `part`, month by month (`YYYY-MM`; a month with no answer is absent), made
    /// of month cells: the counts of one calendar month, of one origin (invited or open) and of
    /// one question (or the respondents), over the part's touchpoints. A cell holding fewer than
    /// `hidden_below` answers is left out whole and its month named in `left_out`, so that two
    /// summaries of one group never differ by a group smaller than `hidden_below`: whatever
    /// periods are asked, every figure is a sum of cells of at least `hidden_below` answers.
    pub fn monthly(&self, part: Part<'_>, hidden_below: u64) -> BTreeMap<String, PeriodCounts> {
        // (month, origin, question) -> answer -> count
        let mut cells: BTreeMap<(&str, bool, &str), BTreeMap<&str, i64>> = BTreeMap::new();
        for (tp, month, invited, code, choice, n) in &self.answers {
            if part.takes(*tp, *invited) {
                *cells
                    .entry((month, *invited, code))
                    .or_default()
                    .entry(choice)
                    .or_default() += n;
            }
        }
        let mut people: BTreeMap<(&str, bool), i64> = BTreeMap::new();
        for (tp, month, invited, n) in &self.respondents {
            if part.takes(*tp, *invited) {
                *people.entry((month, *invited)).or_default() += n;
            }
        }
        let mut months: BTreeMap<String, PeriodCounts> = BTreeMap::new();
        for ((month, _), n) in people {
            let counts = months.entry(month.to_owned()).or_default();
            if too_small(n, hidden_below) {
                counts.left_out.insert(month.to_owned());
            } else {
                counts.respondents += n;
            }
        }
        for ((month, _, code), answers) in cells {
            let period = months.entry(month.to_owned()).or_default();
            if too_small(answers.values().sum(), hidden_below) {
                period.left_out.insert(month.to_owned());
                continue;
            }
            period.add(code, answers.into_iter());
        }
        months
    }

    /// The counts of `part` over the whole period: the sum of its month cells.
    pub fn total(&self, part: Part<'_>, hidden_below: u64) -> PeriodCounts {
        let mut total = PeriodCounts::default();
        for month in self.monthly(part, hidden_below).into_values() {
            total.respondents += month.respondents;
            total.left_out.extend(month.left_out);
            for (code, q) in &month.questions {
                total.add(code, q.counts.iter().map(|(c, n)| (c.as_str(), *n)));
            }
        }
        total
    }
}

impl PeriodCounts {
    /// Adds answers of question `code`.
    fn add<'a>(&mut self, code: &str, answers: impl Iterator<Item = (&'a str, i64)>) {
        let question = self
            .questions
            .entry(code.to_owned())
            .or_insert_with(|| QuestionCounts {
                code: code.to_owned(),
                counts: BTreeMap::new(),
            });
        for (choice, n) in answers {
            *question.counts.entry(choice.to_owned()).or_default() += n;
        }
    }
}

/// The counts of the touchpoints `touchpoint_ids` between two Europe/Paris days, inclusive, of
/// the responses of `source`, with the rule of small groups ([`Cells::monthly`]) over all of
/// them. Periods should be whole months (the callers check it); a partial month is a cell of
/// its own.
pub async fn period_counts(
    db: &Db,
    touchpoint_ids: &[i32],
    from: NaiveDate,
    to: NaiveDate,
    source: Source,
    hidden_below: u64,
) -> DbResult<PeriodCounts> {
    Ok(Cells::read(db, touchpoint_ids, from, to)
        .await?
        .total(source.part(), hidden_below))
}

/// The same counts as [`period_counts`], month by month (`YYYY-MM`): the trend of a year is
/// twelve sums of the very cells a yearly summary adds up.
pub async fn monthly_counts(
    db: &Db,
    touchpoint_ids: &[i32],
    from: NaiveDate,
    to: NaiveDate,
    source: Source,
    hidden_below: u64,
) -> DbResult<BTreeMap<String, PeriodCounts>> {
    Ok(Cells::read(db, touchpoint_ids, from, to)
        .await?
        .monthly(source.part(), hidden_below))
}

/// Whether a cell of `n` answers is too small to be counted.
fn too_small(n: i64, hidden_below: u64) -> bool {
    n > 0 && (n as u64) < hidden_below
}

/// The calendar month (`YYYY-MM`) of the `day` column of `table`, in the engine's SQL.
fn month_of(db: &Db, table: &str) -> String {
    match crate::backend(db) {
        sea_orm::DbBackend::Postgres => format!("to_char({table}.day, 'YYYY-MM')"),
        _ => format!("substr({table}.day, 1, 7)"),
    }
}

/// Respondents of the touchpoints `touchpoint_ids` between two Europe/Paris days, inclusive, of
/// the responses of `source`, counted by month cells like [`period_counts`]: a month and origin
/// with fewer than `hidden_below` respondents is left out (0 counts everything).
pub async fn respondents(
    db: &Db,
    touchpoint_ids: &[i32],
    from: NaiveDate,
    to: NaiveDate,
    source: Source,
    hidden_below: u64,
) -> DbResult<i64> {
    let cells = Cells {
        answers: Vec::new(),
        respondents: respondent_rows(db, touchpoint_ids, from, to).await?,
    };
    Ok(cells.total(source.part(), hidden_below).respondents)
}

/// Respondents by touchpoint, month and origin.
async fn respondent_rows(
    db: &Db,
    touchpoint_ids: &[i32],
    from: NaiveDate,
    to: NaiveDate,
) -> DbResult<Vec<(i32, String, bool, i64)>> {
    let month = month_of(db, "response_count");
    response_count::Entity::find()
        .select_only()
        .column(response_count::Column::TouchpointId)
        .column_as(Expr::cust(month.clone()), "month")
        .column(response_count::Column::Verified)
        .column_as(Expr::cust("CAST(SUM(response_count.count) AS BIGINT)"), "n")
        .filter(response_count::Column::TouchpointId.is_in(touchpoint_ids.to_vec()))
        .filter(response_count::Column::Day.between(from, to))
        .group_by(response_count::Column::TouchpointId)
        .group_by(Expr::cust(month))
        .group_by(response_count::Column::Verified)
        .into_tuple::<(i32, String, bool, i64)>()
        .all(db)
        .await
        .map_err(Into::into)
}

/// The touchpoint-months (touchpoint id, `YYYY-MM`) of the touchpoints `touchpoint_ids` between
/// two Europe/Paris days, inclusive, that hold some respondents but fewer than `hidden_below`
/// (invited and open together): the groups too small for a single answer to be shown (a
/// comment, say) without singling someone out.
pub async fn small_touchpoint_months(
    db: &Db,
    touchpoint_ids: &[i32],
    from: NaiveDate,
    to: NaiveDate,
    hidden_below: u64,
) -> DbResult<BTreeSet<(i32, String)>> {
    let mut cells: BTreeMap<(i32, String), i64> = BTreeMap::new();
    for (tp, month, _, n) in respondent_rows(db, touchpoint_ids, from, to).await? {
        *cells.entry((tp, month)).or_default() += n;
    }
    Ok(cells
        .into_iter()
        .filter(|(_, n)| too_small(*n, hidden_below))
        .map(|(cell, _)| cell)
        .collect())
}

/// The same counts taken from the stored responses (every row, read in Rust), to check the
/// daily counts against.
pub async fn raw_answer_counts(db: &Db) -> DbResult<BTreeMap<(String, String), i64>> {
    let free_text = crate::retention::free_text_codes(db).await?;
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
            if !free_text
                .get(&version)
                .is_some_and(|codes| codes.contains(&code))
            {
                *counts.entry((code, value)).or_default() += 1;
            }
        }
    }
    Ok(counts)
}

/// A touchpoint as the dashboard groups them: by service, by counter, by channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TouchpointInfo {
    /// Its id.
    pub id: i32,
    /// Its code.
    pub code: String,
    /// Its name in the language asked for.
    pub name: String,
    /// Its service's code.
    pub service_code: String,
    /// Its service's name.
    pub service_name: String,
    /// Its channel's code (`counter`, `pan`, `phone`, `email`, `web`).
    pub channel: String,
}

/// The touchpoints `ids`, in code order, with their service and channel.
pub async fn touchpoint_info(
    db: &Db,
    ids: &[i32],
    lang: domain::Lang,
) -> DbResult<Vec<TouchpointInfo>> {
    use crate::entity::{service, touchpoint};
    let touchpoints = touchpoint::Entity::find()
        .filter(touchpoint::Column::Id.is_in(ids.to_vec()))
        .order_by_asc(touchpoint::Column::Code)
        .all(db)
        .await?;
    let service_ids: BTreeSet<i32> = touchpoints.iter().map(|t| t.service_id).collect();
    let services: BTreeMap<i32, service::Model> = service::Entity::find()
        .filter(service::Column::Id.is_in(service_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s))
        .collect();
    touchpoints
        .into_iter()
        .map(|t| {
            let service = services.get(&t.service_id);
            Ok(TouchpointInfo {
                id: t.id,
                name: crate::translated(&t.name)?.get(lang).to_owned(),
                code: t.code,
                service_code: service.map(|s| s.code.clone()).unwrap_or_default(),
                service_name: match service {
                    Some(s) => crate::translated(&s.name)?.get(lang).to_owned(),
                    None => String::new(),
                },
                channel: t.channel,
            })
        })
        .collect()
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
