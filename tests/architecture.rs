//! Invariants of ARCHITECTURE.md that a test can check: the library stays
//! free of the command line's dependencies, the quantity extractor depends
//! on nothing else of the workspace, and inside the library the data flows
//! one way (readers and layouts know nothing of records; the normaliser
//! nothing of formats).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

mod common;

/// Crates that do files, threads, terminals, databases or argument parsing:
/// the binary's business, never the library's.
const CLI_CRATES: &[&str] = &[
    "clap",
    "ctrlc",
    "csv",
    "globset",
    "indicatif",
    "mimalloc",
    "rayon",
    "rusqlite",
    "walkdir",
];

/// The names in a manifest's `[dependencies]` table (not dev or build),
/// which must list some.
fn dependencies(manifest: &str) -> Vec<String> {
    let names = dependencies_if_any(manifest);
    assert!(!names.is_empty(), "{manifest} lists no dependencies");
    names
}

/// The names in a manifest's `[dependencies]` table, perhaps none.
fn dependencies_if_any(manifest: &str) -> Vec<String> {
    let path = common::root().join(manifest);
    let text = std::fs::read_to_string(&path).expect("manifest readable");
    let mut names = Vec::new();
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            inside = line == "[dependencies]";
            continue;
        }
        if inside && !line.is_empty() && !line.starts_with('#') {
            if let Some((name, _)) = line.split_once('=') {
                names.push(name.trim().trim_end_matches(".workspace").to_string());
            }
        }
    }
    names
}

#[test]
fn the_library_depends_on_no_cli_crate() {
    let deps = dependencies("crates/notice-extract/Cargo.toml");
    let cli: Vec<&String> = deps
        .iter()
        .filter(|d| CLI_CRATES.contains(&d.as_str()))
        .collect();
    assert!(cli.is_empty(), "the library depends on {cli:?}");
    assert!(deps.iter().any(|d| d == "notice-quantity"), "{deps:?}");
}

#[test]
fn the_quantity_extractor_depends_on_nothing_else_of_the_workspace() {
    let deps = dependencies("crates/notice-quantity/Cargo.toml");
    assert!(
        !deps.iter().any(|d| d.starts_with("notice-")),
        "notice-quantity depends on {deps:?}"
    );
    let cli: Vec<&String> = deps
        .iter()
        .filter(|d| CLI_CRATES.contains(&d.as_str()))
        .collect();
    assert!(cli.is_empty(), "the quantity extractor depends on {cli:?}");
}

/// File I/O stays out of the library: the front ends' reading and naming of
/// files (`notice-input`) depends on nothing of the workspace, and the
/// library does not depend on it; the command and the Python package do.
#[test]
fn reading_files_is_the_front_ends_business() {
    let input = dependencies_if_any("crates/notice-input/Cargo.toml");
    assert!(
        !input.iter().any(|d| d.starts_with("notice-")),
        "notice-input depends on {input:?}"
    );
    let library = dependencies("crates/notice-extract/Cargo.toml");
    assert!(!library.iter().any(|d| d == "notice-input"), "{library:?}");
    for front in ["Cargo.toml", "python/Cargo.toml"] {
        assert!(
            dependencies(front).iter().any(|d| d == "notice-input"),
            "{front} reads files through notice-input"
        );
    }
}

/// The `crate::` modules each Rust file under `dir` (of the library) uses.
fn uses_in(dir: &str) -> Vec<(String, String)> {
    let root = common::root().join("crates/notice-extract/src").join(dir);
    let mut files = vec![root.clone()];
    let mut out = Vec::new();
    while let Some(p) = files.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p).expect("readable") {
                files.push(e.expect("entry").path());
            }
            continue;
        }
        if p.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&p).expect("readable");
        for (i, _) in text.match_indices("crate::") {
            let module: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            out.push((p.display().to_string(), module));
        }
    }
    assert!(!out.is_empty(), "{dir}: no uses found");
    out
}

#[test]
fn readers_and_layouts_know_nothing_of_records() {
    for dir in ["read", "layout", "vocab"] {
        for (file, module) in uses_in(dir) {
            assert!(
                !["normalize", "record"].contains(&module.as_str()),
                "{file} uses crate::{module}"
            );
        }
    }
}

#[test]
fn the_normaliser_knows_nothing_of_formats() {
    for (file, module) in uses_in("normalize") {
        assert!(
            !["read", "decode"].contains(&module.as_str()),
            "{file} uses crate::{module}"
        );
    }
}
