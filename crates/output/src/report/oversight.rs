//! The report's oversight pieces (issue 13): rated beds against the surge ceiling and the
//! people held, time held away from the arresting AOR, lengths of stay by category and
//! arresting agency, and the non-detained side — alternatives to detention (ATD) and the
//! non-detained court docket. All aggregate: series and distributions, never a person.

use std::fmt::Write;

use crate::report::charts::{Runs, band_marks, figure, overlay, series, x_range, xs};
use crate::report::svg::{self, Chart, Fmt, Key, Legend, Mark, Size, esc};
use crate::units::{Style, Unit};

/// The groups of the length-of-stay table: key infix of the `los_*` measures (empty for
/// all book-outs) and the row's label.
const STAY_GROUPS: [(&str, &str); 6] = [
    ("", "all book-outs"),
    ("convicted_", "convicted"),
    ("pending_", "pending criminal charges"),
    ("no_record_", "no criminal record"),
    ("ice_", "arrested by ICE or a deputized partner"),
    ("cbp_", "arrested by Border Patrol (CBP)"),
];

/// The statistics of the length-of-stay table: key suffix and column heading.
const STAY_STATS: [(&str, &str); 5] = [
    ("p50_days", "median, days"),
    ("p90_days", "90th pct, days"),
    ("p99_days", "99th pct, days"),
    ("over_90_days_share", "over 90 days"),
    ("over_180_days_share", "over 180 days"),
];

/// True for the per-group length-of-stay measures, which the key-figures table leaves to
/// [`stays`] (the national ones stay in it).
pub(crate) fn is_stay_group(key: &str) -> bool {
    STAY_GROUPS[1..].iter().any(|(g, _)| key.starts_with(&format!("los_{g}")))
}

/// People detained against rated beds and the surge ceiling (national, end of day).
pub(crate) fn capacity(runs: &Runs) -> String {
    let mut c = Chart::new(
        "capacity",
        "Rated beds, surge ceiling and people detained (national)",
        "people / beds (end of day)",
        "date",
        Size::Wide,
    );
    c.x_range = Some(x_range(runs));
    for (_, d, label, colour) in runs.iter() {
        let x = xs(d);
        if let Some(b) = series(d, "detained") {
            band_marks(&mut c, &x, b, colour);
            c.legend.push(Legend::new(format!("{label}: detained (95% band)"), colour, Key::Band));
        }
        for (key, what, width) in
            [("beds", "rated beds", 1.6), ("beds_surge", "surge ceiling (rated + surge room)", 0.9)]
        {
            if let Some(b) = series(d, key) {
                c.marks.push(Mark::Line {
                    pts: svg::line(&x, &b.mean),
                    stroke: colour,
                    width,
                    dash: true,
                });
                c.legend.push(Legend::new(format!("{label}: {what}"), colour, Key::Dashed));
            }
        }
    }
    figure(
        &c.render(),
        "People detained at the end of each day (mean and 95% band) against the rated beds \
         (thick dashed) and the surge ceiling (thin dashed): rated beds plus the room each \
         facility type may hold above them (`[detention] surge_share`). Between the two lines \
         detention is crowded and pays the surge premium; at the upper line the order of \
         `when_full` moves on to transfers, CBP holding and releases.",
    )
}

/// People detained outside their arresting office's AOR.
pub(crate) fn held_away(runs: &Runs) -> String {
    let chart = overlay(
        runs,
        "held-away",
        "held_away",
        "People held away from the arresting AOR",
        "people (end of day)",
        Fmt::Count,
        Size::Wide,
    );
    figure(
        &chart,
        "People detained at the end of each day in a facility outside the AOR of the office \
         that arrested them (national, mean and 95% band); their sum over days is \
         `held_away_person_days`. Only transfers for lack of a rated bed at home are \
         modelled, so this is a lower bound on time held away.",
    )
}

/// Lengths of stay of book-outs by group: a table of each run's national measures.
pub(crate) fn stays(runs: &Runs) -> String {
    let mut s = String::from(
        "<h3>Length of stay by category and arresting agency</h3>\
         <div class=\"wrap\"><table><thead><tr><th>book-outs</th>",
    );
    if runs.two() {
        s.push_str("<th>run</th>");
    }
    for (_, heading) in STAY_STATS {
        let _ = write!(s, "<th class=\"n\">{}</th>", esc(heading));
    }
    s.push_str("</tr></thead><tbody>");
    for (group, label) in STAY_GROUPS {
        for (_, d, run, _) in runs.iter() {
            let _ = write!(s, "<tr><td>{}</td>", esc(label));
            if runs.two() {
                let _ = write!(s, "<td>{}</td>", esc(run));
            }
            for (stat, _) in STAY_STATS {
                let key = format!("los_{group}{stat}");
                let cell = d.headline.iter().find(|h| h.key == key).map_or("–".into(), |h| {
                    let unit = if stat.ends_with("share") { Unit::Share } else { Unit::Days };
                    Style::new(unit, h.estimate.mean).show(h.estimate.mean)
                });
                let _ = write!(s, "<td class=\"n\">{cell}</td>");
            }
            s.push_str("</tr>");
        }
    }
    s.push_str(
        "</tbody></table></div><p class=\"meta\">Book-in to book-out, of the book-outs in the \
         period (national; means over replications). Categories as ICE records them at \
         book-in; agencies as ICE counts book-ins. The fluid solver gives these from its \
         delay structure without waits in saturated queues (docs/model.md).</p>",
    );
    s
}

/// Alternatives to detention and the non-detained court docket.
pub(crate) fn non_detained(runs: &Runs) -> String {
    let chart =
        |id, key, title, y_label| overlay(runs, id, key, title, y_label, Fmt::Count, Size::Half);
    let atd = [
        chart("atd-participants", "atd_participants", "People in ATD", "people (end of day)"),
        chart("atd-enrolled", "atd_enrolled", "Released into ATD", "people per day"),
    ];
    let docket = [
        chart("docket-pending", "docket_pending", "Non-detained docket: pending", "cases"),
        chart(
            "docket-completions",
            "docket_completions",
            "Non-detained docket: completions",
            "cases per day",
        ),
    ];
    let absentia = chart(
        "in-absentia",
        "docket_in_absentia_orders",
        "Removal orders in absentia",
        "orders per day",
    );
    let mut s = figure(
        &format!("<div class=\"row two\">{}{}</div>", atd[0], atd[1]),
        "Left: people supervised in alternatives to detention at the end of each day. Right: \
         people released into ATD each day (releases under supervision × the enrolment share, \
         within ATD capacity; trailing 7-day mean).",
    );
    s += &figure(
        &format!("<div class=\"row two\">{}{}</div>", docket[0], docket[1]),
        "Left: cases pending on the non-detained immigration-court docket at the end of each \
         day. Right: cases completed each day (judges × completions per judge-day, at most \
         what is pending; trailing 7-day mean).",
    );
    s += &figure(
        &absentia,
        "Removal orders issued in absentia each day (the respondent did not appear), part of \
         the non-detained docket's removal orders (trailing 7-day mean).",
    );
    let pools = [
        chart(
            "at-large-pool",
            "at_large_pool",
            "Reachable at-large pools",
            "people (start of day)",
        ),
        chart("pool-refill", "pool_refill", "Back into the at-large pools", "people per day"),
    ];
    s += &figure(
        &format!("<div class=\"row two\">{}{}</div>", pools[0], pools[1]),
        "Left: people in the offices' reachable at-large pools, which targeted at-large arrests \
         draw down. Right: people who rejoin them each day — a share of those ordered removed \
         in absentia and of those who abscond from ATD (trailing 7-day mean; docs/model.md, \
         \"In-absentia orders and absconders refill the at-large pools\").",
    );
    s
}
