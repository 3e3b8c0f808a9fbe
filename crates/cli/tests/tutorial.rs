//! docs/tutorial.md, run as a reader would: every file it shows (a fenced block after
//! `<!-- file: NAME -->`) is written into a fresh folder, and every `$ caseload …` line of
//! its `console` blocks is run there, in order, and must succeed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What the tutorial asks the reader to do, in order.
#[derive(Debug, PartialEq)]
enum Step {
    /// Write a file with this text.
    File(String, String),
    /// Run `caseload` with these arguments.
    Run(Vec<String>),
}

/// Reads the steps out of the page's Markdown.
fn steps(markdown: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut lines = markdown.lines();
    let mut pending_file: Option<String> = None;
    while let Some(line) = lines.next() {
        if let Some(name) =
            line.strip_prefix("<!-- file: ").and_then(|rest| rest.strip_suffix(" -->"))
        {
            pending_file = Some(name.trim().to_string());
        } else if let Some(lang) = line.strip_prefix("```") {
            let block: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
            if let Some(name) = pending_file.take() {
                steps.push(Step::File(name, block.join("\n") + "\n"));
            } else if lang == "console" {
                for cmd in block.iter().filter_map(|l| l.strip_prefix("$ caseload ")) {
                    assert!(!cmd.contains(['"', '\'', '|', '>']), "keep commands plain: {cmd}");
                    steps.push(Step::Run(cmd.split_whitespace().map(String::from).collect()));
                }
            }
        }
    }
    steps
}

fn tutorial() -> String {
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/tutorial.md");
    std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{}: {e}", page.display()))
}

fn fresh_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("caseload-tutorial-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn the_parser_finds_files_and_commands() {
    let md = "<!-- file: a.toml -->\n```toml\nx = 1\n```\n```console\n$ caseload run a.toml\n$ ls\n```\n```toml\ny = 2\n```\n";
    assert_eq!(
        steps(md),
        vec![
            Step::File("a.toml".into(), "x = 1\n".into()),
            Step::Run(vec!["run".into(), "a.toml".into()]),
        ]
    );
}

#[test]
fn every_tutorial_command_runs() {
    let steps = steps(&tutorial());
    let runs = steps.iter().filter(|s| matches!(s, Step::Run(_))).count();
    assert!(runs >= 8, "the tutorial shows {runs} commands; the parser may have missed some");
    let dir = fresh_dir();
    for step in &steps {
        match step {
            Step::File(name, text) => std::fs::write(dir.join(name), text).unwrap(),
            Step::Run(args) => {
                let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
                    .args(args)
                    .current_dir(&dir)
                    .output()
                    .expect("binary runs");
                let err = String::from_utf8_lossy(&out.stderr);
                assert!(out.status.success(), "caseload {}: {err}", args.join(" "));
            }
        }
    }
    for made in [
        "out/baseline-fy2025/summary.json",
        "out/baseline-fy2025/report.html",
        "out/more-beds/daily.csv",
        "out/more-beds-fluid/summary.json",
        "out/flights/summary.parquet",
    ] {
        assert!(dir.join(made).is_file(), "the tutorial promises {made}");
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
