//! The resolved scenario: every parameter the simulation reads, validated, with names
//! resolved to indices and no optional values. The `scenario` crate builds it from TOML
//! (where every number carries its source); tests build it in code.
//!
//! Units: counts are people, rates are per day, durations are days, money is US dollars.
//! Shares and probabilities are in [0, 1].

use serde::Serialize;

use crate::date::Date;
use crate::ids::{Category, Channel, FacilityKind, Nationality, OfficeId, SectorId};

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
    /// Dated changes to any of the above.
    pub interventions: Vec<Intervention>,
}

/// A value that changes on given dates (piecewise constant). The first step applies from
/// the first simulated day (warm-up included) whatever its date.
#[derive(Clone, Debug, Serialize)]
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
    pub fn at(&self, day: Date) -> f64 {
        let mut v = self.steps.first().map_or(0.0, |s| s.1);
        for &(from, value) in &self.steps {
            if from <= day {
                v = value;
            } else {
                break;
            }
        }
        v
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
    /// Reachable at-large pools, one per criminal category (convicted, pending charges,
    /// no record with a final order), indexed by [`Category`].
    pub reachable: [ReachablePool; 3],
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
    /// People added per day (new final orders, releases, new charges).
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
    /// Fully loaded cost per officer-day.
    pub cost_per_officer_day: f64,
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
}

/// Who is arrested: criminal category, nationality group and legal track.
#[derive(Clone, Debug, Serialize)]
pub struct CaseMix {
    /// Category mix of custodial (jail) arrests: convicted, pending, no record.
    pub custodial_category: [f64; 3],
    /// Category mix of border apprehensions booked into ICE custody.
    pub border_category: [f64; 3],
    /// Nationality-group mix of interior arrests.
    pub interior_nationality: [f64; 4],
    /// Nationality-group mix of border apprehensions.
    pub border_nationality: [f64; 4],
    /// Share of interior arrests on a summary track (reinstatement or prior final order:
    /// no court hearing).
    pub interior_summary_share: f64,
    /// Share of interior arrests who take voluntary departure.
    pub interior_voluntary_share: f64,
    /// Share of border apprehensions placed in expedited removal (no court hearing).
    pub border_expedited_share: Schedule,
}

/// Detention admission and release.
#[derive(Clone, Debug, Serialize)]
pub struct Detention {
    /// Share of interior arrests booked into detention, by category (the rest are
    /// released at processing on ATD or recognisance).
    pub book_in_share: [f64; 3],
    /// Share of apprehensions handed to ICE and booked into detention.
    pub border_book_in_share: Schedule,
    /// Share of apprehensions removed from CBP hold or staging without an ICE book-in
    /// (counted in removals, not in book-ins or detention population).
    pub border_direct_removal_share: Schedule,
    /// Days from arrest to arrival at a detention facility (booking and transport).
    pub booking_days: f64,
    /// Days a Border Patrol apprehension waits before ICE takes custody.
    pub usbp_transfer_days: f64,
    /// Longest a CBP-held case waits for an ICE bed before CBP releases it.
    pub cbp_holding_limit_days: f64,
    /// Daily probability of discretionary release (bond, parole, ATD) while awaiting a
    /// hearing, by category.
    pub release_hazard_per_day: [f64; 3],
    /// Try beds in other AORs before releasing someone for lack of a bed.
    pub transfer_when_full: bool,
}

/// The EOIR detained docket.
#[derive(Clone, Debug, Serialize)]
pub struct Courts {
    /// Immigration-judge capacity on the detained docket, in cases that can be open at
    /// once (judges × concurrent cases each).
    pub detained_docket_slots: Schedule,
    /// Mean days from first hearing to decision.
    pub case_days_mean: f64,
    /// Coefficient of variation of case duration.
    pub case_days_cv: f64,
    /// Share of decided cases ending in a removal order (the rest: relief or termination,
    /// then release).
    pub removal_order_share: f64,
}

/// Travel documents and transport.
#[derive(Clone, Debug, Serialize)]
pub struct Removal {
    /// Mean days to obtain travel documents, by nationality group.
    pub travel_doc_days: [f64; 4],
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
    pub seats_per_flight: f64,
    /// Days to move a case to a flight hub.
    pub hub_transfer_days: f64,
    /// Mean days in custody before a voluntary departure leaves.
    pub voluntary_departure_days: f64,
}

/// Unit costs.
#[derive(Clone, Debug, Serialize)]
pub struct Costs {
    /// Cost per bed-day, by facility type.
    pub bed_day: [f64; FacilityKind::COUNT],
    /// Cost per charter flight.
    pub flight: f64,
    /// Cost per land removal.
    pub land_removal: f64,
    /// Cost per Border Patrol agent-day.
    pub usbp_agent_day: f64,
    /// Cost per deputized partner officer-day.
    pub partner_officer_day: f64,
}

/// A dated change.
#[derive(Clone, Debug, Serialize)]
pub struct Intervention {
    /// First day it applies.
    pub at: Date,
    /// What changes.
    pub kind: InterventionKind,
}

/// The kinds of change a scenario can schedule.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InterventionKind {
    /// Border Patrol agents detailed from southwest sectors (pro rata) to interior offices.
    Deploy {
        /// Agents moved (split equally among `offices`).
        agents: f64,
        /// Receiving offices.
        offices: Vec<OfficeId>,
        /// Last day of the detail (inclusive); `None` = open-ended.
        until: Option<Date>,
        /// Days to full productivity (linear ramp).
        ramp_days: f64,
        /// Interior arrests per agent-day at full productivity (public-space operations).
        arrests_per_agent_day: f64,
    },
    /// Officers of a partner agency deputized for immigration arrests.
    Deputize {
        /// Agency name (USMS, DEA, ATF, FBI, BOP, IRS-CI, DSS, USCIS-FDNS, 287g).
        agency: String,
        /// Officers deputized (split equally among `offices`).
        officers: f64,
        /// Offices where they work.
        offices: Vec<OfficeId>,
        /// Share of their time on immigration work.
        time_share: f64,
        /// Days to full productivity.
        ramp_days: f64,
        /// Arrests per officer-day of immigration work at full productivity.
        arrests_per_officer_day: f64,
        /// Last day (inclusive); `None` = open-ended.
        until: Option<Date>,
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
}

// Silence "unused" for enums used only in docs of this module.
#[allow(dead_code)]
fn _docs(_: Channel, _: Nationality, _: Category) {}
