//! The referential's mapping of questions and figures to engagements, stored as versioned JSON,
//! on SQLite and (with TEST_POSTGRES_URL) PostgreSQL.

use chrono::Utc;
use db::DbError;
use db::audit::Actor;
use db::entity::referential_version;
use db::mystery::grids::{referential, update_referential};
use db::test_support::FreshDatabase;
use domain::QuestionCode;
use domain::mystery::{Measures, Referential, default_measures, default_referential};
use sea_orm::{ActiveModelTrait, Set};

/// Stores `json` as the organisation's next referential version, as an older release would have.
async fn store_raw(d: &FreshDatabase, organisation_id: i32, json: String) {
    let (current, _) = referential(&d.db, organisation_id).await.expect("read");
    referential_version::ActiveModel {
        organisation_id: Set(organisation_id),
        version: Set(current + 1),
        definition: Set(json),
        created_at: Set(Utc::now()),
        created_by: Set("older release".into()),
        ..Default::default()
    }
    .insert(&d.db)
    .await
    .expect("insert");
}

fn measures_of(r: &Referential, id: &str) -> Option<Measures> {
    r.engagement(id).and_then(|e| e.measures.clone())
}

fn code(raw: &str) -> QuestionCode {
    QuestionCode::parse(raw).expect("code")
}

/// The referential with the questions of one engagement replaced.
fn with_questions(mut r: Referential, id: &str, questions: &[&str]) -> Referential {
    for e in &mut r.engagements {
        if e.id == id {
            let mut m = e.measures_or_seeded();
            m.questions = questions.iter().map(|q| code(q)).collect();
            e.measures = Some(m);
        }
    }
    r
}

fn refused_field(result: Result<i32, DbError>) -> String {
    match result {
        Err(DbError::Field { field, en, .. }) => format!("{field}: {en}"),
        other => panic!("expected a field error, got {other:?}"),
    }
}

async fn the_mapping_is_seeded_for_old_referentials_and_checked_on_save(d: FreshDatabase) {
    db::demo::seed_demo(&d.db, Utc::now()).await.expect("seed");
    let org = db::structure::organisations(&d.db).await.expect("orgs")[0].id;
    let actor = Actor::Account("referente@demo.example".into());

    // A referential stored before the mapping existed reads as the seeded mapping.
    let mut old = serde_json::to_value(default_referential()).expect("json");
    for e in old["engagements"].as_array_mut().expect("engagements") {
        e.as_object_mut().expect("object").remove("measures");
    }
    store_raw(&d, org, old.to_string()).await;
    let (_, read) = referential(&d.db, org).await.expect("read");
    assert_eq!(read, default_referential());

    // Emptied by the referent: stays empty, the others keep theirs.
    let emptied = with_questions(read.clone(), "M1-ACC-02", &[]);
    let v = update_referential(&d.db, &actor, org, &emptied, Utc::now())
        .await
        .expect("save");
    let (version, read) = referential(&d.db, org).await.expect("read");
    assert_eq!(version, v);
    assert_eq!(measures_of(&read, "M1-ACC-02"), Some(Measures::default()));
    assert_eq!(
        measures_of(&read, "M1-ACC-03"),
        Some(default_measures("M1-ACC-03"))
    );

    // A question of the questionnaire is accepted on any engagement.
    let moved = with_questions(read.clone(), "M1-TEL-02", &["courtesy"]);
    update_referential(&d.db, &actor, org, &moved, Utc::now())
        .await
        .expect("save");
    let (_, read) = referential(&d.db, org).await.expect("read");
    assert_eq!(
        measures_of(&read, "M1-TEL-02").map(|m| m.questions),
        Some(vec![code("courtesy")])
    );

    // Unknown questions, free text and unknown figures are refused, and nothing is stored.
    let unknown = with_questions(read.clone(), "M1-ACC-01", &["mood"]);
    let message = refused_field(update_referential(&d.db, &actor, org, &unknown, Utc::now()).await);
    assert!(
        message.starts_with("measures: Engagement M1-ACC-01") && message.contains("\"mood\""),
        "{message}"
    );
    let free_text = with_questions(read.clone(), "M1-ECO-02", &["comment"]);
    let message =
        refused_field(update_referential(&d.db, &actor, org, &free_text, Utc::now()).await);
    assert!(message.contains("not a closed question"), "{message}");
    let mut bad_figure = read.clone();
    for e in &mut bad_figure.engagements {
        if e.id == "M1-COU-02" {
            e.measures = Some(Measures {
                questions: vec![],
                figures: vec!["letters_within_15_days".into()],
            });
        }
    }
    let message =
        refused_field(update_referential(&d.db, &actor, org, &bad_figure, Utc::now()).await);
    assert!(
        message.contains("\"letters_within_15_days\" is not an entered figure"),
        "{message}"
    );
    let (version, _) = referential(&d.db, org).await.expect("read");
    assert_eq!(version, v + 1, "the refused saves stored nothing");

    // A question the engagement already named stays accepted after it left the questionnaire,
    // so that saving a threshold never fails on a mapping nobody touched.
    let stale = with_questions(read.clone(), "M1-ACC-01", &["retired_question"]);
    store_raw(&d, org, serde_json::to_string(&stale).expect("json")).await;
    let (_, read) = referential(&d.db, org).await.expect("read");
    update_referential(&d.db, &actor, org, &read, Utc::now())
        .await
        .expect("the untouched stale code is kept");
    let log = db::audit::latest(&d.db, Some(org), 10)
        .await
        .expect("audit");
    assert!(log.iter().any(|e| e.action == "referential.update"));
}
on_both_engines!(
    referential_mapping,
    the_mapping_is_seeded_for_old_referentials_and_checked_on_save
);
