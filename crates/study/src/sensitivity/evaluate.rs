//! Runs the rows of a design in parallel and hands back their outputs in row order.
//!
//! Workers on a rayon pool take rows in order from a shared counter, so the rows finished
//! when a study is stopped are (nearly) a prefix, and each row's outputs depend only on
//! its point: the outputs are the same bit for bit for any thread count.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::SensitivityError;

/// What a front-end is told while a study runs, and how it stops one.
#[derive(Clone, Copy, Default)]
pub struct Hooks<'a> {
    /// Called as each row finishes (progress bars), from the worker thread.
    pub on_row: Option<&'a (dyn Fn() + Sync)>,
    /// Set it to stop: no row starts after it is set; rows under way finish.
    pub cancel: Option<&'a AtomicBool>,
}

impl std::fmt::Debug for Hooks<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hooks")
            .field("on_row", &self.on_row.is_some())
            .field("cancel", &self.cancel)
            .finish()
    }
}

/// The outputs of the rows that finished, in row order.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluated {
    /// `outputs[row]`: that row's values, or `None` if it did not run (stopped study).
    pub outputs: Vec<Option<Vec<f64>>>,
}

impl Evaluated {
    /// True when every row ran.
    pub fn complete(&self) -> bool {
        self.outputs.iter().all(Option::is_some)
    }

    /// Rows that ran.
    pub fn finished(&self) -> usize {
        self.outputs.iter().filter(|o| o.is_some()).count()
    }

    /// Output `m` of the longest prefix of finished rows.
    pub fn prefix_column(&self, m: usize) -> Vec<f64> {
        self.outputs.iter().map_while(|o| o.as_ref().map(|v| v[m])).collect()
    }
}

/// Runs `eval(row)` for every row in `0..rows` on `threads` threads (0: all cores).
/// Stops at the first error (returned) or when `hooks.cancel` is set (the rows that
/// finished are kept).
pub fn evaluate<F>(
    rows: usize,
    threads: usize,
    hooks: &Hooks,
    eval: F,
) -> Result<Evaluated, SensitivityError>
where
    F: Fn(usize) -> Result<Vec<f64>, SensitivityError> + Sync,
{
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| SensitivityError::Threads(e.to_string()))?;
    let workers = pool.current_num_threads().min(rows).max(1);
    let slots: Vec<Mutex<Option<Vec<f64>>>> = (0..rows).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    let failed: Mutex<Option<(usize, SensitivityError)>> = Mutex::new(None);
    let stop = AtomicBool::new(false);
    let stopped =
        || stop.load(Ordering::Relaxed) || hooks.cancel.is_some_and(|c| c.load(Ordering::Relaxed));
    pool.scope(|s| {
        for _ in 0..workers {
            s.spawn(|_| {
                while !stopped() {
                    let r = next.fetch_add(1, Ordering::Relaxed);
                    if r >= rows {
                        break;
                    }
                    match eval(r) {
                        Ok(v) => {
                            *slots[r].lock().expect("no worker panicked") = Some(v);
                            if let Some(tick) = hooks.on_row {
                                tick();
                            }
                        }
                        Err(e) => {
                            let mut f = failed.lock().expect("no worker panicked");
                            // Keep the error of the earliest row, whatever the timing.
                            if f.as_ref().is_none_or(|(row, _)| r < *row) {
                                *f = Some((r, e));
                            }
                            stop.store(true, Ordering::Relaxed);
                        }
                    }
                }
            });
        }
    });
    if let Some((_, e)) = failed.into_inner().expect("no worker panicked") {
        return Err(e);
    }
    let outputs = slots.into_iter().map(|m| m.into_inner().expect("no worker panicked")).collect();
    Ok(Evaluated { outputs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_are_in_row_order_for_any_thread_count() {
        let f = |r: usize| Ok(vec![(r as f64).sqrt(), r as f64]);
        let one = evaluate(200, 1, &Hooks::default(), f).unwrap();
        let four = evaluate(200, 4, &Hooks::default(), f).unwrap();
        assert_eq!(one, four);
        assert!(one.complete());
        assert_eq!(one.prefix_column(1)[199], 199.0);
    }

    #[test]
    fn a_cancelled_study_keeps_what_finished() {
        let cancel = AtomicBool::new(false);
        let hooks = Hooks { on_row: None, cancel: Some(&cancel) };
        let e = evaluate(100, 1, &hooks, |r| {
            if r == 9 {
                cancel.store(true, Ordering::Relaxed);
            }
            Ok(vec![r as f64])
        })
        .unwrap();
        assert!(!e.complete());
        assert_eq!(e.finished(), 10);
        assert_eq!(e.prefix_column(0).len(), 10);
    }

    #[test]
    fn the_first_failing_row_is_reported() {
        let e = evaluate(50, 2, &Hooks::default(), |r| {
            if r >= 20 { Err(SensitivityError::Factors(format!("row {r}"))) } else { Ok(vec![]) }
        });
        assert_eq!(e, Err(SensitivityError::Factors("row 20".into())));
    }
}
