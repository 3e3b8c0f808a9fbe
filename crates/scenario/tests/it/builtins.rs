//! Every built-in scenario loads: the scenarios double as tests.

use crate::common::{TempDir, edit_in};

#[test]
fn every_builtin_loads() {
    for name in scenario::builtin_names() {
        let l = match scenario::load_builtin(name) {
            Ok(l) => l,
            Err(e) => panic!("built-in scenario {name} does not load:\n{e}"),
        };
        assert_eq!(&l.scenario.name, name);
        assert!(!l.scenario.offices.is_empty() && !l.sources.is_empty());
        assert!(l.files[0].ends_with(&format!("scenarios/{name}.toml")));
        assert!(scenario::resolve(name).is_ok());
    }
}

/// Built-ins are loaded once per process and then cloned: a second load (a cached one)
/// equals a load done from the text, scenario, sources and files alike.
#[test]
fn a_cached_builtin_equals_a_fresh_load() {
    for name in ["baseline-fy2025", "forecast-fy2026"] {
        let (first, second) =
            (scenario::load_builtin(name).unwrap(), scenario::load_builtin(name).unwrap());
        let text = scenario::builtin(name).unwrap();
        let fresh = scenario::load_str(text, &format!("scenarios/{name}.toml")).unwrap();
        let json = |l: &scenario::Loaded| serde_json::to_string(&l.scenario).unwrap();
        assert_eq!(json(&first), json(&fresh), "{name}");
        assert_eq!(json(&second), json(&fresh), "{name}");
        assert_eq!(second.sources, fresh.sources, "{name}");
        assert_eq!(second.files, first.files, "{name}");
    }
}

#[test]
fn a_file_can_extend_a_builtin() {
    let Some(name) = scenario::builtin_names().first() else { return };
    let base = scenario::load_builtin(name).unwrap().scenario;
    let dir = TempDir::new("builtin");
    let text = format!(
        "[scenario]\nname = \"what-if\"\ndescription = \"What if?\"\nextends = \"{name}\"\nreplications = 3\n"
    );
    let p = dir.write("what-if.toml", &text);
    let l = scenario::load(&p).unwrap();
    assert_eq!((l.scenario.name.as_str(), l.scenario.replications), ("what-if", 3));
    assert_eq!(l.scenario.offices.len(), base.offices.len());
    assert_eq!(l.files[1], format!("scenarios/{name}.toml"));
    // A typo in an office the child changes is caught against the built-in's offices.
    let office = &base.offices[0].name;
    let bad = edit_in(&text, "replications = 3\n", &format!("[[offices]]\nname = \"{office}x\"\n"));
    let err = scenario::load(&dir.write("bad.toml", &bad)).unwrap_err();
    assert_eq!(
        err.diagnostics[0].help.as_deref(),
        Some(format!("did you mean \"{office}\"?").as_str())
    );
}
