//! Answer Markdown: cleaning what organisations wrote so it cannot break the submission, and
//! measuring it.
//!
//! Answers are CommonMark with footnotes. Cleaning parses them with pulldown-cmark and writes
//! them back out, so the submission only ever contains Markdown we understand:
//! - headings become bold paragraphs (an answer cannot open a new section);
//! - raw HTML is kept as visible text, never passed through (`jointly check` points at it);
//! - images become links to the image (a joint submission is text);
//! - footnote labels are made unique per part, so two organisations' `[^1]` stay apart.

use std::borrow::Cow;
use std::collections::HashSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use crate::markdown::{
    PARSER_OPTIONS, escape_block_start, escape_inline, footnotes_in, note_key, risky_scheme,
};

/// An answer part, cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// CommonMark, with no trailing newline.
    pub markdown: String,
    /// True when the text opens with a paragraph (so it can follow a bullet's label inline).
    pub starts_with_paragraph: bool,
}

/// Cleans one part; `footnote_prefix` makes its footnote labels unique in the document.
///
/// Most answers need no rewriting: they keep the author's own Markdown, with only footnote
/// labels renamed in place. Anything that could break the document (headings, HTML, images,
/// reference-style links that could clash across parts, an unclosed code fence) sends the whole
/// part through a parse-and-reserialise pass instead.
pub fn clean(text: &str, footnote_prefix: impl std::fmt::Display) -> Cleaned {
    let unified = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let text = expand_leading_tabs(&unified);
    let text = text.trim_matches('\n').trim_end();
    let events: Vec<(Event, std::ops::Range<usize>)> = Parser::new_ext(text, PARSER_OPTIONS)
        .into_offset_iter()
        .collect();
    let notes = footnotes_in(events.iter().map(|(e, _)| e));
    let mut splices: Vec<(std::ops::Range<usize>, String)> = Vec::new();
    let mut first_is_paragraph = None;
    let mut rewrite = false;
    for (event, range) in events {
        if first_is_paragraph.is_none() {
            first_is_paragraph = Some(matches!(event, Event::Start(Tag::Paragraph)));
        }
        match event {
            Event::Start(
                Tag::Heading { .. } | Tag::HtmlBlock | Tag::Image { .. } | Tag::MetadataBlock(_),
            )
            | Event::Html(_)
            | Event::InlineHtml(_) => rewrite = true,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if !matches!(
                link_type,
                LinkType::Inline | LinkType::Autolink | LinkType::Email
            ) || risky_scheme(&dest_url).is_some() =>
            {
                rewrite = true
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                let block = text[range.clone()].trim_end();
                let opening = block.trim_start();
                let mark = opening.chars().next().unwrap_or('`');
                let length = opening.chars().take_while(|c| *c == mark).count();
                // A closing fence is the opening's character, at least as many times, and
                // nothing else (```` ```x ```` opens nothing and closes nothing).
                let closed = block.lines().count() > 1
                    && block.lines().last().is_some_and(|l| {
                        let l = l.trim();
                        l.chars().all(|c| c == mark) && l.chars().count() >= length
                    });
                rewrite |= !closed;
            }
            Event::FootnoteReference(label) if notes.contains(&*note_key(&label)) => {
                splices.push((range, format!("[^{footnote_prefix}-{label}]")));
            }
            Event::Start(Tag::FootnoteDefinition(label)) if notes.contains(&*note_key(&label)) => {
                // The definition starts with its label as written (`[^ 1]` may define `1`):
                // rename that, not a reference to it inside the note.
                let def = &text[range.clone()];
                if def.starts_with("[^")
                    && let Some(close) = def.find(']')
                {
                    splices.push((
                        range.start..range.start + close + 1,
                        format!("[^{footnote_prefix}-{label}]"),
                    ));
                }
            }
            _ => {}
        }
        if rewrite {
            break;
        }
    }
    if rewrite {
        return rewrite_part(text, &footnote_prefix.to_string(), &notes);
    }
    let mut markdown = String::with_capacity(text.len());
    let mut at = 0;
    splices.sort_by_key(|(r, _)| r.start);
    for (range, replacement) in splices {
        if range.start < at {
            // Overlaps the one before (cannot happen with the ranges above; never panic).
            continue;
        }
        markdown.push_str(&text[at..range.start]);
        markdown.push_str(&replacement);
        at = range.end;
    }
    markdown.push_str(&text[at..]);
    Cleaned {
        markdown,
        starts_with_paragraph: first_is_paragraph.unwrap_or(false),
    }
}

/// Leading tabs as spaces (to the next multiple of four, as CommonMark counts them), so that
/// indenting a part inside a list item keeps its meaning: a tab after two spaces of list
/// indentation would otherwise count for only two columns.
fn expand_leading_tabs(text: &str) -> Cow<'_, str> {
    if !text.contains('\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let mut column = 0;
        let mut rest = line;
        while let Some(c) = rest.chars().next() {
            match c {
                ' ' => column += 1,
                '\t' => column += 4 - column % 4,
                _ => break,
            }
            rest = &rest[1..];
        }
        out.extend(std::iter::repeat_n(' ', column));
        out.push_str(rest);
    }
    Cow::Owned(out)
}

/// The slow path of [`clean`]: parse, transform the events, write CommonMark back out.
fn rewrite_part(text: &str, footnote_prefix: &str, notes: &HashSet<String>) -> Cleaned {
    let mut events: Vec<Event> = Vec::new();
    let mut in_html_block = false;
    // For each open link or image, whether it stays a link.
    let mut links: Vec<bool> = Vec::new();
    for event in Parser::new_ext(text, PARSER_OPTIONS) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                events.push(Event::Start(Tag::Paragraph));
                events.push(Event::Start(Tag::Strong));
            }
            Event::End(TagEnd::Heading(_)) => {
                // An empty heading ("#") has no words: drop it rather than leave empty bold.
                if matches!(events.last(), Some(Event::Start(Tag::Strong))) {
                    events.truncate(events.len() - 2);
                } else {
                    events.push(Event::End(TagEnd::Strong));
                    events.push(Event::End(TagEnd::Paragraph));
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                in_html_block = true;
                events.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::HtmlBlock) => {
                in_html_block = false;
                // Drop the line break the last HTML line carried.
                if let Some(Event::SoftBreak) = events.last() {
                    events.pop();
                }
                events.push(Event::End(TagEnd::Paragraph));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let mut lines = html.split('\n').peekable();
                while let Some(line) = lines.next() {
                    if !line.is_empty() {
                        events.push(Event::Text(CowStr::from(line.to_string())));
                    }
                    if lines.peek().is_some() && in_html_block {
                        events.push(Event::SoftBreak);
                    }
                }
            }
            // Images become links to the image; reference-style links become inline, since
            // definitions are shared by the whole document and could clash between parts. A
            // link that would run code or open the reader's files is left as its text.
            Event::Start(
                Tag::Image {
                    dest_url,
                    title,
                    id,
                    ..
                }
                | Tag::Link {
                    dest_url,
                    title,
                    id,
                    ..
                },
            ) => {
                let keep = risky_scheme(&dest_url).is_none();
                links.push(keep);
                if keep {
                    events.push(Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Image | TagEnd::Link) => {
                if links.pop().unwrap_or(true) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::FootnoteReference(label) if notes.contains(&*note_key(&label)) => {
                events.push(Event::FootnoteReference(CowStr::from(format!(
                    "{footnote_prefix}-{label}"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) if notes.contains(&*note_key(&label)) => {
                events.push(Event::Start(Tag::FootnoteDefinition(CowStr::from(
                    format!("{footnote_prefix}-{label}"),
                ))));
            }
            Event::Start(Tag::MetadataBlock(_)) | Event::End(TagEnd::MetadataBlock(_)) => {}
            // Code that runs to the end of an unclosed fence lacks its last newline, and the
            // serializer would then leave the fence open.
            Event::End(TagEnd::CodeBlock) => {
                if let Some(Event::Text(t)) = events.last_mut()
                    && !t.ends_with('\n')
                {
                    *t = CowStr::from(format!("{t}\n"));
                }
                events.push(Event::End(TagEnd::CodeBlock));
            }
            other => events.push(other),
        }
    }
    let starts_with_paragraph = matches!(events.first(), Some(Event::Start(Tag::Paragraph)));
    let mut markdown = String::with_capacity(text.len() + 16);
    let options = pulldown_cmark_to_cmark::Options {
        list_token: '-',
        increment_ordered_list_bullets: true,
        ..Default::default()
    };
    let written = pulldown_cmark_to_cmark::cmark_with_options(
        events.iter(),
        &mut markdown,
        PARSER_OPTIONS,
        options,
    );
    // The serializer fails on event streams the parser cannot produce, and does not escape
    // every character that would start a block (a paragraph reading ">" comes back as a
    // quote). Whenever what it wrote does not read back as the same words, keep every word as
    // plain text that cannot open a block of its own instead.
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let expected: String = events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(squeeze(t)),
            _ => None,
        })
        .collect();
    let same_words = |md: &str| squeeze(&crate::markdown::plain_text(md)) == expected;
    if written.is_err() || !same_words(&markdown) {
        markdown = text
            .lines()
            .map(|l| escape_block_start(&escape_inline(l.trim_start())))
            .collect::<Vec<_>>()
            .join("\n");
    }
    let markdown = crate::text::trim_block(&markdown).to_string();
    Cleaned {
        // Not `trim()`: a leading vertical tab or spaces can be what keeps a ">" from
        // opening a quote.
        markdown,
        starts_with_paragraph,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{footnotes, plain_text};

    #[test]
    fn a_note_citing_itself_is_renamed_once() {
        // Found by fuzzing: the head search found the reference inside the note, and the two
        // renames overlapped.
        let text = "Text[^1].\n\n[^ 1]: See work[^1] again.";
        let out = clean(text, "p");
        assert!(out.markdown.starts_with("Text[^p-1]."), "{}", out.markdown);
        assert!(
            out.markdown.contains("[^p-1]: See work[^p-1] again."),
            "{}",
            out.markdown
        );
    }

    #[test]
    fn footnote_labels_match_without_regard_to_case() {
        // Found in review: `[^A]` cites `[^a]` for Markdown readers, but only `[^a]` was
        // renamed, leaving `[^A]` pointing at nothing.
        let out = clean("Ref [^A] and [^a].\n\n[^a]: The note.", "p").markdown;
        assert!(out.contains("Ref [^p-A] and [^p-a]."), "{out}");
        assert!(out.contains("[^p-a]: The note."), "{out}");
    }

    #[test]
    fn a_fence_with_text_after_it_does_not_close_a_block() {
        // ```x is not a closing fence: the block ran on into the next part.
        let out = clean("```\ncode\n```x", "p");
        let blocks: Vec<String> = Parser::new_ext(&out.markdown, PARSER_OPTIONS)
            .filter_map(|e| match e {
                Event::Text(t) => Some(t.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(blocks, ["code\n```x\n"], "{}", out.markdown);
        let last = out.markdown.lines().last().unwrap_or("");
        assert!(
            last.len() >= 3 && last.chars().all(|c| c == '`'),
            "{}",
            out.markdown
        );
        // A real closing fence, longer than the opening, needs no rewrite.
        let closed = "````\ncode\n`````";
        assert_eq!(clean(closed, "p").markdown, closed);
    }

    #[test]
    fn only_notes_defined_and_cited_are_renamed() {
        let text = "A[^x] b[^y].\n\n[^x]: X, see [^z].\n\n[^z]: Z.\n\n[^w]: W.";
        assert_eq!(footnotes(text), HashSet::from_iter(["x".to_string()]));
        let out = clean(text, "q1-t1").markdown;
        assert!(out.contains("A[^q1-t1-x] b[^y]."), "{out}");
        assert!(out.contains("[^q1-t1-x]: X, see [^z]."), "{out}");
        assert!(
            out.contains("[^z]: Z.") && out.contains("[^w]: W."),
            "{out}"
        );
    }

    fn md(text: &str) -> String {
        clean(text, "p").markdown
    }

    #[test]
    fn keeps_ordinary_markdown() {
        let text = "**Lead-in.** Some *text* with a [link](https://example.org).\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n> quoted";
        let out = md(text);
        assert_eq!(
            plain_text(&out).split_whitespace().collect::<Vec<_>>(),
            plain_text(text).split_whitespace().collect::<Vec<_>>()
        );
        assert!(out.contains("[link](https://example.org)"), "{out}");
        assert!(out.contains("- one"), "{out}");
        assert!(out.contains("2. second"), "{out}");
        assert!(out.contains("> quoted"), "{out}");
    }

    #[test]
    fn headings_become_bold_paragraphs() {
        let out = md("# Big\n\nText\n\nSetext\n---\n");
        assert!(!out.contains('#'), "{out}");
        assert!(out.contains("**Big**"), "{out}");
        assert!(out.contains("**Setext**"), "{out}");
    }

    #[test]
    fn html_never_passes_through_but_its_words_stay() {
        let out = md("Hello <b>bold</b> world.\n\n<div>\nblock text\n</div>\n");
        let reparsed: Vec<Event> = Parser::new_ext(&out, PARSER_OPTIONS).collect();
        assert!(
            !reparsed
                .iter()
                .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_))),
            "{out}"
        );
        for w in ["Hello", "bold", "world.", "block", "text"] {
            assert!(out.contains(w), "{w} missing from {out}");
        }
    }

    #[test]
    fn footnotes_get_unique_labels() {
        let out = clean("A claim[^1].\n\n[^1]: The source.", "q4-2").markdown;
        assert!(out.contains("[^q4-2-1]"), "{out}");
        assert!(out.contains("[^q4-2-1]:"), "{out}");
    }

    #[test]
    fn special_characters_survive_as_text() {
        for text in [
            "5 * 3 = 15 and a_b_c",
            "Use `code` and 1. not a list",
            "\\*escaped\\*",
            "100% [not a link]",
        ] {
            let out = md(text);
            assert_eq!(
                plain_text(&out).trim(),
                plain_text(text).trim(),
                "{text} -> {out}"
            );
        }
    }

    #[test]
    fn reference_links_become_inline_and_unclosed_fences_are_closed() {
        let out = md("See [the report][r].\n\n[r]: https://example.org/r");
        assert!(out.contains("[the report](https://example.org/r)"), "{out}");
        let out = md("Code:\n\n```\nlet x = 1;");
        assert_eq!(
            out.lines().filter(|l| l.starts_with("```")).count(),
            2,
            "{out:?}"
        );
    }

    #[test]
    fn plain_answers_keep_their_own_markdown() {
        let text = "* star bullets\n* stay as written\n\nA footnote[^a].\n\n[^a]: Note.";
        assert_eq!(
            md(text),
            "* star bullets\n* stay as written\n\nA footnote[^p-a].\n\n[^p-a]: Note."
        );
    }

    #[test]
    fn empty_headings_leave_nothing_behind() {
        assert_eq!(md("# "), "");
        assert_eq!(md("#\n\nText"), "Text");
    }

    #[test]
    fn leading_tabs_become_spaces() {
        assert_eq!(md("\t\\:"), "    \\:");
        assert_eq!(md("a\n\n \tb"), "a\n\n    b");
    }

    #[test]
    fn knows_whether_it_starts_with_a_paragraph() {
        assert!(clean("Text", "p").starts_with_paragraph);
        assert!(!clean("- item", "p").starts_with_paragraph);
    }
}
