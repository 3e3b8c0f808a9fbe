//! The terminal table: headline labels, office rows, invariant line, width.

use crate::{tiny, two_offices};

const LABELS: [&str; 9] = [
    "interior arrests per day",
    "book-ins into ICE detention",
    "average daily detained population",
    "average length of stay, days",
    "removals incl. voluntary departures",
    "released for lack of a bed",
    "arrests with no criminal record",
    "arrest to removal, median days",
    "cost: detention, transport, staff",
];

#[test]
fn has_the_headline_labels_and_the_invariant_line() {
    let t = output::summary_table(tiny(), false);
    for l in LABELS {
        assert!(t.contains(l), "{l} missing from\n{t}");
    }
    assert!(t.contains("95% CI"));
    assert!(t.contains("invariants: all passed over 3 replications"), "{t}");
    assert!(!t.contains("arrests/day"), "no office rows unless asked");
}

#[test]
fn office_rows_and_width() {
    let t = output::summary_table(two_offices(), true);
    println!("{t}");
    assert!(t.contains("arrests/day") && t.contains("no-record share"));
    assert!(t.lines().any(|l| l.starts_with("Test ") && l.contains('±')));
    assert!(t.lines().any(|l| l.starts_with("Second")));
    assert!(t.contains('$') && t.contains('%'));
    for l in t.lines() {
        assert!(l.chars().count() <= 100, "too wide: {l}");
    }
}

#[test]
fn failed_invariants_are_named_with_their_first_messages() {
    let mut r = tiny().clone();
    r.invariants[1].flows_balance = false;
    r.invariants[1].violations.push("day 7: 10 + 2 admitted − 1 out ≠ 12 detained".into());
    let t = output::summary_table(&r, false);
    assert!(t.contains("invariants: FAILED in 1 of 3 replications: flows_balance (1)"), "{t}");
    assert!(t.contains("  replication 1: day 7:"), "{t}");
}
