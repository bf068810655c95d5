//! `jointly templates export`: the built-in templates, written out to be edited.

use std::path::Path;

use crate::cli::TemplatesCommand;
use crate::error::Error;
use crate::fsx;
use crate::project::Project;
use crate::render::markdown::{DEFAULT_TEMPLATES, OVERRIDE_DIR};

pub(super) fn run(cwd: &Path, cmd: TemplatesCommand) -> Result<(), Error> {
    let TemplatesCommand::Export { force } = cmd;
    let root = Project::find_root(cwd)?;
    let dir = root.join(OVERRIDE_DIR);
    fsx::create_dir(&dir)?;
    for (name, text) in DEFAULT_TEMPLATES {
        let path = dir.join(name);
        if path.exists() && !force {
            return Err(Error::Exists {
                path,
                help: "pass --force to replace it with the built-in version".into(),
            });
        }
        fsx::write_atomic(&path, text.as_bytes())?;
        println!("wrote {}", super::shown(&path));
    }
    println!("jointly now renders with these files; delete one to go back to the built-in version");
    Ok(())
}
