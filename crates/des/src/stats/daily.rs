//! [`DailyCounter`]: totals per simulated day, for time series of arrivals, decisions and the like.

use crate::time::SimTime;

/// Amounts summed into one bin per simulated day.
///
/// Day `d` holds everything added at ticks in `[d · ticks_per_day, (d + 1) · ticks_per_day)`,
/// so day 0 starts at [`SimTime::ZERO`]. Bins are created as later days are seen; the memory
/// used is one `f64` per day up to the latest day seen, whatever the number of additions.
/// Amounts are in whatever unit the caller adds (a count, hours of work, …).
#[derive(Clone, Debug)]
pub struct DailyCounter {
    ticks_per_day: u64,
    days: Vec<f64>,
}

impl DailyCounter {
    /// An empty counter for a model in which one day lasts `ticks_per_day` ticks.
    ///
    /// # Panics
    ///
    /// If `ticks_per_day` is zero, since no time could then be given a day.
    pub fn new(ticks_per_day: u64) -> DailyCounter {
        assert!(ticks_per_day > 0, "DailyCounter needs ticks_per_day > 0");
        DailyCounter { ticks_per_day, days: Vec::new() }
    }

    /// Adds `amount` to the day containing time `at`.
    #[inline]
    pub fn add(&mut self, at: SimTime, amount: f64) {
        let day = (at.ticks() / self.ticks_per_day) as usize;
        if day >= self.days.len() {
            self.days.resize(day + 1, 0.0);
        }
        self.days[day] += amount;
    }

    /// The total for day `day` (0-based); `0.0` for a day nothing was added to.
    #[inline]
    pub fn get(&self, day: usize) -> f64 {
        self.days.get(day).copied().unwrap_or(0.0)
    }

    /// The totals of days `0..n`, where `n` is one past the latest day seen (or the length
    /// set by [`DailyCounter::resize_to`]).
    #[inline]
    pub fn days(&self) -> &[f64] {
        &self.days
    }

    /// The sum over all days held.
    pub fn total(&self) -> f64 {
        self.days.iter().sum()
    }

    /// Makes [`DailyCounter::days`] exactly `days` long: pads with zero days (so that
    /// replications which saw no activity near the end still report the full horizon), or
    /// drops later days (so a run can be cut back to the reporting horizon).
    pub fn resize_to(&mut self, days: usize) {
        self.days.resize(days, 0.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_boundaries_fall_on_multiples_of_ticks_per_day() {
        let mut c = DailyCounter::new(86_400);
        c.add(SimTime(0), 1.0);
        c.add(SimTime(86_399), 2.0);
        c.add(SimTime(86_400), 4.0);
        c.add(SimTime(3 * 86_400 + 5), 0.5);
        assert_eq!(c.days(), &[3.0, 4.0, 0.0, 0.5]);
        assert_eq!((c.get(0), c.get(1), c.get(2), c.get(3)), (3.0, 4.0, 0.0, 0.5));
        assert_eq!(c.get(1_000), 0.0);
        assert_eq!(c.total(), 7.5);
    }

    #[test]
    fn resize_pads_with_zeros_and_truncates() {
        let mut c = DailyCounter::new(10);
        c.add(SimTime(25), 1.0);
        c.resize_to(5);
        assert_eq!(c.days(), &[0.0, 0.0, 1.0, 0.0, 0.0]);
        c.resize_to(2);
        assert_eq!(c.days(), &[0.0, 0.0]);
        assert_eq!(c.total(), 0.0);
        // Adding after a resize still grows as needed.
        c.add(SimTime(39), 2.0);
        assert_eq!(c.days(), &[0.0, 0.0, 0.0, 2.0]);
    }

    #[test]
    #[should_panic(expected = "ticks_per_day > 0")]
    fn zero_ticks_per_day_is_refused() {
        let _ = DailyCounter::new(0);
    }
}
