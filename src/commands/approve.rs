//! `jointly approve`: an organisation approves the current joint text, in its own input file.

use std::path::Path;

use crate::cli::ApproveArgs;
use crate::error::Error;
use crate::input_edit::Signoff;
use crate::signoff::fingerprint;
use crate::submission::{Mode, Submission, joint_draft};

pub(super) fn run(cwd: &Path, args: ApproveArgs) -> Result<(), Error> {
    let project = super::load_project(cwd)?;
    let org = project.org(&args.org)?;
    let display = org.file.display().to_string();
    let mut doc = crate::load::input_doc(&org.path, &org.file)?;
    if args.withdraw {
        crate::save::update_input(&mut doc, |d| d.set_signoff(None))?;
        super::say(format!(
            "{} no longer approves the joint text ({display})",
            org.key()
        ));
        return Ok(());
    }
    let (draft, stale) = joint_draft(&project);
    if stale {
        super::warn(
            "warning: inputs changed since draft.toml was written; you approve draft.toml as it is (run `jointly merge` first to bring them in)",
        );
    }
    let templates = crate::load::template_overrides(&project.root)?;
    let submission = Submission::build(&project, &draft, Mode::Final);
    let approved = fingerprint(&submission, &templates)?;
    if !org.signs {
        super::warn(format!(
            "warning: {} does not co-sign (`signs = false`); its approval is recorded but not required",
            org.key()
        ));
    }
    let today = super::timestamp_now()[..10].to_string();
    let signoff = Signoff {
        text: &approved.text,
        date: &today,
        covers: &approved.aspects,
    };
    // The text itself is kept first: an approval always has its text to compare with.
    let kept = crate::signoff::ApprovedText::of(&submission, &approved.text);
    crate::save::keep_approved(&project.root, &kept)?;
    crate::save::update_input(&mut doc, |d| d.set_signoff(Some(signoff)))?;
    super::say(format!(
        "{} approves the joint text {} ({display})",
        org.key(),
        &approved.text[..19]
    ));
    super::say(
        "any later change to the text makes this approval stale; `jointly status` shows who has approved",
    );
    Ok(())
}
