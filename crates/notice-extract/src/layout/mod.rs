//! Text layouts: saved notice text into the intermediate model. Layouts are
//! detected from content, region by region: a run of lines ending in ` |` is
//! a pipe table, a run of tab-started lines a tab table, a header word alone
//! on a line followed by more header words a cell-per-line table, a line of
//! header words separated by spaces followed by row 1 a space-separated
//! table; everything else is paragraphs, and runs of numbered paragraphs
//! become lists.

pub mod cells;
pub mod grid;
pub mod outline;
pub mod pipe;
pub mod spaced;
pub mod tabbed;

use crate::model::{Block, Document, Layout, Paragraph};

/// Lines of a test input, numbered from 1.
#[cfg(test)]
pub fn test_lines(s: &str) -> Vec<Line<'_>> {
    s.lines()
        .enumerate()
        .map(|(i, t)| Line { no: i + 1, text: t })
        .collect()
}

/// One line of input with its 1-based number.
#[derive(Debug, Clone, Copy)]
pub struct Line<'a> {
    pub no: usize,
    pub text: &'a str,
}

/// Parses saved notice text into a [`Document`].
pub fn parse_text(text: &str) -> Document {
    let text = crate::text::strip_pinyin_glosses(text);
    let raw: Vec<&str> = text.lines().collect();
    let mask = crate::vocab::chrome::chrome_mask(&raw);
    let lines: Vec<Line> = raw
        .iter()
        .enumerate()
        .map(|(i, t)| Line {
            no: i + 1,
            text: if mask.get(i).copied().unwrap_or(false) {
                ""
            } else {
                t
            },
        })
        .collect();

    let mut doc = Document::default();
    let mut i = 0;
    while i < lines.len() {
        let rest = lines.get(i..).unwrap_or_default();
        // Title, metadata and note rows printed as table rows around a table.
        if let Some(g) = rest
            .first()
            .filter(|l| pipe::is_glue_line(l.text))
            .and_then(|_| pipe::glue_at(rest))
        {
            doc.metadata.extend(g.metadata);
            doc.blocks
                .extend(g.paragraphs.into_iter().map(Block::Paragraph));
            i += g.used.max(1);
            continue;
        }
        let parsed = if pipe::starts_at(&lines, i) {
            Some(pipe::parse(rest))
        } else if tabbed::starts_at(&lines, i) {
            Some(tabbed::parse(rest))
        } else if tabbed::tsv_starts_at(&lines, i) {
            Some(tabbed::parse_tsv(rest))
        } else if cells::starts_at(&lines, i) {
            Some(cells::parse(rest))
        } else if spaced::starts_at(&lines, i) {
            Some(spaced::parse(rest))
        } else {
            None
        };
        if let Some((table, used, warnings)) = parsed {
            doc.warnings.extend(warnings);
            if let Some(t) = table {
                doc.blocks.push(Block::Table(t));
                i += used.max(1);
                continue;
            }
        }
        if let Some(l) = lines.get(i) {
            let t = l.text.trim();
            if !t.is_empty() {
                doc.blocks.push(Block::Paragraph(Paragraph {
                    text: t.to_string(),
                    line: Some(l.no),
                }));
            }
        }
        i += 1;
    }
    doc.layout = layout_name(&doc);
    doc
}

/// The document's layout: its tables' layout, else its first list's
/// ([`crate::model::ListKind::layout`]) or `plain`.
pub fn layout_name(doc: &Document) -> Layout {
    let mut names: Vec<Layout> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.layout),
            _ => None,
        })
        .collect();
    names.dedup();
    match names.as_slice() {
        [] => doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::List(l) => Some(l.kind.layout()),
                _ => None,
            })
            .unwrap_or(Layout::Plain),
        [one] => *one,
        _ => Layout::Mixed,
    }
}
