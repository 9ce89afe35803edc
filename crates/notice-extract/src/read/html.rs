//! HTML pages (scraper/html5ever) into the intermediate model: the notice
//! body's paragraphs in reading order and every data `<table>` as a grid
//! with `rowspan`/`colspan` resolved. Site chrome (navigation, footers,
//! share widgets, link lists) is skipped by tag and class; the metadata
//! block government sites print (索引号, 发文字号, 成文日期 …) is read into
//! [`MetaField`]s. Word-exported markup (`MsoNormal`, `<o:p>`, conditional
//! comments) needs nothing special: comments and unknown inline tags are
//! transparent.

use crate::model::WarningCode;
use crate::model::{Block, Cell, Document, MetaField, Origin, Paragraph, Row, Table, Warning};
use crate::text::clean_multiline;
use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Deepest element nesting accepted: html5ever's tree building slows down
/// quadratically with depth, and real pages stay far below this.
pub const MAX_DEPTH: usize = 512;
/// Largest `rowspan` honoured; larger values are clamped to the rows left in
/// the table anyway, this only bounds the arithmetic.
pub const MAX_ROWSPAN: usize = 65_534;
/// Largest `colspan`, as the HTML standard clamps it.
pub const MAX_COLSPAN: usize = 1_000;
/// Most cells one table may resolve to (rows × columns).
pub const MAX_TABLE_CELLS: usize = 2_000_000;

/// Elements whose content is never notice text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside",
    "iframe", "object", "svg", "canvas", "form", "button", "select", "input", "textarea", "map",
];

/// Class or id words of page chrome on government sites: a class word equal
/// to one of these, or starting or ending with it after `-`/`_`, is chrome.
const CHROME_MARKERS: &[&str] = &[
    "nav", "menu", "footer", "foot", "header", "share", "crumb", "position", "location", "links",
    "yqlj", "ewm", "print", "search", "banner", "related", "xgwj", "sidebar", "tools", "toolbar",
];

/// Longer chrome fragments matched anywhere in a class word (`bdsharebuttonbox`).
const CHROME_FRAGMENTS: &[&str] = &[
    "bdshare",
    "breadcrumb",
    "sitemap",
    "friendlink",
    "qrcode",
    "erweima",
    "copyright",
    "topbar",
];

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "center",
    "body",
    "html",
    "tr",
    "td",
    "th",
    "caption",
    "hr",
    "address",
    "figure",
    "figcaption",
];

fn is_block(tag: &str) -> bool {
    BLOCK_TAGS.contains(&tag)
}

/// Rough nesting depth of the markup, from a scan of its tags: enough to
/// refuse hostile input before html5ever sees it.
pub fn markup_depth(text: &str) -> usize {
    const VOID: &[&str] = &[
        "br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source",
        "param", "embed", "track",
    ];
    let mut depth: usize = 0;
    let mut max = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(off) = bytes.get(i..).and_then(|b| memchr::memchr(b'<', b)) {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let rest = bytes.get(start..).unwrap_or(&[]);
        let len = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b':')
            .count();
        let name = rest.get(..len).unwrap_or(&[]);
        if name.is_empty() || VOID.iter().any(|v| v.as_bytes().eq_ignore_ascii_case(name)) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            // Self-closing `<x/>` does not nest.
            let end = bytes
                .get(i..)
                .and_then(|b| memchr::memchr(b'>', b))
                .map(|e| i + e);
            if end.is_some_and(|e| e > 0 && bytes.get(e - 1) == Some(&b'/')) {
                continue;
            }
            depth += 1;
            max = max.max(depth);
        }
    }
    max
}

fn is_chrome(el: &scraper::node::Element) -> bool {
    if SKIP_TAGS.contains(&el.name()) {
        return true;
    }
    // One pass over the attributes: `Element::attr` interns its argument on
    // every call, and this runs for every element of every page.
    el.attrs().any(|(name, value)| match name {
        "style" => hides(value),
        "class" | "id" => names_chrome(value),
        _ => false,
    })
}

/// True for an inline style that hides its element.
fn hides(style: &str) -> bool {
    // Only a style that can hide content is normalised (most are Word's font
    // and margin settings).
    if !contains_ignore_ascii_case(style, "none") && !contains_ignore_ascii_case(style, "hidden") {
        return false;
    }
    let s: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    s.contains("display:none") || s.contains("visibility:hidden")
}

fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    hay.as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// True when a class or id value holds a chrome word (ASCII case ignored).
fn names_chrome(names: &str) -> bool {
    names
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_')
        // Word's own classes (MsoNormal, MsoNormalTable) are content.
        .filter(|w| !w.is_empty() && !w.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("mso")))
        .map(|w| match w.bytes().any(|b| b.is_ascii_uppercase()) {
            true => std::borrow::Cow::Owned(w.to_ascii_lowercase()),
            false => std::borrow::Cow::Borrowed(w),
        })
        .any(|w| {
            let w = w.as_ref();
            CHROME_FRAGMENTS.iter().any(|f| w.contains(f))
                || CHROME_MARKERS.iter().any(|m| {
                    w == *m
                        || w.strip_prefix(m).is_some_and(|r| r.starts_with(['-', '_']))
                        || w.strip_suffix(m).is_some_and(|r| r.ends_with(['-', '_']))
                })
        })
}

/// Appends text-node content, `&nbsp;` as a plain space.
fn push_text(out: &mut String, t: &str) {
    let mut parts = t.split('\u{a0}');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for p in parts {
        out.push(' ');
        out.push_str(p);
    }
}

/// Collects the text of a subtree: `<br>` and block elements become line
/// breaks, `&nbsp;` a space; chrome and nested tables are skipped.
fn text_of(node: NodeRef<'_, Node>, out: &mut String) {
    match node.value() {
        Node::Text(t) => push_text(out, t),
        Node::Element(el) => {
            if is_chrome(el) {
                return;
            }
            let tag = el.name();
            if tag == "br" {
                out.push('\n');
                return;
            }
            let block = is_block(tag);
            if block && !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            for c in node.children() {
                text_of(c, out);
            }
            if block && !out.ends_with('\n') {
                out.push('\n');
            }
        }
        _ => {}
    }
}

fn has_descendant_table(node: NodeRef<'_, Node>) -> bool {
    node.descendants()
        .skip(1)
        .any(|d| matches!(d.value(), Node::Element(e) if e.name() == "table"))
}

/// Largest `start` of an ordered list taken as printed; a larger one is a
/// page's mistake, and its items are numbered from 1.
const MAX_OL_START: u32 = 10_000;

/// The number a browser shows before an `<li>` of an `<ol>` (the list's
/// `start`, then one more for each `<li>` before it), so a list the page
/// numbers by markup reads as one numbered in its text. `None` outside `<ol>`.
fn ol_number(li: NodeRef<'_, Node>) -> Option<u32> {
    let parent = li.parent()?;
    let ol = parent.value().as_element().filter(|e| e.name() == "ol")?;
    let start = ol
        .attr("start")
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|&v| v <= MAX_OL_START)
        .unwrap_or(1);
    let before = li
        .prev_siblings()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "li"))
        .count();
    u32::try_from(before).ok().map(|b| start.saturating_add(b))
}

struct Walker {
    blocks: Vec<Block>,
    meta: Vec<MetaField>,
    warnings: Vec<Warning>,
    buf: String,
}

impl Walker {
    fn flush(&mut self) {
        let text = std::mem::take(&mut self.buf);
        for line in text.split('\n') {
            let t = crate::text::clean(line);
            if !t.is_empty() {
                self.blocks.push(Block::Paragraph(Paragraph {
                    text: t,
                    line: None,
                }));
            }
        }
    }

    fn walk(&mut self, node: NodeRef<'_, Node>) {
        match node.value() {
            Node::Text(t) => push_text(&mut self.buf, t),
            Node::Element(el) => {
                if is_chrome(el) {
                    return;
                }
                let tag = el.name();
                match tag {
                    "br" => self.buf.push('\n'),
                    "table" if !has_descendant_table(node) => {
                        self.flush();
                        self.table(node);
                    }
                    _ => {
                        let block = is_block(tag) || tag == "table";
                        if block {
                            self.flush();
                        }
                        if tag == "li" {
                            if let Some(n) = ol_number(node) {
                                self.buf.push_str(&format!("{n}."));
                            }
                        }
                        for c in node.children() {
                            self.walk(c);
                        }
                        if block {
                            self.flush();
                        }
                    }
                }
            }
            Node::Document | Node::Fragment => {
                for c in node.children() {
                    self.walk(c);
                }
            }
            _ => {}
        }
    }

    /// A data table: its rows (from any thead/tbody/tfoot) as a resolved grid.
    fn table(&mut self, node: NodeRef<'_, Node>) {
        let mut raw: Vec<Vec<RawCell>> = Vec::new();
        let mut thead_rows = 0;
        collect_rows(node, &mut raw, &mut thead_rows, false);
        if raw.is_empty() {
            return;
        }
        match resolve(&raw, thead_rows) {
            Ok(t) => super::push_table(&mut self.blocks, t),
            Err(w) => self.warnings.push(w),
        }
    }
}

#[derive(Debug, Clone)]
pub struct RawCell {
    pub text: String,
    pub rowspan: usize,
    pub colspan: usize,
    pub header: bool,
}

fn span(el: &scraper::node::Element, name: &str, max: usize) -> usize {
    // HTML: rowspan=0 means "to the end of the table section"; treat it as
    // the largest span, clamped later to the rows that exist.
    match el
        .attr(name)
        .map(|v| v.trim().trim_end_matches(';').parse::<i64>())
    {
        Some(Ok(0)) if name == "rowspan" => max,
        Some(Ok(n)) if n >= 1 => (n as usize).min(max),
        _ => 1,
    }
}

fn collect_rows(
    node: NodeRef<'_, Node>,
    rows: &mut Vec<Vec<RawCell>>,
    thead: &mut usize,
    in_thead: bool,
) {
    for c in node.children() {
        let Node::Element(el) = c.value() else {
            continue;
        };
        match el.name() {
            "thead" => collect_rows(c, rows, thead, true),
            "tbody" | "tfoot" => collect_rows(c, rows, thead, false),
            "tr" => {
                let mut cells = Vec::new();
                for td in c.children() {
                    let Node::Element(e) = td.value() else {
                        continue;
                    };
                    if e.name() != "td" && e.name() != "th" {
                        continue;
                    }
                    let mut text = String::new();
                    text_of(td, &mut text);
                    cells.push(RawCell {
                        text: clean_multiline(&text),
                        rowspan: span(e, "rowspan", MAX_ROWSPAN),
                        colspan: span(e, "colspan", MAX_COLSPAN),
                        header: e.name() == "th",
                    });
                }
                if in_thead {
                    *thead += 1;
                }
                rows.push(cells);
            }
            _ => {}
        }
    }
}

/// Places cells in a grid by the HTML table model: each cell takes the next
/// free column of its row and covers `rowspan × colspan` slots; spans past
/// the last row stop there.
pub fn resolve(raw: &[Vec<RawCell>], thead_rows: usize) -> Result<Table, Warning> {
    let n_rows = raw.len();
    let mut grid: Vec<Vec<Option<Cell>>> = vec![Vec::new(); n_rows];
    for (r, row) in raw.iter().enumerate() {
        let mut col = 0;
        for cell in row {
            while grid
                .get(r)
                .and_then(|g| g.get(col))
                .is_some_and(|c| c.is_some())
            {
                col += 1;
            }
            let rs = cell.rowspan.min(n_rows - r);
            let cs = cell.colspan;
            if (col + cs).saturating_mul(n_rows) > MAX_TABLE_CELLS {
                return Err(Warning::new(
                    WarningCode::TableTooLarge,
                    format!("a table would resolve to more than {MAX_TABLE_CELLS} cells (MAX_TABLE_CELLS); skipped"),
                ));
            }
            for dr in 0..rs {
                let Some(g) = grid.get_mut(r + dr) else { break };
                if g.len() < col + cs {
                    g.resize(col + cs, None);
                }
                for dc in 0..cs {
                    let origin = if dr == 0 && dc == 0 {
                        Origin::Own
                    } else if dr > 0 {
                        Origin::RowSpan { row: r }
                    } else {
                        Origin::ColSpan { col }
                    };
                    if let Some(slot) = g.get_mut(col + dc) {
                        if slot.is_none() {
                            *slot = Some(Cell {
                                text: cell.text.clone(),
                                origin,
                            });
                        }
                    }
                }
            }
            col += cs;
        }
    }
    // Columns that exist only because a colspan overshot the table hold no
    // cell of their own: drop them.
    let width = grid
        .iter()
        .filter_map(|g| {
            g.iter().rposition(|c| {
                c.as_ref()
                    .is_some_and(|c| !matches!(c.origin, Origin::ColSpan { .. }))
            })
        })
        .max()
        .map_or(0, |c| c + 1);
    for g in &mut grid {
        g.truncate(width);
    }
    let header_rows = if thead_rows > 0 {
        thead_rows
    } else {
        raw.iter()
            .take_while(|r| !r.is_empty() && r.iter().all(|c| c.header))
            .count()
    };
    let rows = grid
        .into_iter()
        .map(|g| {
            let mut cells: Vec<Cell> = g
                .into_iter()
                .map(|c| c.unwrap_or_else(|| Cell::own("")))
                .collect();
            cells.resize(width, Cell::own(""));
            Row { cells, line: None }
        })
        .filter(|r| !r.cells.is_empty())
        .collect();
    Ok(Table {
        width,
        header_rows,
        rows,
        layout: crate::model::Layout::HtmlTable,
    })
}

/// Parses a decoded HTML page.
pub fn parse(text: &str) -> Document {
    let html = Html::parse_document(text);
    let mut w = Walker {
        blocks: Vec::new(),
        meta: Vec::new(),
        warnings: Vec::new(),
        buf: String::new(),
    };
    w.walk(html.tree.root());
    w.flush();
    super::finish(Document {
        layout: crate::model::Layout::Html,
        blocks: w.blocks,
        warnings: w.warnings,
        metadata: w.meta,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(doc: &Document) -> Vec<&str> {
        doc.paragraph_texts().collect()
    }

    fn table(doc: &Document, i: usize) -> &Table {
        doc.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .nth(i)
            .expect("table")
    }

    #[test]
    fn spans_resolve_and_chrome_is_skipped() {
        let page = r#"<html><body><div class="nav"><a>首页</a></div>
            <p>附件1</p><p>某区民生实事表</p>
            <table><tr><th>序号</th><th>项目名称</th><th>牵头单位</th></tr>
            <tr><td colspan="3">一、区级(2件)</td></tr>
            <tr><td rowspan="2">1</td><td rowspan="2">甲</td><td>区教委</td></tr>
            <tr><td>区残联<br>区民政局</td></tr>
            <tr><td>2</td><td>乙&nbsp;项目</td><td rowspan="100000">区交通局</td></tr></table>
            <div class="footer">版权所有</div></body></html>"#;
        let doc = parse(page);
        let paras = paragraphs(&doc);
        assert_eq!(paras, vec!["附件1", "某区民生实事表"]);
        let t = table(&doc, 0);
        assert_eq!((t.width, t.rows.len(), t.header_rows), (3, 5, 1));
        assert_eq!(t.rows[1].cells[2].origin, Origin::ColSpan { col: 0 });
        assert_eq!(t.rows[3].cells[0].origin, Origin::RowSpan { row: 2 });
        assert_eq!(t.rows[3].cells[2].text, "区残联\n区民政局");
        assert_eq!(t.rows[4].cells[1].text, "乙项目");
    }

    #[test]
    fn hidden_by_style_in_any_case_is_skipped() {
        let doc = parse("<p style='font-family:宋体;mso-hide:none'>正文</p><p style='DISPLAY: NONE'>隐藏一</p><div style='visibility : Hidden'><p>隐藏二</p></div><p style='color:red'>保留</p>");
        let paras = paragraphs(&doc);
        assert_eq!(paras, vec!["正文", "保留"]);
    }

    #[test]
    fn share_widgets_by_class() {
        let doc = parse("<p>正文</p><div class='article-tools'><div class='bdsharebuttonbox'><span>分享</span></div></div><div class='canvas-wrap'><p>保留</p></div>");
        let paras = paragraphs(&doc);
        assert_eq!(paras, vec!["正文", "保留"]);
    }

    #[test]
    fn metadata_block_becomes_fields() {
        let page = "<table class='xxgk'><tr><td>索引号：</td><td>1150/2023-00014</td><td>发文字号：</td><td>武隆府办发〔2023〕4号</td></tr><tr><td>成文日期：</td><td>2023-02-23</td></tr></table>";
        let doc = parse(page);
        assert!(doc.blocks.is_empty());
        let f: Vec<(&str, &str)> = doc
            .metadata
            .iter()
            .map(|m| (m.label.as_str(), m.value.as_str()))
            .collect();
        assert_eq!(
            f,
            vec![
                ("索引号", "1150/2023-00014"),
                ("发文字号", "武隆府办发〔2023〕4号"),
                ("成文日期", "2023-02-23")
            ]
        );
    }

    #[test]
    fn layout_tables_are_containers() {
        let page = "<table><tr><td><p>标题</p><table><tr><td>序号</td><td>项目名称</td></tr><tr><td>1</td><td>甲</td></tr></table></td></tr></table>";
        let doc = parse(page);
        assert_eq!(table(&doc, 0).rows.len(), 2);
    }

    #[test]
    fn ordered_list_items_are_numbered_as_shown() {
        let doc = parse(
            "<html><body><p>某区2024年民生实事项目</p><ol><li>新建停车场2座。</li><li>新建公园3个。</li></ol>\
             <ol start=\"5\"><li>改造小区5个。</li></ol><ul><li>首页</li></ul></body></html>",
        );
        let texts: Vec<String> = doc
            .blocks
            .iter()
            .flat_map(|b| match b {
                Block::Paragraph(p) => vec![p.text.clone()],
                Block::List(l) => l
                    .items
                    .iter()
                    .map(|i| format!("{}{}", i.label, i.text))
                    .collect(),
                Block::Table(_) => vec![],
            })
            .collect();
        assert!(
            texts.contains(&"1.新建停车场2座。".to_string()),
            "{texts:?}"
        );
        assert!(texts.contains(&"2.新建公园3个。".to_string()), "{texts:?}");
        assert!(texts.contains(&"5.改造小区5个。".to_string()), "{texts:?}");
        assert!(!texts.iter().any(|t| t.starts_with("1.首页")), "{texts:?}");
    }

    #[test]
    fn depth_scan() {
        assert_eq!(markup_depth("<div><p>a<br>b</p></div>"), 2);
        assert_eq!(markup_depth(&"<div>".repeat(1000)), 1000);
    }
}
