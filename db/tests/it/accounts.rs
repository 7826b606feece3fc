//! Accounts, sessions, throttling and the audit log, on SQLite and (with TEST_POSTGRES_URL)
//! PostgreSQL.

use chrono::{TimeDelta, Utc};
use db::accounts::{SignIn, Throttle, create_account, session_account, sign_in};
use db::audit::Actor;
use db::test_support::FreshDatabase;
use domain::Role;

const PASSWORD: &str = "une phrase de passe longue";

async fn referent(d: &FreshDatabase) -> db::accounts::Account {
    db::demo::seed_demo(&d.db, Utc::now()).await.expect("seed");
    create_account(
        &d.db,
        &Actor::CommandLine,
        " Referente@Example.GOUV.fr",
        Role::Referent,
        None,
        PASSWORD,
        Utc::now(),
    )
    .await
    .expect("create")
}

async fn attempt(d: &FreshDatabase, email: &str, password: &str, address: &str) -> SignIn {
    sign_in(
        &d.db,
        email,
        password,
        address,
        &Throttle::default(),
        TimeDelta::hours(8),
        Utc::now(),
    )
    .await
    .expect("sign in")
}

async fn sign_in_opens_a_session_that_ends(d: FreshDatabase) {
    let account = referent(&d).await;
    assert_eq!(account.email, "referente@example.gouv.fr");
    assert!(account.organisation_id.is_some(), "the only organisation");

    let SignIn::Opened {
        secret, expires_at, ..
    } = attempt(&d, "REFERENTE@example.gouv.fr", PASSWORD, "1.2.3.4").await
    else {
        panic!("the right password opens a session");
    };
    let now = Utc::now();
    let found = session_account(&d.db, &secret, now).await.expect("lookup");
    assert_eq!(found.as_ref().map(|a| a.role), Some(Role::Referent));
    // Expired at its end, unknown when forged.
    assert_eq!(
        session_account(&d.db, &secret, expires_at)
            .await
            .expect("lookup"),
        None
    );
    assert_eq!(
        session_account(&d.db, "qs_0000", now)
            .await
            .expect("lookup"),
        None
    );
    // Signing out ends it; revoking ends every other one.
    db::accounts::end_session(&d.db, &secret, now)
        .await
        .expect("end");
    assert_eq!(
        session_account(&d.db, &secret, now).await.expect("lookup"),
        None
    );
    let SignIn::Opened { secret: second, .. } =
        attempt(&d, "referente@example.gouv.fr", PASSWORD, "1.2.3.4").await
    else {
        panic!("signs in again");
    };
    assert_eq!(
        db::accounts::revoke_sessions(&d.db, account.id, Utc::now())
            .await
            .expect("revoke"),
        1
    );
    assert_eq!(
        session_account(&d.db, &second, Utc::now())
            .await
            .expect("lookup"),
        None
    );

    // Wrong password and unknown address are refused alike.
    assert!(matches!(
        attempt(
            &d,
            "referente@example.gouv.fr",
            "pas le bon mot de passe",
            "1.2.3.4"
        )
        .await,
        SignIn::Refused
    ));
    assert!(matches!(
        attempt(&d, "personne@example.gouv.fr", PASSWORD, "1.2.3.4").await,
        SignIn::Refused
    ));
}
on_both_engines!(sessions, sign_in_opens_a_session_that_ends);

async fn five_failures_cool_the_account_down(d: FreshDatabase) {
    referent(&d).await;
    for i in 0..5 {
        let address = format!("10.0.0.{i}");
        assert!(matches!(
            attempt(
                &d,
                "referente@example.gouv.fr",
                "mauvais mot de passe",
                &address
            )
            .await,
            SignIn::Refused
        ));
    }
    // Even the right password, from a new address, is refused for a while.
    let SignIn::Throttled { retry_at, account } =
        attempt(&d, "referente@example.gouv.fr", PASSWORD, "10.9.9.9").await
    else {
        panic!("throttled");
    };
    assert!(account, "the account is cooling down");
    assert!(retry_at > Utc::now() + TimeDelta::minutes(14));
    // After the window, the right password works again.
    let later = Utc::now() + TimeDelta::minutes(16);
    let outcome = sign_in(
        &d.db,
        "referente@example.gouv.fr",
        PASSWORD,
        "10.9.9.9",
        &Throttle::default(),
        TimeDelta::hours(8),
        later,
    )
    .await
    .expect("sign in");
    assert!(matches!(outcome, SignIn::Opened { .. }));
}
on_both_engines!(throttle_per_account, five_failures_cool_the_account_down);

async fn a_burst_from_one_address_is_cooled_down(d: FreshDatabase) {
    referent(&d).await;
    let throttle = Throttle {
        per_address: 3,
        ..Throttle::default()
    };
    for i in 0..3 {
        let outcome = sign_in(
            &d.db,
            &format!("inconnu{i}@example.gouv.fr"),
            PASSWORD,
            "192.0.2.7",
            &throttle,
            TimeDelta::hours(8),
            Utc::now(),
        )
        .await
        .expect("sign in");
        assert!(matches!(outcome, SignIn::Refused));
    }
    let outcome = sign_in(
        &d.db,
        "referente@example.gouv.fr",
        PASSWORD,
        "192.0.2.7",
        &throttle,
        TimeDelta::hours(8),
        Utc::now(),
    )
    .await
    .expect("sign in");
    assert!(matches!(outcome, SignIn::Throttled { account: false, .. }));
    // Another address is not affected.
    assert!(matches!(
        attempt(&d, "referente@example.gouv.fr", PASSWORD, "192.0.2.8").await,
        SignIn::Opened { .. }
    ));
}
on_both_engines!(
    throttle_per_address,
    a_burst_from_one_address_is_cooled_down
);

async fn bad_accounts_are_refused_with_a_reason(d: FreshDatabase) {
    referent(&d).await;
    let create = |email: &'static str, role: Role, org: Option<&'static str>, pw: &'static str| {
        let db = d.db.clone();
        async move { create_account(&db, &Actor::CommandLine, email, role, org, pw, Utc::now()).await }
    };
    for (outcome, needle) in [
        (
            create("referente@example.gouv.fr", Role::Viewer, None, PASSWORD).await,
            "already has an account",
        ),
        (
            create("pas-une-adresse", Role::Viewer, None, PASSWORD).await,
            "not an e-mail address",
        ),
        (
            create("clu@example.fr", Role::Viewer, None, "court").await,
            "at least 12",
        ),
        (
            create("clu@example.fr", Role::Viewer, Some("nowhere"), PASSWORD).await,
            "unknown organisation",
        ),
        (
            create("admin@example.fr", Role::Admin, Some("demo"), PASSWORD).await,
            "no organisation",
        ),
    ] {
        match outcome {
            Err(db::DbError::Invalid(message)) => assert!(message.contains(needle), "{message}"),
            other => panic!("expected a refusal with {needle:?}, got {other:?}"),
        }
    }
    let admin = create("admin@example.fr", Role::Admin, None, PASSWORD)
        .await
        .expect("admin");
    assert_eq!(admin.organisation_id, None);
}
on_both_engines!(account_checks, bad_accounts_are_refused_with_a_reason);

async fn the_audit_log_records_and_cannot_be_edited(d: FreshDatabase) {
    use sea_orm::ConnectionTrait;
    let account = referent(&d).await;
    let entries = db::audit::latest(&d.db, account.organisation_id, 10)
        .await
        .expect("log");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].action, "account.create");
    assert_eq!(entries[0].actor, "command-line");
    assert!(
        entries[0]
            .after
            .as_deref()
            .is_some_and(|a| a.contains("referent"))
    );
    assert!(!entries[0].after.as_deref().unwrap_or("").contains("hash"));
    for sql in [
        "UPDATE audit_log SET actor = 'someone else'",
        "DELETE FROM audit_log",
    ] {
        assert!(
            d.db.execute_unprepared(sql).await.is_err(),
            "{sql} must fail"
        );
    }
    assert_eq!(
        db::audit::latest(&d.db, None, 10).await.expect("log"),
        entries
    );
}
on_both_engines!(audit, the_audit_log_records_and_cannot_be_edited);

/// Two identical creations at once: the unique index keeps one, and the other is recognised as
/// a duplicate (the screens then ask to choose another code, rather than answering 503).
async fn a_duplicate_is_recognised_as_such(d: FreshDatabase) {
    let now = Utc::now();
    db::setup::create_organisation(&d.db, "doubs", "Préfecture du Doubs", now)
        .await
        .expect("first");
    let second = db::setup::create_organisation(&d.db, "doubs", "Préfecture du Doubs", now)
        .await
        .expect_err("the index refuses the second");
    assert!(second.is_duplicate(), "{second:?}");
    let other = db::DbError::NotFound("x".into());
    assert!(!other.is_duplicate());
}
on_both_engines!(duplicates, a_duplicate_is_recognised_as_such);

async fn failures_keep_neither_the_address_nor_a_strangers_typing(d: FreshDatabase) {
    use db::entity::login_failure;
    use sea_orm::EntityTrait;
    use sha2::{Digest, Sha256};
    referent(&d).await;
    let throttle = Throttle::default();
    for email in ["referente@example.gouv.fr", "mon-mot-de-passe-secret"] {
        let outcome = sign_in(
            &d.db,
            email,
            "pas le bon mot de passe",
            "192.0.2.44",
            &throttle,
            TimeDelta::hours(8),
            Utc::now(),
        )
        .await
        .expect("sign in");
        assert!(matches!(outcome, SignIn::Refused));
    }
    let rows = login_failure::Entity::find()
        .all(&d.db)
        .await
        .expect("failures");
    assert_eq!(rows.len(), 2);
    let plain_hash: String = Sha256::digest("192.0.2.44".as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    for row in &rows {
        assert!(!row.address.contains("192.0.2.44") && row.address != plain_hash);
        assert!(!row.email.contains("mon-mot-de-passe"), "{}", row.email);
    }
    // An account's address is kept as typed (the referent reads whose account is attacked).
    assert!(rows.iter().any(|r| r.email == "referente@example.gouv.fr"));
    // The same address under the same key counts together.
    assert_eq!(rows[0].address, rows[1].address);
}
on_both_engines!(
    failure_privacy,
    failures_keep_neither_the_address_nor_a_strangers_typing
);

async fn a_token_expires_and_records_its_last_use_hourly(d: FreshDatabase) {
    use chrono::SubsecRound;
    db::demo::seed_demo(&d.db, Utc::now()).await.expect("seed");
    let t0 = Utc::now().trunc_subsecs(0);
    let token = db::tokens::create_token_until(
        &d.db,
        "borne",
        Role::Kiosk,
        None,
        t0 + TimeDelta::days(10),
        t0,
    )
    .await
    .expect("token");
    let last_use = || async { db::tokens::list_tokens(&d.db).await.expect("list")[0].last_used_at };
    assert_eq!(last_use().await, None);
    let at = |minutes: i64| t0 + TimeDelta::minutes(minutes);
    for (minutes, stored) in [(1, 1), (40, 1), (61, 1), (62, 62), (90, 62)] {
        let access = db::tokens::authenticate(&d.db, &token, at(minutes))
            .await
            .expect("authenticate");
        assert!(access.is_some(), "at {minutes} min");
        assert_eq!(last_use().await, Some(at(stored)), "at {minutes} min");
    }
    let last = t0 + TimeDelta::days(10) - TimeDelta::seconds(1);
    assert!(
        db::tokens::authenticate(&d.db, &token, last)
            .await
            .expect("auth")
            .is_some()
    );
    let end = t0 + TimeDelta::days(10);
    assert_eq!(
        db::tokens::authenticate(&d.db, &token, end)
            .await
            .expect("auth"),
        None
    );
    // An expiry date is a day after today in Paris.
    assert!(db::tokens::parse_expiry("2020-01-01", t0).is_err());
    assert!(db::tokens::parse_expiry("", t0).is_ok_and(|at| at == t0 + TimeDelta::days(365)));
}
on_both_engines!(
    token_expiry,
    a_token_expires_and_records_its_last_use_hourly
);

async fn a_reset_link_serves_once_within_a_day(d: FreshDatabase) {
    let referent = referent(&d).await;
    let org = referent.organisation_id.expect("an organisation");
    let actor = Actor::CommandLine;
    let t0 = Utc::now();
    let secret = db::account_care::create_reset_link(&d.db, &actor, org, referent.id, t0)
        .await
        .expect("link");
    assert!(secret.starts_with("qr_"));
    let hours = |h: i64| t0 + TimeDelta::hours(h);
    let view = db::account_care::reset_link(&d.db, &secret, hours(23))
        .await
        .expect("view");
    assert_eq!(view.map(|v| v.email), Some(referent.email.clone()));
    assert_eq!(
        db::account_care::reset_link(&d.db, &secret, hours(24))
            .await
            .expect("view"),
        None
    );
    // Another organisation's id is not found.
    assert!(matches!(
        db::account_care::create_reset_link(&d.db, &actor, org + 1000, referent.id, t0).await,
        Err(db::DbError::NotFound(_))
    ));

    let new = "une autre phrase de passe";
    let secret = db::account_care::create_reset_link(&d.db, &actor, org, referent.id, t0)
        .await
        .expect("link");
    let (a, b) = tokio::join!(
        db::account_care::use_reset_link(&d.db, &secret, new, new, hours(1)),
        db::account_care::use_reset_link(&d.db, &secret, new, new, hours(1)),
    );
    let served = [a.expect("first"), b.expect("second")]
        .into_iter()
        .filter(Option::is_some)
        .count();
    assert_eq!(served, 1, "two requests at once: one is served");
    let opened = sign_in(
        &d.db,
        &referent.email,
        new,
        "127.0.0.1",
        &Throttle::default(),
        TimeDelta::hours(1),
        Utc::now(),
    )
    .await
    .expect("sign in");
    assert!(matches!(opened, SignIn::Opened { .. }));
}
on_both_engines!(reset_link, a_reset_link_serves_once_within_a_day);
