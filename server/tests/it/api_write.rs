//! The API's write routes and its submission routes, on a real server with the demo data, on
//! SQLite and (with TEST_POSTGRES_URL) PostgreSQL: who may call them, what they change, and the
//! one-time survey links whose answers count as verified.

use crate::common::Api;
use chrono::{TimeDelta, Timelike, Utc};
use domain::Role;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Every write route, with a body that would be accepted from a referent's token.
fn write_routes() -> Vec<(&'static str, &'static str, Value)> {
    vec![
        (
            "POST",
            "/api/v1/sites",
            json!({"code": "sous-prefecture", "name": "Sous-préfecture"}),
        ),
        (
            "POST",
            "/api/v1/services",
            json!({"code": "naturalisation", "name_fr": "Naturalisation", "name_en": "Naturalisation"}),
        ),
        (
            "POST",
            "/api/v1/surveys",
            json!({"code": "courrier", "title_fr": "Courrier", "title_en": "Letters"}),
        ),
        (
            "POST",
            "/api/v1/touchpoints",
            json!({"code": "belfort-etrangers", "name_fr": "Étrangers", "site": "prefecture",
                   "service": "accueil", "survey": "accueil", "channel": "counter"}),
        ),
        (
            "PUT",
            "/api/v1/touchpoints/belfort-pan",
            json!({"name_fr": "Point numérique", "site": "prefecture", "service": "pan",
                   "survey": "accueil", "channel": "pan"}),
        ),
        (
            "PUT",
            "/api/v1/touchpoints/belfort-pan/active",
            json!({"on": true}),
        ),
        (
            "PUT",
            "/api/v1/surveys/accueil/draft",
            json!({"questions": [{
                "code": "overall", "kind": "jdma3", "required": true,
                "text": {"fr": "Comment s'est passée votre venue ?", "en": "How did it go?"},
                "options": [
                    {"code": "very_good", "label": {"fr": "Très bien", "en": "Very well"}},
                    {"code": "average", "label": {"fr": "Moyennement", "en": "So-so"}},
                    {"code": "bad", "label": {"fr": "Pas bien", "en": "Badly"}}
                ]
            }]}),
        ),
        ("POST", "/api/v1/surveys/accueil/publish", json!({})),
        ("PUT", "/api/v1/surveys/accueil/open", json!({"on": true})),
        (
            "PUT",
            "/api/v1/figures",
            json!({"kind": "complaints", "period": "2026-T1", "value": 4}),
        ),
        (
            "POST",
            "/api/v1/survey-links",
            json!({"touchpoint": "belfort-cert"}),
        ),
    ]
}

async fn write_routes_need_a_managers_token(api: Api) {
    let viewer = api.token_of(Role::Viewer).await;
    let shopper = api.token_of(Role::Shopper).await;
    for (method, path, body) in write_routes() {
        let body = body.to_string();
        let (status, answer) = api.send(method, path, None, &body).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path}");
        assert_eq!(
            answer["error"]["code"], "unauthenticated",
            "{method} {path}"
        );
        for token in [&viewer, &shopper] {
            let (status, answer) = api.send(method, path, Some(token), &body).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path}: {answer}");
        }
    }
    // Nothing was written by the refused calls.
    let structure = db::structure::structure(&api.db, organisation(&api).await)
        .await
        .expect("structure");
    assert!(!structure.sites.iter().any(|s| s.code == "sous-prefecture"));
    assert!(
        db::audit::latest(&api.db, None, 50)
            .await
            .expect("audit")
            .iter()
            .all(|e| !e.actor.starts_with("token:")),
        "refused calls left no audit entry"
    );
}
on_both_engines!(write_access, write_routes_need_a_managers_token);

async fn organisation(api: &Api) -> i32 {
    db::structure::organisations(&api.db)
        .await
        .expect("organisations")
        .into_iter()
        .find(|o| o.code == db::demo::ORGANISATION)
        .expect("demo organisation")
        .id
}

async fn a_referents_token_does_what_the_screens_do(api: Api) {
    let referent = api.token_of(Role::Referent).await;
    let t = Some(referent.as_str());
    for (method, path, body) in write_routes() {
        let (status, answer) = api.send(method, path, t, &body.to_string()).await;
        assert!(status.is_success(), "{method} {path}: {status} {answer}");
    }
    // A survey built over the API: default draft replaced, published, on a new touchpoint.
    let draft = json!({"questions": [{
        "code": "overall", "kind": "jdma3", "required": true,
        "text": {"fr": "Comment s'est passé votre échange ?", "en": "How did it go?"},
        "options": [
            {"code": "bad", "label": {"fr": "Mal", "en": "Badly"}},
            {"code": "average", "label": {"fr": "Moyen", "en": "Average"}},
            {"code": "very_good", "label": {"fr": "Très bien", "en": "Very well"}}
        ]
    }]});
    let (status, body) = api
        .send(
            "PUT",
            "/api/v1/surveys/courrier/draft",
            t,
            &draft.to_string(),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = api
        .send("POST", "/api/v1/surveys/courrier/publish", t, "")
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["version"], 1);
    let (status, body) = api
        .send(
            "PUT",
            "/api/v1/touchpoints/belfort-etrangers",
            t,
            &json!({"name_fr": "Courrier des étrangers", "site": "sous-prefecture",
                    "service": "naturalisation", "survey": "courrier", "channel": "email"})
            .to_string(),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, list) = api.get("/api/v1/touchpoints", t).await;
    let moved = list
        .as_array()
        .expect("list")
        .iter()
        .find(|tp| tp["code"] == "belfort-etrangers")
        .expect("the new touchpoint is listed");
    assert_eq!(moved["survey"], "courrier");
    assert_eq!(moved["site"], "sous-prefecture");
    assert_eq!(moved["channel"], "email");
    let (_, surveys) = api.get("/api/v1/surveys", t).await;
    let courrier = surveys
        .as_array()
        .expect("surveys")
        .iter()
        .find(|s| s["code"] == "courrier")
        .expect("listed");
    assert_eq!(courrier["questions"][0]["code"], "overall");

    // Refusals say which field, and never half-write.
    let (status, body) = api
        .send(
            "POST",
            "/api/v1/sites",
            t,
            &json!({"code": "sous-prefecture", "name": "Encore"}).to_string(),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "code");
    let (status, body) = api
        .send(
            "PUT",
            "/api/v1/surveys/courrier/draft",
            t,
            &json!({"questions": [{"code": "x", "kind": "jdma3", "required": true,
                    "text": {"fr": "", "en": ""}, "options": []}]})
            .to_string(),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    let (status, _) = api
        .send(
            "PUT",
            "/api/v1/touchpoints/nowhere/active",
            t,
            r#"{"on": false}"#,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, body) = api
        .send(
            "PUT",
            "/api/v1/surveys/courrier/open",
            t,
            r#"{"on": "yes"}"#,
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    // Every change is in the audit log under the token's name.
    let log = db::audit::latest(&api.db, None, 100).await.expect("audit");
    let by_token: Vec<&str> = log
        .iter()
        .filter(|e| e.actor == "token:referent tests")
        .map(|e| e.action.as_str())
        .collect();
    for action in [
        "site.create",
        "service.create",
        "survey.create",
        "touchpoint.create",
        "touchpoint.update",
        "survey.draft.replace",
        "survey.publish",
        "figure.set",
        "survey_link.create",
    ] {
        assert!(by_token.contains(&action), "{action} in {by_token:?}");
    }
}
on_both_engines!(write_routes, a_referents_token_does_what_the_screens_do);

/// The secret of a link address.
fn secret(link: &str) -> &str {
    link.split_once("?i=").expect("a link with its secret").1
}

/// Today's respondents of the certificates counter from `source`, read from the daily counts as
/// they are (the summaries leave out month cells of fewer than `HIDDEN_BELOW` answers, which a
/// handful of test answers would be).
async fn respondents(api: &Api, source: &str) -> i64 {
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let code = domain::TouchpointCode::parse("belfort-cert").expect("code");
    let cert = db::visitor::find_touchpoint(&api.db, &code)
        .await
        .expect("find")
        .expect("exists");
    let source = db::summary::Source::parse(source).expect("source");
    db::summary::respondents(&api.db, &[cert.touchpoint_id], today, today, source, 0)
        .await
        .expect("respondents")
}

async fn a_survey_link_takes_one_verified_answer(api: Api) {
    let referent = api.token_of(Role::Referent).await;
    let (status, issued) = api
        .send(
            "POST",
            "/api/v1/survey-links",
            Some(&referent),
            &json!({"touchpoint": "belfort-cert", "count": 3, "valid_days": 7}).to_string(),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{issued}");
    let links: Vec<String> = issued["links"]
        .as_array()
        .expect("links")
        .iter()
        .map(|l| l.as_str().expect("link").to_owned())
        .collect();
    assert_eq!(links.len(), 3);
    assert!(links[0].contains("/q/belfort-cert?i=ql_"), "{}", links[0]);
    let before = (
        respondents(&api, "invited").await,
        respondents(&api, "open").await,
    );

    // The visitor follows the first link: the form carries it, the answer is verified.
    let page = api
        .get_as(&format!("/q/belfort-cert?i={}", secret(&links[0])), None)
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("page");
    assert!(html.contains(&format!("name=\"i\" value=\"{}\"", secret(&links[0]))));
    let form = |idem: &'static str, link: &str| {
        vec![
            ("idem", idem.to_owned()),
            ("lang", "fr".to_owned()),
            ("i", link.to_owned()),
            ("q_overall", "very_good".to_owned()),
            ("q_courtesy", "4".to_owned()),
            ("q_wait", "lt10".to_owned()),
            ("q_resolved", "yes".to_owned()),
        ]
    };
    let post = |fields: Vec<(&'static str, String)>| {
        let api = &api;
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            api.post_as("/q/belfort-cert", None, &pairs).await
        }
    };
    let stored = post(form("first-answer-1", secret(&links[0]))).await;
    assert_eq!(stored.status(), StatusCode::SEE_OTHER);
    // A double tap of the same form is the same answer.
    let again = post(form("first-answer-1", secret(&links[0]))).await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    // A second answer through the same link is refused, and the page says why.
    let reused = post(form("second-answer", secret(&links[0]))).await;
    assert_eq!(reused.status(), StatusCode::GONE);
    assert!(
        reused
            .text()
            .await
            .expect("page")
            .contains("Ce lien n'est plus valable")
    );
    // Opening the link again shows the same page as an unused link: probing it tells nobody
    // when it served.
    let spent = api
        .get_as(&format!("/q/belfort-cert?i={}", secret(&links[0])), None)
        .await;
    assert_eq!(spent.status(), StatusCode::OK);
    let unused = api
        .get_as(&format!("/q/belfort-cert?i={}", secret(&links[2])), None)
        .await;
    assert_eq!(unused.status(), StatusCode::OK);
    let strip = |html: String, link: &str| {
        let html = html.replace(link, "LINK");
        let idem = html
            .split("name=\"idem\" value=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default()
            .to_owned();
        html.replace(&idem, "IDEM")
    };
    assert_eq!(
        strip(spent.text().await.expect("page"), secret(&links[0])),
        strip(unused.text().await.expect("page"), secret(&links[2])),
        "a used link's page is an unused link's"
    );
    // The answer is kept with its day only (midnight in Paris), not its time.
    let referent = api.token_of(Role::Referent).await;
    let (_, page) = api
        .get(
            "/api/v1/responses?touchpoint=belfort-cert&limit=1000",
            Some(&referent),
        )
        .await;
    let newest = page["responses"]
        .as_array()
        .and_then(|r| r.last())
        .expect("the answer");
    let at: chrono::DateTime<Utc> = newest["submitted_at"]
        .as_str()
        .and_then(|t| t.parse().ok())
        .expect("a time");
    let paris = at.with_timezone(&chrono_tz::Europe::Paris);
    assert_eq!(
        (paris.hour(), paris.minute(), paris.date_naive()),
        (
            0,
            0,
            Utc::now()
                .with_timezone(&chrono_tz::Europe::Paris)
                .date_naive()
        ),
        "{at}"
    );
    // The link that served is gone: nothing is left to tie it to the answer.
    let cert = db::visitor::find_touchpoint(
        &api.db,
        &domain::TouchpointCode::parse("belfort-cert").expect("code"),
    )
    .await
    .expect("find")
    .expect("touchpoint");
    let state =
        db::survey_links::link_state(&api.db, cert.touchpoint_id, secret(&links[0]), Utc::now())
            .await
            .expect("state");
    assert_eq!(
        state,
        db::survey_links::LinkState::Unknown,
        "deleted, not marked"
    );
    // A forged link shows the form too, and its answer is refused.
    let forged = api.get_as("/q/belfort-cert?i=ql_0000", None).await;
    assert_eq!(forged.status(), StatusCode::OK);
    assert_eq!(
        post(form("forged-answer", "ql_0000")).await.status(),
        StatusCode::GONE
    );
    // A link of one touchpoint takes no answer at another.
    let fields = form("elsewhere-answer", secret(&links[1]));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let elsewhere = api.post_as("/q/belfort-accueil", None, &pairs).await;
    assert_eq!(elsewhere.status(), StatusCode::GONE);

    // A kiosk sends the second invited answer in JSON; the open counter one more, unverified.
    let kiosk = api.token_of(Role::Kiosk).await;
    let submit = |body: Value| {
        let api = &api;
        let kiosk = kiosk.clone();
        async move {
            api.send(
                "POST",
                "/api/v1/touchpoints/belfort-cert/responses",
                Some(&kiosk),
                &body.to_string(),
            )
            .await
        }
    };
    let invited = json!({"answers": {"overall": "average", "courtesy": "3", "wait": "lt10", "resolved": "partly"},
                         "idempotency_key": "kiosk-answer-1", "link": secret(&links[1])});
    let (status, body) = submit(invited.clone()).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body, json!({"status": "stored", "verified": true}));
    let (status, body) = submit(invited).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["status"], "replayed");
    let full =
        |_: &str| json!({"overall": "bad", "courtesy": "2", "wait": "gt30", "resolved": "no"});
    let (status, body) = submit(json!({"answers": full("x"),
        "idempotency_key": "kiosk-answer-2", "link": secret(&links[1])}))
    .await;
    assert_eq!(status, StatusCode::GONE, "{body}");
    assert_eq!(body["error"]["code"], "link_spent");
    let (status, body) = submit(json!({"answers": full("y"),
        "idempotency_key": "kiosk-answer-3"}))
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["verified"], false);
    let (status, body) = submit(json!({"answers": {"overall": "splendid", "courtesy": ""},
        "idempotency_key": "kiosk-answer-4"}))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "overall");
    // A question the survey does not have is refused, not silently dropped.
    let (status, body) = submit(json!({"answers": {"overall": "bad", "courtesy": "2",
        "wait": "gt30", "resolved": "no", "overal": "bad"}, "idempotency_key": "kiosk-answer-5"}))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["error"]["fields"][0]["field"], "overal");

    // The results tell the two apart.
    assert_eq!(respondents(&api, "invited").await, before.0 + 2);
    assert_eq!(respondents(&api, "open").await, before.1 + 1);
    assert_eq!(
        respondents(&api, "all").await,
        before.0 + before.1 + 3,
        "all = invited + open"
    );
    let (status, body) = api
        .get(
            "/api/v1/summary?touchpoint=belfort-cert&from=2026-01-01&to=2026-01-31&source=paper",
            Some(&api.token),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");

    // An expired link serves no more; links never cross organisations.
    let expired = db::survey_links::issue_links(
        &api.db,
        &db::audit::Actor::CommandLine,
        None,
        "belfort-cert",
        1,
        1,
        Utc::now() - TimeDelta::days(2),
    )
    .await
    .expect("links");
    let expired_answer = {
        let fields = form("expired-answer", &expired.secrets[0]);
        post(fields).await
    };
    assert_eq!(expired_answer.status(), StatusCode::GONE);
    let other = db::structure::add_organisation(
        &api.db,
        &db::audit::Actor::CommandLine,
        "loiret",
        "Préfecture du Loiret",
        Utc::now(),
    )
    .await;
    assert!(other.is_ok());
    let loiret = db::tokens::create_token(
        &api.db,
        "loiret",
        Role::Referent,
        Some("loiret"),
        Utc::now(),
    )
    .await
    .expect("token");
    let (status, body) = api
        .send(
            "POST",
            "/api/v1/survey-links",
            Some(&loiret),
            r#"{"touchpoint": "belfort-cert"}"#,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _) = api
        .send(
            "POST",
            "/api/v1/touchpoints/belfort-cert/responses",
            Some(&loiret),
            r#"{"answers": {"overall": "bad"}, "idempotency_key": "elsewhere-1"}"#,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
on_both_engines!(survey_links, a_survey_link_takes_one_verified_answer);

/// Hostile bodies and path values on every write route answer a 4xx with a JSON error, never a
/// 5xx (the body side of the fuzzer over the OpenAPI document).
async fn no_body_makes_a_write_route_fail(api: Api) {
    let referent = api.token_of(Role::Referent).await;
    let (_, doc) = api.get("/api/v1/openapi.json", None).await;
    let long = "x".repeat(5000);
    let bodies = [
        String::new(),
        "null".to_owned(),
        "[]".to_owned(),
        "{".to_owned(),
        "{}".to_owned(),
        r#"{"code": 5}"#.to_owned(),
        r#"{"code": "", "name": "", "name_fr": "", "title_fr": "", "touchpoint": ""}"#.to_owned(),
        format!(r#"{{"code": "{long}", "name": "{long}", "name_fr": "{long}"}}"#),
        r#"{"code": "'; DROP TABLE site; --", "name": "x", "name_fr": "x", "title_fr": "x"}"#
            .to_owned(),
        r#"{"touchpoint": "belfort-cert", "count": 100000, "valid_days": -1}"#.to_owned(),
        r#"{"kind": "footfall", "period": "2026-13", "value": 1e309}"#.to_owned(),
        r#"{"questions": [{"code": "a"}]}"#.to_owned(),
        r#"{"on": null}"#.to_owned(),
        r#"{"answers": {"overall": 3}, "idempotency_key": "x"}"#.to_owned(),
        r#"{"code": "a\u0000b", "name": "\u0000", "name_fr": "\u0000", "touchpoint": "\u0000"}"#
            .to_owned(),
    ];
    let mut tried = 0;
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for method in ["post", "put"] {
            if !item[method].is_object() {
                continue;
            }
            let verb = method.to_uppercase();
            for raw_path in [
                path.replace("{code}", "belfort-cert"),
                path.replace("{code}", "%00"),
                path.replace("{code}", &long),
            ] {
                for body in &bodies {
                    let (status, answer) = api.send(&verb, &raw_path, Some(&referent), body).await;
                    tried += 1;
                    assert!(
                        status.is_success() || status.is_client_error(),
                        "{method} {raw_path} with {body:.80} answered {status}"
                    );
                    if status.is_client_error() && status != StatusCode::NOT_FOUND {
                        assert!(
                            answer["error"]["code"].is_string(),
                            "{method} {raw_path} with {body:.80}: {answer}"
                        );
                    }
                }
                if !path.contains("{code}") {
                    break;
                }
            }
        }
    }
    assert!(tried > 150, "{tried}");
}
on_both_engines!(fuzz_bodies, no_body_makes_a_write_route_fail);
