//! baseline-fy2024's border by month (issue 12; docs/calibration.md, "FY2024's months"): the
//! fluid's southwest apprehensions each month are the ones `data/inputs.csv` sources, so the
//! FY2024 months are no longer flat, and the book-in share's step on 5 June 2024 keeps the
//! year's CBP-arrested book-ins at ICE's total.

use std::fs;

/// Days in each month of FY2024 (2023-10 .. 2024-09; 2024 is a leap year).
const MONTH_DAYS: [usize; 12] = [31, 30, 31, 31, 29, 31, 30, 31, 30, 31, 31, 30];
const MONTHS: [&str; 12] = [
    "2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05",
    "2024-06", "2024-07", "2024-08", "2024-09",
];

/// `usbp.sw_apprehensions.<month>` of data/inputs.csv (key and value are its first fields).
fn sourced(month: &str) -> f64 {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/inputs.csv");
    let text = fs::read_to_string(path).expect("data/inputs.csv");
    let key = format!("usbp.sw_apprehensions.{month}");
    let line = text.lines().find(|l| l.split(',').next() == Some(key.as_str())).expect("a row");
    line.split(',').nth(1).and_then(|v| v.parse().ok()).expect("a number")
}

fn column(key: &str) -> usize {
    model::Metric::ALL.iter().position(|m| m.name() == key).expect("a daily metric")
}

#[test]
fn baseline_fy2024_apprehends_each_months_sourced_southwest_total() {
    let sc = scenario::load_builtin("baseline-fy2024").unwrap().scenario;
    let r = model::fluid::run(&sc);
    let daily = &r.national_daily[0];
    assert_eq!(daily.len(), MONTH_DAYS.iter().sum::<usize>());
    let (app, cbp) = (column("apprehensions"), column("book_ins_cbp"));
    let mut first = 0;
    let mut rest = Vec::new();
    for (month, days) in MONTHS.iter().zip(MONTH_DAYS) {
        let modelled: f64 = daily[first..first + days].iter().map(|d| d[app]).sum();
        let southwest = sourced(month);
        // What is left is the non-southwest sectors' constant flow (no monthly input).
        rest.push(((modelled - southwest) / days as f64, southwest / days as f64, *month));
        first += days;
    }
    let (lo, hi) = rest.iter().fold((f64::MAX, f64::MIN), |(a, b), r| (a.min(r.0), b.max(r.0)));
    for (other, southwest, month) in &rest {
        assert!(
            (other - lo).abs() <= 0.02 * southwest && (hi - other).abs() <= 0.02 * southwest,
            "{month}: non-southwest apprehensions {other:.0}/day vary by month ({lo:.0}..{hi:.0})"
        );
    }
    assert!(lo > 50.0 && hi < 150.0, "non-southwest {lo:.0}..{hi:.0}/day");
    // ICE's FY2024 CBP-arrested book-ins (figures.csv ice.bookins.cbp.fy2024): before the
    // rule the border offers more than ICE takes, and the border admission ceiling's room
    // sets them (not fitted to this total: +5.6% at the assumed 38,000, −1.2% at the 36,460
    // fitted to the months).
    let booked: f64 = daily.iter().map(|d| d[cbp]).sum();
    assert!((booked / 187_298.0 - 1.0).abs() < 0.08, "CBP book-ins {booked:.0}");
}
