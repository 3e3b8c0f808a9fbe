//! Small scenarios built in code, for tests and examples: the smallest pipeline that
//! exercises each mechanism, with round numbers instead of calibrated ones.

use crate::config::*;
use crate::date::Date;
use crate::ids::{FacilityKind, OfficeId, SectorId};

/// One office, one southwest sector; every mechanism switched on with round numbers.
pub fn tiny() -> Scenario {
    let c = Schedule::constant;
    Scenario {
        name: "tiny".into(),
        description: "a one-office pipeline for tests".into(),
        start: Date::from_ymd(2024, 10, 1).expect("valid date"),
        days: 120,
        warmup_days: 60,
        replications: 4,
        seed: 1,
        offices: vec![Office {
            name: "Test".into(),
            officers: c(200.0),
            jail_supply_per_day: c(20.0),
            detainer_honour_rate: c(0.6),
            target_per_day: c(0.0),
            reachable: [
                ReachablePool { initial: 20_000.0, inflow_per_day: 10.0 },
                ReachablePool { initial: 10_000.0, inflow_per_day: 5.0 },
                ReachablePool { initial: 200_000.0, inflow_per_day: 20.0 },
            ],
            community_pool: 0.0,
            community_inflow_per_day: 0.0,
            atd_participants: 0.0,
            docket_pending: 0.0,
            beds: vec![Beds { kind: FacilityKind::Contract, beds: c(2_000.0) }],
            flight_hub: true,
            land_border: true,
        }],
        sectors: vec![Sector {
            name: "Test Sector".into(),
            southwest: true,
            crossings_per_day: c(100.0),
            agents: 2_000.0,
            receiving_office: OfficeId(0),
        }],
        ero: EroWorkforce {
            availability: 0.7,
            at_large_share: c(0.3),
            operations_share: c(0.0),
            custodial_effort: 2.0,
            overtime_ceiling: 0.5,
            target_response: 1.0,
            tactics_response: 0.0,
            cost_per_officer_day: 800.0,
            // The workforce's dynamics off, as before they were modelled: tests that need
            // them switch them on.
            overtime_premium: 0.0,
            new_officer_productivity: 1.0,
            field_training_days: 0.0,
            overtime_memory_days: 90.0,
            attrition_per_overtime: 0.0,
            replacement_days: 365.0,
            escort_officers_per_seat: 0.0,
            escort_days_per_flight: 0.0,
            transfer_escort_officers_per_person: 0.0,
            transfer_escort_days: 0.0,
            // Daily variation off: tests that need it switch it on.
            weekend_effort: 1.0,
            office_operations_per_year: 0.0,
            national_operations_per_year: 0.0,
            operation_days: 1.0,
            office_operation_effort: 1.0,
            national_operation_effort: 1.0,
        },
        channels: channels(),
        cases: CaseMix {
            custodial_category: Schedule::constants([0.6, 0.35, 0.05]),
            border_category: Schedule::constants([0.05, 0.05, 0.9]),
            interior_nationality: Schedule::constants([0.4, 0.3, 0.25, 0.05]),
            border_nationality: Schedule::constants([0.3, 0.4, 0.25, 0.05]),
            interior_summary_share: c(0.3),
            interior_voluntary_share: c(0.05),
            border_expedited_share: c(0.6),
        },
        detention: detention(),
        courts: Courts {
            detained_docket_slots: c(1_000.0),
            case_days_mean: c(40.0),
            case_days_cv: 0.6,
            removal_order_share: 0.8,
            non_detained_judges: c(0.0),
            completions_per_judge_day: 0.0,
            non_detained_receipts_per_day: c(0.0),
            non_detained_removal_order_share: 0.0,
            non_detained_in_absentia_share: 0.0,
        },
        removal: Removal {
            travel_doc_days: Schedule::constants([1.0, 7.0, 30.0, 90.0]),
            border_travel_doc_days: Schedule::constants([1.0, 7.0, 30.0, 90.0]),
            travel_doc_never: [0.0, 0.01, 0.05, 0.5],
            post_order_custody_limit_days: 180.0,
            land_per_day: c(200.0),
            flights_per_week: c(14.0),
            seats_per_flight: c(135.0),
            surge_flights_per_week: c(0.0),
            surge_queue_days: 3.0,
            surge_lag_days: 14.0,
            hub_transfer_days: c(3.0),
            voluntary_departure_days: 5.0,
            goal_per_year: c(0.0),
        },
        costs: Costs {
            bed_day: [160.0, 150.0, 120.0, 110.0, 200.0],
            surge_bed_day_premium: 0.25,
            flight: 150_000.0,
            land_removal: 300.0,
            usbp_agent_day: 900.0,
            partner_officer_day: 900.0,
            atd_day: 0.0,
        },
        appropriations: vec![crate::Appropriation {
            name: "Test O&S".into(),
            amount: 2.0e9,
            share_modelled: 0.6,
            obligated_before: 0.0,
            from: Date::from_ymd(2024, 10, 1).expect("valid date"),
            until: Date::from_ymd(2025, 9, 30).expect("valid date"),
            lines: vec![
                crate::CostLine::Detention,
                crate::CostLine::Transport,
                crate::CostLine::Personnel,
            ],
        }],
        interventions: vec![],
    }
}

/// The tiny scenario's detention: release by both sources alike, no bond, no surge room.
fn detention() -> Detention {
    let c = Schedule::constant;
    Detention {
        book_in_share: Schedule::constants([0.9, 0.85, 0.7]),
        border_book_in_share: c(0.3),
        border_direct_removal_share: c(0.2),
        booking_days: c(0.5),
        usbp_transfer_days: c(2.0),
        cbp_holding_limit_days: 3.0,
        border_admission_ceiling: c(f64::INFINITY),
        release_hazard_per_day: Schedule::constants([0.005, 0.01, 0.02]),
        border_release_hazard_per_day: Schedule::constants([0.005, 0.01, 0.02]),
        bond_eligible_share: Schedule::constant(0.0),
        border_bond_eligible_share: Schedule::constant(0.0),
        bond_decision_days: 30.0,
        bond_grant_share: Schedule::constant(0.0),
        bond_posted_share: 1.0,
        bond_hearings_per_day: Schedule::constant(f64::INFINITY),
        deaths_per_million_detained_days: 0.5,
        transfer_when_full: true,
        surge_share: [0.0; FacilityKind::COUNT],
        when_full: Detention::DEFAULT_WHEN_FULL.to_vec(),
        atd_enrol_share: c(0.0),
        atd_days_mean: 725.0,
        atd_abscond_share: 0.0,
        atd_capacity: c(f64::INFINITY),
    }
}

/// The tiny scenario's `[channels]`: check-in arrests off.
fn channels() -> Channels {
    let c = Schedule::constant;
    Channels {
        at_large_yield: [0.2, 0.15, 0.1],
        max_daily_locate_share: [0.0002, 0.0002, 0.001],
        collateral_per_at_large: c(0.1),
        operations_yield: 0.5,
        operations_criminal_share: [0.1, 0.1],
        national_target_per_day: c(0.0),
        target_weights: vec![1.0],
        apprehension_max: 0.8,
        agents_per_crossing_half: 5.0,
        checkin_per_atd_day: c(0.0),
        checkin_per_docket_day: c(0.0),
        at_large_refill_share: 0.0,
    }
}

/// Border Patrol agents detailed from [`tiny`]'s sector to its office from 1 Oct 2024
/// (until `until`, if given), arresting 0.05 people per agent-day: the detail the tests of
/// shared pools and of book-ins by arresting agency add.
pub fn border_patrol_detail(agents: f64, until: Option<Date>) -> Intervention {
    Intervention {
        at: Date::from_ymd(2024, 10, 1).expect("a valid date"),
        kind: InterventionKind::Deploy {
            agents,
            offices: vec![OfficeId(0)],
            until,
            ramp_days: 0.0,
            arrests_per_agent_day: 0.05,
            from: DeployFrom::Sectors(vec![SectorId(0)]),
        },
    }
}

/// Keeps one source of cases in `s` (a [`tiny`]-like scenario): border apprehensions only
/// (`border`: no officers and no jail supply in any office) or interior arrests only (no
/// crossings at any sector).
pub fn only_source(s: &mut Scenario, border: bool) {
    if border {
        for o in &mut s.offices {
            o.officers = Schedule::constant(0.0);
            o.jail_supply_per_day = Schedule::constant(0.0);
        }
    } else {
        for sector in &mut s.sectors {
            sector.crossings_per_day = Schedule::constant(0.0);
        }
    }
}

/// [`tiny`] over 364 days (52 whole weeks), for daily-variation tests.
pub fn tiny_year() -> Scenario {
    Scenario { days: 364, ..tiny() }
}

/// An M/M/c/c loss system inside the pipeline: only the custodial channel (Poisson
/// arrivals, `arrivals_per_day`), everyone booked in and leaving by voluntary departure
/// after an exponential stay of `mean_stay_days`, `beds` beds and no transfers. The share
/// released for lack of beds must follow Erlang B.
pub fn loss_system(arrivals_per_day: f64, mean_stay_days: f64, beds: f64) -> Scenario {
    let mut s = tiny();
    let c = Schedule::constant;
    s.name = "erlang-b".into();
    s.sectors.clear();
    let o = &mut s.offices[0];
    o.jail_supply_per_day = c(arrivals_per_day);
    o.detainer_honour_rate = c(1.0);
    o.beds = vec![Beds { kind: FacilityKind::Contract, beds: c(beds) }];
    o.officers = c(1.0e6); // custodial capacity never binds
    s.ero.at_large_share = c(0.0);
    s.ero.operations_share = c(0.0);
    s.channels.collateral_per_at_large = c(0.0);
    s.detention.book_in_share = Schedule::constants([1.0; 3]);
    s.detention.booking_days = c(0.0);
    s.detention.transfer_when_full = false;
    s.detention.release_hazard_per_day = Schedule::constants([0.0; 3]);
    s.detention.border_release_hazard_per_day = Schedule::constants([0.0; 3]);
    s.cases.interior_summary_share = c(0.0);
    s.cases.interior_voluntary_share = c(1.0);
    s.removal.voluntary_departure_days = mean_stay_days;
    s
}

/// [`tiny`] with rated beds below demand and surge room above it: 600 rated contract beds
/// that may hold twice that (`surge_share` 1), against an expected ~980 detained. Every
/// admission above 600 is over rated capacity; none should be released for lack of a bed.
pub fn crowded() -> Scenario {
    let mut s = tiny();
    s.name = "crowded".into();
    s.offices[0].beds =
        vec![Beds { kind: FacilityKind::Contract, beds: Schedule::constant(600.0) }];
    s.detention.surge_share[FacilityKind::Contract.index()] = 1.0;
    s
}

/// [`crowded`] with a second office that makes no arrests and has 3,000 rated beds free:
/// where the first office's excess goes (over rated at home, or a transfer) is the
/// `when_full` order's to decide.
pub fn crowded_pair() -> Scenario {
    let mut s = crowded();
    let c = Schedule::constant;
    let mut roomy = s.offices[0].clone();
    roomy.name = "Roomy".into();
    roomy.officers = c(0.0);
    roomy.jail_supply_per_day = c(0.0);
    roomy.beds = vec![Beds { kind: FacilityKind::Contract, beds: c(3_000.0) }];
    s.offices.push(roomy);
    s.channels.target_weights = vec![0.5, 0.5];
    s
}

/// Assumption ranges for `result`'s national measures at `lo`, 1 and `hi` times each mean,
/// as if `samples` runs over `groups` assumption groups had given them (for tests of what
/// front-ends show).
pub fn assumption_ranges(
    result: &crate::RunResult,
    lo: f64,
    hi: f64,
    samples: usize,
    groups: usize,
) -> crate::AssumptionRanges {
    let measures = result
        .national
        .iter()
        .map(|m| {
            let x = m.estimate.mean;
            crate::AssumptionRange { key: m.key, p05: lo * x, p50: x, p95: hi * x }
        })
        .collect();
    crate::AssumptionRanges { solver: "fluid", samples, factor_groups: groups, seed: 1, measures }
}
