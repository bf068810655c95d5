//! `jointly init`: a new project folder.

use std::path::Path;

use crate::cli::{GitHost, InitArgs};
use crate::config::{self, new_project_file};
use crate::diag::Report;
use crate::error::Error;
use crate::load::{self, QuestionnaireRef};
use crate::project::INPUTS_DIR;
use crate::questionnaire::Questionnaire;
use crate::save;

/// Built files, and the place each organisation's drafting session stopped, stay out of git.
const GITIGNORE: &str = "# Written by `jointly init`.\n/out/\n/.jointly/draft/\n";

/// TOML files keep the line endings their authors' editors wrote (git would otherwise change
/// them on checkout); Word files are never merged as text.
const GITATTRIBUTES: &str = "# Written by `jointly init`.\n*.toml -text\n*.docx binary\n";

const GITHUB_WORKFLOW: &str = include_str!("../../templates/ci/github.yml");
const GITLAB_WORKFLOW: &str = include_str!("../../templates/ci/gitlab.yml");

/// A workflow for this version of jointly, for a project in `folder` of its repository.
fn workflow(template: &str, folder: &str) -> String {
    let releases = format!("{}/releases", env!("CARGO_PKG_REPOSITORY"));
    template
        .replace("{{version}}", env!("CARGO_PKG_VERSION"))
        .replace("{{releases}}", &releases)
        .replace("{{folder}}", folder)
}

/// Writes a file unless there is one: a project's own `.gitignore` is never replaced.
fn write_if_absent(path: &Path, text: &str) -> Result<(), Error> {
    if load::exists(path) {
        super::say(format!("kept the {} that is there", super::shown(path)));
        return Ok(());
    }
    save::write_new(path, text.as_bytes(), "it was just created by someone else")?;
    super::say(format!("wrote {}", super::shown(path)));
    Ok(())
}

/// Where a questionnaire from outside the project is copied to.
const COPIED_QUESTIONNAIRE: &str = "questionnaire.toml";

pub(super) fn run(cwd: &Path, args: InitArgs) -> Result<(), Error> {
    let dir = cwd.join(&args.dir);
    let config_path = dir.join(config::FILE_NAME);
    // The questionnaire must load before we write anything.
    let Some(located) = load::locate_questionnaire(&args.questionnaire, &dir, cwd) else {
        return Err(Error::Usage {
            message: format!("no questionnaire `{}`", args.questionnaire),
            help: format!(
                "give a built-in id ({}) or the path of a questionnaire TOML file",
                Questionnaire::builtin_ids().join(", ")
            ),
        });
    };
    // A questionnaire from elsewhere is copied into the project, so that the project works
    // on a colleague's machine too.
    let (questionnaire_ref, copy) = match located {
        QuestionnaireRef::Builtin(id) | QuestionnaireRef::InProject(id) => (id, None),
        QuestionnaireRef::Elsewhere(path) => {
            let bytes = load::bytes(
                &path,
                load::MAX_FILE,
                "a questionnaire is a small TOML file",
            )?;
            (COPIED_QUESTIONNAIRE.to_string(), Some((path, bytes)))
        }
    };
    let mut report = Report::new();
    let questionnaire = match &copy {
        Some((path, bytes)) => {
            let text = String::from_utf8(bytes.clone()).map_err(|_| Error::not_utf8(path))?;
            let source = crate::source::SourceFile::new(path, path, text);
            Questionnaire::parse(&source, &mut report)
        }
        None => load::questionnaire(&questionnaire_ref, &dir, &mut report),
    }
    .ok_or(Error::Invalid(report))?;
    let title = args
        .title
        .unwrap_or_else(|| questionnaire.title.to_string());
    if copy.is_some() && load::exists(&dir.join(COPIED_QUESTIONNAIRE)) {
        return Err(Error::Usage {
            message: format!("the project folder has a {COPIED_QUESTIONNAIRE} already"),
            help: format!(
                "give that one (--questionnaire {COPIED_QUESTIONNAIRE}), or move it away first"
            ),
        });
    }
    save::create_dir(&dir)?;
    save::write_new(
        &config_path,
        new_project_file(&title, &questionnaire_ref, args.lead.as_deref()).as_bytes(),
        "this folder is a jointly project already; edit jointly.toml instead",
    )?;
    if let Some((path, bytes)) = &copy {
        let target = dir.join(COPIED_QUESTIONNAIRE);
        save::write_new(
            &target,
            bytes,
            "remove it, or give the questionnaire that is there",
        )?;
        super::say(format!(
            "copied {} to {}, so that the project travels whole",
            path.display(),
            super::shown(&target)
        ));
    }
    save::create_dir(&dir.join(INPUTS_DIR))?;
    for (name, text) in [(".gitignore", GITIGNORE), (".gitattributes", GITATTRIBUTES)] {
        write_if_absent(&dir.join(name), text)?;
    }
    if let Some(host) = args.ci {
        let (path, template) = match host {
            GitHost::Github => (".github/workflows/jointly.yml", GITHUB_WORKFLOW),
            GitHost::Gitlab => (".gitlab-ci.yml", GITLAB_WORKFLOW),
        };
        // A git host reads workflows from the top of the repository, which may hold the
        // project in a folder; outside a repository yet, the project is its top.
        let top = load::git_root(&dir).unwrap_or_else(|| dir.clone());
        let folder = std::path::absolute(&dir)
            .ok()
            .and_then(|d| {
                Some(
                    d.strip_prefix(std::path::absolute(&top).ok()?)
                        .ok()?
                        .to_path_buf(),
                )
            })
            .filter(|f| !f.as_os_str().is_empty())
            .map_or_else(
                || ".".to_string(),
                |f| {
                    f.iter()
                        .map(|p| p.to_string_lossy().into_owned())
                        .collect::<Vec<_>>()
                        .join("/")
                },
            );
        let path = top.join(path);
        if let Some(parent) = path.parent() {
            save::create_dir(parent)?;
        }
        write_if_absent(&path, &workflow(template, &folder))?;
    }
    super::say(format!(
        "created {} for \"{}\" ({} questions)",
        super::shown(&config_path),
        title,
        questionnaire.questions().count()
    ));
    super::say(
        "next: `jointly template --org \"Organisation name\" --short ABBR` for each organisation",
    );
    Ok(())
}
