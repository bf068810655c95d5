//! `jointly templates export`: the built-in templates, written out to be edited.

use std::path::Path;

use crate::cli::TemplatesCommand;
use crate::error::Error;
use crate::project::TEMPLATES_DIR;
use crate::render::markdown::DEFAULT_TEMPLATES;
use crate::save;

pub(super) fn run(cwd: &Path, cmd: TemplatesCommand) -> Result<(), Error> {
    let TemplatesCommand::Export { force } = cmd;
    let root = crate::load::find_root(cwd)?;
    let dir = root.join(TEMPLATES_DIR);
    save::create_dir(&dir)?;
    for (name, text) in DEFAULT_TEMPLATES {
        let path = dir.join(name);
        if force {
            save::write_atomic(&path, text.as_bytes())?;
        } else {
            let help = "pass --force to replace it with the built-in version";
            save::write_new(&path, text.as_bytes(), help)?;
        }
        super::say(format!("wrote {}", super::shown(&path)));
    }
    super::say(
        "jointly now renders with these files; delete one to go back to the built-in version",
    );
    Ok(())
}
