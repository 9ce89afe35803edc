//! Text layouts: saved notice text into the intermediate model. Layouts are
//! detected from content, region by region: a run of lines ending in ` |` is
//! a pipe table, a run of tab-started lines a tab table, a header word alone
//! on a line followed by more header words a cell-per-line table; everything
//! else is paragraphs, and runs of numbered paragraphs become lists.

pub mod cells;
pub mod chrome;
pub mod grid;
pub mod pipe;
pub mod tabbed;

use crate::model::{Block, Document, List, ListItem, Paragraph};
use regex::Regex;
use std::sync::LazyLock;

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
    let raw: Vec<&str> = text.lines().collect();
    let mask = chrome::chrome_mask(&raw);
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
        let rest = &lines[i..];
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
    doc.blocks = group_lists(doc.blocks);
    doc.layout = layout_name(&doc);
    doc
}

/// The document's layout: its tables' layout, else `numbered_list` or `plain`.
fn layout_name(doc: &Document) -> String {
    let mut names: Vec<&str> = doc
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.layout.as_str()),
            _ => None,
        })
        .collect();
    names.dedup();
    match names.as_slice() {
        [] if doc.blocks.iter().any(|b| matches!(b, Block::List(_))) => "numbered_list".into(),
        [] => "plain".into(),
        [one] => (*one).to_string(),
        _ => "mixed".into(),
    }
}

/// List markers: `1.`, `1．`, `1、`, `（1）`, `(1)`, `1）`, `一、`.
static ITEM_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[（(]\s*(\d{1,3})\s*[）)]|(\d{1,3})\s*(?:[.．、]|[）)])|([一二三四五六七八九十]{1,3})\s*、)\s*").ok()
});

/// The value of a Chinese numeral list marker (`一` … `九十九`).
fn cn_marker(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32 + 1)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', o] => Some(10 + digit(*o)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', o] => Some(digit(*t)? * 10 + digit(*o)?),
        _ => None,
    }
}

/// Smallest run of consecutively numbered paragraphs that makes a list.
pub const MIN_LIST_ITEMS: usize = 2;

fn list_item(p: &Paragraph) -> Option<(u32, ListItem)> {
    // Most paragraphs start with none of the marker characters: skip the
    // regex for them.
    let first = p.text.trim_start().chars().next()?;
    if !(first.is_ascii_digit() || "（(一二三四五六七八九十".contains(first)) {
        return None;
    }
    let re = ITEM_RE.as_ref()?;
    let c = re.captures(&p.text)?;
    let marker = c.get(1).or_else(|| c.get(2)).or_else(|| c.get(3))?.as_str();
    // The item's words: everything after the marker (the pattern stops at
    // the marker, so a long paragraph is not copied through the captures).
    let text = p.text.get(c.get(0)?.end()..)?;
    if text.trim().is_empty() {
        return None;
    }
    // "1.5万人" is a number, not a list marker.
    if text.starts_with(|ch: char| ch.is_ascii_digit()) {
        return None;
    }
    Some((
        marker.parse().ok().or_else(|| cn_marker(marker))?,
        ListItem {
            marker: marker.to_string(),
            text: text.trim().to_string(),
            line: p.line,
        },
    ))
}

/// Turns runs of paragraphs numbered 1, 2, 3 … into [`List`] blocks.
pub fn group_lists(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut run: Vec<(Paragraph, ListItem)> = Vec::new();
    let flush = |run: &mut Vec<(Paragraph, ListItem)>, out: &mut Vec<Block>| {
        if run.len() >= MIN_LIST_ITEMS {
            out.push(Block::List(List {
                items: run.drain(..).map(|(_, i)| i).collect(),
            }));
        } else {
            out.extend(run.drain(..).map(|(p, _)| Block::Paragraph(p)));
        }
    };
    for b in blocks {
        match b {
            Block::Paragraph(p) => match list_item(&p) {
                Some((n, item)) => {
                    let next = run
                        .last()
                        .and_then(|(_, i)| {
                            i.marker
                                .parse::<u32>()
                                .ok()
                                .or_else(|| cn_marker(&i.marker))
                        })
                        .map(|m| m + 1);
                    if next != Some(n) {
                        flush(&mut run, &mut out);
                    }
                    if run.is_empty() && n != 1 {
                        out.push(Block::Paragraph(p));
                    } else {
                        run.push((p, item));
                    }
                }
                None => {
                    flush(&mut run, &mut out);
                    out.push(Block::Paragraph(p));
                }
            },
            other => {
                flush(&mut run, &mut out);
                out.push(other);
            }
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod list_tests {
    use super::*;

    #[test]
    fn chinese_numeral_markers() {
        let cases = [
            ("一", Some(1)),
            ("十", Some(10)),
            ("十二", Some(12)),
            ("二十", Some(20)),
            ("三十五", Some(35)),
            ("十十", None),
            ("零", None),
        ];
        for (m, want) in cases {
            assert_eq!(cn_marker(m), want, "{m}");
        }
    }
}
