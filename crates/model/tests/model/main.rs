//! The pipeline model against theory, conservation and the direction of its mechanisms.

mod erlang;
mod mechanisms;
mod regressions;
