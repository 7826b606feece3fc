//! The visitors' comments (their free-text answers): found by touchpoints, days, overall answer
//! and words, newest first and a page at a time, for the referent's erasure screen and for the
//! comments page of the results; the referent's marks on them (hidden from the committee, to
//! quote in its report), audited without the comment; and the comments to quote.
//!
//! No comment is read from a touchpoint-month with fewer respondents than the reader's
//! `hidden_below`: the same cells as the figures' (see [`crate::summary::small_touchpoint_months`]).

use crate::audit::{self, Actor};
use crate::checks::invalid;
use crate::entity::{comment_mark, response, touchpoint};
use crate::erasure::response_of;
use crate::retention::{free_text_codes, may_hold_free_text, question_codes};
use crate::store::{decode_answers, paris_day, paris_midnight};
use crate::summary::small_touchpoint_months;
use crate::{Db, DbResult, translated};
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use domain::{OverallAnswer, QuestionKind, Translated};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// Candidate responses read per round while filtering on what SQL does not see (words, overall
/// answer, marks, small groups).
const ROUND: u64 = 500;
/// Small touchpoint-months looked up per query (each one is a condition of the query).
const CELLS_PER_QUERY: usize = 100;

/// The referent's marks on a comment (none until they set one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mark {
    /// Not shown to the committee (personal data written despite the notice, insults).
    pub hidden: bool,
    /// To quote in the committee's report (never while hidden).
    pub quote: bool,
}

/// A response with a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    /// The response.
    pub id: i32,
    /// Its touchpoint's code.
    pub touchpoint: String,
    /// Its touchpoint's name.
    pub touchpoint_name: Translated,
    /// When it was given (to the hour, or the day through a one-time link).
    pub submitted_at: DateTime<Utc>,
    /// Its day (Europe/Paris).
    pub day: NaiveDate,
    /// Its comments: question code and text.
    pub texts: Texts,
    /// The visitor's answer to the overall question, if the survey has one and they gave it.
    pub overall: Option<OverallAnswer>,
    /// The referent's marks.
    pub mark: Mark,
}

impl CommentRow {
    /// The cursor of the page that follows this row.
    pub fn cursor(&self) -> Cursor {
        Cursor {
            at: self.submitted_at,
            id: self.id,
        }
    }
}

/// Where a page of comments stops: the time and id of its last response. Comments come newest
/// first (by time, then id: imported past answers have recent ids but old times).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    at: DateTime<Utc>,
    id: i32,
}

impl Cursor {
    /// As an address carries it: `MICROSECONDS_ID` (microseconds since 1970).
    pub fn code(&self) -> String {
        format!("{}_{}", self.at.timestamp_micros(), self.id)
    }

    /// Reads [`Cursor::code`].
    pub fn parse(raw: &str) -> Option<Cursor> {
        let (at, id) = raw.trim().split_once('_')?;
        Some(Cursor {
            at: DateTime::from_timestamp_micros(at.parse().ok()?)?,
            id: id.parse().ok().filter(|id| *id > 0)?,
        })
    }

    fn below(&self) -> Condition {
        Condition::any()
            .add(response::Column::SubmittedAt.lt(self.at))
            .add(
                Condition::all()
                    .add(response::Column::SubmittedAt.eq(self.at))
                    .add(response::Column::Id.lt(self.id)),
            )
    }
}

/// What to look for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentFilter {
    /// Only these touchpoints (of the organisation: others are ignored); all of them for `None`.
    pub touchpoints: Option<Vec<i32>>,
    /// Only these days, inclusive (Europe/Paris).
    pub days: Option<(NaiveDate, NaiveDate)>,
    /// Words the comment holds (case ignored).
    pub contains: Option<String>,
    /// Only the responses with this overall answer.
    pub overall: Option<OverallAnswer>,
    /// Leave out the hidden comments (the committee's reading).
    pub without_hidden: bool,
    /// Leave out the touchpoint-months with fewer respondents than this (0: leave out none).
    pub hidden_below: u64,
}

impl CommentFilter {
    /// The days to read, every day when none are given.
    fn day_range(&self) -> (NaiveDate, NaiveDate) {
        self.days.unwrap_or((
            NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or(NaiveDate::MIN),
            NaiveDate::from_ymd_opt(2100, 12, 31).unwrap_or(NaiveDate::MAX),
        ))
    }

    fn words(&self) -> Option<String> {
        self.contains
            .as_deref()
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
    }
}

/// The organisation's touchpoints (only `wanted` of them, when given): id -> code and name.
async fn touchpoints_of<C: ConnectionTrait>(
    db: &C,
    organisation_id: i32,
    wanted: Option<&[i32]>,
) -> DbResult<BTreeMap<i32, (String, Translated)>> {
    let mut q = touchpoint::Entity::find()
        .select_only()
        .column(touchpoint::Column::Id)
        .column(touchpoint::Column::Code)
        .column(touchpoint::Column::Name)
        .filter(touchpoint::Column::OrganisationId.eq(organisation_id));
    if let Some(ids) = wanted {
        q = q.filter(touchpoint::Column::Id.is_in(ids.iter().copied()));
    }
    q.into_tuple::<(i32, String, serde_json::Value)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, code, name)| Ok((id, (code, translated(&name)?))))
        .collect()
}

/// The marks of some responses (those without a mark are left out).
async fn marks_of<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> DbResult<BTreeMap<i32, Mark>> {
    Ok(comment_mark::Entity::find()
        .filter(comment_mark::Column::ResponseId.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            (
                m.response_id,
                Mark {
                    hidden: m.hidden,
                    quote: m.quote,
                },
            )
        })
        .collect())
}

/// The comments of a response: question code and text.
pub type Texts = Vec<(String, String)>;

/// What the comments are read with: the free-text and overall questions of every version.
struct Codes {
    free_text: BTreeMap<i32, BTreeSet<String>>,
    /// Version -> the code of its first three-level question.
    overall: BTreeMap<i32, String>,
}

impl Codes {
    async fn read<C: ConnectionTrait>(db: &C) -> DbResult<Codes> {
        Ok(Codes {
            free_text: free_text_codes(db).await?,
            overall: question_codes(db, QuestionKind::Jdma3)
                .await?
                .into_iter()
                .filter_map(|(version, codes)| Some((version, codes.into_iter().next()?)))
                .collect(),
        })
    }

    /// The comments of a stored response (empty when none holds a word), and its overall
    /// answer.
    fn read_answers(&self, version: i32, stored: &str) -> DbResult<(Texts, Option<OverallAnswer>)> {
        let Some(free_text) = self.free_text.get(&version) else {
            return Ok((Vec::new(), None));
        };
        let answers = decode_answers(stored)?;
        let overall = self
            .overall
            .get(&version)
            .and_then(|code| answers.get(code))
            .and_then(|a| OverallAnswer::parse(a));
        let texts = answers
            .into_iter()
            .filter(|(code, text)| free_text.contains(code) && !text.trim().is_empty())
            .collect();
        Ok((texts, overall))
    }
}

/// A stored response as the comments are read from it: id, touchpoint, version, time, answers.
type Stored = (i32, i32, i32, DateTime<Utc>, String);

/// The query of [`Stored`] responses.
fn stored_responses() -> sea_orm::Select<response::Entity> {
    response::Entity::find()
        .select_only()
        .column(response::Column::Id)
        .column(response::Column::TouchpointId)
        .column(response::Column::SurveyVersionId)
        .column(response::Column::SubmittedAt)
        .column(response::Column::Answers)
}

/// The first moment of the month `YYYY-MM`, and of the month after it.
fn month_bounds(month: &str) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    Some((first, first.checked_add_months(Months::new(1))?))
}

fn month_of_day(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
}

/// The small touchpoint-months of `touchpoints` over the whole months the days touch (a cell is
/// a whole month, whatever part of it is read).
async fn small_cells(
    db: &Db,
    touchpoints: &BTreeMap<i32, (String, Translated)>,
    (from, to): (NaiveDate, NaiveDate),
    hidden_below: u64,
) -> DbResult<BTreeSet<(i32, String)>> {
    if hidden_below == 0 {
        return Ok(BTreeSet::new());
    }
    let first = from.with_day(1).unwrap_or(from);
    let last = month_bounds(&month_of_day(to))
        .and_then(|(_, next)| next.pred_opt())
        .unwrap_or(to);
    let ids: Vec<i32> = touchpoints.keys().copied().collect();
    small_touchpoint_months(db, &ids, first, last, hidden_below).await
}

/// A row of response `id` of touchpoint `tp` given at `at`, without its marks yet.
fn comment_row(
    touchpoints: &BTreeMap<i32, (String, Translated)>,
    (id, tp, at): (i32, i32, DateTime<Utc>),
    texts: Texts,
    overall: Option<OverallAnswer>,
) -> CommentRow {
    let (code, name) = touchpoints.get(&tp).cloned().unwrap_or_default();
    CommentRow {
        id,
        touchpoint: code,
        touchpoint_name: name,
        submitted_at: at,
        day: paris_day(at),
        texts,
        overall,
        mark: Mark::default(),
    }
}

/// The responses of `organisation_id` that hold a comment and match `filter`, newest first,
/// after `after` (the previous page's [`CommentRow::cursor`]), at most `limit`.
pub async fn comments(
    db: &Db,
    organisation_id: i32,
    filter: &CommentFilter,
    after: Option<Cursor>,
    limit: usize,
) -> DbResult<Vec<CommentRow>> {
    let touchpoints = touchpoints_of(db, organisation_id, filter.touchpoints.as_deref()).await?;
    if touchpoints.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let codes = Codes::read(db).await?;
    let (from, to) = filter.day_range();
    let small = small_cells(db, &touchpoints, (from, to), filter.hidden_below).await?;
    let words = filter.words();
    let mut found = Vec::new();
    let mut cursor = after;
    loop {
        let mut q = stored_responses()
            .filter(response::Column::TouchpointId.is_in(touchpoints.keys().copied()))
            .filter(may_hold_free_text(&codes.free_text));
        if filter.days.is_some() {
            q = q
                .filter(response::Column::SubmittedAt.gte(paris_midnight(from)))
                .filter(
                    response::Column::SubmittedAt.lt(paris_midnight(to.succ_opt().unwrap_or(to))),
                );
        }
        if let Some(c) = &cursor {
            q = q.filter(c.below());
        }
        let rows = q
            .order_by_desc(response::Column::SubmittedAt)
            .order_by_desc(response::Column::Id)
            .limit(ROUND)
            .into_tuple::<Stored>()
            .all(db)
            .await?;
        let mut candidates = Vec::new();
        for (id, tp, version, at, stored) in &rows {
            let day = paris_day(*at);
            if small.contains(&(*tp, month_of_day(day))) {
                continue;
            }
            let (texts, overall) = codes.read_answers(*version, stored)?;
            let matches = words.as_ref().is_none_or(|w| {
                texts
                    .iter()
                    .any(|(_, text)| text.to_lowercase().contains(w.as_str()))
            });
            if texts.is_empty() || !matches || filter.overall.is_some_and(|o| overall != Some(o)) {
                continue;
            }
            candidates.push(comment_row(&touchpoints, (*id, *tp, *at), texts, overall));
        }
        let marks = marks_of(db, candidates.iter().map(|c| c.id)).await?;
        for mut row in candidates {
            row.mark = marks.get(&row.id).copied().unwrap_or_default();
            if filter.without_hidden && row.mark.hidden {
                continue;
            }
            found.push(row);
            if found.len() == limit {
                return Ok(found);
            }
        }
        match rows.last() {
            Some((id, _, _, at, _)) if rows.len() as u64 == ROUND => {
                cursor = Some(Cursor { at: *at, id: *id });
            }
            _ => return Ok(found),
        }
    }
}

/// The comments a reading leaves out because their touchpoint-month has too few respondents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Withheld {
    /// How many comments.
    pub comments: u64,
    /// The touchpoint-months they come from: touchpoint code and name, month `YYYY-MM`.
    pub cells: Vec<(String, Translated, String)>,
}

/// What [`comments`] leaves out of `filter`'s touchpoints and days because of
/// `filter.hidden_below`: hidden comments count only when `filter` shows them, and the words
/// and overall answer are not looked at (so the count says nothing of what a withheld comment
/// holds).
pub async fn withheld(db: &Db, organisation_id: i32, filter: &CommentFilter) -> DbResult<Withheld> {
    let touchpoints = touchpoints_of(db, organisation_id, filter.touchpoints.as_deref()).await?;
    if touchpoints.is_empty() || filter.hidden_below == 0 {
        return Ok(Withheld::default());
    }
    let (from, to) = filter.day_range();
    let small: Vec<(i32, String)> = small_cells(db, &touchpoints, (from, to), filter.hidden_below)
        .await?
        .into_iter()
        .collect();
    let codes = Codes::read(db).await?;
    let mut per_cell: BTreeMap<(i32, String), u64> = BTreeMap::new();
    for cells in small.chunks(CELLS_PER_QUERY) {
        let mut any = Condition::any();
        for (tp, month) in cells {
            let Some((start, end)) = month_bounds(month) else {
                continue;
            };
            let (start, end) = (start.max(from), end.min(to.succ_opt().unwrap_or(to)));
            any = any.add(
                Condition::all()
                    .add(response::Column::TouchpointId.eq(*tp))
                    .add(response::Column::SubmittedAt.gte(paris_midnight(start)))
                    .add(response::Column::SubmittedAt.lt(paris_midnight(end))),
            );
        }
        let rows = stored_responses()
            .filter(may_hold_free_text(&codes.free_text))
            .filter(any)
            .into_tuple::<Stored>()
            .all(db)
            .await?;
        let marks = marks_of(db, rows.iter().map(|r| r.0)).await?;
        for (id, tp, version, at, stored) in rows {
            let hidden = marks.get(&id).is_some_and(|m| m.hidden);
            if codes.read_answers(version, &stored)?.0.is_empty()
                || (filter.without_hidden && hidden)
            {
                continue;
            }
            *per_cell
                .entry((tp, month_of_day(paris_day(at))))
                .or_default() += 1;
        }
    }
    Ok(Withheld {
        comments: per_cell.values().sum(),
        cells: per_cell
            .into_keys()
            .map(|(tp, month)| {
                let (code, name) = touchpoints.get(&tp).cloned().unwrap_or_default();
                (code, name, month)
            })
            .collect(),
    })
}

/// A change the referent makes to a comment's marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkChange {
    /// Hide it from the committee (it stops being one to quote).
    Hide,
    /// Show it again.
    Show,
    /// Mark it as one to quote in the committee's report.
    Quote,
    /// No longer one to quote.
    Unquote,
}

impl MarkChange {
    /// The audit log's action.
    fn action(self) -> &'static str {
        match self {
            MarkChange::Hide => "comment.hide",
            MarkChange::Show => "comment.show",
            MarkChange::Quote => "comment.quote",
            MarkChange::Unquote => "comment.unquote",
        }
    }
}

fn mark_json(mark: Mark) -> serde_json::Value {
    json!({ "hidden": mark.hidden, "quote": mark.quote })
}

/// Changes the marks of the comment of response `id` of `organisation_id`, as the account
/// `account_id` (`actor` in the audit log, which never copies the comment); the marks after.
/// Setting a mark that is already set changes nothing and writes nothing.
pub async fn set_mark(
    db: &Db,
    actor: &Actor,
    account_id: i32,
    organisation_id: i32,
    id: i32,
    change: MarkChange,
    now: DateTime<Utc>,
) -> DbResult<Mark> {
    let txn = db.begin().await?;
    let (row, touchpoint) = response_of(&txn, organisation_id, id).await?;
    if Codes::read(&txn)
        .await?
        .read_answers(row.survey_version_id, &row.answers)?
        .0
        .is_empty()
    {
        return Err(invalid(
            "mark",
            "Cette réponse n'a pas de commentaire.",
            "This response has no comment.",
        ));
    }
    let before = marks_of(&txn, [id]).await?.remove(&id).unwrap_or_default();
    let after = match change {
        MarkChange::Hide => Mark {
            hidden: true,
            quote: false,
        },
        MarkChange::Show => Mark {
            hidden: false,
            ..before
        },
        MarkChange::Quote if before.hidden => {
            return Err(invalid(
                "mark",
                "Un commentaire masqué ne peut pas être cité : affichez-le d'abord.",
                "A hidden comment cannot be quoted: show it first.",
            ));
        }
        MarkChange::Quote => Mark {
            quote: true,
            ..before
        },
        MarkChange::Unquote => Mark {
            quote: false,
            ..before
        },
    };
    if after == before {
        return Ok(after);
    }
    comment_mark::Entity::insert(comment_mark::ActiveModel {
        response_id: Set(id),
        hidden: Set(after.hidden),
        quote: Set(after.quote),
        updated_at: Set(now),
        updated_by: Set(Some(account_id)),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(comment_mark::Column::ResponseId)
            .update_columns([
                comment_mark::Column::Hidden,
                comment_mark::Column::Quote,
                comment_mark::Column::UpdatedAt,
                comment_mark::Column::UpdatedBy,
            ])
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    let mut logged = mark_json(after);
    logged["touchpoint"] = json!(touchpoint);
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        change.action(),
        &format!("response {id}"),
        Some(mark_json(before)),
        Some(logged),
    )
    .await?;
    txn.commit().await?;
    Ok(after)
}

/// The comments of `organisation_id`'s touchpoints `touchpoint_ids` given between two
/// Europe/Paris days, inclusive, that the referent marked to quote (and did not hide), newest
/// first: the committee's report quotes them.
pub async fn quotes(
    db: &Db,
    organisation_id: i32,
    touchpoint_ids: &[i32],
    from: NaiveDate,
    to: NaiveDate,
) -> DbResult<Vec<CommentRow>> {
    let touchpoints = touchpoints_of(db, organisation_id, Some(touchpoint_ids)).await?;
    let codes = Codes::read(db).await?;
    let rows = stored_responses()
        .join(
            JoinType::InnerJoin,
            comment_mark::Relation::Response.def().rev(),
        )
        .filter(comment_mark::Column::Quote.eq(true))
        .filter(comment_mark::Column::Hidden.eq(false))
        .filter(response::Column::TouchpointId.is_in(touchpoints.keys().copied()))
        .filter(response::Column::SubmittedAt.gte(paris_midnight(from)))
        .filter(response::Column::SubmittedAt.lt(paris_midnight(to.succ_opt().unwrap_or(to))))
        .order_by_desc(response::Column::SubmittedAt)
        .order_by_desc(response::Column::Id)
        .into_tuple::<Stored>()
        .all(db)
        .await?;
    let mut quoted = Vec::new();
    for (id, tp, version, at, stored) in rows {
        let (texts, overall) = codes.read_answers(version, &stored)?;
        if texts.is_empty() {
            continue;
        }
        let mut row = comment_row(&touchpoints, (id, tp, at), texts, overall);
        row.mark.quote = true;
        quoted.push(row);
    }
    Ok(quoted)
}
