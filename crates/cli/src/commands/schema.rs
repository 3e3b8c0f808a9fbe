//! `caseload schema`: the JSON Schema (draft 2020-12) of scenario files, for editors.

use std::io::Write;

use clap::Args;

#[derive(Args)]
pub struct SchemaArgs {}

pub fn run(_: &SchemaArgs) -> anyhow::Result<()> {
    let text = serde_json::to_string_pretty(&scenario::schema::json_schema())?;
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|()| out.flush()) {
        // `caseload schema | head` closes the pipe early: not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
