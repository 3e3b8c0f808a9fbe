//! The columns of the sweep tables that are not model metrics or measures, and the
//! generated reference of both tables (a block of `docs/outputs.md`, checked by a test).

pub use crate::columns::MEASURE_SUFFIXES;
use crate::columns::{Column, DAILY_KEYS};
use crate::reference::table;

const fn col(name: &'static str, doc: &'static str) -> Column {
    Column { name, doc }
}

/// The first column of both tables.
pub const RUN: Column =
    col("run", "run id: the run's index in the sweep (grid order, or [[runs]] order), from 0");

/// What stands for the parameter columns in the reference.
pub const PARAMS: Column = col(
    "<path>",
    "one column per swept parameter path, named by the path (e.g. `removal.flights_per_week`): \
     Float64, or Boolean for flags; null where the run keeps the base scenario's value",
);

/// daily.parquet: the columns after the parameters (then one Float64 per metric).
pub const DAILY_AFTER_PARAMS: [Column; 2] = [
    col("date", "calendar day (Parquet DATE): scenario start + measured day"),
    col("office", "field office (AOR) name, or `national` for the sum over offices"),
];

/// summary.parquet: the columns after the parameters (then three per measure).
pub const SUMMARY_AFTER_PARAMS: [Column; 1] =
    [col("invariants_ok", "every invariant check passed in every replication of the run")];

/// Markdown reference of daily.parquet and summary.parquet.
pub fn reference_markdown() -> String {
    // The daily columns mean what daily.csv's do; keep the two in step.
    debug_assert_eq!(DAILY_KEYS[0].name, DAILY_AFTER_PARAMS[0].name);
    let mut out = String::new();
    out += "### daily.parquet (sweeps)\n\nOne row per (run, date, office): for each run in run \
            order, the rows of daily.csv (offices in scenario order, then `national`). Metric \
            values are means over the run's replications.\n\n";
    let mut rows: Vec<(String, &str)> =
        vec![(RUN.name.into(), RUN.doc), (PARAMS.name.into(), PARAMS.doc)];
    rows.extend(DAILY_AFTER_PARAMS.iter().map(|c| (c.name.to_string(), c.doc)));
    rows.push(("<metric>".into(), "each metric column of daily.csv, in the same order (Float64)"));
    out += &table("column", &rows);

    out += "\n### summary.parquet (sweeps)\n\nOne row per run, in run order: the national \
            estimate of every measure of summary.json's `<measure>` list, in that order.\n\n";
    let mut rows: Vec<(String, &str)> =
        vec![(RUN.name.into(), RUN.doc), (PARAMS.name.into(), PARAMS.doc)];
    rows.extend(SUMMARY_AFTER_PARAMS.iter().map(|c| (c.name.to_string(), c.doc)));
    rows.extend(MEASURE_SUFFIXES.iter().map(|s| (format!("<measure>{}", s.name), s.doc)));
    out += &table("column", &rows);
    out
}
