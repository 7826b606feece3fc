//! Retention: each kind of data goes after its organisation's duration, the audit log lets only
//! its old rows go, and the referent's erasure of one comment or one response; on SQLite and
//! (with TEST_POSTGRES_URL) PostgreSQL.

use crate::database;
use chrono::{DateTime, TimeDelta, Utc};
use db::audit::Actor;
use db::comments::{CommentFilter, comments};
use db::entity::{account, audit_log, login_failure, mystery_test, response, response_count};
use db::erasure::{delete_response, erase_text};
use db::retention::{Retention, purge, purge_organisation, set_settings};
use db::test_support::{Engine, FreshDatabase};
use domain::Role;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

async fn demo(d: &FreshDatabase, now: DateTime<Utc>) -> i32 {
    db::demo::seed_demo(&d.db, now).await.expect("seed");
    db::structure::organisations(&d.db)
        .await
        .expect("organisations")[0]
        .id
}

async fn all_comments(d: &FreshDatabase, org: i32) -> Vec<db::comments::CommentRow> {
    comments(&d.db, org, &CommentFilter::default(), None, usize::MAX)
        .await
        .expect("comments")
}

async fn counted_responses(d: &FreshDatabase) -> i64 {
    response_count::Entity::find()
        .all(&d.db)
        .await
        .expect("counts")
        .iter()
        .map(|c| c.count)
        .sum()
}

async fn purge_applies_each_duration(d: FreshDatabase) {
    let seeded = Utc::now();
    let org = demo(&d, seeded).await;
    let responses = response::Entity::find().count(&d.db).await.expect("count");
    let commented = all_comments(&d, org).await.len();
    let tests = mystery_test::Entity::find().count(&d.db).await.expect("n");
    assert!(
        commented > 10 && tests > 0,
        "the demo has comments and tests"
    );
    let counted = counted_responses(&d).await;
    assert_eq!(counted, responses as i64);

    // A person invited, another deactivated: both at the seed's time.
    db::people::invite(
        &d.db,
        &Actor::CommandLine,
        org,
        "invitee@example.gouv.fr",
        Role::Viewer,
        seeded,
    )
    .await
    .expect("invite");
    let leaver = db::accounts::create_account(
        &d.db,
        &Actor::CommandLine,
        "leaver@example.gouv.fr",
        Role::Viewer,
        None,
        "une phrase de passe longue",
        seeded,
    )
    .await
    .expect("account");
    let referent = db::accounts::create_account(
        &d.db,
        &Actor::CommandLine,
        "referent@example.gouv.fr",
        Role::Referent,
        None,
        "une phrase de passe longue",
        seeded,
    )
    .await
    .expect("account");
    db::people::set_account_active(
        &d.db,
        &Actor::CommandLine,
        &referent,
        org,
        leaver.id,
        false,
        seeded,
    )
    .await
    .expect("deactivate");

    // The defaults keep responses five years, tests three, a deactivated account a year:
    // only the demo's comments of more than a year ago go.
    let first = purge_organisation(&d.db, org, seeded).await.expect("purge");
    assert_eq!(
        (
            first.responses,
            first.mystery_tests,
            first.links,
            first.accounts
        ),
        (0, 0, 0, 0)
    );
    let commented = all_comments(&d, org).await.len();

    // The shortest durations, applied 200 days later: every comment (all older than 30 days)
    // erased, the responses older than 365 days deleted, every test gone (older than 180),
    // the links and the leaver's address gone; the audit log (a year) keeps its rows.
    let shortest = Retention {
        free_text_days: 30,
        responses_days: 365,
        mystery_tests_days: 180,
        invitations_days: 1,
        deactivated_accounts_days: 30,
        audit_log_days: 365,
    };
    let refused = Retention {
        free_text_days: 400,
        ..shortest
    };
    assert!(
        set_settings(&d.db, &Actor::CommandLine, org, refused, seeded)
            .await
            .is_err(),
        "a comment kept longer than its response is refused"
    );
    set_settings(&d.db, &Actor::CommandLine, org, shortest, seeded)
        .await
        .expect("settings");
    let later = seeded + TimeDelta::days(200);
    let old_responses = response::Entity::find()
        .filter(response::Column::SubmittedAt.lt(later - TimeDelta::days(365)))
        .count(&d.db)
        .await
        .expect("count");
    assert!(old_responses > 0, "the demo's year reaches past the cutoff");
    let done = purge(&d.db, later).await.expect("purge");
    let (_, purged) = done
        .iter()
        .find(|(o, _)| *o == Some(org))
        .expect("the organisation's purge");
    assert_eq!(purged.responses, old_responses);
    assert!(purged.free_texts > 0 && purged.free_texts <= commented as u64);
    assert_eq!(purged.mystery_tests, tests);
    assert_eq!(purged.links, 1);
    assert_eq!(purged.accounts, 1);
    assert_eq!(purged.audit_entries, 0);
    assert!(all_comments(&d, org).await.is_empty(), "no comment left");
    assert_eq!(
        response::Entity::find().count(&d.db).await.expect("count"),
        responses - old_responses
    );
    assert_eq!(
        counted_responses(&d).await,
        counted,
        "the daily counts stay: past periods keep their figures"
    );
    assert_eq!(
        mystery_test::Entity::find().count(&d.db).await.expect("n"),
        0
    );
    let erased = account::Entity::find_by_id(leaver.id)
        .one(&d.db)
        .await
        .expect("read")
        .expect("the row stays");
    assert_eq!(
        erased.email,
        format!("erased-{}@{}", leaver.id, db::retention::ERASED_DOMAIN)
    );
    assert!(!erased.password_hash.starts_with("$argon2"));
    let still = account::Entity::find_by_id(referent.id)
        .one(&d.db)
        .await
        .expect("read")
        .expect("row");
    assert_eq!(
        still.email, "referent@example.gouv.fr",
        "active accounts stay"
    );

    // The purge is in the audit log with its counts, and a second one finds nothing.
    let log = db::audit::latest(&d.db, Some(org), 5).await.expect("log");
    let entry = log
        .iter()
        .find(|e| e.action == "retention.purge")
        .expect("audited");
    assert_eq!(entry.actor, "server:retention");
    let after: serde_json::Value =
        serde_json::from_str(entry.after.as_deref().expect("counts")).expect("json");
    assert_eq!(after["responses_deleted"], old_responses);
    let again = purge_organisation(&d.db, org, later).await.expect("again");
    assert_eq!(again, db::retention::Purged::default());
}
on_both_engines!(purge_durations, purge_applies_each_duration);

async fn audit_row(d: &FreshDatabase, org: Option<i32>, at: DateTime<Utc>, what: &str) -> i32 {
    audit_log::ActiveModel {
        at: Set(at),
        organisation_id: Set(org),
        actor: Set("command-line".into()),
        action: Set("test.row".into()),
        subject: Set(what.into()),
        ..Default::default()
    }
    .insert(&d.db)
    .await
    .expect("insert")
    .id
}

async fn remaining(d: &FreshDatabase, ids: &[i32]) -> Vec<i32> {
    audit_log::Entity::find()
        .select_only()
        .column(audit_log::Column::Id)
        .filter(audit_log::Column::Id.is_in(ids.iter().copied()))
        .order_by_asc(audit_log::Column::Id)
        .into_tuple::<i32>()
        .all(&d.db)
        .await
        .expect("read")
}

async fn audit_log_lets_only_old_rows_go(d: FreshDatabase) {
    let now = Utc::now();
    let org = demo(&d, now).await;
    let old = audit_row(&d, Some(org), now - TimeDelta::days(400), "old").await;
    let middle = audit_row(&d, Some(org), now - TimeDelta::days(200), "middle").await;
    let recent = audit_row(&d, Some(org), now - TimeDelta::days(2), "recent").await;
    let instance_old = audit_row(&d, None, now - TimeDelta::days(400), "instance").await;
    let instance_middle = audit_row(&d, None, now - TimeDelta::days(200), "instance").await;
    for (at, email) in [
        (now - TimeDelta::days(2), "old@example.gouv.fr"),
        (now - TimeDelta::hours(1), "new@example.gouv.fr"),
    ] {
        login_failure::ActiveModel {
            email: Set(email.into()),
            address: Set("hash".into()),
            at: Set(at),
            ..Default::default()
        }
        .insert(&d.db)
        .await
        .expect("failure");
    }

    // The database itself refuses to edit the log or delete a row younger than its retention.
    let backend = d.db.get_database_backend();
    let sql = |s: &str| sea_orm::Statement::from_string(backend, s.to_owned());
    for statement in [
        format!("DELETE FROM audit_log WHERE id = {recent}"),
        format!("DELETE FROM audit_log WHERE id = {middle}"),
        format!("UPDATE audit_log SET subject = 'x' WHERE id = {old}"),
    ] {
        assert!(
            d.db.execute_raw(sql(&statement)).await.is_err(),
            "refused: {statement}"
        );
    }
    if backend == sea_orm::DbBackend::Postgres {
        assert!(
            d.db.execute_raw(sql("TRUNCATE audit_log")).await.is_err(),
            "no TRUNCATE"
        );
    }
    let ids = [old, middle, recent, instance_old, instance_middle];
    assert_eq!(remaining(&d, &ids).await.len(), 5);

    // With the defaults (a year), the purge takes the rows older than a year only.
    purge(&d.db, now).await.expect("purge");
    assert_eq!(
        remaining(&d, &ids).await,
        vec![middle, recent, instance_middle]
    );
    let failures: Vec<String> = login_failure::Entity::find()
        .all(&d.db)
        .await
        .expect("failures")
        .into_iter()
        .map(|f| f.email)
        .collect();
    assert_eq!(failures, vec!["new@example.gouv.fr".to_owned()]);

    // Six months, the shortest allowed: the 200-day-old row may go now, and the database agrees.
    set_settings(
        &d.db,
        &Actor::CommandLine,
        org,
        Retention {
            audit_log_days: 180,
            ..Retention::default()
        },
        now,
    )
    .await
    .expect("settings");
    assert!(
        set_settings(
            &d.db,
            &Actor::CommandLine,
            org,
            Retention {
                audit_log_days: 90,
                ..Retention::default()
            },
            now,
        )
        .await
        .is_err(),
        "under six months is refused"
    );
    d.db.execute_raw(sql(&format!("DELETE FROM audit_log WHERE id = {middle}")))
        .await
        .expect("an old enough row may go");
    assert!(
        d.db.execute_raw(sql(&format!(
            "DELETE FROM audit_log WHERE id = {instance_middle}"
        )))
        .await
        .is_err(),
        "the instance's rows keep the default year"
    );
    let log = db::audit::latest(&d.db, None, 10).await.expect("log");
    assert!(
        log.iter().any(|e| e.action == "retention.purge"
            && e.after
                .as_deref()
                .is_some_and(|a| a.contains("\"sign_in_failures_deleted\":1"))),
        "the instance's purge is audited: {log:?}"
    );
}
on_both_engines!(audit_retention, audit_log_lets_only_old_rows_go);

async fn a_referent_erases_a_comment_or_a_response(d: FreshDatabase) {
    let now = Utc::now();
    let org = demo(&d, now).await;
    let found = all_comments(&d, org).await;
    let first = found[0].clone();
    let words: String = first.texts[0].1.chars().take(12).collect();

    // Found by its touchpoint, day and words (case ignored).
    let touchpoint = db::entity::touchpoint::Entity::find()
        .filter(db::entity::touchpoint::Column::Code.eq(first.touchpoint.as_str()))
        .one(&d.db)
        .await
        .expect("read")
        .expect("touchpoint")
        .id;
    let filter = CommentFilter {
        touchpoints: Some(vec![touchpoint]),
        days: Some((first.day, first.day)),
        contains: Some(words.to_uppercase()),
        ..CommentFilter::default()
    };
    let narrowed = comments(&d.db, org, &filter, None, 50)
        .await
        .expect("search");
    assert!(narrowed.iter().any(|c| c.id == first.id));
    assert!(
        narrowed
            .iter()
            .all(|c| c.day == first.day && c.touchpoint == first.touchpoint)
    );
    let other_org = comments(
        &d.db,
        org + 1000,
        &CommentFilter {
            touchpoints: Some(vec![touchpoint]),
            ..CommentFilter::default()
        },
        None,
        5,
    )
    .await
    .expect("search");
    assert!(other_org.is_empty(), "another organisation's touchpoint");

    // A reason is required; then the comment goes, the rest of the response stays.
    let actor = Actor::Account("referente@example.gouv.fr".into());
    assert!(matches!(
        erase_text(&d.db, &actor, org, first.id, "  ", now).await,
        Err(db::DbError::Field { .. })
    ));
    erase_text(&d.db, &actor, org, first.id, "nom d'un agent", now)
        .await
        .expect("erase");
    let row = response::Entity::find_by_id(first.id)
        .one(&d.db)
        .await
        .expect("read")
        .expect("the response stays");
    let answers = db::store::decode_answers(&row.answers).expect("answers");
    assert!(!answers.contains_key(&first.texts[0].0));
    assert!(!answers.is_empty(), "its other answers stay");
    assert!(!all_comments(&d, org).await.iter().any(|c| c.id == first.id));
    assert!(matches!(
        erase_text(&d.db, &actor, org, first.id, "again", now).await,
        Err(db::DbError::Field { .. })
    ));
    assert!(matches!(
        erase_text(&d.db, &actor, org + 1000, found[1].id, "not ours", now).await,
        Err(db::DbError::NotFound(_))
    ));

    // Deleting a whole response takes it out of the daily counts too.
    let before = counted_responses(&d).await;
    delete_response(&d.db, &actor, org, found[1].id, "demande de l'usager", now)
        .await
        .expect("delete");
    assert_eq!(counted_responses(&d).await, before - 1);
    assert!(
        response::Entity::find_by_id(found[1].id)
            .one(&d.db)
            .await
            .expect("read")
            .is_none()
    );
    let raw = db::summary::raw_answer_counts(&d.db).await.expect("raw");
    let tps: Vec<i32> = db::entity::touchpoint::Entity::find()
        .select_only()
        .column(db::entity::touchpoint::Column::Id)
        .filter(db::entity::touchpoint::Column::OrganisationId.eq(org))
        .into_tuple::<i32>()
        .all(&d.db)
        .await
        .expect("touchpoints");
    let all_days = db::summary::period_counts(
        &d.db,
        &tps,
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
    assert_eq!(from_counts, raw, "the counts still match the answers");

    // Both are audited with their reason, never with the comment.
    let log = db::audit::latest(&d.db, Some(org), 3).await.expect("log");
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions[..2], ["response.delete", "response.erase_text"]);
    assert!(
        log[1]
            .after
            .as_deref()
            .unwrap_or("")
            .contains("nom d'un agent")
    );
    for e in &log[..2] {
        let text = format!("{:?}{:?}", e.before, e.after);
        assert!(!text.contains(&first.texts[0].1), "no comment in the log");
    }
}
on_both_engines!(erasure, a_referent_erases_a_comment_or_a_response);

/// PostgreSQL: the application role reads and writes, purges, and cannot empty, edit, or
/// unprotect the audit log, nor touch the migrations.
#[tokio::test]
async fn an_application_role_cannot_empty_the_audit_log() {
    let Some(d) = database(Engine::Postgres).await else {
        return;
    };
    let role = format!("qa_app_{}", std::process::id());
    let sql = |s: String| sea_orm::Statement::from_string(sea_orm::DbBackend::Postgres, s);
    d.db.execute_raw(sql(format!(
        "DO $$ BEGIN CREATE ROLE {role} LOGIN PASSWORD 'app-secret'; \
         EXCEPTION WHEN duplicate_object THEN NULL; END $$"
    )))
    .await
    .expect("role");
    assert!(
        db::roles::grant_app_role(&d.db, "Robert'); DROP TABLE x")
            .await
            .is_err()
    );
    assert!(
        db::roles::grant_app_role(&d.db, "nobody_here")
            .await
            .is_err()
    );
    db::roles::grant_app_role(&d.db, &role)
        .await
        .expect("grants");
    let host = d.url.rsplit_once('@').expect("url").1;
    let app = db::connect(&format!("postgres://{role}:app-secret@{host}"))
        .await
        .expect("connect as the role");
    db::migrate_if_needed(&app)
        .await
        .expect("a migrated database: nothing to do");
    let now = Utc::now();
    let org = demo(&d, now).await;
    db::audit::record(
        &app,
        now,
        Some(org),
        &Actor::CommandLine,
        "test.row",
        "x",
        None,
        None,
    )
    .await
    .expect("append");
    purge(&app, now + TimeDelta::days(1)).await.expect("purge");
    for statement in [
        "TRUNCATE audit_log",
        "UPDATE audit_log SET subject = 'x'",
        "DELETE FROM audit_log",
        "ALTER TABLE audit_log DISABLE TRIGGER ALL",
        "DROP TRIGGER audit_log_append_only ON audit_log",
        "DELETE FROM seaql_migrations",
        "TRUNCATE response",
    ] {
        assert!(
            app.execute_raw(sql(statement.to_owned())).await.is_err(),
            "refused to the application role: {statement}"
        );
    }
    assert!(
        audit_log::Entity::find().count(&app).await.expect("read") > 0,
        "the log is whole"
    );
    app.close().await.expect("close");
    d.db.execute_raw(sql(format!("DROP OWNED BY {role}")))
        .await
        .expect("drop owned");
    let _ = d.db.execute_raw(sql(format!("DROP ROLE {role}"))).await;
}
