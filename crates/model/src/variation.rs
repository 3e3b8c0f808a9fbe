//! Daily variation of interior arrests: day-of-week effects and multi-day operations.
//!
//! Without it, a day's arrests are Poisson around a smooth mean, and the single days above
//! 2,000 reported in June 2025 cannot happen. Two effects, both mean-preserving so the
//! annual calibration still holds:
//!
//! - **Day of week.** Enforcement (jail pickups, at-large and operations work, partners)
//!   concentrates on weekdays: a weekend day's effort is `weekend_effort` times a
//!   weekday's, and the weights average 1 over a week ([`weekday_weight`]).
//! - **Operations.** Multi-day operations concentrated in one office (and nationwide ones
//!   in every office at once) start at a rate, last a geometric number of days, and
//!   multiply the office's at-large, collateral and operations effort while they run. The
//!   operation's extra effort is effort the rest of the time lacks: ICE's officers and
//!   their pay are fixed, an operation moves officer-days, it does not make them. So
//!   routine effort is divided by the multiplier's expectation ([`operation_factor`]), and
//!   the expected total is unchanged.
//!
//! Both solvers scale an office's day with [`scale`]: the fluid with the day's weight and
//! an operation factor of 1 (its expectation), the DES with the operations it draws
//! ([`Operations`]).

use rand::Rng;

use crate::config::EroWorkforce;
use crate::date::Date;
use crate::effort::OfficeDay;
use crate::ids::Channel;

/// Day of the week of `date`, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday).
pub fn weekday(date: Date) -> u32 {
    (date.days_since_epoch() + 3).rem_euclid(7) as u32
}

/// The calendar date of solver day `day` (counted from the start of the warm-up): the
/// warm-up runs on the days before the scenario's start, so weekdays follow the calendar
/// even where the warm-up reads the start date's parameters.
pub fn calendar_date(start: Date, warmup_days: u32, day: u32) -> Date {
    start.plus(day as i32 - warmup_days as i32)
}

/// The day-of-week weight of `date`: `w` on weekdays and `weekend_effort × w` on Saturday
/// and Sunday, with `w = 7 / (5 + 2 × weekend_effort)` so the seven weights average 1.
pub fn weekday_weight(ero: &EroWorkforce, date: Date) -> f64 {
    let r = ero.weekend_effort.max(0.0);
    let w = 7.0 / (5.0 + 2.0 * r);
    if weekday(date) >= 5 { r * w } else { w }
}

/// Operations running on an average day at one scale: starts per day × mean days (the
/// mean of an M/G/∞ count, and of the Poisson law it settles to).
pub fn expected_running(per_year: f64, days: f64) -> f64 {
    per_year.max(0.0) / 365.0 * days.max(1.0)
}

/// Effort multiple of one scale with `running` operations at once: `(1 + a·n) / (1 +
/// a·E[n])` with `a = effort − 1`; its expectation over the operations' count is 1.
pub fn operation_factor(per_year: f64, effort: f64, days: f64, running: u32) -> f64 {
    let a = (effort - 1.0).max(0.0);
    (1.0 + a * running as f64) / (1.0 + a * expected_running(per_year, days))
}

/// Whether an operation multiplies the channel's effort: ERO's own effort-driven channels.
/// Jail transfers are supply-limited, partners and Border Patrol details have their own
/// schedules.
pub fn surged(channel: Channel) -> bool {
    match channel {
        Channel::AtLarge | Channel::Collateral | Channel::Operations => true,
        Channel::Custodial
        | Channel::Partner
        | Channel::BorderPatrolInterior
        | Channel::Border
        | Channel::Checkin => false,
    }
}

/// Scales an office's expected day: every interior channel by the day-of-week `weight`,
/// the [`surged`] channels (and their split by tier) also by the operations' `factor`.
pub fn scale(od: &mut OfficeDay, weight: f64, factor: f64) {
    for c in Channel::ALL {
        let f = if surged(c) { weight * factor } else { weight };
        od.by_channel[c.index()] *= f;
    }
    for x in &mut od.at_large_by_category {
        *x *= weight * factor;
    }
}

/// The operations running in the DES: a count per office and one nationwide.
#[derive(Clone, Debug, Default)]
pub struct Operations {
    office: Vec<u32>,
    national: u32,
}

impl Operations {
    /// Counts drawn from their stationary law (Poisson with the expected count), so the
    /// first day is no different from any other.
    pub fn new<R: Rng + ?Sized>(ero: &EroWorkforce, offices: usize, rng: &mut R) -> Operations {
        let office = expected_running(ero.office_operations_per_year, ero.operation_days);
        let national = expected_running(ero.national_operations_per_year, ero.operation_days);
        Operations {
            office: (0..offices).map(|_| poisson(rng, office)).collect(),
            national: poisson(rng, national),
        }
    }

    /// A new day: each running operation ends with probability `1 / operation_days`, then
    /// new ones start (Poisson with the day's rate).
    pub fn advance<R: Rng + ?Sized>(&mut self, ero: &EroWorkforce, rng: &mut R) {
        let end = 1.0 / ero.operation_days.max(1.0);
        let step = |n: &mut u32, per_year: f64, rng: &mut R| {
            let survivors = (0..*n).filter(|_| des::dist::unit(rng) >= end).count() as u32;
            *n = survivors + poisson(rng, per_year.max(0.0) / 365.0);
        };
        for n in &mut self.office {
            step(n, ero.office_operations_per_year, rng);
        }
        step(&mut self.national, ero.national_operations_per_year, rng);
    }

    /// The effort factor of office `o` today: its own operations' and the nationwide ones'.
    pub fn factor(&self, ero: &EroWorkforce, o: usize) -> f64 {
        let days = ero.operation_days;
        operation_factor(
            ero.office_operations_per_year,
            ero.office_operation_effort,
            days,
            self.office[o],
        ) * operation_factor(
            ero.national_operations_per_year,
            ero.national_operation_effort,
            days,
            self.national,
        )
    }

    /// Operations running in office `o` today (its own, not the nationwide ones).
    pub fn running(&self, o: usize) -> u32 {
        self.office[o]
    }
}

/// A Poisson draw that tolerates zero means (no draw is made then, so a scenario without
/// operations consumes nothing of the stream).
fn poisson<R: Rng + ?Sized>(rng: &mut R, mean: f64) -> u32 {
    if !mean.is_finite() || mean <= 0.0 {
        return 0;
    }
    rand_distr::Poisson::new(mean).map_or(0, |p| rand_distr::Distribution::sample(&p, rng) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit;

    #[test]
    fn weekday_weights_average_one_and_weekends_are_lower() {
        let mut ero = testkit::tiny().ero;
        ero.weekend_effort = 0.31;
        let monday = Date::from_ymd(2025, 6, 2).unwrap();
        assert_eq!(weekday(monday), 0);
        assert_eq!(weekday(Date::from_ymd(1970, 1, 1).unwrap()), 3);
        let w: Vec<f64> = (0..7).map(|i| weekday_weight(&ero, monday.plus(i))).collect();
        assert!((w.iter().sum::<f64>() / 7.0 - 1.0).abs() < 1e-12, "{w:?}");
        assert!((w[5] / w[0] - 0.31).abs() < 1e-12 && w[6] == w[5] && w[4] == w[0]);
        ero.weekend_effort = 1.0;
        assert!((0..7).all(|i| weekday_weight(&ero, monday.plus(i)) == 1.0));
    }

    #[test]
    fn the_operation_factor_has_expectation_one() {
        // E[(1 + a n) / (1 + a E n)] = 1 for any law of n with mean E n: check on Poisson.
        let (per_year, effort, days) = (6.0, 4.0, 7.0);
        let m = expected_running(per_year, days);
        let mut p = (-m).exp();
        let mut e = 0.0;
        for n in 0..60u32 {
            e += p * operation_factor(per_year, effort, days, n);
            p *= m / f64::from(n + 1);
        }
        assert!((e - 1.0).abs() < 1e-12, "{e}");
        assert_eq!(operation_factor(0.0, 4.0, 7.0, 0), 1.0);
        assert!(operation_factor(per_year, effort, days, 1) > 2.5);
    }
}
