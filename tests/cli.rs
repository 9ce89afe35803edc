//! The command line as a user runs it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

mod common;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_notice-extract"))
}

#[test]
fn convert_goes_on_past_a_bad_file_and_exits_non_zero() {
    let dir = std::env::temp_dir().join(format!("ne-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("empty.txt");
    std::fs::write(&bad, b"").expect("write");
    let good = common::root().join("fixtures/qianjiang-2025-minsheng.txt");
    let out = bin()
        .arg("convert")
        .arg("--format")
        .arg("jsonl")
        .arg(&bad)
        .arg(&good)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("empty.txt: empty file"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.lines().count(),
        44,
        "one line per record of both tables"
    );
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        assert!(v["name"].is_string());
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn convert_writes_a_json_document_to_a_file() {
    let dir = std::env::temp_dir().join(format!("ne-cli-o-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let out_path = dir.join("out.json");
    let status = bin()
        .args(["convert", "-o"])
        .arg(&out_path)
        .arg(common::root().join("fixtures/yubei-2024-minsheng.txt"))
        .status()
        .expect("runs");
    assert!(status.success());
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_path).expect("written")).expect("JSON");
    assert_eq!(v["records"].as_array().map(Vec::len), Some(41));
    assert_eq!(v["notice"]["doc_number"], "渝北府办发〔2024〕5号");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn regress_passes_on_fixtures_and_reports_a_field_level_diff() {
    let ok = bin()
        .arg("regress")
        .arg(common::root().join("fixtures"))
        .output()
        .expect("runs");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stdout)
    );

    let dir = std::env::temp_dir().join(format!("ne-regress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let src = common::root().join("fixtures/gaoxin-2024-minsheng-jiedu.txt");
    std::fs::copy(&src, dir.join("n.txt")).expect("copy");
    let expected = std::fs::read_to_string(
        common::root().join("fixtures/gaoxin-2024-minsheng-jiedu.expected.json"),
    )
    .expect("expected")
    .replace(
        "\"path\": \"gaoxin-2024-minsheng-jiedu.txt\"",
        "\"path\": \"n.txt\"",
    )
    .replacen("虎溪河生态修复", "虎溪河", 1);
    std::fs::write(dir.join("n.expected.json"), expected).expect("write");
    let out = bin().arg("regress").arg(&dir).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("FAIL n.txt: 1 difference: 1 in 1 record\n"),
        "{stdout}"
    );
    assert!(stdout.contains("  records[18] seq "), "{stdout}");
    assert!(stdout.contains("\n    name\n"), "{stdout}");

    // --bless rewrites it (under the legacy name it has), and then it passes.
    assert!(bin()
        .arg("regress")
        .arg("--bless")
        .arg(&dir)
        .status()
        .expect("runs")
        .success());
    assert!(!dir.join("n.txt.expected.json").exists());
    assert!(bin()
        .arg("regress")
        .arg(&dir)
        .status()
        .expect("runs")
        .success());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn inspect_shows_layout_grid_and_mapping() {
    let out = bin()
        .arg("inspect")
        .arg(common::root().join("fixtures/wulong-2023-minsheng.txt"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("layout:   cell_per_line"), "{s}");
    assert!(s.contains("format:   text"), "{s}");
    assert!(s.contains("encoding: UTF-8"), "{s}");
    assert!(s.contains("年度投资(万元) → investment"), "{s}");
    assert!(s.contains("项目名称 → subproject"), "{s}");
    // The marks of merged cells are explained.
    assert!(s.contains("↑N is a copy of the cell above"), "{s}");
}

/// `inspect` names the project each table row is read into, so a cell merged
/// down from the row above is seen with its project: in 黔江's table,
/// project 10 (“筑爱·助残·敬老”行动) spans rows 11–13, its number and name
/// merged down into rows 12 and 13.
#[test]
fn inspect_names_the_project_of_a_merged_cell() {
    let out = bin()
        .arg("inspect")
        .arg(common::root().join("fixtures/qianjiang-2025-minsheng.txt"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let s = String::from_utf8_lossy(&out.stdout);
    let row = |n: &str| {
        s.lines()
            .find(|l| l.trim_start().starts_with(n) && l.contains('|'))
            .unwrap_or_default()
            .to_string()
    };
    let (first, second, third) = (row("11 "), row("12 "), row("13 "));
    assert!(first.contains(" #10 | 10 |"), "{first}");
    assert!(second.contains(" #10.2 | ↑11 | ↑11 |"), "{second}");
    assert!(third.contains(" #10.3 | ↑11 | ↑11 | ↑12 |"), "{third}");
    // The section row spanning the table belongs to no project.
    assert!(row("14 ").contains("L66        | 二、"), "{}", row("14 "));
}

/// Regression: `inspect` showed a page without projects and exited 0; the
/// model is still shown, and the exit code says the notice gave no records.
#[test]
fn inspect_exits_non_zero_when_the_notice_gives_no_records() {
    let dir = std::env::temp_dir().join(format!("ne-cli-inspect-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let page = dir.join("news.txt");
    std::fs::write(&page, "区政府召开常务会议\n会议研究了近期工作。\n").expect("write");
    let out = bin().arg("inspect").arg(&page).output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains("layout:   plain"), "{stdout}");
    assert!(stdout.contains("error: "), "{stdout}");
}

/// The exit code policy: a file named on the command line that gives no
/// records is no success (exit 1); the same file met while walking a folder
/// is skipped, and the run succeeds.
#[test]
fn a_named_file_without_records_is_no_success() {
    let dir = std::env::temp_dir().join(format!("ne-cli-named-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("in")).expect("dir");
    let news = dir.join("in/news.txt");
    std::fs::write(&news, "区政府召开常务会议\n会议研究了近期工作。\n").expect("write");
    let good = common::root().join("fixtures/yubei-2024-minsheng.txt");
    let named = bin()
        .args(["convert", "-q", "--format", "jsonl"])
        .arg(&good)
        .arg(&news)
        .output()
        .expect("runs");
    assert_eq!(named.status.code(), Some(1));
    std::fs::copy(&good, dir.join("in/good.txt")).expect("copy");
    let walked = bin()
        .args(["convert", "-q", "--format", "jsonl"])
        .arg(dir.join("in"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&walked.stderr);
    assert_eq!(walked.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("1 converted, 0 failed, 1 skipped"),
        "{stderr}"
    );
}

/// Regression: JSON of several notices was their documents one after the
/// other, which no JSON reader takes. It is one array (on standard output
/// and in `-o NAME.json`); one file named alone gives its document.
#[test]
fn json_of_several_notices_is_one_array() {
    let a = common::root().join("fixtures/yubei-2024-minsheng.txt");
    let b = common::root().join("fixtures/wulong-2023-minsheng.txt");
    let out = bin()
        .args(["convert", "-q"])
        .arg(&a)
        .arg(&b)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON value");
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    let dir = std::env::temp_dir().join(format!("ne-cli-json-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("all.json");
    let out = bin()
        .args(["convert", "-q", "-o"])
        .arg(&file)
        .arg(common::root().join("fixtures/formats"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("written")).expect("one JSON value");
    assert!(v.as_array().is_some_and(|docs| docs.len() > 2), "{v}");
    let one = bin()
        .args(["convert", "-q"])
        .arg(&a)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&one.stdout).expect("one JSON value");
    assert!(v.get("records").is_some());
}

/// Regression: `-o out.jsonl` without `--format` made a folder of JSON
/// documents named `out.jsonl`. The extension chooses the format; one that
/// contradicts `--format` is an error, and so is `-o NAME.csv` that is not a
/// folder (CSV output is three files).
#[test]
fn the_output_extension_chooses_the_format() {
    let dir = std::env::temp_dir().join(format!("ne-cli-ext-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let notice = common::root().join("fixtures/yubei-2024-minsheng.txt");
    let run = |out: &str, format: Option<&str>| {
        let mut c = bin();
        c.args(["convert", "-q", "-o"])
            .arg(dir.join(out))
            .arg(&notice);
        if let Some(f) = format {
            c.args(["--format", f]);
        }
        c.output().expect("runs")
    };
    assert!(run("a.jsonl", None).status.success());
    let jsonl = std::fs::read_to_string(dir.join("a.jsonl")).expect("a file, not a folder");
    assert_eq!(jsonl.lines().count(), 41);
    assert!(run("b.ndjson", None).status.success());
    assert!(dir.join("b.ndjson").is_file());
    assert!(run("c.db", None).status.success());
    assert!(dir.join("c.db").is_file());
    let clash = run("d.jsonl", Some("json"));
    assert_eq!(clash.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&clash.stderr).contains("contradicts"));
    assert!(!dir.join("d.jsonl").exists());
    let csv = run("e.csv", None);
    assert_eq!(csv.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&csv.stderr).contains("CSV output is a folder"));
    assert!(!dir.join("e.csv").exists());
    assert!(run("f", Some("csv")).status.success());
    assert!(dir.join("f/records.csv").is_file());
    std::fs::remove_dir_all(&dir).ok();
}

/// Every JSON Lines record carries its notice's metadata (so a map step can
/// group by region and year without a second pass), and validates against
/// the record schema.
#[test]
fn jsonl_records_carry_their_notice() {
    let notice = common::root().join("fixtures/yubei-2024-minsheng.txt");
    let out = bin()
        .args(["convert", "-q", "--format", "jsonl"])
        .arg(&notice)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let registry = jsonschema::Registry::new()
        .add(
            "urn:notice-extract:quantity",
            common::schema("quantity.schema.json"),
        )
        .and_then(|r| r.prepare())
        .expect("quantity schema registers");
    let validator = jsonschema::options()
        .with_registry(&registry)
        .build(&common::schema("record.schema.json"))
        .expect("record schema compiles");
    let doc = common::extract_path(&notice);
    let want = serde_json::to_value(&doc.notice).expect("notice");
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 41);
    for line in &lines {
        assert_eq!(line["notice"], want);
        assert_eq!(line["notice"]["region"], "渝北区");
        let errors: Vec<String> = validator.iter_errors(line).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:?}");
    }
}

/// `convert -` reads one notice from standard input, in any format
/// (`curl … | notice-extract convert -`).
#[test]
fn convert_reads_a_notice_from_standard_input() {
    let docx = std::fs::read(common::root().join("fixtures/formats/yubei-2024-minsheng.docx"))
        .expect("fixture");
    let mut cmd = bin();
    cmd.args(["convert", "-", "--format", "jsonl", "-q"]);
    let out = common::run_with_stdin(cmd, &docx);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 41);
    assert_eq!(lines[0]["source"]["path"], "-");
    // Standard input cannot be both the notice and the list of paths.
    let both = bin()
        .args(["convert", "-", "--files-from", "-"])
        .output()
        .expect("runs");
    assert_eq!(both.status.code(), Some(2));
}

/// `regress` over a folder without expected files says how to write them.
#[test]
fn regress_without_expected_files_suggests_bless() {
    let dir = std::env::temp_dir().join(format!("ne-cli-regress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::copy(
        common::root().join("fixtures/yubei-2024-minsheng.txt"),
        dir.join("n.txt"),
    )
    .expect("copy");
    let out = bin().arg("regress").arg(&dir).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr.contains("regress --bless"), "{stderr}");
    assert!(!dir.join("n.expected.json").exists());
}

/// `-q` drops the lines for skipped inputs, but failures and the summary
/// still reach standard error.
#[test]
fn quiet_keeps_failures_and_the_summary() {
    let dir = std::env::temp_dir().join(format!("ne-cli-quiet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let news = dir.join("news.txt");
    std::fs::write(&news, "区政府召开常务会议\n会议研究了近期工作。\n").expect("write");
    let out = bin()
        .args(["convert", "-q", "--format", "jsonl"])
        .arg(&empty)
        .arg(&news)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("failed: "), "{stderr}");
    assert!(!stderr.contains("skipped: "), "{stderr}");
    assert!(
        stderr.contains("2 files seen: 0 converted, 1 failed, 1 skipped"),
        "{stderr}"
    );
}

#[test]
fn inspect_json_prints_the_intermediate_model() {
    let out = bin()
        .args(["inspect", "--json"])
        .arg(common::root().join("fixtures/qianjiang-2025-minsheng.txt"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let tables: Vec<&serde_json::Value> = v["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .filter(|b| b["kind"] == "table")
        .collect();
    assert_eq!(tables.len(), 2);
    // Row 13 of 附件1 takes its unit from the row above.
    assert_eq!(
        tables[0]["rows"][13]["cells"][2]["origin"],
        serde_json::json!({"type": "row_span", "row": 12})
    );
}

#[test]
fn quantities_of_text_and_of_stdin_lines() {
    let out = bin()
        .args(["quantities", "新建500个5G基站,约260万平方米"])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let q = v.as_array().expect("array");
    assert_eq!(q.len(), 2);
    assert_eq!(
        (
            q[0]["value"].as_u64(),
            q[0]["unit"].as_str(),
            q[0]["object"].as_str()
        ),
        (Some(500), Some("个"), Some("5G基站"))
    );
    assert_eq!(
        (
            q[1]["value"].as_u64(),
            q[1]["unit"].as_str(),
            q[1]["qualifier"].as_str()
        ),
        (Some(2_600_000), Some("平方米"), Some("approx"))
    );

    let mut cmd = bin();
    cmd.args(["quantities", "--jsonl"]);
    let out = common::run_with_stdin(cmd, "完成500个窨井盖专项整治。\n2024年2月29日\n".as_bytes());
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout)
        .expect("utf-8")
        .lines()
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].contains("\"value\":500"), "{}", lines[0]);
    assert_eq!(lines[1], "[]", "a date is not a quantity");
}

#[test]
fn every_command_has_help() {
    for cmd in [
        vec!["--help"],
        vec!["convert", "--help"],
        vec!["inspect", "--help"],
        vec!["regress", "--help"],
        vec!["review", "--help"],
        vec!["quantities", "--help"],
    ] {
        let out = bin().args(&cmd).output().expect("runs");
        assert!(out.status.success(), "{cmd:?}");
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains("Usage"), "{cmd:?}");
        // Each command's help shows examples of its use.
        if cmd.len() == 2 {
            assert!(help.contains("Examples:"), "{cmd:?}: {help}");
        }
    }
}

/// Regression: `convert … | head` printed "error: <stdout>: writing output:
/// Broken pipe" and exited 2. A reader that stops early is not an error.
#[test]
fn convert_to_a_closed_pipe_ends_quietly() {
    use std::io::Read;
    let mut child = bin()
        .arg("convert")
        .arg(common::root().join("fixtures"))
        .args(["--format", "jsonl", "-q"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    let mut first = [0u8; 64];
    child
        .stdout
        .take()
        .expect("piped stdout")
        .read_exact(&mut first)
        .expect("some output");
    // The read end is dropped here, well before the megabytes of records end.
    let out = child.wait_with_output().expect("exits");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

/// A scratch folder of its own for one test, empty.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ne-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn regress(args: &[&str], dir: &std::path::Path) -> (Option<i32>, String, String) {
    let out = bin()
        .arg("regress")
        .args(args)
        .arg(dir)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Copies the fixture `NAME.txt` and its reviewed `NAME.expected.json` into
/// `dir`; returns the path of the copied expected file.
fn copy_fixture(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let fixtures = common::root().join("fixtures");
    for file in [format!("{name}.txt"), format!("{name}.expected.json")] {
        std::fs::copy(fixtures.join(&file), dir.join(&file)).expect("copy");
    }
    dir.join(format!("{name}.expected.json"))
}

fn read_json(path: &std::path::Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).expect("readable")).expect("JSON")
}

fn write_json(path: &std::path::Path, v: &serde_json::Value) {
    std::fs::write(path, serde_json::to_string_pretty(v).expect("JSON")).expect("write");
}

/// Regression (issue 12): the expected file was keyed by the input's stem,
/// so `a.txt` and `a.html` shared `a.expected.json` and `--bless` wrote one
/// over the other. It is keyed by the whole name; a `.txt`'s legacy
/// `NAME.expected.json` is still read, and rewritten in place.
#[test]
fn regress_names_expected_files_after_the_whole_input_name() {
    let dir = scratch("regress-names");
    let root = common::root();
    std::fs::copy(
        root.join("fixtures/yubei-2024-minsheng.txt"),
        dir.join("a.txt"),
    )
    .expect("copy");
    std::fs::copy(
        root.join("fixtures/formats/yubei-2024-minsheng.html"),
        dir.join("a.html"),
    )
    .expect("copy");
    std::fs::copy(
        root.join("fixtures/wulong-2023-minsheng.txt"),
        dir.join("b.txt"),
    )
    .expect("copy");
    std::fs::write(dir.join("b.expected.json"), "{}\n").expect("write");

    let (code, stdout, _) = regress(&["--bless"], &dir);
    assert_eq!(code, Some(0), "{stdout}");
    assert_eq!(
        read_json(&dir.join("a.txt.expected.json"))["source"]["format"],
        "text"
    );
    assert_eq!(
        read_json(&dir.join("a.html.expected.json"))["source"]["format"],
        "html"
    );
    assert!(!dir.join("a.expected.json").exists());
    // The legacy file is rewritten where it is, not beside a new one.
    let b = read_json(&dir.join("b.expected.json"));
    assert_eq!(b["source"]["path"], "b.txt");
    assert!(!dir.join("b.txt.expected.json").exists());

    let (code, stdout, _) = regress(&[], &dir);
    assert_eq!(code, Some(0), "{stdout}");
    for name in ["a.html", "a.txt", "b.txt"] {
        assert!(stdout.contains(&format!("ok   {name}\n")), "{stdout}");
    }
    assert!(stdout.contains("3 passed, 0 failed"), "{stdout}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Regression (issue 12): `a` (no extension) and `a.txt` read under its
/// legacy name both map to `a.expected.json`; `--bless` wrote it twice, the
/// second notice's output over the first's. It refuses before writing
/// anything, naming both notices and the file.
#[test]
fn regress_bless_refuses_to_write_one_expected_file_twice() {
    let dir = scratch("regress-twice");
    let root = common::root();
    std::fs::copy(root.join("fixtures/yubei-2024-minsheng.txt"), dir.join("a")).expect("copy");
    std::fs::copy(
        root.join("fixtures/wulong-2023-minsheng.txt"),
        dir.join("a.txt"),
    )
    .expect("copy");
    std::fs::write(dir.join("a.expected.json"), "{\"kept\": true}\n").expect("write");

    let (code, stdout, stderr) = regress(&["--bless"], &dir);
    assert_eq!(code, Some(2), "{stdout}{stderr}");
    let both = format!(
        "{} and {}",
        dir.join("a").display(),
        dir.join("a.txt").display()
    );
    assert!(stderr.contains(&both), "{stderr}");
    assert!(
        stderr.contains(&dir.join("a.expected.json").display().to_string()),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(
        stderr.contains("rename it to a.txt.expected.json"),
        "{stderr}"
    );
    assert!(!stdout.contains("blessed"), "{stdout}");
    assert_eq!(
        std::fs::read_to_string(dir.join("a.expected.json")).expect("still there"),
        "{\"kept\": true}\n"
    );
    assert_eq!(std::fs::read_dir(&dir).expect("dir").count(), 3);
    // Comparing cannot hold both notices to one file either.
    let (code, _, stderr) = regress(&[], &dir);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains(&both), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Regression (issue 12): a mismatch was every differing leaf in path order,
/// provenance (`source.row`, `source.path`) mixed in with what was read. It
/// leads with the records that differ (index, seq, name, then the fields),
/// sums up provenance in one line, and `--ignore source` leaves it out.
#[test]
fn regress_report_leads_with_records_and_sums_up_provenance() {
    let dir = scratch("regress-report");
    let expected = copy_fixture(&dir, "yubei-2024-minsheng");
    let reviewed = read_json(&expected);
    let mut edited = reviewed.clone();
    for i in [0, 1] {
        let row = edited["records"][i]["source"]["row"].as_u64().expect("row");
        edited["records"][i]["source"]["row"] = (row + 100).into();
    }
    let provenance_only = edited.clone();
    edited["records"][3]["lead_units"][0] = "区某某局".into();
    write_json(&expected, &edited);
    let header = format!(
        "  records[3] seq {} 「{}」:",
        reviewed["records"][3]["seq"].as_str().expect("seq"),
        reviewed["records"][3]["name"].as_str().expect("name")
    );

    let (code, stdout, _) = regress(&[], &dir);
    assert_eq!(code, Some(1), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines[0],
        "FAIL yubei-2024-minsheng.txt: 3 differences: 1 in 1 record, 2 of provenance"
    );
    assert_eq!(lines[1], header, "{stdout}");
    assert_eq!(lines[2], "    lead_units[0]", "{stdout}");
    assert_eq!(lines[3], "      expected: \"区某某局\"", "{stdout}");
    assert_eq!(lines[4], "      actual:   \"区住房城乡建委\"", "{stdout}");
    assert_eq!(
        lines[5],
        "  + 2 provenance differences (source.*): records[*].source.row ×2 (--ignore source leaves them out)",
        "{stdout}"
    );

    let (code, stdout, _) = regress(&["--ignore", "source"], &dir);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.starts_with(
            "FAIL yubei-2024-minsheng.txt: 1 difference: 1 in 1 record (2 of provenance ignored)\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains(&header), "{stdout}");
    assert!(!stdout.contains("source.row"), "{stdout}");

    // Provenance alone fails a plain run, and passes with --ignore source.
    write_json(&expected, &provenance_only);
    let (code, stdout, _) = regress(&[], &dir);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("records[*].source.row ×2"), "{stdout}");
    assert!(!stdout.contains("  records[0]"), "{stdout}");
    let (code, stdout, _) = regress(&["--ignore", "source"], &dir);
    assert_eq!(code, Some(0), "{stdout}");
    assert!(
        stdout.contains("ok   yubei-2024-minsheng.txt (2 of provenance ignored)"),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Regression (issue 12): a file with many differences printed every one of
/// them. The report stops at `MAX_REPORTED_DIFFERENCES` and counts the rest.
#[test]
fn regress_caps_the_report_with_a_count() {
    use notice_extract::regress::MAX_REPORTED_DIFFERENCES;
    let dir = scratch("regress-cap");
    let expected = copy_fixture(&dir, "yubei-2024-minsheng");
    let mut v = read_json(&expected);
    let records = v["records"].as_array_mut().expect("records");
    let n = records.len();
    for r in records.iter_mut() {
        r["notes"] = "改".into();
        r["measures"] = "改".into();
    }
    write_json(&expected, &v);
    let (code, stdout, _) = regress(&[], &dir);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(
        stdout.starts_with(&format!(
            "FAIL yubei-2024-minsheng.txt: {} differences: {} in {n} records\n",
            2 * n,
            2 * n
        )),
        "{stdout}"
    );
    let shown = stdout.lines().filter(|l| l.contains("expected: ")).count();
    assert_eq!(shown, MAX_REPORTED_DIFFERENCES, "{stdout}");
    assert!(
        stdout.contains(&format!(
            "\n  … and {} more differences\n",
            2 * n - MAX_REPORTED_DIFFERENCES
        )),
        "{stdout}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
