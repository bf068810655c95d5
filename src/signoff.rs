//! Sign-off: the fingerprint of the text that is sent, and who has approved which text.
//!
//! The fingerprint is a SHA-256 over the final copy as rendered: the paste-ready text, which
//! holds every word the Word file holds (title, signatories, questions, links, labels,
//! answers, footnotes) but not its counts against limits, the Markdown as the project's
//! template renders it, and the questionnaire's wording. Anything that
//! changes what is sent, from an answer to a template or a question's wording, makes earlier
//! approvals stale. An approval also records a fingerprint of each aspect, so that `status`
//! can say what changed since.

use std::collections::BTreeMap;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::project::Project;
use crate::render;
use crate::submission::{Block, Submission};

/// The aspects of the sent text an approval records, and how `status` names each.
pub(crate) const ASPECTS: [(&str, &str); 4] = [
    ("answers", "the joint answers"),
    ("signatories", "the list of signatories"),
    (
        "questionnaire",
        "the questionnaire's wording (title, questions, links or action lines)",
    ),
    (
        "layout",
        "the text around the answers (the template, or jointly's own wording)",
    ),
];

/// The fingerprint of a final copy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fingerprint {
    /// Over everything that is sent: `sha256:` and 64 hex digits.
    pub text: String,
    /// Each of [`ASPECTS`]' fingerprint.
    pub aspects: BTreeMap<String, String>,
}

/// The fingerprint of `sub`, the final copy, with the project's own templates.
pub(crate) fn fingerprint(
    sub: &Submission,
    templates: &[(String, String)],
) -> Result<Fingerprint, Error> {
    let mut answers = Canonical::new();
    let mut questionnaire = Canonical::new();
    questionnaire.field("title", &sub.title);
    let info = &sub.questionnaire;
    for field in [&info.issuer, &info.url].into_iter().flatten() {
        questionnaire.field("about", field);
    }
    for section in &sub.sections {
        questionnaire.field("section", &section.title);
        for q in section
            .questions
            .iter()
            .flat_map(|q| std::iter::once(q).chain(&q.parts))
        {
            // A question as before parts existed ("3 text"), a part by its label.
            let label = match q.label.strip_suffix('.') {
                Some(number) if number == q.number.to_string() => number.to_string(),
                _ => q.label.clone(),
            };
            questionnaire.field("question", &format!("{label} {}", q.text));
            for link in &q.links {
                questionnaire.field("link", &format!("{:?} {}", link.title, link.url));
            }
            answers.field("question", &q.id);
            if let Some(choice) = &q.choice {
                for option in &choice.options {
                    questionnaire.field("option", &option.text);
                }
                let chosen = choice
                    .options
                    .iter()
                    .filter(|o| o.chosen)
                    .map(|o| o.text.as_str());
                answers.field("choice", &chosen.collect::<Vec<_>>().join("\n"));
            }
            answers.block("text", &q.body);
            for line in &q.lines {
                questionnaire.field(
                    "line",
                    &format!("{} {} {}", line.display, line.label, line.title),
                );
                answers.field("line", &line.code);
                answers.block("line-text", &line.block);
            }
            answers.block("closing", &q.closing);
        }
    }
    // The coalition's own texts and the respondent details are the answers' too.
    for text in [&sub.summary, &sub.introduction, &sub.closing]
        .into_iter()
        .flatten()
        .chain(&sub.annexes)
    {
        answers.field("own-text", &format!("{:?}\n{}", text.title, text.markdown));
    }
    for f in &sub.respondent {
        answers.field("respondent", &format!("{}: {}", f.label, f.value));
    }
    let mut signatories = Canonical::new();
    for s in &sub.signatories {
        signatories.field("signatory", &s.display);
    }
    // What decides the text around the answers: the templates, how unanswered questions are
    // shown, and jointly's own wording, which comes with its version.
    let mut layout = Canonical::new();
    layout.field("jointly", env!("CARGO_PKG_VERSION"));
    layout.field("unanswered", &format!("{:?}", sub.unanswered));
    let mut sorted: Vec<&(String, String)> = templates.iter().collect();
    sorted.sort();
    for (name, template) in sorted {
        layout.field(name, template);
    }
    let questionnaire = questionnaire.finish();
    // The words sent, the Markdown as the project's templates render it, and the questionnaire
    // (a link's title, say, shows in the Word file even when a template leaves it out).
    let mut sent = Canonical::new();
    sent.field("text", &render::text::sent_words(sub));
    sent.field("markdown", &render::markdown::render(sub, templates)?);
    sent.field("questionnaire", &questionnaire);
    let sent = sent.finish();
    let aspects = [
        ("answers", answers.finish()),
        ("signatories", signatories.finish()),
        ("questionnaire", questionnaire),
        ("layout", layout.finish()),
    ];
    Ok(Fingerprint {
        text: format!("sha256:{sent}"),
        aspects: aspects
            .into_iter()
            .map(|(name, hash)| (name.to_string(), hash[..16].to_string()))
            .collect(),
    })
}

/// Length-prefixed fields, so no two different texts can run together into the same input.
struct Canonical(Sha256);

impl Canonical {
    fn new() -> Canonical {
        Canonical(Sha256::new())
    }

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

    fn finish(self) -> String {
        self.0
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
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
    /// For a stale approval, what changed since, as [`ASPECTS`] names it.
    pub changed: Vec<&'static str>,
}

/// The sign-off of every co-signing organisation against the `current` text.
pub(crate) fn standings(project: &Project, current: &Fingerprint) -> Vec<Standing> {
    project
        .orgs
        .iter()
        .filter(|o| o.signs)
        .map(|o| {
            let state = match &o.signoff {
                Some(a) if a.text == current.text => State::Approved,
                Some(_) => State::Stale,
                None => State::Pending,
            };
            let changed = match &o.signoff {
                Some(a) if state == State::Stale => what_changed(&a.covers, current),
                _ => Vec::new(),
            };
            Standing {
                org: o.key().to_string(),
                file: o.file.display().to_string(),
                state,
                date: o.signoff.as_ref().and_then(|a| a.date.clone()),
                changed,
            }
        })
        .collect()
}

/// What differs between an approval's aspects and the current ones.
fn what_changed(approved: &BTreeMap<String, String>, current: &Fingerprint) -> Vec<&'static str> {
    if approved.is_empty() {
        return vec!["the way jointly fingerprints the text (approved with an earlier jointly)"];
    }
    let changed: Vec<&'static str> = (ASPECTS.iter())
        .filter(|(name, _)| approved.get(*name) != current.aspects.get(*name))
        .map(|(_, what)| *what)
        .collect();
    if changed.is_empty() {
        // Every aspect is the same, yet the text is not: it can only be the wording around.
        vec![ASPECTS[3].1]
    } else {
        changed
    }
}
