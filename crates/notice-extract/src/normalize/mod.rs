//! The normaliser: one [`Document`] (paragraphs, lists and resolved tables,
//! whatever format they came from) into one [`NoticeDocument`] of project
//! records. It knows projects and headers, and nothing of file formats.
//!
//! For each table it maps columns to record fields through the header
//! synonym table ([`crate::headers`]), reads section rows, turns every other
//! body row into a record (a project printed over several rows gives one
//! record per row, numbered by `part`, with merged values marked
//! `inherited`), and checks sequence numbers and announced counts. A
//! numbered list of `名称:目标` items becomes records when the notice has no
//! project table. A report's narrative sections about each project are
//! attached to that project's records.

pub mod dates;
pub mod items;
pub mod lists;
pub mod metadata;
pub mod units;
pub mod vocab;

use crate::headers::{self, Field, Group, Strength};
use crate::layout::grid;
use crate::model::{Block, Document, List, Origin, Row, Table, Warning};
use crate::model::{InputFormat, Layout, WarningCode};
use crate::record::*;
use crate::text::{ascii_digits, clean, clean_multiline, fold, is_dash, undouble};
use notice_quantity::Quantity;
use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::LazyLock;
use vocab::{category_in, NarrativePart, NARRATIVE_HEADINGS, STATUS_WORDS};

/// Where the input came from, for provenance: copied into the document's
/// and every record's `source`.
#[derive(Debug, Clone)]
pub struct SourceInfo {
    /// The input path as given; named in the output, never opened.
    pub path: String,
    /// Lowercase hex SHA-256 of the input bytes ([`crate::sha256_hex`]).
    pub sha256: String,
    /// The format it was read as.
    pub format: InputFormat,
    /// The character encoding the input was decoded from, for text formats.
    pub encoding: Option<String>,
}

impl SourceInfo {
    /// An empty record of this input, at a table's (or list's) row.
    fn record(&self, layout: Layout, table: usize, row: usize, line: Option<usize>) -> Record {
        Record::new(RecordSource {
            path: self.path.clone(),
            sha256: self.sha256.clone(),
            layout,
            table,
            row,
            line,
            inherited: Vec::new(),
        })
    }
}

/// Paragraphs above a list read for what they say about it.
pub const CONTEXT_PARAGRAPHS: usize = 4;
/// Longest paragraph above a table taken as its title.
pub const MAX_TABLE_TITLE_CHARS: usize = 80;

/// Most characters of one record field read for quantities. The longest
/// field of any fixture has about 1,400 characters and a project's target or
/// milestone rarely a few hundred; a pathological field (a 50 MB paragraph
/// taken into a list item) gave 1.7 million quantities and 1.8 GB of memory.
/// Past it, quantities come from the field's first characters (cut back to
/// the last clause break), with a `quantity_text_truncated` warning.
pub const MAX_FIELD_CHARS_FOR_QUANTITIES: usize = 20_000;

/// Most quantities kept for one record, in field order; the fixtures' most is
/// 29. Past it, the rest are dropped with a `quantities_truncated` warning.
pub const MAX_QUANTITIES_PER_RECORD: usize = 1_000;

/// Characters a quantity text is cut back to when it must be cut: a clause
/// break, so that no number is parted from its unit.
const CLAUSE_BREAKS: &[char] = &['，', '。', '；', '、', ',', ';', '\n'];

static ATTACHMENT: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(附件\s*[0-9一二三四五六七八九十]*)\s*[:：]?\s*(.*)$").ok());
static UNIT_NOTE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(?:金额|计量|资金|投资)?单位\s*[:：]\s*(\S{1,6})$").ok());
pub(crate) static ANNOUNCED: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"[（(]\s*(?:共\s*)?(\d+)\s*(?:件|项|个项目|个|大项)").ok());
static ITEM_HEADING: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^(重点)?(民生实事|民生项目|实事|项目)?\s*[（(][一二三四五六七八九十百]+[）)]$")
        .ok()
});
/// The sequence number a name cell starts with (`1.老旧小区改造`, `（2）`,
/// `3、`), and the name without it, for tables that give the number no
/// column of its own. `1.5万人` is a quantity, not a number and a name.
fn seq_in_name(name: &str) -> Option<(String, String)> {
    use crate::layout::outline::{leading_marker, Style};
    let m = leading_marker(name)?;
    if !matches!(m.style, Style::ArabicDot | Style::ArabicParen) {
        return None;
    }
    let rest = name.get(m.words..)?.trim();
    (!rest.is_empty()).then(|| (m.number, rest.to_string()))
}

static ORDINAL: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[一二三四五六七八九十]+\s*[、.．]\s*").ok());
static LEAD_NOTE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[（(]\s*(牵头|责任|主办)(单位|部门)\s*[:：].*[）)]$").ok());

/// Normalises a parsed document into records.
pub fn normalize(doc: &Document, src: &SourceInfo) -> NoticeDocument {
    // Without a table, the records can only come from lists: read them first.
    let only_text = !doc
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Table(_) | Block::List(_)));
    if only_text {
        let grouped = crate::layout::outline::with_lists(doc.clone());
        if grouped.blocks.iter().any(|b| matches!(b, Block::List(_))) {
            return normalize(&grouped, src);
        }
    }
    let mut warnings = doc.warnings.clone();
    let paragraphs: Vec<String> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.text.clone()),
            _ => None,
        })
        .collect();

    // Titles and attachment labels from the paragraphs above each table or list.
    let mut contexts: Vec<Context> = Vec::new();
    let mut recent: Vec<String> = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Paragraph(p) => recent.push(p.text.clone()),
            Block::Table(_) => {
                contexts.push(context(&recent));
                recent.clear();
            }
            // A list's lines stay text above what follows: the title of the
            // next list or table may be the last line of the one before
            // (`三、主要内容` / `…工作目标任务如下：` above the projects).
            Block::List(l) => {
                contexts.push(context(&recent));
                recent.clear();
                let mut printed = Vec::new();
                crate::layout::outline::flatten_into(l, &mut printed);
                recent.extend(printed.into_iter().map(|p| p.text));
            }
        }
    }
    let titles: Vec<String> = contexts.iter().filter_map(|c| c.title.clone()).collect();
    let notice = metadata::read(&doc.metadata, &paragraphs, &titles);

    let mut tables: Vec<TableInfo> = Vec::new();
    let mut records: Vec<Record> = Vec::new();
    let mut lists: Vec<(&List, Context)> = Vec::new();
    let mut ctx = contexts.into_iter();
    for b in &doc.blocks {
        match b {
            Block::Table(t) => {
                let c = ctx.next().unwrap_or_default();
                let index = tables.len();
                let out = TableRun {
                    table: t,
                    index,
                    title: c.title,
                    attachment: c.attachment,
                    unit: c.unit,
                    year: notice.year,
                    src,
                }
                .run(&mut warnings);
                records.extend(out.1);
                tables.push(out.0);
            }
            Block::List(l) => {
                let c = ctx.next().unwrap_or_default();
                lists.push((l, c));
            }
            Block::Paragraph(_) => {}
        }
    }
    if records.is_empty() {
        // A notice that breaks down a work report (政府工作报告) lists that
        // report's tasks: its lists are projects only where it names
        // livelihood projects, in its title or, when the title is silent,
        // anywhere on the page.
        let says = |t: &String, words: &[&str]| {
            let t = fold(t);
            words.iter().any(|w| t.contains(w))
        };
        // The title, and the lines that read as one (`关于印发…的通知`).
        let titles = || {
            notice.title.iter().chain(
                paragraphs
                    .iter()
                    .take(metadata::HEAD_PARAGRAPHS)
                    .filter(|p| p.trim_start().starts_with("关于")),
            )
        };
        let title_says = |words: &[&str]| titles().any(|t| says(t, words));
        let body = || {
            paragraphs
                .iter()
                .chain(doc.metadata.iter().map(|m| &m.value))
                .chain(doc.blocks.iter().filter_map(|b| match b {
                    Block::List(l) => l.items.first().map(|it| &it.text),
                    _ => None,
                }))
        };
        let names_projects = title_says(vocab::PROJECT_CONTEXT_WORDS)
            || (!title_says(vocab::TASK_DOCUMENT_WORDS)
                && (body().any(|t| says(t, vocab::PROJECT_CONTEXT_WORDS))
                    || !body().any(|t| says(t, vocab::TASK_DOCUMENT_WORDS))));
        let runs: Vec<lists::ListRun> = lists
            .into_iter()
            .map(|(l, c)| {
                let mut context: Vec<String> = notice.title.iter().cloned().collect();
                context.extend(c.above);
                let mut run =
                    lists::ListRun::new(l, c.title, c.attachment, notice.year, src, context);
                run.notice_names_projects = names_projects;
                run
            })
            .collect();
        // Where some list plainly holds the projects, lists taken only on
        // weaker evidence are the notice's other enumerations (its
        // background, its measures), not more projects.
        let levels: Vec<lists::Evidence> = runs.iter().map(lists::ListRun::assess).collect();
        let best = levels.iter().copied().max();
        for (mut list, level) in runs.into_iter().zip(levels) {
            if best == Some(lists::Evidence::Strong) && level != lists::Evidence::Strong {
                continue;
            }
            list.index = tables.len();
            if let Some((info, recs)) = list.run(&mut warnings) {
                tables.push(info);
                records.extend(recs);
            }
        }
    }
    // Lists are read only when the tables give no records: a notice whose
    // table holds its projects needs none, and its report sections stay
    // paragraphs for the narratives.
    let has_lists = doc.blocks.iter().any(|b| matches!(b, Block::List(_)));
    if records.is_empty() && !has_lists {
        let grouped = crate::layout::outline::with_lists(doc.clone());
        if grouped.blocks.iter().any(|b| matches!(b, Block::List(_))) {
            return normalize(&grouped, src);
        }
    }
    for r in &mut records {
        deadline_from_schedule(r, notice.year);
    }
    attach_narratives(&doc.blocks, &mut records);
    // A cell merged over several rows gives each of its records the same
    // text; extraction depends on the text alone, so each is read once.
    let mut seen: HashMap<String, Vec<Quantity>> = HashMap::new();
    for r in &mut records {
        r.quantities = quantities_of(r, &mut seen, &mut warnings);
    }

    // A page of lists is laid out as the list that holds its projects.
    let has_tables = doc.blocks.iter().any(|b| matches!(b, Block::Table(_)));
    let layout = match records.first() {
        Some(r) if !has_tables => r.source.layout,
        _ => doc.layout,
    };
    NoticeDocument {
        source: DocumentSource {
            path: src.path.clone(),
            sha256: src.sha256.clone(),
            format: src.format,
            encoding: src.encoding.clone(),
            layout,
        },
        notice,
        tables,
        records,
        warnings,
    }
}

/// A record without a deadline whose schedule (a column or labelled line
/// kept in `extra`, [`vocab::SCHEDULE_WORDS`]) names dates takes the last of
/// them; the schedule itself stays in `extra`.
fn deadline_from_schedule(r: &mut Record, year: Option<i32>) {
    if r.deadline.is_some() {
        return;
    }
    let schedule = r.extra.iter().find_map(|(k, v)| {
        let k = crate::text::fold(k);
        vocab::SCHEDULE_WORDS
            .iter()
            .any(|w| k.contains(w))
            .then(|| v.as_str())
            .flatten()
    });
    if let Some(text) = schedule {
        r.deadline = dates::latest_date(text, year);
    }
}

/// The part of a field read for quantities: all of it, or its first
/// [`MAX_FIELD_CHARS_FOR_QUANTITIES`] characters cut back to the last
/// clause break among them (when there is one).
fn quantity_text(text: &str) -> (&str, bool) {
    let Some((end, _)) = text.char_indices().nth(MAX_FIELD_CHARS_FOR_QUANTITIES) else {
        return (text, false);
    };
    let head = text.get(..end).unwrap_or(text);
    let cut = head
        .rfind(CLAUSE_BREAKS)
        .and_then(|i| head.get(..i))
        .filter(|h| !h.is_empty())
        .unwrap_or(head);
    (cut, true)
}

/// The quantities of a record's text fields, each labelled with its field;
/// the limits on text read and quantities kept are warned about.
fn quantities_of(
    r: &Record,
    seen: &mut HashMap<String, Vec<Quantity>>,
    warnings: &mut Vec<Warning>,
) -> Vec<Quantity> {
    let mut fields: Vec<(String, &str)> = Vec::new();
    match (&r.target, &r.name) {
        (Some(t), _) => fields.push(("target".into(), t)),
        // A table with one column for the whole item (民生实事: 新建2座人行天桥)
        // states its target in the name.
        (None, Some(n)) => fields.push(("name".into(), n)),
        (None, None) => {}
    }
    for (i, m) in r.milestones.iter().enumerate() {
        fields.push((format!("milestones[{i}]"), &m.text));
    }
    if let Some(t) = &r.progress {
        fields.push(("progress".into(), t));
    }
    if let Some(t) = &r.result {
        fields.push(("result".into(), t));
    }
    let warn = |code: WarningCode, msg: String| {
        Warning::new(code, msg).at_table(r.source.table, Some(r.source.row))
    };
    let mut out = Vec::new();
    for (field, text) in fields {
        let (text, cut) = quantity_text(text);
        if cut {
            warnings.push(warn(
                WarningCode::QuantityTextTruncated,
                format!(
                    "{field} is longer than {MAX_FIELD_CHARS_FOR_QUANTITIES} characters \
                     (MAX_FIELD_CHARS_FOR_QUANTITIES); quantities are read from its first {}",
                    text.chars().count()
                ),
            ));
        }
        let found = match seen.get(text) {
            Some(q) => q.clone(),
            None => {
                let q = notice_quantity::extract(text);
                seen.insert(text.to_string(), q.clone());
                q
            }
        };
        out.extend(found.into_iter().map(|mut q| {
            q.field = Some(field.clone());
            q
        }));
    }
    if out.len() > MAX_QUANTITIES_PER_RECORD {
        warnings.push(warn(
            WarningCode::QuantitiesTruncated,
            format!(
                "{} quantities found; the first {MAX_QUANTITIES_PER_RECORD} are kept (MAX_QUANTITIES_PER_RECORD)",
                out.len()
            ),
        ));
        out.truncate(MAX_QUANTITIES_PER_RECORD);
    }
    out
}

/// What the paragraphs just above a table say about it.
#[derive(Debug, Default)]
struct Context {
    /// The paragraphs just above, nearest last (what an intro says about a list).
    above: Vec<String>,
    title: Option<String>,
    attachment: Option<String>,
    /// A `单位：万元` note: the unit of the table's bare numbers.
    unit: Option<String>,
}

/// The title, attachment label and unit note printed above a table: the
/// last paragraph before it when short enough to be a title (a unit note
/// skipped), and an `附件N` line.
fn context(recent: &[String]) -> Context {
    let mut tail: Vec<String> = recent.iter().rev().take(4).map(|p| clean(p)).collect();
    let mut unit = None;
    if let Some(c) = tail.first().and_then(|p| UNIT_NOTE.as_ref()?.captures(p)) {
        unit = c.get(1).map(|m| m.as_str().to_string());
        tail.remove(0);
    }
    let mut title = None;
    let mut attachment = None;
    for (i, p) in tail.iter().take(3).enumerate() {
        if let Some(c) = ATTACHMENT.as_ref().and_then(|r| r.captures(p)) {
            let label = c.get(1).map(|m| clean(m.as_str()));
            let rest = c.get(2).map(|m| clean(m.as_str())).unwrap_or_default();
            attachment = label;
            if i == 0 && !rest.is_empty() {
                title = Some(rest);
            }
            break;
        }
        if i == 0 {
            let t = p.trim_end_matches([':', '：']);
            let t = t.strip_suffix("如下").unwrap_or(t);
            let n = t.chars().count();
            if n > 0 && n <= MAX_TABLE_TITLE_CHARS && !t.ends_with('。') {
                title = Some(t.to_string());
            }
        }
    }
    Context {
        above: recent
            .iter()
            .rev()
            .take(CONTEXT_PARAGRAPHS)
            .rev()
            .cloned()
            .collect(),
        title,
        attachment,
        unit,
    }
}

/// What one column of a table holds.
#[derive(Debug, Clone, PartialEq)]
enum Col {
    Field(Field),
    Subproject,
    Extra,
}

/// The record field a column's values go to. A table's 责任单位 column
/// without a 牵头单位 column beside it is taken as its partner units; a list
/// decides for itself (see `lists`).
fn field_name(f: Field) -> RecordField {
    match f {
        Field::Seq => RecordField::Seq,
        Field::Name => RecordField::Name,
        Field::LeadUnits => RecordField::LeadUnits,
        Field::PartnerUnits | Field::ResponsibleUnits => RecordField::PartnerUnits,
        Field::Target => RecordField::Target,
        Field::Deadline => RecordField::Deadline,
        Field::Category => RecordField::Category,
        Field::Notes => RecordField::Notes,
        Field::Investment => RecordField::Investment,
        Field::Milestone => RecordField::Milestones,
        Field::Progress => RecordField::Progress,
        Field::Result => RecordField::Result,
        Field::Status => RecordField::Status,
    }
}

fn col_name(c: &Col) -> RecordField {
    match c {
        Col::Field(f) => field_name(*f),
        Col::Subproject => RecordField::Subproject,
        Col::Extra => RecordField::Extra,
    }
}

/// Maps each column of a table to what it holds. Returns the leaf header
/// texts and the column kinds.
fn map_columns(t: &Table) -> (Vec<String>, Vec<Col>) {
    let hr = t.header_rows.max(1).min(t.rows.len());
    let leaf_row = t.rows.get(hr - 1);
    let top_row = t.rows.first();
    let leaves: Vec<String> = (0..t.width)
        .map(|c| {
            leaf_row
                .and_then(|r| r.cells.get(c))
                .map(|x| clean(&x.text))
                .unwrap_or_default()
        })
        .collect();
    let mut cols: Vec<(Col, Strength)> = Vec::with_capacity(t.width);
    for (c, leaf) in leaves.iter().enumerate() {
        let cell = leaf_row.and_then(|r| r.cells.get(c));
        // A column a header cell spans into (项目名称 over two columns). In
        // text layouts the leaf row holds the column-span copy; in HTML the
        // copy sits in the row where the spanning cell starts and the leaf
        // row holds a row-span copy of it. A leaf cell of its own (2025年9月
        // under 阶段性目标) is a column of its own.
        let spanned_from = match cell.map(|x| x.origin) {
            Some(Origin::ColSpan { col }) => Some(col),
            Some(Origin::RowSpan { .. }) => {
                t.rows
                    .iter()
                    .take(hr)
                    .find_map(|r| match r.cells.get(c).map(|x| x.origin) {
                        Some(Origin::ColSpan { col }) => Some(col),
                        _ => None,
                    })
            }
            _ => None,
        };
        let parent = if t.header_rows >= 2 {
            top_row.and_then(|r| r.cells.get(c)).map(|x| clean(&x.text))
        } else {
            None
        };
        let in_milestone_group = parent
            .as_deref()
            .is_some_and(|p| p != leaf && headers::group(p) == Some(Group::Milestones));
        let col = if let Some(src) = spanned_from {
            match cols.get(src) {
                Some((Col::Field(Field::Name), _)) => (Col::Subproject, Strength::Strong),
                _ => (Col::Extra, Strength::Weak),
            }
        } else if in_milestone_group {
            (Col::Field(Field::Milestone), Strength::Strong)
        } else {
            match headers::classify(leaf) {
                Some((f, s)) => (Col::Field(f), s),
                None => (Col::Extra, Strength::Weak),
            }
        };
        cols.push(col);
    }
    // A table with no name column (a work plan's 工作任务, a reform list's
    // 改革举措) names its items in the column that words them.
    if !cols.iter().any(|(c, _)| *c == Col::Field(Field::Name)) {
        let item = cols.iter().zip(&leaves).position(|((c, _), leaf)| {
            *c == Col::Field(Field::Target) && headers::names_item(leaf)
        });
        if let Some(slot) = item.and_then(|i| cols.get_mut(i)) {
            *slot = (Col::Field(Field::Name), Strength::Strong);
        }
    }
    // 责任单位 are the lead units unless a 牵头 column exists.
    let has_lead = cols.iter().any(|(c, _)| *c == Col::Field(Field::LeadUnits));
    for (c, _) in cols.iter_mut() {
        if *c == Col::Field(Field::ResponsibleUnits) {
            *c = Col::Field(if has_lead {
                Field::PartnerUnits
            } else {
                Field::LeadUnits
            });
        }
    }
    // One column per field (milestones excepted): the strongest claim wins.
    let mut out: Vec<Col> = cols.iter().map(|(c, _)| c.clone()).collect();
    for (i, col) in cols.iter().enumerate() {
        let (Col::Field(f), s) = col else {
            continue;
        };
        if *f == Field::Milestone {
            continue;
        }
        let better = cols.iter().enumerate().any(|(j, (c, s2))| {
            j != i && *c == Col::Field(*f) && (*s2 > *s || (*s2 == *s && j < i))
        });
        if let Some(o) = out.get_mut(i).filter(|_| better) {
            *o = Col::Extra;
        }
    }
    (leaves, out)
}

/// Parses a number cell (`2000`, `约500`, `1,200.5`, `500万元`) into an amount
/// in the unit the header gives, or the cell's own unit.
fn parse_amount(text: &str, header_unit: Option<&str>) -> Option<Amount> {
    let t = ascii_digits(&clean(text));
    if t.is_empty() || is_dash(&t) {
        return None;
    }
    static NUM: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r"^(?:约|共|合计)?\s*(\d[\d,]*(?:\.\d+)?)\s*(\p{Han}*元)?$").ok()
    });
    let c = NUM.as_ref()?.captures(&t)?;
    let digits = c.get(1)?.as_str().replace(',', "");
    let value = if digits.contains('.') {
        serde_json::Number::from_f64(digits.parse().ok()?)?
    } else {
        serde_json::Number::from(digits.parse::<u64>().ok()?)
    };
    let unit = c
        .get(2)
        .map(|u| u.as_str().to_string())
        .or_else(|| header_unit.map(str::to_string));
    Some(Amount {
        value,
        unit,
        text: clean(text),
    })
}

fn opt_text(s: &str) -> Option<String> {
    let t = clean_multiline(s);
    if t.is_empty() || is_dash(&t) {
        None
    } else {
        Some(t)
    }
}

fn is_section_row(row: &Row) -> bool {
    let first = row.cells.first();
    let spans = row
        .cells
        .get(1)
        .is_some_and(|c| matches!(c.origin, Origin::ColSpan { col: 0 }));
    first.is_some_and(|c| !c.is_empty() && (spans || grid::is_section_heading(&c.text)))
        && (spans || row.cells.iter().skip(1).all(|c| c.is_empty()))
}

struct TableRun<'a> {
    table: &'a Table,
    index: usize,
    title: Option<String>,
    attachment: Option<String>,
    /// Unit noted above the table, for numeric columns whose header names none.
    unit: Option<String>,
    year: Option<i32>,
    src: &'a SourceInfo,
}

/// Per-project state while walking a table's rows.
struct Project {
    seq: Option<String>,
    name: Option<String>,
    part: u32,
}

impl TableRun<'_> {
    fn run(self, warnings: &mut Vec<Warning>) -> (TableInfo, Vec<Record>) {
        let t = self.table;
        let (leaves, cols) = map_columns(t);
        let header_unit: Vec<Option<String>> = leaves
            .iter()
            .map(|h| headers::split_note(h).1.or_else(|| self.unit.clone()))
            .collect();
        let has_core = cols
            .iter()
            .any(|c| matches!(c, Col::Field(Field::Name) | Col::Field(Field::Target)));
        let mut records: Vec<Record> = Vec::new();
        let mut sections: Vec<SectionInfo> = Vec::new();
        let mut section: Option<String> = None;
        let mut project: Option<Project> = None;
        let mut prev_texts: Option<Vec<String>> = None;
        let mut last_seq: Option<u64> = None;
        let body_rows = t.body().len();
        let warn = |w: &mut Vec<Warning>, code: WarningCode, msg: String, row: usize| {
            w.push(Warning::new(code, msg).at_table(self.index, Some(row)));
        };

        for (ri, row) in t.rows.iter().enumerate().skip(t.header_rows) {
            if row.cells.iter().all(|c| c.is_empty()) || !has_core {
                continue;
            }
            if is_section_row(row) {
                let label = row
                    .cells
                    .first()
                    .map(|c| clean(&c.text))
                    .unwrap_or_default();
                let total = cols
                    .iter()
                    .position(|c| *c == Col::Field(Field::Investment))
                    .and_then(|i| {
                        let cell = row.cells.get(i)?;
                        if cell.origin != Origin::Own {
                            return None;
                        }
                        parse_amount(&cell.text, header_unit.get(i)?.as_deref())
                    });
                let folded = crate::text::fold(&label);
                let announced = ANNOUNCED
                    .as_ref()
                    .and_then(|r| r.captures(&folded))
                    .and_then(|c| c.get(1)?.as_str().parse().ok());
                sections.push(SectionInfo {
                    title: label.clone(),
                    announced,
                    projects: 0,
                    rows: 0,
                    total,
                });
                section = Some(label);
                project = None;
                prev_texts = None;
                continue;
            }
            let texts: Vec<String> = row.cells.iter().map(|c| c.text.clone()).collect();
            if texts.iter().map(|x| clean(x)).eq(leaves.iter().cloned()) {
                continue; // a header row repeated on a new page
            }
            let mut inherited_cols: Vec<usize> = row
                .cells
                .iter()
                .enumerate()
                .filter(|(_, c)| matches!(c.origin, Origin::RowSpan { .. }))
                .map(|(i, _)| i)
                .collect();
            // Rows whose leading cells are empty continue the project above
            // (a merged cell exported as blanks).
            let mut texts = texts;
            let seq_col = cols.iter().position(|c| *c == Col::Field(Field::Seq));
            let name_col = cols.iter().position(|c| *c == Col::Field(Field::Name));
            let lead_empty = row
                .cells
                .iter()
                .take_while(|c| c.origin == Origin::Own && c.is_empty())
                .count();
            let covers = |c: Option<usize>| c.is_none_or(|c| c < lead_empty);
            // A row that leaves its number and name blank, wherever those
            // columns sit, and prints only units, a date or a target is the
            // next row of the project above, not a project named after them.
            let blank = |c: Option<usize>| {
                c.is_none_or(|c| {
                    row.cells
                        .get(c)
                        .is_none_or(|x| x.origin == Origin::Own && x.is_empty())
                })
            };
            let keyless = (seq_col.is_some() || name_col.is_some())
                && blank(seq_col)
                && blank(name_col)
                && !(lead_empty > 0 && covers(seq_col) && covers(name_col));
            if project.is_some() {
                if let Some(prev) = &prev_texts {
                    let copied: Vec<usize> =
                        if lead_empty > 0 && covers(seq_col) && covers(name_col) {
                            (0..lead_empty).collect()
                        } else if keyless {
                            seq_col.into_iter().chain(name_col).collect()
                        } else {
                            Vec::new()
                        };
                    for i in copied {
                        if let (Some(slot), Some(p)) = (texts.get_mut(i), prev.get(i)) {
                            *slot = p.clone();
                        }
                        inherited_cols.push(i);
                    }
                }
            }
            let get = |f: Field| -> Option<(usize, &String)> {
                cols.iter()
                    .position(|c| *c == Col::Field(f))
                    .and_then(|i| texts.get(i).map(|t| (i, t)))
            };

            let seq = get(Field::Seq).and_then(|(_, s)| opt_text(s));
            let mut raw_name = get(Field::Name).map(|(_, s)| s.clone()).unwrap_or_default();
            let seq = match (seq_col, seq_in_name(&raw_name)) {
                (None, Some((n, rest))) => {
                    raw_name = rest;
                    Some(n)
                }
                _ => seq,
            };
            let name = match undouble(&raw_name) {
                Some(single) => {
                    if !inherited_cols.contains(&name_col.unwrap_or(usize::MAX)) {
                        warn(
                            warnings,
                            WarningCode::NameDoubled,
                            format!("name printed twice, kept once: {single}"),
                            ri,
                        );
                    }
                    Some(single)
                }
                None => opt_text(&raw_name).map(|n| clean(&n)),
            };
            // A row that names nothing, even with what it continues from
            // above (a second header row read as data, an exporter's row of
            // stray pipes, a row cut off after its number), is no project
            // and no part of one.
            let target_text = get(Field::Target).and_then(|(_, t)| opt_text(t));
            let subproject_text = cols
                .iter()
                .position(|c| *c == Col::Subproject)
                .and_then(|i| texts.get(i))
                .and_then(|t| opt_text(t));
            if name.is_none() && target_text.is_none() && subproject_text.is_none() {
                continue;
            }
            let continues = project.as_ref().is_some_and(|p| {
                let seq_inh = seq_col.is_some_and(|c| inherited_cols.contains(&c));
                let name_inh = name_col.is_some_and(|c| inherited_cols.contains(&c));
                // A row under a sequence number spanned down from above is
                // part of that project even when it names its own item.
                (seq_inh && seq.is_some() && p.seq == seq)
                    || (name_inh && p.seq == seq && p.name == name)
            });
            let part = match (&mut project, continues) {
                (Some(p), true) => {
                    p.part += 1;
                    p.part
                }
                _ => {
                    project = Some(Project {
                        seq: seq.clone(),
                        name: name.clone(),
                        part: 1,
                    });
                    // Sequence numbers: flag repeats and gaps, keep as printed.
                    if let Some(n) = seq
                        .as_deref()
                        .and_then(|s| ascii_digits(s).parse::<u64>().ok())
                    {
                        match last_seq {
                            Some(prev) if n == prev => warn(
                                warnings,
                                WarningCode::SeqDuplicate,
                                format!("sequence number {n} printed twice"),
                                ri,
                            ),
                            Some(prev) if n > prev + 1 => {
                                let gap = if n == prev + 2 {
                                    format!("sequence number {} skipped", prev + 1)
                                } else {
                                    format!("sequence numbers {}–{} skipped", prev + 1, n - 1)
                                };
                                warn(warnings, WarningCode::SeqSkipped, gap, ri)
                            }
                            Some(prev) if n < prev && n != 1 => warn(
                                warnings,
                                WarningCode::SeqOrder,
                                format!("sequence number {n} after {prev}"),
                                ri,
                            ),
                            _ => {}
                        }
                        last_seq = Some(n);
                    }
                    if let Some(s) = sections.last_mut() {
                        s.projects += 1;
                    }
                    1
                }
            };
            if let Some(s) = sections.last_mut() {
                s.rows += 1;
            }

            let mut rec = self.src.record(t.layout, self.index, ri, row.line);
            rec.table_title = self.title.clone();
            rec.attachment = self.attachment.clone();
            rec.section = section.clone();
            rec.seq = seq;
            rec.name = name;
            rec.part = part;
            let mut inherited: Vec<FieldRef> = Vec::new();
            for (c, col) in cols.iter().enumerate() {
                let text = texts.get(c).map(String::as_str).unwrap_or("");
                let header = leaves.get(c).cloned().unwrap_or_default();
                let is_inh = inherited_cols.contains(&c);
                let mut filled = true;
                match col {
                    Col::Field(Field::Seq) | Col::Field(Field::Name) => {}
                    // A number under a units header (`100`, `55.6`) is a
                    // column the page lost, not a unit: kept in `extra`.
                    Col::Field(
                        Field::LeadUnits | Field::PartnerUnits | Field::ResponsibleUnits,
                    ) if !units::names_any(text) => {
                        rec.extra.insert(header.clone(), Value::String(clean(text)));
                        warn(
                            warnings,
                            WarningCode::UnitsNotNames,
                            format!(
                                "{:?} under {header:?} names no unit; kept in extra",
                                clean(text)
                            ),
                            ri,
                        );
                    }
                    Col::Field(Field::LeadUnits) => rec.lead_units = units::split_units(text),
                    Col::Field(Field::PartnerUnits) | Col::Field(Field::ResponsibleUnits) => {
                        rec.partner_units = units::split_units(text)
                    }
                    Col::Field(Field::Target) => rec.target = opt_text(text),
                    Col::Field(Field::Deadline) => {
                        let parsed = dates::parse_deadline(text, self.year);
                        // `9月投入使用`: the month is the deadline, and the
                        // cell's words are kept too.
                        if parsed.as_ref().is_some_and(|(_, more)| *more) {
                            rec.extra.insert(header.clone(), Value::String(clean(text)));
                        }
                        rec.deadline = parsed.map(|(month, _)| month);
                        if rec.deadline.is_none() && opt_text(text).is_some() {
                            rec.extra.insert(header.clone(), Value::String(clean(text)));
                            warn(
                                warnings,
                                WarningCode::DeadlineUnparsed,
                                format!("deadline {:?} names no month; kept in extra", clean(text)),
                                ri,
                            );
                        }
                    }
                    Col::Field(Field::Category) => {
                        rec.category =
                            opt_text(text).map(|v| category_in(&v).map(str::to_string).unwrap_or(v))
                    }
                    Col::Field(Field::Notes) => rec.notes = opt_text(text),
                    Col::Field(Field::Investment) => {
                        rec.investment =
                            parse_amount(text, header_unit.get(c).and_then(|u| u.as_deref()));
                        if rec.investment.is_none() && opt_text(text).is_some() {
                            rec.extra.insert(header.clone(), Value::String(clean(text)));
                        }
                    }
                    Col::Field(Field::Milestone) => {
                        if let Some(tx) = opt_text(text) {
                            rec.milestones.push(Milestone {
                                period: dates::parse_period(&header, self.year),
                                label: header.clone(),
                                text: tx,
                            });
                        } else {
                            filled = false;
                        }
                    }
                    Col::Field(Field::Progress) => rec.progress = opt_text(text),
                    Col::Field(Field::Result) => rec.result = opt_text(text),
                    Col::Field(Field::Status) => rec.status = opt_text(text),
                    Col::Subproject => {
                        let own = row
                            .cells
                            .get(c)
                            .is_some_and(|x| !matches!(x.origin, Origin::ColSpan { .. }));
                        rec.subproject = if own {
                            opt_text(text).map(|s| clean(&s))
                        } else {
                            None
                        };
                        filled = own;
                    }
                    Col::Extra => match opt_text(text) {
                        Some(v) => {
                            let key = if header.is_empty() {
                                format!("列{}", c + 1)
                            } else {
                                header.clone()
                            };
                            rec.extra.insert(key, Value::String(v));
                        }
                        None => filled = false,
                    },
                }
                if is_inh && filled {
                    let name = match col {
                        Col::Extra => FieldRef::Extra(header),
                        other => FieldRef::Field(col_name(other)),
                    };
                    if !inherited.contains(&name) {
                        inherited.push(name);
                    }
                }
            }
            // Cells past the header's width (flagged by the reader) are kept.
            for (c, text) in texts.iter().enumerate().skip(cols.len()) {
                if let Some(v) = opt_text(text) {
                    rec.extra.insert(format!("列{}", c + 1), Value::String(v));
                }
            }
            // A 完成情况 cell that is only a status word is the status.
            if rec.status.is_none()
                && rec
                    .result
                    .as_deref()
                    .is_some_and(|r| STATUS_WORDS.contains(&r))
            {
                rec.status = rec.result.take();
                if let Some(x) = inherited.iter_mut().find(|x| **x == RecordField::Result) {
                    *x = FieldRef::Field(RecordField::Status);
                }
            }
            if rec.category.is_none() {
                rec.category = section
                    .as_deref()
                    .and_then(category_in)
                    .or_else(|| self.title.as_deref().and_then(category_in))
                    .map(str::to_string);
            }
            rec.source.inherited = inherited;
            prev_texts = Some(texts);
            records.push(rec);
        }

        check_counts(&sections, self.index, warnings);
        check_totals(&sections, &records, self.index, warnings);

        let projects = records.iter().filter(|r| r.part == 1).count();
        let info = TableInfo {
            index: self.index,
            kind: TableKind::Table,
            layout: t.layout,
            title: self.title,
            attachment: self.attachment,
            header: leaves,
            fields: cols.iter().map(col_name).collect(),
            rows: body_rows,
            records: records.len(),
            projects,
            sections,
        };
        (info, records)
    }
}

/// Warns when a section announces a count of projects it does not list.
fn check_counts(sections: &[SectionInfo], table: usize, warnings: &mut Vec<Warning>) {
    for s in sections {
        if let Some(n) = s.announced.filter(|&n| n != s.projects as u64) {
            warnings.push(
                Warning::new(
                    WarningCode::SectionCount,
                    format!(
                        "section {:?} announces {n} projects but lists {}",
                        s.title, s.projects
                    ),
                )
                .at_table(table, None),
            );
        }
    }
}

/// Warns when a section's printed total differs from the sum of its rows.
fn check_totals(
    sections: &[SectionInfo],
    records: &[Record],
    table: usize,
    warnings: &mut Vec<Warning>,
) {
    for s in sections {
        let Some(total) = &s.total else { continue };
        let Some(want) = total.value.as_f64() else {
            continue;
        };
        let sum: f64 = records
            .iter()
            .filter(|r| r.section.as_deref() == Some(s.title.as_str()))
            .filter(|r| {
                !r.source
                    .inherited
                    .iter()
                    .any(|f| *f == RecordField::Investment)
            })
            .filter_map(|r| r.investment.as_ref()?.value.as_f64())
            .sum();
        if (sum - want).abs() > 1e-6 * want.abs().max(1.0) {
            warnings.push(
                Warning::new(
                    WarningCode::SectionTotal,
                    format!(
                        "section {:?} prints total {} but its rows sum to {sum}",
                        s.title, total.text
                    ),
                )
                .at_table(table, None),
            );
        }
    }
}

/// Shortest unpunctuated paragraph still taken as narrative prose.
pub const MIN_PROSE_CHARS: usize = 20;

/// True for a sentence or paragraph of running text.
fn is_prose(p: &str) -> bool {
    p.chars().count() >= MIN_PROSE_CHARS
        || p.ends_with(['。', '；', ';', '！', '!', '？', '?', '）', ')', '”'])
}

#[derive(Default)]
struct NarrativeBuf {
    heading: String,
    target: Vec<String>,
    result: Vec<String>,
    measures: Vec<String>,
    part: Option<NarrativePart>,
}

/// Attaches a report's narrative sections (`重点民生实事（一）` / the project
/// name / `一、目标任务` … `二、完成情况` … `三、工作措施` …) to the records
/// of the project they name. Sections are matched by the exact project name,
/// so summaries that merely mention a project are left alone.
fn attach_narratives(blocks: &[Block], records: &mut [Record]) {
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in records.iter().enumerate() {
        if let Some(n) = &r.name {
            by_name.entry(n.clone()).or_default().push(i);
        }
    }
    if by_name.is_empty() {
        return;
    }
    let Some(first_table) = blocks.iter().position(|b| matches!(b, Block::Table(_))) else {
        return;
    };
    // A report's sections are often numbered (一、目标任务 …): where they were
    // read as lists (`parse()`), they are read here as printed.
    let mut paras: Vec<String> = Vec::new();
    for b in blocks.iter().skip(first_table + 1) {
        match b {
            Block::Paragraph(p) => paras.push(clean(&p.text)),
            Block::List(l) => {
                let mut printed = Vec::new();
                crate::layout::outline::flatten_into(l, &mut printed);
                paras.extend(printed.iter().map(|p| clean(&p.text)));
            }
            Block::Table(_) => {}
        }
    }
    let mut current: Option<(Vec<usize>, NarrativeBuf)> = None;
    let mut pending: Option<String> = None;
    let mut finished: Vec<(Vec<usize>, NarrativeBuf)> = Vec::new();
    for (k, p) in paras.iter().enumerate() {
        if let Some(idx) = by_name.get(p) {
            if let Some(c) = current.take() {
                finished.push(c);
            }
            let heading = match pending.take() {
                Some(h) => format!("{h} {p}"),
                None => p.clone(),
            };
            current = Some((
                idx.clone(),
                NarrativeBuf {
                    heading,
                    ..Default::default()
                },
            ));
            continue;
        }
        let next_is_name = paras.get(k + 1).is_some_and(|n| by_name.contains_key(n));
        if ITEM_HEADING.as_ref().is_some_and(|r| r.is_match(p)) && next_is_name {
            pending = Some(p.clone());
            continue;
        }
        let Some((_, buf)) = current.as_mut() else {
            continue;
        };
        if LEAD_NOTE.as_ref().is_some_and(|r| r.is_match(p)) {
            continue;
        }
        let bare = ORDINAL.as_ref().map_or(p.as_str(), |r| {
            r.find(p)
                .map_or(p.as_str(), |m| p.get(m.end()..).unwrap_or(""))
        });
        if let Some((_, part)) = NARRATIVE_HEADINGS.iter().find(|(h, _)| bare == *h) {
            buf.part = Some(*part);
            continue;
        }
        // Narrative is prose: a short line without sentence punctuation
        // (a footer link, a site name) ends the section.
        if !is_prose(p) {
            if let Some(c) = current.take() {
                finished.push(c);
            }
            continue;
        }
        match buf.part {
            Some(NarrativePart::Target) => buf.target.push(p.clone()),
            Some(NarrativePart::Result) => buf.result.push(p.clone()),
            Some(NarrativePart::Measures) => buf.measures.push(p.clone()),
            None => {}
        }
    }
    if let Some(c) = current.take() {
        finished.push(c);
    }
    let join = |v: &[String]| (!v.is_empty()).then(|| v.join("\n"));
    for (idx, buf) in finished {
        let narrative = Narrative {
            heading: buf.heading.clone(),
            target: join(&buf.target),
            result: join(&buf.result),
        };
        if narrative.target.is_none() && narrative.result.is_none() && buf.measures.is_empty() {
            continue;
        }
        for i in idx {
            if let Some(r) = records.get_mut(i) {
                r.narrative = Some(narrative.clone());
                r.measures = join(&buf.measures);
                if r.part > 1 {
                    r.source
                        .inherited
                        .push(FieldRef::Field(RecordField::Narrative));
                    r.source
                        .inherited
                        .push(FieldRef::Field(RecordField::Measures));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn unit_note_is_not_the_title() {
        let c = context(&strings(&[
            "附件1",
            "某区2024年民生实事项目表",
            "单位：万元",
        ]));
        assert_eq!(c.title.as_deref(), Some("某区2024年民生实事项目表"));
        assert_eq!(c.attachment.as_deref(), Some("附件1"));
        assert_eq!(c.unit.as_deref(), Some("万元"));
    }

    #[test]
    fn attachment_and_title_on_one_line() {
        let c = context(&strings(&["附件：某区2024年民生实事项目表"]));
        assert_eq!(c.title.as_deref(), Some("某区2024年民生实事项目表"));
        assert_eq!(c.attachment.as_deref(), Some("附件"));
    }

    #[test]
    fn amounts() {
        let a = parse_amount("1,200.5", Some("万元")).unwrap();
        assert_eq!(
            (a.value.as_f64(), a.unit.as_deref()),
            (Some(1200.5), Some("万元"))
        );
        let a = parse_amount("约500万元", None).unwrap();
        assert_eq!(
            (a.value.as_u64(), a.unit.as_deref()),
            (Some(500), Some("万元"))
        );
        assert!(parse_amount("—", Some("万元")).is_none());
        assert!(parse_amount("待定", Some("万元")).is_none());
    }
}
