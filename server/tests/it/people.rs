//! Accounts and invitations as the referent manages them, on SQLite and (with
//! TEST_POSTGRES_URL) PostgreSQL: a one-time link that expires, the invited person's own
//! password, deactivation that ends sessions at once, and the audit log.

use crate::common::{Api, open_session};
use domain::Role;
use reqwest::StatusCode;
use reqwest::header::LOCATION;

/// The invitation link shown once on the page, as a path.
fn link_in(page: &str) -> String {
    let start = page.find("/invitation/qi_").expect("a link on the page");
    page[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '_')
        .collect()
}

async fn an_invited_person_chooses_a_password_once(api: Api) {
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let bad = api
        .post_as(
            "/admin/comptes",
            Some(&referent),
            &[("email", "pas-une-adresse"), ("role", "viewer")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    assert!(
        bad.text()
            .await
            .expect("body")
            .contains("format attendu nom@domaine.fr")
    );
    let admin = api
        .post_as(
            "/admin/comptes",
            Some(&referent),
            &[("email", "x@example.gouv.fr"), ("role", "admin")],
        )
        .await;
    assert_eq!(
        admin.status(),
        StatusCode::BAD_REQUEST,
        "no admin by invitation"
    );

    let resp = api
        .post_as(
            "/admin/comptes",
            Some(&referent),
            &[("email", "Membre.CLU@example.fr"), ("role", "viewer")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::OK);
    let page = resp.text().await.expect("body");
    let link = link_in(&page);
    assert!(
        page.contains(&format!("http://127.0.0.1{link}")),
        "the full address"
    );
    // Listed as pending, never with its link again.
    let page = api
        .get_as("/admin/comptes", Some(&referent))
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("membre.clu@example.fr") && !page.contains(&link));

    let form = api.get_as(&link, None).await;
    assert_eq!(form.status(), StatusCode::OK);
    let html = form.text().await.expect("body");
    assert!(
        html.contains("membre.clu@example.fr")
            && html.contains("Préfecture du Territoire de Belfort")
    );

    let short = api
        .post_as(
            &link,
            None,
            &[("password", "court"), ("confirmation", "court")],
        )
        .await;
    assert_eq!(short.status(), StatusCode::BAD_REQUEST);
    assert!(
        short
            .text()
            .await
            .expect("body")
            .contains("12 caractères au moins")
    );
    let differ = api
        .post_as(
            &link,
            None,
            &[
                ("password", "une phrase assez longue"),
                ("confirmation", "une autre phrase longue"),
            ],
        )
        .await;
    assert_eq!(differ.status(), StatusCode::BAD_REQUEST);

    let ok = api
        .post_as(
            &link,
            None,
            &[
                ("password", "une phrase assez longue"),
                ("confirmation", "une phrase assez longue"),
            ],
        )
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        ok.headers()[LOCATION].to_str().expect("location"),
        "/login?lang=fr&next=%2Fresultats"
    );
    // The link served once.
    assert_eq!(api.get_as(&link, None).await.status(), StatusCode::GONE);
    let replay = api
        .post_as(
            &link,
            None,
            &[
                ("password", "une phrase assez longue"),
                ("confirmation", "une phrase assez longue"),
            ],
        )
        .await;
    assert_eq!(replay.status(), StatusCode::GONE);
    // The new person signs in, as a committee member of Belfort.
    let signed = db::accounts::sign_in(
        &api.db,
        "membre.clu@example.fr",
        "une phrase assez longue",
        "127.0.0.1",
        &db::accounts::Throttle::default(),
        chrono::TimeDelta::hours(1),
        chrono::Utc::now(),
    )
    .await
    .expect("sign in");
    let db::accounts::SignIn::Opened { account, .. } = signed else {
        panic!("{signed:?}");
    };
    assert_eq!(account.role, Role::Viewer);
    assert!(account.organisation_id.is_some());

    let actions: Vec<String> = db::audit::latest(&api.db, account.organisation_id, 50)
        .await
        .expect("log")
        .into_iter()
        .map(|e| format!("{} {}", e.action, e.subject))
        .collect();
    assert!(actions.contains(&"account.invite account membre.clu@example.fr".to_owned()));
    assert!(actions.contains(&"account.create account membre.clu@example.fr".to_owned()));
}
on_both_engines!(invitation, an_invited_person_chooses_a_password_once);

async fn an_invitation_expires_after_seven_days(api: Api) {
    let organisation = db::structure::organisations(&api.db).await.expect("orgs")[0].id;
    let eight_days_ago = chrono::Utc::now() - chrono::TimeDelta::days(8);
    let secret = db::people::invite(
        &api.db,
        &db::audit::Actor::CommandLine,
        organisation,
        "tard@example.fr",
        Role::Shopper,
        eight_days_ago,
    )
    .await
    .expect("invite");
    let link = format!("/invitation/{secret}");
    assert_eq!(api.get_as(&link, None).await.status(), StatusCode::GONE);
    let resp = api
        .post_as(
            &link,
            None,
            &[
                ("password", "une phrase assez longue"),
                ("confirmation", "une phrase assez longue"),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::GONE);
    assert_eq!(
        api.get_as("/invitation/qi_forged", None).await.status(),
        StatusCode::GONE
    );
}
on_both_engines!(expiry, an_invitation_expires_after_seven_days);

async fn a_deactivated_account_is_signed_out_at_once(api: Api) {
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    // The viewer of the common setup is signed in and reads results.
    assert_eq!(
        api.get_as("/resultats", Some(&api.viewer)).await.status(),
        StatusCode::OK
    );
    let (people, _) = db::people::people(
        &api.db,
        db::structure::organisations(&api.db).await.expect("orgs")[0].id,
        chrono::Utc::now(),
    )
    .await
    .expect("people");
    let viewer = people
        .iter()
        .find(|p| p.email == "clu@example.gouv.fr")
        .expect("viewer");
    let me = people
        .iter()
        .find(|p| p.email == "referente@example.gouv.fr")
        .expect("me");
    let resp = api
        .post_as(
            &format!("/admin/comptes/{}/etat", viewer.id),
            Some(&referent),
            &[("active", "false")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        api.get_as("/resultats", Some(&api.viewer)).await.status(),
        StatusCode::SEE_OTHER,
        "back to the sign-in form"
    );
    // Nobody locks themselves out.
    let resp = api
        .post_as(
            &format!("/admin/comptes/{}/etat", me.id),
            Some(&referent),
            &[("active", "false")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    // A committee member manages nobody.
    let other = open_session(&api.db, "clu2@example.gouv.fr", Role::Viewer).await;
    let resp = api
        .post_as(
            &format!("/admin/comptes/{}/etat", me.id),
            Some(&other),
            &[("active", "false")],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
}
on_both_engines!(deactivation, a_deactivated_account_is_signed_out_at_once);

async fn a_token_made_on_the_screen_reads_until_revoked(api: Api) {
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let bad = api
        .post_as(
            "/admin/jetons",
            Some(&referent),
            &[("name", " "), ("role", "viewer")],
        )
        .await;
    assert_eq!(bad.status(), StatusCode::BAD_REQUEST);
    let admin_token = api
        .post_as(
            "/admin/jetons",
            Some(&referent),
            &[("name", "x"), ("role", "admin")],
        )
        .await;
    assert_eq!(
        admin_token.status(),
        StatusCode::BAD_REQUEST,
        "no admin token from a referent"
    );

    let page = api
        .post_as(
            "/admin/jetons",
            Some(&referent),
            &[("name", "Tableau de bord du CLU"), ("role", "viewer")],
        )
        .await
        .text()
        .await
        .expect("body");
    let start = page.find("qa_").expect("the token is shown");
    let token: String = page[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    let (status, _) = api.get("/api/v1/touchpoints", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    // Listed without its value afterwards.
    let list = api
        .get_as("/admin/jetons", Some(&referent))
        .await
        .text()
        .await
        .expect("body");
    assert!(list.contains("Tableau de bord du CLU") && !list.contains(&token));

    let id = db::tokens::tokens_of(
        &api.db,
        db::structure::organisations(&api.db).await.expect("orgs")[0].id,
    )
    .await
    .expect("tokens")
    .into_iter()
    .find(|t| t.name == "Tableau de bord du CLU")
    .expect("listed")
    .id;
    let resp = api
        .post_as(
            &format!("/admin/jetons/{id}/revoquer"),
            Some(&referent),
            &[],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let (status, _) = api.get("/api/v1/touchpoints", Some(&token)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let actions: Vec<String> = db::audit::latest(&api.db, None, 20)
        .await
        .expect("log")
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(
        actions.contains(&"token.create".to_owned())
            && actions.contains(&"token.revoke".to_owned())
    );
    assert_eq!(
        api.post_as("/admin/jetons/999999/revoquer", Some(&referent), &[])
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
}
on_both_engines!(tokens, a_token_made_on_the_screen_reads_until_revoked);
