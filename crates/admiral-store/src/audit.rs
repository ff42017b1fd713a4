//! The audit trail: an append-only, hash-chained list of every row-level change.
//!
//! Each entry's `hash` is `SHA-256(previous hash || canonical entry)`, hex-encoded, where the
//! previous hash is the previous entry's hex string (64 zeros for the first entry) and the
//! canonical entry is the compact JSON array
//! `[seq, at, actor, change, label, entity_kind, entity_id, action, position, before, after]`
//! with `before`/`after` as the stored JSON *text* (or null). JSON strings are escaped and
//! delimited, so two different entries never share a canonical form.
//!
//! The `audit_head` row repeats the last seq and hash so that entries removed from the end
//! are noticed too. The chain shows accidental and casual tampering (an edited row, a deleted
//! row, a forged row); someone who recomputes every later hash and the head defeats it, which
//! only anchoring the head hash outside the file (e.g. in a signed report) can prevent.

use crate::error::StoreError;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The hash the first entry chains from.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Identifies one change: an `apply` batch, a plan replacement, an undo or a redo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ChangeId(pub i64);

impl std::fmt::Display for ChangeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// One row-level change as recorded.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditEntry {
    /// 1, 2, 3, … without gaps.
    pub seq: i64,
    /// UTC, RFC 3339.
    pub at: String,
    /// The OS user who made the change ($USER, else $LOGNAME, else the account's name in the
    /// user database, else "unknown").
    pub actor: String,
    pub change: ChangeId,
    /// The change's label, e.g. "Move deployment to Friday".
    pub label: String,
    /// "task", "link", …, "settings", "portfolio", or "plan" for a whole-plan replacement.
    pub entity_kind: String,
    pub entity_id: String,
    /// "create", "update", "delete", "replace", "undo" or "redo"; "export" for a report export
    /// (entity kind "report"), which records and changes nothing in the plan.
    pub action: String,
    /// The row's place in its table's order, used to put a deleted row back where it was.
    pub position: Option<i64>,
    /// The entity before and after, as the model's JSON; `None` when absent.
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    /// Hex SHA-256 chaining this entry to the previous one.
    pub hash: String,
}

/// The result of [`crate::PlanFile::verify_audit`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditReport {
    /// How many entries the trail holds.
    pub entries: u64,
    /// The first problem found, walking from the oldest entry; `None` when the chain holds.
    pub problem: Option<AuditProblem>,
}

impl AuditReport {
    /// Whether the whole chain verified.
    pub fn is_ok(&self) -> bool {
        self.problem.is_none()
    }
}

/// What is wrong at the first broken place of the chain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditProblem {
    /// The seq of the entry at fault (for a removal, the seq that is missing).
    pub seq: i64,
    pub kind: AuditProblemKind,
    /// The entry's entity kind, id and action, when the entry is there to name.
    pub entity_kind: Option<String>,
    pub entity_id: Option<String>,
    pub action: Option<String>,
    /// A sentence for people.
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditProblemKind {
    /// The entry's content no longer matches its hash (changed, or forged in its place).
    Altered,
    /// The entry is gone.
    Missing,
    /// An entry that the chain never recorded.
    Inserted,
}

/// The OS user name for the audit trail. A desktop app started from a launcher, a service or
/// a CI job may have neither variable set; the account's own name is still known.
pub(crate) fn actor() -> String {
    ["USER", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
        .or_else(|| whoami::username().ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "unknown".into())
}

fn canonical(e: &RawEntry) -> Result<String, StoreError> {
    serde_json::to_string(&(
        e.seq,
        &e.at,
        &e.actor,
        e.change,
        &e.label,
        &e.entity_kind,
        &e.entity_id,
        &e.action,
        e.position,
        &e.before,
        &e.after,
    ))
    .map_err(|err| crate::error::bad_data("audit entry", err))
}

fn chain(previous: &str, canonical: &str) -> String {
    let mut h = Sha256::new();
    h.update(previous.as_bytes());
    h.update(canonical.as_bytes());
    hex::encode(h.finalize())
}

/// An entry as stored, JSON as text.
struct RawEntry {
    seq: i64,
    at: String,
    actor: String,
    change: i64,
    label: String,
    entity_kind: String,
    entity_id: String,
    action: String,
    position: Option<i64>,
    before: Option<String>,
    after: Option<String>,
    hash: String,
}

/// Kinds of change, as the `changes` table records them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    Create,
    Edit,
    Replace,
    Undo,
    Redo,
}

impl ChangeKind {
    fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Create => "create",
            ChangeKind::Edit => "edit",
            ChangeKind::Replace => "replace",
            ChangeKind::Undo => "undo",
            ChangeKind::Redo => "redo",
        }
    }
}

/// Appends the entries of one change, inside the caller's transaction.
pub(crate) struct AuditWriter {
    pub(crate) change: ChangeId,
    label: String,
    at: String,
    actor: String,
    next_seq: i64,
    previous: String,
    pub(crate) entries: usize,
}

impl AuditWriter {
    /// Records a new change and prepares to append its entries.
    pub(crate) fn begin(
        conn: &Connection,
        kind: ChangeKind,
        label: &str,
        actor: &str,
    ) -> Result<Self, StoreError> {
        let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        conn.execute(
            "INSERT INTO changes (kind, label, at, actor) VALUES (?1, ?2, ?3, ?4)",
            params![kind.as_str(), label, at, actor],
        )?;
        let change = ChangeId(conn.last_insert_rowid());
        let (seq, previous): (i64, String) =
            conn.query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
        Ok(Self {
            change,
            label: label.to_string(),
            at,
            actor: actor.to_string(),
            next_seq: seq + 1,
            previous,
            entries: 0,
        })
    }

    /// Appends one entry.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn append(
        &mut self,
        conn: &Connection,
        entity_kind: &str,
        entity_id: &str,
        action: &str,
        position: Option<i64>,
        before: Option<String>,
        after: Option<String>,
    ) -> Result<(), StoreError> {
        let mut e = RawEntry {
            seq: self.next_seq,
            at: self.at.clone(),
            actor: self.actor.clone(),
            change: self.change.0,
            label: self.label.clone(),
            entity_kind: entity_kind.to_string(),
            entity_id: entity_id.to_string(),
            action: action.to_string(),
            position,
            before,
            after,
            hash: String::new(),
        };
        e.hash = chain(&self.previous, &canonical(&e)?);
        conn.prepare_cached(
            "INSERT INTO audit (seq, at, actor, change_id, label, entity_kind, entity_id, \
             action, position, before, after, hash) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?
        .execute(params![
            e.seq,
            e.at,
            e.actor,
            e.change,
            e.label,
            e.entity_kind,
            e.entity_id,
            e.action,
            e.position,
            e.before,
            e.after,
            e.hash
        ])?;
        self.previous = e.hash;
        self.next_seq += 1;
        self.entries += 1;
        Ok(())
    }

    /// Moves the head to the last entry appended. Call before committing.
    pub(crate) fn finish(self, conn: &Connection) -> Result<(ChangeId, usize), StoreError> {
        conn.execute(
            "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1",
            params![self.next_seq - 1, self.previous],
        )?;
        Ok((self.change, self.entries))
    }
}

fn raw_entries(conn: &Connection, change: Option<ChangeId>) -> Result<Vec<RawEntry>, StoreError> {
    let sql = "SELECT seq, at, actor, change_id, label, entity_kind, entity_id, action, \
               position, before, after, hash FROM audit";
    let mut stmt = match change {
        Some(_) => conn.prepare(&format!("{sql} WHERE change_id = ?1 ORDER BY seq"))?,
        None => conn.prepare(&format!("{sql} ORDER BY seq"))?,
    };
    let map = |r: &rusqlite::Row<'_>| {
        Ok(RawEntry {
            seq: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            change: r.get(3)?,
            label: r.get(4)?,
            entity_kind: r.get(5)?,
            entity_id: r.get(6)?,
            action: r.get(7)?,
            position: r.get(8)?,
            before: r.get(9)?,
            after: r.get(10)?,
            hash: r.get(11)?,
        })
    };
    let rows = match change {
        Some(c) => stmt.query_map([c.0], map)?.collect::<Result<Vec<_>, _>>()?,
        None => stmt.query_map([], map)?.collect::<Result<Vec<_>, _>>()?,
    };
    Ok(rows)
}

fn parse_json(s: &Option<String>) -> Option<serde_json::Value> {
    // Text that is not JSON (only possible after tampering) is shown as a string.
    s.as_ref()
        .map(|s| serde_json::from_str(s).unwrap_or_else(|_| serde_json::Value::String(s.clone())))
}

/// Every entry, oldest first.
pub(crate) fn entries(conn: &Connection) -> Result<Vec<AuditEntry>, StoreError> {
    Ok(raw_entries(conn, None)?
        .into_iter()
        .map(|e| AuditEntry {
            before: parse_json(&e.before),
            after: parse_json(&e.after),
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            change: ChangeId(e.change),
            label: e.label,
            entity_kind: e.entity_kind,
            entity_id: e.entity_id,
            action: e.action,
            position: e.position,
            hash: e.hash,
        })
        .collect())
}

/// The entries of one change as stored (JSON as text), oldest first: what undo and redo
/// replay.
pub(crate) struct StoredEntry {
    pub(crate) entity_kind: String,
    pub(crate) entity_id: String,
    pub(crate) position: Option<i64>,
    pub(crate) before: Option<String>,
    pub(crate) after: Option<String>,
}

pub(crate) fn entries_of(
    conn: &Connection,
    change: ChangeId,
) -> Result<Vec<StoredEntry>, StoreError> {
    Ok(raw_entries(conn, Some(change))?
        .into_iter()
        .map(|e| StoredEntry {
            entity_kind: e.entity_kind,
            entity_id: e.entity_id,
            position: e.position,
            before: e.before,
            after: e.after,
        })
        .collect())
}

/// The label of a change.
pub(crate) fn change_label(conn: &Connection, change: ChangeId) -> Result<String, StoreError> {
    conn.query_row("SELECT label FROM changes WHERE id = ?1", [change.0], |r| {
        r.get(0)
    })
    .optional()?
    .ok_or_else(|| crate::error::bad_data("change", format!("change {change} is missing")))
}

/// The entity kind and action of a report export's entry.
pub(crate) const REPORT_KIND: &str = "report";
pub(crate) const REPORT_ACTION: &str = "export";

/// Distinct changes after the last report export's entry (all changes when there is none),
/// report exports excluded.
pub(crate) fn changes_since_last_report(conn: &Connection) -> Result<u64, StoreError> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(DISTINCT change_id) FROM audit \
         WHERE seq > COALESCE((SELECT MAX(seq) FROM audit \
                               WHERE entity_kind = ?1 AND action = ?2), 0) \
           AND NOT (entity_kind IN (?1, 'export') AND action = ?2)",
        params![REPORT_KIND, REPORT_ACTION],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// Walks the chain from the first entry and reports the first break.
pub(crate) fn verify(conn: &Connection) -> Result<AuditReport, StoreError> {
    let rows = raw_entries(conn, None)?;
    let entries = rows.len() as u64;
    let report = |problem| {
        Ok(AuditReport {
            entries,
            problem: Some(problem),
        })
    };
    let named = |e: &RawEntry, kind, message: String| AuditProblem {
        seq: e.seq,
        kind,
        entity_kind: Some(e.entity_kind.clone()),
        entity_id: Some(e.entity_id.clone()),
        action: Some(e.action.clone()),
        message,
    };
    let missing = |seq: i64, message: String| AuditProblem {
        seq,
        kind: AuditProblemKind::Missing,
        entity_kind: None,
        entity_id: None,
        action: None,
        message,
    };
    let mut previous = GENESIS_HASH.to_string();
    let mut expected = 1i64;
    for e in &rows {
        let what = format!(
            "entry {} ({} {} {})",
            e.seq, e.action, e.entity_kind, e.entity_id
        );
        if e.seq < expected {
            return report(named(
                e,
                AuditProblemKind::Inserted,
                format!("{what} is out of sequence: the trail starts at 1"),
            ));
        }
        if e.seq > expected {
            return report(missing(
                expected,
                format!(
                    "entry {expected} is missing: the trail jumps from {} to {}",
                    expected - 1,
                    e.seq
                ),
            ));
        }
        let hash = chain(&previous, &canonical(e)?);
        if hash != e.hash {
            return report(named(
                e,
                AuditProblemKind::Altered,
                format!("{what} was altered or forged: its content does not match its hash"),
            ));
        }
        previous = hash;
        expected += 1;
    }
    let last = expected - 1;
    let head: Option<(i64, String)> = conn
        .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((head_seq, head_hash)) = head else {
        return report(missing(
            last + 1,
            "the record of the trail's last entry is missing".into(),
        ));
    };
    if head_seq > last {
        return report(missing(
            last + 1,
            format!(
                "entries {} to {head_seq} are missing from the end of the trail",
                last + 1
            ),
        ));
    }
    if head_seq < last {
        // The first entry after the recorded head (the head itself may be tampered with).
        let first_extra = usize::try_from(head_seq.max(0)).unwrap_or(0);
        if let Some(e) = rows.get(first_extra) {
            return report(named(
                e,
                AuditProblemKind::Inserted,
                format!(
                    "entry {} ({} {} {}) was added after the trail's last recorded entry {head_seq}",
                    e.seq, e.action, e.entity_kind, e.entity_id
                ),
            ));
        }
    }
    if head_hash != previous {
        if let Some(e) = rows.last() {
            return report(named(
                e,
                AuditProblemKind::Altered,
                format!(
                    "entry {} does not match the trail's recorded last hash",
                    e.seq
                ),
            ));
        }
        return report(missing(
            1,
            "the trail is empty but its head records entries".into(),
        ));
    }
    Ok(AuditReport {
        entries,
        problem: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(label: &str, before: Option<&str>) -> RawEntry {
        RawEntry {
            seq: 1,
            at: "2027-01-01T00:00:00.000Z".into(),
            actor: "ann".into(),
            change: 1,
            label: label.into(),
            entity_kind: "task".into(),
            entity_id: "x".into(),
            action: "update".into(),
            position: Some(3),
            before: before.map(String::from),
            after: None,
            hash: String::new(),
        }
    }

    #[test]
    fn the_canonical_form_is_unambiguous() {
        // Moving text between fields, or JSON null versus the string "null", changes it.
        let a = canonical(&entry("a\",\"b", None)).unwrap();
        let b = canonical(&entry("a", Some("b"))).unwrap();
        let c = canonical(&entry("a", Some("null"))).unwrap();
        assert_ne!(a, b);
        assert_ne!(b, c);
        assert_ne!(canonical(&entry("a", None)).unwrap(), c);
    }

    #[test]
    fn the_chain_depends_on_the_previous_hash() {
        let e = canonical(&entry("a", None)).unwrap();
        assert_ne!(chain(GENESIS_HASH, &e), chain(&"1".repeat(64), &e));
        assert_eq!(chain(GENESIS_HASH, &e).len(), 64);
    }
}
