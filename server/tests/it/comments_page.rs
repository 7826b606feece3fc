//! The visitors' comments among the results (`/resultats/commentaires`), as a browser without
//! JavaScript uses it, on SQLite and (with TEST_POSTGRES_URL) PostgreSQL: what each role reads,
//! the referent's marks (hide, quote, both ways, audited), the filters, the pages, the
//! touchpoint-months too small to show, refused parameters, and escaping.

use crate::common::{Api, open_session};
use crate::retention::found;
use domain::Role;
use reqwest::StatusCode;
use serde_json::json;

const DECEMBER: &str = "scope=touchpoint%3Abelfort-cert&from=2026-12&to=2026-12";
const PAGE: &str = "/resultats/commentaires";

/// A visitor's answer at `touchpoint` now (December 2026, a month the demo leaves empty).
pub(crate) async fn answer(api: &Api, kiosk: &str, touchpoint: &str, overall: &str, comment: &str) {
    let mut answers =
        json!({"overall": overall, "courtesy": "3", "wait": "lt10", "resolved": "yes"});
    if !comment.is_empty() {
        answers["comment"] = json!(comment);
    }
    static ANSWERS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = ANSWERS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let key = format!("comments-page-{n}");
    let (status, body) = api
        .send(
            "POST",
            &format!("/api/v1/touchpoints/{touchpoint}/responses"),
            Some(kiosk),
            &json!({"answers": answers, "idempotency_key": key}).to_string(),
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
}

/// Five visitors at the CERT counter this month, four of them with a comment.
async fn december_at_the_counter(api: &Api) {
    let kiosk = api.token_of(Role::Kiosk).await;
    for (overall, comment) in [
        ("bad", "<script>alert('x')</script> attente trop longue"),
        ("very_good", "Accueil parfait, merci"),
        ("average", "Plus de chaises libres"),
        ("bad", "Guichet fermé à 15 h"),
        ("very_good", ""),
    ] {
        answer(api, &kiosk, "belfort-cert", overall, comment).await;
    }
}

/// The id of the response whose comment holds `words`.
async fn id_of(api: &Api, words: &str) -> i32 {
    let [id] = found(api, words).await[..] else {
        panic!("one response holds {words:?}")
    };
    id
}

async fn page(api: &Api, query: &str, session: &str) -> (StatusCode, String) {
    let resp = api.get_as(&format!("{PAGE}?{query}"), Some(session)).await;
    let status = resp.status();
    (status, resp.text().await.expect("page"))
}

fn location(resp: &reqwest::Response) -> String {
    resp.headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// How many comment cards a page shows.
fn cards(html: &str) -> usize {
    html.matches("<li class=\"comment-line").count()
}

async fn the_committee_reads_what_the_referent_did_not_hide(api: Api) {
    december_at_the_counter(&api).await;
    let referent = open_session(&api.db, "referente@example.gouv.fr", Role::Referent).await;
    let script = id_of(&api, "attente trop longue").await;
    let perfect = id_of(&api, "accueil parfait").await;

    // The committee member reads every comment, escaped, with the day, the counter and the
    // overall answer in words, and no control.
    let (status, html) = page(&api, DECEMBER, &api.viewer).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cards(&html), 4);
    assert!(html.contains("&lt;script&gt;alert("), "escaped");
    assert!(!html.contains("<script>alert"), "never as markup");
    assert!(html.contains("Accueil parfait, merci") && html.contains("Guichet fermé à 15 h"));
    assert!(html.contains("Guichet cartes d'identité et passeports"));
    assert!(html.contains(">Pas bien</span>") && html.contains(">Très bien</span>"));
    assert!(html.contains("décembre 2026"));
    assert!(
        !html.contains("/masquer") && !html.contains("/citer"),
        "no control"
    );
    assert!(
        html.contains("N'écrivez ni nom"),
        "the notice visitors read"
    );
    assert!(html.contains("/admin/reponses") && html.contains("reste conservé"));

    // The referent hides one: back on the same filtered page, with a confirmation.
    let (_, html) = page(&api, DECEMBER, &referent).await;
    assert!(html.contains(&format!("{PAGE}/{script}/masquer?")));
    let hide = api
        .post_as(
            &format!("{PAGE}/{script}/masquer?lang=fr&{DECEMBER}&overall=&q="),
            Some(&referent),
            &[],
        )
        .await;
    assert_eq!(hide.status(), StatusCode::SEE_OTHER);
    let back = location(&hide);
    assert!(back.starts_with(&format!("{PAGE}?lang=fr&")), "{back}");
    assert!(back.contains("scope=touchpoint%3Abelfort-cert") && back.contains("done=hidden"));
    let html = api
        .get_as(&back, Some(&referent))
        .await
        .text()
        .await
        .expect("page");
    assert!(html.contains("Le commentaire est masqué"));
    assert!(html.contains("Masqué au comité") && html.contains("Afficher à nouveau au comité"));
    assert_eq!(cards(&html), 4, "the referent still sees it");
    let (_, html) = page(&api, DECEMBER, &api.viewer).await;
    assert_eq!(cards(&html), 3);
    assert!(
        !html.contains("attente trop longue"),
        "the committee no longer does"
    );

    // Quoted, the committee sees the mark; a hidden one cannot be quoted.
    let quote = api
        .post_as(
            &format!("{PAGE}/{perfect}/citer?{DECEMBER}"),
            Some(&referent),
            &[],
        )
        .await;
    assert_eq!(quote.status(), StatusCode::SEE_OTHER);
    assert!(location(&quote).contains("done=quoted"));
    let (_, html) = page(&api, DECEMBER, &api.viewer).await;
    assert!(html.contains("À citer dans le rapport"));
    let refused = api
        .post_as(
            &format!("{PAGE}/{script}/citer?{DECEMBER}"),
            Some(&referent),
            &[],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);
    assert!(
        refused
            .text()
            .await
            .expect("page")
            .contains("affichez-le d'abord")
    );

    // Both ways: shown again and no longer quoted.
    for (id, verb, done) in [
        (script, "afficher", "shown"),
        (perfect, "ne-plus-citer", "unquoted"),
    ] {
        let resp = api
            .post_as(
                &format!("{PAGE}/{id}/{verb}?{DECEMBER}"),
                Some(&referent),
                &[],
            )
            .await;
        assert_eq!(resp.status(), StatusCode::SEE_OTHER, "{verb}");
        assert!(location(&resp).contains(&format!("done={done}")));
    }
    let (_, html) = page(&api, DECEMBER, &api.viewer).await;
    assert_eq!(cards(&html), 4);
    assert!(!html.contains("À citer dans le rapport"));

    // A committee member may not mark (403, nothing changes); unknown verbs and ids are 404.
    let forbidden = api
        .post_as(
            &format!("{PAGE}/{script}/masquer?{DECEMBER}"),
            Some(&api.viewer),
            &[],
        )
        .await;
    assert_eq!(forbidden.status(), StatusCode::FORBIDDEN);
    assert_eq!(cards(&page(&api, DECEMBER, &api.viewer).await.1), 4);
    for path in [
        format!("{PAGE}/{script}/effacer"),
        format!("{PAGE}/99999999/masquer"),
    ] {
        let resp = api.post_as(&path, Some(&referent), &[]).await;
        assert_eq!(resp.status(), StatusCode::NOT_FOUND, "{path}");
    }
    // A form from another site is refused before anything.
    let forged = api
        .client
        .post(format!("{}{PAGE}/{script}/masquer", api.base))
        .header("cookie", format!("qa_session={referent}"))
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .expect("post");
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    // Audited: who, on which response, never the comment; and every reading.
    let log = db::audit::latest(&api.db, None, 40).await.expect("log");
    let marks: Vec<&db::audit::Entry> = log
        .iter()
        .filter(|e| e.action.starts_with("comment."))
        .collect();
    let actions: Vec<&str> = marks.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "comment.unquote",
            "comment.show",
            "comment.quote",
            "comment.hide"
        ]
    );
    assert_eq!(marks[3].subject, format!("response {script}"));
    assert!(
        marks
            .iter()
            .all(|e| e.actor == "account:referente@example.gouv.fr")
    );
    for e in &log {
        let text = format!("{:?}{:?}", e.before, e.after);
        assert!(!text.contains("attente trop longue") && !text.contains("Accueil parfait"));
    }
    assert!(log.iter().any(|e| e.action == "responses.read"
        && e.subject == "visitor comments"
        && e.actor == "account:clu@example.gouv.fr"));
}
on_both_engines!(
    roles_and_marks,
    the_committee_reads_what_the_referent_did_not_hide
);

async fn who_may_open_the_page(api: Api) {
    december_at_the_counter(&api).await;
    let anonymous = api.get_as(&format!("{PAGE}?{DECEMBER}"), None).await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);
    assert!(location(&anonymous).starts_with("/login?"));
    let shopper = open_session(&api.db, "testeur@example.gouv.fr", Role::Shopper).await;
    let (status, html) = page(&api, DECEMBER, &shopper).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(html.contains("Accès refusé"));
    // A kiosk's token opens no page (it is not a session).
    let kiosk = api.token_of(Role::Kiosk).await;
    let resp = api
        .client
        .get(format!("{}{PAGE}?{DECEMBER}", api.base))
        .bearer_auth(&kiosk)
        .send()
        .await
        .expect("get");
    assert_eq!(resp.status(), StatusCode::SEE_OTHER);
    assert!(location(&resp).starts_with("/login?"));

    // The administrator chooses the organisation first, then reads and marks like a referent.
    let admin = open_session(&api.db, "admin@example.gouv.fr", Role::Admin).await;
    let (status, html) = page(&api, DECEMBER, &admin).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(&format!("{PAGE}?lang=fr&amp;organisation=belfort")));
    let (status, html) = page(&api, &format!("organisation=belfort&{DECEMBER}"), &admin).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cards(&html), 4);
    let id = id_of(&api, "chaises libres").await;
    assert!(html.contains(&format!(
        "{PAGE}/{id}/masquer?lang=fr&amp;organisation=belfort&amp;"
    )));
    let hide = api
        .post_as(
            &format!("{PAGE}/{id}/masquer?organisation=belfort&{DECEMBER}"),
            Some(&admin),
            &[],
        )
        .await;
    assert_eq!(hide.status(), StatusCode::SEE_OTHER);
    assert!(location(&hide).contains("organisation=belfort"));
    assert_eq!(cards(&page(&api, DECEMBER, &api.viewer).await.1), 3);
}
on_both_engines!(access, who_may_open_the_page);

/// The next page's address in a page, unescaped.
fn next_page(html: &str) -> Option<String> {
    let marker = "Commentaires plus anciens";
    let end = html.find(marker)?;
    let start = html[..end].rfind("href=\"")? + "href=\"".len();
    let href = &html[start..];
    Some(href[..href.find('"')?].replace("&amp;", "&"))
}

async fn filters_pages_and_small_groups(api: Api) {
    let org = db::structure::organisations(&api.db).await.expect("orgs")[0].id;
    let quarter = "scope=survey%3Aaccueil&from=2026-07&to=2026-09";
    let in_db = |overall: Option<domain::OverallAnswer>, words: Option<&str>| {
        let api = &api;
        let words = words.map(str::to_owned);
        async move {
            let tps = db::summary::resolve_scope(
                &api.db,
                &db::summary::Scope::Survey("accueil".into()),
                Some(org),
            )
            .await
            .expect("scope")
            .expect("known")
            .0;
            db::comments::comments(
                &api.db,
                org,
                &db::comments::CommentFilter {
                    touchpoints: Some(tps),
                    days: Some((
                        chrono::NaiveDate::from_ymd_opt(2026, 7, 1).expect("date"),
                        chrono::NaiveDate::from_ymd_opt(2026, 9, 30).expect("date"),
                    )),
                    contains: words,
                    overall,
                    without_hidden: true,
                    hidden_below: 5,
                },
                None,
                usize::MAX,
            )
            .await
            .expect("comments")
        }
    };

    // The quarter's comments, 20 a page, newest first, the next page after the last.
    let every = in_db(None, None).await;
    assert!(every.len() > 20, "the demo's quarter has more than a page");
    let (status, first) = page(&api, quarter, &api.viewer).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cards(&first), 20);
    let next = next_page(&first).expect("a next page");
    assert!(next.contains("before=") && next.contains("scope=survey%3Aaccueil"));
    let second = api
        .get_as(&next, Some(&api.viewer))
        .await
        .text()
        .await
        .expect("page");
    assert_eq!(cards(&first) + cards(&second), every.len().min(40));
    let newest = &every[0].texts[0].1;
    let oldest_on_second = &every[every.len().min(40) - 1].texts[0].1;
    assert!(first.contains(newest.as_str()));
    assert!(second.contains("Revenir aux plus récents"));
    assert!(second.contains(oldest_on_second.as_str()));

    // Only the visitors who said "bad".
    let bad = in_db(Some(domain::OverallAnswer::Bad), None).await;
    assert!(!bad.is_empty() && bad.len() < every.len());
    let (_, html) = page(&api, &format!("{quarter}&overall=bad"), &api.viewer).await;
    assert_eq!(cards(&html), bad.len().min(20));
    assert_eq!(html.matches(">Pas bien</span>").count(), cards(&html));
    assert!(html.contains("<option value=\"bad\" selected"));

    // By a word, case ignored.
    let waits = in_db(None, Some("attente")).await;
    assert!(!waits.is_empty() && waits.len() < every.len());
    let (_, html) = page(&api, &format!("{quarter}&q=ATTENTE"), &api.viewer).await;
    assert_eq!(cards(&html), waits.len().min(20));
    assert!(html.contains("value=\"ATTENTE\""));

    // Two visitors at the PAN this month: too few to show their comments; the page says so.
    let kiosk = api.token_of(Role::Kiosk).await;
    answer(
        &api,
        &kiosk,
        "belfort-pan",
        "bad",
        "La médiatrice était absente",
    )
    .await;
    answer(
        &api,
        &kiosk,
        "belfort-pan",
        "average",
        "Imprimante en panne",
    )
    .await;
    let (status, html) = page(
        &api,
        "scope=touchpoint%3Abelfort-pan&from=2026-12&to=2026-12",
        &api.viewer,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cards(&html), 0);
    assert!(!html.contains("médiatrice était absente") && !html.contains("Imprimante"));
    assert!(
        html.contains("2 commentaires ne sont pas affichés"),
        "{html}"
    );
    assert!(html.contains("moins de 5 réponses"));
    assert!(html.contains("(Point d'accueil numérique, décembre 2026)"));

    // The first visit: the organisation's questionnaire over the last whole quarter.
    let today = chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    let (current, _) = server::staff::results::default_periods(today);
    let (status, html) = page(&api, "lang=fr", &api.viewer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("<option value=\"survey:accueil\" selected"));
    assert!(html.contains(&format!("value=\"{}\"", current.from.format("%Y-%m"))));
    assert!(html.contains(&format!("value=\"{}\"", current.to.format("%Y-%m"))));
    // In English too.
    let (status, html) = page(&api, &format!("lang=en&{quarter}"), &api.viewer).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Visitors' comments"));
    assert!(html.contains("Newest first"));
}
on_both_engines!(filters, filters_pages_and_small_groups);

async fn bad_parameters_answer_400_with_the_form(api: Api) {
    let long = "a".repeat(201);
    let cases = [
        (
            "scope=survey%3Anowhere&from=2026-07&to=2026-09",
            "Périmètre",
        ),
        (
            "scope=touchpoint%3Aloiret-accueil&from=2026-07&to=2026-09",
            "Périmètre",
        ),
        ("scope=survey%3Aaccueil&from=2026-13&to=2026-12", "AAAA-MM"),
        (
            "scope=survey%3Aaccueil&from=2026-09&to=2026-07",
            "est après",
        ),
        (
            "scope=survey%3Aaccueil&from=2026-07&to=",
            "Indiquez à la fois",
        ),
        (
            "scope=survey%3Aaccueil&from=2026-07-02&to=2026-09",
            "mois entiers",
        ),
        (
            "scope=survey%3Aaccueil&from=2026-07&to=2026-09&overall=great",
            "Avis d'ensemble",
        ),
        (
            "scope=survey%3Aaccueil&from=2026-07&to=2026-09&before=yesterday",
            "n'existe pas",
        ),
    ];
    for (query, says) in cases {
        let (status, html) = page(&api, query, &api.viewer).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        assert!(html.contains("role=\"alert\""), "{query}");
        assert!(html.contains(says), "{query}: {says}");
        assert!(
            html.contains("name=\"scope\"") && html.contains("name=\"q\""),
            "the form"
        );
        assert_eq!(cards(&html), 0, "{query}");
    }
    let (status, html) = page(
        &api,
        &format!("scope=survey%3Aaccueil&from=2026-07&to=2026-09&q={long}"),
        &api.viewer,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("200 caractères au plus"));
    let (status, html) = page(
        &api,
        "lang=en&scope=survey%3Aaccueil&from=2026-07&to=2026-09&overall=great",
        &api.viewer,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("Overall answer: choose"));
}
on_both_engines!(bad_parameters, bad_parameters_answer_400_with_the_form);
