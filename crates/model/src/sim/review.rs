//! Quarterly accountability reviews and the leadership-rotation rule (see
//! [`crate::config::Rotation`]): tallies of each office's arrests, target and officer-days
//! since the last review, and the productivity effect of each office's current leadership.

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use super::Pipeline;
use crate::config::{Multiplier, Rotation};
use crate::date::Date;
use crate::effort::{self, quarter_starts};
use crate::leadership::Tenure;

/// What the reviews remember between quarters.
pub(super) struct ReviewState {
    /// Per office since the last review: (arrests, target, officer-days).
    tally: Vec<[f64; 3]>,
    /// Days tallied since the last review.
    days: u32,
}

impl ReviewState {
    pub fn new(offices: usize) -> ReviewState {
        ReviewState { tally: vec![[0.0; 3]; offices], days: 0 }
    }

    /// Counts one interior arrest of `office` (called only while reviews are running).
    #[inline]
    pub fn arrest(&mut self, office: usize) {
        self.tally[office][0] += 1.0;
    }

    /// Counts a day's target and officer-days of `office`.
    pub fn day(&mut self, office: usize, target: f64, officer_days: f64) {
        self.tally[office][1] += target;
        self.tally[office][2] += officer_days;
    }

    /// The offices to rotate (see [`effort::worst_offices`]).
    fn worst(&self, bottom: usize) -> Vec<usize> {
        effort::worst_offices(&self.tally, bottom)
    }
}

/// A draw from the multiplier's distribution (never below 0).
pub(super) fn draw<R: Rng + ?Sized>(rng: &mut R, m: &Multiplier) -> f64 {
    match *m {
        Multiplier::Normal { mean, sd } => {
            let z: f64 = StandardNormal.sample(rng);
            (mean + sd * z).max(0.0)
        }
        Multiplier::Uniform { lo, hi } => (lo + (hi - lo) * des::dist::unit(rng)).max(0.0),
    }
}

impl Pipeline<'_> {
    /// The review intervention running on `date`, if any (see
    /// [`effort::review_in_force`]). Its rotation rule (if any) applies at quarter starts.
    fn review_in_force(&self, date: Date) -> Option<(Date, Option<&Rotation>)> {
        effort::review_in_force(self.sc, date)
    }

    /// True while a review intervention is running (arrests are then tallied).
    pub(super) fn reviewing(&self, date: Date) -> bool {
        self.review_in_force(date).is_some()
    }

    /// At the start of a measured day: if a fiscal quarter starts today and reviews are
    /// running, review the days tallied since the last review and rotate the worst
    /// offices' leadership from today.
    pub(super) fn quarterly_review(&mut self, date: Date) {
        if !quarter_starts(date) || self.review.days == 0 {
            return;
        }
        let Some((at, rotation)) = self.review_in_force(date.plus(-1)) else { return };
        if at >= date {
            return;
        }
        if let Some(rule) = rotation.cloned() {
            for o in self.review.worst(rule.bottom as usize) {
                let effect = draw(&mut self.rng.review, &rule.multiplier) - 1.0;
                self.leadership.install(o, Tenure::at_once(date, effect));
            }
        }
        for t in &mut self.review.tally {
            *t = [0.0; 3];
        }
        self.review.days = 0;
    }

    /// Marks one more tallied day.
    pub(super) fn review_day_done(&mut self) {
        self.review.days += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_by_attainment_are_chosen_with_ties_by_index() {
        let mut r = ReviewState::new(4);
        // (arrests, target, officer-days): attainments 0.5, 0.9, 0.5, 1.2
        for (o, t) in
            [[50.0, 100.0, 10.0], [90.0, 100.0, 10.0], [25.0, 50.0, 10.0], [120.0, 100.0, 1.0]]
                .iter()
                .enumerate()
        {
            r.tally[o] = *t;
        }
        assert_eq!(r.worst(2), vec![0, 2]);
        assert_eq!(r.worst(10), vec![0, 2, 1, 3]);
        // Without targets: arrests per officer-day (0 → 5, 1 → 9, 2 → 2.5, 3 → 120).
        for t in &mut r.tally {
            t[1] = 0.0;
        }
        assert_eq!(r.worst(1), vec![2]);
    }

    #[test]
    fn multipliers_follow_their_distribution_and_never_go_negative() {
        let mut rng = des::Streams::new(3, 0).stream("review");
        let n = 20_000;
        let normal = Multiplier::Normal { mean: 1.1, sd: 0.1 };
        let mean = (0..n).map(|_| draw(&mut rng, &normal)).sum::<f64>() / n as f64;
        assert!((mean - 1.1).abs() < 0.005, "{mean}");
        let uniform = Multiplier::Uniform { lo: 0.8, hi: 1.2 };
        let xs: Vec<f64> = (0..n).map(|_| draw(&mut rng, &uniform)).collect();
        assert!(xs.iter().all(|x| (0.8..=1.2).contains(x)));
        let wide = Multiplier::Normal { mean: 0.1, sd: 1.0 };
        assert!((0..1000).all(|_| draw(&mut rng, &wide) >= 0.0));
    }

    #[test]
    fn fiscal_quarters_start_on_the_first_of_oct_jan_apr_jul() {
        let d = |s: &str| Date::parse(s).unwrap();
        assert!(quarter_starts(d("2025-10-01")) && quarter_starts(d("2026-01-01")));
        assert!(!quarter_starts(d("2025-10-02")) && !quarter_starts(d("2025-11-01")));
    }
}
