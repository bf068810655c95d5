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

use serde::{Deserialize, Serialize};
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
    /// For a stale approval whose text is kept, the pieces that changed since: question ids
    /// (`q3`), `title`, `signatories`, `summary`…
    pub changed_pieces: Vec<String>,
    /// The approved text's fingerprint.
    #[serde(skip)]
    pub approved: Option<String>,
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
                changed_pieces: Vec::new(),
                approved: o.signoff.as_ref().map(|a| a.text.clone()),
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

/// Where the texts organisations approved are kept, one file per approved text, so that a
/// co-signer can see what changed since. A folder git can track.
pub(crate) const APPROVED_DIR: &str = ".jointly/approved";

/// The text an organisation approved, by piece: the title, the signatories, and each answer
/// and own text as it is sent (paste-ready text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct ApprovedText {
    /// Its fingerprint (`sha256:…`).
    pub fingerprint: String,
    /// The submission's title.
    pub title: String,
    /// The co-signers, as listed.
    pub signatories: Vec<String>,
    /// Each answered piece in reading order.
    pub pieces: Vec<Piece>,
}

/// One piece of the approved text: an answer, or one of the coalition's own texts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Piece {
    /// The question's id (`q3`, `q2a`), or `summary`, `introduction`, `closing`, `annex1`.
    pub id: String,
    /// What a reader knows it by: "3. What are the challenges…", "Executive summary".
    pub heading: String,
    /// The text as sent.
    pub text: String,
}

impl ApprovedText {
    /// The pieces of `sub`, the final copy whose fingerprint is `fingerprint`.
    pub(crate) fn of(sub: &Submission, fingerprint: &str) -> ApprovedText {
        let mut pieces = Vec::new();
        let own = |pieces: &mut Vec<Piece>, id: String, text: &crate::submission::OwnTextView| {
            pieces.push(Piece {
                id,
                heading: text.title.clone().unwrap_or_default(),
                text: crate::markdown::pasted(&text.markdown),
            });
        };
        if let Some(t) = &sub.summary {
            own(&mut pieces, "summary".into(), t);
        }
        if let Some(t) = &sub.introduction {
            own(&mut pieces, "introduction".into(), t);
        }
        for q in sub.sections.iter().flat_map(|s| &s.questions) {
            for q in std::iter::once(q)
                .chain(&q.parts)
                .filter(|q| q.parts.is_empty())
            {
                pieces.push(Piece {
                    id: q.id.clone(),
                    heading: format!("{} {}", q.label, q.text),
                    text: render::text::answer(q, &sub.labels),
                });
            }
        }
        if let Some(t) = &sub.closing {
            own(&mut pieces, "closing".into(), t);
        }
        for (i, t) in sub.annexes.iter().enumerate() {
            own(&mut pieces, format!("annex{}", i + 1), t);
        }
        ApprovedText {
            fingerprint: fingerprint.to_string(),
            title: sub.title.clone(),
            signatories: sub.signatories.iter().map(|s| s.display.clone()).collect(),
            pieces,
        }
    }

    /// The file an approved text is kept in, inside [`APPROVED_DIR`]: named by its
    /// fingerprint, so that every organisation that approved one text shares one file.
    pub(crate) fn file_name(fingerprint: &str) -> String {
        let hex = fingerprint.strip_prefix("sha256:").unwrap_or(fingerprint);
        let safe: String = hex
            .chars()
            .filter(char::is_ascii_hexdigit)
            .take(64)
            .collect();
        format!("{safe}.toml")
    }

    /// The changes from `self` (approved) to `now`, piece by piece; unchanged pieces left out.
    pub(crate) fn changes(&self, now: &ApprovedText) -> Vec<Changed> {
        let mut out = Vec::new();
        let mut change = |id: &str, heading: &str, before: &str, after: &str| {
            if before != after {
                out.push(Changed {
                    id: id.to_string(),
                    heading: heading.to_string(),
                    before: before.to_string(),
                    after: after.to_string(),
                });
            }
        };
        change("title", "Title", &self.title, &now.title);
        let (was, is) = (self.signatories.join("\n"), now.signatories.join("\n"));
        change("signatories", "Signatories", &was, &is);
        let find = |pieces: &[Piece], id: &str| pieces.iter().position(|p| p.id == id);
        for piece in &now.pieces {
            let before = find(&self.pieces, &piece.id).map_or("", |i| &self.pieces[i].text);
            change(&piece.id, &piece.heading, before, &piece.text);
        }
        for piece in (self.pieces.iter()).filter(|p| find(&now.pieces, &p.id).is_none()) {
            change(&piece.id, &piece.heading, &piece.text, "");
        }
        out
    }
}

/// One piece that changed since an approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Changed {
    /// The piece's id, as [`Piece::id`] (or `title`, `signatories`).
    pub id: String,
    /// What a reader knows it by.
    pub heading: String,
    /// The text approved ("" when it was not there).
    pub before: String,
    /// The text now ("" when it is gone).
    pub after: String,
}

impl Changed {
    /// The change paragraph by paragraph: each changed paragraph as a word diff, and each run
    /// of unchanged paragraphs as `None`, to show as "…".
    pub(crate) fn paragraphs(&self) -> Vec<Option<Vec<(similar::ChangeTag, &str)>>> {
        use similar::{ChangeTag, DiffOp};
        let (was, is) = (paragraphs(&self.before), paragraphs(&self.after));
        let mut out = Vec::new();
        for op in similar::capture_diff_slices(similar::Algorithm::Myers, &was, &is) {
            match op {
                DiffOp::Equal { .. } => {
                    if out.last().is_none_or(Option::is_some) {
                        out.push(None);
                    }
                }
                DiffOp::Delete {
                    old_index, old_len, ..
                } => {
                    for p in &was[old_index..old_index + old_len] {
                        out.push(Some(vec![(ChangeTag::Delete, *p)]));
                    }
                }
                DiffOp::Insert {
                    new_index, new_len, ..
                } => {
                    for p in &is[new_index..new_index + new_len] {
                        out.push(Some(vec![(ChangeTag::Insert, *p)]));
                    }
                }
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => {
                    // Paragraph by paragraph where the counts match; else as one text.
                    if old_len == new_len {
                        for k in 0..old_len {
                            out.push(Some(word_diff(was[old_index + k], is[new_index + k])));
                        }
                    } else {
                        for p in &was[old_index..old_index + old_len] {
                            out.push(Some(vec![(ChangeTag::Delete, *p)]));
                        }
                        for p in &is[new_index..new_index + new_len] {
                            out.push(Some(vec![(ChangeTag::Insert, *p)]));
                        }
                    }
                }
            }
        }
        out
    }
}

/// A text's paragraphs, trimmed, without empty ones.
fn paragraphs(text: &str) -> Vec<&str> {
    (text.split("\n\n"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// A word diff: the tokens of `before` and `after` (words and the spaces between them), each
/// marked unchanged, removed or added.
pub(crate) fn word_diff<'a>(before: &'a str, after: &'a str) -> Vec<(similar::ChangeTag, &'a str)> {
    let diff = similar::TextDiff::configure()
        .timeout(std::time::Duration::from_secs(2))
        .diff_words(before, after);
    diff.iter_all_changes()
        .map(|c| (c.tag(), c.value()))
        .collect()
}

#[cfg(test)]
mod diff_tests {
    use super::*;
    use similar::ChangeTag::{Delete, Equal, Insert};

    #[test]
    fn a_change_shows_its_changed_paragraphs_word_by_word() {
        let change = Changed {
            id: "q1".into(),
            heading: "1. Question".into(),
            before: "Same start.\n\nTwenty years on, much changed.\n\nSame end.".into(),
            after: "Same start.\n\nTwenty years later, much changed.\n\nSame end.\n\nNew.".into(),
        };
        let paragraphs = change.paragraphs();
        assert_eq!(paragraphs.len(), 4, "{paragraphs:?}");
        assert_eq!(paragraphs[0], None);
        let words = paragraphs[1].as_ref().unwrap();
        assert!(words.contains(&(Delete, "on,")) && words.contains(&(Insert, "later,")));
        assert!(words.contains(&(Equal, "Twenty")));
        assert_eq!(paragraphs[2], None);
        assert_eq!(paragraphs[3], Some(vec![(Insert, "New.")]));
    }
}
