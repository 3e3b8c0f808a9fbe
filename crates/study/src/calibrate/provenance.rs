//! The calibrated scenario file: a TOML that `extends` the original and sets each value a
//! fitted factor belongs to — whole schedules and arrays — with the fitted numbers'
//! provenance as their `source`, the fit window as `as_of`, and their range.

use std::fmt::Write as _;

use model::{Date, Scenario};
use scenario::factors::Factor;
use scenario::{Loaded, SourceEntry};

/// What the file says about where the numbers come from.
#[derive(Clone, Debug)]
pub struct Provenance<'a> {
    /// The scenario extended: a built-in name or a path (as `extends` takes it).
    pub extends: &'a str,
    /// Name of the calibrated scenario.
    pub name: &'a str,
    /// The fitted series, comma-separated.
    pub series: &'a str,
    /// The months fitted, `YYYY-MM..YYYY-MM`.
    pub window: &'a str,
    /// The last month fitted, `YYYY-MM` (the `as_of` of the fitted numbers).
    pub last_month: &'a str,
    /// The targets file.
    pub targets: &'a str,
    /// The day of the fit, `YYYY-MM-DD`.
    pub date: &'a str,
    /// Loss before and after.
    pub loss: (f64, f64),
}

/// The TOML text: for every value a fitted factor belongs to, the whole value — a number,
/// an array, or a schedule with all its steps — as `fitted` (the scenario at the optimum)
/// has it. Fitted numbers, array steps and schedule steps carry the provenance (`source =
/// "fitted by caseload calibrate against <series> <window> of <targets> on <date>"`,
/// `as_of` the last month fitted, their range, and a note with the value before); the
/// steps and values that were not fitted keep their own evidence (`source`/`as_of` or
/// `assumption`/`range`, `announced`, `note`), as `loaded` recorded it. Plain paths
/// (`ero.availability`) become dotted keys at the top level; `offices[X]…` and
/// `sectors[X]…` go into one `[[offices]]` entry per name (`name = "X"`), which `extends`
/// merges by name.
pub fn calibrated_toml(
    p: &Provenance<'_>,
    loaded: &Loaded,
    fitted: &Scenario,
    factors: &[Factor],
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Written by `caseload calibrate` on {}: {} fitted numbers.",
        p.date,
        factors.len()
    );
    let _ = writeln!(
        out,
        "# Loss {:.5} -> {:.5} against {} {} ({}).",
        p.loss.0, p.loss.1, p.series, p.window, p.targets
    );
    let _ = writeln!(out, "scenario.name = {}", quote(p.name));
    let _ = writeln!(
        out,
        "scenario.description = {}",
        quote(&format!(
            "{} with {} numbers fitted to ICE's monthly series {} by caseload calibrate",
            p.extends,
            factors.len(),
            p.window
        ))
    );
    let _ = writeln!(out, "scenario.extends = {}", quote(p.extends));
    let source = format!(
        "fitted by caseload calibrate against {} {} of {} on {}",
        p.series, p.window, p.targets, p.date
    );
    let fit = Fitted { source, as_of: p.last_month.to_owned() };
    let registry = scenario::factors::factors(loaded);
    let mut entries: Vec<(String, String, Vec<String>)> = Vec::new();
    for leaf in leaves(loaded, factors) {
        let text = leaf_toml(&leaf, loaded, fitted, factors, &registry, &fit);
        match split_entry(&leaf) {
            Some((table, name, rest)) => {
                let line = format!("{} = {text}", dotted(rest));
                match entries.iter_mut().find(|(t, n, _)| t == table && n == name) {
                    Some(e) => e.2.push(line),
                    None => entries.push((table.to_owned(), name.to_owned(), vec![line])),
                }
            }
            None => {
                let _ = writeln!(out, "{} = {text}", dotted(&leaf));
            }
        }
    }
    for (table, name, lines) in entries {
        let _ = writeln!(out, "\n[[{table}]]\nname = {}\n{}", quote(&name), lines.join("\n"));
    }
    out
}

/// The provenance of a fitted number.
struct Fitted {
    source: String,
    as_of: String,
}

/// The values (list-of-sources parameters) the factors belong to, in scenario order.
fn leaves(loaded: &Loaded, factors: &[Factor]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in &loaded.sources {
        if out.last() != Some(&e.parameter)
            && !out.contains(&e.parameter)
            && factors.iter().any(|f| leaf_of(&f.path, &e.parameter))
        {
            out.push(e.parameter.clone());
        }
    }
    out
}

/// True if the factor at `path` is the value `leaf` or one of its elements.
fn leaf_of(path: &str, leaf: &str) -> bool {
    path == leaf || path.strip_prefix(leaf).is_some_and(|r| r.starts_with('.'))
}

/// One value as an inline table: `{ value = …, evidence }` or `{ steps = [ … ] }`.
fn leaf_toml(
    leaf: &str,
    loaded: &Loaded,
    fitted: &Scenario,
    factors: &[Factor],
    registry: &[Factor],
    fit: &Fitted,
) -> String {
    let mine: Vec<&Factor> = factors.iter().filter(|f| leaf_of(&f.path, leaf)).collect();
    let entries: Vec<&SourceEntry> =
        loaded.sources.iter().filter(|e| e.parameter == leaf).collect();
    let schedule = mine.iter().any(|f| f.from.is_some_and(|d| d != Date::MIN));
    let mut steps = Vec::new();
    for e in &entries {
        let (written, from) = match e.value.rsplit_once(" from ") {
            Some((v, d)) => (v.to_owned(), Date::parse(d)),
            None => (e.value.clone(), None),
        };
        let key = |f: &&&Factor| match (f.from, from) {
            (Some(a), Some(b)) => a == b,
            (Some(a), None) => a == Date::MIN,
            (None, _) => true,
        };
        let here: Vec<&&Factor> = mine.iter().filter(key).collect();
        let mut fields = Vec::new();
        if let Some(d) = from.filter(|_| schedule) {
            fields.push(format!("from = {}", quote(&d.to_string())));
        }
        if here.is_empty() {
            fields.push(format!("value = {written}"));
            fields.extend(evidence(e));
        } else {
            let value = fitted_value(&written, leaf, &here, registry, fitted);
            fields.push(format!("value = {value}"));
            fields.push(format!("source = {}", quote(&fit.source)));
            fields.push(format!("as_of = {}", quote(&fit.as_of)));
            if let Some(r) = &e.range {
                fields.push(format!("range = {r}"));
            }
            if let Some(a) = &e.announced {
                fields.push(format!("announced = {}", quote(a)));
            }
            fields.push(format!(
                "note = {}",
                quote(&format!("was {written} (assumption) before the fit"))
            ));
        }
        steps.push(format!("{{ {} }}", fields.join(", ")));
    }
    if schedule {
        format!("{{ steps = [\n  {},\n] }}", steps.join(",\n  "))
    } else {
        steps.pop().unwrap_or_default()
    }
}

/// The evidence fields of a value or step that was not fitted, as written.
fn evidence(e: &SourceEntry) -> Vec<String> {
    let mut out = Vec::new();
    if e.is_assumption() {
        out.push("assumption = true".to_owned());
    } else {
        out.push(format!("source = {}", quote(&e.source)));
        if let Some(a) = &e.as_of {
            out.push(format!("as_of = {}", quote(a)));
        }
    }
    if let Some(r) = &e.range {
        out.push(format!("range = {r}"));
    }
    if let Some(a) = &e.announced {
        out.push(format!("announced = {}", quote(a)));
    }
    if let Some(n) = &e.note {
        out.push(format!("note = {}", quote(n)));
    }
    out
}

/// The fitted value of one step (or value) of `leaf`: a number, or an array whose fitted
/// elements come from `fitted` and the others stay as `written`.
fn fitted_value(
    written: &str,
    leaf: &str,
    here: &[&&Factor],
    registry: &[Factor],
    fitted: &Scenario,
) -> String {
    let read = |f: &Factor| scenario::factors::value(fitted, f).unwrap_or(f.baseline).to_string();
    if let [f] = here
        && f.path == leaf
    {
        return read(f);
    }
    let from = here.first().and_then(|f| f.from);
    let labels: Vec<&str> = registry
        .iter()
        .filter(|f| f.from == from && leaf_of(&f.path, leaf) && f.path != leaf)
        .map(|f| &f.path[leaf.len() + 1..])
        .collect();
    let mut parts: Vec<String> = written
        .trim()
        .trim_start_matches('[')
        .trim_end_matches(']')
        .split(',')
        .map(|x| x.trim().to_owned())
        .collect();
    for f in here {
        let label = &f.path[leaf.len() + 1..];
        if let Some(i) = labels.iter().position(|l| *l == label)
            && i < parts.len()
        {
            parts[i] = read(f);
        }
    }
    format!("[{}]", parts.join(", "))
}

/// `offices[Chicago].beds.igsa` → `("offices", "Chicago", "beds.igsa")`.
fn split_entry(path: &str) -> Option<(&str, &str, &str)> {
    let (table, rest) = path.split_once('[')?;
    if table.contains('.') {
        return None;
    }
    let (name, rest) = rest.split_once("].")?;
    Some((table, name, rest))
}

/// A dotted key with each part quoted when it is not a bare key.
fn dotted(path: &str) -> String {
    path.split('.')
        .map(|k| {
            if k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                k.to_owned()
            } else {
                quote(k)
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut q = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_and_dotted_keys() {
        assert_eq!(
            split_entry("offices[El Paso].beds.igsa"),
            Some(("offices", "El Paso", "beds.igsa"))
        );
        assert_eq!(split_entry("ero.availability"), None);
        assert_eq!(
            dotted("channels.target_weights.El Paso"),
            "channels.target_weights.\"El Paso\""
        );
    }
}
