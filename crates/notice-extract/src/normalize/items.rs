//! Fields a numbered list item states in labelled parts, as notices print
//! them after the item's words: `新建停车场2座。（牵头单位：县住建局；完成时限：10月底）`.
//! A label is read through the header synonym table, so every header the
//! normaliser knows for a column is known here as a label, and a new synonym
//! added there is understood in lists too.

use super::units;
use crate::text::{clean, is_han};
use crate::vocab::headers::{self, Field};
use crate::vocab::orgs::is_org;
use crate::vocab::projects::{LEAD_VERBS, PARTNER_VERBS};

/// Longest label read before a colon (`牵头单位`, `完成时限`, `责任单位及责任人`).
pub const MAX_LABEL_CHARS: usize = 8;

/// Fields an item may state by label. Other labelled text (`联系人：…`)
/// stays in the item's words.
const LABEL_FIELDS: &[Field] = &[
    Field::LeadUnits,
    Field::PartnerUnits,
    Field::ResponsibleUnits,
    Field::Deadline,
    // A report prints what was done after the item (`实际完成情况：…`).
    Field::Progress,
    Field::Result,
];

/// Characters that end a labelled value.
const VALUE_ENDS: &[char] = &['；', ';', '）', ')', '。', '\n'];

/// One labelled part of an item.
#[derive(Debug, Clone, PartialEq)]
pub struct Labelled {
    /// The field the label names; `None` for a person or a contact
    /// (`牵头领导：…`), which is no record field and is kept in `extra`.
    pub field: Option<Field>,
    /// The label as printed (`牵头单位`), the key when the value is kept in `extra`.
    pub label: String,
    pub value: String,
}

/// A label ending at byte `colon`: the longest run of Han characters before
/// it (labels follow punctuation: `（牵头单位：`, `。完成时限：`) that the
/// header table knows as one of [`LABEL_FIELDS`], or that names a person
/// (`牵头领导：`, field `None`).
fn label_before(text: &str, colon: usize) -> Option<(usize, Option<Field>)> {
    let head = text.get(..colon)?;
    let starts: Vec<usize> = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_han(*c))
        .take(MAX_LABEL_CHARS)
        .map(|(i, _)| i)
        .collect();
    starts.iter().rev().find_map(|&start| {
        let label = text.get(start..colon)?;
        if label.chars().count() < 2 {
            return None;
        }
        if headers::names_person(label) {
            return Some((start, None));
        }
        let field = headers::classify(label).map(|(f, _)| f)?;
        LABEL_FIELDS
            .contains(&field)
            .then_some((start, Some(field)))
    })
}

/// Splits an item into its own words and its labelled parts. Brackets left
/// empty by taking the parts out are removed with them.
pub fn labelled_parts(text: &str) -> (String, Vec<Labelled>) {
    // (label start, value start, field)
    let marks: Vec<(usize, usize, Option<Field>)> = text
        .char_indices()
        .filter(|(_, c)| matches!(c, ':' | '：'))
        .filter_map(|(i, c)| {
            let (start, field) = label_before(text, i)?;
            Some((start, i + c.len_utf8(), field))
        })
        .collect();
    if marks.is_empty() {
        return (text.to_string(), Vec::new());
    }
    let mut parts = Vec::with_capacity(marks.len());
    let mut cuts: Vec<(usize, usize)> = Vec::with_capacity(marks.len());
    for (k, &(start, value_start, field)) in marks.iter().enumerate() {
        let next_label = marks.get(k + 1).map_or(text.len(), |m| m.0);
        let rest = text.get(value_start..next_label).unwrap_or("");
        let value_len = value_len(rest);
        let value_end = value_start + value_len;
        // A separator right after the value goes with it.
        let cut_end = match rest.get(value_len..).and_then(|r| r.chars().next()) {
            Some(c @ ('；' | ';')) => value_end + c.len_utf8(),
            _ => value_end,
        };
        parts.push(Labelled {
            field,
            label: text.get(start..value_start).map_or_else(String::new, |l| {
                l.trim_end_matches([':', '：']).trim().to_string()
            }),
            value: clean(text.get(value_start..value_end).unwrap_or("")),
        });
        cuts.push((start, cut_end));
    }
    let mut words = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in cuts {
        words.push_str(text.get(at..start).unwrap_or(""));
        at = end.max(at);
    }
    words.push_str(text.get(at..).unwrap_or(""));
    (drop_empty_brackets(&words), parts)
}

/// Bytes of a labelled value at the start of `rest`: up to the first of
/// [`VALUE_ENDS`] outside brackets opened in the value itself, so
/// `各县(市)区人民政府` is one value while `（牵头单位：区住建委）` ends at
/// the bracket that closes the label's.
fn value_len(rest: &str) -> usize {
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth > 0 => depth -= 1,
            c if VALUE_ENDS.contains(&c) && (depth == 0 || c == '\n') => return i,
            _ => {}
        }
    }
    rest.len()
}

/// Units an item names with a verb instead of a label: a bracket at its
/// end (`（市教育局负责）`, `（市住建局牵头，各区配合）`), taken out of the
/// words, else `由县交通运输局牵头` in them, left in place. Every name must
/// read as an organisation. Returns the words and the parts, labelled with
/// the verb as printed.
pub fn responsibility(words: &str) -> Option<(String, Vec<Labelled>)> {
    if let Some(found) = bracket_responsibility(words) {
        return Some(found);
    }
    let at = words.find('由')?;
    let after = words.get(at + '由'.len_utf8()..)?;
    let clause_end = after
        .find(['，', ',', '。', '；', ';'])
        .unwrap_or(after.len());
    let part = responsible_clause(after.get(..clause_end)?)?;
    (part.field == Some(Field::LeadUnits)).then(|| (words.to_string(), vec![part]))
}

fn bracket_responsibility(words: &str) -> Option<(String, Vec<Labelled>)> {
    let t = words.trim_end_matches(['。', '；', ';', ' ']);
    let inner_end = t.strip_suffix(['）', ')'])?;
    let open = inner_end.rfind(['（', '('])?;
    let inner = inner_end.get(open..)?.trim_start_matches(['（', '(']);
    let parts: Option<Vec<Labelled>> = inner
        .split(['，', ',', '；', ';'])
        .filter(|c| !c.trim().is_empty())
        .map(responsible_clause)
        .collect();
    let parts = parts.filter(|p| !p.is_empty())?;
    Some((clean(t.get(..open)?), parts))
}

/// `市住建局、市财政局负责` → lead units; `各区配合` → partner units.
fn responsible_clause(clause: &str) -> Option<Labelled> {
    let c = clause.trim();
    let verb = |verbs: &'static [&'static str], field| {
        verbs
            .iter()
            .find_map(|v| Some((c.strip_suffix(v)?, *v, field)))
    };
    let (names, verb, field) =
        verb(LEAD_VERBS, Field::LeadUnits).or_else(|| verb(PARTNER_VERBS, Field::PartnerUnits))?;
    let list = units::split_units(names);
    (!list.is_empty() && list.iter().all(|u| is_org(u))).then(|| Labelled {
        field: Some(field),
        label: verb.to_string(),
        value: clean(names),
    })
}

/// Removes bracket pairs that hold nothing but separators and spaces, and the
/// separators left doubled or trailing where parts were taken out.
fn drop_empty_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut open: Option<usize> = None;
    for c in s.chars() {
        match c {
            '（' | '(' => {
                open = Some(out.len());
                out.push(c);
            }
            '）' | ')' => {
                let inner = open.and_then(|o| out.get(o..)).map(|t| {
                    t.chars()
                        .skip(1)
                        .all(|x| x.is_whitespace() || matches!(x, '；' | ';' | '，' | ','))
                });
                match (open, inner) {
                    (Some(o), Some(true)) => out.truncate(o),
                    _ => out.push(c),
                }
                open = None;
            }
            // A sentence end left doubled where a part was taken out.
            '。' if out.trim_end().ends_with(['。', '；', ';']) => {
                let kept = out.trim_end().len();
                out.truncate(kept);
                out.pop();
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    clean(out.trim_end_matches(['；', ';', '，', ',']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labelled_parts_of_items() {
        let (words, parts) =
            labelled_parts("新建公共停车场2座。（牵头单位：县住建局；完成时限：2023年10月）");
        assert_eq!(words, "新建公共停车场2座。");
        assert_eq!(
            parts
                .iter()
                .map(|p| (p.field, p.label.as_str(), p.value.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (Some(Field::LeadUnits), "牵头单位", "县住建局"),
                (Some(Field::Deadline), "完成时限", "2023年10月"),
            ]
        );
        // A bracket inside a unit name is part of the value.
        let (_, parts) = labelled_parts(
            "（牵头单位：市教育局；责任单位：各县(市)区人民政府、各开发（度假）区管委会）",
        );
        assert_eq!(parts[1].value, "各县(市)区人民政府、各开发（度假）区管委会");
        // Without brackets, after the sentence; two units; a contact is a
        // part of no field; an unknown label stays.
        let (words, parts) = labelled_parts(
            "改造老旧小区5个。责任单位：县住建局、各镇街。联系人：张工。备用地址：某路",
        );
        assert_eq!(words, "改造老旧小区5个。备用地址：某路");
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].field, Some(Field::ResponsibleUnits));
        assert_eq!(parts[0].value, "县住建局、各镇街");
        assert_eq!((parts[1].field, parts[1].value.as_str()), (None, "张工"));
        // The whole label, not a shorter word it ends with (时限).
        let (words, parts) = labelled_parts("建成文化广场1个，完成时限：年底前；配合单位：各镇");
        assert_eq!(words, "建成文化广场1个");
        assert_eq!(parts[0].label, "完成时限");
        assert_eq!(parts[1].field, Some(Field::PartnerUnits));
        // No labels: the item is unchanged.
        let (words, parts) = labelled_parts("城区停车场建设：新建公共停车场2座");
        assert_eq!(words, "城区停车场建设：新建公共停车场2座");
        assert!(parts.is_empty());
        // Items run together: a person's name by label is no unit; labels
        // separated by a space end each other's values.
        let (words, parts) = labelled_parts(
            "新建轨道交通线路。牵头领导：林某某 责任单位：市交通局 配合单位：各区政府",
        );
        assert_eq!(words, "新建轨道交通线路。");
        assert_eq!(
            parts
                .iter()
                .map(|p| (p.field, p.value.as_str()))
                .collect::<Vec<_>>(),
            vec![
                (None, "林某某"),
                (Some(Field::ResponsibleUnits), "市交通局"),
                (Some(Field::PartnerUnits), "各区政府"),
            ]
        );
    }
}
