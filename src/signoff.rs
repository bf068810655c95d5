//! Sign-off: the fingerprint of the joint text, and who has approved which text.
//!
//! The fingerprint is a SHA-256 over a canonical form of everything that ends up in the final
//! document (title, signatories, the included text of every question and action line, and how
//! unanswered questions are shown), so reformatting an input or editing comments leaves it
//! unchanged, while one changed word of included text changes it.

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::project::Project;
use crate::submission::{Block, Submission};

/// The fingerprint of a submission's text: `sha256:` and 64 hex digits.
pub(crate) fn fingerprint(sub: &Submission) -> String {
    let mut c = Canonical(Sha256::new());
    c.field("title", &sub.title);
    c.field("unanswered", &format!("{:?}", sub.unanswered));
    for s in &sub.signatories {
        c.field("signatory", &s.display);
    }
    for section in &sub.sections {
        c.field("section", &section.title);
        for q in &section.questions {
            c.field("question", &format!("{} {}", q.number, q.text));
            c.block("text", &q.body);
            for line in &q.lines {
                c.field("line", &line.code);
                c.block("line-text", &line.block);
            }
            c.block("closing", &q.closing);
        }
    }
    let digest = c.0.finalize();
    format!(
        "sha256:{}",
        digest
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    )
}

/// Length-prefixed fields, so no two different texts can run together into the same input.
struct Canonical(Sha256);

impl Canonical {
    fn field(&mut self, name: &str, value: &str) {
        self.0.update(format!("{name}:{}:", value.len()).as_bytes());
        self.0.update(value.as_bytes());
        self.0.update(b"\n");
    }

    fn block(&mut self, name: &str, block: &Block) {
        for part in &block.parts {
            self.field(name, &part.markdown);
        }
    }
}

/// Where a signatory stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum State {
    /// Approved the current text.
    Approved,
    /// Approved a text that has changed since.
    Stale,
    /// Has not approved any text.
    Pending,
}

impl State {
    /// As shown to the user.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            State::Approved => "approved the current text",
            State::Stale => "approved an older text",
            State::Pending => "not yet approved",
        }
    }
}

/// One co-signer's sign-off.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Standing {
    /// Short name or name.
    pub org: String,
    /// The input file.
    pub file: String,
    /// Where it stands.
    pub state: State,
    /// When it approved, if it did.
    pub date: Option<String>,
}

/// The sign-off of every co-signing organisation against the text with `current` fingerprint.
pub(crate) fn standings(project: &Project, current: &str) -> Vec<Standing> {
    project
        .orgs
        .iter()
        .filter(|o| o.signs)
        .map(|o| Standing {
            org: o.key().to_string(),
            file: o.file.display().to_string(),
            state: match &o.signoff {
                Some(a) if a.text == current => State::Approved,
                Some(_) => State::Stale,
                None => State::Pending,
            },
            date: o.signoff.as_ref().and_then(|a| a.date.clone()),
        })
        .collect()
}
