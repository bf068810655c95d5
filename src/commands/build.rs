//! `jointly build`: the submission, from the draft or straight from the inputs.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{BuildArgs, FormatArg};
use crate::draft::Draft;
use crate::error::Error;
use crate::load;
use crate::project::Project;
use crate::render::{self, Format};
use crate::save;
use crate::signoff::{State, fingerprint, standings};
use crate::submission::{Mode, Submission, joint_draft};

pub(super) fn run(cwd: &Path, args: BuildArgs) -> Result<(), Error> {
    let project = super::load_project(cwd)?;
    let (draft, stale) = joint_draft(&project);
    if stale {
        super::warn(
            "warning: inputs changed since draft.toml was written; run `jointly merge` to bring them in",
        );
    }
    super::merge::report_conflicts(&draft);
    let mode = if args.final_copy {
        Mode::Final
    } else if args.review {
        Mode::Review
    } else {
        Mode::Draft
    };
    let submission = Submission::build(&project, &draft, mode);
    if mode == Mode::Final {
        // The final copy is the text that was approved: check the one about to be written.
        check_final(&project, &draft, &submission)?;
        // A question may be left unanswered on purpose; still, say which before it is sent.
        let unanswered: Vec<String> = (submission.sections.iter())
            .flat_map(|s| &s.questions)
            .filter(|q| !q.answered)
            .map(|q| q.label.trim_end_matches('.').to_string())
            .collect();
        if !unanswered.is_empty() {
            super::warn(format!(
                "warning: the final copy leaves question{} {} unanswered",
                if unanswered.len() == 1 { "" } else { "s" },
                unanswered.join(", ")
            ));
        }
    }
    let formats = match args.format {
        FormatArg::Markdown => vec![Format::Markdown],
        FormatArg::Docx => vec![Format::Docx],
        FormatArg::Text => vec![Format::Text],
        FormatArg::All => vec![Format::Markdown, Format::Docx],
    };
    if let Some(id) = &args.question {
        return print_one_answer(&submission, &project, id, args.format);
    }
    let to_stdout = args.output.as_ref().is_some_and(|p| p.as_os_str() == "-");
    if to_stdout && formats.len() > 1 {
        return Err(Error::Usage {
            message: "`-o -` writes one format to standard output".into(),
            help: "choose one with --format, or give -o a file name".into(),
        });
    }
    // Each file is written next to where it goes as soon as it is rendered, and put in place
    // only once all are ready: an error leaves no partial output.
    let render_one = |format: Format| -> Result<Rendered, Error> {
        let bytes = match format {
            Format::Markdown => {
                let templates = load::template_overrides(&project.root)?;
                render::markdown::render(&submission, &templates)?.into_bytes()
            }
            Format::Text => render::text::render(&submission).into_bytes(),
            Format::Docx => {
                let mut options = docx_options(&project, cwd, &args)?;
                options.header = submission.notice.clone();
                render::docx::render(&submission, &options)?
            }
        };
        if to_stdout {
            return Ok(Rendered::Stdout(bytes));
        }
        let path = output_path(&project, args.output.as_deref(), cwd, format, mode);
        if let Some(parent) = path.parent() {
            save::create_dir(parent)?;
        }
        Ok(Rendered::Staged(save::stage(&path, &bytes)?))
    };
    let rendered = formats
        .iter()
        .map(|&format| render_one(format))
        .collect::<Result<Vec<Rendered>, Error>>()?;
    let mut staged = Vec::new();
    for output in rendered {
        match output {
            Rendered::Stdout(bytes) => {
                let mut out = std::io::stdout().lock();
                out.write_all(&bytes)
                    .and_then(|()| out.flush())
                    .map_err(|e| Error::io(Path::new("<stdout>"), e))?;
            }
            Rendered::Staged(file) => staged.push(file),
        }
    }
    let shown: Vec<String> = staged.iter().map(|f| super::shown(f.path())).collect();
    save::commit_all(staged)?;
    for path in shown {
        super::say(format!("wrote {path}"));
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
        (Some(path), _) => Some(reference_styles(&cwd.join(path))?),
        (None, Some(path)) => Some(reference_styles(&project.root.join(path))?),
        (None, None) => None,
    };
    Ok(render::docx::Options {
        config,
        reference,
        timestamp: super::timestamp_now(),
        header: None,
    })
}

/// The styles of the Word file at `path` (`--reference-doc`).
fn reference_styles(path: &Path) -> Result<render::docx::Reference, Error> {
    let help = "give a .docx file saved by Word or LibreOffice (File > Save As > Word Document)";
    let bytes = load::bytes(path, load::MAX_DOCUMENT, help)?;
    render::docx::styles_of(&bytes).map_err(|why| Error::Usage {
        message: format!(
            "cannot use `{}` as a reference document: {why}",
            path.display()
        ),
        help: help.into(),
    })
}

/// A rendered format: for standard output, or written and waiting to be put in place.
enum Rendered {
    Stdout(Vec<u8>),
    Staged(save::Staged),
}

/// Where a format goes. Without `-o`: `out/submission.<ext>` for the final copy, and
/// `submission-draft.<ext>` or `submission-review.<ext>` for the others, so that a draft never
/// replaces the copy that was approved. `-o FILE` as given (for the Word or text file of
/// `--format all`, with its own extension); `-o DIR/`, or an existing folder, holds the usual
/// names.
fn output_path(
    project: &Project,
    output: Option<&Path>,
    cwd: &Path,
    format: Format,
    mode: Mode,
) -> PathBuf {
    let suffix = match mode {
        Mode::Final => "",
        Mode::Draft => "-draft",
        Mode::Review => "-review",
    };
    let usual = format!(
        "{}{suffix}.{}",
        project.config.output.name.get_ref(),
        format.extension()
    );
    match output {
        Some(p)
            if p.as_os_str().to_string_lossy().ends_with(['/', '\\'])
                || load::is_dir(&cwd.join(p)) =>
        {
            cwd.join(p).join(usual)
        }
        Some(p) => {
            let p = cwd.join(p);
            let is_own_ext = p.extension().is_some_and(|e| e == format.extension());
            if is_own_ext || format == Format::Markdown {
                p
            } else {
                p.with_extension(format.extension())
            }
        }
        None => project.output_dir().join(usual),
    }
}

/// The final copy needs every co-signer's approval of exactly this text, and no open conflict.
fn check_final(project: &Project, draft: &Draft, submission: &Submission) -> Result<(), Error> {
    let mut conflicts: Vec<String> = draft.conflicts().map(|(k, _)| k.to_string()).collect();
    conflicts.extend(
        draft
            .choice_conflicts()
            .into_iter()
            .map(|(k, _)| k.to_string()),
    );
    let q = &project.questionnaire;
    let required_texts = [
        ("summary", &q.texts.summary, submission.summary.is_some()),
        (
            "introduction",
            &q.texts.introduction,
            submission.introduction.is_some(),
        ),
        ("closing", &q.texts.closing, submission.closing.is_some()),
    ];
    let mut missing: Vec<String> = required_texts
        .into_iter()
        .filter(|(_, spec, given)| spec.as_ref().is_some_and(|s| s.required) && !given)
        .map(|(what, _, _)| format!("the {what}"))
        .collect();
    missing.extend(
        (q.respondent.iter())
            .filter(|f| {
                f.required
                    && !project
                        .respondent
                        .iter()
                        .any(|(id, _)| id == f.id.get_ref())
            })
            .map(|f| format!("the respondent's {}", f.label)),
    );
    if !missing.is_empty() {
        return Err(Error::Usage {
            message: format!(
                "the questionnaire asks for what the project does not give: {}",
                missing.join(", ")
            ),
            help: "`jointly check` says where to give each".into(),
        });
    }
    if !conflicts.is_empty() {
        return Err(Error::Usage {
            message: format!("draft.toml still has {} unresolved conflict(s): {}", conflicts.len(), conflicts.join(", ")),
            help: "resolve them (look for `conflict = true`), then ask the co-signers to approve the text again".into(),
        });
    }
    let templates = load::template_overrides(&project.root)?;
    let current = fingerprint(submission, &templates)?;
    let missing: Vec<String> = standings(project, &current)
        .into_iter()
        .filter(|s| s.state != State::Approved)
        .map(|s| match s.changed.as_slice() {
            [] => format!("{} ({})", s.org, s.state.describe()),
            changed => format!(
                "{} ({}: {} changed since)",
                s.org,
                s.state.describe(),
                changed.join(", ")
            ),
        })
        .collect();
    if !missing.is_empty() {
        return Err(Error::Usage {
            message: format!(
                "not every co-signer has approved this text ({}): {}",
                &current.text[..19],
                missing.join(", ")
            ),
            help: "share the review copy (`jointly build --review --format all`); each organisation then runs `jointly approve --org SHORT`".into(),
        });
    }
    Ok(())
}

/// `--format text --question q3`: one answer on standard output, its counts on standard error.
fn print_one_answer(
    submission: &Submission,
    project: &Project,
    id: &str,
    format: FormatArg,
) -> Result<(), Error> {
    if format != FormatArg::Text {
        return Err(Error::Usage {
            message: "--question prints one answer as plain text".into(),
            help: format!("add --format text: `jointly build --format text --question {id}`"),
        });
    }
    let Some(q) = submission
        .sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .find(|q| q.id == id)
    else {
        return Err(Error::Usage {
            message: format!("no question `{id}` in the submission"),
            help: format!(
                "the questions are {}",
                project
                    .questionnaire
                    .questions()
                    .map(|q| q.id())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    };
    let text = render::text::answer(q, &submission.labels);
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush())
        .map_err(|e| Error::io(Path::new("<stdout>"), e))?;
    super::warn(format!("question {}: {}", q.number, q.count));
    Ok(())
}
