//! Built-in scenarios: the workspace's `scenarios/*.toml` files, compiled in by `build.rs`
//! so that `extends = "baseline-fy2025"` works wherever the binary runs.

include!(concat!(env!("OUT_DIR"), "/builtins.rs"));

/// The text of the built-in scenario `name` (file name without `.toml`), if there is one.
pub fn builtin(name: &str) -> Option<&'static str> {
    BUILTINS.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

/// Names of all built-in scenarios, sorted.
pub fn builtin_names() -> &'static [&'static str] {
    static NAMES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| BUILTINS.iter().map(|(n, _)| *n).collect())
}

/// A scenario text's `[scenario].extends`, with where it is (1-based line and column of
/// the value), so a front-end that reads no files can refuse a non-built-in parent.
#[derive(Clone, Debug, PartialEq)]
pub struct Extends {
    /// The value as written (a string, or whatever else was given, in TOML syntax).
    pub value: toml::Value,
    /// 1-based line of the value.
    pub line: usize,
    /// 1-based column of the value.
    pub column: usize,
}

impl Extends {
    /// True when the value names a built-in scenario.
    pub fn is_builtin(&self) -> bool {
        self.value.as_str().is_some_and(|s| builtin(s).is_some())
    }
}

/// The `[scenario].extends` of `text`, if it parses and has one.
pub fn extends_of(text: &str) -> Option<Extends> {
    #[derive(serde::Deserialize)]
    struct Head {
        scenario: Option<Section>,
    }
    #[derive(serde::Deserialize)]
    struct Section {
        extends: Option<toml::Spanned<toml::Value>>,
    }
    let head: Head = toml::from_str(text).ok()?;
    let ext = head.scenario?.extends?;
    let before = &text[..ext.span().start.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
    Some(Extends { value: ext.into_inner(), line, column })
}

/// How diagnostics name a built-in's file: its path in the repository.
pub(crate) fn builtin_path(name: &str) -> String {
    format!("scenarios/{name}.toml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_texts_agree() {
        let names = builtin_names();
        assert_eq!(names.len(), BUILTINS.len());
        assert!(names.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
        for name in names {
            assert!(builtin(name).is_some());
        }
        assert!(builtin("no-such-scenario").is_none());
    }

    #[test]
    fn extends_is_found_with_its_place() {
        let e = extends_of("# c\n[scenario]\n  extends = \"baseline-fy2025\"\n").unwrap();
        assert_eq!((e.line, e.column), (3, 13));
        assert!(e.is_builtin());
        let e = extends_of("[scenario]\nextends = \"../x.toml\"\n").unwrap();
        assert!(!e.is_builtin());
        assert_eq!(extends_of("[scenario]\nextends = 3\n").unwrap().value.as_integer(), Some(3));
        assert!(extends_of("[scenario]\nname = \"x\"\n").is_none());
        assert!(extends_of("not toml [").is_none());
    }
}
