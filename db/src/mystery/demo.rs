//! Demo mystery tests: a shopper, a call campaign over the demo year's four quarters (and the
//! year before, to compare with), a visit campaign; realistic answers (about 7/10 on average,
//! weaker at midday and on the callback offer), a few tests still submitted or sent back.

use super::documents::{read, write};
use super::grids::ensure_defaults;
use crate::entity::{
    account, assignment, campaign, campaign_target, grid, grid_version, mystery_test, scenario,
};
use crate::{DbError, DbResult};
use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use domain::Role;
use domain::mystery::{
    CriterionKind, GridDefinition, PassRule, Slot, TestStatus, parse_answers, scenario_for, spread,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use std::collections::BTreeMap;

/// The demo shopper's e-mail (password: [`crate::demo::DEMO_PASSWORD`]).
pub const DEMO_SHOPPER: &str = "enqueteur@demo.example";

/// A demo campaign: code, title, grid, period, targets (code, label, kind, service, detail,
/// planned), how many of its tests stay submitted and sent back, and how good the service was.
struct DemoCampaign {
    code: &'static str,
    title: &'static str,
    grid: &'static str,
    from: (i32, u32, u32),
    to: (i32, u32, u32),
    targets: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        i32,
    )],
    submitted: usize,
    returned: usize,
    /// Added to every criterion's chance of passing.
    quality: f64,
}

const CAMPAIGNS: [DemoCampaign; 3] = [
    DemoCampaign {
        code: "appels-2024-2025",
        title: "Appels mystères 2024-2025",
        grid: "call",
        from: (2024, 11, 1),
        to: (2025, 10, 31),
        targets: &[
            (
                "standard",
                "Standard de la préfecture",
                "phone",
                "accueil",
                "03 84 57 00 00",
                15,
            ),
            (
                "cni-passeports",
                "Ligne cartes d'identité et passeports",
                "phone",
                "cert",
                "03 84 57 00 10",
                15,
            ),
        ],
        submitted: 0,
        returned: 0,
        quality: -0.03,
    },
    DemoCampaign {
        code: "appels-2025-2026",
        title: "Appels mystères 2025-2026 (quatre trimestres)",
        grid: "call",
        from: (2025, 11, 1),
        to: (2026, 10, 31),
        targets: &[
            (
                "standard",
                "Standard de la préfecture",
                "phone",
                "accueil",
                "03 84 57 00 00",
                24,
            ),
            (
                "cni-passeports",
                "Ligne cartes d'identité et passeports",
                "phone",
                "cert",
                "03 84 57 00 10",
                24,
            ),
            (
                "pan",
                "Point d'accueil numérique (rendez-vous)",
                "phone",
                "pan",
                "03 84 57 00 20",
                20,
            ),
        ],
        submitted: 3,
        returned: 2,
        quality: 0.04,
    },
    DemoCampaign {
        code: "visites-2026",
        title: "Visites mystères 2026",
        grid: "visit",
        from: (2026, 1, 1),
        to: (2026, 10, 31),
        targets: &[
            (
                "accueil-general",
                "Accueil général",
                "counter",
                "accueil",
                "Hall d'entrée",
                6,
            ),
            (
                "guichet-cni",
                "Guichet cartes d'identité et passeports",
                "counter",
                "cert",
                "Guichet 3",
                6,
            ),
        ],
        submitted: 1,
        returned: 0,
        quality: 0.02,
    },
];

/// The scenarios of every demo campaign.
const SCENARIOS: [(&str, &str, &str); 3] = [
    (
        "renouvellement-cni",
        "Ma carte d'identité expire le mois prochain : comment la renouveler ?",
        "Pré-demande en ligne sur l'ANTS, puis rendez-vous dans une mairie équipée ; la préfecture ne reçoit pas ces demandes.",
    ),
    (
        "permis-perdu",
        "J'ai perdu mon permis de conduire : que dois-je faire ?",
        "Déclaration de perte et demande de duplicata en ligne sur l'ANTS ; aide possible au point d'accueil numérique.",
    ),
    (
        "titre-sejour",
        "Mon titre de séjour expire dans deux mois : quand faire la demande ?",
        "Demande en ligne sur l'ANEF entre quatre et deux mois avant l'expiration.",
    ),
];

/// How likely a criterion passes, before the campaign's quality and the slot.
fn base_chance(code: &str) -> f64 {
    match code {
        "C01" => 0.95,
        // The callback offer is the known weak point.
        "C13" => 0.3,
        "C06" | "V04" => 0.62,
        "C11" | "V12" => 0.7,
        "V08" | "V17" => 0.5,
        _ => 0.8,
    }
}

/// An answer that passes (or fails) the criterion's rule.
fn answer(kind: CriterionKind, rule: PassRule, pass: bool, rng: &mut ChaCha8Rng) -> String {
    use CriterionKind as K;
    match (kind, rule) {
        (K::Scale4 | K::Scale4Na, _) if pass => rng.random_range(3..=4).to_string(),
        (K::Scale4 | K::Scale4Na, _) => rng.random_range(1..=2).to_string(),
        (K::Count | K::Seconds | K::Minutes, PassRule::AtMost(t)) if pass => {
            rng.random_range(t.min(1)..=t).to_string()
        }
        (K::Count | K::Seconds | K::Minutes, PassRule::AtMost(t)) => {
            rng.random_range(t + 1..=t * 2 + 2).to_string()
        }
        // Information only: a call of one to seven minutes.
        (K::Seconds, _) => rng.random_range(60..=420).to_string(),
        (K::Count | K::Minutes, _) => rng.random_range(0..=3).to_string(),
        (K::YesPartlyNo, _) if !pass && rng.random_bool(0.5) => "partly".into(),
        (_, _) if pass => "yes".into(),
        (_, _) => "no".into(),
    }
}

/// One demo test's answers: every criterion that applies, `na` now and then where allowed.
fn answers(
    grid: &GridDefinition,
    slot: Slot,
    quality: f64,
    rng: &mut ChaCha8Rng,
) -> Vec<(String, String)> {
    let midday = if slot == Slot::Midday { -0.15 } else { 0.0 };
    let mut given: BTreeMap<String, String> = BTreeMap::new();
    for c in &grid.criteria {
        if let Some(cond) = &c.applies_when
            && given.get(cond.criterion.as_str()) != Some(&cond.answer)
        {
            continue;
        }
        if c.kind == CriterionKind::FreeText {
            continue;
        }
        let value = if c.kind.allows_na() && rng.random_bool(0.15) {
            "na".to_owned()
        } else {
            let chance = (base_chance(c.code.as_str()) + quality + midday).clamp(0.05, 0.99);
            answer(c.kind, c.rule, rng.random_bool(chance), rng)
        };
        given.insert(c.code.as_str().to_owned(), value);
    }
    given.into_iter().collect()
}

/// The moment of a planned test: a day of the period on its weekday, an hour in its slot.
fn moment(
    from: NaiveDate,
    to: NaiveDate,
    weekday: u8,
    slot: Slot,
    rng: &mut ChaCha8Rng,
) -> DateTime<Utc> {
    let span = (to - from).num_days().max(1);
    let mut day = from + TimeDelta::days(rng.random_range(0..span));
    while day.weekday().number_from_monday() != u32::from(weekday) || day > to {
        day = day.pred_opt().unwrap_or(from);
        if day < from {
            day = from;
            break;
        }
    }
    let hour = match slot {
        Slot::Morning => rng.random_range(9..=11),
        Slot::Midday => rng.random_range(12..=13),
        Slot::Afternoon => rng.random_range(14..=16),
    };
    let local = day
        .and_hms_opt(hour, rng.random_range(0..60), 0)
        .unwrap_or_default();
    Paris
        .from_local_datetime(&local)
        .earliest()
        .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
}

fn date((y, m, d): (i32, u32, u32)) -> DbResult<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| DbError::Corrupt(format!("{y}-{m}-{d}")))
}

/// Seeds the demo's mystery tests for organisation `org` (inside the demo's transaction).
/// Returns how many tests were made.
pub async fn seed<C: ConnectionTrait>(
    db: &C,
    org: i32,
    service_ids: &[(&str, i32)],
    password_hash: String,
    now: DateTime<Utc>,
) -> DbResult<usize> {
    ensure_defaults(db, org, now).await?;
    let shopper = account::ActiveModel {
        organisation_id: Set(Some(org)),
        email: Set(DEMO_SHOPPER.to_owned()),
        role: Set(Role::Shopper.code().to_owned()),
        password_hash: Set(password_hash),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let mut rng = ChaCha8Rng::seed_from_u64(0x5EC2_E7E5);
    let mut made = 0;
    for demo in &CAMPAIGNS {
        let g = grid::Entity::find()
            .filter(grid::Column::OrganisationId.eq(org))
            .filter(grid::Column::Code.eq(demo.grid))
            .one(db)
            .await?
            .ok_or_else(|| DbError::Corrupt(format!("grid {}", demo.grid)))?;
        let version = grid_version::Entity::find()
            .filter(grid_version::Column::GridId.eq(g.id))
            .one(db)
            .await?
            .ok_or_else(|| DbError::Corrupt(format!("grid {} version", demo.grid)))?;
        let definition: GridDefinition = read(&version.definition, "grid")?;
        let (from, to) = (date(demo.from)?, date(demo.to)?);
        let c = campaign::ActiveModel {
            organisation_id: Set(org),
            code: Set(demo.code.to_owned()),
            title: Set(demo.title.to_owned()),
            grid_id: Set(g.id),
            period_start: Set(from),
            period_end: Set(to),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(db)
        .await?;
        let mut scenario_ids = Vec::new();
        for (code, question, expected) in SCENARIOS {
            let s = scenario::ActiveModel {
                campaign_id: Set(c.id),
                code: Set(code.to_owned()),
                question: Set(question.to_owned()),
                expected_answer: Set(expected.to_owned()),
                ..Default::default()
            }
            .insert(db)
            .await?;
            scenario_ids.push(s.id);
        }
        let total: usize = demo.targets.iter().map(|t| t.5 as usize).sum();
        let mut index = 0usize;
        for (t_index, (code, label, kind, service, detail, planned)) in
            demo.targets.iter().enumerate()
        {
            let target = campaign_target::ActiveModel {
                campaign_id: Set(c.id),
                code: Set((*code).to_owned()),
                label: Set((*label).to_owned()),
                kind: Set((*kind).to_owned()),
                service_id: Set(service_ids
                    .iter()
                    .find(|(s, _)| s == service)
                    .map(|(_, id)| *id)),
                detail: Set((*detail).to_owned()),
                planned: Set(*planned),
                ..Default::default()
            }
            .insert(db)
            .await?;
            for (i, p) in spread(u32::try_from(*planned).unwrap_or(0), t_index as u32)
                .into_iter()
                .enumerate()
            {
                let scenario_id =
                    scenario_ids[scenario_for((i + t_index) as u32, scenario_ids.len())];
                let a = assignment::ActiveModel {
                    campaign_id: Set(c.id),
                    target_id: Set(target.id),
                    scenario_id: Set(Some(scenario_id)),
                    slot: Set(p.slot.code().to_owned()),
                    weekday: Set(i16::from(p.weekday)),
                    due_date: Set(None),
                    shopper_id: Set(Some(shopper.id)),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                // The last tests of the campaign are still with the referent, or sent back.
                let status = if index + demo.submitted + demo.returned < total {
                    TestStatus::Validated
                } else if index + demo.submitted < total {
                    TestStatus::Returned
                } else {
                    TestStatus::Submitted
                };
                index += 1;
                let fields = answers(&definition, p.slot, demo.quality, &mut rng);
                let checked = parse_answers(&definition, &fields)
                    .map_err(|e| DbError::Corrupt(format!("demo test answers refused: {e:?}")))?;
                let stored: BTreeMap<String, String> = checked.to_fields().into_iter().collect();
                let at = moment(from, to, p.weekday, p.slot, &mut rng);
                let context = super::tests::TestContext {
                    performed_at: at
                        .with_timezone(&Paris)
                        .format("%Y-%m-%dT%H:%M")
                        .to_string(),
                    reached: (*detail).to_owned(),
                    comment: String::new(),
                };
                let submitted = at + TimeDelta::minutes(20);
                mystery_test::ActiveModel {
                    campaign_id: Set(c.id),
                    assignment_id: Set(Some(a.id)),
                    grid_version_id: Set(version.id),
                    shopper_id: Set(shopper.id),
                    target_id: Set(target.id),
                    scenario_id: Set(Some(scenario_id)),
                    status: Set(status.code().to_owned()),
                    performed_at: Set(Some(at)),
                    slot: Set(p.slot.code().to_owned()),
                    answers: Set(write(&stored)?),
                    context: Set(write(&context)?),
                    review_comment: Set((status == TestStatus::Returned).then(|| {
                        "Précisez le nombre de sonneries (C02) : la valeur semble être celle d'un autre appel.".to_owned()
                    })),
                    client_key: Set(crate::secrets::new_secret("")),
                    revision: Set(1),
                    created_at: Set(at),
                    updated_at: Set(submitted),
                    submitted_at: Set(Some(submitted)),
                    validated_at: Set((status == TestStatus::Validated)
                        .then_some(submitted + TimeDelta::days(2))),
                    validated_by: Set((status == TestStatus::Validated)
                        .then(|| "account:referente@demo.example".to_owned())),
                    ..Default::default()
                }
                .insert(db)
                .await?;
                made += 1;
            }
        }
    }
    Ok(made)
}
