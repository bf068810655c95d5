//! Snapshots of every output format, so that any change to what users receive shows up as a
//! diff in review. The expected files live in `tests/snapshots/`; after an intended change,
//! regenerate them with `JOINTLY_BLESS=1 cargo test --test it snapshots` and read the diff.
//!
//! Word files are unzipped and every XML part is pretty-printed (one element per line, text
//! unchanged), so a change shows as the lines it touches.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::support::{Project, copy_dir};

/// A fixed creation date (2026-11-28 12:00 UTC): builds are then byte-for-byte repeatable.
const EPOCH: &str = "1795867200";

/// The builds each project is snapshotted in: a folder name and the `build` arguments.
const BUILDS: &[(&str, &[&str])] = &[
    ("draft", &["build", "--format", "all"]),
    ("text", &["build", "--format", "text"]),
    ("review", &["build", "--review", "--format", "all"]),
];

#[test]
fn the_example_outputs_are_unchanged() {
    check_project("wsis20", &Project::example());
}

#[test]
fn the_french_and_arabic_examples_are_unchanged() {
    check_project("fr-inclusion", &Project::example_named("fr-inclusion"));
    check_project("ar-access", &Project::example_named("ar-access"));
}

#[test]
fn a_project_using_every_markdown_construct_renders_unchanged() {
    check_project("features", &features());
}

#[test]
fn a_reference_document_renders_unchanged() {
    let p = features();
    p.run_at(EPOCH, &["build", "--format", "docx", "-o", "plain.docx"])
        .success();
    // A "house style": jointly's own styles with Heading 1 under a localised id and another
    // colour, so that styles are merged and renamed in the body and the footnotes.
    let plain = unzip(&std::fs::read(p.file("plain.docx")).unwrap());
    let styles = String::from_utf8(plain["word/styles.xml"].clone())
        .unwrap()
        .replace("w:styleId=\"Heading1\"", "w:styleId=\"Berschrift1\"")
        .replace("w:styleId=\"FootnoteText\"", "w:styleId=\"Funotentext\"")
        .replace("1F3864", "C00000");
    let mut house = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in &plain {
        house
            .start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        let data = if name == "word/styles.xml" {
            styles.as_bytes()
        } else {
            data
        };
        std::io::Write::write_all(&mut house, data).unwrap();
    }
    std::fs::write(p.file("house.docx"), house.finish().unwrap().into_inner()).unwrap();
    p.run_at(
        EPOCH,
        &["build", "--format", "docx", "--reference-doc", "house.docx"],
    )
    .success();
    let mut got = BTreeMap::new();
    add_docx(
        &mut got,
        &p.file("out/submission-draft.docx"),
        "submission-draft.docx",
    );
    compare(&snapshots().join("features/reference-doc"), &got);
}

/// The fixture of [`a_project_using_every_markdown_construct_renders_unchanged`], in a
/// temporary folder.
fn features() -> Project {
    let p = Project::empty();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/features");
    copy_dir(&fixture, p.path());
    p
}

fn snapshots() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// Builds `p` every way in [`BUILDS`] and compares what lands in `out/` with the snapshots.
fn check_project(name: &str, p: &Project) {
    for (build, args) in BUILDS {
        let _ = std::fs::remove_dir_all(p.file("out"));
        p.run_at(EPOCH, args).success();
        let mut got = BTreeMap::new();
        let mut files: Vec<_> = std::fs::read_dir(p.file("out"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let file_name = file.file_name().unwrap().to_string_lossy().into_owned();
            if file_name.ends_with(".docx") {
                add_docx(&mut got, &file, &file_name);
            } else {
                got.insert(file_name, std::fs::read_to_string(&file).unwrap());
            }
        }
        compare(&snapshots().join(name).join(build), &got);
    }
}

/// The parts of a Word file, XML pretty-printed, under `prefix/`; and their names, in package
/// order, as `prefix/parts.txt`.
fn add_docx(got: &mut BTreeMap<String, String>, file: &Path, prefix: &str) {
    let bytes = std::fs::read(file).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut names = String::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        names.push_str(entry.name());
        names.push('\n');
        if entry.is_dir() {
            continue;
        }
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        got.insert(format!("{prefix}/{}", entry.name()), pretty_xml(&text));
    }
    got.insert(format!("{prefix}/parts.txt"), names);
}

fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .filter_map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            if entry.is_dir() {
                return None;
            }
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            Some((entry.name().to_string(), data))
        })
        .collect()
}

/// The files every expected folder holds, compared one by one; `JOINTLY_BLESS=1` writes them.
fn compare(dir: &Path, got: &BTreeMap<String, String>) {
    if std::env::var_os("JOINTLY_BLESS").is_some_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(dir);
        for (name, text) in got {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        return;
    }
    let mut expected = BTreeMap::new();
    collect(dir, dir, &mut expected);
    let missing: Vec<&String> = expected.keys().filter(|k| !got.contains_key(*k)).collect();
    let extra: Vec<&String> = got.keys().filter(|k| !expected.contains_key(*k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{}: files missing from the output {missing:?}, files not in the snapshot {extra:?}\n\
         (JOINTLY_BLESS=1 regenerates the snapshots)",
        dir.display()
    );
    for (name, want) in &expected {
        let have = &got[name];
        if have != want {
            let line = have
                .lines()
                .zip(want.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| have.lines().count().min(want.lines().count()));
            let at = |text: &str| {
                text.lines()
                    .skip(line)
                    .take(3)
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            panic!(
                "{} differs from the snapshot at line {}:\n--- snapshot\n{}\n--- output\n{}\n\
                 (if the change is intended: JOINTLY_BLESS=1 cargo test --test it snapshots)",
                dir.join(name).display(),
                line + 1,
                at(want),
                at(have)
            );
        }
    }
}

fn collect(root: &Path, dir: &Path, out: &mut BTreeMap<String, String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.insert(name, std::fs::read_to_string(&path).unwrap());
        }
    }
}

/// XML with one element per line, indented by depth; text stays where it is, byte for byte,
/// next to the tag it follows.
fn pretty_xml(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() * 2);
    let mut depth = 0usize;
    let mut after_text = false;
    let mut rest = xml.trim();
    while !rest.is_empty() {
        if !rest.starts_with('<') {
            let end = rest.find('<').unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            after_text = true;
            continue;
        }
        // The tag ends at the first `>` outside quotes.
        let mut quote = None;
        let end = rest
            .char_indices()
            .find(|&(_, c)| match quote {
                Some(q) if c == q => {
                    quote = None;
                    false
                }
                Some(_) => false,
                None if c == '"' || c == '\'' => {
                    quote = Some(c);
                    false
                }
                None => c == '>',
            })
            .map_or(rest.len(), |(i, _)| i + 1);
        let tag = &rest[..end];
        rest = &rest[end..];
        let closing = tag.starts_with("</");
        let opening = !closing && !tag.ends_with("/>") && !tag.starts_with("<?");
        if closing {
            depth = depth.saturating_sub(1);
        }
        if !(out.is_empty() || closing && after_text) {
            out.push('\n');
            out.push_str(&"  ".repeat(depth));
        }
        out.push_str(tag);
        if opening {
            depth += 1;
        }
        after_text = false;
    }
    out.push('\n');
    out
}

#[test]
fn pretty_printing_keeps_text_and_breaks_between_elements() {
    let xml = r#"<?xml version="1.0"?><a x="1 > 0"><b>text <i>x</i></b><c/></a>"#;
    assert_eq!(
        pretty_xml(xml),
        "<?xml version=\"1.0\"?>\n<a x=\"1 > 0\">\n  <b>text \n    <i>x</i>\n  </b>\n  <c/>\n</a>\n"
    );
}
