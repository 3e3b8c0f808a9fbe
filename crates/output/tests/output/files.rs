//! The CSV files: names, headers, row counts, and that they read back.

use std::path::Path;

use model::{MEASURES, Metric};

use crate::{two_offices, written};

fn read(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r.records().collect::<Result<Vec<_>, _>>().unwrap();
    (header, rows)
}

fn numeric(rows: &[csv::StringRecord], from: usize) {
    for row in rows {
        for cell in row.iter().skip(from) {
            let x: f64 = cell.parse().unwrap_or_else(|_| panic!("not a number: {cell:?}"));
            assert!(x.is_finite(), "{cell}");
        }
    }
}

#[test]
fn all_four_files_appear() {
    let dir = written(two_offices(), "four");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["daily.csv", "offices.csv", "scorecards.csv", "summary.json"]);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn daily_has_a_row_per_day_and_office_plus_national() {
    let r = two_offices();
    let dir = written(r, "daily");
    let (header, rows) = read(&dir.join("daily.csv"));
    let mut expected = vec!["date".to_string(), "office".into()];
    expected.extend(Metric::ALL.iter().map(|m| m.name().to_string()));
    assert_eq!(header, expected);
    let days = r.scenario.days as usize;
    assert_eq!(rows.len(), days * (r.scenario.offices.len() + 1));
    numeric(&rows, 2);
    assert_eq!(&rows[0][0], "2024-10-01");
    assert_eq!(&rows[rows.len() - 1][0], &r.scenario.start.plus(days as i32 - 1).to_string());
    assert_eq!(&rows[1][1], "Second, \"quoted\"");
    // The national row is the sum of the office rows.
    let detained = 2 + Metric::Detained as usize;
    for day in rows.chunks(3) {
        assert_eq!(&day[2][1], "national");
        let x = |i: usize| day[i][detained].parse::<f64>().unwrap();
        assert!((x(0) + x(1) - x(2)).abs() <= 1e-9 * x(2).max(1.0));
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn offices_has_three_columns_per_measure() {
    let r = two_offices();
    let dir = written(r, "offices");
    let (header, rows) = read(&dir.join("offices.csv"));
    let rates = output::residents::PER_RESIDENT.len();
    assert_eq!(header.len(), 1 + 3 * MEASURES.len() + 1 + 3 * rates);
    assert_eq!(header[1 + 3 * MEASURES.len()], "foreign_born");
    assert_eq!(header[2 + 3 * MEASURES.len()], "arrests_per_100k_fb_mean");
    assert_eq!(
        &header[..4],
        ["office", "arrests_per_day_mean", "arrests_per_day_lo", "arrests_per_day_hi"]
    );
    assert_eq!(rows.len(), 2);
    // The test offices are not areas the foreign-born table knows: their rate cells are empty.
    let measures_end = 1 + 3 * MEASURES.len();
    for row in &rows {
        assert!(row.iter().skip(measures_end).all(|c| c.is_empty()), "{row:?}");
    }
    let trimmed: Vec<csv::StringRecord> =
        rows.iter().map(|r| r.iter().take(measures_end).collect()).collect();
    numeric(&trimmed, 1);
    for row in &rows {
        for m in 0..MEASURES.len() {
            let x = |k: usize| row[1 + 3 * m + k].parse::<f64>().unwrap();
            assert!(x(1) <= x(0) + 1e-9 && x(0) <= x(2) + 1e-9, "{}", MEASURES[m].key);
        }
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn scorecards_have_the_documented_columns() {
    let r = two_offices();
    let dir = written(r, "scorecards");
    let (header, rows) = read(&dir.join("scorecards.csv"));
    assert_eq!(
        header,
        [
            "quarter",
            "office",
            "arrests_mean",
            "arrests_lo",
            "arrests_hi",
            "target",
            "attainment_mean",
            "attainment_lo",
            "attainment_hi",
            "no_record_share_mean",
            "rank",
            "bottom_five_probability"
        ]
    );
    assert_eq!(rows.len(), r.scorecards.len());
    // 2024-10-01 + 120 days: FY2025 Q1 and Q2, two offices each.
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[0][0], "FY2025Q1");
    numeric(&rows, 2);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn offices_rates_are_per_100k_foreign_born_residents() {
    // The same run with its first office renamed to an area the table knows.
    let mut r = two_offices().clone();
    r.scenario.offices[0].name = "Miami".into();
    let dir = written(&r, "offices-rates");
    let (header, rows) = read(&dir.join("offices.csv"));
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let x = |name: &str| rows[0][col(name)].parse::<f64>().unwrap();
    let fb = x("foreign_born");
    assert_eq!(fb, 4_475_431.0, "Florida's ACS 2018 count");
    let days = r.daily_mean.days() as f64;
    let want = |v: f64| v / fb * 1e5;
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-6 * b.abs().max(1e-9);
    assert!(close(x("arrests_per_100k_fb_mean"), want(x("arrests_per_day_mean") * 365.0)));
    assert!(close(x("removals_per_100k_fb_hi"), want(x("removals_hi") * 365.0 / days)));
    assert!(close(x("book_ins_per_100k_fb_lo"), want(x("book_ins_lo") * 365.0 / days)));
    assert!(close(x("adp_per_100k_fb_mean"), want(x("adp_mean"))));
    assert!(rows[1][col("foreign_born")].is_empty(), "the unknown office has none");
    std::fs::remove_dir_all(dir).unwrap();
}
