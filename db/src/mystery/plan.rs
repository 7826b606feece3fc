//! A campaign's plan: targets, scenarios, the planned tests spread over weekdays and slots, and
//! their assignment to shoppers.

use super::campaigns::{lock_campaign, own_campaign};
use crate::audit::{self, Actor};
use crate::checks::{checked_code, checked_name, invalid};
use crate::entity::{account, assignment, campaign_target, mystery_test, scenario, service};
use crate::{Db, DbResult};
use chrono::{DateTime, Utc};
use domain::Role;
use domain::mystery::{scenario_for, spread};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

/// The kinds of target a campaign tests.
pub const TARGET_KINDS: [&str; 4] = ["phone", "counter", "site", "service"];

/// What the target form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetForm {
    /// Code, unique in the campaign.
    pub code: String,
    /// What it is (`Standard de la préfecture`).
    pub label: String,
    /// `phone`, `counter`, `site` or `service`.
    pub kind: String,
    /// The service it belongs to (a code; empty when none), for the breakdown by service.
    pub service: String,
    /// The number to dial or the counter to visit.
    pub detail: String,
    /// Tests planned on it.
    pub planned: String,
}

/// Adds a target to a campaign. Audited.
pub async fn add_target(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    campaign_code: &str,
    form: &TargetForm,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let code = checked_code("code", &form.code)?;
    let label = checked_name("label", &form.label)?;
    let kind = form.kind.trim();
    if !TARGET_KINDS.contains(&kind) {
        return Err(invalid(
            "kind",
            "Type : choisissez dans la liste.",
            "Kind: choose one of the list.",
        ));
    }
    let planned = form
        .planned
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|n| (0..=500).contains(n))
        .ok_or_else(|| {
            invalid(
                "planned",
                "Tests prévus : un nombre entier de 0 à 500.",
                "Planned tests: a whole number from 0 to 500.",
            )
        })?;
    let detail: String = form.detail.trim().chars().take(100).collect();
    let txn = db.begin().await?;
    let c = own_campaign(&txn, organisation_id, campaign_code).await?;
    let service_id = match form.service.trim() {
        "" => None,
        s => Some(
            service::Entity::find()
                .filter(service::Column::OrganisationId.eq(organisation_id))
                .filter(service::Column::Code.eq(s))
                .one(&txn)
                .await?
                .ok_or_else(|| {
                    invalid(
                        "service",
                        "Service : choisissez dans la liste.",
                        "Service: choose one of the list.",
                    )
                })?
                .id,
        ),
    };
    let taken = campaign_target::Entity::find()
        .filter(campaign_target::Column::CampaignId.eq(c.id))
        .filter(campaign_target::Column::Code.eq(code.as_str()))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(invalid(
            "code",
            format!("Code : la cible {code} existe déjà dans cette campagne."),
            format!("Code: the target {code} already exists in this campaign."),
        ));
    }
    campaign_target::ActiveModel {
        campaign_id: Set(c.id),
        code: Set(code.clone()),
        label: Set(label.clone()),
        kind: Set(kind.to_owned()),
        service_id: Set(service_id),
        detail: Set(detail.clone()),
        planned: Set(planned),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "campaign.target.add",
        &format!("campaign {}, target {code}", c.code),
        None,
        Some(json!({ "label": label, "kind": kind, "detail": detail, "planned": planned })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// What the scenario form sends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScenarioForm {
    /// Code, unique in the campaign.
    pub code: String,
    /// The question the shopper asks.
    pub question: String,
    /// The answer the service should give (the key "answer correct" is judged against).
    pub expected_answer: String,
}

/// Longest scenario text.
const SCENARIO_MAX_CHARS: usize = 2000;

fn scenario_text(field: &str, raw: &str) -> DbResult<String> {
    let text = raw.trim();
    if text.is_empty()
        || text.chars().count() > SCENARIO_MAX_CHARS
        || crate::checks::has_control(text)
    {
        return Err(invalid(
            field,
            format!("Texte : de 1 à {SCENARIO_MAX_CHARS} caractères, sans caractère de contrôle."),
            format!("Text: 1 to {SCENARIO_MAX_CHARS} characters, without control characters."),
        ));
    }
    Ok(text.to_owned())
}

/// Adds a scenario to a campaign. Audited.
pub async fn add_scenario(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    campaign_code: &str,
    form: &ScenarioForm,
    now: DateTime<Utc>,
) -> DbResult<()> {
    let code = checked_code("code", &form.code)?;
    let question = scenario_text("question", &form.question)?;
    let expected = scenario_text("expected_answer", &form.expected_answer)?;
    let txn = db.begin().await?;
    let c = own_campaign(&txn, organisation_id, campaign_code).await?;
    let taken = scenario::Entity::find()
        .filter(scenario::Column::CampaignId.eq(c.id))
        .filter(scenario::Column::Code.eq(code.as_str()))
        .count(&txn)
        .await?;
    if taken > 0 {
        return Err(invalid(
            "code",
            format!("Code : le scénario {code} existe déjà dans cette campagne."),
            format!("Code: the scenario {code} already exists in this campaign."),
        ));
    }
    scenario::ActiveModel {
        campaign_id: Set(c.id),
        code: Set(code.clone()),
        question: Set(question.clone()),
        expected_answer: Set(expected.clone()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "campaign.scenario.add",
        &format!("campaign {}, scenario {code}", c.code),
        None,
        Some(json!({ "question": question, "expected_answer": expected })),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Creates the planned tests each target still lacks, spread over weekdays and slots, with the
/// scenarios in turn. Returns how many were created. Audited.
pub async fn plan_tests(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    campaign_code: &str,
    now: DateTime<Utc>,
) -> DbResult<u32> {
    let txn = db.begin().await?;
    let c = lock_campaign(&txn, organisation_id, campaign_code).await?;
    let targets = campaign_target::Entity::find()
        .filter(campaign_target::Column::CampaignId.eq(c.id))
        .order_by_asc(campaign_target::Column::Id)
        .all(&txn)
        .await?;
    let scenarios = scenario::Entity::find()
        .filter(scenario::Column::CampaignId.eq(c.id))
        .order_by_asc(scenario::Column::Id)
        .all(&txn)
        .await?;
    let mut created = 0u32;
    for (t_index, t) in targets.iter().enumerate() {
        let existing = assignment::Entity::find()
            .filter(assignment::Column::TargetId.eq(t.id))
            .count(&txn)
            .await?;
        let wanted = u64::try_from(t.planned).unwrap_or(0);
        if existing >= wanted {
            continue;
        }
        let offset = u32::try_from(existing).unwrap_or(0) + u32::try_from(t_index).unwrap_or(0);
        let missing = u32::try_from(wanted - existing).unwrap_or(0);
        let rows: Vec<assignment::ActiveModel> = spread(missing, offset)
            .into_iter()
            .enumerate()
            .map(|(i, p)| assignment::ActiveModel {
                campaign_id: Set(c.id),
                target_id: Set(t.id),
                scenario_id: Set((!scenarios.is_empty())
                    .then(|| scenarios[scenario_for(i as u32 + offset, scenarios.len())].id)),
                slot: Set(p.slot.code().to_owned()),
                weekday: Set(i16::from(p.weekday)),
                due_date: Set(None),
                shopper_id: Set(None),
                ..Default::default()
            })
            .collect();
        created += missing;
        assignment::Entity::insert_many(rows)
            .exec_without_returning(&txn)
            .await?;
    }
    if created > 0 {
        audit::record(
            &txn,
            now,
            Some(organisation_id),
            actor,
            "campaign.plan",
            &format!("campaign {}", c.code),
            None,
            Some(json!({ "planned_tests_added": created })),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(created)
}

/// Assigns planned tests of a campaign to a shopper of the organisation (or takes them back
/// with `None`). Tests already started keep their shopper. Audited.
pub async fn assign(
    db: &Db,
    actor: &Actor,
    organisation_id: i32,
    campaign_code: &str,
    assignment_ids: &[i32],
    shopper_email: Option<&str>,
    now: DateTime<Utc>,
) -> DbResult<u64> {
    let txn = db.begin().await?;
    let c = own_campaign(&txn, organisation_id, campaign_code).await?;
    let shopper = match shopper_email {
        None => None,
        Some(email) => Some(
            account::Entity::find()
                .filter(account::Column::Email.eq(email.trim().to_lowercase()))
                .filter(account::Column::OrganisationId.eq(organisation_id))
                .filter(account::Column::Role.eq(Role::Shopper.code()))
                .filter(account::Column::Active.eq(true))
                .one(&txn)
                .await?
                .ok_or_else(|| {
                    invalid(
                        "shopper",
                        "Enquêteur : choisissez un compte enquêteur actif de l'organisation.",
                        "Shopper: choose an active shopper account of the organisation.",
                    )
                })?,
        ),
    };
    let started: Vec<i32> = mystery_test::Entity::find()
        .filter(mystery_test::Column::CampaignId.eq(c.id))
        .all(&txn)
        .await?
        .into_iter()
        .filter_map(|t| t.assignment_id)
        .collect();
    let ids: Vec<i32> = assignment_ids
        .iter()
        .copied()
        .filter(|id| !started.contains(id))
        .collect();
    let res = assignment::Entity::update_many()
        .col_expr(
            assignment::Column::ShopperId,
            sea_orm::sea_query::Expr::value(shopper.as_ref().map(|s| s.id)),
        )
        .filter(assignment::Column::CampaignId.eq(c.id))
        .filter(assignment::Column::Id.is_in(ids))
        .exec(&txn)
        .await?;
    audit::record(
        &txn,
        now,
        Some(organisation_id),
        actor,
        "campaign.assign",
        &format!("campaign {}", c.code),
        None,
        Some(json!({
            "planned_tests": res.rows_affected,
            "shopper": shopper.as_ref().map(|s| s.email.clone()),
        })),
    )
    .await?;
    txn.commit().await?;
    Ok(res.rows_affected)
}
