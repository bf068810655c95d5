//! `jointly init`: a new project folder.

use std::path::Path;

use crate::cli::InitArgs;
use crate::config::{self, new_project_file};
use crate::diag::Report;
use crate::error::Error;
use crate::load;
use crate::project::INPUTS_DIR;
use crate::questionnaire::Questionnaire;
use crate::save;

pub(super) fn run(cwd: &Path, args: InitArgs) -> Result<(), Error> {
    let dir = cwd.join(&args.dir);
    let config_path = dir.join(config::FILE_NAME);
    // The questionnaire must load before we write anything.
    let Some(questionnaire_ref) = load::locate_questionnaire(&args.questionnaire, &dir, cwd) else {
        return Err(Error::Usage {
            message: format!("no questionnaire `{}`", args.questionnaire),
            help: format!(
                "give a built-in id ({}) or the path of a questionnaire TOML file",
                Questionnaire::builtin_ids().join(", ")
            ),
        });
    };
    let mut report = Report::new();
    let questionnaire =
        load::questionnaire(&questionnaire_ref, &dir, &mut report).ok_or(Error::Invalid(report))?;
    let title = args.title.unwrap_or_else(|| questionnaire.title.clone());
    save::create_dir(&dir)?;
    save::write_new(
        &config_path,
        new_project_file(&title, &questionnaire_ref, args.lead.as_deref()).as_bytes(),
        "this folder is a jointly project already; edit jointly.toml instead",
    )?;
    save::create_dir(&dir.join(INPUTS_DIR))?;
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
