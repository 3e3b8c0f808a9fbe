//! The two tables' Arrow schemas and record batches. Column names and order come from
//! [`super::columns`] and the model's metric and measure lists.

use std::io::Write;
use std::sync::Arc;

use ::parquet::arrow::ArrowWriter;
use ::parquet::errors::ParquetError;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, RecordBatch, StringArray, UInt32Array,
};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use model::{MEASURES, Metric, RunResult};

use super::columns::{DAILY_AFTER_PARAMS, MEASURE_SUFFIXES, RUN, SUMMARY_AFTER_PARAMS};
use super::{ParamValue, Shard, SweepInfo, SweepRow, complete_kv, properties};
use crate::columns::NATIONAL;

fn param_fields(info: &SweepInfo) -> impl Iterator<Item = Field> + '_ {
    info.params.iter().map(|p| {
        let t = if p.flag { DataType::Boolean } else { DataType::Float64 };
        Field::new(&p.name, t, true)
    })
}

/// daily.parquet: run, parameters, date, office, one Float64 per metric.
pub(super) fn daily_schema(info: &SweepInfo) -> SchemaRef {
    let mut fields = vec![Field::new(RUN.name, DataType::UInt32, false)];
    fields.extend(param_fields(info));
    let [date, office] = DAILY_AFTER_PARAMS;
    fields.push(Field::new(date.name, DataType::Date32, false));
    fields.push(Field::new(office.name, DataType::Utf8, false));
    fields.extend(Metric::ALL.iter().map(|m| Field::new(m.name(), DataType::Float64, false)));
    Arc::new(Schema::new(fields))
}

/// summary.parquet: run, parameters, invariants_ok, three Float64 per measure.
pub(super) fn summary_schema(info: &SweepInfo) -> SchemaRef {
    let mut fields = vec![Field::new(RUN.name, DataType::UInt32, false)];
    fields.extend(param_fields(info));
    let [ok] = SUMMARY_AFTER_PARAMS;
    fields.push(Field::new(ok.name, DataType::Boolean, false));
    for m in MEASURES {
        for s in MEASURE_SUFFIXES {
            fields.push(Field::new(format!("{}{}", m.key, s.name), DataType::Float64, false));
        }
    }
    Arc::new(Schema::new(fields))
}

/// A column holding `rows` copies of a parameter value (null where the run leaves the
/// base's value).
fn param_column(flag: bool, rows: &[Option<ParamValue>]) -> ArrayRef {
    if flag {
        let v = rows.iter().map(|r| match r {
            Some(ParamValue::Flag(b)) => Some(*b),
            _ => None,
        });
        Arc::new(v.collect::<BooleanArray>())
    } else {
        let v = rows.iter().map(|r| match r {
            Some(ParamValue::Number(x)) => Some(*x),
            _ => None,
        });
        Arc::new(v.collect::<Float64Array>())
    }
}

/// One run's daily rows: per day, each office in scenario order, then `national`.
pub(super) fn daily_batch(
    schema: &SchemaRef,
    info: &SweepInfo,
    run: u32,
    params: &[Option<ParamValue>],
    result: &RunResult,
) -> Result<RecordBatch, ArrowError> {
    let d = &result.daily_mean;
    let offices: Vec<&str> = result.scenario.offices.iter().map(|o| o.name.as_str()).collect();
    let per_day = offices.len() + 1;
    let rows = d.days() * per_day;
    let start = result.scenario.start.days_since_epoch();
    let mut cols: Vec<ArrayRef> = vec![Arc::new(UInt32Array::from(vec![run; rows]))];
    for (p, v) in info.params.iter().zip(params) {
        cols.push(param_column(p.flag, &vec![*v; rows]));
    }
    let dates = (0..d.days()).flat_map(|day| std::iter::repeat_n(start + day as i32, per_day));
    cols.push(Arc::new(Date32Array::from_iter_values(dates)));
    let names = (0..d.days()).flat_map(|_| offices.iter().copied().chain([NATIONAL]));
    cols.push(Arc::new(StringArray::from_iter_values(names)));
    for m in Metric::ALL {
        let values =
            (0..d.days()).flat_map(|day| {
                (0..per_day).map(move |o| {
                    if o == per_day - 1 { d.national(day, *m) } else { d.get(day, o, *m) }
                })
            });
        cols.push(Arc::new(Float64Array::from_iter_values(values)));
    }
    RecordBatch::try_new(schema.clone(), cols)
}

/// All summary rows as one batch.
pub(super) fn summary_batch(
    info: &SweepInfo,
    rows: &[SweepRow],
) -> Result<RecordBatch, ArrowError> {
    let schema = summary_schema(info);
    let mut cols: Vec<ArrayRef> =
        vec![Arc::new(rows.iter().map(|r| r.run).collect::<UInt32Array>())];
    for (i, p) in info.params.iter().enumerate() {
        let values: Vec<Option<ParamValue>> = rows.iter().map(|r| r.params[i]).collect();
        cols.push(param_column(p.flag, &values));
    }
    cols.push(Arc::new(rows.iter().map(|r| Some(r.invariants_ok)).collect::<BooleanArray>()));
    for (k, _) in MEASURES.iter().enumerate() {
        let pick = |f: fn(&model::Estimate) -> f64| -> ArrayRef {
            let v = rows.iter().map(|r| r.measures.get(k).map_or(f64::NAN, f));
            Arc::new(Float64Array::from_iter_values(v))
        };
        cols.push(pick(|e| e.mean));
        cols.push(pick(|e| e.ci95[0]));
        cols.push(pick(|e| e.ci95[1]));
    }
    RecordBatch::try_new(schema, cols)
}

/// Writes summary.parquet (one batch) into `out`.
pub(super) fn write_summary<W: Write + Send>(
    out: W,
    info: &SweepInfo,
    shard: Option<Shard>,
    rows: &[SweepRow],
    complete: bool,
) -> Result<(), ParquetError> {
    let batch = summary_batch(info, rows)?;
    write_one(out, info, shard, &batch, complete)
}

/// Writes one batch as a whole file with the sweep's settings.
pub(super) fn write_one<W: Write + Send>(
    out: W,
    info: &SweepInfo,
    shard: Option<Shard>,
    batch: &RecordBatch,
    complete: bool,
) -> Result<(), ParquetError> {
    let mut w = ArrowWriter::try_new(out, batch.schema(), Some(properties(info, shard)))?;
    w.write(batch)?;
    w.append_key_value_metadata(complete_kv(complete));
    let mut inner = w.into_inner()?;
    inner.flush()?;
    Ok(())
}
