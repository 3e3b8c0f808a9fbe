//! Checks on a single model number, array or schedule: its evidence (see
//! [`super::evidence`]), its domain, that it lies in its own range, and that mixes sum to
//! 1. Accepted numbers are recorded as [`SourceEntry`]s for the report.

use model::{Date, Schedule};
use toml::Spanned;

use super::evidence::{Bound, Evidence, Ranges};
use super::{At, Checker, bracketed};
use crate::SourceEntry;
use crate::spec::{ArrSched, Num, Nums, Sched, ScheduleSpec};

/// An array of numbers as written.
type Values = Spanned<Vec<Spanned<f64>>>;

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
            announced: None,
        });
    }

    /// Keeps an accepted assumption with a range, with its numbers and place, for
    /// [`crate::factors`]. `values` has one number per label (one, unlabelled, for a
    /// number or a schedule of numbers).
    fn keep_assumption(
        &mut self,
        leaf: Leaf<'_>,
        values: Vec<f64>,
        ev: &Evidence,
        note: Option<&str>,
    ) {
        let Some(ranges) = ev.ranges.as_ref().filter(|_| ev.source == "assumption") else {
            return;
        };
        let ranges: Option<Vec<(f64, f64)>> = (0..values.len()).map(|i| ranges.get(i)).collect();
        let Some(ranges) = ranges else { return };
        let place = self.files.diagnostic(leaf.span, String::new(), None);
        self.flagged.push(Flagged {
            parameter: leaf.path.to_owned(),
            target: Some(leaf.path.to_owned()),
            from: leaf.from,
            values,
            labels: leaf.labels.iter().map(|l| (*l).to_owned()).collect(),
            ranges,
            mix: leaf.mix,
            file: place.path,
            line: place.line,
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
        self.keep_assumption(Leaf::scalar(path, None, n.span()), vec![x], &ev, None);
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
        self.numbers_at(&at.key(key), n, labels, bound, mix)
    }

    /// An array with one value per label at `path`.
    pub fn numbers_at(
        &mut self,
        path: &str,
        n: &Nums,
        labels: &[&str],
        bound: Bound,
        mix: bool,
    ) -> Option<Vec<f64>> {
        let s = n.get_ref();
        let ev = self.evidence(path, s.meta(), n.span(), Some(labels.len()), bound);
        let xs = self.array_values(path, &s.value, ev.as_ref(), labels, bound, mix);
        let (ev, xs) = (ev?, xs?);
        self.record(path.to_owned(), show_values(&xs), &ev, None);
        let leaf = Leaf { path, from: None, labels, mix, span: n.span() };
        self.keep_assumption(leaf, xs.clone(), &ev, None);
        Some(xs)
    }

    /// Checks an array's length, each element (domain and range) and, for a mix, its sum.
    fn array_values(
        &mut self,
        path: &str,
        values: &Values,
        ev: Option<&Evidence>,
        labels: &[&str],
        bound: Bound,
        mix: bool,
    ) -> Option<Vec<f64>> {
        let vs = values.get_ref();
        if vs.len() != labels.len() {
            self.error(
                values.span(),
                format!("`{path}` has {} values; expected {}", vs.len(), labels.len()),
                Some(format!("one value per element of {}", bracketed(labels))),
            );
            return None;
        }
        let mut ok = true;
        for (i, (v, label)) in vs.iter().zip(labels).enumerate() {
            let range = ev.and_then(|e| e.ranges.as_ref()).and_then(|r| r.get(i));
            ok &= self.value(&format!("{path}.{label}"), v, bound, range);
        }
        let xs: Vec<f64> = vs.iter().map(|v| *v.get_ref()).collect();
        let sum: f64 = xs.iter().sum();
        if mix && ok && (sum - 1.0).abs() > MIX_TOLERANCE {
            ok = false;
            self.error(
                values.span(),
                format!("`{path}` sums to {}, not 1", rounded(sum)),
                Some(format!(
                    "a mix over {} must sum to 1 (within {MIX_TOLERANCE:e})",
                    bracketed(labels)
                )),
            );
        }
        ok.then_some(xs)
    }

    /// Names from `vocabulary` in the order written, each at most once, the last one
    /// `last`: unknown names (with the closest one suggested), repeats and a missing or
    /// misplaced `last` are reported at the entry (or the list).
    pub fn order<T: Copy>(
        &mut self,
        path: &str,
        list: &Spanned<Vec<Spanned<String>>>,
        vocabulary: &[(&'static str, T)],
        last: &str,
    ) -> Option<Vec<T>> {
        let names: Vec<&str> = vocabulary.iter().map(|(n, _)| *n).collect();
        let all = format!("the responses are {}", bracketed(&names));
        let (mut out, mut seen, mut ok) = (Vec::new(), Vec::new(), true);
        let entries = list.get_ref();
        for (i, e) in entries.iter().enumerate() {
            let name = e.get_ref().as_str();
            let Some(&(known, v)) = vocabulary.iter().find(|(n, _)| *n == name) else {
                let help = match crate::names::closest(name, names.iter().copied()) {
                    Some(c) => format!("did you mean \"{c}\"? {all}"),
                    None => all.clone(),
                };
                self.error(e.span(), format!("unknown `{name}` in `{path}`"), Some(help));
                ok = false;
                continue;
            };
            if seen.contains(&known) {
                let help = "each response appears once, in the order it is tried".to_owned();
                self.error(e.span(), format!("`{name}` appears twice in `{path}`"), Some(help));
                ok = false;
            } else if known == last && i + 1 < entries.len() {
                let help = format!("\"{last}\" ends the list: what comes after it is never tried");
                self.error(e.span(), format!("`{last}` is not last in `{path}`"), Some(help));
                ok = false;
            }
            seen.push(known);
            out.push(v);
        }
        if ok && seen.last() != Some(&last) {
            let help =
                format!("end the list with \"{last}\" (what happens when nothing has room); {all}");
            self.error(list.span(), format!("`{path}` does not end with `{last}`"), Some(help));
            ok = false;
        }
        ok.then_some(out)
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
        let steps = self.steps(path, n, bound, (&[], false), |c, p, v, ev| {
            c.value(p, v, bound, ev.and_then(|e| e.ranges.as_ref()).and_then(|r| r.get(0)))
                .then_some(*v.get_ref())
        });
        Some(Schedule { steps: steps? })
    }

    /// A required array of schedules, one per label, stepping on the same dates; for a
    /// `mix`, every step's values sum to 1.
    pub fn schedules<const N: usize>(
        &mut self,
        at: &At,
        key: &str,
        field: &Option<ArrSched>,
        labels: &[&str; N],
        bound: Bound,
        mix: bool,
    ) -> Option<[Schedule; N]> {
        let example = format!(
            "{{ value = {}, … }}` or `{{ steps = [{{ from = \"YYYY-MM-DD\", value = [..] }}, …], … }}",
            bracketed(labels)
        );
        let n = self.present(at, key, field, &example)?;
        let path = at.key(key);
        let steps = self.steps(&path, n, bound, (labels, mix), |c, p, v, ev| {
            c.array_values(p, v, ev, labels, bound, mix)
        })?;
        Some(std::array::from_fn(|i| Schedule {
            steps: steps.iter().map(|(d, v)| (*d, v[i])).collect(),
        }))
    }

    /// The steps of a schedule of `T`s (a number or an array): the constant `value`, or
    /// the dated `steps`, each checked by `check` against its own or the table's evidence.
    /// `shape` is the array's labels (none for numbers; their count sizes per-element
    /// ranges) and whether it is a mix.
    fn steps<T, V: Shown>(
        &mut self,
        path: &str,
        n: &Spanned<ScheduleSpec<T>>,
        bound: Bound,
        shape: (&[&str], bool),
        mut check: impl FnMut(&mut Self, &str, &Spanned<T>, Option<&Evidence>) -> Option<V>,
    ) -> Option<Vec<(Date, V)>> {
        let (labels, mix) = shape;
        let len = (!labels.is_empty()).then_some(labels.len());
        let leaf = |from, span| Leaf { path, from: Some(from), labels, mix, span };
        self.steps_of(path, n, bound, len, leaf, &mut check)
    }

    fn steps_of<'p, T, V: Shown>(
        &mut self,
        path: &str,
        n: &Spanned<ScheduleSpec<T>>,
        bound: Bound,
        len: Option<usize>,
        leaf: impl Fn(Date, std::ops::Range<usize>) -> Leaf<'p>,
        check: &mut impl FnMut(&mut Self, &str, &Spanned<T>, Option<&Evidence>) -> Option<V>,
    ) -> Option<Vec<(Date, V)>> {
        let s = n.get_ref();
        let steps = match (&s.value, &s.steps) {
            (Some(v), None) => {
                let ev = self.evidence(path, s.meta(), n.span(), len, bound);
                let x = check(self, path, v, ev.as_ref());
                let (ev, x) = (ev?, x?);
                self.record(path.to_owned(), x.shown(), &ev, None);
                self.keep_assumption(leaf(Date::MIN, n.span()), x.numbers(), &ev, None);
                return Some(vec![(Date::MIN, x)]);
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
                own = self.evidence(&step_path, st.meta(), step.span(), len, bound);
                own.as_ref()
            } else {
                inherited
                    .get_or_insert_with(|| self.evidence(path, s.meta(), n.span(), len, bound))
                    .as_ref()
            };
            let good = check(self, &step_path, &st.value, ev);
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
            let announced = self.announced(&step_path, st.announced.as_ref(), date);
            let unknown = |t: Date, d: Date| i > 0 && d > t && announced.is_none_or(|a| a > t);
            match (date, ev, good) {
                (Some(d), Some(_), Some(_))
                    if self.known_at(step.span().start).is_some_and(|t| unknown(t, d)) => {}
                (Some(d), Some(ev), Some(x)) if last.is_none_or(|p| d > p) => {
                    let note = st.note.as_deref().or(s.note.as_deref());
                    self.record(path.to_owned(), format!("{} from {d}", x.shown()), ev, note);
                    if let Some(e) = self.sources.last_mut() {
                        e.announced = st.announced.as_ref().map(|a| a.get_ref().clone());
                    }
                    self.keep_assumption(leaf(d, step.span()), x.numbers(), ev, note);
                    out.push((d, x));
                }
                _ => ok = false,
            }
            last = date.or(last);
        }
        ok.then_some(out)
    }

    /// A step's `announced` date (the last day of the period it names), checked like
    /// `as_of` and against the step's `from`: a step cannot be announced after it starts.
    pub(crate) fn announced(
        &mut self,
        path: &str,
        a: Option<&Spanned<String>>,
        from: Option<Date>,
    ) -> Option<Date> {
        let a = a?;
        let Some(d) = super::evidence::period_end(a.get_ref()) else {
            self.error(
                a.span(),
                format!("`announced = \"{}\"` of `{path}` is not a date", a.get_ref()),
                Some(
                    "write `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`): when the step was made public"
                        .into(),
                ),
            );
            return None;
        };
        if let Some(f) = from.filter(|f| d > *f) {
            self.error(
                a.span(),
                format!("`{path}` is announced on {d}, after it takes effect on {f}"),
                Some("an announcement comes on or before the step's `from`".into()),
            );
        }
        Some(d)
    }
}

/// How a checked value shows in the list of sources, and its numbers.
trait Shown {
    fn shown(&self) -> String;
    fn numbers(&self) -> Vec<f64>;
}

impl Shown for f64 {
    fn shown(&self) -> String {
        self.to_string()
    }
    fn numbers(&self) -> Vec<f64> {
        vec![*self]
    }
}

impl Shown for Vec<f64> {
    fn shown(&self) -> String {
        show_values(self)
    }
    fn numbers(&self) -> Vec<f64> {
        self.clone()
    }
}

/// Where an accepted number sits, for [`Checker::keep_assumption`].
struct Leaf<'a> {
    path: &'a str,
    /// The schedule step's first day (`Date::MIN` for a constant schedule); `None` for a
    /// plain number or array.
    from: Option<Date>,
    labels: &'a [&'a str],
    mix: bool,
    span: std::ops::Range<usize>,
}

impl<'a> Leaf<'a> {
    fn scalar(path: &'a str, from: Option<Date>, span: std::ops::Range<usize>) -> Leaf<'a> {
        Leaf { path, from, labels: &[], mix: false, span }
    }
}

/// An accepted assumption with a range: what [`crate::factors`] turns into factors.
#[derive(Clone, Debug)]
pub(crate) struct Flagged {
    /// Parameter path as the list of sources names it (`offices[Chicago].officers`).
    pub parameter: String,
    /// The path of the value in the resolved scenario, for [`crate::overrides`]: the
    /// parameter, except for interventions (renumbered in date order; `None` for those
    /// compiled into the scenario's tables).
    pub target: Option<String>,
    /// The schedule step's first day (`Date::MIN` for a constant schedule); `None` for a
    /// plain number or array.
    pub from: Option<Date>,
    /// One number per label (one for a number).
    pub values: Vec<f64>,
    /// Element labels of an array (empty for a number).
    pub labels: Vec<String>,
    /// `[lo, hi]` per value.
    pub ranges: Vec<(f64, f64)>,
    /// True for an array that must sum to 1.
    pub mix: bool,
    /// File and 1-based line of the value.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// The author's note.
    pub note: Option<String>,
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
