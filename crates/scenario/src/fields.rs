//! The one declaration of the scenario's fields: the national tables (`[ero]`,
//! `[channels]`, `[cases]`, `[detention]`, `[courts]`, `[removal]`, `[costs]`, in
//! [`FIELDS`]) and the named entries (`[[offices]]`, `[[sectors]]`, in [`ENTRY_FIELDS`]):
//! each key once, with its kind, its domain (the range rule), its unit and its meaning.
//! From these lists come
//!
//! - the raw serde types of [`crate::spec`] (`EroSpec`…, `OfficeSpec`, `SectorSpec`), whose
//!   field docs are the meanings below, and so the JSON Schema's keys ([`crate::schema`]
//!   probes those types) and its per-key descriptions;
//! - the override paths of [`crate::overrides`] (`ero.availability`,
//!   `offices[Chicago].beds.igsa`…) and the values that cannot be set one number at a time
//!   (mixes, normalised weights, names);
//! - the range rules and mix checks of the validator (`validate/tables.rs`,
//!   `validate/places.rs`), which reads each key's domain and kind from here.
//!
//! The validator turns each spec type into its `model::config` type; it names every model
//! field in a struct literal, so a field added here and to the model but not checked there
//! does not compile. A new parameter is therefore written in three places: the model's
//! config type (what it means to the model), here (how it is written), and the validator's
//! struct literal (which the compiler demands).
//!
//! `[[interventions]]` are not declared here: one flat table serves every kind, and which
//! keys a kind takes is the kind's rule (`validate/interventions`).
//!
//! ```
//! let f = scenario::fields::find("ero", "availability").unwrap();
//! assert_eq!((f.unit, f.settable()), ("share", true));
//! let o = scenario::fields::declaration("offices[Chicago].beds.igsa").unwrap();
//! assert_eq!((o.path(), o.unit), ("offices.beds".to_string(), "beds"));
//! ```

use std::collections::BTreeMap;

use model::{Category, FacilityKind, Nationality, Scenario};
use serde::Deserialize;
use toml::Spanned;

use crate::overrides::{Domain, Numeric, Slot, Visitor, each};
use crate::spec::{ArrSched, ByFacility, Num, Nums, ReachableSpec, Sched};

/// How a field is written and held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A sourced number.
    Number,
    /// A number that may change on dates.
    Schedule,
    /// One sourced number per label (category, nationality group…).
    Numbers,
    /// One schedule per label, stepping on the same dates.
    Schedules,
    /// Shares of one whole, one per label, that must sum to 1 on every date.
    Mix,
    /// Shares of one whole, one per label, that may leave a remainder (sum at most 1).
    Shares,
    /// `true` or `false`.
    Flag,
    /// One weight per office name, normalised together.
    Weights,
    /// One sourced number per facility type.
    ByFacility,
    /// One schedule per facility type the entry has (types it lacks hold none).
    ScheduleByFacility,
    /// An office's reachable pools: per criminal category, `initial` and `inflow_per_day`.
    Pools,
    /// The name of one of the scenario's offices.
    OfficeName,
    /// Names from a vocabulary in a chosen order, each at most once.
    Order,
    /// A date, `"YYYY-MM-DD"`.
    Date,
}

/// One field of a national table or of an `[[offices]]` / `[[sectors]]` entry.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    /// The table, e.g. `ero`, or the array of entries, e.g. `offices`.
    pub table: &'static str,
    /// The serde type of the table or entry, e.g. `EroSpec` (the JSON Schema names its
    /// definition after it, without `Spec`).
    pub spec: &'static str,
    /// The key, e.g. `availability`.
    pub key: &'static str,
    /// How it is written and held.
    pub kind: Kind,
    /// The values each of its numbers takes.
    pub domain: Domain,
    /// Its unit, e.g. `share`, `officer-days per arrest`, `USD`.
    pub unit: &'static str,
    /// What it means.
    pub doc: &'static str,
}

impl Field {
    /// `table.key` (for an entry's field, `offices.officers` stands for every
    /// `offices[<name>].officers`).
    pub fn path(&self) -> String {
        format!("{}.{}", self.table, self.key)
    }

    /// False for values that cannot be set one number at a time (mixes, weights, names).
    pub fn settable(&self) -> bool {
        !matches!(
            self.kind,
            Kind::Mix | Kind::Weights | Kind::OfficeName | Kind::Order | Kind::Date
        )
    }

    /// Why a value cannot be set one number at a time, if it cannot.
    pub fn not_settable_because(&self) -> Option<&'static str> {
        match self.kind {
            Kind::Mix => Some("a mix that must sum to 1"),
            Kind::Weights => Some("weights normalised together"),
            Kind::OfficeName => Some("a name, not a number"),
            Kind::Order => Some("an ordered list of names, not a number"),
            Kind::Date => Some("a date, not a number"),
            _ => None,
        }
    }
}

/// Every declared field: the national tables', then the entries'.
pub fn all() -> impl Iterator<Item = &'static Field> {
    FIELDS.iter().chain(ENTRY_FIELDS)
}

/// The declaration of `table.key`, if there is one.
pub fn find(table: &str, key: &str) -> Option<&'static Field> {
    all().find(|f| f.table == table && f.key == key)
}

/// The declaration a parameter path falls under: `offices[Chicago].reachable.convicted.initial`
/// → `offices.reachable`, `costs.bed_day.contract` → `costs.bed_day`.
pub fn declaration(path: &str) -> Option<&'static Field> {
    let mut plain = String::with_capacity(path.len());
    let mut depth = 0;
    for ch in path.chars() {
        match ch {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => plain.push(ch),
            _ => {}
        }
    }
    let mut parts = plain.split('.');
    find(parts.next()?, parts.next()?)
}

/// Labels of array fields, as the model names them (so paths and output columns agree).
mod labels {
    use super::{Category, FacilityKind, Nationality};

    pub fn category() -> Vec<&'static str> {
        Category::ALL.map(Category::name).to_vec()
    }
    /// Convicted, pending: the criminal categories (the rest have no record).
    pub fn criminal() -> Vec<&'static str> {
        category()[..2].to_vec()
    }
    pub fn nationality() -> Vec<&'static str> {
        Nationality::ALL.map(Nationality::name).to_vec()
    }
    pub fn facility() -> Vec<&'static str> {
        FacilityKind::ALL.map(FacilityKind::name).to_vec()
    }
}

/// The spec type of a kind.
macro_rules! spec_type {
    (Number) => { Num };
    (Schedule) => { Sched };
    (Numbers) => { Nums };
    (Schedules) => { ArrSched };
    (Mix) => { ArrSched };
    (Shares) => { Nums };
    (Flag) => { Spanned<bool> };
    (Weights) => { Spanned<BTreeMap<Spanned<String>, Num>> };
    (ByFacility) => { Spanned<ByFacility<Num>> };
    (ScheduleByFacility) => { Spanned<ByFacility<Sched>> };
    (Pools) => { Spanned<ReachableSpec> };
    (OfficeName) => { Spanned<String> };
    (Order) => { Spanned<Vec<Spanned<String>>> };
    (Date) => { Spanned<String> };
}

/// The domain of a kind's numbers.
macro_rules! domain {
    (Mix($l:ident)) => {
        Domain::Share
    };
    (Shares($l:ident)) => {
        Domain::Share
    };
    (Flag) => {
        Domain::Flag
    };
    (Weights) => {
        Domain::NonNegative
    };
    (OfficeName) => {
        Domain::Names
    };
    (Order($l:ident)) => {
        Domain::Names
    };
    (Date) => {
        Domain::Names
    };
    ($kind:ident($d:ident $(, $l:ident)?)) => {
        Domain::$d
    };
}

/// The override paths of one field (none for mixes and weights).
macro_rules! visit {
    ($f:ident, $t:ident, $path:expr, $key:ident, Number($d:ident)) => {
        $f($path.to_owned(), $t.$key.slot(Domain::$d))
    };
    ($f:ident, $t:ident, $path:expr, $key:ident, Schedule($d:ident)) => {
        $f($path.to_owned(), $t.$key.slot(Domain::$d))
    };
    ($f:ident, $t:ident, $path:expr, $key:ident, Numbers($d:ident, $l:ident)) => {
        each($f, $path, &mut $t.$key, &labels::$l(), Domain::$d)
    };
    ($f:ident, $t:ident, $path:expr, $key:ident, Schedules($d:ident, $l:ident)) => {
        each($f, $path, &mut $t.$key, &labels::$l(), Domain::$d)
    };
    ($f:ident, $t:ident, $path:expr, $key:ident, Shares($l:ident)) => {
        each($f, $path, &mut $t.$key, &labels::$l(), Domain::Share)
    };
    ($f:ident, $t:ident, $path:expr, $key:ident, ByFacility($d:ident)) => {
        each($f, $path, &mut $t.$key, &labels::facility(), Domain::$d)
    };
    ($f:ident, $t:ident, $path:expr, $key:ident, Flag) => {
        $f($path.to_owned(), Slot::Flag(&mut $t.$key))
    };
    ($f:ident, $t:ident, $path:expr, $key:ident, ScheduleByFacility($d:ident)) => {
        for b in &mut $t.$key {
            $f(format!("{}.{}", $path, b.kind.name()), b.beds.slot(Domain::$d))
        }
    };
    ($f:ident, $t:ident, $path:expr, $key:ident, Pools($d:ident)) => {
        for (cat, pool) in labels::category().iter().zip(&mut $t.$key) {
            $f(format!("{}.{cat}.initial", $path), pool.initial.slot(Domain::$d));
            $f(format!("{}.{cat}.inflow_per_day", $path), pool.inflow_per_day.slot(Domain::$d));
        }
    };
    ($f:ident, $t:ident, $path:expr, $key:ident, Mix($l:ident)) => {};
    ($f:ident, $t:ident, $path:expr, $key:ident, Weights) => {};
    ($f:ident, $t:ident, $path:expr, $key:ident, OfficeName) => {};
    ($f:ident, $t:ident, $path:expr, $key:ident, Order($l:ident)) => {};
    ($f:ident, $t:ident, $path:expr, $key:ident, Date) => {};
}

/// One [`Field`] of a declaration (shared by `tables!` and `entries!`).
macro_rules! field {
    ($table:ident, $spec:ident, $key:ident, $kind:ident $(($($arg:ident),*))?, $unit:literal, $doc:literal) => {
        Field {
            table: stringify!($table),
            spec: stringify!($spec),
            key: stringify!($key),
            kind: Kind::$kind,
            domain: domain!($kind $(($($arg),*))?),
            unit: $unit,
            doc: $doc,
        }
    };
}

/// Declares the national tables: their spec types, [`FIELDS`] and [`walk`].
macro_rules! tables {
    ($(
        $(#[doc = $sdoc:literal])*
        $spec:ident => $table:ident {
            $( $key:ident : $kind:ident $(($($arg:ident),*))? , $unit:literal, $doc:literal; )*
        }
    )*) => {
        $(
            $(#[doc = $sdoc])*
            #[derive(Clone, Debug, Deserialize)]
            #[serde(deny_unknown_fields, expecting = "a table")]
            pub struct $spec {
                $( #[doc = $doc] pub $key: Option<spec_type!($kind)>, )*
            }
        )*

        /// Every field of the national tables, in table and file order.
        pub const FIELDS: &[Field] = &[$($(
            field!($table, $spec, $key, $kind $(($($arg),*))?, $unit, $doc),
        )*)*];

        /// Calls `f` with every settable path of the national tables and its slot, in
        /// [`FIELDS`] order.
        pub(crate) fn walk(sc: &mut Scenario, f: &mut Visitor<'_>) {
            $({
                let t = &mut sc.$table;
                $( visit!(f, t, concat!(stringify!($table), ".", stringify!($key)), $key, $kind $(($($arg),*))?); )*
            })*
        }
    };
}

tables! {
    /// `[ero]` → `model::EroWorkforce`.
    EroSpec => ero {
        availability: Number(Share), "share",
            "Share of officer-days actually available (not leave, training, admin).";
        at_large_share: Schedule(Share), "share",
            "Share of available officer-days on at-large work (the rest: custodial, processing).";
        operations_share: Schedule(Share), "share",
            "Share of available officer-days on public-space / worksite operations.";
        custodial_effort: Number(NonNegative), "officer-days per arrest",
            "Officer-days per custodial (jail) arrest.";
        overtime_ceiling: Number(NonNegative), "share of normal hours",
            "Maximum extra effort as a share of normal hours (overtime ceiling).";
        target_response: Number(NonNegative), "overtime share per shortfall share",
            "How strongly effort answers a shortfall against target: overtime share = min(ceiling, response x shortfall share).";
        tactics_response: Number(NonNegative), "shift per shortfall share",
            "Optional (absent = 0, no pull): how strongly a shortfall against target moves effort toward high-yield tactics; with pressure P = target / expected arrests - 1, a share r x P / (1 + r x P) of at-large effort moves to public-space and worksite operations and the collateral rate rises by that share.";
        cost_per_officer_day: Number(NonNegative), "USD per officer-day",
            "Fully loaded cost per officer-day.";
        overtime_premium: Number(NonNegative), "share",
            "Optional (absent = 0): extra cost of an overtime officer-day over a regular one (0.5 = time and a half).";
        new_officer_productivity: Number(Share), "share",
            "Optional (absent = 1, no learning curve): a new officer's productivity on the first day in the field, as a share of a trained officer's.";
        field_training_days: Number(NonNegative), "days",
            "Optional (absent = 0): days over which a new officer's productivity rises linearly to full.";
        overtime_memory_days: Number(Positive), "days",
            "Optional (absent = 90): days over which overtime is remembered (the exponential mean that drives attrition).";
        attrition_per_overtime: Number(NonNegative), "officers per officer-year per overtime share",
            "Optional (absent = 0): officers leaving beyond normal turnover per officer-year, per unit of sustained overtime share.";
        replacement_days: Number(NonNegative), "days",
            "Optional (absent = 365): mean days for hiring to replace an officer lost to overtime (0 = never).";
        escort_officers_per_seat: Number(NonNegative), "officers per seat",
            "Optional (absent = 0): ERO officers escorting per scheduled charter seat.";
        escort_days_per_flight: Number(NonNegative), "days",
            "Optional (absent = 0): days an escort officer is away per flight (out, back, rest).";
        transfer_escort_officers_per_person: Number(NonNegative), "officers per person moved",
            "Optional (absent = 0): ERO officers escorting each person moved between areas (a transfer for lack of a rated bed, a move to a departure point).";
        transfer_escort_days: Number(NonNegative), "days",
            "Optional (absent = 0): days a transfer escort officer is away per move (out, back).";
        weekend_effort: Number(NonNegative), "share of a weekday",
            "Optional (absent = 1, no day-of-week effect): a weekend day's enforcement effort as a share of a weekday's; the weights average 1 over a week.";
        office_operations_per_year: Number(NonNegative), "operations per office per year",
            "Optional (absent = 0): multi-day operations concentrated in one office, starts per office per year.";
        national_operations_per_year: Number(NonNegative), "operations per year",
            "Optional (absent = 0): nationwide operations (every office at once), starts per year.";
        operation_days: Number(NonNegative), "days",
            "Optional (absent = 1): mean length of an operation (geometric, at least 1 day).";
        office_operation_effort: Number(NonNegative), "multiple of routine effort",
            "Optional (absent = 1): an office operation's at-large and operations effort as a multiple of routine effort; routine effort is scaled so the expected total is unchanged.";
        national_operation_effort: Number(NonNegative), "multiple of routine effort",
            "Optional (absent = 1): a nationwide operation's effort multiple in every office; mean-preserving like the office operations.";
    }
    /// `[channels]` → `model::Channels`.
    ChannelsSpec => channels {
        at_large_yield: Numbers(NonNegative, category), "arrests per officer-day",
            "At-large arrests per officer-day when a tier's pool is at its initial size, by category; the yield falls in proportion to the pool.";
        max_daily_locate_share: Numbers(Share, category), "share per day",
            "The largest share of a tier's pool that can be located in one day, by category.";
        collateral_per_at_large: Schedule(NonNegative), "arrests per arrest",
            "Collateral arrests per targeted at-large arrest (others present at the scene).";
        operations_yield: Number(NonNegative), "arrests per officer-day",
            "Arrests per officer-day in public-space and worksite operations.";
        operations_criminal_share: Shares(criminal), "share",
            "Share of operations and collateral arrests who have a criminal conviction or pending charge (the rest have no record).";
        national_target_per_day: Schedule(NonNegative), "arrests per day",
            "National interior arrest target per day (0 = none), shared among offices by `target_weights` (or equally).";
        target_weights: Weights, "weight",
            "Keyed by office name: each office's share of the national target, normalised to sum to 1; absent = equal split.";
        apprehension_max: Number(Share), "probability",
            "Border apprehension probability with a fully staffed line.";
        agents_per_crossing_half: Number(Positive), "agents per daily crossing",
            "Agents per daily crossing at which apprehension reaches half of its maximum (P = max x / (x + half)).";
        checkin_per_atd_day: Schedule(Share), "arrests per participant-day",
            "Optional (absent = 0): ICE arrests at ATD and ICE check-ins per ATD participant-day; those arrested leave ATD for detention on the summary track.";
        checkin_per_docket_day: Schedule(Share), "arrests per pending case-day",
            "Optional (absent = 0): ICE arrests at check-ins and immigration-court hearings per pending non-detained docket case-day; those arrested leave the docket for detention on the summary track.";
        at_large_refill_share: Number(Share), "share",
            "Optional (absent = 0): share of the people newly at large (the day's in-absentia removal orders and ATD absconders) who join their office's reachable at-large tiers, split like the tiers' inflow; they enter the next morning.";
    }
    /// `[cases]` → `model::CaseMix`.
    CasesSpec => cases {
        custodial_category: Mix(category), "share",
            "Category mix of custodial (jail) arrests: convicted, pending, no record.";
        border_category: Mix(category), "share",
            "Category mix of border apprehensions booked into ICE custody.";
        interior_nationality: Mix(nationality), "share",
            "Nationality-group mix of interior arrests.";
        border_nationality: Mix(nationality), "share",
            "Nationality-group mix of border apprehensions.";
        interior_summary_share: Schedule(Share), "share",
            "Share of interior arrests on a summary track (reinstatement or prior final order: no court hearing).";
        interior_voluntary_share: Schedule(Share), "share",
            "Share of interior arrests who take voluntary departure.";
        border_expedited_share: Schedule(Share), "share",
            "Share of border apprehensions placed in expedited removal (no court hearing).";
    }
    /// `[detention]` → `model::Detention`.
    DetentionSpec => detention {
        book_in_share: Schedules(Share, category), "share",
            "Share of interior arrests booked into detention, by category (the rest are released at processing).";
        border_book_in_share: Schedule(Share), "share",
            "Share of apprehensions handed to ICE and booked into detention.";
        border_direct_removal_share: Schedule(Share), "share",
            "Share of apprehensions removed from CBP hold or staging without an ICE book-in.";
        booking_days: Schedule(NonNegative), "days",
            "Days from arrest to arrival at a detention facility (booking and transport).";
        usbp_transfer_days: Schedule(NonNegative), "days",
            "Days a Border Patrol apprehension waits before ICE takes custody.";
        cbp_holding_limit_days: Number(NonNegative), "days",
            "Longest a CBP-held case waits for an ICE bed before CBP releases it.";
        border_admission_ceiling: Schedule(NonNegative), "people",
            "Optional (absent = no ceiling): managed occupancy — ICE accepts a CBP transfer only while the national detained population is below this level; above it border cases wait in CBP custody up to `cbp_holding_limit_days` and are then released by CBP. ICE's own arrests still use rated and surge beds.";
        release_hazard_per_day: Schedules(Share, category), "probability per day",
            "Daily probability of ICE-decided discretionary release (order of recognizance, supervision, parole) of an interior arrest awaiting a hearing (detained under INA 236(a)), by category.";
        border_release_hazard_per_day: Schedules(Share, category), "probability per day",
            "Optional (absent = `release_hazard_per_day`): daily probability of parole (INA 212(d)(5)) of a border apprehension in proceedings (an applicant for admission detained under INA 235(b)), by category.";
        bond_eligible_share: Schedule(Share), "share",
            "Optional (absent = 0, no bond releases): share of interior arrests in proceedings eligible for a bond hearing (a dated policy step: from July 2025 ICE treats people who entered without inspection as applicants for admission, without bond).";
        border_bond_eligible_share: Schedule(Share), "share",
            "Optional (absent = `bond_eligible_share`): share of border apprehensions in proceedings eligible for a bond hearing (0 under Matter of M-S-, 2019: detainees under INA 235(b) can only be paroled).";
        bond_decision_days: Number(NonNegative), "days",
            "Optional (absent = 30): mean days from book-in to a bond decision (an exponential wait).";
        bond_grant_share: Schedule(Share), "share",
            "Optional (absent = 0): share of bond decisions that grant bond.";
        bond_posted_share: Number(Share), "share",
            "Optional (absent = 1): share of granted bonds that are posted.";
        bond_hearings_per_day: Schedule(NonNegative), "hearings/day",
            "Optional (absent = no limit): bond hearings (custody redeterminations) the immigration courts can hold nationally a day; above it, the hearings asked for (eligible people in proceedings / bond_decision_days) are held in proportion (model::mechanisms::ReleaseHazards::docketed).";
        deaths_per_million_detained_days: Number(NonNegative), "deaths per million person-days",
            "Optional (absent = 0, not estimated): deaths in ICE custody per million person-days detained, from ICE's detainee death reports over its detained population; gives the daily `expected_deaths` (an aggregate rate).";
        transfer_when_full: Flag, "flag",
            "Try beds in other AORs before releasing someone for lack of a bed (false drops `transfer` from `when_full`).";
        surge_share: ByFacility(Share), "share of rated beds",
            "Optional (absent = 0 for every type: rated beds are a hard cap): how far above its rated beds each facility type can hold, by facility type.";
        when_full: Order(when_full), "responses in order",
            "Optional (absent = [\"overcrowd\", \"transfer\", \"hold\", \"release\"]): what happens, in order, to a case that finds no free rated bed in its home AOR: overcrowd (at home, up to the surge limit), transfer (rated beds in another AOR), hold (border cases wait in CBP custody up to the holding limit), release (for lack of a bed; ends the list).";
        atd_enrol_share: Schedule(Share), "share",
            "Optional (absent = 0, nobody enrols): share of people released under supervision (at processing, for lack of a bed, on parole or bond, at the post-order custody limit; not those granted relief) enrolled in alternatives to detention (ATD).";
        atd_days_mean: Number(Positive), "days",
            "Optional (absent = 725): mean days in ATD; participants leave at 1/atd_days_mean a day.";
        atd_abscond_share: Number(Share), "share",
            "Optional (absent = 0): share of the people leaving ATD who abscond; with `channels.at_large_refill_share` they refill the office's reachable at-large pools.";
        atd_capacity: Schedule(NonNegative), "participants",
            "Optional (absent = unlimited): national ATD capacity, split among offices by their share of the starting docket; enrolment stops at it.";
    }
    /// `[courts]` → `model::Courts`.
    CourtsSpec => courts {
        detained_docket_slots: Schedule(NonNegative), "open cases",
            "Immigration-judge capacity on the detained docket, in cases that can be open at once.";
        case_days_mean: Schedule(NonNegative), "days",
            "Mean days from first hearing to decision.";
        case_days_cv: Number(NonNegative), "ratio",
            "Coefficient of variation of case duration.";
        removal_order_share: Number(Share), "share",
            "Share of decided cases ending in a removal order (the rest: relief or termination, then release).";
        non_detained_judges: Schedule(NonNegative), "judges",
            "Optional (absent = 0, no non-detained docket): immigration judges hearing the non-detained docket, nationally.";
        completions_per_judge_day: Number(NonNegative), "cases per judge-day",
            "Optional (absent = 0): non-detained completions per judge per calendar day.";
        non_detained_receipts_per_day: Schedule(NonNegative), "cases per day",
            "Optional (absent = 0): new non-detained cases per day nationally from outside the model (border releases with a notice to appear, referrals); the model's own releases into proceedings are added per office.";
        non_detained_removal_order_share: Number(Share), "share",
            "Optional (absent = 0): share of non-detained completions that are removal orders (in absentia included).";
        non_detained_in_absentia_share: Number(Share), "share",
            "Optional (absent = 0): share of the non-detained removal orders issued in absentia (the respondent did not appear).";
    }
    /// `[removal]` → `model::Removal`.
    RemovalSpec => removal {
        travel_doc_days: Schedules(NonNegative, nationality), "days",
            "Mean days to obtain travel documents after an interior arrest's order, by nationality group.";
        border_travel_doc_days: Schedules(NonNegative, nationality), "days",
            "Optional (absent = `travel_doc_days`): mean days to travel documents after a border apprehension's order, by nationality group (identity and consular process start at CBP processing).";
        travel_doc_never: Numbers(Share, nationality), "share",
            "Share of cases for whom no travel document ever comes, by nationality group.";
        post_order_custody_limit_days: Number(NonNegative), "days",
            "Days after a final order at which continued custody ends if removal is not reasonably foreseeable (Zadvydas: 180).";
        land_per_day: Schedule(NonNegative), "removals per day",
            "Land removals to Mexico per day, nationally.";
        flights_per_week: Schedule(NonNegative), "flights per week",
            "Charter removal flights per week, nationally.";
        seats_per_flight: Schedule(NonNegative), "seats",
            "Seats per charter flight.";
        surge_flights_per_week: Schedule(NonNegative), "flights per week",
            "Optional (absent = 0, no flights added): charter flights a week that can be added on demand above `flights_per_week` when the flight line exceeds `surge_queue_days` days of seats (the contracted ceiling).";
        surge_queue_days: Number(Positive), "days",
            "Optional (absent = 3): days of scheduled seats the flight line may hold before charter flights are added.";
        surge_lag_days: Number(NonNegative), "days",
            "Optional (absent = 14): mean lag of added charter flights behind the flight line's want (first-order).";
        hub_transfer_days: Schedule(NonNegative), "days",
            "Days to move a case to a flight hub.";
        voluntary_departure_days: Number(NonNegative), "days",
            "Mean days in custody before a voluntary departure leaves.";
        goal_per_year: Schedule(NonNegative), "removals per year",
            "Optional: announced goal for removals per year, nationally (absent = no goal); reported against, it drives nothing.";
    }
    /// `[costs]` → `model::Costs`.
    CostsSpec => costs {
        bed_day: ByFacility(NonNegative), "USD per bed-day",
            "Cost per bed-day, by facility type.";
        surge_bed_day_premium: Number(NonNegative), "share of the bed-day cost",
            "Optional (absent = 0): premium on a person-day held above rated beds, as a share of the type's bed-day cost.";
        flight: Number(NonNegative), "USD per flight",
            "Cost per charter flight.";
        land_removal: Number(NonNegative), "USD per removal",
            "Cost per land removal.";
        usbp_agent_day: Number(NonNegative), "USD per agent-day",
            "Cost per Border Patrol agent-day.";
        partner_officer_day: Number(NonNegative), "USD per officer-day",
            "Cost per deputized partner officer-day.";
        atd_day: Number(NonNegative), "USD per participant-day",
            "Optional (absent = 0): cost per ATD participant-day.";
    }
}

/// Declares the arrays of named entries (`[[offices]]`, `[[sectors]]`): their spec types
/// (each with a `name`, by which `extends` merges entries), [`ENTRY_FIELDS`] and
/// [`walk_entries`] (paths `table[<name>].key`).
macro_rules! entries {
    ($(
        $(#[doc = $sdoc:literal])*
        $spec:ident => [$table:ident] {
            $( $key:ident : $kind:ident $(($($arg:ident),*))? , $unit:literal, $doc:literal; )*
        }
    )*) => {
        $(
            $(#[doc = $sdoc])*
            #[derive(Clone, Debug, Deserialize)]
            #[serde(deny_unknown_fields, expecting = "a table")]
            pub struct $spec {
                /// The entry's name, by which `extends` merges entries and paths name it.
                pub name: Option<Spanned<String>>,
                $( #[doc = $doc] pub $key: Option<spec_type!($kind)>, )*
            }
        )*

        /// Every field of the entries, in table and file order.
        pub const ENTRY_FIELDS: &[Field] = &[$($(
            field!($table, $spec, $key, $kind $(($($arg),*))?, $unit, $doc),
        )*)*];

        /// Calls `f` with every settable path of every entry and its slot, entries in
        /// scenario order, keys in [`ENTRY_FIELDS`] order.
        pub(crate) fn walk_entries(sc: &mut Scenario, f: &mut Visitor<'_>) {
            $(
                for t in &mut sc.$table {
                    let at = format!("{}[{}]", stringify!($table), t.name);
                    $( visit!(f, t, format!("{at}.{}", stringify!($key)), $key, $kind $(($($arg),*))?); )*
                }
            )*
        }
    };
}

entries! {
    /// `[[offices]]` → `model::Office`: one per ERO field office (area of responsibility).
    OfficeSpec => [offices] {
        officers: Schedule(NonNegative), "officers",
            "Deportation officers on enforcement duty (headcount).";
        jail_supply_per_day: Schedule(NonNegative), "people per day",
            "Removable non-citizens booked into local jails per day in the AOR (the custodial channel's supply).";
        detainer_honour_rate: Schedule(Share), "share",
            "Share of that supply ICE takes into custody (detainers honoured, 287(g)).";
        target_per_day: Schedule(NonNegative), "arrests per day",
            "Optional: the office's own interior arrest target per day, added to its share of the national target (absent = none).";
        reachable: Pools(NonNegative), "people; people per day",
            "Reachable at-large pools by criminal category: `initial` people and `inflow_per_day` new people.";
        community_pool: Number(NonNegative), "people",
            "Optional (absent = 0, no pool): people the channels that do not target a known person (collateral, public-space and worksite operations, deputized partners, Border Patrol details) can meet in the AOR, at the start of the warm-up; those channels share it, and their yield is their full-pool rate times the share of it left.";
        community_inflow_per_day: Number(NonNegative), "people per day",
            "Optional (absent = 0): people added to the community pool per day (new entries).";
        atd_participants: Number(NonNegative), "people",
            "Optional (absent = 0): people in alternatives to detention (ATD) in the AOR at the start of the measured period.";
        docket_pending: Number(NonNegative), "cases",
            "Optional (absent = 0): non-detained immigration-court cases pending in the AOR at the start of the measured period; also each office's share of national receipts, judges and ATD capacity.";
        beds: ScheduleByFacility(NonNegative), "beds",
            "Detention beds in the AOR by facility type (types not listed: none).";
        flight_hub: Flag, "flag",
            "True for offices that stage removal flights (cases are moved there to fly).";
        land_border: Flag, "flag",
            "True for offices on the land border with Mexico (land removals leave from here).";
    }
    /// `[[sectors]]` → `model::Sector`: one per Border Patrol sector.
    SectorSpec => [sectors] {
        southwest: Flag, "flag",
            "True for the nine southwest sectors (the pool interior deployments draw from).";
        crossings_per_day: Schedule(NonNegative), "crossings per day",
            "Attempted unlawful crossings per day.";
        agents: Number(NonNegative), "agents",
            "Agents assigned to the sector (before deployments inland).";
        receiving_office: OfficeName, "office",
            "The ERO office that receives this sector's book-ins.";
    }
    /// `[[appropriations]]` → `model::Appropriation`: money available for the cost lines,
    /// reported against (spending is not capped by it).
    AppropriationSpec => [appropriations] {
        amount: Number(NonNegative), "USD",
            "US dollars made available (budget authority).";
        share_modelled: Number(Share), "share",
            "Optional (absent = 1): share of the amount that pays for the cost lines the model has (the rest pays for what it leaves out).";
        obligated_before: Number(NonNegative), "USD",
            "Optional (absent = 0): US dollars of it obligated before the run's first measured day.";
        from: Date, "date",
            "First day the money is available.";
        until: Date, "date",
            "Last day it is available for obligation.";
        lines: Order(cost_line), "cost lines",
            "The cost lines it pays for: `detention`, `transport`, `personnel` (ERO), `partners`, `bp_details`.";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_settable_field_has_paths_and_no_other() {
        let mut sc = model::testkit::tiny();
        let mut seen: Vec<String> = Vec::new();
        walk(&mut sc, &mut |path, _| seen.push(path));
        walk_entries(&mut sc, &mut |path, _| seen.push(path));
        for f in all() {
            let has = seen.iter().any(|p| declaration(p) == Some(f));
            assert_eq!(has, f.settable(), "{}", f.path());
        }
        assert_eq!(
            declaration("offices[New York].reachable.convicted.initial").map(Field::path),
            Some("offices.reachable".into())
        );
        assert_eq!(
            declaration("costs.bed_day.contract").map(Field::path),
            Some("costs.bed_day".into())
        );
        for f in all() {
            assert_eq!(find(f.table, f.key), Some(f));
        }
        let unique: std::collections::HashSet<(&str, &str)> =
            all().map(|f| (f.table, f.key)).collect();
        assert_eq!(unique.len(), all().count());
    }
}
