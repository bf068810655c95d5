//! The words jointly itself puts into a submission, so that every format says the same thing,
//! and so that import recognises them as a submission's own structure, not an organisation's
//! text. (The Markdown template writes its own, and can be changed with it.) A leaf.

/// On every copy but the final one: at the top, and in the Word file's page header.
pub(crate) const DRAFT_NOTICE: &str = "Draft – not for submission";

/// Above the list of co-signers.
pub(crate) const SIGNATORIES_INTRO: &str =
    "Submitted jointly by the following organisations (in alphabetical order):";

/// How [`SIGNATORIES_INTRO`] starts: other submissions word the rest differently.
pub(crate) const SIGNATORIES_INTRO_START: &str = "Submitted jointly by the following organisations";

/// Under an unanswered question, with `unanswered = "note"`.
pub(crate) const NO_JOINT_ANSWER: &str = "No joint answer to this question.";

/// Under an unanswered question, in the review copy.
pub(crate) const NO_ANSWER_YET: &str = "⚠ No answer yet.";

/// Over the respondent details the questionnaire asks for.
pub(crate) const RESPONDENT: &str = "Respondent";

/// Before the answer to a yes/no question.
pub(crate) const ANSWER: &str = "Answer:";

/// Before the option(s) chosen, in the paste-ready text: what to tick in the form.
pub(crate) const TICK: &str = "Tick:";

/// Under a choice question whose organisations chose differently, in the review copy.
pub(crate) const CHOSE_DIFFERENTLY: &str =
    "⚠ The organisations chose differently: keep one choice in draft.toml.";

/// The review copy's annex of contributions the lead left out.
pub(crate) const ANNEX_TITLE: &str = "Annex: contributions left out of the joint text";

#[cfg(test)]
mod tests {
    #[test]
    fn the_intro_starts_as_import_expects() {
        assert!(super::SIGNATORIES_INTRO.starts_with(super::SIGNATORIES_INTRO_START));
    }
}
