//! How long each kind of data is kept, and the purge that applies it (the server runs it every
//! hour). Every organisation has its own durations (the controller decides them, within bounds);
//! without a setting, the defaults below, whose reasons the README gives. What only the instance
//! holds (failed sign-ins, the audit entries of no organisation, administrators' accounts) keeps
//! the defaults. Each purge that removed something writes one audit entry with its counts.

use crate::audit::{self, Actor};
use crate::entity::{
    account, audit_log, campaign, comment_mark, invitation, login_failure, mystery_test,
    password_reset, question, response, retention_setting, session, touchpoint,
};
use crate::{Db, DbError, DbResult};
use chrono::{DateTime, TimeDelta, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};

/// How long a failed sign-in is kept: the throttle looks back 15 minutes; a day lets an
/// administrator see an attack while it lasts (the server's log keeps the events).
pub const SIGN_IN_FAILURES_DAYS: i64 = 1;
/// The audit log never lets a row go younger than this, whatever the setting (CNIL's
/// recommendation for traceability logs is six months to a year); the database's trigger holds
/// the same number.
pub const AUDIT_LOG_FLOOR_DAYS: i32 = 180;
/// The e-mail domain of an erased account (the `.invalid` top-level domain never resolves).
pub const ERASED_DOMAIN: &str = "compte-efface.invalid";
/// Rows changed per transaction by the purge, so it never holds the database for long.
const CHUNK: u64 = 500;

/// One kind of data with a retention duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// Visitors' comments (free-text answers), erased from their response.
    FreeText,
    /// Responses (the daily counts, which hold no single answer, stay).
    Responses,
    /// Mystery tests, counted from the day they were performed.
    MysteryTests,
    /// Invitation and password-reset links, counted from their use or expiry.
    Invitations,
    /// Deactivated accounts, erased (address, password) some time after their deactivation.
    DeactivatedAccounts,
    /// The audit log.
    AuditLog,
}

impl Kind {
    /// Every kind, in display order.
    pub const ALL: [Kind; 6] = [
        Kind::FreeText,
        Kind::Responses,
        Kind::MysteryTests,
        Kind::Invitations,
        Kind::DeactivatedAccounts,
        Kind::AuditLog,
    ];

    /// Its form field and JSON key.
    pub fn field(self) -> &'static str {
        match self {
            Kind::FreeText => "free_text_days",
            Kind::Responses => "responses_days",
            Kind::MysteryTests => "mystery_tests_days",
            Kind::Invitations => "invitations_days",
            Kind::DeactivatedAccounts => "deactivated_accounts_days",
            Kind::AuditLog => "audit_log_days",
        }
    }

    /// The shortest and longest duration accepted, in days.
    pub fn bounds(self) -> (i32, i32) {
        match self {
            Kind::FreeText => (30, 1096),
            Kind::Responses => (365, 3653),
            Kind::MysteryTests => (180, 3653),
            Kind::Invitations => (1, 365),
            Kind::DeactivatedAccounts => (30, 1827),
            Kind::AuditLog => (AUDIT_LOG_FLOOR_DAYS, 1827),
        }
    }
}

/// An organisation's durations, in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    /// Comments.
    pub free_text_days: i32,
    /// Responses.
    pub responses_days: i32,
    /// Mystery tests.
    pub mystery_tests_days: i32,
    /// Used or expired links.
    pub invitations_days: i32,
    /// Deactivated accounts.
    pub deactivated_accounts_days: i32,
    /// The audit log.
    pub audit_log_days: i32,
}

impl Default for Retention {
    /// The defaults (reasons in the README): a comment a year (the committee reads a year's
    /// comments once, at its annual meeting); responses five years (a label cycle of three years
    /// and the period before it); mystery tests three years (the label cycle); links a month
    /// after they end; a deactivated account a year (it can be reactivated meanwhile); the audit
    /// log a year.
    fn default() -> Self {
        Retention {
            free_text_days: 365,
            responses_days: 1826,
            mystery_tests_days: 1096,
            invitations_days: 30,
            deactivated_accounts_days: 365,
            audit_log_days: 365,
        }
    }
}

impl Retention {
    /// The duration of one kind.
    pub fn days(&self, kind: Kind) -> i32 {
        match kind {
            Kind::FreeText => self.free_text_days,
            Kind::Responses => self.responses_days,
            Kind::MysteryTests => self.mystery_tests_days,
            Kind::Invitations => self.invitations_days,
            Kind::DeactivatedAccounts => self.deactivated_accounts_days,
            Kind::AuditLog => self.audit_log_days,
        }
    }

    /// Sets the duration of one kind.
    pub fn set_days(&mut self, kind: Kind, days: i32) {
        match kind {
            Kind::FreeText => self.free_text_days = days,
            Kind::Responses => self.responses_days = days,
            Kind::MysteryTests => self.mystery_tests_days = days,
            Kind::Invitations => self.invitations_days = days,
            Kind::DeactivatedAccounts => self.deactivated_accounts_days = days,
            Kind::AuditLog => self.audit_log_days = days,
        }
    }

    fn json(&self) -> serde_json::Value {
        let map: serde_json::Map<_, _> = Kind::ALL
            .iter()
            .map(|k| (k.field().to_owned(), json!(self.days(*k))))
            .collect();
        serde_json::Value::Object(map)
    }

    /// The first duration out of its bounds, or a comment kept longer than its response.
    pub fn problem(&self) -> Option<DbError> {
        for kind in Kind::ALL {
            let (low, high) = kind.bounds();
            if !(low..=high).contains(&self.days(kind)) {
                return Some(crate::checks::invalid(
                    kind.field(),
                    format!("Entre {low} et {high} jours."),
                    format!("Between {low} and {high} days."),
                ));
            }
        }
        (self.free_text_days > self.responses_days).then(|| {
            crate::checks::invalid(
                Kind::FreeText.field(),
                "Un commentaire ne peut être gardé plus longtemps que la réponse qui le porte.",
                "A comment cannot be kept longer than the response it belongs to.",
            )
        })
    }
}

/// The durations of `organisation_id` (the defaults until the referent sets them).
pub async fn settings<C: ConnectionTrait>(db: &C, organisation_id: i32) -> DbResult<Retention> {
    Ok(retention_setting::Entity::find_by_id(organisation_id)
        .one(db)
        .await?
        .map_or_else(Retention::default, |r| Retention {
            free_text_days: r.free_text_days,
            responses_days: r.responses_days,
            mystery_tests_days: r.mystery_tests_days,
            invitations_days: r.invitations_days,
            deactivated_accounts_days: r.deactivated_accounts_days,
            audit_log_days: r.audit_log_days,
        }))
}

/// Sets the durations of `organisation_id`, audited with the durations before and after.
pub async fn set_settings(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    new: Retention,
    now: DateTime<Utc>,
) -> DbResult<()> {
    if let Some(problem) = new.problem() {
        return Err(problem);
    }
    let txn = db.begin().await?;
    let existing = retention_setting::Entity::find_by_id(organisation_id)
        .one(&txn)
        .await?;
    let before = settings(&txn, organisation_id).await?;
    let row = retention_setting::ActiveModel {
        organisation_id: Set(organisation_id),
        free_text_days: Set(new.free_text_days),
        responses_days: Set(new.responses_days),
        mystery_tests_days: Set(new.mystery_tests_days),
        invitations_days: Set(new.invitations_days),
        deactivated_accounts_days: Set(new.deactivated_accounts_days),
        audit_log_days: Set(new.audit_log_days),
        updated_at: Set(now),
    };
    if existing.is_some() {
        row.update(&txn).await?;
    } else {
        row.insert(&txn).await?;
    }
    if before != new {
        audit::record(
            &txn,
            now,
            Some(organisation_id),
            actor,
            "retention.update",
            "retention",
            Some(before.json()),
            Some(new.json()),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(())
}

/// What one purge removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Purged {
    /// Responses whose comments were erased.
    pub free_texts: u64,
    /// Responses deleted.
    pub responses: u64,
    /// Mystery tests deleted.
    pub mystery_tests: u64,
    /// Invitation and reset links deleted.
    pub links: u64,
    /// Accounts erased.
    pub accounts: u64,
    /// Audit entries deleted.
    pub audit_entries: u64,
    /// Failed sign-ins deleted.
    pub sign_in_failures: u64,
}

impl Purged {
    fn is_empty(&self) -> bool {
        *self == Purged::default()
    }
}

fn before(now: DateTime<Utc>, days: i32) -> DateTime<Utc> {
    now - TimeDelta::days(i64::from(days))
}

/// The questions of `kind` of every survey version: version -> codes, in the version's order.
pub(crate) async fn question_codes<C: ConnectionTrait>(
    db: &C,
    kind: domain::QuestionKind,
) -> DbResult<BTreeMap<i32, Vec<String>>> {
    let rows = question::Entity::find()
        .select_only()
        .column(question::Column::SurveyVersionId)
        .column(question::Column::Code)
        .filter(question::Column::Kind.eq(kind.code()))
        .order_by_asc(question::Column::SurveyVersionId)
        .order_by_asc(question::Column::Position)
        .into_tuple::<(i32, String)>()
        .all(db)
        .await?;
    let mut map: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    for (version, code) in rows {
        map.entry(version).or_default().push(code);
    }
    Ok(map)
}

/// The free-text questions of every survey version: version -> codes.
pub(crate) async fn free_text_codes<C: ConnectionTrait>(
    db: &C,
) -> DbResult<BTreeMap<i32, BTreeSet<String>>> {
    Ok(question_codes(db, domain::QuestionKind::FreeText)
        .await?
        .into_iter()
        .map(|(version, codes)| (version, codes.into_iter().collect()))
        .collect())
}

/// A condition true for the responses that may hold a comment (the stored JSON has one of the
/// version's free-text keys; [`erase_free_text`] makes sure).
pub(crate) fn may_hold_free_text(codes: &BTreeMap<i32, BTreeSet<String>>) -> Condition {
    let mut any = Condition::any();
    for (version, set) in codes {
        let mut keys = Condition::any();
        for code in set {
            keys = keys.add(response::Column::Answers.like(format!("%\"{code}\":%")));
        }
        any = any.add(
            Condition::all()
                .add(response::Column::SurveyVersionId.eq(*version))
                .add(keys),
        );
    }
    // No free-text question at all: nothing may hold a comment.
    if codes.is_empty() {
        any = any.add(response::Column::Id.is_null());
    }
    any
}

/// Forgets the marks of some responses (their comments were erased).
pub(crate) async fn forget_marks<C: ConnectionTrait>(
    db: &C,
    ids: impl IntoIterator<Item = i32>,
) -> DbResult<()> {
    comment_mark::Entity::delete_many()
        .filter(comment_mark::Column::ResponseId.is_in(ids))
        .exec(db)
        .await?;
    Ok(())
}

/// The stored answers without their comments, or `None` when there was none.
pub(crate) fn erase_free_text(stored: &str, codes: &BTreeSet<String>) -> DbResult<Option<String>> {
    let mut answers = crate::store::decode_answers(stored)?;
    let before = answers.len();
    answers.retain(|code, _| !codes.contains(code));
    if answers.len() == before {
        return Ok(None);
    }
    serde_json::to_string(&answers)
        .map(Some)
        .map_err(|e| DbError::Corrupt(format!("stored answers: {e}")))
}

async fn touchpoints_of(db: &Db, organisation_id: i32) -> DbResult<Vec<i32>> {
    Ok(touchpoint::Entity::find()
        .select_only()
        .column(touchpoint::Column::Id)
        .filter(touchpoint::Column::OrganisationId.eq(organisation_id))
        .into_tuple::<i32>()
        .all(db)
        .await?)
}

async fn erase_old_free_text(db: &Db, touchpoints: &[i32], cutoff: DateTime<Utc>) -> DbResult<u64> {
    let codes = free_text_codes(db).await?;
    let mut erased = 0;
    let mut after = 0;
    loop {
        let rows = response::Entity::find()
            .select_only()
            .column(response::Column::Id)
            .column(response::Column::SurveyVersionId)
            .column(response::Column::Answers)
            .filter(response::Column::TouchpointId.is_in(touchpoints.iter().copied()))
            .filter(response::Column::SubmittedAt.lt(cutoff))
            .filter(response::Column::Id.gt(after))
            .filter(may_hold_free_text(&codes))
            .order_by_asc(response::Column::Id)
            .limit(CHUNK)
            .into_tuple::<(i32, i32, String)>()
            .all(db)
            .await?;
        let Some(&(last, _, _)) = rows.last() else {
            return Ok(erased);
        };
        let txn = db.begin().await?;
        let mut erased_ids = Vec::new();
        for (id, version, stored) in &rows {
            let Some(codes) = codes.get(version) else {
                continue;
            };
            if let Some(kept) = erase_free_text(stored, codes)? {
                response::Entity::update_many()
                    .col_expr(response::Column::Answers, Expr::value(kept))
                    .filter(response::Column::Id.eq(*id))
                    .exec(&txn)
                    .await?;
                erased_ids.push(*id);
            }
        }
        erased += erased_ids.len() as u64;
        // The marks were about the texts (a response deleted takes its mark by the cascade).
        forget_marks(&txn, erased_ids).await?;
        txn.commit().await?;
        if (rows.len() as u64) < CHUNK {
            return Ok(erased);
        }
        after = last;
    }
}

/// Erases the accounts of `organisation` (`None`: the instance's administrators) deactivated
/// before `cutoff`: the address becomes `erased-ID@…`, the password unusable, links and
/// sessions go. The row stays, so the mystery tests it performed keep their shopper.
async fn erase_accounts(
    db: &Db,
    organisation: Option<i32>,
    cutoff: DateTime<Utc>,
) -> DbResult<u64> {
    let ids: Vec<i32> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(match organisation {
            Some(id) => account::Column::OrganisationId.eq(id),
            None => account::Column::OrganisationId.is_null(),
        })
        .filter(account::Column::Active.eq(false))
        .filter(account::Column::DeactivatedAt.lt(cutoff))
        .filter(account::Column::Email.not_like(format!("%@{ERASED_DOMAIN}")))
        .into_tuple::<i32>()
        .all(db)
        .await?;
    for chunk in ids.chunks(CHUNK as usize) {
        let txn = db.begin().await?;
        account::Entity::update_many()
            .col_expr(
                account::Column::Email,
                Expr::cust(format!("'erased-' || id || '@{ERASED_DOMAIN}'")),
            )
            .col_expr(account::Column::PasswordHash, Expr::value("!"))
            .filter(account::Column::Id.is_in(chunk.iter().copied()))
            .exec(&txn)
            .await?;
        session::Entity::delete_many()
            .filter(session::Column::AccountId.is_in(chunk.iter().copied()))
            .exec(&txn)
            .await?;
        password_reset::Entity::delete_many()
            .filter(password_reset::Column::AccountId.is_in(chunk.iter().copied()))
            .exec(&txn)
            .await?;
        txn.commit().await?;
    }
    Ok(ids.len() as u64)
}

async fn delete_old_audit(
    db: &Db,
    organisation: Option<i32>,
    days: i32,
    now: DateTime<Utc>,
) -> DbResult<u64> {
    let cutoff = before(now, days.max(AUDIT_LOG_FLOOR_DAYS));
    Ok(audit_log::Entity::delete_many()
        .filter(match organisation {
            Some(id) => audit_log::Column::OrganisationId.eq(id),
            None => audit_log::Column::OrganisationId.is_null(),
        })
        .filter(audit_log::Column::At.lt(cutoff))
        .exec(db)
        .await?
        .rows_affected)
}

/// Applies `organisation_id`'s durations at `now`.
pub async fn purge_organisation(
    db: &Db,
    organisation_id: i32,
    now: DateTime<Utc>,
) -> DbResult<Purged> {
    let r = settings(db, organisation_id).await?;
    let touchpoints = touchpoints_of(db, organisation_id).await?;
    let responses = response::Entity::delete_many()
        .filter(response::Column::TouchpointId.is_in(touchpoints.iter().copied()))
        .filter(response::Column::SubmittedAt.lt(before(now, r.responses_days)))
        .exec(db)
        .await?
        .rows_affected;
    let free_texts = erase_old_free_text(db, &touchpoints, before(now, r.free_text_days)).await?;
    let campaigns = campaign::Entity::find()
        .select_only()
        .column(campaign::Column::Id)
        .filter(campaign::Column::OrganisationId.eq(organisation_id))
        .into_tuple::<i32>()
        .all(db)
        .await?;
    let tests_before = before(now, r.mystery_tests_days);
    let mystery_tests = mystery_test::Entity::delete_many()
        .filter(mystery_test::Column::CampaignId.is_in(campaigns))
        .filter(
            Condition::any()
                .add(mystery_test::Column::PerformedAt.lt(tests_before))
                .add(
                    Condition::all()
                        .add(mystery_test::Column::PerformedAt.is_null())
                        .add(mystery_test::Column::CreatedAt.lt(tests_before)),
                ),
        )
        .exec(db)
        .await?
        .rows_affected;
    let links_before = before(now, r.invitations_days);
    let invitations = invitation::Entity::delete_many()
        .filter(invitation::Column::OrganisationId.eq(organisation_id))
        .filter(
            Condition::any()
                .add(invitation::Column::UsedAt.lt(links_before))
                .add(invitation::Column::ExpiresAt.lt(links_before)),
        )
        .exec(db)
        .await?
        .rows_affected;
    let people: Vec<i32> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::OrganisationId.eq(organisation_id))
        .into_tuple::<i32>()
        .all(db)
        .await?;
    let resets = delete_old_resets(db, people, links_before).await?;
    let accounts = erase_accounts(
        db,
        Some(organisation_id),
        before(now, r.deactivated_accounts_days),
    )
    .await?;
    let audit_entries = delete_old_audit(db, Some(organisation_id), r.audit_log_days, now).await?;
    Ok(Purged {
        free_texts,
        responses,
        mystery_tests,
        links: invitations + resets,
        accounts,
        audit_entries,
        sign_in_failures: 0,
    })
}

async fn delete_old_resets(db: &Db, accounts: Vec<i32>, cutoff: DateTime<Utc>) -> DbResult<u64> {
    Ok(password_reset::Entity::delete_many()
        .filter(password_reset::Column::AccountId.is_in(accounts))
        .filter(
            Condition::any()
                .add(password_reset::Column::UsedAt.lt(cutoff))
                .add(password_reset::Column::ExpiresAt.lt(cutoff)),
        )
        .exec(db)
        .await?
        .rows_affected)
}

/// Applies what only the instance holds at `now`: failed sign-ins, the audit entries of no
/// organisation, deactivated administrators, with the defaults.
pub async fn purge_instance(db: &Db, now: DateTime<Utc>) -> DbResult<Purged> {
    let defaults = Retention::default();
    let sign_in_failures = login_failure::Entity::delete_many()
        .filter(login_failure::Column::At.lt(now - TimeDelta::days(SIGN_IN_FAILURES_DAYS)))
        .exec(db)
        .await?
        .rows_affected;
    let admins: Vec<i32> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::OrganisationId.is_null())
        .into_tuple::<i32>()
        .all(db)
        .await?;
    let links = delete_old_resets(db, admins, before(now, defaults.invitations_days)).await?;
    let accounts =
        erase_accounts(db, None, before(now, defaults.deactivated_accounts_days)).await?;
    let audit_entries = delete_old_audit(db, None, defaults.audit_log_days, now).await?;
    Ok(Purged {
        links,
        accounts,
        audit_entries,
        sign_in_failures,
        ..Purged::default()
    })
}

async fn record_purge(
    db: &Db,
    organisation: Option<i32>,
    purged: Purged,
    now: DateTime<Utc>,
) -> DbResult<()> {
    if purged.is_empty() {
        return Ok(());
    }
    audit::record(
        db,
        now,
        organisation,
        &Actor::Retention,
        "retention.purge",
        "retention",
        None,
        Some(json!({
            "free_texts_erased": purged.free_texts,
            "responses_deleted": purged.responses,
            "mystery_tests_deleted": purged.mystery_tests,
            "links_deleted": purged.links,
            "accounts_erased": purged.accounts,
            "audit_entries_deleted": purged.audit_entries,
            "sign_in_failures_deleted": purged.sign_in_failures,
        })),
    )
    .await
}

/// Applies every organisation's durations and the instance's at `now`, each purge that removed
/// something audited; returns what went, per organisation (`None`: the instance).
pub async fn purge(db: &Db, now: DateTime<Utc>) -> DbResult<Vec<(Option<i32>, Purged)>> {
    let organisations: Vec<i32> = crate::entity::organisation::Entity::find()
        .select_only()
        .column(crate::entity::organisation::Column::Id)
        .into_tuple::<i32>()
        .all(db)
        .await?;
    let mut done = Vec::new();
    for id in organisations {
        let purged = purge_organisation(db, id, now).await?;
        record_purge(db, Some(id), purged, now).await?;
        done.push((Some(id), purged));
    }
    let purged = purge_instance(db, now).await?;
    record_purge(db, None, purged, now).await?;
    done.push((None, purged));
    Ok(done)
}
