//! The files a scenario was read from, laid end to end in one offset space.
//!
//! A scenario that `extends` another is merged from several files, so a value's span must
//! say which file it came from. Each file gets a base offset; spans in the merged tree are
//! global offsets, and [`Files::diagnostic`] turns one back into file:line:column.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use miette::NamedSource;

use crate::diagnostic::Diagnostic;

/// One scenario file's text and where it came from.
pub(crate) struct SourceFile {
    /// Shown in diagnostics.
    pub name: String,
    /// The TOML text.
    pub text: Arc<NamedSource<String>>,
    /// Directory that relative `extends` paths start from (`None` for built-ins).
    pub dir: Option<PathBuf>,
    /// What makes two files the same file, for cycle detection.
    pub identity: String,
    /// Offset of this file's first byte in the global offset space.
    pub base: usize,
    /// Byte offset of each line's start (the first is 0), so that placing a span costs a
    /// binary search, not a scan from the top: a baseline places thousands of spans (every
    /// assumption is kept with its line).
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// The text as a string slice.
    pub fn text(&self) -> &str {
        self.text.inner()
    }

    /// 1-based line and character column of byte `offset` (clamped to the end).
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text().len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let col =
            self.text()[start..].char_indices().take_while(|(i, _)| start + i < offset).count();
        (line, col + 1)
    }
}

/// Byte offsets of the starts of `text`'s lines.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect()
}

/// The files of one load, the loaded file first, then its parent, grandparent…
#[derive(Default)]
pub(crate) struct Files {
    /// In `extends` order.
    pub list: Vec<SourceFile>,
}

impl Files {
    /// Adds a file after the others and returns its index.
    pub fn push(
        &mut self,
        name: String,
        text: String,
        dir: Option<PathBuf>,
        identity: String,
    ) -> usize {
        // One byte of gap so that an end-of-file offset still belongs to its file.
        let base = self.list.last().map_or(0, |f| f.base + f.text().len() + 1);
        let line_starts = line_starts(&text);
        let text = Arc::new(NamedSource::new(&name, text));
        self.list.push(SourceFile { name, text, dir, identity, base, line_starts });
        self.list.len() - 1
    }

    /// True if global offset `offset` lies in the loaded file (the first), not in a file
    /// it extends.
    pub fn in_loaded_file(&self, offset: usize) -> bool {
        self.list.get(1).is_none_or(|parent| offset < parent.base)
    }

    /// The global offset of the first byte of the file holding `offset`.
    pub fn base_of(&self, offset: usize) -> usize {
        self.file_of(offset).map_or(0, |f| f.base)
    }

    /// The file holding global offset `offset`.
    fn file_of(&self, offset: usize) -> Option<&SourceFile> {
        self.list.iter().rev().find(|f| f.base <= offset)
    }

    /// A diagnostic at the global byte range `span`.
    pub fn diagnostic(
        &self,
        span: Range<usize>,
        message: String,
        help: Option<String>,
    ) -> Diagnostic {
        let Some(file) = self.file_of(span.start) else {
            return Diagnostic::unplaced("<scenario>", message, help);
        };
        let start = span.start - file.base;
        let len = span.end.saturating_sub(span.start).min(file.text().len().saturating_sub(start));
        let (line, col) = file.line_col(start);
        Diagnostic {
            path: file.name.clone(),
            line,
            col,
            message,
            help,
            snippet: Some((file.text.clone(), (start, len).into())),
            offset: span.start,
        }
    }
}

/// 1-based line and character column of byte `offset` in `text` (clamped to its end), by
/// scanning: the reference [`SourceFile::line_col`] is tested against.
#[cfg(test)]
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let (mut line, mut col) = (1, 1);
    for (i, c) in text.char_indices() {
        if i >= offset {
            break;
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_index_agrees_with_a_scan() {
        let text = "a = 1\nbé = 2\n\n  x = \"ü\"";
        let mut files = Files::default();
        files.push("a.toml".into(), text.into(), None, "a".into());
        for offset in 0..text.len() + 3 {
            assert_eq!(files.list[0].line_col(offset), line_col(text, offset), "{offset}");
        }
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        // 'é' is two bytes but one column.
        assert_eq!(line_col(text, 9), (2, 3));
        assert_eq!(line_col(text, 1000), (3, 1));
    }

    #[test]
    fn offsets_map_back_to_their_file() {
        let mut files = Files::default();
        files.push("child.toml".into(), "x = 1\n".into(), None, "c".into());
        files.push("parent.toml".into(), "y = 2\nz = 3\n".into(), None, "p".into());
        let base = files.list[1].base;
        assert_eq!(base, 7);
        let d = files.diagnostic(base + 6..base + 7, "m".into(), None);
        assert_eq!((d.path.as_str(), d.line, d.col), ("parent.toml", 2, 1));
        let d = files.diagnostic(4..5, "m".into(), None);
        assert_eq!((d.path.as_str(), d.line, d.col), ("child.toml", 1, 5));
    }

    #[test]
    fn diagnostics_carry_their_snippet_for_miette() {
        use miette::Diagnostic as _;
        let mut files = Files::default();
        files.push("a.toml".into(), "x = 1\n".into(), None, "a".into());
        let d = files.diagnostic(4..5, "bad".into(), Some("fix it".into()));
        assert_eq!(d.help().map(|h| h.to_string()).as_deref(), Some("fix it"));
        let label = d.labels().unwrap().next().unwrap();
        assert_eq!((label.offset(), label.len()), (4, 1));
        assert!(d.source_code().is_some());
    }
}
