//! The gap between model months and published months: relative error per series and
//! month, and the mean absolute percentage error (MAPE) per series, as `monthly_gap.py`
//! computes them.

use std::collections::BTreeMap;

use super::{ModelMonths, Month, Series, Targets};

/// One series in one month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GapRow {
    /// The series.
    pub series: Series,
    /// The month.
    pub month: Month,
    /// The model's value.
    pub model: f64,
    /// The published value.
    pub published: f64,
    /// `model / published − 1`.
    pub err: f64,
}

/// Every (series, month) the model and the targets share, in series then month order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Gap {
    /// The rows.
    pub rows: Vec<GapRow>,
}

impl Gap {
    /// Pairs the model's months with the published ones (published zeros are skipped, as
    /// a relative error of them has no meaning).
    pub fn new(model: &ModelMonths, targets: &Targets, series: &[Series]) -> Gap {
        let mut rows = Vec::new();
        for &s in series {
            for (&(ts, month), &published) in &targets.values {
                if ts != s || published == 0.0 {
                    continue;
                }
                if let Some(&m) = model.get(&(s, month)) {
                    rows.push(GapRow {
                        series: s,
                        month,
                        model: m,
                        published,
                        err: m / published - 1.0,
                    });
                }
            }
        }
        Gap { rows }
    }

    /// Mean absolute % error per series (in %), for the series with at least one month.
    pub fn mape(&self) -> BTreeMap<Series, f64> {
        let mut acc: BTreeMap<Series, (f64, usize)> = BTreeMap::new();
        for r in &self.rows {
            let e = acc.entry(r.series).or_default();
            e.0 += r.err.abs();
            e.1 += 1;
        }
        acc.into_iter().map(|(s, (sum, n))| (s, 100.0 * sum / n as f64)).collect()
    }

    /// The worst series MAPE (in %), 0 with no rows.
    pub fn worst(&self) -> f64 {
        self.mape().values().fold(0.0, |a, b| a.max(*b))
    }

    /// `MAPE adp=7.2 alos=7.5 …` (rounded to 0.1, series by name), like the last line of
    /// `monthly_gap.py`.
    pub fn mape_line(&self) -> String {
        let mut by_name: Vec<(&str, f64)> =
            self.mape().into_iter().map(|(s, v)| (s.name(), v)).collect();
        by_name.sort_by(|a, b| a.0.cmp(b.0));
        let parts: Vec<String> = by_name.iter().map(|(k, v)| format!("{k}={:.1}", v)).collect();
        format!("MAPE {}", parts.join(" "))
    }
}
