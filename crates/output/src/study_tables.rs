//! Plain column tables of an analysis study (sensitivity indices, the study's samples)
//! written side by side as `NAME.csv` and `NAME.parquet`, each atomically.
//!
//! The study crates build the columns; this module only writes them, so every study
//! table gets the same CSV formatting (shortest round-trip numbers, `NaN` for a value
//! that is not defined) and the same Parquet settings (Snappy, key-value metadata).

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ::parquet::arrow::ArrowWriter;
use ::parquet::basic::Compression;
use ::parquet::file::metadata::KeyValue;
use ::parquet::file::properties::WriterProperties;
use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray, UInt64Array};
use arrow_schema::{DataType, Field, Schema};

use crate::OutputError;
use crate::atomic::write_atomic;

/// One column of a study table.
#[derive(Clone, Debug, PartialEq)]
pub enum Column {
    /// Text (names).
    Text(String, Vec<String>),
    /// Counts and indices.
    UInt(String, Vec<u64>),
    /// Numbers.
    Float(String, Vec<f64>),
}

impl Column {
    fn name(&self) -> &str {
        match self {
            Column::Text(n, _) | Column::UInt(n, _) | Column::Float(n, _) => n,
        }
    }

    fn len(&self) -> usize {
        match self {
            Column::Text(_, v) => v.len(),
            Column::UInt(_, v) => v.len(),
            Column::Float(_, v) => v.len(),
        }
    }

    fn cell(&self, row: usize) -> String {
        match self {
            Column::Text(_, v) => v[row].clone(),
            Column::UInt(_, v) => v[row].to_string(),
            Column::Float(_, v) => v[row].to_string(),
        }
    }

    fn array(&self) -> (Field, ArrayRef) {
        match self {
            Column::Text(n, v) => {
                (Field::new(n, DataType::Utf8, false), Arc::new(StringArray::from(v.clone())))
            }
            Column::UInt(n, v) => {
                (Field::new(n, DataType::UInt64, false), Arc::new(UInt64Array::from(v.clone())))
            }
            Column::Float(n, v) => {
                (Field::new(n, DataType::Float64, false), Arc::new(Float64Array::from(v.clone())))
            }
        }
    }
}

/// Writes `dir/NAME.csv` and `dir/NAME.parquet` from `columns` (all of one length),
/// each atomically; `metadata` goes into the Parquet file's key-value metadata.
pub fn write_table(
    dir: &Path,
    name: &str,
    columns: &[Column],
    metadata: &[(String, String)],
) -> Result<[PathBuf; 2], OutputError> {
    std::fs::create_dir_all(dir)
        .map_err(|source| OutputError::CreateDir { path: dir.to_path_buf(), source })?;
    let rows = columns.first().map_or(0, Column::len);
    assert!(columns.iter().all(|c| c.len() == rows), "study table columns differ in length");
    let csv = write_atomic(dir, &format!("{name}.csv"), |w| write_csv(w, columns, rows))?;
    let parquet = parquet_bytes(columns, metadata).map_err(|e| OutputError::Write {
        path: dir.join(format!("{name}.parquet")),
        source: io::Error::other(e),
    })?;
    let pq = write_atomic(dir, &format!("{name}.parquet"), |w| w.write_all(&parquet))?;
    Ok([csv, pq])
}

fn write_csv(w: &mut dyn Write, columns: &[Column], rows: usize) -> io::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(columns.iter().map(Column::name))?;
    for r in 0..rows {
        out.write_record(columns.iter().map(|c| c.cell(r)))?;
    }
    out.flush()
}

fn parquet_bytes(columns: &[Column], metadata: &[(String, String)]) -> Result<Vec<u8>, String> {
    let (fields, arrays): (Vec<Field>, Vec<ArrayRef>) = columns.iter().map(Column::array).unzip();
    let schema = Arc::new(Schema::new(fields));
    let batch = RecordBatch::try_new(schema.clone(), arrays).map_err(|e| e.to_string())?;
    let kv = metadata.iter().map(|(k, v)| KeyValue::new(k.clone(), v.clone())).collect();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_key_value_metadata(Some(kv))
        .build();
    let mut buf = Vec::new();
    let mut w = ArrowWriter::try_new(&mut buf, schema, Some(props)).map_err(|e| e.to_string())?;
    w.write(&batch).map_err(|e| e.to_string())?;
    w.close().map_err(|e| e.to_string())?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    #[test]
    fn csv_and_parquet_hold_the_same_rows() {
        let dir = std::env::temp_dir().join(format!("caseload-study-table-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let cols = vec![
            Column::Text("parameter".into(), vec!["a".into(), "b".into()]),
            Column::UInt("row".into(), vec![0, 1]),
            Column::Float("S1".into(), vec![0.25, f64::NAN]),
        ];
        let meta = [("caseload.study".to_string(), "{}".to_string())];
        let [csv, pq] = write_table(&dir, "indices", &cols, &meta).unwrap();
        let text = std::fs::read_to_string(csv).unwrap();
        assert_eq!(text, "parameter,row,S1\na,0,0.25\nb,1,NaN\n");
        let file = std::fs::File::open(pq).unwrap();
        let reader = ParquetRecordBatchReaderBuilder::try_new(file).unwrap().build().unwrap();
        let batch = reader.into_iter().next().unwrap().unwrap();
        assert_eq!(batch.num_rows(), 2);
        assert_eq!(batch.schema().field(2).name(), "S1");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
