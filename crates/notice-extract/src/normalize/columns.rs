//! What each column of a table holds: a record field by its header (the
//! synonym table in [`crate::vocab::headers`]), a subproject, or an `extra` column;
//! and the amounts an investment column prints.

use super::units::split_units;
use crate::model::{Origin, Table};
use crate::record::*;
use crate::text::{ascii_digits, clean, is_dash};
use crate::vocab::headers::{self, Field, Group, Strength};
use crate::vocab::orgs::is_org;
use regex::Regex;
use std::sync::LazyLock;

/// What one column of a table holds.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Col {
    Field(Field),
    Subproject,
    Extra,
}

/// The record field a column's values go to. A table's 责任单位 column has
/// already been told apart by [`map_columns`] (lead units, or partner units
/// beside a 牵头单位 column); a 责任单位 label that reaches here is partner
/// units, and a list decides for itself before asking (see `lists`).
pub(super) fn field_name(f: Field) -> RecordField {
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

pub(super) fn col_name(c: &Col) -> RecordField {
    match c {
        Col::Field(f) => field_name(*f),
        Col::Subproject => RecordField::Subproject,
        Col::Extra => RecordField::Extra,
    }
}

/// Maps each column of a table to what it holds. Returns the leaf header
/// texts and the column kinds.
pub(super) fn map_columns(t: &Table) -> (Vec<String>, Vec<Col>) {
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
    units_where_the_units_are(t, &mut out);
    (leaves, out)
}

/// How far from its header a units column may have slipped.
const MAX_UNITS_SLIP: usize = 3;
/// A column whose filled body cells are units at least this often (in
/// percent) holds units.
const UNITS_COLUMN_PERCENT: usize = 80;
/// A column headed 牵头单位 whose cells are units less often than this (in
/// percent) is not where the units are.
const NOT_UNITS_PERCENT: usize = 30;
/// Fewer filled cells than this say nothing about what a column holds.
const MIN_CELLS_TO_JUDGE: usize = 2;

/// Text saved from a page loses a header's column span, so the header
/// row is shorter than the rows under it (`年度任务` over a name and a
/// target column) and every header after the span names the column to the
/// left of its own: 责任单位 stands over the next month's plan, the units
/// sit under an empty header. When the column headed as lead units holds
/// next to no units and a nearby unnamed or unknown column holds them, the
/// lead units are read from that column and the headed one is kept as
/// `extra`, so nothing is lost either way.
fn units_where_the_units_are(t: &Table, cols: &mut [Col]) {
    let Some(headed) = cols.iter().position(|c| *c == Col::Field(Field::LeadUnits)) else {
        return;
    };
    let share = |c: usize| -> Option<usize> {
        let cells: Vec<&str> = t
            .rows
            .iter()
            .skip(t.header_rows)
            .filter_map(|r| r.cells.get(c))
            .map(|x| x.text.as_str())
            .filter(|x| !x.trim().is_empty() && !is_dash(x.trim()))
            .collect();
        if cells.len() < MIN_CELLS_TO_JUDGE {
            return None;
        }
        let units = cells.iter().filter(|x| holds_units(x)).count();
        Some(units * 100 / cells.len())
    };
    if share(headed).is_none_or(|p| p >= NOT_UNITS_PERCENT) {
        return;
    }
    let lo = headed.saturating_sub(MAX_UNITS_SLIP);
    let hi = (headed + MAX_UNITS_SLIP).min(cols.len().saturating_sub(1));
    let mut near: Vec<usize> = (lo..=hi).filter(|&c| c != headed).collect();
    near.sort_by_key(|&c| c.abs_diff(headed));
    let found = near.into_iter().find(|&c| {
        cols.get(c) == Some(&Col::Extra) && share(c).is_some_and(|p| p >= UNITS_COLUMN_PERCENT)
    });
    if let Some(c) = found {
        if let Some(slot) = cols.get_mut(c) {
            *slot = Col::Field(Field::LeadUnits);
        }
        if let Some(slot) = cols.get_mut(headed) {
            *slot = Col::Extra;
        }
    }
}

/// True when every unit a cell lists is an organisation's name.
fn holds_units(text: &str) -> bool {
    let units = split_units(text);
    !units.is_empty() && units.iter().all(|u| is_org(u))
}

/// Parses a number cell (`2000`, `约500`, `1,200.5`, `500万元`) into an amount
/// in the unit the header gives, or the cell's own unit.
pub(super) fn parse_amount(text: &str, header_unit: Option<&str>) -> Option<Amount> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
