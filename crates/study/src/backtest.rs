//! Backtests: a forecast made at an origin with only what was known then, set beside what
//! was published and beside two naive forecasts a model has to beat.
//!
//! The scenario is loaded as known on the eve of the origin ([`known_before`]: steps dated
//! on or after it carry the previous value forward unless `announced` before it;
//! interventions starting on or after it are left out), optionally refitted on the months
//! before the origin ([`crate::calibrate`]), and run in the fluid mode through the
//! horizon. For each series and month ahead `h` (1 = the origin's month):
//!
//! - **persistence** carries the last month before the origin forward (a flow per day,
//!   times the target month's days; a level as it is), as `monthly_gap.py --naive` does;
//! - **seasonal naive** takes the same month a year earlier (per day for flows).

use std::fmt;
use std::sync::Arc;

use arrow_array::{ArrayRef, Date32Array, Float64Array, RecordBatch, StringArray, UInt32Array};
use arrow_schema::ArrowError;
use model::{Date, Scenario};
use scenario::{Loaded, ScenarioError};

use crate::targets::{ModelMonths, Month, Series, Targets, model_months};

/// One series, one month ahead of one origin.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BacktestRow {
    /// The forecast origin (its first day).
    pub origin: Date,
    /// The series.
    pub series: Series,
    /// The month forecast.
    pub month: Month,
    /// Months ahead: 1 for the origin's month.
    pub ahead: u32,
    /// The model's forecast.
    pub forecast: f64,
    /// The published value.
    pub published: f64,
    /// Naive persistence's forecast.
    pub persistence: f64,
    /// Seasonal naive's forecast (`None` without the month a year before).
    pub seasonal: Option<f64>,
}

impl BacktestRow {
    /// `forecast / published − 1`.
    pub fn err(&self) -> f64 {
        self.forecast / self.published - 1.0
    }
    /// Persistence's relative error.
    pub fn persistence_err(&self) -> f64 {
        self.persistence / self.published - 1.0
    }
    /// Seasonal naive's relative error.
    pub fn seasonal_err(&self) -> Option<f64> {
        self.seasonal.map(|s| s / self.published - 1.0)
    }
}

/// Why a backtest cannot be made.
#[derive(Clone, Debug, PartialEq)]
pub struct BacktestError {
    /// What is wrong and what is allowed.
    pub message: String,
}

impl fmt::Display for BacktestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.message)
    }
}

impl std::error::Error for BacktestError {}

/// The scenario `name_or_path` as known the day before `origin`. The forecast's first day
/// is the origin, so what was known on it is what was known by the evening before: a
/// step dated on the origin — a month's border crossings or flights from the first of that
/// month, published weeks later — is not known yet unless `announced` before it.
pub fn known_before(name_or_path: &str, origin: Date) -> Result<Loaded, ScenarioError> {
    scenario::resolve_known_at(name_or_path, origin.plus(-1))
}

/// Checks that `origin` is the first day of a month with a published month before it
/// and at least one after it in `targets`.
pub fn check_origin(origin: Date, targets: &Targets) -> Result<Month, BacktestError> {
    let m = Month::of(origin);
    let months = targets.months();
    let (Some(first), Some(last)) = (months.first(), months.last()) else {
        return Err(BacktestError { message: format!("{} has no full month", targets.file) });
    };
    if origin != m.first() {
        return Err(BacktestError {
            message: format!(
                "--origin {origin} is not the first day of a month; give e.g. {}",
                m.first()
            ),
        });
    }
    if m <= *first || m > *last {
        return Err(BacktestError {
            message: format!(
                "--origin {origin} is outside the data: {} has months {first}..{last}, so an origin goes from {} to {}",
                targets.file,
                first.next().first(),
                last.first()
            ),
        });
    }
    Ok(m)
}

/// Runs the fluid mode on `sc` (lengthened if needed to cover `horizon` months from
/// `origin`; schedules carry their last value on) and sums its months.
pub fn forecast(sc: &Scenario, origin: Date, horizon: u32) -> Result<ModelMonths, BacktestError> {
    if origin <= sc.start {
        return Err(BacktestError {
            message: format!(
                "--origin {origin} is not after the scenario's start {}: nothing is known before it",
                sc.start
            ),
        });
    }
    let mut sc = sc.clone();
    let end = Month::of(origin).plus(horizon as i32).first();
    let need = end.days_after(sc.start) as u32;
    sc.days = sc.days.max(need);
    let r = model::fluid::run(&sc);
    Ok(model_months(sc.start, &r.national_daily[0]))
}

/// The rows for one origin: `forecast` holds the model's months, `targets` every
/// published month (before and after the origin).
pub fn rows(
    origin: Date,
    horizon: u32,
    forecast: &ModelMonths,
    targets: &Targets,
    series: &[Series],
) -> Vec<BacktestRow> {
    let start = Month::of(origin);
    let base = start.plus(-1);
    let mut out = Vec::new();
    for &s in series {
        let Some(last) = targets.get(s, base) else { continue };
        for h in 1..=horizon {
            let month = start.plus(h as i32 - 1);
            let (Some(published), Some(&f)) = (targets.get(s, month), forecast.get(&(s, month)))
            else {
                continue;
            };
            if published == 0.0 {
                continue;
            }
            let carry = |v: f64, from: Month| {
                if s.is_flow() { v / f64::from(from.days()) * f64::from(month.days()) } else { v }
            };
            let year_before = month.plus(-12);
            let seasonal = targets.get(s, year_before).map(|v| carry(v, year_before));
            out.push(BacktestRow {
                origin,
                series: s,
                month,
                ahead: h,
                forecast: f,
                published,
                persistence: carry(last, base),
                seasonal,
            });
        }
    }
    out
}

/// Mean absolute % errors of the model, persistence and seasonal naive, per series.
pub fn summary(rows: &[BacktestRow], series: &[Series]) -> Vec<(Series, f64, f64, Option<f64>)> {
    series
        .iter()
        .filter_map(|s| {
            let r: Vec<&BacktestRow> = rows.iter().filter(|r| r.series == *s).collect();
            if r.is_empty() {
                return None;
            }
            let mean = |f: &dyn Fn(&BacktestRow) -> f64| {
                100.0 * r.iter().map(|x| f(x).abs()).sum::<f64>() / r.len() as f64
            };
            let seasonal: Option<Vec<f64>> = r.iter().map(|x| x.seasonal_err()).collect();
            let seasonal =
                seasonal.map(|e| 100.0 * e.iter().map(|x| x.abs()).sum::<f64>() / e.len() as f64);
            Some((*s, mean(&|x| x.err()), mean(&|x| x.persistence_err()), seasonal))
        })
        .collect()
}

/// backtest.parquet's columns, one row per origin × series × month: origin (date), series,
/// month, ahead, forecast, published, error, persistence, persistence_error, seasonal,
/// seasonal_error. `caseload backtest` writes it; the Python package returns it.
pub fn record_batch(rows: &[BacktestRow]) -> Result<RecordBatch, ArrowError> {
    let f = |g: &dyn Fn(&BacktestRow) -> Option<f64>| -> ArrayRef {
        Arc::new(rows.iter().map(g).collect::<Float64Array>())
    };
    let origin: ArrayRef =
        Arc::new(Date32Array::from_iter_values(rows.iter().map(|r| r.origin.days_since_epoch())));
    let cols: Vec<(&str, ArrayRef)> = vec![
        ("origin", origin),
        ("series", Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.series.name())))),
        (
            "month",
            Arc::new(StringArray::from_iter_values(rows.iter().map(|r| r.month.to_string()))),
        ),
        ("ahead", Arc::new(rows.iter().map(|r| r.ahead).collect::<UInt32Array>())),
        ("forecast", f(&|r| Some(r.forecast))),
        ("published", f(&|r| Some(r.published))),
        ("error", f(&|r| Some(r.err()))),
        ("persistence", f(&|r| Some(r.persistence))),
        ("persistence_error", f(&|r| Some(r.persistence_err()))),
        ("seasonal", f(&|r| r.seasonal)),
        ("seasonal_error", f(&|r| r.seasonal_err())),
    ];
    RecordBatch::try_from_iter(cols)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> Targets {
        let mut t = Targets { file: "t.csv".into(), ..Default::default() };
        for (m, v) in
            [("2024-06", 300.0), ("2025-05", 310.0), ("2025-06", 330.0), ("2025-07", 341.0)]
        {
            t.values.insert((Series::BookInsIce, Month::parse(m).unwrap()), v);
            t.values.insert((Series::Adp, Month::parse(m).unwrap()), v);
        }
        t
    }

    #[test]
    fn persistence_scales_flows_by_days_and_carries_levels() {
        let t = targets();
        let origin = Date::parse("2025-06-01").unwrap();
        let mut f = ModelMonths::new();
        f.insert((Series::BookInsIce, Month::parse("2025-06").unwrap()), 330.0);
        f.insert((Series::Adp, Month::parse("2025-07").unwrap()), 310.0);
        let r = rows(origin, 2, &f, &t, &[Series::BookInsIce, Series::Adp]);
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].persistence, 310.0 / 31.0 * 30.0); // May per day, June's days
        assert_eq!(r[0].seasonal, Some(300.0));
        assert_eq!(r[0].err(), 0.0);
        assert_eq!((r[1].ahead, r[1].persistence, r[1].seasonal), (2, 310.0, None));
        let s = summary(&r, &[Series::BookInsIce, Series::Adp]);
        assert_eq!(s[0].1, 0.0);
        assert!((s[1].1 - 100.0 * (310.0 / 341.0 - 1.0f64).abs()).abs() < 1e-9);
    }

    #[test]
    fn origins_outside_the_data_are_errors() {
        let t = targets();
        assert!(check_origin(Date::parse("2025-06-01").unwrap(), &t).is_ok());
        let e = check_origin(Date::parse("2026-01-01").unwrap(), &t).unwrap_err();
        assert!(e.message.contains("outside the data") && e.message.contains("t.csv"), "{e}");
        assert!(check_origin(Date::parse("2025-06-02").unwrap(), &t).is_err());
        assert!(check_origin(Date::parse("2024-06-01").unwrap(), &t).is_err());
    }
}
