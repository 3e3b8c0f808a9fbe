//! The three CSV files: flat rows, one header line, headers taken from
//! [`crate::columns`] and the model's own metric and measure names.

use std::io::{self, Write};

use model::{Estimate, MEASURES, Metric, RunResult};

use crate::columns::{DAILY_KEYS, MEASURE_SUFFIXES, NATIONAL, OFFICES_KEYS, SCORECARD_COLUMNS};

/// Numbers as Rust prints them: shortest text that reads back to the same `f64`.
fn num(x: f64) -> String {
    x.to_string()
}

fn finish(mut w: csv::Writer<&mut dyn Write>) -> io::Result<()> {
    w.flush()
}

/// daily.csv: per day, one row per office then the `national` row.
pub(crate) fn daily(result: &RunResult, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let header = DAILY_KEYS.iter().map(|c| c.name).chain(Metric::ALL.iter().map(|m| m.name()));
    w.write_record(header)?;
    let d = &result.daily_mean;
    let names: Vec<&str> = result.scenario.offices.iter().map(|o| o.name.as_str()).collect();
    let mut row: Vec<String> = Vec::with_capacity(DAILY_KEYS.len() + Metric::ALL.len());
    for day in 0..d.days() {
        let date = result.scenario.start.plus(day as i32).to_string();
        // Offices in scenario order, then the national sum (index == names.len()).
        for o in 0..=names.len() {
            let national = o == names.len();
            row.clear();
            row.push(date.clone());
            row.push(if national { NATIONAL } else { names[o] }.to_string());
            for m in Metric::ALL {
                row.push(num(if national { d.national(day, *m) } else { d.get(day, o, *m) }));
            }
            w.write_record(&row)?;
        }
    }
    finish(w)
}

/// offices.csv: one row per office, three columns per measure.
pub(crate) fn offices(result: &RunResult, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<String> = OFFICES_KEYS.iter().map(|c| c.name.to_string()).collect();
    for m in MEASURES {
        header.extend(MEASURE_SUFFIXES.iter().map(|s| format!("{}{}", m.key, s.name)));
    }
    w.write_record(&header)?;
    for (office, measures) in result.scenario.offices.iter().zip(&result.offices) {
        let mut row = vec![office.name.clone()];
        for m in measures {
            row.extend(estimate(&m.estimate));
        }
        w.write_record(&row)?;
    }
    finish(w)
}

fn estimate(e: &Estimate) -> [String; 3] {
    [num(e.mean), num(e.ci95[0]), num(e.ci95[1])]
}

/// scorecards.csv: one row per office and fiscal quarter.
pub(crate) fn scorecards(result: &RunResult, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(SCORECARD_COLUMNS.iter().map(|c| c.name))?;
    for r in &result.scorecards {
        let [a, a_lo, a_hi] = estimate(&r.arrests);
        let [t, t_lo, t_hi] = estimate(&r.attainment);
        w.write_record([
            r.quarter.clone(),
            r.office.clone(),
            a,
            a_lo,
            a_hi,
            num(r.target),
            t,
            t_lo,
            t_hi,
            num(r.no_record_share.mean),
            r.rank.to_string(),
            num(r.bottom_five_probability),
        ])?;
    }
    finish(w)
}
