//! The analysis commands, run as a user would: `sweep` (with shards, merge and Ctrl-C),
//! `compare`, `validate`, `schema`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn caseload(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_caseload")).args(args).output().expect("binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A fresh directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let d = std::env::temp_dir().join(format!("caseload-cli-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Scratch(d)
    }
    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
    fn write(&self, name: &str, body: &str) -> String {
        let p = self.path(name);
        std::fs::write(&p, body).unwrap();
        p.to_str().unwrap().to_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Four short national runs (15 measured days, 15 of warm-up), two replications each.
const SWEEP: &str = "base = \"baseline-fy2025\"\nreplications = 2\nseed = 11\n\
[set]\ndays = 15\nwarmup_days = 15\n\
[grid]\nremoval.flights_per_week = [40, 90]\n\"offices[Chicago].officers\" = [150, 300]\n";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn sweep_shards_merge_to_the_bytes_of_an_unsharded_sweep() {
    let dir = Scratch::new("sweep");
    let file = dir.write("grid.toml", SWEEP);
    let whole = dir.path("whole");
    let out = caseload(&["sweep", &file, "--out", s(&whole), "--threads", "2"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("4 run(s) × 2 replication(s) of 15 days"), "{stdout}");
    assert!(
        stdout.contains("removal.flights_per_week=90, offices[Chicago].officers=300"),
        "{stdout}"
    );

    // Three shards (runs 0,3 | 1 | 2), two of them in one directory, one thread each.
    let (parts_a, parts_b) = (dir.path("parts-a"), dir.path("parts-b"));
    for (shard, to) in [("0/3", &parts_a), ("1/3", &parts_a), ("2/3", &parts_b)] {
        let out =
            caseload(&["sweep", &file, "--shard", shard, "--out", s(to), "-q", "--threads", "1"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    assert!(parts_a.join("daily.shard-0-of-3.parquet").is_file());
    let merged = dir.path("merged");
    let out = caseload(&["sweep", "merge", s(&parts_a), s(&parts_b), "--out", s(&merged)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("merged 3 shard(s) of sweep grid: 4 run(s)"));
    for f in ["daily.parquet", "summary.parquet"] {
        let (a, b) =
            (std::fs::read(whole.join(f)).unwrap(), std::fs::read(merged.join(f)).unwrap());
        assert!(a.len() > 1000 && a == b, "{f}: merged differs from unsharded");
    }

    // An incomplete set of parts is refused, saying which.
    let out = caseload(&["sweep", "merge", s(&parts_a)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("missing daily part(s) of shard(s) 2 of 3"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn sweep_errors_are_located_and_exit_2() {
    let dir = Scratch::new("sweep-bad");
    let file = dir.write(
        "bad.toml",
        "base = \"baseline-fy2025\"\n[grid]\n\"offices[Chigaco].officers\" = [1]\nero.availability = [2]\n",
    );
    let out = caseload(&["sweep", &file, "--out", s(&dir.path("o"))]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(
        err.contains("bad.toml:3:1\n   = help: did you mean \"offices[Chicago].officers\"?"),
        "{err}"
    );
    assert!(err.contains("`ero.availability` = 2 is outside [0, 1]"), "{err}");
    assert!(!dir.path("o").exists(), "nothing is written for a bad sweep");
    let out = caseload(&["sweep", &file, "--shard", "2/2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("expected I/N with 0 <= I < N"));
}

#[cfg(unix)]
#[test]
fn ctrl_c_keeps_the_finished_runs_and_leaves_no_partial_file() {
    let dir = Scratch::new("sweep-stop");
    // Many short runs on one thread, so that some are done and most are not.
    let file = dir.write(
        "many.toml",
        "base = \"baseline-fy2024\"\nreplications = 1\n[set]\ndays = 60\nwarmup_days = 60\n\
         [grid]\n\"removal.flights_per_week\" = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, \
         130, 140, 150, 160, 170, 180, 190, 200, 210, 220, 230, 240, 250, 260, 270, 280, 290, 300]\n\
         \"ero.availability\" = [0.5, 0.55, 0.6, 0.65, 0.7]\n",
    );
    let out_dir = dir.path("o");
    let child = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(["sweep", &file, "--out", s(&out_dir), "--threads", "1", "-q"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let kill = Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    let leftovers: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".caseload-tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    if err.contains("stopped before any run finished") {
        // A very slow machine: a clean stop with nothing to keep is fine too.
        assert!(!out_dir.join("daily.parquet").exists());
        return;
    }
    let kept: usize = err
        .split("interrupted: kept ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .and_then(|k| k.parse().ok())
        .unwrap_or_else(|| panic!("no count of kept runs in: {err}"));
    assert!((1..150).contains(&kept), "{err}");
    assert!(err.contains(&format!("kept {kept} of 150 runs")), "{err}");
    assert!(out_dir.join("daily.parquet").is_file() && out_dir.join("summary.parquet").is_file());
}

#[test]
fn compare_reports_paired_differences_as_table_and_json() {
    let dir = Scratch::new("compare");
    let head = "[scenario]\ndescription = \"A short year.\"\nextends = \"baseline-fy2024\"\ndays = 20\nwarmup_days = 20\n";
    let a = dir.write("a.toml", &format!("{head}name = \"a\"\n"));
    let b = dir.write(
        "b.toml",
        &format!(
            "{head}name = \"b\"\n[removal]\nflights_per_week = {{ value = 5, assumption = true, range = [0, 10] }}\n"
        ),
    );
    let out = caseload(&["compare", &a, &b, "-r", "3", "--seed", "5", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        (v["a"].as_str(), v["b"].as_str(), v["replications"].as_u64()),
        (Some("a"), Some("b"), Some(3))
    );
    let m = v["measures"].as_array().unwrap();
    assert_eq!(m.len(), model::MEASURES.len());
    let removals = m.iter().find(|x| x["key"] == "removals").unwrap();
    assert!(
        removals["difference"]["mean"].as_f64().unwrap() < 0.0,
        "fewer flights, fewer removals"
    );
    for field in ["a", "b", "difference"] {
        assert!(removals[field]["ci95"][1].is_number(), "{field}");
    }
    // Beside the draws' interval, the paired range over the assumptions (default 128 runs).
    assert_eq!(v["assumption_samples"].as_u64(), Some(128));
    let [lo, hi] = [0, 1].map(|i| removals["difference_5_95"][i].as_f64().unwrap());
    assert!(lo <= hi && lo < 0.0, "fewer flights at most points: {lo} {hi}");
    // The same scenario against itself differs by exactly zero (common random numbers).
    let out = caseload(&["compare", &a, &a, "-r", "2", "-q"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let table = text(&out.stdout);
    assert!(table.contains("A = a, B = a: 2 paired replications"), "{table}");
    assert!(table.contains("5–95% over assumptions: B − A over 128 paired"), "{table}");
    assert!(!table.lines().any(|l| l.trim_end().ends_with('*')), "{table}");
}

#[test]
fn validate_prints_ok_or_every_problem() {
    let dir = Scratch::new("validate");
    let good = dir.write(
        "good.toml",
        "[scenario]\nname = \"g\"\ndescription = \"d\"\nextends = \"baseline-fy2025\"\n",
    );
    let sweep = dir.write("sweep.toml", SWEEP);
    let out = caseload(&["validate", &good, &sweep, "baseline-fy2024"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert_eq!(stdout.lines().filter(|l| l.contains(": ok (")).count(), 3, "{stdout}");
    assert!(stdout.contains("sweep of 4 run(s)"), "{stdout}");
    let bad = dir.write(
        "bad.toml",
        "[scenario]\nname = \"b\"\ndescription = \"d\"\nextends = \"baseline-fy2025\"\ndays = 0\n\
         [ero]\navailability = { value = 0.6 }\n",
    );
    let out = caseload(&["validate", &good, &bad]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("bad.toml:5:8"), "{stdout}");
    assert!(stdout.contains("bad.toml:7:16"), "{stdout}");
    assert!(text(&out.stderr).contains("1 of 2 files with problems"));
}

#[test]
fn schema_is_json_schema_describing_every_top_level_key() {
    let out = caseload(&["schema"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    for key in scenario::spec::ScenarioSpec::KEYS {
        assert!(v["properties"][key]["description"].is_string(), "{key}");
    }
}

/// `caseload allocate`: a budget ≤ 0, an unknown measure or lever is an error (exit 2);
/// a small budget writes the frontier and the allocation, whose splits sum to 1.
#[test]
fn allocate_refuses_bad_input_and_writes_its_frontier() {
    for (args, want) in [
        (vec!["--budget", "0"], "greater than 0"),
        (vec!["--budget", "-5e8"], "greater than 0"),
        (vec!["--budget", "1e8", "--objective", "removalz"], "unknown measure \"removalz\""),
        (vec!["--budget", "1e8", "--levers", "beds,atd"], "unknown lever \"atd\""),
    ] {
        let mut all = vec!["allocate", "baseline-fy2024"];
        all.extend(args);
        let out = caseload(&all);
        assert_eq!(out.status.code(), Some(2), "{all:?}");
        assert!(text(&out.stderr).contains(want), "{all:?}: {}", text(&out.stderr));
    }
    let dir = Scratch::new("allocate");
    let out_dir = dir.path("out");
    let out = caseload(&[
        "allocate",
        "baseline-fy2024",
        "--budget",
        "2e8",
        "--levers",
        "beds,flights",
        "--no-confirm",
        "-q",
        "--out",
        s(&out_dir),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = std::fs::read_to_string(out_dir.join("frontier.csv")).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows.len(), 5, "{csv}");
    assert!(rows[0].starts_with("budget_usd,objective,share_beds,units_beds"));
    for r in &rows[1..] {
        let f: Vec<f64> = r.split(',').map(|x| x.parse().unwrap()).collect();
        assert!((f[2] + f[5] - 1.0).abs() < 1e-9, "{r}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("allocation.json")).unwrap())
            .unwrap();
    assert_eq!(json["objective"], "removals");
    assert_eq!(json["frontier"].as_array().unwrap().len(), 4);
    let page = std::fs::read_to_string(out_dir.join("report.html")).unwrap();
    assert!(page.contains("id=\"frontier\"") && page.contains("id=\"split\""), "frontier chart");
    assert!(page.contains("caseload allocate baseline-fy2024 --budget 2e8"), "says how");
}

#[test]
fn sensitivity_writes_its_tables_and_a_tornado_page() {
    let dir = Scratch::new("sensitivity");
    let out_dir = dir.path("out");
    let out = caseload(&[
        "sensitivity",
        "baseline-fy2024",
        "--method",
        "morris",
        "--samples",
        "3",
        "--params",
        "ero.availability,offices[*].officers",
        "--measures",
        "adp,removals",
        "-q",
        "--out",
        s(&out_dir),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    for f in ["indices.csv", "indices.parquet", "samples.parquet", "spread.csv", "study.json"] {
        assert!(out_dir.join(f).is_file(), "{f}");
    }
    let page = std::fs::read_to_string(out_dir.join("report.html")).unwrap();
    for id in ["tornado-0", "tornado-1"] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(page.contains(">offices[*].officers<") && page.contains(">ero.availability<"));
}

/// `caseload calibrate` with a schedule factor (the at-large share's assumed steps) and a
/// joint mix: the written file sets the whole schedule, its fitted steps carry the
/// provenance and the others their own evidence, it reloads with the fitted loss, and the
/// same seed writes the same file.
#[test]
fn calibrate_with_a_schedule_factor_writes_a_file_that_reloads_with_the_fitted_loss() {
    let dir = Scratch::new("calibrate");
    let targets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/monthly.csv");
    let run = |out: &str| {
        let file = dir.path(out).display().to_string();
        let args = [
            "calibrate",
            "baseline-fy2025",
            "--targets",
            targets.to_str().unwrap(),
            "--params",
            "ero.at_large_share,cases.custodial_category",
            "--max-evals",
            "25",
            "--replications",
            "0",
            "--seed",
            "5",
            "-q",
            "--out",
            &file,
        ];
        let o = caseload(&args);
        assert!(o.status.success(), "{}\n{}", text(&o.stdout), text(&o.stderr));
        (text(&o.stdout), std::fs::read_to_string(&file).unwrap())
    };
    let (stdout, toml) = run("a.toml");
    let (_, again) = run("b.toml");
    assert_eq!(toml, again, "same seed, same file");
    let loss = |prefix: &str| -> f64 {
        let line =
            stdout.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("{stdout}"));
        line.rsplit(' ').next().unwrap().parse().unwrap()
    };
    let fitted = stdout
        .lines()
        .find(|l| l.contains("fluid evaluations"))
        .and_then(|l| l.rsplit("-> ").next())
        .and_then(|x| x.split_whitespace().next())
        .and_then(|x| x.parse::<f64>().ok())
        .unwrap();
    assert_eq!(format!("{:.5}", loss("reloaded")), format!("{fitted:.5}"), "{stdout}");
    let line = toml.lines().find(|l| l.starts_with("ero.at_large_share = { steps = [")).unwrap();
    assert!(line.contains("steps"), "{toml}");
    let steps: Vec<&str> = toml
        .lines()
        .skip_while(|l| !l.starts_with("ero.at_large_share"))
        .skip(1)
        .take_while(|l| l.trim_start().starts_with("{ from"))
        .collect();
    assert!(steps.len() >= 3, "{toml}");
    let fitted_steps =
        steps.iter().filter(|s| s.contains("fitted by caseload calibrate against")).count();
    assert!(fitted_steps >= 1, "{toml}");
    assert!(toml.contains("cases.custodial_category = "), "{toml}");
    let v = caseload(&["validate", &dir.path("a.toml").display().to_string()]);
    assert!(v.status.success(), "{}", text(&v.stderr));
}

/// A range-less parameter in --params: exit status 2 and the file and line it is set at.
#[test]
fn calibrate_refuses_a_sourced_parameter_with_its_file_and_line() {
    let dir = Scratch::new("calibrate-bad");
    let targets = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/monthly.csv");
    let o = caseload(&[
        "calibrate",
        "baseline-fy2025",
        "--targets",
        targets.to_str().unwrap(),
        "--params",
        "removal.seats_per_flight",
        "--out",
        &dir.path("x.toml").display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let e = text(&o.stderr);
    assert!(e.contains("`removal.seats_per_flight` has no `range`"), "{e}");
    assert!(e.contains("scenarios/baseline-fy2024.toml:"), "{e}");
}
