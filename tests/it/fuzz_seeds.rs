//! The fuzz targets' seeds and every input a fuzzer ever crashed on (`fuzz/regressions/`), run
//! through the same entry points as the fuzzers, in the ordinary test suite.

use std::io::Read;
use std::path::Path;

fn files(target: &str) -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for dir in ["seeds", "regressions"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir).join(target)) {
            out.extend(entries.filter_map(|e| e.ok().map(|e| e.path())));
        }
    }
    out.sort();
    out
}

fn text(path: &Path) -> Option<String> {
    String::from_utf8(std::fs::read(path).unwrap()).ok()
}

#[test]
fn input_seeds() {
    let files = files("input");
    assert!(files.len() > 10);
    for f in files {
        if let Some(t) = text(&f) {
            jointly::fuzzing::input(&t);
        }
    }
}

#[test]
fn questionnaire_seeds() {
    for f in files("questionnaire") {
        if let Some(t) = text(&f) {
            jointly::fuzzing::questionnaire(&t);
        }
    }
}

#[test]
fn markdown_to_docx_seeds() {
    let files = files("markdown_to_docx");
    assert!(files.len() > 10);
    for f in files {
        let Some(t) = text(&f) else { continue };
        let bytes = jointly::fuzzing::markdown_to_docx(&t);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..zip.len() {
            let mut e = zip.by_index(i).unwrap();
            let mut xml = String::new();
            e.read_to_string(&mut xml).unwrap();
            if e.name().ends_with(".xml") {
                roxmltree::Document::parse(&xml).unwrap_or_else(|err| {
                    panic!("{}: {} is not well-formed: {err}", f.display(), e.name())
                });
            }
        }
    }
}

#[test]
fn import_seeds() {
    for f in files("import") {
        jointly::fuzzing::import(&std::fs::read(&f).unwrap());
    }
}

#[test]
fn markdown_to_wml_seeds() {
    // The Word writer alone, on the Word package target's seeds (and its own regressions).
    let mut files = files("markdown_to_docx");
    files.extend(self::files("markdown_to_wml"));
    assert!(files.len() > 10);
    for f in files {
        if let Some(t) = text(&f) {
            jointly::fuzzing::markdown_to_wml(&t);
        }
    }
}
