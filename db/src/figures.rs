//! Figures that come from other systems, entered by the referent per month or quarter: footfall
//! per service (what the weighting of survey results needs), the telephony's pickup rate,
//! e-mails answered within 5 days, complaints received, delivery delays of titles. Entering a
//! figure again for the same period replaces it; both states go to the audit log.

use crate::audit::{self, Actor};
use crate::entity::{period_figure, service};
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use serde_json::json;

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FigureKind {
    /// Visitors received by a service (a count).
    Footfall,
    /// Share of calls picked up, in percent.
    CallPickupRate,
    /// Share of e-mails answered within 5 working days, in percent.
    EmailsWithin5Days,
    /// Complaints received (a count).
    Complaints,
    /// Complaints answered (a count).
    ComplaintsAnswered,
    /// Mean delivery delay of ID cards and passports, in days.
    DelayIdCards,
    /// Mean delivery delay of driving licences, in days.
    DelayDrivingLicences,
    /// Mean delivery delay of vehicle registrations, in days.
    DelayVehicleRegistrations,
}

impl FigureKind {
    /// Every kind, in the order of the screen.
    pub const ALL: [FigureKind; 8] = [
        FigureKind::Footfall,
        FigureKind::CallPickupRate,
        FigureKind::EmailsWithin5Days,
        FigureKind::Complaints,
        FigureKind::ComplaintsAnswered,
        FigureKind::DelayIdCards,
        FigureKind::DelayDrivingLicences,
        FigureKind::DelayVehicleRegistrations,
    ];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            FigureKind::Footfall => "footfall",
            FigureKind::CallPickupRate => "call_pickup_rate",
            FigureKind::EmailsWithin5Days => "emails_within_5_days",
            FigureKind::Complaints => "complaints",
            FigureKind::ComplaintsAnswered => "complaints_answered",
            FigureKind::DelayIdCards => "delay_id_cards",
            FigureKind::DelayDrivingLicences => "delay_driving_licences",
            FigureKind::DelayVehicleRegistrations => "delay_vehicle_registrations",
        }
    }

    /// Reads a stored code.
    pub fn parse(raw: &str) -> Option<FigureKind> {
        FigureKind::ALL.into_iter().find(|k| k.code() == raw)
    }

    /// Whether the value is a percentage (0 to 100).
    pub fn is_percent(self) -> bool {
        matches!(
            self,
            FigureKind::CallPickupRate | FigureKind::EmailsWithin5Days
        )
    }

    /// Whether the value is a whole count.
    pub fn is_count(self) -> bool {
        matches!(
            self,
            FigureKind::Footfall | FigureKind::Complaints | FigureKind::ComplaintsAnswered
        )
    }

    /// Whether the value is a number of days.
    pub fn is_days(self) -> bool {
        matches!(
            self,
            FigureKind::DelayIdCards
                | FigureKind::DelayDrivingLicences
                | FigureKind::DelayVehicleRegistrations
        )
    }

    /// Whether the figure belongs to a service (footfall) rather than to the whole
    /// organisation.
    pub fn per_service(self) -> bool {
        matches!(self, FigureKind::Footfall)
    }
}

/// The longest source a figure may name.
pub const SOURCE_MAX: usize = 200;

/// A month (`2026-03`) or a quarter (`2026-T1`, or `2026-Q1`), as first and last day.
pub fn parse_period(raw: &str) -> Option<(NaiveDate, NaiveDate)> {
    let raw = raw.trim();
    let (year, rest) = raw.split_once('-')?;
    let year: i32 = year.parse().ok().filter(|y| (2000..=2100).contains(y))?;
    let (first_month, months) = match rest.strip_prefix(['T', 'Q', 't', 'q']) {
        Some(q) => {
            let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            ((q - 1) * 3 + 1, 3)
        }
        None => {
            let m: u32 = rest.parse().ok().filter(|m| (1..=12).contains(m))?;
            (m, 1)
        }
    };
    let start = NaiveDate::from_ymd_opt(year, first_month, 1)?;
    let end = start
        .checked_add_months(chrono::Months::new(months))?
        .pred_opt()?;
    Some((start, end))
}

/// How a period is written back: `2026-03` or `2026-T1`.
pub fn period_label(start: NaiveDate, end: NaiveDate) -> String {
    if start.month() == end.month() {
        format!("{}-{:02}", start.year(), start.month())
    } else {
        format!("{}-T{}", start.year(), start.month0() / 3 + 1)
    }
}

/// A figure as listed.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureRow {
    /// What it measures.
    pub kind: FigureKind,
    /// The service's code; `None` for the whole organisation.
    pub service: Option<String>,
    /// `2026-03` or `2026-T1`.
    pub period: String,
    /// The value.
    pub value: f64,
    /// Who entered it last.
    pub entered_by: String,
    /// Where it comes from, when the referent said.
    pub source: Option<String>,
}

/// The organisation's figures, latest period first.
pub async fn figures(db: &Db, organisation_id: i32) -> DbResult<Vec<FigureRow>> {
    let services: Vec<(i32, String)> = service::Entity::find()
        .filter(service::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.id, s.code))
        .collect();
    let rows = period_figure::Entity::find()
        .filter(period_figure::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(period_figure::Column::PeriodStart)
        .order_by_asc(period_figure::Column::Kind)
        .order_by_asc(period_figure::Column::ServiceId)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(FigureRow {
                kind: FigureKind::parse(&r.kind)?,
                service: services
                    .iter()
                    .find(|(id, _)| *id == r.service_id)
                    .map(|(_, c)| c.clone()),
                period: period_label(r.period_start, r.period_end),
                value: r.value,
                entered_by: r.entered_by,
                source: r.source,
            })
        })
        .collect())
}

/// What the figure form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FigureForm {
    /// Kind code.
    pub kind: String,
    /// Service code (empty for the whole organisation).
    pub service: String,
    /// `2026-03` or `2026-T1`.
    pub period: String,
    /// The value, with a decimal point or comma.
    pub value: String,
    /// Where it comes from (optional): "statistiques du standard", "tableau de bord ANTS".
    pub source: String,
}

fn field(name: &str, fr: impl Into<String>, en: impl Into<String>) -> DbError {
    DbError::Field {
        field: name.to_owned(),
        fr: fr.into(),
        en: en.into(),
    }
}

/// A figure's state in the audit log: its value, and its source when it names one.
fn audited(value: f64, source: Option<&str>) -> serde_json::Value {
    match source {
        Some(s) => json!({ "value": value, "source": s }),
        None => json!({ "value": value }),
    }
}

/// Enters (or replaces) a figure of the organisation.
pub async fn set_figure(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    form: &FigureForm,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let kind = FigureKind::parse(form.kind.trim()).ok_or_else(|| {
        field(
            "kind",
            "Indicateur : choisissez dans la liste.",
            "Figure: choose one of the list.",
        )
    })?;
    let (start, end) = parse_period(&form.period).ok_or_else(|| {
        field(
            "period",
            "Période : un mois (2026-03) ou un trimestre (2026-T1).",
            "Period: a month (2026-03) or a quarter (2026-T1).",
        )
    })?;
    let value: f64 = form
        .value
        .trim()
        .replace(',', ".")
        .replace([' ', '\u{202f}', '\u{a0}'], "")
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite() && *v >= 0.0 && *v <= 1e9)
        .ok_or_else(|| {
            field(
                "value",
                "Valeur : un nombre positif.",
                "Value: a positive number.",
            )
        })?;
    if kind.is_percent() && value > 100.0 {
        return Err(field(
            "value",
            "Valeur : un pourcentage, de 0 à 100.",
            "Value: a percentage, from 0 to 100.",
        ));
    }
    if kind.is_count() && value.fract() != 0.0 {
        return Err(field(
            "value",
            "Valeur : un nombre entier.",
            "Value: a whole number.",
        ));
    }
    let source = form.source.trim();
    if source.chars().count() > SOURCE_MAX || source.chars().any(char::is_control) {
        return Err(field(
            "source",
            format!("Source : au plus {SOURCE_MAX} caractères, sur une ligne."),
            format!("Source: at most {SOURCE_MAX} characters, on one line."),
        ));
    }
    let source = (!source.is_empty()).then(|| source.to_owned());
    let service_code = form.service.trim();
    let txn = db.begin().await?;
    let service_id = match (kind.per_service(), service_code.is_empty()) {
        (true, true) => {
            return Err(field(
                "service",
                "Service : cet indicateur se saisit par service.",
                "Service: this figure is entered per service.",
            ));
        }
        (_, true) => 0,
        (_, false) => {
            service::Entity::find()
                .filter(service::Column::OrganisationId.eq(organisation_id))
                .filter(service::Column::Code.eq(service_code))
                .one(&txn)
                .await?
                .ok_or_else(|| {
                    field(
                        "service",
                        "Service : choisissez dans la liste.",
                        "Service: choose one of the list.",
                    )
                })?
                .id
        }
    };
    let existing = period_figure::Entity::find()
        .filter(period_figure::Column::OrganisationId.eq(organisation_id))
        .filter(period_figure::Column::ServiceId.eq(service_id))
        .filter(period_figure::Column::Kind.eq(kind.code()))
        .filter(period_figure::Column::PeriodStart.eq(start))
        .filter(period_figure::Column::PeriodEnd.eq(end))
        .one(&txn)
        .await?;
    let before = existing
        .as_ref()
        .map(|e| audited(e.value, e.source.as_deref()));
    match existing {
        Some(row) => {
            let mut active: period_figure::ActiveModel = row.into();
            active.value = Set(value);
            active.entered_by = Set(actor.label());
            active.entered_at = Set(now);
            active.source = Set(source.clone());
            active.update(&txn).await?;
        }
        None => {
            period_figure::ActiveModel {
                organisation_id: Set(organisation_id),
                service_id: Set(service_id),
                kind: Set(kind.code().to_owned()),
                period_start: Set(start),
                period_end: Set(end),
                value: Set(value),
                entered_by: Set(actor.label()),
                entered_at: Set(now),
                source: Set(source.clone()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    let subject = if service_code.is_empty() {
        format!("{} {}", kind.code(), period_label(start, end))
    } else {
        format!(
            "{} {} {service_code}",
            kind.code(),
            period_label(start, end)
        )
    };
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "figure.set",
        &subject,
        before,
        Some(audited(value, source.as_deref())),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn months_and_quarters_are_read_and_written_back() {
        assert_eq!(
            parse_period("2026-03"),
            Some((day(2026, 3, 1), day(2026, 3, 31)))
        );
        assert_eq!(
            parse_period("2024-02"),
            Some((day(2024, 2, 1), day(2024, 2, 29)))
        );
        assert_eq!(
            parse_period("2026-T4"),
            Some((day(2026, 10, 1), day(2026, 12, 31)))
        );
        assert_eq!(
            parse_period(" 2026-q1 "),
            Some((day(2026, 1, 1), day(2026, 3, 31)))
        );
        for bad in [
            "", "2026", "2026-13", "2026-T5", "26-01", "2026-00", "abcd-01",
        ] {
            assert_eq!(parse_period(bad), None, "{bad}");
        }
        assert_eq!(period_label(day(2026, 10, 1), day(2026, 12, 31)), "2026-T4");
        assert_eq!(period_label(day(2026, 3, 1), day(2026, 3, 31)), "2026-03");
    }
}

/// One service of a scope, for the post-stratified (weighted) estimates: its touchpoints and the
/// footfall entered for it over the periods inside the summary's period.
#[derive(Debug, Clone, PartialEq)]
pub struct Stratum {
    /// The service's code.
    pub service: String,
    /// The scope's touchpoints of this service.
    pub touchpoints: Vec<i32>,
    /// Visitors received, summed over the months or quarters that lie inside the period; `None`
    /// when none was entered.
    pub footfall: Option<f64>,
    /// Days those months or quarters cover (services are weighted alike only over the same
    /// stretch of time).
    pub covered_days: i64,
}

/// The services of `touchpoint_ids` with the footfall entered for each between `from` and `to`
/// (a figure counts when its whole month or quarter lies inside the period; a month whose
/// quarter is entered too counts through the quarter only).
pub async fn footfall_strata(
    db: &Db,
    touchpoint_ids: &[i32],
    from: NaiveDate,
    to: NaiveDate,
) -> DbResult<Vec<Stratum>> {
    use crate::entity::touchpoint;
    let touchpoints = touchpoint::Entity::find()
        .filter(touchpoint::Column::Id.is_in(touchpoint_ids.to_vec()))
        .order_by_asc(touchpoint::Column::Id)
        .all(db)
        .await?;
    let mut strata: Vec<(i32, Stratum)> = Vec::new();
    for t in &touchpoints {
        match strata.iter_mut().find(|(id, _)| *id == t.service_id) {
            Some((_, s)) => s.touchpoints.push(t.id),
            None => {
                let code = service::Entity::find_by_id(t.service_id)
                    .one(db)
                    .await?
                    .map(|s| s.code)
                    .unwrap_or_default();
                strata.push((
                    t.service_id,
                    Stratum {
                        service: code,
                        touchpoints: vec![t.id],
                        footfall: None,
                        covered_days: 0,
                    },
                ));
            }
        }
    }
    let service_ids: Vec<i32> = strata.iter().map(|(id, _)| *id).collect();
    let figures = period_figure::Entity::find()
        .filter(period_figure::Column::Kind.eq(FigureKind::Footfall.code()))
        .filter(period_figure::Column::ServiceId.is_in(service_ids))
        .filter(period_figure::Column::PeriodStart.gte(from))
        .filter(period_figure::Column::PeriodEnd.lte(to))
        .all(db)
        .await?;
    for f in &figures {
        // A month inside a quarter also entered is counted once, through the quarter.
        let covered = figures.iter().any(|q| {
            q.id != f.id
                && q.service_id == f.service_id
                && q.period_start <= f.period_start
                && q.period_end >= f.period_end
                && (q.period_end - q.period_start) > (f.period_end - f.period_start)
        });
        if covered {
            continue;
        }
        if let Some((_, s)) = strata.iter_mut().find(|(id, _)| *id == f.service_id) {
            *s.footfall.get_or_insert(0.0) += f.value;
            s.covered_days += (f.period_end - f.period_start).num_days() + 1;
        }
    }
    Ok(strata.into_iter().map(|(_, s)| s).collect())
}
