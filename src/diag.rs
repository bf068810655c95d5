//! Diagnostics: problems found in the user's files, with the file, the place and a way out.
//!
//! Loading never stops at the first problem: every loader pushes what it finds into a
//! [`Report`], which keeps the source text of each file so that a diagnostic can be shown the
//! way rustc shows one (`--> inputs/apc.toml:14:10`, the line, a caret, a `help:`).

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The project cannot be built until it is fixed.
    Error,
    /// Worth a look; the build goes on.
    Warning,
}

/// One finding in one file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable, kebab-case name for scripts (`unknown-question`).
    pub code: &'static str,
    /// What is wrong, lowercase, naming the user's key or id in backticks.
    pub message: String,
    /// The file, as the user would type it (relative to the project when possible).
    pub file: PathBuf,
    /// The byte range in the file the finding is about, when there is one.
    pub span: Option<Range<usize>>,
    /// A short label under the caret.
    pub label: Option<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A new error about `file`.
    pub fn error(code: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            file: file.into(),
            span: None,
            label: None,
            help: None,
        }
    }

    /// A new warning about `file`.
    pub fn warning(
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    /// Points the diagnostic at a byte range of its file.
    pub fn at(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    /// Adds a label shown under the caret.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// Adds a `help:` line.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A line and column, both counted from 1; the column counts characters, not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// Every finding of one run, with the text of the files they point into.
#[derive(Debug, Default, Clone)]
pub struct Report {
    sources: BTreeMap<PathBuf, Arc<str>>,
    diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Report::default()
    }

    /// Remembers the text of a file so diagnostics about it can quote it.
    pub(crate) fn add_source(&mut self, file: &Path, text: Arc<str>) {
        self.sources.insert(file.to_path_buf(), text);
    }

    /// The text of a file the report has seen.
    pub fn source(&self, file: &Path) -> Option<&str> {
        self.sources.get(file).map(|s| &**s)
    }

    /// Every finding, in the order they were found.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Records a finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// Takes over every finding and source of another report.
    pub fn extend(&mut self, other: Report) {
        self.sources.extend(other.sources);
        self.diagnostics.extend(other.diagnostics);
    }

    /// True when at least one finding is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// True when there is nothing to say.
    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.diagnostics.len() - self.error_count()
    }

    /// The findings, errors first, then by file and place.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self.diagnostics.iter().collect();
        all.sort_by(|a, b| {
            (a.severity, &a.file, a.span.as_ref().map(|s| s.start)).cmp(&(
                b.severity,
                &b.file,
                b.span.as_ref().map(|s| s.start),
            ))
        });
        all
    }

    /// Where a finding starts, as line and column.
    pub fn position(&self, diagnostic: &Diagnostic) -> Option<Position> {
        let span = diagnostic.span.as_ref()?;
        let text = self.sources.get(&diagnostic.file)?;
        Some(position_of(text, span.start))
    }

    /// Renders every finding the way rustc does, coloured or plain, with a count at the end.
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = String::new();
        for d in self.sorted() {
            out.push_str(&self.render_one(&renderer, d));
            out.push_str("\n\n");
        }
        out.push_str(&summary_line(self.error_count(), self.warning_count()));
        out
    }

    fn render_one(&self, renderer: &Renderer, d: &Diagnostic) -> String {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = d.file.display().to_string();
        let mut group =
            annotate_snippets::Group::with_title(level.primary_title(d.message.as_str()));
        match (self.sources.get(&d.file), d.span.clone()) {
            (Some(text), Some(span)) if span.end <= text.len() => {
                // A span at the very end of the file (toml's "unexpected eof") still needs a
                // character to point at.
                let span = if span.is_empty() && span.start == text.len() && span.start > 0 {
                    span.start - 1..span.start
                } else {
                    span
                };
                let span = char_span(text, span);
                let mut annotation = AnnotationKind::Primary.span(span);
                if let Some(label) = &d.label {
                    annotation = annotation.label(label.as_str());
                }
                group = group.element(
                    Snippet::source(&**text)
                        .path(path.as_str())
                        .fold(true)
                        .annotation(annotation),
                );
            }
            _ => {
                group = group.element(annotate_snippets::Origin::path(path.as_str()));
            }
        }
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        renderer.render(&[group]).to_string()
    }
}

/// Widens a byte range to character boundaries (the renderer slices the text with it).
fn char_span(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

fn summary_line(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => "no problems found".to_string(),
        (0, w) => plural(w, "warning"),
        (e, 0) => plural(e, "error"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// Line and column (both from 1, column in characters) of a byte offset.
pub(crate) fn position_of(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Position {
        line,
        column: before[line_start..].chars().count() + 1,
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

/// The closest candidate to a misspelt name, if one is close enough to suggest.
pub(crate) fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let wrong_lower = wrong.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(&wrong_lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(3) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\nnäme = 2\n";
        assert_eq!(position_of(text, 0), Position { line: 1, column: 1 });
        let off = text.find("= 2").unwrap();
        assert_eq!(position_of(text, off), Position { line: 2, column: 6 });
    }

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("q12", ["q1", "q2", "q11"]), Some("q1"));
        assert_eq!(
            did_you_mean("answer", ["answers", "organisation"]),
            Some("answers")
        );
        assert_eq!(did_you_mean("zzzzzz", ["q1", "q2"]), None);
    }

    #[test]
    fn renders_like_rustc() {
        let mut report = Report::new();
        let file = Path::new("inputs/apc.toml");
        report.add_source(file, Arc::from("[answers.q12]\ntext = \"x\"\n"));
        report.push(
            Diagnostic::error("unknown-question", file, "unknown question id `q12`")
                .at(Some(9..12))
                .help("did you mean `q1`?"),
        );
        let out = report.render(false);
        assert!(out.contains("error: unknown question id `q12`"), "{out}");
        assert!(out.contains("--> inputs/apc.toml:1:10"), "{out}");
        assert!(out.contains("help: did you mean `q1`?"), "{out}");
        assert!(out.ends_with("1 error"), "{out}");
    }
}
