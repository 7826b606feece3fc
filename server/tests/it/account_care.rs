//! Looking after accounts over HTTP, as a browser without JavaScript does it, on SQLite and
//! (with TEST_POSTGRES_URL) PostgreSQL: one's own password (throttled, other sessions end), the
//! referent's one-time reset link, signing out of every device, cancelled invitations, and API
//! tokens that expire and show their last use.

use crate::common::{Api, PASSWORD, open_session, second_organisation};
use chrono::{TimeDelta, Utc};
use domain::Role;
use reqwest::StatusCode;
use reqwest::header::{LOCATION, RETRY_AFTER, SET_COOKIE};

const NEW_PASSWORD: &str = "une toute nouvelle phrase";

fn location(resp: &reqwest::Response) -> String {
    resp.headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// Signs in through the database (another device): the session's secret, or `None`.
async fn sign_in(api: &Api, email: &str, password: &str) -> Option<String> {
    match db::accounts::sign_in(
        &api.db,
        email,
        password,
        "192.0.2.7",
        &db::accounts::Throttle::default(),
        TimeDelta::hours(1),
        Utc::now(),
    )
    .await
    .expect("sign in")
    {
        db::accounts::SignIn::Opened { secret, .. } => Some(secret),
        _ => None,
    }
}

/// Whether a session still opens a staff page (rather than being sent to sign in).
async fn is_live(api: &Api, session: &str) -> bool {
    let resp = api.get_as("/compte", Some(session)).await;
    resp.status() == StatusCode::OK
}

/// The id of an account of the demo organisation.
async fn account_id(api: &Api, email: &str) -> i32 {
    let org = db::structure::organisations(&api.db).await.expect("orgs")[0].id;
    let (people, _) = db::people::people(&api.db, org, Utc::now())
        .await
        .expect("people");
    people
        .into_iter()
        .find(|p| p.email == email)
        .expect("account")
        .id
}

/// The audit log's actions, newest first.
async fn actions(api: &Api) -> Vec<(String, String, Option<String>)> {
    db::audit::latest(&api.db, None, 200)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| (e.action, e.subject, e.after))
        .collect()
}

/// The path of a link of `prefix` shown on a page.
fn link_in(page: &str, path: &str) -> String {
    let start = page.find(path).expect("a link on the page");
    page[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/' || *c == '_')
        .collect()
}

async fn a_person_changes_their_password(api: Api) {
    let email = "referente@example.gouv.fr";
    let here = open_session(&api.db, email, Role::Referent).await;
    let elsewhere = sign_in(&api, email, PASSWORD).await.expect("a session");
    // The staff bar leads to the account page, which has the form.
    let admin = api
        .get_as("/admin", Some(&here))
        .await
        .text()
        .await
        .expect("body");
    assert!(
        admin.contains("href=\"/compte?lang=fr\""),
        "linked from the bar"
    );
    let page = api.get_as("/compte", Some(&here)).await;
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.expect("body");
    for needle in [
        "name=\"current\"",
        "name=\"password\"",
        "name=\"confirmation\"",
        "Se déconnecter de tous les appareils",
    ] {
        assert!(html.contains(needle), "{needle}");
    }

    let wrong = api
        .post_as(
            "/compte",
            Some(&here),
            &[
                ("current", "pas le bon mot de passe"),
                ("password", NEW_PASSWORD),
                ("confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::BAD_REQUEST);
    assert!(
        wrong
            .text()
            .await
            .expect("body")
            .contains("Mot de passe actuel : incorrect.")
    );
    let differ = api
        .post_as(
            "/compte",
            Some(&here),
            &[
                ("current", PASSWORD),
                ("password", NEW_PASSWORD),
                ("confirmation", "autre chose encore"),
            ],
        )
        .await;
    assert_eq!(differ.status(), StatusCode::BAD_REQUEST);
    assert!(is_live(&api, &elsewhere).await, "nothing changed yet");

    let done = api
        .post_as(
            "/compte?lang=en",
            Some(&here),
            &[
                ("current", PASSWORD),
                ("password", NEW_PASSWORD),
                ("confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&done), "/compte?lang=en&saved=1");
    assert!(is_live(&api, &here).await, "the session in use stays open");
    assert!(!is_live(&api, &elsewhere).await, "the other one ended");
    assert!(
        sign_in(&api, email, PASSWORD).await.is_none(),
        "old refused"
    );
    assert!(
        sign_in(&api, email, NEW_PASSWORD).await.is_some(),
        "new works"
    );
    let log = actions(&api).await;
    let entry = log
        .iter()
        .find(|(a, ..)| a == "account.password_change")
        .expect("audited");
    assert_eq!(entry.1, format!("account {email}"));
    let after = entry.2.clone().unwrap_or_default();
    assert!(!after.contains("argon2") && !after.contains(NEW_PASSWORD));
}
on_both_engines!(change_password, a_person_changes_their_password);

async fn the_password_form_guesses_no_faster_than_signing_in(api: Api) {
    let email = "referente@example.gouv.fr";
    let session = open_session(&api.db, email, Role::Referent).await;
    for guess in 0..5 {
        let resp = api
            .post_as(
                "/compte",
                Some(&session),
                &[
                    ("current", &format!("devine numéro {guess}")),
                    ("password", NEW_PASSWORD),
                    ("confirmation", NEW_PASSWORD),
                ],
            )
            .await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "guess {guess}");
    }
    // Even the right password is not checked now, on this form or the sign-in form.
    let resp = api
        .post_as(
            "/compte",
            Some(&session),
            &[
                ("current", PASSWORD),
                ("password", NEW_PASSWORD),
                ("confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(resp.headers().contains_key(RETRY_AFTER));
    assert!(
        resp.text()
            .await
            .expect("body")
            .contains("Trop de tentatives")
    );
    assert!(sign_in(&api, email, PASSWORD).await.is_none());
}
on_both_engines!(
    change_password_throttled,
    the_password_form_guesses_no_faster_than_signing_in
);

async fn a_reset_link_sets_a_password_once(api: Api) {
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let email = "agent@example.gouv.fr";
    let session = open_session(&api.db, email, Role::Shopper).await;
    let id = account_id(&api, email).await;
    let reset = format!("/admin/comptes/{id}/reinitialisation");

    // Another organisation's referent does not reach the account.
    let loiret = second_organisation(&api).await;
    let foreign = api.post_as(&reset, Some(&loiret), &[]).await;
    assert_eq!(foreign.status(), StatusCode::NOT_FOUND);

    let page = api
        .get_as("/admin/comptes", Some(&referent))
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains(&format!("action=\"{reset}?lang=fr\"")));
    assert!(page.contains("Lien de réinitialisation du mot de passe"));
    let first = api.post_as(&reset, Some(&referent), &[]).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first = link_in(&first.text().await.expect("body"), "/reinitialiser/qr_");
    let shown = api.post_as(&reset, Some(&referent), &[]).await;
    let html = shown.text().await.expect("body");
    let link = link_in(&html, "/reinitialiser/qr_");
    assert!(
        html.contains(&format!("http://127.0.0.1{link}")),
        "the full address"
    );
    assert!(html.contains(email));
    // The newer link voids the older one.
    assert_eq!(api.get_as(&first, None).await.status(), StatusCode::GONE);
    // Shown once: not on the page afterwards.
    let again = api
        .get_as("/admin/comptes", Some(&referent))
        .await
        .text()
        .await
        .expect("body");
    assert!(!again.contains(&link));

    let form = api.get_as(&link, None).await;
    assert_eq!(form.status(), StatusCode::OK);
    assert_eq!(form.headers()["cache-control"], "no-store");
    assert!(form.text().await.expect("body").contains(email));
    let short = api
        .post_as(
            &link,
            None,
            &[("password", "court"), ("confirmation", "court")],
        )
        .await;
    assert_eq!(short.status(), StatusCode::BAD_REQUEST);

    let fields = [("password", NEW_PASSWORD), ("confirmation", NEW_PASSWORD)];
    let (a, b) = tokio::join!(
        api.post_as(&link, None, &fields),
        api.post_as(&link, None, &fields)
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::SEE_OTHER, StatusCode::GONE],
        "one of two parallel posts succeeds"
    );
    assert!(
        !is_live(&api, &session).await,
        "the person's sessions ended"
    );
    assert!(sign_in(&api, email, PASSWORD).await.is_none());
    assert!(sign_in(&api, email, NEW_PASSWORD).await.is_some());

    // Used, voided and unknown links get the same refusal.
    let used = api.post_as(&link, None, &fields).await;
    assert_eq!(used.status(), StatusCode::GONE);
    let used = api.get_as(&link, None).await;
    assert_eq!(used.status(), StatusCode::GONE);
    let unknown = api.get_as("/reinitialiser/qr_inconnu", None).await;
    assert_eq!(unknown.status(), StatusCode::GONE);
    assert_eq!(
        used.text().await.expect("body"),
        unknown.text().await.expect("body")
    );

    let log = actions(&api).await;
    for action in ["account.reset_link", "account.password_reset"] {
        assert!(
            log.iter()
                .any(|(a, s, _)| a == action && *s == format!("account {email}")),
            "{action}"
        );
    }

    // A deactivated account gets no link, and its outstanding link stops working.
    let pending = api.post_as(&reset, Some(&referent), &[]).await;
    let pending = link_in(&pending.text().await.expect("body"), "/reinitialiser/qr_");
    let off = api
        .post_as(
            &format!("/admin/comptes/{id}/etat"),
            Some(&referent),
            &[("active", "false")],
        )
        .await;
    assert_eq!(off.status(), StatusCode::SEE_OTHER);
    assert_eq!(api.get_as(&pending, None).await.status(), StatusCode::GONE);
    let refused = api.post_as(&reset, Some(&referent), &[]).await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(refused.text().await.expect("body").contains("désactivé"));
}
on_both_engines!(reset_link, a_reset_link_sets_a_password_once);

async fn signing_out_everywhere_ends_every_session(api: Api) {
    let email = "referente@example.gouv.fr";
    let here = open_session(&api.db, email, Role::Referent).await;
    let elsewhere = sign_in(&api, email, PASSWORD).await.expect("a session");
    let anonymous = api.post_as("/compte/sessions", None, &[]).await;
    assert_eq!(location(&anonymous), "/login?lang=fr&next=%2Fcompte");
    let out = api.post_as("/compte/sessions", Some(&here), &[]).await;
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&out), "/login?lang=fr");
    assert!(
        out.headers()[SET_COOKIE]
            .to_str()
            .expect("cookie")
            .contains("Max-Age=0")
    );
    for session in [&here, &elsewhere] {
        let resp = api.get_as("/admin", Some(session)).await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER);
        assert!(location(&resp).starts_with("/login?"));
    }

    // The referent ends someone else's sessions from the people page; another organisation's
    // referent cannot.
    let referent = sign_in(&api, email, PASSWORD).await.expect("a session");
    let viewer_id = account_id(&api, "clu@example.gouv.fr").await;
    let path = format!("/admin/comptes/{viewer_id}/sessions");
    let loiret = second_organisation(&api).await;
    assert_eq!(
        api.post_as(&path, Some(&loiret), &[]).await.status(),
        StatusCode::NOT_FOUND
    );
    assert!(is_live(&api, &api.viewer).await);
    let page = api
        .get_as("/admin/comptes", Some(&referent))
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains(&format!("action=\"{path}?lang=fr\"")));
    let done = api.post_as(&path, Some(&referent), &[]).await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&done), "/admin/comptes?lang=fr&saved=1");
    assert!(
        !is_live(&api, &api.viewer).await,
        "the viewer is signed out"
    );
    assert!(is_live(&api, &referent).await, "not the referent");
    let log = actions(&api).await;
    let revoked: Vec<&String> = log
        .iter()
        .filter(|(a, ..)| a == "account.sessions_revoke")
        .map(|(_, s, _)| s)
        .collect();
    assert_eq!(
        revoked,
        [
            "account clu@example.gouv.fr",
            "account referente@example.gouv.fr"
        ]
    );
}
on_both_engines!(
    sign_out_everywhere,
    signing_out_everywhere_ends_every_session
);

async fn a_cancelled_invitation_no_longer_opens(api: Api) {
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let invited = api
        .post_as(
            "/admin/comptes",
            Some(&referent),
            &[("email", "membre@example.fr"), ("role", "viewer")],
        )
        .await;
    let link = link_in(&invited.text().await.expect("body"), "/invitation/qi_");
    let secret = link.trim_start_matches("/invitation/");
    let page = api
        .get_as("/admin/comptes", Some(&referent))
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("action=\"/admin/comptes/invitations/annuler?lang=fr\""));
    assert!(page.contains("value=\"membre@example.fr\""));
    assert!(
        !page.contains(&db::secrets::hash(secret)),
        "the invitation is named by its address, not its hash"
    );
    // Another organisation cannot cancel it.
    let loiret = second_organisation(&api).await;
    let cancel = "/admin/comptes/invitations/annuler";
    let fields = [("email", "membre@example.fr")];
    assert_eq!(
        api.post_as(cancel, Some(&loiret), &fields).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(api.get_as(&link, None).await.status(), StatusCode::OK);

    let done = api.post_as(cancel, Some(&referent), &fields).await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(api.get_as(&link, None).await.status(), StatusCode::GONE);
    let accept = api
        .post_as(
            &link,
            None,
            &[("password", NEW_PASSWORD), ("confirmation", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(accept.status(), StatusCode::GONE);
    let page = api
        .get_as("/admin/comptes", Some(&referent))
        .await
        .text()
        .await
        .expect("body");
    assert!(!page.contains("membre@example.fr"), "no longer pending");
    assert_eq!(
        api.post_as(cancel, Some(&referent), &fields).await.status(),
        StatusCode::NOT_FOUND,
        "nothing left to cancel"
    );
    assert!(
        actions(&api)
            .await
            .iter()
            .any(|(a, s, _)| a == "invitation.cancel" && s == "account membre@example.fr")
    );
}
on_both_engines!(cancel_invitation, a_cancelled_invitation_no_longer_opens);

async fn tokens_expire_and_show_their_last_use(api: Api) {
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    // A past date, or today, is refused with the field's message.
    let today = Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    for day in ["2020-01-01".to_owned(), today.to_string(), "demain".into()] {
        let resp = api
            .post_as(
                "/admin/jetons",
                Some(&referent),
                &[("name", "borne"), ("role", "kiosk"), ("expires", &day)],
            )
            .await;
        assert_eq!(resp.status(), StatusCode::BAD_REQUEST, "{day}");
        assert!(
            resp.text()
                .await
                .expect("body")
                .contains("Date d'expiration")
        );
    }
    let later = today + TimeDelta::days(30);
    let made = api
        .post_as(
            "/admin/jetons",
            Some(&referent),
            &[
                ("name", "tableau"),
                ("role", "viewer"),
                ("expires", &later.to_string()),
            ],
        )
        .await;
    assert_eq!(made.status(), StatusCode::OK);
    let html = made.text().await.expect("body");
    assert!(
        html.contains(&later.format("%d/%m/%Y").to_string()),
        "its expiry is listed"
    );
    let token = html
        .split("<code class=\"invitation-link\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the token shown")
        .to_owned();
    let listed = |name: &'static str| {
        let db = api.db.clone();
        async move {
            db::tokens::list_tokens(&db)
                .await
                .expect("tokens")
                .into_iter()
                .find(|t| t.name == name)
                .expect("listed")
        }
    };
    assert_eq!(listed("tableau").await.last_used_at, None, "never used yet");

    let (status, _) = api.get("/api/v1/touchpoints", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    let first = listed("tableau").await.last_used_at.expect("its last use");
    let (status, _) = api.get("/api/v1/touchpoints", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        listed("tableau").await.last_used_at,
        Some(first),
        "not written again within the hour"
    );
    let page = api
        .get_as("/admin/jetons", Some(&referent))
        .await
        .text()
        .await
        .expect("body");
    let used = first
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%d/%m/%Y %Hh")
        .to_string();
    assert!(page.contains(&used), "the last use is listed: {used}");

    // A token past its expiry is refused like an unknown one.
    let now = Utc::now();
    let expired = db::tokens::create_token_until(
        &api.db,
        "ancien",
        Role::Viewer,
        Some(db::demo::ORGANISATION),
        now - TimeDelta::minutes(1),
        now - TimeDelta::days(400),
    )
    .await
    .expect("token");
    let refused = api.get("/api/v1/touchpoints", Some(&expired)).await;
    let unknown = api.get("/api/v1/touchpoints", Some("qa_inconnu")).await;
    assert_eq!(refused.0, StatusCode::UNAUTHORIZED);
    assert_eq!(refused, unknown);
    assert_eq!(listed("ancien").await.last_used_at, None);
    let page = api
        .get_as("/admin/jetons", Some(&referent))
        .await
        .text()
        .await
        .expect("body");
    assert!(page.contains("Expiré"));
}
on_both_engines!(token_expiry, tokens_expire_and_show_their_last_use);
