//! The numbers a lever assumes besides its own value — how long new beds take to open,
//! how long the academy lasts, what a detailed agent arrests — as data
//! (`lever_assumptions.toml`), each with its range and a note. The dashboard's levers
//! (`crates/server`) write them into the interventions they build; `caseload allocate`
//! (`study::allocate`) takes its lead times from them, so the two agree.
//!
//! ```
//! let academy = scenario::levers::assumption("officers_hired", "academy_days").unwrap();
//! assert!(academy.range[0] <= academy.value && academy.value <= academy.range[1]);
//! ```

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// One assumed number: a scenario number table (`{ value, assumption = true, range, note }`).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Assumed {
    /// The value.
    pub value: f64,
    /// Always true: these numbers are assumptions.
    #[serde(default = "yes")]
    pub assumption: bool,
    /// Its plausible range.
    pub range: [f64; 2],
    /// Why this value and range.
    pub note: String,
}

fn yes() -> bool {
    true
}

/// The assumptions by lever key and field name.
pub type Assumptions = BTreeMap<String, BTreeMap<String, Assumed>>;

/// `lever_assumptions.toml`, parsed once (a test checks that it parses and that every
/// value lies in its range).
pub fn assumptions() -> &'static Assumptions {
    static PARSED: OnceLock<Assumptions> = OnceLock::new();
    PARSED.get_or_init(|| {
        toml::from_str(include_str!("lever_assumptions.toml"))
            .expect("lever_assumptions.toml parses (checked by a test)")
    })
}

/// The assumption `field` of lever `lever`, if there is one.
pub fn assumption(lever: &str, field: &str) -> Option<&'static Assumed> {
    assumptions().get(lever)?.get(field)
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_assumption_parses_and_lies_in_its_range() {
        let all = super::assumptions();
        assert!(all.len() >= 4);
        for (lever, fields) in all {
            for (name, a) in fields {
                assert!(a.assumption, "{lever}.{name}");
                assert!(a.range[0] <= a.value && a.value <= a.range[1], "{lever}.{name}");
                assert!(!a.note.is_empty(), "{lever}.{name} has a note");
            }
        }
    }
}
