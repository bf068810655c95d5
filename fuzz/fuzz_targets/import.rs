//! Importing a document: any bytes (as Word, Markdown or text) give blocks or an error, never a
//! panic or a hang.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    jointly::fuzzing::import(data);
});
