//! Splitting a cell of unit names into a list: `区交通运输委 区农业农村委`
//! is two units, `区住房城乡 建委` is one wrapped across a line, and
//! `区交通运输委区农业农村委` is two whose separating space was lost.

use crate::text::{clean, is_dash};
use crate::vocab::orgs::{is_org, ORG_SUFFIXES, UNIT_SEPARATORS};

/// A fragment shorter than this is the tail of a wrapped name, not a unit.
pub const MIN_UNIT_CHARS: usize = 3;

/// Prefixes that start a new unit name glued to the previous one.
const UNIT_PREFIXES: &[char] = &['区', '市', '县'];

/// Splits a cell of unit names into the list of units; `—` is none.
pub fn split_units(text: &str) -> Vec<String> {
    if is_dash(text) || text.trim().is_empty() {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for part in text.split(UNIT_SEPARATORS) {
        // Inside a punctuation-separated part, spaces may separate units or
        // be a line wrap: join fragments that are not units on their own.
        let mut pieces: Vec<String> = Vec::new();
        for frag in part.split(|c: char| c.is_whitespace() || c == '\u{3000}') {
            let frag = frag.trim();
            if frag.is_empty() {
                continue;
            }
            let standalone = frag.chars().count() >= MIN_UNIT_CHARS && is_org(frag);
            match pieces.last_mut() {
                Some(prev) if !standalone || !is_org(prev) => prev.push_str(frag),
                _ => pieces.push(frag.to_string()),
            }
        }
        for p in pieces {
            out.extend(split_glued(&clean(&p)));
        }
    }
    out.retain(|u| !u.is_empty() && !is_dash(u));
    out
}

/// False when a non-empty cell holds no word at all (`100`, `55.6%`, `—`
/// aside): no unit can be read from it.
pub fn names_any(text: &str) -> bool {
    let t = text.trim();
    t.is_empty()
        || is_dash(t)
        || t.chars()
            .any(|c| crate::text::is_han(c) || c.is_alphabetic())
}

/// Splits `区交通运输委区农业农村委` where one unit's suffix is directly
/// followed by another unit's region prefix and both halves are units.
fn split_glued(s: &str) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    for i in MIN_UNIT_CHARS..chars.len().saturating_sub(MIN_UNIT_CHARS - 1) {
        let (left, right) = chars.split_at(i);
        let Some(first) = right.first() else { continue };
        if !UNIT_PREFIXES.contains(first) {
            continue;
        }
        let l: String = left.iter().collect();
        let r: String = right.iter().collect();
        let ends_unit = ORG_SUFFIXES.iter().any(|suf| l.ends_with(suf));
        if ends_unit && is_org(&r) && r.chars().count() >= MIN_UNIT_CHARS {
            let mut out = vec![l];
            out.extend(split_glued(&r));
            return out;
        }
    }
    vec![s.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_unit_cells() {
        let cases: &[(&str, &[&str])] = &[
            (
                "区交通运输委 区农业农村委",
                &["区交通运输委", "区农业农村委"],
            ),
            (
                "区交通运输委区农业农村委",
                &["区交通运输委", "区农业农村委"],
            ),
            ("区住房城乡 建委", &["区住房城乡建委"]),
            ("—", &[]),
            (
                "相关部门、街道、平台公司",
                &["相关部门", "街道", "平台公司"],
            ),
            (
                "区经济信息委、国网重庆武隆供电公司,有关街道办事处、乡镇人民政府",
                &[
                    "区经济信息委",
                    "国网重庆武隆供电公司",
                    "有关街道办事处",
                    "乡镇人民政府",
                ],
            ),
            (
                "区公安分局、\n区城管局、\n区交通局",
                &["区公安分局", "区城管局", "区交通局"],
            ),
            ("区委政法委", &["区委政法委"]),
            ("区市场监管局", &["区市场监管局"]),
            ("区城市发展(集团)公司", &["区城市发展(集团)公司"]),
            ("团区委", &["团区委"]),
        ];
        for (input, want) in cases {
            assert_eq!(split_units(input), *want, "input {input:?}");
        }
    }
}
