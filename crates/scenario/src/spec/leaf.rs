//! The leaves of a scenario file: numbers that carry their evidence, and schedules.
//!
//! A number's evidence is either a citation (`source` + `as_of`) or an explicit
//! assumption with the range the author finds plausible; the report lists both, and
//! sensitivity analysis sweeps the ranges.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

/// A model number (or array of numbers) with its evidence:
/// `{ value, source, as_of }` or `{ value, assumption = true, range }`, `note` optional.
#[derive(Clone, Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a number with its evidence: { value = …, source = \"…\", as_of = \"…\" } or { value = …, assumption = true, range = [lo, hi] }"
)]
pub struct Sourced<T> {
    /// The number (or numbers).
    pub value: Spanned<T>,
    /// Citation for the value.
    pub source: Option<Spanned<String>>,
    /// When the cited figure held: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub as_of: Option<Spanned<String>>,
    /// True when the value is the author's assumption rather than a published figure.
    pub assumption: Option<Spanned<bool>>,
    /// Plausible range: `[lo, hi]`, or for arrays one `[lo, hi]` per element.
    pub range: Option<Spanned<RangeSpec>>,
    /// Free text: why this value.
    pub note: Option<String>,
}

/// A value that changes on dates: a [`Sourced`]-style constant (`value`) or a `steps`
/// list. The table's own evidence applies to steps that carry none. `T` is `f64`, or
/// an array of numbers for schedules of mixes and per-group values.
#[derive(Clone, Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a number with its evidence ({ value = …, source = \"…\", as_of = \"…\" }) or a schedule ({ steps = [{ from = \"YYYY-MM-DD\", value = … }, …], … })"
)]
pub struct ScheduleSpec<T = f64> {
    /// Constant value (exclusive with `steps`).
    pub value: Option<Spanned<T>>,
    /// Dated values, in date order (exclusive with `value`).
    pub steps: Option<Spanned<Vec<Spanned<StepSpec<T>>>>>,
    /// Citation applying to the value or to steps without their own evidence.
    pub source: Option<Spanned<String>>,
    /// When the cited figure held.
    pub as_of: Option<Spanned<String>>,
    /// Assumption flag applying like `source`.
    pub assumption: Option<Spanned<bool>>,
    /// Plausible range applying like `source`.
    pub range: Option<Spanned<RangeSpec>>,
    /// Free text.
    pub note: Option<String>,
}

/// One step of a schedule: the value in force from `from` on.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepSpec<T = f64> {
    /// First day the value applies, `YYYY-MM-DD`.
    pub from: Spanned<String>,
    /// The value.
    pub value: Spanned<T>,
    /// Citation for this step.
    pub source: Option<Spanned<String>>,
    /// When the cited figure held.
    pub as_of: Option<Spanned<String>>,
    /// Assumption flag for this step.
    pub assumption: Option<Spanned<bool>>,
    /// Plausible range for this step.
    pub range: Option<Spanned<RangeSpec>>,
    /// When the step was announced (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, read as the
    /// period's last day): a backtest from an origin on or after it keeps the step; one
    /// from an earlier origin carries the previous value forward instead.
    pub announced: Option<Spanned<String>>,
    /// Free text.
    pub note: Option<String>,
}

/// The evidence fields shared by [`Sourced`], [`ScheduleSpec`] and [`StepSpec`].
#[derive(Clone, Copy, Debug)]
pub struct Meta<'a> {
    /// Citation.
    pub source: Option<&'a Spanned<String>>,
    /// When the cited figure held.
    pub as_of: Option<&'a Spanned<String>>,
    /// Assumption flag.
    pub assumption: Option<&'a Spanned<bool>>,
    /// Plausible range.
    pub range: Option<&'a Spanned<RangeSpec>>,
    /// Free text.
    pub note: Option<&'a str>,
}

impl Meta<'_> {
    /// True when any evidence field is given (a step with none inherits its schedule's).
    pub fn has_evidence(&self) -> bool {
        self.source.is_some()
            || self.as_of.is_some()
            || self.assumption.is_some()
            || self.range.is_some()
    }
}

macro_rules! meta_of {
    ($($t:ident),*) => {$(
        impl<T> $t<T> {
            /// The evidence fields.
            pub fn meta(&self) -> Meta<'_> {
                Meta {
                    source: self.source.as_ref(),
                    as_of: self.as_of.as_ref(),
                    assumption: self.assumption.as_ref(),
                    range: self.range.as_ref(),
                    note: self.note.as_deref(),
                }
            }
        }
    )*};
}
meta_of!(Sourced, ScheduleSpec, StepSpec);

/// A `range` as written: `[lo, hi]` (numbers) or `[[lo, hi], …]` (pairs); its shape is
/// checked against the value during validation, where the error can say what was meant.
#[derive(Clone, Debug, Deserialize)]
#[serde(transparent)]
pub struct RangeSpec(pub Vec<RangeItem>);

/// One element of a `range` array.
#[derive(Clone, Debug, PartialEq)]
pub enum RangeItem {
    /// A bound.
    Number(f64),
    /// A `[lo, hi]` pair (per-element ranges of an array value).
    Pair(Vec<f64>),
}

impl<'de> Deserialize<'de> for RangeItem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RangeItem;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a [lo, hi] pair")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RangeItem, E> {
                Ok(RangeItem::Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RangeItem, E> {
                Ok(RangeItem::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RangeItem, E> {
                Ok(RangeItem::Number(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RangeItem, A::Error> {
                let mut out = Vec::new();
                while let Some(x) = seq.next_element::<f64>()? {
                    out.push(x);
                }
                Ok(RangeItem::Pair(out))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sourced_and_ranges_parse() {
        let s: Sourced<f64> =
            toml::from_str("value = 2\nassumption = true\nrange = [1, 3.5]").unwrap();
        assert_eq!(*s.value.get_ref(), 2.0);
        let r = &s.range.unwrap().into_inner().0;
        assert_eq!(r, &[RangeItem::Number(1.0), RangeItem::Number(3.5)]);
        let s: Sourced<Vec<f64>> =
            toml::from_str("value = [0.5, 0.5]\nrange = [[0, 1], [0.2, 0.8]]").unwrap();
        assert_eq!(s.range.unwrap().into_inner().0[1], RangeItem::Pair(vec![0.2, 0.8]));
    }

    #[test]
    fn unknown_keys_and_bare_numbers_are_refused() {
        let e = toml::from_str::<Sourced<f64>>("value = 1\nsauce = \"x\"").unwrap_err();
        assert!(e.message().contains("unknown field `sauce`"), "{e}");
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            x: Sourced<f64>,
        }
        let e = toml::from_str::<T>("x = 0.5").unwrap_err();
        assert!(e.message().contains("expected a number with its evidence"), "{e}");
    }

    #[test]
    fn steps_inherit_only_when_they_have_no_evidence() {
        let s: ScheduleSpec = toml::from_str(
            "steps = [{ from = \"2025-01-01\", value = 1 }, { from = \"2025-02-01\", value = 2, note = \"n\" }, \
             { from = \"2025-03-01\", value = 3, assumption = true, range = [0, 5] }]\nsource = \"s\"\nas_of = \"2025\"",
        )
        .unwrap();
        let steps = s.steps.unwrap().into_inner();
        assert!(!steps[0].get_ref().meta().has_evidence());
        assert!(!steps[1].get_ref().meta().has_evidence());
        assert!(steps[2].get_ref().meta().has_evidence());
    }
}
