//! Sweep files: one base scenario and the runs to make of it, each run the base with a
//! few [parameter paths](crate::overrides) changed.
//!
//! ```toml
//! name = "flights-and-targets"        # optional; default: the file's name
//! base = "baseline-fy2025"            # a built-in, or a path relative to this file
//! replications = 10                   # optional; default: the base's
//! seed = 20251001                     # optional; default: the base's. Every run uses it.
//!
//! [set]                               # optional: changes made in every run
//! days = 180
//!
//! [grid]                              # every combination, the first key varying slowest
//! removal.flights_per_week = [40, 60, 80]
//! "offices[Chicago].officers" = [200, 300]
//! ```
//!
//! Instead of `[grid]`, list the runs one by one (an empty entry runs the base):
//!
//! ```toml
//! [[runs]]
//! [[runs]]
//! "removal.flights_per_week" = 80
//! ero.availability = 0.7
//! ```
//!
//! Every run uses the same seed, so runs differ only by their parameters, not by their
//! random numbers (common random numbers). Problems are reported like a scenario's: all at
//! once, each with file:line:column.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::diagnostic::{Diagnostic, ScenarioError};
use crate::files::Files;
use crate::names::{did_you_mean, list};
use crate::overrides::{self, Param, Value};
use crate::{Loaded, builtin, builtin_names};

/// The keys a sweep file may have.
pub const KEYS: [&str; 7] = ["name", "base", "replications", "seed", "set", "grid", "runs"];
/// Most runs one sweep may hold.
pub const MAX_RUNS: usize = 100_000;
/// Most replications per run (as a scenario allows).
const MAX_REPLICATIONS: i64 = 10_000;
/// Consistency problems reported per sweep before the rest are counted.
const MAX_RUN_REPORTS: usize = 5;

/// A checked sweep.
#[derive(Clone, Debug)]
pub struct Sweep {
    /// Short machine name (output directory, file metadata).
    pub name: String,
    /// The base scenario as the file names it.
    pub base: String,
    /// The base scenario, loaded.
    pub loaded: Loaded,
    /// Replications per run.
    pub replications: u32,
    /// Master seed of every run.
    pub seed: u64,
    /// The paths that some run sets: `[set]` ones first, then `[grid]`/`[[runs]]` ones in
    /// order of first appearance.
    pub params: Vec<Param>,
    /// The runs, in run-id order.
    pub runs: Vec<SweepRun>,
}

/// One run of a sweep.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepRun {
    /// Index in [`Sweep::runs`].
    pub id: u32,
    /// One entry per [`Sweep::params`]: the value this run sets, if it sets it.
    pub values: Vec<Option<Value>>,
}

impl Sweep {
    /// The scenario of run `id`: the base with the sweep's replications, seed and the
    /// run's values applied.
    pub fn scenario(&self, id: u32) -> model::Scenario {
        let mut sc = self.loaded.scenario.clone();
        sc.replications = self.replications;
        sc.seed = self.seed;
        let run = &self.runs[id as usize];
        for (p, v) in self.params.iter().zip(&run.values) {
            if let Some(v) = v {
                // Checked when the sweep was loaded: cannot fail.
                let done = overrides::set(&mut sc, &p.path, *v);
                debug_assert!(done.is_ok(), "{done:?}");
            }
        }
        sc
    }

    /// `path=value, …` for the values run `id` sets, for messages and tables.
    pub fn label(&self, id: u32) -> String {
        let run = &self.runs[id as usize];
        let parts: Vec<String> = self
            .params
            .iter()
            .zip(&run.values)
            .filter_map(|(p, v)| v.map(|v| format!("{}={v}", p.path)))
            .collect();
        if parts.is_empty() { "base".into() } else { parts.join(", ") }
    }
}

/// Loads the sweep file at `path` and the base scenario it names.
pub fn load(path: &Path) -> Result<Sweep, ScenarioError> {
    let (name, text) = crate::read_named(path)?;
    load_text(name, text, path.parent().map(Path::to_path_buf))
}

/// Loads sweep text; `origin` names it in diagnostics and relative `base` paths start
/// from its directory.
pub fn load_str(text: &str, origin: &str) -> Result<Sweep, ScenarioError> {
    load_text(origin.to_owned(), text.to_owned(), Path::new(origin).parent().map(Path::to_path_buf))
}

/// True when `text` parses as TOML whose top level has `base`, `[grid]` or `[[runs]]` and
/// no `[scenario]`: a sweep file rather than a scenario file.
pub fn is_sweep(text: &str) -> bool {
    DeTable::parse(text).is_ok_and(|t| {
        let t = t.get_ref();
        !t.contains_key("scenario") && ["base", "grid", "runs"].iter().any(|k| t.contains_key(*k))
    })
}

type Entry<'a> = (String, Range<usize>, &'a Spanned<DeValue<'a>>);

/// The columns of a sweep being read: the parameters so far (the first `n_fixed` from
/// `[set]`), the base scenario, and whether everything read so far was good.
struct Columns<'a> {
    params: &'a mut Vec<Param>,
    base: &'a model::Scenario,
    n_fixed: usize,
    ok: &'a mut bool,
}

impl Columns<'_> {
    /// True if `path` is fixed in `[set]`.
    fn in_set(&self, path: &str) -> bool {
        self.params[..self.n_fixed].iter().any(|p| p.path == path)
    }
}

/// The runs of a `[grid]`: every combination of its values.
fn grid_rows(
    c: &mut Check<'_>,
    cols: &mut Columns<'_>,
    g: &Spanned<DeValue<'_>>,
    entries: &[Entry<'_>],
) -> Vec<Vec<(usize, Value)>> {
    if entries.is_empty() {
        c.error(g.span(), "[grid] is empty".into(), Some("add `\"path\" = [value, …]`".into()));
        *cols.ok = false;
    }
    let mut axes: Vec<(usize, Vec<Value>)> = Vec::new();
    for (path, span, v) in entries {
        if cols.in_set(path) {
            c.error(span.clone(), format!("`{path}` is in [set] and in [grid]"), None);
            *cols.ok = false;
            continue;
        }
        let Some(i) = column(c, cols.params, cols.base, path, span) else {
            *cols.ok = false;
            continue;
        };
        if axes.iter().any(|(j, _)| *j == i) {
            c.error(span.clone(), format!("`{path}` is given twice in [grid]"), None);
            *cols.ok = false;
            continue;
        }
        let DeValue::Array(items) = v.get_ref() else {
            let help = format!("write `\"{path}\" = [a, b, …]`; fixed values go in [set]");
            c.error(v.span(), format!("`{path}` in [grid] must be a list of values"), Some(help));
            *cols.ok = false;
            continue;
        };
        if items.is_empty() {
            c.error(v.span(), format!("`{path}` in [grid] has no values"), None);
            *cols.ok = false;
            continue;
        }
        let values: Vec<Option<Value>> =
            items.iter().map(|x| c.value(x, &cols.params[i])).collect();
        match values.into_iter().collect::<Option<Vec<_>>>() {
            Some(values) => axes.push((i, values)),
            None => *cols.ok = false,
        }
    }
    let total = axes.iter().try_fold(1usize, |n, (_, v)| n.checked_mul(v.len()));
    match total {
        Some(n) if n <= MAX_RUNS => {
            if *cols.ok {
                return product(&axes);
            }
        }
        _ => {
            let msg = format!("[grid] makes more than {MAX_RUNS} runs");
            c.error(g.span(), msg, Some("split the sweep into several files".into()));
            *cols.ok = false;
        }
    }
    Vec::new()
}

/// The runs of `[[runs]]`, one per entry.
fn run_rows(
    c: &mut Check<'_>,
    cols: &mut Columns<'_>,
    r: &Spanned<DeValue<'_>>,
    varying: &[Vec<Entry<'_>>],
) -> Vec<Vec<(usize, Value)>> {
    let mut rows = Vec::new();
    if varying.len() > MAX_RUNS {
        let span = r.span();
        c.error(span, format!("more than {MAX_RUNS} [[runs]]"), None);
        *cols.ok = false;
    }
    for entries in varying {
        let mut row: Vec<(usize, Value)> = Vec::new();
        for (path, span, v) in entries {
            if cols.in_set(path) {
                c.error(span.clone(), format!("`{path}` is in [set] and in [[runs]]"), None);
                *cols.ok = false;
                continue;
            }
            let Some(i) = column(c, cols.params, cols.base, path, span) else {
                *cols.ok = false;
                continue;
            };
            if row.iter().any(|(j, _)| *j == i) {
                c.error(span.clone(), format!("`{path}` is given twice in this run"), None);
                *cols.ok = false;
                continue;
            }
            match c.value(v, &cols.params[i]) {
                Some(x) => row.push((i, x)),
                None => *cols.ok = false,
            }
        }
        rows.push(row);
    }
    rows
}

fn load_text(name: String, text: String, dir: Option<PathBuf>) -> Result<Sweep, ScenarioError> {
    let mut files = Files::default();
    let stem = Path::new(&name).file_stem().and_then(|s| s.to_str()).unwrap_or("sweep").to_owned();
    files.push(name.clone(), text, dir.clone(), name);
    let mut c = Check { files: &files, diags: Vec::new(), foreign: Vec::new() };
    let root = match DeTable::parse(files.list[0].text()) {
        Ok(root) => root,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            c.error(span, format!("invalid TOML: {}", e.message().trim_end()), None);
            return Err(c.finish());
        }
    };
    let top = root.span().start..root.span().start;
    let root = root.get_ref();
    for (k, _) in root.iter() {
        let key = k.get_ref().as_ref();
        if !KEYS.contains(&key) {
            let help = did_you_mean(key, KEYS)
                .unwrap_or_else(|| format!("a sweep file has: {}", list(KEYS)));
            c.error(k.span(), format!("unknown key `{key}` in a sweep file"), Some(help));
        }
    }
    let name = match root.get("name") {
        None => Some(stem),
        Some(v) => match v.get_ref().as_str() {
            Some(s) if !s.trim().is_empty() => Some(s.to_owned()),
            _ => {
                c.error(v.span(), "`name` must be a non-empty string".into(), None);
                None
            }
        },
    };
    let base = base(&mut c, root.get("base"), top.clone(), dir.as_deref());
    let replications = root.get("replications").and_then(|v| {
        let r = whole(v).filter(|r| (1..=MAX_REPLICATIONS).contains(r));
        if r.is_none() {
            c.error(
                v.span(),
                format!("`replications` must be a whole number in 1..={MAX_REPLICATIONS}"),
                None,
            );
        }
        r.map(|r| r as u32)
    });
    let seed = root.get("seed").and_then(|v| {
        let s = whole(v).filter(|s| *s >= 0);
        if s.is_none() {
            c.error(v.span(), "`seed` must be a whole number, 0 or more".into(), None);
        }
        s.map(|s| s as u64)
    });

    let set = root.get("set").map_or_else(Vec::new, |v| c.table(v, "set"));
    let (grid, runs) = (root.get("grid"), root.get("runs"));
    let varying: Vec<Vec<Entry<'_>>> = match (grid, runs) {
        (Some(_), Some(r)) => {
            let help = "use [grid] for every combination of values, or [[runs]] to list runs";
            c.error(
                r.span(),
                "a sweep has either [grid] or [[runs]], not both".into(),
                Some(help.into()),
            );
            Vec::new()
        }
        (None, None) => {
            let help = "add e.g. `[grid]` with `\"removal.flights_per_week\" = [40, 60, 80]`, \
                        or one `[[runs]]` table per run";
            c.error(
                top.clone(),
                "a sweep needs a [grid] table or [[runs]] entries".into(),
                Some(help.into()),
            );
            Vec::new()
        }
        (Some(g), None) => vec![c.table(g, "grid")],
        (None, Some(r)) => c.runs(r),
    };

    let Some(loaded) = base else { return Err(c.finish()) };
    let base_sc = &loaded.scenario;
    // Columns: [set] paths, then the others in order of first appearance.
    let mut params: Vec<Param> = Vec::new();
    let mut ok = true;
    let mut fixed: Vec<(usize, Value)> = Vec::new();
    for (path, span, v) in &set {
        let Some(i) = column(&mut c, &mut params, base_sc, path, span) else {
            ok = false;
            continue;
        };
        if fixed.iter().any(|(j, _)| *j == i) {
            c.error(span.clone(), format!("`{path}` is given twice in [set]"), None);
            ok = false;
        }
        match c.value(v, &params[i]) {
            Some(x) => fixed.push((i, x)),
            None => ok = false,
        }
    }
    let n_fixed = params.len();
    let mut rows: Vec<Vec<(usize, Value)>> = Vec::new();
    let mut cols = Columns { params: &mut params, base: base_sc, n_fixed, ok: &mut ok };
    if let Some(g) = grid.filter(|_| runs.is_none()) {
        rows = grid_rows(&mut c, &mut cols, g, &varying[0]);
    } else if let Some(r) = runs {
        rows = run_rows(&mut c, &mut cols, r, &varying);
    }
    let Some(name) = name.filter(|_| ok && c.diags.is_empty()) else {
        return Err(c.finish());
    };
    let sweep_runs: Vec<SweepRun> = rows
        .into_iter()
        .enumerate()
        .map(|(id, row)| {
            let mut values = vec![None; params.len()];
            for (i, v) in fixed.iter().chain(&row) {
                values[*i] = Some(*v);
            }
            SweepRun { id: id as u32, values }
        })
        .collect();
    let sweep = Sweep {
        name,
        base: root.get("base").and_then(|b| b.get_ref().as_str()).unwrap_or_default().to_owned(),
        replications: replications.unwrap_or(loaded.scenario.replications),
        seed: seed.unwrap_or(loaded.scenario.seed),
        params,
        runs: sweep_runs,
        loaded,
    };
    // Rules tying values together (shares of one whole), run by run.
    let span = grid.or(runs).map_or(top, |v| v.span());
    let mut bad = 0;
    for run in &sweep.runs {
        if let Err(why) = overrides::consistent(&sweep.scenario(run.id)) {
            bad += 1;
            if bad <= MAX_RUN_REPORTS {
                c.error(
                    span.clone(),
                    format!("run {} ({}): {why}", run.id, sweep.label(run.id)),
                    None,
                );
            }
        }
    }
    if bad > MAX_RUN_REPORTS {
        let more = bad - MAX_RUN_REPORTS;
        c.error(span, format!("… and {more} more runs with the same kind of problem"), None);
    }
    if c.diags.is_empty() { Ok(sweep) } else { Err(c.finish()) }
}

/// The column of `path`, added on first use; reports unknown paths at `span`.
fn column(
    c: &mut Check<'_>,
    params: &mut Vec<Param>,
    base: &model::Scenario,
    path: &str,
    span: &Range<usize>,
) -> Option<usize> {
    if let Some(i) = params.iter().position(|p| p.path == path) {
        return Some(i);
    }
    match overrides::param(base, path) {
        Ok(p) => {
            params.push(p);
            Some(params.len() - 1)
        }
        Err(e) => {
            c.error(span.clone(), e.message, e.help);
            None
        }
    }
}

/// Every combination of the axes' values, the first axis varying slowest.
fn product(axes: &[(usize, Vec<Value>)]) -> Vec<Vec<(usize, Value)>> {
    let mut rows: Vec<Vec<(usize, Value)>> = vec![Vec::new()];
    for (i, values) in axes {
        rows = rows
            .into_iter()
            .flat_map(|row| {
                values.iter().map(move |v| {
                    let mut r = row.clone();
                    r.push((*i, *v));
                    r
                })
            })
            .collect();
    }
    rows
}

/// A TOML integer, if `v` is one.
fn whole(v: &Spanned<DeValue<'_>>) -> Option<i64> {
    match v.get_ref() {
        DeValue::Integer(_) => i64::deserialize(ValueDeserializer::from(v.clone())).ok(),
        _ => None,
    }
}

/// Loads the base scenario named by `base`.
fn base(
    c: &mut Check<'_>,
    value: Option<&Spanned<DeValue<'_>>>,
    top: Range<usize>,
    dir: Option<&Path>,
) -> Option<Loaded> {
    let names = || list(builtin_names().iter().copied());
    let Some(value) = value else {
        let help = format!("add `base = \"baseline-fy2025\"`: a built-in ({}) or a path", names());
        c.error(top, "missing `base`: the scenario the sweep changes".into(), Some(help));
        return None;
    };
    let Some(base) = value.get_ref().as_str() else {
        c.error(value.span(), "`base` must be a string".into(), None);
        return None;
    };
    let loaded = if builtin(base).is_some() {
        crate::load_builtin(base)
    } else {
        let path = dir.map_or_else(|| PathBuf::from(base), |d| d.join(base));
        if !path.exists() {
            let help = did_you_mean(base, builtin_names().iter().copied()).unwrap_or_else(|| {
                format!("give a built-in ({}) or a path relative to the sweep file", names())
            });
            let msg = format!("no built-in scenario or file named \"{base}\"");
            c.error(value.span(), msg, Some(help));
            return None;
        }
        crate::load(&path)
    };
    match loaded {
        Ok(l) => Some(l),
        Err(e) => {
            let msg =
                format!("the base scenario \"{base}\" has {} problem(s), listed next", e.len());
            c.error(value.span(), msg, None);
            c.foreign.extend(e.diagnostics);
            None
        }
    }
}

/// Problems found so far, located in the sweep file.
struct Check<'f> {
    files: &'f Files,
    diags: Vec<Diagnostic>,
    /// Problems in other files (the base scenario), listed after the sweep file's.
    foreign: Vec<Diagnostic>,
}

impl Check<'_> {
    fn error(&mut self, span: Range<usize>, message: String, help: Option<String>) {
        self.diags.push(self.files.diagnostic(span, message, help));
    }

    fn finish(mut self) -> ScenarioError {
        self.diags.sort_by_key(|d| d.offset);
        self.diags.append(&mut self.foreign);
        ScenarioError { diagnostics: self.diags }
    }

    /// The entries of a `[set]`/`[grid]`/`[[runs]]` table as (dotted path, key span,
    /// value), nested tables flattened (`removal.flights_per_week = …` is a dotted key),
    /// in file order.
    fn table<'a>(&mut self, v: &'a Spanned<DeValue<'a>>, what: &str) -> Vec<Entry<'a>> {
        let DeValue::Table(t) = v.get_ref() else {
            self.error(v.span(), format!("`{what}` must be a table"), None);
            return Vec::new();
        };
        let mut out = Vec::new();
        flatten(t, "", &mut out);
        out.sort_by_key(|(_, span, _)| span.start);
        out
    }

    /// The entries of each `[[runs]]` table.
    fn runs<'a>(&mut self, v: &'a Spanned<DeValue<'a>>) -> Vec<Vec<Entry<'a>>> {
        let DeValue::Array(items) = v.get_ref() else {
            let help = "write each run as a [[runs]] table".to_owned();
            self.error(v.span(), "`runs` must be an array of tables".into(), Some(help));
            return Vec::new();
        };
        items.iter().map(|item| self.table(item, "[[runs]] entry")).collect()
    }

    /// A value for `p`, checked against its domain; reports and returns `None` if wrong.
    fn value(&mut self, v: &Spanned<DeValue<'_>>, p: &Param) -> Option<Value> {
        let value = match v.get_ref() {
            DeValue::Boolean(b) => Value::Flag(*b),
            DeValue::Integer(_) | DeValue::Float(_) => {
                match f64::deserialize(ValueDeserializer::from(v.clone())) {
                    Ok(x) => Value::Number(x),
                    Err(e) => {
                        self.error(v.span(), e.message().trim_end().to_owned(), None);
                        return None;
                    }
                }
            }
            _ => {
                let wants = if p.domain.is_flag() { "`true` or `false`" } else { "a number" };
                let help = if matches!(v.get_ref(), DeValue::Array(_)) {
                    Some("lists of values belong in [grid]".to_owned())
                } else {
                    None
                };
                self.error(v.span(), format!("`{}` takes {wants}", p.path), help);
                return None;
            }
        };
        match p.domain.admits(&p.path, value) {
            Ok(()) => Some(value),
            Err(e) => {
                self.error(v.span(), e.message, e.help);
                None
            }
        }
    }
}

fn flatten<'a>(t: &'a DeTable<'a>, prefix: &str, out: &mut Vec<Entry<'a>>) {
    for (k, v) in t.iter() {
        let path = if prefix.is_empty() {
            k.get_ref().to_string()
        } else {
            format!("{prefix}.{}", k.get_ref())
        };
        match v.get_ref() {
            DeValue::Table(inner) => flatten(inner, &path, out),
            _ => out.push((path, k.span(), v)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "base = \"baseline-fy2025\"\nreplications = 2\nseed = 5\n";

    fn sweep(body: &str) -> Result<Sweep, ScenarioError> {
        load_str(&format!("{HEAD}{body}"), "s.toml")
    }

    fn message(body: &str) -> String {
        sweep(body).unwrap_err().to_string()
    }

    #[test]
    fn a_grid_is_every_combination_first_key_slowest() {
        let s = sweep(
            "[set]\ndays = 30\n[grid]\nremoval.flights_per_week = [40, 60]\n\
             \"offices[Chicago].officers\" = [200, 250, 300]\n",
        )
        .unwrap();
        assert_eq!((s.name.as_str(), s.replications, s.seed), ("s", 2, 5));
        let paths: Vec<&str> = s.params.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, ["days", "removal.flights_per_week", "offices[Chicago].officers"]);
        assert_eq!(s.runs.len(), 6);
        assert_eq!(
            s.label(1),
            "days=30, removal.flights_per_week=40, offices[Chicago].officers=250"
        );
        let sc = s.scenario(5);
        assert_eq!((sc.days, sc.replications, sc.seed), (30, 2, 5));
        assert_eq!(sc.removal.flights_per_week.at(sc.start), 60.0);
    }

    #[test]
    fn runs_list_their_own_values() {
        let s = sweep(
            "[[runs]]\n[[runs]]\nero.availability = 0.7\ndetention.transfer_when_full = false\n",
        )
        .unwrap();
        assert_eq!(s.runs.len(), 2);
        assert_eq!(s.label(0), "base");
        assert_eq!(s.runs[1].values, vec![Some(Value::Number(0.7)), Some(Value::Flag(false))]);
        assert!(!s.scenario(1).detention.transfer_when_full);
    }

    #[test]
    fn problems_are_located_and_all_reported() {
        let m =
            message("[grid]\nremoval.flight_per_week = [40]\n\"ero.availability\" = [0.5, 1.5]\n");
        assert!(m.contains("error: no parameter `removal.flight_per_week`\n  --> s.toml:5:9\n   = help: did you mean \"removal.flights_per_week\"?"), "{m}");
        assert!(m.contains("`ero.availability` = 1.5 is outside [0, 1]\n  --> s.toml:6:28"), "{m}");
        let m = message("[grid]\ndays = 30\n");
        assert!(m.contains("`days` in [grid] must be a list of values"), "{m}");
        let m = message("");
        assert!(m.contains("a sweep needs a [grid] table or [[runs]] entries"), "{m}");
        let m =
            load_str("base = \"baseline-fy2025x\"\n[[runs]]\n", "s.toml").unwrap_err().to_string();
        assert!(m.contains("did you mean \"baseline-fy2025\"?"), "{m}");
        let m = message("[[runs]]\ncases.interior_summary_share = 0.99\n");
        assert!(m.contains("run 0 (cases.interior_summary_share=0.99): "), "{m}");
        let m = message("bogus = 1\n[[runs]]\n");
        assert!(m.contains("unknown key `bogus` in a sweep file"), "{m}");
    }

    #[test]
    fn sweep_files_are_told_from_scenarios() {
        assert!(is_sweep("base = \"x\"\n[grid]\n"));
        assert!(!is_sweep("[scenario]\nname = \"x\"\n"));
        assert!(!is_sweep("not toml ["));
    }
}
