//! The normaliser over an arbitrary grid: a model document built straight
//! from the bytes (`fuzz_support::grid_document`: tables of tab- or
//! `|`-separated cells with row and column spans, lists, headings,
//! paragraphs), past every layout detector. The first byte sets the header
//! rows, the layout name, and whether the readers' last step
//! (`read::finish`) runs first.
#![no_main]
use libfuzzer_sys::fuzz_target;
use notice_extract::internals as read;
use notice_extract::{normalize, InputFormat};

fuzz_target!(|data: &[u8]| {
    fuzz_support::init();
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut doc = fuzz_support::grid_document(flags, &text);
    if flags & 8 != 0 {
        doc = read::finish(doc);
    }
    if flags & 16 != 0 {
        for b in &mut doc.blocks {
            if let notice_extract::model::Block::Table(t) = b {
                let _ = read::take_captions(t);
                let _ = read::header_depth(t);
                let _ = read::metadata_block(t);
            }
        }
    }
    let _ = normalize(&doc, &fuzz_support::source("f.html", InputFormat::Html));
});
