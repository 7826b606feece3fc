//! Retention on the screens: the referent sets how long each kind of data is kept and visitors
//! read it; the referent finds a comment and erases it or its whole response, with a reason.

use crate::common::{Api, open_session};
use domain::Role;
use reqwest::StatusCode;
use serde_json::json;

const DURATIONS: [(&str, &str); 6] = [
    ("free_text_days", "90"),
    ("responses_days", "730"),
    ("mystery_tests_days", "365"),
    ("invitations_days", "7"),
    ("deactivated_accounts_days", "60"),
    ("audit_log_days", "400"),
];

async fn the_referent_sets_retention_and_visitors_read_it(api: Api) {
    let referent = open_session(&api.db, "retention@example.gouv.fr", Role::Referent).await;
    let screen = api
        .get_as("/admin/confidentialite", Some(&referent))
        .await
        .text()
        .await
        .expect("page");
    assert!(screen.contains("Durées de conservation") && screen.contains("value=\"365\""));
    assert!(
        notice(&api)
            .await
            .contains("effacé 365 jours après la réponse")
    );

    // Out of bounds, or not a number: refused next to the field, nothing saved.
    for (field, value, message) in [
        ("audit_log_days", "90", "Entre 180 et 1827 jours."),
        ("free_text_days", "trois", "Un nombre entier de jours."),
        (
            "free_text_days",
            "800",
            "Un commentaire ne peut être gardé plus longtemps",
        ),
    ] {
        let mut form = DURATIONS.to_vec();
        for f in &mut form {
            if f.0 == field {
                f.1 = value;
            }
        }
        let refused = api
            .post_as(
                "/admin/confidentialite/conservation",
                Some(&referent),
                &form,
            )
            .await;
        assert_eq!(refused.status(), StatusCode::BAD_REQUEST, "{field}={value}");
        let body = refused.text().await.expect("page");
        assert!(body.contains(message), "{field}={value}");
    }
    assert!(notice(&api).await.contains("effacé 365 jours"));

    let saved = api
        .post_as(
            "/admin/confidentialite/conservation",
            Some(&referent),
            &DURATIONS,
        )
        .await;
    assert_eq!(saved.status(), StatusCode::OK);
    assert!(
        saved
            .text()
            .await
            .expect("page")
            .contains("Durées enregistrées")
    );
    let told = notice(&api).await;
    assert!(told.contains("effacé 90 jours après la réponse, la réponse elle-même 730 jours"));
    let log = db::audit::latest(&api.db, None, 5).await.expect("log");
    assert!(log.iter().any(|e| {
        e.action == "retention.update"
            && e.after
                .as_deref()
                .is_some_and(|a| a.contains("\"audit_log_days\":400"))
    }));

    // A committee member cannot change them.
    let viewer = api
        .post_as(
            "/admin/confidentialite/conservation",
            Some(&api.viewer),
            &DURATIONS,
        )
        .await;
    assert_eq!(viewer.status(), StatusCode::FORBIDDEN);
}
async fn notice(api: &Api) -> String {
    api.get_as("/q/belfort-accueil/confidentialite", None)
        .await
        .text()
        .await
        .expect("notice")
}

on_both_engines!(
    retention_settings,
    the_referent_sets_retention_and_visitors_read_it
);

async fn answer_with(api: &Api, comment: &str, key: &str) {
    let kiosk = api.token_of(Role::Kiosk).await;
    let answer = json!({"answers": {"overall": "bad", "courtesy": "2", "wait": "gt30",
                                    "resolved": "no", "comment": comment},
                        "idempotency_key": key});
    let (status, body) = api
        .send(
            "POST",
            "/api/v1/touchpoints/belfort-cert/responses",
            Some(&kiosk),
            &answer.to_string(),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

/// The responses whose comment holds `words`.
pub(crate) async fn found(api: &Api, words: &str) -> Vec<i32> {
    let org = db::structure::organisations(&api.db).await.expect("orgs")[0].id;
    db::comments::comments(
        &api.db,
        org,
        &db::comments::CommentFilter {
            contains: Some(words.to_owned()),
            ..Default::default()
        },
        None,
        10,
    )
    .await
    .expect("comments")
    .into_iter()
    .map(|c| c.id)
    .collect()
}

async fn a_referent_erases_a_visitors_comment(api: Api) {
    answer_with(
        &api,
        "<b>Madame Dupont</b> du guichet 3 était pressée",
        "erase-one-1",
    )
    .await;
    answer_with(&api, "Monsieur Durand m'a bien aidé", "erase-two-2").await;
    let referent = open_session(&api.db, "erasure@example.gouv.fr", Role::Referent).await;

    // Found by its words, shown escaped, and the reading is audited.
    let page = api
        .get_as(
            "/admin/reponses?touchpoint=belfort-cert&words=DUPONT",
            Some(&referent),
        )
        .await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("page");
    assert!(html.contains("&lt;b&gt;Madame Dupont&lt;/b&gt; du guichet 3"));
    assert!(!html.contains("Durand"), "only what matches");
    let log = db::audit::latest(&api.db, None, 3).await.expect("log");
    assert!(
        log.iter()
            .any(|e| e.action == "responses.read" && e.actor == "account:erasure@example.gouv.fr")
    );
    let bad_day = api
        .get_as("/admin/reponses?day=31/12/2026", Some(&referent))
        .await;
    assert_eq!(bad_day.status(), StatusCode::BAD_REQUEST);
    let unknown = api
        .get_as("/admin/reponses?touchpoint=nowhere", Some(&referent))
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    for reader in [&api.viewer] {
        let refused = api.get_as("/admin/reponses", Some(reader)).await;
        assert_eq!(
            refused.status(),
            StatusCode::FORBIDDEN,
            "a committee member"
        );
    }

    // Erasing needs a reason; then the comment is gone, the filters kept.
    let [dupont] = found(&api, "dupont").await[..] else {
        panic!("one response")
    };
    let path = format!("/admin/reponses/{dupont}/effacer-commentaire?lang=fr&words=dupont");
    let no_reason = api
        .post_as(&path, Some(&referent), &[("reason", " ")])
        .await;
    assert_eq!(no_reason.status(), StatusCode::BAD_REQUEST);
    assert!(
        no_reason
            .text()
            .await
            .expect("page")
            .contains("Motif : à remplir")
    );
    assert_eq!(found(&api, "dupont").await, vec![dupont]);
    let erased = api
        .post_as(&path, Some(&referent), &[("reason", "nom d'un agent")])
        .await;
    assert_eq!(erased.status(), StatusCode::SEE_OTHER);
    let location = erased.headers()["location"].to_str().expect("location");
    assert!(location.contains("done=erased") && location.contains("words=dupont"));
    assert!(found(&api, "dupont").await.is_empty());
    let (_, raw) = api
        .get(
            "/api/v1/responses?touchpoint=belfort-cert&limit=1000",
            Some(&api.token_of(Role::Referent).await),
        )
        .await;
    let kept = raw["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .find(|r| r["id"] == dupont)
        .expect("the response stays")
        .clone();
    assert_eq!(kept["answers"]["overall"], "bad");
    assert!(kept["answers"].get("comment").is_none());

    // Deleting the other one; a response of nobody's is 404.
    let [durand] = found(&api, "durand").await[..] else {
        panic!("one response")
    };
    let deleted = api
        .post_as(
            &format!("/admin/reponses/{durand}/supprimer"),
            Some(&referent),
            &[("reason", "demande de l'usager du 1er décembre")],
        )
        .await;
    assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
    assert!(found(&api, "durand").await.is_empty());
    let (_, raw) = api
        .get(
            "/api/v1/responses?touchpoint=belfort-cert&limit=1000",
            Some(&api.token_of(Role::Referent).await),
        )
        .await;
    let ids: Vec<i64> = raw["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .filter_map(|r| r["id"].as_i64())
        .collect();
    assert!(ids.contains(&i64::from(dupont)) && !ids.contains(&i64::from(durand)));
    let missing = api
        .post_as(
            "/admin/reponses/99999999/supprimer",
            Some(&referent),
            &[("reason", "x")],
        )
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    let log = db::audit::latest(&api.db, None, 10).await.expect("log");
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"response.delete") && actions.contains(&"response.erase_text"));
}
on_both_engines!(erasure, a_referent_erases_a_visitors_comment);
