//! `jointly template`: a blank input file to send to an organisation.

use std::path::Path;

use crate::cli::TemplateArgs;
use crate::error::Error;
use crate::project::INPUTS_DIR;
use crate::save;

pub(super) fn run(cwd: &Path, args: TemplateArgs) -> Result<(), Error> {
    let root = crate::load::find_root(cwd)?;
    let (config, questionnaire) = crate::load::settings(&root)?;
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
        None => crate::load::free_input_path(&root.join(INPUTS_DIR), name, short)?,
    };
    let title = config.title(&questionnaire);
    save::create_dir(path.parent().unwrap_or(&root))?;
    save::write_new(
        &path,
        crate::input_edit::blank_input(
            &questionnaire,
            title,
            &crate::input_edit::NewOrg {
                name: name.to_string(),
                short_name: short.map(str::to_string),
                signs: true,
                ..Default::default()
            },
        )
        .as_bytes(),
        "move it away first, or choose another name with -o",
    )?;
    super::say(format!(
        "wrote {}: send it to {name}, or fill it in with `jointly draft --org {}`",
        super::shown(&path),
        short.unwrap_or(name)
    ));
    Ok(())
}
