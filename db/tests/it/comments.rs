//! The visitors' comments: found by scope, days, overall answer and words, newest first, a page
//! at a time; none of a touchpoint-month under the threshold; the referent's marks (hidden, to
//! quote), audited without the comment, gone with the response or its text; the comments to
//! quote in the report. On SQLite and (with TEST_POSTGRES_URL) PostgreSQL.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use db::audit::Actor;
use db::comments::{CommentFilter, CommentRow, Mark, MarkChange, comments, quotes, set_mark};
use db::entity::{comment_mark, response};
use db::test_support::FreshDatabase;
use db::visitor::{Arrival, SubmitOutcome, find_touchpoint, submit_response};
use domain::{Lang, OverallAnswer, TouchpointCode, defaults::default_questionnaire};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const REFERENT: &str = "referente@example.gouv.fr";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

/// The demo, and the ids of its organisation and of a referent's account.
async fn demo(d: &FreshDatabase) -> (i32, i32) {
    db::demo::seed_demo(&d.db, Utc::now()).await.expect("seed");
    let org = db::structure::organisations(&d.db)
        .await
        .expect("organisations")[0]
        .id;
    let account = db::accounts::create_account(
        &d.db,
        &Actor::CommandLine,
        REFERENT,
        domain::Role::Referent,
        Some(db::demo::ORGANISATION),
        "une longue phrase de passe",
        Utc::now(),
    )
    .await
    .expect("account")
    .id;
    (org, account)
}

/// A visitor's answer at `touchpoint` at noon (Paris) on `on`, with `comment` if not empty.
async fn answer(d: &FreshDatabase, touchpoint: &str, on: NaiveDate, overall: &str, comment: &str) {
    let tp = find_touchpoint(&d.db, &TouchpointCode::parse(touchpoint).expect("code"))
        .await
        .expect("find")
        .expect("touchpoint");
    let mut fields = vec![
        ("q_overall".to_owned(), overall.to_owned()),
        ("q_courtesy".to_owned(), "3".to_owned()),
        ("q_wait".to_owned(), "lt10".to_owned()),
        ("q_resolved".to_owned(), "yes".to_owned()),
    ];
    if !comment.is_empty() {
        fields.push(("q_comment".to_owned(), comment.to_owned()));
    }
    let parsed = domain::parse_submission(&default_questionnaire(), &fields).expect("valid");
    let at: DateTime<Utc> = Paris
        .from_local_datetime(&on.and_hms_opt(12, 0, 0).expect("noon"))
        .earliest()
        .expect("a time")
        .with_timezone(&Utc);
    let key = format!("{touchpoint}-{on}-{comment}-{}", rand_key());
    let stored = submit_response(
        &d.db,
        tp.touchpoint_id,
        &tp.version.expect("published"),
        Lang::Fr,
        &parsed,
        Arrival {
            idempotency_key: &key,
            link: None,
            now: at,
        },
    )
    .await
    .expect("submit");
    assert_eq!(stored, SubmitOutcome::Stored);
}

fn rand_key() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

async fn touchpoint_id(d: &FreshDatabase, code: &str) -> i32 {
    find_touchpoint(&d.db, &TouchpointCode::parse(code).expect("code"))
        .await
        .expect("find")
        .expect("touchpoint")
        .touchpoint_id
}

fn third_quarter() -> CommentFilter {
    CommentFilter {
        days: Some((day(2026, 7, 1), day(2026, 9, 30))),
        hidden_below: 5,
        ..CommentFilter::default()
    }
}

async fn all(d: &FreshDatabase, org: i32, filter: &CommentFilter) -> Vec<CommentRow> {
    comments(&d.db, org, filter, None, usize::MAX)
        .await
        .expect("comments")
}

async fn comments_are_found_by_scope_days_overall_and_words(d: FreshDatabase) {
    let (org, _) = demo(&d).await;
    let quarter = all(&d, org, &third_quarter()).await;
    assert!(quarter.len() > 10, "the demo's quarter has comments");
    assert!(
        quarter
            .iter()
            .all(|c| (day(2026, 7, 1)..=day(2026, 9, 30)).contains(&c.day) && !c.texts.is_empty())
    );
    assert!(
        quarter
            .windows(2)
            .all(|w| (w[0].submitted_at, w[0].id) > (w[1].submitted_at, w[1].id)),
        "newest first"
    );
    assert!(quarter.iter().all(|c| c.overall.is_some()));

    // One touchpoint of the scope.
    let cert = touchpoint_id(&d, "belfort-cert").await;
    let only_cert = all(
        &d,
        org,
        &CommentFilter {
            touchpoints: Some(vec![cert]),
            ..third_quarter()
        },
    )
    .await;
    assert!(!only_cert.is_empty() && only_cert.iter().all(|c| c.touchpoint == "belfort-cert"));
    assert_eq!(
        only_cert.len(),
        quarter
            .iter()
            .filter(|c| c.touchpoint == "belfort-cert")
            .count()
    );

    // The visitors who said "bad", exactly.
    let bad = all(
        &d,
        org,
        &CommentFilter {
            overall: Some(OverallAnswer::Bad),
            ..third_quarter()
        },
    )
    .await;
    let expected: Vec<i32> = quarter
        .iter()
        .filter(|c| c.overall == Some(OverallAnswer::Bad))
        .map(|c| c.id)
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(bad.iter().map(|c| c.id).collect::<Vec<_>>(), expected);

    // Words, case ignored.
    let word = all(
        &d,
        org,
        &CommentFilter {
            contains: Some("  ATTENTE ".into()),
            ..third_quarter()
        },
    )
    .await;
    assert!(!word.is_empty() && word.len() < quarter.len());
    assert!(word.iter().all(|c| {
        c.texts
            .iter()
            .any(|(_, t)| t.to_lowercase().contains("attente"))
    }));

    // Pages of 7 follow one another without a gap or a repeat.
    let mut paged = Vec::new();
    let mut after = None;
    loop {
        let page = comments(&d.db, org, &third_quarter(), after, 7)
            .await
            .expect("page");
        paged.extend(page.iter().map(|c| c.id));
        match page.last() {
            Some(last) if page.len() == 7 => after = Some(last.cursor()),
            _ => break,
        }
    }
    assert_eq!(paged, quarter.iter().map(|c| c.id).collect::<Vec<_>>());

    // A cursor survives its address; nonsense is refused.
    let cursor = quarter[3].cursor();
    assert_eq!(db::comments::Cursor::parse(&cursor.code()), Some(cursor));
    for bad in ["", "12", "x_3", "1790000000000000_", "1790000000000000_-4"] {
        assert_eq!(db::comments::Cursor::parse(bad), None, "{bad:?}");
    }

    // Another organisation's touchpoints give nothing.
    assert!(
        all(
            &d,
            org + 1000,
            &CommentFilter {
                touchpoints: Some(vec![cert]),
                ..CommentFilter::default()
            }
        )
        .await
        .is_empty()
    );
}
on_both_engines!(finding, comments_are_found_by_scope_days_overall_and_words);

async fn a_small_touchpoint_month_keeps_its_comments_back(d: FreshDatabase) {
    let (org, _) = demo(&d).await;
    // January 2027 has no demo answer: four visitors at the PAN, three of them with a comment.
    let january = (day(2027, 1, 1), day(2027, 1, 31));
    for (n, comment) in ["Écran en panne", "Médiatrice absente", "Merci", ""]
        .iter()
        .enumerate()
    {
        answer(
            &d,
            "belfort-pan",
            day(2027, 1, 4 + n as u32),
            "average",
            comment,
        )
        .await;
    }
    let filter = CommentFilter {
        days: Some(january),
        hidden_below: 5,
        ..CommentFilter::default()
    };
    assert!(all(&d, org, &filter).await.is_empty(), "4 respondents < 5");
    let withheld = db::comments::withheld(&d.db, org, &filter)
        .await
        .expect("withheld");
    assert_eq!(withheld.comments, 3);
    assert_eq!(withheld.cells.len(), 1);
    assert_eq!(
        (withheld.cells[0].0.as_str(), withheld.cells[0].2.as_str()),
        ("belfort-pan", "2027-01")
    );
    // Without a threshold (the erasure screen) they are found.
    let unfiltered = CommentFilter {
        hidden_below: 0,
        ..filter.clone()
    };
    assert_eq!(all(&d, org, &unfiltered).await.len(), 3);

    // The fifth respondent makes the month big enough: its comments show, nothing is withheld.
    answer(&d, "belfort-pan", day(2027, 1, 20), "very_good", "").await;
    assert_eq!(all(&d, org, &filter).await.len(), 3);
    assert_eq!(
        db::comments::withheld(&d.db, org, &filter)
            .await
            .expect("withheld")
            .comments,
        0
    );
    // A cell is the whole month, even when the days read are a part of it.
    let part = CommentFilter {
        days: Some((day(2027, 1, 1), day(2027, 1, 10))),
        ..filter
    };
    assert_eq!(all(&d, org, &part).await.len(), 3);
}
on_both_engines!(
    small_groups,
    a_small_touchpoint_month_keeps_its_comments_back
);

/// The referent's `change` to the marks of response `id`, now.
async fn mark(
    d: &FreshDatabase,
    account: i32,
    org: i32,
    id: i32,
    change: MarkChange,
) -> db::DbResult<Mark> {
    set_mark(
        &d.db,
        &Actor::Account(REFERENT.into()),
        account,
        org,
        id,
        change,
        Utc::now(),
    )
    .await
}

async fn mark_of(d: &FreshDatabase, org: i32, id: i32) -> Mark {
    all(d, org, &third_quarter())
        .await
        .into_iter()
        .find(|c| c.id == id)
        .expect("still listed")
        .mark
}

async fn the_referent_hides_and_quotes_both_ways_audited(d: FreshDatabase) {
    let (org, account) = demo(&d).await;
    let quarter = all(&d, org, &third_quarter()).await;
    let (first, second) = (quarter[0].clone(), quarter[1].clone());
    assert_eq!(first.mark, Mark::default());

    let hidden = mark(&d, account, org, first.id, MarkChange::Hide)
        .await
        .expect("hide");
    assert_eq!(
        hidden,
        Mark {
            hidden: true,
            quote: false
        }
    );
    assert_eq!(mark_of(&d, org, first.id).await, hidden);
    let committee = CommentFilter {
        without_hidden: true,
        ..third_quarter()
    };
    let seen = all(&d, org, &committee).await;
    assert!(
        !seen.iter().any(|c| c.id == first.id),
        "the committee no longer reads it"
    );
    assert_eq!(seen.len(), quarter.len() - 1);
    // Hidden, it cannot be quoted; shown again, it can.
    assert!(matches!(
        mark(&d, account, org, first.id, MarkChange::Quote).await,
        Err(db::DbError::Field { .. })
    ));
    mark(&d, account, org, first.id, MarkChange::Show)
        .await
        .expect("show");
    assert!(
        all(&d, org, &committee)
            .await
            .iter()
            .any(|c| c.id == first.id)
    );
    let quoted = mark(&d, account, org, first.id, MarkChange::Quote)
        .await
        .expect("quote");
    assert_eq!(
        quoted,
        Mark {
            hidden: false,
            quote: true
        }
    );
    // Hiding a quoted comment stops quoting it; unquoting another one is a no-op, unaudited.
    mark(&d, account, org, second.id, MarkChange::Quote)
        .await
        .expect("quote");
    mark(&d, account, org, second.id, MarkChange::Hide)
        .await
        .expect("hide");
    assert_eq!(
        mark_of(&d, org, second.id).await,
        Mark {
            hidden: true,
            quote: false
        }
    );
    let entries = db::audit::latest(&d.db, Some(org), 50)
        .await
        .expect("log")
        .len();
    mark(&d, account, org, second.id, MarkChange::Unquote)
        .await
        .expect("nothing to do");
    assert_eq!(
        db::audit::latest(&d.db, Some(org), 50)
            .await
            .expect("log")
            .len(),
        entries
    );

    // Another organisation's response, or one without a comment, is refused.
    assert!(matches!(
        mark(&d, account, org + 1000, first.id, MarkChange::Hide).await,
        Err(db::DbError::NotFound(_))
    ));
    answer(&d, "belfort-accueil", day(2026, 9, 15), "bad", "").await;
    let silent = response::Entity::find()
        .all(&d.db)
        .await
        .expect("responses")
        .into_iter()
        .map(|r| r.id)
        .max()
        .expect("one");
    assert!(matches!(
        mark(&d, account, org, silent, MarkChange::Hide).await,
        Err(db::DbError::Field { .. })
    ));

    // Audited both ways, by whom and on what, never with the comment.
    let log = db::audit::latest(&d.db, Some(org), 6).await.expect("log");
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions[..6],
        [
            "comment.hide",
            "comment.quote",
            "comment.quote",
            "comment.show",
            "comment.hide",
            "account.create"
        ]
    );
    assert!(
        log.iter()
            .take(5)
            .all(|e| e.actor == format!("account:{REFERENT}"))
    );
    assert_eq!(log[0].subject, format!("response {}", second.id));
    assert_eq!(
        log[0].before.as_deref(),
        Some(r#"{"hidden":false,"quote":true}"#)
    );
    for e in &log {
        let text = format!("{:?}{:?}", e.before, e.after);
        for (_, comment) in first.texts.iter().chain(&second.texts) {
            assert!(!text.contains(comment.as_str()), "no comment in the log");
        }
    }
}
on_both_engines!(marks, the_referent_hides_and_quotes_both_ways_audited);

async fn quotes_are_the_comments_marked_and_not_hidden(d: FreshDatabase) {
    let (org, account) = demo(&d).await;
    let quarter = all(&d, org, &third_quarter()).await;
    let cert = touchpoint_id(&d, "belfort-cert").await;
    let pan = touchpoint_id(&d, "belfort-pan").await;
    let at_cert: Vec<&CommentRow> = quarter
        .iter()
        .filter(|c| c.touchpoint == "belfort-cert")
        .collect();
    assert!(at_cert.len() >= 3);
    for c in &at_cert[..3] {
        mark(&d, account, org, c.id, MarkChange::Quote)
            .await
            .expect("quote");
    }
    mark(&d, account, org, at_cert[2].id, MarkChange::Hide)
        .await
        .expect("hide");
    let (from, to) = (day(2026, 7, 1), day(2026, 9, 30));
    let quoted = quotes(&d.db, org, &[cert, pan], from, to)
        .await
        .expect("quotes");
    assert_eq!(
        quoted.iter().map(|c| c.id).collect::<Vec<_>>(),
        [at_cert[0].id, at_cert[1].id],
        "newest first, the hidden one left out"
    );
    assert_eq!(quoted[0].texts, at_cert[0].texts);
    assert_eq!(quoted[0].overall, at_cert[0].overall);
    assert!(quoted.iter().all(|c| c.mark
        == Mark {
            hidden: false,
            quote: true
        }));
    // Other touchpoints, another period, another organisation: none.
    assert!(
        quotes(&d.db, org, &[pan], from, to)
            .await
            .expect("q")
            .is_empty()
    );
    assert!(
        quotes(&d.db, org, &[cert], day(2026, 1, 1), day(2026, 3, 31))
            .await
            .expect("q")
            .iter()
            .all(|c| c.day < from)
    );
    assert!(
        quotes(&d.db, org + 1000, &[cert], from, to)
            .await
            .expect("q")
            .is_empty()
    );
}
on_both_engines!(
    quotes_for_the_report,
    quotes_are_the_comments_marked_and_not_hidden
);

async fn marks_of_the_database(d: &FreshDatabase, id: i32) -> u64 {
    comment_mark::Entity::find()
        .filter(comment_mark::Column::ResponseId.eq(id))
        .count(&d.db)
        .await
        .expect("count")
}

async fn a_mark_goes_with_its_response_or_its_text(d: FreshDatabase) {
    let (org, account) = demo(&d).await;
    let actor = Actor::Account(REFERENT.into());
    let now = Utc::now();
    let quarter = all(&d, org, &third_quarter()).await;
    for c in &quarter[..3] {
        mark(&d, account, org, c.id, MarkChange::Quote)
            .await
            .expect("quote");
        assert_eq!(marks_of_the_database(&d, c.id).await, 1);
    }
    // Erasing the text forgets the mark; deleting the response takes it (the foreign key's
    // cascade, on SQLite too).
    db::erasure::erase_text(&d.db, &actor, org, quarter[0].id, "nom d'un agent", now)
        .await
        .expect("erase");
    assert_eq!(marks_of_the_database(&d, quarter[0].id).await, 0);
    db::erasure::delete_response(&d.db, &actor, org, quarter[1].id, "demande", now)
        .await
        .expect("delete");
    assert_eq!(marks_of_the_database(&d, quarter[1].id).await, 0);

    // The retention purge, six weeks on: the comments of more than a year ago are erased and
    // lose their marks.
    let month = |from, to| CommentFilter {
        days: Some((from, to)),
        ..CommentFilter::default()
    };
    let november = all(&d, org, &month(day(2025, 11, 1), day(2025, 11, 30))).await;
    let february = all(&d, org, &month(day(2026, 2, 1), day(2026, 2, 28))).await;
    for c in [&november[0], &february[0]] {
        mark(&d, account, org, c.id, MarkChange::Quote)
            .await
            .expect("quote");
    }
    let at = |m, d| {
        Utc.with_ymd_and_hms(2027, m, d, 12, 0, 0)
            .single()
            .expect("time")
    };
    db::retention::purge_organisation(&d.db, org, at(1, 15))
        .await
        .expect("purge");
    assert_eq!(
        marks_of_the_database(&d, november[0].id).await,
        0,
        "text erased"
    );
    assert_eq!(
        marks_of_the_database(&d, february[0].id).await,
        1,
        "within a year"
    );
    assert_eq!(marks_of_the_database(&d, quarter[2].id).await, 1);
    // Responses kept a year, in March: February's response goes, its mark with it (the
    // responses go before the comments are erased: only the cascade takes this mark).
    let year = db::retention::Retention {
        responses_days: 365,
        ..db::retention::Retention::default()
    };
    db::retention::set_settings(&d.db, &Actor::CommandLine, org, year, now)
        .await
        .expect("settings");
    db::retention::purge_organisation(&d.db, org, at(3, 1))
        .await
        .expect("purge");
    assert!(
        response::Entity::find_by_id(february[0].id)
            .one(&d.db)
            .await
            .expect("read")
            .is_none()
    );
    assert_eq!(marks_of_the_database(&d, february[0].id).await, 0);
    assert_eq!(marks_of_the_database(&d, quarter[2].id).await, 1);
}
on_both_engines!(marks_lifetime, a_mark_goes_with_its_response_or_its_text);
