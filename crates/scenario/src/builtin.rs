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
}
