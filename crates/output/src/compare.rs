//! Two runs side by side: B − A for every headline measure, with a 95% interval computed
//! on the paired per-replication differences.
//!
//! Both runs must use the same seed and number of replications, so replication *r* of A
//! and of B draw the same random numbers wherever the scenarios share structure (common
//! random numbers). The noise they share cancels in the difference, and the interval of
//! the mean paired difference is much narrower than the two separate intervals suggest.
//!
//! ```
//! let a = model::testkit::tiny();
//! let mut b = a.clone();
//! b.ero.availability *= 1.2;
//! let opts = model::RunOptions { replications: Some(3), seed: Some(1), threads: 1 };
//! let c = output::compare::compare(&model::run(&a, opts)?, &model::run(&b, opts)?)?;
//! let arrests = c.measures.iter().find(|m| m.key == "arrests_per_day").unwrap();
//! assert!(arrests.difference.mean > 0.0);
//! assert!(output::compare::comparison_table(&c).contains("arrests_per_day"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use model::{Estimate, RunResult};
use serde::Serialize;

use crate::units::{Style, Unit};

/// The comparison of two runs.
#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    /// Scenario name of A.
    pub a: String,
    /// Scenario name of B.
    pub b: String,
    /// Replications of each run (paired one to one).
    pub replications: usize,
    /// The seed both runs used.
    pub seed: u64,
    /// Every measure, in [`model::MEASURES`] order.
    pub measures: Vec<MeasureDiff>,
    /// Paired fluid runs over the assumption ranges behind each `difference_5_95`
    /// (absent when none were taken).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assumption_samples: Option<usize>,
}

/// One measure in both runs and their paired difference.
#[derive(Clone, Debug, Serialize)]
pub struct MeasureDiff {
    /// Measure key.
    pub key: &'static str,
    /// A's estimate (mean and 95% CI over replications).
    pub a: Estimate,
    /// B's estimate.
    pub b: Estimate,
    /// B − A: mean of the per-replication differences and its 95% Student-t interval.
    pub difference: Estimate,
    /// (B − A) / A, from the means; `None` when A's mean is 0.
    pub relative: Option<f64>,
    /// The interval of the difference excludes 0 (needs at least 2 replications).
    pub significant: bool,
    /// 5th and 95th percentiles of B − A over paired runs whose assumptions were drawn
    /// across their ranges ([`Comparison::with_ranges`]); absent when none were taken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub difference_5_95: Option<[f64; 2]>,
}

/// Why two runs cannot be compared.
#[derive(Clone, Debug, PartialEq)]
pub struct CompareError(pub String);

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CompareError {}

/// Compares two runs made with the same seed and replications.
pub fn compare(a: &RunResult, b: &RunResult) -> Result<Comparison, CompareError> {
    let (ra, rb) = (a.invariants.len(), b.invariants.len());
    if ra != rb || a.scenario.seed != b.scenario.seed {
        return Err(CompareError(format!(
            "runs are not paired: {ra} replications with seed {} against {rb} with seed {}",
            a.scenario.seed, b.scenario.seed
        )));
    }
    let mut measures = Vec::new();
    for ma in &a.national {
        let Some(mb) = b.national(ma.key) else { continue };
        let diffs: Vec<f64> = ma.values.iter().zip(&mb.values).map(|(x, y)| y - x).collect();
        let difference = Estimate::of(&diffs);
        let [lo, hi] = difference.ci95;
        measures.push(MeasureDiff {
            key: ma.key,
            a: ma.estimate,
            b: mb.estimate,
            difference,
            relative: (ma.estimate.mean != 0.0).then(|| difference.mean / ma.estimate.mean),
            significant: ra >= 2 && (lo > 0.0 || hi < 0.0),
            difference_5_95: None,
        });
    }
    Ok(Comparison {
        a: a.scenario.name.clone(),
        b: b.scenario.name.clone(),
        replications: ra,
        seed: a.scenario.seed,
        measures,
        assumption_samples: None,
    })
}

impl Comparison {
    /// Sets each measure's range of B − A over the assumptions (from
    /// `study::sensitivity::difference_ranges`).
    pub fn with_ranges(mut self, ranges: &model::AssumptionRanges) -> Comparison {
        for m in &mut self.measures {
            m.difference_5_95 = ranges.of(m.key).map(|r| [r.p05, r.p95]);
        }
        self.assumption_samples = Some(ranges.samples);
        self
    }
}

/// The comparison as a terminal table: A, B, B − A with its interval, and `*` where the
/// interval excludes 0.
pub fn comparison_table(c: &Comparison) -> String {
    let mut out = format!(
        "A = {}, B = {}: {} paired replication{}, seed {}\n\n",
        c.a,
        c.b,
        c.replications,
        if c.replications == 1 { "" } else { "s" },
        c.seed
    );
    let ranged = c.assumption_samples.is_some();
    let mut header = ["measure", "A", "B", "B − A", "95% CI (draws)", "", "5–95% over assumptions"]
        .map(String::from)
        .to_vec();
    if !ranged {
        header.pop();
    }
    let mut rows = vec![header];
    for m in &c.measures {
        let style = Style::new(Unit::of(m.key), m.a.mean.abs().max(m.b.mean.abs()));
        let d = m.difference;
        let ci = if c.replications < 2 {
            "n/a".to_string()
        } else {
            format!("{} to {}", style.show(d.ci95[0]), style.show(d.ci95[1]))
        };
        let change = match m.relative {
            Some(r) if r.is_finite() => format!("{} ({:+.1}%)", style.show(d.mean), r * 100.0),
            _ => style.show(d.mean),
        };
        let mut row = vec![
            m.key.to_string(),
            style.show(m.a.mean),
            style.show(m.b.mean),
            change,
            ci,
            if m.significant { "*".into() } else { String::new() },
        ];
        if ranged {
            row.push(m.difference_5_95.map_or("–".into(), |[lo, hi]| {
                format!("{} to {}", style.show(lo), style.show(hi))
            }));
        }
        rows.push(row);
    }
    let cols = rows[0].len();
    let widths: Vec<usize> =
        (0..cols).map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0)).collect();
    for (n, row) in rows.iter().enumerate() {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, cell)| {
                let w = widths[i];
                if i == 0 || i == 5 { format!("{cell:<w$}") } else { format!("{cell:>w$}") }
            })
            .collect();
        out += cells.join("   ").trim_end();
        out.push('\n');
        if n == 0 {
            out += &"-".repeat(widths.iter().sum::<usize>() + 3 * (cols - 1));
            out.push('\n');
        }
    }
    out += "\n* the 95% interval of the paired difference (random draws only) excludes 0\n";
    if let Some(n) = c.assumption_samples {
        out += &format!(
            "5–95% over assumptions: B − A over {n} paired fluid runs, the assumptions drawn \
             across their ranges\n"
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_against_itself_differs_by_exactly_zero() {
        let sc = model::testkit::tiny();
        let opts = model::RunOptions { replications: Some(3), seed: Some(2), threads: 1 };
        let r = model::run(&sc, opts).unwrap();
        let c = compare(&r, &r).unwrap();
        assert_eq!(c.measures.len(), model::MEASURES.len());
        for m in &c.measures {
            assert_eq!(m.difference.mean, 0.0, "{}", m.key);
            assert_eq!(m.difference.ci95, [0.0, 0.0], "{}", m.key);
            assert!(!m.significant);
        }
    }

    #[test]
    fn unpaired_runs_are_refused() {
        let sc = model::testkit::tiny();
        let run = |reps| {
            model::run(
                &sc,
                model::RunOptions { replications: Some(reps), seed: Some(1), threads: 1 },
            )
            .unwrap()
        };
        assert!(compare(&run(2), &run(3)).unwrap_err().0.contains("not paired"));
    }
}
