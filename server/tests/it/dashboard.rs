//! The dashboard (`/tableau-de-bord`) on a real server with the demo data, on SQLite and (with
//! TEST_POSTGRES_URL) PostgreSQL: who reads it, figures equal to the API's for the same scope
//! and period, the charts' accessible names and tables, bad parameters, small groups, and the
//! CSV of each section.

use crate::common::{Api, api_mark, norm, open_session, text};
use app::components::charts::model::Unit;
use app::components::charts::words::{Noun, mark_words};
use domain::{Lang, Role};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, LOCATION};
use serde_json::Value;

const QUARTER: &str = "from=2026-07&to=2026-09&compare_from=2026-04&compare_to=2026-06";

fn indicator<'a>(json: &'a Value, code: &str, name: &str) -> &'a Value {
    json["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .find(|q| q["code"] == code)
        .map(|q| &q["indicators"][name])
        .expect("the indicator")
}

/// An indicator of the API as the dashboard words it: "6,8 sur 10, intervalle de 6,4 à 7,2,
/// 336 réponses".
fn words(unit: Unit, json: &Value, code: &str, name: &str) -> String {
    norm(&mark_words(
        &api_mark(json, code, name),
        unit,
        Noun::Answers,
        Lang::Fr,
    ))
}

async fn the_dashboard_shows_the_figures_of_the_api(api: Api) {
    let (status, json) = api
        .get(
            &format!("/api/v1/summary?survey=accueil&{QUARTER}"),
            Some(&api.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, html) = api
        .page_as(
            &format!("/tableau-de-bord?survey=accueil&{QUARTER}"),
            &api.viewer,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = text(&html);
    // Each headline tile says the API's estimate, interval and n of its indicator.
    for (code, name, unit) in [
        ("overall", "score10", Unit::Score10),
        ("overall", "very_good_rate", Unit::Share),
        ("courtesy", "top2", Unit::Share),
        ("wait", "within_20_min", Unit::Share),
        ("resolved", "yes_rate", Unit::Share),
        ("effort", "mean", Unit::Mean(5)),
    ] {
        let expected = words(unit, &json, code, name);
        assert!(
            page.contains(&expected),
            "{code}/{name}: {expected} not in the page"
        );
    }
    // The first sentence says the score, its interval, its n and whether it changed.
    let score = indicator(&json, "overall", "score10");
    let headline = norm(&format!(
        "Note de satisfaction : {} sur 10, intervalle de {} à {}, {} réponses ;",
        Unit::Score10.value(score["estimate"].as_f64().expect("score"), Lang::Fr),
        Unit::Score10.value(score["lower"].as_f64().expect("lower"), Lang::Fr),
        Unit::Score10.value(score["upper"].as_f64().expect("upper"), Lang::Fr),
        score["n"]
    ));
    assert!(page.contains(&headline), "{headline}");
    let change = &score["change"];
    let verdict = if change["lower"].as_f64() > Some(0.0) {
        "hausse significative"
    } else if change["upper"].as_f64() < Some(0.0) {
        "baisse significative"
    } else {
        "pas de différence démontrée"
    };
    assert!(page.contains(&format!("{headline} {verdict}")), "{verdict}");
    // Every chart is a figure with a caption, an image named by its title and description,
    // and its numbers in a table.
    let figures = html.matches(" class=\"chart\"").count();
    assert!(figures >= 5, "{figures} charts");
    assert_eq!(html.matches("<figure").count(), figures);
    assert_eq!(html.matches("role=\"img\"").count(), figures);
    assert_eq!(html.matches("<figcaption").count(), figures);
    assert_eq!(html.matches("<desc id=").count(), figures);
    assert_eq!(html.matches("class=\"chart__data\"").count(), figures);
    assert!(page.contains("Note de satisfaction par mois, sur 10"));
    assert!(page.contains("si l'on refaisait l'enquête 100 fois"));
    // Every section is there, with its CSV link.
    for slug in [
        "indicateurs",
        "tendance",
        "reponses",
        "comparaisons",
        "mystere",
        "referentiel",
    ] {
        assert!(
            html.contains(&format!("/tableau-de-bord/{slug}.csv?")),
            "{slug}"
        );
    }
    // The mystery calls of the demo cover the quarter.
    assert!(page.contains("Note moyenne des tests"), "mystery tiles");
    assert!(page.contains("Conformité par critère"));
    // Entered figures say so.
    assert!(page.contains("Chiffres saisis pour la période"));

    // English on request.
    let (_, english) = api
        .page_as(
            &format!("/tableau-de-bord?lang=en&survey=accueil&{QUARTER}"),
            &api.viewer,
        )
        .await;
    assert!(text(&english).contains("Satisfaction score: "));
}
on_both_engines!(
    dashboard_figures,
    the_dashboard_shows_the_figures_of_the_api
);

async fn each_section_downloads_as_csv_with_the_same_numbers(api: Api) {
    let (_, json) = api
        .get(
            &format!("/api/v1/summary?survey=accueil&{QUARTER}"),
            Some(&api.token),
        )
        .await;
    let resp = api
        .get_as(
            &format!("/tableau-de-bord/indicateurs.csv?survey=accueil&{QUARTER}"),
            Some(&api.viewer),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(
        resp.headers()[CONTENT_TYPE]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/csv")
    );
    let csv = resp.text().await.expect("csv");
    let score = indicator(&json, "overall", "score10");
    let f = |k: &str| Unit::Score10.value(score[k].as_f64().expect("number"), Lang::Fr);
    let row = format!(
        "Note de satisfaction;{};{} – {};{};",
        f("estimate"),
        f("lower"),
        f("upper"),
        score["n"]
    );
    assert!(csv.contains(&row), "{row} not in\n{csv}");
    for slug in [
        "tendance",
        "reponses",
        "comparaisons",
        "mystere",
        "referentiel",
    ] {
        let resp = api
            .get_as(
                &format!("/tableau-de-bord/{slug}.csv?survey=accueil&{QUARTER}"),
                Some(&api.viewer),
            )
            .await;
        assert_eq!(resp.status(), StatusCode::OK, "{slug}");
    }
    let resp = api
        .get_as("/tableau-de-bord/nulle-part.csv", Some(&api.viewer))
        .await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    let resp = api
        .get_as(
            "/tableau-de-bord/indicateurs.csv?survey=accueil&from=2026-13&to=2026-09",
            Some(&api.viewer),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
}
on_both_engines!(
    dashboard_csv,
    each_section_downloads_as_csv_with_the_same_numbers
);

async fn bad_parameters_answer_400_with_the_form(api: Api) {
    for (query, message) in [
        ("survey=accueil&from=2026-02-30&to=2026-03-31", "AAAA-MM"),
        ("survey=accueil&from=2026-13&to=2026-12", "AAAA-MM"),
        (
            "survey=nulle-part&from=2026-01&to=2026-03",
            "choisissez un élément de la liste",
        ),
        (
            "survey=accueil&from=2026-01&to=2026-03&level=1.5",
            "strictement entre 0 et 1",
        ),
        (
            "survey=accueil&from=2026-01&to=2026-03&source=partout",
            "Origine des réponses",
        ),
        (
            "survey=accueil&site=belfort&from=2026-01&to=2026-03",
            "un seul parmi",
        ),
    ] {
        let (status, html) = api
            .page_as(&format!("/tableau-de-bord?{query}"), &api.viewer)
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        let page = text(&html);
        assert!(page.contains(message), "{query}: {message} in {page}");
        assert!(html.contains("<form"), "{query}: the form comes back");
        assert!(!html.contains("<figure"), "{query}: no figures");
    }
}
on_both_engines!(
    dashboard_bad_parameters,
    bad_parameters_answer_400_with_the_form
);

async fn small_groups_are_flagged_or_not_drawn(api: Api) {
    // A single month at the PAN: few answers. Each group under HIDDEN_BELOW is named, never
    // drawn; fragile ones are hatched and said.
    let (status, html) = api
        .page_as(
            "/tableau-de-bord?survey=accueil&from=2026-03&to=2026-03",
            &api.viewer,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = text(&html);
    assert!(
        page.contains("non affiché : moins de") || page.contains("peu : à lire avec prudence"),
        "{page}"
    );
    // A period with no answer at all draws no mark and says so.
    let (status, html) = api
        .page_as(
            "/tableau-de-bord?survey=accueil&from=2020-01&to=2020-03",
            &api.viewer,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = text(&html);
    assert!(
        page.contains("aucune donnée") || page.contains("non affiché"),
        "{page}"
    );
    assert!(
        !html.contains("class=\"dot\""),
        "no mark is drawn without data"
    );
}
on_both_engines!(
    dashboard_small_groups,
    small_groups_are_flagged_or_not_drawn
);

async fn only_readers_of_the_organisation_open_it(api: Api) {
    // Committee members and referents read it; an administrator chooses the organisation.
    let referent = open_session(&api.db, "ref@example.gouv.fr", Role::Referent).await;
    let admin = open_session(&api.db, "admin@example.gouv.fr", Role::Admin).await;
    let shopper = open_session(&api.db, "testeur@example.gouv.fr", Role::Shopper).await;
    for session in [&api.viewer, &referent] {
        let (status, html) = api.page_as("/tableau-de-bord", session).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("Tableau de bord"));
    }
    let (status, html) = api.page_as("/tableau-de-bord", &admin).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        html.contains("organisation=belfort"),
        "the admin chooses first"
    );
    assert!(!html.contains("<figure"));
    // The choice keeps the scope and period asked for.
    let (_, html) = api
        .page_as(
            &format!("/tableau-de-bord?survey=accueil&{QUARTER}"),
            &admin,
        )
        .await;
    let chosen = format!("/tableau-de-bord?lang=fr&organisation=belfort&survey=accueil&{QUARTER}")
        .replace('&', "&amp;");
    assert!(html.contains(&chosen), "{chosen}");
    let (status, html) = api
        .page_as("/tableau-de-bord?organisation=belfort", &admin)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<figure"));
    assert!(
        html.contains("name=\"organisation\" value=\"belfort\""),
        "the form keeps the organisation"
    );
    let (status, _) = api.page_as("/tableau-de-bord", &shopper).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Someone signed out is sent to sign in and comes back to the scope and period asked for.
    let resp = api
        .get_as(&format!("/tableau-de-bord?survey=accueil&{QUARTER}"), None)
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let asked = serde_urlencoded::to_string([(
        "next",
        format!("/tableau-de-bord?survey=accueil&{QUARTER}"),
    )])
    .expect("query");
    assert_eq!(
        resp.headers()[LOCATION].to_str().unwrap_or_default(),
        format!("/login?lang=fr&{asked}")
    );
}
on_both_engines!(dashboard_roles, only_readers_of_the_organisation_open_it);
