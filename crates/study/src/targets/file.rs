//! Reading a targets file (the columns of `shared/calibration/monthly.csv`) with every
//! row checked: an unknown measure, agency, criminal category or release reason is an
//! error naming the file, line and column and listing what is allowed.

use std::fmt;
use std::path::Path;

use super::{Month, Targets};

/// The measures a targets file may hold.
const MEASURES: [&str; 4] = ["book_ins", "book_outs", "adp", "alos"];
/// Arresting agencies.
const AGENCIES: [&str; 3] = ["ICE", "CBP", "Total"];
/// ICE's criminality categories.
const CRIMINALITY: [&str; 4] =
    ["Convicted Criminal", "Pending Criminal Charges", "Other Immigration Violator", "Total"];
/// ICE's book-out release reasons (FY2024–FY2025 workbooks).
const REASONS: [&str; 13] = [
    "Release to Remove",
    "Paroled",
    "Bonded Out",
    "Bond Set by ICE",
    "Bond Set by IJ",
    "Order of Recognizance",
    "Order of Supervision",
    "Relief Granted by IJ",
    "Proceedings Terminated",
    "Transferred",
    "Transfer to U.S. Marshals or other agency",
    "Other",
    "Total",
];
/// The columns read, in the order they must appear.
const COLUMNS: [&str; 6] = ["measure", "month", "agency", "criminality", "reason", "value"];

/// One published number of a targets file.
#[derive(Clone, Debug, PartialEq)]
pub struct Observation {
    /// `book_ins`, `book_outs`, `adp` or `alos`.
    pub measure: String,
    /// Calendar month.
    pub month: Month,
    /// Arresting agency: ICE, CBP or Total.
    pub agency: String,
    /// Criminality category, or Total.
    pub criminality: String,
    /// Release reason (book-outs only; empty otherwise).
    pub reason: String,
    /// The number (people, or days for `alos`).
    pub value: f64,
    /// Line in the file (1-based, the header being line 1).
    pub line: u64,
}

/// Why a targets file could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetsError {
    /// The file as named.
    pub file: String,
    /// 1-based line (0 when the file could not be read at all).
    pub line: u64,
    /// 1-based column (0 when not about one column).
    pub column: usize,
    /// What is wrong and what is allowed.
    pub message: String,
}

impl fmt::Display for TargetsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "error: {}\n  --> {}", self.message, self.file),
            (l, 0) => write!(f, "error: {}\n  --> {}:{l}", self.message, self.file),
            (l, c) => write!(f, "error: {}\n  --> {}:{l}:{c}", self.message, self.file),
        }
    }
}

impl std::error::Error for TargetsError {}

/// Reads the targets file at `path` into the series (partial months left out).
pub fn load(path: &Path) -> Result<Targets, TargetsError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| TargetsError {
        file: file.clone(),
        line: 0,
        column: 0,
        message: format!("cannot read the targets file: {e}"),
    })?;
    let obs = parse(&text, &file)?;
    Ok(Targets::from_observations(&file, &obs))
}

/// Parses targets text; `file` names it in errors. Rows whose `note` says "partial" are
/// checked, then left out.
pub fn parse(text: &str, file: &str) -> Result<Vec<Observation>, TargetsError> {
    let err = |line: u64, column: usize, message: String| TargetsError {
        file: file.to_owned(),
        line,
        column,
        message,
    };
    let mut rdr = csv::ReaderBuilder::new().flexible(false).from_reader(text.as_bytes());
    let header = rdr.headers().map_err(|e| err(1, 0, format!("cannot read the header: {e}")))?;
    let index: Vec<usize> = COLUMNS
        .iter()
        .map(|c| {
            header.iter().position(|h| h == *c).ok_or_else(|| {
                err(1, 0, format!("missing column `{c}`; a targets file has {}", COLUMNS.join(",")))
            })
        })
        .collect::<Result<_, _>>()?;
    let note = header.iter().position(|h| h == "note");
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            err(line, 0, format!("not a CSV row: {e}"))
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        let field = |k: usize| rec.get(index[k]).unwrap_or("").trim();
        let column = |k: usize| index[k] + 1;
        let allowed = |k: usize, list: &[&str]| -> Result<String, TargetsError> {
            let v = field(k);
            if list.contains(&v) {
                Ok(v.to_owned())
            } else {
                let name = COLUMNS[k];
                Err(err(
                    line,
                    column(k),
                    format!("unknown {name} {v:?}; allowed: {}", list.join(", ")),
                ))
            }
        };
        let measure = allowed(0, &MEASURES)?;
        let month = Month::parse(field(1))
            .ok_or_else(|| err(line, column(1), format!("month {:?} is not YYYY-MM", field(1))))?;
        let agency = allowed(2, &AGENCIES)?;
        let criminality = allowed(3, &CRIMINALITY)?;
        let reason = if measure == "book_outs" { allowed(4, &REASONS)? } else { String::new() };
        let value: f64 = field(5)
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| {
                err(line, column(5), format!("value {:?} is not a number of 0 or more", field(5)))
            })?;
        let partial = note.and_then(|n| rec.get(n)).is_some_and(|n| n.contains("partial"));
        if !partial {
            out.push(Observation { measure, month, agency, criminality, reason, value, line });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        "measure,month,agency,criminality,reason,value,unit,fiscal_year,note,source\n";

    #[test]
    fn unknown_measure_names_file_line_and_column() {
        let text = format!(
            "{HEAD}book_ins,2024-10,ICE,Total,,10,x,FY2025,,s\nbookins,2024-10,ICE,Total,,1,x,FY2025,,s\n"
        );
        let e = parse(&text, "t.csv").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert!(e.to_string().contains("unknown measure \"bookins\""), "{e}");
        assert!(e.to_string().ends_with("--> t.csv:3:1"), "{e}");
    }

    #[test]
    fn unknown_reason_and_bad_month_are_errors() {
        let text = format!("{HEAD}book_outs,2024-10,Total,Total,Deported,10,x,FY2025,,s\n");
        let e = parse(&text, "t.csv").unwrap_err();
        assert_eq!((e.line, e.column), (2, 5));
        assert!(e.message.contains("Release to Remove"), "{e}");
        let text = format!("{HEAD}adp,2024-13,Total,Total,,10,x,FY2025,,s\n");
        assert_eq!(parse(&text, "t.csv").unwrap_err().column, 2);
    }

    #[test]
    fn partial_months_are_left_out_and_other_book_outs_derived() {
        let text = format!(
            "{HEAD}book_outs,2025-08,Total,Total,Total,100,x,FY2025,,s\n\
             book_outs,2025-08,Total,Total,Release to Remove,30,x,FY2025,,s\n\
             adp,2025-09,Total,Total,,5,x,FY2025,partial month,s\n"
        );
        let obs = parse(&text, "t.csv").unwrap();
        assert_eq!(obs.len(), 2);
        let t = Targets::from_observations("t.csv", &obs);
        let aug = Month::parse("2025-08").unwrap();
        assert_eq!(t.get(super::super::Series::ReleasedOther, aug), Some(70.0));
        assert_eq!(t.months(), vec![aug]);
    }
}
