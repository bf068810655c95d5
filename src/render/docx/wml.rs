//! The WordprocessingML of the parts that grow with the submission: the body's paragraphs,
//! footnotes and comments, written straight to XML with every property in schema order.
//!
//! docx-rs builds a paragraph as a tree of structs (a paragraph is 2.4 KB, a run 0.7 KB) and
//! writes its properties in its own order, which then needs a reordering pass; for a coalition
//! of a thousand organisations that was most of the build. docx-rs still writes every part
//! around these (styles, numbering, settings, headers, footers, relationships).

use std::fmt::{self, Write as _};

use super::ids::Local;

/// How a run of text looks.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct Look {
    /// A character style id (`Hyperlink`, `VerbatimChar`).
    pub style: Option<&'static str>,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    /// A colour as six hex digits.
    pub color: Option<&'static str>,
}

impl Look {
    pub const PLAIN: Look = Look {
        style: None,
        bold: false,
        italic: false,
        strike: false,
        color: None,
    };
    pub const BOLD: Look = Look {
        bold: true,
        ..Look::PLAIN
    };
    pub const ITALIC: Look = Look {
        italic: true,
        ..Look::PLAIN
    };
}

/// A paragraph's numbering instance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Num {
    /// The bullets every bulleted list shares.
    Bullets,
    /// A numbered list's own instance (numbered lists restart).
    List(Local),
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Num::Bullets => write!(f, "{}", super::blocks::BULLETS),
            Num::List(id) => id.fmt(f),
        }
    }
}

/// One paragraph: its properties, and its content as XML (runs, links, comment marks).
#[derive(Clone, Default)]
pub struct Para {
    style: Option<&'static str>,
    /// Numbering instance and level.
    numbering: Option<(Num, usize)>,
    /// Left indent in twentieths of a point.
    indent: Option<i32>,
    content: String,
}

impl Para {
    pub fn new() -> Self {
        Para::default()
    }

    /// A paragraph with room for `bytes` of content without growing (an answer's
    /// paragraph is about 200 bytes of XML; growing from empty took six allocations).
    pub fn with_capacity(bytes: usize) -> Self {
        Para {
            content: String::with_capacity(bytes),
            ..Para::default()
        }
    }

    /// A paragraph of one run of plain text.
    pub fn text(text: &str) -> Self {
        let mut p = Para::new();
        p.run(Look::PLAIN, text);
        p
    }

    pub fn style(mut self, id: &'static str) -> Self {
        self.style = Some(id);
        self
    }

    pub fn numbering(mut self, num_id: Num, level: usize) -> Self {
        self.numbering = Some((num_id, level));
        self
    }

    pub fn indent(mut self, left: i32) -> Self {
        self.indent = Some(left);
        self
    }

    pub fn has_numbering(&self) -> bool {
        self.numbering.is_some()
    }

    /// Appends a run of `text`.
    pub fn run(&mut self, look: Look, text: &str) {
        run(&mut self.content, look, text);
    }

    /// Appends XML already written (a hyperlink, a footnote reference, a comment's end).
    pub fn push_xml(&mut self, xml: &str) {
        self.content.push_str(xml);
    }

    /// Puts XML before the content (a comment's start).
    pub fn prepend_xml(&mut self, xml: &str) {
        self.content.insert_str(0, xml);
    }

    /// Writes `<w:p>…</w:p>`.
    pub fn write(&self, out: &mut String) {
        out.push_str("<w:p>");
        if self.style.is_some() || self.numbering.is_some() || self.indent.is_some() {
            // Schema order: pStyle, numPr, ind.
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
            if let Some(left) = self.indent {
                let _ = write!(out, r#"<w:ind w:left="{left}"/>"#);
            }
            out.push_str("</w:pPr>");
        }
        out.push_str(&self.content);
        out.push_str("</w:p>");
    }
}

/// The bytes [`run`] looks at: control characters, `&`, `<`, `>`, and the first byte of
/// U+FFFE and U+FFFF. One lookup per byte of text instead of five comparisons.
static LOOK_AT: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[0xEF] = true;
    table
};

/// Writes a run of `text`: characters XML forbids are dropped, line breaks (newline, and the
/// vertical tab and form feed Word uses for them) become `<w:br/>`, carriage returns spaces.
pub fn run(out: &mut String, look: Look, text: &str) {
    out.push_str("<w:r>");
    if look != Look::PLAIN {
        // Schema order: rStyle, b, bCs, i, iCs, strike, color.
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
        if look.strike {
            out.push_str("<w:strike/>");
        }
        if let Some(color) = look.color {
            let _ = write!(out, r#"<w:color w:val="{color}"/>"#);
        }
        out.push_str("</w:rPr>");
    }
    // Stretches of ordinary text are copied whole; only the bytes below are looked at one
    // by one (this writes every word of the body).
    fn open_text(out: &mut String, open: &mut bool) {
        if !*open {
            out.push_str(r#"<w:t xml:space="preserve">"#);
            *open = true;
        }
    }
    let mut open = false;
    let bytes = text.as_bytes();
    let (mut plain_from, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        if !LOOK_AT[usize::from(b)] {
            i += 1;
            continue;
        }
        // U+FFFE and U+FFFF (EF BF BE, EF BF BF), which XML cannot hold.
        let non_char = b == 0xEF
            && bytes.get(i + 1) == Some(&0xBF)
            && matches!(bytes.get(i + 2), Some(0xBE | 0xBF));
        if b == 0xEF && !non_char {
            i += 1;
            continue;
        }
        if plain_from < i {
            open_text(out, &mut open);
            out.push_str(&text[plain_from..i]);
        }
        i += if non_char { 3 } else { 1 };
        plain_from = i;
        let put = match b {
            b'\n' | 0x0B | 0x0C => {
                if open {
                    out.push_str("</w:t>");
                    open = false;
                }
                out.push_str("<w:br/>");
                continue;
            }
            b'\t' => "\t",
            b'\r' => " ",
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            // Other control characters and the two non-characters are dropped.
            _ => continue,
        };
        open_text(out, &mut open);
        out.push_str(put);
    }
    if plain_from < bytes.len() {
        open_text(out, &mut open);
        out.push_str(&text[plain_from..]);
    }
    if open {
        out.push_str("</w:t>");
    }
    out.push_str("</w:r>");
}

/// Escapes text for an attribute value or element content, dropping the characters XML
/// cannot hold.
pub fn attr(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Line breaks and tabs separate words: a space keeps them apart.
            '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' => out.push(' '),
            c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `<w:hyperlink>` around runs already written.
pub fn hyperlink(out: &mut String, rid: &str, runs: &str) {
    let _ = write!(
        out,
        r#"<w:hyperlink r:id="{rid}" w:history="1">{runs}</w:hyperlink>"#
    );
}

/// The superscript number in the text that points to footnote `id`.
pub fn footnote_reference(id: Local) -> String {
    format!(
        r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{id}"/></w:r>"#
    )
}

/// The note's own number, at the start of its first paragraph.
pub const FOOTNOTE_MARK: &str = r#"<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> </w:t></w:r>"#;

/// The separators Word expects before the notes (ids -1 and 0).
pub const FOOTNOTE_SEPARATORS: &str = r#"<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#;

/// Where comment `id` starts.
pub fn comment_start(id: Local) -> String {
    format!(r#"<w:commentRangeStart w:id="{id}"/>"#)
}

/// Where comment `id` ends, and the mark that shows it.
pub fn comment_end(id: Local) -> String {
    format!(r#"<w:commentRangeEnd w:id="{id}"/><w:r><w:commentReference w:id="{id}"/></w:r>"#)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `run`'s text, one character at a time: what the byte scan must write.
    fn run_by_chars(text: &str) -> String {
        let mut out = String::from("<w:r>");
        let mut open = false;
        for c in text.chars() {
            match c {
                '\n' | '\u{b}' | '\u{c}' => {
                    if open {
                        out.push_str("</w:t>");
                        open = false;
                    }
                    out.push_str("<w:br/>");
                    continue;
                }
                '\t' | '\r' => {}
                c if c < ' ' || c == '\u{FFFE}' || c == '\u{FFFF}' => continue,
                _ => {}
            }
            if !open {
                out.push_str(r#"<w:t xml:space="preserve">"#);
                open = true;
            }
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\r' => out.push(' '),
                c => out.push(c),
            }
        }
        if open {
            out.push_str("</w:t>");
        }
        out.push_str("</w:r>");
        out
    }

    #[test]
    fn run_copies_plain_stretches_and_handles_every_special_character() {
        let mut texts: Vec<String> = [
            "",
            "plain",
            "a&b<c>d\"e'f",
            "line\nbreak\u{b}vt\u{c}ff\r\n\tend",
            "\u{1}\u{1f}\u{7f}x\u{FFFE}\u{FFFF}\u{FFFD}\u{EFBF}y",
            "ﾾ\u{FFEF}￾\u{FEFF}é ش 👍🏽 \u{202E}",
            "\n\nstarts and ends with breaks\n",
            "\u{1}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Every ASCII byte, between and around ordinary characters.
        texts.push((0u8..128).map(char::from).collect());
        texts.push((0u8..128).map(|b| format!("é{}x", char::from(b))).collect());
        for text in texts {
            let mut out = String::new();
            run(&mut out, Look::PLAIN, &text);
            assert_eq!(out, run_by_chars(&text), "{text:?}");
        }
    }

    #[test]
    fn properties_come_in_schema_order_and_text_is_escaped() {
        let mut p = Para::new()
            .indent(720)
            .numbering(Num::Bullets, 1)
            .style("Quote");
        p.run(
            Look {
                style: Some("Hyperlink"),
                bold: true,
                italic: true,
                strike: true,
                color: Some("C00000"),
            },
            "a < b & c\u{1}\u{b}d",
        );
        let mut xml = String::from(r#"<w:body xmlns:w="w">"#);
        p.write(&mut xml);
        xml.push_str("</w:body>");
        assert_eq!(
            super::super::schema::check(xml.as_bytes()).unwrap(),
            Vec::<String>::new()
        );
        assert!(xml.contains(r#"<w:t xml:space="preserve">a &lt; b &amp; c</w:t><w:br/><w:t xml:space="preserve">d</w:t>"#), "{xml}");
    }

    #[test]
    fn carriage_returns_and_line_breaks_keep_words_apart() {
        let mut xml = String::new();
        run(&mut xml, Look::PLAIN, "a\rb");
        assert_eq!(xml, r#"<w:r><w:t xml:space="preserve">a b</w:t></w:r>"#);
        assert_eq!(
            attr("Joint\ninput\tfrom \"us\"\u{1}"),
            "Joint input from &quot;us&quot;"
        );
    }

    #[test]
    fn a_plain_paragraph_has_no_properties() {
        let mut xml = String::new();
        Para::text("x").write(&mut xml);
        assert_eq!(
            xml,
            r#"<w:p><w:r><w:t xml:space="preserve">x</w:t></w:r></w:p>"#
        );
    }
}
