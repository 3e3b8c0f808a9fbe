//! Robust input: a corpus of broken files, each with the exact message the loader must
//! give; the JSON Schema against the built-in scenarios; random edits of the built-ins.
//!
//! The corpus lives in `tests/corpus/`: `NAME.toml` (scenario or sweep file) and
//! `NAME.expected` (the whole error text, every diagnostic with file:line:col). Regenerate
//! the expected files after an intended change of messages with
//! `CASELOAD_BLESS=1 cargo test -p caseload-scenario --test robustness`, and read the diff.

use std::fs;
use std::path::{Path, PathBuf};

use proptest::prelude::*;
use serde_json::Value;

const CORPUS: &str = "tests/corpus";

/// The corpus files, sorted (paths relative to the crate, as diagnostics show them).
fn corpus() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(CORPUS)
        .expect("tests/corpus exists (tests run from the crate directory)")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| Path::new(CORPUS).join(p.file_name().unwrap()))
        .collect();
    files.sort();
    files
}

/// The loader's complete message for a corpus file (scenario or sweep), with the list of
/// built-in scenarios (which grows) written as `<built-ins>`.
fn message(path: &Path) -> Result<String, String> {
    let builtins = scenario::builtin_names().join(", ");
    let text = fs::read_to_string(path).unwrap_or_default();
    let err = if scenario::sweep::is_sweep(&text) {
        scenario::sweep::load(path).err()
    } else {
        scenario::load(path).err()
    };
    match err {
        Some(e) => {
            for d in &e.diagnostics {
                assert!(!d.message.is_empty(), "{}: empty message", path.display());
            }
            Ok(format!("{e}\n").replace(&builtins, "<built-ins>"))
        }
        None => Err(format!("{} loaded, but it is in the corpus of broken files", path.display())),
    }
}

#[test]
fn every_broken_file_gives_its_expected_message() {
    let files = corpus();
    assert!(files.len() >= 30, "the corpus has only {} files", files.len());
    let bless = std::env::var_os("CASELOAD_BLESS").is_some();
    let mut failures = Vec::new();
    for path in &files {
        let got = match message(path) {
            Ok(m) => m,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        let expected_path = path.with_extension("expected");
        let expected = fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            if bless {
                fs::write(&expected_path, &got).unwrap();
            } else {
                failures
                    .push(format!("{}:\n--- expected\n{expected}--- got\n{got}", path.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} corpus files differ (CASELOAD_BLESS=1 rewrites the .expected files):\n\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn every_expected_file_has_its_case_and_locates_its_problems() {
    for entry in fs::read_dir(CORPUS).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|x| x == "expected") {
            assert!(p.with_extension("toml").exists(), "{} has no .toml", p.display());
            let text = fs::read_to_string(&p).unwrap();
            // Every problem names a file; all but unreadable files give line and column.
            for block in text.split("\n\n") {
                let at = block.lines().find(|l| l.trim_start().starts_with("--> "));
                let at = at.unwrap_or_else(|| panic!("{}: no location in {block:?}", p.display()));
                let unplaced = block.contains("cannot read") || block.contains("no built-in");
                assert!(unplaced || at.matches(':').count() >= 2, "{}: {at}", p.display());
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// JSON Schema: the built-ins validate, broken structure does not.

/// A small JSON Schema validator: the keywords `caseload schema` uses ($ref to $defs, type,
/// properties, required, additionalProperties, items, enum, const, anyOf, oneOf, allOf,
/// minimum, minItems, maxItems). `pattern` is not checked. Returns the first violation.
fn validate(schema: &Value, root: &Value, v: &Value, at: &str) -> Result<(), String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").ok_or_else(|| format!("unsupported $ref {r}"))?;
        let def = root["$defs"].get(name).ok_or_else(|| format!("no $defs/{name}"))?;
        validate(def, root, v, at)?;
    }
    if let Some(t) = schema.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => v.is_object(),
            "array" => v.is_array(),
            "string" => v.is_string(),
            "boolean" => v.is_boolean(),
            "number" => v.is_number(),
            "integer" => v.is_i64() || v.is_u64(),
            _ => return Err(format!("unsupported type {t}")),
        };
        if !ok {
            return Err(format!("{at}: expected {t}, found {v}"));
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(v)
    {
        return Err(format!("{at}: {v} is not one of {allowed:?}"));
    }
    if let Some(c) = schema.get("const")
        && c != v
    {
        return Err(format!("{at}: {v} is not {c}"));
    }
    if let (Some(min), Some(x)) = (schema.get("minimum").and_then(Value::as_f64), v.as_f64())
        && x < min
    {
        return Err(format!("{at}: {x} < {min}"));
    }
    if let Some(obj) = v.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for req in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            let key = req.as_str().unwrap_or_default();
            if !obj.contains_key(key) {
                return Err(format!("{at}: missing required `{key}`"));
            }
        }
        for (k, x) in obj {
            let here = format!("{at}.{k}");
            match props.and_then(|p| p.get(k)) {
                Some(s) => validate(s, root, x, &here)?,
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) => return Err(format!("{here}: not allowed")),
                    Some(s @ Value::Object(_)) => validate(s, root, x, &here)?,
                    _ => {}
                },
            }
        }
    }
    if let Some(items) = v.as_array() {
        if let Some(s) = schema.get("items") {
            for (i, x) in items.iter().enumerate() {
                validate(s, root, x, &format!("{at}[{i}]"))?;
            }
        }
        let n = items.len() as u64;
        if schema.get("minItems").and_then(Value::as_u64).is_some_and(|m| n < m)
            || schema.get("maxItems").and_then(Value::as_u64).is_some_and(|m| n > m)
        {
            return Err(format!("{at}: {n} items"));
        }
    }
    let count = |key: &str| -> Option<(usize, usize, String)> {
        let list = schema.get(key)?.as_array()?;
        let results: Vec<Result<(), String>> =
            list.iter().map(|s| validate(s, root, v, at)).collect();
        let ok = results.iter().filter(|r| r.is_ok()).count();
        let first = results.into_iter().find_map(Result::err).unwrap_or_default();
        Some((ok, list.len(), first))
    };
    if let Some((ok, _, why)) = count("anyOf")
        && ok == 0
    {
        return Err(format!("{at}: matches none of anyOf ({why})"));
    }
    if let Some((ok, _, why)) = count("oneOf")
        && ok != 1
    {
        return Err(format!("{at}: matches {ok} of oneOf, not exactly 1 ({why})"));
    }
    if let Some((ok, n, why)) = count("allOf")
        && ok != n
    {
        return Err(format!("{at}: fails allOf ({why})"));
    }
    Ok(())
}

fn as_json(toml_text: &str) -> Value {
    let table: toml::Table = toml::from_str(toml_text).expect("valid TOML");
    serde_json::to_value(table).unwrap()
}

#[test]
fn the_builtin_scenarios_satisfy_the_schema() {
    let schema = scenario::schema::json_schema();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let names = scenario::builtin_names();
    assert!(!names.is_empty());
    for name in names {
        let doc = as_json(scenario::builtin(name).unwrap());
        validate(&schema, &schema, &doc, name).unwrap_or_else(|e| panic!("{e}"));
    }
}

#[test]
fn the_schema_refuses_what_serde_refuses() {
    let schema = scenario::schema::json_schema();
    let refused = [
        ("unknown-nested-key", "availabilty: not allowed"),
        ("wrong-type-bare-number", "availability: expected object"),
        ("wrong-type-days", "days: expected integer"),
        ("unknown-top-level-key", "$.erro: not allowed"),
        ("wrong-type-flag", "transfer_when_full: expected boolean"),
        ("several-problems", "availability: matches none of anyOf"),
        ("schedule-value-and-steps", "matches 2 of oneOf"),
    ];
    for (case, why) in refused {
        let text = fs::read_to_string(Path::new(CORPUS).join(format!("{case}.toml"))).unwrap();
        let err = validate(&schema, &schema, &as_json(&text), "$").unwrap_err();
        assert!(err.contains(why), "{case}: {err}");
    }
}

#[test]
fn every_top_level_key_is_described() {
    let schema = scenario::schema::json_schema();
    let props = schema["properties"].as_object().unwrap();
    assert_eq!(props.len(), scenario::spec::ScenarioSpec::KEYS.len());
    for key in scenario::spec::ScenarioSpec::KEYS {
        let d = props[key]["description"].as_str().unwrap_or_default();
        assert!(d.len() > 10, "`{key}` has no description");
    }
}

// ---------------------------------------------------------------------------------------
// Random edits of the built-in scenarios never panic, and every problem is located
// inside the edited file.

const TOKENS: &[&str] = &[
    "=",
    "[",
    "]",
    "{",
    "}",
    "\"",
    ",",
    "\n",
    ".",
    "nan",
    "-inf",
    "-1",
    "1e400",
    "0",
    "1.5",
    "99999999999999999999",
    "true",
    "value",
    "steps",
    "source",
    "assumption = true",
    "range = []",
    "as_of = \"2025-13\"",
    "[[offices]]\n",
    "[[interventions]]\n",
    "name = \"\"",
    "extends = \"baseline-fy2025\"",
    "\u{0}",
    "é",
    "#",
];

fn edit(text: &str, at: usize, delete: usize, insert: &str) -> String {
    let at = at % (text.len() + 1);
    let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    let end = (at + delete).min(text.len());
    let end = (end..=text.len()).find(|i| text.is_char_boundary(*i)).unwrap_or(text.len());
    format!("{}{insert}{}", &text[..at], &text[end..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn edited_builtins_never_panic_and_locate_their_problems(
        which in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<usize>(), 0usize..60, prop::sample::select(TOKENS)), 1..5)
    ) {
        let names = scenario::builtin_names();
        let name = names[which.index(names.len())];
        let mut text = scenario::builtin(name).unwrap().to_owned();
        for (at, delete, insert) in edits {
            text = edit(&text, at, delete, insert);
        }
        if let Err(e) = scenario::load_str(&text, "mutant.toml") {
            prop_assert!(!e.is_empty());
            let lines = text.split('\n').count();
            for d in e.diagnostics.iter().filter(|d| d.path == "mutant.toml") {
                prop_assert!(!d.message.is_empty());
                prop_assert!(d.line >= 1 && d.line <= lines, "{d} (file has {lines} lines)");
            }
        }
    }
}
