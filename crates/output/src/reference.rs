//! The generated part of `docs/outputs.md`: one table per output file, built from the
//! same lists the writers use, so the reference cannot drift from the files. A test in
//! `tests/output/docs.rs` fails when the committed page differs from this.

use model::{MEASURES, Metric};

use crate::residents::PER_RESIDENT;

use crate::columns::{
    Column, DAILY_KEYS, MEASURE_SUFFIXES, OFFICES_KEYS, OFFICES_RESIDENT_KEYS, SCORECARD_COLUMNS,
    SUMMARY_FIELDS,
};

/// Markdown tables of every column of every output file.
pub fn reference_markdown() -> String {
    let mut out = String::new();
    let metrics: Vec<(String, &str)> =
        Metric::ALL.iter().map(|m| (m.name().to_string(), m.doc())).collect();
    let measures: Vec<(String, &str)> =
        MEASURES.iter().map(|m| (m.key.to_string(), m.doc)).collect();
    let fixed = |cols: &[Column]| -> Vec<(String, &'static str)> {
        cols.iter().map(|c| (c.name.to_string(), c.doc)).collect()
    };

    out += "### daily.csv\n\nOne row per (date, office), offices in scenario order and then \
            `national` (the sum over offices), for every measured day. Values are means over \
            replications; flows are per day, stocks at the end of the day.\n\n";
    let mut rows = fixed(DAILY_KEYS);
    rows.extend(metrics);
    out += &table("column", &rows);

    out += "\n### offices.csv\n\nOne row per office. After `office`, every measure key \
            expands to three columns:\n\n";
    out += &table("suffix", &fixed(MEASURE_SUFFIXES));
    out += "\nin this order of measures:\n\n";
    let mut rows = fixed(OFFICES_KEYS);
    rows.extend(measures.iter().map(|(k, d)| (format!("{k}_mean`, `{k}_lo`, `{k}_hi"), *d)));
    rows.extend(fixed(OFFICES_RESIDENT_KEYS));
    rows.extend(
        PER_RESIDENT.iter().map(|p| (format!("{k}_mean`, `{k}_lo`, `{k}_hi", k = p.key), p.doc)),
    );
    out += &table("column", &rows);
    out += "\nThe `foreign_born` and `_per_100k_fb` columns are empty for an office the \
            foreign-born table does not know. Flows are per year (× 365 / measured days); \
            the interval ends are the measure's, divided alike (the population is taken as \
            known, so the interval is the Monte Carlo one only).\n";

    out += "\n### scorecards.csv\n\nOne row per office and fiscal quarter; quarters in \
            order, offices in scenario order within each.\n\n";
    out += &table("column", &fixed(SCORECARD_COLUMNS));

    out += "\n### summary.json\n\nOne object. `[]` marks array elements; an estimate is \
            `{\"mean\": x, \"ci95\": [lo, hi]}`.\n\n";
    out += &table("field", &fixed(SUMMARY_FIELDS));
    out += "\n`<measure>` is each of, in this order:\n\n";
    out += &table("measure", &measures);
    out
}

/// A two-column Markdown table; `|` in text is escaped.
pub(crate) fn table(first: &str, rows: &[(String, &str)]) -> String {
    let mut out = format!("| {first} | meaning |\n|---|---|\n");
    for (name, doc) in rows {
        out += &format!("| `{name}` | {} |\n", doc.replace('|', "\\|"));
    }
    out
}
