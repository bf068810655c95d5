//! A Word form an organisation fills in: the questionnaire with one answer box per answer
//! slot, its current answers already in them. Each box is a one-cell table (a visible frame
//! that survives any editor) holding a content control whose tag names the slot
//! (`jointly:q7:line:C2`); the control's title ends with the same name in brackets, since
//! LibreOffice keeps titles but not tags. Import finds the boxes by those names.

use std::fmt::Write as _;

use super::convert::{self, Body, Placement};
use super::styles::{self, FORM_TEXT};
use super::wml::{self, Look, Para};
use super::{package, text_paragraph};
use crate::config::DocxConfig;
use crate::draft::Slot;
use crate::error::Error;
use crate::labels::{Labels, fill};
use crate::questionnaire::{AnswerKind, Question, Questionnaire};

/// The prefix of the names of a form's answer boxes.
pub(crate) const BOX_TAG: &str = "jointly:";

/// Everything a form shows.
pub struct Form<'a> {
    /// The consultation's title.
    pub title: &'a str,
    /// Its questions.
    pub questionnaire: &'a Questionnaire,
    /// The words of the form itself, in the submission's language.
    pub labels: &'a Labels,
    /// The submission's language.
    pub language: &'a str,
    /// The organisation's details to check, a line each: its name, its contact…
    pub organisation: Vec<String>,
    /// The organisation's current answer in a slot, as Markdown.
    pub answer: &'a dyn Fn(&str, &Slot) -> Option<String>,
}

/// The name of a slot's box: `jointly:q1:text`, `jointly:q7:line:C2`.
pub(crate) fn box_name(question: &str, slot: &Slot) -> String {
    let slot = match slot {
        Slot::Text => "text".to_string(),
        Slot::Closing => "closing".to_string(),
        Slot::Choice => "choice".to_string(),
        Slot::Line(code) => format!("line:{code}"),
    };
    format!("{}{question}:{slot}", BOX_TAG)
}

/// A box's bookmark: `jointly_q7_lC7_e_health`, its slot in the letters, digits and
/// underscores bookmark names may hold (at most 40).
fn bookmark_name(question: &str, slot: &Slot) -> String {
    let safe = |s: &str| -> String {
        s.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect()
    };
    let slot = match slot {
        Slot::Text => "t".to_string(),
        Slot::Closing => "c".to_string(),
        Slot::Choice => "o".to_string(),
        Slot::Line(code) => format!("l{}", safe(code)),
    };
    let name = format!("jointly_{}_{slot}", safe(question));
    name.chars().take(40).collect()
}

/// The box a bookmark names, as [`box_name`] names it, if it is one of `questionnaire`'s.
pub(crate) fn box_of_bookmark(bookmark: &str, questionnaire: &Questionnaire) -> Option<String> {
    bookmark.strip_prefix("jointly_")?;
    let codes = questionnaire.codes();
    for question in questionnaire.questions() {
        let mut slots = vec![Slot::Text, Slot::Closing, Slot::Choice];
        slots.extend(codes.iter().map(|c| Slot::Line(c.code.clone())));
        for slot in slots {
            if bookmark_name(question.id(), &slot) == bookmark {
                let name = box_name(question.id(), &slot);
                return slot_of(&name, questionnaire).map(|_| name);
            }
        }
    }
    None
}

/// The slot a box's name names, if it is one of `questionnaire`'s.
pub(crate) fn slot_of(name: &str, questionnaire: &Questionnaire) -> Option<(String, Slot)> {
    let rest = name.strip_prefix(BOX_TAG)?;
    if let Some(bookmark) = rest.strip_prefix("bookmark:") {
        return slot_of(&box_of_bookmark(bookmark, questionnaire)?, questionnaire);
    }
    let (id, slot) = rest.split_once(':')?;
    let question = questionnaire.question(id)?;
    let slot = match slot {
        "text" => Slot::Text,
        "closing" if question.kind == AnswerKind::ActionLines => Slot::Closing,
        "choice" if question.kind.is_choice() => Slot::Choice,
        line => {
            let code = line.strip_prefix("line:")?;
            (question.kind == AnswerKind::ActionLines && questionnaire.has_code(code))
                .then(|| Slot::Line(code.to_string()))?
        }
    };
    Some((id.to_string(), slot))
}

/// Renders the form as a Word file's bytes.
pub fn render_form(form: &Form, config: &DocxConfig, timestamp: &str) -> Result<Vec<u8>, Error> {
    let labels = form.labels;
    let right_to_left = crate::labels::is_right_to_left(form.language);
    let mut body = Body::new(None, right_to_left);
    let mut boxes = 0;
    body.add([text_paragraph(form.title).style("Title")]);
    body.add([form_text(&labels.form_intro)]);
    for line in &form.organisation {
        let mut p = Para::default().style(FORM_TEXT);
        p.run(Look::BOLD, line);
        body.add([p]);
    }
    let q = form.questionnaire;
    for section in &q.sections {
        body.add([text_paragraph(&section.title).style("Heading1")]);
        for question in &section.questions {
            heading(question, "Heading2", &mut body);
            for part in &question.parts {
                heading(part, "Heading3", &mut body);
                answer_boxes(form, part, &mut body, &mut boxes);
            }
            if question.parts.is_empty() {
                answer_boxes(form, question, &mut body, &mut boxes);
            }
        }
    }
    let page = styles::Page {
        footer: labels.page_pieces(),
        right_to_left,
        form: true,
    };
    let parts = q.questions().any(|x| x.parent.is_some());
    let doc = styles::skeleton(config, None, parts, &page);
    let about = package::About {
        title: form.title,
        author: "jointly",
        timestamp,
        language: form.language,
    };
    package::assemble(doc, body, &about, None)
}

/// A question's heading, then its guidance, links and limits in the form's own style.
fn heading(question: &Question, style: &'static str, body: &mut Body) {
    let text = format!("{} {}", question.display_label(), question.text);
    body.add([text_paragraph(&text).style(style)]);
    if let Some(guidance) = &question.guidance {
        body.add([form_text(guidance)]);
    }
    for link in &question.links {
        body.add([form_text(&link.url)]);
    }
}

/// The boxes a question is answered in: its text, or its action lines, or its choice.
fn answer_boxes(form: &Form, q: &Question, body: &mut Body, boxes: &mut usize) {
    let labels = form.labels;
    if let Some(limits) = limits_line(q, labels) {
        body.add([form_text(&limits)]);
    }
    let id = q.id();
    let mut add = |slot: Slot, label: Option<String>, body: &mut Body| {
        if let Some(label) = label {
            body.add([form_text(&label)]);
        }
        // A choice's options, one per paragraph, as the box asks for them.
        let current = (form.answer)(id, &slot).map(|text| match slot {
            Slot::Choice => text.lines().map(str::trim).collect::<Vec<_>>().join("\n\n"),
            _ => text,
        });
        answer_box(id, &slot, q, current.as_deref(), labels, body, boxes);
    };
    match q.kind {
        AnswerKind::Text => add(Slot::Text, None, body),
        AnswerKind::ActionLines => {
            add(Slot::Text, Some(labels.form_before_lines.clone()), body);
            for code in form.questionnaire.codes() {
                let name = format!("{} {}", code.display, code.label);
                add(Slot::Line(code.code.clone()), Some(name), body);
            }
            add(Slot::Closing, Some(labels.form_after_lines.clone()), body);
        }
        _ => {
            let ask = match q.kind {
                AnswerKind::MultipleChoice => &labels.form_choose_many,
                _ => &labels.form_choose,
            };
            body.add([form_text(ask)]);
            for option in &q.options {
                body.add([form_text(&format!("☐ {option}"))]);
            }
            add(Slot::Choice, None, body);
            add(Slot::Text, Some(labels.form_explain.clone()), body);
        }
    }
}

/// "Words: at most 300", as the submission words limits.
fn limits_line(q: &Question, labels: &Labels) -> Option<String> {
    let mut limits = Vec::new();
    if let Some(w) = q.max_words {
        limits.push(fill(&labels.limit_words, &[("limit", &w.to_string())]));
    }
    if let Some(c) = q.max_chars {
        limits.push(fill(&labels.limit_characters, &[("limit", &c.to_string())]));
    }
    (!limits.is_empty()).then(|| {
        limits.push(labels.counting_rule.clone());
        limits.join(&labels.separator)
    })
}

/// One answer box: a framed one-cell table holding a content control named for its slot,
/// with the current answer, or a placeholder to type over.
fn answer_box(
    id: &str,
    slot: &Slot,
    q: &Question,
    current: Option<&str>,
    labels: &Labels,
    body: &mut Body,
    boxes: &mut usize,
) {
    *boxes += 1;
    let name = box_name(id, slot);
    let title = format!(
        "{} {} [{name}]",
        q.display_label().trim_end_matches('.'),
        slot_word(slot)
    );
    let paras = match current.filter(|t| !t.trim().is_empty()) {
        Some(text) => convert::convert(text, Placement::default(), body),
        None => {
            let mut p = Para::default();
            // Grey and italic, as Word shows a placeholder (its style alone is not kept by
            // every editor).
            p.run(
                Look {
                    style: Some("PlaceholderText"),
                    italic: true,
                    color: Some("808080"),
                    ..Look::PLAIN
                },
                &labels.form_placeholder,
            );
            vec![p]
        }
    };
    let mut content = String::new();
    for p in paras {
        body.has_numbering |= p.has_numbering();
        p.write_in(&mut content, body.right_to_left);
    }
    let empty = current.is_none_or(|t| t.trim().is_empty());
    let placeholder = if empty { "<w:showingPlcHdr/>" } else { "" };
    // LibreOffice drops the text of a content control's paragraph that holds a footnote
    // reference when it saves: an answer with footnotes goes in the box without a control
    // around it. The bookmark names the box either way, and every editor keeps bookmarks.
    let with_control = !content.contains("<w:footnoteReference");
    let (open, close) = match with_control {
        true => (
            format!(
                r#"<w:sdt><w:sdtPr><w:alias w:val="{}"/><w:tag w:val="{}"/><w:id w:val="{}"/>{placeholder}</w:sdtPr><w:sdtContent>"#,
                wml::attr(&title),
                wml::attr(&name),
                1000 + *boxes
            ),
            "</w:sdtContent></w:sdt>".to_string(),
        ),
        false => (String::new(), String::new()),
    };
    let bookmark = format!(
        r#"<w:bookmarkStart w:id="{n}" w:name="{}"/><w:bookmarkEnd w:id="{n}"/>"#,
        bookmark_name(id, slot),
        n = 1000 + *boxes
    );
    // The bookmark goes inside the box's first paragraph.
    let content = match content.find("<w:r>").or_else(|| content.find("</w:p>")) {
        Some(at) => format!("{}{bookmark}{}", &content[..at], &content[at..]),
        None => content,
    };
    let border = r#"w:val="single" w:sz="8" w:space="0" w:color="8EAADB""#;
    let _ = write!(
        body.xml,
        r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders><w:top {border}/><w:left {border}/><w:bottom {border}/><w:right {border}/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="80" w:type="dxa"/><w:left w:w="120" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="120" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w="5000" w:type="pct"/><w:shd w:val="clear" w:color="auto" w:fill="F2F5FA"/></w:tcPr>{open}{content}{close}</w:tc></w:tr></w:tbl>"#,
    );
    // Space between a box and what follows it: an ordinary paragraph, so that anything typed
    // in it is the organisation's, never taken for the form's own words.
    body.add([Para::default()]);
}

/// What a box holds, in its title: "answer", "C2", "closing", "choice".
fn slot_word(slot: &Slot) -> String {
    match slot {
        Slot::Text => "answer".into(),
        Slot::Closing => "closing".into(),
        Slot::Choice => "choice".into(),
        Slot::Line(code) => code.clone(),
    }
}

/// A paragraph of the form's own words.
fn form_text(text: &str) -> Para {
    text_paragraph(text).style(FORM_TEXT)
}
