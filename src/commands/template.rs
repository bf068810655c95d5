//! `jointly template`: a blank input file to send to an organisation.

use std::path::{Path, PathBuf};

use crate::cli::TemplateArgs;
use crate::draft::toml_string;
use crate::error::Error;
use crate::fsx;
use crate::project::{INPUTS_DIR, Project};
use crate::questionnaire::{AnswerKind, Questionnaire};
use crate::text::slug;

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
        None => free_path(
            &root.join(INPUTS_DIR),
            &slug(short.unwrap_or(name)),
            name,
            short,
        )?,
    };
    let title = config
        .submission
        .title
        .as_deref()
        .unwrap_or(&questionnaire.title);
    fsx::create_dir(path.parent().unwrap_or(&root))?;
    fsx::write_new(
        &path,
        blank_input(&questionnaire, title, name, short).as_bytes(),
    )?;
    println!(
        "wrote {}: send it to {name}, or fill it in with `jointly draft --org {}`",
        super::shown(&path),
        short.unwrap_or(name)
    );
    Ok(())
}

/// `inputs/<slug>.toml`, or `<slug>-2.toml`... when another organisation's file has that name.
/// The same organisation's existing file is an error: its answers must not be replaced.
fn free_path(dir: &Path, slug: &str, name: &str, short: Option<&str>) -> Result<PathBuf, Error> {
    for n in 1.. {
        let file = if n == 1 {
            format!("{slug}.toml")
        } else {
            format!("{slug}-{n}.toml")
        };
        let path = dir.join(file);
        if !path.exists() {
            return Ok(path);
        }
        if names_org(&path, name, short) {
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

fn names_org(path: &Path, name: &str, short: Option<&str>) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let Ok(table) = text.parse::<toml::Table>() else {
        return false;
    };
    let Some(org) = table.get("organisation").and_then(|o| o.as_table()) else {
        return false;
    };
    let same = |key: &str, value: &str| {
        org.get(key)
            .and_then(|v| v.as_str())
            .is_some_and(|v| v.eq_ignore_ascii_case(value))
    };
    same("name", name) || short.is_some_and(|s| same("short_name", s))
}

/// The blank input: organisation details, then every question as comments over an empty answer.
pub fn blank_input(q: &Questionnaire, title: &str, name: &str, short: Option<&str>) -> String {
    let mut out = format!(
        "# {name}'s input to the joint submission \"{title}\".\n\
         #\n\
         # Write each answer in Markdown between the triple quotes: paragraphs, - bullet lists,\n\
         # 1. numbered lists, [links](https://example.org), **bold**, *italic*, > quotes, footnotes[^1].\n\
         # Leave an answer empty to skip the question. Lines starting with # are comments.\n\n\
         [organisation]\n\
         name = {}\n",
        toml_string(name)
    );
    match short {
        Some(s) => out.push_str(&format!("short_name = {}\n", toml_string(s))),
        None => out.push_str(
            "# short_name = \"ABBR\"             # the signatory line then reads \"Name (ABBR)\"\n",
        ),
    }
    out.push_str(
        "signs = true                      # false: contribute text without co-signing\n\
         # country = \"\"\n\
         # stakeholder = \"civil-society\"   # civil-society | private-sector | technical-community | academia | government | intergovernmental\n\
         # contact = \"policy@example.org\"\n\
         # website = \"https://example.org\"\n",
    );
    let codes = q.codes();
    for section in &q.sections {
        out.push_str(&format!("\n# ===== {} =====\n", section.title));
        for question in &section.questions {
            let id = question.id();
            out.push('\n');
            for line in wrap(&format!("{}. {}", question.number, question.text), 94) {
                out.push_str(&format!("# {line}\n"));
            }
            if let Some(g) = &question.guidance {
                for line in wrap(g, 92) {
                    out.push_str(&format!("#   {line}\n"));
                }
            }
            for link in &question.links {
                out.push_str(&format!("#   {}\n", link.url));
            }
            match (question.max_words, question.max_chars) {
                (Some(w), Some(c)) => {
                    out.push_str(&format!("#   Limit: {w} words, {c} characters.\n"))
                }
                (Some(w), None) => out.push_str(&format!("#   Limit: {w} words.\n")),
                (None, Some(c)) => out.push_str(&format!("#   Limit: {c} characters.\n")),
                (None, None) => {}
            }
            out.push_str(&format!("[answers.{id}]\n"));
            match question.kind {
                AnswerKind::Text => out.push_str("text = \"\"\"\n\"\"\"\n"),
                AnswerKind::ActionLines => {
                    out.push_str(
                        "# Optional text before the action-line bullets:\ntext = \"\"\"\n\"\"\"\n",
                    );
                    out.push_str("# Optional text after them:\nclosing = \"\"\"\n\"\"\"\n");
                    out.push_str(&format!(
                        "# One entry per action line you answer; uncomment the ones you need.\n[answers.{id}.action_lines]\n"
                    ));
                    for c in &codes {
                        let key = if c.code.contains('.') {
                            format!("\"{}\"", c.code)
                        } else {
                            c.code.clone()
                        };
                        out.push_str(&format!("# {key} = \"\"\" \"\"\"    # {}\n", c.label));
                    }
                }
            }
        }
    }
    out
}

fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().expect("never empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}
