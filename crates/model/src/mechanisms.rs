//! The model's mechanisms, each stated once as a pure function of the date, the
//! parameters and the state, and called by both solvers: the discrete-event simulation
//! ([`crate::run_replication`]) draws around what they return (Poisson counts, uniform
//! times, one case at a time), the fluid approximation ([`crate::fluid`]) books the
//! expectation as it is.
//!
//! | mechanism | here | DES | fluid |
//! |---|---|---|---|
//! | an office's expected arrests by channel | [`crate::effort::office_day`] | `sim/day.rs` | `fluid/arrivals.rs` |
//! | … split by criminal-history category | [`arrests_by_category`] | Poisson per cell | booked per cell |
//! | a sector's apprehensions, book-ins, direct removals, gotaways | `sector_day` | Poisson per part | expected parts |
//! | the day's flights and land slots, and when they leave | [`DepartureSchedule`] | `Flight`/`Land` events | departure lists |
//! | charter flights added on demand for the flight line | [`FlightSurge`] | counted line at midnight | expected line |
//! | personnel cost (overtime at its premium), by who is paid | [`personnel_cost`] | recorded | recorded |
//! | officers away: flight and transfer escorts, learning, overtime attrition | [`crate::workforce::Workforce`] | one per replication | one per run |
//! | where a case is placed when beds are full (rated, surge, transfer, hold, release) | [`AdmissionRule`], [`surge_ceiling`] | [`AdmissionRule::place`] per case | the same rooms filled in order with expected flows (`fluid/beds.rs`) |
//! | managed occupancy: CBP transfers only below a national ceiling, ICE's own arrests first | [`border_room`] | one transfer while a whole place is left (at arrival, at each exit) | the day's room after interior arrivals, shared over the CBP line then new arrivals (`fluid/beds.rs`) |
//! | discretionary release split: ICE parole/recognizance and bond | [`ReleaseHazards`] | one hazard drawn, the reason drawn at the release | released mass split by the same shares |
//! | bond hearings held to the courts' bond dockets (a national capacity) | [`ReleaseHazards::docketed`], [`bond_docket_due`] | the stock in court counted weekly, pending releases redrawn when the hazard changes | the court lanes' stock read weekly, the chains refit |
//! | end-of-day stocks, bed cost, person-days over rated and surge cost | [`StockRow::write`] | from bed pools and case phases | from the flows' stocks |

use crate::config::{Channels, Costs, Detention, EroWorkforce, Removal, Scenario, Schedule};
use crate::date::Date;
use crate::effort::{self, OfficeDay, Staffing};
use crate::ids::{Category, CategoryMix, Channel, FacilityKind, WhenFull};
use crate::metrics::{METRIC_COUNT, Metric};
use crate::workforce::Away;

/// Expected arrests of one office on one day, `[channel][category]` (border apprehensions
/// are zero here: sectors bring them, see `sector_day`).
pub type ArrestMeans = [[f64; Category::COUNT]; Channel::COUNT];

/// Category mix of those met in public-space and worksite operations (and at others'
/// arrests): the configured criminal shares, the rest with no record.
pub fn operations_mix(ch: &Channels) -> [f64; Category::COUNT] {
    let crim = ch.operations_criminal_share;
    [crim[0], crim[1], (1.0 - crim[0] - crim[1]).max(0.0)]
}

/// Splits an office's expected arrests by channel into channel × category, each channel by
/// the mix its registry entry names ([`crate::ids::ChannelInfo::mix`]).
pub fn arrests_by_category(
    od: &OfficeDay,
    custodial_mix: &[f64; Category::COUNT],
    operations_mix: &[f64; Category::COUNT],
) -> ArrestMeans {
    Channel::ALL.map(|ch| {
        let total = od.by_channel[ch.index()];
        match ch.info().mix {
            CategoryMix::Custodial => custodial_mix.map(|p| p * total),
            CategoryMix::AtLargeTiers => od.at_large_by_category,
            CategoryMix::Operations => operations_mix.map(|p| p * total),
            CategoryMix::Border => [0.0; Category::COUNT],
            CategoryMix::NonDetained => {
                let mut v = [0.0; Category::COUNT];
                v[Category::NoRecord.index()] = total;
                v
            }
        }
    })
}

/// One Border Patrol sector's expected day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SectorDay {
    /// Office receiving the sector's cases (index in `Scenario::offices`).
    pub office: usize,
    /// Expected apprehensions handed to ICE for a book-in, people/day.
    pub booked: f64,
    /// Expected apprehensions removed straight from CBP custody, people/day.
    pub direct: f64,
    /// Expected apprehensions released or processed otherwise by CBP, people/day.
    pub other: f64,
    /// Expected crossings not apprehended, people/day.
    pub gotaways: f64,
    /// Gotaways caused by agents detailed inland (vs no detail), people/day.
    pub extra_gotaways: f64,
}

impl SectorDay {
    /// Expected apprehensions, all outcomes (the three parts the DES draws separately).
    pub fn apprehensions(&self) -> f64 {
        self.booked + self.direct + self.other
    }
}

/// Sector `i`'s expected day on `date` with `staffing`'s agents detailed inland, given the
/// day's border book-in and direct-removal shares.
pub(crate) fn sector_day(
    sc: &Scenario,
    i: usize,
    date: Date,
    staffing: &Staffing,
    book: f64,
    direct: f64,
) -> SectorDay {
    let s = &sc.sectors[i];
    let crossings = s.crossings_per_day.at(date).max(0.0);
    let moved = staffing.moved_by_sector[i].min(s.agents);
    let p_full = effort::apprehension_probability(&sc.channels, s.agents, crossings);
    let p = effort::apprehension_probability(&sc.channels, s.agents - moved, crossings);
    let mean = crossings * p;
    SectorDay {
        office: s.receiving_office.0 as usize,
        booked: mean * book,
        direct: mean * direct,
        other: mean * (1.0 - book - direct).max(0.0),
        gotaways: crossings * (1.0 - p),
        extra_gotaways: crossings * (p_full - p),
    }
}

/// A time of day as the fraction `num / den` of a day, so the DES (integer ticks) and the
/// fluid (a real fraction) place a departure at the same instant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeOfDay {
    num: u64,
    den: u64,
}

impl TimeOfDay {
    /// Noon: when the day's land slots leave.
    pub const NOON: TimeOfDay = TimeOfDay { num: 1, den: 2 };

    /// The `i`-th of `n` flights of a day: at (2i+1)/2n, spread evenly over the day.
    pub fn flight(i: u64, n: u64) -> TimeOfDay {
        TimeOfDay { num: 2 * i + 1, den: 2 * n }
    }

    /// Ticks into the day, for `per_day` ticks a day (rounded down).
    pub fn ticks(self, per_day: u64) -> u64 {
        per_day * self.num / self.den
    }

    /// Fraction of the day, in [0, 1).
    pub fn fraction(self) -> f64 {
        self.num as f64 / self.den as f64
    }
}

/// Charter flights added on demand (ICE Air's surge charters, military and third-country
/// flights): when the line waiting for a seat holds more than `queue_days` days of the
/// day's seats, flights are added — up to a contracted ceiling — so that the line would
/// hold `queue_days` days of seats; the added flights follow that want with a first-order
/// lag of `lag_days` (chartering, crews, landing rights). A ceiling of 0 turns it off.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct FlightSurge {
    /// Most flights a week that can be added (the contracted ceiling), flights/week.
    pub ceiling_per_week: f64,
    /// Days of seats the line may hold before flights are added, days.
    pub queue_days: f64,
    /// Mean lag of the added flights behind the want, days (≤ 1: no lag).
    pub lag_days: f64,
}

impl FlightSurge {
    /// The scenario's surge parameters on `date`.
    pub fn at(r: &Removal, date: Date) -> FlightSurge {
        FlightSurge {
            ceiling_per_week: r.surge_flights_per_week.at(date).max(0.0),
            queue_days: r.surge_queue_days,
            lag_days: r.surge_lag_days,
        }
    }

    /// Flights a day wanted on top of `scheduled_per_week`, with `waiting` people in the
    /// flight line and `seats` seats a flight: the flights a day that would hold the line
    /// to `queue_days` days of seats, less the scheduled ones, between 0 and the ceiling.
    pub fn wanted(&self, waiting: f64, scheduled_per_week: f64, seats: f64) -> f64 {
        if self.ceiling_per_week <= 0.0 || seats <= 0.0 || self.queue_days <= 0.0 {
            return 0.0;
        }
        let needed = waiting.max(0.0) / (self.queue_days * seats);
        (needed - scheduled_per_week.max(0.0) / 7.0).clamp(0.0, self.ceiling_per_week / 7.0)
    }
}

/// Removal transport in whole departures: the scheduled rates (flights a week, land
/// slots a day) and the flights added on demand ([`FlightSurge`]) accumulate as credit and
/// each day flies the whole flights and opens the whole land slots the credit allows.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DepartureSchedule {
    flight_credit: f64,
    land_credit: f64,
    /// Flights a day added on demand, after the lag.
    added: f64,
}

/// One day's departures from [`DepartureSchedule::day`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DayDepartures {
    /// Flights today, at [`TimeOfDay::flight`].
    pub flights: u64,
    /// Land slots today (a whole number), all at [`TimeOfDay::NOON`].
    pub land_slots: f64,
    /// Flights a day added on demand today (a rate; part of `flights`' credit).
    pub added_flights: f64,
}

/// What the day's transport is asked to carry: the schedule, the seats and the flight line.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TransportDemand {
    /// Scheduled charter flights, flights/week.
    pub flights_per_week: f64,
    /// Land-removal slots, per day.
    pub land_per_day: f64,
    /// Seats per flight.
    pub seats_per_flight: f64,
    /// People waiting for a seat at the start of the day.
    pub waiting_for_flight: f64,
}

impl DepartureSchedule {
    /// Adds a day's credit at the scheduled rates (negative rates count as 0) plus the
    /// flights `surge` adds for the line in `demand`, and takes the whole departures out
    /// of it.
    pub fn day(&mut self, demand: TransportDemand, surge: FlightSurge) -> DayDepartures {
        let wanted = surge.wanted(
            demand.waiting_for_flight,
            demand.flights_per_week,
            demand.seats_per_flight,
        );
        let step = if surge.lag_days > 1.0 { 1.0 / surge.lag_days } else { 1.0 };
        self.added += (wanted - self.added) * step;
        self.added = self.added.clamp(0.0, surge.ceiling_per_week / 7.0);
        self.flight_credit += demand.flights_per_week.max(0.0) / 7.0 + self.added;
        let flights = self.flight_credit.floor();
        self.flight_credit -= flights;
        self.land_credit += demand.land_per_day.max(0.0);
        let land_slots = self.land_credit.floor();
        self.land_credit -= land_slots;
        DayDepartures { flights: flights as u64, land_slots, added_flights: self.added }
    }
}

/// Shares of a national quantity recorded at the flight-hub offices (equal shares; all
/// at the first office when there is no hub), as `(office, share)`.
pub fn flight_hub_shares(sc: &Scenario) -> Vec<(usize, f64)> {
    let hubs: Vec<usize> = (0..sc.offices.len()).filter(|o| sc.offices[*o].flight_hub).collect();
    if hubs.is_empty() {
        return if sc.offices.is_empty() { Vec::new() } else { vec![(0, 1.0)] };
    }
    let share = 1.0 / hubs.len() as f64;
    hubs.into_iter().map(|o| (o, share)).collect()
}

/// One office's personnel cost of a day, US$, by who is paid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PersonnelCost {
    /// ERO officer-days: on enforcement (overtime at its premium), on escorts, learning.
    pub ero: f64,
    /// Deputized partner officer-days at their day rate.
    pub partners: f64,
    /// Border Patrol agent-days detailed inland at their day rate.
    pub border_patrol: f64,
}

impl PersonnelCost {
    /// All three.
    pub fn total(&self) -> f64 {
        self.ero + self.partners + self.border_patrol
    }

    /// The daily columns it fills, one per payer.
    pub fn columns(&self) -> [(Metric, f64); 3] {
        [
            (Metric::CostPersonnel, self.ero),
            (Metric::CostPartners, self.partners),
            (Metric::CostBorderPatrol, self.border_patrol),
        ]
    }
}

/// One office's personnel cost of a day: ERO officer-days (on enforcement with overtime
/// at its premium, on flight and transfer escorts, learning), deputized partner officer-days and Border Patrol
/// agent-days detailed inland at their day rates.
pub fn personnel_cost(
    ero: &EroWorkforce,
    costs: &Costs,
    day: &OfficeDay,
    away: &Away,
    partner_days: f64,
    bp_days: f64,
) -> PersonnelCost {
    // Escorts, learners and officers travelling to a detail are paid; officers lost to
    // attrition are not.
    let paid = day.officer_days
        + day.overtime_days * ero.overtime_premium
        + day.detail_travel_days
        + away.escort
        + away.transfer_escort
        + away.learning;
    PersonnelCost {
        ero: paid * ero.cost_per_officer_day,
        partners: partner_days * costs.partner_officer_day,
        border_patrol: bp_days * costs.usbp_agent_day,
    }
}

/// Discretionary release while awaiting a hearing, by reason and by how the case came in.
///
/// The law releases the two sources differently. An interior arrest is detained under INA
/// 236(a): ICE may release on recognizance or supervision (the per-category policy hazard
/// `detention.release_hazard_per_day`) and a judge may set bond. A border apprehension in
/// proceedings is an applicant for admission detained under INA 235(b): only parole (INA
/// 212(d)(5); `detention.border_release_hazard_per_day`) releases it, and it has no bond
/// hearing (Matter of M-S-, 2019) unless a scenario says otherwise
/// (`detention.border_bond_eligible_share`). So a parole policy moves the border stream
/// and a bond ruling the interior one, each on its own population.
///
/// Bond-eligible detainees (the source's eligible share of those in proceedings) get a bond
/// decision after a mean `bond_decision_days`, granted with `bond_grant_share` and posted
/// with `bond_posted_share`: the bond hazard is their product over the delay (an
/// exponential decision time, so it competes with the hearing like the parole hazard).
/// Both solvers face the total hazard of the case's source and category; the DES draws
/// each release's reason with the bond share, the fluid splits its released mass by it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReleaseHazards {
    /// ICE-decided release (recognizance, supervision, parole), per day, by source
    /// (interior, border) and category.
    pub parole: [[f64; Category::COUNT]; 2],
    /// Bond, per day, by source (the same for every category).
    pub bond: [f64; 2],
    /// Bond hearings asked for per person-day in court, by source (eligible share / mean
    /// days to a decision): what the dockets are asked to hold.
    pub hearing: [f64; 2],
    /// Bond hearings the immigration courts can hold nationally, per day (infinite: no
    /// limit; [`ReleaseHazards::docketed`]).
    pub capacity: f64,
}

/// The inputs of one source's release hazards on one day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReleasePolicy {
    /// ICE-decided release per day, by category.
    pub parole: [f64; Category::COUNT],
    /// Share eligible for a bond hearing.
    pub eligible: f64,
    /// Mean days to a bond decision.
    pub decision_days: f64,
    /// Share of bond decisions that grant bond.
    pub grant: f64,
    /// Share of granted bonds that are posted.
    pub posted: f64,
}

impl ReleasePolicy {
    /// Bond hearings per person-day (negative values read as zero; no decision delay
    /// means no bond decisions).
    fn hearing(&self) -> f64 {
        if self.decision_days > 0.0 {
            self.eligible.clamp(0.0, 1.0) / self.decision_days
        } else {
            0.0
        }
    }

    /// The bond hazard per day: hearings that grant a bond that is posted.
    fn bond(&self) -> f64 {
        self.hearing() * self.grant.clamp(0.0, 1.0) * self.posted.clamp(0.0, 1.0)
    }
}

/// The share of the bond hearings asked for (`demand`, per day) that bond dockets holding
/// `capacity` hearings a day can hear: all of them while demand is below capacity, then
/// capacity / demand, so the hearings held are min(demand, capacity). Why: a bond hearing
/// is an immigration judge's work, not a property of the detained population; in April–June
/// 2025 ICE's bond book-outs stayed at ~2,450 a month while the people it held in
/// proceedings grew by a quarter (docs/calibration.md, "Bond dockets").
pub fn docket_share(capacity: f64, demand: f64) -> f64 {
    let capacity = capacity.max(0.0);
    if demand > capacity { capacity / demand } else { 1.0 }
}

/// Days (counted from the first day of the warm-up) on which both solvers read the stock
/// in court for [`ReleaseHazards::docketed`]: weekly, as courts set their dockets ahead.
/// Weekly and not daily because every change of the hazard redraws the pending releases
/// in the DES and refits the court chains in the fluid.
pub fn bond_docket_due(day: u32) -> bool {
    day.is_multiple_of(7)
}

impl ReleaseHazards {
    /// The hazards of the interior (`[0]`) and border (`[1]`) policies, with no limit on
    /// bond hearings.
    pub fn new(policy: [ReleasePolicy; 2]) -> ReleaseHazards {
        ReleaseHazards {
            parole: policy.map(|p| p.parole.map(|h| h.max(0.0))),
            bond: policy.map(|p| p.bond()),
            hearing: policy.map(|p| p.hearing()),
            capacity: f64::INFINITY,
        }
    }

    /// The hazards with the bond hearings held to the dockets' capacity when `in_court`
    /// people (interior, border) wait for their hearing: each source's bond hazard times
    /// [`docket_share`] of the hearings they ask for. The solvers read `in_court` on the
    /// days [`bond_docket_due`] says and keep it in between.
    pub fn docketed(&self, in_court: [f64; 2]) -> ReleaseHazards {
        let demand: f64 = (0..2).map(|s| self.hearing[s] * in_court[s].max(0.0)).sum();
        let share = docket_share(self.capacity, demand);
        ReleaseHazards { bond: self.bond.map(|b| b * share), ..*self }
    }

    /// The hazards of `det` in force on `date`.
    pub fn at(det: &Detention, date: Date) -> ReleaseHazards {
        ReleaseHazards::read(det, |s| s.at(date))
    }

    /// The hazards of `det` with its schedules read by `at` (the fluid's reader, which also
    /// notes when the values next change).
    pub fn read(det: &Detention, mut at: impl FnMut(&Schedule) -> f64) -> ReleaseHazards {
        let grant = at(&det.bond_grant_share);
        let capacity = at(&det.bond_hearings_per_day);
        let mut policy = |parole: &[Schedule; 3], eligible: &Schedule| ReleasePolicy {
            parole: std::array::from_fn(|c| at(&parole[c])),
            eligible: at(eligible),
            decision_days: det.bond_decision_days,
            grant,
            posted: det.bond_posted_share,
        };
        ReleaseHazards {
            capacity,
            ..ReleaseHazards::new([
                policy(&det.release_hazard_per_day, &det.bond_eligible_share),
                policy(&det.border_release_hazard_per_day, &det.border_bond_eligible_share),
            ])
        }
    }

    /// Total discretionary-release hazard by source and category.
    pub fn total(&self) -> [[f64; Category::COUNT]; 2] {
        std::array::from_fn(|s| self.parole[s].map(|h| h + self.bond[s]))
    }

    /// Share of source `s`, category `c`'s discretionary releases that are bond releases.
    pub fn bond_share(&self, s: usize, c: usize) -> f64 {
        let t = self.parole[s][c] + self.bond[s];
        if t > 0.0 { self.bond[s] / t } else { 0.0 }
    }
}

/// The most a place (office × facility type) can hold: its rated beds plus the type's surge
/// share of them, in whole beds (both solvers round the same way).
pub fn surge_ceiling(rated: f64, share: f64) -> f64 {
    (rated.max(0.0) * (1.0 + share.max(0.0))).round()
}

/// Managed occupancy: how many more CBP transfers ICE accepts when `detained` people are
/// held nationally under the border admission ceiling `ceiling` (infinite: no ceiling).
/// ICE holds what it can pay for, books its own arrests in first (they count in `detained`
/// before this is asked) and takes border cases into the room left; those it does not take
/// wait in CBP custody as when beds are full. Why: in FY2024 its population stayed at
/// 35–39k while apprehensions fell fourfold, and CBP book-ins followed its room, not the
/// border (docs/calibration.md, "FY2024's months").
pub fn border_room(ceiling: f64, detained: f64) -> f64 {
    (ceiling - detained).max(0.0)
}

/// Room a case can be placed in, tried in an [`AdmissionRule`]'s order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Room {
    /// A free rated bed in the home AOR, facility types in order (always tried first).
    HomeRated,
    /// Room above rated beds in the home AOR, up to each type's surge ceiling, types in
    /// order (`overcrowd`).
    HomeSurge,
    /// A free rated bed in any AOR: the place with the most free rated beds (`transfer`).
    Transfer,
}

/// What happens to a case that no room of its rule takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoRoom {
    /// Wait in CBP custody for a bed, up to the holding limit, then release (border cases
    /// whose `when_full` lists `hold`).
    Hold,
    /// Release for lack of a bed.
    Release,
}

/// The admission rule of a case: the rooms tried in order when its home AOR's rated beds
/// are full, read from `[detention] when_full` (and `transfer_when_full`), and what happens
/// when none has space. `hold` applies to border cases only: it ends their list (the rooms
/// after it are for interior cases), and is skipped for interior cases. The DES places one
/// case at a time with [`AdmissionRule::place`]; the fluid fills the same rooms in the same
/// order with the day's expected flows (the fluid limit of "the place with most free
/// rated beds" is water-filling).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AdmissionRule {
    rooms: [Room; 3],
    len: usize,
    /// What happens when no room has space.
    pub otherwise: NoRoom,
}

impl AdmissionRule {
    /// The rule for border (`border`) or interior cases under `det`.
    pub fn new(det: &Detention, border: bool) -> AdmissionRule {
        let mut rule =
            AdmissionRule { rooms: [Room::HomeRated; 3], len: 1, otherwise: NoRoom::Release };
        for w in &det.when_full {
            let room = match w {
                WhenFull::Overcrowd => Room::HomeSurge,
                WhenFull::Transfer if det.transfer_when_full => Room::Transfer,
                WhenFull::Transfer => continue,
                WhenFull::Hold if border => {
                    rule.otherwise = NoRoom::Hold;
                    break;
                }
                WhenFull::Hold => continue,
                WhenFull::Release => break,
            };
            if !rule.has(room) {
                rule.rooms[rule.len] = room;
                rule.len += 1;
            }
        }
        rule
    }

    /// The rooms, in the order they are tried.
    pub fn rooms(&self) -> &[Room] {
        &self.rooms[..self.len]
    }

    /// True if the rule tries `room`.
    pub fn has(&self, room: Room) -> bool {
        self.rooms().contains(&room)
    }

    /// The place `(office, facility type)` for one case from `home`, given each place's
    /// free rated beds and surge room (`free(office, kind) = (rated, surge)`), or `None`
    /// when no room of the rule has space (then [`AdmissionRule::otherwise`]).
    pub fn place(
        &self,
        home: usize,
        offices: usize,
        free: impl Fn(usize, usize) -> (u32, u32),
    ) -> Option<(usize, usize)> {
        for room in self.rooms() {
            let found = match room {
                Room::HomeRated => (0..FacilityKind::COUNT).find(|&k| free(home, k).0 > 0),
                Room::HomeSurge => (0..FacilityKind::COUNT).find(|&k| free(home, k).1 > 0),
                Room::Transfer => {
                    let mut best: Option<(u32, usize, usize)> = None;
                    for o in 0..offices {
                        for k in 0..FacilityKind::COUNT {
                            let f = free(o, k).0;
                            if f > 0 && best.is_none_or(|(bf, _, _)| f > bf) {
                                best = Some((f, o, k));
                            }
                        }
                    }
                    if let Some((_, o, k)) = best {
                        return Some((o, k));
                    }
                    None
                }
            };
            if let Some(k) = found {
                return Some((home, k));
            }
        }
        None
    }
}

/// One office's stocks at the end of a day: what the daily table records as levels.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct StockRow {
    /// People detained in the office's facilities, by facility type.
    pub detained: [f64; FacilityKind::COUNT],
    /// Rated beds in the office's facilities, by facility type.
    pub beds: [f64; FacilityKind::COUNT],
    /// CBP-arrested people waiting in CBP custody for an ICE bed.
    pub cbp_hold: f64,
    /// Detained cases waiting for or in a detained-docket hearing.
    pub court_queue: f64,
    /// Detained cases with an order awaiting travel documents or transport.
    pub awaiting_removal: f64,
    /// The most each facility type may hold: rated beds plus surge room
    /// ([`surge_ceiling`]).
    pub ceiling: [f64; FacilityKind::COUNT],
    /// People this office arrested detained anywhere (by arresting office, not by facility).
    pub detained_from_aor: f64,
    /// Of those, the people held in another office's facilities.
    pub held_away: f64,
    /// Of those, the people CBP arrested.
    pub detained_cbp_arrested: f64,
}

impl StockRow {
    /// Writes the stocks into the office's row of the day (replacing what was there) and
    /// adds the day's bed cost: each type's detained at its bed-day rate, and each type's
    /// people above its rated beds at that rate times the surge premium.
    /// `deaths_per_day` is the death rate per person-day detained.
    pub fn write(&self, row: &mut [f64; METRIC_COUNT], costs: &Costs, deaths_per_day: f64) {
        let (mut held, mut beds, mut over, mut cost, mut surge) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for k in FacilityKind::ALL {
            let (x, b) = (self.detained[k.index()], self.beds[k.index()]);
            let above = (x - b).max(0.0);
            let rate = costs.bed_day[k.index()];
            held += x;
            beds += b;
            over += above;
            cost += x * rate;
            surge += above * rate * costs.surge_bed_day_premium;
            row[k.info().detained as usize] = x;
            row[k.info().beds as usize] = b;
            row[k.info().over_rated as usize] = above;
        }
        row[Metric::Detained as usize] = held;
        row[Metric::ExpectedDeaths as usize] = held * deaths_per_day;
        row[Metric::Beds as usize] = beds;
        row[Metric::OverRated as usize] = over;
        row[Metric::CostSurge as usize] += surge;
        row[Metric::CbpHold as usize] = self.cbp_hold;
        row[Metric::CourtQueue as usize] = self.court_queue;
        row[Metric::AwaitingRemoval as usize] = self.awaiting_removal;
        row[Metric::BedsSurge as usize] = self.ceiling.iter().sum();
        row[Metric::DetainedFromAor as usize] = self.detained_from_aor;
        row[Metric::HeldAway as usize] = self.held_away;
        row[Metric::DetainedCbpArrested as usize] = self.detained_cbp_arrested;
        row[Metric::CostBeds as usize] += cost;
    }
}
