//! Mystery tests on a real server with the demo data, on SQLite and (with TEST_POSTGRES_URL)
//! PostgreSQL: grids and campaigns in the API, and results that agree with a recomputation from
//! the raw CSV export.

mod common;

use common::Api;
use reqwest::StatusCode;
use serde_json::Value;
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

    // The raw export, recomputed by hand.
    let org = db::structure::organisations(&api.db).await.expect("orgs")[0].id;
    let tests = db::mystery::results::campaign_tests(&api.db, org, "appels-2025-2026", false)
        .await
        .expect("tests")
        .expect("campaign");
    let mut csv = Vec::new();
    server::mystery_export::write_tests(&tests, &mut csv).expect("export");
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
