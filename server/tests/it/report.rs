//! The committee's report (`/rapport`, `/rapport.pdf`, `/rapport/impression.css`) on a real
//! server with the demo data, on SQLite and (with TEST_POSTGRES_URL) PostgreSQL: the
//! dashboard's figures, every section, the default period, the quoted comments (escaped),
//! English, bad parameters, who reads it, and the PDF printed by Chromium (at least 4 pages,
//! tagged, its text searchable).

use crate::comments_page::answer;
use crate::common::{Api, api_mark, norm, open_session, pdfinfo, text};
use crate::retention::found;
use app::components::charts::model::Unit;
use app::components::charts::words::{Noun, mark_words};
use domain::{Lang, Role};
use reqwest::StatusCode;
use serde_json::Value;

const YEAR: &str = "survey=accueil&from=2025-12&to=2026-11&compare_from=2024-12&compare_to=2025-11";

fn words(json: &Value, code: &str, name: &str, unit: Unit, lang: Lang) -> String {
    norm(&mark_words(
        &api_mark(json, code, name),
        unit,
        Noun::Answers,
        lang,
    ))
}

async fn the_report_has_the_dashboards_figures_in_every_section(api: Api) {
    let (status, json) = api
        .get(&format!("/api/v1/summary?{YEAR}"), Some(&api.token))
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, html) = api
        .page_as(&format!("/rapport?{YEAR}&reunion=2027-01-15"), &api.viewer)
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = text(&html);
    // The cover.
    assert!(page.contains("Rapport au comité local des usagers"));
    assert!(page.contains("Préfecture du Territoire de Belfort"));
    assert!(page.contains("du 1 décembre 2025 au 30 novembre 2026"));
    assert!(page.contains("Réunion du 15 janvier 2027"));
    // The dashboard's figures, the API's numbers.
    for (code, name, unit) in [
        ("overall", "score10", Unit::Score10),
        ("overall", "very_good_rate", Unit::Share),
        ("courtesy", "top2", Unit::Share),
        ("wait", "within_20_min", Unit::Share),
        ("resolved", "yes_rate", Unit::Share),
        ("effort", "mean", Unit::Mean(5)),
    ] {
        let expected = words(&json, code, name, unit, Lang::Fr);
        assert!(page.contains(&expected), "{code}/{name}: {expected}");
    }
    // The summary sorts every headline figure.
    assert!(page.contains("Ce qui s'améliore") && page.contains("Ce qui recule"));
    assert!(page.contains("Ce qui ne change pas de façon démontrée"));
    // Every section.
    for section in [
        "Synthèse",
        "Fréquentation",
        "L'enquête de satisfaction",
        "Réponses sur invitation et réponses libres",
        "Sur invitation (lien envoyé après un rendez-vous)",
        "Libres (QR code affiché)",
        "Par service et par point de contact",
        "Le téléphone",
        "Courriers et courriels",
        "Réclamations et délais de délivrance",
        "Visites mystères",
        "Les engagements du référentiel (modules 1 et 2)",
        "Ce que les visiteurs ont écrit",
        "Annexe : la méthode",
        "Définitions des indicateurs",
    ] {
        assert!(page.contains(section), "{section}");
    }
    // The demo's entered figures and mystery campaigns are there.
    assert!(page.contains("Appels décrochés (standard)"));
    assert!(page.contains("Note moyenne des tests"), "the mystery calls");
    // The demo's visits of 2026, in their own section after the telephone's calls.
    let at = page.find("Visites mystères").expect("the visits' section");
    let end = page
        .find("Les engagements du référentiel (modules 1 et 2)")
        .expect("the next section");
    assert!(page[at..end].contains("tests validés"), "the visits' block");
    assert!(html.contains("<figure"));
    // The method says the interval, its level and the rules of small groups.
    assert!(page.contains("Intervalles de confiance à 95 % ; pour les parts, méthode de Wilson"));
    assert!(page.contains("n'est montré nulle part"));
    // The running header names the organisation and the period.
    assert!(html.contains("/rapport/impression.css?"));
    let resp = api
        .get_as(
            &format!("/rapport/impression.css?{YEAR}"),
            Some(&api.viewer),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap_or_default()
            .starts_with("text/css")
    );
    let css = resp.text().await.expect("css");
    assert!(css.contains("\"Préfecture du Territoire de Belfort — Votre avis sur l'accueil\""));
    assert!(css.contains("counter(pages)"));

    // English.
    let (status, html) = api
        .page_as(&format!("/rapport?{YEAR}&lang=en"), &api.viewer)
        .await;
    assert_eq!(status, StatusCode::OK);
    let page = text(&html);
    assert!(page.contains("Report to the local users' committee"));
    let expected = words(&json, "overall", "score10", Unit::Score10, Lang::En);
    assert!(page.contains(&expected), "{expected}");
}
on_both_engines!(
    report_figures,
    the_report_has_the_dashboards_figures_in_every_section
);

async fn the_report_quotes_the_comments_the_referent_chose_escaped(api: Api) {
    let kiosk = api.token_of(Role::Kiosk).await;
    answer(
        &api,
        &kiosk,
        "belfort-accueil",
        "very_good",
        "<b>Merci</b> à l'agente du guichet 3",
    )
    .await;
    answer(
        &api,
        &kiosk,
        "belfort-accueil",
        "bad",
        "Trop d'attente ce matin",
    )
    .await;
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let quoted = found(&api, "à l'agente du guichet 3").await[0];
    let resp = api
        .post_as(
            &format!("/resultats/commentaires/{quoted}/citer"),
            Some(&referent),
            &[],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let (status, html) = api
        .page_as(
            "/rapport?survey=accueil&from=2026-12&to=2026-12",
            &api.viewer,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("&lt;b&gt;Merci&lt;/b&gt;"));
    assert!(text(&html).contains("à l'agente du guichet 3"));
    assert!(!html.contains("<b>Merci</b>"));
    assert!(
        !html.contains("Trop d'attente ce matin"),
        "only the quoted one"
    );
    assert!(text(&html).contains("ils n'ont pas valeur statistique"));
}
on_both_engines!(
    report_quotes,
    the_report_quotes_the_comments_the_referent_chose_escaped
);

async fn the_default_period_bad_parameters_and_roles(api: Api) {
    // By default the last twelve whole months against the twelve before.
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let (current, earlier) = server::staff::report::default_year(today);
    let (status, html) = api.page_as("/rapport", &api.viewer).await;
    assert_eq!(status, StatusCode::OK);
    let page = text(&html);
    for p in [current, earlier] {
        let written = format!(
            "du {} au {}",
            app::components::format::long_date(p.from, Lang::Fr),
            app::components::format::long_date(p.to, Lang::Fr)
        );
        assert!(page.contains(&written), "{written}");
    }
    for (query, message) in [
        ("from=2026-13&to=2026-12", "Début de la période"),
        (
            "from=2026-09&to=2026-07",
            "Début de la période est après fin de la période",
        ),
        (
            "reunion=15/01/2027",
            "Date de la réunion : sous la forme AAAA-MM-JJ.",
        ),
        (
            "scope=site%3Anulle-part",
            "Périmètre : choisissez un élément de la liste.",
        ),
    ] {
        let (status, html) = api.page_as(&format!("/rapport?{query}"), &api.viewer).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(text(&html).contains(message), "{query}: {message}");
        assert!(!html.contains("report__cover"), "{query}: no report");
        let resp = api
            .get_as(&format!("/rapport.pdf?{query}"), Some(&api.viewer))
            .await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "pdf {query}");
    }
    let referent = open_session(&api.db, "ref@example.gouv.fr", Role::Referent).await;
    let admin = open_session(&api.db, "admin@example.gouv.fr", Role::Admin).await;
    let shopper = open_session(&api.db, "testeur@example.gouv.fr", Role::Shopper).await;
    let (status, _) = api.page_as(&format!("/rapport?{YEAR}"), &referent).await;
    assert_eq!(status, StatusCode::OK);
    let (status, html) = api.page_as(&format!("/rapport?{YEAR}"), &admin).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("organisation=belfort") && !html.contains("report__cover"));
    for path in [
        "/rapport",
        "/rapport.pdf",
        "/rapport/impression.css",
        "/rapport/diaporama",
    ] {
        let (status, _) = api.page_as(path, &shopper).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{path}");
        let resp = api.get_as(path, None).await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER, "{path}");
    }
}
on_both_engines!(report_requests, the_default_period_bad_parameters_and_roles);

async fn the_pdf_is_printed_tagged_with_its_text(api: Api) {
    let resp = api
        .get_as(&format!("/rapport.pdf?{YEAR}"), Some(&api.viewer))
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.headers()["content-type"], "application/pdf");
    assert!(
        resp.headers()["content-disposition"]
            .to_str()
            .unwrap_or_default()
            .contains("rapport.pdf")
    );
    let bytes = resp.bytes().await.expect("pdf");
    assert!(bytes.starts_with(b"%PDF"));
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("rapport.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let (info, pages) = pdfinfo(&path);
    assert!(pages >= 4, "{pages} pages");
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("A4"), "{info}");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let words = norm(&String::from_utf8_lossy(&out.stdout));
    assert!(words.contains("Rapport au comité local des usagers"));
    assert!(words.contains("Annexe : la méthode"));
    // The running header and the page numbers.
    assert!(words.contains("Préfecture du Territoire de Belfort — Votre avis sur l'accueil"));
    assert!(words.contains(&format!("Page 2 sur {pages}")), "{words}");
    // The screen's toolbar is not printed.
    assert!(!words.contains("Télécharger le rapport (PDF)"));
}
on_both_engines!(report_pdf, the_pdf_is_printed_tagged_with_its_text);

async fn the_slides_go_from_one_anchor_to_the_next_without_a_script(api: Api) {
    let (_, json) = api
        .get(&format!("/api/v1/summary?{YEAR}"), Some(&api.token))
        .await;
    let (status, html) = api
        .page_as(&format!("/rapport/diaporama?{YEAR}"), &api.viewer)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("<script"));
    // One navigation per slide.
    let slides = html.matches("class=\"slide__nav\"").count();
    assert!(slides >= 10, "{slides} slides");
    for i in 1..=slides {
        assert!(html.contains(&format!("id=\"diapo-{i}\"")), "slide {i}");
        if i < slides {
            assert!(
                html.contains(&format!("href=\"#diapo-{}\" rel=\"next\"", i + 1)),
                "next of {i}"
            );
        }
        if i > 1 {
            assert!(
                html.contains(&format!("href=\"#diapo-{}\" rel=\"prev\"", i - 1)),
                "previous of {i}"
            );
        }
    }
    assert!(!html.contains(&format!("href=\"#diapo-{}\"", slides + 1)));
    let page = text(&html);
    assert!(html.contains(&format!("aria-label=\"Diapositive 1 sur {slides}\"")));
    let expected = words(&json, "overall", "score10", Unit::Score10, Lang::Fr);
    assert!(page.contains(&expected), "{expected}");
    // A long chart of bars is spread over several slides.
    assert!(page.contains("Conformité par critère") && page.contains("(1 sur "));
    let (status, html) = api
        .page_as(&format!("/rapport/diaporama?{YEAR}&lang=en"), &api.viewer)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Slide 1 of"));
    let (status, _) = api
        .page_as("/rapport/diaporama?from=2026-13&to=2026-12", &api.viewer)
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}
on_both_engines!(
    report_slides,
    the_slides_go_from_one_anchor_to_the_next_without_a_script
);
