//! The staff's results page on a real server with the demo data, on SQLite and (with
//! TEST_POSTGRES_URL) PostgreSQL: every figure with its n and interval as the
//! API computes it, the comparison, bad parameters and the planner. Forms are sent as a browser
//! without JavaScript sends them.

use crate::common::{Api, norm, text};
use app::components::format::percent;
use domain::Lang;
use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION};

const YEAR: &str = "from=2025-11-01&to=2026-10-31";

impl Api {
    /// A results page with the staff cookie: (status, body).
    async fn page(&self, path: &str) -> (StatusCode, String) {
        let resp = self
            .client
            .get(format!("{}{path}", self.base))
            .header(COOKIE, format!("qa_session={}", self.viewer))
            .send()
            .await
            .expect("get");
        (resp.status(), resp.text().await.unwrap_or_default())
    }
}

async fn every_figure_shows_its_n_and_the_interval_the_api_computes(api: Api) {
    let query = format!("touchpoint=belfort-accueil&{YEAR}");
    let (status, json) = api
        .get(&format!("/api/v1/summary?{query}"), Some(&api.token))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, html) = api
        .page(&format!(
            "/resultats?scope=touchpoint:belfort-accueil&{YEAR}"
        ))
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = text(&html);
    assert!(
        page.contains(&format!("{} répondants", json["respondents"])),
        "respondents"
    );
    let courtesy = &json["questions"][1];
    let top2 = &courtesy["indicators"]["top2"];
    let f = |v: &serde_json::Value| percent(v.as_f64().expect("number"), Lang::Fr);
    let row = norm(&format!(
        "Part de réponses 3 ou 4 (sur 4) {} {} [{}\u{a0}; {}]",
        courtesy["n"],
        f(&top2["estimate"]),
        f(&top2["lower"]),
        f(&top2["upper"])
    ));
    assert!(page.contains(&row), "{row} not in the page");
    // Every indicator of every question has a row with an interval.
    let intervals = page.matches('[').count();
    let indicators: usize = json["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["indicators"].as_object().map_or(0, |o| o.len()))
        .sum();
    let options: usize = json["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["counts"].as_object().map_or(0, |o| o.len()))
        .sum();
    assert!(
        intervals >= indicators + options,
        "{intervals} intervals for {indicators} indicators and {options} answers"
    );
    // The single-choice question (wait) shows each answer's share with its interval.
    let under_ten = json["questions"][2]["counts"]["lt10"]
        .as_i64()
        .expect("lt10");
    assert!(page.contains(&format!("Moins de 10 minutes {under_ten} ")));

    // English on request.
    let (_, english) = api
        .page(&format!(
            "/resultats?lang=en&scope=touchpoint:belfort-accueil&{YEAR}"
        ))
        .await;
    assert!(text(&english).contains("Share answering 3 or 4"));
}
on_both_engines!(
    figures,
    every_figure_shows_its_n_and_the_interval_the_api_computes
);

async fn a_comparison_shows_the_change_and_small_groups_are_flagged(api: Api) {
    let (status, html) = api
        .page(
            "/resultats?scope=touchpoint:belfort-cert&from=2026-04-01&to=2026-07-31\
             &compare_from=2025-11-01&compare_to=2026-02-28",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = text(&html);
    assert!(page.contains("Évolution") && (page.contains("p = ") || page.contains("p < ")));
    assert!(page.contains("Comparaison : du 1 novembre 2025 au 28 février 2026"));
    // A single week at the PAN: few answers, flagged, never shown bare.
    let (_, html) = api
        .page("/resultats?scope=touchpoint:belfort-pan&from=2026-03&to=2026-03")
        .await;
    let page = text(&html);
    assert!(
        page.contains("Fragile") || page.contains("Masqué") || page.contains("Aucune réponse"),
        "{page}"
    );
}
on_both_engines!(
    comparison,
    a_comparison_shows_the_change_and_small_groups_are_flagged
);

async fn bad_parameters_come_back_with_a_message_next_to_the_field(api: Api) {
    for (query, message) in [
        (
            "scope=touchpoint:belfort-accueil&from=2026-05-01&to=2026-01-31",
            "Début de la période est après fin de la période.",
        ),
        (
            "scope=touchpoint:belfort-accueil&from=hier&to=2026-01-01",
            "n'est pas un mois au format AAAA-MM",
        ),
        (
            "scope=touchpoint:belfort-accueil&from=2026-01-01&to=2026-03-31&level=1.5",
            "strictement entre 0 et 1",
        ),
        (
            "scope=touchpoint:nulle-part&from=2026-01-01&to=2026-03-31",
            "choisissez un élément de la liste",
        ),
        (
            "scope=touchpoint:belfort-accueil&from=2026-01-01&to=2026-03-31&compare_from=2025-01-01",
            "Indiquez à la fois",
        ),
    ] {
        let (status, html) = api.page(&format!("/resultats?{query}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        let page = text(&html);
        assert!(page.contains(message), "{query}: {message}");
        assert!(!page.contains("répondants"), "{query}: no figures");
    }
}
on_both_engines!(
    bad_parameters,
    bad_parameters_come_back_with_a_message_next_to_the_field
);

async fn the_planner_answers_in_answers(api: Api) {
    let (status, html) = api
        .page("/resultats/echantillon?p=50&margin=5&level=0.95&population=1000")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(text(&html).contains("278 réponses nécessaires"));
    let (status, html) = api
        .page("/resultats/echantillon?p=50&margin=0&level=0.95")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(text(&html).contains("la marge entre 0 et 50 points"));
}
on_both_engines!(planner, the_planner_answers_in_answers);

/// A multipart form as a browser sends the upload screen.
fn upload_body(touchpoint: &str, csv: &str) -> (String, String) {
    let boundary = "----qualite-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"lang\"\r\n\r\nfr\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"touchpoint\"\r\n\r\n{touchpoint}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"anciens.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

impl Api {
    async fn upload(&self, token: &str, touchpoint: &str, csv: &str) -> reqwest::Response {
        let (content_type, body) = upload_body(touchpoint, csv);
        self.client
            .post(format!("{}/resultats/import", self.base))
            .header("content-type", content_type)
            .header(COOKIE, format!("qa_session={token}"))
            .body(body)
            .send()
            .await
            .expect("upload")
    }

    /// Follows an import's page until it is no longer running; its text.
    async fn import_outcome(&self, token: &str, location: &str) -> String {
        for _ in 0..200 {
            let page = self
                .client
                .get(format!("{}{location}", self.base))
                .header(COOKIE, format!("qa_session={token}"))
                .send()
                .await
                .expect("progress");
            assert_eq!(page.status(), StatusCode::OK);
            let html = page.text().await.unwrap_or_default();
            if !html.contains("http-equiv=\"refresh\"") {
                return text(&html);
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the import never finished");
    }
}

async fn the_upload_screen_imports_all_or_nothing_and_follows_progress(api: Api) {
    let referent =
        crate::common::open_session(&api.db, "referente@example.gouv.fr", domain::Role::Referent)
            .await;
    // A viewer reads results but does not import.
    let refused = api
        .upload(&api.viewer, "belfort-pan", "submitted_at,overall\n")
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let (status, _) = api.page("/resultats/import").await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let year = "/api/v1/summary?touchpoint=belfort-pan&from=2024-01-01&to=2024-12-31";
    assert_eq!(api.get(year, Some(&api.token)).await.1["respondents"], 0);

    let bad = "submitted_at,overall,courtesy\n\
               2024-01-15T09:30:00+01:00,very_good,4\n\
               2024-01-15T09:31:00+01:00,bad,9\n";
    let resp = api.upload(&referent, "belfort-pan", bad).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let location = resp.headers()[LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    let page = api.import_outcome(&referent, &location).await;
    assert!(page.contains("line 3, column 3"), "{page}");
    assert!(page.contains("Rien n'a été enregistré"));
    assert_eq!(api.get(year, Some(&api.token)).await.1["respondents"], 0);

    let good = "submitted_at,overall,courtesy,resolved\n\
                2024-01-15T09:30:00+01:00,very_good,4,yes\n\
                2024-01-16T10:00:00+01:00,average,,no\n\
                2024-02-01T14:45:00+01:00,bad,2,\n";
    let resp = api.upload(&referent, "belfort-pan", good).await;
    let location = resp.headers()[LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    let page = api.import_outcome(&referent, &location).await;
    assert!(
        page.contains("3 réponses importées dans belfort-pan"),
        "{page}"
    );
    // In the daily counts; in no summary, since two answers in January and one in February are
    // too few to show without singling someone out.
    let pan = db::visitor::find_touchpoint(
        &api.db,
        &domain::TouchpointCode::parse("belfort-pan").expect("code"),
    )
    .await
    .expect("find")
    .expect("exists");
    let (from, to) = (
        chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("day"),
        chrono::NaiveDate::from_ymd_opt(2024, 12, 31).expect("day"),
    );
    let all = db::summary::Source::All;
    let counted = db::summary::respondents(&api.db, &[pan.touchpoint_id], from, to, all, 0).await;
    assert_eq!(counted.expect("counts"), 3);
    let summary = api.get(year, Some(&api.token)).await.1;
    assert_eq!(summary["respondents"], 0);
    assert_eq!(
        summary["left_out_months"],
        serde_json::json!(["2024-01", "2024-02"])
    );

    // Without a file, or with an unknown import: a clear 4xx.
    let resp = api.upload(&referent, "belfort-pan", "").await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert!(
        text(&resp.text().await.unwrap_or_default()).contains("Choisissez un fichier CSV non vide")
    );
    let unknown = api
        .client
        .get(format!("{}/resultats/import/0000", api.base))
        .header(COOKIE, format!("qa_session={referent}"))
        .send()
        .await
        .expect("get");
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}
on_both_engines!(
    upload,
    the_upload_screen_imports_all_or_nothing_and_follows_progress
);
