//! Markdown (for example, a submission jointly wrote, or an email): top-level blocks keep
//! their source text, so formatting survives exactly. Each item of a list is a block of its
//! own (a question may be one), with the number an ordered list shows it with, and a
//! footnote's text is a block of its own, for the answer that cites it.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Block, Kind};
use crate::markdown::{PARSER_OPTIONS, plain_text};

/// Reads Markdown into blocks.
pub(crate) fn read(text: &str) -> Vec<Block> {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&start| start <= offset);
    let block = |kind, range: std::ops::Range<usize>, label| {
        let md = text[range.clone()].trim_end().to_string();
        Block {
            kind,
            plain: plain_text(&md),
            markdown: md,
            label,
            pos: format!("line {}", line_of(range.start)),
            box_slot: None,
        }
    };
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    let mut kind = Kind::Para;
    // The number the next item of the current top-level list shows, for an ordered list.
    let mut number: Option<u64> = None;
    let mut item_start = 0usize;
    for (event, range) in Parser::new_ext(text, PARSER_OPTIONS).into_offset_iter() {
        match &event {
            Event::Start(tag) => {
                if depth == 0 {
                    start = range.start;
                    kind = match tag {
                        Tag::Heading { .. } => Kind::Heading,
                        Tag::List(first) => {
                            number = *first;
                            Kind::Item
                        }
                        Tag::FootnoteDefinition(_) => Kind::Note,
                        _ => Kind::Para,
                    };
                }
                if depth == 1 && matches!(tag, Tag::Item) {
                    item_start = range.start;
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth -= 1;
                if depth == 1 && matches!(tag, TagEnd::Item) {
                    let label = number.map(|n| format!("{n}."));
                    number = number.map(|n| n + 1);
                    let mut item = block(Kind::Item, item_start..range.end, label);
                    // The marker is markup, not words: the plain text is the item's own.
                    item.plain = item.plain.trim().to_string();
                    blocks.push(item);
                }
                if depth == 0 && kind != Kind::Item {
                    blocks.push(block(kind, start..range.end, None));
                }
            }
            // Top-level leaves: a rule, raw HTML.
            _ if depth == 0 => blocks.push(block(Kind::Para, range, None)),
            _ => {}
        }
    }
    // The wrapper jointly puts around a right-to-left submission is markup, not words.
    blocks.retain(|b| !is_direction_wrapper(&b.markdown));
    blocks
}

/// `<div dir="rtl" lang="ar">` or `</div>` on its own.
fn is_direction_wrapper(markdown: &str) -> bool {
    let t = markdown.trim();
    t == "</div>" || (t.starts_with("<div dir=") && t.ends_with('>') && !t[1..].contains('<'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_their_source_and_lists_split_into_items() {
        let md = "# Title\n\nSome *text*.\n\n- a\n- b\n\n9. How?\n10. Why?\n\n[^1]: A note.\n";
        let blocks = read(md);
        let got: Vec<(&str, Kind, Option<&str>)> = blocks
            .iter()
            .map(|b| (b.markdown.as_str(), b.kind, b.label.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("# Title", Kind::Heading, None),
                ("Some *text*.", Kind::Para, None),
                ("- a", Kind::Item, None),
                ("- b", Kind::Item, None),
                ("9. How?", Kind::Item, Some("9.")),
                ("10. Why?", Kind::Item, Some("10.")),
                ("[^1]: A note.", Kind::Note, None),
            ]
        );
        assert_eq!(blocks[4].plain, "How?");
        assert_eq!(blocks[5].pos, "line 9");
        let rtl = read("<div dir=\"rtl\" lang=\"ar\">\n\n# عنوان\n\n</div>\n");
        assert_eq!(rtl.len(), 1, "only the heading: the wrapper is markup");
    }
}
