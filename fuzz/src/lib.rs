//! What the fuzz targets share: building archives around fuzz bytes, turning
//! fuzz bytes into a model document, and telling a panic of ours from a
//! dependency's.
//!
//! The library runs every third-party reader under `catch_unwind` with a
//! quiet panic hook (`read::guarded`), and turns a panic there into
//! `Error::ParserPanic`. libFuzzer's hook aborts on any panic, but the
//! library's hook is installed on top of it and stays silent inside a guarded
//! reader, so such a panic is caught exactly as in the release binary. The
//! targets call the readers through that same guarded path (`extract` /
//! `parse`), and [`check`] then looks at where the caught panic was raised:
//! - in our own `src/` (or nowhere we can tell): a crash, re-raised outside the
//!   guard so libFuzzer saves the input to `fuzz/artifacts/<target>/`;
//! - inside a dependency (calamine, quick-xml, zip …): not a crash of ours; the
//!   first input per panic location is written to `$FUZZ_DEP_PANICS_DIR`
//!   (set by `scripts/fuzz.sh`) with the location and message.

use notice_extract::model::{
    Block, Cell, Document, Heading, Layout, List, ListItem, ListKind, Origin, Paragraph, Row, Table,
};
use notice_extract::Error;
use std::cell::RefCell;
use std::collections::HashSet;
use std::io::{Cursor, Read, Write};
use std::sync::{Mutex, Once, OnceLock};

/// The fixture whose members the member-swapping modes replace.
pub const XLSX_FIXTURE: &[u8] = include_bytes!("../../fixtures/formats/yubei-2024-minsheng.xlsx");
pub const DOCX_FIXTURE: &[u8] = include_bytes!("../../fixtures/formats/yubei-2024-minsheng.docx");
pub const ODS_FIXTURE: &[u8] = include_bytes!("../../fixtures/formats/yubei-2024-minsheng.ods");
pub const DOC_FIXTURE: &[u8] = include_bytes!("../../fixtures/formats/yubei-2024-minsheng.doc");

/// Where panics raised inside a guarded reader were raised, as `file:line:col`
/// with the message, kept by the hook until [`check`] reads it.
#[derive(Debug, Clone)]
struct Caught {
    location: String,
    frames: Vec<String>,
}

thread_local! {
    static LAST_PANIC: RefCell<Option<Caught>> = const { RefCell::new(None) };
}

/// Installs, once, a panic hook above the library's quiet hook that records
/// where each panic was raised, then hands the panic on (to the library's
/// hook, which is silent inside a guarded reader and otherwise calls
/// libFuzzer's aborting hook).
pub fn init() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // A guarded read installs the library's hook over libFuzzer's.
        let _ = notice_extract::parse(b"<html><body><p>x</p></body></html>", "init.html");
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let location = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_default();
            let bt = std::backtrace::Backtrace::force_capture().to_string();
            let frames = bt
                .lines()
                .filter_map(|l| l.trim().strip_prefix("at "))
                .map(str::to_string)
                .collect();
            LAST_PANIC.with(|p| *p.borrow_mut() = Some(Caught { location, frames }));
            previous(info);
        }));
    });
}

/// Where our own sources live, as the compiler names them.
fn is_ours(file: &str) -> bool {
    let fuzz_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let ours = fuzz_dir.parent().unwrap_or(fuzz_dir).join("src");
    std::path::Path::new(file).starts_with(ours) || file.starts_with("src/")
}

fn is_std(file: &str) -> bool {
    file.starts_with("/rustc/")
        || file.contains("/library/core/")
        || file.contains("/library/alloc/")
        || file.contains("/library/std/")
}

/// Whose panic it was: `Some(location)` inside a dependency, `None` for ours
/// (or when no frame outside the standard library says).
fn dependency_location(c: &Caught) -> Option<String> {
    let file_of = |loc: &str| loc.rsplitn(3, ':').last().unwrap_or(loc).to_string();
    let first = if is_std(&file_of(&c.location)) {
        // A panic raised inside std (capacity overflow …): its caller decides.
        c.frames
            .iter()
            .find(|f| {
                !is_std(&file_of(f))
                    && !f.contains("/libfuzzer-sys-")
                    && !f.contains("/fuzz/src/lib.rs")
            })
            .cloned()?
    } else {
        c.location.clone()
    };
    if is_ours(&file_of(&first)) {
        None
    } else {
        Some(first)
    }
}

/// Looks at a result of the library: a panic caught inside a guarded reader
/// is a crash when our code raised it, and a recorded dependency panic
/// otherwise.
pub fn check<T>(target: &str, data: &[u8], result: &Result<T, Error>) {
    let Err(Error::ParserPanic { reason, .. }) = result else {
        LAST_PANIC.with(|p| p.borrow_mut().take());
        return;
    };
    let caught = LAST_PANIC.with(|p| p.borrow_mut().take());
    let Some(caught) = caught else {
        panic!("ParserPanic without a recorded panic: {reason}");
    };
    match dependency_location(&caught) {
        None => panic!(
            "our code panicked inside a guarded reader at {}: {reason}\n{}",
            caught.location,
            caught.frames.join("\n")
        ),
        Some(at) => record_dependency_panic(target, &at, reason, data),
    }
}

/// Writes the first input per dependency panic location to
/// `$FUZZ_DEP_PANICS_DIR/<target>-<hash>.{txt,input}`.
fn record_dependency_panic(target: &str, at: &str, reason: &str, data: &[u8]) {
    static SEEN: OnceLock<Mutex<HashSet<String>>> = OnceLock::new();
    let Some(dir) = std::env::var_os("FUZZ_DEP_PANICS_DIR") else {
        return;
    };
    let seen = SEEN.get_or_init(|| Mutex::new(HashSet::new()));
    let Ok(mut seen) = seen.lock() else { return };
    if !seen.insert(at.to_string()) {
        return;
    }
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut h = DefaultHasher::new();
    at.hash(&mut h);
    let stem = std::path::Path::new(&dir).join(format!("{target}-{:016x}", h.finish()));
    let txt = stem.with_extension("txt");
    if txt.exists() {
        return;
    }
    let _ = std::fs::create_dir_all(&dir);
    let _ = std::fs::write(stem.with_extension("input"), data);
    let _ = std::fs::write(
        txt,
        format!("target: {target}\nat: {at}\nmessage: {reason}\n"),
    );
}

/// Unpacked members of an archive, in order (cached per fixture).
pub fn members(archive: &'static [u8]) -> Vec<(String, Vec<u8>)> {
    static CACHE: OnceLock<Mutex<Vec<(usize, Vec<(String, Vec<u8>)>)>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(Vec::new()));
    let key = archive.as_ptr() as usize;
    let mut cache = cache.lock().expect("cache lock");
    if let Some((_, m)) = cache.iter().find(|(k, _)| *k == key) {
        return m.clone();
    }
    let mut z = zip::ZipArchive::new(Cursor::new(archive)).expect("fixture archive reads");
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("fixture member");
        let mut body = Vec::new();
        f.read_to_end(&mut body).expect("fixture member reads");
        let name = f.name().expect("fixture member name").into_owned();
        out.push((name, body));
    }
    cache.push((key, out.clone()));
    out
}

/// A stored (uncompressed) zip archive of these members.
pub fn stored_zip<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored)
            .large_file(false);
        for (name, body) in files {
            z.start_file(name, opts).expect("zip entry");
            z.write_all(body).expect("zip write");
        }
        z.finish().expect("zip finish");
    }
    buf.into_inner()
}

/// The fixture archive with one member's bytes replaced, stored.
pub fn swap_member(archive: &'static [u8], member: &str, body: &[u8]) -> Vec<u8> {
    let m = members(archive);
    stored_zip(
        m.iter()
            .map(|(n, b)| (n.as_str(), if n == member { body } else { b.as_slice() })),
    )
}

/// Cells of one grid line: split at tabs, else at `|`.
fn cells_of(line: &str) -> Vec<&str> {
    if line.contains('\t') {
        line.split('\t').collect()
    } else {
        line.split('|').collect()
    }
}

/// Most columns of a fuzz grid (the readers bound theirs the same way).
pub const MAX_GRID_WIDTH: usize = 64;

/// A model document from fuzz text, bypassing every layout detector so that
/// the normaliser sees grids no reader would make, within the model's
/// invariants (every row `width` cells, spans pointing back):
/// - a run of lines holding a tab or `|` is one table, cells split at them;
///   a cell `^` copies the cell above (a row span), `<` the cell to its left
///   (a column span); `header_rows` comes from `flags`;
/// - a line `* text` is a list item (numbered in order), `# text` a heading
///   over the next item, `+ text` a paragraph under the last item;
/// - any other line is a paragraph.
pub fn grid_document(flags: u8, text: &str) -> Document {
    let mut doc = Document {
        layout: [
            Layout::Html,
            Layout::PipeTable,
            Layout::TabTable,
            Layout::CellPerLine,
            Layout::NumberedList,
            Layout::Plain,
        ][usize::from(flags >> 5) % 6],
        ..Document::default()
    };
    let mut rows: Vec<Vec<&str>> = Vec::new();
    let mut list: Vec<ListItem> = Vec::new();
    let mut headings: Vec<Heading> = Vec::new();
    let flush_table = |rows: &mut Vec<Vec<&str>>, doc: &mut Document| {
        if rows.is_empty() {
            return;
        }
        let width = rows
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .min(MAX_GRID_WIDTH);
        let mut out: Vec<Row> = Vec::new();
        for (r, raw) in rows.iter().enumerate() {
            let mut cells: Vec<Cell> = Vec::with_capacity(width);
            for c in 0..width {
                let t = raw.get(c).copied().unwrap_or("");
                let cell = match t {
                    "^" if r > 0 => {
                        let above = &out[r - 1].cells[c];
                        let from = match above.origin {
                            Origin::RowSpan { row } => row,
                            _ => r - 1,
                        };
                        Cell {
                            text: above.text.clone(),
                            origin: Origin::RowSpan { row: from },
                        }
                    }
                    "<" if c > 0 => {
                        let left = &cells[c - 1];
                        let from = match left.origin {
                            Origin::ColSpan { col } => col,
                            _ => c - 1,
                        };
                        Cell {
                            text: left.text.clone(),
                            origin: Origin::ColSpan { col: from },
                        }
                    }
                    t => Cell::own(t.trim()),
                };
                cells.push(cell);
            }
            out.push(Row {
                cells,
                line: Some(r + 1),
            });
        }
        let header_rows = usize::from(flags & 3).min(out.len());
        doc.blocks.push(Block::Table(Table {
            width,
            header_rows,
            rows: out,
            layout: doc.layout,
        }));
        rows.clear();
    };
    let flush_list = |list: &mut Vec<ListItem>, doc: &mut Document| {
        if !list.is_empty() {
            // Each shape of list once in a while: their evidence differs.
            let kinds = [
                ListKind::Numbered,
                ListKind::Labelled,
                ListKind::Enumeration,
                ListKind::Paragraphs,
                ListKind::Headed,
            ];
            let kind = kinds[list.len() % kinds.len()];
            doc.blocks.push(Block::List(List {
                kind,
                items: std::mem::take(list),
            }));
        }
    };
    for (i, line) in text.lines().enumerate() {
        let no = Some(i + 1);
        if line.contains('\t') || line.contains('|') {
            flush_list(&mut list, &mut doc);
            rows.push(cells_of(line));
            continue;
        }
        flush_table(&mut rows, &mut doc);
        if let Some(t) = line.strip_prefix("* ") {
            let n = list.len() + 1;
            list.push(ListItem {
                marker: n.to_string(),
                label: format!("{n}."),
                text: t.to_string(),
                line: no,
                inline: flags & 4 != 0,
                headings: std::mem::take(&mut headings),
                body: Vec::new(),
            });
        } else if let Some(t) = line.strip_prefix("# ") {
            headings.push(Heading {
                level: headings.len(),
                label: "一、".into(),
                text: t.to_string(),
                line: no,
                inline: false,
            });
        } else if let Some(t) = line.strip_prefix("+ ") {
            let p = Paragraph {
                text: t.to_string(),
                line: no,
            };
            match list.last_mut() {
                Some(item) => item.body.push(p),
                None => doc.blocks.push(Block::Paragraph(p)),
            }
        } else {
            flush_list(&mut list, &mut doc);
            let t = line.trim();
            if !t.is_empty() {
                doc.blocks.push(Block::Paragraph(Paragraph {
                    text: t.to_string(),
                    line: no,
                }));
            }
        }
    }
    flush_table(&mut rows, &mut doc);
    flush_list(&mut list, &mut doc);
    doc
}

/// Provenance for a fuzz input.
pub fn source(path: &str, format: notice_extract::InputFormat) -> notice_extract::SourceInfo {
    notice_extract::SourceInfo {
        path: path.into(),
        sha256: String::new(),
        format,
        encoding: None,
    }
}
