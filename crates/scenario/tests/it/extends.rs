//! `extends`: merging over a parent file, errors located in the right file, cycles.

use model::Date;

use crate::common::{TempDir, VALID, check, edit_in, pos};

const CHILD: &str = r#"[scenario]
name = "child"
description = "What if availability were higher and Chicago had more officers?"
extends = "base.toml"
replications = 2

[ero]
availability = { value = 0.7, assumption = true, range = [0.6, 0.8] }

[[offices]]
name = "Chicago"
officers = { value = 300, assumption = true, range = [250, 350] }

[[interventions]]
kind = "deploy"
at = "2025-03-01"
agents = { value = 100, assumption = true, range = [50, 200] }
offices = ["San Antonio"]
ramp_days = { value = 7, assumption = true, range = [1, 14] }
arrests_per_agent_day = { value = 0.1, assumption = true, range = [0.01, 0.2] }
"#;

#[test]
fn child_values_win_and_the_rest_is_inherited() {
    let dir = TempDir::new("merge");
    dir.write("base.toml", VALID);
    let child = dir.write("child.toml", CHILD);
    let l = scenario::load(&child).unwrap();
    let s = &l.scenario;
    assert_eq!((s.name.as_str(), s.replications, s.days), ("child", 2, 365));
    assert_eq!(s.ero.availability, 0.7);
    assert_eq!(s.ero.cost_per_officer_day, 1200.0);
    let chicago = &s.offices[0];
    assert_eq!(chicago.officers.at(Date::parse("2025-01-01").unwrap()), 300.0);
    // Keys the child did not give come from the parent's entry.
    assert_eq!(chicago.jail_supply_per_day.at(Date::parse("2025-01-01").unwrap()), 9.5);
    assert_eq!(s.offices.len(), 3);
    // Appended, then sorted by date: deputize (Feb), child's deploy (Mar), parent's deploy (Jun).
    let ats: Vec<String> = s.interventions.iter().map(|i| i.at.to_string()).collect();
    assert_eq!(ats, ["2025-02-01", "2025-03-01", "2025-06-07"]);
    // The sources list the child's assumption in place of the parent's citation.
    let a = l.sources.iter().find(|e| e.parameter == "ero.availability").unwrap();
    assert!(a.is_assumption() && a.value == "0.7");
    assert_eq!(l.files.len(), 2);
    assert!(l.files[1].ends_with("base.toml"));
}

#[test]
fn errors_point_into_the_file_that_has_them() {
    let dir = TempDir::new("where");
    let base = edit_in(VALID, "officers = { value = 300,", "officers = { value = -5,");
    dir.write("base.toml", &base);
    let child = edit_in(CHILD, "range = [0.6, 0.8]", "range = [0.8, 0.9]");
    let child_path = dir.write("child.toml", &child);
    let err = scenario::load(&child_path).unwrap_err();
    assert_eq!(err.len(), 2, "{err}");
    let (c, b) = (&err.diagnostics[0], &err.diagnostics[1]);
    assert!(c.path.ends_with("child.toml") && b.path.ends_with("base.toml"), "{err}");
    check(c, "`ero.availability` = 0.7 is outside its range [0.8, 0.9]", pos(&child, "0.7"), None);
    check(b, "`offices[Houston].officers` = -5 is negative", pos(&base, "-5"), None);
}

#[test]
fn a_child_office_must_exist_in_the_parent() {
    let dir = TempDir::new("names");
    dir.write("base.toml", VALID);
    let child = edit_in(CHILD, "name = \"Chicago\"", "name = \"Chicgo\"");
    let p = dir.write("child.toml", &child);
    let err = scenario::load(&p).unwrap_err();
    let d = &err.diagnostics[0];
    check(
        d,
        "office \"Chicgo\" is not in the scenario this one extends",
        pos(&child, "\"Chicgo\""),
        Some("did you mean \"Chicago\"?"),
    );
}

#[test]
fn a_child_names_and_describes_itself() {
    let dir = TempDir::new("name");
    dir.write("base.toml", VALID);
    let child = edit_in(CHILD, "name = \"child\"\n", "");
    let p = dir.write("child.toml", &child);
    let err = scenario::load(&p).unwrap_err();
    assert_eq!(err.len(), 1, "{err}");
    check(&err.diagnostics[0], "missing `name` in [scenario]", pos(&child, "[scenario]"), None);
}

#[test]
fn cycles_are_refused_with_the_chain() {
    let dir = TempDir::new("cycle");
    let a = dir.write("a.toml", "[scenario]\nname = \"a\"\nextends = \"b.toml\"\n");
    dir.write("b.toml", "[scenario]\nname = \"b\"\nextends = \"a.toml\"\n");
    let err = scenario::load(&a).unwrap_err();
    assert_eq!(err.len(), 1, "{err}");
    let d = &err.diagnostics[0];
    assert!(d.path.ends_with("b.toml"));
    assert_eq!((d.line, d.col), (3, 11));
    let chain: Vec<&str> =
        d.message.trim_start_matches("scenario extends itself: ").split(" → ").collect();
    assert_eq!(chain.len(), 3, "{d}");
    assert!(
        chain[0].ends_with("a.toml")
            && chain[1].ends_with("b.toml")
            && chain[2].ends_with("a.toml"),
        "{d}"
    );
    // Directly.
    let s = dir.write("self.toml", "[scenario]\nextends = \"self.toml\"\n");
    let err = scenario::load(&s).unwrap_err();
    assert!(err.diagnostics[0].message.starts_with("scenario extends itself: "), "{err}");
}

#[test]
fn missing_parent_is_reported_at_extends() {
    let dir = TempDir::new("missing");
    let p = dir.write("child.toml", CHILD);
    let err = scenario::load(&p).unwrap_err();
    assert_eq!(err.len(), 1);
    let d = &err.diagnostics[0];
    assert!(d.message.starts_with("cannot read \""), "{d}");
    assert_eq!((d.line, d.col), pos(CHILD, "\"base.toml\""));
    assert!(d.help.as_deref().unwrap().starts_with("`extends` takes a built-in scenario"));
}

#[test]
fn resolve_takes_paths_and_explains_unknown_names() {
    let dir = TempDir::new("resolve");
    let p = dir.write("base.toml", VALID);
    assert!(scenario::resolve(p.to_str().unwrap()).is_ok());
    let err = scenario::resolve("no-such-scenario").unwrap_err();
    let d = &err.diagnostics[0];
    assert_eq!(d.message, "no built-in scenario or file named \"no-such-scenario\"");
    assert!(d.help.is_some());
    assert!(scenario::load(&dir.path().join("absent.toml")).is_err());
    assert!(scenario::load_builtin("no-such-scenario").is_err());
}
