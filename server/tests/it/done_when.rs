//! The acceptance path over HTTP, as browsers without JavaScript use it, on SQLite and
//! (with TEST_POSTGRES_URL) PostgreSQL: the administrator invites a referent, who builds a
//! questionnaire, publishes it on a new touchpoint and prints its poster, while a shopper and a
//! committee member reach nothing beyond their role.

use crate::common::{Api, PASSWORD, open_session};
use domain::Role;
use reqwest::StatusCode;
use reqwest::header::{LOCATION, SET_COOKIE};

async fn text(resp: reqwest::Response) -> String {
    resp.text().await.expect("body")
}

async fn an_invited_referent_builds_and_publishes_a_survey(api: Api) {
    // The administrator of the instance (created on the server) invites the referent.
    let admin = open_session(&api.db, "admin@example.gouv.fr", Role::Admin).await;
    let page = text(
        api.post_as(
            "/admin/comptes?organisation=belfort",
            Some(&admin),
            &[
                ("email", "nouvelle.referente@example.gouv.fr"),
                ("role", "referent"),
            ],
        )
        .await,
    )
    .await;
    let start = page.find("/invitation/qi_").expect("the link");
    let link: String = page[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '_')
        .collect();

    // The referent chooses a password, then signs in through the form.
    let resp = api
        .post_as(
            &link,
            None,
            &[("password", PASSWORD), ("confirmation", PASSWORD)],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let signed = api
        .post_as(
            "/login",
            None,
            &[
                ("email", "nouvelle.referente@example.gouv.fr"),
                ("password", PASSWORD),
                ("next", "/admin/questionnaires"),
            ],
        )
        .await;
    assert_eq!(signed.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        signed.headers()[LOCATION].to_str().expect("location"),
        "/admin/questionnaires?lang=fr"
    );
    let cookie = signed.headers()[SET_COOKIE].to_str().expect("cookie");
    let referent = cookie
        .trim_start_matches("qa_session=")
        .split(';')
        .next()
        .expect("secret")
        .to_owned();

    // Builds a questionnaire and publishes it.
    let ok = |resp: reqwest::Response| {
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    };
    ok(api
        .post_as(
            "/admin/questionnaires",
            Some(&referent),
            &[
                ("code", "rdv"),
                ("title_fr", "Votre rendez-vous"),
                ("title_en", "Your appointment"),
            ],
        )
        .await);
    ok(api
        .post_as(
            "/admin/questionnaires/rdv/questions",
            Some(&referent),
            &[
                ("code", "on_time"),
                ("kind", "yes_partly_no"),
                ("required", "true"),
                (
                    "text_fr",
                    "Avez-vous été reçu à l'heure de votre rendez-vous ?",
                ),
                ("text_en", "Were you seen at the time of your appointment?"),
            ],
        )
        .await);
    ok(api
        .post_as("/admin/questionnaires/rdv/publier", Some(&referent), &[])
        .await);

    // Shows it on a new touchpoint and prints its poster.
    ok(api
        .post_as(
            "/admin/points",
            Some(&referent),
            &[
                ("code", "belfort-rdv"),
                ("name_fr", "Guichet des rendez-vous"),
                ("site", "prefecture"),
                ("service", "cert"),
                ("survey", "rdv"),
                ("channel", "counter"),
            ],
        )
        .await);
    let survey = text(api.get_as("/q/belfort-rdv", None).await).await;
    assert!(survey.contains("reçu à l") && survey.contains("name=\"q_on_time\""));
    let poster = api.get_as("/affiche/belfort-rdv", None).await;
    assert_eq!(poster.status(), StatusCode::OK);
    assert!(text(poster).await.contains("/q/belfort-rdv"));

    // A shopper and a committee member reach nothing of this.
    let shopper = open_session(&api.db, "client.mystere@example.gouv.fr", Role::Shopper).await;
    for session in [&shopper, &api.viewer] {
        for path in [
            "/admin",
            "/admin/questionnaires/rdv",
            "/admin/lieux",
            "/admin/comptes",
            "/admin/jetons",
            "/admin/journal",
        ] {
            assert_eq!(
                api.get_as(path, Some(session)).await.status(),
                StatusCode::FORBIDDEN,
                "{path}"
            );
        }
        let resp = api
            .post_as(
                "/admin/questionnaires/rdv/etat",
                Some(session),
                &[("open", "false")],
            )
            .await;
        assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(
        api.get_as("/resultats", Some(&shopper)).await.status(),
        StatusCode::FORBIDDEN,
        "a shopper reads no results"
    );
    assert_eq!(
        api.get_as("/resultats", Some(&api.viewer)).await.status(),
        StatusCode::OK,
        "a committee member reads them"
    );
}
on_both_engines!(flow, an_invited_referent_builds_and_publishes_a_survey);
