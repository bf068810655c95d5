//! One file per command; this module dispatches and formats errors for the terminal.

mod answer;
mod approve;
mod build;
mod check;
mod draft;
mod import;
mod init;
mod merge;
mod status;
mod template;
mod templates;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::diag::Report;
use crate::error::Error;
use crate::project::Project;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    let cwd = match &cli.directory {
        Some(dir) => dir.clone(),
        None => PathBuf::from("."),
    };
    match cli.command {
        Command::Check(args) => return check::run(&cwd, args),
        Command::Status(args) => status::run(&cwd, args),
        Command::Init(args) => init::run(&cwd, args),
        Command::Template(args) => template::run(&cwd, args),
        Command::Draft(args) => draft::run(&cwd, args),
        Command::Answer(args) => answer::run(&cwd, args),
        Command::Import(args) => import::run(&cwd, args),
        Command::Approve(args) => approve::run(&cwd, args),
        Command::Merge(args) => merge::run(&cwd, args),
        Command::Build(args) => build::run(&cwd, args),
        Command::Templates(cmd) => templates::run(&cwd, cmd),
    }
    .map(|()| ExitCode::SUCCESS)
}

/// The current time as W3CDTF (`2026-11-28T12:00:00Z`), or `SOURCE_DATE_EPOCH` when it is
/// set, so that builds can be reproduced.
fn timestamp_now() -> String {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map_or_else(SystemTime::now, |secs| {
            UNIX_EPOCH + Duration::from_secs(secs)
        });
    humantime::format_rfc3339_seconds(now).to_string()
}

/// The error as the user should see it on standard error, in colour: print it with anstream,
/// which drops the colours where they do not belong.
pub fn format_error(err: &Error) -> String {
    match err {
        Error::Invalid(report) => report.render(true),
        other => format!("error: {other}"),
    }
}

/// Loads the project around `cwd` and prints its warnings.
fn load_project(cwd: &Path) -> Result<Project, Error> {
    let root = crate::load::find_root(cwd)?;
    let project = crate::load::project(&root)?;
    print_warnings(&project.warnings);
    Ok(project)
}

fn print_warnings(report: &Report) {
    if !report.is_empty() {
        anstream::eprintln!("{}", report.render(true));
    }
}

/// A path as the user should read it: relative to the current folder when it is below it.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    match cwd.as_deref().and_then(|c| abs.strip_prefix(c).ok()) {
        Some(rel) if !rel.as_os_str().is_empty() => rel.display().to_string(),
        _ => path.display().to_string(),
    }
}
