//! Field-level comparison of an extraction with its reviewed expected
//! output, for the `regress` command and the fixture tests.

use serde_json::Value;
use std::fmt;

/// One place where the actual output differs from the expected one.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// JSON path, e.g. `records[3].lead_units[1]`.
    pub path: String,
    /// The expected value there; None when only the actual output has it.
    pub expected: Option<Value>,
    /// The actual value there; None when the actual output lacks it.
    pub actual: Option<Value>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Option<Value>| match v {
            None => "(missing)".to_string(),
            Some(v) => {
                let s = v.to_string();
                let max = 200;
                if s.chars().count() > max {
                    format!("{}…", s.chars().take(max).collect::<String>())
                } else {
                    s
                }
            }
        };
        write!(
            f,
            "{}\n    expected: {}\n    actual:   {}",
            self.path,
            show(&self.expected),
            show(&self.actual)
        )
    }
}

/// Every difference between `expected` and `actual`, down to leaf values.
pub fn diff(expected: &Value, actual: &Value) -> Vec<Difference> {
    let mut out = Vec::new();
    walk("", expected, actual, &mut out);
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn walk(path: &str, e: &Value, a: &Value, out: &mut Vec<Difference>) {
    match (e, a) {
        (Value::Object(eo), Value::Object(ao)) => {
            for (k, ev) in eo {
                match ao.get(k) {
                    Some(av) => walk(&join(path, k), ev, av, out),
                    None => out.push(Difference {
                        path: join(path, k),
                        expected: Some(ev.clone()),
                        actual: None,
                    }),
                }
            }
            for (k, av) in ao {
                if !eo.contains_key(k) {
                    out.push(Difference {
                        path: join(path, k),
                        expected: None,
                        actual: Some(av.clone()),
                    });
                }
            }
        }
        (Value::Array(ea), Value::Array(aa)) => {
            for i in 0..ea.len().max(aa.len()) {
                let p = format!("{path}[{i}]");
                match (ea.get(i), aa.get(i)) {
                    (Some(ev), Some(av)) => walk(&p, ev, av, out),
                    (ev, av) => out.push(Difference {
                        path: p,
                        expected: ev.cloned(),
                        actual: av.cloned(),
                    }),
                }
            }
        }
        _ if e == a => {}
        _ => out.push(Difference {
            path: path.to_string(),
            expected: Some(e.clone()),
            actual: Some(a.clone()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_changed_missing_and_extra_leaves() {
        let e = json!({"records": [{"name": "甲", "lead_units": ["区教委"]}], "notice": {"year": 2024}});
        let a = json!({"records": [{"name": "乙", "lead_units": ["区教委", "区残联"], "x": 1}], "notice": {"year": 2024}});
        let d = diff(&e, &a);
        let paths: Vec<&str> = d.iter().map(|x| x.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "records[0].name",
                "records[0].lead_units[1]",
                "records[0].x"
            ]
        );
        assert!(diff(&e, &e).is_empty());
    }
}
