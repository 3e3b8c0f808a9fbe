//! A number's evidence: a citation with the date it held (`source` + `as_of`), or an
//! assumption with the range its author finds plausible (`assumption = true` + `range`).
//! Also the domains numbers live in ([`Bound`]), which ranges must respect too.

use std::ops::Range;

use model::Date;
use toml::Spanned;

use super::Checker;
use crate::spec::{Meta, RangeItem, RangeSpec};

/// The domain a number must lie in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Bound {
    /// A share or probability: [0, 1].
    Share,
    /// A count, rate, duration or cost: 0 or more.
    NonNegative,
    /// A scale that must not vanish (e.g. a half-saturation constant): more than 0.
    Positive,
    /// A change, which may be negative: any finite number.
    Real,
}

impl Bound {
    pub(super) fn allows(self, v: f64) -> bool {
        match self {
            Bound::Share => (0.0..=1.0).contains(&v),
            Bound::NonNegative => v >= 0.0,
            Bound::Positive => v > 0.0,
            Bound::Real => v.is_finite(),
        }
    }

    /// (message, help) for a value outside the domain.
    pub(super) fn problem(self, path: &str, v: f64) -> (String, String) {
        match self {
            Bound::Share => (
                format!("`{path}` = {v} is outside [0, 1]"),
                "shares and probabilities lie between 0 and 1".into(),
            ),
            Bound::NonNegative => (
                format!("`{path}` = {v} is negative"),
                "counts, rates, durations and costs are 0 or more".into(),
            ),
            Bound::Positive => {
                (format!("`{path}` = {v} must be greater than 0"), "give a positive number".into())
            }
            Bound::Real => (format!("`{path}` = {v} is not finite"), "give a number".into()),
        }
    }
}

/// A number's accepted evidence.
pub(super) struct Evidence {
    pub source: String,
    pub as_of: Option<String>,
    pub ranges: Option<Ranges>,
    pub note: Option<String>,
}

/// A `range`, one for all elements or one per element.
#[derive(Clone)]
pub(super) enum Ranges {
    One(f64, f64),
    Each(Vec<(f64, f64)>),
}

impl Ranges {
    pub(super) fn get(&self, i: usize) -> Option<(f64, f64)> {
        match self {
            Ranges::One(lo, hi) => Some((*lo, *hi)),
            Ranges::Each(v) => v.get(i).copied(),
        }
    }

    pub(super) fn show(&self) -> String {
        match self {
            Ranges::One(lo, hi) => format!("[{lo}, {hi}]"),
            Ranges::Each(v) => {
                let parts: Vec<String> = v.iter().map(|(lo, hi)| format!("[{lo}, {hi}]")).collect();
                format!("[{}]", parts.join(", "))
            }
        }
    }
}

/// The last day of the period a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` string names (an
/// announcement dated to a month was surely public by the month's end, not its start).
pub(super) fn period_end(s: &str) -> Option<Date> {
    if !valid_as_of(s) {
        return None;
    }
    match s.len() {
        4 => Date::parse(&format!("{s}-12-31")),
        7 => Date::parse(&format!("{s}-01")).map(|d| {
            let (y, m, _) = d.ymd();
            let next = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            Date::from_ymd(next.0, next.1, 1).map_or(d, |n| n.plus(-1))
        }),
        _ => Date::parse(s),
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, each part a real date.
fn valid_as_of(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2) && Date::parse(&format!("{y}-{m}-01")).is_some(),
        [_, _, _] => Date::parse(s).is_some(),
        _ => false,
    }
}

impl Checker<'_> {
    /// Checks evidence fields; reports and returns `None` when incomplete. `len` is the
    /// array length for array values (ranges may then be per element).
    pub(super) fn evidence(
        &mut self,
        path: &str,
        m: Meta<'_>,
        at: Range<usize>,
        len: Option<usize>,
        bound: Bound,
    ) -> Option<Evidence> {
        let mut ok = true;
        let assumption = m.assumption.is_some_and(|a| *a.get_ref());
        match (m.source, assumption) {
            (Some(s), true) => {
                ok = false;
                self.error(
                    s.span(),
                    format!("`{path}` has both a `source` and `assumption = true`"),
                    Some("a number is either sourced (`source` + `as_of`) or an assumption (`assumption = true` + `range`); explain in `note`".into()),
                );
            }
            (Some(s), false) => {
                if s.get_ref().trim().is_empty() {
                    ok = false;
                    self.error(
                        s.span(),
                        format!("`{path}` has an empty `source`"),
                        Some("cite where the figure comes from".into()),
                    );
                }
                match m.as_of {
                    None => {
                        ok = false;
                        self.error(
                            at.clone(),
                            format!("`{path}` has a `source` but no `as_of`"),
                            Some("add `as_of = \"YYYY\"`, `\"YYYY-MM\"` or `\"YYYY-MM-DD\"`: when the cited figure held".into()),
                        );
                    }
                    Some(a) if !valid_as_of(a.get_ref()) => {
                        ok = false;
                        self.error(
                            a.span(),
                            format!("`as_of = \"{}\"` of `{path}` is not a date", a.get_ref()),
                            Some("write `YYYY`, `YYYY-MM` or `YYYY-MM-DD`".into()),
                        );
                    }
                    Some(_) => {}
                }
            }
            (None, true) if m.range.is_none() => {
                ok = false;
                self.error(
                    at.clone(),
                    format!("`{path}` is an assumption without a `range`"),
                    Some(
                        "add `range = [lo, hi]`: the values you would still find plausible".into(),
                    ),
                );
            }
            (None, true) => {}
            (None, false) => {
                ok = false;
                self.error(
                    at.clone(),
                    format!("`{path}` has no evidence: neither `source` nor `assumption = true`"),
                    Some("add `source = \"…\"` and `as_of = \"YYYY-MM\"`, or `assumption = true` and `range = [lo, hi]`".into()),
                );
            }
        }
        let ranges = match m.range {
            Some(r) => {
                let parsed = self.ranges(path, r, len, bound);
                ok &= parsed.is_some();
                parsed
            }
            None => None,
        };
        let source = m.source.map_or_else(|| "assumption".to_owned(), |s| s.get_ref().clone());
        let as_of = m.as_of.map(|a| a.get_ref().clone());
        ok.then(|| Evidence { source, as_of, ranges, note: m.note.map(str::to_owned) })
    }

    /// Checks a `range`'s shape (against the value's) and bounds.
    fn ranges(
        &mut self,
        path: &str,
        r: &Spanned<RangeSpec>,
        len: Option<usize>,
        bound: Bound,
    ) -> Option<Ranges> {
        let items = &r.get_ref().0;
        let pair = |p: &[f64]| (p.len() == 2).then(|| (p[0], p[1]));
        let shape = match items.as_slice() {
            [RangeItem::Number(lo), RangeItem::Number(hi)] => Some(Ranges::One(*lo, *hi)),
            each if len.is_some_and(|n| n == each.len()) => each
                .iter()
                .map(|i| match i {
                    RangeItem::Pair(p) => pair(p),
                    RangeItem::Number(_) => None,
                })
                .collect::<Option<Vec<_>>>()
                .map(Ranges::Each),
            _ => None,
        };
        let Some(shape) = shape else {
            let want = match len {
                None => "`[lo, hi]`".to_owned(),
                Some(n) => format!(
                    "`[lo, hi]` for every element, or {n} pairs `[[lo, hi], …]`, one per element"
                ),
            };
            self.error(
                r.span(),
                format!("`range` of `{path}` has the wrong shape"),
                Some(format!("write {want}")),
            );
            return None;
        };
        let pairs = match &shape {
            Ranges::One(lo, hi) => vec![(*lo, *hi)],
            Ranges::Each(v) => v.clone(),
        };
        let mut ok = true;
        for (lo, hi) in pairs {
            let inside = |v: f64| bound.allows(v) || (bound == Bound::Positive && v == 0.0);
            let (msg, help) = if !(lo.is_finite() && hi.is_finite()) {
                ("is not finite".to_owned(), "give finite bounds".to_owned())
            } else if lo > hi {
                ("is empty (lo > hi)".into(), "write `[lo, hi]` with lo <= hi".into())
            } else if !(inside(lo) && inside(hi)) {
                let (_, help) = bound.problem(path, lo);
                ("goes outside the values allowed".into(), help)
            } else {
                continue;
            };
            ok = false;
            self.error(r.span(), format!("`range` [{lo}, {hi}] of `{path}` {msg}"), Some(help));
        }
        ok.then_some(shape)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn as_of_accepts_year_month_day_precision() {
        for ok in ["2025", "2025-09", "2024-02-29"] {
            assert!(valid_as_of(ok), "{ok}");
        }
        for bad in ["25", "2025-13", "2025-9", "2025-02-30", "Sep 2025", "", "2025-01-01-01"] {
            assert!(!valid_as_of(bad), "{bad}");
        }
    }

    #[test]
    fn bounds_and_ranges_describe_themselves() {
        assert!(Bound::Share.allows(1.0) && !Bound::Share.allows(1.01));
        assert!(Bound::NonNegative.allows(0.0) && !Bound::Positive.allows(0.0));
        assert_eq!(Bound::Share.problem("x", 1.5).0, "`x` = 1.5 is outside [0, 1]");
        assert_eq!(Ranges::Each(vec![(0.0, 1.0), (2.0, 3.5)]).show(), "[[0, 1], [2, 3.5]]");
    }
}
