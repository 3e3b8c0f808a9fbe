//! The daily series the API serves and the dashboard draws, taken from a run's mean daily
//! table: every model metric by its output name (docs/outputs.md), plus three sums the
//! charts need (`arrests`: interior arrests, all channels; `arrests_public_space`: the
//! channels the model's registry marks public-space; `removals`: all modes).

use model::summary::{INTERIOR_ARRESTS, REMOVALS};
use model::{Channel, Daily, METRIC_COUNT, Metric};
use serde::Serialize;

/// A daily series: a model metric or a sum of metrics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Series {
    /// One model metric.
    Metric(Metric),
    /// Interior arrests, all channels and agencies, people/day.
    Arrests,
    /// Interior arrests in public space (collateral, operations, Border Patrol inland:
    /// [`Channel::PUBLIC_SPACE_ARRESTS`]), people/day.
    PublicSpace,
    /// Removals and voluntary departures, all modes, people/day.
    Removals,
}

impl Series {
    /// Output name.
    pub fn name(self) -> &'static str {
        match self {
            Series::Metric(m) => m.name(),
            Series::Arrests => "arrests",
            Series::PublicSpace => "arrests_public_space",
            Series::Removals => "removals",
        }
    }

    /// What it means, with its unit.
    pub fn doc(self) -> &'static str {
        match self {
            Series::Metric(m) => m.doc(),
            Series::Arrests => "interior arrests, all channels and agencies, people/day",
            Series::PublicSpace => {
                "interior arrests in public space (collateral, operations, Border Patrol inland), people/day"
            }
            Series::Removals => "removals and voluntary departures, all modes, people/day",
        }
    }

    /// Every series: the three sums, then every metric in column order.
    pub fn all() -> Vec<Series> {
        let mut v = vec![Series::Arrests, Series::PublicSpace, Series::Removals];
        v.extend(Metric::ALL.iter().map(|m| Series::Metric(*m)));
        v
    }

    /// The series named `name`.
    pub fn by_name(name: &str) -> Option<Series> {
        Series::all().into_iter().find(|s| s.name() == name)
    }

    /// The value on `day` for `office` (`None` = national).
    pub fn value(self, d: &Daily, day: usize, office: Option<usize>) -> f64 {
        self.value_of(|m| match office {
            Some(o) => d.get(day, o, m),
            None => d.national(day, m),
        })
    }

    /// The value given each metric's: one place that knows what the sums add.
    fn value_of(self, get: impl Fn(Metric) -> f64) -> f64 {
        match self {
            Series::Metric(m) => get(m),
            Series::Arrests => INTERIOR_ARRESTS.iter().map(|m| get(*m)).sum(),
            Series::PublicSpace => Channel::PUBLIC_SPACE_ARRESTS.iter().map(|m| get(*m)).sum(),
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
pub const NATIONAL_SERIES: [Series; 27] = [
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
    Series::PublicSpace,
    Series::Metric(Metric::ArrestsCollateral),
    Series::Metric(Metric::ArrestsOperations),
    Series::Metric(Metric::ArrestsBpInterior),
    Series::Metric(Metric::ArrestsCheckin),
    Series::Metric(Metric::ReleasedNoBed),
    Series::Metric(Metric::TransfersOutOfAor),
    Series::Metric(Metric::BedsSurge),
    Series::Metric(Metric::HeldAway),
    Series::Metric(Metric::DetainedFromAor),
    Series::Metric(Metric::AtdParticipants),
    Series::Metric(Metric::AtdEnrolled),
    Series::Metric(Metric::DocketPending),
    Series::Metric(Metric::DocketInAbsentiaOrders),
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
    /// True for a live frame: one replication's values as it simulates them, replaced by
    /// the means over replications (`false`) when the run is done.
    pub provisional: bool,
    /// The replication a provisional frame comes from (absent for means).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replication: Option<u32>,
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
        provisional: false,
        replication: None,
        national: NATIONAL_SERIES.iter().map(|s| round(s.value(d, day, None))).collect(),
        offices: (0..d.offices())
            .map(|o| OFFICE_SERIES.iter().map(|s| round(s.value(d, day, Some(o)))).collect())
            .collect(),
    }
}

/// The provisional frame of `day` from one replication's rows of that day (one per office,
/// as `model::Hooks::on_day` hands them over).
pub fn live_frame(
    sc: &model::Scenario,
    replication: u32,
    day: usize,
    rows: &[[f64; METRIC_COUNT]],
) -> DayFrame {
    // Summed in office order, like `Daily::national`, so a one-replication run's live
    // frames equal its final ones.
    let national = |m: Metric| rows.iter().map(|r| r[m as usize]).sum::<f64>();
    DayFrame {
        day,
        date: sc.start.plus(day as i32).to_string(),
        provisional: true,
        replication: Some(replication),
        national: NATIONAL_SERIES.iter().map(|s| round(s.value_of(national))).collect(),
        offices: rows
            .iter()
            .map(|r| OFFICE_SERIES.iter().map(|s| round(s.value_of(|m| r[m as usize]))).collect())
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
        d.set(0, 0, Metric::ArrestsCollateral, 1.0);
        d.set(0, 1, Metric::ArrestsBpInterior, 0.5);
        assert_eq!(Series::PublicSpace.value(&d, 0, None), 1.5, "custodial, at-large are not");
        assert_eq!(Series::by_name("detained"), Some(Series::Metric(Metric::Detained)));
        assert_eq!(round(1.23456), 1.235);
    }

    #[test]
    fn a_live_frame_of_a_days_rows_is_that_days_frame() {
        let sc = model::testkit::tiny();
        let n = sc.offices.len();
        let mut d = Daily::new(2, n);
        for (o, m) in [(0, Metric::ArrestsCustodial), (n - 1, Metric::Detained), (0, Metric::Beds)]
        {
            d.add(1, o, m, 1.0 + o as f64 / 3.0);
        }
        d.add(1, 0, Metric::RemovalsLand, 0.1);
        let live = live_frame(&sc, 0, 1, d.day_rows(1));
        let fin = day_frame(&sc, &d, 1);
        assert_eq!((live.provisional, live.replication, fin.provisional), (true, Some(0), false));
        assert_eq!((live.day, &live.date), (fin.day, &fin.date));
        assert_eq!(live.national, fin.national);
        assert_eq!(live.offices, fin.offices);
        assert!(live.national.iter().any(|x| *x != 0.0));
    }
}
