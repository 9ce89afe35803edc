//! The quantities of each record's text fields, read once per distinct
//! text and bounded by named limits.

use crate::model::Warning;
use crate::model::WarningCode;
use crate::record::*;
use notice_quantity::Quantity;
use std::collections::HashMap;

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
pub(super) const CLAUSE_BREAKS: &[char] = &['，', '。', '；', '、', ',', ';', '\n'];

/// The part of a field read for quantities: all of it, or its first
/// [`MAX_FIELD_CHARS_FOR_QUANTITIES`] characters cut back to the last
/// clause break among them (when there is one).
pub(super) fn quantity_text(text: &str) -> (&str, bool) {
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
pub(super) fn quantities_of(
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
