//! Checks that run on every replication: conservation of cases, stock–flow balance, no
//! negative stock, and Little's law per facility group.

use super::case::{Cases, PHASES};
use crate::ids::FacilityKind;
use crate::metrics::Daily;
use crate::replication::{Invariants, LittleCheck};

/// Accumulates checks day by day.
pub(crate) struct Tracker {
    pub admissions: i64,
    pub exits: i64,
    last_detained: i64,
    one_state: bool,
    balance: bool,
    non_negative: bool,
    days_checked: u32,
    violations: Vec<String>,
    admitted: [f64; FacilityKind::COUNT],
    stay_sum: [f64; FacilityKind::COUNT],
    stay_n: [f64; FacilityKind::COUNT],
    /// Ticks in the window of those admitted in it.
    in_window_admitted: [f64; FacilityKind::COUNT],
    /// Ticks in the window of those detained when it opened.
    in_window_carried: [f64; FacilityKind::COUNT],
}

impl Tracker {
    pub fn new(_days: usize) -> Tracker {
        Tracker {
            admissions: 0,
            exits: 0,
            last_detained: 0,
            one_state: true,
            balance: true,
            non_negative: true,
            days_checked: 0,
            violations: Vec::new(),
            admitted: [0.0; FacilityKind::COUNT],
            stay_sum: [0.0; FacilityKind::COUNT],
            stay_n: [0.0; FacilityKind::COUNT],
            in_window_admitted: [0.0; FacilityKind::COUNT],
            in_window_carried: [0.0; FacilityKind::COUNT],
        }
    }

    fn violation(&mut self, msg: String) {
        if self.violations.len() < 20 {
            self.violations.push(msg);
        }
    }

    /// A measured admission to a facility of type `kind`.
    pub fn admitted(&mut self, kind: usize) {
        self.admitted[kind] += 1.0;
    }

    /// A measured book-out from type `kind` after `stay` days.
    pub fn booked_out(&mut self, kind: usize, stay: f64) {
        self.stay_sum[kind] += stay;
        self.stay_n[kind] += 1.0;
    }

    /// Time spent inside the window by one stay of type `kind`.
    pub fn stay_in_window(&mut self, kind: usize, admitted_in_window: bool, ticks: u64) {
        if admitted_in_window {
            self.in_window_admitted[kind] += ticks as f64;
        } else {
            self.in_window_carried[kind] += ticks as f64;
        }
    }

    /// End of a warm-up day: only carry the stock forward.
    pub fn warmup_day_end(&mut self, detained: i64) {
        self.last_detained = detained;
        self.admissions = 0;
        self.exits = 0;
    }

    /// End of measured day `d`.
    pub fn day_end(&mut self, d: usize, detained_in_beds: i64, detained: i64, cases: &Cases) {
        self.days_checked += 1;
        if self.last_detained + self.admissions - self.exits != detained {
            self.balance = false;
            let msg = format!(
                "day {d}: {} + {} admitted − {} out ≠ {detained} detained",
                self.last_detained, self.admissions, self.exits
            );
            self.violation(msg);
        }
        let phase_sum: i64 = cases.in_phase.iter().sum();
        let detained_phases: i64 = (0..PHASES)
            .filter(|&p| super::case::phase_from(p).detained())
            .map(|p| cases.in_phase[p])
            .sum();
        if phase_sum != cases.count || detained_phases != detained || detained_in_beds != detained {
            self.one_state = false;
            let msg = format!(
                "day {d}: {} cases, {phase_sum} by phase; {detained_phases} detained by phase, \
                 {detained_in_beds} in beds, {detained} counted",
                cases.count
            );
            self.violation(msg);
        }
        if cases.in_phase.iter().any(|&n| n < 0) || detained < 0 {
            self.non_negative = false;
            self.violation(format!("day {d}: negative stock {:?}", cases.in_phase));
        }
        self.last_detained = detained;
        self.admissions = 0;
        self.exits = 0;
    }

    /// Measured day `d`'s rows, once written: each office's detained by facility type
    /// must add up to its detained, since everyone detained is in exactly one type.
    pub fn rows_written(&mut self, d: usize, daily: &Daily) {
        if let Some((o, by_type, detained)) = daily.detained_by_type_gap(d) {
            self.one_state = false;
            self.violation(format!(
                "day {d}, office {o}: {by_type} detained by facility type, {detained} detained"
            ));
        }
    }

    /// Final checks once the run is over. `area[k]` is the population-time (person-ticks)
    /// of facility type `k` over the window, from the bed pools' time-weighted levels.
    pub fn finish(
        mut self,
        days: u32,
        area: [f64; FacilityKind::COUNT],
        pools_ok: bool,
    ) -> Invariants {
        if !pools_ok {
            self.non_negative = false;
            self.violation("a reachable pool went negative".into());
        }
        let span = days.max(1) as f64 * super::TICKS_PER_DAY as f64;
        let per_day = super::TICKS_PER_DAY as f64;
        let check =
            |name: &str, area: f64, adm: f64, inside_a: f64, inside_b: f64, sum: f64, n: f64| {
                let l = area / span;
                let lambda = adm / (span / per_day);
                let w = if adm > 0.0 { inside_a / adm / per_day } else { 0.0 };
                let carried = inside_b / span;
                let gap = if area > 0.0 { (area - inside_a - inside_b).abs() / area } else { 0.0 };
                let alos = if n > 0.0 { sum / n } else { 0.0 };
                LittleCheck::new(name, [l, lambda, w, carried], gap, alos)
            };
        let mut little = Vec::new();
        for k in FacilityKind::ALL {
            let i = k as usize;
            if area[i] > 0.0 || self.admitted[i] > 0.0 {
                little.push(check(
                    k.name(),
                    area[i],
                    self.admitted[i],
                    self.in_window_admitted[i],
                    self.in_window_carried[i],
                    self.stay_sum[i],
                    self.stay_n[i],
                ));
            }
        }
        let sum = |a: &[f64]| a.iter().sum::<f64>();
        little.push(check(
            "all",
            sum(&area),
            sum(&self.admitted),
            sum(&self.in_window_admitted),
            sum(&self.in_window_carried),
            sum(&self.stay_sum),
            sum(&self.stay_n),
        ));
        Invariants {
            cases_in_one_state: self.one_state,
            flows_balance: self.balance,
            no_negative_stock: self.non_negative,
            little,
            days_checked: self.days_checked,
            violations: self.violations,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::Metric;

    fn finished(daily: &Daily) -> Invariants {
        let mut t = Tracker::new(daily.days());
        for d in 0..daily.days() {
            t.rows_written(d, daily);
        }
        t.finish(daily.days() as u32, [0.0; FacilityKind::COUNT], true)
    }

    #[test]
    fn detained_by_type_must_add_up_to_detained() {
        let mut daily = Daily::new(3, 2);
        for d in 0..3 {
            for o in 0..2 {
                daily.set(d, o, Metric::DetainedContract, 7.0);
                daily.set(d, o, Metric::DetainedIgsa, 5.0);
                daily.set(d, o, Metric::Detained, 12.0);
            }
        }
        let ok = finished(&daily);
        assert!(ok.cases_in_one_state && ok.violations.is_empty(), "{:?}", ok.violations);
        daily.set(2, 1, Metric::DetainedIgsa, 4.0);
        let bad = finished(&daily);
        assert!(!bad.cases_in_one_state && !bad.all_ok());
        assert_eq!(bad.violations, ["day 2, office 1: 11 detained by facility type, 12 detained"]);
    }
}
