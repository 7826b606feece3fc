//! Accounts over HTTP, as a browser without JavaScript uses them, on SQLite and (with
//! TEST_POSTGRES_URL) PostgreSQL: the sign-in form, the session cookie, the redirect of anonymous
//! people, the 403 page of a role that does not reach a page, throttling, forgery protection,
//! signing out, and what each role reaches.

use crate::common::{Api, PASSWORD, open_session, second_organisation};
use domain::Role;
use reqwest::StatusCode;
use reqwest::header::{COOKIE, LOCATION, ORIGIN, RETRY_AFTER, SET_COOKIE};

impl Api {
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
    assert_eq!(location(&resp), "/admin?lang=fr");
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

/// Sends `attempts` wrong passwords at once (for `email(i)`) and counts the answers: checked
/// (401) and refused before the check (429).
async fn burst(api: &Api, attempts: usize, email: impl Fn(usize) -> String) -> (usize, usize) {
    let mut running = Vec::new();
    for i in 0..attempts {
        let (client, base, email) = (api.client.clone(), api.base.clone(), email(i));
        running.push(tokio::spawn(async move {
            let body = serde_urlencoded::to_string([
                ("lang", "fr"),
                ("email", email.as_str()),
                ("password", "pas le bon mot de passe"),
            ])
            .expect("form");
            client
                .post(format!("{base}/login"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body)
                .send()
                .await
                .expect("post")
                .status()
        }));
    }
    let (mut checked, mut refused) = (0, 0);
    for r in running {
        match r.await.expect("attempt") {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => refused += 1,
            other => panic!("{other}"),
        }
    }
    (checked, refused)
}

async fn a_burst_of_wrong_passwords_is_throttled_like_a_sequence(api: Api) {
    open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let (checked, refused) = burst(&api, 20, |_| "referente@example.gouv.fr".to_owned()).await;
    assert_eq!(
        (checked, refused),
        (5, 15),
        "5 passwords checked for the account, the rest refused"
    );
}
on_both_engines!(
    burst_per_account,
    a_burst_of_wrong_passwords_is_throttled_like_a_sequence
);

async fn a_burst_from_one_address_is_throttled_like_a_sequence(engine: db::test_support::Engine) {
    let Some(api) = crate::common::spawn_with(engine, |c| c.throttle.per_address = 5).await else {
        return;
    };
    let (checked, refused) = burst(&api, 20, |i| format!("personne{i}@example.gouv.fr")).await;
    assert_eq!(
        (checked, refused),
        (5, 15),
        "5 passwords checked from the address, the rest refused"
    );
}

mod burst_per_address {
    #[tokio::test]
    async fn on_sqlite() {
        super::a_burst_from_one_address_is_throttled_like_a_sequence(
            db::test_support::Engine::Sqlite,
        )
        .await;
    }

    #[tokio::test]
    async fn on_postgres() {
        super::a_burst_from_one_address_is_throttled_like_a_sequence(
            db::test_support::Engine::Postgres,
        )
        .await;
    }
}

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

const MANAGERS: &[Role] = &[Role::Admin, Role::Referent];
const READERS: &[Role] = &[Role::Admin, Role::Referent, Role::Viewer];
const ADMINS: &[Role] = &[Role::Admin];
const SHOPPERS: &[Role] = &[Role::Shopper];
const TESTERS: &[Role] = &[Role::Admin, Role::Referent, Role::Shopper];

/// Who reaches what: every route of the router (`src/lib.rs`), with a path to try it by and the
/// roles that reach it; `None` for the routes open to everybody (visitors' pages, sign-in, the
/// API with its own bearer tokens, tested in api.rs). A route added to the router without a line
/// here fails `every_route_is_listed_with_its_roles`.
const ROUTES: &[(&str, &str, &str, Option<&[Role]>)] = &[
    ("/admin", "GET", "/admin", Some(MANAGERS)),
    ("/admin/journal", "GET", "/admin/journal", Some(MANAGERS)),
    (
        "/admin/organisations",
        "GET",
        "/admin/organisations",
        Some(ADMINS),
    ),
    (
        "/admin/chiffres",
        "GET",
        "/admin/chiffres?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/chiffres",
        "POST",
        "/admin/chiffres?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/organisations",
        "POST",
        "/admin/organisations",
        Some(ADMINS),
    ),
    ("/admin/comptes", "GET", "/admin/comptes", Some(MANAGERS)),
    (
        "/admin/comptes/{id}/reinitialisation",
        "POST",
        "/admin/comptes/999999/reinitialisation",
        Some(MANAGERS),
    ),
    (
        "/admin/comptes/{id}/sessions",
        "POST",
        "/admin/comptes/999999/sessions",
        Some(MANAGERS),
    ),
    (
        "/admin/comptes/invitations/annuler",
        "POST",
        "/admin/comptes/invitations/annuler",
        Some(MANAGERS),
    ),
    ("/compte", "GET", "/compte", Some(Role::ALL.as_slice())),
    ("/compte", "POST", "/compte", Some(Role::ALL.as_slice())),
    // Every person reaches it, but it ends the session that posts it and sends them to sign in:
    // tried in account_care.rs.
    ("/compte/sessions", "POST", "/compte/sessions", None),
    ("/admin/comptes", "POST", "/admin/comptes", Some(MANAGERS)),
    (
        "/admin/comptes/{id}/etat",
        "POST",
        "/admin/comptes/1/etat",
        Some(MANAGERS),
    ),
    (
        "/admin/jetons",
        "GET",
        "/admin/jetons?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/confidentialite",
        "GET",
        "/admin/confidentialite?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/confidentialite",
        "POST",
        "/admin/confidentialite?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/confidentialite/conservation",
        "POST",
        "/admin/confidentialite/conservation?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/reponses",
        "GET",
        "/admin/reponses?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/reponses/{id}/{verb}",
        "POST",
        "/admin/reponses/1/effacer-commentaire?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/jetons",
        "POST",
        "/admin/jetons?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/jetons/{id}/revoquer",
        "POST",
        "/admin/jetons/1/revoquer?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/lieux",
        "GET",
        "/admin/lieux?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/lieux/sites",
        "POST",
        "/admin/lieux/sites?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/lieux/services",
        "POST",
        "/admin/lieux/services?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/points",
        "POST",
        "/admin/points?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/points/{code}",
        "GET",
        "/admin/points/belfort-accueil?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/points/{code}",
        "POST",
        "/admin/points/belfort-accueil?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/points/{code}/etat",
        "POST",
        "/admin/points/belfort-accueil/etat?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/questionnaires",
        "GET",
        "/admin/questionnaires?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/questionnaires",
        "POST",
        "/admin/questionnaires?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/questionnaires/{code}",
        "GET",
        "/admin/questionnaires/accueil?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/questionnaires/{code}/apercu",
        "GET",
        "/admin/questionnaires/accueil/apercu?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/questionnaires/{code}/etat",
        "POST",
        "/admin/questionnaires/accueil/etat?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/questionnaires/{code}/publier",
        "POST",
        "/admin/questionnaires/accueil/publier?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/questionnaires/{code}/questions",
        "POST",
        "/admin/questionnaires/accueil/questions?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/questionnaires/{code}/questions/{question}",
        "POST",
        "/admin/questionnaires/accueil/questions/overall?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/admin/questionnaires/{code}/questions/{question}/{verb}",
        "POST",
        "/admin/questionnaires/accueil/questions/nowhere/monter?organisation=belfort",
        Some(MANAGERS),
    ),
    ("/resultats", "GET", "/resultats", Some(READERS)),
    (
        "/tableau-de-bord",
        "GET",
        "/tableau-de-bord?organisation=belfort",
        Some(READERS),
    ),
    (
        "/transparence",
        "GET",
        "/transparence?organisation=belfort",
        Some(READERS),
    ),
    (
        "/rapport",
        "GET",
        "/rapport?organisation=belfort",
        Some(READERS),
    ),
    (
        "/rapport/diaporama",
        "GET",
        "/rapport/diaporama?organisation=belfort",
        Some(READERS),
    ),
    // A refused period: the route's reach without printing a PDF for every role.
    (
        "/rapport.pdf",
        "GET",
        "/rapport.pdf?organisation=belfort&from=2026-13&to=2026-12",
        Some(READERS),
    ),
    (
        "/rapport/impression.css",
        "GET",
        "/rapport/impression.css?organisation=belfort",
        Some(READERS),
    ),
    (
        "/tableau-de-bord/{file}",
        "GET",
        "/tableau-de-bord/indicateurs.csv?organisation=belfort",
        Some(READERS),
    ),
    (
        "/resultats/commentaires",
        "GET",
        "/resultats/commentaires?organisation=belfort",
        Some(READERS),
    ),
    (
        "/resultats/commentaires/{id}/{verb}",
        "POST",
        "/resultats/commentaires/1/masquer?organisation=belfort",
        Some(MANAGERS),
    ),
    (
        "/resultats/echantillon",
        "GET",
        "/resultats/echantillon",
        Some(READERS),
    ),
    (
        "/resultats/import",
        "GET",
        "/resultats/import",
        Some(MANAGERS),
    ),
    (
        "/resultats/import",
        "POST",
        "/resultats/import",
        Some(MANAGERS),
    ),
    (
        "/resultats/import/{id}",
        "GET",
        "/resultats/import/0000",
        Some(MANAGERS),
    ),
    ("/login", "GET", "/login", None),
    ("/logout", "POST", "/logout", None),
    ("/invitation/{secret}", "GET", "/invitation/qi_0", None),
    (
        "/reinitialiser/{secret}",
        "GET",
        "/reinitialiser/qr_0",
        None,
    ),
    ("/", "GET", "/", None),
    ("/healthz", "GET", "/healthz", None),
    ("/q/{code}", "GET", "/q/belfort-accueil", None),
    ("/q/{code}/merci", "GET", "/q/belfort-accueil/merci", None),
    (
        "/q/{code}/confidentialite",
        "GET",
        "/q/belfort-accueil/confidentialite",
        None,
    ),
    ("/qr/{file}", "GET", "/qr/belfort-accueil.svg", None),
    ("/affiche/{code}", "GET", "/affiche/belfort-accueil", None),
    ("/api/v1/summary", "GET", "/api/v1/summary", None),
    (
        "/api/v1/plan/sample-size",
        "GET",
        "/api/v1/plan/sample-size",
        None,
    ),
    ("/api/v1/touchpoints", "GET", "/api/v1/touchpoints", None),
    ("/api/v1/surveys", "GET", "/api/v1/surveys", None),
    ("/api/v1/responses", "GET", "/api/v1/responses", None),
    ("/api/v1/openapi.json", "GET", "/api/v1/openapi.json", None),
    // Write and submission routes take bearer tokens: the api_write module tries each with
    // every role and none.
    (
        "/api/v1/touchpoints/{code}",
        "PUT",
        "/api/v1/touchpoints/x",
        None,
    ),
    (
        "/api/v1/touchpoints/{code}/active",
        "PUT",
        "/api/v1/touchpoints/x/active",
        None,
    ),
    (
        "/api/v1/touchpoints/{code}/responses",
        "POST",
        "/api/v1/touchpoints/x/responses",
        None,
    ),
    ("/api/v1/sites", "POST", "/api/v1/sites", None),
    ("/api/v1/services", "POST", "/api/v1/services", None),
    (
        "/api/v1/surveys/{code}/draft",
        "PUT",
        "/api/v1/surveys/x/draft",
        None,
    ),
    (
        "/api/v1/surveys/{code}/publish",
        "POST",
        "/api/v1/surveys/x/publish",
        None,
    ),
    (
        "/api/v1/surveys/{code}/open",
        "PUT",
        "/api/v1/surveys/x/open",
        None,
    ),
    ("/api/v1/figures", "PUT", "/api/v1/figures", None),
    ("/api/v1/survey-links", "POST", "/api/v1/survey-links", None),
    ("/api/v1/grids", "GET", "/api/v1/grids", None),
    ("/api/v1/campaigns", "GET", "/api/v1/campaigns", None),
    (
        "/api/v1/campaigns/{code}/results",
        "GET",
        "/api/v1/campaigns/x/results",
        None,
    ),
    ("/favicon.ico", "GET", "/favicon.ico", None),
    (
        "/mystere/mes-tests",
        "GET",
        "/mystere/mes-tests",
        Some(SHOPPERS),
    ),
    // A shopper is sent on to their own tests.
    ("/mystere", "GET", "/mystere", Some(Role::ALL.as_slice())),
    (
        "/mystere/campagnes",
        "POST",
        "/mystere/campagnes",
        Some(MANAGERS),
    ),
    (
        "/mystere/campagnes/{code}",
        "GET",
        "/mystere/campagnes/appels-2025-2026",
        Some(MANAGERS),
    ),
    (
        "/mystere/campagnes/{code}/cibles",
        "POST",
        "/mystere/campagnes/x/cibles",
        Some(MANAGERS),
    ),
    (
        "/mystere/campagnes/{code}/scenarios",
        "POST",
        "/mystere/campagnes/x/scenarios",
        Some(MANAGERS),
    ),
    (
        "/mystere/campagnes/{code}/planifier",
        "POST",
        "/mystere/campagnes/x/planifier",
        Some(MANAGERS),
    ),
    (
        "/mystere/campagnes/{code}/affecter",
        "POST",
        "/mystere/campagnes/x/affecter",
        Some(MANAGERS),
    ),
    (
        "/mystere/campagnes/{code}/resultats",
        "GET",
        "/mystere/campagnes/appels-2025-2026/resultats",
        Some(READERS),
    ),
    (
        "/mystere/validation",
        "GET",
        "/mystere/validation",
        Some(MANAGERS),
    ),
    (
        "/mystere/grilles/{code}",
        "GET",
        "/mystere/grilles/call",
        Some(READERS),
    ),
    (
        "/mystere/grilles/{code}",
        "POST",
        "/mystere/grilles/x",
        Some(MANAGERS),
    ),
    (
        "/mystere/referentiel",
        "GET",
        "/mystere/referentiel",
        Some(READERS),
    ),
    (
        "/mystere/referentiel",
        "POST",
        "/mystere/referentiel",
        Some(MANAGERS),
    ),
    (
        "/mystere/affectations/{id}/commencer",
        "POST",
        "/mystere/affectations/999999/commencer",
        Some(SHOPPERS),
    ),
    (
        "/mystere/tests/{id}",
        "GET",
        "/mystere/tests/999999",
        Some(TESTERS),
    ),
    (
        "/mystere/tests/{id}",
        "POST",
        "/mystere/tests/999999",
        Some(SHOPPERS),
    ),
    (
        "/mystere/tests/{id}/revue",
        "POST",
        "/mystere/tests/999999/revue",
        Some(MANAGERS),
    ),
    ("/pkg", "GET", "/pkg/app.css", None),
];

#[test]
fn every_route_is_listed_with_its_roles() {
    let router = include_str!("../../src/router.rs");
    let mut routes: Vec<&str> = router
        .split(".route(")
        .skip(1)
        .chain(router.split(".nest(").skip(1))
        .filter_map(|rest| rest.split('"').nth(1))
        .collect();
    routes.sort_unstable();
    routes.dedup();
    assert!(routes.len() > 20, "the router was read: {routes:?}");
    for route in routes {
        assert!(
            ROUTES.iter().any(|(template, ..)| *template == route),
            "{route} is served but not listed in ROUTES with the roles that reach it"
        );
    }
}

async fn each_role_reaches_exactly_its_routes(api: Api) {
    let mut sessions = Vec::new();
    // Every role a person can hold (a kiosk is an API token, never signed in).
    for role in Role::ALL.into_iter().filter(|r| r.is_a_person()) {
        let email = format!("{}@example.gouv.fr", role.code());
        sessions.push((role, open_session(&api.db, &email, role).await));
    }
    let api = &api;
    for (_, method, path, roles) in ROUTES {
        let Some(allowed) = roles else { continue };
        let send = |session: Option<String>| async move {
            if *method == "GET" {
                api.get_as(path, session.as_deref()).await
            } else {
                api.post_as(path, session.as_deref(), &[]).await
            }
        };
        let anonymous = send(None).await;
        assert_eq!(
            anonymous.status(),
            StatusCode::SEE_OTHER,
            "{method} {path} anonymous"
        );
        assert!(
            location(&anonymous).starts_with("/login?"),
            "{method} {path}"
        );
        for (role, session) in &sessions {
            let resp = send(Some(session.clone())).await;
            let status = resp.status();
            if allowed.contains(role) {
                assert_ne!(status, StatusCode::FORBIDDEN, "{method} {path} as {role:?}");
                assert!(
                    !location(&resp).starts_with("/login"),
                    "{method} {path} as {role:?}"
                );
                assert!(
                    status.as_u16() < 500,
                    "{method} {path} as {role:?}: {status}"
                );
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{method} {path} as {role:?}");
                let html = resp.text().await.expect("body");
                assert!(
                    html.contains("Accès refusé"),
                    "{method} {path} as {role:?} says why"
                );
            }
        }
    }
}
on_both_engines!(roles, each_role_reaches_exactly_its_routes);

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

async fn data_never_crosses_organisations(api: Api) {
    let loiret = second_organisation(&api).await;
    // The results page offers only the organisation's own scopes, and refuses another's.
    let html = api
        .get_as("/resultats", Some(&loiret))
        .await
        .text()
        .await
        .expect("body");
    assert!(html.contains("touchpoint:loiret-accueil"));
    assert!(
        !html.contains("belfort"),
        "nothing of Belfort on Loiret's page"
    );
    let resp = api
        .get_as(
            "/resultats?scope=touchpoint%3Abelfort-pan&from=2025-11-01&to=2026-10-31",
            Some(&loiret),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    // The import screen lists and accepts only its own touchpoints.
    let html = api
        .get_as("/resultats/import", Some(&loiret))
        .await
        .text()
        .await
        .expect("body");
    assert!(html.contains("loiret-accueil") && !html.contains("belfort-pan"));
    // Belfort's viewer does not see Loiret either.
    let html = api
        .get_as("/resultats", Some(&api.viewer))
        .await
        .text()
        .await
        .expect("body");
    assert!(!html.contains("loiret"));
    // A token of Loiret reads Loiret only; an old token without organisation is refused now
    // that there are two.
    let token = db::tokens::create_token(
        &api.db,
        "loiret",
        Role::Viewer,
        Some("loiret"),
        chrono::Utc::now(),
    )
    .await
    .expect("token");
    let year = "from=2025-11-01&to=2026-10-31";
    let (status, _) = api
        .get(
            &format!("/api/v1/summary?touchpoint=loiret-accueil&{year}"),
            Some(&token),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = api
        .get(
            &format!("/api/v1/summary?touchpoint=belfort-pan&{year}"),
            Some(&token),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    // Two organisations now: a token must say which one it belongs to.
    assert!(matches!(
        db::tokens::create_token(&api.db, "x", Role::Viewer, None, chrono::Utc::now()).await,
        Err(db::DbError::Invalid(_))
    ));
}
on_both_engines!(isolation, data_never_crosses_organisations);
