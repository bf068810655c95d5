//! `jointly template`: a blank input file to send to an organisation.

use std::path::Path;

use crate::cli::TemplateArgs;
use crate::error::Error;
use crate::fsx;
use crate::project::{INPUTS_DIR, Project};

pub(super) fn run(cwd: &Path, args: TemplateArgs) -> Result<(), Error> {
    let root = Project::find_root(cwd)?;
    let (config, questionnaire) = Project::load_settings(&root)?;
    let name = args.org.trim();
    if name.is_empty() {
        return Err(Error::Usage {
            message: "the organisation's name is empty".into(),
            help: "pass --org \"Full name\"".into(),
        });
    }
    let short = args
        .short
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let path = match args.output {
        Some(p) => cwd.join(p),
        None => crate::store::new_input_path(&root.join(INPUTS_DIR), name, short)?,
    };
    let title = config
        .submission
        .title
        .as_deref()
        .unwrap_or(&questionnaire.title);
    fsx::create_dir(path.parent().unwrap_or(&root))?;
    fsx::write_new(
        &path,
        crate::store::blank_input(
            &questionnaire,
            title,
            &crate::store::NewOrg {
                name: name.to_string(),
                short_name: short.map(str::to_string),
                signs: true,
                ..Default::default()
            },
        )
        .as_bytes(),
    )?;
    println!(
        "wrote {}: send it to {name}, or fill it in with `jointly draft --org {}`",
        super::shown(&path),
        short.unwrap_or(name)
    );
    Ok(())
}
