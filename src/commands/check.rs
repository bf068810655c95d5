//! `jointly check`: every error and warning of the whole project, for people or for scripts.

use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::{CheckArgs, ReportFormat};
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
    match args.format {
        ReportFormat::Human => anstream::println!("{}", report.render(true)),
        ReportFormat::Json => super::say_json(&findings(&report)),
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
