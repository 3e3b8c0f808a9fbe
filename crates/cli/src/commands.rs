//! One module per subcommand.
pub mod allocate;
pub mod backtest;
pub mod bench;
pub mod calibrate;
pub mod compare;
pub mod report;
pub mod run;
pub mod schema;
pub mod sensitivity;
pub mod serve;
pub mod sweep;
pub mod validate;
