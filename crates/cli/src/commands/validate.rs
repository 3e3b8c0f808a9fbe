//! `caseload validate FILE...`: load each scenario (or sweep) file without running it and
//! print `ok` or every problem found, located by file:line:column. Exit status 2 if any
//! file has problems.

use std::path::Path;

use clap::Args;

#[derive(Args)]
pub struct ValidateArgs {
    /// Scenario files, sweep files or built-in scenario names.
    #[arg(required = true)]
    files: Vec<String>,
}

pub fn run(args: &ValidateArgs) -> anyhow::Result<()> {
    let mut bad = 0;
    for name in &args.files {
        match check(name) {
            Ok(what) => println!("{name}: ok ({what})"),
            Err(e) => {
                bad += 1;
                println!("{e}\n");
            }
        }
    }
    if bad > 0 {
        let n = args.files.len();
        eprintln!("{bad} of {n} file{} with problems", if n == 1 { "" } else { "s" });
        std::process::exit(2);
    }
    Ok(())
}

/// What the file is, if it loads; its problems otherwise.
fn check(name: &str) -> Result<String, scenario::ScenarioError> {
    let path = Path::new(name);
    let sweep = scenario::builtin(name).is_none()
        && std::fs::read_to_string(path).is_ok_and(|t| scenario::sweep::is_sweep(&t));
    if sweep {
        let s = scenario::sweep::load(path)?;
        return Ok(format!(
            "sweep of {} run(s) of {}, {} replication(s) each",
            s.runs.len(),
            s.loaded.scenario.name,
            s.replications
        ));
    }
    let l = scenario::resolve(name)?;
    let assumptions = l.sources.iter().filter(|s| s.is_assumption()).count();
    Ok(format!(
        "scenario {}: {} offices, {} days, {} numbers of which {assumptions} assumptions",
        l.scenario.name,
        l.scenario.offices.len(),
        l.scenario.days,
        l.sources.len()
    ))
}
