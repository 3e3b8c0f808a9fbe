//! The parsed TOML of several files merged into one tree, per the `extends` rules: tables
//! merge key by key, sourced numbers and schedules (tables with `value` or `steps`) and
//! arrays are replaced whole, `key = { unset = true, note = "why" }` removes the parent's
//! key (an optional setting back to its absent default), `[[offices]]`/`[[sectors]]`/`[[appropriations]]` entries
//! merge by `name` (a new appropriation name is added), and `[[interventions]]` are
//! appended. Spans are shifted to global offsets first (see
//! [`crate::files`]), so every value still knows its file after the merge.

use std::collections::HashMap;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::diagnostic::Diagnostic;
use crate::files::{Files, SourceFile};
use crate::names::{did_you_mean, list};

/// A parsed file (or merge of files) with global spans.
pub(crate) type Tree<'a> = Spanned<DeTable<'a>>;

/// Parses `file` (known to parse: [`crate::chain`] did) with spans shifted to global offsets.
pub(crate) fn parse(file: &SourceFile) -> Option<Tree<'_>> {
    let root = DeTable::parse(file.text()).ok()?;
    let span = shift(root.span(), file.base);
    Some(Spanned::new(span, shift_table(root.into_inner(), file.base)))
}

fn shift(span: std::ops::Range<usize>, base: usize) -> std::ops::Range<usize> {
    span.start + base..span.end + base
}

fn shift_table(table: DeTable<'_>, base: usize) -> DeTable<'_> {
    table
        .into_iter()
        .map(|(k, v)| (Spanned::new(shift(k.span(), base), k.into_inner()), shift_value(v, base)))
        .collect()
}

fn shift_value(v: Spanned<DeValue<'_>>, base: usize) -> Spanned<DeValue<'_>> {
    let span = shift(v.span(), base);
    let inner = match v.into_inner() {
        DeValue::Table(t) => DeValue::Table(shift_table(t, base)),
        DeValue::Array(a) => DeValue::Array(a.into_iter().map(|e| shift_value(e, base)).collect()),
        other => other,
    };
    Spanned::new(span, inner)
}

/// True for a sourced number or schedule: replaced whole, never merged key by key (mixing
/// a parent's `source` with a child's `assumption` would make evidence nobody wrote).
fn is_leaf(t: &DeTable<'_>) -> bool {
    t.contains_key("value") || t.contains_key("steps")
}

/// `child` over `parent`.
pub(crate) fn merge<'a>(
    parent: Tree<'a>,
    child: Tree<'a>,
    files: &Files,
    diags: &mut Vec<Diagnostic>,
) -> Tree<'a> {
    let span = child.span();
    let mut out = parent.into_inner();
    for (k, v) in child.into_inner() {
        let old = out.remove(k.get_ref().as_ref());
        if old.is_some() && is_unset(&v) {
            continue;
        }
        let new = match (k.get_ref().as_ref(), old) {
            (_, None) => v,
            ("scenario", Some(mut p)) => {
                // Name and description describe the child; `extends` is already followed.
                if let DeValue::Table(t) = p.get_mut() {
                    for key in ["name", "description", "extends"] {
                        t.remove(key);
                    }
                }
                merge_value(p, v)
            }
            (what @ ("offices" | "sectors" | "appropriations"), Some(p)) => {
                merge_named(p, v, what, files, diags)
            }
            ("interventions", Some(p)) => append(p, v),
            (_, Some(p)) => merge_value(p, v),
        };
        out.insert(k, new);
    }
    Spanned::new(span, out)
}

/// True for `{ unset = true, … }`: the child removes the parent's key, so an optional
/// setting (a ceiling, a limit) goes back to its absent default. A number cannot say
/// "none" (infinity is refused), and a stand-in value would be a number nobody measured.
fn is_unset(v: &Spanned<DeValue<'_>>) -> bool {
    let DeValue::Table(t) = v.get_ref() else { return false };
    matches!(t.get("unset").map(Spanned::get_ref), Some(DeValue::Boolean(true)))
}

fn merge_value<'a>(
    parent: Spanned<DeValue<'a>>,
    child: Spanned<DeValue<'a>>,
) -> Spanned<DeValue<'a>> {
    let span = child.span();
    match (parent.into_inner(), child.into_inner()) {
        (DeValue::Table(mut p), DeValue::Table(c)) if !is_leaf(&p) && !is_leaf(&c) => {
            for (k, v) in c {
                match p.remove(k.get_ref().as_ref()) {
                    Some(_) if is_unset(&v) => {}
                    Some(old) => {
                        p.insert(k, merge_value(old, v));
                    }
                    // Left in place: `drop_unsets` reports it (no parent's key to remove).
                    None => {
                        p.insert(k, v);
                    }
                }
            }
            Spanned::new(span, DeValue::Table(p))
        }
        (_, c) => Spanned::new(span, c),
    }
}

fn append<'a>(parent: Spanned<DeValue<'a>>, child: Spanned<DeValue<'a>>) -> Spanned<DeValue<'a>> {
    let span = child.span();
    match (parent.into_inner(), child.into_inner()) {
        (DeValue::Array(p), DeValue::Array(c)) => {
            Spanned::new(span, DeValue::Array(p.into_iter().chain(c).collect::<DeArray<'_>>()))
        }
        (_, c) => Spanned::new(span, c),
    }
}

/// The `name` string of an `[[offices]]`/`[[sectors]]`/`[[appropriations]]` entry, with its span.
pub(crate) fn entry_name<'t>(
    entry: &'t Spanned<DeValue<'_>>,
) -> Option<(&'t str, std::ops::Range<usize>)> {
    let DeValue::Table(t) = entry.get_ref() else { return None };
    let name = t.get("name")?;
    Some((name.get_ref().as_str()?, name.span()))
}

/// Singular noun for messages.
fn noun(what: &str) -> &'static str {
    if what == "offices" { "office" } else { "sector" }
}

fn merge_named<'a>(
    parent: Spanned<DeValue<'a>>,
    child: Spanned<DeValue<'a>>,
    what: &str,
    files: &Files,
    diags: &mut Vec<Diagnostic>,
) -> Spanned<DeValue<'a>> {
    let span = child.span();
    let (DeValue::Array(p), DeValue::Array(c)) = (parent.get_ref(), child.get_ref()) else {
        return child;
    };
    let mut out: Vec<Spanned<DeValue<'a>>> = p.iter().cloned().collect();
    for entry in c.iter() {
        if !matches!(entry.get_ref(), DeValue::Table(_)) {
            diags.push(files.diagnostic(
                entry.span(),
                format!(
                    "an entry of `{what}` is {}, not a table",
                    crate::validate::kind(entry.get_ref())
                ),
                Some(format!("write each entry as its own [[{what}]] table")),
            ));
            continue;
        }
        let Some((name, name_span)) = entry_name(entry) else {
            diags.push(files.diagnostic(
                entry.span(),
                format!("[[{what}]] entry without a `name`"),
                Some(format!(
                    "in a scenario that extends another, each [[{what}]] entry names the {} it changes",
                    noun(what)
                )),
            ));
            continue;
        };
        let names: Vec<&str> = out.iter().filter_map(|e| entry_name(e).map(|n| n.0)).collect();
        match names.iter().position(|n| *n == name) {
            Some(i) => {
                let old =
                    std::mem::replace(&mut out[i], Spanned::new(0..0, DeValue::Boolean(false)));
                out[i] = merge_value(old, entry.clone());
            }
            // A child may add appropriations (a new year's money); offices and sectors are
            // the parent's, so a new name there is a typo.
            None if what == "appropriations" => out.push(entry.clone()),
            None => {
                let help = did_you_mean(name, names.iter().copied()).unwrap_or_else(|| {
                    format!("the scenario it extends has: {}", list(names.iter().copied()))
                });
                diags.push(files.diagnostic(
                    name_span,
                    format!("{} \"{name}\" is not in the scenario this one extends", noun(what)),
                    Some(help),
                ));
            }
        }
    }
    Spanned::new(span, DeValue::Array(out.into_iter().collect()))
}

/// Reports and drops each `{ unset = true }` left after merging: it named a key that no
/// scenario it extends sets (or its file extends nothing), so there was nothing to remove.
pub(crate) fn drop_unsets(tree: &mut Tree<'_>, files: &Files, diags: &mut Vec<Diagnostic>) {
    fn walk(t: &mut DeTable<'_>, path: &str, files: &Files, diags: &mut Vec<Diagnostic>) {
        let mut gone = Vec::new();
        for (k, v) in t.iter_mut() {
            let key: &str = k.get_ref();
            let sub = if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
            if is_unset(v) {
                diags.push(
                    files.diagnostic(
                        v.span(),
                        format!("`{sub}` is unset, but no scenario this one extends sets it"),
                        Some(
                            "`{ unset = true }` removes a key the extended scenario sets; \
                         delete this line (or check the key's spelling and table)"
                                .into(),
                        ),
                    ),
                );
                gone.push(key.to_string());
                continue;
            }
            match v.get_mut() {
                DeValue::Table(inner) => walk(inner, &sub, files, diags),
                DeValue::Array(a) => {
                    for e in a.iter_mut() {
                        if let DeValue::Table(inner) = e.get_mut() {
                            walk(inner, &sub, files, diags);
                        }
                    }
                }
                _ => {}
            }
        }
        for key in gone {
            t.remove(key.as_str());
        }
    }
    walk(tree.get_mut(), "", files, diags);
}

/// Reports `[[offices]]`/`[[sectors]]`/`[[appropriations]]` names given twice in one file.
pub(crate) fn check_duplicates(tree: &Tree<'_>, files: &Files, diags: &mut Vec<Diagnostic>) {
    for what in ["offices", "sectors", "appropriations"] {
        let Some(DeValue::Array(entries)) = tree.get_ref().get(what).map(Spanned::get_ref) else {
            continue;
        };
        let mut seen: HashMap<&str, std::ops::Range<usize>> = HashMap::new();
        for (name, span) in entries.iter().filter_map(entry_name) {
            if let Some(first) = seen.get(name) {
                let at = files.diagnostic(first.clone(), String::new(), None);
                diags.push(files.diagnostic(
                    span,
                    format!("duplicate {} \"{name}\"", noun(what)),
                    Some(format!(
                        "first given at {}:{}:{}; each {} appears once per file",
                        at.path,
                        at.line,
                        at.col,
                        noun(what)
                    )),
                ));
            } else {
                seen.insert(name, span);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(texts: &[&str]) -> Files {
        let mut f = Files::default();
        for (i, t) in texts.iter().enumerate() {
            f.push(format!("f{i}.toml"), (*t).into(), None, i.to_string());
        }
        f
    }

    fn merged(parent: &str, child: &str) -> (String, Vec<Diagnostic>) {
        let f = files(&[child, parent]);
        let mut diags = Vec::new();
        let m = merge(parse(&f.list[1]).unwrap(), parse(&f.list[0]).unwrap(), &f, &mut diags);
        (format!("{:?}", m.get_ref()), diags)
    }

    #[test]
    fn leaves_replace_and_tables_merge() {
        let (m, d) = merged(
            "[ero]\na = { value = 1, source = \"s\", as_of = \"2024\" }\nb = { value = 2, source = \"s\", as_of = \"2024\" }",
            "[ero]\na = { value = 3, assumption = true, range = [1, 4] }",
        );
        assert!(d.is_empty());
        // The child's leaf replaced the parent's whole (no `source` left beside `assumption`).
        assert!(m.contains("assumption") && m.matches("source").count() == 1, "{m}");
    }

    #[test]
    fn offices_merge_by_name_and_interventions_append() {
        let (m, d) = merged(
            "[[offices]]\nname = \"Chicago\"\nflight_hub = false\n[[offices]]\nname = \"Houston\"\n\
             [[interventions]]\nkind = \"deploy\"",
            "[[offices]]\nname = \"Chicago\"\nflight_hub = true\n[[interventions]]\nkind = \"deputize\"",
        );
        assert!(d.is_empty());
        assert!(m.contains("Boolean(true)") && !m.contains("Boolean(false)"), "{m}");
        assert!(m.contains("deploy") && m.contains("deputize"));
    }

    #[test]
    fn unset_removes_the_parents_key() {
        let (m, d) = merged(
            "[detention]\nceiling = { value = 1, source = \"s\", as_of = \"2024\" }\nb = 2",
            "[detention]\nceiling = { unset = true, note = \"no ceiling in 2025\" }",
        );
        assert!(d.is_empty());
        assert!(!m.contains("ceiling") && !m.contains("unset") && m.contains("\"b\""), "{m}");
        // A whole top-level table too, as for any key.
        let (m, d) = merged("[ero]\na = 1\n[courts]\nb = 2", "ero = { unset = true }");
        assert!(d.is_empty());
        assert!(!m.contains("\"a\"") && !m.contains("unset") && m.contains("\"b\""), "{m}");
    }

    #[test]
    fn unknown_child_office_is_an_error_with_a_suggestion() {
        let (_, d) = merged("[[offices]]\nname = \"Chicago\"", "[[offices]]\nname = \"Chigaco\"");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "office \"Chigaco\" is not in the scenario this one extends");
        assert_eq!(d[0].help.as_deref(), Some("did you mean \"Chicago\"?"));
        assert_eq!((d[0].path.as_str(), d[0].line, d[0].col), ("f0.toml", 2, 8));
    }

    #[test]
    fn duplicates_are_reported_where_repeated() {
        let f = files(&["[[offices]]\nname = \"Chicago\"\n[[offices]]\nname = \"Chicago\"\n"]);
        let mut d = Vec::new();
        check_duplicates(&parse(&f.list[0]).unwrap(), &f, &mut d);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].line, d[0].col), (4, 8));
        assert!(d[0].help.as_deref().unwrap().contains("f0.toml:2:8"));
    }
}
