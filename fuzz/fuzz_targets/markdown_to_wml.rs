//! Answer Markdown to the Word writer's XML (no package): well-formed, properties in schema
//! order, every word kept. Hundreds of times faster per input than `markdown_to_docx`.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        jointly::fuzzing::markdown_to_wml(text);
    }
});
