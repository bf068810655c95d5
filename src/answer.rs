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

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;

use crate::limits::Count;

/// The Markdown extensions answers may use.
pub const PARSER_OPTIONS: Options = Options::ENABLE_FOOTNOTES;

/// An answer part, cleaned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// CommonMark, with no trailing newline.
    pub markdown: String,
    /// True when the text opens with a paragraph (so it can follow a bullet's label inline).
    pub starts_with_paragraph: bool,
    /// Its words and characters, as [`count`] gives them; `None` when counting it alone
    /// could differ from counting it inside the whole answer (see [`stands_alone`]).
    pub count: Option<Count>,
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
    // One parse finds the notes, the renames and the words (a large coalition's answers are
    // megabytes: each parse counts).
    let parser = Parser::new_ext(text, PARSER_OPTIONS).into_offset_iter();
    let link_definitions = parser.reference_definitions().iter().next().is_some();
    // About one event per eight bytes: room for them all up front saves growing the list
    // five times for a typical answer.
    let mut events: Vec<(Event, std::ops::Range<usize>)> = Vec::with_capacity(8 + text.len() / 8);
    events.extend(parser);
    let notes = if text.contains("[^") {
        footnotes_in(events.iter().map(|(e, _)| e))
    } else {
        HashSet::new()
    };
    let alone = stands_alone(
        text,
        link_definitions,
        events.iter().map(|(e, _)| e),
        &notes,
    );
    let count = count_of(events.iter().map(|(e, _)| e));
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
            Event::Start(Tag::Link { link_type, .. })
                if !matches!(
                    link_type,
                    LinkType::Inline | LinkType::Autolink | LinkType::Email
                ) =>
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
    let longer: usize = splices.iter().map(|(_, r)| r.len()).sum();
    let mut markdown = String::with_capacity(text.len() + longer);
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
        count: alone.then_some(count),
    }
}

/// How pulldown-cmark matches footnote labels: without regard to case.
pub fn note_key(label: &str) -> Cow<'_, str> {
    // Most labels are numbers: a label that lowercasing cannot change is not copied (this
    // runs for every footnote reference of every part, twice).
    if label
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(label)
    } else {
        Cow::Owned(label.to_lowercase())
    }
}

/// True when a part's words counted alone are its words inside the whole answer, where the
/// parts are joined by blank lines. Not so when it
/// - starts indented: after a part ending in a list item or a footnote, it continues that
///   item (found by the property test: indented code became a paragraph of the note before
///   it, and its link text was counted without the address);
/// - has link reference definitions (`[x]: url` would turn another part's `[x]` into a link);
/// - has a fenced code block (one left open runs on into the next part);
/// - has a footnote label printed as written (another part could define or cite it), or one
///   long enough that renaming could push it past the parser's limit.
fn stands_alone<'e, 't: 'e>(
    text: &str,
    link_definitions: bool,
    events: impl IntoIterator<Item = &'e Event<'t>>,
    notes: &HashSet<String>,
) -> bool {
    !text.starts_with([' ', '\t'])
        && !link_definitions
        && events.into_iter().all(|event| match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => false,
            Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) => {
                label.len() <= 200 && notes.contains(&*note_key(label))
            }
            _ => true,
        })
}

/// [`count`], and whether the text [`stands_alone`].
fn count_alone(markdown: &str) -> (Count, bool) {
    let parser = Parser::new_ext(markdown, PARSER_OPTIONS);
    let link_definitions = parser.reference_definitions().iter().next().is_some();
    let events: Vec<Event> = parser.collect();
    let alone = stands_alone(markdown, link_definitions, &events, &footnotes_in(&events));
    (count_of(&events), alone)
}

/// The labels of a text's real footnotes: defined, and referred to from outside any note.
/// Only these are renamed and become Word footnotes; a reference to nothing and a note
/// nothing refers to are printed as written, under the label their author gave them.
pub fn footnotes(text: &str) -> HashSet<String> {
    if !text.contains("[^") {
        return HashSet::new();
    }
    footnotes_in(&Parser::new_ext(text, PARSER_OPTIONS).collect::<Vec<_>>())
}

/// [`footnotes`], from a text's events.
pub fn footnotes_in<'e, 't: 'e>(
    events: impl IntoIterator<Item = &'e Event<'t>>,
) -> HashSet<String> {
    let (mut defined, mut cited) = (HashSet::new(), HashSet::new());
    let mut depth = 0usize;
    for event in events {
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                defined.insert(note_key(label).into_owned());
                depth += 1;
            }
            Event::End(TagEnd::FootnoteDefinition) => depth = depth.saturating_sub(1),
            Event::FootnoteReference(label) if depth == 0 => {
                cited.insert(note_key(label).into_owned());
            }
            _ => {}
        }
    }
    defined.retain(|l| cited.contains(l));
    defined
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
            // definitions are shared by the whole document and could clash between parts.
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
                events.push(Event::Start(Tag::Link {
                    link_type: LinkType::Inline,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::End(TagEnd::Image) => events.push(Event::End(TagEnd::Link)),
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
    let same_words = |md: &str| squeeze(&plain_text(md)) == expected;
    if written.is_err() || !same_words(&markdown) {
        markdown = text
            .lines()
            .map(|l| {
                crate::import::escape_block_start(&crate::render::markdown::escape_inline(
                    l.trim_start(),
                ))
            })
            .collect::<Vec<_>>()
            .join("\n");
    }
    let markdown = crate::text::trim_block(&markdown).to_string();
    let (count, alone) = count_alone(&markdown);
    Cleaned {
        count: alone.then_some(count),
        // Not `trim()`: a leading vertical tab or spaces can be what keeps a ">" from
        // opening a quote.
        markdown,
        starts_with_paragraph,
    }
}

/// The words a reader sees in some Markdown: text and code, without markup, link targets or
/// footnote labels.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, PARSER_OPTIONS) {
        if let Some(piece) = plain_piece(&event) {
            out.push_str(piece);
        }
    }
    out
}

/// The words and characters of [`plain_text`], without building it.
pub fn count(markdown: &str) -> Count {
    count_of(Parser::new_ext(markdown, PARSER_OPTIONS))
}

/// The words and characters of some events' plain text.
fn count_of<'t, E: std::borrow::Borrow<Event<'t>>>(events: impl IntoIterator<Item = E>) -> Count {
    let mut count = Count::default();
    for event in events {
        if let Some(piece) = plain_piece(event.borrow()) {
            count.add(piece);
        }
    }
    count
}

/// What an event adds to the plain text.
fn plain_piece<'e>(event: &'e Event) -> Option<&'e str> {
    match event {
        Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => Some(t),
        Event::SoftBreak | Event::HardBreak | Event::Rule => Some(" "),
        // Blocks end a word; inline markup (bold, links) does not: "**bold**," is "bold,".
        Event::End(
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::HtmlBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::FootnoteDefinition,
        )
        | Event::Start(
            Tag::Item
            | Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::FootnoteDefinition(_),
        ) => Some(" "),
        _ => None,
    }
}

/// Words in some Markdown, as a reader would count them.
pub fn words(markdown: &str) -> usize {
    count(markdown).words
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(
            out.count.is_none(),
            "fenced code is counted with the whole answer"
        );
        // A real closing fence, longer than the opening, needs no rewrite.
        let closed = "````\ncode\n`````";
        assert_eq!(clean(closed, "p").markdown, closed);
    }

    #[test]
    fn parts_that_could_read_differently_joined_are_not_counted_alone() {
        // A definition could give meaning to another part's `[x]` or `[^1]`: the part that
        // holds it is the one not counted alone (the other reads the same either way).
        for (text, alone) in [
            ("Text [^1].", true),
            ("See [x].", true),
            ("[^1]: A note nothing cites.", false),
            ("[x]: https://e.org", false),
        ] {
            assert_eq!(clean(text, "p").count.is_some(), alone, "{text}");
        }
        let own = clean("A claim[^1].\n\n[^1]: Its source.", "p")
            .count
            .unwrap();
        assert_eq!((own.words, own.chars), (4, "A claim. Its source.".len()));
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
    fn inline_markup_does_not_split_words() {
        assert_eq!(words("**bold**, *it*. [link](https://x.org)."), 3);
        assert_eq!(
            plain_text("A **b**, c.\n\n- d\n- e")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["A", "b,", "c.", "d", "e"]
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
