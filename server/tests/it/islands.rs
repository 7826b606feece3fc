//! What reaches the browser: the visitor's pages and the home page carry no script at all; the
//! shopper's test form is server HTML with its island, and a Content-Security-Policy that allows
//! exactly the islands' script (by a nonce of its own on every page), their wasm and requests to
//! the site.

use crate::common::{Api, open_session};
use domain::Role;
use reqwest::StatusCode;
use reqwest::header::CONTENT_SECURITY_POLICY;

/// A shopper's session and the address of a test of theirs, started.
async fn started_test(api: &Api) -> (String, String) {
    let shopper = open_session(&api.db, "ilot@example.gouv.fr", Role::Shopper).await;
    let ids = api
        .planned_calls("appels-ilots", 1, "ilot@example.gouv.fr")
        .await;
    let started = api
        .post_as(
            &format!("/mystere/affectations/{}/commencer", ids[0]),
            Some(&shopper),
            &[],
        )
        .await;
    let location = started.headers()["location"]
        .to_str()
        .expect("location")
        .to_owned();
    (shopper, location)
}

fn policy(resp: &reqwest::Response) -> String {
    resp.headers()
        .get(CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The nonce of the page's script, as its policy names it.
fn nonce_of(policy: &str) -> String {
    policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .unwrap_or_default()
        .to_owned()
}

async fn the_test_form_is_an_island_under_a_policy_that_allows_only_its_script(api: Api) {
    let (shopper, path) = started_test(&api).await;
    let first = api.get_as(&path, Some(&shopper)).await;
    assert_eq!(first.status(), StatusCode::OK);
    let first_policy = policy(&first);
    let html = first.text().await.expect("page");
    assert!(html.contains("<leptos-island"), "the form is an island");
    assert!(
        html.contains("data-props="),
        "its props travel with it: {html:.300}"
    );
    assert!(
        html.contains("name=\"C01\""),
        "server HTML: the plain form is there"
    );
    assert!(
        !html.contains("/assets/mystere.js"),
        "no hand-written script any more"
    );
    let nonce = nonce_of(&first_policy);
    assert!(nonce.len() >= 16, "a nonce in {first_policy}");
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the islands' script carries the policy's nonce"
    );
    for part in [
        "script-src 'self' 'nonce-",
        "'wasm-unsafe-eval'",
        "connect-src 'self'",
        "default-src 'none'",
    ] {
        assert!(first_policy.contains(part), "{part} in {first_policy}");
    }
    assert!(
        !first_policy.contains("unsafe-inline") && !first_policy.contains("'unsafe-eval'"),
        "{first_policy}"
    );
    let second = api.get_as(&path, Some(&shopper)).await;
    assert_ne!(
        nonce_of(&policy(&second)),
        nonce,
        "a nonce of its own on every page"
    );
}
on_both_engines!(
    test_form_island,
    the_test_form_is_an_island_under_a_policy_that_allows_only_its_script
);

async fn the_visitor_and_the_home_page_load_no_script(api: Api) {
    for path in ["/", "/q/belfort-accueil", "/q/belfort-accueil/merci"] {
        let resp = api.get_as(path, None).await;
        assert_eq!(resp.status(), StatusCode::OK, "{path}");
        let csp = policy(&resp);
        assert!(
            csp.contains("default-src 'none'") && !csp.contains("script-src"),
            "{path}: {csp}"
        );
        let html = resp.text().await.expect("page");
        assert!(
            !html.contains("<script") && !html.contains("leptos-island"),
            "{path} loads no script"
        );
    }
    let unknown = api.get_as("/nulle-part", None).await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert!(
        unknown
            .text()
            .await
            .expect("page")
            .contains("Page introuvable")
    );
}
on_both_engines!(no_script, the_visitor_and_the_home_page_load_no_script);

async fn the_islands_assets_are_served_precompressed_and_revalidated(
    engine: db::test_support::Engine,
) {
    let site = std::env::temp_dir().join(format!("qa-site-{}", uuid::Uuid::new_v4().simple()));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg");
    std::fs::write(pkg.join("app.js"), "export function hydrate() {}").expect("js");
    std::fs::write(pkg.join("app.js.br"), b"brotli bytes").expect("br");
    std::fs::write(pkg.join("app.css"), "body{}").expect("css");
    let root = site.clone();
    let Some(api) = crate::common::spawn_with(engine, move |c| c.site_root = root).await else {
        return;
    };
    let get = |path: &'static str, encoding: &'static str| {
        let client = api.client.clone();
        let url = format!("{}{path}", api.base);
        async move {
            client
                .get(url)
                .header(reqwest::header::ACCEPT_ENCODING, encoding)
                .send()
                .await
                .expect("get")
        }
    };
    let header = |r: &reqwest::Response, name: reqwest::header::HeaderName| {
        r.headers()
            .get_all(name)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let br = get("/pkg/app.js", "br, gzip").await;
    assert_eq!(br.status(), StatusCode::OK);
    assert_eq!(header(&br, reqwest::header::CONTENT_ENCODING), "br");
    assert_eq!(header(&br, reqwest::header::CACHE_CONTROL), "no-cache");
    assert!(header(&br, reqwest::header::VARY).contains("accept-encoding"));
    assert_eq!(br.bytes().await.expect("body").as_ref(), b"brotli bytes");
    let plain = get("/pkg/app.js", "identity").await;
    assert_eq!(header(&plain, reqwest::header::CONTENT_ENCODING), "");
    assert_eq!(
        plain.text().await.expect("body"),
        "export function hydrate() {}"
    );
    let css = get("/pkg/app.css", "identity").await;
    assert_eq!(
        header(&css, reqwest::header::CACHE_CONTROL),
        "public, max-age=3600",
        "the stylesheet's address names the release"
    );
    let _ = std::fs::remove_dir_all(site);
}

#[tokio::test]
async fn the_islands_assets_are_served_precompressed_and_revalidated_on_sqlite() {
    the_islands_assets_are_served_precompressed_and_revalidated(db::test_support::Engine::Sqlite)
        .await;
}
