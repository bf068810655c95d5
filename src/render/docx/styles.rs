//! The document around the body, which docx-rs writes: page size and margins, the default
//! font, the styles the body uses (under Word's standard names, so that the navigation pane
//! and house templates recognise them), list definitions, and the page header and footer.

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, FieldCharType, Footer, Header, InstrNUMPAGES,
    InstrPAGE, InstrText, Level, LevelJc, LevelText, LineSpacing, LineSpacingType, NumberFormat,
    Numbering, PageMargin, Paragraph, Run, RunFonts, SpecialIndentType, Start, Style, StyleType,
    VertAlignType,
};

use crate::config::{DocxConfig, Paper};

/// The bullet list numbering instance (shared: bullets need no restart).
pub(super) const BULLETS: usize = 2;
/// The abstract numbering that numbered lists are instances of.
pub(super) const DECIMAL_ABSTRACT: usize = 3;
/// How many levels a list has: Word's most.
pub(super) const LEVELS: usize = 9;
/// Left indent per list level, in twentieths of a point.
pub(super) const INDENT: i32 = 720;

/// The `w14:paraId`s of the two paragraphs docx-rs writes. Left to docx-rs, they come from a
/// counter of the thread that makes them, so they would depend on what that thread rendered
/// before.
const HEADER_PARA_ID: &str = "00000001";
const FOOTER_PARA_ID: &str = "00000002";

/// The document without a body: page, styles, lists, footer, and `header` on every page.
/// What the page header and footer say, and in which direction.
pub(super) struct Page {
    /// "Page ", " of ", "": the footer's text around the page number and the page count.
    pub footer: [String; 3],
    /// True for a language written right to left.
    pub right_to_left: bool,
    /// True for a form to fill in: its own styles are declared.
    pub form: bool,
}

/// The paragraph style of a form's own words, which import recognises as the form's.
pub(super) const FORM_TEXT: &str = "JointlyFormText";

pub(super) fn skeleton(
    config: &DocxConfig,
    header: Option<&str>,
    parts: bool,
    page: &Page,
) -> Docx {
    let mut doc = base_document(config);
    if page.form {
        // A form's own words (instructions, guidance, labels), muted; Enter after one starts a
        // Normal paragraph, so that what an organisation types is never taken for them.
        doc = doc.add_style(
            paragraph_style(FORM_TEXT, "jointly form text")
                .next("Normal")
                .color("595959")
                .size(((config.size * 0.95) * 2.0).round() as usize),
        );
        doc = doc.add_style(
            character_style("PlaceholderText", "Placeholder Text")
                .color("808080")
                .italic(),
        );
    }
    // Parts of questions are headings one level below them; without parts, no style for
    // them, so a submission without parts is written exactly as before.
    if parts {
        doc = doc.add_style(
            heading_style(config, "Heading3", "heading 3", 0.95, "2F5496", 200, 80).outline_lvl(2),
        );
    }
    if let Some(text) = header {
        let p = Paragraph::new()
            .id(HEADER_PARA_ID)
            .add_run(text_run(text))
            .style("Header")
            .align(AlignmentType::Right);
        doc = doc.header(Header::new().add_paragraph(right_to_left(p, page)));
    }
    doc.footer(page_footer(page))
}

/// A run of text. (docx-rs cannot mark a run right to left; in a right-to-left paragraph,
/// Arabic letters are laid out right to left all the same.)
fn text_run(text: &str) -> Run {
    Run::new().add_text(text)
}

/// A header or footer paragraph, right to left in such a language.
fn right_to_left(mut p: Paragraph, page: &Page) -> Paragraph {
    if page.right_to_left {
        p.property = p.property.bidi(true);
    }
    p
}

fn page_footer(page: &Page) -> Footer {
    let field = |instr: InstrText| {
        Run::new()
            .add_field_char(FieldCharType::Begin, false)
            .add_instr_text(instr)
            .add_field_char(FieldCharType::Separate, false)
            .add_text("1")
            .add_field_char(FieldCharType::End, false)
    };
    let [before, between, after] = &page.footer;
    let mut p = Paragraph::new()
        .id(FOOTER_PARA_ID)
        .style("Footer")
        .align(AlignmentType::Center);
    p = right_to_left(p, page);
    if !before.is_empty() {
        p = p.add_run(text_run(before));
    }
    p = p.add_run(field(InstrText::PAGE(InstrPAGE::new())));
    if !between.is_empty() {
        p = p.add_run(text_run(between));
    }
    p = p.add_run(field(InstrText::NUMPAGES(InstrNUMPAGES::new())));
    if !after.is_empty() {
        p = p.add_run(text_run(after));
    }
    Footer::new().add_paragraph(p)
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
        .east_asia(name)
}

/// A title or heading style: the heading font, bold, kept with what follows.
fn heading_style(
    c: &DocxConfig,
    id: &str,
    name: &str,
    size: f64,
    color: &str,
    before: u32,
    after: u32,
) -> Style {
    let heading_font = c.heading_font.as_deref().unwrap_or(&c.font);
    let mut style = paragraph_style(id, name)
        .next("Normal")
        .fonts(fonts(heading_font))
        .size(((c.size * size) * 2.0).round() as usize)
        .bold()
        .color(color)
        .line_spacing(LineSpacing::new().before(before).after(after));
    style.paragraph_property = style.paragraph_property.keep_next(true).keep_lines(true);
    style
}

/// The document with its page, default text, styles and list definitions.
fn base_document(c: &DocxConfig) -> Docx {
    let half_points = (c.size * 2.0).round() as usize;
    let scaled = |factor: f64| ((c.size * factor) * 2.0).round() as usize;
    let (w, h) = match c.paper {
        Paper::A4 => (11906, 16838),
        Paper::Letter => (12240, 15840),
    };
    let accent = "1F3864";

    let heading = |id: &str, name: &str, size: f64, color: &str, before: u32, after: u32| {
        heading_style(c, id, name, size, color, before, after)
    };
    let title = heading("Title", "Title", 2.0, accent, 0, 240);
    let h1 = heading("Heading1", "heading 1", 1.45, accent, 360, 120).outline_lvl(0);
    let h2 = heading("Heading2", "heading 2", 1.0, "2F5496", 280, 120).outline_lvl(1);
    let mut footnote_ref = character_style("FootnoteReference", "footnote reference");
    footnote_ref.run_property = footnote_ref
        .run_property
        .vert_align(VertAlignType::SuperScript);
    let mono = fonts(&c.code_font);

    // Each level indented one step further, hanging its marker.
    let list = |id: usize, marker: &dyn Fn(usize) -> (&'static str, String)| {
        (0..LEVELS).fold(AbstractNumbering::new(id), |a, l| {
            let (format, text) = marker(l);
            a.add_level(
                Level::new(
                    l,
                    Start::new(1),
                    NumberFormat::new(format),
                    LevelText::new(text),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(INDENT * (l as i32 + 1)),
                    Some(SpecialIndentType::Hanging(360)),
                    None,
                    None,
                ),
            )
        })
    };
    let bullets = list(BULLETS, &|l| ("bullet", ["•", "◦", "▪"][l % 3].to_string()));
    // Decimal at every level, as Markdown readers number nested lists.
    let decimal = list(DECIMAL_ABSTRACT, &|l| ("decimal", format!("%{}.", l + 1)));

    Docx::new()
        .page_size(w, h)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(1440)
                .right(1440)
                .header(708)
                .footer(708)
                .gutter(0),
        )
        .default_tab_stop(720)
        .default_fonts(fonts(&c.font))
        .default_size(half_points)
        .default_line_spacing(spacing(160, 264))
        .add_style(title)
        .add_style(h1)
        .add_style(h2)
        .add_style(
            paragraph_style("Quote", "Quote")
                .next("Normal")
                .italic()
                .color("404040")
                // Further in than a list's text, so that a quote after a list is not read as
                // part of its last item.
                .indent(Some(1080), None, Some(720), None),
        )
        .add_style(
            // A list's items sit close together (contextual spacing, added by the package),
            // and the paragraph after a list stands as far from it as from any paragraph.
            paragraph_style("ListParagraph", "List Paragraph").line_spacing(spacing(160, 264)),
        )
        .add_style(
            paragraph_style("SourceCode", "Source Code")
                .fonts(mono.clone())
                .size(scaled(0.9))
                .line_spacing(spacing(0, 240)),
        )
        .add_style(
            character_style("VerbatimChar", "Verbatim Char")
                .fonts(mono)
                .size(scaled(0.9)),
        )
        .add_style(
            paragraph_style("FootnoteText", "footnote text")
                .size(scaled(0.82))
                .line_spacing(spacing(0, 240)),
        )
        .add_style(footnote_ref)
        .add_style(
            character_style("Hyperlink", "Hyperlink")
                .color("0563C1")
                .underline("single"),
        )
        // The small grey text of page headers and footers.
        .add_style(
            paragraph_style("Header", "header")
                .size(scaled(0.82))
                .color("7F7F7F"),
        )
        .add_style(
            paragraph_style("Footer", "footer")
                .size(scaled(0.82))
                .color("7F7F7F"),
        )
        .add_style(paragraph_style("HorizontalRule", "Horizontal Rule"))
        .add_abstract_numbering(bullets)
        .add_abstract_numbering(decimal)
        .add_numbering(Numbering::new(BULLETS, BULLETS))
}

/// Space after a paragraph and line height, in twentieths of a point (240 = single).
fn spacing(after: u32, line: i32) -> LineSpacing {
    LineSpacing::new()
        .after(after)
        .line(line)
        .line_rule(LineSpacingType::Auto)
}

/// A paragraph style under Word's standard `name`, based on Normal.
fn paragraph_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
}

fn character_style(id: &str, name: &str) -> Style {
    Style::new(id, StyleType::Character).name(name)
}
