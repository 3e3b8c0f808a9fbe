//! Record batches handed to pyarrow through the Arrow C stream interface: an object with
//! `__arrow_c_stream__` (the PyCapsule protocol), which `pyarrow.table(obj)` and
//! `pyarrow.RecordBatchReader.from_stream(obj)` import without copying a buffer. polars
//! and DuckDB read the same protocol.

use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{RecordBatch, RecordBatchIterator};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyCapsule;

/// One table, exported once: the stream moves into the first consumer.
#[pyclass(module = "caseload._core", frozen)]
pub struct ArrowStream {
    batch: std::sync::Mutex<Option<RecordBatch>>,
}

impl ArrowStream {
    /// A stream of one batch.
    pub fn new(batch: RecordBatch) -> ArrowStream {
        ArrowStream { batch: std::sync::Mutex::new(Some(batch)) }
    }
}

#[pymethods]
impl ArrowStream {
    /// The PyCapsule protocol's export; `requested_schema` is ignored (the table has one
    /// schema; pyarrow casts if it must).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let batch = self
            .batch
            .lock()
            .map_err(|_| PyValueError::new_err("the table's lock was poisoned"))?
            .take()
            .ok_or_else(|| PyValueError::new_err("this Arrow stream was already consumed"))?;
        let schema = batch.schema();
        let reader = RecordBatchIterator::new([Ok(batch)], schema);
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        // The capsule owns the stream; pyarrow moves it out (leaving `release` null) and
        // dropping the capsule then releases nothing twice.
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }
}
