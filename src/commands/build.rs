//! `jointly build`: the submission, from the draft or straight from the inputs.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{BuildArgs, FormatArg};
use crate::error::Error;
use crate::fsx;
use crate::project::Project;
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
        FormatArg::Docx => vec![Format::Docx],
        FormatArg::All => vec![Format::Markdown, Format::Docx],
    };
    let to_stdout = args.output.as_ref().is_some_and(|p| p.as_os_str() == "-");
    if to_stdout && formats.len() > 1 {
        return Err(Error::Usage {
            message: "`-o -` writes one format to standard output".into(),
            help: "choose one with --format, or give -o a file name".into(),
        });
    }
    // Render everything before writing anything: an error leaves no partial output.
    let mut rendered = Vec::new();
    for format in formats {
        let bytes = match format {
            Format::Markdown => {
                let templates = project.root.join(render::markdown::OVERRIDE_DIR);
                render::markdown::render(&submission, Some(&templates))?.into_bytes()
            }
            Format::Docx => {
                render::docx::render(&submission, &docx_options(&project, cwd, &args)?)?
            }
        };
        rendered.push((format, bytes));
    }
    for (format, bytes) in rendered {
        if to_stdout {
            let mut out = std::io::stdout().lock();
            out.write_all(&bytes)
                .and_then(|()| out.flush())
                .map_err(|e| Error::io(Path::new("<stdout>"), e))?;
            continue;
        }
        let path = output_path(&project, args.output.as_deref(), cwd, format);
        if let Some(parent) = path.parent() {
            fsx::create_dir(parent)?;
        }
        fsx::write_atomic(&path, &bytes)?;
        println!("wrote {}", super::shown(&path));
    }
    Ok(())
}

fn docx_options(
    project: &Project,
    cwd: &Path,
    args: &BuildArgs,
) -> Result<render::docx::Options, Error> {
    let config = project.config.output.docx.clone();
    let reference = match (&args.reference_doc, &config.reference_doc) {
        (Some(path), _) => Some(render::docx::read_styles(&cwd.join(path))?),
        (None, Some(path)) => Some(render::docx::read_styles(&project.root.join(path))?),
        (None, None) => None,
    };
    Ok(render::docx::Options {
        config,
        reference_styles: reference,
        timestamp: render::docx::timestamp_now(),
        header: None,
    })
}

/// `-o` as given (for the Word file of `--format all`: the same name with `.docx`), else
/// `out/submission.<ext>`.
fn output_path(project: &Project, output: Option<&Path>, cwd: &Path, format: Format) -> PathBuf {
    match output {
        Some(p) => {
            let p = cwd.join(p);
            let is_own_ext = p.extension().is_some_and(|e| e == format.extension());
            if is_own_ext || format == Format::Markdown {
                p
            } else {
                p.with_extension(format.extension())
            }
        }
        None => project.output_dir().join(format!(
            "{}.{}",
            project.config.output.name,
            format.extension()
        )),
    }
}
