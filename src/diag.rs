//! Diagnostics: problems found in the user's files, with the file, the place and a way out.
//!
//! Loading never stops at the first problem: every loader pushes what it finds into a
//! [`Report`], which keeps the source text of each file so that a diagnostic can be shown the
//! way rustc shows one (`--> inputs/apc.toml:14:10`, the line, a caret, a `help:`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

/// Text safe to print on a terminal: control characters other than line breaks and tabs, and
/// the invisible marks that reorder text (bidirectional overrides and isolates), shown as
/// `\u{1b}`. Text from a file can then neither move the cursor, retitle the window, clear the
/// screen nor disguise itself.
pub(crate) fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.contains(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match hidden(c) {
            true => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            false => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// The characters [`terminal_safe`] shows instead of printing.
fn hidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A file's text as a diagnostic quotes it: each hidden character (see [`terminal_safe`]) as
/// one visible one, its control picture (␛) or �, so that lines and columns stay the file's;
/// the carriage returns of Windows line endings are kept.
fn shown_source(text: &str) -> Cow<'_, str> {
    if !text.contains(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        let picture = match u32::from(c) {
            _ if !hidden(c) || text[i..].starts_with("\r\n") => c,
            n @ 0..=0x1f => char::from_u32(0x2400 + n).unwrap_or('\u{fffd}'),
            0x7f => '\u{2421}',
            _ => '\u{fffd}',
        };
        out.push(picture);
    }
    Cow::Owned(out)
}

/// Where byte `offset` of `text` lands in [`shown_source`]`(text)`.
fn shown_offset(text: &str, offset: usize) -> usize {
    match shown_source(text) {
        Cow::Borrowed(_) => offset,
        Cow::Owned(_) => shown_source(&text[..offset]).len(),
    }
}

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The project cannot be built until it is fixed.
    Error,
    /// Worth a look; the build goes on.
    Warning,
    /// For information: nothing to fix.
    Note,
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

    /// A note: for information, nothing to fix.
    pub fn note(code: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
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
        self.count(Severity::Warning)
    }

    /// Number of notes.
    pub fn note_count(&self) -> usize {
        self.count(Severity::Note)
    }

    fn count(&self, severity: Severity) -> usize {
        (self.diagnostics.iter())
            .filter(|d| d.severity == severity)
            .count()
    }

    /// The findings, errors first, then by file and place, in natural order: `org2.toml`
    /// before `org10.toml`, a finding about `q2` before one about `q10`.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self.diagnostics.iter().collect();
        all.sort_by(|a, b| {
            a.severity
                .cmp(&b.severity)
                .then_with(|| natural_cmp(&a.file.to_string_lossy(), &b.file.to_string_lossy()))
                .then_with(|| {
                    (a.span.as_ref().map(|s| s.start)).cmp(&b.span.as_ref().map(|s| s.start))
                })
                .then_with(|| natural_cmp(&a.message, &b.message))
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
        out.push_str(&summary_line(
            self.error_count(),
            self.warning_count(),
            self.note_count(),
        ));
        out
    }

    fn render_one(&self, renderer: &Renderer, d: &Diagnostic) -> String {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        // Everything shown may come from the user's files: see `terminal_safe`.
        let path = terminal_safe(&d.file.display().to_string()).into_owned();
        let message = terminal_safe(&d.message);
        let label = d.label.as_deref().map(terminal_safe);
        let help = d.help.as_deref().map(terminal_safe);
        let source = self.sources.get(&d.file);
        let shown = source.map(|text| shown_source(text));
        let mut group = annotate_snippets::Group::with_title(level.primary_title(&*message));
        match (source, &shown, d.span.clone()) {
            (Some(text), Some(shown), Some(span)) if span.end <= text.len() => {
                // A span at the very end of the file (toml's "unexpected eof") still needs a
                // character to point at.
                let span = if span.is_empty() && span.start == text.len() && span.start > 0 {
                    span.start - 1..span.start
                } else {
                    span
                };
                let span = char_span(text, span);
                let span = shown_offset(text, span.start)..shown_offset(text, span.end);
                let mut annotation = AnnotationKind::Primary.span(span);
                if let Some(label) = &label {
                    annotation = annotation.label(&**label);
                }
                group = group.element(
                    Snippet::source(&**shown)
                        .path(path.as_str())
                        .fold(true)
                        .annotation(annotation),
                );
            }
            _ => {
                group = group.element(annotate_snippets::Origin::path(path.as_str()));
            }
        }
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(&**help));
        }
        renderer.render(&[group]).to_string()
    }
}

/// Compares texts with their numbers as numbers: "q2" before "q10".
pub(crate) fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut a, mut b) = (a, b);
    loop {
        let (Some(x), Some(y)) = (a.chars().next(), b.chars().next()) else {
            return a.len().cmp(&b.len());
        };
        if x.is_ascii_digit() && y.is_ascii_digit() {
            let da = a.bytes().take_while(u8::is_ascii_digit).count();
            let db = b.bytes().take_while(u8::is_ascii_digit).count();
            let (na, nb) = (
                a[..da].trim_start_matches('0'),
                b[..db].trim_start_matches('0'),
            );
            let order = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
            if order != Ordering::Equal {
                return order;
            }
            (a, b) = (&a[da..], &b[db..]);
        } else {
            if x != y {
                return x.cmp(&y);
            }
            (a, b) = (&a[x.len_utf8()..], &b[y.len_utf8()..]);
        }
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

fn summary_line(errors: usize, warnings: usize, notes: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let counts: Vec<String> = [(errors, "error"), (warnings, "warning")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| plural(n, word))
        .collect();
    let problems = match counts.is_empty() {
        true => "no problems found".to_string(),
        false => counts.join(", "),
    };
    match notes {
        0 => problems,
        n => format!("{problems} ({})", plural(n, "note")),
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
    fn findings_sort_with_numbers_as_numbers() {
        let mut report = Report::new();
        for (file, message) in [
            ("inputs/org10.toml", "x"),
            ("inputs/org2.toml", "x"),
            ("jointly.toml", "the answer to q10"),
            ("jointly.toml", "the answer to q2"),
        ] {
            report.push(Diagnostic::warning("w", file, message));
        }
        report.push(Diagnostic::note("n", "a.toml", "a note"));
        report.push(Diagnostic::error("e", "z.toml", "an error"));
        let order: Vec<String> = (report.sorted().iter())
            .map(|d| format!("{} {}", d.file.display(), d.message))
            .collect();
        assert_eq!(
            order,
            [
                "z.toml an error",
                "inputs/org2.toml x",
                "inputs/org10.toml x",
                "jointly.toml the answer to q2",
                "jointly.toml the answer to q10",
                "a.toml a note"
            ]
        );
        assert!(
            report
                .render(false)
                .ends_with("1 error, 4 warnings (1 note)")
        );
    }

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        assert_eq!(terminal_safe("plain\ttext\n"), "plain\ttext\n");
        assert_eq!(terminal_safe("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
        assert_eq!(
            terminal_safe("\u{1b}]0;title\u{7}"),
            "\\u{1b}]0;title\\u{7}"
        );
        assert_eq!(
            terminal_safe("x\u{202e}y\u{9b}z\r"),
            "x\\u{202e}y\\u{9b}z\\u{d}"
        );
    }

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

    #[test]
    fn nothing_from_a_file_reaches_the_terminal_raw() {
        let mut report = Report::new();
        let file = Path::new("inputs/\u{1b}]0;x\u{7}.toml");
        let text = "name = \"A\"\r\n\u{1b}[2J[answers.q12]\r\n";
        report.add_source(file, Arc::from(text));
        let at = text.find("q12").unwrap();
        report.push(
            Diagnostic::error("unknown-question", file, "unknown id `\u{1b}[2J`")
                .at(Some(at..at + 3))
                .label("bad \u{9b}")
                .help("see \u{202e}here"),
        );
        for color in [false, true] {
            let out = report.render(color);
            let raw = out.replace("\u{1b}[", "");
            assert!(
                !raw.contains(|c: char| c.is_control() && c != '\n' && c != '\r')
                    && !raw.contains('\u{202e}'),
                "{out:?}"
            );
        }
        let out = report.render(false);
        assert!(out.contains("unknown id `\\u{1b}[2J`"), "{out}");
        assert!(out.contains("␛[2J[answers.q12]"), "{out}");
        // The caret still points at `q12`, on the second line, at the file's own column.
        assert!(out.contains(":2:14"), "{out}");
        let caret = out.lines().find(|l| l.contains("^^^")).unwrap();
        let quoted = out.lines().find(|l| l.contains("[answers.q12]")).unwrap();
        let column = |line: &str, at: usize| line[..at].chars().count();
        let (c, q) = (caret.find('^').unwrap(), quoted.find("q12").unwrap());
        assert_eq!(column(caret, c), column(quoted, q), "{out}");
    }
}
