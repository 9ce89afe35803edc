//! Field-level comparison of an extraction with its reviewed expected
//! output, for the `regress` command and the fixture tests: which file holds
//! a notice's expected output ([`expected_paths`], [`expected_file`]), every
//! difference down to leaf values ([`diff`]), and those differences sorted
//! for a reader ([`Report`]).

use serde_json::Value;
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

/// How the name of every expected output ends.
pub const EXPECTED_SUFFIX: &str = ".expected.json";

/// The most differences a [`Report`] prints for one file by default
/// ([`Report::lines`]); past them one line counts the rest.
pub const MAX_REPORTED_DIFFERENCES: usize = 40;

/// The most kinds of provenance difference the summary line names.
const MAX_PROVENANCE_KINDS: usize = 6;

/// Where the expected output of the saved notice `input` may be: the file
/// named after the whole input name (`a.txt` → `a.txt.expected.json`,
/// `a.html` → `a.html.expected.json`, `a` → `a.expected.json`), so that two
/// inputs with the same stem never share one; and, for a `.txt` input only,
/// the legacy name from before inputs of other formats were saved
/// (`a.txt` → `a.expected.json`), which is read when it alone exists.
///
/// Pure: [`expected_file`] decides between the two by which files exist.
///
/// ```
/// use notice_extract::regress::expected_paths;
/// use std::path::{Path, PathBuf};
/// assert_eq!(
///     expected_paths(Path::new("fixtures/a.txt")),
///     (PathBuf::from("fixtures/a.txt.expected.json"), Some(PathBuf::from("fixtures/a.expected.json")))
/// );
/// assert_eq!(expected_paths(Path::new("a.html")), (PathBuf::from("a.html.expected.json"), None));
/// ```
pub fn expected_paths(input: &Path) -> (PathBuf, Option<PathBuf>) {
    let with_suffix = |name: &std::ffi::OsStr| {
        let mut name = OsString::from(name);
        name.push(EXPECTED_SUFFIX);
        input.with_file_name(name)
    };
    let whole = with_suffix(input.file_name().unwrap_or_default());
    let is_txt = input
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    let legacy = input.file_stem().filter(|_| is_txt).map(with_suffix);
    (whole, legacy)
}

/// The expected output of `input`, given which files `exists`: the legacy
/// `NAME.expected.json` of a `NAME.txt` when it exists and
/// `NAME.txt.expected.json` does not, else the file named after the whole
/// input name (see [`expected_paths`]). Reading and blessing both use it, so
/// blessing rewrites the file that is there and saved fixtures keep their
/// names.
///
/// ```
/// use notice_extract::regress::expected_file;
/// use std::path::{Path, PathBuf};
/// let legacy = |p: &Path| p == Path::new("b.expected.json");
/// assert_eq!(expected_file(Path::new("b.txt"), legacy), PathBuf::from("b.expected.json"));
/// assert_eq!(expected_file(Path::new("c.txt"), legacy), PathBuf::from("c.txt.expected.json"));
/// ```
pub fn expected_file(input: &Path, exists: impl Fn(&Path) -> bool) -> PathBuf {
    match expected_paths(input) {
        (whole, Some(legacy)) if !exists(&whole) && exists(&legacy) => legacy,
        (whole, _) => whole,
    }
}

/// One place where the actual output differs from the expected one.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// JSON path, e.g. `records[3].lead_units[1]`.
    pub path: String,
    /// The expected value there; None when only the actual output has it.
    pub expected: Option<Value>,
    /// The actual value there; None when the actual output lacks it.
    pub actual: Option<Value>,
}

/// A value as a report prints it: JSON, cut after 200 characters.
fn show(v: &Option<Value>) -> String {
    match v {
        None => "(missing)".to_string(),
        Some(v) => {
            let s = v.to_string();
            let max = 200;
            if s.chars().count() > max {
                format!("{}…", s.chars().take(max).collect::<String>())
            } else {
                s
            }
        }
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}\n    expected: {}\n    actual:   {}",
            self.path,
            show(&self.expected),
            show(&self.actual)
        )
    }
}

/// Every difference between `expected` and `actual`, down to leaf values.
pub fn diff(expected: &Value, actual: &Value) -> Vec<Difference> {
    let mut out = Vec::new();
    walk("", expected, actual, &mut out);
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn walk(path: &str, e: &Value, a: &Value, out: &mut Vec<Difference>) {
    match (e, a) {
        (Value::Object(eo), Value::Object(ao)) => {
            for (k, ev) in eo {
                match ao.get(k) {
                    Some(av) => walk(&join(path, k), ev, av, out),
                    None => out.push(Difference {
                        path: join(path, k),
                        expected: Some(ev.clone()),
                        actual: None,
                    }),
                }
            }
            for (k, av) in ao {
                if !eo.contains_key(k) {
                    out.push(Difference {
                        path: join(path, k),
                        expected: None,
                        actual: Some(av.clone()),
                    });
                }
            }
        }
        (Value::Array(ea), Value::Array(aa)) => {
            for i in 0..ea.len().max(aa.len()) {
                let p = format!("{path}[{i}]");
                match (ea.get(i), aa.get(i)) {
                    (Some(ev), Some(av)) => walk(&p, ev, av, out),
                    (ev, av) => out.push(Difference {
                        path: p,
                        expected: ev.cloned(),
                        actual: av.cloned(),
                    }),
                }
            }
        }
        _ if e == a => {}
        _ => out.push(Difference {
            path: path.to_string(),
            expected: Some(e.clone()),
            actual: Some(a.clone()),
        }),
    }
}

/// Whether a difference at `path` is one of provenance only: under the
/// `source` of the document (`source.path`, `source.sha256`, …) or of a
/// record (`records[2].source.row`), which say where the notice was read
/// from rather than what was read.
pub fn is_provenance(path: &str) -> bool {
    let rest = record_of(path).map_or(path, |(_, rest)| rest);
    rest == "source" || rest.starts_with("source.")
}

/// The index of the record a path is in (`records[3].name` → 3) and the
/// rest of the path, relative to the record (`name`; empty for the record
/// itself).
fn record_of(path: &str) -> Option<(usize, &str)> {
    let (index, rest) = path.strip_prefix("records[")?.split_once(']')?;
    let index = index.parse().ok()?;
    Some((index, rest.strip_prefix('.').unwrap_or(rest)))
}

/// What differs in one record.
#[derive(Debug, Clone, PartialEq)]
pub enum RecordChange {
    /// Only the expected output has the record.
    Missing,
    /// Only the actual output has the record.
    Extra,
    /// Both have it, and these fields differ; paths are relative to the
    /// record (`lead_units[1]`), empty when the record itself differs in type.
    Fields(Vec<Difference>),
}

/// A record that differs, named as a reader finds it in the notice.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordDifferences {
    /// Its place in `records`.
    pub index: usize,
    /// Its `seq` (the expected output's, else the actual one's), if any.
    pub seq: Option<String>,
    /// Its `name` (the expected output's, else the actual one's), if any.
    pub name: Option<String>,
    /// What differs.
    pub change: RecordChange,
}

impl RecordDifferences {
    /// How many differences it holds (a missing or extra record is one).
    pub fn len(&self) -> usize {
        match &self.change {
            RecordChange::Fields(fields) => fields.len(),
            RecordChange::Missing | RecordChange::Extra => 1,
        }
    }

    /// Whether it holds no difference (never, for one a [`Report`] made).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `records[3] seq 4 「name」`.
    fn label(&self) -> String {
        let mut s = format!("records[{}]", self.index);
        if let Some(seq) = &self.seq {
            s.push_str(&format!(" seq {seq}"));
        }
        if let Some(name) = &self.name {
            s.push_str(&format!(" 「{name}」"));
        }
        s
    }
}

/// The differences of one file sorted for a reader: first the records that
/// differ (by index, each with its seq and name), then the other differences
/// of the document (notice, tables, warnings), and apart from both the
/// differences of provenance only ([`is_provenance`]), which a report sums
/// up in one line ([`Report::provenance_line`]) or leaves out
/// ([`Report::ignore_provenance`]).
///
/// ```
/// use notice_extract::regress::Report;
/// use serde_json::json;
/// let e = json!({"records": [{"seq": "1", "name": "甲", "lead_units": ["区教委"], "source": {"row": 1}}]});
/// let a = json!({"records": [{"seq": "1", "name": "甲", "lead_units": ["区民政局"], "source": {"row": 2}}]});
/// let report = Report::new(&e, &a);
/// assert_eq!(report.summary(), "2 differences: 1 in 1 record, 1 of provenance");
/// assert_eq!(report.lines(40)[0], "  records[0] seq 1 「甲」:");
/// assert_eq!(report.provenance_line().as_deref(), Some("  + 1 provenance difference (source.*): records[0].source.row"));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// The records that differ, by index; provenance left out.
    pub records: Vec<RecordDifferences>,
    /// The differences outside the records; provenance left out.
    pub document: Vec<Difference>,
    /// The differences of provenance only, of the document and the records.
    pub provenance: Vec<Difference>,
    /// How many provenance differences [`Report::ignore_provenance`] dropped.
    pub ignored_provenance: usize,
}

/// `n` and `word`, with an `s` unless `n` is one.
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The text of a record's `key` (a string as it is, a number as JSON), if any.
fn field_text(record: Option<&Value>, key: &str) -> Option<String> {
    match record?.get(key)? {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        v => Some(v.to_string()),
    }
}

impl Report {
    /// Every difference between `expected` and `actual` ([`diff`]), sorted.
    pub fn new(expected: &Value, actual: &Value) -> Report {
        let record = |doc: &Value, i: usize| doc.get("records").and_then(|r| r.get(i)).cloned();
        let mut report = Report::default();
        let mut records: std::collections::BTreeMap<usize, RecordDifferences> = Default::default();
        for d in diff(expected, actual) {
            if is_provenance(&d.path) {
                report.provenance.push(d);
                continue;
            }
            let Some((index, rest)) = record_of(&d.path) else {
                report.document.push(d);
                continue;
            };
            let (e, a) = (record(expected, index), record(actual, index));
            let change = match (&d.expected, &d.actual) {
                (_, None) if rest.is_empty() => RecordChange::Missing,
                (None, _) if rest.is_empty() => RecordChange::Extra,
                _ => RecordChange::Fields(Vec::new()),
            };
            let entry = records.entry(index).or_insert_with(|| RecordDifferences {
                index,
                seq: field_text(e.as_ref(), "seq").or_else(|| field_text(a.as_ref(), "seq")),
                name: field_text(e.as_ref(), "name").or_else(|| field_text(a.as_ref(), "name")),
                change,
            });
            if let RecordChange::Fields(fields) = &mut entry.change {
                fields.push(Difference {
                    path: rest.to_string(),
                    ..d
                });
            }
        }
        report.records = records.into_values().collect();
        report
    }

    /// Drops the differences of provenance only (`--ignore source`),
    /// counting them in [`Report::ignored_provenance`].
    pub fn ignore_provenance(&mut self) {
        self.ignored_provenance += self.provenance.len();
        self.provenance.clear();
    }

    /// How many differences it holds, provenance included (but not ignored).
    pub fn len(&self) -> usize {
        self.records_len() + self.document.len() + self.provenance.len()
    }

    /// Whether nothing differs (but what was ignored).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn records_len(&self) -> usize {
        self.records.iter().map(RecordDifferences::len).sum()
    }

    /// One line of counts: `14 differences: 2 in 1 record, 12 of provenance`.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.records.is_empty() {
            parts.push(format!(
                "{} in {}",
                self.records_len(),
                plural(self.records.len(), "record")
            ));
        }
        if !self.document.is_empty() {
            parts.push(format!("{} outside the records", self.document.len()));
        }
        if !self.provenance.is_empty() {
            parts.push(format!("{} of provenance", self.provenance.len()));
        }
        let mut s = plural(self.len(), "difference");
        if !parts.is_empty() {
            s.push_str(": ");
            s.push_str(&parts.join(", "));
        }
        if self.ignored_provenance > 0 {
            s.push_str(&format!(
                " ({} of provenance ignored)",
                self.ignored_provenance
            ));
        }
        s
    }

    /// The differing records, then the other differences of the document,
    /// each indented by two spaces, at most `max` differences (a record's
    /// header line is not one); past them one line counts the rest.
    /// Provenance is left to [`Report::provenance_line`].
    pub fn lines(&self, max: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut shown = 0;
        let pair = |out: &mut Vec<String>, indent: &str, d: &Difference| {
            out.push(format!("{indent}  expected: {}", show(&d.expected)));
            out.push(format!("{indent}  actual:   {}", show(&d.actual)));
        };
        'records: for r in &self.records {
            if shown >= max {
                break;
            }
            match &r.change {
                RecordChange::Missing => {
                    out.push(format!(
                        "  {}: missing (only in the expected output)",
                        r.label()
                    ));
                    shown += 1;
                }
                RecordChange::Extra => {
                    out.push(format!(
                        "  {}: extra (only in the actual output)",
                        r.label()
                    ));
                    shown += 1;
                }
                RecordChange::Fields(fields) => {
                    out.push(format!("  {}:", r.label()));
                    for d in fields {
                        if shown >= max {
                            break 'records;
                        }
                        let path = if d.path.is_empty() {
                            "(the record)"
                        } else {
                            d.path.as_str()
                        };
                        out.push(format!("    {path}"));
                        pair(&mut out, "    ", d);
                        shown += 1;
                    }
                }
            }
        }
        for d in &self.document {
            if shown >= max {
                break;
            }
            out.push(format!("  {}", d.path));
            pair(&mut out, "  ", d);
            shown += 1;
        }
        let rest = self.records_len() + self.document.len() - shown;
        if rest > 0 {
            out.push(format!(
                "  … and {rest} more {}",
                if rest == 1 {
                    "difference"
                } else {
                    "differences"
                }
            ));
        }
        out
    }

    /// The provenance differences in one line, by kind (the record index
    /// as `*` when several records differ there), or None when there are none:
    /// `  + 12 provenance differences (source.*): source.path, source.sha256, records[*].source.row ×10`.
    pub fn provenance_line(&self) -> Option<String> {
        if self.provenance.is_empty() {
            return None;
        }
        // (kind, the first path of that kind, how many)
        let mut kinds: Vec<(String, &str, usize)> = Vec::new();
        for d in &self.provenance {
            let kind = match record_of(&d.path) {
                Some((_, rest)) => format!("records[*].{rest}"),
                None => d.path.clone(),
            };
            match kinds.iter_mut().find(|(k, _, _)| *k == kind) {
                Some((_, _, n)) => *n += 1,
                None => kinds.push((kind, &d.path, 1)),
            }
        }
        let mut named: Vec<String> = kinds
            .iter()
            .take(MAX_PROVENANCE_KINDS)
            .map(|(kind, first, n)| {
                if *n == 1 {
                    (*first).to_string()
                } else {
                    format!("{kind} ×{n}")
                }
            })
            .collect();
        if kinds.len() > MAX_PROVENANCE_KINDS {
            named.push("…".to_string());
        }
        Some(format!(
            "  + {} (source.*): {}",
            plural(self.provenance.len(), "provenance difference"),
            named.join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_changed_missing_and_extra_leaves() {
        let e = json!({"records": [{"name": "甲", "lead_units": ["区教委"]}], "notice": {"year": 2024}});
        let a = json!({"records": [{"name": "乙", "lead_units": ["区教委", "区残联"], "x": 1}], "notice": {"year": 2024}});
        let d = diff(&e, &a);
        let paths: Vec<&str> = d.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "records[0].name",
                "records[0].lead_units[1]",
                "records[0].x"
            ]
        );
        assert!(diff(&e, &e).is_empty());
    }

    #[test]
    fn the_expected_file_is_named_after_the_whole_input_name() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            expected_paths(Path::new("d/a.txt")),
            (p("d/a.txt.expected.json"), Some(p("d/a.expected.json")))
        );
        assert_eq!(
            expected_paths(Path::new("d/a.b.TXT")),
            (p("d/a.b.TXT.expected.json"), Some(p("d/a.b.expected.json")))
        );
        assert_eq!(
            expected_paths(Path::new("d/a.html")),
            (p("d/a.html.expected.json"), None)
        );
        assert_eq!(
            expected_paths(Path::new("d/a.docx")),
            (p("d/a.docx.expected.json"), None)
        );
        // No extension: its own name is the one a `.txt` of the same stem had.
        assert_eq!(
            expected_paths(Path::new("d/a")),
            (p("d/a.expected.json"), None)
        );
        assert_eq!(
            expected_paths(Path::new("d/.txt")),
            (p("d/.txt.expected.json"), None)
        );
    }

    #[test]
    fn the_legacy_name_is_read_only_for_text_and_only_when_alone() {
        let p = |s: &str| PathBuf::from(s);
        let only_legacy = |f: &Path| f == Path::new("a.expected.json");
        assert_eq!(
            expected_file(Path::new("a.txt"), only_legacy),
            p("a.expected.json")
        );
        assert_eq!(
            expected_file(Path::new("a.html"), only_legacy),
            p("a.html.expected.json")
        );
        let both =
            |f: &Path| f == Path::new("a.expected.json") || f == Path::new("a.txt.expected.json");
        assert_eq!(
            expected_file(Path::new("a.txt"), both),
            p("a.txt.expected.json")
        );
        assert_eq!(
            expected_file(Path::new("a.txt"), |_: &Path| false),
            p("a.txt.expected.json")
        );
    }

    fn record(seq: &str, name: &str, lead: &str, row: u64) -> Value {
        json!({"seq": seq, "name": name, "lead_units": [lead], "source": {"path": "a.txt", "row": row}})
    }

    #[test]
    fn a_report_leads_with_the_records_and_sums_up_provenance() {
        let e = json!({
            "source": {"path": "a.txt", "sha256": "00"},
            "notice": {"year": 2024},
            "records": [record("1", "甲", "区教委", 1), record("2", "乙", "区民政局", 2), record("3", "丙", "区卫健委", 3)],
        });
        let a = json!({
            "source": {"path": "b.txt", "sha256": "11"},
            "notice": {"year": 2023},
            "records": [record("1", "甲", "区教委", 5), record("2", "乙", "区残联", 6), record("3", "丙", "区卫健委", 7), record("4", "丁", "区体育局", 8)],
        });
        let report = Report::new(&e, &a);
        assert_eq!(report.len(), 8);
        assert_eq!(
            report.summary(),
            "8 differences: 2 in 2 records, 1 outside the records, 5 of provenance"
        );
        assert_eq!(
            report.lines(MAX_REPORTED_DIFFERENCES),
            vec![
                "  records[1] seq 2 「乙」:",
                "    lead_units[0]",
                "      expected: \"区民政局\"",
                "      actual:   \"区残联\"",
                "  records[3] seq 4 「丁」: extra (only in the actual output)",
                "  notice.year",
                "    expected: 2024",
                "    actual:   2023",
            ]
        );
        assert_eq!(
            report.provenance_line().as_deref(),
            Some("  + 5 provenance differences (source.*): source.path, source.sha256, records[*].source.row ×3")
        );
        // A missing record is named by the expected output.
        let back = Report::new(&a, &e);
        assert!(back.lines(40).contains(
            &"  records[3] seq 4 「丁」: missing (only in the expected output)".to_string()
        ));
    }

    #[test]
    fn ignoring_provenance_leaves_only_what_was_read() {
        let e = json!({"source": {"path": "a.txt"}, "records": [record("1", "甲", "区教委", 1)]});
        let a = json!({"source": {"path": "b.txt"}, "records": [record("1", "甲", "区教委", 9)]});
        let mut report = Report::new(&e, &a);
        assert!(!report.is_empty());
        assert!(report.lines(40).is_empty());
        report.ignore_provenance();
        assert!(report.is_empty());
        assert_eq!(report.provenance_line(), None);
        assert_eq!(report.summary(), "0 differences (2 of provenance ignored)");
    }

    #[test]
    fn a_report_prints_at_most_max_differences() {
        let many = |lead: &str| json!({"records": (0..30).map(|i| json!({"seq": i.to_string(), "name": "x", "lead_units": [lead, lead]})).collect::<Vec<_>>()});
        let report = Report::new(&many("甲"), &many("乙"));
        assert_eq!(report.len(), 60);
        let lines = report.lines(5);
        // Three records' headers (two fields each, the third cut after one), five differences, the count.
        assert_eq!(lines.len(), 3 + 5 * 3 + 1, "{lines:#?}");
        assert_eq!(
            lines.last().map(String::as_str),
            Some("  … and 55 more differences")
        );
        assert!(is_provenance("records[2].source.row"));
        assert!(is_provenance("source"));
        assert!(!is_provenance("records[2].name"));
        assert!(!is_provenance("tables[0].source_name"));
    }
}
