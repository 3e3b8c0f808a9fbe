//! Foreign-born residents of each area of responsibility, and the office measures per
//! 100,000 of them: a count of arrests means little beside Los Angeles' 5.6 million
//! foreign-born residents and much beside Salt Lake City's one million.
//!
//! The table ships with the crate ([`FOREIGN_BORN_CSV`], written by
//! `data/derive_foreign_born.py`: Census ACS 2018 1-year table B05003 by state, California,
//! Texas and New York divided between their offices by county shares, some of them flagged
//! assumptions with a range). Nothing is fetched at run time. Offices the table does not
//! know (test scenarios, renamed offices) get no rate.

/// `office,foreign_born,foreign_born_lo,foreign_born_hi,states,acs_table,vintage,source,
/// assumption,note`: one row per ERO area of responsibility.
pub const FOREIGN_BORN_CSV: &str = include_str!("foreign_born.csv");

/// One office's foreign-born residents.
#[derive(Clone, Debug, PartialEq)]
pub struct Residents {
    /// Office (AOR) name, as the scenarios spell it.
    pub office: String,
    /// Foreign-born residents, central value.
    pub foreign_born: f64,
    /// Low and high ends where a split state's shares are uncertain (equal otherwise).
    pub range: [f64; 2],
    /// Whether the split of a state between offices is an assumption.
    pub assumption: bool,
}

/// The rows of [`FOREIGN_BORN_CSV`] (the committed file is checked by a test, so a bad row
/// is a build-time mistake; it is skipped here).
pub fn table() -> Vec<Residents> {
    let mut r = csv::Reader::from_reader(FOREIGN_BORN_CSV.as_bytes());
    r.records()
        .filter_map(Result::ok)
        .filter_map(|row| {
            let num = |i: usize| row.get(i)?.parse::<f64>().ok();
            Some(Residents {
                office: row.get(0)?.to_string(),
                foreign_born: num(1)?,
                range: [num(2)?, num(3)?],
                assumption: row.get(8)? == "true",
            })
        })
        .collect()
}

/// Foreign-born residents of `office`'s area, if the table has it.
pub fn foreign_born(office: &str) -> Option<f64> {
    table().into_iter().find(|r| r.office == office).map(|r| r.foreign_born)
}

/// How an office measure becomes a rate per 100,000 residents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// A daily average of a flow (arrests per day): × 365 for a yearly rate.
    PerDay,
    /// A total over the measured days (book-ins, removals): × 365 / days.
    Total,
    /// A stock (average daily population): as it is.
    Stock,
}

/// One measure per 100,000 foreign-born residents: its column key, the office measure it
/// is formed from (a `model::MEASURES` key) and how.
#[derive(Clone, Copy, Debug)]
pub struct PerResident {
    /// Column key in offices.csv (`<key>_mean`, `_lo`, `_hi`) and the report's map.
    pub key: &'static str,
    /// The office measure divided.
    pub measure: &'static str,
    /// How it is scaled to a year (or not, for a stock).
    pub scale: Scale,
    /// Meaning and unit.
    pub doc: &'static str,
}

/// The per-resident measures, in column order.
pub const PER_RESIDENT: &[PerResident] = &[
    PerResident {
        key: "arrests_per_100k_fb",
        measure: "arrests_per_day",
        scale: Scale::PerDay,
        doc: "interior arrests per year per 100,000 foreign-born residents of the AOR \
              (arrests_per_day × 365 / foreign_born × 100,000)",
    },
    PerResident {
        key: "book_ins_per_100k_fb",
        measure: "book_ins",
        scale: Scale::Total,
        doc: "book-ins per year per 100,000 foreign-born residents of the AOR \
              (book_ins × 365 / measured days / foreign_born × 100,000)",
    },
    PerResident {
        key: "removals_per_100k_fb",
        measure: "removals",
        scale: Scale::Total,
        doc: "removals per year per 100,000 foreign-born residents of the AOR \
              (removals × 365 / measured days / foreign_born × 100,000)",
    },
    PerResident {
        key: "adp_per_100k_fb",
        measure: "adp",
        scale: Scale::Stock,
        doc: "people detained on an average day (facility AOR) per 100,000 foreign-born \
              residents of the AOR (adp / foreign_born × 100,000)",
    },
];

/// `value` of a measure as a rate per 100,000 of `foreign_born` residents, per year for
/// flows (`days` measured days).
pub fn rate(value: f64, scale: Scale, days: usize, foreign_born: f64) -> f64 {
    let per_year = match scale {
        Scale::PerDay => value * 365.0,
        Scale::Total => value * 365.0 / days.max(1) as f64,
        Scale::Stock => value,
    };
    per_year / foreign_born * 1e5
}

/// An office's foreign-born residents and its [`PER_RESIDENT`] rates as `[mean, lo, hi]`
/// (the measure's estimate scaled; `None` where the run lacks the measure), or `None` when
/// the table does not know the office. offices.csv and the Python package's table both
/// take their columns from here.
pub fn office_rates(
    office: &str,
    measures: &[model::MeasureEstimate],
    days: usize,
) -> Option<(f64, Vec<Option<[f64; 3]>>)> {
    let fb = foreign_born(office)?;
    let rates = PER_RESIDENT
        .iter()
        .map(|p| {
            let e = measures.iter().find(|m| m.key == p.measure)?.estimate;
            let r = |x: f64| rate(x, p.scale, days, fb);
            Some([r(e.mean), r(e.ci95[0]), r(e.ci95[1])])
        })
        .collect();
    Some((fb, rates))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_area_of_the_map_has_one_row() {
        let t = table();
        assert_eq!(t.len(), FOREIGN_BORN_CSV.lines().count() - 1, "every row parses");
        let mut offices: Vec<String> =
            crate::report::map::tiles().into_iter().map(|t| t.office).collect();
        offices.sort();
        offices.dedup();
        let mut rows: Vec<String> = t.iter().map(|r| r.office.clone()).collect();
        rows.sort();
        assert_eq!(rows, offices, "one row per office of the tile grid");
        for r in &t {
            assert!(r.range[0] <= r.foreign_born && r.foreign_born <= r.range[1], "{r:?}");
            assert!(r.foreign_born > 100_000.0, "{r:?}");
        }
    }

    #[test]
    fn the_areas_add_up_to_the_national_total_of_the_table() {
        // ACS 2018 1-year B05003, 50 states and DC (territories excluded): 44,728,721.
        let total: f64 = table().iter().map(|r| r.foreign_born).sum();
        assert!((total - 44_728_721.0).abs() <= 50.0, "{total}");
        // Whole-state areas are exact: Miami is Florida's count.
        assert_eq!(foreign_born("Miami"), Some(4_475_431.0));
        assert_eq!(foreign_born("Atlantis"), None);
    }

    #[test]
    fn rates_are_counts_per_100k_residents() {
        // 200 arrests a day among 1,000,000 residents: 73,000 a year, 7,300 per 100,000.
        assert!((rate(200.0, Scale::PerDay, 90, 1e6) - 7300.0).abs() < 1e-9);
        // 3,000 removals over 182.5 days: 6,000 a year among 2,000,000 → 300 per 100,000.
        assert!(
            (rate(3000.0, Scale::Total, 365 / 2, 2e6) - 3000.0 * 365.0 / 182.0 / 20.0).abs() < 1e-9
        );
        // 5,000 detained on an average day among 500,000 → 1,000 per 100,000.
        assert!((rate(5000.0, Scale::Stock, 30, 5e5) - 1000.0).abs() < 1e-9);
        let keys: Vec<&str> = PER_RESIDENT.iter().map(|p| p.measure).collect();
        for k in keys {
            assert!(model::MEASURES.iter().any(|m| m.key == k), "{k} is a model measure");
        }
    }
}
