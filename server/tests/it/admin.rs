//! The structure screens (sites, services, touchpoints) as a browser without JavaScript uses
//! them, on SQLite and (with TEST_POSTGRES_URL) PostgreSQL: changes land, bad input comes back
//! with its message next to the field, every change is in the audit log, and nobody reaches
//! another organisation's touchpoints.

use crate::common::{Api, open_session};
use domain::Role;
use reqwest::StatusCode;
use reqwest::header::LOCATION;

async fn body(resp: reqwest::Response) -> String {
    resp.text().await.expect("body")
}

const NEW_TOUCHPOINT: &[(&str, &str)] = &[
    ("code", "delle-accueil"),
    ("name_fr", "Accueil de la maison France services de Delle"),
    ("name_en", ""),
    ("site", "delle"),
    ("service", "france-services"),
    ("survey", "accueil"),
    ("channel", "counter"),
];

async fn a_referent_opens_a_new_touchpoint_and_retires_it(api: Api) {
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let page = body(api.get_as("/admin/lieux", Some(&referent)).await).await;
    assert!(
        page.contains("belfort-accueil"),
        "the demo touchpoints are listed"
    );

    // Bad input comes back with its message and the values typed.
    let resp = api
        .post_as(
            "/admin/lieux/sites",
            Some(&referent),
            &[("code", "Delle Centre"), ("name", "Maison France services")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let page = body(resp).await;
    assert!(page.contains("lettres minuscules, chiffres et tirets"));
    assert!(page.contains("value=\"Delle Centre\""));
    assert!(page.contains("aria-describedby=\"site-code-error\""));

    let resp = api
        .post_as(
            "/admin/lieux/sites",
            Some(&referent),
            &[
                ("code", "delle"),
                ("name", "Maison France services de Delle"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        resp.headers()[LOCATION].to_str().expect("location"),
        "/admin/lieux?lang=fr&saved=1"
    );
    let again = api
        .post_as(
            "/admin/lieux/sites",
            Some(&referent),
            &[("code", "delle"), ("name", "Autre")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(body(again).await.contains("le site delle existe déjà"));

    let resp = api
        .post_as(
            "/admin/lieux/services",
            Some(&referent),
            &[
                ("code", "france-services"),
                ("name_fr", "France services"),
                ("name_en", "France services"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);

    // A touchpoint pointing to a site of the list only.
    let mut wrong_site = NEW_TOUCHPOINT.to_vec();
    wrong_site[3] = ("site", "nowhere");
    let resp = api
        .post_as("/admin/points", Some(&referent), &wrong_site)
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    assert!(body(resp).await.contains("Site : choisissez dans la liste"));

    let resp = api
        .post_as("/admin/points", Some(&referent), NEW_TOUCHPOINT)
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER, "{}", body(resp).await);
    // It collects answers at once, and has its poster.
    assert_eq!(
        api.get_as("/q/delle-accueil", None).await.status(),
        StatusCode::OK
    );
    assert_eq!(
        api.get_as("/affiche/delle-accueil", None).await.status(),
        StatusCode::OK
    );

    // Edit its name; its code stays.
    let edit = body(
        api.get_as("/admin/points/delle-accueil", Some(&referent))
            .await,
    )
    .await;
    assert!(edit.contains("value=\"Accueil de la maison France services de Delle\""));
    let mut renamed = NEW_TOUCHPOINT.to_vec();
    renamed[1] = ("name_fr", "Accueil France services Delle");
    renamed[0] = ("code", "ignored");
    let resp = api
        .post_as("/admin/points/delle-accueil", Some(&referent), &renamed)
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let page = body(api.get_as("/admin/lieux", Some(&referent)).await).await;
    assert!(page.contains("Accueil France services Delle"));
    assert!(!page.contains("ignored"));

    // Deactivate: its QR code stops taking answers.
    let resp = api
        .post_as(
            "/admin/points/delle-accueil/etat",
            Some(&referent),
            &[("active", "false")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        api.get_as("/q/delle-accueil", None).await.status(),
        StatusCode::GONE
    );
    let resp = api
        .post_as(
            "/admin/points/delle-accueil/etat",
            Some(&referent),
            &[("active", "maybe")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);

    // Every change is in the log, with the state before and after.
    let entries = db::audit::latest(&api.db, None, 20).await.expect("log");
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    for action in [
        "site.create",
        "service.create",
        "touchpoint.create",
        "touchpoint.update",
        "touchpoint.deactivate",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    let update = entries
        .iter()
        .find(|e| e.action == "touchpoint.update")
        .expect("update");
    assert_eq!(update.actor, "account:referente@example.gouv.fr");
    assert!(
        update
            .before
            .as_deref()
            .is_some_and(|b| b.contains("de Delle"))
    );
    assert!(
        update
            .after
            .as_deref()
            .is_some_and(|a| a.contains("France services Delle"))
    );
}
on_both_engines!(structure, a_referent_opens_a_new_touchpoint_and_retires_it);

async fn changes_are_refused_to_other_sites_roles_and_organisations(api: Api) {
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    // Another site's form.
    let resp = api
        .client
        .post(format!("{}/admin/lieux/sites", api.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .header(reqwest::header::COOKIE, format!("qa_session={referent}"))
        .body("code=evil&name=Evil")
        .send()
        .await
        .expect("post");
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    // A committee member reads, changes nothing.
    let resp = api
        .post_as(
            "/admin/points/belfort-accueil/etat",
            Some(&api.viewer),
            &[("active", "false")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        api.get_as("/q/belfort-accueil", None).await.status(),
        StatusCode::OK
    );
    // The administrator of the instance chooses the organisation first.
    let admin = open_session(&api.db, "admin@example.gouv.fr", Role::Admin).await;
    let page = body(api.get_as("/admin/lieux", Some(&admin)).await).await;
    assert!(page.contains("/admin/lieux?lang=fr&amp;organisation=belfort"));
    let page = body(
        api.get_as("/admin/lieux?organisation=belfort", Some(&admin))
            .await,
    )
    .await;
    assert!(page.contains("belfort-accueil"));
    // An unknown touchpoint is a 404, not a 500.
    let resp = api
        .post_as(
            "/admin/points/nowhere/etat",
            Some(&referent),
            &[("active", "false")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        api.get_as("/admin/points/nowhere", Some(&referent))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}
on_both_engines!(
    refusals,
    changes_are_refused_to_other_sites_roles_and_organisations
);

async fn the_administrator_opens_a_new_organisation(api: Api) {
    let admin = open_session(&api.db, "admin@example.gouv.fr", Role::Admin).await;
    let bad = api
        .post_as(
            "/admin/organisations",
            Some(&admin),
            &[("code", "Doubs !"), ("name", "Préfecture du Doubs")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let resp = api
        .post_as(
            "/admin/organisations",
            Some(&admin),
            &[("code", "doubs"), ("name", "Préfecture du Doubs")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let again = api
        .post_as(
            "/admin/organisations",
            Some(&admin),
            &[("code", "doubs"), ("name", "Encore")],
        )
        .await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(body(again).await.contains("existe déjà"));
    let page = body(api.get_as("/admin/organisations", Some(&admin)).await).await;
    assert!(page.contains("Préfecture du Doubs"));
    // Its own, empty structure; Belfort's referent does not see it.
    let doubs = body(
        api.get_as("/admin/lieux?organisation=doubs", Some(&admin))
            .await,
    )
    .await;
    assert!(doubs.contains("Préfecture du Doubs") && !doubs.contains("belfort-accueil"));
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let own = body(
        api.get_as("/admin/lieux?organisation=doubs", Some(&referent))
            .await,
    )
    .await;
    assert!(
        own.contains("belfort-accueil"),
        "a referent always acts on their own organisation"
    );
    let entries = db::audit::latest(&api.db, None, 5).await.expect("log");
    assert!(entries.iter().any(|e| e.action == "organisation.create"
        && e.subject == "organisation doubs"
        && e.actor == "account:admin@example.gouv.fr"));
}
on_both_engines!(organisations, the_administrator_opens_a_new_organisation);

async fn figures_from_other_systems_are_entered_per_period(api: Api) {
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let post = |fields: Vec<(&'static str, &'static str)>| {
        let api = &api;
        let referent = referent.clone();
        async move {
            api.post_as("/admin/chiffres", Some(&referent), &fields)
                .await
        }
    };
    for (fields, needle) in [
        (
            vec![
                ("kind", "footfall"),
                ("service", ""),
                ("period", "2026-T1"),
                ("value", "4200"),
            ],
            "se saisit par service",
        ),
        (
            vec![
                ("kind", "call_pickup_rate"),
                ("service", ""),
                ("period", "2026-03"),
                ("value", "104"),
            ],
            "de 0 à 100",
        ),
        (
            vec![
                ("kind", "footfall"),
                ("service", "cert"),
                ("period", "2026-T5"),
                ("value", "4200"),
            ],
            "un trimestre (2026-T1)",
        ),
        (
            vec![
                ("kind", "complaints"),
                ("service", ""),
                ("period", "2026-03"),
                ("value", "2,5"),
            ],
            "un nombre entier",
        ),
    ] {
        let resp = post(fields).await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
        assert!(body(resp).await.contains(needle), "{needle}");
    }
    let ok = post(vec![
        ("kind", "footfall"),
        ("service", "cert"),
        ("period", "2026-T1"),
        ("value", "4 200"),
    ])
    .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let ok = post(vec![
        ("kind", "call_pickup_rate"),
        ("service", ""),
        ("period", "2026-03"),
        ("value", "87,5"),
    ])
    .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    // The same period again replaces the figure.
    let ok = post(vec![
        ("kind", "footfall"),
        ("service", "cert"),
        ("period", "2026-q1"),
        ("value", "4350"),
    ])
    .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let page = body(api.get_as("/admin/chiffres", Some(&referent)).await).await;
    assert!(page.contains("2026-T1") && page.contains("4350") && !page.contains("4200"));
    assert!(page.contains("87,5\u{202f}%"));
    let last = &db::audit::latest(&api.db, None, 1).await.expect("log")[0];
    assert_eq!(last.action, "figure.set");
    assert_eq!(last.before.as_deref(), Some("{\"value\":4200.0}"));
    assert_eq!(last.after.as_deref(), Some("{\"value\":4350.0}"));
    // A figure names its source, which the list shows and the log keeps; a source on more than
    // one line is refused, and the form keeps what was typed.
    let long = "x".repeat(201);
    for source in ["statistiques\ndu standard", long.as_str()] {
        let resp = api
            .post_as(
                "/admin/chiffres",
                Some(&referent),
                &[
                    ("kind", "delay_id_cards"),
                    ("service", ""),
                    ("period", "2026-T1"),
                    ("value", "21,5"),
                    ("source", source),
                ],
            )
            .await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
        let html = body(resp).await;
        assert!(html.contains("Source : au plus 200 caractères, sur une ligne."));
        assert!(html.contains("value=\"21,5\""));
    }
    let ok = post(vec![
        ("kind", "delay_id_cards"),
        ("service", ""),
        ("period", "2026-T1"),
        ("value", "21,5"),
        ("source", "tableau de bord ANTS"),
    ])
    .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    let page = body(api.get_as("/admin/chiffres", Some(&referent)).await).await;
    assert!(page.contains("<td>tableau de bord ANTS</td>"));
    let last = &db::audit::latest(&api.db, None, 1).await.expect("log")[0];
    assert_eq!(
        last.after.as_deref(),
        Some("{\"source\":\"tableau de bord ANTS\",\"value\":21.5}")
    );
}
on_both_engines!(figures, figures_from_other_systems_are_entered_per_period);
