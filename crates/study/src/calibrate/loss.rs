//! The calibration loss: weighted mean squared log errors per series (see the module
//! docs of [`crate::calibrate`]), computed from one fluid run.

use model::Scenario;

use crate::targets::{Gap, Series, Targets, model_months};

/// A model value at or below this share of the published one counts as this share: a
/// series the model sends to zero gets a large, finite penalty rather than `ln 0`.
const FLOOR: f64 = 1e-3;

/// Which series are fitted and how much each weighs.
#[derive(Clone, Debug, PartialEq)]
pub struct Loss {
    /// The fitted series with their weights `w_s`.
    pub series: Vec<(Series, f64)>,
}

impl Default for Loss {
    /// All the series, weight 1 each.
    fn default() -> Loss {
        Loss { series: Series::ALL.iter().map(|s| (*s, 1.0)).collect() }
    }
}

/// One evaluation of the loss.
#[derive(Clone, Debug)]
pub struct Eval {
    /// The loss.
    pub loss: f64,
    /// The weighted log residuals `√(w_s / n_s) · ln(model / published)`, one per
    /// (series, month) in [`Gap`] order: `loss = Σ residual²`.
    pub residuals: Vec<f64>,
    /// The gap per series and month.
    pub gap: Gap,
}

impl Loss {
    /// The fitted series, without weights.
    pub fn names(&self) -> Vec<Series> {
        self.series.iter().map(|(s, _)| *s).collect()
    }

    /// Runs the fluid mode on `sc` and scores its months against `targets`.
    pub fn evaluate(&self, sc: &Scenario, targets: &Targets) -> Eval {
        let r = model::fluid::run(sc);
        let months = model_months(sc.start, &r.national_daily[0]);
        self.score(Gap::new(&months, targets, &self.names()))
    }

    /// Scores a gap.
    pub fn score(&self, gap: Gap) -> Eval {
        let mut residuals = Vec::with_capacity(gap.rows.len());
        for &(s, w) in &self.series {
            let n = gap.rows.iter().filter(|r| r.series == s).count() as f64;
            for r in gap.rows.iter().filter(|r| r.series == s) {
                let ratio = (r.model / r.published).max(FLOOR);
                let x = ratio.ln();
                residuals.push(if x.is_finite() {
                    (w / n).sqrt() * x
                } else {
                    (w / n).sqrt() * FLOOR.ln()
                });
            }
        }
        let loss = residuals.iter().map(|r| r * r).sum();
        Eval { loss, residuals, gap }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::{GapRow, Month};

    #[test]
    fn loss_is_the_weighted_mean_squared_log_error() {
        let m = Month::parse("2025-01").unwrap();
        let row = |series, model: f64, published: f64| GapRow {
            series,
            month: m,
            model,
            published,
            err: model / published - 1.0,
        };
        let gap = Gap {
            rows: vec![
                row(Series::Adp, 110.0, 100.0),
                row(Series::Adp, 100.0, 100.0),
                row(Series::Alos, 50.0, 100.0),
            ],
        };
        let loss = Loss { series: vec![(Series::Adp, 1.0), (Series::Alos, 2.0)] };
        let e = loss.score(gap);
        let want = (1.1f64.ln().powi(2) + 0.0) / 2.0 + 2.0 * 0.5f64.ln().powi(2);
        assert!((e.loss - want).abs() < 1e-12, "{} vs {want}", e.loss);
        assert_eq!(e.residuals.len(), 3);
    }
}
