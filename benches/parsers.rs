//! Per-format throughput, side by side on the same inputs: the bare parser a
//! reader is built on, our reader (bytes → intermediate model), the whole
//! extraction (model → records → quantities), and extraction plus JSONL
//! serialisation, which is what `convert --format jsonl` does per file.
//!
//! Inputs are the fixtures: the saved text of the five seed notices and
//! their HTML, DOCX and XLSX versions in `fixtures/formats/`. Throughput is in
//! input bytes (for DOCX and XLSX, bytes of the compressed file).
//!
//! `cargo bench --bench parsers`; README "Performance" quotes its figures.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

/// The allocator the binary uses (src/main.rs), so these figures match
/// `convert`; the bare parsers run on it too.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::io::Read;
use std::path::{Path, PathBuf};

struct Input {
    name: String,
    bytes: Vec<u8>,
}

/// Every fixture file whose name ends with one of `suffixes`.
fn inputs(dir: &str, suffixes: &[&str]) -> Vec<Input> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&root)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        suffixes.iter().any(|s| name.ends_with(s)) && !name.ends_with(".expected.json")
    });
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| {
            Some(Input {
                name: p.display().to_string(),
                bytes: std::fs::read(&p).ok()?,
            })
        })
        .collect()
}

fn total(inputs: &[Input]) -> u64 {
    inputs.iter().map(|i| i.bytes.len() as u64).sum()
}

/// The stages every format shares: our reader, the whole extraction, and the
/// extraction with each record written as a JSON line.
fn ours(g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>, ins: &[Input]) {
    g.bench_function("read (model)", |b| {
        b.iter(|| {
            ins.iter()
                .filter_map(|i| {
                    notice_extract::parse(black_box(&i.bytes), &i.name)
                        .ok()
                        .map(|p| p.document)
                })
                .map(|d| d.blocks.len())
                .sum::<usize>()
        })
    });
    g.bench_function("extract (records + quantities)", |b| {
        b.iter(|| {
            ins.iter()
                .filter_map(|i| notice_extract::extract(black_box(&i.bytes), &i.name).ok())
                .map(|d| d.records.len())
                .sum::<usize>()
        })
    });
    let mut out = Vec::with_capacity(1 << 22);
    g.bench_function("extract + jsonl", |b| {
        b.iter(|| {
            out.clear();
            for i in ins {
                if let Ok(doc) = notice_extract::extract(black_box(&i.bytes), &i.name) {
                    for r in &doc.records {
                        if serde_json::to_writer(&mut out, r).is_ok() {
                            out.push(b'\n');
                        }
                    }
                }
            }
            out.len()
        })
    });
}

/// One format's group: the bare parser, then our stages, on the same inputs.
fn group(c: &mut Criterion, name: &str, ins: &[Input], bare_name: &str, bare: impl Fn() -> usize) {
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(total(ins)));
    g.sample_size(20);
    g.bench_function(bare_name, |b| b.iter(&bare));
    ours(&mut g, ins);
    g.finish();
}

fn text(c: &mut Criterion) {
    let ins = inputs("fixtures", &[".txt"]);
    // The least any reader of saved text does: decode and split lines.
    group(c, "text", &ins, "bare: decode + lines", || {
        ins.iter()
            .filter_map(|i| notice_extract::internals::decode(&i.bytes, &i.name, None).ok())
            .map(|d| d.text.lines().count())
            .sum::<usize>()
    });
}

fn html(c: &mut Criterion) {
    let ins = inputs("fixtures/formats", &[".html"]);
    // scraper's parse of the already decoded page: the DOM we walk.
    let decoded: Vec<String> = ins
        .iter()
        .filter_map(|i| {
            let declared = notice_extract::internals::declared_charset(&i.bytes);
            notice_extract::internals::decode(&i.bytes, &i.name, declared)
                .ok()
                .map(|d| d.text)
        })
        .collect();
    group(
        c,
        "html",
        &ins,
        "bare: scraper::Html::parse_document",
        || {
            decoded
                .iter()
                .map(|t| {
                    scraper::Html::parse_document(black_box(t))
                        .tree
                        .nodes()
                        .count()
                })
                .sum::<usize>()
        },
    );
}

/// Every XML event of `word/document.xml`: unzip plus quick-xml, the floor
/// under any DOCX reader.
fn docx_events(bytes: &[u8]) -> usize {
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return 0;
    };
    let mut xml = Vec::new();
    match zip.by_name("word/document.xml") {
        Ok(mut f) => {
            if f.read_to_end(&mut xml).is_err() {
                return 0;
            }
        }
        Err(_) => return 0,
    }
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    let mut n = 0;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) | Err(_) => break,
            Ok(_) => n += 1,
        }
        buf.clear();
    }
    n
}

fn docx(c: &mut Criterion) {
    let ins = inputs("fixtures/formats", &[".docx"]);
    group(c, "docx", &ins, "bare: zip + quick-xml events", || {
        ins.iter()
            .map(|i| docx_events(black_box(&i.bytes)))
            .sum::<usize>()
    });
}

/// Every cell of every sheet as calamine reads it.
fn xlsx_cells(bytes: &[u8]) -> usize {
    use calamine::Reader;
    let Ok(mut wb) = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)) else {
        return 0;
    };
    let names = wb.sheet_names().to_vec();
    names
        .iter()
        .filter_map(|n| wb.worksheet_range(n).ok())
        .map(|r| r.used_cells().count())
        .sum()
}

fn xlsx(c: &mut Criterion) {
    let ins = inputs("fixtures/formats", &[".xlsx"]);
    group(c, "xlsx", &ins, "bare: calamine cells", || {
        ins.iter()
            .map(|i| xlsx_cells(black_box(&i.bytes)))
            .sum::<usize>()
    });
}

criterion_group!(benches, text, html, docx, xlsx);
criterion_main!(benches);
