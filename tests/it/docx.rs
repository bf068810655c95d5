//! `jointly build --format docx`: the Word file read back as a reader would.

use std::collections::BTreeMap;
use std::io::Read;

use crate::support::{Project, words};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// A built DOCX, its parts by name.
pub(crate) struct Docx {
    pub(crate) parts: BTreeMap<String, String>,
    methods: Vec<(String, zip::CompressionMethod)>,
    size: usize,
}

impl Docx {
    pub(crate) fn read(bytes: &[u8]) -> Docx {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip file");
        let mut parts = BTreeMap::new();
        let mut methods = Vec::new();
        for i in 0..archive.len() {
            let mut e = archive.by_index(i).unwrap();
            let mut s = String::new();
            e.read_to_string(&mut s).expect("UTF-8 part");
            methods.push((e.name().to_string(), e.compression()));
            parts.insert(e.name().to_string(), s);
        }
        Docx {
            parts,
            methods,
            size: bytes.len(),
        }
    }

    pub(crate) fn part(&self, name: &str) -> roxmltree::Document<'_> {
        let text = self
            .parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}"));
        roxmltree::Document::parse(text)
            .unwrap_or_else(|e| panic!("{name} is not well-formed XML: {e}"))
    }

    /// Paragraphs of a part: (style, numbering id, text).
    pub(crate) fn paragraphs(&self, name: &str) -> Vec<(String, Option<String>, String)> {
        let doc = self.part(name);
        doc.descendants()
            .filter(|n| n.has_tag_name((W, "p")))
            .map(|p| {
                let style = p
                    .descendants()
                    .find(|n| n.has_tag_name((W, "pStyle")))
                    .and_then(|n| n.attribute((W, "val")))
                    .unwrap_or("Normal")
                    .to_string();
                let num = p
                    .descendants()
                    .find(|n| n.has_tag_name((W, "numId")))
                    .and_then(|n| n.attribute((W, "val")))
                    .map(str::to_string);
                let text: String = p
                    .descendants()
                    .filter_map(|n| {
                        if n.has_tag_name((W, "t")) {
                            n.text().map(str::to_string)
                        } else if n.has_tag_name((W, "br")) || n.has_tag_name((W, "tab")) {
                            Some(" ".into())
                        } else {
                            None
                        }
                    })
                    .collect();
                (style, num, text)
            })
            .collect()
    }

    fn rels(&self, name: &str) -> BTreeMap<String, (String, Option<String>)> {
        let doc = self.part(name);
        doc.descendants()
            .filter(|n| n.has_tag_name("Relationship"))
            .map(|n| {
                (
                    n.attribute("Id").unwrap().to_string(),
                    (
                        n.attribute("Target").unwrap().to_string(),
                        n.attribute("TargetMode").map(str::to_string),
                    ),
                )
            })
            .collect()
    }
}

fn build(p: &Project) -> (Docx, String) {
    p.run(&["build", "--format", "all"])
        .success()
        .stdout_has("out/submission-draft.docx");
    let bytes = std::fs::read(p.file("out/submission-draft.docx")).unwrap();
    (Docx::read(&bytes), p.read("out/submission-draft.md"))
}

/// Equal word lists, or a failure that shows only the words that differ.
#[track_caller]
pub(crate) fn assert_same_words(docx: &[String], md: &[String]) {
    let count = |ws: &[String]| {
        let mut m: BTreeMap<String, i64> = BTreeMap::new();
        for w in ws {
            *m.entry(w.clone()).or_default() += 1;
        }
        m
    };
    let (a, b) = (count(docx), count(md));
    let diff: Vec<String> = a
        .keys()
        .chain(b.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter_map(|w| {
            let d = a.get(w).copied().unwrap_or(0) - b.get(w).copied().unwrap_or(0);
            (d != 0).then(|| format!("{w:?}: {d:+}"))
        })
        .collect();
    assert!(
        diff.is_empty(),
        "words differ (DOCX count minus Markdown count): {diff:?}"
    );
}

pub(crate) fn sorted_words(text: &str) -> Vec<String> {
    let mut w: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    w.sort();
    w
}

#[test]
fn headings_lists_and_paragraph_styles() {
    let p = Project::example();
    let (docx, _) = build(&p);
    let paras = docx.paragraphs("word/document.xml");
    let with = |style: &str| {
        paras
            .iter()
            .filter(|(s, _, _)| s == style)
            .map(|(_, _, t)| t.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(with("Title"), ["Call for Inputs: WSIS+20 Review"]);
    assert_eq!(
        with("Heading1"),
        [
            "Implementation of the WSIS Process",
            "WSIS Action Lines",
            "WSIS Action Line for advancing the SDGs",
            "Future Vision and WSIS beyond 2025"
        ]
    );
    let questions = with("Heading2");
    assert_eq!(questions.len(), 11);
    assert!(questions[6].starts_with("7. Have you any suggestions"));
    // Signatories: a real bulleted list, in collation order.
    let signatories: Vec<&str> = paras
        .iter()
        .filter(|(_, n, _)| n.as_deref() == Some("2"))
        .map(|(_, _, t)| t.as_str())
        .take(4)
        .collect();
    assert_eq!(signatories[0], "Ágora Digital Cidadã (ADC)");
    assert_eq!(signatories[3], "The Open Spectrum Commons Trust (OSCT)");
    // Action-line bullets carry the bold label.
    assert!(
        paras.iter().any(|(_, n, t)| n.as_deref() == Some("2")
            && t.starts_with("C7 ICT applications (e-health) – "))
    );
    // Block quotes use the Quote style.
    assert!(
        paras
            .iter()
            .any(|(s, _, t)| s == "Quote" && t.contains("When the network works"))
    );
    // Styles are declared under their standard names.
    let styles = docx.part("word/styles.xml");
    for (id, name) in [
        ("Title", "Title"),
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("Quote", "Quote"),
        ("Hyperlink", "Hyperlink"),
        ("FootnoteText", "footnote text"),
        ("FootnoteReference", "footnote reference"),
    ] {
        let style = styles
            .descendants()
            .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some(id))
            .unwrap_or_else(|| panic!("style {id} missing"));
        let n = style
            .children()
            .find(|c| c.has_tag_name((W, "name")))
            .and_then(|c| c.attribute((W, "val")));
        assert_eq!(n, Some(name));
    }
}

#[test]
fn numbered_lists_restart_in_every_answer() {
    let p = Project::example();
    let (docx, _) = build(&p);
    let numbering = docx.part("word/numbering.xml");
    let restarting: Vec<&str> = numbering
        .descendants()
        .filter(|n| n.has_tag_name((W, "num")))
        .filter(|n| {
            n.descendants().any(|c| {
                c.has_tag_name((W, "startOverride")) && c.attribute((W, "val")) == Some("1")
            })
        })
        .filter_map(|n| n.attribute((W, "numId")))
        .collect();
    let used: std::collections::BTreeSet<String> = docx
        .paragraphs("word/document.xml")
        .into_iter()
        .filter_map(|(_, n, _)| n)
        .filter(|n| restarting.contains(&n.as_str()))
        .collect();
    assert!(
        used.len() >= 4,
        "each numbered list has its own restarting numbering: {used:?}"
    );
    // Nested lists indent: some list paragraph sits at level 1.
    let doc = docx.part("word/document.xml");
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name((W, "ilvl")) && n.attribute((W, "val")) == Some("1"))
    );
}

#[test]
fn links_are_external_relationships_and_footnotes_are_real() {
    let p = Project::example();
    let (docx, _) = build(&p);
    for (part, rels) in [
        ("word/document.xml", "word/_rels/document.xml.rels"),
        ("word/footnotes.xml", "word/_rels/footnotes.xml.rels"),
    ] {
        let rels = docx.rels(rels);
        let doc = docx.part(part);
        let links: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "hyperlink")))
            .collect();
        assert!(!links.is_empty(), "{part} has links");
        for link in links {
            let id = link.attribute((R, "id")).expect("r:id");
            let (target, mode) = rels
                .get(id)
                .unwrap_or_else(|| panic!("{part}: no relationship {id}"));
            assert!(target.starts_with("https://"), "{target}");
            assert_eq!(mode.as_deref(), Some("External"));
        }
    }
    let refs = docx
        .part("word/document.xml")
        .descendants()
        .filter(|n| n.has_tag_name((W, "footnoteReference")))
        .count();
    let notes = docx.part("word/footnotes.xml");
    let ids: Vec<&str> = notes
        .descendants()
        .filter(|n| n.has_tag_name((W, "footnote")))
        .filter_map(|n| n.attribute((W, "id")))
        .collect();
    assert!(refs >= 2);
    assert_eq!(
        ids.len(),
        refs + 2,
        "one note per reference plus the two separators"
    );
    assert!(ids.contains(&"-1") && ids.contains(&"0"));
}

#[test]
fn the_word_text_is_the_markdown_text() {
    let p = Project::example();
    let (docx, md) = build(&p);
    let mut text = String::new();
    // The draft notice is in the page header of the Word file, at the top of the Markdown.
    let headers: Vec<String> = docx
        .parts
        .keys()
        .filter(|k| k.starts_with("word/header"))
        .cloned()
        .collect();
    assert_eq!(headers.len(), 1, "a page header with the draft notice");
    for part in ["word/document.xml", "word/footnotes.xml"]
        .into_iter()
        .chain(headers.iter().map(String::as_str))
    {
        for (_, _, t) in docx.paragraphs(part) {
            text.push_str(&t);
            text.push('\n');
        }
    }
    assert_same_words(&sorted_words(&text), &sorted_words(&words(&md).join(" ")));
}

#[test]
fn properties_page_and_package() {
    let p = Project::example();
    p.write(
        "jointly.toml",
        &format!(
            "{}\n[output.docx]\npaper = \"letter\"\nfont = \"Georgia\"\nsize = 12\n",
            p.read("jointly.toml")
        ),
    );
    let (docx, _) = build(&p);
    let core = docx.part("docProps/core.xml");
    let get = |tag: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == tag)
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(
        get("title").as_deref(),
        Some("Call for Inputs: WSIS+20 Review")
    );
    assert_eq!(
        get("creator").as_deref(),
        Some("Ágora Digital Cidadã (ADC)")
    );
    assert!(get("created").unwrap().starts_with("20"));
    let doc = docx.part("word/document.xml");
    let pg = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "pgSz")))
        .unwrap();
    assert_eq!(pg.attribute((W, "w")), Some("12240"), "Letter");
    let styles = &docx.parts["word/styles.xml"];
    assert!(styles.contains("w:ascii=\"Georgia\""), "body font");
    assert!(styles.contains("<w:sz w:val=\"24\""), "12 pt");
    let footer = &docx.parts["word/footer1.xml"];
    assert!(
        footer.contains("PAGE") && footer.contains("NUMPAGES"),
        "Page N of M"
    );
    for (name, method) in &docx.methods {
        assert_eq!(
            *method,
            zip::CompressionMethod::Deflated,
            "{name} is compressed"
        );
    }
}

#[test]
fn parts_are_in_schema_order() {
    let p = Project::example();
    let (docx, _) = build(&p);
    for name in [
        "word/document.xml",
        "word/styles.xml",
        "word/numbering.xml",
        "word/footnotes.xml",
        "word/settings.xml",
        "word/footer1.xml",
    ] {
        let problems = jointly::render::docx::schema::check(docx.parts[name].as_bytes()).unwrap();
        assert!(problems.is_empty(), "{name}: {problems:?}");
    }
}

#[test]
fn no_answer_can_produce_an_invalid_document() {
    let p = Project::example();
    // The title goes into the document properties too. (A control character in it is
    // refused: see trust::control_characters_in_names_and_titles_are_errors.)
    p.write(
        "jointly.toml",
        &p.read("jointly.toml").replace(
            "title = \"Call for Inputs: WSIS+20 Review\"",
            "title = \"Joint <&> \\\"input\\\" on WSIS\"",
        ),
    );
    p.write(
        "inputs/zz.toml",
        "[organisation]\nname = \"Zeta <&> \\\"Quotes\\\"\"\n[answers.q5]\ntext = \"\"\"\nPasted\\u000Bfrom\\u0001elsewhere \\u007F and a line  \nbreak, <b>html</b> & [link](<https://exämple.org/ä b>), ![img](https://example.org/i.png)\n\n```\ncode\n\n  indented\n```\n\n- [ ] task\n- 1. nested\n\n> quote[^x]\n\n[^x]: Note with [a link](https://example.org/note).\n\"\"\"\n",
    );
    let (docx, md) = build(&p);
    for (name, _) in &docx.methods {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            docx.part(name);
        }
    }
    let doc = &docx.parts["word/document.xml"];
    assert!(!doc.contains('\u{b}') && !doc.contains('\u{1}'));
    assert!(
        doc.contains("<w:br/>") || doc.contains("<w:br w:type=\"textWrapping\""),
        "hard line break"
    );
    let rels = docx.rels("word/_rels/document.xml.rels");
    assert!(
        rels.values()
            .any(|(t, _)| t == "https://ex%C3%A4mple.org/%C3%A4%20b"),
        "{rels:?}"
    );
    assert!(md.contains("Zeta"));
    let title = docx
        .part("docProps/core.xml")
        .descendants()
        .find(|n| n.tag_name().name() == "title")
        .and_then(|n| n.text())
        .map(str::to_string);
    assert_eq!(title.as_deref(), Some("Joint <&> \"input\" on WSIS"));
}

#[test]
fn reference_doc_styles_are_used() {
    let p = Project::example();
    let (docx, _) = build(&p);
    // A "house style": the same package with Heading 1 under a localised id and another colour.
    let styles = docx.parts["word/styles.xml"]
        .replace("w:styleId=\"Heading1\"", "w:styleId=\"Berschrift1\"")
        .replace("1F3864", "C00000");
    let bytes = std::fs::read(p.file("out/submission-draft.docx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut e = archive.by_index(i).unwrap();
        let name = e.name().to_string();
        let mut data = Vec::new();
        e.read_to_end(&mut data).unwrap();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(
            &mut out,
            if name == "word/styles.xml" {
                styles.as_bytes()
            } else {
                &data
            },
        )
        .unwrap();
    }
    std::fs::write(p.file("house.docx"), out.finish().unwrap().into_inner()).unwrap();
    p.run(&[
        "build",
        "--format",
        "docx",
        "--reference-doc",
        "house.docx",
        "-o",
        "styled.docx",
    ])
    .success();
    let styled = Docx::read(&std::fs::read(p.file("styled.docx")).unwrap());
    let sections = styled
        .paragraphs("word/document.xml")
        .into_iter()
        .filter(|(s, _, _)| s == "Berschrift1")
        .count();
    assert_eq!(
        sections, 4,
        "paragraphs use the house style's id for heading 1"
    );
    assert!(styled.parts["word/styles.xml"].contains("C00000"));
    // A file that is not a Word document is refused clearly.
    p.write("not.docx", "hello");
    p.run(&["build", "--format", "docx", "--reference-doc", "not.docx"])
        .failure()
        .stderr_has("cannot use")
        .stderr_has("not a Word file");
}

#[test]
#[ignore = "needs pandoc"]
fn pandoc_reads_the_same_words_and_pandoc_docx_is_not_smaller() {
    let p = Project::example();
    let (docx, md) = build(&p);
    assert_pandoc_reads_the_markdown_words(&p, &md);
    // Size: no bigger than pandoc's own DOCX of the same Markdown (within 25%).
    let status = std::process::Command::new("pandoc")
        .args(["out/submission-draft.md", "-o", "pandoc.docx"])
        .current_dir(p.path())
        .status()
        .unwrap();
    assert!(status.success());
    let theirs = std::fs::metadata(p.file("pandoc.docx")).unwrap().len() as f64;
    assert!(
        (docx.size as f64) <= theirs * 1.25,
        "ours {} bytes, pandoc's {theirs}",
        docx.size
    );
}

/// pandoc reads `out/submission-draft.docx` without error, and finds the words of `md` in it.
#[track_caller]
pub(crate) fn assert_pandoc_reads_the_markdown_words(p: &Project, md: &str) {
    let out = std::process::Command::new("pandoc")
        .args([
            "-f",
            "docx",
            "-t",
            "plain",
            "--wrap=none",
            "out/submission-draft.docx",
        ])
        .current_dir(p.path())
        .output()
        .expect("pandoc must be installed (apt-get install pandoc)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let plain = String::from_utf8(out.stdout).unwrap();
    // pandoc moves the Title into metadata, writes list markers ("-   ", "1.  ") and footnote
    // markers ("[1]"): drop those, then the words must be the Markdown's.
    // The title line, as the Markdown has it (the titles here need no escaping).
    let title = md
        .lines()
        .find(|l| l.starts_with("# "))
        .unwrap()
        .trim_start_matches("# ");
    let mut text = String::new();
    for line in plain.lines() {
        let t = line.trim_start();
        let marker = t.split_once("  ").filter(|(m, _)| {
            *m == "-" || (m.ends_with('.') && m[..m.len() - 1].chars().all(|c| c.is_ascii_digit()))
        });
        text.push_str(marker.map_or(t, |(_, rest)| rest));
        text.push('\n');
    }
    let mut unmarked = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(i) = rest.find('[') {
        let close = rest[i..].find(']').map(|j| i + j);
        match close {
            Some(j) if j > i + 1 && rest[i + 1..j].chars().all(|c| c.is_ascii_digit()) => {
                unmarked.push_str(&rest[..i]);
                rest = &rest[j + 1..];
            }
            _ => {
                unmarked.push_str(&rest[..=i]);
                rest = &rest[i + 1..];
            }
        }
    }
    unmarked.push_str(rest);
    // The Word file has the draft notice in its page header, and no right-to-left wrapper.
    let md: String = (md.lines())
        .filter(|l| !l.starts_with("<div dir=") && *l != "</div>")
        .collect::<Vec<_>>()
        .join("\n");
    let mut md_words = words(&md).join(" ").replacen(title, "", 1);
    for language in ["ar", "en", "es", "fr", "ru", "zh"] {
        let path = format!("{}/src/labels/{language}.toml", env!("CARGO_MANIFEST_DIR"));
        let labels: toml::Table = std::fs::read_to_string(path).unwrap().parse().unwrap();
        md_words = md_words.replacen(labels["draft_notice"].as_str().unwrap(), "", 1);
    }
    assert_same_words(&sorted_words(&unmarked), &sorted_words(&md_words));
}

#[test]
#[ignore = "needs pandoc"]
fn pandoc_reads_a_sixty_organisation_file() {
    let p = Project::empty();
    crate::synth::write_project(p.path(), 60).unwrap();
    let (docx, md) = build(&p);
    docx.part("word/document.xml");
    assert_pandoc_reads_the_markdown_words(&p, &md);
}

/// The text of a Word file of `p` (`out/NAME.docx`) as LibreOffice prints it to PDF.
pub(crate) fn pdf_text(p: &Project, name: &str) -> String {
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir", "pdf"])
        .arg(format!("out/{name}.docx"))
        .current_dir(p.path())
        .env("HOME", p.path())
        .status()
        .expect("LibreOffice must be installed (apt-get install libreoffice-writer-nogui)");
    assert!(status.success());
    let text = std::process::Command::new("pdftotext")
        .args([format!("pdf/{name}.pdf"), "-".into()])
        .current_dir(p.path())
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&text.stdout).into_owned()
}

#[test]
#[ignore = "needs LibreOffice (soffice) and pdftotext"]
fn libreoffice_renders_it() {
    let p = Project::example();
    build(&p);
    let text = pdf_text(&p, "submission-draft");
    assert!(text.contains("Call for Inputs: WSIS+20 Review"));
    assert!(text.contains("Page 1 of"), "page numbers in the footer");
    assert!(text.contains("C7 ICT applications (e-health)"));
    // The review copy opens with its comments on the right paragraphs.
    p.run(&["build", "--review", "--format", "docx"]).success();
    let status = std::process::Command::new("soffice")
        .args([
            "--headless",
            "--convert-to",
            "fodt",
            "--outdir",
            "pdf",
            "out/submission-review.docx",
        ])
        .current_dir(p.path())
        .env("HOME", p.path())
        .status()
        .unwrap();
    assert!(status.success());
    let flat = std::fs::read_to_string(p.file("pdf/submission-review.fodt")).unwrap();
    let at = flat
        .find("<dc:creator>ADC</dc:creator>")
        .expect("a comment by ADC");
    let end = flat[at..].find("</office:annotation>").unwrap() + at;
    assert!(
        flat[end..].starts_with("</office:annotation>Twenty years on"),
        "ADC's comment sits on its paragraph"
    );
    // A part two organisations sent is by its first, and says who else sent it.
    assert!(!flat.contains("<dc:creator>ADC, KRCN</dc:creator>"));
    assert!(flat.contains("also sent by KRCN"));
}

#[test]
#[ignore = "needs python-docx"]
fn python_docx_reads_styles_and_properties() {
    let p = Project::example();
    build(&p);
    let script = "import docx,sys\nd=docx.Document(sys.argv[1])\nprint(d.core_properties.title)\nprint(d.core_properties.author)\nfor para in d.paragraphs:\n    print(para.style.name+'|'+para.text)\n";
    let out = std::process::Command::new("/usr/bin/python3")
        .args(["-c", script, "out/submission-draft.docx"])
        .current_dir(p.path())
        .output()
        .expect("python3 with python-docx (apt-get install python3-docx)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("Call for Inputs: WSIS+20 Review\nÁgora Digital Cidadã (ADC)\n"),
        "{text}"
    );
    assert!(text.contains("\nTitle|Call for Inputs: WSIS+20 Review\n"));
    assert!(text.contains("\nHeading 1|WSIS Action Lines\n"));
    assert!(text.contains("\nHeading 2|5. Which specific Action Lines"));
    assert!(text.contains("\nQuote|"));
}

#[test]
fn a_footnote_nothing_refers_to_is_kept_and_flagged() {
    let p = Project::example();
    p.write(
        "inputs/zz.toml",
        "[organisation]\nname = \"Zeta\"\n[answers.q5]\ntext = \"\"\"\nMain text with a real note[^kept].\n\n[^kept]: The cited note.\n\n[^gone]: A note nobody cites.\n\"\"\"\n",
    );
    let (docx, _) = build(&p);
    let texts = |part: &str| -> Vec<String> {
        docx.paragraphs(part)
            .into_iter()
            .map(|(_, _, t)| t)
            .collect()
    };
    let body = texts("word/document.xml");
    assert!(
        body.iter().any(|t| t == "[^gone]: A note nobody cites."),
        "{body:?}"
    );
    let notes = texts("word/footnotes.xml");
    assert!(
        notes.iter().any(|t| t.contains("The cited note.")),
        "{notes:?}"
    );
    let run = p.run(&["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let unused = json
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "unused-footnote")
        .unwrap_or_else(|| panic!("no unused-footnote in {}", run.stdout));
    assert_eq!(unused["file"], "inputs/zz.toml");
    assert_eq!(unused["line"], 9);
    assert!(unused["help"].as_str().unwrap().contains("[^gone]"));
}

/// Ids of `tag`'s `attr` in `part`, in document order.
fn ids_of<'a>(
    doc: &'a roxmltree::Document,
    ns: &str,
    tag: &str,
    attr: (&str, &str),
) -> Vec<&'a str> {
    doc.descendants()
        .filter(|n| n.has_tag_name((ns, tag)))
        .filter_map(|n| n.attribute(attr))
        .collect()
}

fn counting_from(first: usize, n: usize) -> Vec<String> {
    (first..first + n).map(|i| i.to_string()).collect()
}

#[test]
fn a_large_review_copy_numbers_notes_comments_lists_and_links_in_order() {
    // Many questions and parts, each with its own notes, comments, lists and links.
    let p = Project::empty();
    crate::synth::write_project(p.path(), 60).unwrap();
    // Numbered lists (which synthetic answers lack) in several questions, and a link in a note.
    p.write(
        "inputs/zz-lists.toml",
        "[organisation]\nname = \"Zeta Lists\"\n\
         [answers.q1]\ntext = \"Steps:\\n\\n1. one\\n2. two\\n\\nAnd a note.[^n]\\n\\n[^n]: See [the source](https://example.org/n).\"\n\
         [answers.q5]\ntext = \"3. three\\n4. four\"\n\
         [answers.q9]\ntext = \"1. again\\n\\n   1. nested\"\n",
    );
    p.run(&["build", "--review", "--format", "docx"]).success();
    let docx = Docx::read(&std::fs::read(p.file("out/submission-review.docx")).unwrap());
    let body = docx.part("word/document.xml");
    let notes = docx.part("word/footnotes.xml");
    let comments = docx.part("word/comments.xml");

    // Footnotes: referenced 1, 2, 3… in reading order, each defined once.
    let refs = ids_of(&body, W, "footnoteReference", (W, "id"));
    assert!(refs.len() > 20, "{} notes", refs.len());
    assert_eq!(refs, counting_from(1, refs.len()));
    let mut defined = ids_of(&notes, W, "footnote", (W, "id"));
    assert_eq!(defined.drain(..2).collect::<Vec<_>>(), ["-1", "0"]);
    assert_eq!(defined, refs);

    // Comments: numbered after the last footnote (LibreOffice mixes up a comment and a note
    // with one id), in reading order; each closed, shown and written once.
    let starts = ids_of(&body, W, "commentRangeStart", (W, "id"));
    assert!(starts.len() > 100, "{} comments", starts.len());
    assert_eq!(starts, counting_from(refs.len() + 1, starts.len()));
    assert_eq!(ids_of(&body, W, "commentRangeEnd", (W, "id")), starts);
    assert_eq!(ids_of(&body, W, "commentReference", (W, "id")), starts);
    assert_eq!(ids_of(&comments, W, "comment", (W, "id")), starts);

    // Numbered lists: instances 10, 11, 12… in reading order, each declared.
    let numbering = docx.part("word/numbering.xml");
    let declared = ids_of(&numbering, W, "num", (W, "numId"));
    let mut lists: Vec<&str> = Vec::new();
    for id in ids_of(&body, W, "numId", (W, "val")) {
        assert!(declared.contains(&id), "numId {id} is not declared");
        if id != "2" && !lists.contains(&id) {
            lists.push(id);
        }
    }
    assert_eq!(lists, counting_from(10, 4));

    // Links: every relationship id once, each pointing at its URL.
    let mut seen = std::collections::BTreeSet::new();
    for (part, rels) in [
        (&body, docx.rels("word/_rels/document.xml.rels")),
        (&notes, docx.rels("word/_rels/footnotes.xml.rels")),
    ] {
        for id in ids_of(part, W, "hyperlink", (R, "id")) {
            assert!(rels.contains_key(id), "no relationship {id}");
            assert!(seen.insert(id.to_string()), "{id} used twice");
        }
    }
    assert!(seen.contains("rIdLink1") && seen.len() > 20);
    assert_eq!(
        seen.iter()
            .map(|id| id.trim_start_matches("rIdLink").parse::<usize>().unwrap())
            .max(),
        Some(seen.len()),
        "link ids run from 1 with no gap"
    );
}

#[test]
#[ignore = "needs LibreOffice (soffice) and pdftotext"]
fn libreoffice_shows_every_footnote_of_a_review_copy_with_comments() {
    let p = Project::empty();
    crate::synth::write_project(p.path(), 30).unwrap();
    p.run(&["build", "--review", "--format", "all"]).success();
    let md = p.read("out/submission-review.md");
    // Each footnote's text, as the Markdown defines it.
    let notes: Vec<String> = md
        .lines()
        .filter_map(|l| l.strip_prefix("[^"))
        .filter_map(|l| l.split_once("]: "))
        .map(|(_, text)| text.to_string())
        .collect();
    assert!(notes.len() >= 30, "{} footnotes", notes.len());
    let docx = Docx::read(&std::fs::read(p.file("out/submission-review.docx")).unwrap());
    let ids = |part: &str, tag: &str| -> Vec<u64> {
        docx.part(part)
            .descendants()
            .filter(|n| n.has_tag_name((W, tag)))
            .filter_map(|n| n.attribute((W, "id"))?.parse().ok())
            .collect()
    };
    let highest_note = ids("word/footnotes.xml", "footnote")
        .into_iter()
        .max()
        .unwrap();
    let comments = ids("word/comments.xml", "comment");
    assert!(!comments.is_empty());
    assert!(
        comments.iter().all(|c| *c > highest_note),
        "comments are numbered after the footnotes: {comments:?}, last footnote {highest_note}"
    );
    // LibreOffice prints every note at the foot of its page, each with its own text.
    let text = pdf_text(&p, "submission-review");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut missing = Vec::new();
    for note in &notes {
        let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
        let expected = md.matches(&format!("]: {note}")).count();
        if flat.matches(&note).count() < expected {
            missing.push(note);
        }
    }
    assert!(
        missing.is_empty(),
        "{} of {} footnotes missing: {missing:?}",
        missing.len(),
        notes.len()
    );
}

#[test]
#[ignore = "needs openxml-audit"]
fn openxml_audit_finds_nothing_in_the_example_files() {
    let p = Project::example();
    p.run(&["merge"]).success();
    for org in ["ADC", "CRCO", "KRCN", "OSCT"] {
        p.run(&["approve", "--org", org]).success();
    }
    p.run(&["build", "--final", "--format", "docx"]).success();
    p.run(&["build", "--review", "--format", "docx"]).success();
    p.run(&[
        "build",
        "--format",
        "docx",
        "--reference-doc",
        "out/submission.docx",
        "-o",
        "out/referenced.docx",
    ])
    .success();
    let mut files = vec![
        p.file("out/submission.docx"),
        p.file("out/submission-review.docx"),
        p.file("out/referenced.docx"),
    ];
    let examples: Vec<Project> = ["ar-access", "sr-privacy"]
        .into_iter()
        .map(Project::example_named)
        .collect();
    for e in &examples {
        e.run(&["build", "--review", "--format", "docx"]).success();
        files.push(e.file("out/submission-review.docx"));
    }
    for file in files {
        let out = std::process::Command::new("openxml-audit")
            .arg(&file)
            .output()
            .expect("openxml-audit must be installed (python3 -m pip install openxml-audit)");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Errors: 0"), "{}:\n{text}", file.display());
    }
}

#[test]
#[ignore = "needs pandoc"]
fn pandocs_reference_document_gives_its_theme_and_body_text_styles() {
    let p = Project::example();
    let out = std::process::Command::new("pandoc")
        .args([
            "-o",
            "reference.docx",
            "--print-default-data-file",
            "reference.docx",
        ])
        .current_dir(p.path())
        .status()
        .expect("pandoc must be installed (apt-get install pandoc)");
    assert!(out.success());
    p.run(&[
        "build",
        "--format",
        "docx",
        "--reference-doc",
        "reference.docx",
    ])
    .success();
    let theirs = Docx::read(&std::fs::read(p.file("reference.docx")).unwrap());
    let ours = Docx::read(&std::fs::read(p.file("out/submission-draft.docx")).unwrap());
    // The theme, so that the fonts its styles name by theme ("+Body") apply.
    assert_eq!(
        ours.parts["word/theme/theme1.xml"],
        theirs.parts["word/theme/theme1.xml"]
    );
    assert!(ours.parts["word/_rels/document.xml.rels"].contains("theme/theme1.xml"));
    // Answers in its body text styles: the first paragraph after a heading, then the rest.
    let paragraphs = ours.paragraphs("word/document.xml");
    let styles: Vec<&str> = paragraphs.iter().map(|(s, _, _)| s.as_str()).collect();
    let first = paragraphs
        .iter()
        .position(|(_, _, t)| t.starts_with("Twenty years on"))
        .unwrap();
    assert_eq!(styles[first - 1], "Heading2", "{styles:?}");
    assert_eq!(styles[first], "FirstParagraph");
    assert_eq!(styles[first + 1], "BodyText");
    assert!(!styles.contains(&"Normal"), "{styles:?}");
}
