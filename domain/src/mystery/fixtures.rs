//! What the tests of the mystery module share.

/// Form fields from pairs.
pub(crate) fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A call where every scored criterion passes; C03 and C13 are `na`.
pub(crate) fn good_call() -> Vec<(String, String)> {
    fields(&[
        ("C01", "yes"),
        ("C02", "3"),
        ("C03", "na"),
        ("C04", "25"),
        ("C05", "yes"),
        ("C06", "yes"),
        ("C07", "4"),
        ("C08", "3"),
        ("C09", "0"),
        ("C10", "yes"),
        ("C11", "yes"),
        ("C12", "4"),
        ("C13", "na"),
        ("C14", "yes"),
        ("C15", "yes"),
        ("C16", "184"),
        ("C17", "4"),
    ])
}
