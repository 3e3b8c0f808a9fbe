//! Quarterly office scorecards, as in the accountability reviews: arrests against target
//! per office and fiscal quarter, with the uncertainty the simulation gives them.

use serde::Serialize;

use crate::config::Scenario;
use crate::metrics::Metric;
use crate::replication::Replication;
use crate::summary::{Estimate, INTERIOR_ARRESTS};

/// One office in one fiscal quarter.
#[derive(Clone, Debug, Serialize)]
pub struct ScorecardRow {
    /// Fiscal quarter, e.g. `FY2025Q3`.
    pub quarter: String,
    /// Office name.
    pub office: String,
    /// Interior arrests in the quarter (mean and 95% CI over replications).
    pub arrests: Estimate,
    /// The office's target for the quarter (sum of daily targets).
    pub target: f64,
    /// Arrests / target (0 when there is no target).
    pub attainment: Estimate,
    /// No-record share of the quarter's arrests.
    pub no_record_share: Estimate,
    /// Rank by mean attainment within the quarter (1 = best); by arrests if no target.
    pub rank: usize,
    /// Share of replications in which this office ranked in the bottom five: how sure a
    /// review can be that the office is really among the worst.
    pub bottom_five_probability: f64,
}

/// Builds the scorecards from the replications.
pub fn build(sc: &Scenario, reps: &[Replication]) -> Vec<ScorecardRow> {
    let days = sc.days as usize;
    let offices = sc.offices.len();
    // Quarter boundaries in measured-day indices.
    let mut quarters: Vec<(String, usize, usize)> = Vec::new();
    for d in 0..days {
        let q = sc.start.plus(d as i32).fiscal_quarter();
        match quarters.last_mut() {
            Some((name, _, end)) if *name == q => *end = d + 1,
            _ => quarters.push((q, d, d + 1)),
        }
    }
    let mut rows = Vec::new();
    for (q, from, to) in quarters {
        // [rep][office] → (arrests, target, no record)
        let per_rep: Vec<Vec<(f64, f64, f64)>> = reps
            .iter()
            .map(|r| {
                (0..offices)
                    .map(|o| {
                        let mut a = 0.0;
                        let mut t = 0.0;
                        let mut nr = 0.0;
                        for d in from..to {
                            a +=
                                INTERIOR_ARRESTS.iter().map(|m| r.daily.get(d, o, *m)).sum::<f64>();
                            t += r.daily.get(d, o, Metric::Target);
                            nr += r.daily.get(d, o, Metric::ArrestsNoRecord);
                        }
                        (a, t, nr)
                    })
                    .collect()
            })
            .collect();
        let score = |(a, t, _): (f64, f64, f64)| if t > 0.0 { a / t } else { a };
        let mut bottom = vec![0usize; offices];
        for rep in &per_rep {
            let mut order: Vec<usize> = (0..offices).collect();
            order.sort_by(|&x, &y| score(rep[x]).total_cmp(&score(rep[y])).then(x.cmp(&y)));
            for &o in order.iter().take(5.min(offices)) {
                bottom[o] += 1;
            }
        }
        let mut quarter_rows: Vec<ScorecardRow> = (0..offices)
            .map(|o| {
                let arrests: Vec<f64> = per_rep.iter().map(|r| r[o].0).collect();
                let target = per_rep.first().map_or(0.0, |r| r[o].1);
                let att: Vec<f64> = per_rep
                    .iter()
                    .map(|r| if r[o].1 > 0.0 { r[o].0 / r[o].1 } else { 0.0 })
                    .collect();
                let nr: Vec<f64> = per_rep
                    .iter()
                    .map(|r| if r[o].0 > 0.0 { r[o].2 / r[o].0 } else { 0.0 })
                    .collect();
                ScorecardRow {
                    quarter: q.clone(),
                    office: sc.offices[o].name.clone(),
                    arrests: Estimate::of(&arrests),
                    target,
                    attainment: Estimate::of(&att),
                    no_record_share: Estimate::of(&nr),
                    rank: 0,
                    bottom_five_probability: bottom[o] as f64 / reps.len().max(1) as f64,
                }
            })
            .collect();
        let mut order: Vec<usize> = (0..offices).collect();
        let key =
            |r: &ScorecardRow| if r.target > 0.0 { r.attainment.mean } else { r.arrests.mean };
        order.sort_by(|&x, &y| {
            key(&quarter_rows[y]).total_cmp(&key(&quarter_rows[x])).then(x.cmp(&y))
        });
        for (rank, o) in order.into_iter().enumerate() {
            quarter_rows[o].rank = rank + 1;
        }
        rows.extend(quarter_rows);
    }
    rows
}
