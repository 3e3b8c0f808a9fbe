//! Shared helpers: DES runs, weekly bands, and when a resource saturates.
// Some fields are kept for the failure messages (Debug) and for tests still to come.
#![allow(dead_code)]

use des::Summary;
use model::{Date, FacilityKind, Metric, RunOptions, RunResult, Scenario};

/// The DES over `reps` replications.
pub fn des(sc: &Scenario, reps: u32) -> RunResult {
    model::run(sc, RunOptions { replications: Some(reps), seed: None, threads: 0 }).expect("runs")
}

/// A national series to compare: a name and the metrics summed into it.
pub struct Series {
    pub name: &'static str,
    pub metrics: &'static [Metric],
    /// True for stocks (end-of-day levels), false for flows (per day).
    pub stock: bool,
}

/// The four trajectories the acceptance criterion names.
pub const SERIES: [Series; 4] = [
    Series { name: "interior arrests", metrics: &model::summary::INTERIOR_ARRESTS, stock: false },
    Series { name: "book-ins", metrics: &[Metric::BookInsIce, Metric::BookInsCbp], stock: false },
    Series { name: "detained", metrics: &[Metric::Detained], stock: true },
    Series { name: "removals", metrics: &model::summary::REMOVALS, stock: false },
];

fn value(row: &[f64; model::METRIC_COUNT], s: &Series) -> f64 {
    s.metrics.iter().map(|m| row[*m as usize]).sum()
}

/// Days whose DES mean shows a saturated resource: national beds at least 98% full,
/// releases for lack of a bed, people held by CBP for want of a bed, the docket at 95% of
/// its slots, or flights or land removals using at least 98% of the day's capacity. Effects
/// of saturation last (the stocks it built drain slowly), so each such day also excludes
/// the 60 days after it.
pub fn saturated_days(sc: &Scenario, des: &RunResult) -> Vec<bool> {
    let days = des.daily_mean.days();
    let d = &des.daily_mean;
    let raw: Vec<bool> = (0..days)
        .map(|day| {
            let date: Date = sc.start.plus(day as i32);
            // Beds saturate at their surge ceilings, not at the rated beds.
            let beds: f64 = FacilityKind::ALL
                .iter()
                .map(|k| {
                    let share = sc.detention.surge_share[k.index()];
                    d.national(day, Metric::beds_in(*k)) * (1.0 + share)
                })
                .sum();
            let flights = sc.removal.flights_per_week.at(date) / 7.0
                * sc.removal.seats_per_flight.at(date).floor();
            let land = sc.removal.land_per_day.at(date);
            d.national(day, Metric::Detained) >= 0.98 * beds
                || d.national(day, Metric::ReleasedNoBed) > 0.5
                || d.national(day, Metric::CbpHold) > 1.0
                || d.national(day, Metric::CourtQueue)
                    >= 0.95 * sc.courts.detained_docket_slots.at(date)
                || d.national(day, Metric::RemovalsFlight) >= 0.98 * flights
                || d.national(day, Metric::RemovalsLand) >= 0.98 * land
        })
        .collect();
    (0..days).map(|day| (day.saturating_sub(60)..=day).any(|x| raw[x])).collect()
}

/// One week of one series where the fluid left the DES band.
#[derive(Debug)]
pub struct Miss {
    pub series: &'static str,
    pub week: usize,
    pub fluid: f64,
    pub band: (f64, f64),
    /// How far outside, in half-widths of the band beyond its edge (1 = outside the band
    /// doubled about its centre).
    pub excess: f64,
}

/// Weekly means (7-day blocks; a short last block is dropped) of the fluid against the
/// DES's 95% Student-t band over replications, widened by `slack` × the DES mean on each
/// side. Weeks that touch a saturated day are skipped. Returns the weeks compared and the
/// misses.
pub fn weekly_bands(
    fluid: &RunResult,
    des: &RunResult,
    saturated: &[bool],
    slack: f64,
) -> (usize, Vec<Miss>) {
    weekly_bands_of(&SERIES, fluid, des, saturated, slack)
}

/// [`weekly_bands`] for the given series only.
pub fn weekly_bands_of(
    series: &[Series],
    fluid: &RunResult,
    des: &RunResult,
    saturated: &[bool],
    slack: f64,
) -> (usize, Vec<Miss>) {
    let days = fluid.daily_mean.days();
    let mut compared = 0;
    let mut misses = Vec::new();
    for s in series {
        for week in 0..days / 7 {
            let range = week * 7..week * 7 + 7;
            if range.clone().any(|d| saturated[d]) {
                continue;
            }
            let mean_of = |rep: &Vec<[f64; model::METRIC_COUNT]>| {
                range.clone().map(|d| value(&rep[d], s)).sum::<f64>() / 7.0
            };
            let f = mean_of(&fluid.national_daily[0]);
            let reps: Vec<f64> = des.national_daily.iter().map(mean_of).collect();
            let sum = Summary::of(&reps);
            let band = (sum.ci.0 - slack * sum.mean.abs(), sum.ci.1 + slack * sum.mean.abs());
            compared += 1;
            if f < band.0 || f > band.1 {
                let (mid, half) = ((band.0 + band.1) / 2.0, (band.1 - band.0) / 2.0);
                let excess = ((f - mid).abs() - half) / half.max(1e-12);
                misses.push(Miss { series: s.name, week, fluid: f, band, excess });
            }
        }
    }
    (compared, misses)
}

/// Total of a series over the run, per day.
pub fn per_day(r: &RunResult, s: &Series) -> f64 {
    let d = &r.daily_mean;
    (0..d.days()).map(|day| s.metrics.iter().map(|m| d.national(day, *m)).sum::<f64>()).sum::<f64>()
        / d.days() as f64
}

/// Relative difference a / b − 1.
pub fn rel(a: f64, b: f64) -> f64 {
    if b == 0.0 { if a == 0.0 { 0.0 } else { f64::INFINITY } } else { a / b - 1.0 }
}
