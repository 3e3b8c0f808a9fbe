//! The report in a real browser: `caseload run … --report` and `caseload report BASE WHATIF`
//! produce pages that headless Chromium opens offline with no console message and no script
//! error, in which every chart has data marks, and which render to a non-blank screenshot.
//!
//! Needs Debian's Chromium (`apt-get install chromium chromium-driver`; `.ci/run` installs
//! it). Without it the test is skipped with a loud message, unless
//! `CASELOAD_REQUIRE_CHROMIUM=1` (set by CI), when a missing browser is a failure.
//! `CASELOAD_CHROMIUM` overrides the browser path. Screenshots are kept under
//! `target/tmp/browser/` for a person to look at.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("CASELOAD_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if path.exists() {
        return Some(path);
    }
    let required = std::env::var("CASELOAD_REQUIRE_CHROMIUM").is_ok_and(|v| v == "1");
    assert!(
        !required,
        "CASELOAD_REQUIRE_CHROMIUM=1 but there is no browser at {}; install it with \
         `apt-get install -y chromium chromium-driver`",
        path.display()
    );
    eprintln!(
        "\n********************************************************************\n\
         SKIPPED: browser test of report.html — no Chromium at {}.\n\
         Install it with `apt-get install -y chromium chromium-driver`.\n\
         ********************************************************************\n",
        path.display()
    );
    None
}

fn caseload(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_caseload")).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "caseload {args:?} failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Runs headless Chromium with the flags that keep it off the network, returning
/// (stdout, stderr). Killed after two minutes.
fn browse(
    browser: &Path,
    work: &Path,
    tag: &str,
    extra: &[String],
    page: &Path,
) -> (String, String) {
    let profile = work.join(format!("profile-{tag}"));
    let _ = std::fs::remove_dir_all(&profile);
    let (out_path, err_path) = (work.join(format!("{tag}.out")), work.join(format!("{tag}.err")));
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "chromium {tag} exited with {status}");
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium {tag} did not finish in 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = std::fs::remove_dir_all(&profile);
    (std::fs::read_to_string(out_path).unwrap(), std::fs::read_to_string(err_path).unwrap())
}

/// The value of an attribute on the `<html>` element of a dumped DOM.
fn html_attr<'a>(dom: &'a str, name: &str) -> Option<&'a str> {
    let start = dom.find("<html")?;
    let tag = &dom[start..start + dom[start..].find('>')?];
    let pat = format!(" {name}=\"");
    let i = tag.find(&pat)? + pat.len();
    Some(&tag[i..i + tag[i..].find('"')?])
}

/// Opens `page` and checks it the way a person would be let down by: errors, empty charts,
/// a blank render. Returns the screenshot's path.
fn check_page(browser: &Path, work: &Path, tag: &str, page: &Path, min_charts: usize) -> PathBuf {
    let source = std::fs::read_to_string(page).unwrap();
    let charts = source.matches("<svg class=\"chart").count();
    assert!(charts >= min_charts, "{tag}: only {charts} charts in the page");

    let (dom, log) = browse(browser, work, tag, &["--dump-dom".to_string()], page);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "{tag}: console messages:\n{}", console.join("\n"));
    for bad in ["net::ERR", "Failed to load resource"] {
        assert!(!log.contains(bad), "{tag}: {bad} in the browser log:\n{log}");
    }
    assert_eq!(html_attr(&dom, "data-error"), None, "{tag}: a script error was recorded");
    assert_eq!(html_attr(&dom, "data-check"), Some("ok"), "{tag}: the page's own chart check");
    assert_eq!(html_attr(&dom, "data-charts"), Some(charts.to_string().as_str()), "{tag}");
    // Independently of the page's script: every chart in the rendered DOM has marks.
    for svg in dom.split("<svg class=\"chart").skip(1) {
        let svg = &svg[..svg.find("</svg>").expect("closed svg")];
        let id = svg.split("id=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("?");
        let marks = svg.matches("class=\"data").count();
        assert!(marks > 0, "{tag}: chart {id} has no data marks");
    }

    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&shots).unwrap();
    let png = shots.join(format!("{tag}.png"));
    let _ = std::fs::remove_file(&png);
    let args = [format!("--screenshot={}", png.display()), "--window-size=1400,4000".to_string()];
    let (_, log) = browse(browser, work, &format!("{tag}-shot"), &args, page);
    let console: Vec<&str> = log.lines().filter(|l| l.contains(":CONSOLE")).collect();
    assert!(console.is_empty(), "{tag}: console messages:\n{}", console.join("\n"));
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{tag}: not a PNG");
    let width = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!((width, height), (1400, 4000), "{tag}");
    // A blank 1400×4000 page compresses to a few kilobytes; charts and text do not.
    let min_bytes = if min_charts >= 40 { 150_000 } else { 40_000 };
    assert!(bytes.len() > min_bytes, "{tag}: screenshot is only {} bytes", bytes.len());
    eprintln!("{tag}: screenshot at {}", png.display());
    png
}

#[test]
fn reports_open_in_headless_chromium_without_errors_and_every_chart_has_data() {
    let Some(browser) = chromium() else { return };
    let work = std::env::temp_dir().join(format!("caseload-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let (base, what_if) = (work.join("base"), work.join("what-if"));
    let s = |p: &Path| p.display().to_string();

    let out = s(&base);
    caseload(&[
        "run",
        "baseline-fy2025",
        "-r",
        "2",
        "-q",
        "--national-only",
        "--report",
        "--out",
        &out,
    ]);
    let one = base.join("report.html");
    assert!(one.exists());

    let scenario = work.join("what-if.toml");
    std::fs::write(
        &scenario,
        r#"[scenario]
name = "bp-interior-what-if"
description = "What do 1,000 more Border Patrol agents in three interior cities buy, and cost at the border?"
extends = "baseline-fy2025"

[[interventions]]
kind = "deploy"
at = "2025-03-01"
agents = { value = 1000, assumption = true, range = [200, 3000], note = "browser test what-if" }
offices = ["Chicago", "Los Angeles", "Houston"]
ramp_days = { value = 14, assumption = true, range = [3, 30], note = "as the baseline details" }
arrests_per_agent_day = { value = 0.15, assumption = true, range = [0.05, 0.4], note = "as the baseline details" }
"#,
    )
    .unwrap();
    caseload(&["run", &s(&scenario), "-r", "2", "-q", "--national-only", "--out", &s(&what_if)]);
    caseload(&["report", &s(&base), &s(&what_if)]);
    let two = what_if.join("report-vs-baseline-fy2025.html");
    assert!(two.exists());

    check_page(&browser, &work, "report-one-run", &one, 40);
    check_page(&browser, &work, "report-baseline-vs-what-if", &two, 40);

    // The studies' pages: a small Morris screen (one tornado per measure) and an allocation.
    let sens = work.join("sensitivity");
    caseload(&[
        "sensitivity",
        "baseline-fy2024",
        "--method",
        "morris",
        "--samples",
        "4",
        "--measures",
        "arrests_per_day,adp,removals",
        "-q",
        "--out",
        &s(&sens),
    ]);
    check_page(&browser, &work, "sensitivity", &sens.join("report.html"), 3);
    let alloc = work.join("allocate");
    caseload(&[
        "allocate",
        "baseline-fy2024",
        "--budget",
        "5e8",
        "--no-confirm",
        "-q",
        "--out",
        &s(&alloc),
    ]);
    check_page(&browser, &work, "allocate", &alloc.join("report.html"), 2);
    std::fs::remove_dir_all(&work).unwrap();
}

/// Not a browser test, but the other end of `caseload report`: a directory without report
/// data gets an error that says what to do, and a non-zero exit.
#[test]
fn report_of_a_directory_without_report_data_says_what_to_do() {
    let dir = std::env::temp_dir().join(format!("caseload-no-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_caseload"))
        .args(["report", &dir.display().to_string()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("report-data.json") && err.contains("caseload run"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}
