//! The budget section: each appropriation's balance through the run (a burn-down) and a
//! table of what was charged to it by fiscal quarter, when it runs out and what lapses.

use std::fmt::Write;

use crate::report::charts::{Runs, figure, x_range, xs};
use crate::report::svg::{self, Chart, Fmt, Key, Legend, Mark, STACK_COLOURS, Size, esc};
use crate::units::{Style, Unit};

/// The section's body; empty of charts when no run lists appropriations.
pub(crate) fn section(runs: &Runs) -> String {
    if runs.data.iter().all(|d| d.budget.is_empty()) {
        return "<p>The scenario lists no appropriations (<code>[[appropriations]]</code>), so \
                spending is not set against a budget.</p>"
            .into();
    }
    let mut s = burn_down(runs);
    s += &table(runs);
    s
}

fn burn_down(runs: &Runs) -> String {
    let mut c = Chart::new(
        "burn-down",
        "Appropriations: balance left for the modelled lines",
        "US dollars (end of day)",
        "date",
        Size::Wide,
    );
    c.y_fmt = Fmt::Usd;
    c.x_range = Some(x_range(runs));
    for (r, d, label, _) in runs.iter() {
        let x = xs(d);
        for (i, f) in d.budget.iter().enumerate() {
            let colour = STACK_COLOURS[i % STACK_COLOURS.len()];
            // Days before the money is available are gaps, not a full balance.
            let y: Vec<f64> = (x.iter().zip(&f.balance))
                .map(|(day, b)| if available(*day, &f.from) { *b } else { f64::NAN })
                .collect();
            c.marks.push(Mark::Line {
                pts: svg::line(&x, &y),
                stroke: colour,
                width: 1.8,
                dash: r == 1,
            });
            let name = if runs.two() { format!("{label}: {}", f.name) } else { f.name.clone() };
            c.legend.push(Legend::new(name, colour, if r == 1 { Key::Dashed } else { Key::Fill }));
        }
    }
    figure(
        &c.render(),
        "Each appropriation's money for the modelled lines (amount × the share that pays for \
         them, less what was obligated before the run) after each day's spending is charged to \
         it — the appropriation that lapses first first (mean over replications). Spending is \
         not capped: what no appropriation covers is counted as unfunded in the table below.",
    )
}

fn available(day: f64, from: &str) -> bool {
    model::Date::parse(from).is_none_or(|f| day >= f64::from(f.days_since_epoch()))
}

fn table(runs: &Runs) -> String {
    let usd = |x: f64| Style::new(Unit::Usd, x).show(x);
    let mut s = String::from(
        "<div class=\"wrap\"><table><thead><tr><th>run</th><th>appropriation</th>\
         <th>lines</th><th class=\"n\">for the modelled lines</th><th class=\"n\">charged \
         in the run</th><th>by fiscal quarter (cumulative share)</th><th>runs out</th>\
         <th class=\"n\">unspent when it lapses</th></tr></thead><tbody>",
    );
    for (_, d, label, _) in runs.iter() {
        for f in &d.budget {
            let quarters: Vec<String> = (f.quarters.iter())
                .map(|(q, spent, share)| format!("{q}: {} ({:.0}%)", usd(*spent), share * 100.0))
                .collect();
            let runs_out = match (&f.runs_out, f.runs_out_projected) {
                (Some(day), false) => esc(day),
                (Some(day), true) => format!("{} (projected)", esc(day)),
                (None, _) => format!("lasts to {}", esc(&f.until)),
            };
            let _ = write!(
                s,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td>\
                 <td class=\"n\">{}</td><td>{}</td><td>{runs_out}</td><td class=\"n\">{}</td></tr>",
                esc(label),
                esc(&f.name),
                esc(&f.lines.join(", ")),
                usd(f.opening),
                usd(f.spent.mean),
                esc(&quarters.join("; ")),
                usd(f.unspent_at_lapse),
            );
        }
    }
    let _ = write!(
        s,
        "</tbody></table></div><p class=\"muted\">Run-out dates past the run's end are \
         projections: every cost line keeps spending at its pace over the run's last {} \
         days, annual money lapses at its fiscal year's end and the line then falls on the \
         multi-year money; no appropriation the scenario does not list is assumed.</p>",
        model::budget::PACE_DAYS
    );
    s
}
