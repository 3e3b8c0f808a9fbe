//! Small identifiers and the model's vocabularies, each one registry: its variants in
//! index order, with every piece of metadata the rest of the crate needs (output key,
//! daily-table column, group, where a channel's criminal-history mix comes from, …)
//! written next to the variant. A table sized `[T; Channel::COUNT]` that misses a variant
//! does not compile, and code that walks a vocabulary walks its `ALL`.

use serde::Serialize;

use crate::metrics::Metric;

/// Index of an ERO field office in `Scenario::offices`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct OfficeId(pub u16);

/// Index of a Border Patrol sector in `Scenario::sectors`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SectorId(pub u16);

/// Declares a vocabulary: a fieldless enum numbered in declaration order, its `COUNT`,
/// `ALL`, output keys and one metadata value per variant. Adding a variant means writing
/// its key and metadata here; every `[T; COUNT]` table elsewhere then fails to compile
/// until it has the new entry.
macro_rules! registry {
    (
        $(#[doc = $enum_doc:literal])*
        pub enum $name:ident: $info:ty {
            $( $(#[doc = $doc:literal])* $variant:ident = $key:literal => $data:expr, )+
        }
    ) => {
        $(#[doc = $enum_doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $( $(#[doc = $doc])* $variant, )+ }

        impl $name {
            /// Number of variants.
            pub const COUNT: usize = [$($key),+].len();
            /// Every variant, in index order.
            pub const ALL: [$name; Self::COUNT] = [$($name::$variant),+];
            const KEYS: [&'static str; Self::COUNT] = [$($key),+];
            const INFO: [$info; Self::COUNT] = [$($data),+];

            /// Position in [`Self::ALL`] and in every table indexed by this vocabulary.
            #[inline]
            pub const fn index(self) -> usize {
                self as usize
            }

            /// The variant at `i` in [`Self::ALL`], if any.
            pub const fn from_index(i: usize) -> Option<$name> {
                if i < Self::COUNT { Some(Self::ALL[i]) } else { None }
            }

            /// Key in scenario files and outputs (snake_case).
            pub const fn name(self) -> &'static str {
                Self::KEYS[self as usize]
            }

            /// The variant's metadata.
            #[inline]
            pub const fn info(self) -> $info {
                Self::INFO[self as usize]
            }
        }
    };
}

/// What a criminal-history category records besides its key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CategoryInfo {
    /// Daily column counting interior arrests of the category.
    pub arrests: Metric,
}

registry! {
    /// Criminal history as ICE records it at book-in.
    pub enum Category: CategoryInfo {
        /// Convicted of a crime.
        Convicted = "convicted" => CategoryInfo { arrests: Metric::ArrestsConvicted },
        /// Criminal charges pending.
        Pending = "pending" => CategoryInfo { arrests: Metric::ArrestsPending },
        /// No conviction or pending charge ("other immigration violator").
        NoRecord = "no_record" => CategoryInfo { arrests: Metric::ArrestsNoRecord },
    }
}

/// Who makes the arrests of a channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agency {
    /// ICE Enforcement and Removal Operations officers.
    Ice,
    /// Officers of state and local agencies deputized under 287(g) task-force agreements.
    Partner,
    /// U.S. Border Patrol (CBP) agents.
    BorderPatrol,
}

/// Where a channel's split of arrests by criminal-history category comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CategoryMix {
    /// The jail population's mix (`cases.custodial_category`).
    Custodial,
    /// The at-large tiers: effort goes down the reachable pools in category order
    /// ([`crate::effort::OfficeDay::at_large_by_category`]).
    AtLargeTiers,
    /// The criminal share of those met in public-space and worksite operations
    /// (`channels.operations_criminal_share`).
    Operations,
    /// Border apprehensions: drawn per case at hand-over (`cases.border_category`).
    Border,
    /// The non-detained population (ATD participants, the non-detained docket): released
    /// at the border or after processing as non-priorities, so booked as "other
    /// immigration violators" — all no record.
    NonDetained,
}

/// What an arrest channel records besides its key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChannelInfo {
    /// Daily column counting the channel's arrests; `None` for border apprehensions,
    /// which sectors record (`apprehensions`, `book_ins_cbp`).
    pub arrests: Option<Metric>,
    /// Who arrests.
    pub agency: Agency,
    /// Where the split by category comes from.
    pub mix: CategoryMix,
    /// Arrests made in public space (streets, worksites, at others' arrests) rather than
    /// from jails or by targeting a known person: the report's and dashboard's
    /// "collateral or public-space" share.
    pub public_space: bool,
    /// Draws on the office's shared community pool (`offices.community_pool`): its yield
    /// falls as the pool empties, and its arrests take people out of it
    /// ([`crate::effort::office_day`]). Custodial arrests come from jail bookings and
    /// at-large arrests from the targeted tiers instead.
    pub community_pool: bool,
    /// Arrests of people who already have an order or are placed in expedited removal
    /// (check-in arrests from the non-detained population, [`crate::nondetained`]): all
    /// booked in (no release at processing: removal is why they were arrested) and all on
    /// the summary track (final order in absentia, reinstatement, interior expedited
    /// removal) instead of the interior track shares.
    pub summary: bool,
}

impl ChannelInfo {
    /// The book-in column a case of this channel counts in, as ICE's detention statistics
    /// count initial book-ins: by arresting agency, so a person Border Patrol arrested —
    /// at the border or on an interior detail — is a CBP book-in, and one arrested by ICE
    /// or a deputized partner (acting under ICE's authority) an ICE book-in.
    pub const fn book_in(&self) -> Metric {
        match self.agency {
            Agency::BorderPatrol => Metric::BookInsCbp,
            Agency::Ice | Agency::Partner => Metric::BookInsIce,
        }
    }

    const fn interior(
        arrests: Metric,
        agency: Agency,
        mix: CategoryMix,
        public: bool,
        community_pool: bool,
    ) -> Self {
        ChannelInfo {
            arrests: Some(arrests),
            agency,
            mix,
            public_space: public,
            community_pool,
            summary: false,
        }
    }
}

registry! {
    /// How an arrest came about.
    pub enum Channel: ChannelInfo {
        /// Transfer from a local jail (detainer, 287(g)).
        Custodial = "custodial" => ChannelInfo::interior(
            Metric::ArrestsCustodial, Agency::Ice, CategoryMix::Custodial, false, false),
        /// Targeted at-large arrest.
        AtLarge = "at_large" => ChannelInfo::interior(
            Metric::ArrestsAtLarge, Agency::Ice, CategoryMix::AtLargeTiers, false, false),
        /// Someone present at a targeted arrest.
        Collateral = "collateral" => ChannelInfo::interior(
            Metric::ArrestsCollateral, Agency::Ice, CategoryMix::Operations, true, true),
        /// Public-space and worksite operations.
        Operations = "operations" => ChannelInfo::interior(
            Metric::ArrestsOperations, Agency::Ice, CategoryMix::Operations, true, true),
        /// Arrests by deputized partner agencies.
        Partner = "partner" => ChannelInfo::interior(
            Metric::ArrestsPartner, Agency::Partner, CategoryMix::Custodial, false, true),
        /// Arrests by Border Patrol agents detailed to interior cities.
        BorderPatrolInterior = "bp_interior" => ChannelInfo::interior(
            Metric::ArrestsBpInterior, Agency::BorderPatrol, CategoryMix::Operations, true, true),
        /// Apprehension at the border.
        Border = "border" => ChannelInfo {
            arrests: None,
            agency: Agency::BorderPatrol,
            mix: CategoryMix::Border,
            public_space: false,
            community_pool: false,
            summary: false,
        },
        /// ICE arrest at an ATD or ICE check-in, or at an immigration-court hearing after
        /// a dismissal, of someone in the non-detained population ([`crate::nondetained`]).
        Checkin = "checkin" => ChannelInfo {
            arrests: Some(Metric::ArrestsCheckin),
            agency: Agency::Ice,
            mix: CategoryMix::NonDetained,
            public_space: false,
            community_pool: false,
            summary: true,
        },
    }
}

/// How many channels (by index in [`Channel::ALL`]) satisfy a `const fn(usize) -> bool`.
macro_rules! count_where {
    ($pred:ident) => {{
        let (mut n, mut i) = (0, 0);
        while i < Channel::COUNT {
            if $pred(i) {
                n += 1;
            }
            i += 1;
        }
        n
    }};
}

/// The arrests columns of the `$n` channels that satisfy `$pred`, in channel order.
macro_rules! arrests_where {
    ($pred:ident, $n:expr) => {{
        let mut out = [Metric::ArrestsCustodial; $n];
        let (mut i, mut j) = (0, 0);
        while i < Channel::COUNT {
            if let (true, Some(m)) = ($pred(i), Channel::INFO[i].arrests) {
                out[j] = m;
                j += 1;
            }
            i += 1;
        }
        out
    }};
}

/// Channel `i` is a public-space channel with an arrests column.
const fn is_public_space(i: usize) -> bool {
    Channel::INFO[i].public_space && Channel::INFO[i].arrests.is_some()
}

/// Channel `i` is ICE's and draws on a reachable pool (the at-large tiers or the community
/// pool).
const fn is_ice_own(i: usize) -> bool {
    let c = Channel::INFO[i];
    matches!(c.agency, Agency::Ice)
        && c.arrests.is_some()
        && (matches!(c.mix, CategoryMix::AtLargeTiers) || c.community_pool)
}

/// Channel `i` is an interior channel of another agency than ICE.
const fn is_added_force(i: usize) -> bool {
    let c = Channel::INFO[i];
    !matches!(c.agency, Agency::Ice) && c.arrests.is_some()
}

impl Channel {
    /// Number of interior channels (those with an arrests column).
    pub const INTERIOR_COUNT: usize = {
        let mut n = 0;
        let mut i = 0;
        while i < Channel::COUNT {
            if Channel::INFO[i].arrests.is_some() {
                n += 1;
            }
            i += 1;
        }
        n
    };

    /// True for arrests made inland (every channel but border apprehensions).
    pub const fn is_interior(self) -> bool {
        self.info().arrests.is_some()
    }

    /// The interior channels' arrests columns, in channel order.
    pub const INTERIOR_ARRESTS: [Metric; Channel::INTERIOR_COUNT] = {
        let mut out = [Metric::ArrestsCustodial; Channel::INTERIOR_COUNT];
        let (mut i, mut j) = (0, 0);
        while i < Channel::COUNT {
            if let Some(m) = Channel::INFO[i].arrests {
                out[j] = m;
                j += 1;
            }
            i += 1;
        }
        out
    };

    /// Number of public-space channels.
    pub const PUBLIC_SPACE_COUNT: usize = count_where!(is_public_space);

    /// The public-space channels' arrests columns, in channel order.
    pub const PUBLIC_SPACE_ARRESTS: [Metric; Channel::PUBLIC_SPACE_COUNT] =
        arrests_where!(is_public_space, Channel::PUBLIC_SPACE_COUNT);

    /// Number of ICE's own pool-drawing channels.
    pub const ICE_OWN_COUNT: usize = count_where!(is_ice_own);

    /// ICE's own arrests that draw on a reachable pool — at-large (the targeted tiers),
    /// collateral and operations (the community pool) — in channel order: what added forces
    /// can displace. Custodial (jail) arrests are not among them.
    pub const ICE_OWN_ARRESTS: [Metric; Channel::ICE_OWN_COUNT] =
        arrests_where!(is_ice_own, Channel::ICE_OWN_COUNT);

    /// Number of added-force channels.
    pub const ADDED_FORCE_COUNT: usize = count_where!(is_added_force);

    /// Arrests of the forces added to ICE's — deputized partners (287(g) task forces) and
    /// Border Patrol details — in channel order: the interior channels of other agencies.
    pub const ADDED_FORCE_ARRESTS: [Metric; Channel::ADDED_FORCE_COUNT] =
        arrests_where!(is_added_force, Channel::ADDED_FORCE_COUNT);
}

/// How people of a nationality group leave when removed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NationalityInfo {
    /// Removal by land (from a land-border office) or by charter flight (from a hub).
    pub removal: RemovalMode,
}

registry! {
    /// Nationality group, as far as removal logistics are concerned.
    pub enum Nationality: NationalityInfo {
        /// Mexico: land removal.
        Mexico = "mexico" => NationalityInfo { removal: RemovalMode::Land },
        /// Guatemala, Honduras, El Salvador: regular charter flights.
        NorthernCentralAmerica = "northern_central_america" =>
            NationalityInfo { removal: RemovalMode::Flight },
        /// Other countries with removal flights.
        OtherFlights = "other_flights" => NationalityInfo { removal: RemovalMode::Flight },
        /// Countries that seldom issue travel documents.
        HardToRemove = "hard_to_remove" => NationalityInfo { removal: RemovalMode::Flight },
    }
}

/// The daily columns of one facility type.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FacilityInfo {
    /// People detained in the type's facilities at the end of the day.
    pub detained: Metric,
    /// Beds of the type at the end of the day.
    pub beds: Metric,
    /// People held above the type's rated beds at the end of the day.
    pub over_rated: Metric,
}

impl FacilityInfo {
    const fn of(detained: Metric, beds: Metric, over_rated: Metric) -> Self {
        FacilityInfo { detained, beds, over_rated }
    }
}

registry! {
    /// Type of detention facility, in the order beds are tried.
    pub enum FacilityKind: FacilityInfo {
        /// ICE-owned service processing centre.
        ProcessingCenter = "processing_center" => FacilityInfo::of(
            Metric::DetainedProcessingCenter,
            Metric::BedsProcessingCenter,
            Metric::OverRatedProcessingCenter,
        ),
        /// Privately operated contract detention facility.
        Contract = "contract" => FacilityInfo::of(
            Metric::DetainedContract,
            Metric::BedsContract,
            Metric::OverRatedContract,
        ),
        /// Local jail under an intergovernmental service agreement (IGSA) or USMS contract.
        Igsa = "igsa" =>
            FacilityInfo::of(Metric::DetainedIgsa, Metric::BedsIgsa, Metric::OverRatedIgsa),
        /// Federal Bureau of Prisons facility.
        Bop = "bop" => FacilityInfo::of(Metric::DetainedBop, Metric::BedsBop, Metric::OverRatedBop),
        /// Soft-sided or military site.
        SoftSided = "soft_sided" => FacilityInfo::of(
            Metric::DetainedSoftSided,
            Metric::BedsSoftSided,
            Metric::OverRatedSoftSided,
        ),
    }
}

registry! {
    /// What happens to a case whose home AOR has no free rated bed, in the order a scenario
    /// lists them (`[detention] when_full`); the metadata is the response's meaning. A home
    /// rated bed is always tried first; `release` ends the list.
    pub enum WhenFull: &'static str {
        /// Hold the case at home above rated capacity, up to the facility type's surge limit.
        Overcrowd = "overcrowd" =>
            "hold at home above rated beds, up to the facility type's surge limit",
        /// Place the case in the AOR and facility type with the most free rated beds.
        Transfer = "transfer" => "place in the AOR and type with the most free rated beds",
        /// Border cases wait in CBP custody (up to the holding limit) for a bed; interior
        /// cases skip this step.
        Hold = "hold" => "border cases wait in CBP custody up to the holding limit",
        /// Release for lack of a bed.
        Release = "release" => "release for lack of a bed",
    }
}

/// What a release reason records.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ReleaseInfo {
    /// Daily column counting the releases.
    pub metric: Metric,
    /// True if the person had been booked into detention (a book-out).
    pub from_detention: bool,
    /// True if the person stays in removal proceedings on the non-detained docket.
    pub docket: bool,
    /// True if the person is released under ICE supervision and can be enrolled in ATD
    /// (everyone but those granted relief).
    pub supervised: bool,
}

registry! {
    /// Why someone arrested is released rather than removed.
    pub enum ReleaseReason: ReleaseInfo {
        /// Arrested and released at processing (not booked in).
        AtProcessing = "at_processing" => ReleaseInfo {
            metric: Metric::ReleasedAtProcessing,
            from_detention: false,
            docket: true,
            supervised: true,
        },
        /// No bed was free (including the CBP holding limit).
        NoBed = "no_bed" => ReleaseInfo {
            metric: Metric::ReleasedNoBed,
            from_detention: false,
            docket: true,
            supervised: true,
        },
        /// Bond, parole or ATD while in proceedings.
        Discretionary = "discretionary" => ReleaseInfo {
            metric: Metric::ReleasedDiscretionary,
            from_detention: true,
            docket: true,
            supervised: true,
        },
        /// Relief or termination in court.
        Relief = "relief" => ReleaseInfo {
            metric: Metric::ReleasedRelief,
            from_detention: true,
            docket: false,
            supervised: false,
        },
        /// The post-order custody limit, removal not reasonably foreseeable.
        NotForeseeable = "not_foreseeable" => ReleaseInfo {
            metric: Metric::ReleasedNotForeseeable,
            from_detention: true,
            docket: false,
            supervised: true,
        },
    }
}

/// What a removal mode records.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RemovalInfo {
    /// Daily column counting the removals.
    pub metric: Metric,
}

registry! {
    /// How someone leaves the country.
    pub enum RemovalMode: RemovalInfo {
        /// By land, from a land-border office.
        Land = "land" => RemovalInfo { metric: Metric::RemovalsLand },
        /// By charter flight, from a flight hub.
        Flight = "flight" => RemovalInfo { metric: Metric::RemovalsFlight },
        /// Voluntary departure from custody.
        Voluntary = "voluntary" => RemovalInfo { metric: Metric::RemovalsVoluntary },
        /// From CBP hold or staging, without an ICE book-in.
        Direct = "direct" => RemovalInfo { metric: Metric::RemovalsDirect },
    }
}

impl RemovalMode {
    /// Every mode's column, in mode order.
    pub const METRICS: [Metric; RemovalMode::COUNT] = {
        let mut out = [Metric::RemovalsLand; RemovalMode::COUNT];
        let mut i = 0;
        while i < RemovalMode::COUNT {
            out[i] = RemovalMode::INFO[i].metric;
            i += 1;
        }
        out
    };
}

impl Category {
    /// Every category's arrests column, in category order.
    pub const ARRESTS: [Metric; Category::COUNT] = {
        let mut out = [Metric::ArrestsConvicted; Category::COUNT];
        let mut i = 0;
        while i < Category::COUNT {
            out[i] = Category::INFO[i].arrests;
            i += 1;
        }
        out
    };
}

/// What a cost line records.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CostLineInfo {
    /// The daily cost columns the line adds up.
    pub metrics: &'static [Metric],
    /// What the line pays for.
    pub doc: &'static str,
}

registry! {
    /// A line of spending that appropriations fund (`[[appropriations]] lines`): each adds
    /// up daily cost columns, so spending against a budget is read off the daily table the
    /// same way whichever solver ran.
    pub enum CostLine: CostLineInfo {
        /// Beds at their bed-day rates plus the surge premium above rated beds.
        Detention = "detention" => CostLineInfo {
            metrics: &[Metric::CostBeds, Metric::CostSurge],
            doc: "beds at their bed-day rates and the premium above rated beds",
        },
        /// Charter flights and land removals.
        Transport = "transport" => CostLineInfo {
            metrics: &[Metric::CostFlights, Metric::CostLand],
            doc: "charter removal flights and land removals",
        },
        /// ERO officer-days (overtime at its premium, escorts, learning).
        Personnel = "personnel" => CostLineInfo {
            metrics: &[Metric::CostPersonnel],
            doc: "ERO officer-days (overtime at its premium, escorts, new officers learning)",
        },
        /// Deputized partner officers' immigration days (paid by their own agencies).
        Partners = "partners" => CostLineInfo {
            metrics: &[Metric::CostPartners],
            doc: "deputized partner officers' days on immigration work",
        },
        /// Border Patrol agents detailed inland (paid by CBP).
        BorderPatrolDetails = "bp_details" => CostLineInfo {
            metrics: &[Metric::CostBorderPatrol],
            doc: "Border Patrol agent-days detailed inland",
        },
        /// Alternatives to detention (participant-days at the daily rate).
        Atd = "atd" => CostLineInfo {
            metrics: &[Metric::CostAtd],
            doc: "alternatives-to-detention participant-days",
        },
    }
}

/// What a removal pathway records.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PathwayInfo {
    /// Daily column counting the orders made on this pathway.
    pub orders: Metric,
}

registry! {
    /// How a detained case comes to a final removal order, which decides how long it is held
    /// before the wait for travel documents starts (voluntary departure, which needs no
    /// order, is [`RemovalMode::Voluntary`]). Both solvers count each order at the moment it
    /// is made, on the case's arresting office.
    pub enum Pathway: PathwayInfo {
        /// Expedited removal of a border case (order at book-in).
        Expedited = "expedited" => PathwayInfo { orders: Metric::OrdersExpedited },
        /// Interior case with no hearing: reinstatement, a prior final order, or interior
        /// expedited removal (order at book-in).
        Summary = "summary" => PathwayInfo { orders: Metric::OrdersSummary },
        /// Removal order after a detained-docket hearing.
        Judge = "judge" => PathwayInfo { orders: Metric::OrdersJudge },
    }
}

impl Pathway {
    /// Every pathway's orders column, in pathway order.
    pub const METRICS: [Metric; Pathway::COUNT] =
        [Pathway::INFO[0].orders, Pathway::INFO[1].orders, Pathway::INFO[2].orders];
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
