//! The review page: what it holds (tables drawn with their merges, records
//! linked to rows, quantities marked, diff marks), checked on the HTML the
//! command writes, and in a real browser (headless Chromium, when installed):
//! the DOM after the page's script ran, with no script error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a failure stops loudly

mod common;
use common::bin;
use std::path::{Path, PathBuf};
use std::process::Command;

fn scratch(name: &str) -> PathBuf {
    common::scratch("review", name)
}

/// The two fixtures the page is checked on: a saved text whose merges are
/// read from its layout, and a DOCX whose merges the file records.
fn inputs() -> [PathBuf; 2] {
    let root = common::root();
    [
        root.join("fixtures/qianjiang-2025-minsheng.txt"),
        root.join("fixtures/formats/wulong-2023-minsheng.docx"),
    ]
}

fn review(out: &Path, extra: &[&str]) -> String {
    let o = bin()
        .arg("review")
        .args(inputs())
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::read_to_string(out).expect("the page")
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

/// How many cells of the fixtures' tables span more than one row, from the
/// intermediate model (each own cell with copies below it), so the page's
/// `rowspan`s can be checked against it.
fn cells_spanning_rows() -> usize {
    use notice_extract::model::{Block, Origin};
    let mut n = 0;
    for input in inputs() {
        let bytes = std::fs::read(&input).expect("fixture");
        let doc = notice_extract::parse(&bytes, "x").expect("parses").document;
        for b in &doc.blocks {
            let Block::Table(t) = b else { continue };
            for (r, row) in t.rows.iter().enumerate() {
                for (c, cell) in row.cells.iter().enumerate() {
                    let below = t.rows.get(r + 1).and_then(|next| next.cells.get(c));
                    if cell.origin == Origin::Own
                        && below.is_some_and(|b| b.origin == Origin::RowSpan { row: r })
                    {
                        n += 1;
                    }
                }
            }
        }
    }
    n
}

fn total_quantities() -> usize {
    inputs()
        .iter()
        .map(|p| {
            let doc = common::extract_path(p);
            doc.records
                .iter()
                .map(|r| r.quantities.len())
                .sum::<usize>()
        })
        .sum()
}

#[test]
fn the_page_draws_tables_with_their_merges_beside_the_records() {
    let dir = scratch("page");
    let html = review(&dir.join("review.html"), &[]);
    // Self-contained: nothing fetched from anywhere.
    for outside in ["http://", "https://", "<link", "src=\""] {
        assert_eq!(count(&html, outside), 0, "{outside}");
    }
    assert_eq!(count(&html, "<section class=\"notice\""), 2);
    assert_eq!(count(&html, "rowspan=\""), cells_spanning_rows());
    // 黔江's project 10 is one cell over three rows, read from the layout.
    assert!(
        html.contains("<td rowspan=\"3\" class=\"merged inferred\""),
        "layout merges marked"
    );
    // Each record links to its row and the row back to the record.
    assert!(html.contains("<tr class=\"rec\" id=\"d0rec0\"><td><a href=\"#d0t0r2\">2</a>"));
    assert!(html.contains("<tr id=\"d0t0r2\"><td class=\"rowno\">2 <a href=\"#d0rec0\">#1</a>"));
    // Every quantity is listed with its reading, and those of the target
    // are marked in its text too.
    assert!(count(&html, "<mark class=\"q\"") > total_quantities());
    assert!(html.contains("data-tip=\"34.55 公里 · exact · object: 农村公路 · action: 实施\""));
    std::fs::remove_dir_all(&dir).ok();
}

/// The review page of the two fixtures against a saved run of them edited
/// three ways: one record gone from the old run (added now), one whose
/// target changed, one that only the old run had (removed).
fn diff_page(dir: &Path) -> String {
    let old = dir.join("old.jsonl");
    let o = bin()
        .arg("convert")
        .args(inputs())
        .args(["--format", "jsonl", "-q", "-o"])
        .arg(&old)
        .output()
        .expect("runs");
    assert!(o.status.success());
    let text = std::fs::read_to_string(&old).expect("old run");
    let mut lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    lines.remove(1); // now "added"
    lines[2]["target"] = "旧的目标".into(); // now "changed"
    let mut gone = lines[3].clone();
    gone["source"]["row"] = 999.into(); // only in the old run: "removed"
    lines.push(gone);
    let edited: String = lines.iter().map(|l| format!("{l}\n")).collect();
    std::fs::write(&old, edited).expect("write");
    review(
        &dir.join("review.html"),
        &["--diff", old.to_str().expect("utf-8")],
    )
}

fn assert_diff_marks(html: &str) {
    assert_eq!(count(html, "class=\"rec diff-added\""), 1);
    assert_eq!(count(html, "class=\"rec diff-changed\""), 1);
    assert_eq!(count(html, "class=\"rec diff-removed\""), 1);
}

/// `--diff OLD.jsonl` marks what changed since a saved run, field by field.
#[test]
fn the_page_marks_records_added_removed_and_changed() {
    let dir = scratch("diff");
    let html = diff_page(&dir);
    assert_diff_marks(&html);
    assert!(html.contains("<small>changed: target</small>"));
    assert!(html.contains("<del>旧的目标</del>"));
    std::fs::remove_dir_all(&dir).ok();
}

/// `regress --html` writes the same view of the mismatches, the expected
/// output standing for the earlier run.
#[test]
fn regress_writes_a_review_page_of_its_mismatches() {
    let dir = scratch("regress");
    let src = common::root().join("fixtures/yubei-2024-minsheng.txt");
    std::fs::copy(&src, dir.join("yubei.txt")).expect("copy");
    let o = bin()
        .args(["regress", "--bless"])
        .arg(&dir)
        .output()
        .expect("runs");
    assert!(o.status.success());
    let expected = dir.join("yubei.txt.expected.json");
    let mut want: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&expected).expect("blessed")).expect("JSON");
    want["records"][4]["lead_units"] = serde_json::json!(["区某某局"]);
    std::fs::write(&expected, want.to_string()).expect("write");
    let page = dir.join("mismatches.html");
    let o = bin()
        .arg("regress")
        .arg(&dir)
        .arg("--html")
        .arg(&page)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let html = std::fs::read_to_string(&page).expect("the page");
    assert_eq!(count(&html, "class=\"rec diff-changed\""), 1);
    assert!(html.contains("<small>changed: lead_units</small>"));
    assert!(html.contains("<del>区某某局</del>"));
    std::fs::remove_dir_all(&dir).ok();
}

/// The browser, or `None` with a message: the check needs Debian's
/// `chromium` (`apt-get install chromium`).
fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        eprintln!("skipped: no chromium installed (apt-get install chromium) to render the page");
    }
    found
}

/// In headless Chromium, the page's DOM (after its script ran) has the
/// merged cells, the marked quantities and the diff marks, and the script
/// reports no error.
#[test]
fn the_page_renders_in_a_real_browser() {
    let Some(browser) = chromium() else { return };
    let dir = scratch("browser");
    let page = dir.join("review.html");
    diff_page(&dir);
    let o = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom"])
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(dom.contains("data-script=\"ok\""), "the script ran");
    assert!(!dom.contains("data-script-error"), "no script error");
    assert_eq!(count(&dom, "rowspan=\""), cells_spanning_rows());
    assert!(count(&dom, "<mark class=\"q\"") > total_quantities());
    assert_diff_marks(&dom);
    std::fs::remove_dir_all(&dir).ok();
}
