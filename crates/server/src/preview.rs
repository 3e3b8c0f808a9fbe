//! The lever preview (`POST /api/fluid`): the scenario's daily series in milliseconds, so
//! the charts answer as a slider moves. It is the model's fluid mode
//! ([`model::fluid::run`]): expected values through the same pipeline, one
//! pseudo-replication, over the whole horizon (warm-up included). Where beds, slots or
//! seats bind, the DES and the fluid part ways (docs/validation.md); a full run gives the
//! answer with confidence intervals.

use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::Instant;

use serde::Serialize;

use crate::request::Prepared;
use crate::series::{Columns, columns};

/// Previews remembered (the dashboard asks for the baseline's again and again).
const CACHE_SIZE: usize = 32;

/// A preview.
#[derive(Clone, Debug, Serialize)]
pub struct Preview {
    /// `fluid`.
    pub engine: &'static str,
    /// What the engine is, and how it differs from a full run.
    pub note: &'static str,
    /// Milliseconds the server spent computing it (loading the scenario excluded).
    pub compute_ms: f64,
    /// The daily series.
    #[serde(flatten)]
    pub columns: Columns,
}

/// Computes the preview of a prepared request.
pub fn compute(p: &Prepared) -> Preview {
    let t0 = Instant::now();
    let result = model::fluid::run(&p.loaded.scenario);
    let compute_ms = t0.elapsed().as_secs_f64() * 1e3;
    Preview {
        engine: "fluid",
        note: "fluid mode: expected values through the same pipeline (no randomness, no \
               confidence interval); where capacities bind it can differ from the simulation, \
               which a full run gives with 95% intervals",
        compute_ms,
        columns: columns(&result.scenario, &result.daily_mean),
    }
}

/// The last few previews by request, most recent last.
#[derive(Default)]
pub struct Cache {
    entries: Mutex<VecDeque<(String, std::sync::Arc<Preview>)>>,
}

impl Cache {
    /// The preview for `key`, if remembered.
    pub fn get(&self, key: &str) -> Option<std::sync::Arc<Preview>> {
        let e = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        e.iter().find(|(k, _)| k == key).map(|(_, p)| p.clone())
    }

    /// Remembers a preview, forgetting the oldest beyond the cache size.
    pub fn put(&self, key: String, p: std::sync::Arc<Preview>) {
        let mut e = self.entries.lock().unwrap_or_else(|e| e.into_inner());
        e.retain(|(k, _)| *k != key);
        e.push_back((key, p));
        while e.len() > CACHE_SIZE {
            e.pop_front();
        }
    }
}
