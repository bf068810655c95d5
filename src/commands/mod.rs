//! One file per command; this module dispatches and formats errors for the terminal.

mod answer;
mod approve;
mod build;
mod check;
mod diff;
mod draft;
mod import;
mod init;
mod merge;
mod questionnaire;
mod shell;
mod status;
mod template;
mod templates;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::diag::{Report, terminal_safe};
use crate::error::Error;
use crate::project::Project;

/// The command line, parsed. On a mistake, clap's message is printed with anything the user
/// typed shown safely (an argument can hold escape sequences), and the exit code comes back.
pub fn parse_args() -> Result<Cli, ExitCode> {
    use clap::Parser;
    match Cli::try_parse() {
        Ok(cli) => Ok(cli),
        // --help and --version, printed the usual way.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            let _ = write!(
                std::io::stderr(),
                "{}",
                terminal_safe(&e.render().to_string())
            );
            Err(ExitCode::from(2))
        }
    }
}

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    let cwd = match &cli.directory {
        Some(dir) => dir.clone(),
        None => PathBuf::from("."),
    };
    match cli.command {
        Command::Check(args) => return check::run(&cwd, args),
        Command::Status(args) => status::run(&cwd, args),
        Command::Diff(args) => diff::run(&cwd, args),
        Command::Init(args) => init::run(&cwd, args),
        Command::Template(args) => template::run(&cwd, args),
        Command::Draft(args) => draft::run(&cwd, args),
        Command::Answer(args) => answer::run(&cwd, args),
        Command::Import(args) => import::run(&cwd, args),
        Command::Approve(args) => approve::run(&cwd, args),
        Command::Merge(args) => merge::run(&cwd, args),
        Command::Build(args) => build::run(&cwd, args),
        Command::Templates(cmd) => templates::run(&cwd, cmd),
        Command::Questionnaire(cmd) => questionnaire::run(&cwd, cmd),
        Command::Completions(args) => shell::completions(args.shell),
        Command::Man => shell::man(),
    }
    .map(|()| ExitCode::SUCCESS)
}

/// The current time as W3CDTF (`2026-11-28T12:00:00Z`), or `SOURCE_DATE_EPOCH` when it is
/// set, so that builds can be reproduced.
fn timestamp_now() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| now.map_or(0, |d| d.as_secs() as i64));
    w3cdtf(secs)
}

/// Seconds since 1970 as a W3CDTF date, within the years humantime writes (1970 to 9999).
fn w3cdtf(secs: i64) -> String {
    const LAST: u64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    let secs = u64::try_from(secs).unwrap_or(0).min(LAST);
    let time = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
    humantime::format_rfc3339_seconds(time).to_string()
}

/// The error as the user should see it on standard error, in colour: print it with anstream,
/// which drops the colours where they do not belong.
pub fn format_error(err: &Error) -> String {
    match err {
        Error::Invalid(report) => report.render(true),
        other => terminal_safe(&format!("error: {other}")).into_owned(),
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

/// Prints a line of output. Names and texts in it may come from the user's files: their
/// control characters are shown, never obeyed (`diag::terminal_safe`). A closed pipe
/// (`jointly … | head`) ends the output quietly.
fn say(line: impl AsRef<str>) {
    let _ = writeln!(std::io::stdout(), "{}", terminal_safe(line.as_ref()));
}

/// [`say`], on standard error: warnings and notes beside the output.
fn warn(line: impl AsRef<str>) {
    let _ = writeln!(std::io::stderr(), "{}", terminal_safe(line.as_ref()));
}

/// Prints `value` as JSON for scripts, with the characters a terminal would obey written as
/// JSON escapes (serde_json escapes only those below U+0020).
fn say_json(value: &impl serde::Serialize) {
    let json = serde_json::to_string_pretty(value).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match terminal_safe(c.encode_utf8(&mut [0; 4])) {
            std::borrow::Cow::Borrowed(_) => out.push(c),
            std::borrow::Cow::Owned(_) => out.push_str(&format!("\\u{:04x}", u32::from(c))),
        }
    }
    let _ = writeln!(std::io::stdout(), "{out}");
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

#[cfg(test)]
mod tests {
    #[test]
    fn timestamps_are_w3cdtf_whatever_the_clock_says() {
        assert_eq!(super::w3cdtf(1_795_867_200), "2026-11-28T12:00:00Z");
        assert_eq!(super::w3cdtf(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(super::w3cdtf(-1), "1970-01-01T00:00:00Z");
        assert_eq!(super::w3cdtf(i64::MAX), "9999-12-31T23:59:59Z");
    }
}
