//! Plain text for web forms: no Markdown markup, lists as simple "- " lines, links written out,
//! footnotes numbered after each answer, and each answer's counts against its limits.

use std::collections::HashMap;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::labels;
use crate::markdown::PARSER_OPTIONS;
use crate::submission::{QuestionView, Submission};

/// The whole submission as plain text.
pub fn render(sub: &Submission) -> String {
    render_with(sub, true)
}

/// The words that are sent, without the counts against limits that `render` adds for the
/// person pasting: what a sign-off fingerprints, so that a changed limit does not make
/// approvals stale.
pub(crate) fn sent_words(sub: &Submission) -> String {
    render_with(sub, false)
}

fn render_with(sub: &Submission, counts: bool) -> String {
    let mut out = String::new();
    out.push_str(&format!("{}\n", sub.title));
    if let Some(n) = &sub.notice {
        out.push_str(&format!("{n}\n"));
    }
    out.push_str(&format!("\n{}\n", labels::SIGNATORIES_INTRO));
    for s in &sub.signatories {
        out.push_str(&format!("- {}\n", s.display));
    }
    for section in &sub.sections {
        out.push_str(&format!("\n\n{}\n", section.title.to_uppercase()));
        for q in &section.questions {
            out.push_str(&format!("\n{}. {}\n", q.number, q.text));
            for link in &q.links {
                out.push_str(&format!("{}\n", link.url));
            }
            out.push('\n');
            let text = answer(q);
            if text.is_empty() {
                out.push_str("(no answer)\n");
            } else {
                out.push_str(&text);
                if counts {
                    out.push_str(&format!("\n\n[{}]\n", q.count));
                }
            }
        }
    }
    out
}

/// One question's answer as plain text, ready to paste into a form's box.
pub fn answer(q: &QuestionView) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    if !q.body.markdown.is_empty() {
        blocks.push(to_text(&q.body.markdown, &mut notes));
    }
    for line in &q.lines {
        let text = to_text(&line.block.markdown, &mut notes);
        let indented = text.lines().collect::<Vec<_>>().join("\n  ");
        blocks.push(format!("- {} {} – {indented}", line.display, line.label));
    }
    if !q.closing.markdown.is_empty() {
        blocks.push(to_text(&q.closing.markdown, &mut notes));
    }
    let mut out = blocks.join("\n\n");
    if !notes.is_empty() {
        out.push_str("\n\n");
        out.push_str(
            &notes
                .iter()
                .enumerate()
                .map(|(i, n)| format!("[{}] {n}", i + 1))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    out.trim().to_string()
}

/// Markdown to plain text. Footnote texts are appended to `notes` and referred to as `[n]`.
pub(crate) fn to_text(markdown: &str, notes: &mut Vec<String>) -> String {
    // Footnote definitions first, so references can be numbered in order of appearance.
    let mut defs: Vec<(String, String)> = Vec::new();
    let mut in_def: Option<(String, Vec<Event>)> = None;
    let mut body: Vec<Event> = Vec::new();
    for e in Parser::new_ext(markdown, PARSER_OPTIONS) {
        match e {
            Event::Start(Tag::FootnoteDefinition(l)) => in_def = Some((l.to_string(), Vec::new())),
            Event::End(TagEnd::FootnoteDefinition) => {
                if let Some((l, events)) = in_def.take() {
                    defs.push((
                        l,
                        render_events(&events, &mut Vec::new(), &[])
                            .trim()
                            .to_string(),
                    ));
                }
            }
            e => match in_def.as_mut() {
                Some((_, events)) => events.push(e),
                None => body.push(e),
            },
        }
    }
    render_events(&body, notes, &defs).trim().to_string()
}

/// How many list levels the text indents: a form box shows no more, and indenting every level
/// of a list nested thousands deep would make the text grow with the square of it.
const MAX_INDENT: usize = 8;

fn render_events(events: &[Event], notes: &mut Vec<String>, defs: &[(String, String)]) -> String {
    let defs: HashMap<&str, &str> = defs.iter().map(|(l, t)| (l.as_str(), t.as_str())).collect();
    let mut out = String::new();
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut links: Vec<String> = Vec::new();
    let mut link_text_start: Vec<usize> = Vec::new();
    let indent =
        |lists: &Vec<Option<u64>>| "  ".repeat(lists.len().saturating_sub(1).min(MAX_INDENT));
    for e in events {
        match e {
            // A paragraph starts on a new line, unless it is the first of a list item.
            Event::Start(Tag::Paragraph)
                if !out.is_empty()
                    && !out.ends_with("\n\n")
                    && !out.ends_with("- ")
                    && !out.ends_with(". ") =>
            {
                out.push_str(if lists.is_empty() { "\n\n" } else { "\n" });
                if !lists.is_empty() {
                    out.push_str(&indent(&lists));
                    out.push_str("  ");
                }
            }
            Event::End(TagEnd::Paragraph) => {}
            Event::Start(Tag::List(start)) => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                if lists.is_empty() && !out.is_empty() && !out.ends_with("\n\n") {
                    out.push('\n');
                }
                lists.push(*start);
            }
            Event::End(TagEnd::List(_)) => {
                lists.pop();
                if lists.is_empty() {
                    out.push_str("\n\n");
                }
            }
            Event::Start(Tag::Item) => {
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                out.push_str(&indent(&lists));
                match lists.last_mut() {
                    Some(Some(n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("- "),
                }
            }
            Event::End(TagEnd::Item) => {}
            Event::Start(Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::Heading { .. })
                if !out.is_empty() && !out.ends_with("\n\n") =>
            {
                out.push_str("\n\n");
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                links.push(dest_url.to_string());
                link_text_start.push(out.len());
            }
            Event::End(TagEnd::Link) => {
                let url = links.pop().unwrap_or_default();
                let start = link_text_start.pop().unwrap_or(out.len());
                if !url.is_empty() && out[start..].trim() != url {
                    out.push_str(&format!(" ({url})"));
                }
            }
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(t)
            }
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => {
                out.push('\n');
                out.push_str(&indent(&lists));
            }
            Event::Rule => out.push_str("\n\n"),
            Event::FootnoteReference(label) => {
                notes.push(
                    defs.get(label.as_ref())
                        .copied()
                        .unwrap_or_default()
                        .to_string(),
                );
                out.push_str(&format!("[{}]", notes.len()));
            }
            Event::TaskListMarker(done) => out.push_str(if *done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }
    // Tidy: no more than one blank line, no trailing spaces.
    let mut tidy = String::with_capacity(out.len());
    let mut blank = 0;
    for line in out.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
        } else {
            blank = 0;
        }
        tidy.push_str(line);
        tidy.push('\n');
    }
    tidy
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_goes_and_links_and_notes_are_written_out() {
        let mut notes = Vec::new();
        let text = to_text(
            "**Bold** and *it*, [a report](https://example.org/r), <https://example.org>.[^1]\n\n- one\n- two\n  1. nested\n\nAfter.\n\n[^1]: The *source*.",
            &mut notes,
        );
        assert_eq!(
            text,
            "Bold and it, a report (https://example.org/r), https://example.org.[1]\n\n- one\n- two\n  1. nested\n\nAfter."
        );
        assert_eq!(notes, ["The source."]);
    }
}
