//! Independent replications in parallel, with results in replication order.
//!
//! Replication `r` draws only from `Streams::new(master, r)`, and rayon's indexed
//! `collect` puts results back in index order, so the output is bit-identical whatever
//! the number of threads or the order in which replications finish.

use rayon::prelude::*;

use crate::rng::Streams;

/// Runs `f` for replications `0..n` on the global rayon pool; results in index order.
pub fn replicate<R, F>(n: u64, master_seed: u64, f: F) -> Vec<R>
where
    R: Send,
    F: Fn(Streams) -> R + Sync + Send,
{
    (0..n).into_par_iter().map(|r| f(Streams::new(master_seed, r))).collect()
}

/// Like [`replicate`], on a dedicated pool of `threads` threads (0 = rayon's default).
pub fn replicate_on<R, F>(
    threads: usize,
    n: u64,
    master_seed: u64,
    f: F,
) -> Result<Vec<R>, rayon::ThreadPoolBuildError>
where
    R: Send,
    F: Fn(Streams) -> R + Sync + Send,
{
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build()?;
    Ok(pool.install(|| replicate(n, master_seed, f)))
}
