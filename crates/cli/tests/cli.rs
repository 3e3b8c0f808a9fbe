//! The `caseload` binary, run as a user would.

use std::process::Command;

fn caseload(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_caseload")).args(args).output().expect("binary runs")
}

#[test]
fn bench_mmc_json_has_the_peer_keys() {
    let out = caseload(&["bench", "mmc", "--customers", "20000", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    for key in ["events", "wall_s", "events_per_s", "wq", "wq_analytic"] {
        assert!(v[key].is_number(), "missing {key}: {v}");
    }
    assert_eq!(v["events"], 40_000, "two events per customer, as the peers count");
    let (wq, exact) = (v["wq"].as_f64().unwrap(), v["wq_analytic"].as_f64().unwrap());
    assert!((wq - exact).abs() / exact < 0.5, "wq {wq} far from {exact}");
}

#[test]
fn bench_is_deterministic_given_a_seed() {
    let run = || {
        let out = caseload(&["bench", "mmc", "--customers", "5000", "--seed", "3", "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["wq"].as_f64().unwrap().to_bits()
    };
    assert_eq!(run(), run());
}

#[test]
fn unknown_subcommands_get_a_clear_error() {
    let out = caseload(&["bench", "nope"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unrecognized subcommand"));
}

#[test]
fn run_writes_the_outputs_and_summary_has_the_headline_keys() {
    let dir = std::env::temp_dir().join(format!("caseload-cli-run-{}", std::process::id()));
    let out = caseload(&[
        "run",
        "baseline-fy2024",
        "-r",
        "2",
        "-q",
        "--national-only",
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("interior arrests per day"), "{stdout}");
    for f in ["summary.json", "daily.csv", "offices.csv", "scorecards.csv"] {
        assert!(dir.join(f).is_file(), "{f} missing");
    }
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap();
    for key in [
        "arrests_per_day",
        "book_ins",
        "adp",
        "alos_days",
        "removals",
        "released_no_bed",
        "no_record_share",
        "arrest_to_removal_days",
        "cost_usd",
    ] {
        assert!(v["national"][key]["mean"].is_number(), "national.{key}");
        assert!(v["national"][key]["ci95"][1].is_number(), "national.{key}.ci95");
        assert!(v["offices"][0][key]["mean"].is_number(), "offices[0].{key}");
    }
    assert_eq!(v["offices"].as_array().unwrap().len(), 25);
    assert_eq!(v["invariants"]["all_ok"], true);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_bad_scenario_gets_a_located_error_and_exit_code_2() {
    let dir = std::env::temp_dir().join(format!("caseload-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bad.toml");
    std::fs::write(
        &file,
        "[scenario]\nname = \"bad\"\ndescription = \"x\"\nextends = \"baseline-fy2025\"\n\n\
         [[offices]]\nname = \"Chigaco\"\n",
    )
    .unwrap();
    let out = caseload(&["run", file.to_str().unwrap(), "-q"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.toml:7:"), "{err}");
    assert!(err.contains("did you mean \"Chicago\""), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn unknown_scenarios_list_the_built_ins() {
    let out = caseload(&["run", "no-such-scenario", "-q"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("baseline-fy2025"));
}

#[test]
fn a_reader_that_stops_early_gets_no_panic_and_the_files_are_written() {
    use std::process::Stdio;
    let dir = std::env::temp_dir().join(format!("caseload-cli-pipe-{}", std::process::id()));
    let mut child = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(["run", "baseline-fy2024", "--mode", "fluid", "--out", dir.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    // Hang up before it prints anything, as `| head -0` would: every print now fails.
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(dir.join("summary.json").is_file() && dir.join("daily.csv").is_file());
    std::fs::remove_dir_all(&dir).ok();
}
