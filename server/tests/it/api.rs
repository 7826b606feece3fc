//! The summary API on a real server with the demo data, on SQLite and (with TEST_POSTGRES_URL)
//! PostgreSQL: bearer tokens, the JSON shape, intervals, comparisons and 4xx for bad parameters.

use crate::common::Api;
use chrono::Utc;
use domain::Role;
use reqwest::StatusCode;
use serde_json::Value;

const YEAR: &str = "from=2025-11-01&to=2026-10-31";

async fn tokens_are_required_and_revocable(api: Api) {
    let path = format!("/api/v1/summary?touchpoint=belfort-accueil&{YEAR}");
    let (status, body) = api.get(&path, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"]["code"], "unauthenticated");
    assert_eq!(
        api.get(&path, Some("qa_not-a-token")).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(api.get(&path, Some(&api.token)).await.0, StatusCode::OK);
    let shopper =
        db::tokens::create_token(&api.db, "shopper", domain::Role::Shopper, None, Utc::now())
            .await
            .expect("token");
    assert_eq!(
        api.get(&path, Some(&shopper)).await.0,
        StatusCode::FORBIDDEN
    );
    let id = db::tokens::list_tokens(&api.db)
        .await
        .expect("list")
        .into_iter()
        .find(|t| t.name == "tests")
        .expect("listed")
        .id;
    db::tokens::revoke_token(&api.db, id, Utc::now())
        .await
        .expect("revoke");
    assert_eq!(
        api.get(&path, Some(&api.token)).await.0,
        StatusCode::UNAUTHORIZED
    );
}
on_both_engines!(tokens, tokens_are_required_and_revocable);

async fn the_summary_gives_counts_indicators_and_intervals(api: Api) {
    let path = format!("/api/v1/summary?touchpoint=belfort-accueil&{YEAR}");
    let (status, body) = api.get(&path, Some(&api.token)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let rows = db::test_support::exported_rows(&api.db, Some("belfort-accueil")).await;
    assert_eq!(body["respondents"], rows.len() as i64);
    assert_eq!(body["ci"], "wilson");
    assert_eq!(body["level"], 0.95);
    let questions = body["questions"].as_array().expect("questions");
    let codes: Vec<&str> = questions
        .iter()
        .filter_map(|q| q["code"].as_str())
        .collect();
    assert_eq!(codes, ["overall", "courtesy", "wait", "resolved", "effort"]);
    let courtesy = &questions[1];
    let n = courtesy["n"].as_i64().expect("n");
    let top: i64 = ["3", "4"]
        .iter()
        .filter_map(|c| courtesy["counts"][c].as_i64())
        .sum();
    let top2 = &courtesy["indicators"]["top2"];
    let estimate = top2["estimate"].as_f64().expect("estimate");
    assert!((estimate - top as f64 / n as f64).abs() < 1e-12);
    let (lower, upper) = (
        top2["lower"].as_f64().expect("lower"),
        top2["upper"].as_f64().expect("upper"),
    );
    assert!(lower < estimate && estimate < upper && upper - lower < 0.1);
    assert_eq!(top2["fragile"], false);
    assert!(top2["change"].is_null());
    let overall = &questions[0]["indicators"];
    let score = overall["score10"]["estimate"].as_f64().expect("score");
    assert!((5.0..9.5).contains(&score), "JDMA score {score}");
    assert!(questions[3]["indicators"]["yes_rate"]["estimate"].is_number());
    assert!(questions[4]["indicators"]["mean"]["estimate"].is_number());
    let wait = &questions[2];
    let within: i64 = ["lt10", "10to20"]
        .iter()
        .filter_map(|c| wait["counts"][c].as_i64())
        .sum();
    let share = wait["indicators"]["within_20_min"]["estimate"]
        .as_f64()
        .expect("within 20 minutes");
    let answered = wait["n"].as_i64().expect("n") as f64;
    assert!((share - within as f64 / answered).abs() < 1e-12, "{share}");

    // Clopper-Pearson at 99 % is wider than Wilson at 95 %.
    let (_, wide) = api
        .get(
            &format!("{path}&ci=clopper-pearson&level=0.99"),
            Some(&api.token),
        )
        .await;
    let w = &wide["questions"][1]["indicators"]["top2"];
    assert!(
        w["lower"].as_f64().expect("lower") < lower && w["upper"].as_f64().expect("upper") > upper
    );
}
on_both_engines!(summary, the_summary_gives_counts_indicators_and_intervals);

async fn a_comparison_period_gives_each_indicator_its_change(api: Api) {
    // The passport rush (April-July) against the autumn, at the ID-card counter.
    let path = "/api/v1/summary?touchpoint=belfort-cert&from=2026-04-01&to=2026-07-31\
                &compare_from=2025-11-01&compare_to=2026-02-28";
    let (status, body) = api.get(path, Some(&api.token)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body["compare"]["respondents"].as_i64().expect("earlier n") > 0);
    let overall = &body["questions"][0]["indicators"];
    for name in ["score10", "very_good_rate"] {
        let change = &overall[name]["change"];
        let (e, l, u, p) = (
            change["estimate"].as_f64().expect("estimate"),
            change["lower"].as_f64().expect("lower"),
            change["upper"].as_f64().expect("upper"),
            change["p_value"].as_f64().expect("p"),
        );
        assert!(
            l <= e && e <= u && (0.0..=1.0).contains(&p),
            "{name}: {change}"
        );
    }
    // The rush lengthens waits, which the demo ties to a lower score.
    assert!(
        overall["score10"]["change"]["estimate"]
            .as_f64()
            .expect("change")
            < 0.0
    );
}
on_both_engines!(
    comparison,
    a_comparison_period_gives_each_indicator_its_change
);

async fn bad_parameters_get_a_400_with_a_message(api: Api) {
    for (query, status) in [
        (
            format!("touchpoint=belfort-accueil&{YEAR}&level=1.5"),
            StatusCode::BAD_REQUEST,
        ),
        (
            "touchpoint=belfort-accueil&from=2026-05-01&to=2026-01-31".to_owned(),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("touchpoint=belfort-accueil&{YEAR}&ci=bayes"),
            StatusCode::BAD_REQUEST,
        ),
        (
            "touchpoint=belfort-accueil&from=yesterday&to=2026-01-01".to_owned(),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("touchpoint=belfort-accueil&site=prefecture&{YEAR}"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("touchpoint=belfort-accueil&{YEAR}&compare_from=2025-01-01"),
            StatusCode::BAD_REQUEST,
        ),
        (
            format!("touchpoint=nulle-part&{YEAR}"),
            StatusCode::NOT_FOUND,
        ),
    ] {
        let (got, body) = api
            .get(&format!("/api/v1/summary?{query}"), Some(&api.token))
            .await;
        assert_eq!(got, status, "{query}: {body}");
        assert!(
            body["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{query}"
        );
    }
    let (status, body) = api
        .get(
            &format!("/api/v1/summary?site=prefecture&{YEAR}"),
            Some(&api.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "a site scope: {body}");
}
on_both_engines!(bad_parameters, bad_parameters_get_a_400_with_a_message);

async fn the_sample_size_planner_answers_the_brief(api: Api) {
    let (status, body) = api
        .get(
            "/api/v1/plan/sample-size?p=0.5&margin=0.05&level=0.95",
            Some(&api.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["n"], 385, "384.1 rounded up");
    let (_, body) = api
        .get(
            "/api/v1/plan/sample-size?p=0.8&margin=0.05",
            Some(&api.token),
        )
        .await;
    assert_eq!(body["n"], 246);
    let (_, body) = api
        .get(
            "/api/v1/plan/sample-size?p=0.5&margin=0.05&population=1000",
            Some(&api.token),
        )
        .await;
    assert_eq!(body["n"], 278);
    let (status, _) = api
        .get("/api/v1/plan/sample-size?p=0.5&margin=0", Some(&api.token))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
on_both_engines!(sample_size, the_sample_size_planner_answers_the_brief);

async fn the_small_sample_thresholds_are_settings(engine: db::test_support::Engine) {
    // A committee that wants 1,000 answers before trusting a figure, and hides groups under 50.
    let Some(api) = crate::common::spawn_with(engine, |c| {
        c.fragility.min_mean_answers = 1000;
        c.fragility.min_proportion_answers = 1000;
        c.fragility.suppression_min = 50;
    })
    .await
    else {
        return;
    };
    let (status, body) = api
        .get(
            &format!("/api/v1/summary?touchpoint=belfort-accueil&{YEAR}"),
            Some(&api.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let top2 = &body["questions"][1]["indicators"]["top2"];
    assert!(top2["n"].as_i64().expect("n") > 50);
    assert_eq!(top2["fragile"], true, "{top2}");
    assert_eq!(top2["suppressed"], false);
    // One month at the PAN has fewer than 50 answers: left out of every figure, and said so.
    let (_, week) = api
        .get(
            "/api/v1/summary?touchpoint=belfort-pan&from=2026-03-01&to=2026-03-31",
            Some(&api.token),
        )
        .await;
    let rate = &week["questions"][0]["indicators"]["very_good_rate"];
    assert_eq!(
        week["left_out_months"],
        serde_json::json!(["2026-03"]),
        "{week}"
    );
    assert_eq!(week["respondents"], 0, "{week}");
    assert_eq!(rate["suppressed"], true, "{rate}");
    assert!(rate["estimate"].is_null());
}

#[tokio::test]
async fn the_small_sample_thresholds_are_settings_on_sqlite() {
    the_small_sample_thresholds_are_settings(db::test_support::Engine::Sqlite).await;
}

#[tokio::test]
async fn the_small_sample_thresholds_are_settings_on_postgres() {
    the_small_sample_thresholds_are_settings(db::test_support::Engine::Postgres).await;
}

/// The OpenAPI document describes every `/api/v1` route the router serves (except itself),
/// with the bearer scheme and the error body.
#[tokio::test]
async fn the_openapi_document_describes_every_route() {
    let Some(api) = crate::common::spawn(db::test_support::Engine::Sqlite).await else {
        return;
    };
    let (status, doc) = api.get("/api/v1/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    let router = include_str!("../../src/router.rs");
    let served: Vec<&str> = router
        .split(".route(")
        .skip(1)
        .filter_map(|rest| rest.split('"').nth(1))
        .filter(|p| p.starts_with("/api/v1/") && *p != "/api/v1/openapi.json")
        .collect();
    assert!(served.len() >= 5, "{served:?}");
    for path in served {
        let item = &doc["paths"][path];
        let ops: Vec<&Value> = ["get", "post", "put"]
            .iter()
            .map(|m| &item[*m])
            .filter(|op| op.is_object())
            .collect();
        assert!(!ops.is_empty(), "{path} is not described");
        for op in ops {
            assert!(
                op["security"][0]["bearer"].is_array(),
                "{path} says it needs a token"
            );
            assert!(op["responses"]["401"].is_object(), "{path} documents 401");
        }
    }
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert!(doc["components"]["schemas"]["ErrorBody"].is_object());
}

async fn lists_and_pages_read_the_tokens_organisation(api: Api) {
    let (status, tps) = api.get("/api/v1/touchpoints", Some(&api.token)).await;
    assert_eq!(status, StatusCode::OK);
    let codes: Vec<&str> = tps
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|t| t["code"].as_str())
        .collect();
    assert!(codes.contains(&"belfort-accueil"), "{codes:?}");

    let (status, surveys) = api.get("/api/v1/surveys", Some(&api.token)).await;
    assert_eq!(status, StatusCode::OK);
    let first = &surveys[0];
    assert_eq!(first["code"], "accueil");
    assert_eq!(first["version"], 1);
    assert_eq!(first["questions"][0]["code"], "overall");

    // Raw responses are for referents and admins: not a committee member's (viewer) token.
    let base = "/api/v1/responses?touchpoint=belfort-accueil&from=2026-03-01&to=2026-03-31";
    let (status, refused) = api.get(&format!("{base}&limit=3"), Some(&api.token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert!(
        refused["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("raw responses"))
    );
    let referent = api.token_of(Role::Referent).await;

    // Pages follow each other without overlap or gap.
    let (status, one) = api.get(&format!("{base}&limit=3"), Some(&referent)).await;
    assert_eq!(status, StatusCode::OK, "{one}");
    let ids = |page: &Value| -> Vec<i64> {
        page["responses"]
            .as_array()
            .expect("responses")
            .iter()
            .filter_map(|r| r["id"].as_i64())
            .collect()
    };
    let first_ids = ids(&one);
    assert_eq!(first_ids.len(), 3);
    let next = one["next"].as_i64().expect("a next page");
    assert_eq!(next, *first_ids.last().expect("last"));
    let (_, two) = api
        .get(&format!("{base}&limit=3&after={next}"), Some(&referent))
        .await;
    let second_ids = ids(&two);
    assert!(second_ids.iter().all(|id| *id > next));
    assert_eq!(one["responses"][0]["touchpoint"], "belfort-accueil");
    assert!(one["responses"][0]["answers"]["overall"].is_string());
    let at = one["responses"][0]["submitted_at"].as_str().expect("time");
    assert!(at.starts_with("2026-0"), "{at}");
    // Kept to the hour: minutes and seconds are zero.
    assert!(at.contains(":00:00"), "{at}");

    // The whole month, page by page, is the month's count.
    let mut total = 0;
    let mut after = 0;
    loop {
        let (_, page) = api
            .get(&format!("{base}&limit=1000&after={after}"), Some(&referent))
            .await;
        total += ids(&page).len();
        match page["next"].as_i64() {
            Some(n) => after = n,
            None => break,
        }
    }
    let (_, summary) = api
        .get(
            "/api/v1/summary?touchpoint=belfort-accueil&from=2026-03-01&to=2026-03-31",
            Some(&api.token),
        )
        .await;
    assert_eq!(summary["respondents"].as_i64(), Some(total as i64));

    let (status, body) = api
        .get("/api/v1/responses?touchpoint=nowhere", Some(&referent))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
}
on_both_engines!(lists, lists_and_pages_read_the_tokens_organisation);

/// Every documented parameter of every route, given hostile values, answers a 4xx or a 200 with
/// JSON — never a 5xx (a small schema-driven fuzzer over the OpenAPI document).
async fn no_parameter_value_makes_a_route_fail(api: Api) {
    let (_, doc) = api.get("/api/v1/openapi.json", None).await;
    let hostile = [
        "",
        " ",
        "0",
        "-1",
        "1.5",
        "NaN",
        "inf",
        "1e309",
        "99999999999999999999",
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "'; DROP TABLE response; --",
        "%00",
        "ééé",
        "touchpoint:x",
        "a]b[c",
    ];
    let long = "x".repeat(5000);
    let paths = doc["paths"].as_object().expect("paths");
    let mut tried = 0;
    for (path, item) in paths {
        let params = item["get"]["parameters"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for p in &params {
            let name = p["name"].as_str().expect("name");
            for value in hostile.iter().copied().chain([long.as_str()]) {
                let query = serde_urlencoded::to_string([(name, value)]).expect("query");
                let (status, body) = api.get(&format!("{path}?{query}"), Some(&api.token)).await;
                tried += 1;
                assert!(
                    status.is_success() || status.is_client_error(),
                    "{path}?{query} answered {status}"
                );
                if status.is_client_error() {
                    assert!(body["error"]["code"].is_string(), "{path}?{query}: {body}");
                }
            }
        }
    }
    assert!(tried > 200, "{tried}");
}
on_both_engines!(fuzz, no_parameter_value_makes_a_route_fail);

/// Over the demo year, the survey's shares weighted by each service's footfall are the
/// footfall-weighted mean of the services' own shares (each demo service has one touchpoint).
async fn shares_are_weighted_by_each_services_footfall(api: Api) {
    let (status, body) = api
        .get(
            &format!("/api/v1/summary?survey=accueil&{YEAR}"),
            Some(&api.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["weighting"]["status"], "weighted",
        "{}",
        body["weighting"]
    );
    let overall = body["weighting"]["shares"]
        .as_array()
        .expect("shares")
        .iter()
        .find(|s| s["code"] == "overall")
        .expect("the overall question is weighted")
        .clone();
    assert_eq!(overall["indicator"], "very_good_rate");

    let org = db::structure::organisations(&api.db)
        .await
        .expect("organisations")[0]
        .id;
    let (mut weighted, mut total_footfall, mut x, mut n) = (0.0, 0.0, 0.0, 0.0);
    for (touchpoint, service) in [
        ("belfort-accueil", "accueil"),
        ("belfort-cert", "cert"),
        ("belfort-pan", "pan"),
    ] {
        let (_, s) = api
            .get(
                &format!("/api/v1/summary?touchpoint={touchpoint}&{YEAR}"),
                Some(&api.token),
            )
            .await;
        let q = s["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .find(|q| q["code"] == "overall")
            .expect("overall")
            .clone();
        let very_good = q["counts"]["very_good"].as_f64().expect("count");
        let answers = q["n"].as_f64().expect("n");
        let people = service_footfall(&api.db, org, service).await;
        assert!(people > 0.0, "{service} has footfall in the demo");
        weighted += people * very_good / answers;
        total_footfall += people;
        x += very_good;
        n += answers;
    }
    let expected = weighted / total_footfall;
    let estimate = overall["estimate"].as_f64().expect("estimate");
    assert!(
        (estimate - expected).abs() < 1e-9,
        "{estimate} vs {expected}"
    );
    let unweighted = overall["unweighted"].as_f64().expect("unweighted");
    assert!(
        (unweighted - x / n).abs() < 1e-9,
        "{unweighted} vs {}",
        x / n
    );
    assert!(overall["lower"].as_f64() < Some(estimate));
    assert!(overall["upper"].as_f64() > Some(estimate));
    assert!(overall["design_effect"].as_f64() >= Some(1.0));

    // One service: nothing to weight. No footfall for the period: said, with the services.
    let (_, one) = api
        .get(
            &format!("/api/v1/summary?touchpoint=belfort-pan&{YEAR}"),
            Some(&api.token),
        )
        .await;
    assert_eq!(one["weighting"]["status"], "single_service");
    let (_, none) = api
        .get(
            "/api/v1/summary?survey=accueil&from=2020-01-01&to=2020-12-31",
            Some(&api.token),
        )
        .await;
    assert_eq!(none["weighting"]["status"], "missing_footfall");
    assert_eq!(
        none["weighting"]["services"].as_array().map(Vec::len),
        Some(3)
    );
}
on_both_engines!(weighting, shares_are_weighted_by_each_services_footfall);

/// The footfall entered for a service of the demo year, summed from the figures list.
async fn service_footfall(db: &db::Db, org: i32, service: &str) -> f64 {
    db::figures::figures(db, org)
        .await
        .expect("figures")
        .into_iter()
        .filter(|f| f.kind == db::figures::FigureKind::Footfall)
        .filter(|f| f.service.as_deref() == Some(service))
        .map(|f| f.value)
        .sum()
}
