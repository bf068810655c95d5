//! `jointly diff`: what changed in the joint text since an organisation approved it, question
//! by question, as a word diff.

use std::path::Path;

use anstyle::{AnsiColor, Effects, Style};
use similar::ChangeTag;

use crate::cli::{DiffArgs, DiffFormat};
use crate::error::Error;
use crate::project::Project;
use crate::signoff::{ApprovedText, fingerprint};
use crate::submission::{Mode, Submission, joint_draft};

pub(super) fn run(cwd: &Path, args: DiffArgs) -> Result<(), Error> {
    let project = super::load_project(cwd)?;
    let (draft, _) = joint_draft(&project);
    let submission = Submission::build(&project, &draft, Mode::Final);
    let templates = crate::load::template_overrides(&project.root)?;
    let current = fingerprint(&submission, &templates)?;
    let (who, approved) = approval(&project, args.since.as_deref(), &current.text)?;
    if approved == current.text {
        super::say(format!(
            "{who} approved the current text: nothing changed since"
        ));
        return Ok(());
    }
    let Some(before) = crate::load::approved_text(&project.root, &approved)? else {
        return Err(Error::Usage {
            message: format!("no copy of the text {who} approved ({}) is kept", short(&approved)),
            help: "jointly keeps each approved text in .jointly/approved/ since this version; approve again to keep one".into(),
        });
    };
    let now = ApprovedText::of(&submission, &current.text);
    let changes = before.changes(&now);
    let out = match args.format {
        DiffFormat::Human => human(&changes, &who, &approved),
        DiffFormat::Markdown => markdown(&changes, &who, &approved),
    };
    anstream::print!("{out}");
    Ok(())
}

/// The approval to compare with, and who gave it: `since` names an organisation or a
/// fingerprint; without it, the newest approval of a text other than the current one.
fn approval(
    project: &Project,
    since: Option<&str>,
    current: &str,
) -> Result<(String, String), Error> {
    let approvals: Vec<(&str, &str, Option<&str>)> = (project.orgs.iter())
        .filter_map(|o| {
            let a = o.signoff.as_ref()?;
            Some((o.key(), a.text.as_str(), a.date.as_deref()))
        })
        .collect();
    let none = || Error::Usage {
        message: "no organisation has approved a text yet".into(),
        help:
            "`jointly approve --org ORG` records an approval; `diff` then shows what changed since"
                .into(),
    };
    let Some(since) = since else {
        let newest = (approvals.iter())
            .filter(|(_, text, _)| *text != current)
            .max_by_key(|(_, _, date)| *date);
        return match newest {
            Some((org, text, _)) => Ok((org.to_string(), text.to_string())),
            None if approvals.is_empty() => Err(none()),
            // Nothing to show, as with `--since` an organisation that approved this text.
            None => Ok(("every organisation".to_string(), current.to_string())),
        };
    };
    // An organisation, even one whose short name looks like digits of a fingerprint.
    let org = (!since.starts_with("sha256:")).then(|| project.org(since));
    if let Some(Ok(org)) = org {
        return match &org.signoff {
            Some(a) => Ok((org.key().to_string(), a.text.clone())),
            None => Err(Error::Usage {
                message: format!("{} has not approved any text", org.key()),
                help: "`jointly status` shows who has approved".into(),
            }),
        };
    }
    let digits = since
        .strip_prefix("sha256:")
        .unwrap_or(since)
        .to_ascii_lowercase();
    let by_fingerprint = digits.len() >= 6 && digits.chars().all(|c| c.is_ascii_hexdigit());
    if by_fingerprint {
        let found = (approvals.iter())
            .find(|(_, text, _)| text.trim_start_matches("sha256:").starts_with(&digits));
        if let Some((org, text, _)) = found {
            return Ok((org.to_string(), text.to_string()));
        }
        // A text approved once, by an organisation that has since approved another.
        let text = full_fingerprint(project, &digits)?;
        return Ok(("an organisation".to_string(), text));
    }
    // Neither: the organisation lookup's error says which names there are.
    Err(match org {
        Some(Err(e)) => e,
        _ => Error::Usage {
            message: format!("no approved text {since} is kept"),
            help: "give an organisation, or a fingerprint `jointly status` shows".into(),
        },
    })
}

/// The one fingerprint kept in `.jointly/approved/` that starts with `digits`.
fn full_fingerprint(project: &Project, digits: &str) -> Result<String, Error> {
    let kept = crate::load::approved_fingerprints(&project.root);
    let matching: Vec<&String> = kept
        .iter()
        .filter(|f| f.trim_start_matches("sha256:").starts_with(digits))
        .collect();
    match matching.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::Usage {
            message: format!("no approved text sha256:{digits} is kept"),
            help: "give an organisation, or a fingerprint `jointly status` shows".into(),
        }),
        _ => Err(Error::Usage {
            message: format!("sha256:{digits} is the start of several approved texts"),
            help: "give more of its digits".into(),
        }),
    }
}

fn short(fingerprint: &str) -> &str {
    fingerprint.get(..19).unwrap_or(fingerprint)
}

const REMOVED: Style = AnsiColor::Red.on_default().effects(Effects::STRIKETHROUGH);
const ADDED: Style = AnsiColor::Green.on_default().effects(Effects::UNDERLINE);
const HEAD: Style = Style::new().bold();

/// For a terminal: removed words red and struck through, added words green and underlined,
/// also marked `[-…-]` and `{+…+}` so that the change shows without colours.
fn human(changes: &[crate::signoff::Changed], who: &str, approved: &str) -> String {
    let mut out = format!(
        "Changes since {who} approved the text {}:\n",
        short(approved)
    );
    if changes.is_empty() {
        out.push_str("none: the words are the same (the layout or a setting changed)\n");
    }
    for change in changes {
        out.push_str(&format!(
            "\n{HEAD}── {} ──{HEAD:#}\n",
            one_line(&change.heading)
        ));
        for paragraph in change.paragraphs() {
            let Some(words) = paragraph else {
                out.push_str("…\n\n");
                continue;
            };
            for (tag, text) in runs(words) {
                let text = crate::diag::terminal_safe(&text).into_owned();
                // Marks around the words only: spaces at a run's ends stay outside them.
                let (lead, word, trail) = spaced(&text);
                let marked = match tag {
                    _ if word.is_empty() => String::new(),
                    ChangeTag::Equal => word.to_string(),
                    ChangeTag::Delete => format!("{REMOVED}[-{word}-]{REMOVED:#}"),
                    ChangeTag::Insert => format!("{ADDED}{{+{word}+}}{ADDED:#}"),
                };
                out.push_str(&format!("{lead}{marked}{trail}"));
            }
            out.push_str("\n\n");
        }
    }
    out
}

/// Markdown to paste into an email: removed words ~~struck through~~, added ones in bold.
fn markdown(changes: &[crate::signoff::Changed], who: &str, approved: &str) -> String {
    use crate::markdown::escape_inline;
    let mut out = format!(
        "**Changes since {} approved the text `{}`**\n",
        escape_inline(who),
        short(approved)
    );
    if changes.is_empty() {
        out.push_str("\nNone: the words are the same.\n");
    }
    for change in changes {
        out.push_str(&format!(
            "\n### {}\n\n",
            escape_inline(&one_line(&change.heading))
        ));
        for paragraph in change.paragraphs() {
            let Some(words) = paragraph else {
                out.push_str("…\n\n");
                continue;
            };
            for (tag, text) in runs(words) {
                for (i, line) in text.split('\n').enumerate() {
                    if i > 0 {
                        out.push_str("  \n");
                    }
                    let (lead, trimmed, trail) = spaced(line);
                    let marked = match tag {
                        _ if trimmed.is_empty() => String::new(),
                        ChangeTag::Equal => escape_inline(trimmed),
                        ChangeTag::Delete => format!("~~{}~~", escape_inline(trimmed)),
                        ChangeTag::Insert => format!("**{}**", escape_inline(trimmed)),
                    };
                    out.push_str(lead);
                    out.push_str(&marked);
                    out.push_str(trail);
                }
            }
            out.push_str("\n\n");
        }
    }
    out
}

/// Consecutive words of one kind as one run, so that a change is marked once, not word by
/// word.
fn runs(words: Vec<(ChangeTag, &str)>) -> Vec<(ChangeTag, String)> {
    let mut runs: Vec<(ChangeTag, String)> = Vec::new();
    for (tag, word) in words {
        match runs.last_mut() {
            Some((t, text)) if *t == tag => text.push_str(word),
            _ => runs.push((tag, word.to_string())),
        }
    }
    runs
}

/// A text's leading spaces, its words, and its trailing spaces.
fn spaced(text: &str) -> (&str, &str, &str) {
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    (lead, text.trim(), trail)
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
