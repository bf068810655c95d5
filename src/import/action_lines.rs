//! Answers to action-line questions: an intro, one entry per catalogue code, a closing. An
//! entry starts with its code, written the ways people write it: "C2 …", "● C7.e-government –
//! …", "C7 (e-health): …", "**C2 – Information and communication infrastructure** …", with the
//! catalogue's label or title after the code in any case.

use super::{Block, Kind, Placed, join};
use crate::draft::Slot;
use crate::questionnaire::{Code, Question};

/// Intro, one entry per coded item (with what continues it), closing. Text between two coded
/// items belongs to the first; text after the last one is the closing.
pub(super) fn place(question: &Question, blocks: &[Block], codes: &[Code], out: &mut Placed) {
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
                label: None,
                pos: b.pos.clone(),
                box_slot: b.box_slot.clone(),
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

/// A block that starts with a catalogue code: the code and the text after the code, its label
/// or title, and the separator. The bullet, typed or a list's, goes.
pub(super) fn split_code(b: &Block, codes: &[Code]) -> Option<(String, String)> {
    if b.kind == Kind::Continuation || b.kind == Kind::Heading || b.kind == Kind::Note {
        return None;
    }
    let mut md = b.markdown.trim_start();
    for marker in ["- ", "* ", "+ ", "● ", "• ", "○ ", "▪ ", "◦ ", "– "] {
        if let Some(r) = md.strip_prefix(marker) {
            md = r.trim_start();
            break;
        }
    }
    if let Some((digits, r)) = md.split_once(". ")
        && !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
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
        .trim_end_matches([':', '.', ',', ';']);
    // "C7.e-government", or "C7".
    let written = codes
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(first))
        .or_else(|| {
            let main = first.split('.').next().unwrap_or(first);
            (codes.iter()).find(|c| c.display.eq_ignore_ascii_case(main) && c.code == c.display)
        })?;
    let mut rest = text.trim_start()[first.len()..].trim_start();
    rest = strip_separator(rest);
    let mut code = written.code.clone();
    if written.code == written.display {
        // The most specific label that the text starts with decides a sub-line: "ICT
        // applications (e-health)", or "(e-health)" alone.
        let mut candidates: Vec<&Code> = (codes.iter())
            .filter(|c| c.display == written.display)
            .collect();
        candidates.sort_by_key(|c| std::cmp::Reverse(c.label.len()));
        for c in candidates {
            let sub = c.code.split_once('.').map(|(_, s)| format!("({s})"));
            let names = [
                Some(c.title.as_str()),
                Some(c.label.as_str()),
                sub.as_deref(),
            ];
            if let Some(len) = names
                .into_iter()
                .flatten()
                .find_map(|n| starts_with_ci(rest, n))
            {
                code = c.code.clone();
                rest = rest[len..].trim_start();
                break;
            }
        }
    } else {
        for name in [&written.title, &written.label] {
            if let Some(len) = starts_with_ci(rest, name) {
                rest = rest[len..].trim_start();
                break;
            }
        }
    }
    rest = strip_separator(rest);
    // Nested content of the item was indented under its marker: bring it back to the margin.
    let content = rest
        .lines()
        .map(|l| l.strip_prefix("  ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    Some((code, content.trim().to_string()))
}

/// "– ", ": ", "- ", "— " between a code (or its label) and the text.
fn strip_separator(text: &str) -> &str {
    for sep in ["–", "—", "-", ":", "."] {
        if let Some(r) = text.strip_prefix(sep) {
            return r.trim_start();
        }
    }
    text
}

/// The length of `prefix` in `text` when `text` starts with it in any case.
fn starts_with_ci(text: &str, prefix: &str) -> Option<usize> {
    if prefix.is_empty() {
        return None;
    }
    let mut t = text.char_indices();
    for p in prefix.chars() {
        let (_, c) = t.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    Some(t.next().map_or(text.len(), |(i, _)| i))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::Questionnaire;

    #[test]
    fn action_line_items_are_split_by_code_however_written() {
        let q = Questionnaire::builtin("wsis20").unwrap();
        let codes = q.codes();
        let item = |s: &str| {
            split_code(
                &Block {
                    kind: Kind::Item,
                    markdown: s.into(),
                    plain: s.into(),
                    label: None,
                    pos: "x".into(),
                    box_slot: None,
                },
                &codes,
            )
        };
        let line = |code: &str, text: &str| Some((code.to_string(), text.to_string()));
        assert_eq!(
            item("● C2 information and communication infrastructure - include AI"),
            line("C2", "include AI")
        );
        assert_eq!(
            item("- **C7 ICT applications (e-health)** – Health text."),
            line("C7.e-health", "Health text.")
        );
        assert_eq!(
            item("- **C10 Ethical dimensions of the information society** – Text\n\n  1. one"),
            line("C10", "Text\n\n1. one")
        );
        assert_eq!(
            item("● C7.e-government – Online services."),
            line("C7.e-government", "Online services.")
        );
        assert_eq!(
            item("C7 (e-health): Clinics."),
            line("C7.e-health", "Clinics.")
        );
        assert_eq!(
            item("**C2 – Infrastructure first.**"),
            line("C2", "Infrastructure first.")
        );
        assert_eq!(
            item(
                "C2 INFORMATION AND COMMUNICATION INFRASTRUCTURE: AN ESSENTIAL FOUNDATION FOR THE INFORMATION SOCIETY – Text."
            ),
            line("C2", "Text.")
        );
        assert_eq!(item("- C12 is not a code"), None);
        assert_eq!(item("- Cultural things"), None);
    }
}
