//! Entry points for the fuzz targets in `fuzz/` and for the test that replays their corpus:
//! each takes arbitrary input and must return (errors are fine), never panic or hang.

use std::path::Path;

use crate::diag::Report;
use crate::questionnaire::Questionnaire;
use crate::source::SourceFile;

fn wsis20() -> Questionnaire {
    Questionnaire::builtin("wsis20").expect("the built-in questionnaire loads")
}

/// An organisation's input file: parsed, checked against wsis20, and its report rendered.
pub fn input(text: &str) -> String {
    let mut report = Report::new();
    let src = SourceFile::new(
        Path::new("inputs/fuzz.toml"),
        Path::new("inputs/fuzz.toml"),
        text,
    );
    let _ = crate::project::load_input(&src, &wsis20(), &mut report);
    report.render(false)
}

/// A questionnaire file: parsed, checked, and its report rendered.
pub fn questionnaire(text: &str) -> String {
    let mut report = Report::new();
    let src = SourceFile::new(Path::new("q.toml"), Path::new("q.toml"), text);
    if let Some(q) = Questionnaire::parse(&src, &mut report) {
        let _ = q.codes();
        let _ = crate::input_edit::blank_input(
            &q,
            "T",
            &crate::input_edit::NewOrg {
                name: "N".into(),
                ..Default::default()
            },
        );
    }
    report.render(false)
}

/// Answer Markdown to the Word writer's XML, which must be well-formed, with every property
/// in schema order, and keep the fragment's words.
pub fn markdown_to_wml(markdown: &str) {
    let cleaned = crate::answer::clean(markdown, "f");
    let xml = crate::render::docx::fragment_xml(&cleaned.markdown);
    let doc = roxmltree::Document::parse(&xml)
        .unwrap_or_else(|e| panic!("not well-formed ({e}):\n{xml}"));
    let problems = crate::render::docx::schema::check(xml.as_bytes())
        .unwrap_or_else(|e| panic!("schema check failed ({e}):\n{xml}"));
    assert!(
        problems.is_empty(),
        "out of schema order: {problems:?}\n{xml}"
    );
    // Every word of the text is in the runs (a word may span runs: `**bo**ld`). Not checked
    // when the text has footnote marks: a note that is not a footnote prints its marks as
    // written, inside words (`work[^1].`), where plain text has none.
    if cleaned.markdown.contains("[^") {
        return;
    }
    let text: String = doc
        .descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect();
    for word in crate::markdown::plain_text(&cleaned.markdown).split_whitespace() {
        // What XML cannot hold is dropped, by design.
        let word: String = word
            .chars()
            .filter(|&c| c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
            .collect();
        assert!(text.contains(word.as_str()), "word {word:?} lost:\n{xml}");
    }
}

/// Answer Markdown to a Word file, which must be a well-formed package.
pub fn markdown_to_docx(markdown: &str) -> Vec<u8> {
    let cleaned = crate::answer::clean(markdown, "f");
    crate::render::docx::fragment(&cleaned.markdown).expect("a fragment always renders")
}

/// A document to import: as a Word file, and (when it is text) as Markdown and plain text.
pub fn import(data: &[u8]) {
    let q = wsis20();
    let word = crate::import::Format::Word;
    if let Ok(blocks) = crate::import::read(word, Path::new("fuzz.docx"), data.to_vec()) {
        let _ = crate::import::place(&blocks, &q, "T");
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = crate::import::place(&crate::import::markdown::read(text), &q, "T");
        let _ = crate::import::place(&crate::import::text::read(text), &q, "T");
    }
}
