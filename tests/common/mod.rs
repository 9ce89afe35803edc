//! Helpers shared by the integration tests.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `notice-extract` binary built for the tests.
pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_notice-extract"))
}

/// A fresh, empty folder `ne-KIND-NAME-PID` in the temporary folder.
pub fn scratch(kind: &str, name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ne-{kind}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// The seed notices in `fixtures/`, each with its reviewed expected output.
pub fn fixtures() -> Vec<(PathBuf, PathBuf)> {
    fixtures_in(&[root().join("fixtures")])
}

/// Every saved notice with a reviewed expected output: the seeds and the
/// real pages in `fixtures/real/`.
pub fn all_fixtures() -> Vec<(PathBuf, PathBuf)> {
    fixtures_in(&[
        root().join("fixtures"),
        root().join("fixtures").join("real"),
    ])
}

fn fixtures_in(dirs: &[PathBuf]) -> Vec<(PathBuf, PathBuf)> {
    let mut out = Vec::new();
    for dir in dirs {
        for entry in std::fs::read_dir(dir).expect("fixtures/ is readable") {
            let path = entry.expect("dir entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("")
                .to_string();
            if name.ends_with(".json") || !path.is_file() {
                continue;
            }
            // The rule `regress` reads them by: NAME.EXT.expected.json, or
            // the legacy NAME.expected.json of a NAME.txt.
            let expected = notice_extract::regress::expected_file(&path, Path::is_file);
            if expected.is_file() {
                out.push((path, expected));
            }
        }
    }
    out.sort();
    out
}

/// Extracts a saved notice the way `regress` does: provenance path = file name.
pub fn extract_path(path: &Path) -> notice_extract::NoticeDocument {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    notice_extract::extract(&bytes, &file_name(path)).unwrap_or_else(|e| panic!("{e}"))
}

pub fn file_name(p: &Path) -> String {
    p.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string()
}

/// Extracts a fixture the way `regress` does: provenance path = file name.
pub fn extract_fixture(name: &str) -> notice_extract::NoticeDocument {
    let path = root().join("fixtures").join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    notice_extract::extract(&bytes, name).unwrap_or_else(|e| panic!("{e}"))
}

pub fn schema(name: &str) -> serde_json::Value {
    let p = root().join("schemas").join(name);
    serde_json::from_slice(&std::fs::read(&p).expect("schema readable")).expect("schema is JSON")
}

/// Runs `cmd` with `input` on its standard input; returns what it printed.
pub fn run_with_stdin(mut cmd: Command, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write");
    child.wait_with_output().expect("exits")
}
