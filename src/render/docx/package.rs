//! Finishing the package docx-rs writes: what it cannot do itself.
//!
//! - re-pack every part with deflate (docx-rs stores them uncompressed);
//! - put property elements in schema order ([`super::schema`]);
//! - write our own core properties (title, author, dates);
//! - put in the body, footnotes and comments written by [`super::wml`], and the relationships
//!   of links inside footnotes, which docx-rs leaves out;
//! - mark "Normal" as the default paragraph style.

use std::io::{self, BufWriter, Cursor, Read, Seek, Write};

use zip::write::SimpleFileOptions;

use super::wml::attr;

/// What the package needs that docx-rs does not know.
pub struct Finish<'a> {
    /// dc:title.
    pub title: &'a str,
    /// dc:creator and lastModifiedBy.
    pub author: &'a str,
    /// W3CDTF timestamp for created and modified.
    pub timestamp: &'a str,
    /// The package docx-rs wrote, and what goes into it besides the body.
    pub around: Around,
    /// The body's paragraphs, to put inside `<w:body>`.
    pub body: Body<'a>,
    /// A large body's stretches, already deflated ([`deflate_body`]).
    pub body_deflated: Option<DeflatedBody>,
}

/// The package docx-rs wrote around the body, with the parts and details jointly writes itself.
pub struct Around {
    /// The package, as docx-rs wrote it.
    pub package: Vec<u8>,
    /// External links inside footnotes: relationship id and URL.
    pub footnote_links: Vec<(String, String)>,
    /// Replacement styles part (from `--reference-doc`), already merged with ours.
    pub styles: Option<Vec<u8>>,
    /// Style ids to rename in the content (ours, the reference document's).
    pub renames: Vec<(String, String)>,
    /// footnotes.xml, when there are footnotes (already in schema order).
    pub footnotes: Option<Vec<u8>>,
    /// comments.xml, when there are comments.
    pub comments: Option<Vec<u8>>,
}

/// The body's paragraphs: written out in stretches (one per chunk: the title and signatories,
/// each question, the annex), straight into the package. At 1,000 organisations they are 7 MB,
/// and a large body's stretches are compressed side by side ([`put_side_by_side`]).
#[derive(Clone, Copy)]
pub struct Body<'a> {
    /// How many bytes the stretches make, about (ids come out a digit or so longer or shorter
    /// than their markers).
    pub len: usize,
    /// How many stretches there are.
    pub stretches: usize,
    /// Writes stretch `i`.
    pub write: &'a (dyn Fn(usize, &mut dyn Write) -> io::Result<()> + Sync),
}

impl Body<'_> {
    fn write_all(&self, out: &mut dyn Write) -> io::Result<()> {
        (0..self.stretches).try_for_each(|i| (self.write)(i, out))
    }
}

/// Parts docx-rs writes whose property elements are reordered (and document.xml, before the
/// body goes in: [`super::wml`] writes the body, footnotes and comments in order).
const ORDERED_PARTS: &[&str] = &["word/styles.xml", "word/numbering.xml", "word/settings.xml"];

/// Deflate level for parts up to [`LARGE_PART`] bytes: zlib's default, the smallest file for
/// a time that does not show.
const SMALL_PART_LEVEL: i64 = 6;
/// Parts larger than this (the body, footnotes and links of a coalition of hundreds) use
/// [`LARGE_PART_LEVEL`]. The example's largest part is 40 KB.
const LARGE_PART: usize = 256 << 10;
/// Level 1, the fastest (the benchmark's floor uses `gzip -1`), packs a 7 MB body in a sixth
/// of the time of level 6 for a file two thirds larger (1,000 organisations: 12 instead of
/// 74 ms, 1.0 MB instead of 610 KB; level 3 took 30 ms for 750 KB; pandoc's file for the same
/// text is 650 KB).
const LARGE_PART_LEVEL: u32 = 1;

/// Re-packs the package docx-rs wrote into the final document.
pub fn finish(f: &Finish) -> Result<Vec<u8>, String> {
    let raw = &f.around.package;
    let mut archive =
        zip::ZipArchive::new(Cursor::new(raw.as_slice())).map_err(|e| e.to_string())?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(raw.len() / 3)));
    // A fixed timestamp inside the archive keeps builds of the same text byte-identical.
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(SMALL_PART_LEVEL))
        .last_modified_time(zip::DateTime::default());
    let has_notes = f.around.footnotes.is_some();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|e| e.to_string())?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        let mut data = Vec::with_capacity(entry.size() as usize);
        entry.read_to_end(&mut data).map_err(|e| e.to_string())?;
        let reorder =
            |data: &[u8]| super::schema::reorder(data).map_err(|e| format!("{name}: {e}"));
        // The body goes in as it is written out, not copied into the part first: at 1,000
        // organisations it is 7 MB.
        let mut body = None;
        let mut data = match name.as_str() {
            "docProps/core.xml" => core_xml(f.title, f.author, f.timestamp).into_bytes(),
            "word/document.xml" => {
                body = Some(&f.body);
                reorder(&data)?
            }
            "word/footnotes.xml" => f.around.footnotes.clone().unwrap_or(data),
            "word/comments.xml" => f.around.comments.clone().unwrap_or(data),
            "word/settings.xml" if has_notes => replace_once(
                &data,
                "<w:compat>",
                r#"<w:footnotePr><w:footnote w:id="-1" /><w:footnote w:id="0" /></w:footnotePr><w:compat>"#,
            ),
            "word/styles.xml" => match &f.around.styles {
                Some(styles) => styles.clone(),
                None => replace_once(
                    &data,
                    r#"<w:style w:type="paragraph" w:styleId="Normal">"#,
                    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#,
                ),
            },
            _ => data,
        };
        data = if ORDERED_PARTS.contains(&name.as_str())
            || (name.starts_with("word/header") || name.starts_with("word/footer"))
                && !name.ends_with(".rels")
        {
            reorder(&data)?
        } else {
            data
        };
        let at = match body {
            Some(_) => body_start(&data)?,
            None => data.len(),
        };
        let (mut head, mut tail) = data.split_at(at);
        let renamed;
        if !f.around.renames.is_empty()
            && (name == "word/document.xml" || name == "word/footnotes.xml")
        {
            let mut whole = head.to_vec();
            if let Some(body) = body.take() {
                body.write_all(&mut whole).map_err(|e| e.to_string())?;
            }
            whole.extend_from_slice(tail);
            renamed = super::reference::rename_in(&whole, &f.around.renames);
            (head, tail) = (&renamed, &[]);
        }
        let size = head.len() + body.map_or(0, |b| b.len) + tail.len();
        let options = if size > LARGE_PART {
            options.compression_level(Some(i64::from(LARGE_PART_LEVEL)))
        } else {
            options
        };
        out.start_file(name, options).map_err(|e| e.to_string())?;
        match body {
            Some(body) if size > LARGE_PART => {
                let deflated;
                let body = match &f.body_deflated {
                    Some(done) => done,
                    None => {
                        deflated = deflate_body(body).map_err(|e| e.to_string())?;
                        &deflated
                    }
                };
                put_side_by_side(&mut out, head, body, tail).map_err(|e| e.to_string())?
            }
            _ => {
                out.write_all(head).map_err(|e| e.to_string())?;
                if let Some(body) = body {
                    // Ids are written between stretches of the body: a buffer gives the
                    // compressor large writes.
                    let mut buffered = BufWriter::with_capacity(64 << 10, &mut out);
                    body.write_all(&mut buffered)
                        .and_then(|()| buffered.flush())
                        .map_err(|e| e.to_string())?;
                }
                out.write_all(tail).map_err(|e| e.to_string())?;
            }
        }
    }
    if !f.around.footnote_links.is_empty() {
        out.start_file("word/_rels/footnotes.xml.rels", options)
            .map_err(|e| e.to_string())?;
        out.write_all(footnote_rels(&f.around.footnote_links).as_bytes())
            .map_err(|e| e.to_string())?;
    }
    Ok(out.finish().map_err(|e| e.to_string())?.into_inner())
}

/// True for a body [`finish`] deflates side by side.
pub fn is_large(body: &Body) -> bool {
    body.len > LARGE_PART
}

/// A large body's stretches, each deflated on its own ([`deflate_body`]).
pub struct DeflatedBody(Vec<Deflated>);

/// Deflates a large body's stretches side by side. They do not depend on the rest of the
/// package: the caller can start this while docx-rs writes the parts around the body.
pub fn deflate_body(body: &Body) -> io::Result<DeflatedBody> {
    let stretches: Vec<usize> = (0..body.stretches).collect();
    stretches
        .iter()
        .map(|&i| deflate(|out| (body.write)(i, out)))
        .collect::<io::Result<Vec<Deflated>>>()
        .map(DeflatedBody)
}

/// Writes a large document.xml into the entry `out` has just started: its head, the body's
/// stretches (deflated side by side, [`deflate_body`]) and its tail, each compressed on its
/// own, one after the other (as pigz does).
///
/// Each stretch ends with a sync flush, which closes its deflate blocks on a byte boundary
/// without ending the stream, so the stretches make one stream when put end to end. The entry's
/// own compressor, which has been given nothing, ends that stream with an empty final block when
/// the entry is finished. Its CRC is the stretches' CRCs combined.
fn put_side_by_side<W: Write + Seek>(
    out: &mut zip::ZipWriter<W>,
    head: &[u8],
    body: &DeflatedBody,
    tail: &[u8],
) -> io::Result<()> {
    let head = deflate(|out| out.write_all(head))?;
    let tail = deflate(|out| out.write_all(tail))?;
    let mut crc = crc32fast::Hasher::new();
    let mut len = 0;
    // SAFETY (the archive's consistency, not memory): the bytes go in at the entry's current
    // end, where the entry's compressor, still empty, would have put its own; the length and
    // CRC given below are those of exactly the text these bytes decompress to.
    let raw = unsafe { out.get_mut() }.ok_or_else(|| io::Error::other("no entry is open"))?;
    for stretch in std::iter::once(&head)
        .chain(&body.0)
        .chain(std::iter::once(&tail))
    {
        raw.write_all(&stretch.data)?;
        crc.combine(&stretch.crc);
        len += stretch.len;
    }
    // SAFETY: as above.
    unsafe { out.set_file_metadata(len, crc.finalize()) }.map_err(io::Error::other)
}

/// A stretch of a part, compressed on its own and sync-flushed ([`put_side_by_side`]).
struct Deflated {
    data: Vec<u8>,
    crc: crc32fast::Hasher,
    len: u64,
}

/// Compresses what `write` writes at [`LARGE_PART_LEVEL`], ending with a sync flush.
fn deflate(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<Deflated> {
    struct Sink {
        encoder: flate2::write::DeflateEncoder<Vec<u8>>,
        crc: crc32fast::Hasher,
        len: u64,
    }
    impl Write for Sink {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = self.encoder.write(buf)?;
            self.crc.update(&buf[..n]);
            self.len += n as u64;
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            // flate2's flush is a sync flush.
            self.encoder.flush()
        }
    }
    let mut sink = Sink {
        encoder: flate2::write::DeflateEncoder::new(
            Vec::new(),
            flate2::Compression::new(LARGE_PART_LEVEL),
        ),
        crc: crc32fast::Hasher::new(),
        len: 0,
    };
    {
        // Ids are written between stretches of text: a buffer gives the compressor large writes.
        let mut buffered = BufWriter::with_capacity(64 << 10, &mut sink);
        write(&mut buffered)?;
        buffered.flush()?;
    }
    Ok(Deflated {
        // Taken before the encoder is dropped: dropping it ends its stream, in the empty
        // vector left behind.
        data: std::mem::take(sink.encoder.get_mut()),
        crc: sink.crc,
        len: sink.len,
    })
}

/// Where the body's paragraphs go in docx-rs's document.xml: just inside `<w:body>`, before
/// the section properties.
fn body_start(document: &[u8]) -> Result<usize, String> {
    let marker = b"<w:body>";
    Ok(document
        .windows(marker.len())
        .position(|w| w == marker)
        .ok_or("document.xml has no <w:body>")?
        + marker.len())
}

fn replace_once(data: &[u8], from: &str, to: &str) -> Vec<u8> {
    String::from_utf8_lossy(data)
        .replacen(from, to, 1)
        .into_bytes()
}

fn core_xml(title: &str, author: &str, timestamp: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{t}</dc:title><dc:creator>{a}</dc:creator><cp:lastModifiedBy>{a}</cp:lastModifiedBy><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{d}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{d}</dcterms:modified></cp:coreProperties>"#,
        t = attr(title),
        a = attr(author),
        d = timestamp
    )
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Writes `stretches` (head, body stretches, tail) side by side into an entry between two
    /// others, and reads the archive back (the reader checks each entry's CRC).
    fn round_trip(stretches: &[Vec<u8>]) -> Vec<u8> {
        let (head, rest) = stretches.split_first().expect("a head");
        let (tail, body) = rest.split_last().expect("a tail");
        let write = |i: usize, out: &mut dyn Write| out.write_all(&body[i]);
        let body = Body {
            len: body.iter().map(Vec::len).sum(),
            stretches: body.len(),
            write: &write,
        };
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(i64::from(LARGE_PART_LEVEL)))
            .last_modified_time(zip::DateTime::default());
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        out.start_file("before", options).unwrap();
        out.write_all(b"first").unwrap();
        out.start_file("part", options).unwrap();
        put_side_by_side(&mut out, head, &deflate_body(&body).unwrap(), tail).unwrap();
        out.start_file("after", options).unwrap();
        out.write_all(b"last").unwrap();
        let bytes = out.finish().unwrap().into_inner();
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut read = |name: &str| {
            let mut data = Vec::new();
            archive
                .by_name(name)
                .unwrap()
                .read_to_end(&mut data)
                .unwrap();
            data
        };
        assert_eq!(read("before"), b"first");
        assert_eq!(read("after"), b"last");
        read("part")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Stretches compressed on their own and put end to end read back as their text: empty
        /// ones, repeated ones (back references) and ones larger than a deflate block included.
        #[test]
        fn stretches_put_side_by_side_read_back_whole(
            stretches in prop::collection::vec(
                prop_oneof![
                    Just(Vec::new()),
                    prop::collection::vec(any::<u8>(), 0..300),
                    (prop::collection::vec(any::<u8>(), 1..8), 1..40_000usize)
                        .prop_map(|(unit, n)| unit.iter().copied().cycle().take(n).collect()),
                ],
                2..8,
            )
        ) {
            let whole: Vec<u8> = stretches.concat();
            prop_assert_eq!(round_trip(&stretches), whole);
        }
    }

    #[test]
    fn a_large_stretch_reads_back() {
        // Several deflate blocks, and text that refers back a long way.
        let unit = b"<w:p><w:r><w:t>jointly</w:t></w:r></w:p>";
        let text: Vec<u8> = (0..600_000)
            .map(|i| unit[i % unit.len()] ^ (i / 97_000) as u8)
            .collect();
        let stretches = vec![
            b"<head>".to_vec(),
            text.clone(),
            Vec::new(),
            text,
            b"</tail>".to_vec(),
        ];
        assert_eq!(round_trip(&stretches), stretches.concat());
    }
}
