//! The survey builder as a browser without JavaScript uses it, on SQLite and (with
//! TEST_POSTGRES_URL) PostgreSQL: a referent creates a questionnaire, edits its questions,
//! previews and publishes it, shows it on a new touchpoint, and visitors answer the version they
//! were shown.

use crate::common::{Api, open_session};
use domain::Role;
use reqwest::StatusCode;
use reqwest::header::LOCATION;

async fn text(resp: reqwest::Response) -> String {
    resp.text().await.expect("body")
}

const BASE: &str = "/admin/questionnaires/pan";

async fn a_referent_builds_publishes_and_shows_a_questionnaire(api: Api) {
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let created = api
        .post_as(
            "/admin/questionnaires",
            Some(&referent),
            &[
                ("code", "pan"),
                ("title_fr", "Votre avis sur le point d'accueil numérique"),
                ("title_en", "Your opinion of the digital help point"),
            ],
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        created.headers()[LOCATION].to_str().expect("location"),
        "/admin/questionnaires/pan?lang=fr"
    );
    // It starts from the default questionnaire, unpublished.
    let page = text(api.get_as(BASE, Some(&referent)).await).await;
    assert!(page.contains("overall") && page.contains("Modifications non publiées"));

    // Remove a question, add one, move it up, edit it.
    let resp = api
        .post_as(
            &format!("{BASE}/questions/effort/supprimer"),
            Some(&referent),
            &[],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let bad = api
        .post_as(
            &format!("{BASE}/questions"),
            Some(&referent),
            &[
                ("code", "help_needed"),
                ("kind", "likert4"),
                ("required", "true"),
                ("text_fr", "Avez-vous eu besoin d'aide ?"),
                ("options", "oui | Oui\nnon | Non"),
            ],
        )
        .await;
    assert_eq!(
        bad.status(),
        StatusCode::BAD_REQUEST,
        "answers that do not fit the type"
    );
    let page = text(bad).await;
    assert!(page.contains("les codes doivent être ceux du type"));
    assert!(
        page.contains("Avez-vous eu besoin d"),
        "the text typed is kept"
    );

    let resp = api
        .post_as(
            &format!("{BASE}/questions"),
            Some(&referent),
            &[
                ("code", "help_needed"),
                ("kind", "single_choice"),
                ("required", "true"),
                ("text_fr", "Qui vous a aidé ?"),
                ("text_en", "Who helped you?"),
                (
                    "options",
                    "mediator | Le médiateur | The mediator\nnobody | Personne | Nobody",
                ),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER, "{}", text(resp).await);
    let resp = api
        .post_as(
            &format!("{BASE}/questions/help_needed/monter"),
            Some(&referent),
            &[],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let edit = text(
        api.get_as(&format!("{BASE}?question=help_needed"), Some(&referent))
            .await,
    )
    .await;
    assert!(edit.contains("mediator | Le médiateur | The mediator"));
    let resp = api
        .post_as(
            &format!("{BASE}/questions/help_needed"),
            Some(&referent),
            &[
                ("code", "help_needed"),
                ("kind", "single_choice"),
                ("text_fr", "Qui vous a aidé aujourd'hui ?"),
                ("text_en", "Who helped you today?"),
                (
                    "options",
                    "mediator | Le médiateur | The mediator\nnobody | Personne | Nobody",
                ),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let duplicate = api
        .post_as(
            &format!("{BASE}/questions"),
            Some(&referent),
            &[
                ("code", "overall"),
                ("kind", "jdma3"),
                ("text_fr", "Encore ?"),
            ],
        )
        .await;
    assert_eq!(duplicate.status(), StatusCode::BAD_REQUEST);
    assert!(text(duplicate).await.contains("appelle déjà overall"));

    // The preview shows the draft as a visitor sees it.
    let preview = text(api.get_as(&format!("{BASE}/apercu"), Some(&referent)).await).await;
    assert!(preview.contains("Qui vous a aidé aujourd"));
    assert!(
        !preview.contains("name=\"q_effort\""),
        "the removed question is not shown"
    );

    // Publish: version 1; nothing more to publish afterwards.
    let resp = api
        .post_as(&format!("{BASE}/publier"), Some(&referent), &[])
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let page = text(
        api.get_as(&format!("{BASE}?published=1"), Some(&referent))
            .await,
    )
    .await;
    assert!(page.contains("Version publiée"));
    let again = api
        .post_as(&format!("{BASE}/publier"), Some(&referent), &[])
        .await;
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(text(again).await.contains("Rien à publier"));

    // On a new touchpoint, visitors see it; its poster prints.
    let resp = api
        .post_as(
            "/admin/points",
            Some(&referent),
            &[
                ("code", "belfort-pan-2"),
                ("name_fr", "Point d'accueil numérique, hall B"),
                ("site", "prefecture"),
                ("service", "pan"),
                ("survey", "pan"),
                ("channel", "pan"),
            ],
        )
        .await;
    let status = resp.status();
    let body = text(resp).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let visitor = text(api.get_as("/q/belfort-pan-2", None).await).await;
    assert!(visitor.contains("Qui vous a aidé aujourd"));
    assert!(
        !visitor.contains("name=\"q_effort\""),
        "the removed question is gone"
    );
    assert_eq!(
        api.get_as("/affiche/belfort-pan-2", None).await.status(),
        StatusCode::OK
    );

    // Closing stops the answers; reopening brings them back.
    let resp = api
        .post_as(
            &format!("{BASE}/etat"),
            Some(&referent),
            &[("open", "false")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let closed = text(api.get_as("/q/belfort-pan-2", None).await).await;
    assert!(closed.contains("Ce questionnaire est fermé"));
    assert!(!closed.contains("name=\"q_overall\""));
    api.post_as(
        &format!("{BASE}/etat"),
        Some(&referent),
        &[("open", "true")],
    )
    .await;
    let reopened = text(api.get_as("/q/belfort-pan-2", None).await).await;
    assert!(reopened.contains("name=\"q_overall\""));

    let actions: Vec<String> = db::audit::latest(&api.db, None, 50)
        .await
        .expect("log")
        .into_iter()
        .map(|e| e.action)
        .collect();
    for a in [
        "survey.create",
        "survey.question.remove",
        "survey.question.add",
        "survey.question.move",
        "survey.question.update",
        "survey.publish",
        "survey.close",
        "survey.reopen",
    ] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
}
on_both_engines!(build, a_referent_builds_publishes_and_shows_a_questionnaire);

async fn the_builder_is_the_referents_only(api: Api) {
    let resp = api
        .post_as(
            "/admin/questionnaires",
            Some(&api.viewer),
            &[("code", "x"), ("title_fr", "X")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    let shopper = open_session(&api.db, "client@example.gouv.fr", Role::Shopper).await;
    assert_eq!(
        api.get_as("/admin/questionnaires/accueil", Some(&shopper))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    assert_eq!(
        api.get_as("/admin/questionnaires/nowhere", Some(&referent))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        api.post_as(
            "/admin/questionnaires/accueil/questions/nowhere/supprimer",
            Some(&referent),
            &[]
        )
        .await
        .status(),
        StatusCode::NOT_FOUND
    );
}
on_both_engines!(access, the_builder_is_the_referents_only);
