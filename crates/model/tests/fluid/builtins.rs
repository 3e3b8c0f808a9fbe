//! Every built-in scenario, in both modes.
//!
//! Arrests do not depend on capacities, so they agree everywhere (within the DES's own
//! sampling error, which operations make larger than Poisson noise). Where nothing saturates
//! the pipeline totals agree too. Where beds run short (the FY2026 what-ifs) the fluid
//! keeps the ADP at the beds but places people differently: it fills a home AOR's freed
//! beds with that AOR's own arrivals, while in the DES whoever arrives first takes a freed
//! bed anywhere — so the DES transfers far more people out of their AOR, and loses a few
//! more to momentary blocking (docs/validation.md, "Fluid vs DES").

use super::common::{SERIES, des, per_day, rel, saturated_days, weekly_bands, weekly_bands_of};

/// DES replications per scenario: enough for a band that means something, few enough to
/// run every built-in in CI.
const REPS: u32 = 4;
/// As in `agreement.rs`: band widening (share of the DES mean) and the share of weeks that
/// may miss by chance; none may miss the band doubled.
const SLACK: f64 = 0.01;
const MISS_SHARE: f64 = 0.1;
/// The arrest weeks' widening. Random operations (model::variation) make weekly arrests
/// overdispersed, and four replications estimate a week's spread poorly, so a week's DES
/// interval is now and then much narrower than the truth: beds-100k's week 27 (fluid 1,010.8,
/// DES band 958.5–989.8) missed by more than the band doubled after the escorts merge. Not a
/// systematic gap (2026-12-07, beds-100k, 4 replications, seed 5): over the year the fluid is
/// 0.11% below the DES, weekly differences ±5%; with operations off, +0.16% and a weekly sd of
/// 0.6%. So arrest weeks get 3% rather than 1%.
const ARREST_SLACK: f64 = 0.03;

#[test]
fn every_builtin_runs_in_both_modes_and_agrees_where_it_should() {
    for name in scenario::builtin_names() {
        let sc = scenario::load_builtin(name).unwrap_or_else(|e| panic!("{name}: {e}")).scenario;
        let fluid = model::fluid::run(&sc);
        assert!(fluid.invariants[0].all_ok(), "{name}: {:?}", fluid.invariants[0]);
        let des = des(&sc, REPS);
        let saturated = saturated_days(&sc, &des);
        // The trajectories, week by week, wherever no resource saturates; arrests, which
        // no capacity limits, every week.
        let everywhere = vec![false; saturated.len()];
        for (what, (compared, misses)) in [
            ("unsaturated series-weeks", weekly_bands(&fluid, &des, &saturated, SLACK)),
            (
                "arrest weeks",
                weekly_bands_of(&SERIES[..1], &fluid, &des, &everywhere, ARREST_SLACK),
            ),
        ] {
            eprintln!("{name}: {} of {compared} {what} outside the band", misses.len());
            let far = misses.iter().filter(|m| m.excess > 1.0).count();
            assert!(
                far == 0 && misses.len() as f64 <= MISS_SHARE * compared as f64,
                "{name}: {} of {compared} {what} outside the DES band: {misses:#?}",
                misses.len()
            );
        }
        let tolerance = if saturated.iter().any(|s| *s) { 0.02 } else { 0.01 };
        let [arrests, book_ins, detained, removals] = &SERIES;
        let m = |s| (per_day(&fluid, s), per_day(&des, s));
        let (fa, da) = m(arrests);
        // Operations (model::variation) make daily arrests overdispersed and correlated
        // over days, so the DES's own sampling error can exceed 1%: the fluid must lie
        // within the DES's 95% interval widened by 1%.
        let e = des.national("arrests_per_day").unwrap().estimate;
        let half = (e.ci95[1] - e.ci95[0]) / 2.0 / e.mean;
        eprintln!("{name}: arrests/day fluid {fa:.1}, DES {da:.1} (95% CI ±{:.2}%)", half * 100.0);
        assert!(
            rel(fa, da).abs() < 0.01 + half,
            "{name}: arrests/day fluid {fa:.1}, DES {da:.1} (95% CI ±{:.2}%)",
            half * 100.0
        );
        // Where beds run short the DES loses more to momentary blocking (module docs): the
        // pipeline's flows may differ by what the two solvers' releases for lack of a bed
        // differ by, as a share of the book-ins (0 where nothing is blocked).
        let released = |r: &model::RunResult| r.national("released_no_bed").unwrap().estimate.mean;
        let book_ins_total = des.national("book_ins").unwrap().estimate.mean.max(1.0);
        let blocking = (released(&fluid) - released(&des)).abs() / book_ins_total;
        eprintln!("{name}: blocking gap {:.2}% of book-ins", blocking * 100.0);
        for s in [book_ins, detained, removals] {
            let (f, d) = m(s);
            // Book-ins are the arrests (and apprehensions) booked in: they carry the DES's
            // sampling error of the arrests, so their band is widened by it as well.
            let noise = if s.name == book_ins.name { half } else { 0.0 };
            let band = tolerance + blocking + noise;
            assert!(
                rel(f, d).abs() < band,
                "{name}: {} per day fluid {f:.1}, DES {d:.1} ({:+.2}%, band {:.2}%)",
                s.name,
                rel(f, d) * 100.0,
                band * 100.0
            );
        }
        let transfers =
            |r: &model::RunResult| r.national("transfers_out_of_aor").unwrap().estimate.mean;
        if released(&des) > 1_000.0 {
            // Where beds run short the DES transfers more (module docs); where they run short
            // only now and then (backcast-fy2023 since release was split by source: fluid
            // 86,578, DES 86,367) the two are equal within the DES's noise; where every AOR is
            // full for months (forecast-fy2026 from April 2026 with the adopted fit: fluid
            // 129,943, DES 127,265) the DES releases instead of transferring, by the blocking
            // gap.
            let (f, d) = (transfers(&fluid), transfers(&des));
            assert!(f < (1.01 + blocking) * d, "{name}: transfers fluid {f:.0}, DES {d:.0}");
        }
    }
}
