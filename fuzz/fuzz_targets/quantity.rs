//! The quantity extractor on arbitrary text (lossy UTF-8).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = notice_extract::quantity::extract(&text);
});
