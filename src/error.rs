//! The errors a command can end with. Problems in the user's files are a [`Report`]; the rest
//! are typed here with the file or name they concern.

use std::path::{Path, PathBuf};

use crate::diag::Report;

/// Why a command failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The project's files have problems; the report lists all of them.
    #[error("{}", .0.render(false))]
    Invalid(Report),

    /// No `jointly.toml` here or above.
    #[error("no jointly.toml in `{}` or any folder above it\n  help: run `jointly init` to start a project here, or `jointly -C DIR ...` to use one elsewhere", start.display())]
    NoProject {
        /// Where the search started.
        start: PathBuf,
    },

    /// A file could not be read or written.
    #[error("cannot access `{}`: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },

    /// A command would overwrite something that exists.
    #[error("`{}` already exists; jointly never overwrites it\n  help: {help}", path.display())]
    Exists {
        /// What exists.
        path: PathBuf,
        /// What to do instead.
        help: String,
    },

    /// `--org` names no organisation.
    #[error("no organisation `{query}` in inputs/\n  help: use a short name, name or input file; the organisations are: {}", known.join(", "))]
    UnknownOrg {
        /// What the user typed.
        query: String,
        /// Short names or names of the organisations there are.
        known: Vec<String>,
    },

    /// A template failed to render.
    #[error(
        "template `{name}` failed: {detail}\n  help: check the template (`jointly templates export` writes the defaults to compare with)"
    )]
    Template {
        /// The template's name.
        name: String,
        /// minijinja's message, with the line.
        detail: String,
    },

    /// The user pressed Ctrl-C in the terminal session.
    #[error("{0}")]
    Interrupted(String),

    /// Anything else the user asked for that cannot be done, with what to do instead.
    #[error("{message}\n  help: {help}")]
    Usage {
        /// What is wrong.
        message: String,
        /// What to do instead.
        help: String,
    },
}

impl Error {
    /// A file (or standard input) that should be text and is not UTF-8.
    pub(crate) fn not_utf8(path: &Path) -> Self {
        Error::Usage {
            message: format!("`{}` is not UTF-8 text", path.display()),
            help: "save it as UTF-8 (in most editors: \"Save with encoding\")".into(),
        }
    }

    /// An I/O error about `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
