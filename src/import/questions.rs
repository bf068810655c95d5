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

/// The candidate a block makes, if any. `questions` are the questionnaire's, each with its
/// normalised words.
pub(super) fn candidate(
    index: usize,
    block: &Block,
    questions: &[(&Question, Vec<String>)],
) -> Option<Candidate> {
    if block.kind == Kind::Continuation || block.kind == Kind::Note {
        return None;
    }
    let text = statement_text(block);
    let label = label(&text);
    let body = label.map_or(text.as_str(), |l| &text[l.end..]);
    let words = norm_words(body);
    // The question whose text this is, and how many of the block's words state it. A few
    // differing words inside the question are allowed only when it is not all there word for
    // word, and never past its question mark: "…the WSIS process? The WSIS process…".
    let by_text = |qwords: &[String]| -> Option<usize> {
        let same = words.iter().zip(qwords).take_while(|(a, b)| a == b).count();
        let whole =
            same >= qwords.len().min(6) && (same * 10 >= qwords.len() * 8 || same == words.len());
        let short = same >= qwords.len().min(4);
        (whole || (label.is_some() && short)).then(|| {
            if same < qwords.len() && same * 10 >= qwords.len() * 8 {
                approx_len(&words, qwords)
            } else {
                same
            }
        })
    };
    let (question, used, by_text) = match label {
        Some(l) => {
            let i = questions.iter().position(|(q, _)| q.number == l.number)?;
            let used = by_text(&questions[i].1);
            (i, used, used.is_some())
        }
        None => {
            let found = questions
                .iter()
                .enumerate()
                .find_map(|(i, (_, qw))| Some((i, by_text(qw).filter(|_| words.len() >= 3)?)));
            let (i, used) = found?;
            (i, Some(used), true)
        }
    };
    let asks = body.trim_end().ends_with('?');
    let weight = weigh(block, label, by_text, asks)?;
    let body_start = text.len() - body.len();
    let end = match used {
        Some(n) => {
            let end = byte_after_words(body, n);
            let exact = byte_after_words(
                body,
                words
                    .iter()
                    .zip(&questions[question].1)
                    .take_while(|(a, b)| a == b)
                    .count(),
            );
            // Past the words that match exactly, the statement stops at its question mark.
            let cut = body[exact..end].find('?').map_or(end, |q| exact + q + 1);
            body_start + cut
        }
        // A heading, or a bold lead-in, is the statement; so is a restated question up to
        // its question mark. Otherwise only the label is, and the answer follows it.
        None if block.kind == Kind::Heading => text.len(),
        None => {
            let bold = block.markdown.trim_start().starts_with("**");
            match (bold, body.find('?')) {
                (true, _) => bold_end(block, &text).max(body_start),
                (false, Some(q)) if norm_words(&body[..q]).len() >= 3 => body_start + q + 1,
                _ => body_start,
            }
        }
    };
    Some(Candidate {
        block: index,
        question,
        weight,
        end,
        by_text,
    })
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
    // For each question, the best chain ending at a candidate of that question or before it
    // in the questionnaire, so far.
    let questions = candidates.iter().map(|c| c.question + 1).max().unwrap_or(0);
    let mut upto: Vec<Option<(u32, usize)>> = vec![None; questions + 1];
    for (i, c) in candidates.iter().enumerate() {
        let own = c.weight + u32::from(followed[i]);
        let before = upto[..=c.question]
            .iter()
            .flatten()
            .max_by_key(|(w, _)| *w)
            .copied();
        let total = own + before.map_or(0, |(w, _)| w);
        best.push((total, before.map(|(_, j)| j)));
        let slot = &mut upto[c.question + 1];
        if slot.is_none_or(|(w, _)| total > w) {
            *slot = Some((total, i));
        }
    }
    let mut end = (0..best.len()).max_by_key(|&i| (best[i].0, std::cmp::Reverse(i)));
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
    fn the_chain_follows_the_questionnaire_and_prefers_strong_evidence() {
        let c = |block, question, weight| Candidate {
            block,
            question,
            weight,
            end: 0,
            by_text: weight == 10,
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
