//! The Markdown renderer: a minijinja template over the [`Submission`].
//!
//! The default templates live in `templates/` and are compiled in. A project can override any
//! of them by putting a file of the same name in its own `templates/` folder;
//! `jointly templates export` writes the defaults out as a starting point.

use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

use crate::error::Error;
use crate::submission::Submission;

/// The default templates: name and text.
pub(crate) const DEFAULT_TEMPLATES: &[(&str, &str)] = &[(
    "submission.md",
    include_str!("../../../templates/submission.md"),
)];

/// Renders the submission as CommonMark, with the project's own templates (name and text,
/// from its `templates/` folder) used before the built-in ones.
pub fn render(submission: &Submission, overrides: &[(String, String)]) -> Result<String, Error> {
    let env = environment(overrides.to_vec());
    let name = "submission.md";
    let template = env
        .get_template(name)
        .map_err(|e| template_error(name, &e))?;
    let mut out = Capped(Vec::new());
    let rendered = template.render_captured_to(Value::from(Serde(submission)), &mut out);
    if out.0.len() > MAX_OUTPUT {
        return Err(Error::Template {
            name: name.to_string(),
            detail: format!(
                "it wrote more than {} MB: does it repeat something without end?",
                MAX_OUTPUT >> 20
            ),
        });
    }
    rendered.map_err(|e| template_error(name, &e))?;
    let out = String::from_utf8(out.0).map_err(|e| Error::Template {
        name: name.to_string(),
        detail: format!("it wrote bytes that are not UTF-8: {e}"),
    })?;
    // One blank line at most, one newline at the end: whatever the template's whitespace.
    let mut out = collapse_blank_lines(out.trim());
    out.push('\n');
    Ok(out)
}

/// The steps a template may take (see `environment`).
const FUEL: u64 = 5_000_000;

/// The most a template may write: a submission of a thousand organisations is a few MB.
const MAX_OUTPUT: usize = 64 << 20;

/// The template's output, refused past [`MAX_OUTPUT`] (one byte past, to tell).
struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_OUTPUT {
            self.0.resize(MAX_OUTPUT + 1, 0);
            return Err(std::io::Error::other("too much output"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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

fn environment(overrides: Vec<(String, String)>) -> Environment<'static> {
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
    // A template can include others by name, but only those: never a path.
    env.set_loader(move |name| {
        let own = overrides
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str());
        let builtin = DEFAULT_TEMPLATES.iter().find(|(n, _)| *n == name);
        Ok(own.or(builtin.map(|(_, t)| *t)).map(str::to_string))
    });
    env.add_filter("md", |text: String| crate::markdown::escape_inline(&text));
    // A template can loop: a budget of steps stops one that never ends (the default template
    // takes well under a million for a thousand organisations).
    env.set_fuel(Some(FUEL));
    env
}

/// Every run of three or more newlines as two.
fn collapse_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut newlines = 0;
    for c in text.chars() {
        newlines = if c == '\n' { newlines + 1 } else { 0 };
        if newlines <= 2 {
            out.push(c);
        }
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
            assert_eq!(collapse_blank_lines(text), expected, "{text:?}");
        }
    }
}
