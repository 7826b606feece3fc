//! The quarterly transparency poster (`/transparence`) on a real server with the demo data, on
//! SQLite and (with TEST_POSTGRES_URL) PostgreSQL: the survey's figures equal to the API's for
//! the site and quarter, the entered figures with their source, a quarter without figures says
//! so, the QR code of the site's survey, English, bad parameters and who opens it.

use crate::common::{Api, api_mark, norm, open_session, text};
use app::components::charts::model::{Figure, Unit};
use app::pages::results::transparency::measured_words;
use domain::{Lang, Role};
use reqwest::StatusCode;
use serde_json::Value;

impl Api {
    async fn poster(&self, query: &str, session: &str) -> (StatusCode, String) {
        self.page_as(&format!("/transparence?{query}"), session)
            .await
    }
}

/// An indicator of the API's summary as the poster words it.
fn poster_words(json: &Value, code: &str, name: &str, unit: Unit, lang: Lang) -> String {
    let figure = Figure::Shown(api_mark(json, code, name));
    norm(&measured_words(&figure, unit, 0.95, 5, lang))
}

async fn the_poster_shows_the_apis_figures_and_the_entered_ones_with_their_source(api: Api) {
    let (status, json) = api
        .get(
            "/api/v1/summary?site=prefecture&from=2026-07&to=2026-09",
            Some(&api.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, html) = api.poster("trimestre=2026-T3", &api.viewer).await;
    assert_eq!(status, StatusCode::OK, "{html}");
    let page = text(&html);
    assert!(
        page.contains("Nos résultats du 3e trimestre 2026"),
        "{page}"
    );
    assert!(page.contains("du 1 juillet 2026 au 30 septembre 2026"));
    for (name, unit) in [("score10", Unit::Score10), ("very_good_rate", Unit::Share)] {
        let expected = poster_words(&json, "overall", name, unit, Lang::Fr);
        assert!(page.contains(&expected), "{name}: {expected}");
    }
    // The score's band is said in words, not by colour alone.
    assert!(html.contains("tp-figure__band"));
    // The entered figures of the demo's third quarter, each with its source.
    for needle in [
        "93 % Source : statistiques du standard téléphonique.",
        "86 % Source : boîte fonctionnelle de la préfecture.",
        "18 jours Source : tableau de bord ANTS.",
        "19,5 jours Source : tableau de bord ANTS.",
        "4,2 jours Source : tableau de bord ANTS.",
        "Réclamations reçues 3 Source : registre des réclamations.",
        "Réclamations répondues 3 Source : registre des réclamations.",
    ] {
        assert!(page.contains(needle), "{needle} not in {page}");
    }
    assert!(!page.contains("non disponible"));
    // The survey's QR code and its address to type, at the bottom.
    assert!(html.contains("class=\"tp-qr__code\""));
    assert!(html.contains("<svg"));
    assert!(page.contains("Donnez votre avis"));
    assert!(page.contains("/q/belfort-accueil"));
    assert!(
        html.find("tp-entered").expect("entered") < html.find("tp-qr__code").expect("qr"),
        "the QR code comes last"
    );
    // The printed sheet is named for the print CSS (one page of its size).
    assert!(html.contains("class=\"tp tp--a4\""));
    let (_, a3) = api.poster("trimestre=2026-T3&format=a3", &api.viewer).await;
    assert!(a3.contains("class=\"tp tp--a3\""));

    // The quarter under way has no figure entered yet: the poster says so, never 0.
    let (status, html) = api.poster("trimestre=2026-T4", &api.viewer).await;
    assert_eq!(status, StatusCode::OK);
    let page = text(&html);
    assert_eq!(
        page.matches("Chiffre non disponible pour ce trimestre.")
            .count(),
        7,
        "{page}"
    );
    let entered = page
        .split("Nos délais et nos réponses")
        .nth(1)
        .and_then(|rest| rest.split("Donnez votre avis").next())
        .expect("the entered figures");
    assert_eq!(entered.matches(" — ").count(), 7, "{entered}");
    assert!(
        !entered.contains('%') && !entered.contains("Source"),
        "{entered}"
    );
    // A quarter before the demo has no answer either.
    let (_, html) = api.poster("trimestre=2024-T1", &api.viewer).await;
    assert!(text(&html).contains("Aucune réponse à l'enquête ce trimestre."));

    // English.
    let (status, html) = api.poster("trimestre=2026-T3&lang=en", &api.viewer).await;
    assert_eq!(status, StatusCode::OK);
    let page = text(&html);
    assert!(page.contains("Our results, Q3 2026"));
    let expected = poster_words(&json, "overall", "score10", Unit::Score10, Lang::En);
    assert!(page.contains(&expected), "{expected}");
    // The source is the referent's own words.
    assert!(page.contains("Source: tableau de bord ANTS."));
    assert!(page.contains("Give your opinion"));
}
on_both_engines!(
    transparency_figures,
    the_poster_shows_the_apis_figures_and_the_entered_ones_with_their_source
);

async fn a_bad_quarter_size_or_site_is_a_400_with_its_message(api: Api) {
    for (query, message) in [
        ("trimestre=2026-T5", "Trimestre : écrivez-le AAAA-Tn"),
        ("trimestre=2026-07", "Trimestre : écrivez-le AAAA-Tn"),
        ("trimestre=%3Cscript%3E", "Trimestre : écrivez-le AAAA-Tn"),
        ("trimestre=2026-T3&format=a5", "Format : a4 ou a3."),
        ("trimestre=2026-T3&site=nulle-part", "Site : choisissez"),
    ] {
        let (status, html) = api.poster(query, &api.viewer).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(text(&html).contains(message), "{query}: {message}");
        assert!(!html.contains("class=\"tp tp--"), "{query}: no sheet");
        assert!(!html.contains("<script"), "{query}: escaped");
    }
    // Without a quarter, the last whole quarter.
    let (status, html) = api.poster("", &api.viewer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("class=\"tp tp--a4\""));
}
on_both_engines!(
    transparency_bad_requests,
    a_bad_quarter_size_or_site_is_a_400_with_its_message
);

async fn readers_print_it_and_a_shopper_does_not(api: Api) {
    let referent = open_session(&api.db, "ref@example.gouv.fr", Role::Referent).await;
    let admin = open_session(&api.db, "admin@example.gouv.fr", Role::Admin).await;
    let shopper = open_session(&api.db, "testeur@example.gouv.fr", Role::Shopper).await;
    for session in [&api.viewer, &referent] {
        let (status, html) = api.poster("trimestre=2026-T3", session).await;
        assert_eq!(status, StatusCode::OK);
        assert!(html.contains("class=\"tp tp--a4\""));
    }
    // The administrator of the instance chooses the organisation first.
    let (status, html) = api.poster("trimestre=2026-T3", &admin).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("organisation=belfort"));
    assert!(!html.contains("class=\"tp tp--"));
    let (status, html) = api
        .poster("trimestre=2026-T3&organisation=belfort", &admin)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("class=\"tp tp--a4\""));
    let (status, _) = api.poster("trimestre=2026-T3", &shopper).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let resp = api.get_as("/transparence?trimestre=2026-T3", None).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
}
on_both_engines!(transparency_roles, readers_print_it_and_a_shopper_does_not);
