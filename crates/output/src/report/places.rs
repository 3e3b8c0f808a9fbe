//! Per-office measures charted: one ranked bar chart per office measure of the map
//! (arrests, detained, removals, no-record share, and the rates per 100,000 foreign-born
//! residents), offices sorted by the last run's value, a selector showing one chart at a
//! time. Inline SVG like the report's other charts, built from the same `office_measures`
//! the map colours by, so the two cannot disagree.

use std::fmt::Write;

use crate::report::charts::{Runs, figure};
use crate::report::svg::{self, BarSeries, Fmt, esc};

/// Whether a measure key is a share (drawn as a percentage).
pub(crate) fn is_share(key: &str) -> bool {
    key.ends_with("share") || key == "target_attainment"
}

/// The ranked bars of every office measure of the last run, one shown at a time.
pub(crate) fn section(runs: &Runs) -> String {
    let last = runs.data[runs.data.len() - 1];
    if last.office_measures.is_empty() {
        return "<p class=\"meta\">This run's files predate the per-office measures.</p>".into();
    }
    let mut s = String::from("<label>Measure <select id=\"office-measure\">");
    for m in &last.office_measures {
        let _ = write!(s, "<option value=\"{}\">{}</option>", esc(&m.key), esc(&m.doc));
    }
    s.push_str("</select></label>");
    for (i, m) in last.office_measures.iter().enumerate() {
        // Offices by the last run's value, largest first.
        let mut order: Vec<usize> = (0..last.offices.len().min(m.values.len())).collect();
        order.sort_by(|a, b| m.values[*b].total_cmp(&m.values[*a]));
        let categories: Vec<String> =
            order.iter().map(|o| last.offices[*o].office.clone()).collect();
        let series: Vec<BarSeries> = runs
            .iter()
            .filter_map(|(_, d, label, colour)| {
                let dm = d.office_measures.iter().find(|x| x.key == m.key)?;
                let values = categories
                    .iter()
                    .map(|name| {
                        let v = (d.offices.iter().position(|o| &o.office == name))
                            .and_then(|o| dm.values.get(o).copied())
                            .unwrap_or(0.0);
                        (v, v, v)
                    })
                    .collect();
                Some(BarSeries { label: label.to_string(), colour, values })
            })
            .collect();
        let (fmt, show): (Fmt, &dyn Fn(f64) -> String) = if is_share(&m.key) {
            (Fmt::Share, &|x| format!("{:.1}%", 100.0 * x))
        } else {
            (Fmt::Count, &|x| format!("{x:.1}"))
        };
        let chart = svg::bars(
            &format!("office-bars-{}", m.key),
            &format!("{} by office", m.doc),
            &m.doc,
            fmt,
            &categories,
            &series,
            show,
        );
        let _ = write!(
            s,
            "<div class=\"office-bars\" data-measure=\"{}\"{}>{chart}</div>",
            esc(&m.key),
            if i == 0 { "" } else { " style=\"display:none\"" },
        );
    }
    figure(
        &s,
        "Each office's value of the chosen measure, mean over replications, offices ranked by \
         the last run (the what-if when two). Rates per 100,000 foreign-born residents divide \
         by the area's foreign-born population (Census ACS 2018 1-year, table B05003, by \
         state; California, Texas and New York split between their offices by county shares, \
         partly assumed: crates/output/src/foreign_born.csv); flows are per year. Detention is \
         counted where the person is held, arrests by the arresting office, removals by the \
         removing office (border offices include CBP's direct removals).",
    )
}
