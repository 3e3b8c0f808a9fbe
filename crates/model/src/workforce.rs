//! The ERO workforce as a stock that moves, stated once for both solvers: officers away
//! on escort duty, new officers still learning the job, and officers lost to sustained
//! overtime until hiring replaces them.
//!
//! An office's `officers` schedule is its headcount net of normal turnover (the hiring that
//! replaces ordinary departures keeps it). Three things take officer-days from it:
//!
//! - **escorts**: removal flights need officers on board, `escort_officers_per_seat` per
//!   person flown, each away `escort_days_per_flight` days; the officer-days a day's
//!   flights take are taken from the next day's enforcement, from the flight-hub offices in
//!   proportion to their officers (an empty seat needs no escort);
//! - **transfer escorts**: people moved between areas — placed in another AOR for lack of a
//!   free rated bed at home, or moved from where they are held to a flight hub or land-border
//!   office once their travel documents come — need officers with them,
//!   `transfer_escort_officers_per_person` per person moved, each away
//!   `transfer_escort_days` days; a day's moves are taken from the next day's enforcement of
//!   the sending office (the arresting office, whose case it is);
//! - **learning**: an officer who joined (an upward step of the schedule, e.g. a `hire`
//!   cohort) works at `new_officer_productivity` on the first day and reaches full
//!   productivity linearly over `field_training_days`;
//! - **attrition from overtime**: sustained overtime (its mean over `overtime_memory_days`,
//!   an exponential average) makes officers leave beyond normal turnover at
//!   `attrition_per_overtime` per officer-year per unit of overtime share; the lost are
//!   replaced by hiring at rate `1 / replacement_days`.
//!
//! Both solvers hold one [`Workforce`], tell it each morning how many people yesterday's
//! flights removed ([`Workforce::flown`]), count each move between areas as it happens
//! ([`Workforce::moved`]; the morning's [`Workforce::flown`] turns yesterday's into today's
//! officer-days), take [`Workforce::away`] into the office's day
//! ([`crate::effort::Reinforcements::officers_away`]) and report the overtime the office
//! worked with [`Workforce::close_day`]; the DES's overtime is its expected day's, so with
//! the same pools both solvers move the stock identically.

use crate::config::{Office, Scenario};
use crate::date::Date;

/// Officer-days an office cannot spend on enforcement today, by reason.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Away {
    /// Officer-days on removal-flight escorts.
    pub escort: f64,
    /// Officer-days escorting people moved between areas (domestic transfers).
    pub transfer_escort: f64,
    /// Officer-days of new officers' productivity still missing (learning curve).
    pub learning: f64,
    /// Officer-days of officers lost to overtime-driven attrition, not yet replaced.
    pub lost: f64,
}

impl Away {
    /// All officer-days away.
    pub fn total(&self) -> f64 {
        self.escort + self.transfer_escort + self.learning + self.lost
    }
}

/// The moving part of each office's workforce.
#[derive(Clone, Debug)]
pub struct Workforce {
    /// Officers lost to overtime-driven attrition and not yet replaced, per office.
    lost: Vec<f64>,
    /// Exponential mean of the overtime share worked, per office.
    overtime: Vec<f64>,
    /// National officer-days on escort today (from yesterday's flights).
    escort: f64,
    /// People moved between areas since the morning, per sending office.
    moving: Vec<f64>,
    /// Officer-days on transfer escorts today (from yesterday's moves), per office.
    transfer: Vec<f64>,
}

impl Workforce {
    /// No one lost, no overtime remembered.
    pub fn new(offices: usize) -> Workforce {
        Workforce {
            lost: vec![0.0; offices],
            overtime: vec![0.0; offices],
            escort: 0.0,
            moving: vec![0.0; offices],
            transfer: vec![0.0; offices],
        }
    }

    /// Officers office `o` has lost to overtime and not yet replaced.
    pub fn lost(&self, o: usize) -> f64 {
        self.lost[o]
    }

    /// The morning: yesterday's flights removed `people`, and the moves counted since
    /// yesterday's morning become today's escort officer-days.
    pub fn flown(&mut self, sc: &Scenario, people: f64) {
        self.escort = escort_officer_days(sc, people);
        for (t, m) in self.transfer.iter_mut().zip(&mut self.moving) {
            *t = transfer_escort_officer_days(sc, std::mem::take(m));
        }
    }

    /// Office `o` (the arresting office) sent `people` to another area: they are escorted.
    pub fn moved(&mut self, o: usize, people: f64) {
        self.moving[o] += people.max(0.0);
    }

    /// Office `o`'s officer-days away on `date` (the date whose parameters are in force).
    pub fn away(&self, sc: &Scenario, o: usize, date: Date) -> Away {
        self.away_at(sc, o, date, hub_officers(sc, date))
    }

    /// [`Workforce::away`] given the flight hubs' officers on `date` ([`hub_officers`]),
    /// which are the same for every office: added up once a day rather than per office.
    pub fn away_at(&self, sc: &Scenario, o: usize, date: Date, hubs: f64) -> Away {
        let office = &sc.offices[o];
        let availability = sc.ero.availability;
        Away {
            escort: self.escort * hub_share(sc, o, date, hubs),
            transfer_escort: self.transfer[o],
            learning: learning_deficit(office, sc, date) * availability,
            lost: self.lost[o] * availability,
        }
    }

    /// Closes office `o`'s day on which it worked overtime share `overtime`.
    pub fn close_day(&mut self, sc: &Scenario, o: usize, date: Date, overtime: f64) {
        let w = &sc.ero;
        let memory = w.overtime_memory_days.max(1.0);
        let mean = &mut self.overtime[o];
        *mean += (overtime.max(0.0) - *mean) / memory;
        let officers = (sc.offices[o].officers.at(date).max(0.0) - self.lost[o]).max(0.0);
        let leaving = officers * w.attrition_per_overtime * *mean / 365.0;
        let replaced =
            if w.replacement_days > 0.0 { self.lost[o] / w.replacement_days } else { 0.0 };
        self.lost[o] = (self.lost[o] + leaving - replaced).max(0.0);
    }
}

/// National officer-days on removal-flight escorts that flights removing `people` take:
/// people × escorts per person flown × days each escort is away.
pub fn escort_officer_days(sc: &Scenario, people: f64) -> f64 {
    people.max(0.0) * sc.ero.escort_officers_per_seat * sc.ero.escort_days_per_flight
}

/// Officer-days escorting `people` moved between areas: people × escorts per person moved ×
/// days each escort is away.
pub fn transfer_escort_officer_days(sc: &Scenario, people: f64) -> f64 {
    people.max(0.0) * sc.ero.transfer_escort_officers_per_person * sc.ero.transfer_escort_days
}

/// The officers of all flight hubs on `date`.
pub fn hub_officers(sc: &Scenario, date: Date) -> f64 {
    sc.offices.iter().filter(|x| x.flight_hub).map(|x| x.officers.at(date).max(0.0)).sum()
}

/// Office `o`'s share of the escorts: its officers over all flight hubs' (`hubs`,
/// [`hub_officers`]; 0 off the hubs).
fn hub_share(sc: &Scenario, o: usize, date: Date, hubs: f64) -> f64 {
    if !sc.offices[o].flight_hub {
        return 0.0;
    }
    if hubs > 0.0 { sc.offices[o].officers.at(date).max(0.0) / hubs } else { 0.0 }
}

/// Officers' productivity still missing on `date` from those who joined within the field
/// training period: each upward step of the `officers` schedule adds joiners who start at
/// `new_officer_productivity` and learn linearly.
fn learning_deficit(office: &Office, sc: &Scenario, date: Date) -> f64 {
    let (start, days) =
        (sc.ero.new_officer_productivity.clamp(0.0, 1.0), sc.ero.field_training_days);
    if days <= 0.0 || start >= 1.0 {
        return 0.0;
    }
    let steps = &office.officers.steps;
    let mut deficit = 0.0;
    for (i, &(from, value)) in steps.iter().enumerate().skip(1) {
        let joined = value - steps[i - 1].1;
        if joined <= 0.0 || from > date {
            continue;
        }
        let since = date.days_after(from) as f64;
        if since < days {
            deficit += joined * (1.0 - start) * (1.0 - since / days);
        }
    }
    deficit
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Schedule;
    use crate::testkit;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn joiners_learn_linearly_over_field_training() {
        let mut sc = testkit::tiny();
        sc.ero.new_officer_productivity = 0.25;
        sc.ero.field_training_days = 100.0;
        sc.offices[0].officers =
            Schedule { steps: vec![(Date::MIN, 100.0), (d("2025-01-01"), 140.0)] };
        let a = sc.ero.availability;
        let w = Workforce::new(1);
        assert_eq!(w.away(&sc, 0, d("2024-12-31")).learning, 0.0);
        // Day 0: 40 joiners at 25% → 30 officers' work missing; halfway: 15; after: none.
        assert!((w.away(&sc, 0, d("2025-01-01")).learning - 30.0 * a).abs() < 1e-9);
        assert!((w.away(&sc, 0, d("2025-02-20")).learning - 15.0 * a).abs() < 1e-9);
        assert_eq!(w.away(&sc, 0, d("2025-04-11")).learning, 0.0);
    }

    #[test]
    fn sustained_overtime_raises_attrition_and_hiring_replaces_it() {
        let mut sc = testkit::tiny();
        sc.ero.attrition_per_overtime = 0.4;
        sc.ero.overtime_memory_days = 30.0;
        sc.ero.replacement_days = 365.0;
        let day = d("2025-01-01");
        let officers = sc.offices[0].officers.at(day);
        let (mut calm, mut pressed) = (Workforce::new(1), Workforce::new(1));
        for _ in 0..365 {
            calm.close_day(&sc, 0, day, 0.0);
            pressed.close_day(&sc, 0, day, 0.3);
        }
        assert_eq!(calm.lost(0), 0.0);
        // Steady state: leaving = officers × 0.4 × 0.3 / 365 = replaced = lost / 365
        // → lost ≈ 0.12 × (officers − lost) ≈ 10.7% of officers; after one year (memory
        // 30 d, replacement 365 d) about 1 − e^{-1} of the way there.
        let steady = officers * 0.12 / 1.12;
        let lost = pressed.lost(0);
        assert!(
            lost > 0.5 * steady && lost < 0.75 * steady,
            "lost {lost:.2} of steady {steady:.2}"
        );
        assert!((pressed.away(&sc, 0, day).lost - lost * sc.ero.availability).abs() < 1e-12);
    }

    #[test]
    fn escorts_follow_people_flown_and_fall_on_flight_hubs() {
        let mut sc = testkit::tiny();
        sc.ero.escort_officers_per_seat = 0.05;
        sc.ero.escort_days_per_flight = 2.0;
        let day = d("2025-01-01");
        assert!((escort_officer_days(&sc, 40.0) - 4.0).abs() < 1e-12);
        let mut w = Workforce::new(1);
        sc.offices[0].flight_hub = true;
        assert_eq!(w.away(&sc, 0, day).escort, 0.0, "no flight yet");
        w.flown(&sc, 40.0);
        assert!((w.away(&sc, 0, day).escort - 4.0).abs() < 1e-12);
        sc.offices[0].flight_hub = false;
        assert_eq!(w.away(&sc, 0, day).escort, 0.0, "not a hub");
    }

    #[test]
    fn transfer_escorts_follow_yesterdays_moves_of_the_sending_office() {
        let mut sc = testkit::tiny();
        sc.ero.transfer_escort_officers_per_person = 0.05;
        sc.ero.transfer_escort_days = 1.5;
        let day = d("2025-01-01");
        assert!((transfer_escort_officer_days(&sc, 40.0) - 3.0).abs() < 1e-12);
        let mut w = Workforce::new(1);
        w.moved(0, 30.0);
        w.moved(0, 10.0);
        assert_eq!(w.away(&sc, 0, day).transfer_escort, 0.0, "counted from the next morning");
        w.flown(&sc, 0.0);
        let away = w.away(&sc, 0, day);
        assert!((away.transfer_escort - 3.0).abs() < 1e-12);
        assert!((away.total() - 3.0).abs() < 1e-12);
        w.flown(&sc, 0.0);
        assert_eq!(w.away(&sc, 0, day).transfer_escort, 0.0, "one day's moves, one day's escorts");
    }
}
