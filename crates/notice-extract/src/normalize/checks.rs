//! The sums and counts a table prints about itself, checked against its rows.

use crate::model::Warning;
use crate::model::WarningCode;
use crate::record::*;

/// Warns when a section announces a count of projects it does not list.
pub(super) fn check_counts(sections: &[SectionInfo], table: usize, warnings: &mut Vec<Warning>) {
    for s in sections {
        if let Some(n) = s.announced.filter(|&n| n != s.projects as u64) {
            warnings.push(
                Warning::new(
                    WarningCode::SectionCount,
                    format!(
                        "section {:?} announces {n} projects but lists {}",
                        s.title, s.projects
                    ),
                )
                .at_table(table, None),
            );
        }
    }
}

/// Warns when a section's printed total differs from the sum of its rows.
pub(super) fn check_totals(
    sections: &[SectionInfo],
    records: &[Record],
    table: usize,
    warnings: &mut Vec<Warning>,
) {
    for s in sections {
        let Some(total) = &s.total else { continue };
        let Some(want) = total.value.as_f64() else {
            continue;
        };
        let sum: f64 = records
            .iter()
            .filter(|r| r.section.as_deref() == Some(s.title.as_str()))
            .filter(|r| {
                !r.source
                    .inherited
                    .iter()
                    .any(|f| *f == RecordField::Investment)
            })
            .filter_map(|r| r.investment.as_ref()?.value.as_f64())
            .sum();
        if (sum - want).abs() > 1e-6 * want.abs().max(1.0) {
            warnings.push(
                Warning::new(
                    WarningCode::SectionTotal,
                    format!(
                        "section {:?} prints total {} but its rows sum to {sum}",
                        s.title, total.text
                    ),
                )
                .at_table(table, None),
            );
        }
    }
}
