//! Word files, read defensively: the package is opened with size and expansion limits (a
//! corrupt, encrypted or non-Word file, or a zip bomb, is a clear error, never a panic or a
//! hang), and only the parts needed are read, with an XML reader, not docx-rs's (which can
//! panic or hang on unusual files).

use std::collections::HashMap;
use std::io::{Cursor, Read};
use std::path::Path;

use roxmltree::{Document, Node};

use super::numbering::{LEVELS, Numbering};
use super::{Block, Kind};
use crate::error::Error;
use crate::markdown::{escape_block_start, escape_inline};
use crate::render::docx::BOX_TAG;

pub(super) const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
const MATH: &str = "http://schemas.openxmlformats.org/officeDocument/2006/math";

/// The most one part may expand to.
const MAX_PART: u64 = 64 << 20;
/// Deflate rarely compresses XML more than ~20×; far beyond that is a bomb.
const MAX_RATIO: u64 = 200;
const MAX_ENTRIES: usize = 10_000;

/// Reads a Word file's bytes into blocks; `path` names it in errors.
pub(super) fn read(bytes: Vec<u8>, path: &Path) -> Result<Vec<Block>, Error> {
    let bad = |why: &str, help: &str| Error::Usage {
        message: format!("cannot import `{}`: {why}", path.display()),
        help: help.into(),
    };
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(bad(
            "it is an encrypted Word file, or an old-style .doc",
            "remove the password, or open it in Word or LibreOffice and save it as a .docx",
        ));
    }
    if !bytes.starts_with(b"PK") {
        return Err(bad(
            "it is not a Word (.docx) file",
            "open it in Word or LibreOffice and save it as a .docx, or save its text as .txt",
        ));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        bad(
            &format!("the file is damaged ({e})"),
            "open it in Word or LibreOffice and save it again",
        )
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(bad(
            "the package holds an implausible number of parts",
            "save the document again from Word or LibreOffice",
        ));
    }
    let mut part = |name: &str| -> Result<Option<String>, Error> {
        let mut entry = match zip.by_name(name) {
            Ok(e) => e,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(e) => {
                return Err(bad(
                    &format!("its part {name} cannot be read ({e})"),
                    "open it in Word or LibreOffice and save it again",
                ));
            }
        };
        if entry.encrypted() {
            return Err(bad(
                "it is encrypted",
                "remove the password in Word and save it again",
            ));
        }
        if entry.size() > MAX_PART
            || entry.size() > entry.compressed_size().saturating_mul(MAX_RATIO) + (1 << 20)
        {
            return Err(bad(
                &format!("its part {name} would expand beyond a sane size"),
                "this is not an ordinary Word document; import its text instead",
            ));
        }
        let mut out = Vec::new();
        entry
            .by_ref()
            .take(MAX_PART + 1)
            .read_to_end(&mut out)
            .map_err(|e| {
                bad(
                    &format!("its part {name} is damaged ({e})"),
                    "open it in Word or LibreOffice and save it again",
                )
            })?;
        if out.len() as u64 > MAX_PART {
            return Err(bad(
                &format!("its part {name} expands beyond a sane size"),
                "this is not an ordinary Word document; import its text instead",
            ));
        }
        String::from_utf8(out).map(Some).map_err(|_| {
            bad(
                &format!("its part {name} is not UTF-8 XML"),
                "save the document again from Word or LibreOffice",
            )
        })
    };
    let document = part("word/document.xml")?.ok_or_else(|| {
        bad(
            "it has no document part",
            "is it a Word file? Save it again as .docx",
        )
    })?;
    let styles = part("word/styles.xml")?;
    let numbering = part("word/numbering.xml")?;
    let footnotes = part("word/footnotes.xml")?;
    let rels = part("word/_rels/document.xml.rels")?;
    let note_rels = part("word/_rels/footnotes.xml.rels")?;
    let doc = parse_xml(path, "word/document.xml", &document)?;
    let styles = parse_optional(path, "word/styles.xml", styles.as_deref())?;
    let numbering = parse_optional(path, "word/numbering.xml", numbering.as_deref())?;
    let footnotes = parse_optional(path, "word/footnotes.xml", footnotes.as_deref())?;
    let rels = parse_optional(path, "word/_rels/document.xml.rels", rels.as_deref())?;
    let note_rels = parse_optional(path, "word/_rels/footnotes.xml.rels", note_rels.as_deref())?;
    let mut ctx = Context::new(
        styles.as_ref(),
        footnotes.as_ref(),
        [rels.as_ref(), note_rels.as_ref()],
        &doc,
    );
    ctx.numbering = Numbering::new(numbering.as_ref());
    Ok(ctx.blocks(&doc))
}

fn parse_xml<'a>(path: &Path, name: &str, text: &'a str) -> Result<Document<'a>, Error> {
    Document::parse(text).map_err(|e| Error::Usage {
        message: format!(
            "cannot import `{}`: its part {name} is not valid XML ({e})",
            path.display()
        ),
        help: "open it in Word or LibreOffice and save it again".into(),
    })
}

/// A part that may be missing.
fn parse_optional<'a>(
    path: &Path,
    name: &str,
    text: Option<&'a str>,
) -> Result<Option<Document<'a>>, Error> {
    text.map(|t| parse_xml(path, name, t)).transpose()
}

struct Context {
    style_names: HashMap<String, String>,
    /// The list a paragraph style numbers its paragraphs with: numId and level.
    style_numbering: HashMap<String, (String, usize)>,
    numbering: Numbering,
    /// Footnote texts by id.
    notes: HashMap<String, String>,
    /// Footnote labels by id: 1, 2, 3 in the order the document first cites them, as Word
    /// shows them.
    note_labels: HashMap<String, String>,
    links: HashMap<String, String>,
}

impl Context {
    fn new(
        styles: Option<&Document>,
        footnotes: Option<&Document>,
        [rels, note_rels]: [Option<&Document>; 2],
        doc: &Document,
    ) -> Context {
        let mut style_names = HashMap::new();
        let mut style_numbering = HashMap::new();
        if let Some(s) = styles {
            for st in s.descendants().filter(|n| n.has_tag_name((W, "style"))) {
                let id = st.attribute((W, "styleId")).unwrap_or_default();
                let name = st
                    .children()
                    .find(|n| n.has_tag_name((W, "name")))
                    .and_then(|n| n.attribute((W, "val")))
                    .unwrap_or(id);
                style_names.insert(id.to_string(), name.to_lowercase());
                let props = st.children().find(|n| n.has_tag_name((W, "pPr")));
                if let Some(num) = props.and_then(|p| list_of(p)) {
                    style_numbering.insert(id.to_string(), num);
                }
            }
        }
        let links = hyperlinks(rels);
        let mut note_labels = HashMap::new();
        for reference in doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "footnoteReference")))
        {
            let id = reference.attribute((W, "id")).unwrap_or_default();
            if !note_labels.contains_key(id) {
                let label = (note_labels.len() + 1).to_string();
                note_labels.insert(id.to_string(), label);
            }
        }
        let mut ctx = Context {
            style_names,
            style_numbering,
            numbering: Numbering::default(),
            notes: HashMap::new(),
            note_labels,
            links,
        };
        if let Some(f) = footnotes {
            // Links in footnotes have relationships of the footnotes' own.
            let body_links = std::mem::replace(&mut ctx.links, hyperlinks(note_rels));
            let mut notes = HashMap::new();
            for note in f
                .descendants()
                .filter(|n| n.has_tag_name((W, "footnote")) && n.attribute((W, "type")).is_none())
            {
                let text: Vec<String> = note
                    .children()
                    .filter(|n| n.has_tag_name((W, "p")))
                    .map(|p| ctx.inline(p, &mut Cited::default()).0.trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect();
                notes.insert(
                    note.attribute((W, "id")).unwrap_or_default().to_string(),
                    text.join(" "),
                );
            }
            ctx.notes = notes;
            ctx.links = body_links;
        }
        ctx
    }

    fn blocks(&mut self, doc: &Document) -> Vec<Block> {
        let mut out: Vec<Block> = Vec::new();
        let body = doc.descendants().find(|n| n.has_tag_name((W, "body")));
        let skipped = body.map(skipped_branches).unwrap_or_default();
        let outside_skipped = |n: &Node| {
            let at = n.range().start;
            let i = skipped.partition_point(|r| r.start <= at);
            i == 0 || skipped[i - 1].end <= at
        };
        let paragraphs: Vec<Node> = body
            .map(|b| {
                b.descendants()
                    .filter(|n| n.has_tag_name((W, "p")) && outside_skipped(n))
                    .collect()
            })
            .unwrap_or_default();
        let mut in_list = false;
        let mut noted = std::collections::HashSet::new();
        for (i, p) in paragraphs.into_iter().enumerate() {
            let mut notes = Cited::default();
            let (md, plain) = self.inline(p, &mut notes);
            let md = md.trim().to_string();
            let props = p.children().find(|n| n.has_tag_name((W, "pPr")));
            let style_id = props
                .and_then(|pp| pp.children().find(|n| n.has_tag_name((W, "pStyle"))))
                .and_then(|n| n.attribute((W, "val")))
                .unwrap_or("");
            // Its list: its own, or its style's. Even an empty paragraph counts a number.
            let list = match props.and_then(list_of) {
                Some((num_id, _)) if num_id == "0" => None,
                Some(list) => Some(list),
                None => self.style_numbering.get(style_id).cloned(),
            };
            let shown = list
                .as_ref()
                .and_then(|(num_id, level)| self.numbering.next(num_id, *level));
            if md.is_empty() {
                continue;
            }
            let style = self
                .style_names
                .get(style_id)
                .cloned()
                .unwrap_or_else(|| style_id.to_lowercase());
            let indented = props
                .and_then(|pp| pp.children().find(|n| n.has_tag_name((W, "ind"))))
                .and_then(|n| n.attribute((W, "left")).or(n.attribute((W, "start"))))
                .and_then(|v| v.parse::<i64>().ok())
                .is_some_and(|v| v > 0);
            let pos = format!("paragraph {}", i + 1);
            // A form's own words are marked as such: never an answer.
            let box_slot = answer_box(p)
                .or_else(|| (style == "jointly form text").then(|| format!("{BOX_TAG}form")));
            // The number Word shows, which is not one of the paragraph's words.
            let label = match &shown {
                Some((text, false)) if !text.trim().is_empty() => Some(text.trim().to_string()),
                _ => None,
            };
            let block = |kind, markdown| Block {
                kind,
                markdown,
                plain: plain.clone(),
                label: label.clone(),
                pos: pos.clone(),
                box_slot: box_slot.clone(),
            };
            let block = if style == "title" || style == "subtitle" || style.starts_with("heading") {
                let level = style
                    .trim_start_matches("heading")
                    .trim()
                    .parse::<usize>()
                    .unwrap_or(1)
                    .clamp(1, 6);
                in_list = false;
                block(Kind::Heading, format!("{} {md}", "#".repeat(level)))
            } else if let (Some((_, level)), Some((_, bullet))) = (&list, &shown) {
                let marker = if *bullet { "- " } else { "1. " };
                let kind = if *level > 0 && in_list {
                    Kind::Continuation
                } else {
                    Kind::Item
                };
                in_list = true;
                block(kind, format!("{}{marker}{md}", "  ".repeat(*level)))
            } else if in_list && indented {
                block(Kind::Continuation, format!("\n  {md}"))
            } else if style.contains("quote") || style == "block text" {
                in_list = false;
                block(Kind::Para, format!("> {md}"))
            } else {
                in_list = false;
                block(Kind::Para, escape_block_start(&md))
            };
            out.push(block);
            // Each footnote once, as a block of its own, for the answer that cites it first.
            for (label, text) in notes.notes {
                if noted.insert(label.clone()) {
                    out.push(Block {
                        kind: Kind::Note,
                        plain: crate::markdown::plain_text(&text).trim().to_string(),
                        markdown: format!("[^{label}]: {text}"),
                        label: None,
                        pos: pos.clone(),
                        box_slot: box_slot.clone(),
                    });
                }
            }
        }
        out
    }

    /// A paragraph's runs as Markdown and as plain text; footnotes it refers to are pushed.
    fn inline(&self, p: Node, notes: &mut Cited) -> (String, String) {
        let mut pieces: Vec<Piece> = Vec::new();
        self.collect(p, None, notes, &mut pieces);
        let plain: String = pieces.iter().map(|x| x.text.as_str()).collect();
        (
            render(&pieces),
            plain.split_whitespace().collect::<Vec<_>>().join(" "),
        )
    }

    /// The runs of `node` (a paragraph), through the elements that wrap runs (links, tracked
    /// insertions and moves, content controls, text direction…), in document order, and its
    /// equations as text. Tracked deletions are left out, as Word shows them once accepted.
    /// Walked with a stack of its own, not by recursion: a file may nest thousands of them.
    fn collect(&self, node: Node, link: Option<&str>, notes: &mut Cited, out: &mut Vec<Piece>) {
        let mut stack = vec![(node.children(), link)];
        while let Some((children, link)) = stack.last_mut() {
            let link = *link;
            let Some(child) = children.next() else {
                stack.pop();
                continue;
            };
            let name = child.tag_name();
            if child.has_tag_name((MC, "AlternateContent")) {
                if let Some(branch) = chosen_branch(child) {
                    stack.push((branch.children(), link));
                }
                continue;
            }
            if child.has_tag_name((MATH, "oMathPara")) || child.has_tag_name((MATH, "oMath")) {
                out.push(Piece::plain(math_text(child)));
                continue;
            }
            if name.namespace() != Some(W) {
                continue;
            }
            match name.name() {
                "r" => self.run(child, link, notes, out),
                "hyperlink" => {
                    let target = child
                        .attribute((R, "id"))
                        .and_then(|id| self.links.get(id))
                        .map(String::as_str);
                    stack.push((child.children(), target.or(link)));
                }
                "ins" | "moveTo" | "smartTag" | "sdt" | "sdtContent" | "fldSimple"
                | "customXml" | "dir" | "bdo" => {
                    stack.push((child.children(), link));
                }
                _ => {}
            }
        }
    }

    fn run(&self, r: Node, link: Option<&str>, notes: &mut Cited, out: &mut Vec<Piece>) {
        let props = r.children().find(|n| n.has_tag_name((W, "rPr")));
        let on = |tag: &str| {
            props
                .and_then(|p| p.children().find(|n| n.has_tag_name((W, tag))))
                .is_some_and(|n| !matches!(n.attribute((W, "val")), Some("0" | "false")))
        };
        let (bold, italic) = (on("b"), on("i"));
        // A form's placeholder ("Write your answer here."), in Word's placeholder style, is no
        // one's text, in whatever language or wording it was written.
        let style = props
            .and_then(|p| p.children().find(|n| n.has_tag_name((W, "rStyle"))))
            .and_then(|n| n.attribute((W, "val")))
            .unwrap_or("");
        if style.eq_ignore_ascii_case("PlaceholderText") {
            return;
        }
        // A run's content, with one branch of each alternative (`mc:AlternateContent`).
        let content = r.children().flat_map(|c| {
            if c.has_tag_name((MC, "AlternateContent")) {
                chosen_branch(c).map_or_else(Vec::new, |b| b.children().collect())
            } else {
                vec![c]
            }
        });
        for c in content {
            if c.tag_name().namespace() != Some(W) {
                continue;
            }
            let text = match c.tag_name().name() {
                "t" => c.text().unwrap_or("").to_string(),
                "sym" => symbol(
                    c.attribute((W, "font")).unwrap_or_default(),
                    c.attribute((W, "char")).unwrap_or_default(),
                ),
                "tab" | "ptab" => " ".to_string(),
                "br" | "cr" => " ".to_string(),
                "noBreakHyphen" => "-".to_string(),
                "footnoteReference" => {
                    let id = c.attribute((W, "id")).unwrap_or_default();
                    let label = self.note_labels.get(id).map_or(id, String::as_str);
                    // A note cited twice is written once.
                    if let Some(text) = self.notes.get(id)
                        && notes.ids.insert(label.to_string())
                    {
                        notes.notes.push((label.to_string(), text.clone()));
                    }
                    out.push(Piece {
                        note: Some(label.to_string()),
                        ..Piece::plain(String::new())
                    });
                    continue;
                }
                _ => continue,
            };
            out.push(Piece {
                text,
                note: None,
                bold,
                italic,
                link: link.map(str::to_string),
            });
        }
    }
}

/// The answer box of a jointly form a paragraph was typed in: the tag of the content control
/// around it or in it (`jointly:q7:line:C2`), or in its table cell. Word keeps the tag;
/// LibreOffice keeps only the control's title, which ends with the tag in brackets, and makes
/// the control cover the cell's first paragraph, so the cell says which box the rest is in.
fn answer_box(p: Node) -> Option<String> {
    let of_control = |sdt: Node| -> Option<String> {
        let props = sdt.children().find(|n| n.has_tag_name((W, "sdtPr")))?;
        let value = |name: &str| {
            (props.children())
                .find(|n| n.has_tag_name((W, name)))
                .and_then(|n| n.attribute((W, "val")))
        };
        if let Some(tag) = value("tag").filter(|t| t.starts_with(BOX_TAG)) {
            return Some(tag.to_string());
        }
        let alias = value("alias")?;
        let start = alias.rfind(&format!("[{BOX_TAG}"))? + 1;
        let end = start + alias[start..].find(']')?;
        Some(alias[start..end].to_string())
    };
    let controls = |n: Node<'_, '_>| {
        n.descendants()
            .filter(|d| d.has_tag_name((W, "sdt")))
            .find_map(of_control)
    };
    if let Some(found) = p
        .ancestors()
        .filter(|a| a.has_tag_name((W, "sdt")))
        .find_map(of_control)
    {
        return Some(found);
    }
    if let Some(found) = controls(p) {
        return Some(found);
    }
    let cell = p.ancestors().find(|a| a.has_tag_name((W, "tc")))?;
    controls(cell).or_else(|| {
        // The box's bookmark, which every editor keeps; the questionnaire says which slot.
        let name = (cell.descendants())
            .filter(|d| d.has_tag_name((W, "bookmarkStart")))
            .filter_map(|d| d.attribute((W, "name")))
            .find(|n| n.starts_with("jointly_"))?;
        Some(format!("{BOX_TAG}bookmark:{name}"))
    })
}

/// The hyperlinks of a relationships part: id and address.
fn hyperlinks(rels: Option<&Document>) -> HashMap<String, String> {
    let mut links = HashMap::new();
    let Some(r) = rels else { return links };
    for rel in r.descendants().filter(|n| n.has_tag_name("Relationship")) {
        if rel
            .attribute("Type")
            .is_some_and(|t| t.ends_with("/hyperlink"))
        {
            links.insert(
                rel.attribute("Id").unwrap_or_default().to_string(),
                rel.attribute("Target").unwrap_or_default().to_string(),
            );
        }
    }
    links
}

/// The list of a paragraph's (or style's) properties: its numId and level (0 to 8, whatever
/// the file says).
fn list_of(props: Node) -> Option<(String, usize)> {
    let num = props.children().find(|n| n.has_tag_name((W, "numPr")))?;
    let val = |name: &str| {
        num.children()
            .find(|n| n.has_tag_name((W, name)))
            .and_then(|n| n.attribute((W, "val")))
    };
    let level = val("ilvl")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    Some((val("numId")?.to_string(), level.min(LEVELS - 1)))
}

/// The footnotes a paragraph cites, each once, in the order first cited.
#[derive(Default)]
struct Cited {
    notes: Vec<(String, String)>,
    ids: std::collections::HashSet<String>,
}

struct Piece {
    text: String,
    note: Option<String>,
    bold: bool,
    italic: bool,
    link: Option<String>,
}

impl Piece {
    fn plain(text: String) -> Piece {
        Piece {
            text,
            note: None,
            bold: false,
            italic: false,
            link: None,
        }
    }
}

/// The branch of an `mc:AlternateContent` a reader takes: the first `mc:Choice`, else the
/// `mc:Fallback`. Word writes the same text in each, so taking one keeps it once.
fn chosen_branch<'a, 'input>(alternatives: Node<'a, 'input>) -> Option<Node<'a, 'input>> {
    alternatives.children().find(Node::is_element)
}

/// Where in `root`'s text the branches a reader does not take are, as sorted, disjoint
/// byte ranges, so that a paragraph inside one (a text box's other copy) is read once.
fn skipped_branches(root: Node) -> Vec<std::ops::Range<usize>> {
    let mut ranges: Vec<std::ops::Range<usize>> = root
        .descendants()
        .filter(|n| n.has_tag_name((MC, "AlternateContent")))
        .flat_map(|alt| {
            let chosen = chosen_branch(alt);
            alt.children()
                .filter(move |b| b.is_element() && Some(*b) != chosen)
                .map(|b| b.range())
        })
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// An equation as linear text, as one would type it: `(a+b)/(c+d)`, `x^2`, `√(x)`. Walked
/// with a stack of its own, like the runs.
fn math_text(math: Node) -> String {
    let mut out = String::new();
    let mut stack: Vec<Result<Node, &str>> = vec![Ok(math)];
    while let Some(item) = stack.pop() {
        let node = match item {
            Ok(node) => node,
            Err(text) => {
                out.push_str(text);
                continue;
            }
        };
        if node.has_tag_name((MATH, "t")) {
            out.push_str(node.text().unwrap_or_default());
            continue;
        }
        let in_math = node.tag_name().namespace() == Some(MATH);
        let (open, close) = match node.tag_name().name() {
            "num" | "sup" | "sub" | "deg" if in_math && !bare(node) => ("(", ")"),
            "den" if in_math && bare(node) => ("/", ""),
            "den" if in_math => ("/(", ")"),
            "e" if in_math && node.parent().is_some_and(|p| p.has_tag_name((MATH, "rad"))) => {
                ("√(", ")")
            }
            _ => ("", ""),
        };
        let mark = match node.tag_name().name() {
            "sup" if in_math => "^",
            "sub" if in_math => "_",
            _ => "",
        };
        out.push_str(mark);
        out.push_str(open);
        stack.push(Err(close));
        let children: Vec<Node> = node.children().filter(Node::is_element).collect();
        stack.extend(children.into_iter().rev().map(Ok));
    }
    out
}

/// True when a part of an equation is empty or one character (`x`, `2`): it needs no
/// brackets.
fn bare(node: Node) -> bool {
    let mut parts = node.children().filter(Node::is_element);
    let only = match (parts.next(), parts.next()) {
        (None, _) => return true,
        (Some(only), None) => only,
        _ => return false,
    };
    let mut inner = only.children().filter(|n| n.has_tag_name((MATH, "t")));
    match (inner.next(), inner.next()) {
        (Some(t), None) => t.text().unwrap_or_default().chars().count() == 1,
        _ => false,
    }
}

/// The character of a `w:sym`. Symbol fonts put their glyphs at U+F020 to U+F0FF: the common
/// ones of Symbol and Wingdings become the Unicode character they show; any other is kept as
/// it is, so nothing is lost.
fn symbol(font: &str, code: &str) -> String {
    let Some(c) = u32::from_str_radix(code, 16).ok().and_then(char::from_u32) else {
        return String::new();
    };
    let low = match u32::from(c) {
        0xF020..=0xF0FF => (u32::from(c) - 0xF000) as u8,
        _ => return c.to_string(),
    };
    let font = font.to_ascii_lowercase();
    let shown = if font == "symbol" {
        const GREEK_UPPER: &str = "ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ";
        const GREEK_LOWER: &str = "αβχδεφγηιϕκλμνοπθρστυϖωξψζ";
        match low {
            b'A'..=b'Z' => GREEK_UPPER.chars().nth(usize::from(low - b'A')),
            b'a'..=b'z' => GREEK_LOWER.chars().nth(usize::from(low - b'a')),
            0xB7 => Some('•'),
            0xAE => Some('→'),
            0xAC => Some('←'),
            0xB3 => Some('≥'),
            0xA3 => Some('≤'),
            0xB9 => Some('≠'),
            0xB1 => Some('±'),
            0xB4 => Some('×'),
            0x20..=0x7E => Some(char::from(low)),
            _ => None,
        }
    } else if font.starts_with("wingdings") {
        match low {
            0xFC => Some('✓'),
            0xFB => Some('✗'),
            0xFE => Some('☑'),
            0xA8 => Some('◻'),
            0x6C => Some('●'),
            0x6E => Some('■'),
            0x9F => Some('•'),
            0xA7 => Some('▪'),
            0xD8 => Some('➢'),
            0xE0 | 0xE8 => Some('→'),
            _ => None,
        }
    } else {
        None
    };
    shown.unwrap_or(c).to_string()
}

/// Runs to Markdown: neighbouring runs with the same formatting are joined; emphasis keeps
/// its spaces outside the markers (`** bold**` is not bold in Markdown).
fn render(pieces: &[Piece]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < pieces.len() {
        let p = &pieces[i];
        if let Some(n) = &p.note {
            out.push_str(&format!("[^{n}]"));
            i += 1;
            continue;
        }
        let mut text = p.text.clone();
        let mut j = i + 1;
        while j < pieces.len()
            && pieces[j].note.is_none()
            && (pieces[j].bold, pieces[j].italic, &pieces[j].link) == (p.bold, p.italic, &p.link)
        {
            text.push_str(&pieces[j].text);
            j += 1;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        let core = escape_inline(text.trim());
        let mut piece = if core.is_empty() {
            String::new()
        } else {
            match (p.bold, p.italic) {
                (true, true) => format!("***{core}***"),
                (true, false) => format!("**{core}**"),
                (false, true) => format!("*{core}*"),
                (false, false) => core,
            }
        };
        if let Some(url) = &p.link
            && !piece.is_empty()
        {
            piece = format!("[{piece}](<{url}>)");
        }
        out.push_str(lead);
        out.push_str(&piece);
        out.push_str(trail);
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn math(inner: &str) -> String {
        let xml = format!("<m:oMath xmlns:m=\"{MATH}\">{inner}</m:oMath>");
        let doc = Document::parse(&xml).unwrap();
        math_text(doc.root_element())
    }

    #[test]
    fn equations_read_as_typed() {
        let r = |t: &str| format!("<m:r><m:t>{t}</m:t></m:r>");
        let frac = |n: &str, d: &str| format!("<m:f><m:num>{n}</m:num><m:den>{d}</m:den></m:f>");
        assert_eq!(math(&frac(&r("a"), &r("b"))), "a/b");
        assert_eq!(math(&frac(&r("a+b"), &r("c+d"))), "(a+b)/(c+d)");
        let sup = format!(
            "<m:sSup><m:e>{}</m:e><m:sup>{}</m:sup></m:sSup>",
            r("x"),
            r("2")
        );
        assert_eq!(math(&sup), "x^2");
        let root = format!("<m:rad><m:deg/><m:e>{}</m:e></m:rad>", r("x+1"));
        assert_eq!(math(&root), "√(x+1)");
    }

    #[test]
    fn symbols_become_the_characters_they_show() {
        assert_eq!(symbol("Wingdings", "F0FC"), "✓");
        assert_eq!(symbol("Symbol", "F061"), "α");
        assert_eq!(symbol("Symbol", "F0B3"), "≥");
        assert_eq!(symbol("Arial", "2192"), "→");
        assert_eq!(symbol("Unknown", "F041"), "\u{f041}");
        assert_eq!(symbol("Symbol", "zz"), "");
    }
}
