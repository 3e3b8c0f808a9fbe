//! A run's three tables as Arrow record batches, with the columns and rows of the CSV files
//! `caseload run` writes (daily.csv, offices.csv, scorecards.csv). Names come from
//! `output::columns` and the model's metric and measure lists, so they cannot drift from
//! the CLI's. Types: dates are Arrow `date32` (as in the sweep's daily.parquet), names are
//! strings, numbers `float64`, the scorecard rank `uint32`.

use std::sync::Arc;

use arrow_array::{
    ArrayRef, Date32Array, Float64Array, RecordBatch, StringArray, UInt32Array, UInt64Array,
};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use model::{Estimate, MEASURES, Metric, RunResult};
use output::columns::{
    DAILY_KEYS, MEASURE_SUFFIXES, NATIONAL, OFFICES_KEYS, OFFICES_RESIDENT_KEYS, SCORECARD_COLUMNS,
};
use output::residents::{self, PER_RESIDENT};
use output::study_tables::Column;

fn float(name: &str) -> Field {
    Field::new(name, DataType::Float64, false)
}

fn floats(values: impl Iterator<Item = f64>) -> ArrayRef {
    Arc::new(Float64Array::from_iter_values(values))
}

/// daily.csv: per day, one row per office in scenario order, then the `national` row.
pub fn daily(result: &RunResult) -> Result<RecordBatch, ArrowError> {
    let [date, office] = [DAILY_KEYS[0].name, DAILY_KEYS[1].name];
    let mut fields =
        vec![Field::new(date, DataType::Date32, false), Field::new(office, DataType::Utf8, false)];
    fields.extend(Metric::ALL.iter().map(|m| float(m.name())));
    let d = &result.daily_mean;
    let names: Vec<&str> = result.scenario.offices.iter().map(|o| o.name.as_str()).collect();
    let per_day = names.len() + 1;
    let start = result.scenario.start.days_since_epoch();
    let dates = (0..d.days()).flat_map(|day| std::iter::repeat_n(start + day as i32, per_day));
    let offices = (0..d.days()).flat_map(|_| names.iter().copied().chain([NATIONAL]));
    let mut cols: Vec<ArrayRef> = vec![
        Arc::new(Date32Array::from_iter_values(dates)),
        Arc::new(StringArray::from_iter_values(offices)),
    ];
    for m in Metric::ALL {
        cols.push(floats((0..d.days()).flat_map(|day| {
            (0..per_day).map(
                move |o| if o + 1 == per_day { d.national(day, *m) } else { d.get(day, o, *m) },
            )
        })));
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), cols)
}

/// offices.csv: one row per office, `<measure>_mean`, `_lo`, `_hi` per measure, then
/// `foreign_born` and `_lo`/`_mean`/`_hi` of each rate per 100,000 foreign-born residents.
pub fn offices(result: &RunResult) -> Result<RecordBatch, ArrowError> {
    let mut fields = vec![Field::new(OFFICES_KEYS[0].name, DataType::Utf8, false)];
    for m in MEASURES {
        fields.extend(MEASURE_SUFFIXES.iter().map(|s| float(&format!("{}{}", m.key, s.name))));
    }
    let names = result.scenario.offices.iter().map(|o| o.name.as_str());
    let mut cols: Vec<ArrayRef> = vec![Arc::new(StringArray::from_iter_values(names))];
    for k in 0..MEASURES.len() {
        for part in 0..MEASURE_SUFFIXES.len() {
            cols.push(floats(result.offices.iter().map(|o| estimate_part(&o[k].estimate, part))));
        }
    }
    // Foreign-born residents and the rates per 100,000 of them, null for an office the
    // table does not know (as the CSV's empty fields).
    let days = result.daily_mean.days();
    let rates: Vec<_> = (result.scenario.offices.iter().zip(&result.offices))
        .map(|(o, ms)| residents::office_rates(&o.name, ms, days))
        .collect();
    let nullable = |name: String| Field::new(name, DataType::Float64, true);
    fields.extend(OFFICES_RESIDENT_KEYS.iter().map(|c| nullable(c.name.into())));
    cols.push(Arc::new(Float64Array::from_iter(rates.iter().map(|r| r.as_ref().map(|r| r.0)))));
    for (i, p) in PER_RESIDENT.iter().enumerate() {
        for (part, s) in MEASURE_SUFFIXES.iter().enumerate() {
            fields.push(nullable(format!("{}{}", p.key, s.name)));
            let v = rates.iter().map(|r| r.as_ref().and_then(|r| r.1[i]).map(|x| x[part]));
            cols.push(Arc::new(Float64Array::from_iter(v)));
        }
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), cols)
}

/// Mean (0), lower (1) or upper (2) end of an estimate, in `MEASURE_SUFFIXES` order.
fn estimate_part(e: &Estimate, part: usize) -> f64 {
    match part {
        0 => e.mean,
        1 => e.ci95[0],
        _ => e.ci95[1],
    }
}

/// scorecards.csv: one row per fiscal quarter and office.
pub fn scorecards(result: &RunResult) -> Result<RecordBatch, ArrowError> {
    let rows = &result.scorecards;
    let text = |name: &str| Field::new(name, DataType::Utf8, false);
    let mut fields = Vec::with_capacity(SCORECARD_COLUMNS.len());
    for (i, c) in SCORECARD_COLUMNS.iter().enumerate() {
        fields.push(match (i, c.name) {
            (0 | 1, name) => text(name),
            (_, "rank") => Field::new("rank", DataType::UInt32, false),
            (_, name) => float(name),
        });
    }
    let f = |get: fn(&model::ScorecardRow) -> f64| floats(rows.iter().map(get));
    let cols: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.quarter.as_str()))),
        Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.office.as_str()))),
        f(|r| r.arrests.mean),
        f(|r| r.arrests.ci95[0]),
        f(|r| r.arrests.ci95[1]),
        f(|r| r.target),
        f(|r| r.attainment.mean),
        f(|r| r.attainment.ci95[0]),
        f(|r| r.attainment.ci95[1]),
        f(|r| r.no_record_share.mean),
        Arc::new(UInt32Array::from_iter_values(rows.iter().map(|r| r.rank as u32))),
        f(|r| r.bottom_five_probability),
    ];
    RecordBatch::try_new(Arc::new(Schema::new(fields)), cols)
}

/// A study table (`output::study_tables::Column`s, as the CLI writes to NAME.parquet):
/// text as `utf8`, counts as `uint64`, numbers as `float64`.
pub fn columns(cols: &[Column]) -> Result<RecordBatch, ArrowError> {
    let (fields, arrays): (Vec<Field>, Vec<ArrayRef>) = cols
        .iter()
        .map(|c| -> (Field, ArrayRef) {
            match c {
                Column::Text(n, v) => (
                    Field::new(n, DataType::Utf8, false),
                    Arc::new(StringArray::from_iter_values(v.iter())),
                ),
                Column::UInt(n, v) => {
                    (Field::new(n, DataType::UInt64, false), Arc::new(UInt64Array::from(v.clone())))
                }
                Column::Float(n, v) => (
                    Field::new(n, DataType::Float64, false),
                    Arc::new(Float64Array::from(v.clone())),
                ),
            }
        })
        .unzip();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays)
}
