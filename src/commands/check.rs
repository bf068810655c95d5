//! `jointly check`: every error and warning of the whole project, for people or for scripts.

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::{CheckArgs, CheckFormat};
use crate::diag::{Report, Severity};
use crate::error::Error;

#[derive(Serialize)]
struct Finding<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    severity: &'static str,
    code: &'a str,
    message: &'a str,
    help: Option<&'a str>,
}

pub(super) fn run(cwd: &Path, args: CheckArgs) -> Result<ExitCode, Error> {
    let root = crate::load::find_root(cwd)?;
    let report = match crate::load::project(&root) {
        Ok(project) => {
            let mut report = project.warnings.clone();
            report.extend(crate::check::warnings(&project));
            report
        }
        Err(Error::Invalid(report)) => report,
        Err(other) => return Err(other),
    };
    // A git host names files from where the workflow runs (the repository's top), which may
    // hold the project in a folder, even with `-C folder`.
    let started_in = std::env::current_dir().unwrap_or_else(|_| cwd.to_path_buf());
    let prefix = project_folder(&started_in, &root);
    match args.format {
        CheckFormat::Human => anstream::println!("{}", report.render(true)),
        CheckFormat::Json => super::say_json(&findings(&report)),
        CheckFormat::Github => print!("{}", github(&findings(&report), &prefix)),
        CheckFormat::Gitlab => super::say_json(&gitlab(&findings(&report), &prefix)),
    }
    let failed = report.has_errors() || (args.deny_warnings && report.warning_count() > 0);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn findings(report: &Report) -> Vec<Finding<'_>> {
    report
        .sorted()
        .into_iter()
        .map(|d| {
            let pos = report.position(d);
            Finding {
                file: d.file.display().to_string(),
                line: pos.map(|p| p.line),
                column: pos.map(|p| p.column),
                severity: match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "note",
                },
                code: d.code,
                message: &d.message,
                help: d.help.as_deref(),
            }
        })
        .collect()
}

/// The project's folder as seen from where jointly runs (`""` when it runs there), with `/`.
fn project_folder(cwd: &Path, root: &Path) -> String {
    let (Ok(cwd), Ok(root)) = (std::path::absolute(cwd), std::path::absolute(root)) else {
        return String::new();
    };
    match root.strip_prefix(&cwd) {
        Ok(inside) if !inside.as_os_str().is_empty() => {
            let parts: Vec<String> = inside
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            format!("{}/", parts.join("/"))
        }
        _ => String::new(),
    }
}

/// A file's path for a git host: under the project's folder, with `/`.
fn host_path(prefix: &str, file: &str) -> String {
    format!("{prefix}{}", file.replace('\\', "/"))
}

/// GitHub Actions workflow commands, one per finding:
/// `::error file=inputs/apc.toml,line=4,col=8,title=…::message`.
fn github(findings: &[Finding], prefix: &str) -> String {
    // The escapes GitHub's runner decodes: in the message, and more in a property's value.
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let mut out = String::new();
    for f in findings {
        let command = match f.severity {
            "error" => "error",
            "warning" => "warning",
            _ => "notice",
        };
        let mut props = vec![format!("file={}", property(&host_path(prefix, &f.file)))];
        if let Some(line) = f.line {
            props.push(format!("line={line}"));
        }
        if let Some(col) = f.column {
            props.push(format!("col={col}"));
        }
        props.push(format!(
            "title={}",
            property(&format!("jointly {}", f.code))
        ));
        let message = match f.help {
            Some(help) => format!("{}\nhelp: {help}", f.message),
            None => f.message.to_string(),
        };
        let message = crate::diag::terminal_safe(&message).into_owned();
        out.push_str(&format!(
            "::{command} {}::{}\n",
            props.join(","),
            data(&message)
        ));
    }
    out
}

/// One issue of a GitLab Code Quality report.
#[derive(Serialize)]
struct CodeQuality {
    description: String,
    check_name: String,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// A GitLab Code Quality report: errors are major, warnings minor, notes info.
fn gitlab(findings: &[Finding], prefix: &str) -> Vec<CodeQuality> {
    use sha2::{Digest, Sha256};
    findings
        .iter()
        .map(|f| {
            let path = host_path(prefix, &f.file);
            let hash = Sha256::digest(format!("{path}\0{}\0{}", f.code, f.message).as_bytes());
            CodeQuality {
                description: f.message.to_string(),
                check_name: f.code.to_string(),
                fingerprint: hash.iter().take(16).map(|b| format!("{b:02x}")).collect(),
                severity: match f.severity {
                    "error" => "major",
                    "warning" => "minor",
                    _ => "info",
                },
                location: Location {
                    path,
                    lines: Lines {
                        begin: f.line.unwrap_or(1),
                    },
                },
            }
        })
        .collect()
}
