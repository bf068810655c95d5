//! A project file's text (jointly.toml, an input, a questionnaire, the draft), and the TOML
//! parsed from it. This is the only place that turns `toml` errors into [`Diagnostic`]s, so
//! every file type gets the same treatment: file, line, column, what is wrong and, where we
//! can tell, a fix.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Report, did_you_mean};

/// A file's text (read from disk by `load`, or embedded), with the name to show the user.
#[derive(Debug, Clone)]
pub(crate) struct SourceFile {
    /// Where the file is on disk (for embedded files, a pseudo path).
    pub path: PathBuf,
    /// The name diagnostics use: relative to the project when possible.
    pub display: PathBuf,
    /// The text, without a byte-order mark.
    pub text: Arc<str>,
    /// True when the file started with a UTF-8 byte-order mark (Notepad, Word's "save as
    /// text"), which a save puts back.
    pub bom: bool,
}

impl SourceFile {
    /// A file whose text is already in memory.
    pub(crate) fn new(path: &Path, display: &Path, text: impl Into<Arc<str>>) -> SourceFile {
        SourceFile {
            path: path.to_path_buf(),
            display: display.to_path_buf(),
            text: text.into(),
            bom: false,
        }
    }

    /// Parses the file as TOML into `T`; on failure records one diagnostic and returns `None`.
    ///
    /// `T` is expected to use `deny_unknown_fields`, so a typo is an error that points at the key.
    pub(crate) fn parse<T: DeserializeOwned>(&self, report: &mut Report) -> Option<T> {
        report.add_source(&self.display, self.text.clone());
        match toml::from_str::<T>(&self.text) {
            Ok(value) => Some(value),
            Err(err) => {
                report.push(toml_diagnostic(&self.display, &self.text, &err));
                None
            }
        }
    }
}

/// Turns a `toml` error into a diagnostic with a help line for the common cases.
fn toml_diagnostic(display: &Path, text: &str, err: &toml::de::Error) -> Diagnostic {
    let message = err.message().trim().to_string();
    let span = err.span();
    let found = span
        .clone()
        .and_then(|s| text.get(s))
        .unwrap_or("")
        .trim_matches(|c| c == '"' || c == '\'');
    if let Some(rest) = message.strip_prefix("unknown field `") {
        // serde says: unknown field `answer`, expected `organisation` or `answers`
        let wrong = rest.split('`').next().unwrap_or(found);
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let help = match did_you_mean(wrong, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None if expected.is_empty() => "remove this key".to_string(),
            None => format!("the keys allowed here are {}", list_keys(&expected)),
        };
        return Diagnostic::error("unknown-key", display, format!("unknown key `{wrong}`"))
            .at(span)
            .label("not a key jointly knows here")
            .help(help);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or("");
        return Diagnostic::error("missing-key", display, format!("missing key `{field}`"))
            .at(span)
            .help(format!("add `{field} = ...` to this table"));
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let wrong = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest.split('`').skip(2).step_by(2).collect();
        let help = match did_you_mean(wrong, expected.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("use one of {}", list_keys(&expected)),
        };
        return Diagnostic::error("invalid-value", display, format!("unknown value `{wrong}`"))
            .at(span)
            .help(help);
    }
    if let Some((what, fix)) = message.split_once(": write ") {
        // Our own messages carry their fix after ": write ".
        return Diagnostic::error("invalid-value", display, what)
            .at(span)
            .help(format!("write {fix}"));
    }
    if message.contains(", e.g. ") {
        return Diagnostic::error("invalid-value", display, message.clone())
            .at(span)
            .help("see the README for the values allowed here");
    }
    let help = if message.contains("escaped value") {
        "a backslash starts an escape in \"...\" strings: write \\\\ for one backslash, or put the text in '''...''' (a literal string)"
    } else if message.starts_with("invalid type") {
        "check the type of this value: text goes in quotes (\"\"\" for several lines), tables start with [name]"
    } else if message.contains("duplicate key") {
        "each key may appear once per table: merge the two entries or delete one"
    } else {
        "check the TOML syntax here: strings in quotes, one `key = value` per line, [tables] in brackets"
    };
    Diagnostic::error("invalid-toml", display, message)
        .at(span)
        .help(help)
}

fn list_keys(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        organisation: String,
        #[serde(default)]
        answers: Option<toml::Table>,
    }

    fn parse(text: &str) -> Report {
        let mut report = Report::new();
        let file = SourceFile::new(Path::new("x.toml"), Path::new("x.toml"), text);
        assert!(file.parse::<Doc>(&mut report).is_none());
        report
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let out = parse("organisation = \"x\"\n[answer]\n").render(false);
        assert!(out.contains("error: unknown key `answer`"), "{out}");
        assert!(out.contains("x.toml:2:2"), "{out}");
        assert!(out.contains("did you mean `answers`?"), "{out}");
    }

    #[test]
    fn syntax_errors_have_a_place() {
        let out = parse("organisation = \"x\nname = 1\n").render(false);
        assert!(out.contains("x.toml:1:"), "{out}");
    }
}
