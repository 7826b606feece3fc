//! The visitors' anonymity against the organisation that runs the product: a kiosk's token reads
//! nothing, and no small group of answers can be read by differencing two summaries.

use crate::common::Api;
use domain::{Role, TouchpointCode};
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn a_kiosk_submits_answers_and_reads_nothing(api: Api) {
    let kiosk = api.token_of(Role::Kiosk).await;
    let answer = json!({"answers": {"overall": "very_good", "courtesy": "4", "wait": "lt10",
                                    "resolved": "yes"},
                        "idempotency_key": "kiosk-privacy-1"});
    let (status, body) = api
        .send(
            "POST",
            "/api/v1/touchpoints/belfort-cert/responses",
            Some(&kiosk),
            &answer.to_string(),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    for path in [
        "/api/v1/summary?touchpoint=belfort-cert&from=2025-11&to=2026-10",
        "/api/v1/responses?touchpoint=belfort-cert",
        "/api/v1/touchpoints",
        "/api/v1/surveys",
        "/api/v1/campaigns",
        "/api/v1/grids",
    ] {
        let (status, body) = api.get(path, Some(&kiosk)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}: {body}");
        assert_eq!(body["error"]["code"], "forbidden", "{path}");
    }
    // A kiosk is a token, never a person.
    let organisation = db::structure::organisations(&api.db)
        .await
        .expect("organisations")[0]
        .id;
    let refused = db::people::invite(
        &api.db,
        &db::audit::Actor::CommandLine,
        organisation,
        "borne@example.gouv.fr",
        Role::Kiosk,
        chrono::Utc::now(),
    )
    .await;
    assert!(matches!(refused, Err(db::DbError::Field { .. })));
}
on_both_engines!(kiosk, a_kiosk_submits_answers_and_reads_nothing);

/// The counts of every closed question of a summary: (question, answer) -> count.
fn counts(summary: &Value) -> Vec<(String, String, i64)> {
    let mut all = Vec::new();
    for q in summary["questions"].as_array().into_iter().flatten() {
        for (answer, n) in q["counts"].as_object().into_iter().flatten() {
            all.push((
                q["code"].as_str().unwrap_or("").to_owned(),
                answer.clone(),
                n.as_i64().unwrap_or(0),
            ));
        }
    }
    all
}

async fn two_overlapping_periods_never_reveal_a_small_group(api: Api) {
    // Two busy months at the PAN, then a first day of December with two answers only: a bad one
    // and a very good one (the review's attack: October-November against October-1 December).
    let mut csv = String::from("submitted_at,overall,courtesy,wait,comment\n");
    for month in ["10", "11"] {
        for day in 1..=12 {
            csv.push_str(&format!(
                "2024-{month}-{day:02}T10:00:00+01:00,average,3,10to20,\n"
            ));
        }
    }
    csv.push_str("2024-12-01T10:00:00+01:00,bad,1,gt30,\n");
    csv.push_str("2024-12-01T11:00:00+01:00,very_good,4,lt10,\n");
    let code = TouchpointCode::parse("belfort-pan").expect("code");
    let n = db::import::import_responses(
        &api.db,
        &db::audit::Actor::CommandLine,
        &code,
        std::io::Cursor::new(csv.into_bytes()),
        |_| {},
    )
    .await
    .expect("import");
    assert_eq!(n, 26);
    let token = api.token_of(Role::Viewer).await;
    let summary = |period: &'static str| {
        let (api, token) = (&api, token.clone());
        async move {
            api.get(
                &format!("/api/v1/summary?touchpoint=belfort-pan&{period}"),
                Some(&token),
            )
            .await
        }
    };
    // Periods are whole months: a period ending on 1 December is refused.
    let (status, body) = summary("from=2024-10-01&to=2024-12-01").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("whole months")),
        "{body}"
    );
    // October-November against October-December: December's two answers are in no figure.
    let (status, autumn) = summary("from=2024-10&to=2024-11").await;
    assert_eq!(status, StatusCode::OK, "{autumn}");
    let (status, with_december) = summary("from=2024-10-01&to=2024-12-31").await;
    assert_eq!(status, StatusCode::OK, "{with_december}");
    assert_eq!(autumn["respondents"], 24);
    assert_eq!(with_december["respondents"], 24);
    assert!(!counts(&autumn).is_empty());
    assert_eq!(counts(&autumn), counts(&with_december));
    assert_eq!(with_december["left_out_months"], json!(["2024-12"]));
    assert_eq!(autumn["left_out_months"], json!([]));
    // Nor by comparing December alone with nothing, nor through the earlier period.
    let (_, december) = summary("from=2024-12&to=2024-12").await;
    assert_eq!(december["respondents"], 0);
    assert!(counts(&december).is_empty());
    let (_, compared) =
        summary("from=2024-10&to=2024-11&compare_from=2024-10&compare_to=2024-12").await;
    assert_eq!(compared["compare"]["respondents"], 24);
    // The page says which month is left out and why.
    let session = crate::common::open_session(
        &api.db,
        "lecture-confidentialite@example.gouv.fr",
        Role::Viewer,
    )
    .await;
    let html = api
        .get_as(
            "/resultats?scope=touchpoint:belfort-pan&from=2024-10&to=2024-12",
            Some(&session),
        )
        .await
        .text()
        .await
        .expect("page");
    assert!(
        html.contains("Non comptées : les réponses de 2024-12"),
        "{html}"
    );
}
on_both_engines!(
    differencing,
    two_overlapping_periods_never_reveal_a_small_group
);

async fn a_token_has_its_ceiling_of_answers(engine: db::test_support::Engine) {
    let Some(api) = crate::common::spawn_with(engine, |c| c.max_per_token_per_hour = 2).await
    else {
        return;
    };
    let kiosk = api.token_of(Role::Kiosk).await;
    let other = api.token_of(Role::Kiosk).await;
    let send = |token: String, key: &'static str| {
        let api = &api;
        async move {
            let answer = json!({"answers": {"overall": "average", "courtesy": "3", "wait": "lt10",
                                            "resolved": "yes"},
                                "idempotency_key": key});
            api.send(
                "POST",
                "/api/v1/touchpoints/belfort-cert/responses",
                Some(&token),
                &answer.to_string(),
            )
            .await
        }
    };
    assert_eq!(
        send(kiosk.clone(), "ceiling-0001").await.0,
        StatusCode::CREATED
    );
    assert_eq!(
        send(kiosk.clone(), "ceiling-0002").await.0,
        StatusCode::CREATED
    );
    let (status, body) = send(kiosk.clone(), "ceiling-0003").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["error"]["code"], "too_many");
    // Another kiosk has its own ceiling.
    assert_eq!(send(other, "ceiling-0004").await.0, StatusCode::CREATED);
}

#[tokio::test]
async fn a_token_has_its_ceiling_of_answers_on_sqlite() {
    a_token_has_its_ceiling_of_answers(db::test_support::Engine::Sqlite).await;
}

#[tokio::test]
async fn a_token_has_its_ceiling_of_answers_on_postgres() {
    a_token_has_its_ceiling_of_answers(db::test_support::Engine::Postgres).await;
}

async fn the_home_page_lists_no_touchpoint(api: Api) {
    let resp = api.get_as("/", None).await;
    assert_eq!(resp.status(), StatusCode::OK);
    let html = resp.text().await.expect("page");
    for code in [
        "belfort-accueil",
        "belfort-pan",
        "belfort-cert",
        "/q/",
        "/affiche/",
    ] {
        assert!(!html.contains(code), "the anonymous home page shows {code}");
    }
}
on_both_engines!(home, the_home_page_lists_no_touchpoint);

async fn an_invitation_does_not_say_an_address_has_an_account_elsewhere(api: Api) {
    let now = chrono::Utc::now();
    let actor = db::audit::Actor::CommandLine;
    let ours = db::structure::organisations(&api.db)
        .await
        .expect("organisations")[0]
        .id;
    db::setup::create_organisation(&api.db, "loiret", "Préfecture du Loiret", now)
        .await
        .expect("organisation");
    let elsewhere = "agent.loiret@example.gouv.fr";
    db::accounts::create_account(
        &api.db,
        &actor,
        elsewhere,
        Role::Viewer,
        Some("loiret"),
        "un mot de passe assez long",
        now,
    )
    .await
    .expect("account");
    // Inviting it here goes like any invitation; its link does not open an account.
    let secret = db::people::invite(&api.db, &actor, ours, elsewhere, Role::Viewer, now)
        .await
        .expect("an invitation like any other");
    let accepted = db::people::accept_invitation(
        &api.db,
        &secret,
        "un autre mot de passe long",
        "un autre mot de passe long",
        now,
    )
    .await
    .expect("accept");
    assert!(accepted.is_none());
    // An account of this organisation is named: the referent sees it in the list anyway.
    db::accounts::create_account(
        &api.db,
        &actor,
        "agent.belfort@example.gouv.fr",
        Role::Viewer,
        Some(db::demo::ORGANISATION),
        "un mot de passe assez long",
        now,
    )
    .await
    .expect("account");
    let refused = db::people::invite(
        &api.db,
        &actor,
        ours,
        "agent.belfort@example.gouv.fr",
        Role::Viewer,
        now,
    )
    .await;
    assert!(
        matches!(&refused, Err(db::DbError::Field { fr, .. }) if fr.contains("a déjà un compte")),
        "{refused:?}"
    );
}
on_both_engines!(
    invitations,
    an_invitation_does_not_say_an_address_has_an_account_elsewhere
);

async fn every_response_has_a_policy_and_https_sites_pin_their_cookie(
    engine: db::test_support::Engine,
) {
    let Some(api) = crate::common::spawn_with(engine, |c| {
        c.public_base_url = "https://accueil.example.gouv.fr".into();
    })
    .await
    else {
        return;
    };
    for path in [
        "/",
        "/nulle-part",
        "/healthz",
        "/api/v1/touchpoints",
        "/q/inconnu",
    ] {
        let resp = api.get_as(path, None).await;
        let h = resp.headers();
        assert!(
            h.get("content-security-policy")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("default-src 'none'")),
            "{path}: no policy"
        );
        assert!(
            h.get("strict-transport-security")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("max-age=")),
            "{path}: no HSTS"
        );
    }
    let resp = sign_in(&api, "hote@example.gouv.fr").await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let cookie = resp.headers()["set-cookie"].to_str().expect("cookie");
    assert!(cookie.starts_with("__Host-qa_session="), "{cookie}");
    assert!(
        cookie.contains("; Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain="), "{cookie}");
}

#[tokio::test]
async fn every_response_has_a_policy_on_sqlite() {
    every_response_has_a_policy_and_https_sites_pin_their_cookie(db::test_support::Engine::Sqlite)
        .await;
}

#[tokio::test]
async fn every_response_has_a_policy_on_postgres() {
    every_response_has_a_policy_and_https_sites_pin_their_cookie(
        db::test_support::Engine::Postgres,
    )
    .await;
}

async fn every_survey_links_to_its_organisations_privacy_notice(api: Api) {
    let survey = api
        .get_as("/q/belfort-accueil", None)
        .await
        .text()
        .await
        .expect("survey");
    assert!(survey.contains("/q/belfort-accueil/confidentialite"));
    let poster = api
        .get_as("/affiche/belfort-accueil", None)
        .await
        .text()
        .await
        .expect("poster");
    assert!(poster.contains("/q/belfort-accueil/confidentialite"));
    // Until the referent gives it, the notice says the officer's contact is missing.
    let before = page(&api).await;
    assert!(before.contains("Base légale") && before.contains("Mission d'intérêt public"));
    assert!(before.contains("n'a pas encore été indiqué"));
    // The referent fills it in on the screen; a blank contact is refused with a message.
    let referent =
        crate::common::open_session(&api.db, "dpo-referent@example.gouv.fr", Role::Referent).await;
    let refused = api
        .post_as(
            "/admin/confidentialite",
            Some(&referent),
            &[("controller", "Préfecture"), ("dpo_contact", "  ")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(
        refused
            .text()
            .await
            .expect("page")
            .contains("Délégué à la protection")
    );
    let saved = api
        .post_as(
            "/admin/confidentialite",
            Some(&referent),
            &[
                (
                    "controller",
                    "Préfecture du Territoire de Belfort, représentée par le préfet",
                ),
                ("dpo_contact", "dpd@belfort.gouv.example <script>"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    let after = page(&api).await;
    assert!(after.contains("représentée par le préfet"));
    assert!(
        after.contains("dpd@belfort.gouv.example &lt;script&gt;"),
        "escaped"
    );
    assert!(!after.contains("n'a pas encore été indiqué"));
}
async fn page(api: &Api) -> String {
    let resp = api.get_as("/q/belfort-accueil/confidentialite", None).await;
    assert_eq!(resp.status(), StatusCode::OK);
    resp.text().await.expect("notice")
}

on_both_engines!(
    privacy_notice,
    every_survey_links_to_its_organisations_privacy_notice
);

/// The latest actions of the audit log, with who did them.
async fn audited(db: &db::Db) -> Vec<(String, String)> {
    db::audit::latest(db, None, 50)
        .await
        .expect("audit log")
        .into_iter()
        .map(|e| (e.action, e.actor))
        .collect()
}

async fn sign_ins_and_reads_of_raw_responses_are_audited(api: Api) {
    let referent = api.token_of(Role::Referent).await;
    let (status, _) = api
        .get(
            "/api/v1/responses?touchpoint=belfort-pan&limit=5",
            Some(&referent),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let log = audited(&api.db).await;
    assert!(
        log.iter()
            .any(|(action, actor)| action == "responses.read" && actor.contains("referent tests")),
        "{log:?}"
    );
    let resp = sign_in(&api, "audit-login@example.gouv.fr").await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let log = audited(&api.db).await;
    assert!(
        log.iter().any(|(action, actor)| action == "account.sign_in"
            && actor.contains("audit-login@example.gouv.fr")),
        "{log:?}"
    );
}
on_both_engines!(audit, sign_ins_and_reads_of_raw_responses_are_audited);

/// Signs a new committee member in with the sign-in form, as a browser on the site posts it.
async fn sign_in(api: &Api, email: &str) -> reqwest::Response {
    crate::common::open_session(&api.db, email, Role::Viewer).await;
    let body =
        serde_urlencoded::to_string([("email", email), ("password", crate::common::PASSWORD)])
            .expect("form");
    api.client
        .post(format!("{}/login", api.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(body)
        .send()
        .await
        .expect("login")
}
