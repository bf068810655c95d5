//! `jointly template`: a blank input file to send to an organisation.

use std::path::Path;

use crate::cli::{TemplateArgs, TemplateFormat};
use crate::config::Config;
use crate::draft::Slot;
use crate::error::Error;
use crate::project::INPUTS_DIR;
use crate::project::InputSummary;
use crate::questionnaire::Questionnaire;
use crate::save;

pub(super) fn run(cwd: &Path, args: TemplateArgs) -> Result<(), Error> {
    let root = crate::load::find_root(cwd)?;
    let (config, questionnaire) = crate::load::settings(&root)?;
    if args.format == TemplateFormat::Docx {
        return forms(cwd, &root, &config, &questionnaire, &args);
    }
    if args.all {
        return Err(Error::Usage {
            message: "`--all` writes Word forms".into(),
            help: "add `--format docx`, or give one organisation with --org".into(),
        });
    }
    let name = args.org.as_deref().unwrap_or_default().trim();
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

/// The folder Word forms are written to.
const FORMS_DIR: &str = "forms";

/// Word forms: for one organisation (of inputs/, with its answers, or a new one), or for all.
fn forms(
    cwd: &Path,
    root: &Path,
    config: &Config,
    questionnaire: &Questionnaire,
    args: &TemplateArgs,
) -> Result<(), Error> {
    let inputs = crate::load::input_summaries(root);
    let chosen: Vec<(String, Option<&InputSummary>)> = match args.org.as_deref() {
        _ if args.all => {
            if inputs.is_empty() {
                return Err(Error::Usage {
                    message: "inputs/ has no organisation to write a form for".into(),
                    help: "give one with --org \"Full name\"".into(),
                });
            }
            inputs.iter().map(|i| (i.name.clone(), Some(i))).collect()
        }
        Some(query) => {
            let found = inputs.iter().find(|i| i.matches(query));
            vec![(
                found.map_or_else(|| query.trim().to_string(), |i| i.name.clone()),
                found,
            )]
        }
        None => Vec::new(),
    };
    for (name, input) in chosen {
        let doc = match input {
            Some(i) => Some(crate::load::input_doc(&i.path, &i.path)?),
            None => None,
        };
        let short = input
            .and_then(|i| i.short_name.clone())
            .or(args.short.clone());
        let stem = match input {
            Some(i) => i.path.file_stem().map(|s| s.to_string_lossy().into_owned()),
            None => None,
        }
        .unwrap_or_else(|| crate::text::slug(short.as_deref().unwrap_or(&name)));
        let path = match &args.output {
            Some(p) if !args.all => cwd.join(p),
            _ => root.join(FORMS_DIR).join(format!("{stem}.docx")),
        };
        let answer = |question: &str, slot: &Slot| doc.as_ref()?.answer(question, slot);
        let mut organisation = vec![match &short {
            Some(s) if s != &name => format!("{name} ({s})"),
            _ => name.clone(),
        }];
        organisation.extend(doc.as_ref().and_then(|d| d.organisation_field("contact")));
        let labels = config.labels(questionnaire);
        let form = crate::render::docx::Form {
            title: config.title(questionnaire),
            questionnaire,
            labels: &labels,
            language: config.language(questionnaire),
            organisation,
            answer: &answer,
        };
        let bytes =
            crate::render::docx::render_form(&form, &config.output.docx, &super::timestamp_now())?;
        save::create_dir(path.parent().unwrap_or(root))?;
        // A form may have come back and been saved here: it is never replaced.
        save::write_new(
            &path,
            &bytes,
            "move it away first (it may be a filled-in form), or choose another file with -o",
        )?;
        let quoted = |s: &str| format!("\"{}\"", s.replace('"', "\\\""));
        let import = match input {
            // Its answers are in its input already: the returned form's replace them.
            Some(_) => format!(
                "--org {} --replace",
                quoted(short.as_deref().unwrap_or(&name))
            ),
            None => match &short {
                Some(s) => format!("--org {} --name {}", quoted(s), quoted(&name)),
                None => format!("--org {}", quoted(&name)),
            },
        };
        super::say(format!(
            "wrote {}: send it to {name}; when it comes back, `jointly import FILE {import}`",
            super::shown(&path),
        ));
    }
    Ok(())
}
