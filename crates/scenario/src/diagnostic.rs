//! What goes wrong in a scenario, and where: one [`Diagnostic`] per problem, gathered into a
//! [`ScenarioError`] so that a user fixes every problem in one pass instead of one per run.

use std::fmt;
use std::sync::Arc;

use miette::{LabeledSpan, NamedSource, SourceCode, SourceSpan};

/// One problem in a scenario file.
///
/// Displays as
/// ```text
/// error: unknown office "Chigaco"
///   --> scenarios/what-if.toml:12:12
///    = help: did you mean "Chicago"?
/// ```
#[derive(Clone, Debug)]
pub struct Diagnostic {
    /// The file, as the user named it (a built-in shows as `scenarios/<name>.toml`).
    pub path: String,
    /// 1-based line; 0 when the problem has no position (e.g. a file that cannot be read).
    pub line: usize,
    /// 1-based column in characters; 0 when the problem has no position.
    pub col: usize,
    /// What is wrong: the rule broken and, where it applies, the allowed values.
    pub message: String,
    /// How to fix it, when there is something more specific to say than the message.
    pub help: Option<String>,
    /// The file's text and the byte range at fault, for renderers such as miette's.
    pub(crate) snippet: Option<(Arc<NamedSource<String>>, SourceSpan)>,
    /// Global offset (see `files`), to list problems in file order.
    pub(crate) offset: usize,
}

impl Diagnostic {
    /// A problem that has no position in a file (unreadable file, unknown built-in).
    pub(crate) fn unplaced(path: &str, message: String, help: Option<String>) -> Diagnostic {
        Diagnostic {
            path: path.to_owned(),
            line: 0,
            col: 0,
            message,
            help,
            snippet: None,
            offset: 0,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        if self.line == 0 {
            write!(f, "  --> {}", self.path)?;
        } else {
            write!(f, "  --> {}:{}:{}", self.path, self.line, self.col)?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n   = help: {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostic {}

impl miette::Diagnostic for Diagnostic {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.snippet.as_ref().map(|(source, _)| &**source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (_, span) = self.snippet.as_ref()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(None, *span))))
    }
}

/// Every problem found while loading a scenario, in file order.
///
/// `Display` prints each [`Diagnostic`] in turn, separated by blank lines. For miette's
/// graphical output, render each of [`ScenarioError::diagnostics`] (they implement
/// `miette::Diagnostic`, with the offending text underlined).
#[derive(Clone, Debug)]
pub struct ScenarioError {
    /// The problems, never empty.
    pub diagnostics: Vec<Diagnostic>,
}

impl ScenarioError {
    /// Number of problems.
    pub fn len(&self) -> usize {
        self.diagnostics.len()
    }

    /// Always false: an error holds at least one problem.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\n")?;
            }
            d.fmt(f)?;
        }
        Ok(())
    }
}

impl std::error::Error for ScenarioError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(line: usize, help: Option<&str>) -> Diagnostic {
        Diagnostic {
            path: "scenarios/what-if.toml".into(),
            line,
            col: if line == 0 { 0 } else { 12 },
            message: "unknown office \"Chigaco\"".into(),
            help: help.map(str::to_owned),
            snippet: None,
            offset: 0,
        }
    }

    #[test]
    fn displays_like_the_format_doc() {
        let d = diag(12, Some("did you mean \"Chicago\"?"));
        assert_eq!(
            d.to_string(),
            "error: unknown office \"Chigaco\"\n  --> scenarios/what-if.toml:12:12\n   = help: did you mean \"Chicago\"?"
        );
        assert_eq!(
            diag(0, None).to_string(),
            "error: unknown office \"Chigaco\"\n  --> scenarios/what-if.toml"
        );
    }

    #[test]
    fn error_lists_all_problems() {
        let e = ScenarioError { diagnostics: vec![diag(1, None), diag(2, None)] };
        assert_eq!(e.len(), 2);
        assert_eq!(e.to_string().matches("error: ").count(), 2);
        assert!(e.to_string().contains(":1:12\n\nerror"));
    }
}
