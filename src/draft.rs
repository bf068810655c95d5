//! The joint draft (`draft.toml`): every contribution as a part, with who it came from.
//!
//! The draft is the lead editor's workspace. Parts can be edited, reordered, excluded with
//! `include = false`, and new parts without a `source` can be added; `jointly merge` keeps all
//! of that (see [`crate::merge`]). This module owns the draft's types and its file format.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::diag::{Diagnostic, Report, did_you_mean};
use crate::questionnaire::{AnswerKind, Question, Questionnaire};
use crate::source::SourceFile;

/// The draft's file name, next to `jointly.toml`.
pub const FILE_NAME: &str = "draft.toml";

/// Where in an answer a part goes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Slot {
    /// The answer's text (for action-line questions, the text before the bullets).
    Text,
    /// The bullet of one catalogue code.
    Line(String),
    /// The text after the bullets.
    Closing,
    /// A choice question's options chosen, one per line.
    Choice,
}

/// A slot of one question.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SlotKey {
    /// The question id.
    pub question: String,
    /// Which part of the answer.
    pub slot: Slot,
}

impl SlotKey {
    /// A key for a question's slot.
    pub fn new(question: &str, slot: Slot) -> Self {
        SlotKey {
            question: question.to_string(),
            slot,
        }
    }
}

impl fmt::Display for SlotKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.slot {
            Slot::Text => write!(f, "{}", self.question),
            Slot::Line(code) => write!(f, "{} {code}", self.question),
            Slot::Closing => write!(f, "{} closing", self.question),
            Slot::Choice => write!(f, "{} choice", self.question),
        }
    }
}

/// One piece of the joint text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Who the part is from, as the review copy credits them: short names or names, in merge
    /// order. Merge keeps it up to date for parts made from inputs.
    pub from: Vec<String>,
    /// Which version of each organisation's contribution the part holds, in the order of
    /// `from`. Empty for text the lead wrote into the draft.
    pub inputs: Vec<InputVersion>,
    /// The fingerprint of the text as merge last wrote it (`text::exact_hash`), so that any
    /// edit of the lead, even of spacing alone, shows; `None` for text the lead wrote.
    pub source: Option<String>,
    /// The Markdown text.
    pub text: String,
    /// False to leave the part out of the submission.
    pub include: bool,
    /// True when a contribution changed after the lead edited the part it came from.
    pub conflict: bool,
}

impl Part {
    /// True when the lead changed the text since merge wrote it.
    pub fn is_edited(&self) -> bool {
        self.source
            .as_deref()
            .is_some_and(|s| s != crate::text::exact_hash(&self.text))
    }
}

/// An organisation's contribution as a part holds it: the organisation is known by its input
/// file, so that it can change its name without losing any decision of the lead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputVersion {
    /// The input file's name in `inputs/` (`apc.toml`).
    pub file: String,
    /// Which version of its text (`text::content_hash`).
    pub version: String,
}

impl InputVersion {
    /// As `draft.toml` writes it: `apc.toml@1a2b3c4d5e6f7a8b`.
    fn to_toml(&self) -> String {
        toml_string(&format!("{}@{}", self.file, self.version))
    }

    /// The form [`InputVersion::to_toml`] writes.
    fn parse(entry: &str) -> Option<InputVersion> {
        let (file, version) = entry.rsplit_once('@')?;
        let hex = version.len() == 16 && version.bytes().all(|b| b.is_ascii_hexdigit());
        (hex && !file.is_empty()).then(|| InputVersion {
            file: file.to_string(),
            version: version.to_string(),
        })
    }
}

/// The joint draft: parts by slot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Parts of every slot that has any, in the order they appear.
    pub slots: BTreeMap<SlotKey, Vec<Part>>,
}

impl Draft {
    /// The parts of one slot.
    pub fn parts(&self, question: &str, slot: Slot) -> &[Part] {
        self.slots
            .get(&SlotKey::new(question, slot))
            .map_or(&[], Vec::as_slice)
    }

    /// The choice questions whose included parts chose differently, with the choices: until
    /// the lead keeps one, the joint answer is undecided.
    pub fn choice_conflicts(&self) -> Vec<(&SlotKey, Vec<&Part>)> {
        (self.slots.iter())
            .filter(|(k, _)| k.slot == Slot::Choice)
            .filter_map(|(k, parts)| {
                let included: Vec<&Part> = parts
                    .iter()
                    .filter(|p| p.include && !p.text.trim().is_empty())
                    .collect();
                let mut texts: Vec<&str> = included.iter().map(|p| p.text.trim()).collect();
                texts.sort_unstable();
                texts.dedup();
                (texts.len() > 1).then_some((k, included))
            })
            .collect()
    }

    /// Every part flagged as a conflict, with its slot.
    pub fn conflicts(&self) -> impl Iterator<Item = (&SlotKey, &Part)> {
        self.slots
            .iter()
            .flat_map(|(k, parts)| parts.iter().filter(|p| p.conflict).map(move |p| (k, p)))
    }

    /// Parses `draft.toml` and checks it against the questionnaire.
    ///
    /// A draft written by an earlier jointly names organisations only in `from`, and records
    /// one fingerprint of spacing-insensitive text: `input_file` finds the input file of a
    /// name, so that such a draft merges on without losing any decision of the lead.
    pub(crate) fn parse(
        source: &SourceFile,
        questionnaire: &Questionnaire,
        input_file: &dyn Fn(&str) -> Option<String>,
        report: &mut Report,
    ) -> Option<Draft> {
        let file: DraftFile = source.parse(report)?;
        let before = report.error_count();
        let mut pending: Vec<(SlotKey, Vec<PartFile>)> = Vec::new();
        let codes: Vec<String> = questionnaire.codes().into_iter().map(|c| c.code).collect();
        for (qid, q) in file.questions {
            let Some(question) = questionnaire.question(qid.get_ref()) else {
                let ids: Vec<&str> = questionnaire.questions().map(|q| q.id()).collect();
                report.push(unknown(
                    &source.display,
                    "unknown-question",
                    "question id",
                    &qid,
                    &ids,
                ));
                continue;
            };
            let mut put = |slot: Slot, parts: Vec<PartFile>| {
                if !parts.is_empty() {
                    pending.push((SlotKey::new(question.id(), slot), parts));
                }
            };
            put(Slot::Text, q.text);
            put(Slot::Closing, q.closing);
            if !q.choice.is_empty() && !question.kind.is_choice() {
                report.push(
                    Diagnostic::error(
                        "not-a-choice",
                        &source.display,
                        format!("question `{}` is not a choice question", question.id()),
                    )
                    .help(format!(
                        "move these parts to [[questions.{}.text]]",
                        question.id()
                    )),
                );
            } else {
                put(Slot::Choice, q.choice);
            }
            for (code, parts) in q.action_lines {
                if question.kind != AnswerKind::ActionLines {
                    report.push(
                        Diagnostic::error(
                            "not-action-lines",
                            &source.display,
                            format!(
                                "question `{}` takes free text, not action lines",
                                question.id()
                            ),
                        )
                        .at(Some(code.span()))
                        .help(format!(
                            "move these parts to [[questions.{}.text]]",
                            question.id()
                        )),
                    );
                } else if !codes.contains(code.get_ref()) {
                    report.push(unknown(
                        &source.display,
                        "unknown-code",
                        "action line",
                        &code,
                        &codes.iter().map(String::as_str).collect::<Vec<_>>(),
                    ));
                } else {
                    put(Slot::Line(code.into_inner()), parts);
                }
            }
        }
        let mut draft = Draft::default();
        for (key, parts) in pending {
            let mut parts: Vec<Part> = parts
                .into_iter()
                .filter_map(|p| p.into_part(&source.display, input_file, report))
                .collect();
            if key.slot == Slot::Choice
                && let Some(question) = questionnaire.question(&key.question)
            {
                for part in &mut parts {
                    let several = part.text.lines().filter(|l| !l.trim().is_empty()).count() > 1;
                    if several && question.kind != AnswerKind::MultipleChoice {
                        report.push(
                            Diagnostic::error("one-option", &source.display, format!("question `{}` takes one option, and a choice part in draft.toml has several", question.id()))
                                .help(format!("keep one of: {}", part.text.lines().map(str::trim).collect::<Vec<_>>().join(", "))),
                        );
                        continue;
                    }
                    match chosen(question, &part.text) {
                        Ok(text) => part.text = text,
                        Err(wrong) => report.push(
                            Diagnostic::error(
                                "unknown-option",
                                &source.display,
                                format!(
                                    "`{wrong}` is not an option of question `{}`",
                                    question.id()
                                ),
                            )
                            .help(format!(
                                "write one of its options, one per line: {}",
                                question.options.join(", ")
                            )),
                        ),
                    }
                }
            }
            draft.slots.insert(key, parts);
        }
        (report.error_count() == before).then_some(draft)
    }

    /// The draft as TOML, in questionnaire order, with the question above each answer.
    pub fn to_toml(&self, questionnaire: &Questionnaire) -> String {
        let mut out = String::from(HEADER);
        for question in questionnaire.questions() {
            let id = question.id();
            let mut slots: Vec<(&SlotKey, &Vec<Part>)> = self
                .slots
                .iter()
                .filter(|(k, _)| k.question == id)
                .collect();
            if slots.is_empty() {
                continue;
            }
            let codes = questionnaire.codes();
            let position = |k: &SlotKey| match &k.slot {
                Slot::Text => 0,
                Slot::Line(c) => {
                    1 + codes
                        .iter()
                        .position(|x| &x.code == c)
                        .unwrap_or(codes.len())
                }
                Slot::Closing => codes.len() + 2,
                Slot::Choice => codes.len() + 3,
            };
            slots.sort_by_key(|(k, _)| position(k));
            out.push_str(&format!(
                "\n# {} {}\n",
                toml_comment(&question.display_label()),
                one_line(&question.text, 90)
            ));
            for (key, parts) in slots {
                let table = match &key.slot {
                    Slot::Text => format!("questions.{id}.text"),
                    Slot::Closing => format!("questions.{id}.closing"),
                    Slot::Choice => format!("questions.{id}.choice"),
                    Slot::Line(code) => format!("questions.{id}.action_lines.{}", toml_key(code)),
                };
                for part in parts {
                    out.push_str(&format!("\n[[{table}]]\n"));
                    let from: Vec<String> = part.from.iter().map(|f| toml_string(f)).collect();
                    out.push_str(&format!("from = [{}]\n", from.join(", ")));
                    // Always for a part merge made, so that one whose organisations are all
                    // gone is not read as a draft of an earlier jointly.
                    if part.source.is_some() || !part.inputs.is_empty() {
                        let inputs: Vec<String> =
                            part.inputs.iter().map(InputVersion::to_toml).collect();
                        out.push_str(&format!("inputs = [{}]\n", inputs.join(", ")));
                    }
                    if let Some(source) = &part.source {
                        out.push_str(&format!("source = {}\n", toml_string(source)));
                    }
                    if !part.include {
                        out.push_str("include = false\n");
                    }
                    if part.conflict {
                        out.push_str(CONFLICT_NOTE);
                        out.push_str("conflict = true\n");
                    }
                    out.push_str(&format!("text = {}\n", toml_text(&part.text)));
                }
            }
        }
        out
    }
}

const HEADER: &str = "\
# The joint draft, written by `jointly merge`. Edit it freely:
# - change a part's `text`: merge keeps your edit, and flags a conflict if the organisation
#   later changes the contribution it came from;
# - reorder parts within an answer: merge keeps the order;
# - set `include = false` to leave a part out (deleting a part brings it back at the next merge);
# - add your own part with `from` and `text` and no `inputs` or `source`: merge never touches it;
# - where organisations chose differently in a choice question, keep one `choice` part
#   (set include = false on the others): until then it is a conflict.
# `inputs` and `source` are merge's record of which version of each input file a part holds
# and of the text as merge wrote it: leave them as they are. For a part with `inputs`, merge
# keeps `from` up to date with the organisations' names.
# `jointly build` renders the submission from this file. Comments here are not kept by merge.
";

const CONFLICT_NOTE: &str = "\
# CONFLICT: this contribution changed after you edited the part above, which came from the
# earlier version. Both are kept: fold what you want into one part, then delete this one
# (or set include = false) and this flag.
";

/// A choice as the draft and the submission write it: the options chosen, one per line, as
/// the questionnaire spells them and in its order; or the first line that is no option.
pub(crate) fn chosen(question: &Question, text: &str) -> Result<String, String> {
    let mut picked = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let option = (question.options.iter())
            .position(|o| {
                o.trim().eq_ignore_ascii_case(line)
                    || o.trim().to_lowercase() == line.to_lowercase()
            })
            // jointly's own yes and no, in whichever language the input was written.
            .or_else(|| {
                let own = question.default_options && question.options.len() == 2;
                own.then(|| crate::labels::yes_or_no(line)).flatten()
            })
            .ok_or_else(|| line.to_string())?;
        picked.push(option);
    }
    picked.sort_unstable();
    picked.dedup();
    Ok(picked
        .iter()
        .map(|&i| question.options[i].as_str())
        .collect::<Vec<_>>()
        .join("\n"))
}

fn unknown(
    file: &Path,
    code: &'static str,
    what: &str,
    key: &Spanned<String>,
    candidates: &[&str],
) -> Diagnostic {
    let d = Diagnostic::error(code, file, format!("unknown {what} `{}`", key.get_ref()))
        .at(Some(key.span()));
    match did_you_mean(key.get_ref(), candidates.iter().copied()) {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help(format!("the questionnaire has {}", candidates.join(", "))),
    }
}

/// A string as TOML: multi-line literal (no escapes, easy to edit) when it has several lines and
/// nothing a literal string cannot hold, else an escaped basic string.
pub(crate) fn toml_text(text: &str) -> String {
    let literal_ok = !text.contains("'''")
        && !text.ends_with('\'')
        && text
            .chars()
            .all(|c| c == '\n' || c == '\t' || !c.is_control());
    if text.contains('\n') && literal_ok {
        format!("'''\n{text}\n'''")
    } else {
        toml_string(text)
    }
}

/// Text for a TOML comment: on one line, with control characters shown as `\u{1}` (TOML
/// comments cannot hold them), so that no name or question text can end a comment early.
pub(crate) fn toml_comment(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    crate::diag::terminal_safe(&one_line).into_owned()
}

/// A one-line TOML string, quoted and escaped.
pub(crate) fn toml_string(text: &str) -> String {
    toml_edit::Value::from(text).to_string().trim().to_string()
}

fn toml_key(key: &str) -> String {
    if key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        key.to_string()
    } else {
        toml_string(key)
    }
}

/// `text` for a comment line: one line, control characters shown, at most `max` characters.
fn one_line(text: &str, max: usize) -> String {
    let flat = toml_comment(text);
    if flat.chars().count() <= max {
        flat
    } else {
        format!(
            "{}…",
            flat.chars().take(max - 1).collect::<String>().trim_end()
        )
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftFile {
    #[serde(default)]
    questions: BTreeMap<Spanned<String>, DraftQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DraftQuestion {
    #[serde(default)]
    text: Vec<PartFile>,
    #[serde(default)]
    closing: Vec<PartFile>,
    #[serde(default)]
    choice: Vec<PartFile>,
    #[serde(default)]
    action_lines: BTreeMap<Spanned<String>, Vec<PartFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PartFile {
    #[serde(default)]
    from: Vec<String>,
    inputs: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    source: Option<String>,
    text: String,
    #[serde(default = "yes")]
    include: bool,
    #[serde(default)]
    conflict: bool,
}

fn yes() -> bool {
    true
}

impl PartFile {
    fn into_part(
        self,
        file: &Path,
        input_file: &dyn Fn(&str) -> Option<String>,
        report: &mut Report,
    ) -> Option<Part> {
        let text = self.text.trim_end().to_string();
        let (inputs, source) = match (self.inputs, self.source) {
            (Some(inputs), source) => {
                let span = inputs.span();
                let parsed: Option<Vec<InputVersion>> = inputs
                    .get_ref()
                    .iter()
                    .map(|e| InputVersion::parse(e))
                    .collect();
                let Some(parsed) = parsed else {
                    report.push(
                        Diagnostic::error("bad-inputs", file, "`inputs` is not as merge wrote it")
                            .at(Some(span))
                            .help("each entry is `file@fingerprint`: undo the change to `inputs`, or delete the line and merge again"),
                    );
                    return None;
                };
                (parsed, source)
            }
            // Written by an earlier jointly: one spacing-insensitive fingerprint for all.
            (None, Some(old)) => {
                let inputs = self
                    .from
                    .iter()
                    .map(|name| InputVersion {
                        file: input_file(name).unwrap_or_else(|| name.clone()),
                        version: old.clone(),
                    })
                    .collect();
                let unedited = crate::text::content_hash(&text) == old;
                let source = if unedited {
                    crate::text::exact_hash(&text)
                } else {
                    old
                };
                (inputs, Some(source))
            }
            (None, None) => (Vec::new(), None),
        };
        Some(Part {
            from: self.from,
            inputs,
            source,
            text,
            include: self.include,
            conflict: self.conflict,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(text: &str) -> Part {
        Part {
            from: vec!["Ágora".into(), "B \"q\"".into()],
            inputs: ["ágora.toml", "b@q.toml"]
                .map(|file| InputVersion {
                    file: file.into(),
                    version: crate::text::content_hash(text),
                })
                .into(),
            source: Some(crate::text::exact_hash(text)),
            text: text.into(),
            include: false,
            conflict: true,
        }
    }

    #[test]
    fn comments_stay_on_their_line() {
        assert_eq!(toml_comment("Two\nlines\u{1}"), "Two lines\\u{1}");
    }

    #[test]
    fn round_trips_through_toml() {
        let q = Questionnaire::builtin("wsis20").unwrap();
        let mut draft = Draft::default();
        for (i, text) in [
            "one line",
            "two\n\nparagraphs with 'quotes'",
            "ends in '\nquote'",
            "has ''' inside\nx",
            "tab\tand \u{b} control\n",
        ]
        .iter()
        .enumerate()
        {
            let slot = if i % 2 == 0 {
                Slot::Text
            } else {
                Slot::Line("C7.e-health".into())
            };
            draft
                .slots
                .entry(SlotKey::new("q7", slot))
                .or_default()
                .push(part(text.trim_end()));
        }
        let toml = draft.to_toml(&q);
        let mut report = Report::new();
        let src = SourceFile::new(
            Path::new("draft.toml"),
            Path::new("draft.toml"),
            toml.clone(),
        );
        let back = Draft::parse(&src, &q, &|_| None, &mut report)
            .unwrap_or_else(|| panic!("{report}\n{toml}"));
        assert_eq!(back, draft, "{toml}");
    }

    #[test]
    fn a_part_merge_made_is_never_read_as_an_earlier_draft() {
        let q = Questionnaire::builtin("wsis20").unwrap();
        let mut draft = Draft::default();
        let mut gone = part("Spacing  edited.");
        gone.inputs.clear();
        gone.source = Some(crate::text::exact_hash("Spacing edited."));
        draft
            .slots
            .insert(SlotKey::new("q1", Slot::Text), vec![gone]);
        let toml = draft.to_toml(&q);
        assert!(toml.contains("inputs = []"), "{toml}");
        let src = SourceFile::new(Path::new("draft.toml"), Path::new("draft.toml"), toml);
        let back = Draft::parse(&src, &q, &|_| None, &mut Report::new()).unwrap();
        assert_eq!(back, draft);
        assert!(back.parts("q1", Slot::Text)[0].is_edited());
    }
}
