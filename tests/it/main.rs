//! End-to-end tests: the real `jointly` binary, run in temporary project folders.

mod architecture;
mod build;
mod consultations;
mod docx;
mod errors;
mod failures;
mod forms;
mod fuzz_seeds;
mod import;
mod import_corpus;
mod interactive;
mod languages;
mod malformed;
mod merge;
mod portable;
mod projects;
mod properties;
mod shell;
mod signoff;
mod snapshots;
mod support;
#[path = "../../benches/synth.rs"]
mod synth;
mod trust;
