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

/// Runs `work` (fluid runs over the assumption ranges, `study::sensitivity`) with a bar of
/// its `n` runs unless `hidden`; `None` with a warning if it fails, since the run's own
/// answers stand without their ranges.
pub fn over_assumptions<T>(
    n: usize,
    hidden: bool,
    label: &'static str,
    work: impl FnOnce(&study::sensitivity::Hooks) -> Result<T, study::sensitivity::SensitivityError>,
) -> Option<T> {
    use indicatif::{ProgressBar, ProgressStyle};
    let bar = if hidden { ProgressBar::hidden() } else { ProgressBar::new(n as u64) };
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} fluid runs")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_message(label);
    let tick = || bar.inc(1);
    let out = work(&study::sensitivity::Hooks { on_row: Some(&tick), cancel: None });
    bar.finish_and_clear();
    out.map_err(|e| eprintln!("warning: no ranges over the assumptions: {e}")).ok()
}
