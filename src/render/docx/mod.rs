//! The Word renderer: the [`Submission`] as a DOCX file with real styles (Title, Heading 1 and
//! 2, Quote, footnotes, Hyperlink), real lists, clickable links, footnotes, page numbers and
//! document properties.
//!
//! One pass, in document order: the body and what it refers to (footnotes, comments, lists,
//! links) is written by `convert.rs` and `wml.rs`; docx-rs writes everything around it
//! (`styles.rs`); `package.rs` puts the two together.

mod convert;
mod form;
mod package;
mod reference;
pub mod schema;
mod styles;
mod wml;

pub use convert::clean_xml;
pub(crate) use convert::external_url;
pub(crate) use form::{BOX_TAG, slot_of};
pub use form::{Form, render_form};
pub use reference::Reference;
pub(crate) use reference::styles_of;

use crate::config::{DocxConfig, Unanswered};
use crate::error::Error;
use crate::labels::Labels;
use crate::submission::{Block, OwnTextView, PartView, QuestionView, Submission};
use convert::{Body, Placement};
use styles::{BULLETS, INDENT};
use wml::{Look, Para};

/// Everything the Word renderer needs besides the submission.
#[derive(Debug, Clone)]
pub struct Options {
    /// Fonts, size, paper.
    pub config: DocxConfig,
    /// The styles of a reference document (`--reference-doc`): its `word/styles.xml`.
    pub reference: Option<Reference>,
    /// The creation date, as W3CDTF (`2026-11-28T12:00:00Z`).
    pub timestamp: String,
    /// A header line on every page (the draft notice), when set.
    pub header: Option<String>,
}

/// Renders the submission as a DOCX file's bytes.
pub fn render(sub: &Submission, options: &Options) -> Result<Vec<u8>, Error> {
    let labels = &sub.labels;
    let dated = sub.review.then(|| options.timestamp.clone());
    let mut body = Body::new(dated, sub.right_to_left);
    body.add([text_paragraph(&sub.title).style("Title")]);
    body.add([text_paragraph(&labels.signatories_intro)]);
    for s in &sub.signatories {
        body.add([text_paragraph(&s.display)
            .style("ListParagraph")
            .numbering(BULLETS, 0)]);
    }
    if !sub.respondent.is_empty() {
        body.add([text_paragraph(&labels.respondent).style("Heading1")]);
        for f in &sub.respondent {
            let mut p = Para::default().style("ListParagraph").numbering(BULLETS, 0);
            p.run(Look::BOLD, &one_line(&format!("{}:", f.label)));
            p.run(Look::PLAIN, &one_line(&format!(" {}", f.value)));
            body.add([p]);
        }
    }
    for text in [&sub.summary, &sub.introduction].into_iter().flatten() {
        own_text(text, sub.review, &mut body);
    }
    for section in &sub.sections {
        body.add([text_paragraph(&section.title).style("Heading1")]);
        for q in &section.questions {
            question(q, "Heading2", sub, &mut body);
            for part in &q.parts {
                question(part, "Heading3", sub, &mut body);
            }
        }
    }
    for text in sub.closing.iter().chain(&sub.annexes) {
        own_text(text, sub.review, &mut body);
    }
    if sub.review && !sub.excluded.is_empty() {
        body.add([text_paragraph(&labels.left_out).style("Heading1")]);
        for x in &sub.excluded {
            let mut p = Para::default();
            p.run(Look::BOLD, &labels.question_place(&x.place));
            let from = labels.from_organisations(&x.from);
            p.run(Look::PLAIN, &one_line(&format!(", {from}:")));
            body.add([p]);
            let paras = convert::convert(&x.markdown, Placement::default(), &mut body);
            body.add(paras);
        }
    }
    let header = options.header.as_deref().map(|h| one_line(&clean_xml(h)));
    let parts = sub
        .sections
        .iter()
        .flat_map(|s| &s.questions)
        .any(|q| !q.parts.is_empty());
    let page = styles::Page {
        footer: labels.page_pieces(),
        right_to_left: sub.right_to_left,
        form: false,
    };
    let doc = styles::skeleton(&options.config, header.as_deref(), parts, &page);
    let about = package::About {
        title: &sub.title,
        author: sub.lead.as_deref().unwrap_or("jointly"),
        timestamp: &options.timestamp,
        language: &sub.language,
    };
    package::assemble(doc, body, &about, options.reference.as_ref())
}

/// One of the coalition's own texts, under its heading.
fn own_text(text: &OwnTextView, review: bool, body: &mut Body) {
    if let Some(title) = &text.title {
        body.add([text_paragraph(title).style("Heading1")]);
    }
    if review {
        let mut p = Para::default();
        p.run(
            if text.over_limit {
                Look::OVER_LIMIT
            } else {
                Look::ITALIC
            },
            &text.count,
        );
        body.add([p]);
    }
    let paras = convert::convert(&text.markdown, Placement::default(), body);
    body.add(paras);
}

/// A question's (or part's) heading, links, notes and answer; a question with parts has only
/// its heading and links here.
fn question(q: &QuestionView, style: &'static str, sub: &Submission, body: &mut Body) {
    body.add([text_paragraph(&format!("{} {}", q.label, q.text)).style(style)]);
    for link in &q.links {
        let label = link.title.as_deref().unwrap_or(&link.url);
        let p = match external_url(&link.url) {
            Some(url) => {
                let rid = body.link(url, false);
                let mut runs = String::new();
                wml::run(&mut runs, Look::LINK, &one_line(label));
                let mut p = Para::default();
                p.push_xml(&wml::hyperlink(&rid, &runs));
                p
            }
            None => text_paragraph(label),
        };
        body.add([p]);
    }
    // The review copy shows what the coalition needs to see before it approves: length and
    // gaps.
    let note = match (sub.review, q.answered) {
        (true, false) => Some((Look::WARNING, sub.labels.no_answer_yet.as_str())),
        (true, true) if q.over_limit => Some((Look::OVER_LIMIT, q.count.as_str())),
        (true, true) => Some((Look::ITALIC, q.count.as_str())),
        (false, false) if sub.unanswered == Unanswered::Note => {
            Some((Look::ITALIC, sub.labels.no_joint_answer.as_str()))
        }
        _ => None,
    };
    if !q.parts.is_empty() {
        return;
    }
    if let Some((look, text)) = note {
        let mut p = Para::default();
        p.run(look, text);
        body.add([p]);
    }
    let choice = q.choice.as_ref().filter(|c| !c.answer.is_empty());
    if let Some(choice) = choice.filter(|_| q.kind == "yes-no") {
        let mut p = Para::default();
        p.run(Look::BOLD, &sub.labels.answer);
        p.run(Look::PLAIN, &one_line(&format!(" {}", choice.answer)));
        body.add([p]);
    } else if let Some(choice) = choice {
        for option in &choice.options {
            let mut p = Para::default().style("ListParagraph");
            let mark = if option.chosen { "☒ " } else { "☐ " };
            p.run(
                if option.chosen {
                    Look::BOLD
                } else {
                    Look::PLAIN
                },
                &one_line(&format!("{mark}{}", option.text)),
            );
            let author = option.from.first().map_or("", String::as_str);
            let paras = match option.chosen {
                true => body.attribute(
                    vec![p],
                    author,
                    &sub.labels.from_organisations(&option.from),
                ),
                false => vec![p],
            };
            body.add(paras);
        }
        if sub.review && choice.disagreement {
            let mut p = Para::default();
            p.run(Look::WARNING, &sub.labels.chose_differently);
            body.add([p]);
        }
    }
    block(&q.body, sub, body);
    for line in &q.lines {
        let mut label = String::new();
        let text = one_line(&format!("{} {}", line.display, line.label));
        wml::run(&mut label, Look::BOLD, &text);
        let indented = Placement {
            base_level: 1,
            ..Placement::default()
        };
        let parts = &line.block.parts;
        if sub.review && (parts.len() > 1 || parts.iter().any(|p| p.conflict.is_some())) {
            // Each contribution to the line under its own comment, the label on its own.
            let mut head = Para::default().style("ListParagraph").numbering(BULLETS, 0);
            head.push_xml(&label);
            body.add([head]);
            for part in &line.block.parts {
                contribution(part, indented.clone(), sub, body);
            }
            continue;
        }
        let paras = if line.block.starts_with_paragraph {
            // The label and the text share the bullet's paragraph.
            wml::run(&mut label, Look::PLAIN, " – ");
            let place = Placement {
                lead_runs: label,
                first_numbering: Some((BULLETS, 0)),
                ..indented
            };
            convert::convert(&line.block.markdown, place, body)
        } else {
            let mut head = Para::default().style("ListParagraph").numbering(BULLETS, 0);
            head.push_xml(&label);
            let mut paras = vec![head];
            paras.extend(convert::convert(&line.block.markdown, indented, body));
            paras
        };
        let paras = match parts.first() {
            Some(part) => body.attribute(paras, &part.author, &part.comment),
            None => paras,
        };
        body.add(paras);
    }
    block(&q.closing, sub, body);
}

/// A block's parts, each with its contributors' comment in the review copy.
fn block(b: &Block, sub: &Submission, body: &mut Body) {
    for part in &b.parts {
        contribution(part, Placement::default(), sub, body);
    }
}

/// One contribution: in the review copy, under a comment saying who wrote it, and after a
/// warning when it is a newer version that conflicts with the lead's edit.
fn contribution(part: &PartView, place: Placement, sub: &Submission, body: &mut Body) {
    if let Some(conflict) = part.conflict.as_deref().filter(|_| sub.review) {
        let mut p = Para::default().indent(INDENT * place.base_level as i32);
        p.run(Look::WARNING, conflict);
        body.add([p]);
    }
    let paras = convert::convert(&part.markdown, place, body);
    let paras = body.attribute(paras, &part.author, &part.comment);
    body.add(paras);
}

/// A paragraph of one line of text (a title, a heading, a name).
fn text_paragraph(text: &str) -> Para {
    Para::text(&one_line(text))
}

/// Line breaks as spaces, for text that must stay on one line.
fn one_line(text: &str) -> String {
    text.replace(['\n', '\r', '\u{b}', '\u{c}'], " ")
}

/// One Markdown fragment as a whole Word package (for fuzzing the Markdown to Word path).
pub(crate) fn fragment(markdown: &str) -> Result<Vec<u8>, Error> {
    let about = package::About {
        title: "fragment",
        author: "jointly",
        timestamp: "2026-01-01T00:00:00Z",
        language: "en",
    };
    let page = styles::Page {
        footer: Labels::english().page_pieces(),
        right_to_left: false,
        form: false,
    };
    let doc = styles::skeleton(&DocxConfig::default(), None, false, &page);
    package::assemble(doc, fragment_body(markdown, None), &about, None)
}

/// One Markdown fragment as the XML the Word writer makes of it (body, footnotes, and a
/// comment over it all), under one root element: fuzzing the writer this way runs far faster
/// than building a whole package per input.
pub(crate) fn fragment_xml(markdown: &str) -> String {
    let mut body = fragment_body(markdown, Some("2026-01-01T00:00:00Z"));
    body.finish();
    format!(
        r#"<fragment xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{}</w:body><w:footnotes>{}{}</w:footnotes><w:comments>{}</w:comments></fragment>"#,
        body.xml,
        wml::FOOTNOTE_SEPARATORS,
        body.footnotes,
        body.comments
    )
}

/// A body of one Markdown fragment, with a comment over it when `commented` gives a date.
fn fragment_body(markdown: &str, commented: Option<&str>) -> Body {
    let mut body = Body::new(commented.map(str::to_string), false);
    let paras = convert::convert(markdown, Placement::default(), &mut body);
    let paras = body.attribute(paras, "A <&> \"B\"", "from A <&> \"B\"");
    body.add(paras);
    body
}
