//! The text layouts (pipe, tab, TSV, cell-per-line, outline and lists): the
//! bytes as text (lossy UTF-8) through `layout::parse_text`, the list
//! grouping, and the normaliser; and the same bytes through `extract` as a
//! `.txt`, which adds decoding.
#![no_main]
use libfuzzer_sys::fuzz_target;
use notice_extract::{layout, normalize};

fuzz_target!(|data: &[u8]| {
    fuzz_support::init();
    let text = String::from_utf8_lossy(data);
    let doc = layout::parse_text(&text);
    let _ = layout::layout_name(&doc);
    let doc = layout::outline::with_lists(doc);
    let _ = normalize::normalize(&doc, &fuzz_support::source("f.txt", "text"));
    let r = notice_extract::extract(data, "f.txt");
    fuzz_support::check("text_layouts", data, &r);
});
