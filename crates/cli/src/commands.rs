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

/// The command as typed, with the program named `caseload` (whatever its path), for the
/// pages that say how they were made.
pub fn command_line() -> String {
    let args: Vec<String> = std::env::args().skip(1).collect();
    format!("caseload {}", args.join(" "))
}
