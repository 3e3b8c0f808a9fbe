//! Checks on a single model number, array or schedule: its evidence (see
//! [`super::evidence`]), its domain, that it lies in its own range, and that mixes sum to
//! 1. Accepted numbers are recorded as [`SourceEntry`]s for the report.

use model::{Date, Schedule};
use toml::Spanned;

use super::evidence::{Bound, Evidence, Ranges};
use super::{At, Checker, bracketed};
use crate::SourceEntry;
use crate::spec::{Num, Nums, Sched, ScheduleSpec};

/// Tolerance for mixes that must sum to 1.
pub(crate) const MIX_TOLERANCE: f64 = 1e-6;

/// A computed number for messages: rounded to 9 decimals so `0.6 + 0.3 + 0.2` shows as 1.1.
pub(crate) fn rounded(x: f64) -> f64 {
    (x * 1e9).round() / 1e9
}

fn show_values(v: &[f64]) -> String {
    let parts: Vec<String> = v.iter().map(f64::to_string).collect();
    format!("[{}]", parts.join(", "))
}

impl Checker<'_> {
    /// Checks one value: finite, in its domain, inside its range. Reports and returns false.
    fn value(
        &mut self,
        path: &str,
        v: &Spanned<f64>,
        bound: Bound,
        range: Option<(f64, f64)>,
    ) -> bool {
        let x = *v.get_ref();
        let problem = if !x.is_finite() {
            Some((
                format!("`{path}` is not a finite number ({x})"),
                "nan and inf are not allowed".to_owned(),
            ))
        } else if !bound.allows(x) {
            Some(bound.problem(path, x))
        } else {
            range.filter(|(lo, hi)| !(*lo <= x && x <= *hi)).map(|(lo, hi)| {
                (
                    format!("`{path}` = {x} is outside its range [{lo}, {hi}]"),
                    "a value must lie within its stated range: change the value or widen the range"
                        .to_owned(),
                )
            })
        };
        match problem {
            Some((msg, help)) => {
                self.error(v.span(), msg, Some(help));
                false
            }
            None => true,
        }
    }

    fn record(&mut self, parameter: String, value: String, ev: &Evidence, note: Option<&str>) {
        self.sources.push(SourceEntry {
            parameter,
            value,
            source: ev.source.clone(),
            as_of: ev.as_of.clone(),
            range: ev.ranges.as_ref().map(Ranges::show),
            note: note.map(str::to_owned).or_else(|| ev.note.clone()),
        });
    }

    /// A required sourced number.
    pub fn number(&mut self, at: &At, key: &str, field: &Option<Num>, bound: Bound) -> Option<f64> {
        let n = self.present(at, key, field, "{ value = …, source = \"…\", as_of = \"…\" }")?;
        self.sourced(&at.key(key), n, bound)
    }

    /// A sourced number at `path`.
    pub fn sourced(&mut self, path: &str, n: &Num, bound: Bound) -> Option<f64> {
        let s = n.get_ref();
        let ev = self.evidence(path, s.meta(), n.span(), None, bound);
        let range = ev.as_ref().and_then(|e| e.ranges.as_ref()).and_then(|r| r.get(0));
        let ok = self.value(path, &s.value, bound, range);
        let ev = ev.filter(|_| ok)?;
        let x = *s.value.get_ref();
        self.record(path.to_owned(), x.to_string(), &ev, None);
        Some(x)
    }

    /// A required array with one value per label; `mix` arrays must sum to 1.
    pub fn numbers(
        &mut self,
        at: &At,
        key: &str,
        field: &Option<Nums>,
        labels: &[&str],
        bound: Bound,
        mix: bool,
    ) -> Option<Vec<f64>> {
        let example = format!("{{ value = {}, … }}", bracketed(labels));
        let n = self.present(at, key, field, &example)?;
        let path = at.key(key);
        let s = n.get_ref();
        let ev = self.evidence(&path, s.meta(), n.span(), Some(labels.len()), bound);
        let values = s.value.get_ref();
        if values.len() != labels.len() {
            self.error(
                s.value.span(),
                format!("`{path}` has {} values; expected {}", values.len(), labels.len()),
                Some(format!("one value per element of {}", bracketed(labels))),
            );
            return None;
        }
        let mut ok = true;
        for (i, (v, label)) in values.iter().zip(labels).enumerate() {
            let range = ev.as_ref().and_then(|e| e.ranges.as_ref()).and_then(|r| r.get(i));
            ok &= self.value(&format!("{path}.{label}"), v, bound, range);
        }
        let xs: Vec<f64> = values.iter().map(|v| *v.get_ref()).collect();
        let sum: f64 = xs.iter().sum();
        if mix && ok && (sum - 1.0).abs() > MIX_TOLERANCE {
            ok = false;
            self.error(
                s.value.span(),
                format!("`{path}` sums to {}, not 1", rounded(sum)),
                Some(format!(
                    "a mix over {} must sum to 1 (within {MIX_TOLERANCE:e})",
                    bracketed(labels)
                )),
            );
        }
        let ev = ev.filter(|_| ok)?;
        self.record(path, show_values(&xs), &ev, None);
        Some(xs)
    }

    /// A required schedule.
    pub fn schedule(
        &mut self,
        at: &At,
        key: &str,
        field: &Option<Sched>,
        bound: Bound,
    ) -> Option<Schedule> {
        let n = self.present(
            at,
            key,
            field,
            "{ value = …, source = \"…\", as_of = \"…\" }` or `{ steps = […], … }",
        )?;
        self.schedule_at(&at.key(key), n, bound)
    }

    /// A schedule at `path`.
    pub fn schedule_at(&mut self, path: &str, n: &Sched, bound: Bound) -> Option<Schedule> {
        let s: &ScheduleSpec = n.get_ref();
        let steps = match (&s.value, &s.steps) {
            (Some(v), None) => {
                let ev = self.evidence(path, s.meta(), n.span(), None, bound);
                let range = ev.as_ref().and_then(|e| e.ranges.as_ref()).and_then(|r| r.get(0));
                let ok = self.value(path, v, bound, range);
                let ev = ev.filter(|_| ok)?;
                self.record(path.to_owned(), v.get_ref().to_string(), &ev, None);
                return Some(Schedule::constant(*v.get_ref()));
            }
            (None, Some(steps)) => steps,
            (v, _) => {
                let msg = if v.is_some() {
                    "gives both `value` and `steps`"
                } else {
                    "has neither `value` nor `steps`"
                };
                let help = "a schedule is a constant `value` or a list of `steps = [{ from = \"YYYY-MM-DD\", value = … }, …]`";
                self.error(n.span(), format!("`{path}` {msg}"), Some(help.into()));
                return None;
            }
        };
        if steps.get_ref().is_empty() {
            let help = "give at least one `{ from = \"YYYY-MM-DD\", value = … }`";
            self.error(steps.span(), format!("`{path}` has no steps"), Some(help.into()));
            return None;
        }
        // The schedule's own evidence, checked once and only if a step relies on it.
        let mut inherited: Option<Option<Evidence>> = None;
        let mut out = Vec::new();
        let mut ok = true;
        let mut last: Option<Date> = None;
        for (i, step) in steps.get_ref().iter().enumerate() {
            let st = step.get_ref();
            let step_path = format!("{path}.steps[{i}]");
            let own;
            let ev = if st.meta().has_evidence() {
                own = self.evidence(&step_path, st.meta(), step.span(), None, bound);
                own.as_ref()
            } else {
                inherited
                    .get_or_insert_with(|| self.evidence(path, s.meta(), n.span(), None, bound))
                    .as_ref()
            };
            let range = ev.and_then(|e| e.ranges.as_ref()).and_then(|r| r.get(0));
            let good = self.value(&step_path, &st.value, bound, range);
            let date = Date::parse(st.from.get_ref());
            match (date, last) {
                (None, _) => self.error(
                    st.from.span(),
                    format!("`from = \"{}\"` in `{path}` is not a date", st.from.get_ref()),
                    Some("write dates as \"YYYY-MM-DD\"".into()),
                ),
                (Some(d), Some(prev)) if d <= prev => self.error(
                    st.from.span(),
                    format!("steps of `{path}` are out of order: {d} is not after {prev}"),
                    Some("list steps in increasing date order, one per date".into()),
                ),
                _ => {}
            }
            match (date, ev, good) {
                (Some(d), Some(ev), true) if last.is_none_or(|p| d > p) => {
                    let note = st.note.as_deref().or(s.note.as_deref());
                    self.record(
                        path.to_owned(),
                        format!("{} from {d}", st.value.get_ref()),
                        ev,
                        note,
                    );
                    out.push((d, *st.value.get_ref()));
                }
                _ => ok = false,
            }
            last = date.or(last);
        }
        ok.then_some(Schedule { steps: out })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computed_numbers_show_plainly() {
        assert_eq!(show_values(&[0.6, 0.3, 0.1]), "[0.6, 0.3, 0.1]");
        assert_eq!(rounded(0.6 + 0.3 + 0.2).to_string(), "1.1");
    }
}
