//! Serde decoding that reports every unknown key and wrong type, not just the first.
//!
//! Serde stops at the first error in a struct. To report them all, a table that fails to
//! decode has the offending entry removed (the whole sourced number or schedule, if the
//! fault is inside one) and is decoded again; the removed key is remembered so that the
//! validator does not also call it missing.

use std::ops::Range;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use crate::names::closest;
use crate::validate::Checker;

/// Enough for any real file; bounds the work on adversarial input.
const MAX_ATTEMPTS: usize = 64;

impl Checker<'_> {
    /// Decodes `value` into `T`, reporting every serde error; `None` only if nothing
    /// usable is left.
    pub(crate) fn decode<T: DeserializeOwned>(
        &mut self,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<Spanned<T>> {
        let mut v = value.clone();
        for _ in 0..MAX_ATTEMPTS {
            let err = match Spanned::<T>::deserialize(ValueDeserializer::from(v.clone())) {
                Ok(t) => return Some(t),
                Err(e) => e,
            };
            let span = err.span().unwrap_or_else(|| v.span());
            let message = err.message().trim_end().to_owned();
            let suggested = misspelt(&message).map(|(u, s)| (u.to_owned(), s.to_owned()));
            let start = v.span().start;
            let found = match v.get_mut() {
                DeValue::Table(t) => remove_at(t, start, &span),
                _ => None,
            };
            let key = match &found {
                Some(Found::Removed(_, k)) => Some(k.as_str()),
                _ => None,
            };
            match whole_number(&message, key) {
                Some((message, help)) => self.error(span.clone(), message, Some(help)),
                None => {
                    let help = serde_help(&message);
                    self.error(span.clone(), message, help);
                }
            }
            match found {
                Some(Found::Removed(table, key)) => {
                    // `availabilty` reported as unknown, with its suggestion: the missing
                    // `availability` is the same problem.
                    if let Some((_, s)) = suggested.filter(|(u, _)| *u == key) {
                        self.poison(table, s);
                    }
                    self.poison(table, key);
                }
                _ => return None,
            }
        }
        None
    }
}

/// What [`remove_at`] did.
enum Found {
    /// Removed `key` from the table starting at this offset.
    Removed(usize, String),
    /// The fault is inside this table, a sourced number or schedule: remove it whole.
    RemoveMe,
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Removes the entry of `table` (at any depth) at fault for an error at `err`.
fn remove_at(table: &mut DeTable<'_>, start: usize, err: &Range<usize>) -> Option<Found> {
    let is_leaf = table.contains_key("value") || table.contains_key("steps");
    let mut hit = None;
    for (k, v) in table.iter_mut() {
        let at = v.span().start;
        let inner = match v.get_mut() {
            DeValue::Table(t) => remove_at(t, at, err),
            DeValue::Array(a) => a.iter_mut().find_map(|e| {
                let at = e.span().start;
                match e.get_mut() {
                    DeValue::Table(t) => remove_at(t, at, err),
                    _ => None,
                }
            }),
            _ => None,
        };
        match inner {
            Some(Found::Removed(..)) => return inner,
            Some(Found::RemoveMe) => {
                hit = Some(k.get_ref().to_string());
                break;
            }
            None => {}
        }
    }
    if hit.is_none() {
        hit = table
            .iter()
            .find(|(k, v)| k.span() == *err || contains(&v.span(), err))
            .map(|(k, _)| k.get_ref().to_string());
    }
    let key = hit?;
    if is_leaf {
        return Some(Found::RemoveMe);
    }
    table.remove(key.as_str());
    Some(Found::Removed(start, key))
}

/// For serde's "unknown field `x`, expected one of `a`, `b`": `x` and the expected key it
/// is probably a misspelling of.
fn misspelt(message: &str) -> Option<(&str, &str)> {
    if !message.starts_with("unknown field") {
        return None;
    }
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let (unknown, expected) = quoted.split_first()?;
    Some((unknown, closest(unknown, expected.iter().copied())?))
}

/// Serde's message for a bad whole-number setting (``invalid value: integer `-1`, expected
/// u32``) in plain words, naming `key` and, as help, the values it allows: users write TOML,
/// not Rust types.
fn whole_number(message: &str, key: Option<&str>) -> Option<(String, String)> {
    let (found, ty) = message.rsplit_once(", expected ")?;
    let max = match ty {
        "u32" => u64::from(u32::MAX),
        "u64" => u64::MAX,
        _ => return None,
    };
    let found =
        found.strip_prefix("invalid type: ").or_else(|| found.strip_prefix("invalid value: "))?;
    let what = key.map_or_else(|| "the value".to_owned(), |k| format!("`{k}`"));
    let integer = found.strip_prefix("integer `").and_then(|r| r.split('`').next());
    let message = match integer {
        Some(n) if n.starts_with('-') => format!("{what} = {n} is negative"),
        Some(n) => format!("{what} = {n} is too large"),
        None => {
            let found = match found.strip_prefix("floating point ") {
                Some(x) => x.replace('`', ""),
                None => format!("a {found}"),
            };
            format!("{what} must be a whole number, not {found}")
        }
    };
    let range = key.and_then(crate::validate::whole_range).unwrap_or_else(|| format!("0..={max}"));
    Some((message, format!("write a whole number in {range}")))
}

/// Help for serde's messages: a suggestion for a misspelt key, the shape of a number.
pub(crate) fn serde_help(message: &str) -> Option<String> {
    if message.starts_with("unknown field") {
        return misspelt(message).map(|(_, c)| format!("did you mean \"{c}\"?"));
    }
    if message.contains("expected a number with its evidence") {
        return Some(
            "every model number is a table: `{ value = 0.62, source = \"…\", as_of = \"2025-09\" }` \
             or `{ value = 0.62, assumption = true, range = [0.5, 0.75] }`"
                .into(),
        );
    }
    if message.ends_with("expected a string") {
        return Some("quote it: names and dates are strings, e.g. \"2025-10-01\"".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> DeTable<'_> {
        DeTable::parse(text).unwrap().into_inner()
    }

    #[test]
    fn faults_inside_a_number_remove_the_whole_number() {
        let text = "a = { value = \"x\", source = \"s\" }\nb = 1";
        let mut t = table(text);
        let err = 14..17; // "x"
        assert_eq!(&text[err.clone()], "\"x\"");
        assert!(matches!(remove_at(&mut t, 0, &err), Some(Found::Removed(0, k)) if k == "a"));
        assert!(t.contains_key("b") && !t.contains_key("a"));
    }

    #[test]
    fn unknown_keys_are_removed_by_their_key_span() {
        let text = "[ero]\nx = 1\n[ero.pool]\nbogus = 2\n";
        let mut t = table(text);
        let at = text.find("bogus").unwrap();
        let found = remove_at(&mut t, 0, &(at..at + 5));
        assert!(matches!(found, Some(Found::Removed(_, k)) if k == "bogus"));
    }

    #[test]
    fn helps_name_the_likely_key() {
        let m = "unknown field `availabilty`, expected one of `availability`, `at_large_share`";
        assert_eq!(serde_help(m).as_deref(), Some("did you mean \"availability\"?"));
        assert!(
            serde_help(
                "invalid type: floating point `0.5`, expected a number with its evidence: …"
            )
            .is_some()
        );
        assert_eq!(serde_help("invalid type: integer `3`, expected u32"), None);
    }

    #[test]
    fn whole_numbers_are_described_in_plain_words() {
        let big = "invalid type: integer `99999999999999999999` as i128, expected u32";
        let (m, h) = whole_number(big, Some("days")).unwrap();
        assert_eq!(m, "`days` = 99999999999999999999 is too large");
        assert_eq!(h, "write a whole number in 1..=3660");
        let (m, h) =
            whole_number("invalid value: integer `-1`, expected u64", Some("seed")).unwrap();
        assert_eq!(
            (m.as_str(), h.as_str()),
            ("`seed` = -1 is negative", "write a whole number in 0..=18446744073709551615")
        );
        let (m, _) = whole_number("invalid type: string \"365\", expected u32", None).unwrap();
        assert_eq!(m, "the value must be a whole number, not a string \"365\"");
        let (m, _) =
            whole_number("invalid type: floating point `1.5`, expected u32", None).unwrap();
        assert_eq!(m, "the value must be a whole number, not 1.5");
        assert_eq!(whole_number("invalid type: integer `3`, expected a string", None), None);
    }
}
