//! The one declaration of the national tables' fields (`[ero]`, `[channels]`, `[cases]`,
//! `[detention]`, `[courts]`, `[removal]`, `[costs]`): each key once, with its kind, its
//! domain (the range rule), its unit and its meaning. From this list come
//!
//! - the raw serde types of [`crate::spec`] (`EroSpec`…), whose field docs are the
//!   meanings below, and so the JSON Schema's keys ([`crate::schema`] probes those types)
//!   and its per-key descriptions ([`FIELDS`]);
//! - the override paths of [`crate::overrides`] for these tables and the values that
//!   cannot be set one number at a time (mixes, normalised weights).
//!
//! The validator (`validate/tables.rs`) turns each spec type into its `model::config`
//! type; it names every model field in a struct literal, so a field added here and to the
//! model but not checked there does not compile.
//!
//! ```
//! let f = scenario::fields::FIELDS.iter().find(|f| f.path() == "ero.availability").unwrap();
//! assert_eq!((f.unit, f.settable()), ("share", true));
//! ```

use std::collections::BTreeMap;

use model::{Category, FacilityKind, Nationality, Scenario};
use serde::Deserialize;
use toml::Spanned;

use crate::overrides::{Domain, Numeric, Slot, Visitor, each};
use crate::spec::{ArrSched, ByFacility, Num, Nums, Sched};

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
    /// Names from a vocabulary in a chosen order, each at most once.
    Order,
}

/// One field of a national table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Field {
    /// The table, e.g. `ero`.
    pub table: &'static str,
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
    /// `table.key`.
    pub fn path(&self) -> String {
        format!("{}.{}", self.table, self.key)
    }

    /// False for values that cannot be set one number at a time (mixes, weights).
    pub fn settable(&self) -> bool {
        !matches!(self.kind, Kind::Mix | Kind::Weights | Kind::Order)
    }

    /// Why a value cannot be set one number at a time, if it cannot.
    pub fn not_settable_because(&self) -> Option<&'static str> {
        match self.kind {
            Kind::Mix => Some("a mix that must sum to 1"),
            Kind::Weights => Some("weights normalised together"),
            Kind::Order => Some("an ordered list of names, not a number"),
            _ => None,
        }
    }
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
    (Order) => { Spanned<Vec<Spanned<String>>> };
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
    (Order($l:ident)) => {
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
    ($f:ident, $t:ident, $path:expr, $key:ident, Mix($l:ident)) => {};
    ($f:ident, $t:ident, $path:expr, $key:ident, Weights) => {};
    ($f:ident, $t:ident, $path:expr, $key:ident, Order($l:ident)) => {};
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
            Field {
                table: stringify!($table),
                key: stringify!($key),
                kind: Kind::$kind,
                domain: domain!($kind $(($($arg),*))?),
                unit: $unit,
                doc: $doc,
            },
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
        cost_per_officer_day: Number(NonNegative), "USD per officer-day",
            "Fully loaded cost per officer-day.";
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
        release_hazard_per_day: Schedules(Share, category), "probability per day",
            "Daily probability of discretionary release (bond, parole, ATD) while awaiting a hearing, by category.";
        transfer_when_full: Flag, "flag",
            "Try beds in other AORs before releasing someone for lack of a bed (false drops `transfer` from `when_full`).";
        surge_share: ByFacility(Share), "share of rated beds",
            "Optional (absent = 0 for every type: rated beds are a hard cap): how far above its rated beds each facility type can hold, by facility type.";
        when_full: Order(when_full), "responses in order",
            "Optional (absent = [\"overcrowd\", \"transfer\", \"hold\", \"release\"]): what happens, in order, to a case that finds no free rated bed in its home AOR: overcrowd (at home, up to the surge limit), transfer (rated beds in another AOR), hold (border cases wait in CBP custody up to the holding limit), release (for lack of a bed; ends the list).";
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
    }
    /// `[removal]` → `model::Removal`.
    RemovalSpec => removal {
        travel_doc_days: Schedules(NonNegative, nationality), "days",
            "Mean days to obtain travel documents, by nationality group.";
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
        for f in FIELDS {
            let has =
                seen.iter().any(|p| *p == f.path() || p.starts_with(&format!("{}.", f.path())));
            assert_eq!(has, f.settable(), "{}", f.path());
        }
        let unique: std::collections::HashSet<(&str, &str)> =
            FIELDS.iter().map(|f| (f.table, f.key)).collect();
        assert_eq!(unique.len(), FIELDS.len());
    }
}
