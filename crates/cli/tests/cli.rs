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
