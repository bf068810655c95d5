//! The Markdown renderer: a minijinja template over the [`Submission`].
//!
//! The default templates live in `templates/` and are compiled in. A project can override any
//! of them by putting a file of the same name in its own `templates/` folder;
//! `jointly templates export` writes the defaults out as a starting point.

mod context;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use crate::error::Error;
use crate::submission::Submission;

/// The default templates: name and text.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[(
    "submission.md",
    include_str!("../../../templates/submission.md"),
)];

/// The folder in a project that overrides the defaults.
pub const OVERRIDE_DIR: &str = "templates";

/// Renders the submission as CommonMark, using `project_templates` (when it exists) before the
/// built-in templates. The submission is shared with the template's values, which read it as
/// the template goes (`context.rs`).
pub fn render(
    submission: &Arc<Submission>,
    project_templates: Option<&Path>,
) -> Result<String, Error> {
    let env = environment(project_templates.map(Path::to_path_buf));
    let name = "submission.md";
    let template = env
        .get_template(name)
        .map_err(|e| template_error(name, &e))?;
    // Room for the answers and what the template puts around them, so that a large
    // submission's text is not copied over and over as it grows.
    let answers = submission.markdown_len();
    let mut out = Vec::with_capacity(answers + answers / 8 + (16 << 10));
    template
        .render_captured_to(context::of(submission), &mut out)
        .map_err(|e| template_error(name, &e))?;
    let mut out = String::from_utf8(out).map_err(|e| Error::Template {
        name: name.to_string(),
        detail: format!("the template wrote bytes that are not UTF-8: {e}"),
    })?;
    // One blank line at most, one newline at the end: whatever the template's whitespace.
    collapse_blank_lines(&mut out);
    out.truncate(out.trim_end().len());
    out.drain(..out.len() - out.trim_start().len());
    out.push('\n');
    Ok(out)
}

fn template_error(name: &str, e: &minijinja::Error) -> Error {
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        detail.push_str(&format!(": {s}"));
        source = s.source();
    }
    Error::Template {
        name: name.to_string(),
        detail,
    }
}

fn environment(project_templates: Option<PathBuf>) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            .expect("default delimiters are valid"),
    );
    // Markdown is not HTML: never HTML-escape; text that needs escaping goes through `md`.
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_loader(move |name| {
        if let Some(dir) = &project_templates {
            let path = dir.join(name);
            if path.is_file() {
                return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                    minijinja::Error::new(
                        minijinja::ErrorKind::InvalidOperation,
                        format!("cannot read `{}`: {e}", path.display()),
                    )
                });
            }
        }
        Ok(DEFAULT_TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.to_string()))
    });
    env.add_filter("md", |text: String| escape_inline(&text));
    env
}

/// Turns every run of three or more newlines into two. The text is 3 MB for 1,000
/// organisations: the runs are found by a substring search, and the text is closed up in place
/// (a copy of it would be 3 MB of fresh memory).
fn collapse_blank_lines(text: &mut String) {
    // The newlines to drop: all of each run but its first two.
    let mut drop = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("\n\n\n") {
        let start = from + at + 2;
        let end = start + text[start..].len() - text[start..].trim_start_matches('\n').len();
        drop.push(start..end);
        from = end;
    }
    if drop.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    let mut kept = drop[0].start;
    for (i, gone) in drop.iter().enumerate() {
        let next = drop.get(i + 1).map_or(bytes.len(), |r| r.start);
        bytes.copy_within(gone.end..next, kept);
        kept += next - gone.end;
    }
    bytes.truncate(kept);
    *text = String::from_utf8(bytes).expect("only ASCII newlines were taken out");
}

/// Escapes plain text (names, question texts) so Markdown shows it as written.
pub fn escape_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_blank_lines_become_one() {
        for (text, expected) in [
            ("a\n\n\nb", "a\n\nb"),
            ("a\n\n\n\n\n\nb\nc\n\nd\n\n\n", "a\n\nb\nc\n\nd\n\n"),
            ("\n\n\n", "\n\n"),
            ("é\n\n\n\nü", "é\n\nü"),
            ("", ""),
        ] {
            let mut s = text.to_string();
            collapse_blank_lines(&mut s);
            assert_eq!(s, expected, "{text:?}");
        }
        // Every text of up to ten newlines and letters, against the old repeated replace.
        for len in 0..=10 {
            for bits in 0..1u32 << len {
                let text: String = (0..len)
                    .map(|i| if bits >> i & 1 == 1 { '\n' } else { 'a' })
                    .collect();
                let mut s = text.clone();
                collapse_blank_lines(&mut s);
                let mut old = text.clone();
                while old.contains("\n\n\n") {
                    old = old.replace("\n\n\n", "\n\n");
                }
                assert_eq!(s, old, "{text:?}");
            }
        }
    }

    #[test]
    fn escaped_text_reads_back_as_written() {
        let text = "A *very* [odd] <name> & co_op #1 \\ `x`";
        let md = escape_inline(text);
        assert_eq!(crate::answer::plain_text(&md).trim(), text);
    }
}
