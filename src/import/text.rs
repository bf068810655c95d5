//! Plain text (for example, text copied out of a PDF): paragraphs are separated by blank lines,
//! wrapped lines are joined, and lines starting with a bullet are list items.

use super::{Block, Kind};
use crate::markdown::{escape_block_start, escape_inline};

const BULLETS: [char; 8] = ['●', '•', '○', '▪', '◦', '-', '*', '–'];

/// Reads plain text into blocks.
pub(crate) fn read(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<(bool, usize, Vec<String>)> = None;
    let flush = |current: &mut Option<(bool, usize, Vec<String>)>, blocks: &mut Vec<Block>| {
        if let Some((item, line, parts)) = current.take() {
            let plain = parts.join(" ");
            let markdown = if item {
                format!("- {}", escape_inline(&plain))
            } else {
                escape_block_start(&escape_inline(&plain))
            };
            blocks.push(Block {
                kind: if item { Kind::Item } else { Kind::Para },
                markdown,
                plain,
                label: None,
                pos: format!("line {line}"),
                box_slot: None,
            });
        }
    };
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut current, &mut blocks);
            continue;
        }
        let bullet = line
            .chars()
            .next()
            .filter(|c| BULLETS.contains(c))
            .filter(|_| line.chars().nth(1).is_some_and(char::is_whitespace));
        if let Some(b) = bullet {
            flush(&mut current, &mut blocks);
            current = Some((true, i + 1, vec![line[b.len_utf8()..].trim().to_string()]));
            continue;
        }
        match current.as_mut() {
            Some((_, _, parts)) => parts.push(line.to_string()),
            None => current = Some((false, i + 1, vec![line.to_string()])),
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_wrapped_lines_and_bullets() {
        let blocks = read(
            "1.What is it\nabout? \n \nAnswer line one\nline two.\n● C2 first\ncontinued\n● C3 second\n",
        );
        let md: Vec<&str> = blocks.iter().map(|b| b.markdown.as_str()).collect();
        assert_eq!(
            md,
            [
                "1\\.What is it about?",
                "Answer line one line two.",
                "- C2 first continued",
                "- C3 second"
            ]
        );
        assert_eq!(blocks[2].kind, Kind::Item);
        assert_eq!(blocks[1].pos, "line 4");
    }
}
