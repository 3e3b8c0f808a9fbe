//! The resolved scenario: every parameter the simulation reads, validated, with names
//! resolved to indices and no optional values. The `scenario` crate builds it from TOML
//! (where every number carries its source); tests build it in code.
//!
//! Units: counts are people, rates are per day, durations are days, money is US dollars.
//! Shares and probabilities are in [0, 1].

use serde::Serialize;

use crate::date::Date;
use crate::ids::{Category, Channel, FacilityKind, Nationality, OfficeId, SectorId, WhenFull};

/// Everything one run needs.
#[derive(Clone, Debug, Serialize)]
pub struct Scenario {
    /// Short machine name, e.g. `baseline-fy2025`.
    pub name: String,
    /// One sentence: the question the scenario answers.
    pub description: String,
    /// First measured day.
    pub start: Date,
    /// Measured days.
    pub days: u32,
    /// Days simulated before `start` with the start-day parameters, so that stocks
    /// (detention, court queues, reachable pools) begin near their steady state.
    pub warmup_days: u32,
    /// Independent replications.
    pub replications: u32,
    /// Master seed.
    pub seed: u64,
    /// The 25 ERO field offices (areas of responsibility).
    pub offices: Vec<Office>,
    /// Border Patrol sectors.
    pub sectors: Vec<Sector>,
    /// ICE ERO's workforce and how it works.
    pub ero: EroWorkforce,
    /// How each arrest channel behaves.
    pub channels: Channels,
    /// Who is arrested: category, nationality group and track mixes.
    pub cases: CaseMix,
    /// Detention admission and release rules.
    pub detention: Detention,
    /// The EOIR detained docket.
    pub courts: Courts,
    /// Travel documents and transport.
    pub removal: Removal,
    /// Unit costs.
    pub costs: Costs,
    /// Money available to pay the cost lines, each with its period of availability
    /// (reported against; spending is not capped by it).
    pub appropriations: Vec<Appropriation>,
    /// Dated changes to any of the above.
    pub interventions: Vec<Intervention>,
}

/// A value that changes on given dates (piecewise constant). The first step applies from
/// the first simulated day (warm-up included) whatever its date.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Schedule {
    /// `(first day it applies, value)`, in date order.
    pub steps: Vec<(Date, f64)>,
}

impl Schedule {
    /// A value that never changes.
    pub fn constant(value: f64) -> Schedule {
        Schedule { steps: vec![(Date::MIN, value)] }
    }

    /// The value in force on `day`.
    #[inline]
    pub fn at(&self, day: Date) -> f64 {
        // Steps are few and sorted: the last one that has started, else the first.
        let started = self.steps.partition_point(|s| s.0 <= day);
        self.steps.get(started.saturating_sub(1)).map_or(0.0, |s| s.1)
    }

    /// Rewrites the schedule over `window`: on each day inside it the value becomes
    /// `f(old value, ramp progress)`, where progress rises from near 0 to 1 over the
    /// window's ramp (see [`Window::progress`]); outside the window nothing changes.
    /// Dated interventions compile to this, so the simulation only ever reads schedules.
    pub fn transform(&mut self, window: &Window, f: impl Fn(f64, f64) -> f64) {
        let orig = self.clone();
        let end = window.until.map(|u| u.plus(1));
        let inside = |d: Date| d >= window.from && end.is_none_or(|e| d < e);
        let progress = window.progress();
        let mut points: Vec<Date> = progress
            .iter()
            .map(|p| p.0)
            .chain(orig.steps.iter().map(|s| s.0))
            .filter(|d| inside(*d))
            .collect();
        points.push(window.from);
        points.sort();
        points.dedup();
        let progress_at = |d: Date| {
            let started = progress.partition_point(|p| p.0 <= d);
            progress.get(started.saturating_sub(1)).map_or(1.0, |p| p.1)
        };
        let mut steps: Vec<(Date, f64)> =
            orig.steps.iter().copied().filter(|s| !inside(s.0)).collect();
        steps.extend(points.into_iter().map(|d| (d, f(orig.at(d), progress_at(d)))));
        if let Some(e) = end
            && !orig.steps.iter().any(|s| s.0 == e)
        {
            steps.push((e, orig.at(e)));
        }
        steps.sort_by_key(|s| s.0);
        self.steps = steps;
    }

    /// [`Schedule::transform`] on every element of an array of schedules; `f` also gets the
    /// element's index.
    pub fn transform_each<const N: usize>(
        schedules: &mut [Schedule; N],
        window: &Window,
        f: impl Fn(usize, f64, f64) -> f64,
    ) {
        for (i, s) in schedules.iter_mut().enumerate() {
            s.transform(window, |v, p| f(i, v, p));
        }
    }

    /// The values of an array of schedules on `day`.
    #[inline]
    pub fn at_each<const N: usize>(schedules: &[Schedule; N], day: Date) -> [f64; N] {
        std::array::from_fn(|i| schedules[i].at(day))
    }

    /// Constant schedules, one per element.
    pub fn constants<const N: usize>(values: [f64; N]) -> [Schedule; N] {
        values.map(Schedule::constant)
    }
}

/// Most steps a ramp is cut into (a ramp is stored as steps of a piecewise-constant
/// schedule; 30 steps put it within ~2% of a straight line).
pub const MAX_RAMP_STEPS: usize = 30;

/// The dates over which an intervention changes a schedule.
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
pub struct Window {
    /// First day of the change.
    pub from: Date,
    /// Last day of the change (inclusive); `None` = for good.
    pub until: Option<Date>,
    /// Days over which the change phases in linearly (0 = at once).
    pub ramp_days: f64,
}

impl Window {
    /// A change from `from` on, at once and for good.
    pub fn starting(from: Date) -> Window {
        Window { from, until: None, ramp_days: 0.0 }
    }

    /// The ramp as steps `(first day, share of the full change)`: at most
    /// [`MAX_RAMP_STEPS`] equal steps, each at the ramp's midpoint value so that the
    /// phased-in amount matches a straight line on average, then 1 from `from + ramp_days`.
    pub fn progress(&self) -> Vec<(Date, f64)> {
        let mut out: Vec<(Date, f64)> = Vec::new();
        let mut push = |d: Date, p: f64| match out.last_mut() {
            Some(last) if last.0 == d => last.1 = p,
            _ => out.push((d, p)),
        };
        if self.ramp_days.is_finite() && self.ramp_days >= 1.0 {
            let n = (self.ramp_days.ceil() as usize).clamp(1, MAX_RAMP_STEPS);
            for i in 0..n {
                let offset = (i as f64 * self.ramp_days / n as f64).round() as i32;
                push(self.from.plus(offset), (i as f64 + 0.5) / n as f64);
            }
            push(self.from.plus(self.ramp_days.round() as i32), 1.0);
        } else {
            push(self.from, 1.0);
        }
        out
    }
}

/// One ERO field office and its area of responsibility (AOR).
#[derive(Clone, Debug, Serialize)]
pub struct Office {
    /// Name as ICE writes it, e.g. "New Orleans".
    pub name: String,
    /// Deportation officers on enforcement duty (headcount).
    pub officers: Schedule,
    /// Removable non-citizens booked into local jails per day in the AOR (the custodial
    /// channel's supply).
    pub jail_supply_per_day: Schedule,
    /// Share of that supply ICE takes into custody (detainers honoured, 287(g)).
    pub detainer_honour_rate: Schedule,
    /// The office's own interior arrest target per day, added to its share of the national
    /// target (0 = none; set by `target` interventions).
    pub target_per_day: Schedule,
    /// Reachable at-large pools, one per criminal category (convicted, pending charges,
    /// no record with a final order), indexed by [`Category`].
    pub reachable: [ReachablePool; 3],
    /// People the channels that do not target a known person — collateral, public-space
    /// and worksite operations, deputized partners, Border Patrol details — can meet, at
    /// the start of the warm-up: the AOR's community pool, shared by those channels
    /// ([`crate::ids::ChannelInfo::community_pool`]); their yield is in proportion to how
    /// much of it is left. 0 = no such pool (no depletion).
    pub community_pool: f64,
    /// People added to the community pool per day (new entries).
    pub community_inflow_per_day: f64,
    /// People enrolled in alternatives to detention (ATD) in the AOR at the start of the
    /// measured period (0 = none; see [`crate::nondetained`]).
    pub atd_participants: f64,
    /// Non-detained immigration-court cases pending in the AOR at the start of the
    /// measured period (0 = none); also the office's share of the national docket
    /// receipts, judges and ATD capacity.
    pub docket_pending: f64,
    /// Detention beds in the AOR by facility type.
    pub beds: Vec<Beds>,
    /// True for offices that stage removal flights (cases are moved there to fly).
    pub flight_hub: bool,
    /// True for offices on the land border with Mexico (land removals leave from here).
    pub land_border: bool,
}

/// A finite pool of people at-large officers can locate, by category.
#[derive(Clone, Debug, Serialize)]
pub struct ReachablePool {
    /// People in the pool at the start of the warm-up.
    pub initial: f64,
    /// People added per day (new final orders, releases, new charges), besides the
    /// modelled refill from in-absentia orders and ATD absconders
    /// ([`crate::nondetained::Refill`]).
    pub inflow_per_day: f64,
}

/// Beds of one facility type in one AOR.
#[derive(Clone, Debug, Serialize)]
pub struct Beds {
    /// Facility type.
    pub kind: FacilityKind,
    /// Beds available (funded and staffed).
    pub beds: Schedule,
}

/// A Border Patrol sector.
#[derive(Clone, Debug, Serialize)]
pub struct Sector {
    /// Sector name, e.g. "Rio Grande Valley".
    pub name: String,
    /// True for the nine southwest sectors (the pool interior deployments draw from).
    pub southwest: bool,
    /// Attempted unlawful crossings per day.
    pub crossings_per_day: Schedule,
    /// Agents assigned to the sector (before deployments inland).
    pub agents: f64,
    /// The ERO office that receives this sector's book-ins.
    pub receiving_office: OfficeId,
}

/// How ICE ERO's officers spend their time and what it yields.
#[derive(Clone, Debug, Serialize)]
pub struct EroWorkforce {
    /// Share of officer-days actually available (not leave, training, admin).
    pub availability: f64,
    /// Share of available officer-days on at-large work (the rest: custodial, processing).
    pub at_large_share: Schedule,
    /// Share of available officer-days on public-space / worksite operations.
    pub operations_share: Schedule,
    /// Officer-days per custodial (jail) arrest.
    pub custodial_effort: f64,
    /// Maximum extra effort as a share of normal hours (overtime ceiling).
    pub overtime_ceiling: f64,
    /// How strongly effort answers a shortfall against target: overtime share =
    /// min(ceiling, response × shortfall share).
    pub target_response: f64,
    /// How strongly a shortfall against target pulls effort toward high-yield tactics (see
    /// [`crate::effort::tactics_shift`]): with pressure P = target / expected arrests − 1,
    /// a share r·P / (1 + r·P) of at-large effort moves to public-space and worksite
    /// operations and the collateral rate rises by the same share (0 = no pull).
    pub tactics_response: f64,
    /// Fully loaded cost per officer-day.
    pub cost_per_officer_day: f64,
    /// Extra cost of an overtime officer-day over a regular one, as a share (0.5 = time and
    /// a half).
    pub overtime_premium: f64,
    /// Productivity of a new officer on the first day in the field, as a share of a
    /// trained officer's (see [`crate::workforce`]); 1 = no learning curve.
    pub new_officer_productivity: f64,
    /// Days over which a new officer's productivity rises linearly to full.
    pub field_training_days: f64,
    /// Days over which overtime is remembered (the exponential mean that drives attrition).
    pub overtime_memory_days: f64,
    /// Officers leaving beyond normal turnover, per officer-year, per unit of sustained
    /// overtime share (0.4 and an overtime share of 0.25 sustained: 10% a year).
    pub attrition_per_overtime: f64,
    /// Mean days for hiring to replace an officer lost to overtime (0 = never).
    pub replacement_days: f64,
    /// ERO officers escorting per scheduled charter seat.
    pub escort_officers_per_seat: f64,
    /// Days an escort officer is away per flight (out, back, rest).
    pub escort_days_per_flight: f64,
    /// ERO officers escorting each person moved between areas (a transfer for lack of a
    /// rated bed, a move to a departure point), by bus or ICE Air domestic flight.
    pub transfer_escort_officers_per_person: f64,
    /// Days a transfer escort officer is away per move (out, back).
    pub transfer_escort_days: f64,
    /// Daily variation ([`crate::variation`]): a weekend day's enforcement effort as a
    /// share of a weekday's (1 = no day-of-week effect).
    pub weekend_effort: f64,
    /// Multi-day operations concentrated in one office: starts per office per year
    /// (0 = none).
    pub office_operations_per_year: f64,
    /// Nationwide operations (every office at once): starts per year (0 = none).
    pub national_operations_per_year: f64,
    /// Mean length of an operation in days (at least 1; geometric).
    pub operation_days: f64,
    /// An office operation's at-large and operations effort as a multiple of routine
    /// effort (1 = no effect).
    pub office_operation_effort: f64,
    /// A nationwide operation's effort multiple, in every office (1 = no effect).
    pub national_operation_effort: f64,
}

/// Behaviour of the arrest channels.
#[derive(Clone, Debug, Serialize)]
pub struct Channels {
    /// At-large arrests per officer-day when a tier's pool is at its initial size, by
    /// category; the yield falls in proportion to the pool (diminishing returns).
    pub at_large_yield: [f64; 3],
    /// The largest share of a tier's pool that can be located in one day.
    pub max_daily_locate_share: [f64; 3],
    /// Collateral arrests per targeted at-large arrest (others present at the scene).
    pub collateral_per_at_large: Schedule,
    /// Arrests per officer-day in public-space and worksite operations.
    pub operations_yield: f64,
    /// Share of operations and collateral arrests who have a criminal conviction or
    /// pending charge (the rest have no record).
    pub operations_criminal_share: [f64; 2],
    /// National interior arrest target per day (0 = none), shared among offices by
    /// `target_weights` (or equally).
    pub national_target_per_day: Schedule,
    /// Each office's share of the national target, in office order (sums to 1).
    pub target_weights: Vec<f64>,
    /// Border apprehension probability with a fully staffed line.
    pub apprehension_max: f64,
    /// Agents per daily crossing at which apprehension reaches half of its maximum
    /// (coverage curve P = max · x / (x + half), x = agents per crossing).
    pub agents_per_crossing_half: f64,
    /// Check-in arrests per ATD participant-day (ICE arrests at ATD and ICE check-ins),
    /// [`crate::nondetained`].
    pub checkin_per_atd_day: Schedule,
    /// Arrests per pending non-detained docket case-day (at ICE check-ins and, from May
    /// 2025, at immigration-court hearings after a dismissal), [`crate::nondetained`].
    pub checkin_per_docket_day: Schedule,
    /// Share of the people newly at large — the day's in-absentia removal orders and ATD
    /// absconders — who join their office's reachable at-large tiers (ICE has an address
    /// it can act on), [`crate::nondetained::Refill`]; 0 = none.
    pub at_large_refill_share: f64,
}

/// Who is arrested: criminal category, nationality group and legal track.
#[derive(Clone, Debug, Serialize)]
pub struct CaseMix {
    /// Category mix of custodial (jail) arrests: convicted, pending, no record (one
    /// schedule per category, stepping on the same dates, so the mix sums to 1 every day).
    pub custodial_category: [Schedule; 3],
    /// Category mix of border apprehensions booked into ICE custody.
    pub border_category: [Schedule; 3],
    /// Nationality-group mix of interior arrests.
    pub interior_nationality: [Schedule; 4],
    /// Nationality-group mix of border apprehensions.
    pub border_nationality: [Schedule; 4],
    /// Share of interior arrests on a summary track (reinstatement or prior final order:
    /// no court hearing).
    pub interior_summary_share: Schedule,
    /// Share of interior arrests who take voluntary departure.
    pub interior_voluntary_share: Schedule,
    /// Share of border apprehensions placed in expedited removal (no court hearing).
    pub border_expedited_share: Schedule,
}

/// Detention admission and release.
#[derive(Clone, Debug, Serialize)]
pub struct Detention {
    /// Share of interior arrests booked into detention, by category (the rest are
    /// released at processing on ATD or recognisance).
    pub book_in_share: [Schedule; 3],
    /// Share of apprehensions handed to ICE and booked into detention.
    pub border_book_in_share: Schedule,
    /// Share of apprehensions removed from CBP hold or staging without an ICE book-in
    /// (counted in removals, not in book-ins or detention population).
    pub border_direct_removal_share: Schedule,
    /// Days from arrest to arrival at a detention facility (booking and transport).
    pub booking_days: Schedule,
    /// Days a Border Patrol apprehension waits before ICE takes custody.
    pub usbp_transfer_days: Schedule,
    /// Longest a CBP-held case waits for an ICE bed before CBP releases it.
    pub cbp_holding_limit_days: f64,
    /// Managed occupancy: ICE accepts a CBP transfer only while the national detained
    /// population is below this many people (its own arrests still take any bed); above
    /// it border cases wait in CBP custody as when beds are full. Infinite = no ceiling.
    /// ICE holds what it can pay for, not what its beds hold ([`crate::mechanisms::border_room`]).
    pub border_admission_ceiling: Schedule,
    /// Daily probability of ICE-decided discretionary release (order of recognizance,
    /// supervision, parole) of an interior arrest awaiting a hearing (INA 236(a)), by
    /// category.
    pub release_hazard_per_day: [Schedule; 3],
    /// The same for a border apprehension in proceedings (an applicant for admission
    /// detained under INA 235(b), whom only parole, INA 212(d)(5), can release), by category.
    pub border_release_hazard_per_day: [Schedule; 3],
    /// Share of interior arrests in proceedings eligible for a bond hearing (0: no bond
    /// releases).
    pub bond_eligible_share: Schedule,
    /// Share of border apprehensions in proceedings eligible for a bond hearing (none since
    /// Matter of M-S-, 2019: 235(b) detainees can only be paroled).
    pub border_bond_eligible_share: Schedule,
    /// Mean days from book-in to a bond decision.
    pub bond_decision_days: f64,
    /// Share of bond decisions that grant bond.
    pub bond_grant_share: Schedule,
    /// Share of granted bonds that are posted (the detainee released).
    pub bond_posted_share: f64,
    /// Bond hearings the immigration courts can hold nationally, hearings/day (infinite:
    /// no limit; [`crate::mechanisms::ReleaseHazards::docketed`]).
    pub bond_hearings_per_day: Schedule,
    /// Deaths in ICE custody per million person-days detained (0: not estimated), for the
    /// expected-deaths measure; an aggregate rate, never about a person.
    pub deaths_per_million_detained_days: f64,
    /// Try beds in other AORs before releasing someone for lack of a bed: `false` drops
    /// [`WhenFull::Transfer`] from `when_full`.
    pub transfer_when_full: bool,
    /// How far above its rated beds (`Office::beds`) a facility type can hold, as a share
    /// of them, by facility type (0 = rated beds are a hard cap).
    pub surge_share: [f64; FacilityKind::COUNT],
    /// What happens, in order, to a case that finds no free rated bed in its home AOR (see
    /// [`crate::mechanisms::AdmissionRule`]); ends with [`WhenFull::Release`].
    pub when_full: Vec<WhenFull>,
    /// Share of people released under supervision (the releases whose registry entry says
    /// [`crate::ids::ReleaseInfo::supervised`]) enrolled in alternatives to detention
    /// (ATD; see [`crate::nondetained`]); 0 = none.
    pub atd_enrol_share: Schedule,
    /// Mean days in ATD (participants leave at `1 / atd_days_mean` a day).
    pub atd_days_mean: f64,
    /// Share of the people leaving ATD who abscond (leave without complying and cannot
    /// be located at their address); with `Channels::at_large_refill_share` they refill
    /// the at-large pools ([`crate::nondetained::Refill`]). 0 = none.
    pub atd_abscond_share: f64,
    /// National ATD capacity in participants, split among offices by their share of the
    /// starting docket; infinite = unlimited.
    pub atd_capacity: Schedule,
}

impl Detention {
    /// Deaths in custody per person-day detained.
    pub fn deaths_per_day(&self) -> f64 {
        self.deaths_per_million_detained_days / 1e6
    }

    /// The order of responses when a case finds its home AOR's rated beds full, used when a
    /// scenario does not name one: overcrowd, transfer, hold, release (with no surge room,
    /// overcrowding does nothing, so this is the model's behaviour before surge limits).
    pub const DEFAULT_WHEN_FULL: [WhenFull; 4] =
        [WhenFull::Overcrowd, WhenFull::Transfer, WhenFull::Hold, WhenFull::Release];
}

/// The EOIR detained docket.
#[derive(Clone, Debug, Serialize)]
pub struct Courts {
    /// Immigration-judge capacity on the detained docket, in cases that can be open at
    /// once (judges × concurrent cases each).
    pub detained_docket_slots: Schedule,
    /// Mean days from first hearing to decision.
    pub case_days_mean: Schedule,
    /// Coefficient of variation of case duration.
    pub case_days_cv: f64,
    /// Share of decided cases ending in a removal order (the rest: relief or termination,
    /// then release).
    pub removal_order_share: f64,
    /// Immigration judges hearing the non-detained docket, nationally (0 = no such docket;
    /// see [`crate::nondetained`]).
    pub non_detained_judges: Schedule,
    /// Non-detained completions per judge per calendar day.
    pub completions_per_judge_day: f64,
    /// New non-detained cases per day nationally from outside the model (border releases
    /// with a notice to appear, referrals…), split among offices by their share of the
    /// starting docket; the model's own releases into proceedings are added per office.
    pub non_detained_receipts_per_day: Schedule,
    /// Share of non-detained completions that are removal orders (in absentia included).
    pub non_detained_removal_order_share: f64,
    /// Share of those removal orders issued in absentia (the respondent did not appear).
    pub non_detained_in_absentia_share: f64,
}

/// Travel documents and transport.
#[derive(Clone, Debug, Serialize)]
pub struct Removal {
    /// Mean days to obtain travel documents after an interior arrest's final order, by
    /// nationality group.
    pub travel_doc_days: [Schedule; 4],
    /// The same after a border apprehension's order: CBP has taken identity documents and
    /// fingerprints and, for the nationalities ICE removes every week, the consular process
    /// starts at processing, so the wait can be shorter than after an interior arrest.
    pub border_travel_doc_days: [Schedule; 4],
    /// Share of cases for whom no travel document ever comes, by nationality group.
    pub travel_doc_never: [f64; 4],
    /// Days after a final order at which continued custody ends if removal is not
    /// reasonably foreseeable (Zadvydas: 180).
    pub post_order_custody_limit_days: f64,
    /// Land removals to Mexico per day, nationally.
    pub land_per_day: Schedule,
    /// Charter removal flights per week, nationally.
    pub flights_per_week: Schedule,
    /// Seats per charter flight.
    pub seats_per_flight: Schedule,
    /// Charter flights a week that can be added on demand above `flights_per_week` (the
    /// contracted ceiling; 0 = none), flights/week. See [`crate::mechanisms::FlightSurge`].
    pub surge_flights_per_week: Schedule,
    /// Days of scheduled seats the flight line may hold before flights are added, days.
    pub surge_queue_days: f64,
    /// Mean lag of added flights behind the flight line's want, days.
    pub surge_lag_days: f64,
    /// Days to move a case to a flight hub.
    pub hub_transfer_days: Schedule,
    /// Mean days in custody before a voluntary departure leaves.
    pub voluntary_departure_days: f64,
    /// Announced goal for removals per year, nationally (0 = none). Reported against, it
    /// does not drive anything: removals follow from arrests and capacities.
    pub goal_per_year: Schedule,
}

impl Removal {
    /// The travel-document waits of a case's source (0 interior, 1 border, as the release
    /// policies count them).
    pub fn doc_days(&self, source: usize) -> &[Schedule; 4] {
        if source == 1 { &self.border_travel_doc_days } else { &self.travel_doc_days }
    }
}

/// Unit costs.
#[derive(Clone, Debug, Serialize)]
pub struct Costs {
    /// Cost per bed-day, by facility type.
    pub bed_day: [f64; FacilityKind::COUNT],
    /// Premium on a person-day held above rated beds, as a share of the type's bed-day
    /// cost (surge staffing, overtime, emergency contracts).
    pub surge_bed_day_premium: f64,
    /// Cost per charter flight.
    pub flight: f64,
    /// Cost per land removal.
    pub land_removal: f64,
    /// Cost per Border Patrol agent-day.
    pub usbp_agent_day: f64,
    /// Cost per deputized partner officer-day.
    pub partner_officer_day: f64,
    /// Cost per ATD participant-day.
    pub atd_day: f64,
}

/// An appropriation: an amount available for obligation over a period, paying for some of
/// the model's cost lines. The annual ICE appropriation and the 2025 reconciliation act's
/// multi-year lines are two of them.
#[derive(Clone, Debug, Serialize)]
pub struct Appropriation {
    /// Its name in outputs, e.g. `ICE O&S FY2025`.
    pub name: String,
    /// US dollars made available.
    pub amount: f64,
    /// Share of `amount` that pays for the lines the model costs (the rest pays for what
    /// the model leaves out: investigations, management, facilities…).
    pub share_modelled: f64,
    /// US dollars already obligated before the run's first measured day.
    pub obligated_before: f64,
    /// First day the money is available.
    pub from: Date,
    /// Last day it is available for obligation.
    pub until: Date,
    /// The cost lines it pays for.
    pub lines: Vec<crate::ids::CostLine>,
}

/// A dated change that needs state during the run. Changes that only move parameters
/// (targets, beds, flights, judges, hiring, processing times, 287(g) jail agreements) are
/// compiled into the schedules above by the `scenario` crate and do not appear here.
#[derive(Clone, Debug, Serialize)]
pub struct Intervention {
    /// First day it applies. A date before the run's start applies from the first
    /// simulated day (warm-up included), with any ramp already under way.
    pub at: Date,
    /// What changes.
    pub kind: InterventionKind,
}

/// The kinds of change a scenario can schedule.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InterventionKind {
    /// Border Patrol agents (or another agency's staff) detailed to interior offices.
    Deploy {
        /// Agents moved (split equally among the entries of `offices`).
        agents: f64,
        /// Receiving offices, one entry per receiving city: an office listed twice (two
        /// cities in one area of responsibility) gets two shares.
        offices: Vec<OfficeId>,
        /// Last day of the detail (inclusive); `None` = open-ended.
        until: Option<Date>,
        /// Days to full productivity (linear ramp).
        ramp_days: f64,
        /// Interior arrests per agent-day at full productivity (public-space operations).
        arrests_per_agent_day: f64,
        /// Where the agents come from.
        from: DeployFrom,
    },
    /// Officers of a partner agency deputized for immigration arrests. Their officer-days
    /// on immigration work (`partner_officer_days`) are days taken from the agency's own
    /// mission, and are costed at `costs.partner_officer_day`.
    Deputize {
        /// Agency name (USMS, DEA, ATF, FBI, BOP, IRS-CI, DSS, USCIS-FDNS, 287g).
        agency: String,
        /// Officers deputized (split equally among `offices`).
        officers: f64,
        /// Offices where they work.
        offices: Vec<OfficeId>,
        /// Share of their time on immigration work.
        time_share: f64,
        /// Days of training before they make any arrest (287(g) task-force training and the
        /// wait for a class); their officer-days count from the start.
        training_days: f64,
        /// Days to full productivity after training (linear ramp).
        ramp_days: f64,
        /// Arrests per officer-day of immigration work at full productivity.
        arrests_per_officer_day: f64,
        /// Last day (inclusive); `None` = open-ended.
        until: Option<Date>,
    },
    /// ICE's own ERO officers detailed from their home offices to a surge operation
    /// elsewhere (Los Angeles from June 2025, Chicago's "Operation Midway Blitz" from
    /// September 2025). No officer is added: the senders lose them, the receivers gain them
    /// at the receiver's own productivity (its effort shares, pools, leadership and
    /// target), and their arrests are the receiver's ICE arrests. Travel to and from the
    /// detail is time lost to both ([`crate::effort::detail_travel_share`]).
    Detail {
        /// Officers detailed (split equally among `to`).
        officers: f64,
        /// Sending offices, pro rata to their officers on the day.
        from: Vec<OfficeId>,
        /// Receiving offices.
        to: Vec<OfficeId>,
        /// Last day of the detail (inclusive), the last day of the trip home; `None` =
        /// open-ended (no trip home within the run).
        until: Option<Date>,
        /// Days each officer spends travelling at the start and again at the end of the
        /// detail (fractions allowed), working in neither office.
        travel_days: f64,
    },
    /// Quarterly accountability reviews of office scorecards, with an optional rotation
    /// rule for the worst performers.
    Review {
        /// The rotation rule; `None` = reviews without consequences (scorecards only).
        rotation: Option<Rotation>,
        /// Last day (inclusive); `None` = open-ended.
        until: Option<Date>,
    },
    /// A one-off rotation of field-office directors on the intervention's date (see
    /// [`crate::leadership`]): the `count` offices lowest by target attainment over the
    /// quarter before it (by arrests per officer-day when no office has a target) get new
    /// leadership. Their officers' at-large and operations productivity first drops by
    /// `disruption`, then moves linearly over `ramp_days` to a multiplier drawn from
    /// `multiplier` (its mean in the fluid), until a review rotates the office again.
    Rotate {
        /// Offices rotated.
        count: u32,
        /// Distribution of the new leadership's productivity multiplier once settled in.
        multiplier: Multiplier,
        /// Share of productivity lost on the first day (handover disruption), in [0, 1].
        disruption: f64,
        /// Days from the handover to the new leadership's full effect.
        ramp_days: f64,
    },
}

/// Where deployed staff come from.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum DeployFrom {
    /// Border Patrol sectors, pro rata to their agents: the sectors' apprehension
    /// probability falls and gotaways rise.
    Sectors(Vec<SectorId>),
    /// Another agency with no border line in the model (e.g. CBP's Office of Field
    /// Operations): no sector loses agents; staff-days count as partner officer-days.
    Agency(String),
}

/// A leadership-rotation rule applied at each quarterly review: the `bottom` offices by
/// target attainment in the quarter just ended (by arrests per officer-day when there is
/// no target) get new leadership, whose effect on their officers' at-large and operations
/// productivity is a multiplier drawn from `multiplier`, applied from the first day of
/// the next quarter until that office is rotated again. The draw is random (a stream of
/// its own, so deterministic given the seed): the rule's effect is a distribution, not a
/// promise.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Rotation {
    /// Offices rotated each quarter.
    pub bottom: u32,
    /// Distribution of the new leadership's productivity multiplier.
    pub multiplier: Multiplier,
}

/// A distribution for a productivity multiplier (never below 0).
#[derive(Clone, Copy, Debug, Serialize, PartialEq)]
#[serde(tag = "distribution", rename_all = "snake_case")]
pub enum Multiplier {
    /// Normal with this mean and standard deviation, truncated at 0.
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation.
        sd: f64,
    },
    /// Uniform between `lo` and `hi`.
    Uniform {
        /// Lower bound.
        lo: f64,
        /// Upper bound.
        hi: f64,
    },
}

impl Scenario {
    /// Number of offices.
    pub fn office_count(&self) -> usize {
        self.offices.len()
    }

    /// The office with this name, if any.
    pub fn office_id(&self, name: &str) -> Option<OfficeId> {
        self.offices.iter().position(|o| o.name == name).map(|i| OfficeId(i as u16))
    }

    /// The sector with this name, if any.
    pub fn sector_id(&self, name: &str) -> Option<SectorId> {
        self.sectors.iter().position(|s| s.name == name).map(|i| SectorId(i as u16))
    }

    /// The last measured day.
    pub fn end(&self) -> Date {
        self.start.plus(self.days as i32 - 1)
    }

    /// Office `o`'s interior arrest target on `day`: its share of the national target
    /// (`target_weights`, or an equal split) plus its own target.
    pub fn office_target(&self, o: usize, day: Date) -> f64 {
        self.office_target_with(o, |s| s.at(day))
    }

    /// [`Scenario::office_target`] with the schedules read by `at`.
    pub fn office_target_with(&self, o: usize, mut at: impl FnMut(&Schedule) -> f64) -> f64 {
        let weight = self.channels.target_weights.get(o).copied();
        let weight = weight.unwrap_or(1.0 / self.offices.len().max(1) as f64);
        at(&self.channels.national_target_per_day) * weight
            + self.offices.get(o).map_or(0.0, |x| at(&x.target_per_day))
    }

    /// The removal goal pro rata over the measured days from `first` (inclusive) for
    /// `days` days: what a report compares removals with (0 when there is no goal).
    pub fn removal_goal_over(&self, first: Date, days: u32) -> f64 {
        (0..days as i32).map(|d| self.removal.goal_per_year.at(first.plus(d)) / 365.0).sum()
    }
}

// Silence "unused" for enums used only in docs of this module.
#[allow(dead_code)]
fn _docs(_: Channel, _: Nationality, _: Category) {}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn steps(s: &Schedule) -> Vec<(String, f64)> {
        s.steps.iter().map(|(d, v)| (d.to_string(), *v)).collect()
    }

    #[test]
    fn at_takes_the_last_started_step_and_the_first_before_any() {
        let s = Schedule { steps: vec![(d("2025-01-01"), 1.0), (d("2025-03-01"), 2.0)] };
        assert_eq!(s.at(d("2024-06-01")), 1.0);
        assert_eq!(s.at(d("2025-02-28")), 1.0);
        assert_eq!(s.at(d("2025-03-01")), 2.0);
        assert_eq!(s.at(d("2030-01-01")), 2.0);
        assert_eq!(Schedule { steps: vec![] }.at(d("2025-01-01")), 0.0);
    }

    #[test]
    fn transform_changes_the_window_only() {
        let mut s = Schedule { steps: vec![(d("2025-01-01"), 10.0), (d("2025-03-01"), 20.0)] };
        let w = Window { from: d("2025-02-01"), until: Some(d("2025-03-31")), ramp_days: 0.0 };
        s.transform(&w, |v, _| v + 1.0);
        assert_eq!(
            steps(&s),
            [
                ("2025-01-01".into(), 10.0),
                ("2025-02-01".into(), 11.0),
                ("2025-03-01".into(), 21.0),
                ("2025-04-01".into(), 20.0)
            ]
        );
        // Open-ended, before every step: the new first step applies from the first day.
        let mut s = Schedule::constant(5.0);
        s.transform(&Window::starting(d("2025-06-01")), |_, _| 7.0);
        assert_eq!(s.at(d("2025-05-31")), 5.0);
        assert_eq!(s.at(d("2025-06-01")), 7.0);
        assert_eq!(s.at(d("2099-01-01")), 7.0);
    }

    #[test]
    fn ramps_phase_in_along_a_straight_line() {
        let w = Window { from: d("2025-01-01"), until: None, ramp_days: 100.0 };
        let p = w.progress();
        assert_eq!(p.len(), MAX_RAMP_STEPS + 1);
        assert_eq!(p.last().unwrap(), &(d("2025-01-01").plus(100), 1.0));
        let mut s = Schedule::constant(0.0);
        s.transform(&w, |v, p| v + 100.0 * p);
        for day in [0, 10, 37, 50, 99] {
            let v = s.at(d("2025-01-01").plus(day));
            assert!((v - day as f64).abs() <= 100.0 / MAX_RAMP_STEPS as f64, "day {day}: {v}");
        }
        assert_eq!(s.at(d("2025-04-11")), 100.0);
        assert_eq!(s.at(d("2024-12-31")), 0.0);
        // A ramp shorter than a day is a step.
        assert_eq!(Window::starting(d("2025-01-01")).progress(), vec![(d("2025-01-01"), 1.0)]);
    }

    #[test]
    fn arrays_of_schedules_move_together() {
        let mut mix = Schedule::constants([0.5, 0.5]);
        Schedule::transform_each(&mut mix, &Window::starting(d("2025-01-01")), |i, _, _| {
            [0.2, 0.8][i]
        });
        assert_eq!(Schedule::at_each(&mix, d("2024-01-01")), [0.5, 0.5]);
        assert_eq!(Schedule::at_each(&mix, d("2025-01-01")), [0.2, 0.8]);
    }
}
