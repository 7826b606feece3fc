//! The visitor's survey over HTTP, posted the way a browser without JavaScript does, on a real
//! server bound to port 0 with a fresh database: SQLite always, PostgreSQL with TEST_POSTGRES_URL.

use chrono::Utc;
use db::test_support::{Engine, exported_rows, fresh_database};
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE};
use server::config::Config;
use server::state::AppState;

struct TestApp {
    base: String,
    db: db::Db,
    client: reqwest::Client,
}

fn config(tweak: impl FnOnce(&mut Config)) -> Config {
    let mut c = Config::loopback(String::new(), std::env::temp_dir());
    c.public_base_url = "https://avis.example.gouv.fr".into();
    tweak(&mut c);
    c
}

async fn spawn(engine: Engine, tweak: impl FnOnce(&mut Config)) -> Option<TestApp> {
    let Some(fresh) = fresh_database(engine).await.expect("fresh database") else {
        eprintln!("SKIPPED on PostgreSQL: TEST_POSTGRES_URL is not set");
        return None;
    };
    db::demo::seed_demo(&fresh.db, Utc::now())
        .await
        .expect("seed");
    let mut cfg = config(tweak);
    cfg.database_url = fresh.url.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let state = AppState::new(cfg, fresh.db.clone());
    tokio::spawn(server::serve(state, listener));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    Some(TestApp {
        base,
        db: fresh.db,
        client,
    })
}

macro_rules! on_both_engines {
    ($name:ident, $body:ident) => {
        on_both_engines!($name, $body, |_| {});
    };
    ($name:ident, $body:ident, $tweak:expr) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn on_sqlite() {
                if let Some(app) = spawn(Engine::Sqlite, $tweak).await {
                    $body(app).await;
                }
            }
            #[tokio::test]
            async fn on_postgres() {
                if let Some(app) = spawn(Engine::Postgres, $tweak).await {
                    $body(app).await;
                }
            }
        }
    };
}

impl TestApp {
    async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .expect("get")
    }

    async fn post_form(&self, path: &str, body: String, cookie: Option<&str>) -> reqwest::Response {
        let mut req = self
            .client
            .post(format!("{}{path}", self.base))
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body);
        if let Some(c) = cookie {
            req = req.header(COOKIE, c);
        }
        req.send().await.expect("post")
    }

    /// The hidden fields of the form as served, so posts look like a browser's.
    async fn form_fields(&self, code: &str) -> Vec<(String, String)> {
        let html = self
            .get(&format!("/q/{code}"))
            .await
            .text()
            .await
            .expect("body");
        ["idem", "sv", "lang"]
            .iter()
            .map(|name| {
                let marker = format!("name=\"{name}\" value=\"");
                let start = html.find(&marker).expect("hidden field") + marker.len();
                let end = start + html[start..].find('"').expect("end of value");
                (name.to_string(), html[start..end].to_string())
            })
            .collect()
    }

    async fn responses(&self, code: &str) -> Vec<db::export::ExportRow> {
        exported_rows(&self.db, Some(code)).await
    }
}

fn encode(fields: &[(String, String)]) -> String {
    serde_urlencoded::to_string(fields).expect("encode")
}

fn answers(hidden: &[(String, String)], pairs: &[(&str, &str)]) -> String {
    let mut all = hidden.to_vec();
    all.extend(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    encode(&all)
}

const COMPLETE: [(&str, &str); 6] = [
    ("q_overall", "very_good"),
    ("q_courtesy", "4"),
    ("q_wait", "lt10"),
    ("q_resolved", "yes"),
    ("q_effort", "2"),
    ("q_comment", "Accueil parfait"),
];

async fn a_complete_answer_is_stored_and_thanked(app: TestApp) {
    let before = app.responses("belfort-accueil").await.len();
    let hidden = app.form_fields("belfort-accueil").await;
    let resp = app
        .post_form("/q/belfort-accueil", answers(&hidden, &COMPLETE), None)
        .await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    let location = resp.headers()[LOCATION]
        .to_str()
        .expect("location")
        .to_owned();
    assert_eq!(location, "/q/belfort-accueil/merci?lang=fr");
    let cookie = resp.headers()[SET_COOKIE]
        .to_str()
        .expect("cookie")
        .to_owned();
    assert!(cookie.contains("Path=/q/belfort-accueil") && cookie.contains("Secure"));
    let thanks = app.get(&location).await;
    assert_eq!(thanks.status(), StatusCode::OK);
    assert!(
        thanks
            .text()
            .await
            .expect("body")
            .contains("Merci pour votre avis")
    );
    let rows = app.responses("belfort-accueil").await;
    assert_eq!(rows.len(), before + 1);
    let last = rows.last().expect("stored");
    assert_eq!(
        last.answers,
        ["very_good", "4", "lt10", "yes", "2", "Accueil parfait"]
    );
    assert_eq!(
        (last.site.as_str(), last.service.as_str()),
        ("prefecture", "accueil")
    );
}
on_both_engines!(complete_answer, a_complete_answer_is_stored_and_thanked);

async fn a_missing_answer_comes_back_with_a_message_and_the_other_answers(app: TestApp) {
    let before = app.responses("belfort-cert").await.len();
    let hidden = app.form_fields("belfort-cert").await;
    let partial = &COMPLETE[1..];
    let resp = app
        .post_form("/q/belfort-cert", answers(&hidden, partial), None)
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = resp.text().await.expect("body");
    assert!(
        html.contains(r#"id="q-overall-error""#),
        "message next to the question"
    );
    assert!(html.contains("Choisissez une réponse pour cette question."));
    assert!(
        html.contains(r#"value="4" checked"#),
        "the courtesy answer is kept"
    );
    assert!(
        html.contains(">Accueil parfait</textarea>"),
        "the comment is kept"
    );
    assert_eq!(app.responses("belfort-cert").await.len(), before);
}
on_both_engines!(
    missing_answer,
    a_missing_answer_comes_back_with_a_message_and_the_other_answers
);

async fn an_answer_outside_the_scale_is_refused_without_storing(app: TestApp) {
    let before = app.responses("belfort-cert").await.len();
    let hidden = app.form_fields("belfort-cert").await;
    let mut bad = COMPLETE.to_vec();
    bad[1] = ("q_courtesy", "9");
    let resp = app
        .post_form("/q/belfort-cert", answers(&hidden, &bad), None)
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.responses("belfort-cert").await.len(), before);
}
on_both_engines!(
    out_of_scale,
    an_answer_outside_the_scale_is_refused_without_storing
);

async fn a_replayed_form_stores_one_response(app: TestApp) {
    let before = app.responses("belfort-pan").await.len();
    let hidden = app.form_fields("belfort-pan").await;
    let body = answers(&hidden, &COMPLETE);
    let first = app.post_form("/q/belfort-pan", body.clone(), None).await;
    let second = app.post_form("/q/belfort-pan", body.clone(), None).await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        second.status(),
        StatusCode::SEE_OTHER,
        "a double tap still thanks"
    );
    // Even with the day's cookie set by the first, a retry of the same form is not refused.
    let cookie = first.headers()[SET_COOKIE].to_str().expect("cookie");
    let cookie = cookie.split(';').next().expect("pair").to_owned();
    let third = app.post_form("/q/belfort-pan", body, Some(&cookie)).await;
    assert_eq!(third.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.responses("belfort-pan").await.len(), before + 1);
}
on_both_engines!(replayed_key, a_replayed_form_stores_one_response);

async fn a_second_answer_from_the_same_device_the_same_day_is_refused(app: TestApp) {
    let hidden = app.form_fields("belfort-pan").await;
    let first = app
        .post_form("/q/belfort-pan", answers(&hidden, &COMPLETE), None)
        .await;
    let cookie = first.headers()[SET_COOKIE].to_str().expect("cookie");
    let cookie = cookie.split(';').next().expect("pair").to_owned();
    let before = app.responses("belfort-pan").await.len();
    let page = app
        .client
        .get(format!("{}/q/belfort-pan", app.base))
        .header(COOKIE, &cookie)
        .send()
        .await
        .expect("get");
    assert!(
        page.text()
            .await
            .expect("body")
            .contains("déjà donné votre avis aujourd")
    );
    let fresh = app.form_fields("belfort-pan").await;
    let again = app
        .post_form("/q/belfort-pan", answers(&fresh, &COMPLETE), Some(&cookie))
        .await;
    assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.responses("belfort-pan").await.len(), before);
    // Another counter is another question.
    let other = app.form_fields("belfort-accueil").await;
    let elsewhere = app
        .post_form(
            "/q/belfort-accueil",
            answers(&other, &COMPLETE),
            Some(&cookie),
        )
        .await;
    assert_eq!(elsewhere.status(), StatusCode::SEE_OTHER);
}
on_both_engines!(
    one_per_device,
    a_second_answer_from_the_same_device_the_same_day_is_refused
);

async fn an_oversized_body_is_refused_without_storing(app: TestApp) {
    let before = app.responses("belfort-accueil").await.len();
    let hidden = app.form_fields("belfort-accueil").await;
    let huge = "x".repeat(70 * 1024);
    let mut pairs = COMPLETE.to_vec();
    pairs[5] = ("q_comment", &huge);
    let resp = app
        .post_form("/q/belfort-accueil", answers(&hidden, &pairs), None)
        .await;
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        resp.text()
            .await
            .expect("body")
            .contains("Envoi trop volumineux")
    );
    // Under the body limit but over the 2,000 characters of free text: a message, not a loss.
    let long = "é".repeat(2001);
    pairs[5] = ("q_comment", &long);
    let resp = app
        .post_form("/q/belfort-accueil", answers(&hidden, &pairs), None)
        .await;
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.responses("belfort-accueil").await.len(), before);
}
on_both_engines!(oversized_body, an_oversized_body_is_refused_without_storing);

async fn an_unknown_code_gets_a_page_that_says_what_to_do(app: TestApp) {
    for path in ["/q/nulle-part", "/q/NOT..valid", "/q/nulle-part/merci"] {
        let resp = app.get(path).await;
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(
            resp.text()
                .await
                .expect("body")
                .contains("scannez à nouveau le QR code")
        );
    }
    let resp = app
        .post_form(
            "/q/nulle-part",
            "idem=abcdefgh12&q_overall=bad".into(),
            None,
        )
        .await;
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
    for path in [
        "/qr/nulle-part.svg",
        "/qr/belfort-accueil.gif",
        "/affiche/nulle-part",
    ] {
        assert_eq!(
            app.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
}
on_both_engines!(
    unknown_code,
    an_unknown_code_gets_a_page_that_says_what_to_do
);

async fn malformed_posts_get_a_clear_4xx(app: TestApp) {
    let before = app.responses("belfort-accueil").await.len();
    let no_key = encode(&COMPLETE.map(|(k, v)| (k.to_string(), v.to_string())));
    let resp = app.post_form("/q/belfort-accueil", no_key, None).await;
    assert_eq!(resp.status(), StatusCode::BAD_REQUEST);
    let json = app
        .client
        .post(format!("{}/q/belfort-accueil", app.base))
        .header(CONTENT_TYPE, "application/json")
        .body("{}")
        .send()
        .await
        .expect("post");
    assert_eq!(json.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let garbage = app
        .post_form("/q/belfort-accueil", "%%%=&&=%zz".into(), None)
        .await;
    assert!(garbage.status().is_client_error(), "{}", garbage.status());
    assert_eq!(app.responses("belfort-accueil").await.len(), before);
}
on_both_engines!(malformed, malformed_posts_get_a_clear_4xx);

async fn a_closed_survey_says_so_and_stores_nothing(app: TestApp) {
    let hidden = app.form_fields("belfort-accueil").await;
    let code = domain::TouchpointCode::parse("belfort-accueil").expect("code");
    let tp = db::visitor::find_touchpoint(&app.db, &code)
        .await
        .expect("find")
        .expect("exists");
    db::survey::set_status(&app.db, tp.survey_id, domain::SurveyStatus::Closed)
        .await
        .expect("close");
    let before = app.responses("belfort-accueil").await.len();
    let page = app.get("/q/belfort-accueil?lang=en").await;
    assert_eq!(page.status(), StatusCode::OK);
    assert!(
        page.text()
            .await
            .expect("body")
            .contains("This questionnaire is closed")
    );
    let resp = app
        .post_form("/q/belfort-accueil", answers(&hidden, &COMPLETE), None)
        .await;
    assert_eq!(resp.status(), StatusCode::CONFLICT);
    assert_eq!(app.responses("belfort-accueil").await.len(), before);
    db::setup::set_touchpoint_active(&app.db, tp.touchpoint_id, false)
        .await
        .expect("retire");
    assert_eq!(
        app.get("/q/belfort-accueil").await.status(),
        StatusCode::GONE
    );
}
on_both_engines!(closed_survey, a_closed_survey_says_so_and_stores_nothing);

async fn the_address_ceiling_refuses_a_flood(app: TestApp) {
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let hidden = app.form_fields("belfort-accueil").await;
        let resp = app
            .post_form("/q/belfort-accueil", answers(&hidden, &COMPLETE), None)
            .await;
        statuses.push(resp.status());
    }
    assert_eq!(
        statuses,
        [
            StatusCode::SEE_OTHER,
            StatusCode::SEE_OTHER,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
}
on_both_engines!(
    address_ceiling,
    the_address_ceiling_refuses_a_flood,
    |c: &mut Config| {
        c.max_per_address_per_hour = 2;
        c.max_per_device_per_day = 0;
    }
);

/// Posts a complete answer as the proxy in front of the server would, for `client`.
async fn post_through_proxy(app: &TestApp, client: &str) -> StatusCode {
    let hidden = app.form_fields("belfort-accueil").await;
    app.client
        .post(format!("{}/q/belfort-accueil", app.base))
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("x-forwarded-for", format!("198.51.100.250, {client}"))
        .body(answers(&hidden, &COMPLETE))
        .send()
        .await
        .expect("post")
        .status()
}

async fn behind_a_trusted_proxy_each_client_has_its_own_ceiling(app: TestApp) {
    // The proxy (the loopback here) forwards two clients; each has its own two answers an hour.
    let (ok, refused) = (StatusCode::SEE_OTHER, StatusCode::TOO_MANY_REQUESTS);
    for client in ["203.0.113.5", "203.0.113.5"] {
        assert_eq!(post_through_proxy(&app, client).await, ok);
    }
    assert_eq!(post_through_proxy(&app, "203.0.113.5").await, refused);
    assert_eq!(post_through_proxy(&app, "203.0.113.6").await, ok);
    // An IPv6 client is counted by its /64: a new address in it changes nothing.
    assert_eq!(post_through_proxy(&app, "2001:db8:7:7::1").await, ok);
    assert_eq!(post_through_proxy(&app, "2001:db8:7:7::2").await, ok);
    assert_eq!(post_through_proxy(&app, "2001:db8:7:7::3").await, refused);
    assert_eq!(post_through_proxy(&app, "2001:db8:7:8::1").await, ok);
}
on_both_engines!(
    trusted_proxy,
    behind_a_trusted_proxy_each_client_has_its_own_ceiling,
    |c: &mut Config| {
        c.max_per_address_per_hour = 2;
        c.max_per_device_per_day = 0;
        c.trusted_proxies = server::config::trusted_proxies("127.0.0.1, ::1").expect("proxies");
    }
);

async fn a_forwarded_address_from_an_untrusted_peer_is_ignored(app: TestApp) {
    // No proxy is trusted: a client that writes X-Forwarded-For itself does not escape its
    // ceiling by changing it.
    let (ok, refused) = (StatusCode::SEE_OTHER, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(post_through_proxy(&app, "203.0.113.1").await, ok);
    assert_eq!(post_through_proxy(&app, "203.0.113.2").await, ok);
    assert_eq!(post_through_proxy(&app, "203.0.113.3").await, refused);
}
on_both_engines!(
    untrusted_forwarding,
    a_forwarded_address_from_an_untrusted_peer_is_ignored,
    |c: &mut Config| {
        c.max_per_address_per_hour = 2;
        c.max_per_device_per_day = 0;
    }
);

async fn the_page_follows_the_language_asked_for(app: TestApp) {
    let en = app
        .get("/q/belfort-accueil?lang=en")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        en.contains(r#"<html lang="en""#) && en.contains("Overall, how did your visit go today?")
    );
    let negotiated = app
        .client
        .get(format!("{}/q/belfort-accueil", app.base))
        .header("accept-language", "en-GB,en;q=0.9")
        .send()
        .await
        .expect("get")
        .text()
        .await
        .expect("body");
    assert!(negotiated.contains(r#"<html lang="en""#));
    let fr = app
        .get("/q/belfort-accueil")
        .await
        .text()
        .await
        .expect("body");
    assert!(
        fr.contains(r#"<html lang="fr""#) && !fr.contains("<script"),
        "no script on a visitor's page"
    );
}
on_both_engines!(languages, the_page_follows_the_language_asked_for);

async fn qr_codes_and_posters_point_to_the_public_address(app: TestApp) {
    let svg = app.get("/qr/belfort-accueil.svg").await;
    assert_eq!(svg.headers()[CONTENT_TYPE], "image/svg+xml");
    assert!(svg.text().await.expect("svg").starts_with("<svg"));
    let png = app.get("/qr/belfort-accueil.png").await;
    assert_eq!(png.headers()[CONTENT_TYPE], "image/png");
    assert!(png.bytes().await.expect("png").starts_with(b"\x89PNG"));
    for format in ["a4", "a5"] {
        let poster = app
            .get(&format!("/affiche/belfort-accueil?format={format}"))
            .await;
        assert_eq!(poster.status(), StatusCode::OK);
        let html = poster.text().await.expect("html");
        assert!(
            html.contains("avis.example.gouv.fr/q/belfort-accueil"),
            "the address written out"
        );
        assert!(html.contains(&format!("poster--{format}")));
        assert!(html.contains("Accueil général") && html.contains("Your opinion matters!"));
    }
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
}
on_both_engines!(
    qr_and_poster,
    qr_codes_and_posters_point_to_the_public_address
);

async fn visitors_answering_at_the_same_moment_are_all_stored(app: TestApp) {
    // Sixteen phones at one counter within the same second: every answer adds to the same
    // daily counts, which concurrent transactions must update without a deadlock.
    let before = app.responses("belfort-accueil").await.len();
    let mut forms = Vec::new();
    for _ in 0..16 {
        forms.push(app.form_fields("belfort-accueil").await);
    }
    let app = std::sync::Arc::new(app);
    let mut tasks = Vec::new();
    for hidden in forms {
        let app = app.clone();
        tasks.push(tokio::spawn(async move {
            app.post_form("/q/belfort-accueil", answers(&hidden, &COMPLETE), None)
                .await
                .status()
        }));
    }
    for t in tasks {
        assert_eq!(t.await.expect("task"), StatusCode::SEE_OTHER);
    }
    assert_eq!(app.responses("belfort-accueil").await.len(), before + 16);
}
on_both_engines!(
    concurrent_answers,
    visitors_answering_at_the_same_moment_are_all_stored
);
