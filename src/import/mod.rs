//! `jointly import`: an existing document (Word, Markdown or plain text) that answers the
//! questionnaire, turned into an organisation's answers.
//!
//! Each reader turns its format into [`Block`]s (paragraphs, headings, list items with their
//! Markdown and plain text and where they came from); [`place`] then finds the questions by
//! number and/or text, splits action-line answers by their leading codes, and accounts for
//! every word: placed in an answer, recognised as the document's own structure (title,
//! headings, question texts, signatory list), or unplaced, to be kept for the user.

mod docx;
pub(crate) mod markdown;
pub(crate) mod text;

use std::path::Path;

use crate::draft::Slot;
use crate::error::Error;
use crate::labels;
use crate::questionnaire::{AnswerKind, Code, Question, Questionnaire};

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
    /// Where it was: "paragraph 12", "line 40".
    pub pos: String,
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
        Format::Markdown => Ok(markdown::read(&text(bytes)?)),
        Format::Text => Ok(text::read(&text(bytes)?)),
    }
}

/// Lowercase words without punctuation: what "the same text" means when matching.
fn norm_words(s: &str) -> Vec<String> {
    s.split(|c: char| {
        c.is_whitespace()
            || (c.is_ascii_punctuation() && c != '+')
            || matches!(c, '’' | '‘' | '“' | '”' | '–' | '—' | '●' | '•' | '○' | '▪')
    })
    .filter(|w| !w.is_empty())
    .map(str::to_lowercase)
    .collect()
}

/// Matches a block that states a question: "3.", "Question 3", "3. The question text",
/// or the question's text itself (with small differences of spacing, punctuation or case).
/// Returns the question and how many of the block's words the question statement used.
fn match_question<'q>(
    block: &Block,
    questions: &[(&'q Question, Vec<String>)],
) -> Option<(&'q Question, usize)> {
    if block.kind == Kind::Item || block.kind == Kind::Continuation {
        return None;
    }
    let words = norm_words(&block.plain);
    // A leading number: "3.", "3)", "3.The", "Question 3", "Q3".
    let (number, rest_at, keyword) = leading_number(block.plain.trim());
    for (q, qwords) in questions {
        let offset = match number {
            Some(n) if n == q.number => rest_at,
            Some(_) => continue,
            None => 0,
        };
        let body = &words[offset.min(words.len())..];
        let same = body.iter().zip(qwords).take_while(|(a, b)| a == b).count();
        let used = offset
            + same.max(if same * 10 >= qwords.len() * 8 {
                approx_len(body, qwords)
            } else {
                0
            });
        let whole =
            same >= qwords.len().min(6) && (same * 10 >= qwords.len() * 8 || same == body.len());
        let matched = match (number, keyword) {
            // "Question 3" says what it is: any text after it is the question, in full or short.
            (Some(_), true) => true,
            // "3. …" could be a numbered paragraph of an answer: its text must be the question's.
            (Some(_), false) => body.is_empty() || same >= qwords.len().min(4),
            (None, _) => whole,
        };
        if matched {
            return Some((*q, used));
        }
    }
    None
}

/// How many of `body`'s words the question takes, allowing a few differing words inside it.
fn approx_len(body: &[String], qwords: &[String]) -> usize {
    let last = qwords.last();
    match last {
        Some(last) => body
            .iter()
            .take(qwords.len() + 3)
            .rposition(|w| w == last)
            .map_or(qwords.len().min(body.len()), |i| i + 1),
        None => 0,
    }
}

/// The question number a statement starts with, how many normalised words it took, and
/// whether it was introduced by "Question"/"Q".
fn leading_number(raw: &str) -> (Option<u32>, usize, bool) {
    let lower = raw.to_lowercase();
    let (after, words, keyword) = if let Some(r) = lower.strip_prefix("question") {
        (r.trim_start(), 1, true)
    } else if let Some(r) = lower
        .strip_prefix('q')
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    {
        (r, 0, true)
    } else {
        (lower.as_str(), 0, false)
    };
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 3 {
        return (None, 0, false);
    }
    let tail = &after[digits.len()..];
    // A number must be followed by punctuation or the end: "3." "3)" "3:" "3 " then a word.
    if !(tail.is_empty() || tail.starts_with(['.', ')', ':', ' '])) {
        return (None, 0, false);
    }
    (digits.parse().ok(), words + 1, keyword)
}

/// Places blocks into answers. `title` is the submission's title (structure, not content).
pub(crate) fn place(blocks: &[Block], q: &Questionnaire, title: &str) -> Placed {
    let questions: Vec<(&Question, Vec<String>)> =
        q.questions().map(|x| (x, norm_words(&x.text))).collect();
    let codes = q.codes();
    let mut out = Placed::default();
    let mut current: Option<&Question> = None;
    let mut collected: Vec<(&Question, Vec<Block>)> = Vec::new();
    let mut in_signatories = false;
    let section_titles: Vec<Vec<String>> =
        q.sections.iter().map(|s| norm_words(&s.title)).collect();
    let known: Vec<Vec<String>> = [
        title,
        &q.title,
        labels::DRAFT_NOTICE,
        labels::NO_JOINT_ANSWER,
    ]
    .iter()
    .map(|t| norm_words(t))
    .chain(section_titles)
    .collect();
    let intro = norm_words(labels::SIGNATORIES_INTRO_START);
    let structural = |b: &Block| -> bool {
        let w = norm_words(&b.plain);
        known.contains(&w) || w.starts_with(&intro) || w.is_empty()
    };
    for b in blocks {
        if let Some((question, used)) = match_question(b, &questions) {
            out.found.push(question.id().to_string());
            current = Some(question);
            in_signatories = false;
            let words: Vec<&str> = b.plain.split_whitespace().collect();
            // What the statement's line holds beyond the question (its link, or answer text):
            // the written words after those whose normalised words the question used.
            let mut taken = 0;
            let mut cut = words.len();
            for (i, w) in words.iter().enumerate() {
                if taken >= used {
                    cut = i;
                    break;
                }
                taken += norm_words(w).len();
            }
            let leftover: String = words[cut..].join(" ");
            out.words_structure += words.len() - leftover.split_whitespace().count();
            let is_link = question
                .links
                .iter()
                .any(|l| norm_words(&l.url) == norm_words(&leftover));
            if is_link {
                out.words_structure += leftover.split_whitespace().count();
            } else if !leftover.trim().is_empty() {
                let md = crate::markdown::escape_inline(&leftover);
                collected.push((
                    question,
                    vec![Block {
                        kind: Kind::Para,
                        markdown: md,
                        plain: leftover,
                        pos: b.pos.clone(),
                    }],
                ));
            }
            collected.push((question, Vec::new()));
            continue;
        }
        // The current question's own link, on a line of its own.
        let is_link = current.is_some_and(|q| {
            let w = norm_words(&b.plain);
            q.links.iter().any(|l| {
                norm_words(&l.url) == w || l.title.as_deref().is_some_and(|t| norm_words(t) == w)
            })
        });
        if structural(b) || is_link {
            in_signatories |=
                norm_words(&b.plain).starts_with(&norm_words(labels::SIGNATORIES_INTRO_START));
            out.words_structure += b.plain.split_whitespace().count();
            continue;
        }
        // Only a line that looks like an organisation's name continues the signatories: the
        // first that does not ends them, and is kept like any other text.
        in_signatories &= names_only(&b.markdown);
        match current {
            None if in_signatories => out.words_structure += b.plain.split_whitespace().count(),
            None => out.unplaced.push(Unplaced {
                pos: b.pos.clone(),
                reason: "before the first question".into(),
                markdown: b.markdown.clone(),
            }),
            Some(question) => match collected.last_mut() {
                Some((q, v)) if q.id() == question.id() => v.push(b.clone()),
                _ => collected.push((question, vec![b.clone()])),
            },
        }
    }
    // Merge what each question collected (a question stated twice collects twice).
    let mut per_question: Vec<(&Question, Vec<Block>)> = Vec::new();
    for (question, blocks) in collected {
        match per_question
            .iter_mut()
            .find(|(x, _)| x.id() == question.id())
        {
            Some((_, v)) => v.extend(blocks),
            None => per_question.push((question, blocks)),
        }
    }
    per_question.sort_by_key(|(x, _)| x.number);
    for (question, blocks) in per_question {
        match question.kind {
            AnswerKind::Text => {
                let md = join(&blocks);
                if !md.trim().is_empty() {
                    out.words_placed += crate::markdown::words(&md);
                    out.answers
                        .push((question.id().to_string(), Slot::Text, md));
                }
            }
            AnswerKind::ActionLines => action_lines(question, &blocks, &codes, &mut out),
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

/// Intro, one entry per coded item (with what continues it), closing. Text between two coded
/// items belongs to the first; text after the last one is the closing.
fn action_lines(question: &Question, blocks: &[Block], codes: &[Code], out: &mut Placed) {
    let mut intro: Vec<Block> = Vec::new();
    let mut lines: Vec<(String, Vec<Block>)> = Vec::new();
    let mut pending: Vec<Block> = Vec::new();
    for b in blocks {
        if let Some((code, content)) = split_code(b, codes) {
            out.words_structure += crate::markdown::words(&b.markdown)
                .saturating_sub(crate::markdown::words(&content));
            if let Some((_, v)) = lines.last_mut() {
                v.append(&mut pending);
            }
            let item = Block {
                kind: Kind::Para,
                markdown: content,
                plain: String::new(),
                pos: b.pos.clone(),
            };
            match lines.iter_mut().find(|(c, _)| *c == code) {
                Some((_, v)) => v.push(item),
                None => lines.push((code, vec![item])),
            }
        } else if lines.is_empty() {
            intro.push(b.clone());
        } else if b.kind == Kind::Continuation && pending.is_empty() {
            if let Some((_, v)) = lines.last_mut() {
                v.push(dedent(b));
            }
        } else {
            pending.push(b.clone());
        }
    }
    let mut put = |slot: Slot, blocks: &[Block]| {
        let md = join(blocks);
        if !md.trim().is_empty() {
            out.words_placed += crate::markdown::words(&md);
            out.answers.push((question.id().to_string(), slot, md));
        }
    };
    put(Slot::Text, &intro);
    for (code, blocks) in &lines {
        put(Slot::Line(code.clone()), blocks);
    }
    put(Slot::Closing, &pending);
}

/// A list item (or bullet paragraph) that starts with a catalogue code: the code and the text
/// after the code, its label and the separator.
fn split_code(b: &Block, codes: &[Code]) -> Option<(String, String)> {
    if b.kind == Kind::Continuation || b.kind == Kind::Heading {
        return None;
    }
    let mut md = b.markdown.trim_start();
    // The list marker.
    for marker in ["- ", "* ", "+ ", "● ", "• ", "○ ", "▪ ", "◦ "] {
        if let Some(r) = md.strip_prefix(marker) {
            md = r.trim_start();
            break;
        }
    }
    if let Some((digits, r)) = md.split_once(". ")
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.is_empty()
    {
        md = r;
    }
    let mut text = md.to_string();
    // "**C2 Label** – text": unwrap the bold label.
    if let Some(rest) = text.strip_prefix("**")
        && let Some(close) = rest.find("**")
    {
        text = format!("{}{}", &rest[..close], &rest[close + 2..]);
    }
    let first = text
        .split_whitespace()
        .next()?
        .trim_end_matches([':', '.', ',']);
    let main = codes
        .iter()
        .find(|c| c.display.eq_ignore_ascii_case(first) && c.code == c.display)?;
    let mut rest = text.trim_start()[first.len()..].trim_start();
    if rest.starts_with([':', '.', ',']) {
        rest = rest[1..].trim_start();
    }
    // The most specific label that the text starts with decides a sub-line.
    let mut code = main.code.clone();
    let mut candidates: Vec<&Code> = codes.iter().filter(|c| c.display == main.display).collect();
    candidates.sort_by_key(|c| std::cmp::Reverse(c.label.len()));
    for c in candidates {
        if rest.to_lowercase().starts_with(&c.label.to_lowercase()) {
            code = c.code.clone();
            rest = rest[c.label.len()..].trim_start();
            break;
        }
    }
    for sep in ["–", "—", "-", ":"] {
        if let Some(r) = rest.strip_prefix(sep) {
            rest = r.trim_start();
            break;
        }
    }
    // Nested content of the item was indented under its marker: bring it back to the margin.
    let content: Vec<&str> = rest.lines().collect();
    let content = content
        .iter()
        .map(|l| l.strip_prefix("  ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    Some((code, content.trim().to_string()))
}

/// A continuation block moved up one level: it now stands on its own in a line's text.
fn dedent(b: &Block) -> Block {
    let md = b
        .markdown
        .lines()
        .map(|l| l.strip_prefix("  ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    Block {
        markdown: md,
        ..b.clone()
    }
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
            pos: "x".into(),
        }
    }

    #[test]
    fn questions_are_found_by_number_and_text() {
        let q = Questionnaire::builtin("wsis20").unwrap();
        let qs: Vec<&Question> = q.questions().collect();
        let qs: Vec<(&Question, Vec<String>)> =
            qs.into_iter().map(|x| (x, norm_words(&x.text))).collect();
        let hit = |s: &str| match_question(&para(s), &qs).map(|(q, _)| q.number);
        assert_eq!(
            hit(
                "1.What are the main achievements of the implementation of the WSIS process in the past 20 years?"
            ),
            Some(1)
        );
        assert_eq!(hit("Question 4"), Some(4));
        assert_eq!(hit("q10."), Some(10));
        assert_eq!(
            hit(
                "what are ITUs main contributions   towards the implementation of the WSIS process in 20 years"
            ),
            Some(2)
        );
        assert_eq!(
            hit(
                "9. How can we further strengthen multistakeholder platforms such as the WSIS Forum"
            ),
            Some(9)
        );
        assert_eq!(
            hit("2004. With a mandate set out in paragraphs 72-78"),
            None
        );
        assert_eq!(hit("3. Short project cycles are a problem."), None);
    }

    #[test]
    fn action_line_items_are_split_by_code() {
        let q = Questionnaire::builtin("wsis20").unwrap();
        let codes = q.codes();
        let item = |s: &str| {
            split_code(
                &Block {
                    kind: Kind::Item,
                    markdown: s.into(),
                    plain: s.into(),
                    pos: "x".into(),
                },
                &codes,
            )
        };
        assert_eq!(
            item("● C2 information and communication infrastructure - include AI"),
            Some(("C2".into(), "include AI".into()))
        );
        assert_eq!(
            item("- **C7 ICT applications (e-health)** – Health text."),
            Some(("C7.e-health".into(), "Health text.".into()))
        );
        assert_eq!(
            item("- **C10 Ethical dimensions of the information society** – Text\n\n  1. one"),
            Some(("C10".into(), "Text\n\n1. one".into()))
        );
        assert_eq!(item("- C12 is not a code"), None);
        assert_eq!(item("- Cultural things"), None);
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
}
