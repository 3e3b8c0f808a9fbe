//! Work on a scoped thread with the GIL released, while the calling thread wakes every
//! 50 ms to run a Python callback (progress) and to check for Ctrl-C.

use std::time::{Duration, Instant};

use pyo3::prelude::*;

use crate::errors;

/// How often the waiting thread wakes to report progress and check signals.
pub const POLL: Duration = Duration::from_millis(50);

/// Runs `work` on its own thread and waits for it with the GIL released. Every [`POLL`]
/// it calls `tick` (progress) and checks signals; each failure of either — Ctrl-C, or an
/// exception in `tick` — calls `interrupt(n)` with the number of failures so far (1 for
/// the first) and the waiting goes on, so `work` can settle its files. Returns `work`'s
/// value and the first failure.
pub fn run_polling<T: Send>(
    py: Python<'_>,
    work: impl FnOnce() -> T + Send,
    mut tick: impl FnMut(Python<'_>) -> PyResult<()>,
    interrupt: impl Fn(u32),
) -> PyResult<(T, Option<PyErr>)> {
    std::thread::scope(|s| {
        let worker = s.spawn(work);
        let mut failed: Option<PyErr> = None;
        let mut presses = 0;
        while !worker.is_finished() {
            py.detach(|| {
                let until = Instant::now() + POLL;
                while !worker.is_finished() && Instant::now() < until {
                    std::thread::sleep(Duration::from_millis(2));
                }
            });
            let step =
                py.check_signals().and_then(|()| if failed.is_none() { tick(py) } else { Ok(()) });
            if let Err(e) = step {
                presses += 1;
                interrupt(presses);
                failed.get_or_insert(e);
            }
        }
        match py.detach(|| worker.join()) {
            Ok(v) => Ok((v, failed)),
            Err(_) => Err(errors::runtime("the Rust side panicked")),
        }
    })
}
