//! Simulation time: integer ticks, so that arithmetic is exact and runs are reproducible.
//!
//! A model chooses what a tick means (the national model uses one second; the queueing
//! testbed uses a microsecond of an abstract time unit). Points in time ([`SimTime`]) and
//! spans ([`SimDuration`]) are different types so they cannot be mixed up.

use std::fmt;
use std::ops::{Add, AddAssign, Sub};

/// A point in simulated time, in ticks since the start of the run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(pub u64);

/// A span of simulated time, in ticks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimDuration(pub u64);

impl SimTime {
    /// The start of every run.
    pub const ZERO: SimTime = SimTime(0);
    /// A time no event can reach; `run_until(SimTime::MAX)` drains the calendar.
    pub const MAX: SimTime = SimTime(u64::MAX);

    /// Ticks since the start.
    #[inline]
    pub fn ticks(self) -> u64 {
        self.0
    }

    /// This time in model units, given the number of ticks per unit.
    #[inline]
    pub fn as_units(self, ticks_per_unit: u64) -> f64 {
        self.0 as f64 / ticks_per_unit as f64
    }

    /// The span from `earlier` to `self`; zero if `earlier` is later.
    #[inline]
    pub fn since(self, earlier: SimTime) -> SimDuration {
        SimDuration(self.0.saturating_sub(earlier.0))
    }
}

impl SimDuration {
    /// No time at all.
    pub const ZERO: SimDuration = SimDuration(0);

    /// Ticks in this span.
    #[inline]
    pub fn ticks(self) -> u64 {
        self.0
    }

    /// Converts a non-negative real span in model units to ticks, rounding to the nearest
    /// tick (so the mean of a continuous distribution is kept). Negative and NaN inputs
    /// become zero; values past `u64::MAX` ticks saturate.
    #[inline]
    pub fn from_units(units: f64, ticks_per_unit: u64) -> SimDuration {
        // `as` saturates and maps NaN to 0, which is exactly what we want here.
        SimDuration((units * ticks_per_unit as f64 + 0.5) as u64)
    }

    /// This span in model units.
    #[inline]
    pub fn as_units(self, ticks_per_unit: u64) -> f64 {
        self.0 as f64 / ticks_per_unit as f64
    }
}

impl Add<SimDuration> for SimTime {
    type Output = SimTime;
    #[inline]
    fn add(self, d: SimDuration) -> SimTime {
        SimTime(self.0.saturating_add(d.0))
    }
}

impl AddAssign<SimDuration> for SimTime {
    #[inline]
    fn add_assign(&mut self, d: SimDuration) {
        *self = *self + d;
    }
}

impl Sub<SimTime> for SimTime {
    type Output = SimDuration;
    #[inline]
    fn sub(self, earlier: SimTime) -> SimDuration {
        self.since(earlier)
    }
}

impl Add for SimDuration {
    type Output = SimDuration;
    #[inline]
    fn add(self, o: SimDuration) -> SimDuration {
        SimDuration(self.0.saturating_add(o.0))
    }
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "t={}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_keeps_the_mean_and_clamps_bad_values() {
        assert_eq!(SimDuration::from_units(1.5, 10), SimDuration(15));
        assert_eq!(SimDuration::from_units(0.04, 10), SimDuration(0));
        assert_eq!(SimDuration::from_units(0.05, 10), SimDuration(1));
        assert_eq!(SimDuration::from_units(-3.0, 10), SimDuration(0));
        assert_eq!(SimDuration::from_units(f64::NAN, 10), SimDuration(0));
        assert_eq!(SimDuration::from_units(f64::INFINITY, 10), SimDuration(u64::MAX));
    }

    #[test]
    fn arithmetic_saturates_instead_of_wrapping() {
        assert_eq!(SimTime::MAX + SimDuration(5), SimTime::MAX);
        assert_eq!(SimTime(3) - SimTime(5), SimDuration::ZERO);
        assert_eq!(SimTime(5) - SimTime(3), SimDuration(2));
    }
}
