//! What the HTTP tests of the staff's side share: a server on the demo data, with a viewer token.

use chrono::Utc;
use db::test_support::{Engine, fresh_database};
use reqwest::StatusCode;
use serde_json::Value;
use server::config::Config;
use server::state::AppState;

/// A running server on fresh demo data, and a viewer's token.
pub struct Api {
    pub base: String,
    pub db: db::Db,
    pub client: reqwest::Client,
    pub token: String,
    /// A viewer's session secret (the `qa_session` cookie).
    pub viewer: String,
}

/// The password of every account the tests create.
pub const PASSWORD: &str = "mot de passe des tests";

/// Starts a server on a fresh database of `engine` seeded with the demo; `None` (and a note)
/// when PostgreSQL is asked for and TEST_POSTGRES_URL is not set.
pub async fn spawn(engine: Engine) -> Option<Api> {
    spawn_with(engine, |_| {}).await
}

/// The same, with settings changed by `tweak`.
pub async fn spawn_with(engine: Engine, tweak: impl FnOnce(&mut Config)) -> Option<Api> {
    let Some(fresh) = fresh_database(engine).await.expect("fresh database") else {
        eprintln!("SKIPPED on PostgreSQL: TEST_POSTGRES_URL is not set");
        return None;
    };
    db::demo::seed_demo(&fresh.db, Utc::now())
        .await
        .expect("seed");
    let token =
        db::tokens::create_token(&fresh.db, "tests", domain::Role::Viewer, None, Utc::now())
            .await
            .expect("token");
    let viewer = open_session(&fresh.db, "clu@example.gouv.fr", domain::Role::Viewer).await;
    let mut config = Config::loopback(fresh.url.clone(), std::env::temp_dir());
    tweak(&mut config);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    tokio::spawn(server::serve(
        AppState::new(config, fresh.db.clone()),
        listener,
    ));
    Some(Api {
        base,
        db: fresh.db,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        token,
        viewer,
    })
}

/// Creates an account of `role` in the demo organisation (none for an admin) and returns the
/// secret of a new session of it.
pub async fn open_session(db: &db::Db, email: &str, role: domain::Role) -> String {
    let organisation = (role != domain::Role::Admin).then_some(db::demo::ORGANISATION);
    db::test_support::open_session(db, email, role, organisation, PASSWORD).await
}

impl Api {
    /// A page, with a session cookie or none.
    pub async fn get_as(&self, path: &str, session: Option<&str>) -> reqwest::Response {
        let mut req = self.client.get(format!("{}{path}", self.base));
        if let Some(s) = session {
            req = req.header(reqwest::header::COOKIE, format!("qa_session={s}"));
        }
        req.send().await.expect("get")
    }

    /// A page's status and body, with a session cookie.
    pub async fn page_as(&self, path: &str, session: &str) -> (StatusCode, String) {
        let resp = self.get_as(path, Some(session)).await;
        (resp.status(), resp.text().await.unwrap_or_default())
    }

    /// A form sent as a browser of this site sends it (`Sec-Fetch-Site: same-origin`).
    pub async fn post_as(
        &self,
        path: &str,
        session: Option<&str>,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let mut req = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(serde_urlencoded::to_string(fields).expect("form"));
        if let Some(s) = session {
            req = req.header(reqwest::header::COOKIE, format!("qa_session={s}"));
        }
        req.send().await.expect("post")
    }

    /// A JSON route, with a bearer token or none.
    pub async fn get(&self, path: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut req = self.client.get(format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let resp = req.send().await.expect("get");
        let status = resp.status();
        (status, resp.json().await.unwrap_or(Value::Null))
    }
}

impl Api {
    /// A JSON request (`POST`, `PUT`) with a raw body and a bearer token or none.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: &str,
    ) -> (StatusCode, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(body.to_owned());
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let resp = req.send().await.expect("send");
        let status = resp.status();
        (status, resp.json().await.unwrap_or(Value::Null))
    }

    /// A token of `role` in the demo organisation.
    pub async fn token_of(&self, role: domain::Role) -> String {
        db::tokens::create_token(
            &self.db,
            &format!("{} tests", role.code()),
            role,
            Some(db::demo::ORGANISATION),
            Utc::now(),
        )
        .await
        .expect("token")
    }
}

impl Api {
    /// A call campaign `code` of the demo organisation (October to December 2026) with one
    /// target, the switchboard, and `planned` tests on it, planned and given to the shopper
    /// `shopper`: the planned tests' ids.
    pub async fn planned_calls(&self, code: &str, planned: u32, shopper: &str) -> Vec<i32> {
        let now = Utc::now();
        let org = db::structure::organisations(&self.db).await.expect("orgs")[0].id;
        let actor = db::audit::Actor::Account("ref@example.gouv.fr".into());
        db::mystery::campaigns::create(
            &self.db,
            &actor,
            org,
            &db::mystery::campaigns::CampaignForm {
                code: code.into(),
                title: format!("Appels {code}"),
                grid: "call".into(),
                from: "2026-10-01".into(),
                to: "2026-12-31".into(),
            },
            now,
        )
        .await
        .expect("campaign");
        db::mystery::plan::add_target(
            &self.db,
            &actor,
            org,
            code,
            &db::mystery::plan::TargetForm {
                code: "standard".into(),
                label: "Standard de la préfecture".into(),
                kind: "phone".into(),
                service: "accueil".into(),
                detail: "03 84 57 00 00".into(),
                planned: planned.to_string(),
            },
            now,
        )
        .await
        .expect("target");
        db::mystery::plan::plan_tests(&self.db, &actor, org, code, now)
            .await
            .expect("plan");
        let plan = db::mystery::campaigns::find(&self.db, org, code)
            .await
            .expect("campaign")
            .expect("found");
        let ids: Vec<i32> = plan.assignments.iter().map(|a| a.id).collect();
        db::mystery::plan::assign(&self.db, &actor, org, code, &ids, Some(shopper), now)
            .await
            .expect("assign");
        ids
    }
}

/// Runs an async test body on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_engines {
    ($name:ident, $body:ident) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn on_sqlite() {
                if let Some(api) = $crate::common::spawn(db::test_support::Engine::Sqlite).await {
                    $body(api).await;
                }
            }
            #[tokio::test]
            async fn on_postgres() {
                if let Some(api) = $crate::common::spawn(db::test_support::Engine::Postgres).await {
                    $body(api).await;
                }
            }
        }
    };
}

impl Api {
    /// Starts the assignment `id` as the shopper of `session`: the test form's address (without
    /// its query) and the form as served.
    pub async fn start_test(&self, id: impl std::fmt::Display, session: &str) -> (String, String) {
        let started = self
            .post_as(
                &format!("/mystere/affectations/{id}/commencer"),
                Some(session),
                &[],
            )
            .await;
        let path = started.headers()["location"]
            .to_str()
            .expect("location")
            .split('?')
            .next()
            .expect("path")
            .to_owned();
        let page = self
            .get_as(&path, Some(session))
            .await
            .text()
            .await
            .expect("form");
        (path, page)
    }
}

/// The revision a test form was served at (a save sends it back).
pub fn revision_of(html: &str) -> String {
    html.split("name=\"revision\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a revision in the form")
        .to_owned()
}

/// A second prefecture on the same instance, with one touchpoint and its own referent: returns
/// the referent's session.
pub async fn second_organisation(api: &Api) -> String {
    use db::setup::{
        NewTouchpoint, create_organisation, create_service, create_site, create_touchpoint,
    };
    let now = chrono::Utc::now();
    let org = create_organisation(&api.db, "loiret", "Préfecture du Loiret", now)
        .await
        .expect("organisation");
    let site = create_site(&api.db, org, "orleans", "Préfecture d'Orléans")
        .await
        .expect("site");
    let name = domain::Translated::fr_en("Accueil général", "General reception");
    let service = create_service(&api.db, org, "accueil-loiret", &name)
        .await
        .expect("service");
    let survey = db::survey::create_survey(&api.db, org, "satisfaction", &name, now)
        .await
        .expect("survey");
    db::survey::publish_version(
        &api.db,
        survey,
        &domain::defaults::default_questionnaire(),
        now,
    )
    .await
    .expect("version");
    let code = domain::TouchpointCode::parse("loiret-accueil").expect("code");
    create_touchpoint(
        &api.db,
        NewTouchpoint {
            organisation_id: org,
            site_id: site,
            service_id: service,
            survey_id: survey,
            code: &code,
            name: &name,
            channel: domain::Channel::Counter,
        },
        now,
    )
    .await
    .expect("touchpoint");
    let referent = "referente@loiret.gouv.fr";
    db::accounts::create_account(
        &api.db,
        &db::audit::Actor::CommandLine,
        referent,
        domain::Role::Referent,
        Some("loiret"),
        PASSWORD,
        now,
    )
    .await
    .expect("account");
    match db::accounts::sign_in(
        &api.db,
        referent,
        PASSWORD,
        "127.0.0.1",
        &db::accounts::Throttle::default(),
        chrono::TimeDelta::hours(1),
        now,
    )
    .await
    .expect("sign in")
    {
        db::accounts::SignIn::Opened { secret, .. } => secret,
        other => panic!("{other:?}"),
    }
}

/// The text of a page without its tags, spaces collapsed.
pub fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    norm(
        &out.replace("&quot;", "\"")
            .replace("&#x27;", "'")
            .replace("&#39;", "'"),
    )
}

/// Spaces (narrow and non-breaking ones too) collapsed to one.
pub fn norm(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The indicator `name` of question `code` in a summary of the API, as a chart's mark (its
/// estimate, interval, n and fragility).
pub fn api_mark(json: &Value, code: &str, name: &str) -> app::components::charts::model::Mark {
    let ind = json["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .find(|q| q["code"] == code)
        .map(|q| &q["indicators"][name])
        .unwrap_or_else(|| panic!("the indicator {code}/{name}"));
    let f = |k: &str| ind[k].as_f64().expect("a number");
    app::components::charts::model::Mark {
        value: f("estimate"),
        lower: f("lower"),
        upper: f("upper"),
        n: ind["n"].as_u64().expect("n"),
        fragile: ind["fragile"].as_bool().expect("fragile"),
    }
}

/// What `pdfinfo` (Debian's poppler-utils, which make installs) says of a PDF file, and its
/// number of pages.
pub fn pdfinfo(path: &std::path::Path) -> (String, u32) {
    let out = std::process::Command::new("pdfinfo")
        .arg(path)
        .output()
        .expect("pdfinfo (poppler-utils) is installed by make");
    let info = String::from_utf8_lossy(&out.stdout).into_owned();
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("pages");
    (info, pages)
}
