//! [`TimeWeighted`]: the time-average of a level that changes only at events.

use crate::time::SimTime;

/// Time-average of a piecewise-constant level, such as queue length, busy servers or beds
/// occupied.
///
/// A level held for longer counts for more: the mean is the area under the level over time
/// divided by the time elapsed. The level is assumed constant between calls, which is exact in
/// a discrete-event model where it only changes at events. [`TimeWeighted::set`] and
/// [`TimeWeighted::add`] run on every arrival and departure, so they do a multiply and an add
/// and never allocate.
///
/// Areas are in level × ticks; means and maxima are in the unit of the level. Spans are
/// measured in whole ticks and converted to `f64` once per change, so an integer level held
/// for integer ticks accumulates exactly until the area passes 2⁵³.
///
/// Times passed in must not go backwards; a call earlier than the last change is treated as
/// happening at the last change (the span is clamped to zero).
#[derive(Clone, Debug)]
pub struct TimeWeighted {
    /// Start of the averaging window: creation, or the last reset.
    start: SimTime,
    /// Time of the last change of level (or reset), up to which `area` is accumulated.
    last: SimTime,
    level: f64,
    /// Integral of the level from `start` to `last`, in level × ticks.
    area: f64,
    max: f64,
}

impl TimeWeighted {
    /// Starts averaging at time `at` with the given initial level.
    pub fn new(at: SimTime, level: f64) -> TimeWeighted {
        TimeWeighted { start: at, last: at, level, area: 0.0, max: level }
    }

    /// Changes the level to `level` from time `now` on.
    #[inline]
    pub fn set(&mut self, now: SimTime, level: f64) {
        self.area += self.level * now.since(self.last).ticks() as f64;
        if now > self.last {
            self.last = now;
        }
        self.level = level;
        self.max = self.max.max(level);
    }

    /// Changes the level by `delta` (e.g. `+1.0` on arrival, `-1.0` on departure) from time
    /// `now` on.
    #[inline]
    pub fn add(&mut self, now: SimTime, delta: f64) {
        self.set(now, self.level + delta);
    }

    /// The current level.
    #[inline]
    pub fn level(&self) -> f64 {
        self.level
    }

    /// The highest level since creation or the last reset (including the level at the reset).
    #[inline]
    pub fn max(&self) -> f64 {
        self.max
    }

    /// Area under the level from the start of the window up to `now`, in level × ticks.
    /// Divide by ticks per unit for level × model units (e.g. bed-days).
    #[inline]
    pub fn area(&self, now: SimTime) -> f64 {
        self.area + self.level * now.since(self.last).ticks() as f64
    }

    /// Time-average of the level from the start of the window up to `now`, in the unit of the
    /// level. With no time elapsed there is nothing to average, so the current level is
    /// returned rather than NaN.
    #[inline]
    pub fn mean(&self, now: SimTime) -> f64 {
        let elapsed = now.since(self.start).ticks();
        if elapsed == 0 { self.level } else { self.area(now) / elapsed as f64 }
    }

    /// Forgets the history and restarts averaging at `now`, keeping the current level (which
    /// also becomes the maximum). Called at the end of a warm-up period so that the empty
    /// initial state does not bias the mean.
    pub fn reset(&mut self, now: SimTime) {
        self.start = now;
        self.last = now;
        self.area = 0.0;
        self.max = self.level;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_level_is_weighted_by_how_long_it_was_held() {
        let mut q = TimeWeighted::new(SimTime(0), 0.0);
        q.set(SimTime(10), 3.0);
        q.set(SimTime(30), 1.0);
        // 0 for 10 ticks, 3 for 20, 1 for 20. Charging each new level to the span before
        // it would give 70 instead of 80.
        assert_eq!(q.area(SimTime(50)), 80.0);
        assert_eq!(q.mean(SimTime(50)), 1.6);
        assert_eq!(q.level(), 1.0);
        assert_eq!(q.max(), 3.0);
        // Asking does not change the state.
        assert_eq!(q.mean(SimTime(50)), 1.6);
        assert_eq!(q.mean(SimTime(30)), 60.0 / 30.0);
    }

    #[test]
    fn add_moves_the_level_by_delta() {
        let mut busy = TimeWeighted::new(SimTime(100), 2.0);
        busy.add(SimTime(104), 1.0);
        busy.add(SimTime(106), -2.0);
        busy.add(SimTime(106), 4.0); // two changes at the same instant: the span between is 0
        assert_eq!(busy.level(), 5.0);
        assert_eq!(busy.max(), 5.0);
        // 2 × 4 + 3 × 2 + 5 × 4, over 10 ticks since the start at 100 (not since 0).
        assert_eq!(busy.area(SimTime(110)), 34.0);
        assert_eq!(busy.mean(SimTime(110)), 3.4);
    }

    #[test]
    fn reset_keeps_level_and_restarts_the_window() {
        let mut q = TimeWeighted::new(SimTime(0), 0.0);
        q.set(SimTime(10), 3.0);
        q.set(SimTime(30), 1.0);
        q.reset(SimTime(50));
        assert_eq!((q.level(), q.max(), q.area(SimTime(50))), (1.0, 1.0, 0.0));
        q.set(SimTime(60), 5.0);
        // 1 for 10 ticks, 5 for 10: mean 3 over the 20 ticks since the reset.
        assert_eq!(q.mean(SimTime(70)), 3.0);
        assert_eq!(q.max(), 5.0);
    }

    #[test]
    fn zero_elapsed_returns_current_level() {
        let mut q = TimeWeighted::new(SimTime(7), 4.0);
        assert_eq!(q.mean(SimTime(7)), 4.0);
        q.set(SimTime(7), 2.0);
        assert_eq!(q.mean(SimTime(7)), 2.0);
        assert!(!q.mean(SimTime(7)).is_nan());
    }

    #[test]
    fn a_late_call_with_an_earlier_time_adds_no_area() {
        let mut q = TimeWeighted::new(SimTime(0), 1.0);
        q.set(SimTime(10), 2.0);
        q.set(SimTime(5), 3.0);
        assert_eq!(q.area(SimTime(20)), 10.0 + 3.0 * 10.0);
    }
}
