//! The referential's screen, `/mystere/referentiel`: what measures each engagement (questions
//! of the questionnaire, entered figures), ticked by the referent, read by the committee, on
//! SQLite and (with TEST_POSTGRES_URL) PostgreSQL.

use crate::common::{Api, open_session};
use domain::mystery::Measures;
use domain::{QuestionCode, Role};
use reqwest::StatusCode;

/// The `<input>` tag whose id is `id` in `html`.
fn input_tag<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no input {id}"));
    let start = html[..at].rfind('<').expect("tag start");
    let end = at + html[at..].find('>').expect("tag end");
    &html[start..=end]
}

fn ticked(html: &str, id: &str) -> bool {
    input_tag(html, id).contains(" checked")
}

async fn page(api: &Api, path: &str, session: &str) -> String {
    let response = api.get_as(path, Some(session)).await;
    assert_eq!(response.status(), StatusCode::OK, "{path}");
    response.text().await.expect("body")
}

async fn measures_of(api: &Api, id: &str) -> (i32, Option<Measures>) {
    let org = db::structure::organisations(&api.db).await.expect("orgs")[0].id;
    let (version, referential) = db::mystery::grids::referential(&api.db, org)
        .await
        .expect("referential");
    let measures = referential.engagement(id).and_then(|e| e.measures.clone());
    (version, measures)
}

fn code(raw: &str) -> QuestionCode {
    QuestionCode::parse(raw).expect("code")
}

async fn a_referent_ticks_what_measures_each_engagement_and_reads_it_back(api: Api) {
    let referent = open_session(&api.db, "carte@example.gouv.fr", Role::Referent).await;
    let html = page(&api, "/mystere/referentiel", &referent).await;
    // The seeded mapping, one fieldset per engagement.
    assert!(
        html.contains(
            "<legend class=\"fr-fieldset__legend\">M1-ACC-02 – Accueillir avec courtoisie"
        )
    );
    assert!(ticked(&html, "question-M1-ACC-02-courtesy"));
    assert!(!ticked(&html, "question-M1-TEL-02-courtesy"));
    assert!(ticked(&html, "figure-M1-TEL-01-call_pickup_rate"));
    assert!(!ticked(&html, "figure-M1-TEL-01-footfall"));
    assert!(html.contains("Avez-vous été reçu avec politesse\u{a0}?"));
    assert!(
        !html.contains("id=\"question-M1-ACC-02-comment\""),
        "free text has no figure"
    );
    let english = page(&api, "/mystere/referentiel?lang=en", &referent).await;
    assert!(english.contains("Were you received courteously?"));
    assert!(english.contains("Call pickup rate (%)"));

    let (v1, _) = measures_of(&api, "M1-ACC-02").await;
    let saved = api
        .post_as(
            "/mystere/referentiel",
            Some(&referent),
            &[
                // Courtesy unticked on the counter, ticked on the telephone with the pickup rate.
                ("mapped", "M1-ACC-02"),
                ("mapped", "M1-TEL-02"),
                ("question_M1-TEL-02", "courtesy"),
                ("question_M1-TEL-02", "overall"),
                ("figure_M1-TEL-02", "call_pickup_rate"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let (v2, counter) = measures_of(&api, "M1-ACC-02").await;
    assert_eq!(v2, v1 + 1, "saved as the next version");
    assert_eq!(
        counter,
        Some(Measures::default()),
        "emptied, not seeded again"
    );
    let (_, phone) = measures_of(&api, "M1-TEL-02").await;
    assert_eq!(
        phone,
        Some(Measures {
            questions: vec![code("overall"), code("courtesy")],
            figures: vec!["call_pickup_rate".into()],
        }),
        "questions in the questionnaire's order"
    );
    let (_, waiting) = measures_of(&api, "M1-ACC-03").await;
    assert_eq!(
        waiting.map(|m| m.questions),
        Some(vec![code("wait")]),
        "an engagement the form did not name keeps its mapping"
    );
    let html = page(&api, "/mystere/referentiel", &referent).await;
    assert!(!ticked(&html, "question-M1-ACC-02-courtesy"));
    assert!(ticked(&html, "question-M1-TEL-02-courtesy"));
    assert!(ticked(&html, "figure-M1-TEL-02-call_pickup_rate"));
    let org = db::structure::organisations(&api.db).await.expect("orgs")[0].id;
    let log = db::audit::latest(&api.db, Some(org), 5)
        .await
        .expect("audit");
    let entry = log
        .iter()
        .find(|e| e.action == "referential.update")
        .expect("audited");
    assert!(
        entry
            .after
            .as_deref()
            .is_some_and(|a| a.contains("call_pickup_rate"))
    );

    // The same form again changes nothing: no new version.
    let again = api
        .post_as(
            "/mystere/referentiel",
            Some(&referent),
            &[("mapped", "M1-ACC-02")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    assert_eq!(measures_of(&api, "M1-ACC-02").await.0, v2);

    // Unknown codes: 400 with the message, never 500, and nothing stored. (The message's
    // apostrophe is escaped in the page, so each is checked on both sides of it.)
    for (fields, names, says) in [
        (
            [("mapped", "M1-ACC-01"), ("question_M1-ACC-01", "mood")],
            "Engagement M1-ACC-01 : « mood »",
            "est pas une question fermée du questionnaire",
        ),
        (
            [("mapped", "M1-ACC-01"), ("question_M1-ACC-01", "comment")],
            "« comment »",
            "est pas une question fermée du questionnaire",
        ),
        (
            [
                ("mapped", "M1-ACC-01"),
                ("question_M1-ACC-01", "Pas un code !"),
            ],
            "« Pas un code ! »",
            "est pas une question du questionnaire",
        ),
        (
            [
                ("mapped", "M1-COU-02"),
                ("figure_M1-COU-02", "letters_within_15_days"),
            ],
            "« letters_within_15_days »",
            "est pas un indicateur saisi",
        ),
        (
            [("mapped", "M9-XXX-01"), ("question_M9-XXX-01", "courtesy")],
            "Engagement « M9-XXX-01 »",
            "est pas dans le référentiel.",
        ),
    ] {
        let refused = api
            .post_as("/mystere/referentiel", Some(&referent), &fields)
            .await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{fields:?}");
        let body = refused.text().await.expect("body");
        assert!(
            body.contains(names) && body.contains(says),
            "{fields:?}: {body}"
        );
        assert!(body.contains("role=\"alert\""));
    }
    assert_eq!(measures_of(&api, "M1-ACC-02").await.0, v2, "nothing stored");
    let english = api
        .post_as(
            "/mystere/referentiel?lang=en",
            Some(&referent),
            &[("question_M1-ACC-01", "mood")],
        )
        .await;
    assert_eq!(english.status(), StatusCode::BAD_REQUEST);
    let body = english.text().await.expect("body");
    assert!(
        body.contains("is not a closed question of the questionnaire"),
        "{body}"
    );
}
on_both_engines!(
    referent_mapping,
    a_referent_ticks_what_measures_each_engagement_and_reads_it_back
);

async fn the_committee_reads_the_mapping_without_controls(api: Api) {
    let html = page(&api, "/mystere/referentiel", &api.viewer).await;
    assert!(html.contains("<h3>M1-ACC-02 – Accueillir avec courtoisie"));
    assert!(html.contains("Avez-vous été reçu avec politesse\u{a0}? (courtesy)"));
    assert!(html.contains("Taux de décroché téléphonique (%) (call_pickup_rate)"));
    assert!(html.contains("Critères des grilles mystère : C01, C02, C04"));
    assert!(
        html.contains("Questions du questionnaire : aucune"),
        "M1-TEL-01 has none"
    );
    assert!(!html.contains("type=\"checkbox\""), "no controls");
    assert!(
        !html.contains("action=\"/mystere/referentiel"),
        "no form to save"
    );
    let refused = api
        .post_as(
            "/mystere/referentiel",
            Some(&api.viewer),
            &[("mapped", "M1-ACC-02")],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let (_, counter) = measures_of(&api, "M1-ACC-02").await;
    assert_eq!(
        counter.map(|m| m.questions),
        Some(vec![code("courtesy")]),
        "the viewer changed nothing"
    );
}
on_both_engines!(
    committee_mapping,
    the_committee_reads_the_mapping_without_controls
);
