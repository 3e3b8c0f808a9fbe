//! The pipeline model against theory, conservation and the direction of its mechanisms.

mod erlang;
mod hooks;
mod levers;
mod mechanisms;
mod occupancy;
mod pools;
mod regressions;
mod release;
mod surge;
mod workforce;
