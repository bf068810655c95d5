//! `jointly build`: the submission, from the draft or straight from the inputs.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{BuildArgs, FormatArg};
use crate::error::Error;
use crate::fsx;
use crate::render::{self, Format};
use crate::submission::{Submission, joint_draft};

pub(super) fn run(cwd: &Path, args: BuildArgs) -> Result<(), Error> {
    let project = super::load_project(cwd)?;
    let (draft, stale) = joint_draft(&project);
    if stale {
        eprintln!(
            "warning: inputs changed since draft.toml was written; run `jointly merge` to bring them in"
        );
    }
    super::merge::report_conflicts(&draft);
    let submission = Submission::build(&project, &draft);
    let formats = match args.format {
        FormatArg::Markdown => vec![Format::Markdown],
    };
    // Render everything before writing anything: an error leaves no partial output.
    let mut rendered = Vec::new();
    for format in formats {
        let bytes = match format {
            Format::Markdown => {
                let templates = project.root.join(render::markdown::OVERRIDE_DIR);
                render::markdown::render(&submission, Some(&templates))?.into_bytes()
            }
        };
        rendered.push((format, bytes));
    }
    for (format, bytes) in rendered {
        match &args.output {
            Some(p) if p.as_os_str() == "-" => {
                let mut out = std::io::stdout().lock();
                out.write_all(&bytes)
                    .and_then(|()| out.flush())
                    .map_err(|e| Error::io(Path::new("<stdout>"), e))?;
            }
            _ => {
                let path = output_path(
                    &project.output_dir(),
                    &project.config.output.name,
                    args.output.as_deref(),
                    cwd,
                    format,
                );
                if let Some(parent) = path.parent() {
                    fsx::create_dir(parent)?;
                }
                fsx::write_atomic(&path, &bytes)?;
                println!("wrote {}", super::shown(&path));
            }
        }
    }
    Ok(())
}

fn output_path(
    out_dir: &Path,
    stem: &str,
    output: Option<&Path>,
    cwd: &Path,
    format: Format,
) -> PathBuf {
    match output {
        Some(p) => cwd.join(p),
        None => out_dir.join(format!("{stem}.{}", format.extension())),
    }
}
