//! The three CSV files: flat rows, one header line, headers taken from
//! [`crate::columns`] and the model's own metric and measure names.

use std::io::{self, Write};

use model::{Estimate, MEASURES, Metric, RunResult};

use crate::columns::{
    DAILY_KEYS, MEASURE_SUFFIXES, NATIONAL, OFFICES_KEYS, OFFICES_RESIDENT_KEYS, SCORECARD_COLUMNS,
};
use crate::residents::{self, PER_RESIDENT};

/// Numbers as Rust prints them: shortest text that reads back to the same `f64`.
fn num(x: f64) -> String {
    Num::new().text(x).to_owned()
}

/// Formats `f64`s as `Display` does (`x.to_string()`: the shortest digits that read back
/// to the same number, in plain decimal notation, no `.0` on whole numbers), without
/// allocating and several times faster. Ryu finds shortest digits too; where its notation
/// differs (a trailing `.0`, exponents for very large or small magnitudes) it is mended
/// or `Display` is used. One difference is left: when two shortest texts are exactly as
/// close (the number lies halfway between them, e.g. 1690060720831323.25 with 17 digits)
/// Ryu takes the even last digit and `Display` rounds up; both read back to the same
/// `f64`, so the tables' values are unchanged. Writing daily.csv was most of a fluid
/// run's wall time before (0.73 M numbers for baseline-fy2025).
struct Num {
    ryu: ryu::Buffer,
    fallback: String,
}

impl Num {
    fn new() -> Num {
        Num { ryu: ryu::Buffer::new(), fallback: String::new() }
    }

    fn text(&mut self, x: f64) -> &str {
        let s = self.ryu.format(x);
        if s.bytes().any(|b| b == b'e') {
            use std::fmt::Write as _;
            self.fallback.clear();
            write!(self.fallback, "{x}").expect("writing to a String");
            return &self.fallback;
        }
        s.strip_suffix(".0").unwrap_or(s)
    }
}

fn finish(mut w: csv::Writer<&mut dyn Write>) -> io::Result<()> {
    w.flush()
}

/// daily.csv: per day, one row per office then the `national` row.
pub(crate) fn daily(result: &RunResult, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let header = DAILY_KEYS.iter().map(|c| c.name).chain(Metric::ALL.iter().map(|m| m.name()));
    w.write_record(header)?;
    let d = &result.daily_mean;
    let names: Vec<&str> = result.scenario.offices.iter().map(|o| o.name.as_str()).collect();
    let mut fmt = Num::new();
    for day in 0..d.days() {
        let date = result.scenario.start.plus(day as i32).to_string();
        // Offices in scenario order, then the national sum (index == names.len()).
        for o in 0..=names.len() {
            let national = o == names.len();
            w.write_field(&date)?;
            w.write_field(if national { NATIONAL } else { names[o] })?;
            for m in Metric::ALL {
                let x = if national { d.national(day, *m) } else { d.get(day, o, *m) };
                w.write_field(fmt.text(x))?;
            }
            w.write_record(None::<&[u8]>)?;
        }
    }
    finish(w)
}

/// offices.csv: one row per office, three columns per measure.
pub(crate) fn offices(result: &RunResult, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<String> = OFFICES_KEYS.iter().map(|c| c.name.to_string()).collect();
    for m in MEASURES {
        header.extend(MEASURE_SUFFIXES.iter().map(|s| format!("{}{}", m.key, s.name)));
    }
    header.extend(OFFICES_RESIDENT_KEYS.iter().map(|c| c.name.to_string()));
    for p in PER_RESIDENT {
        header.extend(MEASURE_SUFFIXES.iter().map(|s| format!("{}{}", p.key, s.name)));
    }
    w.write_record(&header)?;
    let days = result.daily_mean.days();
    for (office, measures) in result.scenario.offices.iter().zip(&result.offices) {
        let mut row = vec![office.name.clone()];
        for m in measures {
            row.extend(estimate(&m.estimate));
        }
        row.extend(per_resident(&office.name, measures, days));
        w.write_record(&row)?;
    }
    finish(w)
}

/// An office's foreign-born residents and its rates per 100,000 of them
/// ([`residents::office_rates`]); empty fields when the table does not know the office.
fn per_resident(office: &str, measures: &[model::MeasureEstimate], days: usize) -> Vec<String> {
    let width = 1 + MEASURE_SUFFIXES.len() * PER_RESIDENT.len();
    let Some((fb, rates)) = residents::office_rates(office, measures, days) else {
        return vec![String::new(); width];
    };
    let mut row = vec![num(fb)];
    for r in rates {
        match r {
            Some(r) => row.extend(r.map(num)),
            None => row.extend([String::new(), String::new(), String::new()]),
        }
    }
    row
}

fn estimate(e: &Estimate) -> [String; 3] {
    [num(e.mean), num(e.ci95[0]), num(e.ci95[1])]
}

/// scorecards.csv: one row per office and fiscal quarter.
pub(crate) fn scorecards(result: &RunResult, out: &mut dyn Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(SCORECARD_COLUMNS.iter().map(|c| c.name))?;
    for r in &result.scorecards {
        let [a, a_lo, a_hi] = estimate(&r.arrests);
        let [t, t_lo, t_hi] = estimate(&r.attainment);
        w.write_record([
            r.quarter.clone(),
            r.office.clone(),
            a,
            a_lo,
            a_hi,
            num(r.target),
            t,
            t_lo,
            t_hi,
            num(r.no_record_share.mean),
            r.rank.to_string(),
            num(r.bottom_five_probability),
        ])?;
    }
    finish(w)
}

#[cfg(test)]
mod tests {
    use super::Num;

    /// The text `Display` gives, or a text of the same length that reads back to the same
    /// bits and differs only in a last digit chosen on an exact tie (see [`Num`]).
    fn same_number(fast: &str, x: f64) -> bool {
        let display = x.to_string();
        if fast == display {
            return true;
        }
        let back: f64 = fast.parse().expect("a number");
        let (a, b) = (fast.as_bytes(), display.as_bytes());
        back.to_bits() == x.to_bits()
            && a.len() == b.len()
            && a[..a.len() - 1] == b[..b.len() - 1]
            && b[b.len() - 1] == a[a.len() - 1] + 1
            && (a[a.len() - 1] - b'0').is_multiple_of(2)
    }

    /// The fast formatter writes every number as `Display` does: whole numbers, tiny
    /// and huge magnitudes (where Ryu switches to exponents), signed zeros, non-finite
    /// values, and a million bit patterns and run-like numbers from a fixed xorshift
    /// stream (exact ties excepted, as [`same_number`] checks).
    #[test]
    fn numbers_are_written_as_display_writes_them() {
        let mut fmt = Num::new();
        let special = [
            0.0,
            -0.0,
            1.0,
            -3.0,
            0.5,
            0.1,
            1e-5,
            1.5e-7,
            123_456.75,
            1e15,
            1e16,
            2.5e17,
            1e300,
            f64::MIN_POSITIVE,
            f64::MAX,
            f64::INFINITY,
            f64::NEG_INFINITY,
            61_234.0,
        ];
        for x in special {
            assert_eq!(fmt.text(x), x.to_string(), "{x:?}");
        }
        assert_eq!(fmt.text(f64::NAN), "NaN");
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut ties = 0;
        for i in 0..1_000_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Half raw bit patterns (every magnitude), half counts and means as runs make.
            let x = if i % 2 == 0 {
                f64::from_bits(state)
            } else {
                (state % 10_000_000) as f64 / [1.0, 4.0, 7.0, 365.0][i % 4]
            };
            if x.is_nan() {
                continue;
            }
            let fast = fmt.text(x).to_owned();
            assert!(same_number(&fast, x), "{:#x}: {fast} vs {x}", x.to_bits());
            ties += usize::from(fast != x.to_string());
        }
        assert!(ties < 1_000, "{ties} ties: more than exact ties differ");
    }
}
