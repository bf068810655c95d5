//! `jointly draft`: the interactive session, from choosing (or creating) the organisation to
//! the closing summary. The flow itself is [`crate::session`]; the terminal is
//! [`crate::prompt`].

use std::path::Path;

use crate::cli::DraftArgs;
use crate::error::Error;
use crate::input_edit::{InputDoc, NewOrg};
use crate::input_file::Stakeholder;
use crate::project::{INPUTS_DIR, InputSummary};
use crate::prompt::{self, Prompter, Terminal};
use crate::session::Session;

pub(super) fn run(cwd: &Path, args: DraftArgs) -> Result<(), Error> {
    let root = crate::load::find_root(cwd)?;
    let (config, questionnaire) = crate::load::settings(&root)?;
    if !prompt::is_interactive() {
        return Err(Error::Usage {
            message: "`jointly draft` asks questions, so it needs a terminal".into(),
            help: "in a script, set each answer with `jointly answer --org SHORT q3 [--line C2] [--file answer.md | -]`, and remove one with `jointly answer --org SHORT q3 --clear`".into(),
        });
    }
    let mut term = Terminal::new(crate::session::INTERRUPTED);
    let inputs = crate::load::input_summaries(&root);
    let chosen = match &args.org {
        Some(query) => inputs
            .iter()
            .find(|o| o.matches(query))
            .cloned()
            .map(Ok)
            .unwrap_or_else(|| Err(query.clone())),
        None if inputs.is_empty() => Err(String::new()),
        None => {
            let mut items: Vec<String> = inputs.iter().map(InputSummary::display).collect();
            items.push("A new organisation…".into());
            let i = term
                .choose("Which organisation are you answering for?", &items, 0)
                .map_err(interrupted)?;
            inputs
                .get(i)
                .cloned()
                .map(Ok)
                .unwrap_or_else(|| Err(String::new()))
        }
    };
    let title = config.title(&questionnaire).to_string();
    let (doc, display, key) = match chosen {
        Ok(org) => {
            let display = super::shown(&org.path);
            term.show(&format!("Answering for {} ({display}).", org.display()));
            (
                crate::load::input_doc(&org.path, Path::new(&display))?,
                display,
                org.short_name.clone().unwrap_or_else(|| org.name.clone()),
            )
        }
        Err(name) => {
            term.show(
                "A new organisation: a few details first (they go at the top of its input file).",
            );
            let org = ask_details(&mut term, &name).map_err(interrupted)?;
            let path = crate::load::free_input_path(
                &root.join(INPUTS_DIR),
                &org.name,
                org.short_name.as_deref(),
            )?;
            let doc = InputDoc::create(&path, &org, &questionnaire, &title)?;
            let help = "another session just created it: run `jointly draft` again to answer in it";
            crate::save::write_new(doc.path(), doc.text().as_bytes(), help)?;
            let display = super::shown(&path);
            term.show(&format!("Created {display}."));
            let key = org.short_name.clone().unwrap_or_else(|| org.name.clone());
            (doc, display, key)
        }
    };
    // Where this organisation's session stopped last time, kept beside the project's files.
    let file_name = doc.path().file_name().unwrap_or_default().to_owned();
    let place_file = root.join(crate::input_file::PLACES_DIR).join(file_name);
    let last = crate::load::place(&place_file);
    Session::new(
        &mut term,
        &questionnaire,
        doc,
        display,
        prompt::editor().is_some(),
    )
    .org(&key)
    .place(place_file, last)
    .run()?;
    Ok(())
}

/// Name, short name, country, stakeholder group, contact, co-signing.
fn ask_details(p: &mut dyn Prompter, name: &str) -> std::io::Result<NewOrg> {
    let name = p.ask("Organisation's full name", Some(name), &|s| {
        if s.trim().is_empty() {
            Err("the name cannot be empty".into())
        } else {
            one_line(s)
        }
    })?;
    let short = p.ask("Short name or abbreviation (optional)", Some(""), &one_line)?;
    let country = p.ask("Country or region (optional)", Some(""), &one_line)?;
    let mut groups: Vec<String> = Stakeholder::ALL
        .iter()
        .map(|s| s.as_str().to_string())
        .collect();
    groups.push("(skip)".into());
    let g = p.choose("Stakeholder group", &groups, 0)?;
    let contact = p.ask("Contact email (optional)", Some(""), &|s| {
        let s = s.trim();
        if s.is_empty() || looks_like_email(s) {
            Ok(())
        } else {
            Err(format!(
                "`{s}` does not look like an email address (name@example.org)"
            ))
        }
    })?;
    let signs = p.confirm("Does the organisation co-sign the joint submission?", true)?;
    let opt = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    Ok(NewOrg {
        name: name.trim().to_string(),
        short_name: opt(short),
        country: opt(country),
        stakeholder: Stakeholder::ALL.get(g).copied(),
        contact: opt(contact),
        signs,
    })
}

/// Names go into every format and onto the terminal: one line, no control characters.
fn one_line(s: &str) -> Result<(), String> {
    match s.chars().any(char::is_control) {
        true => Err("it holds a control character: type it on one line".into()),
        false => Ok(()),
    }
}

/// `local@domain.tld`, no spaces: the shape, not deliverability.
fn looks_like_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !s.contains(char::is_whitespace)
        && !domain.contains('@')
        && domain.split('.').count() >= 2
        && domain.split('.').all(|p| !p.is_empty())
}

fn interrupted(e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::Interrupted {
        return Error::Interrupted(crate::session::INTERRUPTED.into());
    }
    Error::Usage {
        message: format!("the session ended: {e}"),
        help: "nothing was half-written; run `jointly draft` again to continue".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::looks_like_email;

    #[test]
    fn email_shape() {
        assert!(looks_like_email("policy@example.org"));
        for bad in [
            "policy", "a@b", "a @b.org", "@b.org", "a@b..org", "a@@b.org",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }
}
