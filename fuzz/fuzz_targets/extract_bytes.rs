//! Bytes → document: `extract` and `parse` on arbitrary bytes, under a file
//! name whose extension the first byte picks (the format is sniffed from the
//! content, so the name must not matter).
#![no_main]
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = ["f.txt", "f.html", "f.docx", "f.xlsx", "f.xls"];

fuzz_target!(|data: &[u8]| {
    fuzz_support::init();
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[usize::from(first) % NAMES.len()];
    let r = notice_extract::extract(rest, name);
    fuzz_support::check("extract_bytes", data, &r);
    if first & 0x80 != 0 {
        let r = notice_extract::parse(rest, name).map(|p| p.document);
        fuzz_support::check("extract_bytes", data, &r);
    }
});
