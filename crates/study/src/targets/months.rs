//! Calendar months, and the model's national daily rows summed into the series.

use std::collections::BTreeMap;
use std::fmt;

use model::{Date, METRIC_COUNT, Metric};

use super::Series;

/// A calendar month, `YYYY-MM`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
}

impl Month {
    /// Parses `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Month> {
        let (y, m) = s.split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// The month holding `d`.
    pub fn of(d: Date) -> Month {
        let (year, month, _) = d.ymd();
        Month { year, month }
    }

    /// Its first day.
    pub fn first(self) -> Date {
        Date::from_ymd(self.year, self.month, 1).expect("a valid month")
    }

    /// The month after.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { year: self.year, month: self.month + 1 }
        }
    }

    /// The month `n` months later (`n` may be negative).
    pub fn plus(self, n: i32) -> Month {
        let k = self.year * 12 + self.month as i32 - 1 + n;
        Month { year: k.div_euclid(12), month: k.rem_euclid(12) as u32 + 1 }
    }

    /// Months from `earlier` to this one.
    pub fn since(self, earlier: Month) -> i32 {
        (self.year - earlier.year) * 12 + self.month as i32 - earlier.month as i32
    }

    /// Number of days.
    pub fn days(self) -> u32 {
        self.next().first().days_after(self.first()) as u32
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The model's value of each series in each full month of a run.
pub type ModelMonths = BTreeMap<(Series, Month), f64>;

/// Sums one replication's national daily rows (`rows[d]` is the day `start + d`) into the
/// series, for the months the rows cover from first to last day.
pub fn model_months(start: Date, rows: &[[f64; METRIC_COUNT]]) -> ModelMonths {
    let mut out = ModelMonths::new();
    let mut d = 0;
    while d < rows.len() {
        let month = Month::of(start.plus(d as i32));
        let end = next_first(start, d, rows.len());
        if start.plus(d as i32) == month.first() && end - d == month.days() as usize {
            add_month(&mut out, month, &rows[d..end]);
        }
        d = end;
    }
    out
}

/// The index of the first day of the month after day `d` (or `len`).
fn next_first(start: Date, d: usize, len: usize) -> usize {
    let next = Month::of(start.plus(d as i32)).next().first();
    (next.days_after(start) as usize).min(len)
}

fn add_month(out: &mut ModelMonths, month: Month, rows: &[[f64; METRIC_COUNT]]) {
    let sum = |m: Metric| rows.iter().map(|r| r[m as usize]).sum::<f64>();
    let removed =
        sum(Metric::RemovalsLand) + sum(Metric::RemovalsFlight) + sum(Metric::RemovalsVoluntary);
    let outs = sum(Metric::BookOuts);
    let mut put = |s: Series, v: f64| {
        out.insert((s, month), v);
    };
    put(Series::BookInsIce, sum(Metric::BookInsIce));
    put(Series::BookInsCbp, sum(Metric::BookInsCbp));
    put(Series::Adp, sum(Metric::Detained) / rows.len() as f64);
    put(Series::ReleaseToRemove, removed);
    put(Series::ReleasedOther, outs - removed);
    put(Series::ReleasedParole, sum(Metric::ReleasedParole));
    put(Series::ReleasedBond, sum(Metric::ReleasedBond));
    put(Series::Alos, sum(Metric::BookOutStayDays) / outs);
    // By arresting agency: the CBP-arrested columns, and the ICE-arrested as the rest.
    let days = rows.len() as f64;
    let (held_cbp, outs_cbp) = (sum(Metric::DetainedCbpArrested), sum(Metric::BookOutsCbpArrested));
    let stay_cbp = sum(Metric::BookOutStayDaysCbpArrested);
    put(Series::AdpCbp, held_cbp / days);
    put(Series::AdpIce, (sum(Metric::Detained) - held_cbp) / days);
    put(Series::AlosCbp, stay_cbp / outs_cbp);
    put(Series::AlosIce, (sum(Metric::BookOutStayDays) - stay_cbp) / (outs - outs_cbp));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_count_days_and_step() {
        let feb24 = Month::parse("2024-02").unwrap();
        assert_eq!(feb24.days(), 29);
        assert_eq!(Month::parse("2025-02").unwrap().days(), 28);
        assert_eq!(feb24.plus(-3).to_string(), "2023-11");
        assert_eq!(feb24.plus(11).to_string(), "2025-01");
        assert_eq!(Month::parse("2025-01").unwrap().since(feb24), 11);
        assert!(Month::parse("2025-1").is_none() && Month::parse("2025-00").is_none());
    }

    #[test]
    fn only_full_months_are_summed() {
        // 15 Jan .. 31 Mar: January is partial, February and March full.
        let start = Date::parse("2025-01-15").unwrap();
        let days = Date::parse("2025-04-01").unwrap().days_after(start) as usize;
        let mut rows = vec![[0.0; METRIC_COUNT]; days];
        for r in &mut rows {
            r[Metric::BookInsIce as usize] = 2.0;
            r[Metric::Detained as usize] = 10.0;
            r[Metric::BookOuts as usize] = 4.0;
            r[Metric::RemovalsFlight as usize] = 1.0;
            r[Metric::BookOutStayDays as usize] = 120.0;
        }
        let m = model_months(start, &rows);
        let feb = Month::parse("2025-02").unwrap();
        assert_eq!(m.get(&(Series::BookInsIce, Month::parse("2025-01").unwrap())), None);
        assert_eq!(m[&(Series::BookInsIce, feb)], 56.0);
        assert_eq!(m[&(Series::Adp, feb)], 10.0);
        assert_eq!(m[&(Series::Alos, feb)], 30.0);
        assert_eq!(m[&(Series::ReleasedOther, feb)], 84.0);
        assert_eq!(m.len(), 2 * Series::ALL.len());
    }
}
