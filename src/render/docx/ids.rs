//! Numbering what the body numbers (footnotes, comments, numbered lists, links) when parts of
//! the body are written side by side.
//!
//! A large submission's questions are converted on several threads, each into a [`Chunk`]
//! of its own: a chunk cannot know how many footnotes the questions before it hold. So a
//! chunk counts from 1, and writes each id as a marker (a character XML forbids, a kind letter
//! and the chunk's own number). Putting the chunks together in order gives each its bases,
//! and [`write`](fn@write) turns every marker into `base + number` as the XML goes out: the ids come
//! out exactly as if one thread had written everything in order.
//!
//! [`Chunk`]: super::Chunk

use std::fmt;
use std::io::{self, Write};

/// Starts a marker. XML 1.0 cannot hold it, and the writers drop it from text ([`super::wml`]),
/// so nothing else in the XML contains it.
const MARK: char = '\u{1}';

/// What an id numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `<w:footnote w:id>` and its references.
    Footnote,
    /// `<w:comment w:id>` and its range and reference.
    Comment,
    /// A numbered list's numbering instance (`w:numId`).
    List,
    /// An external link's relationship (`rIdLink…`).
    Link,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Footnote, Kind::Comment, Kind::List, Kind::Link];

    fn letter(self) -> char {
        match self {
            Kind::Footnote => 'f',
            Kind::Comment => 'c',
            Kind::List => 'n',
            Kind::Link => 'l',
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// The first id of this kind in the document. Numbering instances below 10 are the
    /// document's own (bullets are 2).
    fn first(self) -> usize {
        match self {
            Kind::List => 10,
            _ => 1,
        }
    }
}

/// An id numbered within its chunk (from 1), written as its marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Local(pub Kind, pub usize);

impl fmt::Display for Local {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{MARK}{}{}", self.0.letter(), self.1)
    }
}

/// How many ids of each kind: those a chunk used, or (as bases) those every chunk before
/// it used.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts([usize; 4]);

impl Counts {
    /// Takes the next id of `kind`.
    pub fn next(&mut self, kind: Kind) -> Local {
        self.0[kind.index()] += 1;
        Local(kind, self.0[kind.index()])
    }

    /// The document's id for `local`, in a chunk whose bases are `self`.
    pub fn id(&self, local: Local) -> usize {
        let Local(kind, n) = local;
        kind.first() - 1 + self.0[kind.index()] + n
    }

    /// The bases of the chunk after one with bases `self` that used `used`.
    pub fn after(self, used: Counts) -> Counts {
        let mut sum = self;
        for kind in Kind::ALL {
            sum.0[kind.index()] += used.0[kind.index()];
        }
        sum
    }
}

/// Writes `xml` with every marker replaced by its id, for a chunk whose bases are `bases`.
pub fn write(xml: &str, bases: Counts, out: &mut (impl Write + ?Sized)) -> io::Result<()> {
    let mut rest = xml;
    while let Some(at) = rest.find(MARK) {
        out.write_all(&rest.as_bytes()[..at])?;
        let (local, len) = parse(&rest[at + MARK.len_utf8()..]);
        write!(out, "{}", bases.id(local))?;
        rest = &rest[at + MARK.len_utf8() + len..];
    }
    out.write_all(rest.as_bytes())
}

/// [`write`](fn@write), into a string.
pub fn resolved(xml: &str, bases: Counts) -> String {
    let mut out = Vec::with_capacity(xml.len());
    write(xml, bases, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("ids are ASCII digits put in place of ASCII markers")
}

/// The marker's kind and number (what follows [`MARK`]), and its length.
fn parse(marker: &str) -> (Local, usize) {
    let letter = marker.chars().next();
    let kind = Kind::ALL
        .into_iter()
        .find(|k| Some(k.letter()) == letter)
        .expect("a marker starts with a kind letter: only Local writes MARK");
    let digits = marker[1..].bytes().take_while(u8::is_ascii_digit).count();
    let n = marker[1..1 + digits]
        .parse()
        .expect("a marker's number follows its kind letter");
    (Local(kind, n), 1 + digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_become_ids_counted_on_from_the_chunks_before() {
        let mut first = Counts::default();
        let f1 = first.next(Kind::Footnote);
        let f2 = first.next(Kind::Footnote);
        let n1 = first.next(Kind::List);
        let xml = format!(r#"<a w:id="{f1}"/><b w:id="{f2}"/><c w:val="{n1}"/>"#);
        assert_eq!(
            resolved(&xml, Counts::default()),
            r#"<a w:id="1"/><b w:id="2"/><c w:val="10"/>"#
        );

        let bases = Counts::default().after(first);
        let mut second = Counts::default();
        let f = second.next(Kind::Footnote);
        let c = second.next(Kind::Comment);
        let n = second.next(Kind::List);
        let l = second.next(Kind::Link);
        let xml =
            format!(r#"é<a w:id="{f}"/><c w:id="{c}"/><n w:val="{n}"/><h r:id="rIdLink{l}">"#);
        assert_eq!(
            resolved(&xml, bases),
            r#"é<a w:id="3"/><c w:id="1"/><n w:val="11"/><h r:id="rIdLink1">"#
        );
        assert_eq!(bases.id(Local(Kind::Footnote, 12)), 14);
    }

    #[test]
    fn text_without_markers_is_unchanged() {
        let xml = "<w:t>plain, 123 \u{2} ok</w:t>";
        assert_eq!(resolved(xml, Counts([5, 5, 5, 5])), xml);
    }
}
