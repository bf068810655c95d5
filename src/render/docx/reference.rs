//! `--reference-doc`: the styles of the user's own Word file, so the submission comes out in
//! their house style. Their `styles.xml` replaces ours; each of our styles they lack is added,
//! and where they have the same style under another id (a localised Word names "heading 1"
//! `berschrift1`) our paragraphs use their id.

use std::io::{Cursor, Read};
use std::ops::Range;

use docx_rs::XMLDocx;
use roxmltree::{Document, Node};

use crate::error::Error;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The most a styles part may inflate to: real ones are well under a megabyte.
const MAX_STYLES_BYTES: u64 = 16 << 20;

/// The styles part of a Word file's bytes, read defensively; `Err` says why it cannot serve
/// as a reference document.
pub(crate) fn styles_of(docx: &[u8]) -> Result<Reference, String> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| format!("not a Word file ({e})"))?;
    let styles = part(&mut archive, "word/styles.xml", "styles")?
        .ok_or_else(|| "it has no styles part".to_string())?;
    // Its theme carries the theme fonts its styles name ("+Body"): without it they are lost.
    let theme = part(&mut archive, "word/theme/theme1.xml", "theme")?;
    Ok(Reference { styles, theme })
}

/// What jointly takes from a reference document.
#[derive(Debug, Clone)]
pub struct Reference {
    /// Its `word/styles.xml`.
    pub styles: Vec<u8>,
    /// Its `word/theme/theme1.xml`, when it has one.
    pub theme: Option<Vec<u8>>,
}

/// One XML part of a reference document, read within bounds and checked to be XML; `None`
/// when the document has no such part.
fn part(
    archive: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
    what: &str,
) -> Result<Option<Vec<u8>>, String> {
    let Ok(entry) = archive.by_name(name) else {
        return Ok(None);
    };
    let mut out = Vec::new();
    entry
        .take(MAX_STYLES_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| e.to_string())?;
    if out.len() as u64 > MAX_STYLES_BYTES {
        return Err(format!("its {what} part is implausibly large"));
    }
    let text =
        std::str::from_utf8(&out).map_err(|_| format!("its {what} part is not UTF-8 XML"))?;
    Document::parse(text).map_err(|e| format!("its {what} part is not valid XML ({e})"))?;
    Ok(Some(out))
}

/// One `<w:style>` of a styles part.
struct StyleEntry {
    id: String,
    name: Option<String>,
    /// Where it is in the part's text.
    range: Range<usize>,
}

fn styles(doc: &Document) -> Vec<StyleEntry> {
    let is = |node: &Node, name: &str| node.tag_name().name() == name;
    doc.root_element()
        .children()
        .filter(|n| is(n, "style"))
        .map(|style| StyleEntry {
            id: style
                .attribute((W, "styleId"))
                .unwrap_or_default()
                .to_string(),
            name: style
                .children()
                .find(|n| is(n, "name"))
                .and_then(|n| n.attribute((W, "val")))
                .map(str::to_string),
            range: style.range(),
        })
        .collect()
}

/// Gives the package `theirs` (a reference document's styles part), with ours added where
/// they lack them, and renames style references in the body and footnotes to their ids.
pub(super) fn apply(parts: &mut XMLDocx, theirs: &[u8]) -> Result<(), Error> {
    let fail = |e: String| Error::Usage {
        message: format!("could not merge the reference document's styles: {e}"),
        help: "try without --reference-doc".into(),
    };
    let parse = |xml| {
        let text = std::str::from_utf8(xml).map_err(|e| fail(e.to_string()))?;
        Ok::<_, Error>((
            text,
            Document::parse(text).map_err(|e| fail(e.to_string()))?,
        ))
    };
    let ours = std::mem::take(&mut parts.styles);
    let (our_text, our_doc) = parse(&ours)?;
    let (their_text, their_doc) = parse(theirs)?;
    let their_styles = styles(&their_doc);
    let close = their_text
        .rfind("</w:styles>")
        .ok_or_else(|| fail("no </w:styles>".into()))?;
    let mut added = String::new();
    let mut renames = Vec::new();
    for s in styles(&our_doc) {
        if their_styles.iter().any(|t| t.id == s.id) {
            continue;
        }
        let same_name = s.name.as_deref().and_then(|n| {
            their_styles.iter().find(|t| {
                t.name
                    .as_deref()
                    .is_some_and(|tn| tn.eq_ignore_ascii_case(n))
            })
        });
        match same_name {
            Some(t) => renames.push((s.id.clone(), t.id.clone())),
            None => added.push_str(&our_text[s.range.clone()]),
        }
    }
    parts.styles = [&their_text[..close], &added, &their_text[close..]]
        .concat()
        .into_bytes();
    parts.document = rename_in(&parts.document, &renames);
    parts.footnotes = rename_in(&parts.footnotes, &renames);
    // A house style's own style for body text (pandoc's reference document has "Body Text"
    // and "First Paragraph") is what its documents' paragraphs use: so do ours.
    let named = |name: &str| {
        (their_styles.iter())
            .find(|t| {
                t.name
                    .as_deref()
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
            })
            .map(|t| t.id.clone())
    };
    if let Some(body) = named("Body Text") {
        let first = named("First Paragraph").unwrap_or_else(|| body.clone());
        let heading_ids: Vec<String> = (their_styles.iter())
            .filter(|t| {
                t.name.as_deref().is_some_and(|n| {
                    let n = n.to_ascii_lowercase();
                    n.starts_with("heading") || n == "title"
                })
            })
            .map(|t| t.id.clone())
            .collect();
        let document = String::from_utf8_lossy(&parts.document);
        parts.document = with_body_text(&document, &body, &first, &heading_ids).into_bytes();
    }
    Ok(())
}

/// Gives every paragraph without a style the body text style, `first` right after a heading.
/// jointly writes each paragraph as `<w:p>` with its properties first, so the paragraphs
/// are found by that.
fn with_body_text(document: &str, body: &str, first: &str, headings: &[String]) -> String {
    let mut out = String::with_capacity(document.len() + document.len() / 8);
    let mut rest = document;
    let mut after_heading = false;
    while let Some(at) = rest.find("<w:p>") {
        out.push_str(&rest[..at + "<w:p>".len()]);
        rest = &rest[at + "<w:p>".len()..];
        let styled = rest.starts_with("<w:pPr><w:pStyle ");
        if styled {
            let value = rest["<w:pPr><w:pStyle ".len()..]
                .split('"')
                .nth(1)
                .unwrap_or_default();
            after_heading = headings.iter().any(|h| h == value);
            continue;
        }
        let style = if after_heading { first } else { body };
        after_heading = false;
        let pstyle = format!(r#"<w:pStyle w:val="{}"/>"#, super::wml::attr(style));
        match rest.strip_prefix("<w:pPr>") {
            Some(props) => {
                out.push_str("<w:pPr>");
                out.push_str(&pstyle);
                rest = props;
            }
            None => out.push_str(&format!("<w:pPr>{pstyle}</w:pPr>")),
        }
    }
    out.push_str(rest);
    out
}

/// Applies style renames to a part's paragraph and run style references.
fn rename_in(part: &[u8], renames: &[(String, String)]) -> Vec<u8> {
    let mut text = String::from_utf8_lossy(part).into_owned();
    for (from, to) in renames {
        for tag in ["w:pStyle", "w:rStyle"] {
            text = text.replace(
                &format!("<{tag} w:val=\"{from}\""),
                &format!("<{tag} w:val=\"{to}\""),
            );
        }
    }
    text.into_bytes()
}
