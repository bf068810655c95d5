//! `--reference-doc`: the styles of the user's own Word file, so the submission comes out in
//! their house style. Their `styles.xml` replaces ours; each of our styles they lack is added,
//! and where they have the same style under another id (a localised Word names "heading 1"
//! `berschrift1`) our paragraphs use their id.

use std::io::{Cursor, Read};
use std::ops::Range;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;

use crate::error::Error;

/// The most a styles part may inflate to: real ones are well under a megabyte.
const MAX_STYLES_BYTES: u64 = 16 << 20;

/// Reads `word/styles.xml` out of a Word file, defensively.
pub fn read_styles(path: &Path) -> Result<Vec<u8>, Error> {
    let bad = |why: String| Error::Usage {
        message: format!(
            "cannot use `{}` as a reference document: {why}",
            path.display()
        ),
        help: "give a .docx file saved by Word or LibreOffice (File > Save As > Word Document)"
            .into(),
    };
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("not a Word file ({e})")))?;
    let entry = archive
        .by_name("word/styles.xml")
        .map_err(|_| bad("it has no styles part".into()))?;
    let mut out = Vec::new();
    entry
        .take(MAX_STYLES_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|e| bad(e.to_string()))?;
    if out.len() as u64 > MAX_STYLES_BYTES {
        return Err(bad("its styles part is implausibly large".into()));
    }
    styles_of(&out).map_err(|e| bad(format!("its styles part is not valid XML ({e})")))?;
    Ok(out)
}

struct StyleEntry {
    id: String,
    name: Option<String>,
    range: Range<usize>,
}

fn styles_of(xml: &[u8]) -> Result<Vec<StyleEntry>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut current: Option<(String, usize)> = None;
    let mut name = None;
    let mut depth = 0usize;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match &event {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let is_start = matches!(event, Event::Start(_));
                if e.name().as_ref() == "w:style" && current.is_none() {
                    let id = e
                        .try_get_attribute("w:styleId")
                        .map_err(|e| e.to_string())?
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        })
                        .unwrap_or_default();
                    if is_start {
                        current = Some((id, before));
                        depth = 1;
                        name = None;
                    }
                    continue;
                }
                if current.is_some() {
                    if e.name().as_ref() == "w:name" && depth == 1 {
                        name = e
                            .try_get_attribute("w:val")
                            .map_err(|e| e.to_string())?
                            .and_then(|a| {
                                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                    .ok()
                                    .map(|v| v.into_owned())
                            });
                    }
                    if is_start {
                        depth += 1;
                    }
                }
            }
            Event::End(e) if current.is_some() => {
                depth -= 1;
                if depth == 0 && e.name().as_ref() == "w:style" {
                    let (id, start) = current.take().unwrap_or_default();
                    out.push(StyleEntry {
                        id,
                        name: name.take(),
                        range: start..reader.buffer_position() as usize,
                    });
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Style ids to rename: (ours, the reference document's).
pub type Renames = Vec<(String, String)>;

/// Their styles with ours added where missing, and the renames to apply.
pub fn merge_styles(our_package: &[u8], theirs: &[u8]) -> Result<(Vec<u8>, Renames), Error> {
    let fail = |e: String| Error::Usage {
        message: format!("could not merge the reference document's styles: {e}"),
        help: "try without --reference-doc".into(),
    };
    let mut archive =
        zip::ZipArchive::new(Cursor::new(our_package)).map_err(|e| fail(e.to_string()))?;
    let mut ours = Vec::new();
    archive
        .by_name("word/styles.xml")
        .map_err(|e| fail(e.to_string()))?
        .read_to_end(&mut ours)
        .map_err(|e| fail(e.to_string()))?;
    let our_styles = styles_of(&ours).map_err(fail)?;
    let their_styles = styles_of(theirs).map_err(fail)?;
    let mut merged = String::from_utf8_lossy(theirs).into_owned();
    let close = merged
        .rfind("</w:styles>")
        .ok_or_else(|| fail("no </w:styles>".into()))?;
    let mut added = String::new();
    let mut renames = Vec::new();
    for s in &our_styles {
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
            None => added.push_str(&String::from_utf8_lossy(&ours[s.range.clone()])),
        }
    }
    merged.insert_str(close, &added);
    Ok((merged.into_bytes(), renames))
}

/// Applies style renames to a part's paragraph and run style references.
pub fn rename_in(part: &[u8], renames: &[(String, String)]) -> Vec<u8> {
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
