//! Bulk entries: one audit entry, of entity kind `"rows"`, for a change that creates or
//! deletes more than [`BULK_LIMIT`] rows and does nothing else (an import into an existing
//! plan; its undo and redo; deleting a large release).
//!
//! Recorded one entry per row, a 2,000-task import into an existing plan took 7.5 MB of
//! trail (each entry carries its hash, commitment, signer and signature, 320 bytes, beside
//! the row). A bulk entry records what undo needs and no more:
//! - **created rows** are in the tables, so the entry's `after` names them:
//!   `{"summary": {"tasks": 2000, "links": 5400, …}, "rows": [["task", id, ord], …]}`;
//! - **deleted rows** are gone from the tables, so the entry's `before` holds them:
//!   `{"summary": {…}, "rows": [["task", id, ord, {the task}], …]}`.
//!
//! Undoing a creation deletes the rows it names, and that undo is itself a bulk deletion
//! holding the rows; redo takes them from there ([`rows_taken_by_undo`]). The entry's
//! `entity_id` is the change the rows belong to: its own for an edit, the change replayed
//! for an undo or a redo. The content commitment covers every row, as for single entries.

use crate::error::{bad_data, StoreError};
use crate::kind::EntityKind;
use rusqlite::{Connection, OptionalExtension};
use serde_json::Value;

/// The entity kind of a bulk entry.
pub(crate) const ROWS_KIND: &str = "rows";

/// Above this many rows created or deleted, a change is recorded as one bulk entry (the
/// same bound as a whole plan recorded by its counts, `change::PLAN_COPY_LIMIT`).
pub(crate) const BULK_LIMIT: usize = crate::change::PLAN_COPY_LIMIT;

/// One row of a bulk entry.
#[derive(Debug, PartialEq)]
pub(crate) struct BulkRow {
    pub(crate) kind: String,
    pub(crate) id: String,
    pub(crate) ord: Option<i64>,
    /// The row as the model's JSON: present for deleted rows only.
    pub(crate) json: Option<String>,
}

/// The JSON of a bulk entry's side: counts per table, then the rows in the order they were
/// written. Row JSON is spliced in as written (it is the model's JSON already).
pub(crate) fn encode(rows: &[BulkRow]) -> Result<String, StoreError> {
    let mut counts: Vec<(EntityKind, usize)> = Vec::new();
    for r in rows {
        let k = EntityKind::parse(&r.kind)
            .ok_or_else(|| bad_data("bulk entry", format!("'{}' is not plan content", r.kind)))?;
        match counts.iter_mut().find(|(c, _)| *c == k) {
            Some((_, n)) => *n += 1,
            None => counts.push((k, 1)),
        }
    }
    counts.sort();
    let mut out = String::with_capacity(rows.len() * 64);
    out.push_str("{\"summary\":{");
    for (i, (k, n)) in counts.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("\"{}\":{n}", k.tables()[0]));
    }
    out.push_str("},\"rows\":[");
    for (i, r) in rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        out.push_str(&serde_json::to_string(&r.kind).map_err(|e| bad_data("bulk entry", e))?);
        out.push(',');
        out.push_str(&serde_json::to_string(&r.id).map_err(|e| bad_data("bulk entry", e))?);
        out.push(',');
        match r.ord {
            Some(o) => out.push_str(&o.to_string()),
            None => out.push_str("null"),
        }
        if let Some(j) = &r.json {
            out.push(',');
            out.push_str(j);
        }
        out.push(']');
    }
    out.push_str("]}");
    Ok(out)
}

/// The rows of a bulk entry's side, in the order written.
pub(crate) fn decode(side: &str) -> Result<Vec<BulkRow>, StoreError> {
    let bad = |m: &str| bad_data("bulk entry", m.to_string());
    let v: Value = serde_json::from_str(side).map_err(|e| bad_data("bulk entry", e))?;
    let rows = v
        .get("rows")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("no rows"))?;
    rows.iter()
        .map(|r| {
            let a = r.as_array().ok_or_else(|| bad("a row is not a list"))?;
            let text = |i: usize, what: &str| {
                a.get(i)
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .ok_or_else(|| bad(&format!("a row has no {what}")))
            };
            let kind = text(0, "kind")?;
            if EntityKind::parse(&kind).is_none() {
                return Err(bad_data(
                    "bulk entry",
                    format!("'{kind}' is not plan content"),
                ));
            }
            Ok(BulkRow {
                kind,
                id: text(1, "id")?,
                ord: a.get(2).and_then(Value::as_i64),
                json: a.get(3).map(Value::to_string),
            })
        })
        .collect()
}

/// Whether a recorded side is a bulk entry's (rather than one row's JSON).
pub(crate) fn is_bulk(kind: &str) -> bool {
    kind == ROWS_KIND
}

/// The rows a bulk creation created, for redo: the last undo of change `change` took them
/// out of the tables and recorded them as its `before`.
pub(crate) fn rows_taken_by_undo(
    conn: &Connection,
    change: &str,
) -> Result<Vec<BulkRow>, StoreError> {
    let before: String = conn
        .query_row(
            "SELECT before FROM audit WHERE entity_kind = ?1 AND entity_id = ?2 \
               AND action = 'undo' AND before IS NOT NULL ORDER BY seq DESC LIMIT 1",
            [ROWS_KIND, change],
            |r| r.get(0),
        )
        .optional()?
        .ok_or_else(|| {
            bad_data(
                "audit entry",
                "the rows to redo are not in the audit trail (no undo of them recorded them)",
            )
        })?;
    decode(&before)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_round_trip_with_and_without_their_json() {
        let rows = vec![
            BulkRow {
                kind: "task".into(),
                id: "a\"b".into(),
                ord: Some(3),
                json: Some("{\"name\":\"x\",\"d\":1.5}".into()),
            },
            BulkRow {
                kind: "link".into(),
                id: "l1".into(),
                ord: None,
                json: Some("{\"lag\":-0.0}".into()),
            },
        ];
        let s = encode(&rows).unwrap();
        assert!(
            s.starts_with("{\"summary\":{\"tasks\":1,\"links\":1},\"rows\":"),
            "{s}"
        );
        let back = decode(&s).unwrap();
        assert_eq!(back[0].id, "a\"b");
        assert_eq!(back[0].ord, Some(3));
        assert_eq!(
            serde_json::from_str::<Value>(back[0].json.as_deref().unwrap()).unwrap(),
            serde_json::json!({"name": "x", "d": 1.5})
        );
        assert_eq!(back[1].ord, None);
        let ids_only: Vec<BulkRow> = rows
            .into_iter()
            .map(|r| BulkRow { json: None, ..r })
            .collect();
        let back = decode(&encode(&ids_only).unwrap()).unwrap();
        assert_eq!(back, ids_only);
    }

    #[test]
    fn a_row_of_another_kind_is_refused() {
        let bad = r#"{"summary":{},"rows":[["plan","x",1]]}"#;
        assert!(decode(bad)
            .unwrap_err()
            .to_string()
            .contains("not plan content"));
        let row = BulkRow {
            kind: "report".into(),
            id: "x".into(),
            ord: None,
            json: None,
        };
        assert!(encode(&[row]).is_err());
    }
}
