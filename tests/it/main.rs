//! End-to-end tests: the real `jointly` binary, run in temporary project folders.

mod build;
mod docx;
mod errors;
mod failures;
mod import;
mod interactive;
mod malformed;
mod merge;
mod projects;
mod properties;
mod signoff;
mod support;
