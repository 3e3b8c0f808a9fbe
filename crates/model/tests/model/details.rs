//! Surge details of ICE's own officers between offices (`InterventionKind::Detail`,
//! `effort::reinforcements`), in both solvers: officer-days are conserved but for the
//! travel, the receiver's arrests rise and the senders' fall, and the DES and the fluid
//! agree on what the detail moves.

use model::{
    Intervention, InterventionKind, Metric, OfficeId, RunOptions, RunResult, Scenario, Schedule,
    fluid, run, testkit,
};

/// Two senders (200 and 300 officers) and a receiver (200 officers), alike otherwise.
fn three_offices() -> Scenario {
    let mut sc = testkit::tiny();
    let mut b = sc.offices[0].clone();
    b.name = "Sender B".into();
    b.officers = Schedule::constant(300.0);
    let mut r = sc.offices[0].clone();
    r.name = "Receiver".into();
    sc.offices[0].name = "Sender A".into();
    sc.offices.extend([b, r]);
    sc.channels.target_weights = vec![1.0; 3];
    sc
}

const OFFICERS: f64 = 60.0;
/// The detail: measured days 10 to 49, two days' travel at each end.
const FIRST: usize = 10;
const LAST: usize = 49;
const TRAVEL: usize = 2;

fn detailed(from: Vec<OfficeId>) -> Scenario {
    let mut sc = three_offices();
    let at = sc.start.plus(FIRST as i32);
    sc.interventions.push(Intervention {
        at,
        kind: InterventionKind::Detail {
            officers: OFFICERS,
            from,
            to: vec![OfficeId(2)],
            until: Some(sc.start.plus(LAST as i32)),
            travel_days: TRAVEL as f64,
        },
    });
    sc
}

fn both(sc: &Scenario) -> [RunResult; 2] {
    let des = run(sc, RunOptions { replications: Some(8), seed: Some(41), threads: 0 }).unwrap();
    [des, fluid::run(sc)]
}

fn office_sum(
    r: &RunResult,
    o: usize,
    ms: &[Metric],
    days: std::ops::RangeInclusive<usize>,
) -> f64 {
    days.map(|d| ms.iter().map(|m| r.daily_mean.get(d, o, *m)).sum::<f64>()).sum()
}

/// ICE's own arrests (the channels the detailed officers work in).
const ICE: [Metric; 4] = [
    Metric::ArrestsCustodial,
    Metric::ArrestsAtLarge,
    Metric::ArrestsCollateral,
    Metric::ArrestsOperations,
];

#[test]
fn a_detail_conserves_officer_days_but_for_travel_and_moves_arrests_to_the_receiver() {
    let base = three_offices();
    let sc = detailed(vec![OfficeId(0), OfficeId(1)]);
    let availability = sc.ero.availability;
    let days = sc.days as usize;
    let (bases, runs) = (both(&base), both(&sc));
    let mut gains = [0.0; 2];
    for (i, (a, b)) in bases.iter().zip(&runs).enumerate() {
        let solver = ["des", "fluid"][i];
        let mut travel_total = 0.0;
        for d in 0..days {
            // Conservation: every office's officer-days plus the travel equal the base's.
            let travel = b.daily_mean.national(d, Metric::DetailTravelOfficerDays);
            let worked = b.daily_mean.national(d, Metric::OfficerDays);
            let before = a.daily_mean.national(d, Metric::OfficerDays);
            assert!((worked + travel - before).abs() < 1e-9 * before, "{solver} day {d}");
            travel_total += travel;
            let working = (FIRST + TRAVEL..=LAST - TRAVEL).contains(&d);
            let here = b.daily_mean.get(d, 2, Metric::OfficersDetailed);
            assert_eq!(here, if working { OFFICERS } else { 0.0 }, "{solver} day {d}");
            // Senders lose officers pro rata (200 : 300), travel days included.
            let lost = a.daily_mean.get(d, 0, Metric::OfficerDays)
                - b.daily_mean.get(d, 0, Metric::OfficerDays);
            let expected =
                if (FIRST..=LAST).contains(&d) { OFFICERS * 0.4 * availability } else { 0.0 };
            assert!((lost - expected).abs() < 1e-9, "{solver} day {d}: {lost} vs {expected}");
        }
        // Two days at each end, every detailed officer (at the availability).
        let travel = OFFICERS * availability * (2 * TRAVEL) as f64;
        assert!((travel_total - travel).abs() < 1e-9, "{solver}: {travel_total} vs {travel}");
        // The receiver's ICE arrests rise, each sender's fall, over the detail.
        let window = FIRST..=LAST;
        let change = |o: usize| {
            office_sum(b, o, &ICE, window.clone()) - office_sum(a, o, &ICE, window.clone())
        };
        assert!(change(2) > 0.0, "{solver}: receiver {}", change(2));
        assert!(change(0) < 0.0 && change(1) < 0.0, "{solver}: {} {}", change(0), change(1));
        assert!(change(1) < change(0), "{solver}: the larger sender loses more");
        gains[i] = change(2);
    }
    // DES ≈ fluid on the receiver's gain.
    let [des, fluid] = gains;
    assert!((des - fluid).abs() < 0.15 * fluid, "receiver's gain: DES {des:.1}, fluid {fluid:.1}");
}

#[test]
fn a_detail_from_one_office_leaves_the_others_alone_and_ends_on_its_last_day() {
    let base = three_offices();
    let sc = detailed(vec![OfficeId(1)]);
    let a = fluid::run(&base);
    let b = fluid::run(&sc);
    let days = sc.days as usize;
    for d in 0..days {
        for m in [Metric::OfficerDays, Metric::ArrestsAtLarge] {
            assert_eq!(a.daily_mean.get(d, 0, m), b.daily_mean.get(d, 0, m), "day {d}");
        }
    }
    // Back home after the last day: the sender's officer-days are the base's again.
    let od = |r: &RunResult, d: usize| r.daily_mean.get(d, 1, Metric::OfficerDays);
    assert!(od(&b, LAST) < od(&a, LAST));
    assert_eq!(od(&b, LAST + 1), od(&a, LAST + 1));
    assert_eq!(b.daily_mean.get(LAST + 1, 2, Metric::OfficersDetailed), 0.0);
}
