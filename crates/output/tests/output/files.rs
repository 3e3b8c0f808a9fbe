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
    assert_eq!(header.len(), 1 + 3 * MEASURES.len());
    assert_eq!(
        &header[..4],
        ["office", "arrests_per_day_mean", "arrests_per_day_lo", "arrests_per_day_hi"]
    );
    assert_eq!(rows.len(), 2);
    numeric(&rows, 1);
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
