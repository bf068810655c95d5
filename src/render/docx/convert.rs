//! Answer Markdown to Word paragraphs: paragraphs, real lists (numbering definitions, numbered
//! lists restarting in every answer), quotes, code, links, bold, italic and footnotes.

use std::collections::HashMap;
use std::fmt::Write as _;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::styles::{BULLETS, INDENT, LEVELS};
use super::wml::{self, Look, Para};
use crate::markdown::PARSER_OPTIONS;

/// The document's body as it is written, with what it refers to: footnotes, comments,
/// numbered lists and links, each numbered in document order.
#[derive(Default)]
pub(super) struct Body {
    /// The paragraphs, as XML.
    pub xml: String,
    /// True when some paragraph, of the body or a footnote, is a list item.
    pub has_numbering: bool,
    /// Numbering instances to declare, one per numbered list: id, level, first number.
    pub numberings: Vec<(usize, usize, usize)>,
    /// External links in the body (relationship id, URL), which docx-rs never sees to
    /// declare, since it does not write the body.
    pub body_links: Vec<(String, String)>,
    /// External links inside footnotes (relationship id, URL).
    pub footnote_links: Vec<(String, String)>,
    /// Every footnote (`<w:footnote>` elements), for footnotes.xml.
    pub footnotes: String,
    /// Every comment (review copy, `<w:comment>` elements), for comments.xml.
    pub comments: String,
    /// In the review copy, the date comments carry; `None` writes no comments.
    pub comments_dated: Option<String>,
    /// True for a language written right to left: every paragraph is.
    pub right_to_left: bool,
    footnote_count: usize,
    comment_count: usize,
}

/// Numbered lists are numbering instances from 10 up; those below are the document's own.
const FIRST_LIST_ID: usize = 10;

impl Body {
    /// An empty body; `comments_dated` is the date of the review copy's comments.
    pub(super) fn new(comments_dated: Option<String>, right_to_left: bool) -> Body {
        Body {
            comments_dated,
            right_to_left,
            ..Body::default()
        }
    }

    /// Writes paragraphs at the end of the body.
    pub(super) fn add(&mut self, paras: impl IntoIterator<Item = Para>) {
        for p in paras {
            self.has_numbering |= p.has_numbering();
            p.write_in(&mut self.xml, self.right_to_left);
        }
    }

    /// In the review copy, puts a Word comment by `author` saying `text` over `paras`.
    pub(super) fn attribute(
        &mut self,
        mut paras: Vec<Para>,
        author: &str,
        text: &str,
    ) -> Vec<Para> {
        let Some(date) = &self.comments_dated else {
            return paras;
        };
        let (Some(first), false) = (paras.first_mut(), author.is_empty()) else {
            return paras;
        };
        self.comment_count += 1;
        let id = self.comment_count;
        let _ = write!(
            self.comments,
            r#"<w:comment w:id="{}{id}" w:author="{}" w:date="{}">"#,
            wml::COMMENT_ID,
            wml::attr(author),
            wml::attr(date)
        );
        Para::text(&capitalised(text)).write_in(&mut self.comments, self.right_to_left);
        self.comments.push_str("</w:comment>");
        first.prepend_xml(&wml::comment_start(id));
        if let Some(last) = paras.last_mut() {
            last.push_xml(&wml::comment_end(id));
        }
        paras
    }

    /// Numbers the comments after the last footnote, once the whole body is written.
    pub(super) fn finish(&mut self) {
        for xml in [&mut self.xml, &mut self.footnotes, &mut self.comments] {
            wml::number_comments(xml, self.footnote_count);
        }
    }

    /// A relationship id for an external link (declared for the body or the footnotes).
    pub(super) fn link(&mut self, url: String, in_footnote: bool) -> String {
        let n = self.body_links.len() + self.footnote_links.len() + 1;
        let rid = format!("rIdLink{n}");
        match in_footnote {
            true => self.footnote_links.push((rid.clone(), url)),
            false => self.body_links.push((rid.clone(), url)),
        }
        rid
    }

    /// Adds a footnote of `paras` (the first one gets the note's number) and returns its id.
    fn footnote(&mut self, paras: &[Para]) -> usize {
        self.footnote_count += 1;
        let id = self.footnote_count;
        let _ = write!(self.footnotes, r#"<w:footnote w:id="{id}">"#);
        let mut paras = paras.to_vec();
        if paras.is_empty() {
            paras.push(Para::default().style("FootnoteText"));
        }
        paras[0].prepend_xml(wml::FOOTNOTE_MARK);
        for p in paras {
            self.has_numbering |= p.has_numbering();
            p.write_in(&mut self.footnotes, self.right_to_left);
        }
        self.footnotes.push_str("</w:footnote>");
        id
    }

    /// A numbering instance of its own for a numbered list, so that it restarts.
    fn numbered_list(&mut self, level: usize, start: u64) -> usize {
        let id = FIRST_LIST_ID + self.numberings.len();
        let start = usize::try_from(start).unwrap_or(1);
        self.numberings.push((id, level, start));
        id
    }
}

/// A label as it starts a sentence: "From APC".
pub(super) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Where a converted fragment goes.
#[derive(Clone, Default)]
pub(super) struct Placement {
    /// Runs (as XML) put at the start of the first paragraph (an action line's bold label).
    pub lead_runs: String,
    /// Numbering instance and level for the first paragraph (the action line's bullet).
    pub first_numbering: Option<(usize, usize)>,
    /// How many list levels the fragment sits inside (1 within an action-line bullet).
    pub base_level: usize,
}

/// Converts one Markdown fragment to paragraphs.
pub(super) fn convert(markdown: &str, place: Placement, body: &mut Body) -> Vec<Para> {
    let events: Vec<Event> = Parser::new_ext(markdown, PARSER_OPTIONS).collect();
    // Only notes the text refers to are footnotes; others stay in place, as written.
    let referenced = crate::markdown::footnotes_in(&events);
    // Footnote definitions may follow their references: convert them first, and leave them
    // out of the body.
    let mut notes: HashMap<String, Vec<Para>> = HashMap::new();
    let no_notes = HashMap::new();
    let mut converted: Vec<std::ops::Range<usize>> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::FootnoteDefinition(label)) = &events[i]
            && referenced.contains(&*crate::markdown::note_key(label))
        {
            let mut depth = 0;
            let start = i;
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
            let end = (i + 1).min(events.len());
            let mut w = Writer::new(body, &no_notes, Placement::default(), true);
            w.run(&events[start + 1..i.min(events.len())]);
            // Labels match without regard to case; the first definition counts.
            let paras = w.finish();
            notes
                .entry(crate::markdown::note_key(label))
                .or_insert(paras);
            converted.push(start..end);
        }
        i += 1;
    }
    let mut w = Writer::new(body, &notes, place, false);
    let mut from = 0;
    for note in converted {
        w.run(&events[from..note.start]);
        from = note.end;
    }
    w.run(&events[from..]);
    w.finish()
}

struct List {
    num_id: usize,
    /// The next paragraph is the item's first: it carries the number or bullet.
    item_start: bool,
}

struct Writer<'a> {
    body: &'a mut Body,
    notes: &'a HashMap<String, Vec<Para>>,
    place: Placement,
    in_footnote: bool,
    out: Vec<Para>,
    para: Option<Para>,
    /// An open link: its relationship id and its runs so far.
    link: Option<(String, String)>,
    bold: usize,
    italic: usize,
    quote: usize,
    code_block: bool,
    /// A code block's line ended: the break is written before its next line, so the block's
    /// last line ends without one.
    code_break: bool,
    lists: Vec<List>,
}

impl<'a> Writer<'a> {
    fn new(
        body: &'a mut Body,
        notes: &'a HashMap<String, Vec<Para>>,
        place: Placement,
        in_footnote: bool,
    ) -> Self {
        Writer {
            body,
            notes,
            place,
            in_footnote,
            out: Vec::new(),
            para: None,
            link: None,
            bold: 0,
            italic: 0,
            quote: 0,
            code_block: false,
            code_break: false,
            lists: Vec::new(),
        }
    }

    fn finish(mut self) -> Vec<Para> {
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
        let mut p = Para::default();
        if self.code_block {
            p = p.style("SourceCode");
        } else if self.quote > 0 {
            p = p.style("Quote");
        } else if self.in_footnote {
            p = p.style("FootnoteText");
        }
        let level = self.depth();
        let plain = !self.code_block && self.quote == 0 && !self.in_footnote;
        if let Some((num, lvl)) = self.place.first_numbering.take() {
            p = p.style("ListParagraph").numbering(num, lvl);
        } else if let Some(list) = self.lists.last_mut().filter(|l| l.item_start) {
            list.item_start = false;
            if plain {
                p = p.style("ListParagraph");
            }
            p = p.numbering(list.num_id, level - 1);
        } else if level > 0 {
            // A continuation paragraph lines up with its item's text.
            p = p.indent(INDENT * level as i32 + if self.quote > 0 { INDENT } else { 0 });
        }
        p.push_xml(&std::mem::take(&mut self.place.lead_runs));
        self.para = Some(p);
    }

    fn close_para(&mut self) {
        self.close_link();
        if let Some(p) = self.para.take() {
            self.out.push(p);
        }
    }

    fn close_link(&mut self) {
        if let Some((rid, runs)) = self.link.take() {
            self.open_para();
            if let Some(p) = &mut self.para {
                p.push_xml(&wml::hyperlink(&rid, &runs));
            }
        }
    }

    /// List levels deep, at most Word's nine: a list nested deeper goes on at the last level.
    fn depth(&self) -> usize {
        (self.place.base_level + self.lists.len()).min(LEVELS)
    }

    /// The look of text at this point.
    fn look(&self) -> Look {
        Look {
            style: self.link.as_ref().map(|_| "Hyperlink"),
            bold: self.bold > 0,
            italic: self.italic > 0,
            color: None,
        }
    }

    /// Appends a run of `text` to the open link, else to the paragraph (opened if need be).
    fn text_run(&mut self, look: Look, text: &str) {
        let mut xml = String::new();
        wml::run(&mut xml, look, text);
        self.push_xml(&xml);
    }

    /// Appends XML to the open link, else to the paragraph (opened if need be).
    fn push_xml(&mut self, xml: &str) {
        self.open_para();
        if let Some((_, runs)) = &mut self.link {
            runs.push_str(xml);
        } else if let Some(p) = &mut self.para {
            p.push_xml(xml);
        }
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
            Event::Text(t) if self.code_block => {
                // Indented code comes a line at a time, each with its newline: keep the
                // breaks between lines, or "\ta\n\tb" would read "ab".
                let mut text = String::new();
                if std::mem::take(&mut self.code_break) {
                    text.push('\n');
                }
                text.push_str(t);
                if text.ends_with('\n') {
                    text.pop();
                    self.code_break = true;
                }
                self.text_run(self.look(), &text);
            }
            Event::Text(t) => self.text_run(self.look(), t),
            Event::Code(t) => {
                let look = Look {
                    style: Some("VerbatimChar"),
                    ..self.look()
                };
                self.text_run(look, t);
            }
            Event::Html(t)
            | Event::InlineHtml(t)
            | Event::InlineMath(t)
            | Event::DisplayMath(t) => self.text_run(self.look(), t),
            Event::SoftBreak => self.text_run(self.look(), " "),
            Event::HardBreak => self.text_run(Look::PLAIN, "\n"),
            Event::Rule => {
                self.close_para();
                self.out.push(Para::default().style("HorizontalRule"));
            }
            Event::FootnoteReference(label) => {
                match self.notes.get(&*crate::markdown::note_key(label)) {
                    Some(paras) => {
                        let id = self.body.footnote(paras);
                        self.push_xml(&wml::footnote_reference(id));
                    }
                    // A reference without a definition stays visible as written.
                    None => self.text_run(self.look(), &format!("[^{label}]")),
                }
            }
            Event::TaskListMarker(done) => {
                self.text_run(self.look(), if *done { "☒ " } else { "☐ " });
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
            Tag::CodeBlock(_) => {
                self.close_para();
                self.code_block = true;
                self.code_break = false;
                self.open_para();
            }
            Tag::List(start) => {
                self.close_para();
                let level = self.depth().min(LEVELS - 1);
                let num_id = match start {
                    Some(n) => self.body.numbered_list(level, *n),
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
            Tag::FootnoteDefinition(label) => {
                // A note nothing refers to: its text, as written.
                self.close_para();
                wml::run(
                    &mut self.place.lead_runs,
                    Look::PLAIN,
                    &format!("[^{label}]: "),
                );
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.open_para();
                if let Some(url) = external_url(dest_url) {
                    self.close_link();
                    let rid = self.body.link(url, self.in_footnote);
                    self.link = Some((rid, String::new()));
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
            TagEnd::FootnoteDefinition => {
                // An empty note still shows its label.
                if !self.place.lead_runs.is_empty() {
                    self.open_para();
                }
                self.close_para();
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Link | TagEnd::Image => self.close_link(),
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
pub(crate) fn external_url(url: &str) -> Option<String> {
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
    let escape = |b: u8| b <= b' ' || b > b'~' || br#""<>\^`{|}"#.contains(&b);
    Some(
        url.bytes()
            .map(|b| match escape(b) {
                true => format!("%{b:02X}"),
                false => char::from(b).to_string(),
            })
            .collect(),
    )
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
    fn notes_nothing_refers_to_stay_as_written() {
        let mut body = Body::default();
        let md = "Text[^a].\n\n[^a]: See [^b].\n\n[^b]: Kept words.\n\n[^c]:\n";
        let mut xml = String::new();
        for p in convert(md, Placement::default(), &mut body) {
            p.write_in(&mut xml, false);
        }
        assert!(
            xml.contains("[^b]: ") && xml.contains("Kept words."),
            "{xml}"
        );
        assert!(xml.contains("[^c]: "), "{xml}");
        // The referenced note is a real footnote, which shows the inner reference as written.
        assert!(
            body.footnotes.contains(">See <") && body.footnotes.contains(">[^b]<"),
            "{}",
            body.footnotes
        );
        assert!(!xml.contains("[^a]"), "{xml}");
    }

    #[test]
    fn indented_code_keeps_its_line_breaks() {
        let mut body = Body::default();
        for md in [
            "    one\n    two\n\n    three",
            "```\none\ntwo\n\nthree\n```",
        ] {
            let mut xml = String::new();
            for p in convert(md, Placement::default(), &mut body) {
                p.write_in(&mut xml, false);
            }
            let text = xml
                .replace("<w:br/>", "\n")
                .split('<')
                .filter_map(|t| t.split_once('>').map(|(_, text)| text))
                .collect::<String>();
            assert_eq!(text, "one\ntwo\n\nthree", "{md:?}: {xml}");
        }
    }

    #[test]
    fn note_labels_match_without_regard_to_case() {
        // As Markdown readers do: `[^A]` cites the note defined as `[^a]`.
        let mut body = Body::default();
        let mut xml = String::new();
        for p in convert(
            "One[^A] two[^a].\n\n[^a]: The note.",
            Placement::default(),
            &mut body,
        ) {
            p.write_in(&mut xml, false);
        }
        assert!(!xml.contains("[^"), "{xml}");
        assert_eq!(xml.matches("<w:footnoteReference").count(), 2, "{xml}");
    }

    #[test]
    fn a_list_inside_a_footnote_declares_numbering() {
        let mut body = Body::default();
        let paras = convert(
            "Text[^1].\n\n[^1]: 1. one\n    2. two",
            Placement::default(),
            &mut body,
        );
        assert!(paras.iter().all(|p| !p.has_numbering()));
        assert!(body.footnotes.contains("<w:numPr>"), "{}", body.footnotes);
        assert!(body.has_numbering);
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(clean_xml("a\u{b}b\u{1}c\td\n"), "a\nbc\td\n");
    }
}
