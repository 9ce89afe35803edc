//! The normaliser: one [`Document`] (paragraphs, lists and resolved tables,
//! whatever format they came from) into one [`NoticeDocument`] of project
//! records. It knows projects and headers, and nothing of file formats.
//!
//! For each table it maps columns to record fields through the header
//! synonym table ([`crate::vocab::headers`]), reads section rows, turns every other
//! body row into a record (a project printed over several rows gives one
//! record per row, numbered by `part`, with merged values marked
//! `inherited`), and checks sequence numbers and announced counts. A
//! numbered list of `名称:目标` items becomes records when the notice has no
//! project table. A report's narrative sections about each project are
//! attached to that project's records.

pub mod items;
pub mod lists;
pub mod metadata;
pub mod units;

mod checks;
mod columns;
mod context;
mod narratives;
mod quantities;
mod table;

pub use quantities::{MAX_FIELD_CHARS_FOR_QUANTITIES, MAX_QUANTITIES_PER_RECORD};

use checks::check_counts;
use columns::{field_name, parse_amount};
use context::{context, Context};
use narratives::attach_narratives;
use quantities::quantities_of;
use table::TableRun;

use crate::model::{Block, Document, List, Warning, WarningCode};
use crate::model::{InputFormat, Layout};
use crate::record::*;
use crate::text::{clean_multiline, fold, is_dash};
use crate::vocab::dates;
use crate::vocab::projects;
pub(crate) use crate::vocab::sections::ANNOUNCED;
use notice_quantity::Quantity;
use std::collections::HashMap;

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

fn opt_text(s: &str) -> Option<String> {
    let t = clean_multiline(s);
    if t.is_empty() || is_dash(&t) {
        None
    } else {
        Some(t)
    }
}

/// Normalises a parsed document into records: its tables first, then, when
/// they give none, its lists; then what every record derives (deadlines
/// from schedules, narratives, quantities).
pub fn normalize(doc: &Document, src: &SourceInfo) -> NoticeDocument {
    // Without a table, the records can only come from lists: read them first.
    if let Some(grouped) =
        with_lists_if_none(doc, |b| matches!(b, Block::Table(_) | Block::List(_)))
    {
        return normalize(&grouped, src);
    }
    let mut warnings = doc.warnings.clone();
    let paragraphs: Vec<String> = doc.paragraph_texts().map(str::to_string).collect();
    let contexts = contexts(&doc.blocks);
    let titles: Vec<String> = contexts.iter().filter_map(|c| c.title.clone()).collect();
    let mut notice = metadata::read(&doc.metadata, &paragraphs, &titles);

    let mut tables: Vec<TableInfo> = Vec::new();
    let mut records: Vec<Record> = Vec::new();
    let mut lists: Vec<(&List, Context)> = Vec::new();
    for (b, c) in doc
        .blocks
        .iter()
        .filter(|b| !matches!(b, Block::Paragraph(_)))
        .zip(contexts)
    {
        match b {
            Block::Table(t) => {
                let nearest_first: Vec<&str> = c
                    .title
                    .iter()
                    .chain(c.above.iter().rev())
                    .chain(notice.title.iter())
                    .map(String::as_str)
                    .collect();
                let tasks = context::holds_tasks(&nearest_first);
                let index = tables.len();
                let (mut info, recs) = TableRun {
                    table: t,
                    index,
                    title: c.title,
                    attachment: c.attachment,
                    unit: c.unit,
                    year: notice.year,
                    src,
                }
                .run(&mut warnings);
                if tasks && !recs.is_empty() {
                    warnings.push(
                        Warning::new(
                            WarningCode::TableNotProjects,
                            format!(
                                "{} rows of a work report's tasks (政府工作报告), not livelihood projects: no records taken",
                                info.records
                            ),
                        )
                        .at_table(index, None),
                    );
                    info.records = 0;
                    info.projects = 0;
                } else {
                    records.extend(recs);
                }
                tables.push(info);
            }
            Block::List(l) => lists.push((l, c)),
            Block::Paragraph(_) => {}
        }
    }
    if records.is_empty() {
        let names_projects = names_projects(doc, &notice, &paragraphs);
        read_lists(
            lists,
            &notice,
            src,
            names_projects,
            &mut tables,
            &mut records,
            &mut warnings,
        );
    }
    // Lists are read only when the tables give no records: a notice whose
    // table holds its projects needs none, and its report sections stay
    // paragraphs for the narratives.
    if records.is_empty() {
        if let Some(grouped) = with_lists_if_none(doc, |b| matches!(b, Block::List(_))) {
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
    notice.id = crate::identity::notice_id(&notice, &records);
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

/// The document with its numbered paragraphs grouped into lists, when it
/// has no block that `found` accepts and the grouping finds a list.
fn with_lists_if_none(doc: &Document, found: impl Fn(&Block) -> bool) -> Option<Document> {
    if doc.blocks.iter().any(found) {
        return None;
    }
    let grouped = crate::layout::outline::with_lists(doc.clone());
    grouped
        .blocks
        .iter()
        .any(|b| matches!(b, Block::List(_)))
        .then_some(grouped)
}

/// Titles and attachment labels from the paragraphs above each table or
/// list, one context per table or list in order.
fn contexts(blocks: &[Block]) -> Vec<Context> {
    let mut contexts: Vec<Context> = Vec::new();
    let mut recent: Vec<String> = Vec::new();
    for b in blocks {
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
    contexts
}

/// Whether the notice names livelihood projects. A notice that breaks down
/// a work report (政府工作报告) lists that report's tasks: its lists are
/// projects only where it names livelihood projects, in its title or, when
/// the title is silent, anywhere on the page.
fn names_projects(doc: &Document, notice: &Notice, paragraphs: &[String]) -> bool {
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
    title_says(projects::PROJECT_CONTEXT_WORDS)
        || (!title_says(projects::TASK_DOCUMENT_WORDS)
            && (body().any(|t| says(t, projects::PROJECT_CONTEXT_WORDS))
                || !body().any(|t| says(t, projects::TASK_DOCUMENT_WORDS))))
}

/// Reads the lists as projects. Where some list plainly holds the projects,
/// lists taken only on weaker evidence are the notice's other enumerations
/// (its background, its measures), not more projects.
fn read_lists(
    lists: Vec<(&List, Context)>,
    notice: &Notice,
    src: &SourceInfo,
    names_projects: bool,
    tables: &mut Vec<TableInfo>,
    records: &mut Vec<Record>,
    warnings: &mut Vec<Warning>,
) {
    let runs: Vec<lists::ListRun> = lists
        .into_iter()
        .map(|(l, c)| {
            let mut context: Vec<String> = notice.title.iter().cloned().collect();
            context.extend(c.above);
            let mut run = lists::ListRun::new(l, c.title, c.attachment, notice.year, src, context);
            run.notice_names_projects = names_projects;
            run
        })
        .collect();
    let levels: Vec<lists::Evidence> = runs.iter().map(lists::ListRun::assess).collect();
    let best = levels.iter().copied().max();
    for (mut list, level) in runs.into_iter().zip(levels) {
        if best == Some(lists::Evidence::Strong) && level != lists::Evidence::Strong {
            continue;
        }
        list.index = tables.len();
        if let Some((info, recs)) = list.run(warnings) {
            tables.push(info);
            records.extend(recs);
        }
    }
}

/// A record without a deadline whose schedule (a column or labelled line
/// kept in `extra`, [`projects::SCHEDULE_WORDS`]) names dates takes the last of
/// them; the schedule itself stays in `extra`.
fn deadline_from_schedule(r: &mut Record, year: Option<i32>) {
    if r.deadline.is_some() {
        return;
    }
    let schedule = r.extra.iter().find_map(|(k, v)| {
        let k = crate::text::fold(k);
        projects::SCHEDULE_WORDS
            .iter()
            .any(|w| k.contains(w))
            .then(|| v.as_str())
            .flatten()
    });
    if let Some(text) = schedule {
        r.deadline = dates::latest_date(text, year);
    }
}
