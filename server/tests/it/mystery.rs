//! Mystery tests on a real server with the demo data, on SQLite and (with TEST_POSTGRES_URL)
//! PostgreSQL: grids and campaigns in the API, and results that agree with a recomputation from
//! the raw CSV export.

use crate::common::{Api, revision_of};
use reqwest::StatusCode;
use serde_json::Value;
use server::export::sheet::SheetFormat;
use std::collections::HashMap;

/// Whether an exported answer passes a rule as the API describes it.
fn passes(rule: &Value, answer: &str) -> bool {
    if rule.get("yes").is_some() || rule == "yes" {
        return answer == "yes";
    }
    let number = answer.parse::<f64>().unwrap_or(f64::NAN);
    if let Some(t) = rule.get("at_least").and_then(Value::as_f64) {
        return number >= t;
    }
    if let Some(t) = rule.get("at_most").and_then(Value::as_f64) {
        return number <= t;
    }
    panic!("unknown rule {rule}")
}

async fn results_agree_with_the_raw_export(api: Api) {
    let (status, grids) = api.get("/api/v1/grids", Some(&api.token)).await;
    assert_eq!(status, StatusCode::OK, "{grids}");
    let call = grids
        .as_array()
        .expect("grids")
        .iter()
        .find(|g| g["code"] == "call")
        .expect("the default call grid")
        .clone();
    let codes: Vec<&str> = call["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .filter_map(|c| c["code"].as_str())
        .collect();
    assert_eq!(codes.first(), Some(&"C01"));
    assert_eq!(codes.last(), Some(&"C17"));
    assert_eq!(codes.len(), 17);
    assert!(
        grids
            .as_array()
            .expect("grids")
            .iter()
            .any(|g| g["code"] == "visit")
    );

    let (status, campaigns) = api.get("/api/v1/campaigns", Some(&api.token)).await;
    assert_eq!(status, StatusCode::OK, "{campaigns}");
    let validated = |code: &str| {
        campaigns
            .as_array()
            .expect("campaigns")
            .iter()
            .find(|c| c["code"] == code)
            .and_then(|c| c["validated"].as_u64())
            .unwrap_or(0)
    };
    assert!(validated("appels-2025-2026") >= 60);
    assert!(validated("visites-2026") >= 8);

    let (status, results) = api
        .get(
            "/api/v1/campaigns/appels-2025-2026/results",
            Some(&api.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{results}");
    assert_eq!(results["previous"], "appels-2024-2025");
    // Shoppers appear by pseudonym, never by e-mail.
    let shoppers = results["by_shopper"].as_array().expect("by shopper");
    assert!(!shoppers.is_empty());
    assert!(
        shoppers
            .iter()
            .all(|g| g["key"].as_str().is_some_and(|k| k.starts_with("shopper-")))
    );
    assert!(
        !results.to_string().contains('@'),
        "an e-mail in the results"
    );

    // The raw export, recomputed by hand.
    let org = db::structure::organisations(&api.db).await.expect("orgs")[0].id;
    let tests = db::mystery::results::campaign_tests(&api.db, org, "appels-2025-2026", false)
        .await
        .expect("tests")
        .expect("campaign");
    let mut csv = Vec::new();
    server::export::mystery::write_tests(&tests, SheetFormat::Csv, &mut csv).expect("export");
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    let statuses: Vec<&str> = rows.iter().map(|r| &r[column("status")]).collect();
    assert!(statuses.contains(&"submitted") && statuses.contains(&"returned"));
    let kept: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|r| &r[column("status")] == "validated")
        .collect();
    assert_eq!(results["tests"].as_u64(), Some(kept.len() as u64));

    let rules: HashMap<&str, &Value> = call["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .map(|c| (c["code"].as_str().expect("code"), &c["rule"]))
        .collect();
    for criterion in results["criteria"].as_array().expect("criteria") {
        let code = criterion["code"].as_str().expect("code");
        let answers: Vec<&str> = kept
            .iter()
            .map(|r| &r[column(code)])
            .filter(|a| !a.is_empty() && *a != "na")
            .collect();
        let passed = answers.iter().filter(|a| passes(rules[code], a)).count() as u64;
        let n = answers.len() as u64;
        assert_eq!(criterion["n"].as_u64(), Some(n), "{code}");
        assert_eq!(criterion["passed"].as_u64(), Some(passed), "{code}");
        let wilson = stats::wilson_interval(passed, n, 0.95).expect("interval");
        let close = |v: &Value, x: f64| (v.as_f64().expect("number") - x).abs() < 1e-12;
        assert!(close(&criterion["estimate"], wilson.estimate), "{code}");
        assert!(close(&criterion["lower"], wilson.lower), "{code}");
        assert!(close(&criterion["upper"], wilson.upper), "{code}");
        assert_eq!(criterion["fragile"], n < 10, "{code}");
    }
    let scores: Vec<f64> = kept
        .iter()
        .filter_map(|r| r[column("score")].parse::<f64>().ok())
        .collect();
    let mean = scores.iter().sum::<f64>() / scores.len() as f64;
    let reported = results["score"]["estimate"].as_f64().expect("score");
    assert!((reported - mean).abs() < 1e-9, "{reported} vs {mean}");
    let met = kept
        .iter()
        .filter(|r| &r[column("meets_standard")] == "true")
        .count() as u64;
    assert_eq!(results["meets_standard"]["passed"].as_u64(), Some(met));
    assert_eq!(
        results["meets_standard"]["n"].as_u64(),
        Some(scores.len() as u64)
    );

    // The demo looks like a prefecture: about 7/10, weaker at midday and on the callback offer.
    assert!((6.0..=8.0).contains(&mean), "mean score {mean}");
    let slot = |key: &str| {
        results["by_slot"]
            .as_array()
            .expect("slots")
            .iter()
            .find(|g| g["key"] == key)
            .and_then(|g| g["score"]["estimate"].as_f64())
            .expect(key)
    };
    assert!(slot("midday") < slot("morning"), "midday is the weak slot");
    let rate = |code: &str| {
        results["criteria"]
            .as_array()
            .expect("criteria")
            .iter()
            .find(|c| c["code"] == code)
            .and_then(|c| c["estimate"].as_f64())
            .expect(code)
    };
    assert!(rate("C13") < 0.5, "the callback offer is the weak point");
    assert!(results["score"]["change"]["p_value"].is_number());

    let (status, _) = api
        .get("/api/v1/campaigns/nowhere/results", Some(&api.token))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = api
        .get(
            "/api/v1/campaigns/appels-2025-2026/results?level=2",
            Some(&api.token),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
on_both_engines!(results, results_agree_with_the_raw_export);

/// A full call that passes everything but the callback offer (not applicable).
fn full_call() -> Vec<(&'static str, &'static str)> {
    vec![
        ("C01", "yes"),
        ("C02", "3"),
        ("C03", "yes"),
        ("C04", "30"),
        ("C05", "yes"),
        ("C06", "yes"),
        ("C07", "4"),
        ("C08", "3"),
        ("C09", "0"),
        ("C10", "yes"),
        ("C11", "yes"),
        ("C12", "4"),
        ("C13", "na"),
        ("C14", "yes"),
        ("C15", "yes"),
        ("C16", "180"),
        ("C17", "4"),
    ]
}

fn form<'a>(
    revision: &'a str,
    action: &'a str,
    answers: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut f = vec![
        ("revision", revision),
        ("action", action),
        ("performed_at", "2026-11-02T10:15"),
        ("reached", "03 84 57 00 00"),
        ("comment", "Accueil aimable."),
    ];
    f.extend_from_slice(answers);
    f
}

async fn a_shopper_fills_a_test_without_javascript_and_the_referent_validates_it(api: Api) {
    use domain::Role;
    let shopper =
        crate::common::open_session(&api.db, "testeur@example.gouv.fr", Role::Shopper).await;
    let other = crate::common::open_session(&api.db, "autre@example.gouv.fr", Role::Shopper).await;
    let referent =
        crate::common::open_session(&api.db, "ref@example.gouv.fr", Role::Referent).await;
    let ids = api
        .planned_calls("appels-t4", 2, "testeur@example.gouv.fr")
        .await;
    assert_eq!(ids.len(), 2, "two tests planned");
    let org = db::structure::organisations(&api.db).await.expect("orgs")[0].id;

    // The shopper's list, and a test started once however many taps.
    let list = api.get_as("/mystere/mes-tests", Some(&shopper)).await;
    assert_eq!(list.status(), StatusCode::OK);
    assert!(
        list.text()
            .await
            .expect("page")
            .contains("Standard de la préfecture")
    );
    let start = format!("/mystere/affectations/{}/commencer", ids[0]);
    let first = api.post_as(&start, Some(&shopper), &[]).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let location = first.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    let again = api.post_as(&start, Some(&shopper), &[]).await;
    assert_eq!(again.headers()["location"], location.as_str());
    let path = location.split('?').next().expect("path").to_owned();
    assert_eq!(
        api.post_as(&start, Some(&other), &[]).await.status(),
        StatusCode::NOT_FOUND,
        "another shopper's planned test"
    );

    // The form, saved as it goes: a refused value comes back with its message, the rest stays.
    let page = api
        .get_as(&path, Some(&shopper))
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("name=\"C01\"") && page.contains("name=\"performed_at\""));
    let rev = revision_of(&page);
    let saved = api
        .post_as(
            &path,
            Some(&shopper),
            &form(&rev, "save", &[("C01", "yes"), ("C02", "99")]),
        )
        .await;
    assert_eq!(saved.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = saved.text().await.expect("page");
    assert!(
        html.contains("0 et 30") || html.contains("0 and 30"),
        "range message"
    );
    let page = api
        .get_as(&path, Some(&shopper))
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("value=\"yes\" checked"), "C01 was kept");
    let rev = revision_of(&page);

    // An old copy of the form cannot overwrite a newer save.
    let stale = api
        .post_as(&path, Some(&shopper), &form("0", "save", &[("C01", "no")]))
        .await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);

    // Submitting needs every required criterion; then it goes, once.
    let incomplete = api
        .post_as(
            &path,
            Some(&shopper),
            &form(&rev, "submit", &[("C01", "yes")]),
        )
        .await;
    assert_eq!(incomplete.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = api
        .get_as(&path, Some(&shopper))
        .await
        .text()
        .await
        .expect("page");
    let rev = revision_of(&page);
    let sent = api
        .post_as(&path, Some(&shopper), &form(&rev, "submit", &full_call()))
        .await;
    assert_eq!(sent.status(), StatusCode::SEE_OTHER);
    let twice = api
        .post_as(&path, Some(&shopper), &form(&rev, "submit", &full_call()))
        .await;
    assert_eq!(
        twice.status(),
        StatusCode::SEE_OTHER,
        "a double submission is one test"
    );
    assert_eq!(
        api.get_as(&path, Some(&other)).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        api.get_as(&path, Some(&api.viewer)).await.status(),
        StatusCode::FORBIDDEN
    );

    // The referent sends it back; the shopper corrects; the referent validates.
    let review = format!("{path}/revue");
    let page = api
        .get_as(&path, Some(&referent))
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains(&review), "the referent's decision forms");
    let back = api
        .post_as(
            &review,
            Some(&referent),
            &[
                ("decision", "return"),
                ("comment", "C09 : combien de transferts ?"),
            ],
        )
        .await;
    assert_eq!(back.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        api.post_as(&review, Some(&shopper), &[("decision", "validate")])
            .await
            .status(),
        StatusCode::FORBIDDEN,
        "a shopper validates nothing"
    );
    let page = api
        .get_as(&path, Some(&shopper))
        .await
        .text()
        .await
        .expect("page");
    assert!(page.contains("C09 : combien de transferts ?"));
    let rev = revision_of(&page);
    let mut corrected = full_call();
    corrected[8] = ("C09", "2");
    let resent = api
        .post_as(&path, Some(&shopper), &form(&rev, "submit", &corrected))
        .await;
    assert_eq!(resent.status(), StatusCode::SEE_OTHER);
    // A referent's page from before the correction cannot validate what it did not show.
    let stale = api
        .post_as(
            &review,
            Some(&referent),
            &[("decision", "validate"), ("revision", "1")],
        )
        .await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let page = api
        .get_as(&path, Some(&referent))
        .await
        .text()
        .await
        .expect("page");
    let rev = revision_of(&page);
    let valid = api
        .post_as(
            &review,
            Some(&referent),
            &[("decision", "validate"), ("revision", rev.as_str())],
        )
        .await;
    assert_eq!(valid.status(), StatusCode::SEE_OTHER);
    let (_, results) = api
        .get("/api/v1/campaigns/appels-t4/results", Some(&api.token))
        .await;
    assert_eq!(results["tests"], 1);
    // 13 applicable criteria with a rule (C13 not applicable, C16 information only); C09 failed.
    let c09 = results["criteria"]
        .as_array()
        .expect("criteria")
        .iter()
        .find(|c| c["code"] == "C09")
        .expect("C09")
        .clone();
    assert_eq!(
        (c09["n"].as_u64(), c09["passed"].as_u64()),
        (Some(1), Some(0))
    );
    let log = db::audit::latest(&api.db, Some(org), 50)
        .await
        .expect("audit");
    for action in ["test.submit", "test.return", "test.validate"] {
        assert!(
            log.iter().any(|e| e.action == action),
            "{action} is audited"
        );
    }
}
on_both_engines!(
    shopper_form,
    a_shopper_fills_a_test_without_javascript_and_the_referent_validates_it
);

/// The "Done when", through the screens only: a referent plans a call campaign, a shopper
/// fills tests right after each call, the referent validates them, and the results show
/// conformity per criterion with intervals that agree with the raw export.
async fn a_referent_plans_a_shopper_fills_the_referent_validates_and_results_agree(api: Api) {
    use domain::Role;
    let referent =
        crate::common::open_session(&api.db, "plan@example.gouv.fr", Role::Referent).await;
    let shopper =
        crate::common::open_session(&api.db, "appels@example.gouv.fr", Role::Shopper).await;
    let ok = |status: StatusCode, what: &str| {
        assert_eq!(status, StatusCode::SEE_OTHER, "{what}");
    };
    let r = api
        .post_as(
            "/mystere/campagnes",
            Some(&referent),
            &[
                ("code", "appels-decembre"),
                ("title", "Appels de décembre"),
                ("grid", "call"),
                ("from", "2026-11-01"),
                ("to", "2026-12-31"),
            ],
        )
        .await;
    ok(r.status(), "campaign");
    let base = "/mystere/campagnes/appels-decembre";
    let r = api
        .post_as(
            &format!("{base}/cibles"),
            Some(&referent),
            &[
                ("code", "standard"),
                ("label", "Standard"),
                ("kind", "phone"),
                ("service", "accueil"),
                ("detail", "03 84 57 00 00"),
                ("planned", "3"),
            ],
        )
        .await;
    ok(r.status(), "target");
    let r = api
        .post_as(
            &format!("{base}/scenarios"),
            Some(&referent),
            &[
                ("code", "cni"),
                ("question", "Comment renouveler ma carte d'identité ?"),
                (
                    "expected_answer",
                    "Pré-demande en ligne puis rendez-vous en mairie.",
                ),
            ],
        )
        .await;
    ok(r.status(), "scenario");
    ok(
        api.post_as(&format!("{base}/planifier"), Some(&referent), &[])
            .await
            .status(),
        "plan",
    );
    let plan = api.get_as(base, Some(&referent)).await;
    assert_eq!(plan.status(), StatusCode::OK);
    let html = plan.text().await.expect("plan page");
    assert!(html.contains("±"), "the plan says its margin of error");
    let ids: Vec<String> = html
        .split("name=\"assignment\" value=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect();
    assert_eq!(ids.len(), 3);
    let mut fields: Vec<(&str, &str)> = ids.iter().map(|id| ("assignment", id.as_str())).collect();
    fields.push(("shopper", "appels@example.gouv.fr"));
    ok(
        api.post_as(&format!("{base}/affecter"), Some(&referent), &fields)
            .await
            .status(),
        "assign",
    );
    let wanted = api
        .get_as(&format!("{base}?marge=10"), Some(&referent))
        .await
        .text()
        .await
        .expect("page");
    assert!(wanted.contains("97"), "±10 points needs 97 tests (p = 0.5)");

    // The shopper makes three calls: two good ones, one not picked up.
    for (i, id) in ids.iter().enumerate() {
        let (path, page) = api.start_test(id, &shopper).await;
        let rev = revision_of(&page);
        let answers = if i == 2 {
            vec![("C01", "no")]
        } else {
            full_call()
        };
        let sent = api
            .post_as(&path, Some(&shopper), &form(&rev, "submit", &answers))
            .await;
        ok(sent.status(), "submitted");
    }
    let queue = api
        .get_as("/mystere/validation", Some(&referent))
        .await
        .text()
        .await
        .expect("queue");
    // The demo's own tests wait too: only this campaign's are ours.
    let tests: Vec<String> = queue
        .split("<tr>")
        .filter(|row| row.contains("appels-decembre"))
        .filter_map(|row| row.split("href=\"/mystere/tests/").nth(1))
        .filter_map(|rest| rest.split('?').next())
        .map(str::to_owned)
        .collect();
    assert_eq!(tests.len(), 3, "{tests:?}");
    for id in &tests {
        let resp = api
            .post_as(
                &format!("/mystere/tests/{id}/revue"),
                Some(&referent),
                &[("decision", "validate")],
            )
            .await;
        ok(resp.status(), "validated");
    }

    // The results page and the API agree with a recomputation from the export.
    let page = api
        .get_as(&format!("{base}/resultats"), Some(&api.viewer))
        .await;
    assert_eq!(
        page.status(),
        StatusCode::OK,
        "the committee reads the results"
    );
    let html = page.text().await.expect("results");
    assert!(
        html.contains("C02") && html.contains("Fragile"),
        "per criterion, flagged fragile"
    );
    assert!(
        html.contains("Testeur 1") && !html.contains("testeur@example.gouv.fr"),
        "the committee sees shoppers by pseudonym"
    );
    let (_, results) = api
        .get(
            "/api/v1/campaigns/appels-decembre/results",
            Some(&api.token),
        )
        .await;
    assert_eq!(results["tests"], 3);
    let c01 = &results["criteria"][0];
    assert_eq!(
        (
            c01["code"].as_str(),
            c01["n"].as_u64(),
            c01["passed"].as_u64()
        ),
        (Some("C01"), Some(3), Some(2))
    );
    let wilson = stats::wilson_interval(2, 3, 0.95).expect("interval");
    assert!((c01["lower"].as_f64().expect("lower") - wilson.lower).abs() < 1e-12);
    // The unanswered call is 0/10; the two others 10/10 (C13 not applicable): mean 6.67.
    let mean = results["score"]["estimate"].as_f64().expect("score");
    assert!((mean - 20.0 / 3.0).abs() < 1e-9, "{mean}");
    let org = db::structure::organisations(&api.db).await.expect("orgs")[0].id;
    let tests = db::mystery::results::campaign_tests(&api.db, org, "appels-decembre", false)
        .await
        .expect("tests")
        .expect("campaign");
    let mut csv = Vec::new();
    server::export::mystery::write_tests(&tests, SheetFormat::Csv, &mut csv).expect("export");
    let text = String::from_utf8(csv).expect("utf-8");
    assert_eq!(text.lines().count(), 4, "a header and three tests");
    assert!(text.lines().skip(1).all(|l| l.contains(",validated,")));
    assert!(text.contains(",na,") && text.contains(",0,false"), "{text}");
}
on_both_engines!(
    done_when,
    a_referent_plans_a_shopper_fills_the_referent_validates_and_results_agree
);

/// Editing a grid a test already used makes a new version; the tests keep the rules they were
/// filled with, so past results do not move. The referential is versioned too.
async fn grids_and_the_referential_are_versioned(api: Api) {
    use domain::Role;
    let referent =
        crate::common::open_session(&api.db, "grille@example.gouv.fr", Role::Referent).await;
    let before = api
        .get(
            "/api/v1/campaigns/appels-2025-2026/results",
            Some(&api.token),
        )
        .await
        .1;
    let page = api.get_as("/mystere/grilles/call", Some(&api.viewer)).await;
    assert_eq!(
        page.status(),
        StatusCode::OK,
        "the committee reads the grid"
    );
    let changed = api
        .post_as(
            "/mystere/grilles/call",
            Some(&referent),
            &[("threshold_C02", "8"), ("standard", "6,5")],
        )
        .await;
    assert_eq!(changed.status(), StatusCode::SEE_OTHER);
    let (_, grids) = api.get("/api/v1/grids", Some(&api.token)).await;
    let call = grids
        .as_array()
        .expect("grids")
        .iter()
        .find(|g| g["code"] == "call")
        .expect("call")
        .clone();
    assert_eq!(call["version"], 2, "the demo's tests used version 1");
    assert_eq!(call["standard"], 6.5);
    assert_eq!(call["criteria"][1]["rule"]["at_most"], 8);
    let after = api
        .get(
            "/api/v1/campaigns/appels-2025-2026/results",
            Some(&api.token),
        )
        .await
        .1;
    assert_eq!(
        before["criteria"], after["criteria"],
        "past tests keep their rules"
    );
    assert_eq!(before["score"]["estimate"], after["score"]["estimate"]);
    let refused = api
        .post_as(
            "/mystere/grilles/call",
            Some(&referent),
            &[("standard", "11")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        api.post_as(
            "/mystere/grilles/call",
            Some(&api.viewer),
            &[("standard", "5")]
        )
        .await
        .status(),
        StatusCode::FORBIDDEN
    );

    let org = db::structure::organisations(&api.db).await.expect("orgs")[0].id;
    let (v1, _) = db::mystery::grids::referential(&api.db, org)
        .await
        .expect("referential");
    let saved = api
        .post_as(
            "/mystere/referentiel",
            Some(&referent),
            &[("threshold_M1-TEL-01", "Décroché en 4 sonneries au plus")],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (v2, referential) = db::mystery::grids::referential(&api.db, org)
        .await
        .expect("referential");
    assert_eq!(v2, v1 + 1);
    let tel = referential.engagement("M1-TEL-01").expect("engagement");
    assert_eq!(
        tel.threshold.get(domain::Lang::Fr),
        "Décroché en 4 sonneries au plus"
    );
    assert!(
        tel.threshold.get(domain::Lang::En).contains("5 rings"),
        "English kept"
    );
    let log = db::audit::latest(&api.db, Some(org), 20)
        .await
        .expect("audit");
    assert!(log.iter().any(|e| e.action == "grid.update"));
    assert!(log.iter().any(|e| e.action == "referential.update"));
}
on_both_engines!(versions, grids_and_the_referential_are_versioned);
