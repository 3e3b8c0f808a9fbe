//! Report generation for a 25-office year: the built-in `baseline-fy2025` (25 offices,
//! 365 days, its own 10 replications), simulated once outside the timings. Target: the
//! whole `caseload report RUN_DIR` path (read report-data.json, render, write report.html)
//! under 1 s.
//!
//! ```sh
//! cargo bench -p caseload-output --bench report
//! ```

use std::path::PathBuf;
use std::sync::OnceLock;

use model::RunResult;
use output::report::{self, Provenance, ReportData};

fn main() {
    divan::main();
}

struct Fixture {
    result: RunResult,
    loaded: scenario::Loaded,
    data: ReportData,
    dir: PathBuf,
}

const META: output::RunMeta<'static> = output::RunMeta { wall_s: 1.0, caseload_version: "bench" };

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let loaded = scenario::load_builtin("baseline-fy2025").expect("built-in scenario loads");
        let result = model::run(&loaded.scenario, model::RunOptions::default()).expect("runs");
        let dir =
            std::env::temp_dir().join(format!("caseload-bench-report-{}", std::process::id()));
        output::write_run_with_report_data(&result, &dir, &META, &Provenance::from(&loaded))
            .expect("writes");
        let data = report::read(&dir).expect("reads back");
        Fixture { result, loaded, data, dir }
    })
}

/// Building report-data from a finished run (done once by `caseload run`).
#[divan::bench(sample_count = 20)]
fn build_data(b: divan::Bencher) {
    let f = fixture();
    b.bench(|| report::data(&f.result, &META, &Provenance::from(&f.loaded)));
}

/// Rendering the page of one run from its data.
#[divan::bench(sample_count = 20)]
fn render_one(b: divan::Bencher) {
    let f = fixture();
    b.bench(|| report::render(&[&f.data]).expect("renders"));
}

/// Rendering a baseline vs what-if page.
#[divan::bench(sample_count = 20)]
fn render_two(b: divan::Bencher) {
    let f = fixture();
    b.bench(|| report::render(&[&f.data, &f.data]).expect("renders"));
}

/// What `caseload report RUN_DIR` does: read report-data.json, render, write report.html.
#[divan::bench(sample_count = 20)]
fn report_from_run_dir(b: divan::Bencher) {
    let f = fixture();
    let out = f.dir.join("report.html");
    b.bench(|| {
        let data = report::read(&f.dir).expect("reads");
        report::write(&out, &[&data]).expect("writes")
    });
}
