//! Answer Markdown to Word paragraphs: paragraphs, real lists (numbering definitions, numbered
//! lists restarting in every answer), quotes, code, links, bold, italic and footnotes.

use std::collections::HashMap;

use docx_rs::{
    BreakType, Comment, CommentRangeStart, Footnote, Hyperlink, HyperlinkData, HyperlinkType,
    IndentLevel, LevelOverride, Numbering, NumberingId, Paragraph, ParagraphChild, Run,
};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::answer::PARSER_OPTIONS;

/// The bullet list numbering instance (shared: bullets need no restart).
pub const BULLETS: usize = 2;
/// The abstract numbering that numbered lists are instances of.
pub const DECIMAL_ABSTRACT: usize = 3;
/// Left indent per list level, in twentieths of a point.
pub const INDENT: i32 = 720;

/// What the conversion of all answers shares: numbering instances and links inside footnotes.
#[derive(Default)]
pub struct Context {
    /// Numbering instances to declare, one per numbered list.
    pub numberings: Vec<Numbering>,
    /// External links inside footnotes (relationship id, URL), which docx-rs does not declare.
    pub footnote_links: Vec<(String, String)>,
    /// In the review copy, the date comments carry; `None` writes no comments.
    pub comments_dated: Option<String>,
    /// External links in the body (relationship id, URL): the body is written paragraph by
    /// paragraph, so docx-rs never sees them to declare them.
    pub body_links: Vec<(String, String)>,
    /// Every footnote, for footnotes.xml.
    pub footnotes: Vec<Footnote>,
    /// Every comment (review copy), for comments.xml.
    pub comments: Vec<Comment>,
    next_num: usize,
    next_comment: usize,
}

impl Context {
    /// In the review copy, puts a Word comment authored by the contributors over `paras`.
    pub fn attribute(&mut self, mut paras: Vec<Paragraph>, from: &[String]) -> Vec<Paragraph> {
        let Some(date) = self.comments_dated.clone() else {
            return paras;
        };
        if paras.is_empty() || from.is_empty() {
            return paras;
        }
        self.next_comment += 1;
        let id = self.next_comment;
        let who = from.join(", ");
        // docx-rs writes comment authors without escaping them.
        let comment = Comment::new(id)
            .author(super::package::xml_escape(&clean_xml(&who)))
            .date(date)
            .add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(clean_xml(&format!("From {who}")))),
            );
        self.comments.push(comment.clone());
        paras[0].children.insert(
            0,
            ParagraphChild::CommentStart(Box::new(CommentRangeStart::new(comment))),
        );
        let last = paras.pop().expect("not empty").add_comment_end(id);
        paras.push(last);
        paras
    }

    fn numbered_list(&mut self, level: usize, start: u64) -> usize {
        let id = 10 + self.next_num;
        self.next_num += 1;
        let start = usize::try_from(start).unwrap_or(1);
        self.numberings.push(
            Numbering::new(id, DECIMAL_ABSTRACT)
                .add_override(LevelOverride::new(level).start(start)),
        );
        id
    }
}

/// Where a converted fragment goes.
#[derive(Clone, Default)]
pub struct Placement {
    /// Runs put at the start of the first paragraph (an action line's bold label).
    pub lead_runs: Vec<Run>,
    /// Numbering for the first paragraph (the action line's bullet).
    pub first_numbering: Option<(usize, usize)>,
    /// How many list levels the fragment sits inside (1 within an action-line bullet).
    pub base_level: usize,
}

/// Converts one Markdown fragment to paragraphs.
pub fn convert(markdown: &str, place: Placement, ctx: &mut Context) -> Vec<Paragraph> {
    let events: Vec<Event> = Parser::new_ext(markdown, PARSER_OPTIONS).collect();
    // Footnote definitions may follow their references: convert them first.
    let mut notes: HashMap<String, Vec<Paragraph>> = HashMap::new();
    let no_notes = HashMap::new();
    let mut body: Vec<Event> = Vec::with_capacity(events.len());
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = &events[i] {
            let mut depth = 0;
            let start = i + 1;
            while i < events.len() {
                match &events[i] {
                    Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                    Event::End(TagEnd::FootnoteDefinition) => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            let mut w = Writer::new(ctx, &no_notes, Placement::default(), true);
            w.run(&events[start..i.min(events.len())]);
            notes.insert(label.to_string(), w.finish());
        } else {
            body.push(events[i].clone());
        }
        i += 1;
    }
    let mut w = Writer::new(ctx, &notes, place, false);
    w.run(&body);
    w.finish()
}

struct List {
    num_id: usize,
    /// The next paragraph is the item's first: it carries the number or bullet.
    item_start: bool,
}

struct Writer<'a> {
    ctx: &'a mut Context,
    notes: &'a HashMap<String, Vec<Paragraph>>,
    place: Placement,
    in_footnote: bool,
    out: Vec<Paragraph>,
    para: Option<Paragraph>,
    link: Option<Hyperlink>,
    bold: usize,
    italic: usize,
    strike: usize,
    quote: usize,
    code_block: bool,
    lists: Vec<List>,
}

impl<'a> Writer<'a> {
    fn new(
        ctx: &'a mut Context,
        notes: &'a HashMap<String, Vec<Paragraph>>,
        place: Placement,
        in_footnote: bool,
    ) -> Self {
        Writer {
            ctx,
            notes,
            place,
            in_footnote,
            out: Vec::new(),
            para: None,
            link: None,
            bold: 0,
            italic: 0,
            strike: 0,
            quote: 0,
            code_block: false,
            lists: Vec::new(),
        }
    }

    fn finish(mut self) -> Vec<Paragraph> {
        self.close_para();
        if self.out.is_empty()
            && (!self.place.lead_runs.is_empty() || self.place.first_numbering.is_some())
        {
            self.open_para();
            self.close_para();
        }
        self.out
    }

    fn open_para(&mut self) {
        if self.para.is_some() {
            return;
        }
        let mut p = Paragraph::new();
        if self.code_block {
            p = p.style("SourceCode");
        } else if self.quote > 0 {
            p = p.style("Quote");
        } else if self.in_footnote {
            p = p.style("FootnoteText");
        }
        let level = self.place.base_level + self.lists.len();
        let plain = !self.code_block && self.quote == 0 && !self.in_footnote;
        if let Some((num, lvl)) = self.place.first_numbering.take() {
            p = p
                .style("ListParagraph")
                .numbering(NumberingId::new(num), IndentLevel::new(lvl));
        } else if let Some(list) = self.lists.last_mut().filter(|l| l.item_start) {
            list.item_start = false;
            if plain {
                p = p.style("ListParagraph");
            }
            p = p.numbering(NumberingId::new(list.num_id), IndentLevel::new(level - 1));
        } else if level > 0 {
            // A continuation paragraph lines up with its item's text.
            p = p.indent(
                Some(INDENT * level as i32 + if self.quote > 0 { INDENT } else { 0 }),
                None,
                None,
                None,
            );
        }
        for run in std::mem::take(&mut self.place.lead_runs) {
            p = p.add_run(run);
        }
        self.para = Some(p);
    }

    fn close_para(&mut self) {
        if let Some(link) = self.link.take() {
            self.para = self.para.take().map(|p| p.add_hyperlink(link));
        }
        if let Some(p) = self.para.take() {
            self.out.push(p);
        }
    }

    fn push_run(&mut self, run: Run) {
        self.open_para();
        if let Some(link) = self.link.take() {
            self.link = Some(link.add_run(run));
        } else {
            self.para = self.para.take().map(|p| p.add_run(run));
        }
    }

    fn text_run(&self, text: &str) -> Run {
        let mut run = Run::new();
        for (i, line) in clean_xml(text).split('\n').enumerate() {
            if i > 0 {
                run = run.add_break(BreakType::TextWrapping);
            }
            if !line.is_empty() {
                run = run.add_text(line);
            }
        }
        if self.bold > 0 {
            run = run.bold();
        }
        if self.italic > 0 {
            run = run.italic();
        }
        if self.strike > 0 {
            run = run.strike();
        }
        if self.link.is_some() {
            run = run.style("Hyperlink");
        }
        run
    }

    fn run(&mut self, events: &[Event]) {
        for event in events {
            self.event(event);
        }
    }

    fn event(&mut self, event: &Event) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(*tag),
            Event::Text(t) => {
                let text = if self.code_block {
                    t.trim_end_matches('\n')
                } else {
                    t
                };
                let run = self.text_run(text);
                self.push_run(run);
            }
            Event::Code(t) => {
                let run = self.text_run(t).style("VerbatimChar");
                self.push_run(run);
            }
            Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => {
                let run = self.text_run(t);
                self.push_run(run);
            }
            Event::SoftBreak => {
                let run = self.text_run(" ");
                self.push_run(run);
            }
            Event::HardBreak => self.push_run(Run::new().add_break(BreakType::TextWrapping)),
            Event::Rule => {
                self.close_para();
                self.out.push(Paragraph::new().style("HorizontalRule"));
            }
            Event::FootnoteReference(label) => {
                let run = match self.notes.get(label.as_ref()) {
                    Some(paras) => {
                        let mut note = Footnote::new();
                        for p in paras {
                            note.add_content(p.clone());
                        }
                        self.ctx.footnotes.push(note.clone());
                        Run::new().add_footnote_reference(note)
                    }
                    // A reference without a definition stays visible as written.
                    None => self.text_run(&format!("[^{label}]")),
                };
                self.push_run(run);
            }
            Event::TaskListMarker(done) => {
                let run = self.text_run(if *done { "☒ " } else { "☐ " });
                self.push_run(run);
            }
        }
    }

    fn start(&mut self, tag: &Tag) {
        match tag {
            Tag::Paragraph => {
                self.close_para();
                self.open_para();
            }
            Tag::Heading { .. } => {
                self.close_para();
                self.open_para();
                self.bold += 1;
            }
            Tag::BlockQuote(_) => {
                self.close_para();
                self.quote += 1;
            }
            Tag::CodeBlock(kind) => {
                self.close_para();
                self.code_block = true;
                let _ = matches!(kind, CodeBlockKind::Fenced(_));
                self.open_para();
            }
            Tag::List(start) => {
                self.close_para();
                let level = self.place.base_level + self.lists.len();
                let num_id = match start {
                    Some(n) => self.ctx.numbered_list(level, *n),
                    None => BULLETS,
                };
                self.lists.push(List {
                    num_id,
                    item_start: false,
                });
            }
            Tag::Item => {
                self.close_para();
                if let Some(list) = self.lists.last_mut() {
                    list.item_start = true;
                }
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.open_para();
                if let Some(url) = external_url(dest_url) {
                    let link = Hyperlink::new(url.clone(), HyperlinkType::External);
                    if let HyperlinkData::External { rid, .. } = &link.link {
                        let list = if self.in_footnote {
                            &mut self.ctx.footnote_links
                        } else {
                            &mut self.ctx.body_links
                        };
                        list.push((rid.clone(), url));
                    }
                    self.link = Some(link);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.close_para(),
            TagEnd::Heading(_) => {
                self.bold = self.bold.saturating_sub(1);
                self.close_para();
            }
            TagEnd::BlockQuote(_) => {
                self.close_para();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                self.close_para();
                self.code_block = false;
            }
            TagEnd::List(_) => {
                self.close_para();
                self.lists.pop();
            }
            TagEnd::Item => self.close_para(),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => {
                if let Some(link) = self.link.take() {
                    self.open_para();
                    self.para = self.para.take().map(|p| p.add_hyperlink(link));
                }
            }
            _ => {}
        }
    }
}

/// Drops the characters XML 1.0 forbids (control characters pasted from other programs);
/// keeps tab and newline.
pub fn clean_xml(text: &str) -> String {
    // Word writes a manual line break as a vertical tab when text is copied out of it.
    text.chars()
        .map(|c| match c {
            '\u{b}' | '\u{c}' => '\n',
            '\r' => ' ',
            c => c,
        })
        .filter(|&c| {
            matches!(c, '\t' | '\n') || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
        })
        .collect()
}

/// The URL to link to, percent-encoding what a relationship target may not hold; `None` for
/// in-document anchors and relative paths, which have nothing to point to in a Word file.
pub fn external_url(url: &str) -> Option<String> {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let external = ["http://", "https://", "mailto:", "ftp://"]
        .iter()
        .any(|s| lower.starts_with(s));
    let url = if !external && lower.starts_with("www.") {
        format!("https://{url}")
    } else if external {
        url.to_string()
    } else {
        return None;
    };
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b > 0x7e
            || b <= 0x20
            || b == b'"'
            || b == b'<'
            || b == b'>'
            || b == b'\\'
            || b == b'^'
            || b == b'`'
            || b == b'{'
            || b == b'|'
            || b == b'}'
        {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(b as char);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_percent_encoded_and_anchors_dropped() {
        assert_eq!(
            external_url("https://example.org/São Paulo").unwrap(),
            "https://example.org/S%C3%A3o%20Paulo"
        );
        assert_eq!(
            external_url("www.example.org").unwrap(),
            "https://www.example.org"
        );
        assert_eq!(external_url("#section"), None);
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(clean_xml("a\u{b}b\u{1}c\td\n"), "a\nbc\td\n");
    }
}
