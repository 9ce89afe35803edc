//! The DOCX reader. The first byte picks a mode:
//! - 0: the rest is `word/document.xml` of a minimal archive;
//! - 1: the rest replaces `word/document.xml` of
//!   `fixtures/formats/yubei-2024-minsheng.docx` (stored);
//! - 2: the rest replaces `word/numbering.xml` of the same fixture;
//! - otherwise: the rest is a whole archive.
#![no_main]
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;

fuzz_target!(|data: &[u8]| {
    fuzz_support::init();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let archive = match mode {
        0 => fuzz_support::stored_zip([
            ("[Content_Types].xml", CONTENT_TYPES),
            ("word/document.xml", rest),
        ]),
        1 => fuzz_support::swap_member(fuzz_support::DOCX_FIXTURE, "word/document.xml", rest),
        2 => fuzz_support::swap_member(fuzz_support::DOCX_FIXTURE, "word/numbering.xml", rest),
        _ => rest.to_vec(),
    };
    let r = notice_extract::extract(&archive, "f.docx");
    fuzz_support::check("docx_reader", data, &r);
});
