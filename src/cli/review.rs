//! The review page: one self-contained HTML file (no network, no external
//! script, style or font; it works from `file://`) that shows each notice's
//! tables as the source draws them — merged cells merged, header rows
//! marked — beside the records read from them, each record linked to its
//! row and back, quantities highlighted with their reading on hover. With
//! an earlier run (`--diff OLD.jsonl`, or the expected outputs for `regress
//! --html`) it marks records added, removed and changed, field by field, so a
//! parser change can be reviewed before fixtures are blessed.
//!
//! Works on the document's JSON (the output contract) and the intermediate
//! model (for the grids), so it shows exactly what `convert` writes.

use notice_extract::model::{Block, Document, Origin, Table};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// One notice on the page.
pub struct Notice {
    /// The input as named.
    pub name: String,
    /// The intermediate model, for drawing the tables; `None` when the
    /// input could not be parsed.
    pub model: Option<Document>,
    /// The document as `convert` writes it, or why there is none.
    pub doc: Result<Value, String>,
}

/// Records of an earlier run, by document path, then by (table, row).
#[derive(Default)]
pub struct Earlier {
    docs: HashMap<String, BTreeMap<(u64, u64), Value>>,
}

/// Fields compared between runs: everything a record says, not where the
/// file put it (`source`) nor the notice it repeats on each JSONL line.
fn compared(field: &str) -> bool {
    !matches!(field, "source" | "notice")
}

fn key_of(r: &Value) -> Option<(String, u64, u64)> {
    let s = r.get("source")?;
    Some((
        s.get("path")?.as_str()?.to_string(),
        s.get("table")?.as_u64()?,
        s.get("row")?.as_u64()?,
    ))
}

impl Earlier {
    /// The records of a JSON Lines run (`convert --format jsonl`).
    pub fn from_jsonl(text: &str) -> Result<Earlier, String> {
        let mut out = Earlier::default();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let r: Value =
                serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
            out.add(r).map_err(|why| format!("line {}: {why}", i + 1))?;
        }
        Ok(out)
    }

    /// The records of whole documents (expected outputs).
    pub fn from_documents<'a>(docs: impl IntoIterator<Item = &'a Value>) -> Earlier {
        let mut out = Earlier::default();
        for d in docs {
            for r in d
                .get("records")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let _ = out.add(r.clone());
            }
        }
        out
    }

    fn add(&mut self, r: Value) -> Result<(), &'static str> {
        let (path, table, row) = key_of(&r).ok_or("not a record (no source.path, table, row)")?;
        self.docs.entry(path).or_default().insert((table, row), r);
        Ok(())
    }
}

/// How a record compares with the earlier run.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    Same,
    Added,
    /// The fields that differ, with their earlier values.
    Changed(Vec<(String, Value)>),
}

fn change(old: Option<&Value>, new: &Value) -> Change {
    let Some(old) = old else {
        return Change::Added;
    };
    let (Some(o), Some(n)) = (old.as_object(), new.as_object()) else {
        return Change::Same;
    };
    let mut fields: Vec<&String> = o.keys().chain(n.keys()).filter(|k| compared(k)).collect();
    fields.sort();
    fields.dedup();
    let changed: Vec<(String, Value)> = fields
        .into_iter()
        .filter(|k| o.get(*k) != n.get(*k))
        .map(|k| (k.clone(), o.get(k).cloned().unwrap_or(Value::Null)))
        .collect();
    if changed.is_empty() {
        Change::Same
    } else {
        Change::Changed(changed)
    }
}

/// Text made safe for HTML content and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn text(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| text(Some(i)))
            .collect::<Vec<_>>()
            .join("；"),
        Some(Value::Object(fields)) => fields
            .iter()
            .map(|(k, v)| format!("{k}: {}", text(Some(v))))
            .collect::<Vec<_>>()
            .join("\n"),
        Some(other) => other.to_string(),
    }
}

/// Styles and the one small script (the filter box; and a mark on the body
/// that a test reads to know the script ran without error).
const HEAD: &str = r#"<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.5 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
header.page{position:sticky;top:0;background:#233;color:#fff;padding:8px 16px;z-index:2;display:flex;gap:16px;align-items:center}
header.page input{flex:1;max-width:420px;padding:4px 8px;font:inherit}
nav.toc{padding:8px 16px;background:#fff;border-bottom:1px solid #ddd}
nav.toc li{margin:2px 0}
section.notice{background:#fff;margin:16px;padding:8px 16px;border:1px solid #ddd;border-radius:6px}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:4px 0}
dl.meta dt{color:#667}
table{border-collapse:collapse;margin:6px 0;font-size:13px}
td,th{border:1px solid #bbb;padding:2px 6px;vertical-align:top;white-space:pre-wrap}
table.grid thead th{background:#e8edf3}
table.grid td.merged{background:#f3f6fa}
table.grid td.inferred{border-style:dashed}
table.grid td.rowno{color:#889;font-size:11px;white-space:nowrap}
table.records th{background:#eef3ea;position:sticky;top:44px}
tr:target,tr.rec:target{outline:3px solid #f0a020}
mark.q{background:#fff3b0;border-bottom:2px solid #e0b000;position:relative;cursor:help}
mark.q:hover::after{content:attr(data-tip);position:absolute;left:0;top:1.6em;background:#233;color:#fff;padding:2px 6px;border-radius:3px;white-space:nowrap;z-index:3;font-size:12px}
.inherited{color:#778;font-style:italic}
.warn{color:#a40}
tr.diff-added{background:#e6f7e6}
tr.diff-removed{background:#fbe9e9;text-decoration:line-through}
tr.diff-changed{background:#fff5db}
td.field-changed{outline:2px solid #e0a000}
del{color:#a33}
.error{color:#b00;font-weight:bold}
details{margin:6px 0}
</style>"#;

const SCRIPT: &str = r#"<script>
window.addEventListener("error", function (e) { document.body.dataset.scriptError = String(e.message); });
(function () {
  var box = document.getElementById("filter");
  box.addEventListener("input", function () {
    var q = box.value.trim().toLowerCase();
    document.querySelectorAll("section.notice").forEach(function (s) {
      var shown = 0;
      s.querySelectorAll("tr.rec").forEach(function (r) {
        var hit = !q || r.textContent.toLowerCase().indexOf(q) >= 0;
        r.style.display = hit ? "" : "none";
        if (hit) shown++;
      });
      var title = s.querySelector("h2").textContent.toLowerCase();
      s.style.display = (!q || shown || title.indexOf(q) >= 0) ? "" : "none";
    });
  });
  // How long the page took to be ready, for scripts/review-screenshot.sh.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.script = "ok";
})();
</script>"#;

/// The whole page for `notices`, compared with `earlier` when given.
pub fn page(title: &str, notices: &[Notice], earlier: Option<&Earlier>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!doctype html>\n<html lang=\"zh\"><head>{HEAD}<title>{}</title></head><body>",
        esc(title)
    );
    let _ = writeln!(
        out,
        "<header class=\"page\"><strong>{}</strong><input id=\"filter\" type=\"search\" placeholder=\"filter records (name, unit, target…)\"></header>",
        esc(title)
    );
    out.push_str("<nav class=\"toc\"><ol>\n");
    for (d, n) in notices.iter().enumerate() {
        let what = match &n.doc {
            Ok(doc) => {
                let records = doc
                    .get("records")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                let warnings = doc
                    .get("warnings")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                format!("{records} records, {warnings} warnings")
            }
            Err(e) => format!("not read: {e}"),
        };
        let _ = writeln!(
            out,
            "<li><a href=\"#d{d}\">{}</a> — {}</li>",
            esc(&n.name),
            esc(&what)
        );
    }
    out.push_str("</ol></nav>\n");
    for (d, n) in notices.iter().enumerate() {
        notice(&mut out, d, n, earlier);
    }
    out.push_str(SCRIPT);
    out.push_str("\n</body></html>\n");
    out
}

fn notice(out: &mut String, d: usize, n: &Notice, earlier: Option<&Earlier>) {
    let _ = writeln!(
        out,
        "<section class=\"notice\" id=\"d{d}\"><h2>{}</h2>",
        esc(&n.name)
    );
    let doc = match &n.doc {
        Ok(doc) => doc,
        Err(e) => {
            let _ = write!(out, "<p class=\"error\">{}</p>", esc(e));
            if let Some(model) = &n.model {
                text_of_notice(out, model);
            }
            out.push_str("</section>\n");
            return;
        }
    };
    meta(out, doc);
    warnings(out, doc);
    let path = doc
        .pointer("/source/path")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let old = earlier.and_then(|e| e.docs.get(path));
    if earlier.is_some() && old.is_none() {
        out.push_str("<p class=\"warn\">Not in the earlier run: every record is new.</p>\n");
    }
    let records: Vec<&Value> = doc
        .get("records")
        .and_then(Value::as_array)
        .map(|r| r.iter().collect())
        .unwrap_or_default();
    let grids: Vec<&Table> = n
        .model
        .as_ref()
        .map(|m| {
            m.blocks
                .iter()
                .filter_map(|b| match b {
                    Block::Table(t) => Some(t),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let inferred = doc.pointer("/source/format").and_then(Value::as_str) == Some("text");
    for (t, info) in doc
        .get("tables")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let in_table: Vec<(usize, &Value)> = records
            .iter()
            .enumerate()
            .filter(|(_, r)| r.pointer("/source/table").and_then(Value::as_u64) == Some(t as u64))
            .map(|(i, r)| (i, *r))
            .collect();
        table_heading(out, t, info);
        let is_table = info.get("kind").and_then(Value::as_str) == Some("table");
        if let Some(grid) = grids.get(t).filter(|_| is_table) {
            grid_html(out, d, t, grid, &in_table, inferred);
        }
        let removed: Vec<&Value> = old
            .map(|o| {
                o.range((t as u64, 0)..(t as u64 + 1, 0))
                    .filter(|((_, row), _)| {
                        !in_table.iter().any(|(_, r)| {
                            r.pointer("/source/row").and_then(Value::as_u64) == Some(*row)
                        })
                    })
                    .map(|(_, r)| r)
                    .collect()
            })
            .unwrap_or_default();
        let linked = is_table && grids.get(t).is_some();
        records_html(
            out,
            (d, t, linked),
            &in_table,
            old,
            earlier.is_some(),
            &removed,
        );
    }
    if let Some(model) = &n.model {
        text_of_notice(out, model);
    }
    out.push_str("</section>\n");
}

fn meta(out: &mut String, doc: &Value) {
    out.push_str("<dl class=\"meta\">");
    let source = |k: &str| text(doc.pointer(&format!("/source/{k}")));
    let notice = |k: &str| text(doc.pointer(&format!("/notice/{k}")));
    let rows = [
        ("title", notice("title")),
        ("doc number", notice("doc_number")),
        ("issuer", notice("issuer")),
        ("date", notice("date")),
        (
            "region, year",
            format!("{} {}", notice("region"), notice("year")),
        ),
        ("notice id", notice("id")),
        (
            "read as",
            format!(
                "{} {} ({})",
                source("format"),
                source("encoding"),
                source("layout")
            ),
        ),
    ];
    for (label, value) in rows {
        let _ = write!(out, "<dt>{label}</dt><dd>{}</dd>", esc(value.trim()));
    }
    out.push_str("</dl>\n");
}

fn warnings(out: &mut String, doc: &Value) {
    let list = doc.get("warnings").and_then(Value::as_array);
    let Some(list) = list.filter(|l| !l.is_empty()) else {
        return;
    };
    let _ = write!(
        out,
        "<details open><summary class=\"warn\">{} warnings</summary><ul>",
        list.len()
    );
    for w in list {
        let _ = write!(
            out,
            "<li class=\"warn\"><code>{}</code> {}</li>",
            esc(&text(w.get("code"))),
            esc(&text(w.get("message")))
        );
    }
    out.push_str("</ul></details>\n");
}

fn table_heading(out: &mut String, t: usize, info: &Value) {
    let kind = text(info.get("kind"));
    let title = text(info.get("title"));
    let attachment = text(info.get("attachment"));
    let _ = write!(
        out,
        "<h3>{kind} {t}: {} {}</h3>\n<p>",
        esc(&attachment),
        esc(&title)
    );
    let header = info.get("header").and_then(Value::as_array);
    let fields = info.get("fields").and_then(Value::as_array);
    if let (Some(h), Some(f)) = (header, fields) {
        let pairs: Vec<String> = h
            .iter()
            .zip(f)
            .map(|(h, f)| {
                format!(
                    "{} → <code>{}</code>",
                    esc(&text(Some(h))),
                    esc(&text(Some(f)))
                )
            })
            .collect();
        out.push_str(&pairs.join(" · "));
    }
    out.push_str("</p>\n");
}

/// How far an own cell spans: down while the cells below copy it, across
/// while the cells to its right do.
fn spans(t: &Table, r: usize, c: usize) -> (usize, usize) {
    let down = t
        .rows
        .iter()
        .skip(r + 1)
        .take_while(|row| {
            row.cells
                .get(c)
                .is_some_and(|cell| cell.origin == Origin::RowSpan { row: r })
        })
        .count();
    let across = t.rows.get(r).map_or(0, |row| {
        row.cells
            .iter()
            .skip(c + 1)
            .take_while(|cell| cell.origin == Origin::ColSpan { col: c })
            .count()
    });
    (down + 1, across + 1)
}

/// The table as the source draws it: each own cell once, with its spans.
fn grid_html(
    out: &mut String,
    d: usize,
    t: usize,
    grid: &Table,
    records: &[(usize, &Value)],
    inferred: bool,
) {
    let by_row: HashMap<u64, Vec<(usize, &Value)>> =
        records.iter().fold(HashMap::new(), |mut m, (i, r)| {
            if let Some(row) = r.pointer("/source/row").and_then(Value::as_u64) {
                m.entry(row).or_default().push((*i, r));
            }
            m
        });
    let _ = writeln!(
        out,
        "<details class=\"grid\" open><summary>the table as the source draws it ({} rows)</summary>",
        grid.rows.len()
    );
    if inferred {
        out.push_str("<p><small>Merged cells (dashed) are read from the layout of saved text: the source prints them once.</small></p>\n");
    }
    out.push_str("<table class=\"grid\">\n");
    // Header rows in <thead>; <tbody> opens before the first body row (or
    // at the end, for a table of headers alone).
    let body_start = grid.header_rows.min(grid.rows.len());
    if body_start > 0 {
        out.push_str("<thead>\n");
    }
    for (r, row) in grid.rows.iter().enumerate() {
        let header = r < body_start;
        if r == body_start {
            if r > 0 {
                out.push_str("</thead>\n");
            }
            out.push_str("<tbody>\n");
        }
        let links: String = by_row
            .get(&(r as u64))
            .map(|rs| {
                rs.iter()
                    .map(|(i, rec)| {
                        let seq = text(rec.get("seq"));
                        format!("<a href=\"#d{d}rec{i}\">#{}</a>", esc(&seq))
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .unwrap_or_default();
        let _ = write!(
            out,
            "<tr id=\"d{d}t{t}r{r}\"><td class=\"rowno\">{r}{}{links}</td>",
            if links.is_empty() { "" } else { " " }
        );
        for (c, cell) in row.cells.iter().enumerate() {
            if cell.origin != Origin::Own {
                continue;
            }
            let (down, across) = spans(grid, r, c);
            let tag = if header { "th" } else { "td" };
            let mut attrs = String::new();
            if down > 1 {
                let _ = write!(attrs, " rowspan=\"{down}\"");
            }
            if across > 1 {
                let _ = write!(attrs, " colspan=\"{across}\"");
            }
            if !header && (down > 1 || across > 1) {
                attrs.push_str(if inferred {
                    " class=\"merged inferred\" title=\"one cell in the source, copied into the rows it spans\""
                } else {
                    " class=\"merged\""
                });
            }
            let _ = write!(out, "<{tag}{attrs}>{}</{tag}>", esc(&cell.text));
        }
        out.push_str("</tr>\n");
    }
    if body_start == grid.rows.len() {
        if body_start > 0 {
            out.push_str("</thead>\n");
        }
        out.push_str("<tbody>\n");
    }
    out.push_str("</tbody></table></details>\n");
}

/// A field's text with its quantities marked; each mark's tip reads it.
fn highlighted(field: &str, value: &str, quantities: &[Value]) -> String {
    let chars: Vec<char> = value.chars().collect();
    let mut spans: Vec<(usize, usize, String)> = quantities
        .iter()
        .filter(|q| q.get("field").and_then(Value::as_str) == Some(field))
        .filter_map(|q| {
            let span = q.get("span")?.as_array()?;
            let start = usize::try_from(span.first()?.as_u64()?).ok()?;
            let end = usize::try_from(span.get(1)?.as_u64()?).ok()?;
            Some((start, end, tip(q)))
        })
        .filter(|(s, e, _)| s < e && *e <= chars.len())
        .collect();
    spans.sort_by_key(|(s, e, _)| (*s, *e));
    let mut out = String::new();
    let mut at = 0;
    for (start, end, tip) in spans {
        if start < at {
            continue;
        }
        let before: String = chars.get(at..start).unwrap_or_default().iter().collect();
        let inside: String = chars.get(start..end).unwrap_or_default().iter().collect();
        out.push_str(&esc(&before));
        let _ = write!(
            out,
            "<mark class=\"q\" data-tip=\"{}\">{}</mark>",
            esc(&tip),
            esc(&inside)
        );
        at = end;
    }
    let rest: String = chars.get(at..).unwrap_or_default().iter().collect();
    out.push_str(&esc(&rest));
    out
}

/// A quantity as a person reads it: value (range), unit, qualifier, object.
fn tip(q: &Value) -> String {
    let value = text(q.get("value"));
    let max = q
        .get("value_max")
        .filter(|v| !v.is_null())
        .map(|v| format!("–{v}"));
    let mut parts = vec![format!(
        "{value}{} {}",
        max.unwrap_or_default(),
        text(q.get("unit"))
    )];
    parts.push(text(q.get("qualifier")));
    if let Some(o) = q.get("object").and_then(Value::as_str) {
        parts.push(format!("object: {o}"));
    }
    if let Some(a) = q.get("action").and_then(Value::as_str) {
        parts.push(format!("action: {a}"));
    }
    parts.join(" · ")
}

/// The columns of the records table: label and record field.
const RECORD_COLUMNS: [(&str, &str); 8] = [
    ("seq", "seq"),
    ("name", "name"),
    ("lead units", "lead_units"),
    ("partner units", "partner_units"),
    ("deadline", "deadline"),
    ("target", "target"),
    ("quantities", "quantities"),
    ("more", "more"),
];

/// Fields shown together in the last column, when present.
const MORE_FIELDS: [&str; 10] = [
    "section",
    "category",
    "investment",
    "milestones",
    "progress",
    "result",
    "status",
    "notes",
    "duplicate_of",
    "extra",
];

/// The records of table `t` of notice `d` (`linked`: drawn above, so each
/// record links to its row), marked against the earlier run when diffing.
fn records_html(
    out: &mut String,
    (d, t, linked): (usize, usize, bool),
    records: &[(usize, &Value)],
    old: Option<&BTreeMap<(u64, u64), Value>>,
    diffing: bool,
    removed: &[&Value],
) {
    if records.is_empty() && removed.is_empty() {
        return;
    }
    out.push_str("<table class=\"records\"><thead><tr><th>row</th>");
    for (label, _) in RECORD_COLUMNS {
        let _ = write!(out, "<th>{label}</th>");
    }
    out.push_str("</tr></thead><tbody>\n");
    for (i, r) in records {
        let row = r
            .pointer("/source/row")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        let ch = if diffing {
            change(old.and_then(|o| o.get(&(t as u64, row))), r)
        } else {
            Change::Same
        };
        let (class, mark) = match &ch {
            Change::Same => ("rec", String::new()),
            Change::Added => ("rec diff-added", " <small>added</small>".to_string()),
            Change::Changed(f) => (
                "rec diff-changed",
                format!(
                    " <small>changed: {}</small>",
                    esc(&f
                        .iter()
                        .map(|(k, _)| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", "))
                ),
            ),
        };
        let at = if linked {
            format!("<a href=\"#d{d}t{t}r{row}\">{row}</a>")
        } else {
            format!("item {row}")
        };
        let _ = write!(
            out,
            "<tr class=\"{class}\" id=\"d{d}rec{i}\"><td>{at}{mark}</td>"
        );
        record_cells(out, r, &ch);
        out.push_str("</tr>\n");
    }
    for r in removed {
        let row = r
            .pointer("/source/row")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        let _ = write!(
            out,
            "<tr class=\"rec diff-removed\"><td>{row} <small>removed</small></td>"
        );
        record_cells(out, r, &Change::Same);
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

fn record_cells(out: &mut String, r: &Value, ch: &Change) {
    let inherited: Vec<String> = r
        .pointer("/source/inherited")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|v| text(Some(v))).collect())
        .unwrap_or_default();
    let quantities: Vec<Value> = r
        .get("quantities")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let changed = |field: &str| match ch {
        Change::Changed(f) => f.iter().find(|(k, _)| k == field).map(|(_, old)| old),
        _ => None,
    };
    for (_, field) in RECORD_COLUMNS {
        let body = match field {
            "quantities" => quantities
                .iter()
                .map(|q| {
                    format!(
                        "<mark class=\"q\" data-tip=\"{}\">{}</mark>",
                        esc(&tip(q)),
                        esc(&text(q.get("text")))
                    )
                })
                .collect::<Vec<_>>()
                .join(" "),
            "more" => MORE_FIELDS
                .iter()
                .filter_map(|f| {
                    let v = r.get(*f)?;
                    let empty = v.is_null()
                        || v.as_array().is_some_and(Vec::is_empty)
                        || v.as_object().is_some_and(|o| o.is_empty());
                    (!empty).then(|| format!("<b>{f}</b>: {}", esc(&text(Some(v)))))
                })
                .collect::<Vec<_>>()
                .join("<br>"),
            "target" | "name" => highlighted(field, &text(r.get(field)), &quantities),
            _ => esc(&text(r.get(field))),
        };
        let mut classes = Vec::new();
        if inherited.iter().any(|f| f == field) {
            classes.push("inherited");
        }
        let old = if field == "more" {
            MORE_FIELDS.iter().find_map(|f| changed(f))
        } else {
            changed(field)
        };
        if old.is_some() {
            classes.push("field-changed");
        }
        let title = if classes.contains(&"inherited") {
            " title=\"merged down from the row above: count once\""
        } else {
            ""
        };
        let was = old
            .map(|o| format!("<br><del>{}</del>", esc(&text(Some(o)))))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<td class=\"{}\"{title}>{body}{was}</td>",
            classes.join(" ")
        );
    }
}

/// The notice's paragraphs and lists as it prints them, folded away.
fn text_of_notice(out: &mut String, model: &Document) {
    let blocks: Vec<&Block> = model
        .blocks
        .iter()
        .filter(|b| !matches!(b, Block::Table(_)))
        .collect();
    if blocks.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<details><summary>Text of the notice ({} paragraphs and lists)</summary>",
        blocks.len()
    );
    for b in blocks {
        match b {
            Block::Paragraph(p) => {
                let _ = writeln!(out, "<p>{}</p>", esc(&p.text));
            }
            Block::List(l) => {
                out.push_str("<ul class=\"list\">");
                for it in &l.items {
                    for h in &it.headings {
                        let _ = write!(out, "<li><b>{}{}</b></li>", esc(&h.label), esc(&h.text));
                    }
                    let _ = write!(out, "<li>{} {}", esc(&it.label), esc(&it.text));
                    for p in &it.body {
                        let _ = write!(out, "<br>{}", esc(&p.text));
                    }
                    out.push_str("</li>");
                }
                out.push_str("</ul>\n");
            }
            _ => {}
        }
    }
    out.push_str("</details>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn text_is_escaped_everywhere() {
        assert_eq!(
            esc("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn quantities_are_marked_where_their_span_says() {
        let q = json!([{"field": "target", "span": [2, 10], "text": "约260万平方米", "value": 2600000, "unit": "平方米", "qualifier": "approx", "object": "建筑面积"}]);
        let html = highlighted(
            "target",
            "改造约260万平方米<等>",
            q.as_array().expect("array"),
        );
        assert!(html.starts_with("改造<mark class=\"q\" data-tip=\"2600000 平方米 · approx · object: 建筑面积\">约260万平方米</mark>&lt;等&gt;"), "{html}");
        // A span past the text (a stale quantity) is not drawn.
        let bad = json!([{"field": "target", "span": [2, 70]}]);
        assert_eq!(
            highlighted("target", "改造", bad.as_array().expect("array")),
            "改造"
        );
    }

    #[test]
    fn a_record_compares_field_by_field_without_its_source() {
        let old = json!({"source": {"row": 1}, "name": "甲", "target": "新建1座"});
        let moved = json!({"source": {"row": 2}, "name": "甲", "target": "新建1座"});
        assert_eq!(change(Some(&old), &moved), Change::Same);
        let new = json!({"source": {"row": 1}, "name": "甲", "target": "新建2座"});
        assert_eq!(
            change(Some(&old), &new),
            Change::Changed(vec![("target".into(), json!("新建1座"))])
        );
        assert_eq!(change(None, &new), Change::Added);
    }
}
