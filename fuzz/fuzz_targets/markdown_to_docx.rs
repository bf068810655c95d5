//! Answer Markdown to Word: any text gives a package whose XML parts are well-formed.
#![no_main]
use std::io::Read;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let bytes = jointly::fuzzing::markdown_to_docx(text);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("an entry");
        let mut xml = String::new();
        entry.read_to_string(&mut xml).expect("UTF-8");
        if entry.name().ends_with(".xml") {
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{} is not well-formed: {e}", entry.name()));
        }
    }
});
