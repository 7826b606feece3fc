//! Accounts over HTTP, as a browser without JavaScript uses them, on SQLite and (with
//! TEST_POSTGRES_URL) PostgreSQL: the sign-in form, the session cookie, the redirect of anonymous
//! people, the 403 page of a role that does not reach a page, throttling, forgery protection,
//! signing out, and what each role reaches.

mod common;

use common::{Api, PASSWORD, open_session};
use domain::Role;
use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, ORIGIN, RETRY_AFTER, SET_COOKIE};

impl Api {
    async fn get_as(&self, path: &str, session: Option<&str>) -> reqwest::Response {
        let mut req = self.client.get(format!("{}{path}", self.base));
        if let Some(s) = session {
            req = req.header(COOKIE, format!("qa_session={s}"));
        }
        req.send().await.expect("get")
    }

    async fn login(&self, email: &str, password: &str, origin: Option<&str>) -> reqwest::Response {
        let body = serde_urlencoded::to_string([
            ("lang", "fr"),
            ("next", "/resultats?lang=fr"),
            ("email", email),
            ("password", password),
        ])
        .expect("form");
        let mut req = self
            .client
            .post(format!("{}/login", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body);
        if let Some(o) = origin {
            req = req.header(ORIGIN, o);
        }
        req.send().await.expect("post")
    }

    fn origin(&self) -> String {
        self.base.clone()
    }
}

fn location(resp: &reqwest::Response) -> String {
    resp.headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

fn session_of(resp: &reqwest::Response) -> Option<String> {
    let cookie = resp.headers().get(SET_COOKIE)?.to_str().ok()?;
    let value = cookie.strip_prefix("qa_session=")?.split(';').next()?;
    (!value.is_empty()).then(|| value.to_owned())
}

async fn signing_in_opens_the_page_asked_for(api: Api) {
    // Anonymous: sent to the form, with the way back.
    let resp = api.get_as("/admin", None).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&resp), "/login?lang=fr&next=%2Fadmin");
    let form = api.get_as("/login?lang=fr&next=%2Fadmin", None).await;
    assert_eq!(form.status(), StatusCode::OK);
    let html = form.text().await.expect("body");
    for needle in [
        "name=\"email\"",
        "name=\"password\"",
        "value=\"/admin\"",
        "method=\"post\"",
    ] {
        assert!(html.contains(needle), "{needle}");
    }

    open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let wrong = api
        .login(
            "referente@example.gouv.fr",
            "pas le bon",
            Some(&api.origin()),
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert!(session_of(&wrong).is_none());
    let html = wrong.text().await.expect("body");
    assert!(html.contains("Adresse électronique ou mot de passe incorrect"));
    assert!(
        html.contains("value=\"referente@example.gouv.fr\""),
        "the address is kept"
    );

    let ok = api
        .login("Referente@Example.gouv.fr", PASSWORD, Some(&api.origin()))
        .await;
    assert_eq!(ok.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&ok), "/resultats?lang=fr");
    let cookie = ok.headers()[SET_COOKIE]
        .to_str()
        .expect("cookie")
        .to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/")
    );
    assert!(!cookie.contains("Secure"), "no Secure flag over plain http");
    let session = session_of(&ok).expect("a session");

    let admin = api.get_as("/admin", Some(&session)).await;
    assert_eq!(admin.status(), StatusCode::OK);
    let html = admin.text().await.expect("body");
    assert!(html.contains("referente@example.gouv.fr"));
    assert!(html.contains("Préfecture"), "the organisation's name");

    // A return address off this site is not followed.
    let body = serde_urlencoded::to_string([
        ("next", "https://evil.example/"),
        ("email", "referente@example.gouv.fr"),
        ("password", PASSWORD),
    ])
    .expect("form");
    let resp = api
        .client
        .post(format!("{}/login", api.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .expect("post");
    assert_eq!(location(&resp), "/admin");
}
on_both_engines!(login, signing_in_opens_the_page_asked_for);

async fn signing_out_ends_the_session_everywhere(api: Api) {
    let session = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    // A forged sign-out (another site's form) is refused and changes nothing.
    let forged = api
        .client
        .post(format!("{}/logout", api.base))
        .header(COOKIE, format!("qa_session={session}"))
        .header(ORIGIN, "https://evil.example")
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let cross_site = api
        .client
        .post(format!("{}/logout", api.base))
        .header(COOKIE, format!("qa_session={session}"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .expect("post");
    assert_eq!(cross_site.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        api.get_as("/admin", Some(&session)).await.status(),
        StatusCode::OK
    );

    let out = api
        .client
        .post(format!("{}/logout?lang=en", api.base))
        .header(COOKIE, format!("qa_session={session}"))
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .expect("post");
    assert_eq!(out.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&out), "/login?lang=en");
    assert!(
        out.headers()[SET_COOKIE]
            .to_str()
            .expect("cookie")
            .contains("Max-Age=0")
    );
    // The old cookie no longer opens anything (the session is ended in the database).
    let resp = api.get_as("/admin", Some(&session)).await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert!(location(&resp).starts_with("/login"));
}
on_both_engines!(logout, signing_out_ends_the_session_everywhere);

async fn repeated_failures_answer_429_even_with_the_right_password(api: Api) {
    open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    for _ in 0..5 {
        let resp = api
            .login("referente@example.gouv.fr", "devine devine devine", None)
            .await;
        assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    }
    let resp = api.login("referente@example.gouv.fr", PASSWORD, None).await;
    assert_eq!(resp.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: i64 = resp.headers()[RETRY_AFTER]
        .to_str()
        .expect("header")
        .parse()
        .expect("seconds");
    assert!(wait > 14 * 60 && wait <= 15 * 60, "{wait}");
    assert!(session_of(&resp).is_none());
    let html = resp.text().await.expect("body");
    assert!(html.contains("Trop de tentatives"));
    // Another account from elsewhere is not affected.
    open_session(&api.db, "clu2@example.gouv.fr", Role::Viewer).await;
    assert_eq!(
        api.login("clu2@example.gouv.fr", PASSWORD, None)
            .await
            .status(),
        StatusCode::SEE_OTHER
    );
}
on_both_engines!(
    throttle,
    repeated_failures_answer_429_even_with_the_right_password
);

async fn a_foreign_sign_in_form_is_refused(api: Api) {
    open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let resp = api
        .login(
            "referente@example.gouv.fr",
            PASSWORD,
            Some("https://evil.example"),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert!(session_of(&resp).is_none());
}
on_both_engines!(forgery, a_foreign_sign_in_form_is_refused);

/// Who reaches what. Every staff page of the product is listed here with the roles that reach
/// it; anonymous people are always sent to the sign-in form.
const PAGES: &[(&str, &[Role])] = &[
    ("/admin", &[Role::Admin, Role::Referent]),
    ("/admin/journal", &[Role::Admin, Role::Referent]),
    ("/resultats", &[Role::Admin, Role::Referent, Role::Viewer]),
    (
        "/resultats/echantillon",
        &[Role::Admin, Role::Referent, Role::Viewer],
    ),
    ("/resultats/import", &[Role::Admin, Role::Referent]),
];

async fn each_role_reaches_exactly_its_pages(api: Api) {
    let mut sessions = Vec::new();
    for role in Role::ALL {
        let email = format!("{}@example.gouv.fr", role.code());
        sessions.push((role, open_session(&api.db, &email, role).await));
    }
    for (path, allowed) in PAGES {
        let anonymous = api.get_as(path, None).await;
        assert_eq!(
            anonymous.status(),
            StatusCode::SEE_OTHER,
            "{path} anonymous"
        );
        assert!(location(&anonymous).starts_with("/login?"), "{path}");
        for (role, session) in &sessions {
            let resp = api.get_as(path, Some(session)).await;
            if allowed.contains(role) {
                assert_eq!(resp.status(), StatusCode::OK, "{path} as {role:?}");
            } else {
                assert_eq!(resp.status(), StatusCode::FORBIDDEN, "{path} as {role:?}");
                let html = resp.text().await.expect("body");
                assert!(html.contains("Accès refusé"), "{path} as {role:?} says why");
            }
        }
    }
}
on_both_engines!(roles, each_role_reaches_exactly_its_pages);

async fn the_referent_reads_the_audit_log(api: Api) {
    let session = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let html = api
        .get_as("/admin/journal", Some(&session))
        .await
        .text()
        .await
        .expect("body");
    assert!(html.contains("account.create"));
    assert!(
        html.contains("account clu@example.gouv.fr"),
        "the viewer's creation"
    );
    assert!(!html.contains("argon2"), "never a password hash");
}
on_both_engines!(audit, the_referent_reads_the_audit_log);
