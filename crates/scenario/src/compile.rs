//! Interventions that only move parameters, compiled into the resolved scenario's
//! schedules: the simulation (and the fluid approximation) then read one schedule per
//! parameter and never need to know which intervention changed it.
//!
//! Each change applies over a [`Window`] (from `at`, until `until` inclusive, phased in
//! over the ramp), on top of whatever the schedule held, so later interventions build on
//! earlier ones. They are applied in date order (file order breaks ties).

use model::{Beds, Date, FacilityKind, OfficeId, Scenario, Schedule, Window};

/// Days in an average month: `hire` takes in one cohort a month.
const MONTH_DAYS: f64 = 365.25 / 12.0;

/// A `beds` change: a new total for the facility type over the offices, or a change.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum BedAmount {
    Total(f64),
    Change(f64),
}

/// A validated intervention that compiles to schedule steps.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Compiled {
    /// National and office arrest targets, and the annual removal goal, set. With
    /// `each_office`, every office's own target is that number and the national target is
    /// 0 (no split), before the named `offices` are set.
    Target {
        window: Window,
        national: Option<f64>,
        each_office: Option<f64>,
        offices: Vec<(OfficeId, f64)>,
        removals_per_year: Option<f64>,
    },
    /// 287(g) jail agreements: in `coverage` of the offices' jails, the honour rate
    /// becomes `honour_rate` and the supply grows by `supply_change` (relative).
    Agreements {
        window: Window,
        offices: Vec<OfficeId>,
        coverage: f64,
        honour_rate: Option<f64>,
        supply_change: Option<f64>,
    },
    /// Beds of one type, in the given offices (pro rata to their beds) or nationally.
    Beds { window: Window, kind: FacilityKind, offices: Option<Vec<OfficeId>>, amount: BedAmount },
    /// Flights per week (set, or multiplied) and seats per flight.
    Flights { window: Window, per_week: Option<f64>, factor: Option<f64>, seats: Option<f64> },
    /// Detained-docket capacity (set or changed) and case length.
    Judges { window: Window, slots: Option<f64>, change: Option<f64>, case_days_mean: Option<f64> },
    /// Officers through an academy: a cohort a month from `at` (to `until`, or until
    /// `total` are hired), each joining `officers` `academy_days` after intake.
    Hire {
        at: Date,
        until: Option<Date>,
        per_month: f64,
        academy_days: f64,
        total: Option<f64>,
        offices: Vec<OfficeId>,
        equal: bool,
    },
    /// Processing times set.
    Processing {
        window: Window,
        booking_days: Option<f64>,
        usbp_transfer_days: Option<f64>,
        hub_transfer_days: Option<f64>,
        travel_doc_days: Option<[f64; 4]>,
    },
}

/// `v` moved toward `x` by the ramp's progress `p`.
fn toward(v: f64, x: f64, p: f64) -> f64 {
    v + p * (x - v)
}

/// Sets a schedule to `x` over the window (phased in), if `x` is given.
fn set(s: &mut Schedule, w: &Window, x: Option<f64>) {
    if let Some(x) = x {
        s.transform(w, |v, p| toward(v, x, p));
    }
}

impl Compiled {
    /// Applies the change to `sc`.
    pub(crate) fn apply(&self, sc: &mut Scenario) {
        match self {
            Compiled::Target { window, national, each_office, offices, removals_per_year } => {
                set(&mut sc.channels.national_target_per_day, window, *national);
                if let Some(x) = each_office {
                    set(&mut sc.channels.national_target_per_day, window, Some(0.0));
                    for office in &mut sc.offices {
                        set(&mut office.target_per_day, window, Some(*x));
                    }
                }
                for (o, x) in offices {
                    set(&mut sc.offices[o.0 as usize].target_per_day, window, Some(*x));
                }
                set(&mut sc.removal.goal_per_year, window, *removals_per_year);
            }
            Compiled::Agreements { window, offices, coverage, honour_rate, supply_change } => {
                for o in offices {
                    let office = &mut sc.offices[o.0 as usize];
                    if let Some(h) = honour_rate {
                        let moved = |v: f64, p: f64| toward(v, *h, p * coverage).clamp(0.0, 1.0);
                        office.detainer_honour_rate.transform(window, moved);
                    }
                    if let Some(c) = supply_change {
                        let grown = |v: f64, p: f64| (v * (1.0 + p * coverage * c)).max(0.0);
                        office.jail_supply_per_day.transform(window, grown);
                    }
                }
            }
            Compiled::Beds { window, kind, offices, amount } => {
                beds(sc, window, *kind, offices, *amount)
            }
            Compiled::Flights { window, per_week, factor, seats } => {
                let r = &mut sc.removal;
                set(&mut r.flights_per_week, window, *per_week);
                if let Some(f) = factor {
                    r.flights_per_week.transform(window, |v, p| v * (1.0 + p * (f - 1.0)));
                }
                set(&mut r.seats_per_flight, window, *seats);
            }
            Compiled::Judges { window, slots, change, case_days_mean } => {
                let c = &mut sc.courts;
                set(&mut c.detained_docket_slots, window, *slots);
                if let Some(d) = change {
                    c.detained_docket_slots.transform(window, |v, p| (v + p * d).max(0.0));
                }
                set(&mut c.case_days_mean, window, *case_days_mean);
            }
            Compiled::Hire { at, until, per_month, academy_days, total, offices, equal } => {
                hire(sc, *at, *until, *per_month, *academy_days, *total, offices, *equal)
            }
            Compiled::Processing {
                window,
                booking_days,
                usbp_transfer_days,
                hub_transfer_days,
                travel_doc_days,
            } => {
                set(&mut sc.detention.booking_days, window, *booking_days);
                set(&mut sc.detention.usbp_transfer_days, window, *usbp_transfer_days);
                set(&mut sc.removal.hub_transfer_days, window, *hub_transfer_days);
                if let Some(x) = travel_doc_days {
                    // Both sources' waits move toward the new times.
                    let r = &mut sc.removal;
                    for waits in [&mut r.travel_doc_days, &mut r.border_travel_doc_days] {
                        Schedule::transform_each(waits, window, |i, v, p| toward(v, x[i], p));
                    }
                }
            }
        }
    }
}

/// Every office's id.
pub(crate) fn all_offices(sc: &Scenario) -> Vec<OfficeId> {
    (0..sc.offices.len()).map(|i| OfficeId(i as u16)).collect()
}

/// Shares of `total` for each office, pro rata to `weight`, or equal if all weights are 0.
fn shares(ids: &[OfficeId], weight: impl Fn(usize) -> f64) -> Vec<f64> {
    let w: Vec<f64> = ids.iter().map(|o| weight(o.0 as usize).max(0.0)).collect();
    let sum: f64 = w.iter().sum();
    if sum > 0.0 {
        w.iter().map(|x| x / sum).collect()
    } else {
        vec![1.0 / ids.len().max(1) as f64; ids.len()]
    }
}

fn beds(
    sc: &mut Scenario,
    window: &Window,
    kind: FacilityKind,
    offices: &Option<Vec<OfficeId>>,
    amount: BedAmount,
) {
    let ids = offices.clone().unwrap_or_else(|| all_offices(sc));
    let day = window.from;
    let of_kind = |o: usize| {
        sc.offices[o].beds.iter().filter(|b| b.kind == kind).map(|b| b.beds.at(day)).sum::<f64>()
    };
    let delta = match amount {
        BedAmount::Change(x) => x,
        BedAmount::Total(x) => x - ids.iter().map(|o| of_kind(o.0 as usize)).sum::<f64>(),
    };
    // New beds go where beds are now (all types), so a national change follows the
    // current geography of detention.
    let split = shares(&ids, |o| sc.offices[o].beds.iter().map(|b| b.beds.at(day)).sum());
    for (o, share) in ids.iter().zip(split) {
        let office = &mut sc.offices[o.0 as usize];
        if !office.beds.iter().any(|b| b.kind == kind) {
            office.beds.push(Beds { kind, beds: Schedule::constant(0.0) });
            office.beds.sort_by_key(|b| b.kind as usize);
        }
        let d = delta * share;
        for b in office.beds.iter_mut().filter(|b| b.kind == kind) {
            b.beds.transform(window, |v, p| (v + p * d).max(0.0));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn hire(
    sc: &mut Scenario,
    at: Date,
    until: Option<Date>,
    per_month: f64,
    academy_days: f64,
    total: Option<f64>,
    offices: &[OfficeId],
    equal: bool,
) {
    let split = if equal {
        shares(offices, |_| 1.0)
    } else {
        shares(offices, |o| sc.offices[o].officers.at(at))
    };
    let end = sc.end();
    let mut hired = 0.0;
    for k in 0.. {
        let intake = at.plus((k as f64 * MONTH_DAYS).round() as i32);
        if intake > end || until.is_some_and(|u| intake > u) {
            break;
        }
        let cohort = total.map_or(per_month, |t| per_month.min(t - hired));
        if cohort <= 0.0 {
            break;
        }
        hired += cohort;
        let joins = intake.plus(academy_days.round() as i32);
        if joins > end {
            break;
        }
        for (o, share) in offices.iter().zip(&split) {
            let add = cohort * share;
            sc.offices[o.0 as usize].officers.transform(&Window::starting(joins), |v, _| v + add);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::testkit;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn hires_join_after_the_academy_one_cohort_a_month() {
        let mut sc = testkit::tiny(); // 2024-10-01 .. 2025-01-28, 200 officers
        let c = Compiled::Hire {
            at: d("2024-10-01"),
            until: None,
            per_month: 10.0,
            academy_days: 45.0,
            total: Some(25.0),
            offices: vec![OfficeId(0)],
            equal: false,
        };
        c.apply(&mut sc);
        let officers = &sc.offices[0].officers;
        assert_eq!(officers.at(d("2024-11-14")), 200.0);
        assert_eq!(officers.at(d("2024-11-15")), 210.0);
        assert_eq!(officers.at(d("2024-12-16")), 220.0);
        // The third cohort is cut to the 5 left of the total.
        assert_eq!(officers.at(d("2025-01-15")), 225.0);
        assert_eq!(officers.at(d("2025-01-28")), 225.0);
    }

    #[test]
    fn bed_totals_are_reached_pro_rata_and_phased_in() {
        let mut sc = testkit::tiny();
        let w = Window { from: d("2024-11-01"), until: None, ramp_days: 20.0 };
        let c = Compiled::Beds {
            window: w,
            kind: FacilityKind::SoftSided,
            offices: None,
            amount: BedAmount::Total(500.0),
        };
        c.apply(&mut sc);
        let soft = sc.offices[0].beds.iter().find(|b| b.kind == FacilityKind::SoftSided).unwrap();
        assert_eq!(soft.beds.at(d("2024-10-31")), 0.0);
        assert!(soft.beds.at(d("2024-11-10")) > 100.0 && soft.beds.at(d("2024-11-10")) < 400.0);
        assert_eq!(soft.beds.at(d("2024-11-21")), 500.0);
        assert_eq!(sc.offices[0].beds[0].kind, FacilityKind::Contract, "kept in facility order");
    }

    #[test]
    fn agreements_move_the_covered_share_of_jails() {
        let mut sc = testkit::tiny(); // honour 0.6, supply 20
        let c = Compiled::Agreements {
            window: Window::starting(d("2024-11-01")),
            offices: vec![OfficeId(0)],
            coverage: 0.5,
            honour_rate: Some(1.0),
            supply_change: Some(0.2),
        };
        c.apply(&mut sc);
        let o = &sc.offices[0];
        assert!((o.detainer_honour_rate.at(d("2024-12-01")) - 0.8).abs() < 1e-12);
        assert!((o.jail_supply_per_day.at(d("2024-12-01")) - 22.0).abs() < 1e-12);
        assert_eq!(o.detainer_honour_rate.at(d("2024-10-31")), 0.6);
    }

    #[test]
    fn set_values_end_with_the_window() {
        let mut sc = testkit::tiny();
        let w = Window { from: d("2024-11-01"), until: Some(d("2024-11-30")), ramp_days: 0.0 };
        let c =
            Compiled::Flights { window: w, per_week: None, factor: Some(2.0), seats: Some(100.0) };
        c.apply(&mut sc);
        let r = &sc.removal;
        assert_eq!(r.flights_per_week.at(d("2024-11-15")), 28.0);
        assert_eq!(r.flights_per_week.at(d("2024-12-01")), 14.0);
        assert_eq!(r.seats_per_flight.at(d("2024-11-15")), 100.0);
        assert_eq!(r.seats_per_flight.at(d("2024-12-01")), 135.0);
    }
}
