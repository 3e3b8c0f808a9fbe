//! The calibrated scenario file: a TOML that `extends` the original and sets each fitted
//! number, with its provenance as the `source`, the fit window as `as_of`, and its range.

use std::fmt::Write as _;

use super::Assignment;

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

/// The TOML text. Plain paths (`ero.availability`) become dotted keys at the top level;
/// `offices[X]…` and `sectors[X]…` become `[[offices]]` entries with `name = "X"`, which
/// `extends` merges by name.
pub fn calibrated_toml(p: &Provenance<'_>, fitted: &[Assignment]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Written by `caseload calibrate` on {}: {} fitted numbers.",
        p.date,
        fitted.len()
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
            fitted.len(),
            p.window
        ))
    );
    let _ = writeln!(out, "scenario.extends = {}", quote(p.extends));
    let source = format!(
        "fitted by caseload calibrate against {} {} of {} on {}",
        p.series, p.window, p.targets, p.date
    );
    let leaf = |a: &Assignment| {
        format!(
            "{{ value = {}, source = {}, as_of = {}, range = [{}, {}], note = {} }}",
            a.value,
            quote(&source),
            quote(p.last_month),
            a.range[0],
            a.range[1],
            quote(&format!("was {} (assumption) before the fit", a.before))
        )
    };
    let mut entries: Vec<(&str, &str, String, &Assignment)> = Vec::new();
    for a in fitted {
        match split_entry(&a.path) {
            Some((table, name, rest)) => entries.push((table, name, rest.to_owned(), a)),
            None => {
                let _ = writeln!(out, "{} = {}", dotted(&a.path), leaf(a));
            }
        }
    }
    for (table, name, rest, a) in entries {
        let _ =
            writeln!(out, "\n[[{table}]]\nname = {}\n{} = {}", quote(name), dotted(&rest), leaf(a));
    }
    out
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
