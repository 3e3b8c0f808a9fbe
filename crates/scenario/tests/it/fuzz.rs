//! No input makes loading panic: arbitrary text, and random edits of a valid file.

use proptest::prelude::*;

use crate::common::{TempDir, VALID, load};

/// A child scenario touching every merge rule.
const CHILD: &str = "[scenario]\nname = \"c\"\ndescription = \"d\"\nextends = \"base.toml\"\n\
[ero]\navailability = { value = 0.7, assumption = true, range = [0.6, 0.8] }\n\
[[offices]]\nname = \"Chicago\"\nbeds.igsa = { value = 5, assumption = true, range = [0, 9] }\n\
[[sectors]]\nname = \"Detroit\"\nsouthwest = true\n\
[[interventions]]\nkind = \"deploy\"\nat = \"2025-03-01\"\noffices = [\"all\"]\n\
agents = { value = 9, assumption = true, range = [0, 9] }\n\
ramp_days = { value = 1, assumption = true, range = [0, 9] }\n\
arrests_per_agent_day = { value = 0.1, assumption = true, range = [0, 1] }\n";

/// Fragments that tend to reach deep code paths when spliced into a valid file.
const TOKENS: &[&str] = &[
    "=",
    "[",
    "]",
    "{",
    "}",
    "\"",
    ",",
    "\n",
    "nan",
    "inf",
    "-1",
    "1e400",
    "0",
    "-0.0",
    "true",
    "value",
    "steps",
    "range = [[0, 1]]",
    "range = []",
    "assumption = true",
    "source = \"\"",
    "as_of = \"2025-02-30\"",
    "from = \"9999-12-31\"",
    "offices = [\"all\", \"all\"]",
    "[[offices]]\n",
    "[[sectors]]\n",
    "[[interventions]]\n",
    "kind = \"deputize\"",
    "extends = \"nope\"",
    "ero = 5\n",
    "steps = []",
    "days = 4294967295",
    "seed = -1",
    "é",
    "\u{0}",
];

fn edit(text: &str, at: usize, delete: usize, insert: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = at % (chars.len() + 1);
    let end = (at + delete).min(chars.len());
    chars[..at]
        .iter()
        .chain(insert.chars().collect::<Vec<_>>().iter())
        .chain(&chars[end..])
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,400}") {
        let _ = load(&text);
    }

    #[test]
    fn edited_children_never_panic(
        edits in prop::collection::vec((any::<usize>(), 0usize..20, prop::sample::select(TOKENS)), 1..4)
    ) {
        let dir = TempDir::new("fuzz");
        dir.write("base.toml", VALID);
        let mut text = CHILD.to_owned();
        for (at, delete, insert) in edits {
            text = edit(&text, at, delete, insert);
        }
        let origin = dir.path().join("child.toml");
        let _ = scenario::load_str(&text, origin.to_str().unwrap());
    }

    #[test]
    fn edited_valid_files_never_panic(
        edits in prop::collection::vec((any::<usize>(), 0usize..40, prop::sample::select(TOKENS)), 1..6)
    ) {
        let mut text = VALID.to_owned();
        for (at, delete, insert) in edits {
            text = edit(&text, at, delete, insert);
        }
        match load(&text) {
            Ok(l) => prop_assert!(!l.scenario.offices.is_empty()),
            Err(e) => prop_assert!(!e.is_empty() && e.diagnostics.iter().all(|d| !d.message.is_empty())),
        }
    }
}

#[test]
fn the_unedited_child_loads() {
    let dir = TempDir::new("fuzz-child");
    dir.write("base.toml", VALID);
    let origin = dir.path().join("child.toml");
    let l = scenario::load_str(CHILD, origin.to_str().unwrap()).unwrap();
    assert!(l.scenario.sectors[1].southwest);
    assert_eq!(l.scenario.interventions.len(), 3);
}
