//! The pipeline model against theory, conservation and the direction of its mechanisms.

mod daily;
mod erlang;
mod hooks;
mod levers;
mod mechanisms;
mod occupancy;
mod oversight;
mod pools;
mod regressions;
mod release;
mod surge;
mod transport;
mod variation;
mod workforce;
