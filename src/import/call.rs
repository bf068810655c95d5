//! A questionnaire from the call for inputs itself: its numbered questions and their parts,
//! the limits it states ("(max. 500 words)"), its title and who issues it, written as a
//! questionnaire file for the coordinator to review.

use super::questions::{label, part_label};
use super::{Block, Kind};
use crate::draft::toml_string;

/// What was found in a call.
#[derive(Debug, Default)]
pub(crate) struct Call {
    /// The call's title.
    pub title: String,
    /// Who issues it.
    pub issuer: Option<String>,
    /// Where it is published: the first web address in it.
    pub url: Option<String>,
    /// A limit for the whole submission.
    pub max_words: Option<usize>,
    /// A character limit for the whole submission.
    pub max_chars: Option<usize>,
    /// Sections, with their questions.
    pub sections: Vec<(String, Vec<CallQuestion>)>,
}

/// A question of a call.
#[derive(Debug, Default)]
pub(crate) struct CallQuestion {
    /// Its number.
    pub number: u32,
    /// Its text, as the call words it (a limit stated in brackets at its end goes to the
    /// limits).
    pub text: String,
    /// A word limit.
    pub max_words: Option<usize>,
    /// A character limit.
    pub max_chars: Option<usize>,
    /// Its parts: mark ("a"), label ("2(a)") and text, with their limits.
    pub parts: Vec<(String, CallQuestion)>,
}

impl Call {
    /// How many questions and parts.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let questions = self.sections.iter().flat_map(|(_, q)| q);
        let parts = questions.clone().map(|q| q.parts.len()).sum();
        (questions.count(), parts)
    }
}

/// Who issues calls for inputs, as they name themselves.
const ISSUERS: [&str; 14] = [
    "special rapporteur",
    "high commissioner",
    "ohchr",
    "office of the",
    "working group",
    "human rights council",
    "european commission",
    "directorate-general",
    "international telecommunication union",
    "secretariat",
    "committee",
    "unesco",
    "ministry",
    "independent expert",
];

/// Words a call's questions often start with when they ask without a question mark.
const ASKING: [&str; 12] = [
    "please", "describe", "explain", "provide", "list", "share", "indicate", "give", "tell",
    "outline", "identify", "specify",
];

/// True for a text that asks something: a question mark, a colon that opens parts, or an
/// imperative such as "Please describe".
fn asks(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("").to_lowercase();
    text.contains('?') || text.trim_end().ends_with(':') || ASKING.contains(&first.as_str())
}

/// Reads a call's blocks.
pub(crate) fn read(blocks: &[Block]) -> Call {
    let texts: Vec<String> = blocks
        .iter()
        .map(|b| {
            b.label.as_ref().map_or(b.plain.trim().to_string(), |l| {
                format!("{l} {}", b.plain.trim())
            })
        })
        .collect();
    let questions = question_blocks(blocks, &texts);
    let mut call = Call::default();
    let mut section: Option<String> = None;
    let mut current: Vec<CallQuestion> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let text = texts[i].as_str();
        if text.is_empty() || b.kind == Kind::Note {
            continue;
        }
        if call.url.is_none() {
            call.url = first_url(&b.markdown);
        }
        if let Some(&(number, end)) = questions.iter().find(|(at, _)| *at == i).map(|(_, q)| q) {
            let (text, words, chars) = limits_in(&text[end..]);
            current.push(CallQuestion {
                number,
                text,
                max_words: words,
                max_chars: chars,
                parts: Vec::new(),
            });
            continue;
        }
        // A part of the question before: "(a) …", "2(b) …", asking something, once each.
        if let (Some(part), Some(last)) = (part_label(text), current.last_mut())
            && part.number.is_none_or(|n| n == last.number)
            && asks(&text[part.end..])
            && !last.parts.iter().any(|(mark, _)| *mark == part.sub)
        {
            let (text, words, chars) = limits_in(&text[part.end..]);
            let question = CallQuestion {
                number: last.number,
                text,
                max_words: words,
                max_chars: chars,
                parts: Vec::new(),
            };
            last.parts.push((part.sub.clone(), question));
            continue;
        }
        if b.kind == Kind::Heading {
            if call.title.is_empty() {
                call.title = text.to_string();
                continue;
            }
            if !current.is_empty() {
                let title = section.take().unwrap_or_else(|| "Questions".into());
                call.sections.push((title, std::mem::take(&mut current)));
            }
            section = Some(text.to_string());
            continue;
        }
        if call.title.is_empty() {
            call.title = text.to_string();
            continue;
        }
        let lower = text.to_lowercase();
        if call.issuer.is_none() && text.len() < 200 && ISSUERS.iter().any(|i| lower.contains(i)) {
            call.issuer = Some(text.trim_end_matches('.').to_string());
        }
        // "Submissions should not exceed 2,500 words."
        if lower.contains("submission") || lower.contains("contribution") {
            let (_, words, chars) = limits_in(text);
            call.max_words = call.max_words.or(words);
            call.max_chars = call.max_chars.or(chars);
        }
    }
    if !current.is_empty() {
        let title = section.unwrap_or_else(|| "Questions".into());
        call.sections.push((title, current));
    }
    call
}

/// The blocks that state the call's questions, with their numbers and where their text
/// starts: the longest run numbered 1, 2, 3… of blocks that ask something, so that an
/// introduction's own numbered list ("1. Who can submit?") loses to the questions.
fn question_blocks(blocks: &[Block], texts: &[String]) -> Vec<(usize, (u32, usize))> {
    let mut runs: Vec<Vec<(usize, (u32, usize))>> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        if b.kind == Kind::Note {
            continue;
        }
        let text = texts[i].as_str();
        let Some(l) = label(text).filter(|l| l.punctuated && l.number > 0) else {
            continue;
        };
        if part_label(text).is_some() || !asks(&text[l.end..]) {
            continue;
        }
        match runs.last_mut() {
            Some(run) if run.last().is_some_and(|(_, (n, _))| *n + 1 == l.number) => {
                run.push((i, (l.number, l.end)));
            }
            _ if l.number == 1 => runs.push(vec![(i, (l.number, l.end))]),
            _ => {}
        }
    }
    // The longest; of two as long, the later (the questions come after the introduction).
    runs.into_iter().max_by_key(Vec::len).unwrap_or_default()
}

/// A text without the limit it states at its end in brackets, and that limit: "(max. 500
/// words)", "(300 words maximum)", "(limit: 1,000 characters)". A limit stated in the
/// sentence itself is read, and the sentence kept.
fn limits_in(text: &str) -> (String, Option<usize>, Option<usize>) {
    let text = text.trim();
    let mut words = None;
    let mut chars = None;
    let tokens: Vec<&str> = text.split_whitespace().collect();
    for (i, token) in tokens.iter().enumerate() {
        let unit = tokens
            .get(i + 1)
            .map(|t| t.to_lowercase())
            .unwrap_or_default();
        let unit = unit.trim_matches(|c: char| !c.is_alphabetic());
        let digits: String = token.chars().filter(|c| c.is_ascii_digit()).collect();
        let number = token.trim_matches(|c: char| !c.is_ascii_digit());
        let plain_number = !digits.is_empty()
            && number
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.' || c == ' ');
        if !plain_number {
            continue;
        }
        let n: usize = digits.parse().unwrap_or(0);
        match unit {
            "words" | "word" => words = words.or(Some(n)),
            "characters" | "character" | "chars" => chars = chars.or(Some(n)),
            _ => {}
        }
    }
    // A bracket at the end that only states the limit goes; the question stays as worded.
    let mut kept = text.to_string();
    if let Some(open) = text.rfind('(')
        && text.ends_with(')')
    {
        let inside = text[open..].to_lowercase();
        if (words.is_some() || chars.is_some())
            && (inside.contains("word") || inside.contains("character"))
        {
            kept = text[..open].trim_end().to_string();
        }
    }
    (kept, words, chars)
}

/// The first web address in some Markdown.
fn first_url(markdown: &str) -> Option<String> {
    let at = markdown
        .find("https://")
        .or_else(|| markdown.find("http://"))?;
    let url: String = markdown[at..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '>' | '"' | ']'))
        .collect();
    Some(url.trim_end_matches(['.', ',', ';']).to_string())
}

/// The call as a questionnaire file, with comments saying what to review.
pub(crate) fn to_toml(call: &Call, id: &str) -> String {
    let mut out = String::from(
        "# A questionnaire read from a call for inputs by `jointly questionnaire from`.\n\
         # Review it against the call: every question's text word for word, its number and\n\
         # parts, and the limits. Then `jointly questionnaire check` this file.\n\n",
    );
    out.push_str(&format!("id = {}\n", toml_string(id)));
    let title = if call.title.is_empty() {
        "Call for inputs"
    } else {
        &call.title
    };
    out.push_str(&format!("title = {}\n", toml_string(title)));
    if let Some(issuer) = &call.issuer {
        out.push_str(&format!("issuer = {}\n", toml_string(issuer)));
    }
    if let Some(url) = &call.url {
        out.push_str(&format!("url = {}\n", toml_string(url)));
    }
    let limits = |out: &mut String, words: Option<usize>, chars: Option<usize>| {
        if let Some(w) = words {
            out.push_str(&format!("max_words = {w}\n"));
        }
        if let Some(c) = chars {
            out.push_str(&format!("max_chars = {c}\n"));
        }
    };
    limits(&mut out, call.max_words, call.max_chars);
    for (title, questions) in &call.sections {
        out.push_str(&format!("\n[[sections]]\ntitle = {}\n", toml_string(title)));
        for q in questions {
            out.push_str(&format!(
                "\n[[sections.questions]]\nid = \"q{}\"\nnumber = {}\ntext = {}\n",
                q.number,
                q.number,
                toml_string(&q.text)
            ));
            limits(&mut out, q.max_words, q.max_chars);
            for (mark, part) in &q.parts {
                // "q2a" for 2(a); "q2_1" for 2.1, which "q21" would take for question 21's.
                let digits = mark.starts_with(|c: char| c.is_ascii_digit());
                let (joint, label) = match digits {
                    true => ("_", format!("{}.{mark}", q.number)),
                    false => ("", format!("{}({mark})", q.number)),
                };
                out.push_str(&format!(
                    "\n[[sections.questions.parts]]\nid = \"q{}{joint}{mark}\"\nlabel = \"{label}\"\ntext = {}\n",
                    q.number,
                    toml_string(&part.text)
                ));
                limits(&mut out, part.max_words, part.max_chars);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_read_and_a_bracket_stating_one_goes() {
        let (text, w, c) = limits_in("What safeguards apply? (max. 500 words)");
        assert_eq!(
            (text.as_str(), w, c),
            ("What safeguards apply?", Some(500), None)
        );
        let (_, w, c) = limits_in("Recommendations (limit: 1,000 characters)");
        assert_eq!((w, c), (None, Some(1000)));
        let (text, w, _) = limits_in("Submissions should not exceed 2,500 words in total.");
        assert_eq!(
            (text.as_str(), w),
            (
                "Submissions should not exceed 2,500 words in total.",
                Some(2500)
            )
        );
        let (_, w, c) = limits_in("What happened in 2024?");
        assert_eq!((w, c), (None, None));
    }
}
