//! The Word package: docx-rs's parts with the body put in, and what docx-rs cannot do itself.
//!
//! The XML of docx-rs's parts is changed only where it offers no other way:
//! - the body, footnotes and comments go into the parts it wrote empty;
//! - property elements it writes out of the schema's order are put in order ([`schema`]);
//! - "Normal" is marked as the default paragraph style, List Paragraph gets contextual
//!   spacing, and footnote settings are declared;
//! - the core properties (title, author, dates) are ours: it has no setter for them;
//! - with a reference document, its styles part replaces ours and style ids in the body and
//!   footnotes are renamed to its own (`reference.rs`);
//! - links inside footnotes get their relationships part, which it does not write;
//! - run properties it puts inside the paragraph properties of styles and list levels, which
//!   the schema does not allow there, are dropped, and so are list definitions nothing uses;
//! - its parts are stored uncompressed, so the package is re-packed with deflate; on the way,
//!   every part gets an XML declaration, a theme is added (the reference document's, or
//!   jointly's own), and the parts a document does not use (an empty comments part, the
//!   comment extensions, whose namespace docx-rs gets wrong) are left out.

use std::io::{Cursor, Read, Write};

use docx_rs::{BuildXML, Docx, LevelOverride, Numbering};
use zip::write::SimpleFileOptions;

use super::convert::Body;
use super::styles::DECIMAL_ABSTRACT;
use super::wml::{self, attr};
use super::{Reference, reference, schema};
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
    reference: Option<&Reference>,
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
        Some(theirs) => reference::apply(&mut parts, &theirs.styles)?,
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
    let styles = if reference.is_none() {
        contextual_lists(&styles)
    } else {
        styles
    };
    let styles = reorder("styles.xml", styles.as_bytes())?;
    parts.styles = without_mark_properties(&String::from_utf8_lossy(&styles)).into_bytes();
    parts.settings = reorder("settings.xml", &parts.settings)?;
    let used = [&body.xml, &body.footnotes, &body.comments];
    let numbering = used_numbering(&String::from_utf8_lossy(&parts.numberings), &used);
    let numbering = reorder("numbering.xml", numbering.as_bytes())?;
    parts.numberings = without_mark_properties(&String::from_utf8_lossy(&numbering)).into_bytes();
    for part in parts.headers.iter_mut().chain(parts.footers.iter_mut()) {
        *part = reorder("a header or footer", part)?;
    }

    let mut stored = Cursor::new(Vec::new());
    parts.pack(&mut stored).map_err(|e| bug(e.to_string()))?;
    let extra = Extra {
        footnote_links: &body.footnote_links,
        has_comments: !body.comments.is_empty(),
        theme: reference
            .and_then(|r| r.theme.as_deref())
            .unwrap_or(THEME.as_bytes()),
    };
    deflate(&stored.into_inner(), &extra).map_err(|e| bug(e.to_string()))
}

/// What the re-packed package adds to docx-rs's, or leaves out.
struct Extra<'a> {
    /// The relationships of links inside footnotes, which docx-rs does not write.
    footnote_links: &'a [(String, String)],
    /// False for a copy without comments: its empty comments part is left out.
    has_comments: bool,
    /// The theme: the reference document's, or jointly's own.
    theme: &'a [u8],
}

/// A theme for the theme fonts and colours a house style may name; jointly's own styles name
/// their fonts themselves.
const THEME: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements><a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="1F3864"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="2F5496"/></a:accent1><a:accent2><a:srgbClr val="ED7D31"/></a:accent2><a:accent3><a:srgbClr val="A5A5A5"/></a:accent3><a:accent4><a:srgbClr val="FFC000"/></a:accent4><a:accent5><a:srgbClr val="5B9BD5"/></a:accent5><a:accent6><a:srgbClr val="70AD47"/></a:accent6><a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme><a:fontScheme name="Office"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>"#;

/// List Paragraph with contextual spacing: no space between the items of a list, the
/// normal space after it. docx-rs has no setting for it.
fn contextual_lists(styles: &str) -> String {
    let open = r#"w:styleId="ListParagraph">"#;
    let Some(style) = styles.find(open) else {
        return styles.to_string();
    };
    let Some(props) = styles[style..]
        .find("<w:pPr>")
        .map(|i| style + i + "<w:pPr>".len())
    else {
        return styles.to_string();
    };
    let mut out = styles.to_string();
    out.insert_str(props, "<w:contextualSpacing/>");
    out
}

/// Run properties inside the paragraph properties of a style, a list level or the defaults,
/// which the schema does not allow there (docx-rs writes an empty one, which the schema
/// order puts last).
fn without_mark_properties(xml: &str) -> String {
    xml.replace("<w:rPr /></w:pPr>", "</w:pPr>")
        .replace("<w:rPr/></w:pPr>", "</w:pPr>")
}

/// The numbering part with only the lists the document uses (`used`: the XML of the body,
/// footnotes and comments) and the list definitions they need.
fn used_numbering(numbering: &str, used: &[&String]) -> String {
    let referenced = |id: &str| {
        let needle = format!(r#"<w:numId w:val="{id}"/>"#);
        used.iter().any(|xml| xml.contains(&needle))
    };
    let mut out = numbering.to_string();
    let mut abstracts: Vec<String> = Vec::new();
    // Each `<w:num w:numId="N">…</w:num>`: kept when used, its definition noted.
    let mut at = 0;
    while let Some(start) = out[at..].find("<w:num ").map(|i| at + i) {
        let Some(end) = out[start..]
            .find("</w:num>")
            .map(|i| start + i + "</w:num>".len())
        else {
            break;
        };
        let element = &out[start..end];
        let id = attribute(element, "w:numId");
        if id.as_deref().is_some_and(referenced) {
            if let Some(a) = element
                .find("<w:abstractNumId ")
                .and_then(|i| attribute(&element[i..], "w:val"))
            {
                abstracts.push(a);
            }
            at = end;
        } else {
            out.replace_range(start..end, "");
            at = start;
        }
    }
    let mut at = 0;
    while let Some(start) = out[at..].find("<w:abstractNum ").map(|i| at + i) {
        let close = "</w:abstractNum>";
        let Some(end) = out[start..].find(close).map(|i| start + i + close.len()) else {
            break;
        };
        let id = attribute(&out[start..end], "w:abstractNumId");
        if id.is_some_and(|id| abstracts.contains(&id)) {
            at = end;
        } else {
            out.replace_range(start..end, "");
            at = start;
        }
    }
    out
}

/// `xml` without the empty elements starting `open` that hold `mark` (a part's name).
fn drop_element(xml: &str, open: &str, mark: &str) -> String {
    let mut out = xml.to_string();
    let mut at = 0;
    while let Some(start) = out[at..].find(open).map(|i| at + i) {
        let Some(end) = out[start..].find("/>").map(|i| start + i + 2) else {
            break;
        };
        if out[start..end].contains(mark) {
            out.replace_range(start..end, "");
            at = start;
        } else {
            at = end;
        }
    }
    out
}

/// The value of the first `name="…"` attribute in `element`.
fn attribute(element: &str, name: &str) -> Option<String> {
    let key = format!(r#"{name}=""#);
    let start = element.find(&key)? + key.len();
    let end = start + element[start..].find('"')?;
    Some(element[start..end].to_string())
}

/// The package docx-rs stored, re-packed with deflate: every part starts with an XML
/// declaration, the relationships of links inside footnotes and the theme are added, and the
/// parts a document does not use (an empty comments part, docx-rs's comment extensions) are
/// left out.
fn deflate(stored: &[u8], extra: &Extra) -> zip::result::ZipResult<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // A fixed timestamp inside the archive keeps builds of the same text byte-identical.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(zip::DateTime::default());
    const THEME_PART: &str = "word/theme/theme1.xml";
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i)?;
        let name = entry.name().to_string();
        let unused = name == "word/commentsExtended.xml"
            || (name == "word/comments.xml" && !extra.has_comments);
        if entry.is_dir() || unused {
            continue;
        }
        let mut text = String::new();
        entry.read_to_string(&mut text)?;
        if !text.starts_with("<?xml") {
            text.insert_str(
                0,
                "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n",
            );
        }
        let text = match name.as_str() {
            "[Content_Types].xml" => {
                let mut types = drop_element(&text, "<Override ", "/word/commentsExtended.xml");
                if !extra.has_comments {
                    types = drop_element(&types, "<Override ", "/word/comments.xml");
                }
                types.replacen("</Types>", &format!(r#"<Override PartName="/{THEME_PART}" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>"#), 1)
            }
            "word/_rels/document.xml.rels" => {
                let mut rels = drop_element(&text, "<Relationship ", "commentsExtended.xml");
                if !extra.has_comments {
                    rels = drop_element(&rels, "<Relationship ", "\"comments.xml\"");
                }
                rels.replacen("</Relationships>", r#"<Relationship Id="rIdTheme1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/></Relationships>"#, 1)
            }
            _ => text,
        };
        out.start_file(name, options)?;
        out.write_all(text.as_bytes())?;
    }
    out.start_file(THEME_PART, options)?;
    out.write_all(extra.theme)?;
    if !extra.footnote_links.is_empty() {
        out.start_file("word/_rels/footnotes.xml.rels", options)?;
        out.write_all(footnote_rels(extra.footnote_links).as_bytes())?;
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
    set_default(&mut out, defaults, "w:rPrDefault", "w:rPr", &lang);
    if right_to_left {
        set_default(&mut out, defaults, "w:pPrDefault", "w:pPr", "<w:bidi/>");
    }
    out
}

/// Puts `insert` into the properties (`props`) of one of the defaults (`wrapper`) of a styles
/// part whose `<w:docDefaults>` starts at `defaults`, making either when it is missing or
/// written empty.
fn set_default(out: &mut String, defaults: usize, wrapper: &str, props: &str, insert: &str) {
    let open = format!("<{wrapper}>");
    // After the wrapper's start tag and any whitespace a pretty-printed file has there.
    let after_open = out[defaults..]
        .find(&open)
        .map(|i| i + defaults + open.len());
    let Some(at) = after_open.map(|at| at + (out[at..].len() - out[at..].trim_start().len()))
    else {
        if let Some(end) = out.find("</w:docDefaults>") {
            let made = format!("<{wrapper}><{props}>{insert}</{props}></{wrapper}>");
            out.insert_str(end, &made);
        }
        return;
    };
    let open_props = format!("<{props}>");
    if out[at..].starts_with(&open_props) {
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
