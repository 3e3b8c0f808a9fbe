//! Compiles every `scenarios/*.toml` file of the workspace into the library as a built-in
//! scenario, so that the binary needs no data files and a new scenario file becomes a
//! built-in (and is tested as one) without touching this crate's code.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let dir = manifest.join("../../scenarios");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<(String, PathBuf)> = match fs::read_dir(&dir) {
        Ok(read) => read
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .filter_map(|p| Some((p.file_stem()?.to_str()?.to_owned(), p)))
            .collect(),
        Err(_) => Vec::new(),
    };
    entries.sort();
    let mut code = String::from("/// Built-in scenarios: (name, file text), sorted by name.\n");
    code.push_str("pub(crate) static BUILTINS: &[(&str, &str)] = &[\n");
    for (name, path) in &entries {
        let path = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(code, "    ({name:?}, include_str!({:?})),", path_str(&path)).expect("string");
    }
    code.push_str("];\n");
    let out = PathBuf::from(env::var("OUT_DIR").expect("set by cargo")).join("builtins.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}

fn path_str(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}
