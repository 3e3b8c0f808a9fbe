//! The pipeline model against theory, conservation and the direction of its mechanisms.

mod erlang;
mod levers;
mod mechanisms;
mod regressions;
