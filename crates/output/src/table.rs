//! The summary printed at the end of `caseload run`: headline measures with intervals,
//! optionally one line per office, and the invariant verdict. Plain text, aligned by
//! character count, under 100 columns.

use model::{Estimate, MeasureEstimate, RunResult};

use crate::invariants::InvariantSummary;
use crate::units::{Style, Unit};

/// Widest line the table aims for.
const WIDTH: usize = 100;

/// The headline measures: key, label, unit.
const HEADLINE: [(&str, &str, Unit); 9] = [
    ("arrests_per_day", "interior arrests per day", Unit::Rate),
    ("book_ins", "book-ins into ICE detention", Unit::Count),
    ("adp", "average daily detained population", Unit::Count),
    ("alos_days", "average length of stay, days", Unit::Days),
    ("removals", "removals incl. voluntary departures", Unit::Count),
    ("released_no_bed", "released for lack of a bed", Unit::Count),
    ("no_record_share", "arrests with no criminal record", Unit::Share),
    ("arrest_to_removal_days", "arrest to removal, median days", Unit::Days),
    ("cost_usd", "cost: detention, transport, staff", Unit::Usd),
];

/// The office columns: key, header, unit.
const OFFICE_COLUMNS: [(&str, &str, Unit); 4] = [
    ("arrests_per_day", "arrests/day", Unit::Rate),
    ("adp", "detained (ADP)", Unit::Count),
    ("removals", "removals", Unit::Count),
    ("no_record_share", "no-record share", Unit::Share),
];

/// Renders the terminal summary of a run; `offices` adds one row per office.
pub fn summary_table(result: &RunResult, offices: bool) -> String {
    let sc = &result.scenario;
    let reps = result.invariants.len();
    let mut out = String::new();
    let last = sc.start.plus(sc.days.saturating_sub(1) as i32);
    out += &clip(&format!("{}: {}", sc.name, sc.description));
    out += &format!(
        "\n{} to {last} ({} days), {reps} replication{}, seed {}\n\n",
        sc.start,
        sc.days,
        if reps == 1 { "" } else { "s" },
        sc.seed
    );

    let ranges = result.assumption_ranges.as_ref();
    let mut header = vec!["national".to_string(), "mean".into(), "95% CI (draws)".into()];
    if ranges.is_some() {
        header.push("5–95% over assumptions".into());
    }
    let mut rows = vec![header];
    for (key, label, unit) in HEADLINE {
        if let Some(m) = result.national(key) {
            let e = m.estimate;
            let style = Style::new(unit, e.mean);
            let mut row = vec![label.to_string(), style.show(e.mean), interval(&style, e, reps)];
            if let Some(r) = ranges {
                row.push(r.of(key).map_or("–".into(), |a| {
                    format!("{} – {}", style.show(a.p05), style.show(a.p95))
                }));
            }
            rows.push(row);
        }
    }
    if let Some(g) = model::summary::removal_goal(result) {
        let (e, style) = (g.removals_vs_goal, Style::new(Unit::Share, g.removals_vs_goal.mean));
        let label = format!("removals vs goal of {}", Style::new(Unit::Count, g.goal).show(g.goal));
        rows.push(vec![label, style.show(e.mean), interval(&style, e, reps)]);
    }
    out += &render(&rows, &[false, true, true, true][..rows[0].len()]);
    if let Some(r) = ranges {
        out +=
            "95% CI (draws): the replications' random draws only, each assumption at its value.\n";
        out += &clip(&format!(
            "5–95% over assumptions: {} fluid runs, {} assumption groups drawn across their ranges.",
            r.samples, r.factor_groups
        ));
        out.push('\n');
    }

    out += &daily_line(result);
    out += &budget_lines(result);

    if offices && !result.offices.is_empty() {
        out.push('\n');
        let mut header = vec!["office".to_string()];
        header.extend(OFFICE_COLUMNS.iter().map(|c| c.1.to_string()));
        let mut rows = vec![header];
        for (office, measures) in sc.offices.iter().zip(&result.offices) {
            let mut row = vec![clip_to(&office.name, 24)];
            for (key, _, unit) in OFFICE_COLUMNS {
                row.push(find(measures, key).map_or("–".into(), |e| plus_minus(e, unit, reps)));
            }
            rows.push(row);
        }
        out += &render(&rows, &[false, true, true, true, true]);
    }

    out.push('\n');
    out += &invariant_lines(result);
    out
}

/// The distribution of a day's national interior arrests (model::variation): percentiles
/// and days above 2,000, means over replications.
fn daily_line(result: &RunResult) -> String {
    let m = |k: &str| result.national(k).map_or(0.0, |m| m.estimate.mean);
    let n = |x: f64| Style::new(Unit::Count, x).show(x);
    clip(&format!(
        "\ndaily interior arrests: p5 {}, median {}, p95 {}, p99 {}; days over 2,000: {:.1}",
        n(m("daily_arrests_p5")),
        n(m("daily_arrests_p50")),
        n(m("daily_arrests_p95")),
        n(m("daily_arrests_p99")),
        m("days_over_2000_arrests")
    )) + "\n"
}

/// One line per appropriation available during the run: charged, and when it runs out or
/// what lapses unspent (see `model::budget`).
fn budget_lines(result: &RunResult) -> String {
    let budget = model::budget::budget(result);
    if budget.appropriations.is_empty() {
        return String::new();
    }
    let usd = |x: f64| Style::new(Unit::Usd, x).show(x);
    let mut out = format!(
        "\nbudget (modelled lines; projections at the last {} days' pace)\n",
        model::budget::PACE_DAYS
    );
    for a in &budget.appropriations {
        let share = if a.opening > 0.0 { a.spent.mean / a.opening * 100.0 } else { 0.0 };
        let fate = match (a.runs_out, a.runs_out_projected) {
            (Some(d), false) => format!("ran out {d}"),
            (Some(d), true) => format!("runs out {d} (projected)"),
            (None, _) => format!("lapses {} with {} unspent", a.until, usd(a.unspent_at_lapse)),
        };
        out += &clip(&format!(
            "  {}: {} of {} charged ({share:.0}%); {fate}",
            a.name,
            usd(a.spent.mean),
            usd(a.opening)
        ));
        out.push('\n');
    }
    out
}

/// The 95% interval as `lo – hi`; `n/a` with one replication, which has none.
fn interval(style: &Style, e: Estimate, reps: usize) -> String {
    if reps < 2 {
        "n/a".to_string()
    } else {
        format!("{} – {}", style.show(e.ci95[0]), style.show(e.ci95[1]))
    }
}

fn find(measures: &[MeasureEstimate], key: &str) -> Option<Estimate> {
    measures.iter().find(|m| m.key == key).map(|m| m.estimate)
}

/// `mean ± half-width` (just the mean with one replication).
fn plus_minus(e: Estimate, unit: Unit, reps: usize) -> String {
    let style = Style::new(unit, e.mean);
    if reps < 2 {
        return style.show(e.mean);
    }
    format!("{} ± {}", style.show(e.mean), style.show((e.ci95[1] - e.ci95[0]) / 2.0))
}

/// "invariants: all passed over N replications", or the failed checks and first messages.
fn invariant_lines(result: &RunResult) -> String {
    let s = InvariantSummary::of(&result.invariants);
    let n = s.replications;
    if s.all_ok {
        return format!("invariants: all passed over {n} replication{}\n", plural(n));
    }
    let failed: Vec<String> = s
        .failures(&result.invariants)
        .into_iter()
        .map(|(name, k)| format!("{name} ({k})"))
        .collect();
    let mut out = clip(&format!(
        "invariants: FAILED in {} of {n} replication{}: {}",
        s.failed_replications,
        plural(n),
        failed.join(", ")
    ));
    out.push('\n');
    for v in s.violations.iter().take(3) {
        out += &clip(&format!("  {v}"));
        out.push('\n');
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn clip(s: &str) -> String {
    clip_to(s, WIDTH)
}

/// At most `width` characters, with an ellipsis when cut.
fn clip_to(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        return s.to_string();
    }
    let mut t: String = s.chars().take(width - 1).collect();
    t.push('…');
    t
}

/// Columns padded to their widest cell (first row is the header, underlined);
/// `right[i]` right-aligns column i.
fn render(rows: &[Vec<String>], right: &[bool]) -> String {
    let cols = right.len();
    let mut widths = vec![0; cols];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let line = |row: &[String]| {
        let cells: Vec<String> = (0..cols)
            .map(|i| {
                let (cell, w) = (row.get(i).map_or("", |s| s.as_str()), widths[i]);
                if right[i] { format!("{cell:>w$}") } else { format!("{cell:<w$}") }
            })
            .collect();
        cells.join("   ").trim_end().to_string() + "\n"
    };
    for (i, row) in rows.iter().enumerate() {
        out += &line(row);
        if i == 0 {
            let total = widths.iter().sum::<usize>() + 3 * cols.saturating_sub(1);
            out += &"-".repeat(total);
            out.push('\n');
        }
    }
    out
}
