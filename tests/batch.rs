//! `convert` over folders: every input accounted for, every output format,
//! output independent of the thread count, re-runs safe.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

mod common;
use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_notice-extract"))
}

/// A fresh, empty folder `ne-batch-NAME-PID` in the temporary folder, with
/// an empty `in/` for the inputs.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ne-batch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("in")).expect("temp dir");
    dir
}

/// A folder mixing every fixture format, an unreadable file, a non-notice and an image.
fn mixed(name: &str) -> PathBuf {
    let dir = scratch(name);
    let sub = dir.join("in/sub");
    std::fs::create_dir_all(&sub).expect("temp dir");
    let root = common::root();
    for (input, _) in common::fixtures() {
        std::fs::copy(&input, dir.join("in").join(common::file_name(&input))).expect("copy");
    }
    for e in std::fs::read_dir(root.join("fixtures/formats")).expect("formats") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x != "md") && p.is_file() {
            std::fs::copy(&p, sub.join(p.file_name().expect("name"))).expect("copy");
        }
    }
    std::fs::write(sub.join("broken.docx"), b"PK\x03\x04broken").expect("write");
    std::fs::write(dir.join("in/empty.txt"), b"").expect("write");
    std::fs::write(
        dir.join("in/readme.txt"),
        "这是一个普通网页，没有项目表。\n",
    )
    .expect("write");
    std::fs::write(dir.join("in/logo.png"), b"\x89PNG\r\n\x1a\n....").expect("write");
    dir
}

fn run(args: &[&str], input: &Path, out: &Path, jobs: &str) -> std::process::Output {
    bin()
        .arg("convert")
        .arg(input)
        .args(args)
        .arg("-o")
        .arg(out)
        .args(["--jobs", jobs, "-q"])
        .output()
        .expect("runs")
}

fn errors(path: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .expect("errors.jsonl")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            let p = v["path"]
                .as_str()
                .unwrap_or_default()
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string();
            (p, v["status"].as_str().unwrap_or_default().to_string())
        })
        .collect()
}

const BAD: [(&str, &str); 4] = [
    ("empty.txt", "failed"),
    ("logo.png", "skipped"),
    ("readme.txt", "skipped"),
    ("broken.docx", "failed"),
];

fn want_bad() -> Vec<(String, String)> {
    BAD.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn every_format_accounts_for_every_input() {
    let dir = mixed("formats");
    let input = dir.join("in");
    // 5 text fixtures + 26 format files (4 of them .doc, 4 PDF) convert.
    let jsonl = dir.join("out/all.jsonl");
    let o = run(&["--format", "jsonl"], &input, &jsonl, "2");
    assert_eq!(o.status.code(), Some(1), "failures make the exit code 1");
    let lines = std::fs::read_to_string(&jsonl)
        .expect("jsonl")
        .lines()
        .count();
    assert_eq!(lines, 1004, "records of 31 converted inputs");
    assert_eq!(errors(&dir.join("out/all.errors.jsonl")), want_bad());

    let json_dir = dir.join("out/json");
    run(&["--format", "json"], &input, &json_dir, "2");
    let n = walk(&json_dir)
        .iter()
        .filter(|p| p.to_string_lossy().ends_with(".json") && !p.ends_with("errors.jsonl"))
        .count();
    assert_eq!(n, 31);
    assert!(json_dir
        .join("in/sub/qianjiang-2025-minsheng.docx.json")
        .is_file());
    assert_eq!(errors(&json_dir.join("errors.jsonl")), want_bad());

    let csv_dir = dir.join("out/csv");
    run(&["--format", "csv"], &input, &csv_dir, "2");
    let records = std::fs::read(csv_dir.join("records.csv")).expect("records.csv");
    assert!(records.starts_with(b"\xEF\xBB\xBF"), "BOM for Excel");
    assert_eq!(
        records.iter().filter(|b| **b == b'\n').count() - newlines_in_fields(&records),
        1005
    );
    // quantities.csv and milestones.csv hold every quantity and milestone of
    // the JSONL records, each row keyed by an id that records.csv has.
    let (mut quantities, mut milestones) = (0, 0);
    for line in std::fs::read_to_string(&jsonl).expect("jsonl").lines() {
        let r: serde_json::Value = serde_json::from_str(line).expect("record");
        quantities += r["quantities"].as_array().map_or(0, |a| a.len());
        milestones += r["milestones"].as_array().map_or(0, |a| a.len());
    }
    assert!(quantities > 1000 && milestones > 100);
    let ids: std::collections::HashSet<String> = csv_rows(&records)
        .into_iter()
        .filter_map(|r| r.first().cloned())
        .collect();
    for (file, want, header) in [
        (
            "quantities.csv",
            quantities,
            "record_id,position,field,text",
        ),
        (
            "milestones.csv",
            milestones,
            "record_id,position,period,label,text",
        ),
    ] {
        let bytes = std::fs::read(csv_dir.join(file)).expect(file);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{file}: BOM");
        assert!(
            bytes[3..].starts_with(header.as_bytes()),
            "{file}: header first"
        );
        let rows = csv_rows(&bytes);
        assert_eq!(rows.len(), want, "{file}: one row each");
        assert!(rows
            .iter()
            .all(|r| r.first().is_some_and(|id| ids.contains(id))));
    }

    let db = dir.join("out/all.db");
    run(&["--format", "sqlite"], &input, &db, "2");
    let conn = rusqlite::Connection::open(&db).expect("opens");
    let count: i64 = conn
        .query_row("SELECT COUNT(*) FROM records", [], |r| r.get(0))
        .expect("query");
    assert_eq!(count, 1004);
    // Nothing half-written is left behind.
    assert!(walk(&dir.join("out"))
        .iter()
        .all(|p| !p.to_string_lossy().contains(".tmp-")));
    std::fs::remove_dir_all(&dir).ok();
}

/// The data rows of a CSV file written with a BOM and a header row.
fn csv_rows(csv_bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(csv_bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(csv_bytes))
        .records()
        .map(|r| r.expect("csv row").iter().map(str::to_string).collect())
        .collect()
}

/// Newlines inside quoted CSV fields (multi-line cells) do not end records.
fn newlines_in_fields(csv_bytes: &[u8]) -> usize {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_bytes);
    r.records()
        .filter_map(Result::ok)
        .map(|rec| rec.iter().map(|f| f.matches('\n').count()).sum::<usize>())
        .sum()
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(walk(&p));
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let dir = mixed("jobs");
    let input = dir.join("in");
    for (fmt, name) in [("jsonl", "x.jsonl"), ("sqlite", "x.db"), ("csv", "csv")] {
        let a = dir.join(format!("j1/{name}"));
        let b = dir.join(format!("j2/{name}"));
        run(&["--format", fmt], &input, &a, "1");
        run(&["--format", fmt], &input, &b, "2");
        let (fa, fb) = if fmt == "csv" {
            (a.join("records.csv"), b.join("records.csv"))
        } else {
            (a.clone(), b.clone())
        };
        assert_eq!(
            std::fs::read(&fa).expect("a"),
            std::fs::read(&fb).expect("b"),
            "{fmt}"
        );
    }
    // A re-run over the same output replaces it cleanly.
    let again = dir.join("j1/x.jsonl");
    run(&["--format", "jsonl"], &input, &again, "2");
    assert_eq!(
        std::fs::read(&again).expect("a"),
        std::fs::read(dir.join("j2/x.jsonl")).expect("b")
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// The SQL example of README.md, as the shell passes it to `sqlite3`: the
/// text between `sqlite3 notices.db "` and `;"`, with `\"` read as `"`.
fn readme_sql() -> String {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("README");
    let start = readme
        .find("sqlite3 notices.db \"")
        .expect("the SQL example")
        + 20;
    let len = readme[start..].find(";\"").expect("its end");
    readme[start..start + len].replace("\\\"", "\"")
}

/// README's SQL, run on a folder holding every seed notice in every format
/// (the page, its DOCX, XLSX, XLS, ODS … each a copy of the same notice),
/// gives each region's kilometres once: what the reviewed expected outputs
/// of the five seeds give, not four to seven times that.
#[test]
fn readme_query_counts_each_notice_once() {
    let dir = mixed("sql");
    let db = dir.join("n.db");
    let o = run(&["--format", "sqlite"], &dir.join("in"), &db, "2");
    assert_eq!(o.status.code(), Some(1), "the folder holds failures too");
    let conn = rusqlite::Connection::open(&db).expect("opens");
    let formats: i64 = conn
        .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
        .expect("count");
    assert!(formats > 15, "every copy converted: {formats}");
    let mut st = conn.prepare(&readme_sql()).expect("README's query");
    let got: Vec<(String, i64, f64)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows read");
    // The same sums from the reviewed expected outputs (read by eye against
    // each notice), not from the code under test.
    let mut want: std::collections::BTreeMap<(String, i64), f64> = Default::default();
    for (_, expected) in common::fixtures() {
        let doc: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&expected).expect("expected readable"))
                .expect("expected is JSON");
        let key = (
            doc["notice"]["region"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
            doc["notice"]["year"].as_i64().unwrap_or_default(),
        );
        for r in doc["records"].as_array().into_iter().flatten() {
            let inherited = r["source"]["inherited"].as_array();
            if inherited.is_some_and(|i| i.iter().any(|f| f == "target")) {
                continue;
            }
            for q in r["quantities"].as_array().into_iter().flatten() {
                if q["field"] == "target" && q["normalized"]["unit"] == "km" {
                    *want.entry(key.clone()).or_default() +=
                        q["normalized"]["value"].as_f64().expect("a number");
                }
            }
        }
    }
    let mut got_sorted = got.clone();
    got_sorted.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    assert_eq!(got_sorted.len(), want.len(), "{got:?} vs {want:?}");
    for ((region, year, km), ((wr, wy), wkm)) in got_sorted.iter().zip(&want) {
        assert_eq!((region, year), (wr, wy));
        assert!((km - wkm).abs() < 0.006, "{region} {year}: {km} vs {wkm}");
    }
    // By hand from the 高新区 notice: 6公里 + 20公里 + 约12.4公里 + 约1.8公里 + 约10.6公里.
    let gaoxin = got.iter().find(|(r, _, _)| r == "重庆高新区").map(|g| g.2);
    assert!(
        gaoxin.is_some_and(|km| (km - 50.8).abs() < 1e-9),
        "{gaoxin:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Every copy of a notice has the notice's id, and each record of a later
/// copy names the first copy's file in `duplicate_of`; the first copy's
/// records name none.
#[test]
fn copies_of_a_notice_share_its_id_and_name_the_first_copy() {
    let dir = mixed("dups");
    let out = dir.join("all.jsonl");
    let o = run(&[], &dir.join("in"), &out, "2");
    assert_eq!(o.status.code(), Some(1), "the folder holds failures too");
    let text = std::fs::read_to_string(&out).expect("output");
    let mut first: std::collections::BTreeMap<String, String> = Default::default();
    let mut ids: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    for line in text.lines() {
        let r: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let path = r["source"]["path"].as_str().expect("path").to_string();
        let stem = common::file_name(Path::new(&path));
        let stem = stem.split('.').next().expect("stem").to_string();
        let id = r["notice"]["id"].as_str().expect("an id").to_string();
        ids.entry(stem.clone()).or_default().insert(id);
        let owner = first.entry(stem).or_insert_with(|| path.clone());
        if *owner == path {
            assert!(r["duplicate_of"].is_null(), "{line}");
        } else {
            assert_eq!(r["duplicate_of"].as_str(), Some(owner.as_str()), "{line}");
        }
    }
    assert_eq!(ids.len(), 5, "five notices: {ids:?}");
    for (stem, id) in &ids {
        assert_eq!(id.len(), 1, "{stem}: one id for every copy: {id:?}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// `--append` adds to a database: the same file again, or its bytes under
/// another name, replaces the document rather than doubling it; another
/// copy of a notice (its DOCX) is added with its records marked as
/// duplicates of the first; a changed file under the same path replaces it.
#[test]
fn sqlite_append_replaces_what_is_already_there() {
    let dir = scratch("append");
    let db = dir.join("n.db");
    let root = common::root();
    let txt = dir.join("in/yubei.txt");
    std::fs::copy(root.join("fixtures/yubei-2024-minsheng.txt"), &txt).expect("copy");
    let count = |sql: &str| -> i64 {
        let conn = rusqlite::Connection::open(&db).expect("opens");
        conn.query_row(sql, [], |r| r.get(0)).expect("count")
    };
    let convert = |input: &Path, append: bool| {
        let mut cmd = bin();
        cmd.arg("convert").arg(input).arg("-q").arg("-o").arg(&db);
        if append {
            cmd.arg("--append");
        }
        let o = cmd.output().expect("runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    convert(&txt, false);
    let records = count("SELECT COUNT(*) FROM records");
    assert_eq!(records, 41);
    convert(&txt, true);
    assert_eq!(
        count("SELECT COUNT(*) FROM documents"),
        1,
        "same path: replaced"
    );
    assert_eq!(count("SELECT COUNT(*) FROM records"), records);
    let copy = dir.join("in/copy.txt");
    std::fs::copy(&txt, &copy).expect("copy");
    convert(&copy, true);
    assert_eq!(
        count("SELECT COUNT(*) FROM documents"),
        1,
        "same bytes: replaced"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM documents WHERE path LIKE '%copy.txt'"),
        1
    );
    let quantities = count("SELECT COUNT(*) FROM quantities");
    convert(
        &root.join("fixtures/formats/yubei-2024-minsheng.docx"),
        true,
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM documents"),
        2,
        "another copy: added"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM records WHERE duplicate_of LIKE '%copy.txt'"),
        records,
        "its records name the first copy"
    );
    assert_eq!(count("SELECT COUNT(*) FROM quantities"), 2 * quantities);
    // The text changed under the same path: replaced, and now the later
    // document, so the DOCX holds the first copy of the unchanged records.
    let text = std::fs::read_to_string(&copy).expect("text");
    std::fs::write(&copy, text.replace("渝北区", "渝北")).expect("write");
    convert(&copy, true);
    assert_eq!(count("SELECT COUNT(*) FROM documents"), 2);
    assert_eq!(
        count("SELECT COUNT(*) FROM records WHERE duplicate_of LIKE '%copy.txt'"),
        0
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM quantities q JOIN records r ON r.id = q.record_id"),
        count("SELECT COUNT(*) FROM quantities"),
        "no quantity left of a replaced document"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// `--append` refuses what it cannot do: another format, or a database that
/// this version did not write; and leaves that database as it was.
#[test]
fn sqlite_append_refuses_other_formats_and_foreign_databases() {
    let dir = scratch("append-refused");
    let input = common::root().join("fixtures/yubei-2024-minsheng.txt");
    let o = bin()
        .arg("convert")
        .arg(&input)
        .args(["--append", "-o"])
        .arg(dir.join("out.jsonl"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--append"));
    let db = dir.join("other.db");
    rusqlite::Connection::open(&db)
        .and_then(|c| {
            c.execute_batch(
                "CREATE TABLE documents (x TEXT); INSERT INTO documents VALUES ('mine');",
            )
        })
        .expect("a foreign database");
    let before = std::fs::read(&db).expect("db");
    let o = bin()
        .arg("convert")
        .arg(&input)
        .args(["--append", "-o"])
        .arg(&db)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot append"), "{stderr}");
    assert_eq!(std::fs::read(&db).expect("db"), before, "left as it was");
    std::fs::remove_dir_all(&dir).ok();
}

/// CSV and SQLite name a column alike: a query written for one runs on the
/// other. Only the notice's metadata (on each CSV record, in `documents` in
/// SQLite) and the database's `fingerprint` are in one output alone.
#[test]
fn csv_and_sqlite_name_their_columns_alike() {
    let dir = scratch("columns");
    let input = common::root().join("fixtures/qianjiang-2025-minsheng.txt");
    for (format, out) in [("csv", "csv"), ("sqlite", "n.db")] {
        let o = run(&["--format", format], &input, &dir.join(out), "1");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let conn = rusqlite::Connection::open(dir.join("n.db")).expect("opens");
    let sql_columns = |table: &str| -> Vec<String> {
        let mut st = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")
            .expect("pragma");
        st.query_map([table], |r| r.get(0))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("names")
    };
    let csv_header = |file: &str| -> Vec<String> {
        let bytes = std::fs::read(dir.join("csv").join(file)).expect("csv");
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("a BOM");
        let mut reader = csv::Reader::from_reader(bytes);
        reader
            .headers()
            .expect("a header")
            .iter()
            .map(str::to_string)
            .collect()
    };
    for table in ["quantities", "milestones"] {
        assert_eq!(
            csv_header(&format!("{table}.csv")),
            sql_columns(table),
            "{table}"
        );
    }
    let notice = [
        "notice_id",
        "notice_title",
        "doc_number",
        "issuer",
        "date",
        "region",
        "year",
    ];
    let csv: Vec<String> = csv_header("records.csv")
        .into_iter()
        .filter(|c| !notice.contains(&c.as_str()))
        .collect();
    let sql: Vec<String> = sql_columns("records")
        .into_iter()
        .filter(|c| c != "fingerprint")
        .collect();
    assert_eq!(csv, sql);
    std::fs::remove_dir_all(&dir).ok();
}

/// A document the database refuses (here the same path listed twice, so
/// its id is taken) is reported as failed and costs only itself: the
/// database holds every other document.
#[test]
fn a_document_the_database_refuses_costs_only_itself() {
    let dir = scratch("refused");
    let list = dir.join("paths.txt");
    let root = common::root();
    let a = root.join("fixtures/yubei-2024-minsheng.txt");
    let b = root.join("fixtures/wulong-2023-minsheng.txt");
    std::fs::write(
        &list,
        format!("{}\n{}\n{}\n", a.display(), a.display(), b.display()),
    )
    .expect("list");
    let db = dir.join("n.db");
    let o = bin()
        .arg("convert")
        .arg("--files-from")
        .arg(&list)
        .args(["-q", "-o"])
        .arg(&db)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("not stored in the database"), "{stderr}");
    let conn = rusqlite::Connection::open(&db).expect("the database was written");
    let docs: i64 = conn
        .query_row("SELECT COUNT(*) FROM documents", [], |r| r.get(0))
        .expect("count");
    assert_eq!(docs, 2);
    let records: i64 = conn
        .query_row("SELECT COUNT(*) FROM records", [], |r| r.get(0))
        .expect("count");
    assert_eq!(records, 41 + 26, "the refused copy left no row");
    let errors = std::fs::read_to_string(dir.join("n.errors.jsonl")).expect("errors file");
    assert_eq!(errors.lines().count(), 1, "{errors}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn files_from_standard_input() {
    // Blank lines and `#` comments in the list are passed over.
    let list = format!(
        "# the notices of run 3\n{}\n\n   \n# its attachment\n{}\n",
        common::root()
            .join("fixtures/yubei-2024-minsheng.txt")
            .display(),
        common::root()
            .join("fixtures/formats/qianjiang-2025-minsheng.docx")
            .display()
    );
    let mut cmd = bin();
    cmd.args(["convert", "--files-from", "-", "--format", "jsonl", "-q"]);
    let out = common::run_with_stdin(cmd, list.as_bytes());
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        41 + 44
    );
}

/// Regression: an errors file was written beside every output, empty when
/// nothing was skipped or failed; one an earlier run left there is removed,
/// since it would describe another run. The summary says `1 file`.
#[test]
fn no_errors_file_when_nothing_was_skipped_or_failed() {
    let dir = scratch("no-errors");
    let out = dir.join("out.jsonl");
    std::fs::write(dir.join("out.errors.jsonl"), "{\"stale\":true}\n").expect("write");
    let o = bin()
        .args(["convert", "--format", "jsonl", "-o"])
        .arg(&out)
        .arg(common::root().join("fixtures/yubei-2024-minsheng.txt"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    assert!(out.is_file());
    assert!(!dir.join("out.errors.jsonl").exists(), "no errors file");
    assert!(stderr.contains("1 file seen: 1 converted"), "{stderr}");
    // With a failure, the errors file is there.
    std::fs::write(dir.join("in/empty.txt"), "").expect("write");
    let o = bin()
        .args(["convert", "--format", "jsonl", "-o"])
        .arg(&out)
        .arg(dir.join("in"))
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(errors(&dir.join("out.errors.jsonl")).len(), 1);
}

/// A folder walk passes over hidden files and folders and the tool's own
/// `*.expected.json`, as ripgrep and fd users expect; `--hidden` reads them.
#[test]
fn walks_pass_over_hidden_entries_and_expected_outputs() {
    let dir = scratch("hidden");
    let good = common::root().join("fixtures/yubei-2024-minsheng.txt");
    let input = dir.join("in");
    std::fs::copy(&good, input.join("a.txt")).expect("copy");
    std::fs::copy(&good, input.join(".draft.txt")).expect("copy");
    std::fs::create_dir_all(input.join(".git")).expect("dir");
    std::fs::copy(&good, input.join(".git/b.txt")).expect("copy");
    std::fs::write(input.join("a.expected.json"), "{}").expect("write");
    let seen = |extra: &[&str]| {
        let o = bin()
            .args(["convert", "--format", "jsonl", "-q"])
            .args(extra)
            .arg(&input)
            .output()
            .expect("runs");
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    let plain = seen(&[]);
    assert!(plain.contains("1 file seen: 1 converted"), "{plain}");
    let all = seen(&["--hidden"]);
    assert!(all.contains("4 files seen: 3 converted"), "{all}");
    // A hidden file named on the command line is read.
    let o = bin()
        .args(["convert", "--format", "jsonl", "-q"])
        .arg(input.join(".draft.txt"))
        .output()
        .expect("runs");
    assert!(o.status.success());
    std::fs::remove_dir_all(&dir).ok();
}

/// Regression: two file names that differ only in bytes that are not UTF-8
/// got the same document id, so a SQLite run failed whole (`UNIQUE
/// constraint failed: documents.id`). Ids escape such bytes (`\xFF`).
#[cfg(unix)]
#[test]
fn file_names_not_utf8_get_distinct_ids() {
    use std::os::unix::ffi::OsStrExt;
    let dir = scratch("not-utf8");
    let good = common::root().join("fixtures/yubei-2024-minsheng.txt");
    for name in [&b"a\xff.txt"[..], &b"a\xfe.txt"[..]] {
        std::fs::copy(
            &good,
            dir.join("in").join(std::ffi::OsStr::from_bytes(name)),
        )
        .expect("copy");
    }
    let db = dir.join("out.db");
    let o = bin()
        .args(["convert", "-q", "-o"])
        .arg(&db)
        .arg(dir.join("in"))
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let conn = rusqlite::Connection::open(&db).expect("a database");
    let mut ids: Vec<String> = conn
        .prepare("SELECT path FROM documents ORDER BY path")
        .expect("query")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect();
    ids.iter_mut()
        .for_each(|p| *p = p.rsplit('/').next().unwrap_or_default().to_string());
    assert_eq!(ids, ["a\\xFE.txt", "a\\xFF.txt"]);
    std::fs::remove_dir_all(&dir).ok();
}

/// Regression: a FIFO named on the command line (or swapped in after the
/// walk) hung the run forever on open. Inputs are opened without blocking
/// and their type checked on the handle: a FIFO is skipped at once. A file
/// larger than one notice may be fails without being read into memory.
#[cfg(unix)]
#[test]
fn a_fifo_never_blocks_and_a_huge_file_is_not_read() {
    let dir = scratch("fifo");
    let fifo = dir.join("in/pipe.txt");
    let made = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let huge = dir.join("in/huge.txt");
    let f = std::fs::File::create(&huge).expect("create");
    f.set_len(notice_extract::limits::MAX_INPUT_BYTES as u64 + 1)
        .expect("sparse file");
    let mut child = bin()
        .args(["convert", "--format", "jsonl"])
        .arg(&fifo)
        .arg(&huge)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let started = std::time::Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if started.elapsed() > std::time::Duration::from_secs(30) {
            let _ = child.kill();
            panic!("the run blocked on the FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let o = child.wait_with_output().expect("exits");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("pipe.txt: not a regular file"), "{stderr}");
    assert!(
        stderr.contains("huge.txt: 67108865 bytes is more than"),
        "{stderr}"
    );
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Regression: links inside a walked folder were passed over in silence, so a
/// broken link went unreported. Now a link to a file is converted, a link to a
/// folder is listed as skipped (not followed: no cycles), a broken link as failed.
#[cfg(unix)]
#[test]
fn links_in_a_folder_are_accounted_for() {
    use std::os::unix::fs::symlink;
    let dir = scratch("links");
    let input = dir.join("in");
    let fixture = common::root().join("fixtures/yubei-2024-minsheng.txt");
    std::fs::copy(&fixture, input.join("a.txt")).expect("copy");
    symlink(&fixture, input.join("linked.txt")).expect("link to a file");
    symlink(dir.join("nowhere.txt"), input.join("broken.txt")).expect("broken link");
    symlink(&input, input.join("cycle")).expect("link to a folder");
    let out = dir.join("out");
    let o = run(&["--format", "json"], &input, &out, "2");
    assert_eq!(o.status.code(), Some(1), "a broken link is a failure");
    assert!(out.join("in/a.txt.json").is_file());
    assert!(out.join("in/linked.txt.json").is_file());
    let mut bad = errors(&out.join("errors.jsonl"));
    bad.sort();
    assert_eq!(
        bad,
        [
            ("broken.txt".to_string(), "failed".to_string()),
            ("cycle".to_string(), "skipped".to_string()),
        ]
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("broken symbolic link"), "{stderr}");
    // Skipped inputs are not on stderr under -q; their reason is in the errors file.
    let listed = std::fs::read_to_string(out.join("errors.jsonl")).expect("errors file");
    assert!(
        listed.contains("a symbolic link to a folder, not followed while walking"),
        "{listed}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Ctrl-C (SIGINT) during a run: the run stops between chunks, exits 130,
/// and leaves neither a temporary file nor a partial output under its name.
#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_partial_output() {
    let dir = scratch("interrupt");
    let input = dir.join("in");
    let fixture = common::root().join("fixtures/yubei-2024-minsheng.txt");
    // Far more work than the few hundred milliseconds before the signal.
    for i in 0..3000 {
        std::fs::hard_link(&fixture, input.join(format!("{i:04}.txt")))
            .or_else(|_| std::fs::copy(&fixture, input.join(format!("{i:04}.txt"))).map(drop))
            .expect("link or copy");
    }
    let out = dir.join("out.jsonl");
    let child = bin()
        .arg("convert")
        .arg(&input)
        .args(["--format", "jsonl", "--jobs", "1", "-q", "-o"])
        .arg(&out)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let tmp = dir.join(format!("out.jsonl.tmp-{}", child.id()));
    let started = std::time::Instant::now();
    while !tmp.exists() && started.elapsed() < std::time::Duration::from_secs(30) {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(tmp.exists(), "the run writes under a temporary name");
    let killed = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let o = child.wait_with_output().expect("exits");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted after"), "{stderr}");
    assert!(!tmp.exists(), "temporary file removed");
    assert!(!out.exists(), "no partial output under the final name");
    assert!(!dir.join("out.errors.jsonl").exists());
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| n != "in")
        .collect();
    assert!(left.is_empty(), "{left:?}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The files a run converted, from the documents `--format json -o OUT`
/// wrote: their paths under OUT, without `.json`, sorted.
fn converted(out: &Path) -> Vec<String> {
    let mut got: Vec<String> = walk(out)
        .iter()
        .filter_map(|p| p.strip_prefix(out).ok())
        .map(|p| p.to_string_lossy().into_owned())
        .filter_map(|p| p.strip_suffix(".json").map(str::to_string))
        .collect();
    got.sort();
    got
}

/// `--glob` and `--exclude` choose what a folder walk takes, as in ripgrep
/// and fd: a pattern without `/` matches a name at any depth, one with `/`
/// the path under the folder named; an excluded folder is not entered;
/// `--glob '!PATTERN'` excludes; matching is case-sensitive; files named on
/// the command line are always read; a bad pattern is a usage error.
#[test]
fn glob_and_exclude_choose_what_a_walk_takes() {
    let dir = scratch("glob");
    let input = dir.join("in");
    let good = common::root().join("fixtures/yubei-2024-minsheng.txt");
    for name in [
        "a.txt",
        "draft-b.txt",
        "c.html",
        "2023/x/d.txt",
        "2023/e.txt",
        "2024/f.txt",
        "skip/g.txt",
    ] {
        let p = input.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).expect("dir");
        std::fs::copy(&good, &p).expect("copy");
    }
    let mut n = 0;
    let mut convert = |args: &[&str], extra: &[&Path]| {
        n += 1;
        let out = dir.join(format!("out{n}"));
        let o = bin()
            .args(["convert", "--format", "json", "-q"])
            .args(args)
            .arg(&input)
            .args(extra)
            .arg("-o")
            .arg(&out)
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{args:?}: {stderr}");
        converted(&out)
    };
    assert_eq!(
        convert(&["--glob", "*.txt", "--exclude", "draft*"], &[]),
        [
            "in/2023/e.txt",
            "in/2023/x/d.txt",
            "in/2024/f.txt",
            "in/a.txt",
            "in/skip/g.txt"
        ]
    );
    // `skip` names only the folder: its file is not reached.
    assert_eq!(
        convert(
            &["--glob", "*.txt", "--glob", "*.html", "--exclude", "skip"],
            &[]
        ),
        [
            "in/2023/e.txt",
            "in/2023/x/d.txt",
            "in/2024/f.txt",
            "in/a.txt",
            "in/c.html",
            "in/draft-b.txt"
        ]
    );
    assert_eq!(
        convert(&["--glob", "2023/**/*.txt"], &[]),
        ["in/2023/e.txt", "in/2023/x/d.txt"]
    );
    assert_eq!(
        convert(&["--glob", "!*.txt", "--exclude", "20*/"], &[]),
        ["in/c.html"]
    );
    // Case-sensitive, as ripgrep's -g; a file named on the command line is
    // read whatever the patterns say.
    assert_eq!(
        convert(&["--glob", "*.TXT"], &[&input.join("draft-b.txt")]),
        ["draft-b.txt"]
    );
    let o = bin()
        .args(["convert", "--glob", "a[b", "--format", "jsonl"])
        .arg(&input)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("a[b"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

/// A link to a folder named on the command line is walked (the user asked
/// for it); a link to a folder met while walking is not, and its reason says
/// how to have it read; a broken link named on the command line fails with
/// a reason that says so.
#[cfg(unix)]
#[test]
fn a_link_to_a_folder_named_on_the_command_line_is_walked() {
    use std::os::unix::fs::symlink;
    let dir = scratch("root-link");
    let input = dir.join("in");
    let fixture = common::root().join("fixtures/yubei-2024-minsheng.txt");
    std::fs::create_dir_all(input.join("sub")).expect("dir");
    std::fs::copy(&fixture, input.join("sub/a.txt")).expect("copy");
    symlink(&input, input.join("sub/cycle")).expect("link to a folder");
    let link = dir.join("linked");
    symlink(&input, &link).expect("link to a folder");
    let out = dir.join("out");
    let o = run(&["--format", "json"], &link, &out, "2");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert_eq!(converted(&out), ["linked/sub/a.txt"]);
    // Only the link met inside is skipped, not the one named.
    assert_eq!(
        errors(&out.join("errors.jsonl")),
        [("cycle".to_string(), "skipped".to_string())]
    );
    let listed = std::fs::read_to_string(out.join("errors.jsonl")).expect("errors file");
    assert!(
        listed.contains("not followed while walking (name it on the command line"),
        "{listed}"
    );
    let broken = dir.join("broken");
    symlink(dir.join("nowhere"), &broken).expect("broken link");
    let o = bin()
        .args(["convert", "--format", "jsonl"])
        .arg(&broken)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("broken: a broken symbolic link"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Waits for `child` to exit within `limit`; kills it and fails otherwise.
fn exits_within(
    mut child: std::process::Child,
    limit: std::time::Duration,
    what: &str,
) -> std::process::Output {
    let started = std::time::Instant::now();
    while child.try_wait().expect("waits").is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running {limit:?} after SIGTERM");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().expect("exits")
}

/// How long a run blocked in a read may take to end after SIGTERM: the
/// binary's grace period (2 s) and room for a loaded machine.
const BLOCKED_EXIT_LIMIT: std::time::Duration = std::time::Duration::from_secs(20);

/// Regression: a run blocked reading an input (a standard input that never
/// ends, a hung network filesystem) never saw SIGTERM, which only set a flag
/// read between chunks. Now it ends after a grace period, exits 130, and
/// removes its temporary files.
#[cfg(unix)]
#[test]
fn sigterm_ends_a_run_blocked_reading_its_input() {
    let dir = scratch("blocked");
    let out = dir.join("out.jsonl");
    let mut child = bin()
        .args(["convert", "-", "--format", "jsonl", "-o"])
        .arg(&out)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    // Kept open and never written to: the read blocks until the end.
    let stdin = child.stdin.take();
    // The output is created before any input is read.
    let tmp = dir.join(format!("out.jsonl.tmp-{}", child.id()));
    let started = std::time::Instant::now();
    while !tmp.exists() && started.elapsed() < BLOCKED_EXIT_LIMIT {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(tmp.exists(), "the run writes under a temporary name");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let o = exits_within(child, BLOCKED_EXIT_LIMIT, "convert -");
    drop(stdin);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted after 0 of 1 files"),
        "{stderr}"
    );
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| n != "in")
        .collect();
    assert!(left.is_empty(), "temporary files removed: {left:?}");
    std::fs::remove_dir_all(&dir).ok();
}

/// The same for a run blocked reading its list of inputs (`--files-from -`)
/// before any output exists.
#[cfg(target_os = "linux")]
#[test]
fn sigterm_ends_a_run_blocked_reading_its_list_of_inputs() {
    let dir = scratch("blocked-list");
    let out = dir.join("out.jsonl");
    let mut child = bin()
        .args(["convert", "--files-from", "-", "--format", "jsonl", "-o"])
        .arg(&out)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let stdin = child.stdin.take();
    // The signal handler runs on a thread of this name: once it is there,
    // SIGTERM no longer kills the process outright.
    let tasks = PathBuf::from(format!("/proc/{}/task", child.id()));
    let handled = || {
        std::fs::read_dir(&tasks).is_ok_and(|rd| {
            rd.filter_map(|e| e.ok()).any(|t| {
                std::fs::read_to_string(t.path().join("comm")).is_ok_and(|c| c.trim() == "ctrl-c")
            })
        })
    };
    let started = std::time::Instant::now();
    while !handled() && started.elapsed() < BLOCKED_EXIT_LIMIT {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(handled(), "the signal handler is installed");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    let o = exits_within(child, BLOCKED_EXIT_LIMIT, "convert --files-from -");
    drop(stdin);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    assert!(!out.exists());
    std::fs::remove_dir_all(&dir).ok();
}

/// A full disk (here a file-size limit: writes past it fail with EFBIG, as
/// on a full disk with ENOSPC) stops the run at the first failed write: it
/// says where the output stops, gives the account of every input it reached
/// as JSON lines on standard error (the errors file is lost with the
/// output), and leaves nothing half-written.
#[cfg(unix)]
#[test]
fn a_full_disk_keeps_the_account_of_the_run() {
    let dir = mixed("full");
    let out = dir.join("out.jsonl");
    // bash's `ulimit -f` counts KiB; SIGXFSZ ignored so that the write fails
    // with an error instead of killing the process.
    let script = format!(
        "ulimit -f 64; trap '' XFSZ; exec \"$0\" convert '{}' -o '{}' -q --jobs 1",
        dir.join("in").display(),
        out.display()
    );
    let o = Command::new("bash")
        .args(["-c", &script, env!("CARGO_BIN_EXE_notice-extract")])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("writing failed after"), "{stderr}");
    let account: Vec<serde_json::Value> = stderr
        .lines()
        .filter(|l| l.starts_with('{'))
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let last = account.last().expect("a summary");
    assert_eq!(last["status"], "output_failed", "{stderr}");
    let reached = ["converted", "failed", "skipped"]
        .iter()
        .map(|k| last[k].as_u64().expect("a count"))
        .sum::<u64>();
    assert!(reached < last["seen"].as_u64().expect("seen"), "{stderr}");
    // Every input skipped or failed before the stop is in the account.
    let listed = account.len() as u64 - 1;
    assert_eq!(
        listed,
        last["failed"].as_u64().expect("n") + last["skipped"].as_u64().expect("n")
    );
    assert!(listed > 0, "the folder's bad files come first: {stderr}");
    let left: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .filter(|n| n != "in")
        .collect();
    assert!(left.is_empty(), "nothing half-written: {left:?}");
    std::fs::remove_dir_all(&dir).ok();
}
