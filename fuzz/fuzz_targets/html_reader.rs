//! The HTML reader (through the library's guarded path): the bytes as a page,
//! after a `<html>` prefix so the sniffer always takes them for markup; the
//! first byte says whether to add the prefix (pages in other encodings, a BOM
//! or a `<meta charset>` first, come as they are).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fuzz_support::init();
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let page: Vec<u8> = if first & 1 == 0 {
        [&b"<html><body>"[..], rest].concat()
    } else {
        rest.to_vec()
    };
    let r = notice_extract::extract(&page, "f.html");
    fuzz_support::check("html_reader", data, &r);
});
