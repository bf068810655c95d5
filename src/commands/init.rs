//! `jointly init`: a new project folder.

use std::path::Path;

use crate::cli::InitArgs;
use crate::config::{self, new_project_file};
use crate::diag::Report;
use crate::error::Error;
use crate::fsx;
use crate::project::INPUTS_DIR;
use crate::questionnaire::{BUILTIN, Questionnaire};

pub(super) fn run(cwd: &Path, args: InitArgs) -> Result<(), Error> {
    let dir = cwd.join(&args.dir);
    let config_path = dir.join(config::FILE_NAME);
    if config_path.exists() {
        return Err(Error::Exists {
            path: config_path,
            help: "this folder is a jointly project already; edit jointly.toml instead".into(),
        });
    }
    // The questionnaire must load before we write anything: a built-in id, or a file (relative
    // to the new project, or to where the user is).
    let mut report = Report::new();
    let is_builtin = BUILTIN.iter().any(|(id, _)| *id == args.questionnaire);
    let questionnaire_ref = if is_builtin || dir.join(&args.questionnaire).is_file() {
        args.questionnaire.clone()
    } else if Path::new(&args.questionnaire).is_file() {
        std::path::absolute(&args.questionnaire)
            .map_err(|e| Error::io(Path::new(&args.questionnaire), e))?
            .display()
            .to_string()
    } else {
        return Err(Error::Usage {
            message: format!("no questionnaire `{}`", args.questionnaire),
            help: format!(
                "give a built-in id ({}) or the path of a questionnaire TOML file",
                BUILTIN
                    .iter()
                    .map(|(i, _)| *i)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    };
    let questionnaire =
        Questionnaire::load(&questionnaire_ref, &dir, &mut report).ok_or(Error::Invalid(report))?;
    let title = args.title.unwrap_or_else(|| questionnaire.title.clone());
    fsx::create_dir(&dir.join(INPUTS_DIR))?;
    fsx::write_new(
        &config_path,
        new_project_file(&title, &questionnaire_ref, args.lead.as_deref()).as_bytes(),
    )?;
    println!(
        "created {} for \"{}\" ({} questions)",
        super::shown(&config_path),
        title,
        questionnaire.questions().count()
    );
    println!(
        "next: `jointly template --org \"Organisation name\" --short ABBR` for each organisation"
    );
    Ok(())
}
