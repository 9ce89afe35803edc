//! The text layouts (pipe, tab, TSV, cell-per-line, outline and lists): the
//! bytes as text (lossy UTF-8) through `parse_text`, the list
//! grouping, and the normaliser; and the same bytes through `extract` as a
//! `.txt`, which adds decoding.
#![no_main]
use libfuzzer_sys::fuzz_target;
use notice_extract::internals::{layout_name, parse_text, with_lists};
use notice_extract::{normalize, InputFormat};

fuzz_target!(|data: &[u8]| {
    fuzz_support::init();
    let text = String::from_utf8_lossy(data);
    let doc = parse_text(&text);
    let _ = layout_name(&doc);
    let doc = with_lists(doc);
    let _ = normalize(&doc, &fuzz_support::source("f.txt", InputFormat::Text));
    let r = notice_extract::extract(data, "f.txt");
    fuzz_support::check("text_layouts", data, &r);
});
