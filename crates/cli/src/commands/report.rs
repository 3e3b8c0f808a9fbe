//! `caseload report RUN_DIR [RUN_DIR2]`: the HTML report of a run, or of a baseline and a
//! what-if side by side, from the files `caseload run` wrote (no simulation).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use clap::Args;

#[derive(Args)]
pub struct ReportArgs {
    /// The run's output directory; give two (baseline, then what-if) to compare them.
    #[arg(required = true, num_args = 1..=2, value_name = "RUN_DIR")]
    runs: Vec<PathBuf>,
    /// Where to write the page (default: RUN_DIR/report.html; with two runs,
    /// RUN_DIR2/report-vs-BASELINE.html, BASELINE being the baseline's scenario name).
    #[arg(long, short = 'o', value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: &ReportArgs) -> anyhow::Result<()> {
    let t0 = Instant::now();
    let data =
        args.runs.iter().map(|dir| output::report::read(dir)).collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<&output::report::ReportData> = data.iter().collect();
    let out = args.out.clone().unwrap_or_else(|| default_path(&args.runs, &refs));
    let path = output::report::write(&out, &refs)
        .with_context(|| format!("writing the report to {}", out.display()))?;
    report_written(&path, t0);
    Ok(())
}

/// `RUN_DIR/report.html`, or `RUN_DIR2/report-vs-<baseline>.html` for a comparison.
fn default_path(dirs: &[PathBuf], data: &[&output::report::ReportData]) -> PathBuf {
    match (dirs, data) {
        ([_, what_if], [baseline, _]) => {
            let name: String = baseline
                .run
                .scenario
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
                .collect();
            what_if.join(format!("report-vs-{name}.html"))
        }
        _ => dirs[0].join(output::report::HTML_NAME),
    }
}

/// Prints where the report went, its size and how long it took.
pub fn report_written(path: &Path, t0: Instant) {
    let kb = std::fs::metadata(path).map(|m| m.len() as f64 / 1024.0).unwrap_or(0.0);
    println!("wrote {} ({kb:.0} KB) in {:.0} ms", path.display(), t0.elapsed().as_secs_f64() * 1e3);
}
