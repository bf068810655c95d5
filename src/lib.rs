//! jointly: one joint response to a public consultation, written by a coalition.
//!
//! Data flows one way:
//! `questionnaire + jointly.toml + inputs/*.toml` → [`project::Project`] (validated) →
//! [`merge`] → [`draft::Draft`] → [`submission::Submission`] → [`render`].
//!
//! Only [`load`], [`fsx`] and the commands touch the disk; [`merge`] is pure.

#![warn(missing_docs)]
#![warn(clippy::unwrap_used)]
#![cfg_attr(test, allow(clippy::unwrap_used))]

pub mod answer;
pub mod check;
pub mod cli;
pub mod collate;
pub mod commands;
pub mod config;
pub mod diag;
pub mod draft;
pub mod error;
#[doc(hidden)]
pub mod fuzzing;
pub mod import;
pub mod input_edit;
pub mod input_file;
pub mod labels;
pub mod limits;
pub mod load;
pub mod markdown;
pub mod merge;
pub mod project;
pub mod prompt;
pub mod questionnaire;
pub mod render;
pub mod save;
pub mod session;
pub mod signoff;
pub mod source;
pub mod submission;
pub mod text;

pub use error::Error;
