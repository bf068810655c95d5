//! Reading from disk: the project's files, and the documents, templates and answers a command
//! is pointed at. Every read is bounded, and a file that cannot be read becomes a diagnostic,
//! or an error that names it. With [`crate::save`], the only module that touches the disk.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, Config};
use crate::diag::{Diagnostic, Report, did_you_mean};
use crate::draft;
use crate::error::Error;
use crate::input_edit::InputDoc;
use crate::labels::Labels;
use crate::project::{INPUTS_DIR, InputSummary, Project};
use crate::questionnaire::Questionnaire;
use crate::source::SourceFile;

/// The largest project file (input, questionnaire, draft, template) jointly reads.
pub(crate) const MAX_FILE: u64 = 16 << 20;

/// The largest document jointly reads (a Word file to import, a reference document).
pub(crate) const MAX_DOCUMENT: u64 = 100 << 20;

/// The bytes of `path`; `Ok(None)` when it holds more than `limit`. Only a regular file (or a
/// link to one) is read: a device could fill memory, and opening a pipe waits for a writer.
fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, a device or a pipe)",
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Reads a project file, recording an error in `report` when it cannot be read.
pub(crate) fn source(path: &Path, display: &Path, report: &mut Report) -> Option<SourceFile> {
    let bytes = match read_at_most(path, MAX_FILE) {
        Ok(Some(bytes)) => bytes,
        // A project file far larger than any real one is a mistake (a log, an export), and
        // reading it would only use up memory before failing.
        Ok(None) => {
            report.push(
                Diagnostic::error(
                    "too-large",
                    display,
                    format!(
                        "this file is {} MB; jointly reads project files of up to {} MB",
                        std::fs::metadata(path).map_or(0, |m| m.len() >> 20),
                        MAX_FILE >> 20
                    ),
                )
                .help("is it the right file? An organisation's input is rarely more than a few hundred KB"),
            );
            return None;
        }
        Err(e) => {
            report.push(
                Diagnostic::error(
                    "unreadable-file",
                    display,
                    format!("cannot read this file: {e}"),
                )
                .help("check that the file exists and that you may read it"),
            );
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => match text.strip_prefix('\u{FEFF}') {
            Some(rest) => Some(SourceFile {
                bom: true,
                ..SourceFile::new(path, display, rest)
            }),
            None => Some(SourceFile::new(path, display, text)),
        },
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            report.add_source(display, Arc::from(text.as_str()));
            report.push(
                Diagnostic::error("not-utf8", display, "this file is not UTF-8 text")
                    .at(Some(valid..valid + 1))
                    .help("save the file as UTF-8 (in most editors: \"Save with encoding\")"),
            );
            None
        }
    }
}

/// True when `path` is a folder (or a link to one).
pub(crate) fn is_dir(path: &Path) -> bool {
    path.is_dir()
}

/// True when something is at `path` (a file, a folder, a link).
pub(crate) fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// Finds `jointly.toml` in `start` or a folder above it.
pub(crate) fn find_root(start: &Path) -> Result<PathBuf, Error> {
    let start = std::path::absolute(start).map_err(|e| Error::io(start, e))?;
    start
        .ancestors()
        .find(|dir| dir.join(config::FILE_NAME).is_file())
        .map(Path::to_path_buf)
        .ok_or(Error::NoProject { start })
}

/// The project in `root`, checked; `Err` carries every problem of every file.
pub fn project(root: &Path) -> Result<Project, Error> {
    let mut report = Report::new();
    match read_project(root, &mut report) {
        Some(mut project) if !report.has_errors() => {
            project.warnings = report;
            Ok(project)
        }
        _ => Err(Error::Invalid(report)),
    }
}

fn read_project(root: &Path, report: &mut Report) -> Option<Project> {
    let (config_file, config, questionnaire) = read_settings(root, report)?;
    let inputs: Vec<SourceFile> = input_paths(root, report)
        .iter()
        .filter_map(|path| {
            let display = Path::new(INPUTS_DIR).join(path.file_name().unwrap_or_default());
            source(path, &display, report)
        })
        .collect();
    let questionnaire = questionnaire?;
    let draft_path = root.join(draft::FILE_NAME);
    // An unreadable draft is reported, and the inputs are still checked.
    let draft = match draft_path.is_file() {
        true => source(&draft_path, Path::new(draft::FILE_NAME), report),
        false => None,
    };
    // The coalition's own texts; a path outside the project is refused by the config check.
    let texts: Vec<(&'static str, SourceFile)> = config
        .texts
        .files()
        .into_iter()
        .filter(|(_, path)| crate::config::inside_project(path.get_ref()))
        .filter_map(|(what, path)| {
            let display = Path::new(path.get_ref());
            let full = root.join(display);
            // A link may not lead a text out of the project.
            let outside = match (std::fs::canonicalize(&full), std::fs::canonicalize(root)) {
                (Ok(target), Ok(root)) => !target.starts_with(root),
                _ => false,
            };
            if outside {
                report.push(
                    Diagnostic::error(
                        "outside-project",
                        config::FILE_NAME,
                        format!("the {what} `{}` leads outside the project", path.get_ref()),
                    )
                    .at(Some(path.span()))
                    .help("copy the file into the project, and name the copy"),
                );
                return None;
            }
            let src = source(&full, display, report)?;
            if src.text.trim().is_empty() {
                report.push(
                    Diagnostic::warning("empty-text", display, format!("the {what} is empty"))
                        .help("write it, or take it out of [texts] in jointly.toml"),
                );
            }
            Some((what, src))
        })
        .collect();
    Project::check(
        root,
        (&config_file, config),
        questionnaire,
        &inputs,
        draft.as_ref(),
        &texts,
        report,
    )
}

/// Only `jointly.toml` and the questionnaire (for commands that do not need the inputs).
pub(crate) fn settings(root: &Path) -> Result<(Config, Questionnaire), Error> {
    let mut report = Report::new();
    match read_settings(root, &mut report) {
        Some((_, config, Some(q))) if !report.has_errors() => Ok((config, q)),
        _ => Err(Error::Invalid(report)),
    }
}

fn read_settings(
    root: &Path,
    report: &mut Report,
) -> Option<(SourceFile, Config, Option<Questionnaire>)> {
    let config_file = source(
        &root.join(config::FILE_NAME),
        Path::new(config::FILE_NAME),
        report,
    )?;
    let config: Config = config_file.parse(report)?;
    config.check(&config_file.display, report);
    let name = &config.submission.questionnaire;
    let builtins = Questionnaire::builtin_ids();
    if !builtins.contains(&name.get_ref().as_str()) && !root.join(name.get_ref()).is_file() {
        let help = match did_you_mean(name.get_ref(), builtins.iter().copied()) {
            Some(s) => format!("did you mean the built-in `{s}`?"),
            None => format!(
                "use a built-in questionnaire ({}) or the path of a questionnaire TOML file, relative to this file",
                builtins.join(", ")
            ),
        };
        report.push(
            Diagnostic::error(
                "unknown-questionnaire",
                &config_file.display,
                format!("no questionnaire `{}`", name.get_ref()),
            )
            .at(Some(name.span()))
            .label("neither a built-in questionnaire nor a file")
            .help(help),
        );
        return Some((config_file, config, None));
    }
    let questionnaire = questionnaire(name.get_ref(), root, report).map(|mut q| {
        localize(&mut q, &config, report);
        q
    });
    Some((config_file, config, questionnaire))
}

/// The questionnaire in the submission's language, with a warning when some of its texts are
/// not given in that language.
fn localize(q: &mut Questionnaire, config: &Config, report: &mut Report) {
    let language = config.language(q).to_string();
    let labels = config.labels(q);
    if let Some((missing, example)) = q.localize(&language, &labels) {
        let name = config.submission.questionnaire.get_ref();
        let file = match Questionnaire::builtin_ids().contains(&name.as_str()) {
            true => Path::new(config::FILE_NAME),
            false => Path::new(name.as_str()),
        };
        let original = q.original_language().to_string();
        report.push(
            Diagnostic::warning(
                "untranslated",
                file,
                format!(
                    "{missing} text{} of the questionnaire {} not given in `{language}`, so the submission shows {} as the questionnaire gives {} (such as “{}”)",
                    if missing == 1 { "" } else { "s" },
                    if missing == 1 { "is" } else { "are" },
                    if missing == 1 { "it" } else { "them" },
                    if missing == 1 { "it" } else { "them" },
                    match example.chars().count() > 60 {
                        true => example.chars().take(59).collect::<String>() + "…",
                        false => example,
                    },
                ),
            )
            .help(match config.submission.language.is_some() {
                true => format!(
                    "give each text in `{language}` too, e.g. `text = {{ {original} = \"…\", {language} = \"…\" }}`, or take `language` out of jointly.toml"
                ),
                false => format!(
                    "give each text in `{language}` too, e.g. `text = {{ {language} = \"…\" }}`, or set `language` in the questionnaire to the one its texts are in"
                ),
            }),
        );
    }
    // Without built-in labels, what the project does not word itself is English.
    if Labels::builtin(&language).is_none() {
        let keys = Labels::keys();
        let given = (config.labels.keys())
            .filter(|k| keys.contains(k.get_ref()))
            .count();
        let missing = keys.len() - given;
        if missing > 0 {
            report.push(
                Diagnostic::warning(
                    "no-labels",
                    config::FILE_NAME,
                    format!("jointly has no labels in `{language}`: {missing} of them stay in English"),
                )
                .help("word them under [labels] in jointly.toml (the README lists them), or choose ar, en, es, fr, ru or zh"),
            );
        }
    }
}

/// Where a new project finds the questionnaire `name`: a built-in id, or a file relative to the
/// project folder `dir` (both as given), or to `cwd` (as an absolute path).
pub(crate) fn locate_questionnaire(name: &str, dir: &Path, cwd: &Path) -> Option<QuestionnaireRef> {
    if Questionnaire::builtin_ids().contains(&name) {
        return Some(QuestionnaireRef::Builtin(name.to_string()));
    }
    // A path from the project's folder, as jointly.toml will read it; else from here.
    if dir.join(name).is_file() && crate::config::inside_project(name) {
        return Some(QuestionnaireRef::InProject(name.to_string()));
    }
    let path = std::path::absolute(cwd.join(name)).ok()?;
    if !path.is_file() {
        return None;
    }
    let project = std::path::absolute(dir).ok()?;
    Some(match path.strip_prefix(&project) {
        Ok(inside) => QuestionnaireRef::InProject(inside.display().to_string()),
        Err(_) => QuestionnaireRef::Elsewhere(path),
    })
}

/// Where a new project's questionnaire is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum QuestionnaireRef {
    /// Built in, by id.
    Builtin(String),
    /// A file inside the project, by its path from the project's folder.
    InProject(String),
    /// A file elsewhere: the project gets a copy, so it works on a colleague's machine too.
    Elsewhere(PathBuf),
}

/// A questionnaire by built-in id, or by path relative to `base`.
pub(crate) fn questionnaire(name: &str, base: &Path, report: &mut Report) -> Option<Questionnaire> {
    match Questionnaire::builtin(name) {
        Some(q) => Some(q),
        None => Questionnaire::parse(&source(&base.join(name), Path::new(name), report)?, report),
    }
}

/// Every `*.toml` file in `inputs/`, sorted by name.
fn input_paths(root: &Path, report: &mut Report) -> Vec<PathBuf> {
    let entries = match std::fs::read_dir(root.join(INPUTS_DIR)) {
        Ok(entries) => entries,
        Err(e) => {
            report.push(
                Diagnostic::error("no-inputs-folder", INPUTS_DIR, format!("cannot read the inputs folder: {e}"))
                    .help("create it (`mkdir inputs`) and add one file per organisation, e.g. with `jointly template --org NAME`"),
            );
            return Vec::new();
        }
    };
    // Anything named *.toml that is not a folder: a broken link must be reported, not skipped.
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
}

/// Every input in a project's `inputs/` that names its organisation, sorted by file name.
/// Files with errors are left out: this is for choosing an organisation, not checking.
pub(crate) fn input_summaries(root: &Path) -> Vec<InputSummary> {
    input_paths(root, &mut Report::new())
        .into_iter()
        .filter_map(|path| summary(&path))
        .collect()
}

/// The organisation the input file at `path` names, if it can be read and parsed.
fn summary(path: &Path) -> Option<InputSummary> {
    let bytes = read_at_most(path, MAX_FILE).ok()??;
    let text = std::str::from_utf8(&bytes).ok()?;
    InputSummary::parse(path, text.strip_prefix('\u{FEFF}').unwrap_or(text))
}

/// An input file, open for editing; a file that is not valid TOML is reported with its place.
pub fn input_doc(path: &Path, display: &Path) -> Result<InputDoc, Error> {
    let mut report = Report::new();
    let src = source(path, display, &mut report).ok_or_else(|| Error::Invalid(report.clone()))?;
    InputDoc::parse(&src, &mut report).ok_or(Error::Invalid(report))
}

/// Where a new organisation's input goes: `inputs/<slug>.toml`, or `<slug>-2.toml`... when
/// another organisation's file has that name. The same organisation's existing file is an
/// error: its answers must not be replaced.
pub(crate) fn free_input_path(
    dir: &Path,
    name: &str,
    short: Option<&str>,
) -> Result<PathBuf, Error> {
    let slug = crate::text::slug(short.unwrap_or(name));
    for n in 1.. {
        let file = match n {
            1 => format!("{slug}.toml"),
            n => format!("{slug}-{n}.toml"),
        };
        let path = dir.join(file);
        if !path.exists() {
            return Ok(path);
        }
        let same =
            summary(&path).is_some_and(|o| o.matches(name) || short.is_some_and(|s| o.matches(s)));
        if same {
            return Err(Error::Exists {
                path,
                help: format!(
                    "{name} has an input file already; edit it, or pass -o to write elsewhere"
                ),
            });
        }
    }
    unreachable!("some numbered name is free")
}

/// The project's own templates, by name: the `.md` files in its `templates/` folder (not
/// hidden ones, which editors and file managers leave there).
pub(crate) fn template_overrides(root: &Path) -> Result<Vec<(String, String)>, Error> {
    let dir = root.join(crate::project::TEMPLATES_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") && !name.starts_with('.') && entry.path().is_file() {
            out.push((name, text(&entry.path(), MAX_FILE)?));
        }
    }
    Ok(out)
}

/// A file's bytes, refused when larger than `limit` with `help` to say what to do instead.
pub(crate) fn bytes(path: &Path, limit: u64, help: &str) -> Result<Vec<u8>, Error> {
    read_at_most(path, limit)
        .map_err(|e| Error::io(path, e))?
        .ok_or_else(|| Error::Usage {
            message: format!(
                "`{}` is over {} MB, more than jointly reads",
                path.display(),
                limit >> 20
            ),
            help: help.to_string(),
        })
}

/// A UTF-8 text file, refused when larger than `limit`.
pub(crate) fn text(path: &Path, limit: u64) -> Result<String, Error> {
    let bytes = bytes(path, limit, "is it the right file?")?;
    String::from_utf8(bytes).map_err(|_| Error::not_utf8(path))
}

/// The approved text with this fingerprint, if `jointly approve` kept it.
pub(crate) fn approved_text(
    root: &Path,
    fingerprint: &str,
) -> Result<Option<crate::signoff::ApprovedText>, Error> {
    let name = crate::signoff::ApprovedText::file_name(fingerprint);
    let display = Path::new(crate::signoff::APPROVED_DIR).join(&name);
    let path = root.join(&display);
    if !path.is_file() {
        return Ok(None);
    }
    let mut report = Report::new();
    let src = source(&path, &display, &mut report).ok_or_else(|| Error::Invalid(report.clone()))?;
    match src.parse::<crate::signoff::ApprovedText>(&mut report) {
        Some(text) if text.fingerprint == fingerprint => Ok(Some(text)),
        Some(_) => Ok(None),
        None => Err(Error::Invalid(report)),
    }
}

/// Where an organisation's last drafting session stopped; `None` when unknown (a place that
/// cannot be read only means starting at the first unanswered question).
pub(crate) fn place(path: &Path) -> Option<crate::input_file::Place> {
    let text = text(path, 64 << 10).ok()?;
    toml::from_str(&text).ok()
}

/// The fingerprints of the approved texts kept in `.jointly/approved/`, by their files' names.
pub(crate) fn approved_fingerprints(root: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join(crate::signoff::APPROVED_DIR)) else {
        return Vec::new();
    };
    let mut out: Vec<String> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let hex = name.strip_suffix(".toml")?;
            (hex.len() == 64 && hex.chars().all(|c| c.is_ascii_hexdigit()))
                .then(|| format!("sha256:{hex}"))
        })
        .collect();
    out.sort();
    out
}

/// The top of the git repository `dir` is in (the folder holding `.git`), if it is in one.
pub(crate) fn git_root(dir: &Path) -> Option<PathBuf> {
    let dir = std::path::absolute(dir).ok()?;
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .map(Path::to_path_buf)
}
