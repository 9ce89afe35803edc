//! Records from numbered lists of projects: one record per item, with the
//! same fields as a table row. An item states its fields in its words
//! (`名称：目标`, a title sentence before the content), in labelled parts
//! inside it (`（牵头单位：…；完成时限：…）`) or on labelled lines under it
//! (`责任单位：…`), and sits under headings (`一、教育方面（共5项）`) that give
//! its section. Whether a list is a list of projects at all is decided from
//! the evidence a reader would use (units named by label, project words in
//! the items, the notice and the headings), and a list taken on weaker
//! evidence is flagged with a warning.

use super::items::{self, Labelled};
use super::{check_counts, field_name, opt_text, parse_amount, units, SourceInfo, ANNOUNCED};
use crate::layout::outline::{line_label, MIN_LIST_ITEMS};
use crate::model::WarningCode;
use crate::model::{Heading, List, ListItem, ListKind, Warning};
use crate::record::*;
use crate::text::{clean, clean_multiline, fold};
use crate::vocab::dates;
use crate::vocab::headers::Field;
use crate::vocab::numerals::cn_marker;
use crate::vocab::orgs::is_org;
use crate::vocab::projects::{
    category_in, ACTION_STARTS, DIRECTIVE_VERBS, GENERIC_SECTIONS, GROUP_HEADING_ENDINGS,
    PROJECT_CONTEXT_WORDS, PROJECT_ITEM_WORDS, PROJECT_NAME_ENDINGS,
};
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// Longest name of a `名称:目标` list item, or of a title sentence before an item's content.
pub const MAX_ITEM_NAME_CHARS: usize = 40;
/// Share of a list's items that must name their units, or read as projects,
/// for the list to be taken on that evidence alone.
pub const PROJECT_LIST_SHARE: f64 = 0.6;
/// Share of items named like a notice's own sections (总体要求, 保障措施) past
/// which a list is the notice's outline, not its projects.
pub const GENERIC_SHARE: f64 = 0.5;

/// `共5项` / `共三项` at the end of a heading, without brackets (`一、“…”类，共3项`).
static COUNT_TAIL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"共\s*([0-9]+|[一二三四五六七八九十]{1,3})\s*(?:件|项|个项目|个)\s*[)）]?\s*$").ok()
});

/// A numbered list and what is known around it.
pub(super) struct ListRun<'a> {
    pub list: &'a List,
    pub index: usize,
    pub title: Option<String>,
    pub attachment: Option<String>,
    pub year: Option<i32>,
    pub src: &'a SourceInfo,
    /// Text around the list that may say what it is: the notice's title and
    /// the paragraphs just above the list.
    pub context: Vec<String>,
    /// Every item read (once: both [`ListRun::assess`] and [`ListRun::run`] need them).
    read: Vec<Item>,
    /// False when the notice names no livelihood project anywhere (民生实事,
    /// 为民办实事 …) and breaks down a work report: units named for each item
    /// then make a list of that report's tasks, not of projects.
    pub notice_names_projects: bool,
}

/// One item read: its name and target, its labelled parts.
struct Item {
    /// The item's words without its labelled parts.
    words: String,
    /// The target is the item's own words (one sentence, or no title before
    /// the content): a labelled target under the item says it better.
    own_target: bool,
    /// Labelled lines under the item whose label is no record field.
    extra: Vec<(String, String)>,
    /// Printed as `名称：目标`.
    named: bool,
    name: Option<String>,
    target: Option<String>,
    labelled: Vec<Labelled>,
    /// Units printed in brackets without a label (`（市住建局、市财政局）`).
    bare_units: Vec<String>,
}

impl Item {
    fn has_units(&self) -> bool {
        !self.bare_units.is_empty()
            || self.labelled.iter().any(|l| {
                matches!(
                    l.field,
                    Some(Field::LeadUnits | Field::PartnerUnits | Field::ResponsibleUnits)
                )
            })
    }
}

/// The text up to its first sentence end, without it, and the rest.
fn first_sentence(s: &str) -> (&str, &str) {
    match s.find('。') {
        Some(p) => (
            s.get(..p).unwrap_or(s),
            s.get(p + '。'.len_utf8()..).unwrap_or(""),
        ),
        None => (s, ""),
    }
}

/// A bracket at the end of the words holding only organisation names:
/// `（市住建局、市财政局）`.
fn trailing_units(words: &str) -> Option<(String, Vec<String>)> {
    let t = words.trim_end_matches(['。', '；', ';', ' ']);
    let inner_end = t.strip_suffix(['）', ')'])?;
    let open = inner_end.rfind(['（', '('])?;
    let inner = inner_end.get(open..)?.trim_start_matches(['（', '(']);
    let units = units::split_units(inner);
    let all_orgs = !units.is_empty() && units.iter().all(|u| is_org(u));
    let rest = clean(t.get(..open)?);
    all_orgs.then_some((rest, units))
}

/// Full-width punctuation of running text.
fn is_cjk_punctuation(c: char) -> bool {
    "。，、；：！？（）【】《》“”‘’…—".contains(c) || c.is_whitespace()
}

/// `名称：目标` or `名称——目标`: the name when it is short and holds none of
/// `not_in_name`, the rest and the lines under it the target.
fn name_then_content(
    name: String,
    rest: &str,
    content: &[String],
    not_in_name: &[char],
) -> Option<(bool, Option<String>, Option<String>)> {
    let short = !name.is_empty() && name.chars().count() <= MAX_ITEM_NAME_CHARS;
    if !short || name.contains(not_in_name) || rest.trim().is_empty() {
        return None;
    }
    let mut target = clean_multiline(rest);
    for c in content {
        target.push('\n');
        target.push_str(&clean(c));
    }
    Some((true, Some(name), Some(target)))
}

/// The dash between an item's name and its content (`“亮点工程”——…`).
const NAME_DASH: &str = "——";

/// Longest tail after a line's last sentence read as its units.
const MAX_UNITS_TAIL_CHARS: usize = 40;

/// Unit names after the last sentence end of a line (`…救助金. 自治区民政厅`,
/// `…补助金。自治区人力资 源社会保障厅`, a name wrapped by a space): the line
/// before them and the units, when every part names an organisation.
fn units_after_last_sentence(line: &str) -> Option<(String, Vec<String>)> {
    let t = line.trim_end();
    // `。`, `．`, or an ASCII full stop before a space or Han text (not the
    // point of a number).
    let end = t
        .char_indices()
        .zip(t.chars().skip(1).map(Some).chain(std::iter::once(None)))
        .filter(|((_, c), next)| match c {
            '。' | '．' => true,
            '.' => next.is_some_and(|n| n == ' ' || crate::text::is_han(n)),
            _ => false,
        })
        .map(|((i, c), _)| i + c.len_utf8())
        .max()?;
    let tail = t.get(end..)?.trim();
    if tail.is_empty() || tail.chars().count() > MAX_UNITS_TAIL_CHARS {
        return None;
    }
    let units = units::split_units(tail);
    let all_orgs = !units.is_empty() && units.iter().all(|u| is_org(u));
    all_orgs.then(|| (t.get(..end).unwrap_or(t).trim_end().to_string(), units))
}

/// True when some line under an item names a field by label.
fn body_labelled(body: &[String]) -> bool {
    body.iter().any(|l| !items::labelled_parts(l).1.is_empty())
}

fn read_item(text: &str, body: &[String], bare_units_ok: bool) -> Item {
    let (text, body) = join_label_lines(text, body);
    let (text, body) = (text.as_str(), body.as_slice());
    let (words, mut labelled) = items::labelled_parts(text);
    let mut content: Vec<String> = Vec::new();
    let mut extra: Vec<(String, String)> = Vec::new();
    // The text-valued label whose value the lines after it continue
    // (`进展与成效：` then a paragraph per sub-project).
    let mut open: Option<Open> = None;
    for line in body {
        // Units, deadlines and persons by label, anywhere on the line
        // (`责任部门：城建局 配合部门：各街道`), then a line that starts with
        // any other label the header table knows (`完成情况：…`).
        // A line that starts with the label of a text field (`进展与成效：`,
        // `完成情况：`) is that field's value to its end, sentences and all.
        if let Some((f, label, value)) = text_field_line(line) {
            open = Some(Open::Labelled(labelled.len()));
            labelled.push(Labelled {
                field: Some(f),
                label,
                value: clean(value),
            });
            continue;
        }
        let (rest, parts) = items::labelled_parts(line);
        if !parts.is_empty() {
            open = None;
        }
        labelled.extend(parts);
        // What a labelled line leaves is nothing when it is only
        // punctuation (`主办单位:县城投公司,协办单位:住建局。` leaves `。`).
        if rest
            .trim()
            .chars()
            .all(|c| c.is_ascii_punctuation() || is_cjk_punctuation(c))
        {
            continue;
        }
        let field = line_label(&rest).and_then(|(label, value)| {
            let (f, _) = crate::vocab::headers::classify(&label)?;
            (!matches!(f, Field::Seq | Field::Name)).then(|| (f, label, value.to_string()))
        });
        match field {
            Some((f, label, value)) => {
                open = Some(Open::Labelled(labelled.len()));
                labelled.push(Labelled {
                    field: Some(f),
                    label,
                    value: clean(&value),
                })
            }
            // A labelled line of no field (`来源：…`, `备用地址：…`) is kept
            // in `extra`, never read as the item's content.
            // A labelled line is the item's content only under a title line
            // (`城市书房建设项目` / `目标：新建…`).
            None => match line_label(&rest) {
                Some((label, value))
                    if !content.is_empty() || body_labelled(body) || !reads_as_title(text) =>
                {
                    open = Some(Open::Extra(extra.len()));
                    extra.push((label, clean(value)))
                }
                _ => {
                    let continued = match open {
                        Some(Open::Labelled(i)) => labelled.get_mut(i).map(|l| &mut l.value),
                        Some(Open::Extra(i)) => extra.get_mut(i).map(|e| &mut e.1),
                        None => None,
                    };
                    match continued {
                        Some(value) => {
                            value.push('\n');
                            value.push_str(&clean(&rest));
                        }
                        None => content.push(rest),
                    }
                }
            },
        }
    }
    let mut words = words;
    let names_units = |l: &[Labelled]| {
        l.iter().any(|p| {
            matches!(
                p.field,
                Some(Field::LeadUnits | Field::PartnerUnits | Field::ResponsibleUnits)
            )
        })
    };
    if !names_units(&labelled) {
        if let Some((rest, parts)) = items::responsibility(&words) {
            words = rest;
            labelled.extend(parts);
        }
    }
    let mut bare_units = Vec::new();
    if bare_units_ok
        && !labelled
            .iter()
            .any(|l| l.field.is_some_and(|f| f != Field::Deadline))
    {
        if let Some((rest, u)) = trailing_units(&words) {
            words = rest;
            bare_units = u;
        } else if let Some(last) = content.last_mut().filter(|_| bare_units_ok) {
            // A table flattened into lines ends each item's last line with
            // its units column: `…发放救助金. 自治区民政厅`.
            if let Some((rest, u)) = units_after_last_sentence(last) {
                *last = rest;
                bare_units = u;
            }
        }
    }
    let (named, name, target) = name_and_target(&words, &content);
    let own_target =
        !named && content.is_empty() && target.as_deref() == opt_text(&words).as_deref();
    Item {
        words,
        own_target,
        extra,
        named,
        name,
        target,
        labelled,
        bare_units,
    }
}

/// `完成情况：…` at the start of a line: a field whose value is text, not
/// units, a date, a number or a name.
fn text_field_line(line: &str) -> Option<(Field, String, &str)> {
    let (label, value) = line_label(line)?;
    let (f, _) = crate::vocab::headers::classify(&label)?;
    let text = !matches!(
        f,
        Field::Seq
            | Field::Name
            | Field::LeadUnits
            | Field::PartnerUnits
            | Field::ResponsibleUnits
            | Field::Deadline
    );
    text.then_some((f, label, value))
}

/// A labelled value in an item's body that unlabelled lines may continue.
#[derive(Clone, Copy)]
enum Open {
    Labelled(usize),
    Extra(usize),
}

/// The label of a line that prints nothing else (`责任单位：`, or `责任单位`
/// without its colon when the header table knows it): its value is on the
/// next line, as pages exported from a form print them.
fn label_only(line: &str) -> Option<&str> {
    let t = line.trim();
    let bare = t.trim_end_matches([':', '：']).trim_end();
    let n = bare.chars().count();
    if !(2..=items::MAX_LABEL_CHARS).contains(&n) || !bare.chars().all(crate::text::is_han) {
        return None;
    }
    let known = crate::vocab::headers::classify(bare).is_some()
        || crate::vocab::headers::names_person(bare);
    (known || (bare.len() < t.len() && line_label(t).is_some())).then_some(bare)
}

/// An item's text and body lines with each label printed alone on its line
/// joined to the line after it (`责任单位：` / `水务局、城管局` →
/// `责任单位：水务局、城管局`); an item whose text is a label takes the
/// first body line (`03` / `项目名称：` / `实施…工程`).
fn join_label_lines(text: &str, body: &[String]) -> (String, Vec<String>) {
    let mut lines = body.iter().map(String::as_str);
    let mut head = text.to_string();
    if let Some(label) = label_only(text) {
        if let Some(value) = lines.next() {
            head = format!("{label}：{}", value.trim());
        }
    }
    let mut out: Vec<String> = Vec::with_capacity(body.len());
    let mut pending: Option<&str> = None;
    for line in lines {
        match pending.take() {
            Some(label) if label_only(line).is_none() => {
                out.push(format!("{label}：{}", line.trim()));
            }
            Some(label) => {
                out.push(label.to_string());
                pending = label_only(line);
                if pending.is_none() {
                    out.push(line.to_string());
                }
            }
            None => match label_only(line) {
                Some(label) => pending = Some(label),
                None => out.push(line.to_string()),
            },
        }
    }
    out.extend(pending.map(str::to_string));
    (head, out)
}

/// A deadline the item's words end with, when no label gives one: a
/// bracket (`（2024年10月底前完成）`) or the last clause (`…，年底前建成。`)
/// that reads as a date and at most a short action.
fn inline_deadline(text: &str, year: Option<i32>) -> Option<String> {
    let t = text
        .trim()
        .trim_end_matches(['。', '；', ';', '.', '，', ',']);
    let last = match t.strip_suffix(['）', ')']) {
        Some(inner) => inner.rsplit(['（', '(']).next()?,
        None => t.rsplit(['，', ',', '；', ';', '。']).next()?,
    };
    // A time word, not just a number (`1958文化园` is a name, not a year).
    let last = last.trim();
    if !(last.contains(['月', '底']) || last.contains("年内")) {
        return None;
    }
    dates::parse_deadline(last, year).map(|(month, _)| month)
}

/// A short sentence without numbers: the title of an item whose content
/// follows (`社区食堂建设项目。`), not a target of its own.
fn reads_as_title(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['。', '；', ';', '：', ':']);
    t.chars().count() <= MAX_ITEM_NAME_CHARS
        && !t.contains(['。', '；', ';'])
        && !t
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

/// Name and target of an item from its words and the content lines under it.
/// Also says whether the item reads `名称：目标`.
fn name_and_target(words: &str, content: &[String]) -> (bool, Option<String>, Option<String>) {
    let trim = |s: &str| clean(s.trim_end_matches(['。', '；', ';', '，', ',', '：', ':']));
    // `名称：目标`
    if let Some(p) = words.find([':', '：']) {
        let name = clean(words.get(..p).unwrap_or(""));
        let rest = words.get(p..).unwrap_or("").trim_start_matches([':', '：']);
        // `项目名称：提升县域生态环境`: the label names the field, the value is the name.
        let labels_name =
            crate::vocab::headers::classify(&name).is_some_and(|(f, _)| f == Field::Name);
        if labels_name && !rest.trim().is_empty() {
            let (first, more) = rest.split_once('\n').unwrap_or((rest, ""));
            let target: Vec<String> = more
                .lines()
                .chain(content.iter().map(String::as_str))
                .map(clean)
                .filter(|l| !l.is_empty())
                .collect();
            return (true, opt_text(&trim(first)), opt_text(&target.join("\n")));
        }
        if let Some(named) = name_then_content(name, rest, content, &['。']) {
            return named;
        }
    }
    // `“亮点工程”——南正街改造提升是…`: a short name, a dash, the content.
    if let Some((name, rest)) = words.split_once(NAME_DASH) {
        if let Some(named) = name_then_content(clean(name), rest, content, &['。', '，', ',']) {
            return named;
        }
    }
    // A title line with its content under it.
    if !content.is_empty() {
        let target = content
            .iter()
            .map(|c| clean(c))
            .collect::<Vec<_>>()
            .join("\n");
        let name = opt_text(&trim(words));
        return match name {
            Some(n) => (false, Some(n), Some(target)),
            None => (false, None, Some(target)),
        };
    }
    // `社区食堂建设项目。新建社区食堂10个…`: a short title sentence without
    // numbers before the content; else the first sentence names the item and
    // the whole item is its target.
    let (first, rest) = first_sentence(words);
    let first = trim(first);
    let titled = first.chars().count() <= MAX_ITEM_NAME_CHARS
        && !first
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && !rest.trim().is_empty();
    if titled {
        return (false, opt_text(&first), opt_text(rest));
    }
    // `低保暖心工程，为辖区431户低保对象投保…`: a first clause that names a
    // project (a noun phrase, not `实施…工程`, a statement of the work)
    // names the item; the whole item is its target.
    let clause = first.split(['，', ',']).next().unwrap_or(&first).trim();
    if clause.len() < first.len()
        && clause.chars().count() <= MAX_ITEM_NAME_CHARS
        && PROJECT_NAME_ENDINGS.iter().any(|e| clause.ends_with(e))
        && !ACTION_STARTS.iter().any(|v| clause.starts_with(v))
    {
        return (false, opt_text(clause), opt_text(words));
    }
    (false, opt_text(&first), opt_text(words))
}

/// The count a heading announces: `（共5项）`, `(3项)`, `，共三项`.
fn announced(heading: &str) -> Option<u64> {
    let heading = &*fold(heading);
    if let Some(n) = ANNOUNCED
        .as_ref()
        .and_then(|r| r.captures(heading))
        .and_then(|c| c.get(1)?.as_str().parse().ok())
    {
        return Some(n);
    }
    let c = COUNT_TAIL.as_ref()?.captures(heading)?;
    let n = c.get(1)?.as_str();
    n.parse().ok().or_else(|| cn_marker(n).map(u64::from))
}

/// The heading level whose headings each stand over exactly one item
/// (`（一）开展职业技能培训` / `1.持续深入推进…` / `（二）…` / `2.…`): every
/// item opens a heading of the list's deepest level. `None` otherwise.
fn heading_per_item(l: &List) -> Option<usize> {
    let deepest = l
        .items
        .iter()
        .flat_map(|it| &it.headings)
        .map(|h| h.level)
        .max()?;
    let mut deepest_headings = l
        .items
        .iter()
        .map(|it| it.headings.iter().find(|h| h.level == deepest));
    // `一、教育类（共1项）` groups items, however few: it names none.
    let names = |h: &Heading| {
        let t = fold(&clean(&h.text)).into_owned();
        let t = t.trim_end_matches(['：', ':']);
        announced(t).is_none() && !GROUP_HEADING_ENDINGS.iter().any(|e| t.ends_with(e))
    };
    let every = l.items.len() >= 2 && deepest_headings.all(|h| h.is_some_and(names));
    every.then_some(deepest)
}

/// `52项民生实事`, `十件实事`, `15个民生项目`: a count of projects.
static PROJECT_COUNT: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(
        r"(?:[0-9]+|[一二三四五六七八九十百]+)\s*(?:件|项|个)\S{0,4}?(?:实事|民生|项目|工程)",
    )
    .ok()
});

pub(super) fn counts_projects(text: &str) -> bool {
    PROJECT_COUNT
        .as_ref()
        .is_some_and(|r| r.is_match(&fold(text)))
}

/// A list's header and the field of each label, as a table's would read.
struct Columns {
    header: Vec<String>,
    fields: Vec<RecordField>,
}

/// Most characters a notice's own section name carries beyond its generic
/// word (`加强组织领导`, `强化督查考核`); a longer name that holds one is a
/// project's heading (`…提升项目完成情况`).
pub const MAX_GENERIC_EXTRA_CHARS: usize = 3;

/// True when an item's name is one of a notice's own sections.
fn is_generic_section(name: &str) -> bool {
    let n = name
        .trim_end_matches(['。', '；', ';', '：', ':'])
        .chars()
        .count();
    GENERIC_SECTIONS
        .iter()
        .any(|g| name.contains(g) && n <= g.chars().count() + MAX_GENERIC_EXTRA_CHARS)
        || is_slogan(name)
}

/// Characters in each phrase of a slogan heading.
const SLOGAN_PHRASE_CHARS: usize = 4;
/// Longest phrase of a slogan that opens with a directive (`加强组织领导`).
const MAX_DIRECTIVE_PHRASE_CHARS: usize = 6;

/// `落实责任，确保质量`, `密切配合，各负其责`, `加强组织领导，确保责任靠实`:
/// phrases of four characters, or of up to six opening with a directive,
/// joined by commas, head a notice's own parts, never a project.
fn is_slogan(name: &str) -> bool {
    let name = name.trim_end_matches(['。', '；', ';', '：', ':']);
    let phrases: Vec<&str> = name.split(['，', ',']).map(str::trim).collect();
    let han = |p: &&str| p.chars().all(crate::text::is_han);
    let fours = phrases
        .iter()
        .all(|p| p.chars().count() == SLOGAN_PHRASE_CHARS && han(p));
    let directives = phrases.iter().all(|p| {
        (SLOGAN_PHRASE_CHARS..=MAX_DIRECTIVE_PHRASE_CHARS).contains(&p.chars().count())
            && han(p)
            && DIRECTIVE_VERBS.iter().any(|v| p.starts_with(v))
    });
    phrases.len() >= 2 && (fours || directives)
}

/// How strongly a list reads as a list of projects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Evidence {
    None,
    /// The items' own words or the text around say projects, not both,
    /// and most items name no units.
    Weak,
    /// Most items name their units, or the text around says projects and
    /// the items read as projects (project words, `名称：目标`).
    Strong,
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        n as f64 / of as f64
    }
}

impl<'a> ListRun<'a> {
    /// The list's evidence, and which items to take. A list whose groups
    /// (items under one heading) mostly name their units in some groups and
    /// none in others holds projects only in the former: the others are
    /// another enumeration under the same numbering (a ranking of counties
    /// before the projects).
    fn evidence_by_group(&self, read: &[Item]) -> (Evidence, Vec<bool>) {
        let all = vec![true; read.len()];
        let whole = self.evidence(read);
        if whole == Evidence::Strong {
            return (whole, all);
        }
        let mut groups: Vec<std::ops::Range<usize>> = Vec::new();
        for (i, it) in self.list.items.iter().enumerate() {
            match groups.last_mut() {
                Some(g) if it.headings.is_empty() => g.end = i + 1,
                _ => groups.push(i..i + 1),
            }
        }
        let units_share = |g: &std::ops::Range<usize>| {
            let items = read.get(g.clone()).unwrap_or(&[]);
            share(items.iter().filter(|i| i.has_units()).count(), items.len())
        };
        if groups.len() < 2 || !groups.iter().any(|g| units_share(g) >= PROJECT_LIST_SHARE) {
            return (whole, all);
        }
        let mut keep = all;
        for g in &groups {
            if units_share(g) == 0.0 {
                for k in keep.get_mut(g.clone()).unwrap_or(&mut []) {
                    *k = false;
                }
            }
        }
        (Evidence::Strong, keep)
    }

    fn evidence(&self, read: &[Item]) -> Evidence {
        let n = read.len();
        let with_units = read.iter().filter(|i| i.has_units()).count();
        // A list under a work report's heading (`政府工作报告…重点工作责任分解`)
        // holds the report's tasks.
        let nearest_first: Vec<&str> = self.context.iter().rev().map(String::as_str).collect();
        let under_tasks = super::context::holds_tasks(&nearest_first);
        // A notice that breaks down a work report lists its tasks, unless
        // the text just above the list counts the projects it introduces.
        let counted_above = self.context.last().is_some_and(|c| counts_projects(c));
        if (!self.notice_names_projects && !counted_above) || under_tasks {
            return Evidence::None;
        }
        if share(with_units, n) >= PROJECT_LIST_SHARE {
            return Evidence::Strong;
        }
        // Unnumbered paragraphs with labelled lines are items only when the
        // labels name their units: other labelled lines (`访问量：`,
        // `来源：`) follow any paragraph of a page.
        match self.list.kind {
            ListKind::Labelled => return Evidence::None,
            // Lines under unnumbered headings, and paragraphs after `如下：`,
            // are any article's text unless the text above counts the
            // projects they list (`10大类52项民生实事`).
            ListKind::Headed | ListKind::Paragraphs
                if !self.context.iter().any(|c| counts_projects(c)) =>
            {
                return Evidence::None
            }
            _ => {}
        }
        let names: Vec<String> = read
            .iter()
            .map(|i| fold(i.name.as_deref().unwrap_or("")).into_owned())
            .collect();
        let generic = names.iter().filter(|nm| is_generic_section(nm)).count();
        if share(generic, n) > GENERIC_SHARE {
            return Evidence::None;
        }
        let headings: Vec<&str> = self
            .list
            .items
            .iter()
            .flat_map(|it| it.headings.iter().map(|h| h.text.as_str()))
            .collect();
        let around = self
            .context
            .iter()
            .map(String::as_str)
            .chain(headings.iter().copied())
            .chain(self.title.as_deref())
            .any(|t| {
                let t = fold(t);
                PROJECT_CONTEXT_WORDS.iter().any(|w| t.contains(w))
            });
        let own_words = self
            .list
            .items
            .iter()
            .filter(|it| {
                let t = fold(&it.text);
                PROJECT_ITEM_WORDS.iter().any(|w| t.contains(w))
            })
            .count();
        // `名称：目标` is how projects are listed once the text says they are
        // projects; alone it is any list of named points (a specification).
        let named = share(read.iter().filter(|i| i.named).count(), n) >= PROJECT_LIST_SHARE;
        let items_say = share(own_words, n) >= PROJECT_LIST_SHARE;
        match (around, items_say || named) {
            (true, true) => Evidence::Strong,
            (true, false) => Evidence::Weak,
            (false, _) if items_say => Evidence::Weak,
            (false, _) => Evidence::None,
        }
    }

    /// Records from the list, when it is a list of projects.
    /// How strongly the list reads as projects.
    pub(super) fn assess(&self) -> Evidence {
        self.evidence_by_group(&self.read).0
    }

    /// A list with every item read: its labelled parts and the lines under it.
    pub(super) fn new(
        list: &'a List,
        title: Option<String>,
        attachment: Option<String>,
        year: Option<i32>,
        src: &'a SourceInfo,
        context: Vec<String>,
    ) -> ListRun<'a> {
        // A bracket of unit names ending an item, or unit names after its
        // last sentence, are its units when the text around says units are
        // named, or when most items end so: a list that never says what its
        // brackets hold (`…。（市人社局、市财政局）`), a table flattened into
        // lines (`…发放救助金. 自治区民政厅`).
        let context_names_units = context.iter().any(|c| {
            let c = fold(c);
            ["牵头单位", "责任单位", "牵头部门", "责任部门", "主办单位"]
                .iter()
                .any(|w| c.contains(w))
        });
        let ends_in_units = |it: &&ListItem| {
            let last = it.body.last().map_or(it.text.as_str(), |p| p.text.as_str());
            trailing_units(&it.text).is_some() || units_after_last_sentence(last).is_some()
        };
        let with_units = list.items.iter().filter(ends_in_units).count();
        let bare_units_ok = context_names_units
            || (with_units >= MIN_LIST_ITEMS
                && share(with_units, list.items.len()) >= PROJECT_LIST_SHARE);
        let read = list
            .items
            .iter()
            .map(|it| {
                let body: Vec<String> = it.body.iter().map(|p| p.text.clone()).collect();
                read_item(&it.text, &body, bare_units_ok)
            })
            .collect();
        ListRun {
            list,
            index: 0,
            title,
            attachment,
            year,
            src,
            context,
            read,
            notice_names_projects: true,
        }
    }

    pub(super) fn run(mut self, warnings: &mut Vec<Warning>) -> Option<(TableInfo, Vec<Record>)> {
        let l = self.list;
        let read = std::mem::take(&mut self.read);
        let (evidence, keep) = self.evidence_by_group(&read);
        if evidence == Evidence::None {
            return None;
        }
        self.warn_evidence(evidence, keep.iter().filter(|k| !**k).count(), warnings);

        // The list's columns as a table would print them: one per label met.
        let mut columns = Columns {
            header: vec!["序号".into(), "项目名称".into(), "目标任务".into()],
            fields: vec![RecordField::Seq, RecordField::Name, RecordField::Target],
        };
        let mut records = Vec::with_capacity(read.len());
        let mut sections: Vec<SectionInfo> = Vec::new();
        let mut path: Vec<&Heading> = Vec::new();
        let naming_level = heading_per_item(l);
        for (i, ((it, item), kept)) in l.items.iter().zip(read).zip(keep).enumerate() {
            if !kept {
                continue;
            }
            let own_heading = enter_headings(it, naming_level, &mut path, &mut sections);
            let section = path.last().map(|h| clean(&h.text));
            if let Some(s) = sections
                .last_mut()
                .filter(|s| Some(&s.title) == section.as_ref())
            {
                s.projects += 1;
                s.rows += 1;
            }
            let at = Placement {
                row: i,
                section,
                path: &path,
                own_heading,
            };
            records.push(self.record(it, item, at, &mut columns, warnings));
        }
        check_counts(&sections, self.index, warnings);
        let info = TableInfo {
            index: self.index,
            kind: TableKind::List,
            layout: l.kind.layout(),
            title: self.title,
            attachment: self.attachment,
            header: columns.header,
            fields: columns.fields,
            rows: records.len(),
            records: records.len(),
            projects: records.len(),
            sections,
        };
        Some((info, records))
    }

    /// Says when the list is taken on weak evidence, and when groups of its
    /// items were left out.
    fn warn_evidence(&self, evidence: Evidence, dropped: usize, warnings: &mut Vec<Warning>) {
        if dropped > 0 {
            warnings.push(
                Warning::new(
                    WarningCode::ListGroupNotProjects,
                    format!(
                        "{dropped} items under headings whose items name no units, in a list whose other groups do, taken as no projects"
                    ),
                )
                .at_table(self.index, None),
            );
        }
        if evidence == Evidence::Weak {
            warnings.push(
                Warning::new(
                    WarningCode::ListWeakEvidence,
                    format!(
                        "numbered list of {} items taken as projects without units named for most items",
                        self.list.items.len()
                    ),
                )
                .at_table(self.index, None),
            );
        }
    }

    /// One item's record.
    fn record(
        &self,
        it: &ListItem,
        item: Item,
        at: Placement<'_, '_>,
        columns: &mut Columns,
        warnings: &mut Vec<Warning>,
    ) -> Record {
        let Placement {
            row: i,
            section,
            path,
            own_heading,
        } = at;
        let l = self.list;
        let mut r = self.src.record(l.kind.layout(), self.index, i, it.line);
        r.table_title = self.title.clone();
        r.attachment = self.attachment.clone();
        r.category = path
            .iter()
            .rev()
            .find_map(|h| category_in(&fold(&h.text)))
            .or_else(|| self.title.as_deref().and_then(category_in))
            .map(str::to_string);
        r.section = section;
        r.seq = Some(it.marker.clone());
        // An item alone under its heading is the heading's content: the
        // heading names the project, the whole item is its target.
        let (name, target) = match own_heading {
            Some(h) if !item.named => (opt_text(&clean(&h.text)), opt_text(&item.words)),
            _ => (item.name, item.target),
        };
        r.name = name;
        // An enumeration's separator after the last words is no part of them.
        r.target = target.map(|t| t.trim_end_matches(['，', ',', '；', ';', '、']).to_string());
        if !item.bare_units.is_empty() {
            r.lead_units = item.bare_units;
        }
        for (label, value) in item.extra {
            r.extra.insert(label, Value::String(value));
        }
        let own_target = item.own_target;
        let words = item.words;
        self.apply_labelled(&mut r, item.labelled, own_target, i, columns, warnings);
        if r.deadline.is_none() {
            r.deadline = inline_deadline(&words, self.year);
        }
        r
    }

    /// Puts an item's labelled parts into its record: units, deadline,
    /// progress and the rest, each label once in the list's header.
    fn apply_labelled(
        &self,
        r: &mut Record,
        labelled: Vec<Labelled>,
        own_target: bool,
        row: usize,
        columns: &mut Columns,
        warnings: &mut Vec<Warning>,
    ) {
        let has_lead = labelled.iter().any(|p| p.field == Some(Field::LeadUnits));
        for part in labelled {
            let Some(field) = part.field else {
                r.extra.insert(part.label, Value::String(part.value));
                continue;
            };
            let as_lead =
                field == Field::LeadUnits || (field == Field::ResponsibleUnits && !has_lead);
            if !columns.header.contains(&part.label) {
                columns.header.push(part.label.clone());
                columns.fields.push(if as_lead {
                    RecordField::LeadUnits
                } else {
                    field_name(field)
                });
            }
            match field {
                _ if as_lead => r.lead_units.extend(units::split_units(&part.value)),
                Field::LeadUnits | Field::PartnerUnits | Field::ResponsibleUnits => {
                    r.partner_units.extend(units::split_units(&part.value))
                }
                Field::Deadline => match dates::parse_deadline(&part.value, self.year) {
                    Some((month, more)) => {
                        if more {
                            r.extra.insert(part.label, Value::String(part.value));
                        }
                        r.deadline = Some(month);
                    }
                    None => {
                        warnings.push(
                            Warning::new(
                                WarningCode::DeadlineUnparsed,
                                format!("deadline {:?} names no month; kept in extra", part.value),
                            )
                            .at_table(self.index, Some(row)),
                        );
                        r.extra.insert(part.label, Value::String(part.value));
                    }
                },
                Field::Target if r.target.is_none() || own_target => r.target = Some(part.value),
                Field::Investment if r.investment.is_none() => {
                    match parse_amount(&part.value, None) {
                        Some(a) => r.investment = Some(a),
                        None => {
                            r.extra.insert(part.label, Value::String(part.value));
                        }
                    }
                }
                Field::Progress if r.progress.is_none() => r.progress = Some(part.value),
                Field::Result if r.result.is_none() => r.result = Some(part.value),
                Field::Status if r.status.is_none() => r.status = Some(part.value),
                Field::Notes if r.notes.is_none() => r.notes = Some(part.value),
                _ => {
                    r.extra.insert(part.label, Value::String(part.value));
                }
            }
        }
    }
}

/// Where an item stands in its list: its row, its section, the headings
/// above it, and the heading it alone stands under.
struct Placement<'h, 'p> {
    row: usize,
    section: Option<String>,
    path: &'p [&'h Heading],
    own_heading: Option<&'h Heading>,
}

/// Steps into an item's headings: each opens a section at its level
/// (deeper ones close), except one at `naming_level`, which names the item
/// alone under it and is returned.
fn enter_headings<'h>(
    it: &'h ListItem,
    naming_level: Option<usize>,
    path: &mut Vec<&'h Heading>,
    sections: &mut Vec<SectionInfo>,
) -> Option<&'h Heading> {
    let mut own_heading: Option<&Heading> = None;
    for h in &it.headings {
        if Some(h.level) == naming_level {
            own_heading = Some(h);
            continue;
        }
        path.truncate(h.level);
        path.push(h);
        if path.len() == h.level + 1 {
            let title = clean(&h.text);
            sections.push(SectionInfo {
                announced: announced(&title),
                title,
                projects: 0,
                rows: 0,
                total: None,
            });
        }
    }
    own_heading
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_targets_of_items() {
        let none: Vec<String> = Vec::new();
        // words, lines under the item, name, target
        type Case<'a> = (&'a str, &'a [&'a str], Option<&'a str>, Option<&'a str>);
        let cases: &[Case] = &[
            // 名称：目标
            (
                "城镇老旧小区改造：改造小区12个。",
                &[],
                Some("城镇老旧小区改造"),
                Some("改造小区12个。"),
            ),
            // a title sentence, then the content
            (
                "社区食堂建设项目。新建社区食堂10个。",
                &[],
                Some("社区食堂建设项目"),
                Some("新建社区食堂10个。"),
            ),
            // one sentence: its own name and target
            (
                "新建停车场2座。",
                &[],
                Some("新建停车场2座"),
                Some("新建停车场2座。"),
            ),
            // a first sentence with numbers is no title
            (
                "开展帮扶不少于5300人次。基本实现应保尽保。",
                &[],
                Some("开展帮扶不少于5300人次"),
                Some("开展帮扶不少于5300人次。基本实现应保尽保。"),
            ),
            // a title line with its content under it
            (
                "加强学位建设。",
                &["新增学位1500个。"],
                Some("加强学位建设"),
                Some("新增学位1500个。"),
            ),
        ];
        for (words, body, name, target) in cases {
            let body: Vec<String> = body.iter().map(|s| s.to_string()).collect();
            let (_, n, t) = name_and_target(words, if body.is_empty() { &none } else { &body });
            assert_eq!(n.as_deref(), *name, "{words}");
            assert_eq!(t.as_deref(), *target, "{words}");
        }
    }

    #[test]
    fn slogans_and_sections_are_no_projects() {
        for name in [
            "落实责任,确保质量",
            "加强督查，有效监督",
            "基本情况",
            "二、督查建议",
        ] {
            assert!(is_generic_section(name), "{name}");
        }
        for name in [
            "扩大优质教育资源",
            "新建幼儿园，增加学位",
            "城区道路改造提升项目进展情况",
        ] {
            assert!(!is_generic_section(name), "{name}");
        }
    }

    #[test]
    fn announced_counts_of_headings() {
        assert_eq!(announced("教育方面（共5项）"), Some(5));
        assert_eq!(announced("促进就业(3项)"), Some(3));
        assert_eq!(announced("“优化教育资源布局”类,共1项"), Some(1));
        assert_eq!(announced("“优化城乡人居环境”类，共三项"), Some(3));
        assert_eq!(announced("医疗卫生类"), None);
    }

    #[test]
    fn bare_units_in_brackets() {
        let (rest, u) = trailing_units("新建停车场2座（市住建局、市财政局）。").unwrap_or_default();
        assert_eq!(rest, "新建停车场2座");
        assert_eq!(u, vec!["市住建局", "市财政局"]);
        // A bracket of other words is part of the item.
        assert!(trailing_units("新建停车场（含充电桩）").is_none());
    }
}
