//! Markdown (for example, a submission jointly wrote): top-level blocks keep their source text,
//! so formatting survives exactly; lists whose items start with an action-line code are split
//! into their items.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Block, Kind};
use crate::markdown::{PARSER_OPTIONS, plain_text};

/// Reads Markdown into blocks.
pub(crate) fn read(text: &str) -> Vec<Block> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&start| start <= offset);
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    let mut kind = Kind::Para;
    let mut items: Vec<(usize, usize)> = Vec::new();
    let mut item_start = 0usize;
    for (event, range) in Parser::new_ext(text, PARSER_OPTIONS).into_offset_iter() {
        match &event {
            Event::Start(tag) => {
                if depth == 0 {
                    start = range.start;
                    kind = match tag {
                        Tag::Heading { .. } => Kind::Heading,
                        Tag::List(_) => Kind::Item,
                        _ => Kind::Para,
                    };
                    items.clear();
                }
                if depth == 1 && matches!(tag, Tag::Item) {
                    item_start = range.start;
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth -= 1;
                if depth == 1 && matches!(tag, TagEnd::Item) {
                    items.push((item_start, range.end));
                }
                if depth == 0 {
                    let whole = &text[start..range.end];
                    if kind == Kind::Item
                        && items.iter().any(|(s, e)| starts_with_code(&text[*s..*e]))
                    {
                        for (s, e) in &items {
                            let md = text[*s..*e].trim_end().to_string();
                            blocks.push(Block {
                                kind: Kind::Item,
                                plain: plain_text(&md),
                                markdown: md,
                                pos: format!("line {}", line_of(*s)),
                            });
                        }
                    } else {
                        let kind = if kind == Kind::Item { Kind::Para } else { kind };
                        let md = whole.trim_end().to_string();
                        blocks.push(Block {
                            kind,
                            plain: plain_text(&md),
                            markdown: md,
                            pos: format!("line {}", line_of(start)),
                        });
                    }
                }
            }
            // Top-level leaves: a rule, raw HTML.
            _ if depth == 0 => {
                let md = text[range.clone()].trim_end().to_string();
                blocks.push(Block {
                    kind: Kind::Para,
                    plain: plain_text(&md),
                    markdown: md,
                    pos: format!("line {}", line_of(range.start)),
                });
            }
            _ => {}
        }
    }
    blocks
}

/// "- **C2 …", "- C2 …", "1. C2 …".
fn starts_with_code(item: &str) -> bool {
    let plain = plain_text(item);
    let first = plain.split_whitespace().next().unwrap_or("");
    let mut chars = first.chars();
    chars.next().is_some_and(|c| c == 'C' || c == 'c') && {
        let rest: String = chars.collect();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        !digits.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_their_source_and_coded_lists_split() {
        let md = "# Title\n\nSome *text*.\n\n- a\n- b\n\nThen:\n\n- **C2 Infra** – x\n\n  more\n- **C3 Access** – y\n";
        let blocks = read(md);
        let got: Vec<(&str, Kind)> = blocks
            .iter()
            .map(|b| (b.markdown.as_str(), b.kind))
            .collect();
        assert_eq!(got[0], ("# Title", Kind::Heading));
        assert_eq!(got[1], ("Some *text*.", Kind::Para));
        assert_eq!(got[2], ("- a\n- b", Kind::Para));
        assert_eq!(got[4], ("- **C2 Infra** – x\n\n  more", Kind::Item));
        assert_eq!(got[5], ("- **C3 Access** – y", Kind::Item));
        assert_eq!(blocks[5].pos, "line 13");
    }
}
