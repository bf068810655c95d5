//! jointly: one joint response to a public consultation, written by a coalition.
//!
//! Data flows one way:
//!
//! `questionnaire + jointly.toml + inputs/*.toml` → [`load`] → [`project::Project`] (checked)
//! → [`merge`] → [`draft::Draft`] → [`submission::Submission`] → [`render`] → [`save`].
//!
//! The modules form layers; each uses only its own layer and those below, never in a circle
//! (`tests/it/architecture.rs` holds this true):
//!
//! - command line: `main.rs`, [`cli`] (clap's types stop here) and [`commands`], one file per
//!   command;
//! - edges: [`load`] and [`save`], the only modules that touch the disk; `prompt`, the only one
//!   that asks the user anything; `session`, the drafting flow, through prompt's trait;
//! - work: [`merge`] (pure: no files, no terminal, no clock), [`submission`], the renderers in
//!   [`render`], `import`, `check` (warnings) and `signoff`;
//! - model: [`project`], the checked whole, and [`input_edit`], an input edited in place;
//! - foundations: the files' formats ([`questionnaire`], [`config`], [`input_file`],
//!   [`draft`]), `source` (TOML with diagnostics), [`answer`] (cleaning answers), `limits`
//!   and [`error`];
//! - leaves, which use nothing else of jointly: [`markdown`] (escaping, plain text, counting),
//!   `text` (normalising, fingerprints, file names), `labels`, `collate` and [`diag`].

#![warn(missing_docs)]
#![warn(unreachable_pub)]
#![warn(clippy::unwrap_used)]
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod answer;
mod check;
pub mod cli;
mod collate;
pub mod commands;
pub mod config;
pub mod diag;
pub mod draft;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
mod import;
pub mod input_edit;
pub mod input_file;
mod labels;
mod limits;
pub mod load;
pub mod markdown;
pub mod merge;
pub mod project;
mod prompt;
pub mod questionnaire;
pub mod render;
pub mod save;
mod session;
mod signoff;
mod source;
pub mod submission;
mod text;

pub use error::Error;
pub use labels::Labels;
