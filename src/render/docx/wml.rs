//! WordprocessingML for the parts that grow with the submission: the body's paragraphs, its
//! footnotes and comments, written as XML text with every property in schema order.
//! docx-rs writes every part around these (see `package.rs`).

use std::fmt::Write as _;

/// How a run of text looks.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Look {
    /// A character style id (`Hyperlink`, `VerbatimChar`).
    pub style: Option<&'static str>,
    pub bold: bool,
    pub italic: bool,
    /// A colour as six hex digits.
    pub color: Option<&'static str>,
}

impl Look {
    pub(super) const PLAIN: Look = Look {
        style: None,
        bold: false,
        italic: false,
        color: None,
    };
    pub(super) const BOLD: Look = Look {
        bold: true,
        ..Look::PLAIN
    };
    pub(super) const ITALIC: Look = Look {
        italic: true,
        ..Look::PLAIN
    };
    pub(super) const LINK: Look = Look {
        style: Some("Hyperlink"),
        ..Look::PLAIN
    };
    /// Bold and red: what must not be missed in the review copy.
    pub(super) const WARNING: Look = Look {
        bold: true,
        color: Some("C00000"),
        ..Look::PLAIN
    };
    pub(super) const OVER_LIMIT: Look = Look {
        italic: true,
        ..Look::WARNING
    };
}

/// One paragraph: its properties, and its content as XML (runs, links, comment marks).
#[derive(Clone, Default)]
pub(super) struct Para {
    style: Option<&'static str>,
    /// Numbering instance (`w:numId`) and level.
    numbering: Option<(usize, usize)>,
    /// Left indent in twentieths of a point.
    indent: Option<i32>,
    content: String,
}

impl Para {
    /// A paragraph of one run of plain text.
    pub(super) fn text(text: &str) -> Self {
        let mut p = Para::default();
        p.run(Look::PLAIN, text);
        p
    }

    pub(super) fn style(mut self, id: &'static str) -> Self {
        self.style = Some(id);
        self
    }

    pub(super) fn numbering(mut self, num_id: usize, level: usize) -> Self {
        self.numbering = Some((num_id, level));
        self
    }

    pub(super) fn indent(mut self, left: i32) -> Self {
        self.indent = Some(left);
        self
    }

    pub(super) fn has_numbering(&self) -> bool {
        self.numbering.is_some()
    }

    /// Appends a run of `text`.
    pub(super) fn run(&mut self, look: Look, text: &str) {
        run(&mut self.content, look, text);
    }

    /// Appends XML already written (a hyperlink, a footnote reference, a comment's end).
    pub(super) fn push_xml(&mut self, xml: &str) {
        self.content.push_str(xml);
    }

    /// Puts XML before the content (a comment's start).
    pub(super) fn prepend_xml(&mut self, xml: &str) {
        self.content.insert_str(0, xml);
    }

    /// Writes `<w:p>…</w:p>`, as a right-to-left paragraph when `right_to_left`: its text
    /// starts on the right, and so do its indent and its list marker.
    pub(super) fn write_in(&self, out: &mut String, right_to_left: bool) {
        out.push_str("<w:p>");
        let has_properties =
            self.style.is_some() || self.numbering.is_some() || self.indent.is_some();
        if has_properties || right_to_left {
            // Schema order: pStyle, numPr, bidi, ind.
            out.push_str("<w:pPr>");
            if let Some(style) = self.style {
                let _ = write!(out, r#"<w:pStyle w:val="{style}"/>"#);
            }
            if let Some((num, level)) = self.numbering {
                let _ = write!(
                    out,
                    r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>"#
                );
            }
            if right_to_left {
                out.push_str("<w:bidi/>");
            }
            if let Some(left) = self.indent {
                let _ = write!(out, r#"<w:ind w:left="{left}"/>"#);
            }
            out.push_str("</w:pPr>");
        }
        out.push_str(&self.content);
        out.push_str("</w:p>");
    }
}

/// Writes a run of `text`. Line breaks (newline, and the vertical tab and form feed Word uses
/// for them) become `<w:br/>`; see [`escape`] for the rest.
pub(super) fn run(out: &mut String, look: Look, text: &str) {
    out.push_str("<w:r>");
    // Arabic or Hebrew letters make a right-to-left run, so that Word orders and shapes them
    // as such; a Latin name inside Arabic text stays a left-to-right run.
    let right_to_left = text.chars().any(is_right_to_left);
    if look != Look::PLAIN || right_to_left {
        // Schema order: rStyle, b, bCs, i, iCs, color, rtl.
        out.push_str("<w:rPr>");
        if let Some(style) = look.style {
            let _ = write!(out, r#"<w:rStyle w:val="{style}"/>"#);
        }
        if look.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if look.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        if let Some(color) = look.color {
            let _ = write!(out, r#"<w:color w:val="{color}"/>"#);
        }
        if right_to_left {
            out.push_str("<w:rtl/>");
        }
        out.push_str("</w:rPr>");
    }
    for (i, line) in text.split(['\n', '\u{b}', '\u{c}']).enumerate() {
        if i > 0 {
            out.push_str("<w:br/>");
        }
        let mut escaped = String::with_capacity(line.len());
        escape(&mut escaped, line, false);
        if !escaped.is_empty() {
            out.push_str(r#"<w:t xml:space="preserve">"#);
            out.push_str(&escaped);
            out.push_str("</w:t>");
        }
    }
    out.push_str("</w:r>");
}

/// A letter of a script written right to left: Hebrew, Arabic, Syriac, Thaana, N'Ko and
/// their presentation forms.
pub(super) fn is_right_to_left(c: char) -> bool {
    matches!(c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
        && c.is_alphabetic()
}

/// Text as XML: `&`, `<` and `>` escaped (and `"` in an attribute), and the characters XML
/// 1.0 cannot hold dropped (control characters pasted from other programs). A carriage return
/// becomes a space; in an attribute, so do line breaks and tabs, which separate words.
fn escape(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\t' if !attribute => out.push('\t'),
            '\r' | '\n' | '\t' | '\u{b}' | '\u{c}' => out.push(' '),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// Text for an attribute value or element content of its own (see [`escape`]).
pub(super) fn attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    escape(&mut out, value, true);
    out
}

/// `<w:hyperlink>` around runs already written.
pub(super) fn hyperlink(rid: &str, runs: &str) -> String {
    format!(r#"<w:hyperlink r:id="{rid}" w:history="1">{runs}</w:hyperlink>"#)
}

/// The superscript number in the text that points to footnote `id`.
pub(super) fn footnote_reference(id: usize) -> String {
    format!(
        r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
    )
}

/// The note's own number, at the start of its first paragraph.
pub(super) const FOOTNOTE_MARK: &str = r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#;

/// The separators Word expects before the notes (ids -1 and 0).
pub(super) const FOOTNOTE_SEPARATORS: &str = r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#;

/// Where comment `id` starts.
pub(super) fn comment_start(id: usize) -> String {
    format!(r#"<w:commentRangeStart w:id="{COMMENT_ID}{id}"/>"#)
}

/// Where comment `id` ends, and the mark that shows it.
pub(super) fn comment_end(id: usize) -> String {
    format!(
        r#"<w:commentRangeEnd w:id="{COMMENT_ID}{id}"/><w:r><w:commentReference w:id="{COMMENT_ID}{id}"/></w:r>"#
    )
}

/// Marks a comment's number until the footnotes are all counted. LibreOffice mixes up
/// footnotes and comments that share an id, so comments are numbered after the last footnote
/// ([`number_comments`]); the mark is a character no text of the document can hold.
pub(super) const COMMENT_ID: char = '\u{1}';

/// Replaces each comment's marked number `n` with `n + after`.
pub(super) fn number_comments(xml: &mut String, after: usize) {
    if !xml.contains(COMMENT_ID) {
        return;
    }
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml.as_str();
    while let Some(at) = rest.find(COMMENT_ID) {
        out.push_str(&rest[..at]);
        rest = &rest[at + COMMENT_ID.len_utf8()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let n: usize = rest[..digits].parse().unwrap_or(0);
        let _ = write!(out, "{}", n + after);
        rest = &rest[digits..];
    }
    out.push_str(rest);
    *xml = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_come_in_schema_order_and_text_is_escaped() {
        let mut p = Para::default().indent(720).numbering(2, 1).style("Quote");
        p.run(
            Look {
                style: Some("Hyperlink"),
                bold: true,
                italic: true,
                color: Some("C00000"),
            },
            "a < b & c\u{1}\u{b}d",
        );
        let mut xml = String::from(r#"<w:body xmlns:w="w">"#);
        p.write_in(&mut xml, false);
        xml.push_str("</w:body>");
        assert_eq!(
            super::super::schema::check(xml.as_bytes()).unwrap(),
            Vec::<String>::new()
        );
        assert!(xml.contains(r#"<w:t xml:space="preserve">a &lt; b &amp; c</w:t><w:br/><w:t xml:space="preserve">d</w:t>"#), "{xml}");
    }

    #[test]
    fn breaks_tabs_and_characters_xml_cannot_hold() {
        let mut xml = String::new();
        run(
            &mut xml,
            Look::PLAIN,
            "\n\u{1}a\rb\tc\u{FFFE}\u{FFFF}\u{FFFD}é\u{c}",
        );
        assert_eq!(
            xml,
            "<w:r><w:br/><w:t xml:space=\"preserve\">a b\tc\u{FFFD}é</w:t><w:br/></w:r>"
        );
        assert_eq!(
            attr("Joint\ninput\tfrom \"us\"\u{1}"),
            "Joint input from &quot;us&quot;"
        );
        let mut plain = String::new();
        Para::text("x").write_in(&mut plain, false);
        assert_eq!(
            plain,
            r#"<w:p><w:r><w:t xml:space="preserve">x</w:t></w:r></w:p>"#
        );
    }
}
