//! Validation: the merged tree of a scenario becomes a `model::Scenario`, or the list of
//! every problem found. Each check reports and carries on, so one run shows them all;
//! a value is only assembled when nothing was reported.

mod budget;
mod evidence;
mod interventions;
mod leaf;
mod places;
mod run;
mod tables;

use std::collections::HashSet;
use std::ops::Range;

use toml::Spanned;
use toml::de::DeValue;

use crate::SourceEntry;
use crate::diagnostic::Diagnostic;
use crate::files::Files;
use crate::names::{did_you_mean, list};
use crate::spec::ScenarioSpec;
use crate::tree::Tree;

pub(crate) use evidence::Bound;
pub(crate) use leaf::{Flagged, MIX_TOLERANCE};
pub(crate) use run::{DAYS, WARMUP_DAYS, whole_range};

/// Collects problems and sources while walking a scenario.
pub(crate) struct Checker<'f> {
    files: &'f Files,
    /// Problems found so far.
    pub diags: Vec<Diagnostic>,
    /// Evidence of every number accepted so far, in config order.
    pub sources: Vec<SourceEntry>,
    /// The accepted assumptions with a range, in config order.
    pub flagged: Vec<Flagged>,
    /// Keys already reported by serde and removed: (table offset, key); not "missing".
    poisoned: HashSet<(usize, String)>,
    /// Top-level keys whose value could not be read (wrong type, or an entry that is not a
    /// table). What they would have defined is unknown, so checks that depend on them (an
    /// office name elsewhere, a missing table the `extends` parent may hold) stay silent
    /// rather than bury the one real error under their consequences.
    broken: HashSet<&'static str>,
    /// Knowledge dates, each with the global offset from which it applies: a step or
    /// intervention at offset `o` dated after the earliest date whose offset is `<= o` is
    /// left out unless announced on or before that date. A backtest origin applies from 0
    /// (every file); a `known_on` from the base of the file declaring it (that file and the
    /// files it extends, which come after it; a what-if extending a forecast keeps its own
    /// later steps).
    cutoffs: Vec<(model::Date, usize)>,
}

/// A table being validated: where it is and how messages name it.
#[derive(Clone)]
pub(crate) struct At {
    /// Its span (for "missing key" errors).
    pub span: Range<usize>,
    /// How messages name the table, e.g. `[ero]` or `[[offices]] "Chicago"`.
    pub label: String,
    /// Parameter path prefix, e.g. `ero` or `offices[Chicago]`.
    pub path: String,
}

impl At {
    /// A table with this span, label and path.
    pub fn new(span: Range<usize>, label: impl Into<String>, path: impl Into<String>) -> At {
        At { span, label: label.into(), path: path.into() }
    }

    /// The parameter path of `key` in this table.
    pub fn key(&self, key: &str) -> String {
        format!("{}.{key}", self.path)
    }

    /// A nested table under `key`.
    pub fn child(&self, key: &str, span: Range<usize>) -> At {
        At::new(span, format!("`{}`", self.key(key)), self.key(key))
    }
}

impl<'f> Checker<'f> {
    /// A checker reporting against `files`.
    pub fn new(files: &'f Files) -> Checker<'f> {
        Checker {
            files,
            diags: Vec::new(),
            sources: Vec::new(),
            flagged: Vec::new(),
            poisoned: HashSet::new(),
            broken: HashSet::new(),
            cutoffs: Vec::new(),
        }
    }

    /// The knowledge date that applies to a value at global offset `offset`, if any.
    pub(crate) fn known_at(&self, offset: usize) -> Option<model::Date> {
        self.cutoffs.iter().filter(|(_, from)| *from <= offset).map(|(d, _)| *d).min()
    }

    /// True if the top-level `key` was reported as unreadable (see `broken`).
    pub(crate) fn is_broken(&self, key: &str) -> bool {
        self.broken.contains(key)
    }

    /// Reports a problem at the global byte range `span`.
    pub fn error(&mut self, span: Range<usize>, message: String, help: Option<String>) {
        self.diags.push(self.files.diagnostic(span, message, help));
    }

    /// True if `span` lies in the loaded file rather than in a file it extends.
    pub fn in_loaded_file(&self, span: &Range<usize>) -> bool {
        self.files.in_loaded_file(span.start)
    }

    /// Remembers a key serde rejected, so it is not reported again as missing.
    pub(crate) fn poison(&mut self, table: usize, key: String) {
        self.poisoned.insert((table, key));
    }

    /// `field`, or a "missing key" report whose help shows what to add.
    pub fn present<'a, T>(
        &mut self,
        at: &At,
        key: &str,
        field: &'a Option<T>,
        example: &str,
    ) -> Option<&'a T> {
        if field.is_none() && !self.poisoned.contains(&(at.span.start, key.to_owned())) {
            self.error(
                at.span.clone(),
                format!("missing `{key}` in {}", at.label),
                Some(format!("add `{key} = {example}`")),
            );
        }
        field.as_ref()
    }

    /// A required flag.
    pub fn flag(&mut self, at: &At, key: &str, field: &Option<Spanned<bool>>) -> Option<bool> {
        self.present(at, key, field, "true` or `false").map(|b| *b.get_ref())
    }
}

/// Decodes the merged tree section by section and validates it.
pub(crate) fn validate<'f>(
    root: &Tree<'_>,
    files: &'f Files,
    known_at: Option<model::Date>,
) -> (Option<model::Scenario>, Checker<'f>) {
    let mut c = Checker::new(files);
    c.cutoffs.extend(known_at.map(|t| (t, 0)));
    let mut spec = ScenarioSpec::default();
    for (key, value) in root.get_ref().iter() {
        let name = key.get_ref().as_ref();
        let Some(&known) = ScenarioSpec::KEYS.iter().find(|k| **k == name) else {
            let expected = ScenarioSpec::KEYS.map(|k| format!("`{k}`")).join(", ");
            let help = did_you_mean(name, ScenarioSpec::KEYS);
            c.error(
                key.span(),
                format!("unknown field `{name}`, expected one of {expected}"),
                help,
            );
            continue;
        };
        if !c.has_shape(known, value) {
            c.broken.insert(known);
            continue;
        }
        let ok = match known {
            "scenario" => c.decode(value).map(|v| spec.scenario = Some(v)).is_some(),
            "ero" => c.decode(value).map(|v| spec.ero = Some(v)).is_some(),
            "channels" => c.decode(value).map(|v| spec.channels = Some(v)).is_some(),
            "cases" => c.decode(value).map(|v| spec.cases = Some(v)).is_some(),
            "detention" => c.decode(value).map(|v| spec.detention = Some(v)).is_some(),
            "courts" => c.decode(value).map(|v| spec.courts = Some(v)).is_some(),
            "removal" => c.decode(value).map(|v| spec.removal = Some(v)).is_some(),
            "costs" => c.decode(value).map(|v| spec.costs = Some(v)).is_some(),
            "offices" => c.entries(value, known).map(|v| spec.offices = Some(v)).is_some(),
            "sectors" => c.entries(value, known).map(|v| spec.sectors = Some(v)).is_some(),
            "appropriations" => {
                c.entries(value, known).map(|v| spec.appropriations = Some(v)).is_some()
            }
            _ => c.entries(value, known).map(|v| spec.interventions = Some(v)).is_some(),
        };
        if !ok {
            c.broken.insert(known);
        }
    }
    let top = root.span().start..root.span().start;
    let section = |c: &mut Checker<'_>, key: &'static str, present: bool| {
        // An unreadable [scenario] hides its `extends`: the parent may hold the table.
        if !present && !c.is_broken(key) && !c.is_broken("scenario") {
            let help = format!("add a [{key}] table, or `extends` a scenario that has one");
            c.error(top.clone(), format!("missing [{key}] table"), Some(help));
        }
    };
    section(&mut c, "scenario", spec.scenario.is_some());
    let run = spec.scenario.as_ref().and_then(|s| run::run(&mut c, s));
    if let Some((day, offset)) = run.as_ref().and_then(|r| r.known_on) {
        c.cutoffs.push((day, files.base_of(offset)));
    }
    let window = run.as_ref().map(|r| (r.start, r.days));
    section(&mut c, "offices", spec.offices.is_some());
    let offices = spec.offices.as_deref().unwrap_or_default();
    let (offices, names) = places::offices(&mut c, offices, top.clone());
    let sectors = places::sectors(&mut c, spec.sectors.as_deref().unwrap_or_default(), &names);
    let appropriations =
        budget::appropriations(&mut c, spec.appropriations.as_deref().unwrap_or_default());
    macro_rules! table {
        ($key:literal, $field:ident, $f:expr) => {{
            section(&mut c, $key, spec.$field.is_some());
            spec.$field.as_ref().and_then(|s| $f(&mut c, s))
        }};
    }
    let ero = table!("ero", ero, tables::ero);
    let channels = table!("channels", channels, |c, s| tables::channels(c, s, &names));
    let cases = table!("cases", cases, tables::cases);
    let detention = table!("detention", detention, tables::detention);
    let courts = table!("courts", courts, tables::courts);
    let removal = table!("removal", removal, tables::removal);
    let costs = table!("costs", costs, tables::costs);
    let sector_names: Vec<(String, Option<bool>)> = spec
        .sectors
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|s| {
            let s = s.get_ref();
            let name = s.name.as_ref().map_or_else(String::new, |n| n.get_ref().clone());
            (name, s.southwest.as_ref().map(|b| *b.get_ref()))
        })
        .collect();
    let ctx = interventions::Context { offices: &names, sectors: &sector_names, window };
    let interventions = spec.interventions.as_deref().unwrap_or_default();
    let plan = interventions::interventions(&mut c, interventions, &ctx);
    if !c.diags.is_empty() {
        return (None, c);
    }
    let assembled = (|| {
        let run = run?;
        let plan = plan?;
        let mut sc = model::Scenario {
            name: run.name,
            description: run.description,
            start: run.start,
            days: run.days,
            warmup_days: run.warmup_days,
            replications: run.replications,
            seed: run.seed,
            offices: offices?,
            sectors: sectors?,
            ero: ero?,
            channels: channels?,
            cases: cases?,
            detention: detention?,
            courts: courts?,
            removal: removal?,
            costs: costs?,
            appropriations: appropriations?,
            interventions: plan.runtime,
        };
        for change in &plan.compiled {
            change.apply(&mut sc);
        }
        Some(sc)
    })();
    if assembled.is_none() {
        // Unreachable if every failed check reported; never hand back a half scenario.
        c.error(top, "scenario is incomplete".into(), Some("please report this as a bug".into()));
    }
    (assembled, c)
}

impl Checker<'_> {
    /// True if the top-level `key` holds the kind of value it must (a table, or an array of
    /// tables for `[[offices]]`, `[[sectors]]` and `[[interventions]]`); otherwise reports
    /// the one error that says so. Checked here rather than left to serde so that the
    /// message names the key and shows how to write it.
    fn has_shape(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> bool {
        let array = ScenarioSpec::ARRAYS.contains(&key);
        let (message, help) = match value.get_ref() {
            DeValue::Table(_) if !array => return true,
            DeValue::Array(_) if array => return true,
            other if array => (
                format!("`{key}` is {}, not an array of tables", kind(other)),
                format!("write each entry as its own [[{key}]] table"),
            ),
            other => (
                format!("`{key}` is {}, not a table", kind(other)),
                format!("write it as a table: a `[{key}]` line, then its keys"),
            ),
        };
        self.error(value.span(), message, Some(help));
        false
    }

    /// Decodes each entry of an array of tables (`[[offices]]`…) on its own. An entry that
    /// cannot be read at all marks `key` broken: its name, and so any reference to it, is
    /// unknown.
    fn entries<T: serde::de::DeserializeOwned>(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &'static str,
    ) -> Option<Vec<Spanned<T>>> {
        let DeValue::Array(items) = value.get_ref() else { return None };
        let mut out = Vec::with_capacity(items.len());
        let mut whole = true;
        for item in items.iter() {
            if !matches!(item.get_ref(), DeValue::Table(_)) {
                let message =
                    format!("an entry of `{key}` is {}, not a table", kind(item.get_ref()));
                let help = format!("write each entry as its own [[{key}]] table");
                self.error(item.span(), message, Some(help));
                whole = false;
                continue;
            }
            match self.decode(item) {
                Some(v) => out.push(v),
                None => whole = false,
            }
        }
        if !whole {
            self.broken.insert(key);
        }
        Some(out)
    }
}

/// A TOML value's kind with its article, for "`ero` is an integer, not a table".
pub(crate) fn kind(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// Labels for fixed-size arrays, as messages and the format doc name them.
pub(crate) mod labels {
    /// `[convicted, pending, no_record]`.
    pub const CATEGORY: [&str; 3] = ["convicted", "pending", "no_record"];
    /// Operations' criminal shares: convicted, pending.
    pub const CRIMINAL: [&str; 2] = ["convicted", "pending"];
    /// `[mexico, northern_central_america, other_flights, hard_to_remove]`.
    pub const NATIONALITY: [&str; 4] =
        ["mexico", "northern_central_america", "other_flights", "hard_to_remove"];
}

/// `[a, b, c]` for messages.
pub(crate) fn bracketed(items: &[&str]) -> String {
    format!("[{}]", list(items.iter().copied()))
}
