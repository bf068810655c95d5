//! `jointly merge`: every input into `draft.toml`, keeping the lead's edits.

use std::path::Path;

use crate::cli::MergeArgs;
use crate::draft::{self, Draft};
use crate::error::Error;
use crate::merge::{Event, merge};
use crate::save;

pub(super) fn run(cwd: &Path, args: MergeArgs) -> Result<(), Error> {
    let project = super::load_project(cwd)?;
    let previous = project.draft.clone().unwrap_or_default();
    let outcome = merge(&crate::merge::contributions(&project), &previous);
    let path = project.root.join(draft::FILE_NAME);
    for event in &outcome.events {
        let line = describe(event);
        if event.needs_attention() {
            super::warn(format!("warning: {line}"))
        } else {
            super::say(format!("  {line}"))
        }
    }
    let parts: usize = outcome.draft.slots.values().map(Vec::len).sum();
    let unchanged = project.draft.is_some() && outcome.draft == previous;
    if args.dry_run {
        super::say(format!(
            "dry run: {} would hold {parts} parts from {} inputs ({})",
            super::shown(&path),
            project.orgs.len(),
            if unchanged { "no change" } else { "changed" }
        ));
        return Ok(());
    }
    if unchanged {
        super::say(format!(
            "{} is up to date ({parts} parts from {} inputs)",
            super::shown(&path),
            project.orgs.len()
        ));
        return Ok(());
    }
    save::write_atomic(
        &path,
        outcome.draft.to_toml(&project.questionnaire).as_bytes(),
    )?;
    super::say(format!(
        "wrote {}: {parts} parts from {} inputs",
        super::shown(&path),
        project.orgs.len()
    ));
    report_conflicts(&outcome.draft);
    Ok(())
}

/// Reminds the lead of unresolved conflicts: edited parts whose contribution changed, and
/// choices the organisations made differently.
pub(super) fn report_conflicts(draft: &Draft) {
    let n = draft.conflicts().count();
    if n > 0 {
        let slots: Vec<String> = draft.conflicts().map(|(k, _)| k.to_string()).collect();
        super::warn(format!(
            "warning: {n} unresolved conflict{} in draft.toml ({}): look for `conflict = true`",
            if n == 1 { "" } else { "s" },
            slots.join(", ")
        ));
    }
    for (key, parts) in draft.choice_conflicts() {
        let choices: Vec<String> = (parts.iter())
            .map(|p| format!("{} ({})", p.text.replace('\n', ", "), p.from.join(", ")))
            .collect();
        super::warn(format!(
            "warning: the organisations chose differently in {}: {}; keep one [[questions.{}.choice]] part in draft.toml (set include = false on the others)",
            key.question,
            choices.join("; "),
            key.question
        ));
    }
}

fn describe(event: &Event) -> String {
    let orgs = |o: &[String]| o.join(", ");
    match event {
        Event::Added { slot, from } => format!("added     {slot}: {}", orgs(from)),
        Event::Joined { slot, orgs: o } => format!(
            "joined    {slot}: {} (same text as an existing part)",
            orgs(o)
        ),
        Event::Updated { slot, from } => {
            format!("updated   {slot}: {} changed their text", orgs(from))
        }
        Event::Conflict { slot, orgs: o } => format!(
            "conflict in {slot}: {} changed their text after you edited the part it came from; both versions are in draft.toml (`conflict = true`)",
            orgs(o)
        ),
        Event::Withdrawn { slot, org } => {
            format!("withdrawn {slot}: {org} no longer sends this text")
        }
        Event::WithdrawnFromEdited { slot, org } => {
            format!(
                "{slot}: {org} no longer sends the text of a part you edited; your part is kept (set `include = false` or delete it if it should go)"
            )
        }
    }
}
