//! Demo data: the prefecture of the Territoire de Belfort, its counters and PAN, the default
//! questionnaire and twelve months of realistic, deterministic answers.
//!
//! The generator follows the domain brief's ranges: satisfaction with reception 65-95 % by item,
//! effort about 2.75/5, longer waits at the ID-card/passport counter in the spring rush, fewer
//! answers in August. Same seed, same data, on every machine.

use crate::entity::organisation;
use crate::setup::{
    NewTouchpoint, create_organisation, create_service, create_site, create_touchpoint,
};
use crate::store::{NewAnswer, NewResponse, store_responses};
use crate::survey::{create_survey, publish_version};
use crate::{DbError, DbResult};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Paris;
use domain::{
    AnswerValue, Channel, Lang, QuestionCode, TouchpointCode, Translated,
    defaults::default_questionnaire,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, TransactionTrait,
};

/// Code of the demo organisation.
pub const ORGANISATION: &str = "belfort";
/// First day of the demo answers (Europe/Paris).
pub const FIRST_DAY: (i32, u32, u32) = (2025, 11, 1);
/// Number of months of demo answers.
pub const MONTHS: u32 = 12;

/// The password of the demo accounts (`make run` creates the staff's; the seed creates the
/// mystery shopper's, [`crate::mystery::demo::DEMO_SHOPPER`]).
pub const DEMO_PASSWORD: &str = "demo-qualite-accueil";

/// What `seed_demo` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedOutcome {
    /// The demo organisation was created with this many responses.
    Created {
        /// Responses generated.
        responses: usize,
    },
    /// The demo organisation already existed; nothing was written.
    AlreadyThere,
}

/// Whether the database holds no organisation at all (a fresh install).
pub async fn is_empty(db: &DatabaseConnection) -> DbResult<bool> {
    Ok(organisation::Entity::find().count(db).await? == 0)
}

struct DemoTouchpoint {
    code: &'static str,
    name: (&'static str, &'static str),
    service: &'static str,
    channel: Channel,
    /// Mean answers per month outside seasonal effects.
    monthly: f64,
    /// Probabilities of the four waiting-time answers, before the season.
    wait: [f64; 4],
    /// Probabilities of yes / partly / no.
    resolved: [f64; 3],
    /// How the counter tends to be judged, on the latent scale.
    offset: f64,
    /// Share of answers in English.
    english: f64,
}

const TOUCHPOINTS: [DemoTouchpoint; 3] = [
    DemoTouchpoint {
        code: "belfort-accueil",
        name: ("Accueil général", "General reception"),
        service: "accueil",
        channel: Channel::Counter,
        monthly: 52.0,
        wait: [0.56, 0.27, 0.11, 0.06],
        resolved: [0.78, 0.14, 0.08],
        offset: 0.15,
        english: 0.05,
    },
    DemoTouchpoint {
        code: "belfort-cert",
        name: (
            "Guichet cartes d'identité et passeports",
            "ID card and passport counter",
        ),
        service: "cert",
        channel: Channel::Counter,
        monthly: 44.0,
        wait: [0.36, 0.32, 0.19, 0.13],
        resolved: [0.68, 0.19, 0.13],
        offset: -0.1,
        english: 0.08,
    },
    DemoTouchpoint {
        code: "belfort-pan",
        name: ("Point d'accueil numérique", "Digital help point"),
        service: "pan",
        channel: Channel::Pan,
        monthly: 21.0,
        wait: [0.62, 0.24, 0.09, 0.05],
        resolved: [0.70, 0.21, 0.09],
        offset: 0.3,
        english: 0.04,
    },
];

const SERVICES: [(&str, &str, &str); 4] = [
    ("accueil", "Accueil général", "General reception"),
    (
        "cert",
        "Cartes d'identité et passeports (CERT)",
        "ID cards and passports (CERT)",
    ),
    ("etrangers", "Accueil des étrangers", "Foreigners' service"),
    ("pan", "Point d'accueil numérique", "Digital help point"),
];

const COMMENTS_GOOD: [&str; 6] = [
    "Agent très aimable et patient, merci.",
    "Rapide et efficace, rien à redire.",
    "Très bon accueil, explications claires.",
    "Merci à la médiatrice numérique pour son aide.",
    "Rendez-vous respecté à l'heure.",
    "Friendly staff, quick appointment.",
];
const COMMENTS_MIXED: [&str; 6] = [
    "Attente un peu longue mais personnel sympathique.",
    "Il manque des chaises dans la salle d'attente.",
    "La signalétique pour trouver le guichet n'est pas claire.",
    "Il faudrait mieux expliquer les pièces à fournir sur le site.",
    "Trop de monde en fin de matinée.",
    "Le numéro d'appel n'était pas affiché à l'écran.",
];
const COMMENTS_BAD: [&str; 5] = [
    "Dossier refusé pour une pièce manquante, personne ne me l'avait dit.",
    "Plus de 40 minutes d'attente malgré le rendez-vous.",
    "Impossible de joindre le service par téléphone avant de venir.",
    "On m'a renvoyé vers le site internet sans m'aider.",
    "Waited a long time, nobody explained the delay.",
];

/// Seasonal factor on volume and on waiting at the passport counter (spring rush, quiet August).
fn season(month: u32, service: &str) -> (f64, f64) {
    let volume = match month {
        8 => 0.55,
        12 => 0.8,
        _ => 1.0,
    };
    let rush = service == "cert" && (4..=7).contains(&month);
    if rush {
        (volume * 1.5, 1.0)
    } else {
        (volume, 0.0)
    }
}

fn pick<const N: usize>(rng: &mut ChaCha8Rng, weights: [f64; N]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut x = rng.random::<f64>() * total;
    for (i, w) in weights.iter().enumerate() {
        if x < *w {
            return i;
        }
        x -= w;
    }
    N - 1
}

/// A roughly normal draw (sum of uniforms), enough for demo noise.
fn noise(rng: &mut ChaCha8Rng, sd: f64) -> f64 {
    let s: f64 = (0..6).map(|_| rng.random::<f64>()).sum();
    (s - 3.0) * sd / (0.5_f64).sqrt()
}

struct Generated {
    at: DateTime<Utc>,
    english: bool,
    answers: Vec<(&'static str, Option<String>, Option<String>)>,
}

fn generate(tp: &DemoTouchpoint, day: NaiveDate, rng: &mut ChaCha8Rng) -> Option<Generated> {
    let (_, rush) = season(day.month(), tp.service);
    // Opening hours 8:30-16:30, busier mid-morning.
    let minute_of_day = 510
        + pick(rng, [3.0, 4.0, 4.0, 3.0, 2.0, 2.0, 2.0, 1.5]) as u32 * 60
        + rng.random_range(0..60);
    let local = day.and_hms_opt(minute_of_day / 60, minute_of_day % 60, 0)?;
    let at = Paris
        .from_local_datetime(&local)
        .earliest()?
        .with_timezone(&Utc);
    let midday = (11 * 60 + 30..14 * 60).contains(&minute_of_day);

    let mut wait = tp.wait;
    if rush > 0.0 {
        wait = [wait[0] * 0.55, wait[1], wait[2] * 1.5, wait[3] * 2.2];
    }
    if midday {
        wait = [wait[0] * 0.8, wait[1], wait[2] * 1.2, wait[3] * 1.3];
    }
    let w = pick(rng, wait);
    let r = pick(rng, tp.resolved);
    let latent = tp.offset + [0.0, -0.45, -1.0, -1.6][w] + [0.0, -0.8, -1.9][r] + noise(rng, 0.6);
    let overall = if latent > -0.85 {
        "very_good"
    } else if latent > -2.0 {
        "average"
    } else {
        "bad"
    };
    let c = latent + 1.2 + noise(rng, 0.7);
    let courtesy = if c > 0.2 {
        4
    } else if c > -0.9 {
        3
    } else if c > -1.8 {
        2
    } else {
        1
    };
    let effort = (2.45 - 0.75 * latent + noise(rng, 0.8))
        .round()
        .clamp(1.0, 5.0) as i32;

    let mut answers: Vec<(&'static str, Option<String>, Option<String>)> = vec![
        ("overall", Some(overall.into()), None),
        ("courtesy", Some(courtesy.to_string()), None),
        (
            "wait",
            Some(["lt10", "10to20", "20to30", "gt30"][w].into()),
            None,
        ),
        ("resolved", Some(["yes", "partly", "no"][r].into()), None),
    ];
    if rng.random::<f64>() < 0.9 {
        answers.push(("effort", Some(effort.to_string()), None));
    }
    if rng.random::<f64>() < 0.08 {
        let text = match overall {
            "very_good" => COMMENTS_GOOD[rng.random_range(0..COMMENTS_GOOD.len())],
            "average" => COMMENTS_MIXED[rng.random_range(0..COMMENTS_MIXED.len())],
            _ => COMMENTS_BAD[rng.random_range(0..COMMENTS_BAD.len())],
        };
        answers.push(("comment", None, Some(text.into())));
    }
    Some(Generated {
        at,
        english: rng.random::<f64>() < tp.english,
        answers,
    })
}

/// Visitors received per month by each demo service, before the season (the reception desk
/// sees most people; few answer the survey there, relative to the ID-card counter).
const FOOTFALL: [(&str, f64); 3] = [("accueil", 2600.0), ("cert", 1100.0), ("pan", 420.0)];

/// The quarterly figures of the demo organisation, by calendar quarter (Q1 to Q4), within the
/// ranges DOMAIN.md gives: what the referent enters from the telephony, the functional mailbox,
/// the complaints register and the title production's dashboard, with its source.
const QUARTER_FIGURES: [(&str, [f64; 4], &str); 7] = [
    (
        "call_pickup_rate",
        [91.2, 88.5, 93.4, 94.1],
        "statistiques du standard téléphonique",
    ),
    (
        "emails_within_5_days",
        [82.0, 79.5, 86.0, 88.5],
        "boîte fonctionnelle de la préfecture",
    ),
    (
        "complaints",
        [4.0, 6.0, 3.0, 5.0],
        "registre des réclamations",
    ),
    (
        "complaints_answered",
        [4.0, 5.0, 3.0, 5.0],
        "registre des réclamations",
    ),
    (
        "delay_id_cards",
        [24.0, 27.5, 18.0, 15.5],
        "tableau de bord ANTS",
    ),
    (
        "delay_driving_licences",
        [22.0, 29.0, 19.5, 17.0],
        "tableau de bord ANTS",
    ),
    (
        "delay_vehicle_registrations",
        [4.5, 4.8, 4.2, 4.1],
        "tableau de bord ANTS",
    ),
];

/// The figures the referent would enter for the demo organisation, with their source: each
/// service's monthly footfall, from the queue-management system (it weights the survey's shares
/// by service), and the quarterly figures of every quarter lying wholly within the demo's months
/// (the quarter under way has none yet, as on a real instance).
async fn seed_figures<C: sea_orm::ConnectionTrait>(
    db: &C,
    org: i32,
    service_ids: &[(&str, i32)],
    first: NaiveDate,
    now: DateTime<Utc>,
) -> DbResult<()> {
    use crate::entity::period_figure;
    use chrono::Months;
    use sea_orm::Set;
    let row =
        |service_id: i32, kind: &str, start: NaiveDate, months: u32, value: f64, source: &str| {
            let end = start
                .checked_add_months(Months::new(months))
                .and_then(|d| d.pred_opt())
                .unwrap_or(start);
            period_figure::ActiveModel {
                organisation_id: Set(org),
                service_id: Set(service_id),
                kind: Set(kind.to_owned()),
                period_start: Set(start),
                period_end: Set(end),
                value: Set(value),
                entered_by: Set("demo".to_owned()),
                entered_at: Set(now),
                source: Set(Some(source.to_owned())),
                ..Default::default()
            }
        };
    let mut rows = Vec::new();
    for month in 0..MONTHS {
        let Some(start) = first.checked_add_months(Months::new(month)) else {
            continue;
        };
        for (service, monthly) in FOOTFALL {
            let Some((_, service_id)) = service_ids.iter().find(|(c, _)| *c == service) else {
                continue;
            };
            let (volume, _) = season(start.month(), service);
            let source = "logiciel de gestion de la file d'attente";
            rows.push(row(
                *service_id,
                "footfall",
                start,
                1,
                (monthly * volume).round(),
                source,
            ));
        }
        let whole_quarter = month + 3 <= MONTHS && start.month0().is_multiple_of(3);
        if whole_quarter {
            let q = (start.month0() / 3) as usize;
            for (kind, values, source) in QUARTER_FIGURES {
                rows.push(row(0, kind, start, 3, values[q], source));
            }
        }
    }
    period_figure::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// Creates the demo organisation and its answers, unless it is already there. All or nothing.
pub async fn seed_demo(db: &DatabaseConnection, now: DateTime<Utc>) -> DbResult<SeedOutcome> {
    let txn = db.begin().await?;
    let exists = organisation::Entity::find()
        .filter(organisation::Column::Code.eq(ORGANISATION))
        .one(&txn)
        .await?;
    if exists.is_some() {
        txn.rollback().await?;
        return Ok(SeedOutcome::AlreadyThere);
    }
    let org = create_organisation(
        &txn,
        ORGANISATION,
        "Préfecture du Territoire de Belfort",
        now,
    )
    .await?;
    let prefecture = create_site(
        &txn,
        org,
        "prefecture",
        "Préfecture du Territoire de Belfort",
    )
    .await?;
    let mut service_ids = Vec::new();
    for (code, fr, en) in SERVICES {
        let id = create_service(&txn, org, code, &Translated::fr_en(fr, en)).await?;
        service_ids.push((code, id));
    }
    let survey_id = create_survey(
        &txn,
        org,
        "accueil",
        &Translated::fr_en("Votre avis sur l'accueil", "Your opinion of our reception"),
        now,
    )
    .await?;
    let first = NaiveDate::from_ymd_opt(FIRST_DAY.0, FIRST_DAY.1, FIRST_DAY.2).unwrap_or_default();
    let published = Paris
        .from_local_datetime(&first.and_hms_opt(0, 0, 0).unwrap_or_default())
        .earliest()
        .map_or(now, |d| d.with_timezone(&Utc));
    let version = publish_version(&txn, survey_id, &default_questionnaire(), published).await?;

    let mut rng = ChaCha8Rng::seed_from_u64(0x0B31_F0A7);
    let mut batch = Vec::new();
    for tp in &TOUCHPOINTS {
        let service_id = service_ids
            .iter()
            .find(|(c, _)| *c == tp.service)
            .map_or(0, |(_, id)| *id);
        let code = TouchpointCode::parse(tp.code).map_err(|e| DbError::Corrupt(e.to_string()))?;
        let touchpoint_id = create_touchpoint(
            &txn,
            NewTouchpoint {
                organisation_id: org,
                site_id: prefecture,
                service_id,
                survey_id,
                code: &code,
                name: &Translated::fr_en(tp.name.0, tp.name.1),
                channel: tp.channel,
            },
            published,
        )
        .await?;

        let mut day = first;
        let last = first
            .checked_add_months(chrono::Months::new(MONTHS))
            .unwrap_or(first);
        while day < last {
            let open = !matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
            if open {
                let (volume, _) = season(day.month(), tp.service);
                // About 21 open days a month.
                let mean = tp.monthly * volume / 21.0;
                let count = (mean + noise(&mut rng, mean.sqrt())).round().max(0.0) as usize;
                for _ in 0..count {
                    let Some(g) = generate(tp, day, &mut rng) else {
                        continue;
                    };
                    let mut answers = Vec::new();
                    for (code, choice, text) in g.answers {
                        let code = QuestionCode::parse(code)
                            .map_err(|e| DbError::Corrupt(e.to_string()))?;
                        if let Some(question_id) = version.question_id(&code) {
                            let value = match (choice, text) {
                                (Some(c), _) => AnswerValue::Choice(c),
                                (None, t) => AnswerValue::Text(t.unwrap_or_default()),
                            };
                            answers.push(NewAnswer {
                                question_id,
                                code,
                                value,
                            });
                        }
                    }
                    // The ID-card and passport counter works by appointment: about one
                    // visitor in four answers through the link sent after it (verified).
                    let verified = tp.service == "cert" && batch.len() % 4 == 0;
                    batch.push(NewResponse {
                        touchpoint_id,
                        survey_version_id: version.id,
                        submitted_at: g.at,
                        language: if g.english { Lang::En } else { Lang::Fr },
                        answers,
                        verified,
                    });
                }
            }
            day = day.succ_opt().unwrap_or(last);
        }
    }
    store_responses(&txn, &batch).await?;
    seed_figures(&txn, org, &service_ids, first, now).await?;
    let hash = crate::accounts::hash_password(DEMO_PASSWORD)?;
    crate::mystery::demo::seed(&txn, org, &service_ids, hash, now).await?;
    let total = batch.len();
    txn.commit().await?;
    Ok(SeedOutcome::Created { responses: total })
}
