//! The Word renderer: the [`Submission`] as a DOCX built with docx-rs, with real styles (Title,
//! Heading 1 and 2, Quote, footnotes, Hyperlink), real lists, clickable links and footnotes,
//! page numbers, and document properties. [`package`] finishes what docx-rs leaves undone.

mod blocks;
mod package;
mod reference;
pub mod schema;
mod wml;

use docx_rs::{
    AbstractNumbering, AlignmentType, BuildXML, Docx, Footer, Header, Level, LevelJc, LevelText,
    LineSpacing, LineSpacingType, NumberFormat, Numbering, PageMargin, Paragraph, Run, RunFonts,
    SpecialIndentType, Start, Style, StyleType, VertAlignType,
};

pub use blocks::{clean_xml, external_url};
pub use reference::read_styles;

use crate::config::{DocxConfig, Paper, Unanswered};
use crate::error::Error;
use crate::submission::{Block, QuestionView, Submission};
use blocks::{BULLETS, Context, DECIMAL_ABSTRACT, INDENT, Placement};
use wml::{Look, Para};

/// Everything the Word renderer needs besides the submission.
#[derive(Debug, Clone)]
pub struct Options {
    /// Fonts, size, paper.
    pub config: DocxConfig,
    /// The styles of a reference document (`--reference-doc`): its `word/styles.xml`.
    pub reference_styles: Option<Vec<u8>>,
    /// The creation date, as W3CDTF (`2026-11-28T12:00:00Z`).
    pub timestamp: String,
    /// A header line on every page (the draft notice), when set.
    pub header: Option<String>,
}

/// Renders the submission as a DOCX file's bytes.
pub fn render(sub: &Submission, options: &Options) -> Result<Vec<u8>, Error> {
    let mut ctx = Context::default();
    if sub.review {
        ctx.comments_dated = Some(options.timestamp.clone());
    }
    let mut doc = base_document(&options.config);
    let mut body = Body::default();

    body.add(text_paragraph(&sub.title).style("Title"));
    body.add(text_paragraph(
        "Submitted jointly by the following organisations (in alphabetical order):",
    ));
    for s in &sub.signatories {
        body.add(
            text_paragraph(&s.display)
                .style("ListParagraph")
                .numbering(BULLETS, 0),
        );
    }
    for section in &sub.sections {
        body.add(text_paragraph(&section.title).style("Heading1"));
        for q in &section.questions {
            for p in question(q, sub, &mut ctx) {
                body.add(p);
            }
        }
    }
    if sub.review && !sub.excluded.is_empty() {
        body.add(
            text_paragraph("Annex: contributions left out of the joint text").style("Heading1"),
        );
        for x in &sub.excluded {
            let mut p = Para::new();
            p.run(Look::BOLD, &format!("Question {}", x.place));
            p.run(Look::PLAIN, &format!(", from {}:", x.from.join(", ")));
            body.add(p);
            for p in blocks::convert(&x.markdown, Placement::default(), &mut ctx) {
                body.add(p);
            }
        }
    }
    if let Some(text) = &options.header {
        doc = doc.header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(one_line(&clean_xml(text))))
                    .style("Header")
                    .align(AlignmentType::Right),
            ),
        );
    }
    doc = doc.footer(page_footer());
    let about = About {
        title: &sub.title,
        author: sub.lead.as_deref().unwrap_or("jointly"),
        timestamp: &options.timestamp,
    };
    assemble(doc, body, ctx, about, options.reference_styles.as_deref())
}

/// The document's body, written out as XML paragraph by paragraph ([`wml`]); docx-rs
/// writes everything around it.
#[derive(Default)]
struct Body {
    xml: String,
    has_numbering: bool,
}

impl Body {
    fn add(&mut self, p: Para) {
        self.has_numbering |= p.has_numbering();
        p.write(&mut self.xml);
    }
}

/// Who and when, for the document properties.
struct About<'a> {
    title: &'a str,
    author: &'a str,
    timestamp: &'a str,
}

/// The package: docx-rs writes the parts around the body (with the numbering, relationships,
/// footnotes and comments the body needs declared), then [`package::finish`] puts the body
/// in and completes what docx-rs leaves undone.
fn assemble(
    mut doc: Docx,
    body: Body,
    mut ctx: Context,
    about: About,
    reference: Option<&[u8]>,
) -> Result<Vec<u8>, Error> {
    let bug = |e: String| Error::Usage {
        message: format!("could not assemble the Word document: {e}"),
        help: "this is a bug in jointly; please report it with the input that caused it".into(),
    };
    if body.has_numbering {
        doc.document_rels.has_numberings = true;
        doc.document.has_numbering = true;
    }
    for n in std::mem::take(&mut ctx.numberings) {
        doc = doc.add_numbering(n);
    }
    for (rid, url) in &ctx.body_links {
        doc.document_rels
            .hyperlinks
            .push((rid.clone(), url.clone(), "External".to_string()));
    }
    let footnotes = (!ctx.footnotes.is_empty()).then(|| {
        doc.content_type = std::mem::take(&mut doc.content_type).add_footnotes();
        doc.document_rels.has_footnotes = true;
        wrap(
            &docx_rs::Footnotes::new().build(),
            "w:footnotes",
            &[wml::FOOTNOTE_SEPARATORS, &ctx.footnotes],
        )
    });
    let comments = (!ctx.comments.is_empty()).then(|| {
        doc.document_rels.has_comments = true;
        wrap(
            &docx_rs::Comments::new().build(),
            "w:comments",
            &[&ctx.comments],
        )
    });
    let mut raw = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut raw).map_err(|e| bug(e.to_string()))?;
    let raw = raw.into_inner();
    let (styles, renames) = match reference {
        Some(theirs) => {
            let (styles, renames) = reference::merge_styles(&raw, theirs)?;
            (Some(styles), renames)
        }
        None => (None, Vec::new()),
    };
    let finish = package::Finish {
        title: about.title,
        author: about.author,
        timestamp: about.timestamp,
        footnote_links: &ctx.footnote_links,
        styles,
        renames: &renames,
        body: body.xml.as_bytes(),
        footnotes,
        comments,
    };
    package::finish(&raw, &finish).map_err(bug)
}

/// An empty part docx-rs wrote (`<w:footnotes …/>`) with children put inside it.
fn wrap(empty: &[u8], tag: &str, children: &[&str]) -> Vec<u8> {
    let text = String::from_utf8_lossy(empty);
    let mut out = match text.trim_end().strip_suffix("/>") {
        Some(open) => format!("{}>", open.trim_end()).into_bytes(),
        None => text
            .trim_end()
            .strip_suffix(&format!("</{tag}>"))
            .unwrap_or(&text)
            .as_bytes()
            .to_vec(),
    };
    for child in children {
        out.extend_from_slice(child.as_bytes());
    }
    out.extend_from_slice(format!("</{tag}>").as_bytes());
    out
}

/// One Markdown fragment as a whole Word package (for fuzzing the Markdown to Word path).
#[doc(hidden)]
pub fn fragment(markdown: &str) -> Result<Vec<u8>, Error> {
    let mut ctx = Context::default();
    let mut body = Body::default();
    for p in blocks::convert(markdown, Placement::default(), &mut ctx) {
        body.add(p);
    }
    let about = About {
        title: "fragment",
        author: "jointly",
        timestamp: "2026-01-01T00:00:00Z",
    };
    assemble(
        base_document(&DocxConfig::default()),
        body,
        ctx,
        about,
        None,
    )
}

/// One Markdown fragment as the XML the Word writer makes of it (body, footnotes, and a
/// comment over it all), under one root element: fuzzing the writer this way runs far faster
/// than building a whole package per input.
#[doc(hidden)]
pub fn fragment_xml(markdown: &str) -> String {
    let mut ctx = Context::default();
    ctx.comments_dated = Some("2026-01-01T00:00:00Z".into());
    let paras = blocks::convert(markdown, Placement::default(), &mut ctx);
    let paras = ctx.attribute(paras, &["A <&> \"B\"".to_string()]);
    let mut xml = String::from(
        r#"<fragment xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>"#,
    );
    for p in paras {
        p.write(&mut xml);
    }
    xml.push_str("</w:body><w:footnotes>");
    xml.push_str(wml::FOOTNOTE_SEPARATORS);
    xml.push_str(&ctx.footnotes);
    xml.push_str("</w:footnotes><w:comments>");
    xml.push_str(&ctx.comments);
    xml.push_str("</w:comments></fragment>");
    xml
}

fn question(q: &QuestionView, sub: &Submission, ctx: &mut Context) -> Vec<Para> {
    let mut out = vec![text_paragraph(&format!("{}. {}", q.number, q.text)).style("Heading2")];
    for link in &q.links {
        let label = link.title.as_deref().unwrap_or(&link.url);
        let p = match external_url(&link.url) {
            Some(url) => {
                let rid = ctx.link(url, false);
                let mut runs = String::new();
                let look = Look {
                    style: Some("Hyperlink"),
                    ..Look::PLAIN
                };
                wml::run(&mut runs, look, &one_line(label));
                let mut p = Para::new();
                let mut xml = String::new();
                wml::hyperlink(&mut xml, &rid, &runs);
                p.push_xml(&xml);
                p
            }
            None => text_paragraph(label),
        };
        out.push(p);
    }
    if sub.review {
        // What the coalition needs to see before it approves: length and gaps.
        let red = Look {
            bold: true,
            color: Some("C00000"),
            ..Look::PLAIN
        };
        let mut note = Para::new();
        if q.answered {
            let look = if q.over_limit {
                Look {
                    italic: true,
                    ..red
                }
            } else {
                Look::ITALIC
            };
            note.run(look, &q.count);
        } else {
            note.run(red, "⚠ No answer yet.");
        }
        out.push(note);
    } else if !q.answered && sub.unanswered == Unanswered::Note {
        let mut note = Para::new();
        note.run(Look::ITALIC, "No joint answer to this question.");
        out.push(note);
    }
    out.extend(block(&q.body, ctx));
    for line in &q.lines {
        let mut label = String::new();
        wml::run(
            &mut label,
            Look::BOLD,
            &one_line(&format!("{} {}", line.display, line.label)),
        );
        let mut paras = Vec::new();
        if line.block.starts_with_paragraph {
            wml::run(&mut label, Look::PLAIN, " – ");
            let place = Placement {
                lead_runs: label,
                first_numbering: Some((BULLETS, 0)),
                base_level: 1,
            };
            paras.extend(blocks::convert(&line.block.markdown, place, ctx));
        } else {
            let mut head = Para::new().style("ListParagraph").numbering(BULLETS, 0);
            head.push_xml(&label);
            paras.push(head);
            paras.extend(blocks::convert(
                &line.block.markdown,
                Placement {
                    base_level: 1,
                    ..Placement::default()
                },
                ctx,
            ));
        }
        let mut from: Vec<String> = Vec::new();
        for part in &line.block.parts {
            for org in &part.from {
                if !from.contains(org) {
                    from.push(org.clone());
                }
            }
        }
        out.extend(ctx.attribute(paras, &from));
    }
    out.extend(block(&q.closing, ctx));
    out
}

fn block(b: &Block, ctx: &mut Context) -> Vec<Para> {
    let mut out = Vec::new();
    for part in &b.parts {
        let paras = blocks::convert(&part.markdown, Placement::default(), ctx);
        out.extend(ctx.attribute(paras, &part.from));
    }
    out
}

/// A paragraph of one line of text (a title, a heading, a name).
fn text_paragraph(text: &str) -> Para {
    Para::text(&one_line(text))
}

/// Line breaks as spaces, for text that must stay on one line.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '\u{b}', '\u{c}'], " ")
}

fn page_footer() -> Footer {
    let field = |instr: &str| {
        Run::new()
            .add_field_char(docx_rs::FieldCharType::Begin, false)
            .add_instr_text(match instr {
                "PAGE" => docx_rs::InstrText::PAGE(docx_rs::InstrPAGE::new()),
                _ => docx_rs::InstrText::NUMPAGES(docx_rs::InstrNUMPAGES::new()),
            })
            .add_field_char(docx_rs::FieldCharType::Separate, false)
            .add_text("1")
            .add_field_char(docx_rs::FieldCharType::End, false)
    };
    Footer::new().add_paragraph(
        Paragraph::new()
            .style("Footer")
            .align(AlignmentType::Center)
            .add_run(Run::new().add_text("Page "))
            .add_run(field("PAGE"))
            .add_run(Run::new().add_text(" of "))
            .add_run(field("NUMPAGES")),
    )
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
        .east_asia(name)
}

/// The document with its page, default text, styles and list definitions.
fn base_document(c: &DocxConfig) -> Docx {
    let half_points = (c.size * 2.0).round() as usize;
    let scaled = |factor: f64| ((c.size * factor) * 2.0).round() as usize;
    let (w, h) = match c.paper {
        Paper::A4 => (11906, 16838),
        Paper::Letter => (12240, 15840),
    };
    let heading_font = c.heading_font.as_deref().unwrap_or(&c.font);
    let accent = "1F3864";

    // Title and headings: the heading font, bold, kept with what follows.
    let heading = |id: &str, name: &str, size: f64, color: &str, before: u32, after: u32| {
        let mut style = Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .fonts(fonts(heading_font))
            .size(scaled(size))
            .bold()
            .color(color)
            .line_spacing(LineSpacing::new().before(before).after(after));
        style.paragraph_property = style.paragraph_property.keep_next(true).keep_lines(true);
        style
    };
    let title = heading("Title", "Title", 2.0, accent, 0, 240);
    let h1 = heading("Heading1", "heading 1", 1.45, accent, 360, 120).outline_lvl(0);
    let h2 = heading("Heading2", "heading 2", 1.0, "2F5496", 280, 120).outline_lvl(1);
    let mut footnote_ref =
        Style::new("FootnoteReference", StyleType::Character).name("footnote reference");
    footnote_ref.run_property = footnote_ref
        .run_property
        .vert_align(VertAlignType::SuperScript);
    let mono = fonts(&c.code_font);

    // Nine levels, each indented one step further, hanging its marker.
    let list = |id: usize, marker: &dyn Fn(usize) -> (&'static str, String)| {
        (0..9).fold(AbstractNumbering::new(id), |a, l| {
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
            Style::new("Quote", StyleType::Paragraph)
                .name("Quote")
                .based_on("Normal")
                .next("Normal")
                .italic()
                .color("404040")
                .indent(Some(720), None, Some(720), None),
        )
        .add_style(
            Style::new("ListParagraph", StyleType::Paragraph)
                .name("List Paragraph")
                .based_on("Normal")
                .line_spacing(spacing(80, 264)),
        )
        .add_style(
            Style::new("SourceCode", StyleType::Paragraph)
                .name("Source Code")
                .based_on("Normal")
                .fonts(mono.clone())
                .size(scaled(0.9))
                .line_spacing(spacing(0, 240)),
        )
        .add_style(
            Style::new("VerbatimChar", StyleType::Character)
                .name("Verbatim Char")
                .fonts(mono)
                .size(scaled(0.9)),
        )
        .add_style(
            Style::new("FootnoteText", StyleType::Paragraph)
                .name("footnote text")
                .based_on("Normal")
                .size(scaled(0.82))
                .line_spacing(spacing(0, 240)),
        )
        .add_style(footnote_ref)
        .add_style(
            Style::new("Hyperlink", StyleType::Character)
                .name("Hyperlink")
                .color("0563C1")
                .underline("single"),
        )
        .add_style(page_margin_style("Header", "header", scaled(0.82)))
        .add_style(page_margin_style("Footer", "footer", scaled(0.82)))
        .add_style(
            Style::new("HorizontalRule", StyleType::Paragraph)
                .name("Horizontal Rule")
                .based_on("Normal"),
        )
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

/// The small grey text of page headers and footers.
fn page_margin_style(id: &str, name: &str, size: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .size(size)
        .color("7F7F7F")
}

/// The current time as W3CDTF, or `SOURCE_DATE_EPOCH` when set (reproducible builds).
pub fn timestamp_now() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    w3cdtf(secs)
}

/// Seconds since 1970 as a W3CDTF UTC timestamp.
pub fn w3cdtf(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_w3cdtf() {
        assert_eq!(w3cdtf(0), "1970-01-01T00:00:00Z");
        assert_eq!(w3cdtf(1_795_867_200), "2026-11-28T12:00:00Z");
        assert_eq!(w3cdtf(951_782_400), "2000-02-29T00:00:00Z");
    }
}
