//! Who leads each field office, stated once for both solvers: the leadership a quarterly
//! review or a one-off rotation installed, and its effect on the office's officers.
//!
//! A new leadership changes the productivity of the office's own officers on at-large and
//! operations work ([`crate::effort::Reinforcements::leadership_effect`]). A quarterly
//! review's new leadership acts at once ([`Tenure::at_once`]); a one-off rotation
//! ([`crate::config::InterventionKind::Rotate`], the seeds' "about a dozen field-office
//! directors replaced in 2025") first disrupts the office — productivity falls by
//! `disruption` on the handover day — and reaches its settled effect linearly over
//! `ramp_days`. Which offices a one-off rotation takes is an aggregate rule, never a
//! person: the `count` lowest by target attainment (arrests per officer-day when no office
//! has a target) over the last quarter of simulated days ([`QUARTER_DAYS`], warm-up days
//! included when the rotation comes early in the run), as the reviews choose
//! (`effort::worst_offices`).
//!
//! Both solvers hold one [`Leadership`], [`Leadership::tally`] each office's day (the DES
//! its drawn arrests, the fluid its expected ones), call [`Leadership::rotate_due`] at the
//! start of each measured day with how they read a multiplier (the DES draws it, the fluid
//! takes its mean), and read [`Leadership::effects`] into the day's staffing.

use crate::config::{InterventionKind, Multiplier, Scenario};
use crate::date::Date;
use crate::effort::{ramp, worst_offices};

/// Days in the look-back a one-off rotation chooses its offices by.
pub const QUARTER_DAYS: usize = 91;

/// An office's leadership since a change: when it took over and how it works.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tenure {
    /// The handover day (a rotation's date; the ramp counts from it).
    pub since: Date,
    /// Settled relative productivity change (multiplier − 1; 0.1 = 10% more arrests per
    /// officer-day on at-large and operations work).
    pub effect: f64,
    /// Share of productivity lost on the handover day.
    pub disruption: f64,
    /// Days from the handover to the settled effect.
    pub ramp_days: f64,
}

impl Tenure {
    /// A leadership whose effect is immediate (a quarterly review's rotation).
    pub fn at_once(since: Date, effect: f64) -> Tenure {
        Tenure { since, effect, disruption: 0.0, ramp_days: 0.0 }
    }

    /// The relative productivity change on `date`: −disruption on the handover day,
    /// moving linearly to the settled effect over the ramp.
    pub fn effect_on(&self, date: Date) -> f64 {
        let first = -self.disruption.clamp(0.0, 1.0);
        let progress = ramp(date.days_after(self.since) as f64, self.ramp_days);
        first + progress * (self.effect - first)
    }
}

/// Each office's leadership, the tallies a one-off rotation chooses by, and which of the
/// scenario's one-off rotations have happened.
#[derive(Clone, Debug)]
pub struct Leadership {
    /// Per office: the latest new leadership (`None` = the one in place at the start).
    tenure: Vec<Option<Tenure>>,
    /// The last [`QUARTER_DAYS`] days' (arrests, target, officer-days) per office, day-major
    /// (empty when the scenario has no one-off rotation: nothing to choose).
    days: Vec<[f64; 3]>,
    /// Slot of the day being tallied, and days tallied (at most [`QUARTER_DAYS`]).
    slot: usize,
    filled: usize,
    /// Per intervention: true once its one-off rotation has happened.
    done: Vec<bool>,
}

impl Leadership {
    /// The leadership in place at the start everywhere; tallies only if `sc` has a one-off
    /// rotation.
    pub fn new(sc: &Scenario) -> Leadership {
        let n = sc.offices.len();
        let rotates =
            sc.interventions.iter().any(|iv| matches!(iv.kind, InterventionKind::Rotate { .. }));
        Leadership {
            tenure: vec![None; n],
            days: if rotates { vec![[0.0; 3]; n * QUARTER_DAYS] } else { Vec::new() },
            slot: 0,
            filled: 0,
            done: vec![false; sc.interventions.len()],
        }
    }

    /// Each office's relative productivity change on `date` (0 under its starting
    /// leadership).
    pub fn effects(&self, date: Date) -> Vec<f64> {
        self.tenure.iter().map(|t| t.map_or(0.0, |t| t.effect_on(date))).collect()
    }

    /// Installs a new leadership in office `o`.
    pub fn install(&mut self, o: usize, tenure: Tenure) {
        self.tenure[o] = Some(tenure);
    }

    /// Adds office `o`'s day to today's tally.
    pub fn tally(&mut self, o: usize, arrests: f64, target: f64, officer_days: f64) {
        let n = self.tenure.len();
        if let Some(t) = self.days.get_mut(self.slot * n + o) {
            *t = [t[0] + arrests, t[1] + target, t[2] + officer_days];
        }
    }

    /// Closes the tallied day: the next slot (the oldest day) is cleared for tomorrow.
    pub fn close_day(&mut self) {
        if self.days.is_empty() {
            return;
        }
        let n = self.tenure.len();
        self.filled = (self.filled + 1).min(QUARTER_DAYS);
        self.slot = (self.slot + 1) % QUARTER_DAYS;
        self.days[self.slot * n..(self.slot + 1) * n].fill([0.0; 3]);
    }

    /// Each office's sums over the tallied days.
    fn quarter(&self) -> Vec<[f64; 3]> {
        let n = self.tenure.len();
        let mut sum = vec![[0.0; 3]; n];
        for day in self.days.chunks_exact(n) {
            for (s, t) in sum.iter_mut().zip(day) {
                *s = [s[0] + t[0], s[1] + t[1], s[2] + t[2]];
            }
        }
        sum
    }

    /// At the start of measured day `date`: carries out every one-off rotation dated on or
    /// before it that has not happened (one dated before the run happens on the first
    /// measured day, chosen by the warm-up's last quarter; its ramp still counts from its
    /// date). Each rotated office's settled effect is `multiplier(distribution) − 1`.
    /// Returns the offices rotated, in rotation order.
    pub fn rotate_due(
        &mut self,
        sc: &Scenario,
        date: Date,
        mut multiplier: impl FnMut(&Multiplier) -> f64,
    ) -> Vec<usize> {
        let mut rotated = Vec::new();
        for (i, iv) in sc.interventions.iter().enumerate() {
            let InterventionKind::Rotate { count, multiplier: m, disruption, ramp_days } = iv.kind
            else {
                continue;
            };
            if self.done[i] || iv.at > date || self.filled == 0 {
                continue;
            }
            self.done[i] = true;
            for o in worst_offices(&self.quarter(), count as usize) {
                let effect = multiplier(&m) - 1.0;
                self.install(o, Tenure { since: iv.at, effect, disruption, ramp_days });
                rotated.push(o);
            }
        }
        rotated
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Intervention;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn a_new_leadership_dips_by_the_disruption_then_ramps_to_its_effect() {
        let t = Tenure { since: d("2025-06-01"), effect: 0.1, disruption: 0.2, ramp_days: 100.0 };
        assert!((t.effect_on(d("2025-06-01")) + 0.2).abs() < 1e-12);
        // Halfway: −0.2 + 0.5 × 0.3.
        assert!((t.effect_on(d("2025-07-21")) + 0.05).abs() < 1e-12);
        assert!((t.effect_on(d("2025-09-09")) - 0.1).abs() < 1e-12);
        assert_eq!(Tenure::at_once(d("2025-06-01"), 0.3).effect_on(d("2025-06-01")), 0.3);
    }

    #[test]
    fn a_one_off_rotation_takes_the_lowest_over_the_last_quarter_once() {
        let mut sc = crate::testkit::tiny();
        for name in ["B", "C"] {
            let mut o = sc.offices[0].clone();
            o.name = name.into();
            sc.offices.push(o);
        }
        let at = d("2025-01-01");
        let rotate = InterventionKind::Rotate {
            count: 2,
            multiplier: Multiplier::Uniform { lo: 1.2, hi: 1.2 },
            disruption: 0.1,
            ramp_days: 10.0,
        };
        sc.interventions = vec![Intervention { at, kind: rotate }];
        let mut l = Leadership::new(&sc);
        // Office 1 was the weakest long ago, office 2 over the last quarter.
        for day in 0..200 {
            let per_officer_day = |o: usize| match (o, day < 100) {
                (1, true) | (2, false) => 0.5,
                _ => 1.0,
            };
            for o in 0..3 {
                l.tally(o, per_officer_day(o) * 100.0 + o as f64 * 0.01, 0.0, 100.0);
            }
            l.close_day();
        }
        assert!(l.rotate_due(&sc, at.plus(-1), |_| 1.2).is_empty(), "not yet");
        let rotated = l.rotate_due(&sc, at, |m| match m {
            Multiplier::Uniform { lo, .. } => *lo,
            Multiplier::Normal { mean, .. } => *mean,
        });
        // Office 2 (0.5 per officer-day), then office 0 (1.0, lower than office 1's 1.0001).
        assert_eq!(rotated, vec![2, 0]);
        let e = l.effects(at);
        assert!((e[2] + 0.1).abs() < 1e-12 && e[1] == 0.0);
        assert!((l.effects(at.plus(10))[0] - 0.2).abs() < 1e-12);
        assert!(l.rotate_due(&sc, at.plus(1), |_| 1.2).is_empty(), "once");
    }
}
