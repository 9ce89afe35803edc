//! Throughput of the quantity extractor on target texts copied from the seed
//! notices (benches/data/seed_targets.txt), repeated to about 1 MB and read
//! one field (line) at a time, as the normaliser does.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use notice_extract::quantity::extract;

const TARGETS: &str = include_str!("data/seed_targets.txt");
const SIZE: usize = 1 << 20;

fn corpus() -> Vec<&'static str> {
    let lines: Vec<&'static str> = TARGETS.lines().filter(|l| !l.is_empty()).collect();
    let mut out = Vec::new();
    let mut bytes = 0;
    while bytes < SIZE {
        for l in &lines {
            out.push(*l);
            bytes += l.len();
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let fields = corpus();
    let bytes: usize = fields.iter().map(|f| f.len()).sum();
    let mut group = c.benchmark_group("quantity");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.bench_function("extract_target_fields", |b| {
        b.iter(|| {
            let mut n = 0;
            for f in &fields {
                n += extract(black_box(f)).len();
            }
            n
        })
    });
    let joined = fields.join("\n");
    group.throughput(Throughput::Bytes(joined.len() as u64));
    group.bench_function("extract_one_text", |b| {
        b.iter(|| extract(black_box(&joined)).len())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
