//! The daily series the API serves and the dashboard draws, taken from a run's mean daily
//! table: every model metric by its output name (docs/outputs.md), plus two sums the
//! charts need (`arrests`: interior arrests, all channels; `removals`: all modes).

use model::summary::{INTERIOR_ARRESTS, REMOVALS};
use model::{Daily, Metric};
use serde::Serialize;

/// A daily series: a model metric or a sum of metrics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Series {
    /// One model metric.
    Metric(Metric),
    /// Interior arrests, all channels and agencies, people/day.
    Arrests,
    /// Removals and voluntary departures, all modes, people/day.
    Removals,
}

impl Series {
    /// Output name.
    pub fn name(self) -> &'static str {
        match self {
            Series::Metric(m) => m.name(),
            Series::Arrests => "arrests",
            Series::Removals => "removals",
        }
    }

    /// What it means, with its unit.
    pub fn doc(self) -> &'static str {
        match self {
            Series::Metric(m) => m.doc(),
            Series::Arrests => "interior arrests, all channels and agencies, people/day",
            Series::Removals => "removals and voluntary departures, all modes, people/day",
        }
    }

    /// Every series: the two sums, then every metric in column order.
    pub fn all() -> Vec<Series> {
        let mut v = vec![Series::Arrests, Series::Removals];
        v.extend(Metric::ALL.iter().map(|m| Series::Metric(*m)));
        v
    }

    /// The series named `name`.
    pub fn by_name(name: &str) -> Option<Series> {
        Series::all().into_iter().find(|s| s.name() == name)
    }

    /// The value on `day` for `office` (`None` = national).
    pub fn value(self, d: &Daily, day: usize, office: Option<usize>) -> f64 {
        let get = |m: Metric| match office {
            Some(o) => d.get(day, o, m),
            None => d.national(day, m),
        };
        match self {
            Series::Metric(m) => get(m),
            Series::Arrests => INTERIOR_ARRESTS.iter().map(|m| get(*m)).sum(),
            Series::Removals => REMOVALS.iter().map(|m| get(*m)).sum(),
        }
    }
}

/// The series the dashboard's office grid shows for each office.
pub const OFFICE_SERIES: [Series; 5] = [
    Series::Arrests,
    Series::Metric(Metric::Target),
    Series::Metric(Metric::Detained),
    Series::Metric(Metric::Beds),
    Series::Removals,
];

/// The national series the dashboard's charts draw.
pub const NATIONAL_SERIES: [Series; 18] = [
    Series::Arrests,
    Series::Metric(Metric::Target),
    Series::Metric(Metric::Detained),
    Series::Metric(Metric::Beds),
    Series::Metric(Metric::CbpHold),
    Series::Removals,
    Series::Metric(Metric::CourtQueue),
    Series::Metric(Metric::AwaitingRemoval),
    Series::Metric(Metric::Apprehensions),
    Series::Metric(Metric::Gotaways),
    Series::Metric(Metric::ExtraGotaways),
    Series::Metric(Metric::BpAgentDaysInland),
    Series::Metric(Metric::ArrestsNoRecord),
    Series::Metric(Metric::ArrestsCollateral),
    Series::Metric(Metric::ArrestsOperations),
    Series::Metric(Metric::ArrestsBpInterior),
    Series::Metric(Metric::ReleasedNoBed),
    Series::Metric(Metric::TransfersOutOfAor),
];

/// Rounds for the wire: 3 decimals are far below the simulation's noise and make the
/// JSON a third of the size.
pub fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// What a stream or a preview will carry: names of the series and offices and the dates.
#[derive(Clone, Debug, Serialize)]
pub struct Layout {
    /// First measured day, `YYYY-MM-DD`.
    pub start: String,
    /// Measured days.
    pub days: usize,
    /// Office names, in scenario order.
    pub offices: Vec<String>,
    /// Names of the national values in each day, in order.
    pub national: Vec<&'static str>,
    /// Names of each office's values in each day, in order.
    pub office: Vec<&'static str>,
}

impl Layout {
    /// The layout of a scenario's run.
    pub fn of(sc: &model::Scenario) -> Layout {
        Layout {
            start: sc.start.to_string(),
            days: sc.days as usize,
            offices: sc.offices.iter().map(|o| o.name.clone()).collect(),
            national: NATIONAL_SERIES.iter().map(|s| s.name()).collect(),
            office: OFFICE_SERIES.iter().map(|s| s.name()).collect(),
        }
    }
}

/// One day's dashboard values (a `day` event of the stream).
#[derive(Clone, Debug, Serialize)]
pub struct DayFrame {
    /// Day index from 0.
    pub day: usize,
    /// The date, `YYYY-MM-DD`.
    pub date: String,
    /// [`NATIONAL_SERIES`] values.
    pub national: Vec<f64>,
    /// [`OFFICE_SERIES`] values of each office, in office order.
    pub offices: Vec<Vec<f64>>,
}

/// The frame of `day` from a run's mean daily table.
pub fn day_frame(sc: &model::Scenario, d: &Daily, day: usize) -> DayFrame {
    DayFrame {
        day,
        date: sc.start.plus(day as i32).to_string(),
        national: NATIONAL_SERIES.iter().map(|s| round(s.value(d, day, None))).collect(),
        offices: (0..d.offices())
            .map(|o| OFFICE_SERIES.iter().map(|s| round(s.value(d, day, Some(o)))).collect())
            .collect(),
    }
}

/// Whole series at once, for the lever preview: `national[series][day]`,
/// `offices[office][series][day]`.
#[derive(Clone, Debug, Serialize)]
pub struct Columns {
    /// Names and dates.
    pub layout: Layout,
    /// National series, as [`Layout::national`].
    pub national: Vec<Vec<f64>>,
    /// Office series, as [`Layout::office`].
    pub offices: Vec<Vec<Vec<f64>>>,
}

/// The columns of a run's mean daily table.
pub fn columns(sc: &model::Scenario, d: &Daily) -> Columns {
    let days = d.days();
    let col = |s: &Series, o: Option<usize>| (0..days).map(|t| round(s.value(d, t, o))).collect();
    Columns {
        layout: Layout::of(sc),
        national: NATIONAL_SERIES.iter().map(|s| col(s, None)).collect(),
        offices: (0..d.offices())
            .map(|o| OFFICE_SERIES.iter().map(|s| col(s, Some(o))).collect())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_sums_add_up() {
        let all = Series::all();
        let mut names: Vec<&str> = all.iter().map(|s| s.name()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), all.len());
        let mut d = Daily::new(1, 2);
        d.set(0, 0, Metric::ArrestsCustodial, 2.0);
        d.set(0, 1, Metric::ArrestsAtLarge, 3.0);
        d.set(0, 1, Metric::Apprehensions, 100.0);
        d.set(0, 1, Metric::RemovalsFlight, 4.0);
        assert_eq!(Series::Arrests.value(&d, 0, None), 5.0, "border apprehensions are not arrests");
        assert_eq!(Series::Arrests.value(&d, 0, Some(1)), 3.0);
        assert_eq!(Series::Removals.value(&d, 0, None), 4.0);
        assert_eq!(Series::by_name("detained"), Some(Series::Metric(Metric::Detained)));
        assert_eq!(round(1.23456), 1.235);
    }
}
