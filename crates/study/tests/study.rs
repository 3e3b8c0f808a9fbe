//! Integration tests of the study crate: targets against the reference script, the
//! calibrated file's round trip, backtest origins.

use std::path::{Path, PathBuf};

use study::calibrate::{self, FactorSpace, FitOptions, Hooks, Loss, Space};
use study::targets::{self, Gap, Series};

fn monthly_csv() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/monthly.csv")
}

/// `python3 data/monthly_gap.py daily.csv data/monthly.csv` on `caseload run
/// baseline-fy2025 --mode fluid` (2026-12-02, main at 3435122) printed this line; alos
/// 7.5 → 7.4 with surge capacity (h/surge: crowding at home instead of transfers); with the
/// workforce's dynamics (escorts for the people flown, overtime attrition; 2026-12-03)
/// 7.3/7.4/11.0/7.2/17.9/54.0; with discretionary release split into parole and bond
/// (h/release, 2026-12-03: parole stops in Feb 2025, bond fitted to ICE's Bonded Out;
/// 5.8/7.6/11.0/7.2/17.6/34.5) and removal_order_share 0.8 → 0.92 (relief book-outs)
/// 5.4/8.8/11.0/7.2/18.6/25.0; with the shared community pool (h/pools, 2026-12-03:
/// collateral and operations arrests thin as it empties, FY2025 arrests −1.2%) the
/// script printed the line below; with book-ins by arresting agency (Border Patrol's interior
/// details count as CBP book-ins, 2026-12-06) CBP 11.0 → 9.7 and ICE 7.0 → 7.1; with the daily
/// variation (day-of-week weights: months with more weekdays book more; h/dailyvar) the
/// line below; with escorts on domestic transfers and 287(g) deputies' training lag
/// (h/escorts, 2026-12-07: FY2025 interior arrests −0.5%) adp 5.4 → 5.5, ICE book-ins 7.5 → 7.6,
/// bond 14.5 → 14.3, other 24.8 → 24.6, parole 39.9 → 39.7; with ADP and ALOS by arresting
/// agency (2026-12-07, four new series, the others unchanged) adp 5.5, alos 8.8, ICE ADP 5.2,
/// ALOS 6.2, book-ins 7.6, other 24.6; with check-in arrests (h/checkins, 2026-12-07: ~9.4 a
/// day out of ATD and the docket, FY2025 interior arrests +1.3%) adp 5.3, ICE book-ins 6.9; with
/// release by source (2026-12-07, docs/calibration.md) adp 5.7, other 26.9, RTR 19.1; with
/// travel documents by source and the adopted detention-side fit (data/fits/, 2026-12-07,
/// docs/calibration.md "Adopted: …") adp 5.1, ICE book-ins 6.9, RTR 7.7, other 7.6; with the
/// summer's operations from the target's pull on tactics instead of dated steps
/// (`ero.tactics_response` 0.15, h/backtest, 2026-12-07) adp 5.1, ADP CBP 6.8, ADP ICE 4.7,
/// ALOS 5.3, parole 31.1; with the bond dockets' capacity and the detention side refitted with
/// it (h/bond, 2026-12-07; the capacity fits above demand) the line below. If the model
/// changes on purpose, re-run the script and update it; the formulas must agree.
const REFERENCE: &str = "MAPE adp=5.4 adp_cbp=7.3 adp_ice=4.9 alos=5.1 alos_cbp=11.9 alos_ice=5.5 book_ins_cbp=7.2 book_ins_ice=7.1 release_to_remove=7.2 released_bond=14.4 released_other=7.9 released_parole=32.0";

#[test]
fn monthly_gap_matches_the_reference_script() {
    let loaded = scenario::load_builtin("baseline-fy2025").unwrap();
    let t = targets::load(&monthly_csv()).unwrap();
    let r = model::fluid::run(&loaded.scenario);
    let months = targets::model_months(loaded.scenario.start, &r.national_daily[0]);
    let gap = Gap::new(&months, &t, &Series::ALL);
    assert_eq!(gap.mape_line(), REFERENCE);
    // September 2025 is partial in the workbook: never compared.
    assert!(gap.rows.iter().all(|r| r.month.to_string() != "2025-09"));
    assert_eq!(gap.rows.len(), Series::ALL.len() * 11);
}

/// With python3 and pandas installed, runs the script itself on a daily.csv written by
/// the output crate (skipped, saying so, without them).
#[test]
fn monthly_gap_py_agrees_when_pandas_is_there() {
    let ok = std::process::Command::new("python3").args(["-c", "import pandas"]).status();
    if !ok.is_ok_and(|s| s.success()) {
        eprintln!("skipped: python3 with pandas not found");
        return;
    }
    let loaded = scenario::load_builtin("baseline-fy2024").unwrap();
    let r = model::fluid::run(&loaded.scenario);
    let dir = std::env::temp_dir().join(format!("caseload-gap-{}", std::process::id()));
    let meta = output::RunMeta { wall_s: 0.0, caseload_version: "test" };
    output::write_run(&r, &dir, &meta).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/monthly_gap.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg(dir.join("daily.csv"))
        .arg(monthly_csv())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().unwrap_or_default().to_owned();
    let t = targets::load(&monthly_csv()).unwrap();
    let months = targets::model_months(loaded.scenario.start, &r.national_daily[0]);
    assert_eq!(Gap::new(&months, &t, &Series::ALL).mape_line(), last);
    std::fs::remove_dir_all(&dir).ok();
}

/// Fits `params` on baseline-fy2025 with a small budget, writes the calibrated file and
/// loads it back: the reloaded scenario is the fitted one (so its loss is the fitted loss).
fn fit_write_reload(params: &str, seed: u64) -> (String, scenario::Loaded, f64, f64) {
    let loaded = scenario::load_builtin("baseline-fy2025").unwrap();
    let t = targets::load(&monthly_csv()).unwrap();
    let window = calibrate::fit_window(&t, &loaded.scenario, None);
    assert_eq!(window.months().len(), 11, "Oct 2024 - Aug 2025; Sep 2025 is partial");
    let space = FactorSpace::new(&loaded, params).unwrap();
    let loss = Loss::default();
    let opts = FitOptions { max_evals: 40, restarts: 1, seed };
    let fit = calibrate::fit(&loaded.scenario, &space, &loss, &window, opts, Hooks::default());
    assert!(fit.loss <= fit.start_loss);
    let again = calibrate::fit(&loaded.scenario, &space, &loss, &window, opts, Hooks::default());
    assert_eq!(fit.best, again.best, "same seed, same result");
    let p = calibrate::Provenance {
        extends: "baseline-fy2025",
        name: "fitted",
        series: "all",
        window: "2024-10..2025-08",
        last_month: "2025-08",
        targets: "data/monthly.csv",
        date: "2026-12-02",
        loss: (fit.start_loss, fit.loss),
    };
    let mut mine = loaded.scenario.clone();
    space.apply(&mut mine, &fit.best).unwrap();
    let text = calibrate::calibrated_toml(&p, &loaded, &mine, space.members());
    let back = scenario::load_str(&text, "fitted.toml").unwrap_or_else(|e| panic!("{e}\n{text}"));
    mine.name = back.scenario.name.clone();
    mine.description = back.scenario.description.clone();
    assert_eq!(serde_json::to_value(&back.scenario).unwrap(), serde_json::to_value(&mine).unwrap());
    let mut reloaded = back.scenario.clone();
    reloaded.name = loaded.scenario.name.clone();
    let again = loss.evaluate(&reloaded, &window).loss;
    (text, back, fit.loss, again)
}

#[test]
fn the_calibrated_file_loads_and_gives_the_fitted_loss() {
    let (_, back, fitted, again) =
        fit_write_reload("ero.availability,courts.removal_order_share", 7);
    assert_eq!(fitted, again, "the reloaded file gives the fitted loss");
    let src = back.sources.iter().find(|s| s.parameter == "ero.availability").unwrap();
    assert!(src.source.starts_with("fitted by caseload calibrate against"), "{src:?}");
    assert!(src.range.is_some());
}

#[test]
fn a_fitted_schedule_is_written_whole_with_provenance_on_its_fitted_steps() {
    let params =
        "ero.at_large_share,detention.release_hazard_per_day.convicted,cases.custodial_category";
    let (text, back, fitted, again) = fit_write_reload(params, 3);
    assert_eq!(fitted, again, "the reloaded file gives the fitted loss");
    let original = scenario::load_builtin("baseline-fy2025").unwrap();
    let steps = |l: &scenario::Loaded, p: &str| -> Vec<scenario::SourceEntry> {
        l.sources.iter().filter(|s| s.parameter == p).cloned().collect()
    };
    for p in ["ero.at_large_share", "detention.release_hazard_per_day", "cases.custodial_category"]
    {
        let (before, after) = (steps(&original, p), steps(&back, p));
        assert_eq!(before.len(), after.len(), "{p}: every step is written\n{text}");
        for (b, a) in before.iter().zip(&after) {
            if b.is_assumption() && b.range.is_some() {
                assert!(a.source.starts_with("fitted by caseload calibrate against"), "{a:?}");
                assert_eq!(a.as_of.as_deref(), Some("2025-08"));
                assert_eq!(a.range, b.range, "{p}: the range it was fitted in");
            } else {
                assert_eq!(a, b, "{p}: a step that was not fitted keeps its evidence");
            }
        }
    }
    // The fit moved the schedule, and the written schedule is the fitted one.
    assert_ne!(back.scenario.ero.at_large_share, original.scenario.ero.at_large_share);
    // Shares of one whole are still a whole.
    let mix = &back.scenario.cases.custodial_category;
    for i in 0..mix[0].steps.len() {
        let sum: f64 = mix.iter().map(|s| s.steps[i].1).sum();
        assert!((sum - 1.0).abs() < 1e-9, "{sum}");
    }
}

/// `--params all` is screened: every group gets a row, the kept ones are those with the
/// largest effect, and the screen gives the same rows whatever the thread count.
/// argmin's Nelder–Mead unwraps the cost of its starting simplex: a budget too small for
/// a run's simplex, or Ctrl-C before it is evaluated, must end the search with the best
/// point so far, not a panic (CI caught `calibrate --max-evals 30` panicking on a restart).
#[test]
fn a_spent_budget_or_a_cancel_before_the_simplex_keeps_the_start() {
    let loaded = scenario::load_builtin("baseline-fy2025").unwrap();
    let t = targets::load(&monthly_csv()).unwrap();
    let window = calibrate::fit_window(&t, &loaded.scenario, None);
    let space = FactorSpace::new(&loaded, "ero.availability,courts.removal_order_share").unwrap();
    let loss = Loss::default();
    let opts = FitOptions { max_evals: 2, restarts: 3, seed: 1 };
    let fit = calibrate::fit(&loaded.scenario, &space, &loss, &window, opts, Hooks::default());
    assert_eq!(fit.best, space.start(), "no room for a 3-vertex simplex: the start is kept");
    assert_eq!(fit.loss, fit.start_loss);
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let hooks = Hooks { cancel: Some(&cancel), ..Hooks::default() };
    let opts = FitOptions { max_evals: 40, restarts: 3, seed: 1 };
    let fit = calibrate::fit(&loaded.scenario, &space, &loss, &window, opts, hooks);
    assert!(fit.cancelled);
    assert_eq!(fit.best, space.start(), "cancelled before any vertex: the start is kept");
}

#[test]
fn all_is_screened_to_the_groups_that_move_the_loss() {
    let loaded = scenario::load_builtin("baseline-fy2025").unwrap();
    let t = targets::load(&monthly_csv()).unwrap();
    let window = calibrate::fit_window(&t, &loaded.scenario, None);
    let loss = Loss::default();
    let sc = &loaded.scenario;
    let (space, screen) = calibrate::fit_space(&loaded, "all", 4, sc, &loss, &window).unwrap();
    let screen = screen.expect("all with more groups than kept is screened");
    let all = FactorSpace::new(&loaded, "all").unwrap();
    assert_eq!(screen.rows.len(), all.len());
    assert_eq!(space.len(), 4);
    let mut effects: Vec<f64> = screen.rows.iter().map(|r| r.effect).collect();
    effects.sort_by(|a, b| b.total_cmp(a));
    for name in space.names() {
        let r = screen.rows.iter().find(|r| r.name == name).unwrap();
        assert!(r.effect >= effects[3], "{name}: {} below the 4th largest", r.effect);
    }
    assert!((screen.start_loss - loss.evaluate(sc, &window).loss).abs() < 1e-12);
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
    let again = one.install(|| calibrate::screen(sc, &all, &loss, &window));
    assert_eq!(again, screen, "the screen does not depend on the thread count");
    // Named factors are not screened.
    let (named, none) =
        calibrate::fit_space(&loaded, "ero.at_large_share", 4, sc, &loss, &window).unwrap();
    assert!(none.is_none() && named.len() == 1);
}

#[test]
fn a_range_less_parameter_in_params_is_an_error() {
    let loaded = scenario::load_builtin("baseline-fy2025").unwrap();
    let e = FactorSpace::new(&loaded, "removal.seats_per_flight").unwrap_err();
    assert!(e.message.contains("`removal.seats_per_flight` has no `range`"), "{e}");
    assert!(e.message.contains("scenarios/baseline-fy2024.toml:"), "file and line: {e}");
    let e = FactorSpace::new(&loaded, "ero.availabilty").unwrap_err();
    assert!(e.message.contains("not a parameter"), "{e}");
}

#[test]
fn a_backtest_does_not_know_the_steps_dated_on_its_origin() {
    // June 2025's flights (209 in the month) are a step from 2025-06-01, published weeks
    // later: a forecast from 2025-06-01 runs June on May's flights.
    let (may, june) =
        (model::Date::parse("2025-05-15").unwrap(), model::Date::parse("2025-06-15").unwrap());
    let full = scenario::load_builtin("baseline-fy2025").unwrap().scenario;
    let origin = model::Date::parse("2025-06-01").unwrap();
    let known = study::backtest::known_before("baseline-fy2025", origin).unwrap().scenario;
    let flights = |sc: &model::Scenario, d| sc.removal.flights_per_week.at(d);
    assert_ne!(flights(&full, june), flights(&full, may), "the scenario has a June step");
    assert_eq!(flights(&known, june), flights(&full, may), "not known on the origin");
    let day_after = study::backtest::known_before("baseline-fy2025", origin.plus(1)).unwrap();
    assert_eq!(flights(&day_after.scenario, june), flights(&full, june), "known the day after");
}

#[test]
fn known_at_carries_steps_forward_unless_announced() {
    let origin = model::Date::parse("2025-06-01").unwrap();
    let aug = model::Date::parse("2025-08-01").unwrap();
    let full = scenario::load_builtin("baseline-fy2025").unwrap().scenario;
    let known = scenario::resolve_known_at("baseline-fy2025", origin).unwrap().scenario;
    assert_eq!(full.courts.detained_docket_slots.at(aug), 38000.0);
    assert_eq!(
        known.courts.detained_docket_slots.at(aug),
        42000.0,
        "the July step is not known in June"
    );
    let file = |announced: &str| {
        let text = format!(
            "[scenario]\nname = \"a\"\ndescription = \"d\"\nextends = \"baseline-fy2025\"\n[courts]\n\
             detained_docket_slots = {{ steps = [{{ from = \"2024-10-01\", value = 42000 }}, \
             {{ from = \"2025-07-01\", value = 38000, announced = \"{announced}\" }}], assumption = true, range = [15000, 50000] }}\n"
        );
        let path = std::env::temp_dir()
            .join(format!("caseload-announced-{}-{announced}.toml", std::process::id()));
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let early = file("2025-05-15");
    let sc = scenario::resolve_known_at(&early, origin).unwrap().scenario;
    assert_eq!(sc.courts.detained_docket_slots.at(aug), 38000.0, "announced in May: known in June");
    let late = file("2025-08-01");
    let e = scenario::resolve(&late).unwrap_err().to_string();
    assert!(e.contains("after it takes effect"), "{e}");
    let bad = file("2025-13");
    assert!(scenario::resolve(&bad).unwrap_err().to_string().contains("is not a date"));
}

/// The backtest from 2025-06-01 sees the 3,000-a-day target of 21 May (known at the origin)
/// through the target's pull on tactics (`ero.tactics_response`): ICE-arrested book-ins,
/// ADP, ALOS and release to remove over June–August are within 15% and beat carrying May
/// forward. With the response off — the operations of the summer then come from nowhere,
/// as with the dated steps it replaced, which a forecast made on 1 June cannot know — the
/// forecast's June is May's and ICE book-ins miss by ~21%.
#[test]
fn the_june_2025_backtest_sees_the_target_through_the_tactics_response() {
    use study::backtest;
    let origin = model::Date::parse("2025-06-01").unwrap();
    let t = targets::load(&monthly_csv()).unwrap();
    let known = scenario::resolve_known_at("baseline-fy2025", origin).unwrap().scenario;
    assert!(known.ero.tactics_response > 0.0, "baseline-fy2025 has the response on");
    let series = [Series::BookInsIce, Series::Adp, Series::Alos, Series::ReleaseToRemove];
    let mape = |sc: &model::Scenario| {
        let f = backtest::forecast(sc, origin, 3).unwrap();
        let rows = backtest::rows(origin, 3, &f, &t, &series);
        assert_eq!(rows.len(), series.len() * 3);
        backtest::summary(&rows, &series)
    };
    for (s, model, persistence, _) in mape(&known) {
        assert!(model <= 15.0 && model < persistence, "{s:?}: {model:.1} vs {persistence:.1}");
    }
    let mut off = known.clone();
    off.ero.tactics_response = 0.0;
    let (s, model, persistence, _) = mape(&off)[0];
    assert_eq!(s, Series::BookInsIce);
    assert!(model > 15.0 && model > persistence, "without the response: {model:.1}");
}

/// `caseload allocate`: on a scenario where removal flights bind and beds do not, the best
/// split of a budget for removals goes to flights, beats every single-lever split of the
/// same budget and the status quo, and the marginal values name flights.
#[test]
fn allocate_spends_where_the_constraint_binds() {
    use study::allocate::{self, Lever, Options};
    let mut sc = model::testkit::tiny();
    sc.days = 180;
    // Removals saturate at about one flight a week here: half a flight binds, and a budget
    // that buys at most 0.4 more keeps it binding.
    sc.removal.flights_per_week = model::Schedule::constant(0.5);
    let budget = 0.4 * Lever::Flights.unit_cost(&sc);
    let opts = Options {
        levers: vec![Lever::Beds, Lever::Flights],
        frontier: vec![1.0],
        ..Options::new(budget, "removals")
    };
    let a = allocate::allocate(&sc, &opts).unwrap();
    let p = &a.frontier[0];
    assert!(p.best.shares[1] >= 0.9, "flights get the budget: {:?}", p.best.shares);
    assert!(p.best.objective > a.status_quo, "{} vs {}", p.best.objective, a.status_quo);
    for only in [vec![1.0, 0.0], vec![0.0, 1.0]] {
        let mut s = sc.clone();
        for (l, x) in opts.levers.iter().zip(&only) {
            l.apply(&mut s, x * opts.budget / l.unit_cost(&sc));
        }
        let r = model::fluid::run(&s);
        assert!(p.best.objective >= allocate::measure(&r, "removals") - 1e-9);
    }
    // Flights are discrete departures, so their marginal value is a step function of the
    // weekly number: only its presence is checked here.
    assert!(p.marginal_per_million.iter().all(|m| m.is_finite()), "{:?}", p.marginal_per_million);
    let again = allocate::allocate(&sc, &opts).unwrap();
    assert_eq!(again, a, "deterministic");
    // The runners-up: distinct splits, no better in the fluid, each checked in the DES
    // against the best with common random numbers.
    assert_eq!(p.runners_up.len(), allocate::RUNNERS_UP);
    for r in &p.runners_up {
        assert_ne!(r.shares, p.best.shares);
        assert!(r.objective <= p.best.objective, "{} vs {}", r.objective, p.best.objective);
    }
    let c = allocate::confirm(&sc, &opts, &a).unwrap();
    assert_eq!(c.runners_up.len(), p.runners_up.len());
    assert!(c.best[0] > 0.0, "the best split adds removals in the DES: {:?}", c.best);
    for ((vs_nothing, best_minus), r) in c.runners_up.iter().zip(&p.runners_up) {
        // best − it = (best − nothing) − (it − nothing), replication by replication.
        assert!(
            (best_minus[0] - (c.best[0] - vs_nothing[0])).abs() < 1e-6 * c.best[0].abs().max(1.0),
            "{r:?}"
        );
    }
}
