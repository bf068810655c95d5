//! The Word package: docx-rs's parts with the body put in, and what docx-rs cannot do itself.
//!
//! The XML of docx-rs's parts is changed only where it offers no other way:
//! - the body, footnotes and comments go into the parts it wrote empty;
//! - property elements it writes out of the schema's order are put in order ([`schema`]);
//! - "Normal" is marked as the default paragraph style, and footnote settings are declared;
//! - the core properties (title, author, dates) are ours: it has no setter for them;
//! - with a reference document, its styles part replaces ours and style ids in the body and
//!   footnotes are renamed to its own (`reference.rs`);
//! - links inside footnotes get their relationships part, which it does not write;
//! - its parts are stored uncompressed, so the package is re-packed with deflate.

use std::io::{Cursor, Write};

use docx_rs::{BuildXML, Docx, LevelOverride, Numbering};
use zip::write::SimpleFileOptions;

use super::convert::Body;
use super::styles::DECIMAL_ABSTRACT;
use super::wml::{self, attr};
use super::{reference, schema};
use crate::error::Error;

/// Who and when, for the document properties.
pub(super) struct About<'a> {
    pub title: &'a str,
    pub author: &'a str,
    /// W3CDTF, for the created and modified dates.
    pub timestamp: &'a str,
    /// The submission's language, a BCP 47 tag.
    pub language: &'a str,
}

/// The finished package: `doc` (the skeleton) around `body`, with the styles of a reference
/// document when there is one.
pub(super) fn assemble(
    mut doc: Docx,
    mut body: Body,
    about: &About,
    reference: Option<&[u8]>,
) -> Result<Vec<u8>, Error> {
    body.finish();
    if body.has_numbering {
        doc.document_rels.has_numberings = true;
        doc.document.has_numbering = true;
    }
    for &(id, level, start) in &body.numberings {
        doc = doc.add_numbering(
            Numbering::new(id, DECIMAL_ABSTRACT)
                .add_override(LevelOverride::new(level).start(start)),
        );
    }
    for (rid, url) in &body.body_links {
        doc.document_rels
            .hyperlinks
            .push((rid.clone(), url.clone(), "External".to_string()));
    }
    let has_notes = !body.footnotes.is_empty();
    if has_notes {
        doc.content_type = std::mem::take(&mut doc.content_type).add_footnotes();
        doc.document_rels.has_footnotes = true;
    }
    if !body.comments.is_empty() {
        doc.document_rels.has_comments = true;
    }
    let mut parts = doc.build();
    parts.doc_props.core = core_xml(about).into_bytes();

    let document = reorder("document.xml", &parts.document)?;
    let open = b"<w:body>";
    let at = (document.windows(open.len()).position(|w| w == open))
        .ok_or_else(|| bug("docx-rs wrote no <w:body>".into()))?
        + open.len();
    parts.document = [&document[..at], body.xml.as_bytes(), &document[at..]].concat();
    if has_notes {
        let notes = [wml::FOOTNOTE_SEPARATORS, &body.footnotes];
        parts.footnotes = fill(&docx_rs::Footnotes::new().build(), "w:footnotes", &notes)?;
        let settings = String::from_utf8_lossy(&parts.settings).replacen(
            "<w:compat>",
            r#"<w:footnotePr><w:footnote w:id="-1" /><w:footnote w:id="0" /></w:footnotePr><w:compat>"#,
            1,
        );
        parts.settings = settings.into_bytes();
    }
    if !body.comments.is_empty() {
        parts.comments = fill(
            &docx_rs::Comments::new().build(),
            "w:comments",
            &[&body.comments],
        )?;
    }
    match reference {
        Some(theirs) => reference::apply(&mut parts, theirs)?,
        None => {
            let styles = String::from_utf8_lossy(&parts.styles).replacen(
                r#"<w:style w:type="paragraph" w:styleId="Normal">"#,
                r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#,
                1,
            );
            parts.styles = styles.into_bytes();
        }
    }
    let styles = with_language(&String::from_utf8_lossy(&parts.styles), about.language);
    parts.styles = reorder("styles.xml", styles.as_bytes())?;
    parts.settings = reorder("settings.xml", &parts.settings)?;
    parts.numberings = reorder("numbering.xml", &parts.numberings)?;
    for part in parts.headers.iter_mut().chain(parts.footers.iter_mut()) {
        *part = reorder("a header or footer", part)?;
    }

    let mut stored = Cursor::new(Vec::new());
    parts.pack(&mut stored).map_err(|e| bug(e.to_string()))?;
    deflate(&stored.into_inner(), &body.footnote_links).map_err(|e| bug(e.to_string()))
}

/// The package docx-rs stored, re-packed with deflate, with the relationships of the links
/// inside footnotes added.
fn deflate(stored: &[u8], footnote_links: &[(String, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed timestamp inside the archive keeps builds of the same text byte-identical.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default());
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        if entry.is_dir() {
            continue;
        }
        out.start_file(entry.name().to_string(), options)?;
        std::io::copy(&mut entry, &mut out)?;
    }
    if !footnote_links.is_empty() {
        out.start_file("word/_rels/footnotes.xml.rels", options)?;
        out.write_all(footnote_rels(footnote_links).as_bytes())?;
    }
    Ok(out.finish()?.into_inner())
}

/// A part with its property elements in schema order.
fn reorder(name: &str, xml: &[u8]) -> Result<Vec<u8>, Error> {
    schema::reorder(xml).map_err(|e| bug(format!("{name}: {e}")))
}

/// An empty element docx-rs wrote (`<w:footnotes …/>`), with `children` put inside it.
fn fill(empty: &[u8], tag: &str, children: &[&str]) -> Result<Vec<u8>, Error> {
    let text = String::from_utf8_lossy(empty);
    let text = text.trim_end();
    let open = match text.strip_suffix("/>") {
        Some(open) => format!("{}>", open.trim_end()),
        None => text
            .strip_suffix(&format!("</{tag}>"))
            .ok_or_else(|| bug(format!("docx-rs wrote no <{tag}>")))?
            .to_string(),
    };
    Ok(format!("{open}{}</{tag}>", children.concat()).into_bytes())
}

/// An error in putting the package together: jointly's own.
fn bug(e: String) -> Error {
    Error::Usage {
        message: format!("could not assemble the Word document: {e}"),
        help: "this is a bug in jointly; please report it with the input that caused it".into(),
    }
}

fn core_xml(about: &About) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{t}</dc:title><dc:creator>{a}</dc:creator><cp:lastModifiedBy>{a}</cp:lastModifiedBy><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{d}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{d}</dcterms:modified><dc:language>{l}</dc:language></cp:coreProperties>"#,
        l = attr(about.language),
        t = attr(about.title),
        a = attr(about.author),
        d = attr(about.timestamp)
    )
}

/// The styles with the document's language on their defaults, so that Word and LibreOffice
/// check spelling and hyphenate in it; a right-to-left language makes paragraphs right to left
/// by default too. docx-rs has no setting for either.
fn with_language(styles: &str, language: &str) -> String {
    let right_to_left = crate::labels::is_right_to_left(language);
    let tag = word_language(language);
    // Latin text in an Arabic or Chinese document is most often English.
    let lang = match crate::labels::primary_subtag(language).as_str() {
        _ if right_to_left => format!(r#"<w:lang w:val="en-GB" w:bidi="{}"/>"#, attr(&tag)),
        "zh" | "ja" | "ko" => format!(r#"<w:lang w:val="en-GB" w:eastAsia="{}"/>"#, attr(&tag)),
        _ => format!(r#"<w:lang w:val="{}"/>"#, attr(&tag)),
    };
    let Some(defaults) = styles.find("<w:docDefaults>") else {
        return styles.to_string();
    };
    let mut out = styles.to_string();
    // A reference document's own language gives way to the submission's.
    if let Some(start) = out[defaults..].find("<w:lang ").map(|i| i + defaults)
        && let Some(end) = out[start..].find("/>").map(|i| start + i + 2)
    {
        out.replace_range(start..end, "");
    }
    for (open, insert) in [
        ("<w:rPrDefault>", Some(lang.as_str())),
        ("<w:pPrDefault>", right_to_left.then_some("<w:bidi/>")),
    ] {
        let (open_props, props) = match open {
            "<w:rPrDefault>" => ("<w:rPr>", "w:rPr"),
            _ => ("<w:pPr>", "w:pPr"),
        };
        let Some(insert) = insert else { continue };
        let Some(at) = out[defaults..]
            .find(open)
            .map(|i| i + defaults + open.len())
        else {
            let close = "</w:docDefaults>";
            if let Some(end) = out.find(close) {
                let wrapper = &open[1..open.len() - 1];
                out.insert_str(
                    end,
                    &format!("<{wrapper}><{props}>{insert}</{props}></{wrapper}>"),
                );
            }
            continue;
        };
        if out[at..].starts_with(open_props) {
            out.insert_str(at + open_props.len(), insert);
        } else if out[at..].starts_with(&format!("<{props} />"))
            || out[at..].starts_with(&format!("<{props}/>"))
        {
            let end = at + out[at..].find("/>").unwrap_or(0) + 2;
            out.replace_range(at..end, &format!("<{props}>{insert}</{props}>"));
        } else {
            out.insert_str(at, &format!("<{props}>{insert}</{props}>"));
        }
    }
    out
}

/// The language as Word names it: a region added where the tag has none (`fr` is `fr-FR`),
/// since Word's proofing tools are chosen by language and region.
fn word_language(language: &str) -> String {
    let mut parts = language.split('-');
    let primary = parts.next().unwrap_or("en").to_ascii_lowercase();
    let rest: Vec<&str> = parts.collect();
    let region = rest
        .iter()
        .find(|p| p.len() == 2 || (p.len() == 3 && p.chars().all(|c| c.is_ascii_digit())));
    let script = rest
        .iter()
        .find(|p| p.len() == 4)
        .map(|s| s.to_ascii_lowercase());
    let region = match (region, primary.as_str(), script.as_deref()) {
        (Some(r), _, _) => r.to_ascii_uppercase(),
        (None, "zh", Some("hant")) => "TW".into(),
        (None, "ar", _) => "SA".into(),
        (None, "en", _) => "GB".into(),
        (None, "zh", _) => "CN".into(),
        (None, "ja", _) => "JP".into(),
        (None, "ko", _) => "KR".into(),
        (None, "fa", _) => "IR".into(),
        (None, "he", _) => "IL".into(),
        (None, "ur", _) => "PK".into(),
        (None, p, _) => p.to_ascii_uppercase(),
    };
    format!("{primary}-{region}")
}

fn footnote_rels(links: &[(String, String)]) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    );
    for (id, url) in links {
        out.push_str(&format!(
            r#"<Relationship Id="{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{}" TargetMode="External"/>"#,
            attr(id),
            attr(url)
        ));
    }
    out.push_str("</Relationships>");
    out
}
