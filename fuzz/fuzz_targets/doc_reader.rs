//! The legacy Word (.doc) reader. The first byte picks a mode:
//! - 0: the rest is `[n: u16 LE][WordDocument stream: n bytes][table stream]`,
//!   read by the inner entry (`parse_doc_streams`) with no compound file;
//! - 1: the rest is `[offset: u16 LE][bytes]`, written over the
//!   `WordDocument` stream of `fixtures/formats/yubei-2024-minsheng.doc` at
//!   that offset (the FIB, the text, the property pages);
//! - 2: the same over the fixture's table stream (the piece table, the
//!   property page tables);
//! - 3: the same over the fixture's `Data` stream (large paragraph properties);
//! - otherwise: the rest is a whole file, through `extract`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use notice_extract::internals::{open_ole, parse_doc_streams};
use std::sync::OnceLock;

/// The fixture's streams: WordDocument, 1Table (or 0Table), Data.
fn streams() -> &'static [Vec<u8>; 3] {
    static S: OnceLock<[Vec<u8>; 3]> = OnceLock::new();
    S.get_or_init(|| {
        let f = open_ole(fuzz_support::DOC_FIXTURE).expect("the fixture opens");
        let get = |n: &str| {
            f.root_stream(n)
                .expect("the fixture's stream")
                .unwrap_or_default()
        };
        let table = match f.root_stream("1Table").expect("readable") {
            Some(t) => t,
            None => get("0Table"),
        };
        [get("WordDocument"), table, get("Data")]
    })
}

fn overwrite(base: &[u8], patch: &[u8]) -> Vec<u8> {
    let mut out = base.to_vec();
    let Some((off, bytes)) = patch.split_first_chunk::<2>() else {
        return out;
    };
    let off = usize::from(u16::from_le_bytes(*off)).min(out.len());
    let end = off + bytes.len();
    if end > out.len() {
        out.resize(end, 0);
    }
    out[off..end].copy_from_slice(bytes);
    out
}

fuzz_target!(|data: &[u8]| {
    fuzz_support::init();
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let [word, table, extra] = streams();
    let (word, table, extra) = match mode {
        0 => {
            let Some((n, body)) = rest.split_first_chunk::<2>() else {
                return;
            };
            let n = usize::from(u16::from_le_bytes(*n)).min(body.len());
            let (w, t) = body.split_at(n);
            (w.to_vec(), t.to_vec(), Vec::new())
        }
        1 => (overwrite(word, rest), table.clone(), extra.clone()),
        2 => (word.clone(), overwrite(table, rest), extra.clone()),
        3 => (word.clone(), table.clone(), overwrite(extra, rest)),
        _ => {
            let r = notice_extract::extract(rest, "f.doc");
            fuzz_support::check("doc_reader", data, &r);
            return;
        }
    };
    let r = parse_doc_streams(
        &word,
        |name| {
            Ok(match name {
                "Data" => Some(extra.clone()),
                _ => Some(table.clone()),
            })
        },
        "f.doc",
    );
    fuzz_support::check("doc_reader", data, &r);
});
