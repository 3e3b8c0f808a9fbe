//! The discrete-event process of the pipeline: one replication of a scenario.
//!
//! Time is in seconds (`TICKS_PER_DAY` ticks a day). A `Day` event at each midnight sets
//! the day's capacities and draws that day's arrests and apprehensions (Poisson counts
//! around the expectations of [`crate::effort`], at uniform times in the day); each case
//! then moves through booking, detention, court, travel documents and transport by its own
//! events. Warm-up days run first with the start-day parameters and are not recorded.

mod case;
mod custody;
mod day;
mod invariants;
mod review;

use std::collections::VecDeque;

use des::{Calendar, Model, Pool, SimTime, Simulation, Stream, Streams};

use crate::config::Scenario;
use crate::date::Date;
use crate::effort;
use crate::ids::FacilityKind;
use crate::mechanisms::{self, AdmissionRule, DepartureSchedule};
use crate::metrics::{Daily, Durations};
use crate::replication::Replication;
use crate::run::Hooks;
use case::{CaseRef, Cases};

/// Ticks (seconds) per simulated day.
pub const TICKS_PER_DAY: u64 = 86_400;

/// The events of the pipeline. Case events carry a generation-checked reference.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Ev {
    Day,
    Arrest {
        office: u16,
        channel: u8,
        category: u8,
    },
    /// A border apprehension reaches ICE after `wait` ticks in Border Patrol custody.
    BorderHandover {
        office: u16,
        wait: u32,
    },
    Arrive(CaseRef),
    HoldExpired(CaseRef),
    /// A discretionary release drawn in the case's `release_epoch`.
    DiscretionaryRelease(CaseRef, u8),
    CourtDone(CaseRef),
    DocsReady(CaseRef),
    AtHub(CaseRef),
    CustodyLimit(CaseRef),
    VoluntaryDeparture(CaseRef),
    Flight,
    Land {
        slots: u32,
    },
}

struct Rngs {
    arrests: Stream,
    border: Stream,
    cases: Stream,
    court: Stream,
    /// The reason (parole or bond) of each discretionary release: its own stream, so the
    /// release times drawn from `court` are the same whatever the split.
    release_reason: Stream,
    docs: Stream,
    transport: Stream,
    review: Stream,
    /// One-off leadership rotations' multipliers: their own stream, so a scenario without
    /// them draws everything else as before.
    rotation: Stream,
    /// Multi-day operations ([`crate::variation::Operations`]): their own stream, so a
    /// scenario without them draws everything else as before.
    operations: Stream,
}

/// Per-office state that persists from day to day.
struct OfficeState {
    /// Reachable pools (at-large tiers, community), moved per arrest.
    pools: effort::Pools,
    /// Bed pools by facility type; their servers are the surge ceilings
    /// ([`mechanisms::surge_ceiling`]), the rated beds are `rated`.
    beds: Vec<Pool<CaseRef>>,
    /// Rated beds by facility type today.
    rated: Vec<u32>,
    cbp_hold: VecDeque<CaseRef>,
}

/// The pipeline model.
pub(crate) struct Pipeline<'a> {
    sc: &'a Scenario,
    rng: Rngs,
    /// Day index since the start of the warm-up.
    day: u32,
    offices: Vec<OfficeState>,
    cases: Cases,
    court: Pool<CaseRef>,
    land_queue: VecDeque<CaseRef>,
    flight_queue: VecDeque<CaseRef>,
    cbp_held: usize,
    /// Whether the border admission ceiling has refused anyone yet: from then on a place
    /// left under it goes to the longest CBP line (`fill_under_ceiling`); before, a freed
    /// bed goes to its own AOR's line as without a ceiling, so a ceiling never reached
    /// changes nothing.
    ceiling_bound: bool,
    departures: DepartureSchedule,
    daily: Daily,
    durations: Durations,
    inv: invariants::Tracker,
    /// Detained count (all AORs), kept in step with the bed pools.
    detained: i64,
    /// Per home (arresting) office: its people detained in another AOR's facilities, kept
    /// in step at admission and book-out (a case's facility AOR does not change in custody).
    held_away: Vec<i64>,
    /// Per home (arresting) office: its CBP-arrested people detained, kept in step at
    /// admission and book-out (ICE's statistics by arresting agency).
    detained_cbp: Vec<i64>,
    /// Quarterly reviews: tallies since the last review.
    review: review::ReviewState,
    /// Each office's leadership (reviews' and one-off rotations') and the quarter's tally.
    leadership: crate::leadership::Leadership,
    /// Officers away: escorts, learning, overtime attrition.
    workforce: crate::workforce::Workforce,
    /// People removed by flight since the day began (the next day's escorts).
    flown_today: u64,
    /// Where interior (`[0]`) and border (`[1]`) cases go when rated beds are full.
    rules: [AdmissionRule; 2],
    /// Operations running today, by office and nationwide.
    operations: crate::variation::Operations,
    /// The non-detained stocks (ATD, docket), stepped at each measured day's end.
    nondetained: crate::nondetained::Live,
    /// Check-in arrests drawn today, per office: what the stocks lose at the day's end.
    checkins_today: Vec<f64>,
    /// The discretionary-release hazards in force (bond held to the dockets).
    release: mechanisms::ReleaseHazards,
    /// People in court (interior, border) when the bond dockets were last set
    /// ([`mechanisms::bond_docket_due`]).
    in_court: [f64; 2],
}

impl<'a> Pipeline<'a> {
    fn new(sc: &'a Scenario, streams: &Streams) -> Self {
        let zero = SimTime::ZERO;
        let offices = sc
            .offices
            .iter()
            .map(|o| {
                let rated: Vec<u32> = FacilityKind::ALL
                    .iter()
                    .map(|k| {
                        let beds = o.beds.iter().find(|b| b.kind == *k);
                        beds.map_or(0.0, |b| b.beds.at(sc.start)).round().max(0.0) as u32
                    })
                    .collect();
                let beds = FacilityKind::ALL
                    .iter()
                    .map(|k| {
                        let share = sc.detention.surge_share[k.index()];
                        let ceiling = mechanisms::surge_ceiling(rated[k.index()] as f64, share);
                        Pool::new(ceiling as u32, zero).with_limit(0, des::Overflow::Divert)
                    })
                    .collect();
                OfficeState {
                    pools: effort::Pools::initial(o),
                    beds,
                    rated,
                    cbp_hold: VecDeque::new(),
                }
            })
            .collect();
        let n = sc.offices.len();
        let mut operations_rng = streams.stream("operations");
        let operations = crate::variation::Operations::new(&sc.ero, n, &mut operations_rng);
        Pipeline {
            sc,
            rng: Rngs {
                arrests: streams.stream("arrests"),
                border: streams.stream("border"),
                cases: streams.stream("cases"),
                court: streams.stream("court"),
                release_reason: streams.stream("release-reason"),
                docs: streams.stream("travel-documents"),
                transport: streams.stream("transport"),
                review: streams.stream("review"),
                rotation: streams.stream("rotation"),
                operations: operations_rng,
            },
            day: 0,
            offices,
            cases: Cases::default(),
            court: Pool::new(
                sc.courts.detained_docket_slots.at(sc.start).round().max(0.0) as u32,
                zero,
            ),
            land_queue: VecDeque::new(),
            flight_queue: VecDeque::new(),
            cbp_held: 0,
            ceiling_bound: false,
            departures: DepartureSchedule::default(),
            daily: Daily::new(sc.days as usize, n),
            durations: Durations::new(n),
            inv: invariants::Tracker::new(sc.days as usize),
            detained: 0,
            held_away: vec![0; n],
            detained_cbp: vec![0; n],
            review: review::ReviewState::new(n),
            leadership: crate::leadership::Leadership::new(sc),
            workforce: crate::workforce::Workforce::new(n),
            flown_today: 0,
            rules: [false, true].map(|border| AdmissionRule::new(&sc.detention, border)),
            operations,
            nondetained: crate::nondetained::Live::new(sc),
            checkins_today: vec![0.0; n],
            release: mechanisms::ReleaseHazards::at(&sc.detention, sc.start),
            in_court: [0.0; 2],
        }
    }

    /// The measured-day index of time `t`, or `None` during warm-up.
    #[inline]
    fn measured_day(&self, t: SimTime) -> Option<usize> {
        let d = (t.ticks() / TICKS_PER_DAY) as i64 - self.sc.warmup_days as i64;
        (d >= 0 && d < self.sc.days as i64).then_some(d as usize)
    }

    /// Adds to today's row of `office` if the day is measured.
    #[inline]
    fn record(&mut self, t: SimTime, office: u16, m: crate::metrics::Metric, x: f64) {
        if let Some(d) = self.measured_day(t) {
            self.daily.add(d, office as usize, m, x);
        }
    }

    /// When the measured window opens.
    fn window_start(&self) -> SimTime {
        SimTime(self.sc.warmup_days as u64 * TICKS_PER_DAY)
    }

    /// The date whose parameters apply on simulated day `day` (warm-up uses the start).
    fn param_date(&self, day: u32) -> Date {
        if day < self.sc.warmup_days {
            self.sc.start
        } else {
            self.sc.start.plus((day - self.sc.warmup_days) as i32)
        }
    }

    /// The date whose parameters apply at time `t`.
    #[inline]
    fn date_at(&self, t: SimTime) -> Date {
        self.param_date((t.ticks() / TICKS_PER_DAY) as u32)
    }
}

impl Model for Pipeline<'_> {
    type Event = Ev;

    fn handle(&mut self, now: SimTime, ev: Ev, cal: &mut Calendar<Ev>) {
        match ev {
            Ev::Day => self.on_day(now, cal),
            Ev::Arrest { office, channel, category } => {
                self.on_arrest(now, office, channel, category, cal)
            }
            Ev::BorderHandover { office, wait } => self.on_border_handover(now, office, wait, cal),
            Ev::Arrive(r) => self.on_arrive(now, r, cal),
            Ev::HoldExpired(r) => self.on_hold_expired(now, r, cal),
            Ev::DiscretionaryRelease(r, epoch) => self.on_discretionary_release(now, r, epoch, cal),
            Ev::CourtDone(r) => self.on_court_done(now, r, cal),
            Ev::DocsReady(r) => self.on_docs_ready(now, r, cal),
            Ev::AtHub(r) => self.on_at_hub(now, r),
            Ev::CustodyLimit(r) => self.on_custody_limit(now, r, cal),
            Ev::VoluntaryDeparture(r) => self.on_voluntary_departure(now, r, cal),
            Ev::Flight => self.on_flight(now, cal),
            Ev::Land { slots } => self.on_land(now, slots, cal),
        }
    }
}

/// Runs one replication of `sc` with the given random streams.
pub fn run_replication(sc: &Scenario, streams: &Streams) -> Replication {
    let mut sim = start(sc, streams);
    sim.run_until(end_of(sc));
    finish(sc, sim)
}

/// Like [`run_replication`], reporting each measured day to `hooks.on_day` as it closes and
/// giving up (`None`) when `hooks.cancel` is set, checked before every simulated day.
///
/// The run advances one day at a time only when there is someone to tell or something to
/// obey; events run in exactly the same order either way (the calendar orders by time and
/// sequence, not by how far each `run_until` reaches), so results are bit-identical.
pub(crate) fn run_replication_hooked(
    sc: &Scenario,
    streams: &Streams,
    hooks: &Hooks,
) -> Option<Replication> {
    if hooks.on_day.is_none() && hooks.cancel.is_none() {
        return Some(run_replication(sc, streams));
    }
    let mut sim = start(sc, streams);
    let replication = u32::try_from(streams.replication()).unwrap_or(u32::MAX);
    for day in 1..=sc.warmup_days as u64 + sc.days as u64 {
        if hooks.cancelled() {
            return None;
        }
        // The `Day` event at this midnight closes the day before into `daily`.
        sim.run_until(SimTime(day * TICKS_PER_DAY));
        if let Some(on_day) = hooks.on_day
            && let Some(d) = (day - 1).checked_sub(sc.warmup_days as u64)
        {
            let d = d as usize;
            on_day(replication, d, sim.model().daily.day_rows(d));
        }
    }
    Some(finish(sc, sim))
}

/// The end of the last measured day.
fn end_of(sc: &Scenario) -> SimTime {
    SimTime((sc.warmup_days as u64 + sc.days as u64) * TICKS_PER_DAY)
}

/// A replication at time zero, its first day scheduled.
fn start<'a>(sc: &'a Scenario, streams: &Streams) -> Simulation<Pipeline<'a>> {
    // Most pending events are deadlines weeks ahead: keep them in day buckets.
    let calendar = des::Calendar::with_buckets(des::SimDuration(TICKS_PER_DAY));
    let mut sim = Simulation::with_calendar(Pipeline::new(sc, streams), calendar);
    sim.schedule(SimTime::ZERO, Ev::Day);
    sim
}

/// Closes a replication that has reached the end: open stays, bed areas, invariants.
fn finish(sc: &Scenario, sim: Simulation<Pipeline<'_>>) -> Replication {
    let end = end_of(sc);
    let events = sim.events();
    let mut p = sim.into_model();
    let pools_ok = p.offices.iter().all(|o| o.pools.non_negative());
    // Stays still open at the end count up to the end.
    let open = p.window_start();
    let still_in: Vec<(usize, bool, u64)> = p
        .cases
        .iter_live()
        .filter(|c| c.phase.detained())
        .map(|c| {
            (c.facility as usize, c.booked_at >= open, end.ticks() - c.booked_at.max(open).ticks())
        })
        .collect();
    for (k, admitted_in_window, ticks) in still_in {
        p.inv.stay_in_window(k, admitted_in_window, ticks);
    }
    let mut area = [0.0; FacilityKind::COUNT];
    for o in &p.offices {
        for (k, pool) in o.beds.iter().enumerate() {
            area[k] += pool.stats().busy.area(end);
        }
    }
    let invariants = p.inv.finish(sc.days, area, pools_ok);
    Replication {
        peak_cases: p.cases.capacity(),
        daily: p.daily,
        durations: p.durations,
        invariants,
        events,
    }
}
