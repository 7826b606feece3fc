//! Repository functions on a fresh database, on SQLite and (with TEST_POSTGRES_URL) PostgreSQL.

use chrono::Utc;
use db::test_support::{FreshDatabase, exported_rows};
use db::visitor::{Arrival, SubmitOutcome, find_touchpoint, submit_response};
use domain::{Lang, TouchpointCode, defaults::default_questionnaire, parse_submission};

/// The demo's touchpoint `code`, after seeding.
async fn seeded_touchpoint(
    d: &FreshDatabase,
    code: &str,
) -> (TouchpointCode, db::visitor::TouchpointSurvey) {
    db::demo::seed_demo(&d.db, Utc::now()).await.expect("seed");
    let code = TouchpointCode::parse(code).expect("code");
    let tp = find_touchpoint(&d.db, &code)
        .await
        .expect("find")
        .expect("exists");
    (code, tp)
}

/// A valid submission of the default questionnaire from (field, value) pairs.
fn submission(pairs: &[(&str, &str)]) -> domain::ParsedSubmission {
    let fields: Vec<(String, String)> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    parse_submission(&default_questionnaire(), &fields).expect("valid")
}

async fn demo_is_created_once_with_a_year_of_answers(d: FreshDatabase) {
    assert!(db::demo::is_empty(&d.db).await.expect("is_empty"));
    let first = db::demo::seed_demo(&d.db, Utc::now()).await.expect("seed");
    let db::demo::SeedOutcome::Created { responses } = first else {
        panic!("first seeding must create the demo");
    };
    assert_eq!(
        db::demo::seed_demo(&d.db, Utc::now())
            .await
            .expect("seed again"),
        db::demo::SeedOutcome::AlreadyThere
    );
    let all = exported_rows(&d.db, None).await;
    assert_eq!(all.len(), responses);
    let accueil = TouchpointCode::parse("belfort-accueil").expect("code");
    let at_reception = exported_rows(&d.db, Some(accueil.as_str())).await;
    assert!(
        at_reception.len() >= 500,
        "{} answers at the reception",
        at_reception.len()
    );
    let months: std::collections::BTreeSet<String> = all
        .iter()
        .map(|r| r.submitted_at.format("%Y-%m").to_string())
        .collect();
    assert_eq!(months.len(), 12, "twelve months of answers: {months:?}");
    for code in ["belfort-accueil", "belfort-cert", "belfort-pan"] {
        let code = TouchpointCode::parse(code).expect("code");
        let tp = find_touchpoint(&d.db, &code)
            .await
            .expect("find")
            .expect("exists");
        assert!(tp.takes_answers());
    }
    // Satisfaction within the brief's range (65-95 % by item): share of "very good".
    let very_good = all.iter().filter(|r| r.answers[0] == "very_good").count() as f64;
    let share = very_good / all.len() as f64;
    assert!((0.5..0.9).contains(&share), "very good share {share}");
    let top2 = all
        .iter()
        .filter(|r| r.answers[1] == "4" || r.answers[1] == "3")
        .count() as f64;
    let top2 = top2 / all.len() as f64;
    assert!((0.65..0.95).contains(&top2), "courtesy top-2 share {top2}");
}
on_both_engines!(demo_seeding, demo_is_created_once_with_a_year_of_answers);

async fn a_replayed_form_stores_one_response(d: FreshDatabase) {
    let (code, tp) = seeded_touchpoint(&d, "belfort-pan").await;
    let before = exported_rows(&d.db, Some(code.as_str())).await.len();
    let version = tp.version.clone().expect("published");
    let parsed = submission(&[
        ("q_overall", "average"),
        ("q_courtesy", "3"),
        ("q_wait", "gt30"),
        ("q_resolved", "partly"),
        ("q_comment", "Un peu d'attente"),
    ]);
    let key = "0f6c6a2e-5a1e-4d43-9c1b-1d2d3c4b5a69";
    let first = submit_response(
        &d.db,
        tp.touchpoint_id,
        &version,
        Lang::En,
        &parsed,
        Arrival {
            idempotency_key: key,
            link: None,
            now: Utc::now(),
        },
    )
    .await
    .expect("submit");
    let again = submit_response(
        &d.db,
        tp.touchpoint_id,
        &version,
        Lang::En,
        &parsed,
        Arrival {
            idempotency_key: key,
            link: None,
            now: Utc::now(),
        },
    )
    .await
    .expect("replay");
    assert_eq!(
        (first, again),
        (SubmitOutcome::Stored, SubmitOutcome::Replayed)
    );
    let rows = exported_rows(&d.db, Some(code.as_str())).await;
    assert_eq!(rows.len(), before + 1);
    let last = rows.last().expect("a row");
    assert_eq!(last.language, "en");
    assert_eq!(last.touchpoint, "belfort-pan");
    assert_eq!(last.channel, "pan");
    assert_eq!(
        last.answers,
        ["average", "3", "gt30", "partly", "", "Un peu d'attente"]
    );
    assert!(
        db::visitor::receipt_exists(&d.db, tp.touchpoint_id, key)
            .await
            .expect("receipt")
    );
}
on_both_engines!(idempotent_submission, a_replayed_form_stores_one_response);

async fn a_new_version_leaves_earlier_answers_on_theirs(d: FreshDatabase) {
    db::demo::seed_demo(&d.db, Utc::now()).await.expect("seed");
    let code = TouchpointCode::parse("belfort-cert").expect("code");
    let tp = find_touchpoint(&d.db, &code)
        .await
        .expect("find")
        .expect("exists");
    let v1 = tp.version.clone().expect("v1");
    let mut edited = v1.definition.clone();
    edited.questions.retain(|q| q.code.as_str() != "effort");
    let v2 = db::survey::publish_version(&d.db, tp.survey_id, &edited, Utc::now())
        .await
        .expect("publish");
    assert_eq!(v2.number, v1.number + 1);
    let tp = find_touchpoint(&d.db, &code)
        .await
        .expect("find")
        .expect("exists");
    assert_eq!(tp.version.as_ref().map(|v| v.id), Some(v2.id));
    // A visitor who loaded the page before publication still answers version 1.
    let old = db::visitor::version_for_form(&d.db, &tp, Some(v1.id), Utc::now())
        .await
        .expect("load")
        .expect("v1");
    assert_eq!(old.definition, v1.definition);
    // Once version 2 has been online for a day, an old form is answered against version 2.
    let next_day = Utc::now() + db::visitor::OLD_VERSION_GRACE;
    let stale = db::visitor::version_for_form(&d.db, &tp, Some(v1.id), next_day)
        .await
        .expect("load")
        .expect("v2");
    assert_eq!(stale.id, v2.id);
    let rows = exported_rows(&d.db, Some(code.as_str())).await;
    assert!(rows.iter().all(|r| r.survey_version == 1));
}
on_both_engines!(versioning, a_new_version_leaves_earlier_answers_on_theirs);

async fn daily_counts_always_match_the_answers(d: FreshDatabase) {
    let (_, tp) = seeded_touchpoint(&d, "belfort-accueil").await;
    let version = tp.version.clone().expect("published");
    let parsed = submission(&[
        ("q_overall", "bad"),
        ("q_courtesy", "1"),
        ("q_wait", "gt30"),
        ("q_resolved", "no"),
    ]);
    let now = Utc::now();
    submit_response(
        &d.db,
        tp.touchpoint_id,
        &version,
        Lang::Fr,
        &parsed,
        Arrival {
            idempotency_key: "key-counts-0001",
            link: None,
            now,
        },
    )
    .await
    .expect("submit");

    // Every answer is in the daily counts, and nothing else is.
    let raw = db::summary::raw_answer_counts(&d.db).await.expect("raw");
    let all_days = db::summary::period_counts(
        &d.db,
        &[1, 2, 3],
        chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("date"),
        chrono::NaiveDate::from_ymd_opt(2100, 12, 31).expect("date"),
        db::summary::Source::All,
        0,
    )
    .await
    .expect("counts");
    let from_counts: std::collections::BTreeMap<(String, String), i64> = all_days
        .questions
        .values()
        .flat_map(|q| {
            q.counts
                .iter()
                .map(|(c, n)| ((q.code.clone(), c.clone()), *n))
        })
        .collect();
    assert_eq!(from_counts, raw);
    let rows = exported_rows(&d.db, None).await;
    assert_eq!(all_days.respondents, rows.len() as i64);

    // One Paris month of one touchpoint, checked against the exported responses.
    let from = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
    let to = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).expect("date");
    let march = db::summary::period_counts(
        &d.db,
        &[tp.touchpoint_id],
        from,
        to,
        db::summary::Source::All,
        0,
    )
    .await
    .expect("march");
    let in_march: Vec<_> = exported_rows(&d.db, Some("belfort-accueil"))
        .await
        .into_iter()
        .filter(|r| (from..=to).contains(&db::store::paris_day(r.submitted_at)))
        .collect();
    assert!(!in_march.is_empty());
    assert_eq!(march.respondents, in_march.len() as i64);
    let very_good = in_march
        .iter()
        .filter(|r| r.answers[0] == "very_good")
        .count() as i64;
    assert_eq!(
        march.questions["overall"]
            .counts
            .get("very_good")
            .copied()
            .unwrap_or(0),
        very_good
    );
    assert_eq!(march.questions["overall"].n(), in_march.len() as i64);
    assert!(
        !march.questions.contains_key("comment"),
        "free text is not counted"
    );
}
on_both_engines!(daily_counts, daily_counts_always_match_the_answers);

async fn an_import_is_all_or_nothing_and_counted(d: FreshDatabase) {
    db::demo::seed_demo(&d.db, Utc::now()).await.expect("seed");
    let code = TouchpointCode::parse("belfort-pan").expect("code");
    let before = exported_rows(&d.db, Some("belfort-pan")).await.len();
    let good = "submitted_at,overall,courtesy,wait,comment\n\
                2025-01-15T09:30:00+01:00,very_good,4,lt10,Papier de janvier\n\
                2025-01-15T10:05:00+01:00,average,,20to30,\n\
                2025-01-16T14:00:00Z,bad,2,gt30,\"Trop d'attente, vraiment\"\n";
    let n = db::import::import_responses(
        &d.db,
        &db::audit::Actor::CommandLine,
        &code,
        good.as_bytes(),
        |_| {},
    )
    .await
    .expect("import");
    assert_eq!(n, 3);
    let rows = exported_rows(&d.db, Some("belfort-pan")).await;
    assert_eq!(rows.len(), before + 3);
    assert_eq!(
        rows[before + 1].answers,
        ["average", "", "20to30", "", "", ""]
    );
    assert_eq!(rows[before + 2].answers[5], "Trop d'attente, vraiment");
    let tp = find_touchpoint(&d.db, &code)
        .await
        .expect("find")
        .expect("exists");
    let january = db::summary::period_counts(
        &d.db,
        &[tp.touchpoint_id],
        chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
        chrono::NaiveDate::from_ymd_opt(2025, 1, 31).expect("date"),
        db::summary::Source::All,
        0,
    )
    .await
    .expect("counts");
    assert_eq!(january.respondents, 3);
    assert_eq!(january.questions["overall"].n(), 3);

    let bad = "submitted_at,overall,courtesy\n\
               2025-02-01T09:00:00+01:00,very_good,4\n\
               2025-02-01T09:10:00+01:00,very_good,7\n";
    let err = db::import::import_responses(
        &d.db,
        &db::audit::Actor::CommandLine,
        &code,
        bad.as_bytes(),
        |_| {},
    )
    .await
    .expect_err("a bad cell");
    assert_eq!(err.to_string().split(':').next(), Some("line 3, column 3"));
    let bad_date = "submitted_at,overall\nhier,bad\n";
    let err = db::import::import_responses(
        &d.db,
        &db::audit::Actor::CommandLine,
        &code,
        bad_date.as_bytes(),
        |_| {},
    )
    .await
    .expect_err("a bad date");
    assert!(err.to_string().starts_with("line 2, column 1"), "{err}");
    let bad_header = "submitted_at,overall,colour\n";
    let err = db::import::import_responses(
        &d.db,
        &db::audit::Actor::CommandLine,
        &code,
        bad_header.as_bytes(),
        |_| {},
    )
    .await
    .expect_err("a bad header");
    assert!(err.to_string().starts_with("line 1, column 3"), "{err}");
    assert_eq!(
        exported_rows(&d.db, Some("belfort-pan")).await.len(),
        before + 3,
        "nothing more stored"
    );
}
on_both_engines!(import, an_import_is_all_or_nothing_and_counted);

/// Migration 5 moved the answers from one row each into the response row; undoing and redoing
/// it keeps every answer of a year of demo data (free text included).
async fn answers_survive_the_layout_migration_both_ways(d: FreshDatabase) {
    use migrations::MigratorTrait;
    use sea_orm::{ConnectionTrait, Statement};
    db::demo::seed_demo(&d.db, Utc::now()).await.expect("seed");
    let before = exported_rows(&d.db, None).await;
    let cells = before
        .iter()
        .flat_map(|r| &r.answers)
        .filter(|a| !a.is_empty())
        .count();
    assert!(
        before
            .iter()
            .any(|r| r.answers.iter().any(|a| a.contains(' ')))
    );

    // Undo every migration from the fifth (the layout change) on.
    let after_layout = migrations::Migrator::migrations().len() as u32 - 4;
    migrations::Migrator::down(&d.db, Some(after_layout))
        .await
        .expect("down");
    let backend = d.db.get_database_backend();
    let row =
        d.db.query_one_raw(Statement::from_string(
            backend,
            "SELECT COUNT(*) AS n FROM answer",
        ))
        .await
        .expect("count")
        .expect("a row");
    let rows: i64 = row.try_get("", "n").expect("n");
    assert_eq!(rows, cells as i64, "one answer row per answered question");

    migrations::Migrator::up(&d.db, None).await.expect("up");
    assert_eq!(exported_rows(&d.db, None).await, before);
}
on_both_engines!(
    layout_migration,
    answers_survive_the_layout_migration_both_ways
);

/// Migration 13 rounds the times of answers already stored down to the hour, and those given
/// through a one-time link down to their day in Paris (00:30 in Paris is still that day).
async fn stored_times_lose_their_minutes_and_a_links_answer_its_hour(d: FreshDatabase) {
    use chrono::{TimeZone, Timelike};
    use db::entity::response;
    use migrations::MigratorTrait;
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let (_, tp) = seeded_touchpoint(&d, "belfort-cert").await;
    let version = tp.version.clone().expect("online");
    // Back to before the coarse times (the 13th migration) and every one after it.
    let after_coarse_times = migrations::Migrator::migrations().len() as u32 - 12;
    migrations::Migrator::down(&d.db, Some(after_coarse_times))
        .await
        .expect("down");
    let open = Utc
        .with_ymd_and_hms(2026, 11, 20, 10, 37, 12)
        .single()
        .expect("a time");
    // 00:30 in Paris on 2 December (UTC+1 in winter).
    let invited = Utc
        .with_ymd_and_hms(2026, 12, 1, 23, 30, 0)
        .single()
        .expect("a time");
    let mut ids = Vec::new();
    for (at, verified) in [(open, false), (invited, true)] {
        let row = response::ActiveModel {
            touchpoint_id: Set(tp.touchpoint_id),
            survey_version_id: Set(version.id),
            submitted_at: Set(at),
            language: Set("fr".into()),
            answers: Set("{}".into()),
            verified: Set(verified),
            ..Default::default()
        }
        .insert(&d.db)
        .await
        .expect("insert");
        ids.push(row.id);
    }
    migrations::Migrator::up(&d.db, None).await.expect("up");
    let time = |id| {
        let db = &d.db;
        async move {
            response::Entity::find_by_id(id)
                .one(db)
                .await
                .expect("read")
                .expect("row")
                .submitted_at
        }
    };
    assert_eq!(
        time(ids[0]).await,
        Utc.with_ymd_and_hms(2026, 11, 20, 10, 0, 0)
            .single()
            .expect("a time")
    );
    let day = time(ids[1]).await.with_timezone(&chrono_tz::Europe::Paris);
    assert_eq!(
        (day.date_naive().to_string(), day.hour(), day.minute()),
        ("2026-12-02".to_owned(), 0, 0)
    );
    // New answers are stored the same way.
    let stored = db::store::stored_time(open, false);
    assert_eq!(stored.minute(), 0);
    assert_eq!(db::store::stored_time(invited, true), time(ids[1]).await);
}
on_both_engines!(
    coarse_times,
    stored_times_lose_their_minutes_and_a_links_answer_its_hour
);

/// Migration 18 gives figures a source and enters delivery delays per kind of title: the delays
/// entered per service become the ID cards' and passports' delay of the organisation, averaged
/// over the services of each period; down and up again, the demo's figures are unchanged.
async fn title_delays_become_the_id_cards_delay_of_the_organisation(d: FreshDatabase) {
    use migrations::MigratorTrait;
    use sea_orm::{ConnectionTrait, DbBackend, Statement, Value};
    db::demo::seed_demo(&d.db, Utc::now()).await.expect("seed");
    let org = d.db.query_one_raw(Statement::from_string(
        d.db.get_database_backend(),
        "SELECT id FROM organisation WHERE code = 'belfort'",
    ));
    let org: i32 = org
        .await
        .expect("query")
        .expect("a row")
        .try_get("", "id")
        .expect("id");
    let before = db::figures::figures(&d.db, org).await.expect("figures");
    assert!(
        before
            .iter()
            .any(|f| f.kind == db::figures::FigureKind::DelayDrivingLicences)
    );
    migrations::Migrator::down(&d.db, Some(1))
        .await
        .expect("down");
    let backend = d.db.get_database_backend();
    let services = d.db.query_all_raw(Statement::from_string(
        backend,
        "SELECT id FROM service ORDER BY id",
    ));
    let services: Vec<i32> = services
        .await
        .expect("services")
        .iter()
        .map(|r| r.try_get("", "id").expect("id"))
        .collect();
    let sql = match backend {
        DbBackend::Postgres => {
            "INSERT INTO period_figure (organisation_id, service_id, kind, period_start, \
             period_end, value, entered_by, entered_at) VALUES ($1, $2, 'title_delay_days', \
             $3, $4, $5, 'referente', $6)"
        }
        _ => {
            "INSERT INTO period_figure (organisation_id, service_id, kind, period_start, \
             period_end, value, entered_by, entered_at) VALUES (?, ?, 'title_delay_days', \
             ?, ?, ?, 'referente', ?)"
        }
    };
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d).expect("day");
    for (service, value) in [(services[0], 20.0), (services[1], 23.0)] {
        d.db.execute_raw(Statement::from_sql_and_values(
            backend,
            sql,
            [
                Value::from(org),
                Value::from(service),
                Value::from(day(10, 1)),
                Value::from(day(12, 31)),
                Value::from(value),
                Value::from(Utc::now()),
            ],
        ))
        .await
        .expect("insert");
    }
    migrations::Migrator::up(&d.db, None).await.expect("up");
    let after = db::figures::figures(&d.db, org).await.expect("figures");
    let t4: Vec<_> = after.iter().filter(|f| f.period == "2025-T4").collect();
    assert_eq!(t4.len(), 1, "{t4:?}");
    assert_eq!(
        (t4[0].kind, t4[0].service.as_deref(), t4[0].value),
        (db::figures::FigureKind::DelayIdCards, None, 21.5)
    );
    // The demo's own figures: the ID cards' delays come back, sources dropped by the way down;
    // the other kinds of title, new with the migration, do not come back.
    let kept = |rows: &[db::figures::FigureRow]| {
        rows.iter()
            .filter(|f| f.period != "2025-T4")
            .filter(|f| {
                !matches!(
                    f.kind,
                    db::figures::FigureKind::DelayDrivingLicences
                        | db::figures::FigureKind::DelayVehicleRegistrations
                        | db::figures::FigureKind::ComplaintsAnswered
                )
            })
            .map(|f| (f.kind, f.service.clone(), f.period.clone(), f.value))
            .collect::<Vec<_>>()
    };
    assert_eq!(kept(&after), kept(&before));
}
on_both_engines!(
    figure_sources,
    title_delays_become_the_id_cards_delay_of_the_organisation
);
