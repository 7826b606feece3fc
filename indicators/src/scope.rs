//! A scope's figures (a survey, a site, a service or a touchpoint) over a period and,
//! optionally, against an earlier one: the counts read from the database (GROUP BY there), then
//! the survey's indicators and the footfall weighting.

use crate::period::Period;
use crate::survey::{QuestionSummary, Settings, summarise};
use crate::weighting::{Weighting, weighting};
use domain::Question;

/// A scope's figures over a period and, optionally, against an earlier one.
#[derive(Debug, Clone)]
pub struct ScopeSummary {
    /// Respondents in the period.
    pub respondents: i64,
    /// The months (`YYYY-MM`) of the period of which some answers are left out of the figures:
    /// a month, origin and question with fewer than `HIDDEN_BELOW` answers is never counted, so
    /// that no small group can be read by differencing two periods.
    pub left_out: Vec<String>,
    /// Respondents in the earlier period, when there is one.
    pub earlier_respondents: Option<i64>,
    /// Of all respondents in the period (whatever the source counted), those who came through a
    /// one-time link after an appointment.
    pub invited_respondents: i64,
    /// The questions of the scope's surveys (latest versions), in order.
    pub questions: Vec<Question>,
    /// The closed questions' figures.
    pub summaries: Vec<QuestionSummary>,
    /// The shares weighted by each service's footfall, when the scope spans several services.
    pub weighting: Weighting,
}

/// Reads the counts of `scope` (GROUP BY in the database) and computes its figures; `None` when
/// the scope's code is unknown in `organisation` (the whole instance for `None`).
pub async fn summarise_scope(
    db: &db::Db,
    scope: &db::summary::Scope,
    current: Period,
    earlier: Option<Period>,
    settings: &Settings,
    organisation: Option<i32>,
) -> db::DbResult<Option<ScopeSummary>> {
    let Some((touchpoints, questions)) =
        db::summary::resolve_scope(db, scope, organisation).await?
    else {
        return Ok(None);
    };
    summarise_touchpoints(db, &touchpoints, questions, current, earlier, settings)
        .await
        .map(Some)
}

/// The figures of a set of touchpoints (a scope, or a group of a scope's touchpoints: a
/// service, a counter, a channel) for the questions given.
pub async fn summarise_touchpoints(
    db: &db::Db,
    touchpoints: &[i32],
    questions: Vec<Question>,
    current: Period,
    earlier: Option<Period>,
    settings: &Settings,
) -> db::DbResult<ScopeSummary> {
    let (source, hidden) = (settings.source, settings.fragility.suppression_min);
    let counts =
        |p: Period| db::summary::period_counts(db, touchpoints, p.from, p.to, source, hidden);
    let now = counts(current).await?;
    let before = match earlier {
        Some(p) => Some(counts(p).await?),
        None => None,
    };
    let invited_respondents = db::summary::respondents(
        db,
        touchpoints,
        current.from,
        current.to,
        db::summary::Source::Invited,
        hidden,
    )
    .await?;
    let summaries = summarise(&questions, &now, before.as_ref(), settings);
    let weighting = weighting(db, touchpoints, &questions, current, settings).await?;
    Ok(ScopeSummary {
        respondents: now.respondents,
        left_out: now.left_out.iter().cloned().collect(),
        earlier_respondents: before.map(|b| b.respondents),
        invited_respondents,
        questions,
        summaries,
        weighting,
    })
}

/// One month of a trend: its figures, made of the same month cells as a summary.
#[derive(Debug, Clone)]
pub struct MonthSummary {
    /// The month.
    pub period: Period,
    /// Respondents counted.
    pub respondents: i64,
    /// Whether some of its answers were left out (cells under `HIDDEN_BELOW`).
    pub left_out: bool,
    /// The closed questions' figures (no comparison).
    pub summaries: Vec<QuestionSummary>,
}

/// The figures of `scope` month by month over `months` (whole months), from one query; the
/// questions first. `None` when the scope's code is unknown in `organisation`.
pub async fn summarise_months(
    db: &db::Db,
    scope: &db::summary::Scope,
    months: Period,
    settings: &Settings,
    organisation: Option<i32>,
) -> db::DbResult<Option<(Vec<Question>, Vec<MonthSummary>)>> {
    let Some((touchpoints, questions)) =
        db::summary::resolve_scope(db, scope, organisation).await?
    else {
        return Ok(None);
    };
    let counts = db::summary::monthly_counts(
        db,
        &touchpoints,
        months.from,
        months.to,
        settings.source,
        settings.fragility.suppression_min,
    )
    .await?;
    let empty = db::summary::PeriodCounts::default();
    let mut out = Vec::new();
    let mut start = months.from;
    while start <= months.to {
        let next = start
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(months.to);
        let period = Period {
            from: start,
            to: next.pred_opt().unwrap_or(next).min(months.to),
        };
        let month = counts
            .get(&start.format("%Y-%m").to_string())
            .unwrap_or(&empty);
        out.push(MonthSummary {
            period,
            respondents: month.respondents,
            left_out: !month.left_out.is_empty(),
            summaries: summarise(&questions, month, None, settings),
        });
        if next <= start {
            break;
        }
        start = next;
    }
    Ok(Some((questions, out)))
}

/// The figures of parts of a set of touchpoints over one period, no comparison: groups of them
/// (services, counters, channels) or one origin, from a single read of their cells, each part
/// with the rule of small groups applied to it as a scope of its own.
pub async fn summarise_parts(
    db: &db::Db,
    touchpoints: &[i32],
    questions: &[Question],
    current: Period,
    parts: &[db::summary::Part<'_>],
    settings: &Settings,
) -> db::DbResult<Vec<Vec<QuestionSummary>>> {
    let cells = db::summary::Cells::read(db, touchpoints, current.from, current.to).await?;
    Ok(parts
        .iter()
        .map(|part| {
            let counts = cells.total(*part, settings.fragility.suppression_min);
            summarise(questions, &counts, None, settings)
        })
        .collect())
}
