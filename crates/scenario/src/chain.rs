//! Following `extends` from the loaded file up to the scenario that extends nothing,
//! reading each file once and refusing cycles.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

use crate::builtin::{builtin, builtin_names, builtin_path};
use crate::diagnostic::Diagnostic;
use crate::files::Files;
use crate::names::list;

/// Longest `extends` chain followed; deeper is surely a mistake.
const MAX_DEPTH: usize = 16;
/// Largest scenario file read (guards against pointing `extends` at something huge).
const MAX_BYTES: u64 = 4 << 20;

/// Reads a scenario file: a regular file of UTF-8 text, at most 4 MiB.
pub(crate) fn read_file(path: &Path) -> Result<String, String> {
    let meta = fs::metadata(path).map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    let mut text = String::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_BYTES + 1).read_to_string(&mut text))
        .map_err(|e| e.to_string())?;
    if text.len() as u64 > MAX_BYTES {
        return Err(format!("larger than {} MiB", MAX_BYTES >> 20));
    }
    Ok(text)
}

/// Help text naming what `extends` accepts.
pub(crate) fn extends_help() -> String {
    format!(
        "`extends` takes a built-in scenario ({}) or a path relative to the extending file",
        list(builtin_names().iter().copied())
    )
}

/// Starting from `files.list[0]`, parses each file, checks it is not empty, and pushes the
/// file it extends. Stops at the first file that cannot be read or parsed.
pub(crate) fn follow(files: &mut Files, diags: &mut Vec<Diagnostic>) {
    let mut i = 0;
    while i < files.list.len() {
        let file = &files.list[i];
        let base = file.base;
        let root = match DeTable::parse(file.text()) {
            Ok(root) => root,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let msg = format!("invalid TOML: {}", e.message().trim_end());
                diags.push(files.diagnostic(span.start + base..span.end + base, msg, None));
                return;
            }
        };
        if root.get_ref().is_empty() {
            diags.push(files.diagnostic(
                base..base,
                "empty scenario file".into(),
                Some(format!(
                    "a scenario needs a [scenario] table (name, description, start, days, warmup_days, \
                     replications, seed) and the model tables, or `extends` one of: {}",
                    list(builtin_names().iter().copied())
                )),
            ));
            return;
        }
        let Some((target, span)) = extends_of(root.get_ref()) else { return };
        let span = span.start + base..span.end + base;
        let Some(target) = target else {
            let help = Some(extends_help());
            diags.push(files.diagnostic(span, "`extends` must be a string".into(), help));
            return;
        };
        let (name, text, dir, identity) = match locate(&target, file.dir.as_deref()) {
            Ok(found) => found,
            Err(why) => {
                diags.push(files.diagnostic(span, why, Some(extends_help())));
                return;
            }
        };
        if let Some(_first) = files.list.iter().position(|f| f.identity == identity) {
            let mut chain: Vec<&str> = files.list.iter().map(|f| f.name.as_str()).collect();
            chain.push(&name);
            diags.push(files.diagnostic(
                span,
                format!("scenario extends itself: {}", chain.join(" → ")),
                Some("a scenario may not extend itself, directly or through others; remove one `extends`".into()),
            ));
            return;
        }
        if files.list.len() >= MAX_DEPTH {
            let msg = format!("`extends` chain is longer than {MAX_DEPTH} files");
            diags.push(files.diagnostic(span, msg, None));
            return;
        }
        files.push(name, text, dir, identity);
        i += 1;
    }
}

/// `[scenario] extends`: `Some((Some(name), span))` if a string, `Some((None, span))` if
/// another type, `None` if absent.
fn extends_of(root: &DeTable<'_>) -> Option<(Option<String>, std::ops::Range<usize>)> {
    let DeValue::Table(scenario) = root.get("scenario")?.get_ref() else { return None };
    let value = scenario.get("extends")?;
    Some((value.get_ref().as_str().map(str::to_owned), value.span()))
}

/// Finds the file `target` names: a built-in, else a path relative to `dir`.
/// Returns (display name, text, directory, identity).
type Found = (String, String, Option<PathBuf>, String);
fn locate(target: &str, dir: Option<&Path>) -> Result<Found, String> {
    if let Some(text) = builtin(target) {
        return Ok((builtin_path(target), text.to_owned(), None, format!("builtin:{target}")));
    }
    let Some(dir) = dir else {
        return Err(format!(
            "unknown built-in scenario \"{target}\" (built-ins extend only built-ins)"
        ));
    };
    let path = dir.join(target);
    let text = read_file(&path).map_err(|e| format!("cannot read \"{}\": {e}", path.display()))?;
    let identity = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
    let parent = path.parent().map(Path::to_path_buf);
    Ok((path.display().to_string(), text, parent, identity.display().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (Files, Vec<Diagnostic>) {
        let mut files = Files::default();
        files.push("t.toml".into(), text.into(), None, "t".into());
        let mut diags = Vec::new();
        follow(&mut files, &mut diags);
        (files, diags)
    }

    #[test]
    fn syntax_errors_and_empty_files_stop_the_chain() {
        let (_, d) = one("a = \n");
        assert_eq!(d.len(), 1);
        assert!(d[0].message.starts_with("invalid TOML"), "{}", d[0].message);
        let (_, d) = one("# only a comment\n");
        assert_eq!(d[0].message, "empty scenario file");
        assert_eq!((d[0].line, d[0].col), (1, 1));
    }

    #[test]
    fn extends_must_name_something_readable() {
        let (_, d) = one("[scenario]\nextends = 3\n");
        assert_eq!(d[0].message, "`extends` must be a string");
        assert_eq!((d[0].line, d[0].col), (2, 11));
        // A file with no directory (like a built-in) can only extend built-ins.
        let (_, d) = one("[scenario]\nextends = \"nope\"\n");
        assert!(d[0].message.contains("unknown built-in scenario \"nope\""), "{}", d[0].message);
    }

    #[test]
    fn reading_refuses_directories() {
        assert_eq!(read_file(&std::env::temp_dir()).unwrap_err(), "not a regular file");
    }
}
