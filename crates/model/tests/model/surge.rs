//! Capacity as ICE runs it: rated beds, a surge limit above them at a cost premium, and
//! the order of responses when rated beds are full (docs/model.md, "Beds: rated, surge and
//! when full"). Each test fails without its mechanism.

use model::{FacilityKind, RunOptions, RunResult, WhenFull, run, testkit};

fn opts() -> RunOptions {
    RunOptions { replications: Some(4), seed: Some(9), threads: 0 }
}

fn m(r: &RunResult, key: &str) -> f64 {
    r.national(key).unwrap().estimate.mean
}

fn office(r: &RunResult, o: usize, key: &str) -> f64 {
    r.offices[o].iter().find(|x| x.key == key).unwrap().estimate.mean
}

/// Both solvers.
fn both(sc: &model::Scenario) -> [RunResult; 2] {
    [run(sc, opts()).unwrap(), model::fluid::run(sc)]
}

#[test]
fn with_surge_room_admissions_go_over_rated_and_no_one_is_released_for_lack_of_a_bed() {
    let sc = testkit::crowded();
    let mut hard = sc.clone();
    hard.detention.surge_share = [0.0; FacilityKind::COUNT];
    for (r, h) in both(&sc).iter().zip(both(&hard)) {
        assert_eq!(m(r, "released_no_bed"), 0.0, "surge room left: nobody released");
        assert!(m(r, "over_rated_person_days") > 20_000.0, "{}", m(r, "over_rated_person_days"));
        assert!(m(r, "peak_over_rated_share") > 0.3, "{}", m(r, "peak_over_rated_share"));
        assert!(m(r, "adp") > 900.0, "{}", m(r, "adp"));
        // Rated beds as a hard cap: the same demand is released instead.
        assert!(m(&h, "released_no_bed") > 1_000.0, "{}", m(&h, "released_no_bed"));
        assert_eq!(m(&h, "over_rated_person_days"), 0.0);
        assert!(m(&h, "adp") <= 600.0 + 1e-6, "{}", m(&h, "adp"));
        assert!(r.invariants.iter().chain(&h.invariants).all(|i| i.all_ok()));
    }
}

#[test]
fn surge_cost_is_the_person_days_over_rated_at_the_bed_day_rate_times_the_premium() {
    let sc = testkit::crowded();
    let mut free = sc.clone();
    free.costs.surge_bed_day_premium = 0.0;
    let rate = sc.costs.bed_day[FacilityKind::Contract.index()];
    for (r, f) in both(&sc).iter().zip(both(&free)) {
        let over = m(r, "over_rated_person_days");
        let surge = m(r, "cost_surge_usd");
        assert!((surge - over * rate * 0.25).abs() < 1e-6 * surge, "{surge} vs {over}");
        assert_eq!(m(&f, "cost_surge_usd"), 0.0);
        // In the cost totals.
        assert!((m(r, "cost_usd") - m(&f, "cost_usd") - surge).abs() < 1e-6 * surge);
    }
}

#[test]
fn the_when_full_order_is_honoured() {
    use WhenFull::*;
    let sc = testkit::crowded_pair();
    let mut transfer_first = sc.clone();
    transfer_first.detention.when_full = vec![Transfer, Overcrowd, Hold, Release];
    let mut no_transfer = sc.clone();
    no_transfer.detention.transfer_when_full = false;
    let mut release_first = sc.clone();
    release_first.detention.when_full = vec![Release];
    for solver in 0..2 {
        let r = &both(&sc)[solver];
        let t = &both(&transfer_first)[solver];
        let n = &both(&no_transfer)[solver];
        let x = &both(&release_first)[solver];
        // Overcrowd first: the excess stays at home, over rated; (almost) no transfers.
        assert!(office(r, 0, "over_rated_person_days") > 20_000.0);
        assert!(m(r, "transfers_out_of_aor") < 0.01 * m(t, "transfers_out_of_aor"));
        // Transfer first: the other AOR's free rated beds take it; nobody over rated.
        assert_eq!(m(t, "over_rated_person_days"), 0.0);
        assert!(m(t, "transfers_out_of_aor") > 1_000.0, "{}", m(t, "transfers_out_of_aor"));
        assert!(m(t, "adp") > 900.0 && m(r, "adp") > 900.0);
        assert!(office(t, 1, "adp") > 300.0, "{}", office(t, 1, "adp"));
        assert_eq!(office(r, 1, "adp"), 0.0, "overcrowd first: nothing transferred");
        // transfer_when_full = false drops the transfers, not the overcrowding.
        assert_eq!(m(n, "transfers_out_of_aor"), 0.0);
        assert!(m(n, "over_rated_person_days") > 20_000.0);
        // Release first: rated beds only, the rest released (border cases included: no hold).
        assert_eq!(m(x, "over_rated_person_days") + m(x, "transfers_out_of_aor"), 0.0);
        assert!(m(x, "released_no_bed") > 1_000.0);
        for res in [r, t, n, x] {
            // Numerically none: the fluid's bed arithmetic leaves rounding residues (~1e-15).
            let released = m(res, "released_no_bed");
            assert_eq!(released > 1e-9, std::ptr::eq(res, x), "solver {solver}: {released}");
            assert!(res.invariants.iter().all(|i| i.all_ok()), "solver {solver}");
        }
    }
}

#[test]
fn hold_before_overcrowd_keeps_border_cases_waiting_in_cbp_custody() {
    use WhenFull::*;
    // Rated beds at home only for border cases (hold ends their list), surge room for
    // interior ones: border cases wait and some reach the holding limit.
    let mut sc = testkit::crowded();
    sc.detention.when_full = vec![Hold, Overcrowd, Release];
    for r in both(&sc) {
        assert!(m(&r, "over_rated_person_days") > 1_000.0, "interior cases overcrowd");
        assert!(m(&r, "over_rated_person_days") < 0.1 * 45_000.0, "border cases do not");
        assert!(m(&r, "released_no_bed") > 0.0, "border cases released at the holding limit");
        assert!(r.invariants.iter().all(|i| i.all_ok()));
    }
}
