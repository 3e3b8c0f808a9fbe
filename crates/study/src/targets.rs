//! Monthly targets: ICE's published monthly detention statistics (`monthly.csv` and any
//! file of the same columns) as typed series, and the model's national daily table summed
//! by month into the same series, so the two compare one to one.
//!
//! The first six series are those of the calibrate issue's acceptance; the next two split
//! out the discretionary releases (parts of `released_other`); the last four split ADP and
//! ALOS by arresting agency, which identify how long border and interior cases are held
//! (docs/calibration.md, "Experiments of 2026-12-07, second session"). All twelve are
//! `data/monthly_gap.py`'s, whose formulas these are:
//!
//! | series | published | model (national daily table, summed by month) |
//! |---|---|---|
//! | `book_ins_ice` | `book_ins`, agency ICE | Σ `book_ins_ice` |
//! | `book_ins_cbp` | `book_ins`, agency CBP | Σ `book_ins_cbp` |
//! | `adp` | `adp`, Total × Total | mean of `detained` |
//! | `alos` | `alos`, Total × Total | Σ `book_out_stay_days` / Σ `book_outs` |
//! | `release_to_remove` | `book_outs` "Release to Remove" | Σ land + flight + voluntary removals |
//! | `released_other` | `book_outs` Total − "Release to Remove" | Σ `book_outs` − the above |
//! | `released_parole` | `book_outs` "Paroled" + "Order of Recognizance" | Σ `released_parole` |
//! | `released_bond` | `book_outs` "Bonded Out" | Σ `released_bond` |
//! | `adp_ice` | `adp`, ICE × Total | mean of `detained` − `detained_cbp_arrested` |
//! | `adp_cbp` | `adp`, CBP × Total | mean of `detained_cbp_arrested` |
//! | `alos_ice` | `alos`, ICE × Total | Σ stays − Σ CBP stays over Σ book-outs − Σ CBP book-outs |
//! | `alos_cbp` | `alos`, CBP × Total | Σ `book_out_stay_days_cbp_arrested` / Σ `book_outs_cbp_arrested` |
//!
//! Partial months are skipped on both sides: a published row whose note says "partial",
//! and a model month the run does not cover from its first to its last day.

mod file;
mod gap;
mod months;

pub use file::{Observation, TargetsError, load, parse};
pub use gap::{Gap, GapRow};
pub use months::{ModelMonths, Month, model_months};

use std::collections::BTreeMap;
use std::fmt;

/// One monthly series compared between the model and ICE's statistics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Series {
    /// Initial book-ins of ICE-arrested people in the month.
    BookInsIce,
    /// Initial book-ins of CBP-arrested people in the month.
    BookInsCbp,
    /// Average daily population (people detained), mean over the month's days.
    Adp,
    /// Average length of stay of the month's book-outs, days.
    Alos,
    /// Book-outs to be removed (land, flight, voluntary departure) in the month.
    ReleaseToRemove,
    /// All other book-outs (bond, parole, recognizance, relief, transfers…) in the month.
    ReleasedOther,
    /// ICE parole and order-of-recognizance book-outs in the month (part of the above).
    ReleasedParole,
    /// Bonded-out book-outs in the month (part of `ReleasedOther`).
    ReleasedBond,
    /// Average daily population of ICE-arrested people (part of `Adp`).
    AdpIce,
    /// Average daily population of CBP-arrested people (part of `Adp`).
    AdpCbp,
    /// Average length of stay of the month's book-outs of ICE-arrested people, days.
    AlosIce,
    /// Average length of stay of the month's book-outs of CBP-arrested people, days.
    AlosCbp,
}

impl Series {
    /// Every series, in report order.
    pub const ALL: [Series; 12] = [
        Series::BookInsIce,
        Series::BookInsCbp,
        Series::Adp,
        Series::Alos,
        Series::ReleaseToRemove,
        Series::ReleasedOther,
        Series::ReleasedParole,
        Series::ReleasedBond,
        Series::AdpIce,
        Series::AdpCbp,
        Series::AlosIce,
        Series::AlosCbp,
    ];

    /// The name used in files and on the command line (as in `monthly_gap.py`).
    pub fn name(self) -> &'static str {
        match self {
            Series::BookInsIce => "book_ins_ice",
            Series::BookInsCbp => "book_ins_cbp",
            Series::Adp => "adp",
            Series::Alos => "alos",
            Series::ReleaseToRemove => "release_to_remove",
            Series::ReleasedOther => "released_other",
            Series::ReleasedParole => "released_parole",
            Series::ReleasedBond => "released_bond",
            Series::AdpIce => "adp_ice",
            Series::AdpCbp => "adp_cbp",
            Series::AlosIce => "alos_ice",
            Series::AlosCbp => "alos_cbp",
        }
    }

    /// True for a monthly count (flow), false for a level (ADP) or a ratio (ALOS): a
    /// persistence forecast scales a flow by the month's days and carries a level as is.
    pub fn is_flow(self) -> bool {
        !matches!(
            self,
            Series::Adp
                | Series::Alos
                | Series::AdpIce
                | Series::AdpCbp
                | Series::AlosIce
                | Series::AlosCbp
        )
    }

    /// The series named `name`, or an error listing the names allowed.
    pub fn parse(name: &str) -> Result<Series, String> {
        Series::ALL.into_iter().find(|s| s.name() == name).ok_or_else(|| {
            let names: Vec<&str> = Series::ALL.iter().map(|s| s.name()).collect();
            format!("unknown series {name:?}; the series are {}", names.join(", "))
        })
    }

    /// A comma-separated list of series names, or `all`.
    pub fn parse_list(list: &str) -> Result<Vec<Series>, String> {
        if list.trim() == "all" {
            return Ok(Series::ALL.to_vec());
        }
        list.split(',').map(|s| Series::parse(s.trim())).collect()
    }
}

impl fmt::Display for Series {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The published monthly values of the series, from a targets file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Targets {
    /// Value by series and month (full months only).
    pub values: BTreeMap<(Series, Month), f64>,
    /// The file they came from, as named in errors and provenance.
    pub file: String,
}

impl Targets {
    /// The series from a targets file's observations (partial months already left
    /// out): book-ins by agency, ADP and ALOS Total × Total, "Release to Remove"
    /// book-outs, all book-outs minus those, "Paroled" + "Order of Recognizance" and
    /// "Bonded Out" book-outs.
    pub fn from_observations(file: &str, obs: &[Observation]) -> Targets {
        let mut values = BTreeMap::new();
        let mut total_outs = BTreeMap::new();
        for o in obs {
            let total = o.criminality == "Total";
            let series = match (o.measure.as_str(), o.agency.as_str(), o.reason.as_str()) {
                ("book_ins", "ICE", _) if total => Some(Series::BookInsIce),
                ("book_ins", "CBP", _) if total => Some(Series::BookInsCbp),
                ("adp", "Total", _) if total => Some(Series::Adp),
                ("alos", "Total", _) if total => Some(Series::Alos),
                ("adp", "ICE", _) if total => Some(Series::AdpIce),
                ("adp", "CBP", _) if total => Some(Series::AdpCbp),
                ("alos", "ICE", _) if total => Some(Series::AlosIce),
                ("alos", "CBP", _) if total => Some(Series::AlosCbp),
                ("book_outs", "Total", "Release to Remove") if total => {
                    Some(Series::ReleaseToRemove)
                }
                ("book_outs", "Total", "Paroled" | "Order of Recognizance") if total => {
                    *values.entry((Series::ReleasedParole, o.month)).or_insert(0.0) += o.value;
                    None
                }
                ("book_outs", "Total", "Bonded Out") if total => Some(Series::ReleasedBond),
                ("book_outs", "Total", "Total") if total => {
                    total_outs.insert(o.month, o.value);
                    None
                }
                _ => None,
            };
            if let Some(s) = series {
                values.insert((s, o.month), o.value);
            }
        }
        for (month, total) in total_outs {
            if let Some(r) = values.get(&(Series::ReleaseToRemove, month)) {
                values.insert((Series::ReleasedOther, month), total - r);
            }
        }
        Targets { values, file: file.to_owned() }
    }

    /// The months with at least one value, in order.
    pub fn months(&self) -> Vec<Month> {
        let mut m: Vec<Month> = self.values.keys().map(|(_, m)| *m).collect();
        m.sort();
        m.dedup();
        m
    }

    /// The published value of `series` in `month`.
    pub fn get(&self, series: Series, month: Month) -> Option<f64> {
        self.values.get(&(series, month)).copied()
    }

    /// Only the months in `from..=to` (either end open).
    pub fn window(&self, from: Option<Month>, to: Option<Month>) -> Targets {
        let keep = |m: &Month| from.is_none_or(|f| *m >= f) && to.is_none_or(|t| *m <= t);
        Targets {
            values: self
                .values
                .iter()
                .filter(|((_, m), _)| keep(m))
                .map(|(k, v)| (*k, *v))
                .collect(),
            file: self.file.clone(),
        }
    }
}
