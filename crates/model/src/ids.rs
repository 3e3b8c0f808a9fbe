//! Small identifiers and the fixed vocabularies of the model.

use serde::Serialize;

/// Index of an ERO field office in `Scenario::offices`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct OfficeId(pub u16);

/// Index of a Border Patrol sector in `Scenario::sectors`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SectorId(pub u16);

/// Criminal history as ICE records it at book-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Convicted of a crime.
    Convicted = 0,
    /// Criminal charges pending.
    Pending = 1,
    /// No conviction or pending charge ("other immigration violator").
    NoRecord = 2,
}

impl Category {
    /// All categories, in index order.
    pub const ALL: [Category; 3] = [Category::Convicted, Category::Pending, Category::NoRecord];
    /// Column name in outputs.
    pub fn name(self) -> &'static str {
        ["convicted", "pending", "no_record"][self as usize]
    }
}

/// How an arrest came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Transfer from a local jail (detainer, 287(g)).
    Custodial = 0,
    /// Targeted at-large arrest.
    AtLarge = 1,
    /// Someone present at a targeted arrest.
    Collateral = 2,
    /// Public-space and worksite operations.
    Operations = 3,
    /// Arrests by deputized partner agencies.
    Partner = 4,
    /// Arrests by Border Patrol agents detailed to interior cities.
    BorderPatrolInterior = 5,
    /// Apprehension at the border.
    Border = 6,
}

impl Channel {
    /// All channels, in index order.
    pub const ALL: [Channel; 7] = [
        Channel::Custodial,
        Channel::AtLarge,
        Channel::Collateral,
        Channel::Operations,
        Channel::Partner,
        Channel::BorderPatrolInterior,
        Channel::Border,
    ];
    /// Column name in outputs.
    pub fn name(self) -> &'static str {
        ["custodial", "at_large", "collateral", "operations", "partner", "bp_interior", "border"]
            [self as usize]
    }
}

/// Nationality group, as far as removal logistics are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Nationality {
    /// Mexico: land removal.
    Mexico = 0,
    /// Guatemala, Honduras, El Salvador: regular charter flights.
    NorthernCentralAmerica = 1,
    /// Other countries with removal flights.
    OtherFlights = 2,
    /// Countries that seldom issue travel documents.
    HardToRemove = 3,
}

impl Nationality {
    /// All groups, in index order.
    pub const ALL: [Nationality; 4] = [
        Nationality::Mexico,
        Nationality::NorthernCentralAmerica,
        Nationality::OtherFlights,
        Nationality::HardToRemove,
    ];
    /// Column name in outputs.
    pub fn name(self) -> &'static str {
        ["mexico", "northern_central_america", "other_flights", "hard_to_remove"][self as usize]
    }
}

/// Type of detention facility.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FacilityKind {
    /// ICE-owned service processing centre.
    ProcessingCenter = 0,
    /// Privately operated contract detention facility.
    Contract = 1,
    /// Local jail under an intergovernmental service agreement (IGSA) or USMS contract.
    Igsa = 2,
    /// Federal Bureau of Prisons facility.
    Bop = 3,
    /// Soft-sided or military site.
    SoftSided = 4,
}

impl FacilityKind {
    /// Number of facility types.
    pub const COUNT: usize = 5;
    /// All types, in the order beds are tried.
    pub const ALL: [FacilityKind; 5] = [
        FacilityKind::ProcessingCenter,
        FacilityKind::Contract,
        FacilityKind::Igsa,
        FacilityKind::Bop,
        FacilityKind::SoftSided,
    ];
    /// Name in scenario files and outputs.
    pub fn name(self) -> &'static str {
        ["processing_center", "contract", "igsa", "bop", "soft_sided"][self as usize]
    }
}

/// Legal track, which decides whether a case sees a judge.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Track {
    /// Expedited removal (border): no hearing.
    Expedited = 0,
    /// Reinstatement of a prior order or an existing final order: no hearing.
    Summary = 1,
    /// Voluntary departure.
    Voluntary = 2,
    /// Full removal proceedings before an immigration judge.
    Proceedings = 3,
}
