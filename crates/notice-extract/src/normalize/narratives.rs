//! A report's narrative sections about each project (目标任务, 完成情况,
//! 工作措施), attached to the records of the project they name.

use crate::model::Block;
use crate::record::*;
use crate::text::clean;
use crate::vocab::projects::{NarrativePart, NARRATIVE_HEADINGS};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

pub(super) static ITEM_HEADING: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^(重点)?(民生实事|民生项目|实事|项目)?\s*[（(][一二三四五六七八九十百]+[）)]$")
        .ok()
});
pub(super) static ORDINAL: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[一二三四五六七八九十]+\s*[、.．]\s*").ok());
pub(super) static LEAD_NOTE: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^[（(]\s*(牵头|责任|主办)(单位|部门)\s*[:：].*[）)]$").ok());

/// Shortest unpunctuated paragraph still taken as narrative prose.
pub const MIN_PROSE_CHARS: usize = 20;

/// True for a sentence or paragraph of running text.
pub(super) fn is_prose(p: &str) -> bool {
    p.chars().count() >= MIN_PROSE_CHARS
        || p.ends_with(['。', '；', ';', '！', '!', '？', '?', '）', ')', '”'])
}

#[derive(Default)]
pub(super) struct NarrativeBuf {
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
pub(super) fn attach_narratives(blocks: &[Block], records: &mut [Record]) {
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
