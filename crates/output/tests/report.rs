//! The HTML report and report-data.json: what the run writes, what reads back, and that
//! the page is self-contained, deterministic, and has data in every chart. (That it opens
//! in a real browser without errors is `crates/cli/tests/browser.rs`.)

use std::path::PathBuf;
use std::sync::OnceLock;

use model::{RunOptions, RunResult};
use output::report::{self, Provenance, ReportData, ReportError};

const META: output::RunMeta<'static> = output::RunMeta { wall_s: 1.0, caseload_version: "test" };

/// baseline-fy2025 (25 offices, every source) cut to 120 days from 2025-03-01 with a
/// 30-day warm-up and 3 replications: it runs in about a second, spans two fiscal
/// quarters, and the national target starts inside it (21 May 2025).
struct Fixture {
    loaded: scenario::Loaded,
    result: RunResult,
}

fn national() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let mut loaded = scenario::load_builtin("baseline-fy2025").expect("built-in loads");
        let sc = &mut loaded.scenario;
        sc.start = model::Date::parse("2025-03-01").unwrap();
        sc.days = 120;
        sc.warmup_days = 30;
        let result =
            model::run(sc, RunOptions { replications: Some(3), ..Default::default() }).unwrap();
        Fixture { loaded, result }
    })
}

fn data() -> &'static ReportData {
    static D: OnceLock<ReportData> = OnceLock::new();
    D.get_or_init(|| {
        let f = national();
        report::data(&f.result, &META, &Provenance::from(&f.loaded))
    })
}

fn scratch(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("caseload-report-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// Every `<svg …>…</svg>` of class `chart`, as (id, markup).
fn charts(html: &str) -> Vec<(String, &str)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find("<svg class=\"chart") {
        let from = &rest[i..];
        let end = from.find("</svg>").expect("closed svg") + "</svg>".len();
        let svg = &from[..end];
        let id = svg.split("id=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
        out.push((id.to_string(), svg));
        rest = &from[end..];
    }
    out
}

/// Values of every `name="…"` attribute in the page.
fn attributes<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let pat = format!(" {name}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let v = &html[i + pat.len()..];
            &v[..v.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn the_run_writes_report_data_before_summary_json_and_it_reads_back_equal() {
    let f = national();
    let dir = scratch("files");
    let written =
        output::write_run_with_report_data(&f.result, &dir, &META, &Provenance::from(&f.loaded))
            .unwrap();
    let names: Vec<String> = written
        .files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        ["daily.csv", "offices.csv", "scorecards.csv", "report-data.json", "summary.json"]
    );
    let back = report::read(&dir).unwrap();
    assert_eq!(&back, data());
    // write_run alone still writes its four files and no report data.
    let plain = scratch("plain");
    assert_eq!(output::write_run(&f.result, &plain, &META).unwrap().files.len(), 4);
    assert!(matches!(report::read(&plain), Err(ReportError::Missing { .. })));
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::remove_dir_all(plain).unwrap();
}

#[test]
fn report_data_holds_every_series_for_every_day() {
    let d = data();
    let days = d.run.days as usize;
    assert_eq!(d.format, report::FORMAT);
    let keys: Vec<&str> = d.series.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, report::SERIES.iter().map(|s| s.key).collect::<Vec<_>>());
    for s in &d.series {
        let b = &s.band;
        assert_eq!((b.mean.len(), b.lo.len(), b.hi.len()), (days, days, days), "{}", s.key);
        for i in 0..days {
            assert!(b.lo[i] <= b.mean[i] + 1e-9 && b.mean[i] <= b.hi[i] + 1e-9, "{} {i}", s.key);
        }
    }
    assert_eq!(d.offices.len(), 25);
    assert!(d.offices.iter().all(|o| o.arrests.len() == days && o.target.len() == days));
    for st in &d.stacks {
        assert!(st.layers.iter().all(|l| l.values.len() == days), "{}", st.key);
    }
    assert_eq!(d.costs.len(), model::summary::COSTS.len());
    assert_eq!(d.scorecards.len(), national().result.scorecards.len());
    assert_eq!(d.sources.len(), national().loaded.sources.len());
    assert!(d.sources.iter().any(|s| s.is_assumption()));
    assert!(d.run.files[0].contains("baseline-fy2025"));
}

#[test]
fn beds_by_type_add_up_to_the_simulated_beds() {
    let d = data();
    let beds = &d.series.iter().find(|s| s.key == "beds").unwrap().band.mean;
    let by_type = d.stacks.iter().find(|s| s.key == "beds_by_type").unwrap();
    assert_eq!(by_type.layers.len(), model::FacilityKind::COUNT);
    for (day, total) in beds.iter().enumerate() {
        let sum: f64 = by_type.layers.iter().map(|l| l.values[day]).sum();
        assert!((sum - total).abs() <= 1e-4 * total.max(1.0), "day {day}: {sum} vs {total}");
    }
}

#[test]
fn detained_by_type_adds_up_to_the_detained_population() {
    let d = data();
    let detained = &d.series.iter().find(|s| s.key == "detained").unwrap().band.mean;
    let by_type = d.stacks.iter().find(|s| s.key == "detained_by_type").unwrap();
    let beds = d.stacks.iter().find(|s| s.key == "beds_by_type").unwrap();
    assert_eq!(by_type.layers.len(), model::FacilityKind::COUNT);
    let labels = |s: &report::Stack| s.layers.iter().map(|l| l.label.clone()).collect::<Vec<_>>();
    assert_eq!(labels(by_type), labels(beds), "same types in the same order");
    for (day, total) in detained.iter().enumerate() {
        let sum: f64 = by_type.layers.iter().map(|l| l.values[day]).sum();
        assert!((sum - total).abs() <= 1e-4 * total.max(1.0), "day {day}: {sum} vs {total}");
    }
    // Baseline FY2025 holds people in more than one type, and nobody in a type without beds.
    let held = by_type.layers.iter().filter(|l| l.values.iter().any(|v| *v > 0.0)).count();
    assert!(held >= 3, "{held} types hold people");
    for (h, b) in by_type.layers.iter().zip(&beds.layers) {
        if b.values.iter().all(|v| *v == 0.0) {
            assert!(h.values.iter().all(|v| *v == 0.0), "{} holds people without beds", h.label);
        }
    }
}

#[test]
fn the_detention_chart_draws_occupancy_and_a_beds_line_per_type_with_beds() {
    let d = data();
    let html = report::render(&[d]).unwrap();
    let (_, svg) = charts(&html).into_iter().find(|c| c.0 == "detention-0").unwrap();
    let beds = d.stacks.iter().find(|s| s.key == "beds_by_type").unwrap();
    let with_beds = beds.layers.iter().filter(|l| l.values.iter().any(|v| *v > 0.0)).count();
    // Dashed data lines: one per type with beds (the legend's dashed key is not data).
    let dashed = svg
        .split("<path")
        .skip(1)
        .filter(|p| p.contains("class=\"data") && p.contains("stroke-dasharray"))
        .count();
    assert_eq!(dashed, with_beds);
    assert!(svg.contains("beds (dashed, stacked"));
    assert!(!html.contains("does not yet record"), "the old caveat is gone");
}

#[test]
fn duration_curves_rise_and_their_median_is_the_headline_median() {
    let d = data();
    assert_eq!(d.durations.len(), 2);
    for dist in &d.durations {
        assert_eq!(dist.q, report::quantile_levels());
        assert!(dist.count > 100.0, "{}: {}", dist.key, dist.count);
        assert!(dist.days.mean.windows(2).all(|w| w[0] <= w[1] + 1e-9), "{}", dist.key);
    }
    let a2r = &d.durations[0];
    let median = a2r.days.mean[a2r.q.iter().position(|q| *q == 0.5).unwrap()];
    let headline = d.headline.iter().find(|h| h.key == "arrest_to_removal_days").unwrap();
    assert!((median - headline.estimate.mean).abs() <= 1e-3 * median, "{median}");
}

#[test]
fn every_chart_has_data_marks() {
    let html = report::render(&[data()]).unwrap();
    let found = charts(&html);
    let mut expected: Vec<String> = [
        "arrests-vs-target",
        "daily-arrests",
        "detention-0",
        "crowding",
        "admissions-0",
        "releases-0",
        "removals-0",
        "backlog",
        "arrest-to-removal",
        "length-of-stay",
        "bp-agent-days",
        "extra-gotaways",
        "no-record-share",
        "collateral-share",
        "out-of-aor",
        "released-no-bed",
        "costs",
        "burn-down",
        "capacity",
        "held-away",
        "atd-participants",
        "atd-enrolled",
        "docket-pending",
        "docket-completions",
        "in-absentia",
        "at-large-pool",
        "pool-refill",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    expected.extend((0..25).map(|i| format!("office-{i}")));
    expected.extend(data().office_measures.iter().map(|m| format!("office-bars-{}", m.key)));
    let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
    for id in &expected {
        assert!(ids.contains(&id.as_str()), "missing chart {id}; have {ids:?}");
    }
    assert_eq!(found.len(), expected.len());
    for (id, svg) in &found {
        let marks = svg.matches("class=\"data").count();
        assert!(marks >= 1, "{id} has no data marks");
        // A drawn line or area has many points, not a stub.
        let longest =
            attributes(svg, "d").iter().map(|d| d.matches(['L']).count()).max().unwrap_or(0);
        // Bar charts draw rects, not paths.
        let bars = *id == "costs" || *id == "daily-arrests" || id.starts_with("office-bars-");
        if !bars {
            assert!(longest >= 10, "{id}: longest path has {longest} segments");
        }
        assert!(svg.contains("<title"), "{id} has no accessible title");
        assert!(!svg.contains("NaN") && !svg.contains("inf"), "{id} has a non-number");
    }
}

#[test]
fn the_page_refers_to_nothing_outside_itself() {
    let html = report::render(&[data()]).unwrap();
    assert!(attributes(&html, "src").is_empty(), "no src attributes at all");
    for href in attributes(&html, "href") {
        assert!(href.starts_with('#'), "external href {href}");
    }
    for (i, _) in html.match_indices("url(") {
        assert!(html[i..].starts_with("url(#"), "{}", &html[i..i + 40]);
    }
    for bad in ["<link", "@import", "<iframe", "<img", "<object", "<embed", "xlink:href"] {
        assert!(!html.contains(bad), "{bad}");
    }
    // Sources may quote web addresses as text, never as something to load.
    for attr in ["src", "href", "action", "data", "poster"] {
        for v in attributes(&html, attr) {
            assert!(!v.contains("http"), "{attr}={v}");
        }
    }
}

#[test]
fn the_page_has_every_section_and_the_sources() {
    let html = report::render(&[data()]).unwrap();
    for id in [
        "summary",
        "arrests",
        "detention",
        "non-detained",
        "removal",
        "border",
        "community",
        "map",
        "cost",
        "budget",
        "scorecards",
        "sources",
    ] {
        assert!(html.contains(&format!("<h2 id=\"{id}\">")), "{id}");
    }
    let d = data();
    let assumptions = d.sources.iter().filter(|s| s.is_assumption()).count();
    assert!(html.contains(&format!("<b>{assumptions}</b> are assumptions")));
    assert!(html.contains("scorecard-table"));
    // Every scorecard row is in the sortable table.
    let table = &html[html.find("id=\"scorecard-table\"").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert_eq!(table.matches("<tr>").count(), d.scorecards.len() + 1);
}

#[test]
fn the_detention_section_tabulates_lengths_of_stay_by_group_and_keeps_them_out_of_key_figures() {
    let html = report::render(&[data()]).unwrap();
    let at = html.find("Length of stay by category and arresting agency").expect("stay table");
    let table = &html[at..];
    let table = &table[..table.find("</table>").unwrap()];
    // A heading row and six groups, five statistics each.
    assert_eq!(table.matches("<tr>").count(), 7);
    for label in ["convicted", "no criminal record", "arrested by Border Patrol (CBP)"] {
        assert!(table.contains(label), "{label}");
    }
    assert!(!table.contains("<td class=\"n\">–</td>"), "every cell has its measure");
    let key_figures =
        &html[html.find("id=\"summary\"").unwrap()..html.find("id=\"arrests\"").unwrap()];
    assert!(!key_figures.contains("length of stay of book-outs convicted"));
    assert!(key_figures.contains("median length of stay of book-outs, days"));
}

#[test]
fn the_map_section_shows_25_areas_with_hover_values_for_each_measure() {
    let html = report::render(&[data()]).unwrap();
    assert!(html.contains("<h2 id=\"map\">Map</h2>"));
    assert!(html.contains("<select id=\"map-measure\">"));
    let d = data();
    // Six office measures, then four rates per 100,000 foreign-born residents (the run's
    // offices are the 25 areas the committed ACS table knows).
    assert_eq!(d.office_measures.len(), 10);
    let first = &html[html.find("<svg class=\"aor-map\" id=\"map-arrests_per_day\"").unwrap()..];
    let first = &first[..first.find("</svg>").unwrap()];
    assert_eq!(first.matches("<g class=\"aor\"").count(), 25);
    // Each area's title holds its value: Chicago's arrests per day as the run has them.
    let o = d.offices.iter().position(|o| o.office == "Chicago").unwrap();
    let v = d.office_measures[0].values[o];
    assert!(v > 0.0);
    assert_eq!(first.matches("<title>").count(), 25, "one title per area");
    assert!(!first.contains("no value"), "every office has a value");
    assert_eq!(html.matches("<svg class=\"aor-map\"").count(), 10, "one map per measure");
    assert!(!html.contains("Rates per 100,000 foreign-born residents are not shown"));
}

#[test]
fn rates_per_100k_foreign_born_divide_the_office_measure_by_the_area_population() {
    let d = data();
    let key = |k: &str| d.office_measures.iter().find(|m| m.key == k).unwrap();
    let o = d.offices.iter().position(|o| o.office == "Chicago").unwrap();
    let fb = output::residents::foreign_born("Chicago").unwrap();
    // IL, IN, KS, KY, MO, WI in ACS 2018 1-year B05003.
    assert_eq!(fb, 3_080_687.0);
    let close = |a: f64, b: f64| (a - b).abs() <= 2e-4 * b.abs();
    let arrests = key("arrests_per_day").values[o];
    assert!(close(key("arrests_per_100k_fb").values[o], arrests * 365.0 / fb * 1e5));
    let adp = key("adp").values[o];
    assert!(close(key("adp_per_100k_fb").values[o], adp / fb * 1e5));
    let days = d.run.days as f64;
    let removals = key("removals").values[o];
    assert!(close(key("removals_per_100k_fb").values[o], removals * 365.0 / days / fb * 1e5));
}

#[test]
fn the_per_office_section_ranks_every_office_by_each_measure() {
    let d = data();
    let html = report::render(&[d]).unwrap();
    let at = html.find("<h2 id=\"per-office\">").expect("per-office section");
    let section = &html[at..html.find("<h2 id=\"map\">").unwrap()];
    assert!(section.contains("<select id=\"office-measure\">"));
    assert_eq!(section.matches("<div class=\"office-bars\"").count(), d.office_measures.len());
    // The arrests-per-100k chart: 25 bars, largest first, each with its value on hover.
    let m = d.office_measures.iter().find(|m| m.key == "arrests_per_100k_fb").unwrap();
    let chart = &section[section.find("id=\"office-bars-arrests_per_100k_fb\"").unwrap()..];
    let chart = &chart[..chart.find("</svg>").unwrap()];
    assert_eq!(chart.matches("class=\"data bar\"").count(), 25);
    let top = (0..25).max_by(|a, b| m.values[*a].total_cmp(&m.values[*b])).unwrap();
    let first_label = chart.find("class=\"yt\"").unwrap();
    let name = &d.offices[top].office;
    let first_text = &chart[first_label..];
    let first_text =
        &first_text[first_text.find('>').unwrap() + 1..first_text.find("</text>").unwrap()];
    assert_eq!(first_text, name.replace('&', "&amp;"), "ranked, largest first");
}

#[test]
fn the_budget_section_burns_down_each_appropriation_open_in_the_run() {
    let d = data();
    // 1 Mar – 28 Jun 2025: the FY2025 annual money is open, the reconciliation money not yet.
    let names: Vec<&str> = d.budget.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["ICE O&S FY2025"]);
    let f = &d.budget[0];
    assert_eq!(f.balance.len(), d.run.days as usize);
    assert!(f.balance.windows(2).all(|w| w[1] <= w[0]), "a balance only falls");
    let last = *f.balance.last().unwrap();
    let tol = 1e-4 * f.opening;
    assert!(
        (f.opening - f.spent.mean - last).abs() < tol,
        "{} - {} vs {last}",
        f.opening,
        f.spent.mean
    );
    let quarters: f64 = f.quarters.iter().map(|q| q.1).sum();
    assert!((quarters - f.spent.mean).abs() < tol, "{quarters} vs {}", f.spent.mean);
    let html = report::render(&[d]).unwrap();
    let section = &html[html.find("<h2 id=\"budget\">").unwrap()..];
    let section = &section[..section.find("<h2 id=\"scorecards\">").unwrap()];
    assert!(section.contains("ICE O&amp;S FY2025") && section.contains("FY2025 Q3"), "{section}");
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let a = report::render(&[data()]).unwrap();
    let b = report::render(&[data()]).unwrap();
    assert_eq!(a, b);
    // …and a second run with the same seed gives the same data.
    let f = national();
    let again = model::run(
        &f.result.scenario,
        RunOptions { replications: Some(3), threads: 1, ..Default::default() },
    )
    .unwrap();
    assert_eq!(&report::data(&again, &META, &Provenance::from(&f.loaded)), data());
}

#[test]
fn two_runs_are_shown_side_by_side() {
    let base = data();
    let mut what_if = base.clone();
    what_if.run.scenario = "more-beds".into();
    what_if.sources[0].value = "changed".into();
    let html = report::render(&[base, &what_if]).unwrap();
    assert!(html.contains("baseline-fy2025 vs more-beds"));
    assert!(html.contains("baseline-fy2025 (baseline)") && html.contains("more-beds (what-if)"));
    assert!(html.contains("What the what-if changes"));
    assert!(html.contains("1 scenario number differ"));
    let ids: Vec<String> = charts(&html).into_iter().map(|c| c.0).collect();
    for id in ["detention-0", "detention-1", "removals-1", "arrests-vs-target"] {
        assert!(ids.iter().any(|x| x == id), "{id}");
    }
    // Overlaid charts draw both runs in their colours.
    let (_, arrests) = charts(&html).into_iter().find(|c| c.0 == "arrests-vs-target").unwrap();
    assert!(arrests.contains("#0072B2") && arrests.contains("#D55E00"));
    assert!(matches!(report::render(&[]), Err(ReportError::RunCount(0))));
    assert!(matches!(report::render(&[base, base, base]), Err(ReportError::RunCount(3))));
}

#[test]
fn text_from_the_scenario_is_escaped() {
    let mut d = data().clone();
    d.run.description = "<script>alert(1)</script> & \"quotes\"".into();
    d.offices[0].office = "<b>Office</b>".into();
    let html = report::render(&[&d]).unwrap();
    assert!(!html.contains("<script>alert"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    assert!(!html.contains("<b>Office</b>"));
}

#[test]
fn bad_run_directories_get_errors_that_say_what_to_do() {
    let dir = scratch("bad");
    std::fs::create_dir_all(&dir).unwrap();
    let err = report::read(&dir).unwrap_err();
    assert!(err.to_string().contains("caseload run"), "{err}");

    let file = dir.join(report::FILE_NAME);
    std::fs::write(&file, "{\"format\": 1, \"run\": ").unwrap();
    let err = report::read(&dir).unwrap_err();
    assert!(matches!(err, ReportError::Parse { .. }), "{err}");
    assert!(err.to_string().contains("line 1"), "{err}");

    std::fs::write(&file, "{\"format\": 99}").unwrap();
    let err = report::read(&dir).unwrap_err();
    assert!(matches!(err, ReportError::Format { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("version 99"), "{err}");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn write_creates_the_directory_and_leaves_no_temporary_files() {
    let dir = scratch("write");
    let path = dir.join("nested").join("r.html");
    let written = report::write(&path, &[data()]).unwrap();
    assert_eq!(written, path);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("<!DOCTYPE html>") && text.ends_with("</html>\n"));
    let leftovers = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter(|e| {
            e.as_ref().unwrap().file_name().to_string_lossy().starts_with(output::TEMP_PREFIX)
        })
        .count();
    assert_eq!(leftovers, 0);
    std::fs::remove_dir_all(dir).unwrap();
}

/// A run without provenance (a scenario built in code) still makes a full page.
#[test]
fn a_scenario_built_in_code_reports_without_sources() {
    let sc = model::testkit::tiny();
    let r = model::run(&sc, RunOptions { replications: Some(2), ..Default::default() }).unwrap();
    let d = report::data(&r, &META, &Provenance::NONE);
    let html = report::render(&[&d]).unwrap();
    assert!(html.contains("do not list the scenario's sources"));
    for (id, svg) in charts(&html) {
        assert!(svg.contains("class=\"data"), "{id}");
    }
}

#[test]
fn the_headline_table_sets_the_assumption_range_beside_the_draws_interval() {
    let without = report::render(&[data()]).unwrap();
    assert!(!without.contains("5–95% over assumptions</th>"));
    assert!(without.contains("95% CI (draws)") && without.contains("random draws"));
    let f = national();
    let mut result = f.result.clone();
    result.assumption_ranges = Some(model::testkit::assumption_ranges(&result, 0.5, 2.0, 16, 7));
    let d = report::data(&result, &META, &Provenance::from(&f.loaded));
    let removals = d.headline.iter().find(|h| h.key == "removals").unwrap();
    let [lo, hi] = removals.assumption_5_95.unwrap();
    assert!((hi / lo - 4.0).abs() < 1e-3, "{lo} {hi}");
    let html = report::render(&[&d]).unwrap();
    assert!(html.contains("5–95% over assumptions</th>"));
    assert!(html.contains("16 fluid runs, 7 assumption groups"), "the note says how");
    // Read back from report-data.json, the range survives.
    let back: ReportData = serde_json::from_str(&serde_json::to_string(&d).unwrap()).unwrap();
    assert_eq!(back, d);
}
