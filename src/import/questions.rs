//! Finding where a document states each question: by the number it shows (typed, or Word's
//! own numbering), by a word that says "question" in any of the UN's languages, or by the
//! question's text.
//!
//! Every block that could state a question is a candidate with a weight: the question's own
//! text is the strongest evidence, a "Question 3" or a numbered heading less, a bare "3." in
//! a paragraph the least, since an answer's own numbered list looks the same. The questions
//! are then taken in document order: the chain of candidates whose questions come in the
//! questionnaire's order and whose weights add up to the most. "3. Short project cycles", the
//! third point of the answer to question 4, cannot follow question 4, and is left in its
//! answer.

use super::{Block, Kind};
use crate::questionnaire::Question;

/// Words that say "question", lowercase, in the UN's languages and a few more; "q" is "Q3".
const KEYWORDS: [&str; 24] = [
    "question",
    "questions",
    "pregunta",
    "frage",
    "pergunta",
    "domanda",
    "vraag",
    "вопрос",
    "pytanie",
    "kysymys",
    "fråga",
    "spørgsmål",
    "spørsmål",
    "soru",
    "otázka",
    "ερώτηση",
    "问题",
    "問題",
    "질문",
    "質問",
    "السؤال",
    "سؤال",
    "प्रश्न",
    "q",
];

/// English number words, for "Question three".
const NUMBER_WORDS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// A question number at the start of a text: "3.", "3)", "(3)", "3 -", "Q3:", "Q.3",
/// "Question three", "Frage 4:", "Question 4 :".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Label {
    /// The number.
    pub number: u32,
    /// A word said it is a question.
    pub keyword: bool,
    /// Where the label ends in the text (bytes, after any punctuation and spaces).
    pub end: usize,
    /// The number was followed by punctuation, or stood alone: "3." or "3", not "3 people".
    pub punctuated: bool,
}

/// The label `text` starts with, if any. A part's label ("3(a)", "3.1") is none: it belongs
/// to the answer to question 3.
pub(super) fn label(text: &str) -> Option<Label> {
    let start = text.len() - text.trim_start().len();
    let mut rest = &text[start..];
    let lower = rest.to_lowercase();
    let mut keyword = false;
    let opened = rest.starts_with('(');
    if let Some(k) = KEYWORDS.iter().find(|k| {
        lower.starts_with(*k)
            && !lower[k.len()..].starts_with(char::is_alphabetic)
            && lower.len() == rest.len()
    }) {
        keyword = true;
        // Lowercasing kept every length here, so the keyword's end is a boundary in `rest` too;
        // `get` makes sure of it.
        rest = rest.get(k.len()..)?;
        rest = rest.trim_start_matches(['.', ' ', '\u{a0}', '#', '°', 'º']);
        // "Question No. 3", "Question n° 3", "Frage Nr. 3".
        for no in ["no.", "no", "n°", "nº", "nr.", "nr", "núm.", "num."] {
            let lower = rest.to_lowercase();
            if lower.starts_with(no) && lower.len() == rest.len() {
                let after = rest.get(no.len()..).unwrap_or_default().trim_start();
                if after.starts_with(|c: char| c.is_ascii_digit()) {
                    rest = after;
                    break;
                }
            }
        }
    } else if opened {
        rest = &rest[1..];
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (number, after) = if digits > 0 {
        if digits > 3 {
            return None;
        }
        (rest[..digits].parse().ok()?, &rest[digits..])
    } else if keyword {
        let lower = rest.to_lowercase();
        let (i, word) = NUMBER_WORDS
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                lower.starts_with(*w)
                    && lower.len() == rest.len()
                    && !lower[w.len()..].starts_with(char::is_alphabetic)
            })
            .max_by_key(|(_, w)| w.len())?;
        (i as u32 + 1, rest.get(word.len()..)?)
    } else {
        return None;
    };
    if digits > 0 && is_part(after) {
        return None;
    }
    let closed = if opened {
        after.strip_prefix(')')?
    } else {
        after
    };
    let spaced = closed.trim_start_matches([' ', '\u{a0}', '\t']);
    let punct = spaced.starts_with(['.', ')', ':', '-', '–', '—', '/', '：', '、']);
    let tail = if punct {
        spaced[spaced.chars().next().map_or(0, char::len_utf8)..].trim_start()
    } else {
        spaced
    };
    let punctuated = punct || opened || spaced.is_empty();
    // "3people" is not a label; "3." and "3 text" are.
    if !punctuated && !keyword && spaced.len() == closed.len() {
        return None;
    }
    Some(Label {
        number,
        keyword,
        end: text.len() - tail.len(),
        punctuated,
    })
}

/// A part's label at the start of a text: "3(a)", "3 (a)", "3 a)", "3.1", "3a)", "Q3(b)", or "(a)" and
/// "b)" on their own (a part of the question before).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PartLabel {
    /// The question's number, when the label gives it.
    pub number: Option<u32>,
    /// The part's own mark, lowercase: "a", "1", "iii".
    pub sub: String,
    /// Where the label ends in the text (bytes, after any punctuation and spaces).
    pub end: usize,
}

/// The part label `text` starts with, if any.
pub(super) fn part_label(text: &str) -> Option<PartLabel> {
    let trimmed = text.trim_start();
    let lower = trimmed.to_lowercase();
    if lower.len() != trimmed.len() {
        return None;
    }
    let mut rest = trimmed;
    // A keyword and a number, or a number, or nothing ("(a)").
    if let Some(k) = KEYWORDS
        .iter()
        .find(|k| lower.starts_with(*k) && !lower[k.len()..].starts_with(char::is_alphabetic))
    {
        rest = rest[k.len()..].trim_start_matches(['.', ' ', '\u{a0}']);
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let number = match digits {
        0 => None,
        1..=3 => Some(rest[..digits].parse().ok()?),
        _ => return None,
    };
    rest = &rest[digits..];
    if number.is_some() {
        // "3 (a)", and "3 a)" as French calls write it.
        let letter_then_paren = |r: &str| {
            let mut c = r.chars();
            c.next().is_some_and(char::is_alphabetic) && c.next() == Some(')')
        };
        rest = rest
            .strip_prefix([' ', '\u{a0}'])
            .filter(|r| r.starts_with('(') || letter_then_paren(r))
            .unwrap_or(rest);
    }
    let (sub, after) = if let Some(r) = rest.strip_prefix('(') {
        let close = r.find(')')?;
        (&r[..close], &r[close + 1..])
    } else if let Some(r) = rest.strip_prefix('.').filter(|_| number.is_some()) {
        let n = r
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .map(char::len_utf8)
            .sum();
        (&r[..n], &r[n..])
    } else {
        let n = rest
            .chars()
            .take_while(|c| c.is_alphanumeric())
            .map(char::len_utf8)
            .sum();
        let after = &rest[n..];
        if !after.starts_with([')', '.']) {
            return None;
        }
        (&rest[..n], &after[1..])
    };
    // A mark is one letter, a roman number or (after a question's number) digits: "3.What"
    // is question 3, typed without a space, and "(3)" alone is a question's number.
    let roman = (1..=4).contains(&sub.len()) && sub.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let letter = sub.chars().count() == 1 && sub.chars().all(|c| c.is_ascii_alphabetic());
    let digits_only = !sub.is_empty() && sub.chars().all(|c| c.is_ascii_digit());
    if !(letter || roman || (digits_only && number.is_some())) {
        return None;
    }
    if !after.is_empty() && !after.starts_with([' ', '.', ':', ')', '-', '–', '—', '\u{a0}']) {
        return None;
    }
    let tail = after.trim_start_matches([' ', '.', ':', ')', '-', '–', '—', '\u{a0}']);
    Some(PartLabel {
        number,
        sub: sub.to_lowercase(),
        end: text.len() - tail.len(),
    })
}

/// True when what follows a number makes it a part's label: "3(a)", "3.1", "3a)", "3.a ",
/// but not "3.What" (a question typed without a space).
fn is_part(after: &str) -> bool {
    let mut chars = after.chars();
    let (first, second, third) = (chars.next(), chars.next(), chars.next());
    let single = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    match (first, second) {
        (Some('('), Some(c)) => c.is_alphanumeric(),
        (Some('.'), Some(c)) if c.is_ascii_digit() => true,
        (Some('.'), Some(c)) if c.is_alphabetic() => single(third),
        (Some(c), next) if c.is_alphabetic() => single(next),
        _ => false,
    }
}

/// Lowercase words without punctuation: what "the same text" means when matching.
pub(super) fn norm_words(s: &str) -> Vec<String> {
    s.split(|c: char| {
        c.is_whitespace()
            || (c.is_ascii_punctuation() && c != '+')
            || matches!(
                c,
                '’' | '‘' | '“' | '”' | '–' | '—' | '●' | '•' | '○' | '▪' | '«' | '»'
            )
    })
    .filter(|w| !w.is_empty())
    .map(str::to_lowercase)
    .collect()
}

/// A block that may state a question.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    /// The block.
    pub block: usize,
    /// The question, by its place in the questionnaire.
    pub question: usize,
    /// How sure: see [`weigh`].
    pub weight: u32,
    /// Where the statement ends in the block's text (bytes of [`statement_text`]); what
    /// follows is answer text.
    pub end: usize,
    /// The block states the question's own text.
    pub by_text: bool,
    /// For a part named by its mark alone ("(b)"), its question's place: the part can only
    /// follow its question or another of its parts.
    pub after: Option<usize>,
}

/// What a document may state, in the questionnaire's order: each question, and a question
/// with parts just before its parts.
#[derive(Debug, Clone)]
pub(super) struct Target<'q> {
    /// The question or part.
    pub question: &'q Question,
    /// Its normalised words.
    pub words: Vec<String>,
    /// For a part, its question's place among the targets.
    pub parent: Option<usize>,
    /// For a part, its mark ("a" of "3(a)").
    pub mark: Option<String>,
}

/// Every target of a questionnaire.
pub(super) fn targets(q: &crate::questionnaire::Questionnaire) -> Vec<Target<'_>> {
    let mut out = Vec::new();
    for question in q.sections.iter().flat_map(|s| &s.questions) {
        let parent = out.len();
        out.push(Target {
            question,
            words: norm_words(&question.text),
            parent: None,
            mark: None,
        });
        for part in &question.parts {
            let mark = part.label.as_deref().and_then(part_label).map(|l| l.sub);
            out.push(Target {
                question: part,
                words: norm_words(&part.text),
                parent: Some(parent),
                mark,
            });
        }
    }
    out
}

/// The text a block states a question with: Word's number for it (which is not part of its
/// words), then its words, with any email quote markers taken off.
pub(super) fn statement_text(block: &Block) -> String {
    let plain = block.plain.trim_start().trim_start_matches(['>', ' ']);
    match &block.label {
        Some(label) => format!("{label} {plain}"),
        None => plain.to_string(),
    }
}

/// The candidates a block makes: most blocks make none or one; "(b)" alone may be the part
/// (b) of any question that has one.
pub(super) fn candidates(index: usize, block: &Block, targets: &[Target]) -> Vec<Candidate> {
    if block.kind == Kind::Continuation || block.kind == Kind::Note {
        return Vec::new();
    }
    let text = statement_text(block);
    let parts = part_candidates(index, block, &text, targets);
    if !parts.is_empty() {
        return parts;
    }
    question_candidate(index, block, &text, targets)
        .into_iter()
        .collect()
}

/// The parts a block's part label ("3(a)", "(b)") may name.
fn part_candidates(index: usize, block: &Block, text: &str, targets: &[Target]) -> Vec<Candidate> {
    let Some(part) = part_label(text) else {
        return Vec::new();
    };
    let body = &text[part.end..];
    let words = norm_words(body);
    (targets.iter().enumerate())
        .filter(|(_, t)| t.mark.as_deref() == Some(part.sub.as_str()))
        .filter(|(_, t)| part.number.is_none_or(|n| n == t.question.number))
        .map(|(i, t)| {
            let used = by_text(&words, &t.words, true);
            let weight = match (used, part.number) {
                (Some(_), _) => 10,
                (None, Some(_)) => 8,
                (None, None) => 6,
            };
            Candidate {
                block: index,
                question: i,
                weight,
                end: statement_end(block, text, part.end, used, &words, &t.words),
                by_text: used.is_some(),
                after: if part.number.is_none() {
                    t.parent
                } else {
                    None
                },
            }
        })
        .collect()
}

/// The question (or question with parts) a block states, by its number or its text.
fn question_candidate(
    index: usize,
    block: &Block,
    text: &str,
    targets: &[Target],
) -> Option<Candidate> {
    let label = label(text);
    let body = label.map_or(text, |l| &text[l.end..]);
    let words = norm_words(body);
    let found = match label {
        // A number names a question (or a question with parts), never a part.
        Some(l) => (targets.iter().enumerate())
            .find(|(_, t)| t.parent.is_none() && t.question.number == l.number)
            .map(|(i, t)| (i, by_text(&words, &t.words, true))),
        None => (targets.iter().enumerate()).find_map(|(i, t)| {
            let used = by_text(&words, &t.words, false).filter(|_| words.len() >= 3)?;
            Some((i, Some(used)))
        }),
    };
    let (question, used) = found?;
    let asks = body.trim_end().ends_with('?');
    let weight = weigh(block, label, used.is_some(), asks)?;
    let body_start = text.len() - body.len();
    Some(Candidate {
        block: index,
        question,
        weight,
        end: statement_end(
            block,
            text,
            body_start,
            used,
            &words,
            &targets[question].words,
        ),
        by_text: used.is_some(),
        after: None,
    })
}

/// How many of a block's words (`words`, after any label) state a question whose words are
/// `qwords`: all or most of them in order ("whole"), or, after a label, its first few. A few
/// differing words inside the question are allowed only when it is not all there word for
/// word.
fn by_text(words: &[String], qwords: &[String], labelled: bool) -> Option<usize> {
    let same = words.iter().zip(qwords).take_while(|(a, b)| a == b).count();
    let whole =
        same >= qwords.len().min(6) && (same * 10 >= qwords.len() * 8 || same == words.len());
    let short = same >= qwords.len().min(4);
    (whole || (labelled && short)).then(|| {
        if same < qwords.len() && same * 10 >= qwords.len() * 8 {
            approx_len(words, qwords)
        } else {
            same
        }
    })
}

/// Where a statement ends in its text (`body_start` is where the words after its label
/// begin): after the question's words, never past their question mark; for a heading, at
/// its end; for a bold lead-in, after the bold; for a question restated in other words, at
/// its question mark; else right after the label.
fn statement_end(
    block: &Block,
    text: &str,
    body_start: usize,
    used: Option<usize>,
    words: &[String],
    qwords: &[String],
) -> usize {
    let body = &text[body_start..];
    match used {
        Some(n) => {
            let end = byte_after_words(body, n);
            let same = words.iter().zip(qwords).take_while(|(a, b)| a == b).count();
            let exact = byte_after_words(body, same).min(end);
            let cut = body[exact..end].find('?').map_or(end, |q| exact + q + 1);
            body_start + cut
        }
        None if block.kind == Kind::Heading => text.len(),
        None => {
            let bold = block.markdown.trim_start().starts_with("**");
            match (bold, body.find('?')) {
                (true, _) => bold_end(block, text).max(body_start),
                (false, Some(q)) if norm_words(&body[..q]).len() >= 3 => body_start + q + 1,
                _ => body_start,
            }
        }
    }
}

/// How sure a candidate is:
/// - 10: the question's own text;
/// - 8: a word that says "question" with its number ("Question 3", "Q3:", "Frage 3:"), alone
///   or punctuated, so that "Q3 2024 data show" or "Question 3 is about" are not;
/// - 5 (4 for a list item): a number and a question in any language ("4. Quels … ?");
/// - 3: a numbered heading, which may paraphrase its question.
///
/// A bare number before anything else ("3. Short project cycles.") is an answer's own point.
fn weigh(block: &Block, label: Option<Label>, by_text: bool, asks: bool) -> Option<u32> {
    let l = match label {
        _ if by_text => return Some(10),
        Some(l) => l,
        None => return None,
    };
    Some(match (l.keyword, l.punctuated || asks) {
        (true, true) => 8,
        (true, false) | (false, false) => return None,
        (false, true) if asks && block.kind == Kind::Item => 4,
        (false, true) if asks => 5,
        (false, true) if block.kind == Kind::Heading => 3,
        (false, true) => return None,
    })
}

/// The byte offset just after the first `n` normalised words of `text`.
fn byte_after_words(text: &str, n: usize) -> usize {
    let mut seen = 0;
    let mut end = 0;
    for word in text.split_whitespace() {
        if seen >= n {
            break;
        }
        seen += norm_words(word).len();
        end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
    }
    end
}

/// Where a block's bold lead-in ends in its statement text: after as many words as the bold
/// holds, and Word's number if it has one.
fn bold_end(block: &Block, text: &str) -> usize {
    let md = block.markdown.trim_start();
    let inner = md[2..].split("**").next().unwrap_or("");
    let bold = crate::markdown::plain_text(inner)
        .split_whitespace()
        .count();
    let numbering = block
        .label
        .as_ref()
        .map_or(0, |l| l.split_whitespace().count());
    after_tokens(text, numbering + bold)
}

/// The byte offset just after the first `n` whitespace-separated words of `text`.
fn after_tokens(text: &str, n: usize) -> usize {
    if n == 0 {
        return 0;
    }
    text.split_whitespace().nth(n - 1).map_or(text.len(), |w| {
        w.as_ptr() as usize - text.as_ptr() as usize + w.len()
    })
}

/// How many of `body`'s words the question takes, allowing a few differing words inside it.
fn approx_len(body: &[String], qwords: &[String]) -> usize {
    match qwords.last() {
        Some(last) => body
            .iter()
            .take(qwords.len() + 3)
            .rposition(|w| w == last)
            .map_or(qwords.len().min(body.len()), |i| i + 1),
        None => 0,
    }
}

/// The candidates that state the questions: the chain, in document order and in the
/// questionnaire's order, whose weights add up to the most. A candidate followed by text of
/// its own counts one more, so a table of contents loses to the questions it lists.
pub(super) fn chain(candidates: &[Candidate], followed: &[bool]) -> Vec<Candidate> {
    // best[i]: the best total of a chain ending with candidate i, and the one before it.
    let mut best: Vec<(u32, Option<usize>)> = Vec::with_capacity(candidates.len());
    // For each target, the best chain ending at a candidate of it, so far: upto[t + 1].
    let targets = candidates.iter().map(|c| c.question + 1).max().unwrap_or(0);
    let mut upto: Vec<Option<(u32, usize)>> = vec![None; targets + 1];
    // One block states one thing: its candidates are weighed against the chains before it,
    // and only then become chains themselves.
    let mut i = 0;
    while i < candidates.len() {
        let block = candidates[i].block;
        let group = i..candidates[i..]
            .iter()
            .position(|c| c.block != block)
            .map_or(candidates.len(), |n| i + n);
        let mut updates = Vec::new();
        for k in group.clone() {
            let c = &candidates[k];
            let from = c.after.map_or(0, |p| p + 1);
            let before = upto[from..=c.question]
                .iter()
                .flatten()
                .max_by_key(|(w, _)| *w)
                .copied();
            if c.after.is_some() && before.is_none() {
                // A part named by its mark alone, with neither its question nor another part
                // before it: no part at all.
                best.push((0, None));
                continue;
            }
            let total = c.weight + u32::from(followed[k]) + before.map_or(0, |(w, _)| w);
            best.push((total, before.map(|(_, j)| j)));
            updates.push((c.question + 1, total, k));
        }
        for (slot, total, k) in updates {
            if upto[slot].is_none_or(|(w, _)| total > w) {
                upto[slot] = Some((total, k));
            }
        }
        i = group.end;
    }
    let mut end = (0..best.len())
        .filter(|&i| best[i].0 > 0)
        .max_by_key(|&i| (best[i].0, std::cmp::Reverse(i)));
    let mut out = Vec::new();
    while let Some(i) = end {
        out.push(candidates[i]);
        end = best[i].1;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Option<(u32, bool, &str)> {
        label(text).map(|l| (l.number, l.keyword, &text[l.end..]))
    }

    #[test]
    fn labels_as_people_type_them() {
        assert_eq!(number("3. What"), Some((3, false, "What")));
        assert_eq!(number("3) What"), Some((3, false, "What")));
        assert_eq!(number("(3) What"), Some((3, false, "What")));
        assert_eq!(number("3 - What"), Some((3, false, "What")));
        assert_eq!(number("3 – What"), Some((3, false, "What")));
        assert_eq!(number("3.What"), Some((3, false, "What")));
        assert_eq!(number("Q3: What"), Some((3, true, "What")));
        assert_eq!(number("Q.3 What"), Some((3, true, "What")));
        assert_eq!(number("Q 3: What"), Some((3, true, "What")));
        assert_eq!(number("Question 3"), Some((3, true, "")));
        assert_eq!(number("Question three: What"), Some((3, true, "What")));
        assert_eq!(number("QUESTION Eleven – What"), Some((11, true, "What")));
        assert_eq!(number("Question 4 : Quels"), Some((4, true, "Quels")));
        assert_eq!(number("Pregunta 4. Cuáles"), Some((4, true, "Cuáles")));
        assert_eq!(number("Frage 4: Welche"), Some((4, true, "Welche")));
        assert_eq!(number("Question No. 7"), Some((7, true, "")));
        assert_eq!(number("问题4：什么"), Some((4, true, "什么")));
        assert_eq!(number("1.What are"), Some((1, false, "What are")));
        // Not labels: parts of a question, quantities, words.
        assert_eq!(number("3(a) Funding"), None);
        assert_eq!(number("3.1 Funding"), None);
        assert_eq!(number("3a) Funding"), None);
        assert_eq!(number("3.a Funding"), None);
        assert_eq!(number("3people"), None);
        assert_eq!(number("Quality matters"), None);
        assert_eq!(number("1998 was a year"), None);
    }

    #[test]
    fn part_labels_as_people_type_them() {
        let part = |t: &str| part_label(t).map(|l| (l.number, l.sub, t[l.end..].to_string()));
        let some =
            |n: Option<u32>, sub: &str, rest: &str| Some((n, sub.to_string(), rest.to_string()));
        assert_eq!(part("3(a) What"), some(Some(3), "a", "What"));
        assert_eq!(part("3 (b) What"), some(Some(3), "b", "What"));
        assert_eq!(part("3.1 What"), some(Some(3), "1", "What"));
        assert_eq!(part("3a) What"), some(Some(3), "a", "What"));
        assert_eq!(part("Q3(c): What"), some(Some(3), "c", "What"));
        assert_eq!(part("(a) What"), some(None, "a", "What"));
        assert_eq!(part("b) What"), some(None, "b", "What"));
        assert_eq!(part("(iii) What"), some(None, "iii", "What"));
        assert_eq!(part("(3) What"), None);
        assert_eq!(part("3. What"), None);
        assert_eq!(part("Access (a right)"), None);
        assert_eq!(part("a lot"), None);
    }

    #[test]
    fn the_chain_follows_the_questionnaire_and_prefers_strong_evidence() {
        let c = |block, question, weight| Candidate {
            block,
            question,
            weight,
            end: 0,
            by_text: weight == 10,
            after: None,
        };
        // q1, q2 by text; a list "1. 2. 3." in q2's answer; q3 by text.
        let candidates = [
            c(0, 0, 10),
            c(2, 1, 10),
            c(3, 0, 2),
            c(4, 1, 2),
            c(5, 2, 2),
            c(7, 2, 10),
        ];
        let followed = [true, true, false, false, true, true];
        let chosen: Vec<usize> = chain(&candidates, &followed)
            .iter()
            .map(|c| c.block)
            .collect();
        assert_eq!(chosen, [0, 2, 7]);
    }
}
