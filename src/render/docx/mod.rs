//! The Word renderer: the [`Submission`] as a DOCX built with docx-rs, with real styles (Title,
//! Heading 1 and 2, Quote, footnotes, Hyperlink), real lists, clickable links and footnotes,
//! page numbers, and document properties. [`package`] finishes what docx-rs leaves undone.

mod blocks;
mod ids;
mod package;
mod reference;
pub mod schema;
mod wml;

use std::io::Write;

use docx_rs::{
    AbstractNumbering, AlignmentType, BuildXML, Docx, Footer, Header, Level, LevelJc,
    LevelOverride, LevelText, LineSpacing, LineSpacingType, NumberFormat, Numbering, PageMargin,
    Paragraph, Run, RunFonts, SpecialIndentType, Start, Style, StyleType, VertAlignType,
};

pub use blocks::{clean_xml, external_url};
pub use reference::read_styles;

use crate::config::{DocxConfig, Paper, Unanswered};
use crate::error::Error;
use crate::submission::{Block, PartView, QuestionView, Submission};
use blocks::{BULLETS, Context, DECIMAL_ABSTRACT, INDENT, Placement};
use ids::Counts;
use wml::{Look, Num, Para};

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
    // Questions are converted side by side when there is enough to convert (starting the
    // thread pool costs more than a small submission takes).
    render_on(sub, options, sub.markdown_len() >= 64 << 10)
}

/// [`render`], converting questions on several threads when `side_by_side`.
fn render_on(sub: &Submission, options: &Options, side_by_side: bool) -> Result<Vec<u8>, Error> {
    let mut pieces = vec![Piece::Front];
    for section in &sub.sections {
        match section.questions.split_first() {
            None => pieces.push(Piece::Heading(&section.title)),
            Some((first, rest)) => {
                pieces.push(Piece::Question(Some(&section.title), first));
                pieces.extend(rest.iter().map(|q| Piece::Question(None, q)));
            }
        }
    }
    if sub.review && !sub.excluded.is_empty() {
        pieces.push(Piece::Annex);
    }
    let dated = sub.review.then_some(options.timestamp.as_str());
    let chunks: Vec<Chunk> = pieces
        .iter()
        .map(|piece| {
            // Room up front only when converting side by side (see `xml_estimate`): a small
            // document's chunks, grown as usual, touch less memory.
            let room = if side_by_side {
                piece.xml_estimate(sub)
            } else {
                0
            };
            let mut chunk = Chunk::new(dated, room);
            piece.convert(sub, &mut chunk);
            chunk
        })
        .collect();

    let mut doc = base_document(&options.config);
    if let Some(text) = &options.header {
        doc = doc.header(
            Header::new().add_paragraph(
                Paragraph::new()
                    .id(HEADER_PARA_ID)
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
    assemble(doc, &chunks, about, options.reference_styles.as_deref())
}

/// The `w14:paraId`s of the two paragraphs docx-rs writes. Left to docx-rs, they come from a
/// counter of the thread that makes them, so they changed with the thread the Word file was
/// rendered on and with what that thread had rendered before.
const HEADER_PARA_ID: &str = "00000001";
const FOOTER_PARA_ID: &str = "00000002";

/// What one [`Chunk`] of the body holds.
enum Piece<'a> {
    /// The title and the signatories.
    Front,
    /// A section's heading, for a section without questions.
    Heading(&'a str),
    /// A question, after its section's heading when it is the section's first.
    Question(Option<&'a str>, &'a QuestionView),
    /// The review copy's annex of contributions left out.
    Annex,
}

impl Piece<'_> {
    /// About how many bytes of XML the piece makes: three per byte of Markdown, more than it
    /// takes, so that its chunk is not grown (and copied) a dozen times over. With several
    /// threads converting, growing is worse than copying: glibc grows a buffer in the arena it
    /// came from, under that arena's lock, and a small buffer may come from another thread's
    /// arena (freed memory is recycled across threads): the threads then wait on each other.
    fn xml_estimate(&self, sub: &Submission) -> usize {
        let markdown = match self {
            Piece::Front => sub.signatories.iter().map(|s| s.display.len() + 32).sum(),
            Piece::Heading(title) => title.len(),
            Piece::Question(_, q) => q.markdown_len() + q.text.len(),
            Piece::Annex => sub.excluded.iter().map(|x| x.markdown.len() + 64).sum(),
        };
        1024 + 3 * markdown
    }

    fn convert(&self, sub: &Submission, chunk: &mut Chunk) {
        match self {
            Piece::Front => {
                chunk.add(text_paragraph(&sub.title).style("Title"));
                chunk.add(text_paragraph(
                    "Submitted jointly by the following organisations (in alphabetical order):",
                ));
                for s in &sub.signatories {
                    chunk.add(
                        text_paragraph(&s.display)
                            .style("ListParagraph")
                            .numbering(Num::Bullets, 0),
                    );
                }
            }
            Piece::Heading(title) => chunk.add(text_paragraph(title).style("Heading1")),
            Piece::Question(heading, q) => {
                if let Some(title) = heading {
                    chunk.add(text_paragraph(title).style("Heading1"));
                }
                for p in question(q, sub, &mut chunk.ctx) {
                    chunk.add(p);
                }
            }
            Piece::Annex => {
                chunk.add(
                    text_paragraph("Annex: contributions left out of the joint text")
                        .style("Heading1"),
                );
                for x in &sub.excluded {
                    let mut p = Para::new();
                    p.run(Look::BOLD, &format!("Question {}", x.place));
                    p.run(Look::PLAIN, &format!(", from {}:", x.from.join(", ")));
                    chunk.add(p);
                    for p in blocks::convert(&x.markdown, Placement::default(), &mut chunk.ctx) {
                        chunk.add(p);
                    }
                }
            }
        }
    }
}

/// A stretch of the body, written out as XML paragraph by paragraph ([`wml`]), with the
/// footnotes, comments, lists and links it needs declared. Its ids are its own until the
/// chunks are put together ([`ids`]); docx-rs writes everything around the body.
#[derive(Default)]
struct Chunk {
    xml: String,
    has_numbering: bool,
    ctx: Context,
}

impl Chunk {
    /// A chunk with room for `capacity` bytes of XML; `comments_dated` is the date of its
    /// comments, in the review copy.
    fn new(comments_dated: Option<&str>, capacity: usize) -> Chunk {
        let mut chunk = Chunk {
            xml: String::with_capacity(capacity),
            ..Chunk::default()
        };
        chunk.ctx.comments_dated = comments_dated.map(str::to_string);
        chunk
    }

    fn add(&mut self, p: Para) {
        self.has_numbering |= p.has_numbering();
        p.write(&mut self.xml);
    }
}

/// Chunks in document order, each with the bases of its ids: the body, footnotes and comments
/// are written from them with the document's ids in place of the chunks' own.
struct Numbered<'a>(Vec<(&'a Chunk, Counts)>);

impl<'a> Numbered<'a> {
    fn new(chunks: &'a [Chunk]) -> Self {
        let mut bases = Counts::default();
        Numbered(
            chunks
                .iter()
                .map(|chunk| {
                    let here = bases;
                    bases = bases.after(chunk.ctx.used);
                    (chunk, here)
                })
                .collect(),
        )
    }

    /// Writes one part of every chunk (its body, its footnotes, its comments).
    fn write(
        &self,
        part: impl Fn(&Chunk) -> &str,
        out: &mut (impl Write + ?Sized),
    ) -> std::io::Result<()> {
        (0..self.0.len()).try_for_each(|i| self.write_one(i, &part, out))
    }

    /// Writes one part of chunk `i`.
    fn write_one(
        &self,
        i: usize,
        part: impl Fn(&Chunk) -> &str,
        out: &mut (impl Write + ?Sized),
    ) -> std::io::Result<()> {
        let (chunk, bases) = self.0[i];
        ids::write(part(chunk), bases, out)
    }

    fn len(&self, part: impl Fn(&Chunk) -> &str) -> usize {
        self.0.iter().map(|(chunk, _)| part(chunk).len()).sum()
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
    doc: Docx,
    chunks: &[Chunk],
    about: About,
    reference: Option<&[u8]>,
) -> Result<Vec<u8>, Error> {
    let numbered = Numbered::new(chunks);
    let write_body =
        |i: usize, out: &mut dyn std::io::Write| numbered.write_one(i, |c| &c.xml, out);
    let body = package::Body {
        len: numbered.len(|c| &c.xml),
        stretches: chunks.len(),
        write: &write_body,
    };
    // A large body is deflated on the other cores while docx-rs writes the parts around it
    // (not with a reference document, whose style renames apply to the body's text).
    let early = package::is_large(&body) && reference.is_none();
    let (around, body_deflated) = (
        around_the_body(doc, chunks, &numbered, reference),
        early.then(|| package::deflate_body(&body)),
    );
    let around = around?;
    let body_deflated = body_deflated.transpose().map_err(|e| bug(e.to_string()))?;
    let finish = package::Finish {
        title: about.title,
        author: about.author,
        timestamp: about.timestamp,
        around,
        body,
        body_deflated,
    };
    package::finish(&finish).map_err(bug)
}

/// An error in putting the package together: jointly's own.
fn bug(e: String) -> Error {
    Error::Usage {
        message: format!("could not assemble the Word document: {e}"),
        help: "this is a bug in jointly; please report it with the input that caused it".into(),
    }
}

/// Declares what the chunks need (numbering, links, footnotes, comments) and has docx-rs write
/// the package around the body.
fn around_the_body(
    mut doc: Docx,
    chunks: &[Chunk],
    numbered: &Numbered,
    reference: Option<&[u8]>,
) -> Result<package::Around, Error> {
    if chunks.iter().any(|c| c.has_numbering) {
        doc.document_rels.has_numberings = true;
        doc.document.has_numbering = true;
    }
    let mut footnote_links = Vec::new();
    for (chunk, bases) in &numbered.0 {
        for &(id, level, start) in &chunk.ctx.numberings {
            doc = doc.add_numbering(
                Numbering::new(bases.id(id), DECIMAL_ABSTRACT)
                    .add_override(LevelOverride::new(level).start(start)),
            );
        }
        for (id, url) in &chunk.ctx.body_links {
            doc.document_rels.hyperlinks.push((
                blocks::link_rid(bases.id(*id)),
                url.clone(),
                "External".to_string(),
            ));
        }
        for (id, url) in &chunk.ctx.footnote_links {
            footnote_links.push((blocks::link_rid(bases.id(*id)), url.clone()));
        }
    }
    let xml_of = |part: fn(&Chunk) -> &str| {
        let mut xml = Vec::with_capacity(numbered.len(part));
        numbered
            .write(part, &mut xml)
            .expect("writing to memory cannot fail");
        String::from_utf8(xml).expect("ids put in place of markers keep the text UTF-8")
    };
    let footnotes = chunks.iter().any(|c| !c.ctx.footnotes.is_empty()).then(|| {
        doc.content_type = std::mem::take(&mut doc.content_type).add_footnotes();
        doc.document_rels.has_footnotes = true;
        wrap(
            &docx_rs::Footnotes::new().build(),
            "w:footnotes",
            &[wml::FOOTNOTE_SEPARATORS, &xml_of(|c| &c.ctx.footnotes)],
        )
    });
    let comments = chunks.iter().any(|c| !c.ctx.comments.is_empty()).then(|| {
        doc.document_rels.has_comments = true;
        wrap(
            &docx_rs::Comments::new().build(),
            "w:comments",
            &[&xml_of(|c| &c.ctx.comments)],
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
    Ok(package::Around {
        package: raw,
        footnote_links,
        styles,
        renames,
        footnotes,
        comments,
    })
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
    let mut chunk = Chunk::default();
    for p in blocks::convert(markdown, Placement::default(), &mut chunk.ctx) {
        chunk.add(p);
    }
    let about = About {
        title: "fragment",
        author: "jointly",
        timestamp: "2026-01-01T00:00:00Z",
    };
    assemble(base_document(&DocxConfig::default()), &[chunk], about, None)
}

/// One Markdown fragment as the XML the Word writer makes of it (body, footnotes, and a
/// comment over it all), under one root element: fuzzing the writer this way runs far faster
/// than building a whole package per input.
#[doc(hidden)]
pub fn fragment_xml(markdown: &str) -> String {
    let mut ctx = Context {
        comments_dated: Some("2026-01-01T00:00:00Z".into()),
        ..Context::default()
    };
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
    ids::resolved(&xml, Counts::default())
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
                first_numbering: Some((Num::Bullets, 0)),
                base_level: 1,
            };
            paras.extend(blocks::convert(&line.block.markdown, place, ctx));
        } else {
            let mut head = Para::new()
                .style("ListParagraph")
                .numbering(Num::Bullets, 0);
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
        // Only the review copy's comments name the contributors.
        let from = match ctx.comments_dated {
            Some(_) => contributors(&line.block.parts),
            None => Vec::new(),
        };
        out.extend(ctx.attribute(paras, &from));
    }
    out.extend(block(&q.closing, ctx));
    out
}

/// Everyone who contributed to `parts`, each once, in order.
fn contributors(parts: &[PartView]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    parts
        .iter()
        .flat_map(|part| &part.from)
        .filter(|org| seen.insert(org.as_str()))
        .cloned()
        .collect()
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
            .id(FOOTER_PARA_ID)
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
    fn questions_converted_side_by_side_make_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        crate::synth::write_project(dir.path(), 40).unwrap();
        let project = crate::project::Project::load(dir.path()).unwrap();
        let (draft, _) = crate::submission::joint_draft(&project);
        let options = Options {
            config: DocxConfig::default(),
            reference_styles: None,
            timestamp: "2026-11-28T12:00:00Z".into(),
            header: None,
        };
        for mode in [
            crate::submission::Mode::Draft,
            crate::submission::Mode::Review,
        ] {
            let sub = Submission::build(&project, &draft, mode);
            let one = render_on(&sub, &options, false).unwrap();
            for _ in 0..3 {
                assert!(render_on(&sub, &options, true).unwrap() == one);
            }
        }
    }

    #[test]
    fn timestamps_are_w3cdtf() {
        assert_eq!(w3cdtf(0), "1970-01-01T00:00:00Z");
        assert_eq!(w3cdtf(1_795_867_200), "2026-11-28T12:00:00Z");
        assert_eq!(w3cdtf(951_782_400), "2000-02-29T00:00:00Z");
    }
}
