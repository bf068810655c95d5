//! `jointly import`: an existing document (Word, Markdown or plain text) that answers the
//! questionnaire, turned into an organisation's answers.
//!
//! Each reader turns its format into [`Block`]s (paragraphs, headings, list items with their
//! Markdown and plain text and where they came from); [`place`] then finds the questions by
//! number and/or text, splits action-line answers by their leading codes, and accounts for
//! every word: placed in an answer, recognised as the document's own structure (title,
//! headings, question texts, signatory list), or unplaced, to be kept for the user.

mod action_lines;
pub(crate) mod call;
mod docx;
mod email;
pub(crate) mod markdown;
mod numbering;
mod questions;
pub(crate) mod text;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use self::questions::{Candidate, norm_words};
use crate::draft::Slot;
use crate::error::Error;
use crate::labels::Labels;
use crate::questionnaire::{AnswerKind, Question, Questionnaire};
use crate::render::docx::slot_of;

/// What a block is, as far as placing it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A paragraph (or anything else that is not one of the below).
    Para,
    /// A heading.
    Heading,
    /// A list item, on its own.
    Item,
    /// Text that belongs to the list item before it (an indented paragraph, a nested list).
    Continuation,
    /// A footnote's text (`[^1]: …`), kept for the answer that cites it.
    Note,
}

/// A piece of the source document.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// What it is.
    pub kind: Kind,
    /// Its content as Markdown (list items with their marker).
    pub markdown: String,
    /// Its words, for matching.
    pub plain: String,
    /// The number Word or a Markdown list shows for it ("3.", "Q3:"), which is not one of its
    /// words.
    pub label: Option<String>,
    /// Where it was: "paragraph 12", "line 40".
    pub pos: String,
    /// In a form jointly wrote, the answer box it was typed in (`jointly:q7:line:C2`).
    pub box_slot: Option<String>,
}

/// Text the import could not put in an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unplaced {
    /// Where it was in the source.
    pub pos: String,
    /// Why it was not placed.
    pub reason: String,
    /// The text, as Markdown.
    pub markdown: String,
}

/// What the import found.
#[derive(Debug, Default)]
pub(crate) struct Placed {
    /// Answers by question and slot, in questionnaire order.
    pub answers: Vec<(String, Slot, String)>,
    /// Questions found in the document, by id.
    pub found: Vec<String>,
    /// Text that could not be placed.
    pub unplaced: Vec<Unplaced>,
    /// Words placed in answers.
    pub words_placed: usize,
    /// Words recognised as the document's structure.
    pub words_structure: usize,
}

impl Placed {
    /// Words not placed.
    pub(crate) fn words_unplaced(&self) -> usize {
        self.unplaced
            .iter()
            .map(|u| crate::markdown::words(&u.markdown))
            .sum()
    }
}

/// The kinds of document import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Word,
    Markdown,
    Text,
}

impl Format {
    /// The format of the document at `path`, by its extension.
    pub(crate) fn of(path: &Path) -> Result<Format, Error> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .unwrap_or_default();
        match ext.as_str() {
            "docx" => Ok(Format::Word),
            "md" | "markdown" => Ok(Format::Markdown),
            "txt" | "text" => Ok(Format::Text),
            other => Err(Error::Usage {
                message: format!(
                    "cannot import `{}`: jointly reads .docx, .md and .txt files, not `.{other}`",
                    path.display()
                ),
                help:
                    "save the document as Word (.docx), Markdown (.md) or plain text (.txt) first"
                        .into(),
            }),
        }
    }
}

/// Reads a document's bytes into blocks; `path` names it in errors.
pub(crate) fn read(format: Format, path: &Path, bytes: Vec<u8>) -> Result<Vec<Block>, Error> {
    let text = |bytes| String::from_utf8(bytes).map_err(|_| Error::not_utf8(path));
    match format {
        Format::Word => docx::read(bytes, path),
        Format::Markdown => Ok(markdown::read(&email::unquote(&text(bytes)?, true))),
        Format::Text => Ok(text::read(&email::unquote(&text(bytes)?, false))),
    }
}

/// Places blocks into answers. `title` is the submission's title (structure, not content).
pub(crate) fn place(blocks: &[Block], q: &Questionnaire, title: &str) -> Placed {
    // A form jointly wrote: its boxes say where each answer goes.
    if blocks.iter().any(|b| {
        b.box_slot
            .as_deref()
            .is_some_and(|s| slot_of(s, q).is_some())
    }) {
        return place_form(blocks, q);
    }
    let targets = questions::targets(q);
    let statements = find_statements(blocks, &targets);
    // jointly's own words, in any of its languages, are structure: a submission it wrote may
    // come back to be imported.
    let builtin: Vec<&Labels> = Labels::all_builtin().map(|(_, l)| l).collect();
    let known: Vec<Vec<String>> = [title, &q.title]
        .into_iter()
        .chain(
            builtin
                .iter()
                .flat_map(|l| [l.draft_notice.as_str(), &l.no_joint_answer]),
        )
        .map(norm_words)
        .chain(q.sections.iter().map(|s| norm_words(&s.title)))
        .collect();
    // Other submissions word the rest of the line differently ("in no particular order").
    let intros: Vec<Vec<String>> = (builtin.iter())
        .map(|l| {
            norm_words(
                l.signatories_intro
                    .split(['(', '（'])
                    .next()
                    .unwrap_or_default(),
            )
        })
        .collect();
    let intro = |norm: &Vec<String>| intros.iter().any(|i| norm.starts_with(i));

    // Does the document put the question, in its own words, under a bare "Question 4"? Only
    // then is a question-mark paragraph under one the question, not the answer's first line.
    let label_only: Vec<usize> = (statements.iter())
        .filter(|(i, (c, chosen))| {
            *chosen && !c.by_text && leftover(&blocks[**i], c.end).0.is_empty()
        })
        .map(|(i, _)| *i)
        .collect();
    let asked = (label_only.iter())
        .filter(|i| blocks.get(**i + 1).is_some_and(restates_a_question))
        .count();
    let restating = asked >= 2 && asked * 3 >= label_only.len() * 2;

    let mut out = Placed::default();
    let mut current: Option<usize> = None;
    let mut collected: Vec<(usize, Vec<Block>)> = Vec::new();
    let mut notes: Vec<&Block> = Vec::new();
    let (mut in_signatories, mut in_signature, mut restatement_next) = (false, false, false);
    let unplaced = |b: &Block, reason: &str, out: &mut Placed| {
        out.unplaced.push(Unplaced {
            pos: b.pos.clone(),
            reason: reason.into(),
            markdown: b.markdown.clone(),
        })
    };
    for (i, b) in blocks.iter().enumerate() {
        let words = b.plain.split_whitespace().count();
        if let Some(&(c, chosen)) = statements.get(&i) {
            // The statement is structure; what the block holds after it is answer text.
            let (plain, markdown) = leftover(b, c.end);
            let answer = targets[c.question].question;
            let is_link = (answer.links.iter()).any(|l| norm_words(&l.url) == norm_words(&plain));
            let kept = if is_link {
                0
            } else {
                crate::markdown::words(&markdown).min(words)
            };
            out.words_structure += words - kept;
            if chosen {
                if answer.parts.is_empty() {
                    out.found.push(answer.id().to_string());
                }
                current = Some(c.question);
                (in_signatories, in_signature) = (false, false);
                restatement_next = restating && !c.by_text && kept == 0;
                collected.push((c.question, Vec::new()));
            }
            if kept > 0 {
                let block = Block {
                    kind: Kind::Para,
                    markdown,
                    plain,
                    label: None,
                    pos: b.pos.clone(),
                    box_slot: b.box_slot.clone(),
                };
                match (current, collected.last_mut()) {
                    (Some(_), Some((_, v))) => v.push(block),
                    _ => unplaced(&block, "before the first question", &mut out),
                }
            }
            continue;
        }
        // A heading right over a question is the document's own section title.
        let next_states = statements.get(&(i + 1)).is_some_and(|(_, chosen)| *chosen);
        if b.kind == Kind::Heading && next_states {
            out.words_structure += words;
            continue;
        }
        // "Question 4 :" on its line, then the question in the document's own language.
        if std::mem::take(&mut restatement_next) && restates_a_question(b) {
            out.words_structure += words;
            continue;
        }
        if b.kind == Kind::Note {
            notes.push(b);
            continue;
        }
        let norm = norm_words(&b.plain);
        let is_link = current.is_some_and(|q| {
            targets[q].question.links.iter().any(|l| {
                norm_words(&l.url) == norm
                    || l.title.as_deref().is_some_and(|t| norm_words(t) == norm)
            })
        });
        if norm.is_empty() || known.contains(&norm) || intro(&norm) || is_link {
            in_signatories |= intro(&norm);
            out.words_structure += words;
            continue;
        }
        if email::attribution(&b.plain) {
            out.words_structure += words;
            continue;
        }
        // A closing, and the short lines under it, up to the next question.
        in_signature =
            email::sign_off(&b.plain) || (in_signature && email::signature_lines(&b.plain));
        if in_signature {
            unplaced(b, "an email greeting or signature, not an answer", &mut out);
            continue;
        }
        if email::signature_or_contact(&b.plain) {
            unplaced(b, "signatures or contact details, not an answer", &mut out);
            continue;
        }
        // Only a line that looks like an organisation's name continues the signatories: the
        // first that does not ends them, and is kept like any other text.
        in_signatories &= names_only(&b.markdown);
        match (current, collected.last_mut()) {
            (None, _) if in_signatories => out.words_structure += words,
            (Some(_), Some((_, v))) => v.push(b.clone()),
            _ => unplaced(b, "before the first question", &mut out),
        }
    }
    // What each question collected, in questionnaire order (a question stated twice
    // collects twice).
    let mut per_question: Vec<(usize, Vec<Block>)> = Vec::new();
    for (question, blocks) in collected {
        match per_question.iter_mut().find(|(x, _)| *x == question) {
            Some((_, v)) => v.extend(blocks),
            None => per_question.push((question, blocks)),
        }
    }
    per_question.sort_by_key(|(x, _)| *x);
    let codes = q.codes();
    for (question, blocks) in per_question {
        let question = targets[question].question;
        if !question.parts.is_empty() {
            // Under a question with parts, before its first part: for the lead to place.
            let reason = format!("under question {}, before its parts", question.number);
            for b in blocks.iter().filter(|b| !b.markdown.trim().is_empty()) {
                out.unplaced.push(Unplaced {
                    pos: b.pos.clone(),
                    reason: reason.clone(),
                    markdown: b.markdown.clone(),
                });
            }
            continue;
        }
        match question.kind {
            AnswerKind::Text => {
                let md = join(&blocks);
                if !md.trim().is_empty() {
                    out.words_placed += crate::markdown::words(&md);
                    out.answers
                        .push((question.id().to_string(), Slot::Text, md));
                }
            }
            AnswerKind::ActionLines => action_lines::place(question, &blocks, &codes, &mut out),
            AnswerKind::SingleChoice
            | AnswerKind::MultipleChoice
            | AnswerKind::YesNo
            | AnswerKind::Scale => place_choice(question, &blocks, &mut out),
        }
    }
    attach_notes(&notes, &mut out);
    out
}

/// A form's answers, box by box. Text typed outside the boxes is not placed; the form's own
/// words and the boxes' placeholders are its structure.
fn place_form(blocks: &[Block], q: &Questionnaire) -> Placed {
    let mut out = Placed::default();
    let placeholders: Vec<Vec<String>> = Labels::all_builtin()
        .map(|(_, l)| norm_words(&l.form_placeholder))
        .collect();
    let mut per_slot: Vec<((String, Slot), Vec<Block>)> = Vec::new();
    for b in blocks {
        let words = crate::markdown::words(&b.markdown);
        let slot = b.box_slot.as_deref().and_then(|s| slot_of(s, q));
        let Some(slot) = slot else {
            let form_text = b.box_slot.as_deref().is_some_and(|s| s.ends_with(":form"));
            let reason = match &b.box_slot {
                // A box for a question the questionnaire no longer has (or another project's).
                Some(_) if !form_text => {
                    "in an answer box for a question this questionnaire does not have"
                }
                _ => "typed outside the answer boxes",
            };
            if b.kind == Kind::Heading || form_text {
                out.words_structure += words;
            } else if !b.markdown.trim().is_empty() {
                out.unplaced.push(Unplaced {
                    pos: b.pos.clone(),
                    reason: reason.into(),
                    markdown: b.markdown.clone(),
                });
            }
            continue;
        };
        if placeholders.contains(&norm_words(&b.plain)) {
            out.words_structure += words;
            continue;
        }
        match per_slot.iter_mut().find(|(s, _)| *s == slot) {
            Some((_, v)) => v.push(b.clone()),
            None => per_slot.push((slot, vec![b.clone()])),
        }
    }
    for ((id, slot), blocks) in per_slot {
        let Some(question) = q.question(&id) else {
            continue;
        };
        if !out.found.contains(&id) {
            out.found.push(id.clone());
        }
        if slot == Slot::Choice {
            // The options written in the box, one per line, as the questionnaire spells them.
            let written: Vec<String> = (blocks.iter())
                .flat_map(|b| b.plain.lines().map(str::to_string).collect::<Vec<_>>())
                .map(|l| {
                    l.trim()
                        .trim_start_matches(['☒', '☑', '☐', '-'])
                        .trim()
                        .to_string()
                })
                .filter(|l| !l.is_empty())
                .collect();
            match crate::draft::chosen(question, &written.join("\n")) {
                Ok(choice) if !choice.is_empty() => {
                    out.words_placed += choice.split_whitespace().count();
                    out.answers.push((id, Slot::Choice, choice));
                }
                _ => out.unplaced.push(Unplaced {
                    pos: blocks.first().map(|b| b.pos.clone()).unwrap_or_default(),
                    reason: format!("not an option of question {}", question.number),
                    markdown: written.join("\n"),
                }),
            }
            continue;
        }
        let md = join(&blocks);
        if !md.trim().is_empty() {
            out.words_placed += crate::markdown::words(&md);
            out.answers.push((id, slot, md));
        }
    }
    // In questionnaire order, as any import gives them.
    let order: Vec<&str> = q.questions().map(|x| x.id()).collect();
    out.answers
        .sort_by_key(|(id, _, _)| order.iter().position(|x| x == id).unwrap_or(usize::MAX));
    out.found
        .sort_by_key(|id| order.iter().position(|x| x == id).unwrap_or(usize::MAX));
    out
}

/// A choice question's answer in a document: the options ticked or named (`☒ Agree`,
/// `[x] Agree`, `Answer: Yes`, or a line that is just an option), and the rest, its
/// explanation.
/// Options left unticked are the form's structure.
fn place_choice(question: &Question, blocks: &[Block], out: &mut Placed) {
    // Each block naming an option: the option, and whether it is marked ticked, marked not
    // ticked, or not marked at all.
    let named: Vec<Option<(String, Option<bool>)>> =
        blocks.iter().map(|b| ticked(question, &b.plain)).collect();
    // With marks, the ticked options are the choice. Without, a lone option named is; several
    // options listed bare are the form's list, not an answer.
    let marked = named.iter().flatten().any(|(_, tick)| tick.is_some());
    let bare = named
        .iter()
        .flatten()
        .filter(|(_, tick)| tick.is_none())
        .count();
    let mut chosen = Vec::new();
    let mut explanation = Vec::new();
    for (b, named) in blocks.iter().zip(&named) {
        let words = b.plain.split_whitespace().count();
        match named {
            Some((option, tick)) => {
                let picked = match tick {
                    Some(t) => *t,
                    None => !marked && bare == 1,
                };
                if picked {
                    out.words_structure += words - option.split_whitespace().count().min(words);
                    chosen.push(option.clone());
                } else {
                    out.words_structure += words;
                }
            }
            None => explanation.push(b.clone()),
        }
    }
    let id = question.id().to_string();
    let single = question.kind != AnswerKind::MultipleChoice;
    if single && chosen.len() > 1 {
        // Several ticked for one: the lead decides. The marks were structure; the options
        // are kept unplaced.
        let options = chosen.join("\n");
        out.unplaced.push(Unplaced {
            pos: blocks.first().map(|b| b.pos.clone()).unwrap_or_default(),
            reason: format!(
                "several options ticked for question {}, which takes one",
                question.number
            ),
            markdown: options,
        });
    } else if let Ok(choice) = crate::draft::chosen(question, &chosen.join("\n"))
        && !choice.is_empty()
    {
        out.words_placed += choice.split_whitespace().count();
        out.answers.push((id.clone(), Slot::Choice, choice));
    }
    let md = join(&explanation);
    if !md.trim().is_empty() {
        out.words_placed += crate::markdown::words(&md);
        out.answers.push((id, Slot::Text, md));
    }
}

/// The option a line names, and whether it is marked ticked (`Some(true)`), marked not
/// ticked (`Some(false)`) or not marked (`None`); `None` when it names no option.
fn ticked(question: &Question, plain: &str) -> Option<(String, Option<bool>)> {
    let line = plain.trim();
    const TICKED: [&str; 10] = ["☒", "☑", "✔", "✓", "[x]", "[X]", "(x)", "(X)", "X ", "x "];
    const EMPTY: [&str; 4] = ["☐", "[ ]", "( )", "□"];
    // "Answer:" and "Tick:" as jointly writes them in any of its languages, or "Choice:".
    let said = || {
        let lower = line.to_lowercase().replace('\u{a0}', " ");
        let labels = Labels::all_builtin().flat_map(|(_, l)| [&l.answer, &l.tick]);
        let mark = (labels.map(|l| l.to_lowercase().replace('\u{a0}', " ")))
            .chain(["choice:".to_string(), "respuesta:".to_string()])
            .find(|m| lower.starts_with(m.as_str()))?;
        // The same number of characters in the line as in its lower-cased, spaced form.
        let skip: usize = line
            .chars()
            .take(mark.chars().count())
            .map(char::len_utf8)
            .sum();
        Some(line.get(skip..).unwrap_or(""))
    };
    let (rest, tick) = if let Some(m) = TICKED.iter().find(|m| line.starts_with(*m)) {
        (&line[m.len()..], Some(true))
    } else if let Some(m) = EMPTY.iter().find(|m| line.starts_with(*m)) {
        (&line[m.len()..], Some(false))
    } else if let Some(rest) = said() {
        (rest, Some(true))
    } else {
        (line, None)
    };
    let rest = rest.trim().trim_end_matches(['.', ';', ',']).trim();
    let option =
        (question.options.iter()).find(|o| o.trim().to_lowercase() == rest.to_lowercase())?;
    Some((option.clone(), tick))
}

/// The blocks that state questions, by block: the candidate, and whether it is one of the
/// chain the questions are read from (the others restate a question, as a table of contents
/// or a "Question 3" over the question's text does, and are structure too).
fn find_statements(
    blocks: &[Block],
    targets: &[questions::Target],
) -> HashMap<usize, (Candidate, bool)> {
    let mut candidates: Vec<Candidate> = (blocks.iter().enumerate())
        .flat_map(|(i, b)| questions::candidates(i, b, targets))
        .collect();
    // Weak evidence counts only in a document that answers a questionnaire: one that states
    // some question outright, or asks several numbered questions. A paper's "## 1.
    // Introduction" is no question.
    let strong = candidates.iter().any(|c| c.weight >= 8);
    let asking = candidates.iter().filter(|c| c.weight >= 4).count() >= 3;
    candidates.retain(|c| strong || c.weight >= 8 || (c.weight >= 4 && asking));
    let at: HashSet<usize> = candidates.iter().map(|c| c.block).collect();
    let followed: Vec<bool> = (candidates.iter())
        .map(|c| c.block + 1 < blocks.len() && !at.contains(&(c.block + 1)))
        .collect();
    let chain = questions::chain(&candidates, &followed);
    // A question's text, or a "Question 3", outside the chain restates a question.
    let mut out: HashMap<usize, (Candidate, bool)> = (candidates.iter())
        .filter(|c| c.weight >= 8)
        .map(|c| (c.block, (*c, false)))
        .collect();
    out.extend(chain.into_iter().map(|c| (c.block, (c, true))));
    out
}

/// What a statement block holds after its statement ends (`end`, in its statement text), as
/// plain text and as Markdown. The Markdown is the block's own from there, so that links,
/// emphasis and footnote marks survive, unless the statement ends inside them.
fn leftover(b: &Block, end: usize) -> (String, String) {
    let text = questions::statement_text(b);
    // Word's number is not one of the block's words: the leftover never reaches into it.
    let numbering = b.label.as_ref().map_or(0, |l| l.len() + 1);
    let rest = text.get(end.max(numbering)..).unwrap_or("");
    let plain = rest.split_whitespace().collect::<Vec<_>>().join(" ");
    // What French typography leaves after a question (" ?", " :") is the question's own.
    if !plain.chars().any(char::is_alphanumeric) {
        return (String::new(), String::new());
    }
    if plain.is_empty() {
        return (plain, String::new());
    }
    let stated = text
        .get(numbering..end.max(numbering))
        .unwrap_or("")
        .split_whitespace()
        .count();
    let markdown = markdown_after_words(&b.markdown, stated)
        .unwrap_or_else(|| crate::markdown::escape_inline(&plain));
    (plain, markdown)
}

/// `markdown` from its `n`-th word on, when that word starts outside inline markup and where
/// the source reads as its text (no escapes to map). Words are counted as the plain text
/// counts them: a word may run across pieces of text ("1\\." is one word, "1.").
fn markdown_after_words(markdown: &str, n: usize) -> Option<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut seen = 0;
    let mut in_word = false;
    let mut inline = 0usize;
    let events = Parser::new_ext(markdown, crate::markdown::PARSER_OPTIONS).into_offset_iter();
    for (event, range) in events {
        match event {
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }) => {
                inline += 1
            }
            Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => inline = inline.saturating_sub(1),
            Event::Text(t) => {
                let exact = markdown[range.clone()] == *t;
                for (at, c) in t.char_indices() {
                    if c.is_whitespace() {
                        in_word = false;
                    } else if !in_word {
                        in_word = true;
                        if seen == n {
                            return (exact && inline == 0)
                                .then(|| markdown[range.start + at..].trim().to_string());
                        }
                        seen += 1;
                    }
                }
            }
            Event::Code(_) if !in_word => {
                if seen == n {
                    return None;
                }
                (seen, in_word) = (seen + 1, true);
            }
            Event::Code(_) | Event::FootnoteReference(_) | Event::InlineHtml(_) => {}
            // Block boundaries and line breaks end a word.
            _ => in_word = false,
        }
    }
    None
}

/// A paragraph that only asks a question: one sentence ending in a question mark.
fn restates_a_question(b: &Block) -> bool {
    let plain = b.plain.trim();
    b.kind != Kind::Note
        && plain.ends_with('?')
        && plain.split_whitespace().count() <= 80
        && !plain[..plain.len() - 1].contains(['?', '.'])
}

/// Footnote texts (`[^1]: …`) go to the first answer that cites them; one no answer cites,
/// or a second text with the same label, is kept unplaced.
fn attach_notes(notes: &[&Block], out: &mut Placed) {
    if notes.is_empty() {
        return;
    }
    let label_of = |n: &Block| {
        let label = n
            .markdown
            .strip_prefix("[^")
            .and_then(|r| r.split_once("]:"));
        label.map(|(l, _)| crate::markdown::note_key(l))
    };
    let mut by_label: HashMap<String, usize> = HashMap::new();
    for (i, n) in notes.iter().enumerate() {
        if let Some(label) = label_of(n) {
            by_label.entry(label).or_insert(i);
        }
    }
    let mut used: HashSet<usize> = HashSet::new();
    for (_, _, md) in &mut out.answers {
        let mut added = String::new();
        for label in cited_labels(md) {
            if let Some(&i) = by_label.get(&crate::markdown::note_key(&label))
                && used.insert(i)
            {
                added.push_str("\n\n");
                added.push_str(&notes[i].markdown);
                out.words_placed += crate::markdown::words(&notes[i].markdown);
            }
        }
        md.push_str(&added);
    }
    for (i, n) in notes.iter().enumerate() {
        if !used.contains(&i) {
            let twice = label_of(n).is_some_and(|l| by_label.get(&l) != Some(&i));
            out.unplaced.push(Unplaced {
                pos: n.pos.clone(),
                reason: if twice {
                    "a second footnote text with the same label".into()
                } else {
                    "a footnote no answer refers to".into()
                },
                markdown: n.markdown.clone(),
            });
        }
    }
}

/// The footnote labels a text cites (`[^label]`), in order.
fn cited_labels(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = md;
    while let Some(at) = rest.find("[^") {
        rest = &rest[at + 2..];
        if let Some(close) = rest.find(']').filter(|&c| c <= 100)
            && !rest[close + 1..].starts_with(':')
        {
            out.push(rest[..close].to_string());
        }
    }
    out
}

/// True when every line of a block could be an organisation's name in a list of signatories
/// ("ARTICLE 19", "- Ágora Digital Cidadã (ADC)", "Digitalcourage e.V.", "epicenter.works"):
/// short, and not a sentence or the lowercase continuation of one.
fn names_only(markdown: &str) -> bool {
    markdown
        .lines()
        .filter(|l| !l.trim().is_empty())
        .all(|line| {
            let plain = crate::markdown::plain_text(line);
            let line = plain.trim().trim_start_matches(['•', '·', '▪']).trim();
            let words: Vec<&str> = line.split_whitespace().collect();
            let (Some(first), Some(last)) = (words.first(), words.last()) else {
                return false;
            };
            // "Inc.", "Ltd.", "e.V.", "A.C." end a name; "asked." ends a sentence.
            let abbreviation = |w: &str| {
                let w = w.trim_end_matches('.');
                w.contains('.') || (w.chars().count() <= 3 && w.starts_with(char::is_uppercase))
            };
            let ends_a_sentence = line.ends_with(['?', '!', ':', ';'])
                || (line.ends_with('.') && !abbreviation(last))
                || words[..words.len() - 1].iter().any(|w| {
                    w.ends_with([':', ';', '?', '!']) || (w.ends_with('.') && !abbreviation(w))
                });
            // A lowercase start continues a sentence, unless the word is a name like a domain.
            let continues = first.starts_with(char::is_lowercase) && !first.contains(['.', '-']);
            words.len() <= 12 && line.chars().count() <= 120 && !ends_a_sentence && !continues
        })
}

/// Blocks as one Markdown text: list items of one list stay together.
fn join(blocks: &[Block]) -> String {
    let mut out = String::new();
    let mut prev: Option<Kind> = None;
    for b in blocks {
        if b.markdown.trim().is_empty() {
            continue;
        }
        if let Some(p) = prev {
            let tight = matches!(
                (p, b.kind),
                (
                    Kind::Item | Kind::Continuation,
                    Kind::Item | Kind::Continuation
                )
            );
            out.push_str(if tight { "\n" } else { "\n\n" });
        }
        out.push_str(b.markdown.trim_end());
        prev = Some(b.kind);
    }
    out
}
#[cfg(test)]
mod tests {
    use super::*;

    fn para(s: &str) -> Block {
        Block {
            kind: Kind::Para,
            markdown: s.into(),
            plain: s.into(),
            label: None,
            pos: "x".into(),
            box_slot: None,
        }
    }

    /// The questions `place` finds in paragraphs, by number.
    fn found(paragraphs: &[&str]) -> Vec<u32> {
        let q = Questionnaire::builtin("wsis20").unwrap();
        let blocks: Vec<Block> = paragraphs.iter().map(|p| para(p)).collect();
        let placed = place(&blocks, &q, "");
        let number = |id: &String| q.question(id).unwrap().number;
        placed.found.iter().map(number).collect()
    }

    #[test]
    fn questions_are_found_by_number_and_text_in_document_order() {
        assert_eq!(
            found(&[
                "1.What are the main achievements of the implementation of the WSIS process in the past 20 years?",
                "Answer.",
                "Question 4",
                "Answer.",
                "q10.",
                "Answer.",
            ]),
            [1, 4, 10]
        );
        assert_eq!(
            found(&[
                "what are ITUs main contributions   towards the implementation of the WSIS process in 20 years",
                "2004. With a mandate set out in paragraphs 72-78",
                "9. How can we further strengthen multistakeholder platforms such as the WSIS Forum",
            ]),
            [2, 9]
        );
        // An answer's own numbered points are not questions.
        assert_eq!(
            found(&[
                "4. What are the challenges that remain in the implementation of the WSIS process?",
                "Three challenges:",
                "1. Evidence gaps.",
                "2. Fragmented review.",
                "3. Short project cycles are a problem.",
                "5. Which specific Action Lines have had the most significant impact, and why?",
            ]),
            [4, 5]
        );
    }

    #[test]
    fn footnotes_go_to_the_answer_that_cites_them() {
        let q = Questionnaire::builtin("wsis20").unwrap();
        let mut blocks = vec![
            para("Question 1"),
            para("First answer[^a]."),
            para("Question 2"),
            para("Second answer[^b]."),
        ];
        for note in ["[^b]: Note b.", "[^a]: Note a.", "[^z]: Nobody cites it."] {
            blocks.push(Block {
                kind: Kind::Note,
                ..para(note)
            });
        }
        let placed = place(&blocks, &q, "");
        assert_eq!(placed.answers[0].2, "First answer[^a].\n\n[^a]: Note a.");
        assert_eq!(placed.answers[1].2, "Second answer[^b].\n\n[^b]: Note b.");
        assert_eq!(placed.unplaced.len(), 1);
        assert_eq!(placed.unplaced[0].reason, "a footnote no answer refers to");
    }

    #[test]
    fn signatory_names_are_told_from_sentences() {
        for name in [
            "ARTICLE 19",
            "- Ágora Digital Cidadã (ADC)",
            "Digitalcourage e.V.",
            "Access Now Inc.",
            "Red en Defensa de los Derechos Digitales A.C.",
            "epicenter.works",
        ] {
            assert!(names_only(name), "{name}");
        }
        for sentence in [
            "Thank you for the opportunity to respond.",
            "Our answers follow. We hope they help",
            "and in particular community networks",
            "Which questions do we answer?",
            "On achievements: community networks now have a licensing category in three countries",
        ] {
            assert!(!names_only(sentence), "{sentence}");
        }
    }

    /// A Markdown document placed: its answers by question number, and the word accounts
    /// checked against the words of the document.
    fn place_markdown(md: &str) -> (HashMap<u32, String>, Placed) {
        let q = Questionnaire::builtin("wsis20").unwrap();
        let blocks = markdown::read(&email::unquote(md, true));
        let placed = place(&blocks, &q, "");
        let words_in: usize = blocks
            .iter()
            .map(|b| crate::markdown::words(&b.markdown))
            .sum();
        assert_eq!(
            placed.words_placed + placed.words_structure + placed.words_unplaced(),
            words_in,
            "{md}"
        );
        let answers = (placed.answers.iter())
            .map(|(id, _, text)| (q.question(id).unwrap().number, text.clone()))
            .collect();
        (answers, placed)
    }

    #[test]
    fn a_paper_without_questions_places_nothing() {
        let md = "# Our input\n\n## 1. Introduction\n\nWe are thirty networks.\n\n## 2. Achievements\n\nLicences.\n\nOur priorities:\n\n1. Fund participation.\n2. Publish how input is used.\n";
        let (answers, placed) = place_markdown(md);
        assert!(answers.is_empty() && placed.found.is_empty(), "{answers:?}");
    }

    #[test]
    fn an_answers_own_points_do_not_fill_skipped_questions() {
        let md = "## Question 1\n\nFirst.\n\n## Question 4\n\nMore:\n\n1. Gaps remain.\n2. Review persists.\n3. Cycles hurt.\n4. Spectrum.\n5. Devices are costly.\n6. Skills are lacking.\n\n## Question 8\n\nAlign.\n";
        let (answers, placed) = place_markdown(md);
        assert_eq!(placed.found, ["q1", "q4", "q8"]);
        assert!(
            answers[&4].contains("6. Skills are lacking."),
            "{answers:?}"
        );
    }

    #[test]
    fn answer_sentences_that_look_like_structure_stay_in_the_answer() {
        let md = "## Question 1\n\nOn behalf of our 40 member stations, we highlight three achievements.\n\nAll the best examples come from Kenya.\n\nThey are cheap.\n\nQ3 2024 data from the regulator show 12 million new subscribers.\n\n## Question 2\n\nAs the Secretary-General wrote:\n\n> 3. Everyone should have access.\n\nOur dataset is available from data@example.org on request.\n\nQuestion 3 is about cooperation, which we address under question 9.\n\n## Question 4\n\nWhy do so many women remain offline?\n\nBecause handsets cost too much.\n";
        let (answers, placed) = place_markdown(md);
        assert_eq!(placed.found, ["q1", "q2", "q4"]);
        for kept in [
            "On behalf of",
            "All the best examples",
            "They are cheap",
            "Q3 2024 data",
        ] {
            assert!(answers[&1].contains(kept), "{kept}: {answers:?}");
        }
        for kept in [
            "wrote:",
            "> 3. Everyone",
            "data@example.org",
            "Question 3 is about",
        ] {
            assert!(answers[&2].contains(kept), "{kept}: {answers:?}");
        }
        assert!(
            answers[&4].starts_with("Why do so many women"),
            "{answers:?}"
        );
        assert!(placed.unplaced.is_empty(), "{:?}", placed.unplaced);
    }

    #[test]
    fn a_second_footnote_with_the_same_label_is_kept() {
        let md = "## Question 1\n\nHouseholds[^1] gained.\n\n[^1]: Survey of 300 households.\n\n[^1]: ITU Facts and Figures.\n";
        let (answers, placed) = place_markdown(md);
        assert!(
            answers[&1].ends_with("[^1]: Survey of 300 households."),
            "{answers:?}"
        );
        assert_eq!(
            placed.unplaced[0].reason,
            "a second footnote text with the same label"
        );
    }

    #[test]
    fn a_statement_ends_at_its_question_mark_and_keeps_the_answers_markdown() {
        let q = Questionnaire::builtin("wsis20").unwrap();
        let blocks = text::read(
            "4. What are the challenges that remain in the implementation of the WSIS process?\nThe WSIS process still faces funding gaps.\n",
        );
        let placed = place(&blocks, &q, "");
        assert_eq!(
            placed.answers[0].2,
            "The WSIS process still faces funding gaps."
        );
        let (answers, _) = place_markdown(
            "**Question 2:** The *index* is [useful](https://example.org)[^1].\n\n[^1]: A note.\n",
        );
        assert_eq!(
            answers[&2],
            "The *index* is [useful](https://example.org)[^1].\n\n[^1]: A note."
        );
    }
}
