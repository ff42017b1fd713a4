//! Reading the audit trail a page at a time, filtered, newest first: what an audit log view
//! needs when the trail holds tens of thousands of entries.

use crate::audit::{AuditEntry, ChangeId};
use crate::error::StoreError;
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// The most entries one page holds.
pub const MAX_PAGE: u32 = 1000;

/// Which entries to read. Every filter that is set must match.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "camelCase")]
pub struct AuditQuery {
    /// Case-insensitive (ASCII) substring of the label, actor, entity kind or id, or of the
    /// entity's JSON before or after (not of whole-plan and bulk entries, whose JSON is the
    /// plan or many rows).
    pub text: Option<String>,
    /// Exactly this entity kind ("task", "gate", …).
    pub entity_kind: Option<String>,
    /// Exactly this actor.
    pub actor: Option<String>,
    /// Entries at or after this instant.
    pub since: Option<DateTime<Utc>>,
    /// Entries before this instant.
    pub until: Option<DateTime<Utc>>,
    /// Entries older than this seq: the `next_before` (`nextBefore` in JSON) of the previous
    /// page.
    pub before_seq: Option<i64>,
    /// At most this many entries; taken as 1 to [`MAX_PAGE`] (1000).
    pub limit: u32,
}

/// One page of matching entries, newest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditPage {
    /// A whole-plan entry (entity kind "plan") carries, instead of the plans themselves
    /// (megabytes at 100k tasks), an object counting each kind of entity before and after,
    /// e.g. `{"tasks": 113, "links": 140, …}` (the new plan of a replacement above 2,000 rows
    /// is recorded as these counts only); so does a bulk entry (entity kind "rows": more
    /// than 2,000 rows created, or deleted, by one change) for the rows it names;
    /// [`crate::PlanFile::audit`] has the full entry.
    pub entries: Vec<AuditEntry>,
    /// How many entries match the filters, on every page.
    pub matching: u64,
    /// The `before_seq` of the next page; `None` on the last one.
    pub next_before: Option<i64>,
}

/// What the trail holds overall, for the filters' choices and the chain's head.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditOverview {
    pub entries: u64,
    /// Distinct entity kinds and actors, sorted.
    pub entity_kinds: Vec<String>,
    pub actors: Vec<String>,
    /// The last entry's seq and hash as the trail records them (seq 0 and the genesis hash
    /// for an empty trail).
    pub head_seq: i64,
    pub head_hash: String,
}

/// Stored instants are RFC 3339 UTC with milliseconds ("2027-01-18T15:45:00.000Z"); a bound
/// in the same form compares correctly as text.
fn stored_form(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The WHERE clause and its parameters for the filters of `q` (not the page cursor).
fn filter(q: &AuditQuery) -> (String, Vec<Value>) {
    let mut clauses = Vec::new();
    let mut params: Vec<Value> = Vec::new();
    if let Some(t) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let escaped = t
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        params.push(Value::Text(format!("%{escaped}%")));
        let n = params.len();
        clauses.push(format!(
            "(label LIKE ?{n} ESCAPE '\\' OR actor LIKE ?{n} ESCAPE '\\' \
             OR entity_kind LIKE ?{n} ESCAPE '\\' OR entity_id LIKE ?{n} ESCAPE '\\' \
             OR (entity_kind NOT IN ('plan', 'rows') AND (before LIKE ?{n} ESCAPE '\\' \
                                            OR after LIKE ?{n} ESCAPE '\\')))"
        ));
    }
    if let Some(k) = &q.entity_kind {
        params.push(Value::Text(k.clone()));
        clauses.push(format!("entity_kind = ?{}", params.len()));
    }
    if let Some(a) = &q.actor {
        params.push(Value::Text(a.clone()));
        clauses.push(format!("actor = ?{}", params.len()));
    }
    for (bound, op) in [(&q.since, ">="), (&q.until, "<")] {
        if let Some(v) = bound {
            params.push(Value::Text(stored_form(v)));
            clauses.push(format!("at {op} ?{}", params.len()));
        }
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (sql, params)
}

/// Reads one page of `q`.
pub(crate) fn page(conn: &Connection, q: &AuditQuery) -> Result<AuditPage, StoreError> {
    let limit = q.limit.clamp(1, MAX_PAGE);
    let (where_, mut params) = filter(q);
    let matching: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM audit{where_}"),
        params_from_iter(params.iter()),
        |r| r.get(0),
    )?;
    let mut sql = where_;
    if let Some(s) = q.before_seq {
        params.push(Value::Integer(s));
        let n = params.len();
        sql = if sql.is_empty() {
            format!(" WHERE seq < ?{n}")
        } else {
            format!("{sql} AND seq < ?{n}")
        };
    }
    // One more than asked, to know whether another page follows.
    params.push(Value::Integer(i64::from(limit) + 1));
    let n = params.len();
    // A whole-plan entry's JSON is the plan: count its arrays instead of sending it (a large
    // plan is recorded by these counts already, as `{"summary": {…}}`).
    let json = |col: &str| {
        format!(
            "CASE WHEN entity_kind = 'rows' AND {col} IS NOT NULL \
             THEN json_extract({col}, '$.summary') \
             WHEN entity_kind = 'plan' AND {col} IS NOT NULL \
             THEN CASE WHEN json_type({col}, '$.summary') = 'object' \
                       THEN json_extract({col}, '$.summary') \
                       ELSE (SELECT json_group_object(key, json_array_length(value)) \
                             FROM json_each({col}) WHERE type = 'array') END \
             ELSE {col} END"
        )
    };
    let mut stmt = conn.prepare(&format!(
        "SELECT seq, at, actor, change_id, label, entity_kind, entity_id, action, position, \
         {}, {}, hash, content, signer FROM audit{sql} ORDER BY seq DESC LIMIT ?{n}",
        json("before"),
        json("after"),
    ))?;
    let parse = |s: Option<String>| {
        s.map(|s| serde_json::from_str(&s).unwrap_or(serde_json::Value::String(s)))
    };
    let mut entries = stmt
        .query_map(params_from_iter(params.iter()), |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                change: ChangeId(r.get(3)?),
                label: r.get(4)?,
                entity_kind: r.get(5)?,
                entity_id: r.get(6)?,
                action: r.get(7)?,
                position: r.get(8)?,
                before: parse(r.get(9)?),
                after: parse(r.get(10)?),
                hash: r.get(11)?,
                content: r.get(12)?,
                signer: r.get(13)?,
            })
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let more = entries.len() > limit as usize;
    entries.truncate(limit as usize);
    Ok(AuditPage {
        next_before: if more {
            entries.last().map(|e| e.seq)
        } else {
            None
        },
        entries,
        matching: u64::try_from(matching).unwrap_or(0),
    })
}

/// Counts, filter choices and the head of the trail.
pub(crate) fn overview(conn: &Connection) -> Result<AuditOverview, StoreError> {
    let entries: i64 = conn.query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0))?;
    let distinct = |col: &str| -> Result<Vec<String>, StoreError> {
        let mut stmt = conn.prepare(&format!("SELECT DISTINCT {col} FROM audit ORDER BY {col}"))?;
        let rows = stmt
            .query_map([], |r| r.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(rows)
    };
    let (head_seq, head_hash) = conn
        .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .unwrap_or((0, crate::audit::GENESIS_HASH.to_string()));
    Ok(AuditOverview {
        entries: u64::try_from(entries).unwrap_or(0),
        entity_kinds: distinct("entity_kind")?,
        actors: distinct("actor")?,
        head_seq,
        head_hash,
    })
}
