//! Civil dates (proleptic Gregorian), as days since 1970-01-01. Enough calendar for
//! scenario files and daily outputs, without a date-time dependency.

use std::fmt;

use serde::{Serialize, Serializer};

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

impl Date {
    /// Earlier than any date a scenario uses.
    pub const MIN: Date = Date(i32::MIN / 2);

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i32 {
        self.0
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i32) -> Date {
        Date(days)
    }

    /// Builds a date, checking that it exists.
    pub fn from_ymd(y: i32, m: u32, d: u32) -> Option<Date> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m as i32 + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d as i32 - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Date(era * 146_097 + doe - 719_468))
    }

    /// Year, month, day.
    pub fn ymd(self) -> (i32, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
        (y, m, d)
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let mut it = s.split('-');
        let (y, m, d) = (it.next()?, it.next()?, it.next()?);
        if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The date `n` days later (earlier if negative).
    pub fn plus(self, n: i32) -> Date {
        Date(self.0 + n)
    }

    /// Days from `earlier` to `self`.
    pub fn days_after(self, earlier: Date) -> i32 {
        self.0 - earlier.0
    }

    /// `YYYY-MM`, for monthly aggregation.
    pub fn month_key(self) -> String {
        let (y, m, _) = self.ymd();
        format!("{y:04}-{m:02}")
    }

    /// US federal fiscal year and quarter (1–4) of the day (FY starts 1 October).
    pub fn fiscal_year_quarter(self) -> (i32, u32) {
        let (y, m, _) = self.ymd();
        let fy = if m >= 10 { y + 1 } else { y };
        let q = match m {
            10..=12 => 1,
            1..=3 => 2,
            4..=6 => 3,
            _ => 4,
        };
        (fy, q)
    }

    /// US federal fiscal-year quarter label, e.g. `FY2025Q2`.
    pub fn fiscal_quarter(self) -> String {
        let (fy, q) = self.fiscal_year_quarter();
        format!("FY{fy}Q{q}")
    }
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_known_days() {
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        assert_eq!(Date::parse("2000-03-01").unwrap().days_since_epoch(), 11_017);
        for s in ["2024-02-29", "2025-10-01", "1999-12-31", "2100-02-28"] {
            assert_eq!(Date::parse(s).unwrap().to_string(), s);
        }
        let fy24 = Date::parse("2023-10-01").unwrap();
        assert_eq!(Date::parse("2024-10-01").unwrap().days_after(fy24), 366);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for s in ["2025-02-29", "2025-13-01", "2025-00-10", "2025-1-1", "x", "2025-01-01-01"] {
            assert!(Date::parse(s).is_none(), "{s}");
        }
    }

    #[test]
    fn fiscal_quarters() {
        assert_eq!(Date::parse("2024-10-01").unwrap().fiscal_quarter(), "FY2025Q1");
        assert_eq!(Date::parse("2025-09-30").unwrap().fiscal_quarter(), "FY2025Q4");
    }
}
