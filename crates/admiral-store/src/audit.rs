//! The audit trail: an append-only, hash-chained list of every row-level change.
//!
//! Each entry's `hash` is `SHA-256(previous hash || canonical entry)`, hex-encoded, where the
//! previous hash is the previous entry's hex string (64 zeros for the first entry) and the
//! canonical entry is the compact JSON array
//! `[seq, at, actor, change, label, entity_kind, entity_id, action, position, before, after]`
//! with `before`/`after` as the stored JSON *text* (or null). JSON strings are escaped and
//! delimited, so two different entries never share a canonical form.
//!
//! Entries written since format version 3 also carry `content`, the commitment of the plan's
//! content after the entry (see `content`), and `signer`, the author's ed25519 public key;
//! their canonical form is the 13-element array `[…, after, content, signer]`, and
//! `signature` is the signer's signature of the entry's 32-byte hash. Older entries keep the
//! 11-element form and carry neither; a file upgraded to version 3 gets one "upgrade" entry
//! (unsigned: no author is known at migration) that anchors the content as it was then.
//!
//! The `audit_head` row repeats the last seq and hash so that entries removed from the end
//! are noticed too; since version 3 such a removal is also noticed because the tables no
//! longer match the new last entry's commitment. What the file alone cannot show: a copy
//! rewound to an earlier state as a whole (tables, trail and head together), and a chain
//! re-signed with another key (verify names every signing key and whether the user trusts
//! it). Anchoring the head outside the file (the PDF report prints it) covers the first.

use crate::bulk;
use crate::content::{self, ContentState};
use crate::error::StoreError;
use crate::keys::{self, AuthorKey};
use crate::kind::EntityKind;
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
    /// "task", "link", …, "settings", "portfolio"; "plan" for a whole-plan replacement;
    /// "rows" for a bulk entry (more than 2,000 rows created, or deleted, by one change, as
    /// an import into an existing plan: `after` names the rows created, by kind, id and
    /// place, `{"summary": {"tasks": 2000, …}, "rows": [["task", id, ord], …]}`; `before`
    /// holds the rows deleted, each with its JSON as a fourth element; `entity_id` is the
    /// change the rows belong to, the one replayed for an undo or a redo).
    pub entity_kind: String,
    pub entity_id: String,
    /// "create", "update", "delete", "replace", "undo" or "redo"; "export" for a report export
    /// (entity kind "report"), which records and changes nothing in the plan.
    pub action: String,
    /// The row's place in its table's order, used to put a deleted row back where it was.
    pub position: Option<i64>,
    /// The entity before and after, as the model's JSON; `None` when absent. A whole-plan
    /// entry's `after` is `{"summary": {…}}` (the row counts) when the new plan is large.
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    /// Hex SHA-256 chaining this entry to the previous one.
    pub hash: String,
    /// The commitment of the plan's content after this entry (hex); `None` for entries
    /// written before the file carried commitments.
    pub content: Option<String>,
    /// The ed25519 public key (hex) that signed the entry; `None` when unsigned.
    pub signer: Option<String>,
}

/// The result of [`crate::PlanFile::verify_audit`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditReport {
    /// How many entries the trail holds.
    pub entries: u64,
    /// The first problem found (chain, signatures, then content); `None` when everything that
    /// was checked holds.
    pub problem: Option<AuditProblem>,
    /// The last entry's seq and hash: the value to record outside the file (the PDF report
    /// prints it), since only an outside copy shows a file rewound as a whole.
    pub head: Option<AuditHead>,
    /// Whether the plan's tables match the last content commitment.
    pub content: ContentCheck,
    /// Who signed what.
    pub signatures: SignatureCheck,
}

/// An entry's place in the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditHead {
    pub seq: i64,
    pub hash: String,
}

/// The comparison of the tables with the last content commitment.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ContentCheck {
    /// The entry whose commitment the tables were compared with (the last one that carries
    /// one); `None` when the content was not checked (no entry carries a commitment, or the
    /// chain itself is broken).
    pub committed_by: Option<i64>,
    /// Whether the content recomputed from the tables equals that commitment.
    pub matches: bool,
    /// What differs, by table and row, as far as the trail can say (at most 50).
    pub differences: Vec<ContentDifference>,
}

/// One row (or table) whose content differs from what the trail recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContentDifference {
    /// The tables of the entity kind, e.g. "risks, risk_tasks".
    pub table: String,
    /// The entity kind, e.g. "risk".
    pub kind: String,
    /// The row's id, when one row can be named.
    pub id: Option<String>,
    /// A sentence for people.
    pub message: String,
}

/// The signatures of the trail.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SignatureCheck {
    /// Entries with a valid signature.
    pub signed: u64,
    /// Entries written before the file carried signatures (format 2 and older), and the
    /// upgrade entry itself when no signing key was at hand for it.
    pub unsigned_before_upgrade: u64,
    /// The upgrade entry, when the file was upgraded from format 2 or older: entries before
    /// it carry no signature and no content commitment; it is signed by the key of whoever
    /// opened the old file, when they had one (else it counts as unsigned).
    pub upgraded_at: Option<i64>,
    /// Every key that signed entries, in order of first use.
    pub signers: Vec<SignerSummary>,
}

/// One signing key and what it signed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SignerSummary {
    /// The ed25519 public key, 64 hex digits.
    pub public_key: String,
    /// The author names recorded in its entries.
    pub names: Vec<String>,
    pub entries: u64,
    pub first_seq: i64,
    pub last_seq: i64,
    /// Whether the key is this user's own or listed in their `trusted-keys` file. A key that
    /// is not was not necessarily forged, but nothing in the file can vouch for it: anyone
    /// can make a key and sign with it.
    pub trusted: bool,
}

impl AuditReport {
    /// Whether the chain, every signature and the content verified.
    pub fn is_ok(&self) -> bool {
        self.problem.is_none()
    }

    /// One line per signing key for people: "ann: 12 entries (3 to 14), key 3fa2c1d0e5b6a7f8…,
    /// trusted" (trusted: the verifying user's own key or in their trust list).
    pub fn signer_lines(&self) -> Vec<String> {
        self.signatures
            .signers
            .iter()
            .map(|s| {
                format!(
                    "{}: {} entries ({} to {}), key {}…, {}",
                    s.names.join(" / "),
                    s.entries,
                    s.first_seq,
                    s.last_seq,
                    s.public_key.get(..16).unwrap_or(&s.public_key),
                    if s.trusted {
                        "trusted"
                    } else {
                        "NOT in the verifier's trust list"
                    }
                )
            })
            .collect()
    }

    /// Signing keys not in this user's trust list.
    pub fn untrusted_signers(&self) -> impl Iterator<Item = &SignerSummary> {
        self.signatures.signers.iter().filter(|s| !s.trusted)
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
    /// The plan's tables do not match the last entry's content commitment: changed outside
    /// Admiral, or entries removed from the end.
    ContentMismatch,
    /// An entry's signature does not verify under the key it names.
    BadSignature,
    /// An entry after the start of signing carries no signature or no commitment.
    Unsigned,
    /// The chain head is not the one the verifier noted earlier (`--expect-head`): entries
    /// were removed from the end, or the trail was rewritten and re-signed.
    HeadMismatch,
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
    if e.content.is_some() || e.signer.is_some() {
        return serde_json::to_string(&(
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
            &e.content,
            &e.signer,
        ))
        .map_err(|err| crate::error::bad_data("audit entry", err));
    }
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
    content: Option<String>,
    signer: Option<String>,
    signature: Option<String>,
}

/// The 32 bytes of a hex hash (zeros if it is not one: only after tampering, which the chain
/// reports).
fn hash_bytes(hex_hash: &str) -> [u8; 32] {
    hex::decode(hex_hash)
        .ok()
        .and_then(|b| <[u8; 32]>::try_from(b).ok())
        .unwrap_or([0; 32])
}

/// The entity kind and action of the entry that anchors the content of a file upgraded to
/// format 3.
pub(crate) const UPGRADE_KIND: &str = "plan file";
/// The entity kind of a whole-plan entry (creating a plan with content, an import into a
/// new file, a replacement); the kinds of single entities are [`EntityKind`]s.
///
/// [`EntityKind`]: crate::kind::EntityKind
pub(crate) const PLAN_KIND: &str = "plan";
pub(crate) const UPGRADE_ACTION: &str = "upgrade";

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

/// The content state to continue from: the kept one when it matches the last commitment. A
/// kept state that does not (damaged, or rewritten) is rebuilt from the tables when they
/// match the commitment; otherwise the kept state stays, so that a change made outside
/// Admiral remains visible to `verify` after later edits (the incremental update carries
/// the difference along).
fn starting_state(conn: &Connection) -> Result<ContentState, StoreError> {
    let mut kept = ContentState::read(conn)?;
    let last: Option<Option<String>> = conn
        .query_row(
            "SELECT content FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let Some(Some(committed)) = last else {
        return Ok(kept);
    };
    if kept.commitment() == committed {
        return Ok(kept);
    }
    match content::current(conn) {
        Ok(mut c) => {
            if c.state.commitment() == committed {
                Ok(c.state)
            } else {
                Ok(kept)
            }
        }
        Err(_) => Ok(kept),
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
    content: ContentState,
    /// `None` only for the upgrade entry written by the migration.
    key: Option<AuthorKey>,
    /// While collecting ([`Self::collecting`]): what the change appends, written at
    /// [`Self::finish`] one entry each or as one bulk entry.
    pending: Option<Vec<Pending>>,
    /// The change a bulk entry belongs to (its `entity_id`): this one, or the one replayed.
    bulk_of: ChangeId,
}

/// What a collecting writer holds until it finishes.
enum Pending {
    Entry(PendingEntry),
    Content(ContentState),
}

struct PendingEntry {
    entity_kind: String,
    entity_id: String,
    action: String,
    before_position: Option<i64>,
    position: Option<i64>,
    before: Option<String>,
    after: Option<String>,
}

impl AuditWriter {
    /// Records a new change and prepares to append its entries.
    pub(crate) fn begin(
        conn: &Connection,
        kind: ChangeKind,
        label: &str,
        actor: &str,
        key: Option<AuthorKey>,
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
            content: starting_state(conn)?,
            key,
            pending: None,
            bulk_of: change,
        })
    }

    /// Holds the entries until [`Self::finish`], which writes them one each as usual, or as
    /// one bulk entry (`crate::bulk`) when they create, or delete, more than
    /// [`bulk::BULK_LIMIT`] rows and do nothing else. `of` is the change the rows belong to
    /// (the change replayed, for an undo or a redo).
    pub(crate) fn collecting(mut self, of: Option<ChangeId>) -> Self {
        self.pending = Some(Vec::new());
        self.bulk_of = of.unwrap_or(self.change);
        self
    }

    /// The scheme the content state is hashed with (the file's).
    pub(crate) fn scheme(&self) -> content::Scheme {
        self.content.scheme
    }

    /// Sets the content state outright (a whole-plan replacement, the upgrade anchor); the
    /// next entry commits to it.
    pub(crate) fn set_content(&mut self, state: ContentState) {
        match &mut self.pending {
            Some(p) => p.push(Pending::Content(state)),
            None => self.content = state,
        }
    }

    /// Appends one entry. `before_position` is the row's place before the change (for a
    /// row that existed), `position` after it; the content state is updated from the before
    /// and after rows (kind "plan" is set with [`Self::set_content`] instead).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn append(
        &mut self,
        conn: &Connection,
        entity_kind: &str,
        entity_id: &str,
        action: &str,
        before_position: Option<i64>,
        position: Option<i64>,
        before: Option<String>,
        after: Option<String>,
    ) -> Result<(), StoreError> {
        if let Some(p) = &mut self.pending {
            p.push(Pending::Entry(PendingEntry {
                entity_kind: entity_kind.to_string(),
                entity_id: entity_id.to_string(),
                action: action.to_string(),
                before_position,
                position,
                before,
                after,
            }));
            return Ok(());
        }
        self.content.apply_entry(
            entity_kind,
            entity_id,
            before.as_deref().map(|b| (before_position, b)),
            after.as_deref().map(|a| (position, a)),
        );
        self.write(
            conn,
            entity_kind,
            entity_id,
            action,
            position,
            before,
            after,
        )
    }

    /// Writes one entry committing to the current content state.
    #[allow(clippy::too_many_arguments)]
    fn write(
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
            content: Some(self.content.commitment()),
            signer: self.key.as_ref().map(|k| k.public_hex.clone()),
            signature: None,
        };
        e.hash = chain(&self.previous, &canonical(&e)?);
        e.signature = self.key.as_ref().map(|k| k.sign(&hash_bytes(&e.hash)));
        conn.prepare_cached(
            "INSERT INTO audit (seq, at, actor, change_id, label, entity_kind, entity_id, \
             action, position, before, after, hash, content, signer, signature) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
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
            e.hash,
            e.content,
            e.signer,
            e.signature
        ])?;
        self.previous = e.hash;
        self.next_seq += 1;
        self.entries += 1;
        Ok(())
    }

    /// Writes what a collecting writer holds: one bulk entry when every entry creates a row
    /// (or every one deletes a row), with one action, and there are more than
    /// [`bulk::BULK_LIMIT`]; otherwise each entry as [`Self::append`] would have.
    fn flush(&mut self, conn: &Connection, pending: Vec<Pending>) -> Result<(), StoreError> {
        let entries: Vec<&PendingEntry> = pending
            .iter()
            .filter_map(|p| match p {
                Pending::Entry(e) => Some(e),
                Pending::Content(_) => None,
            })
            .collect();
        let content_kind = |e: &PendingEntry| EntityKind::parse(&e.entity_kind).is_some();
        let creates = entries
            .iter()
            .all(|e| e.before.is_none() && e.after.is_some() && content_kind(e));
        let deletes = entries
            .iter()
            .all(|e| e.before.is_some() && e.after.is_none() && content_kind(e));
        let one_action = entries.iter().all(|e| e.action == entries[0].action);
        if entries.len() == pending.len()
            && entries.len() > bulk::BULK_LIMIT
            && one_action
            && (creates || deletes)
        {
            let mut rows = Vec::with_capacity(entries.len());
            for e in &entries {
                self.content.apply_entry(
                    &e.entity_kind,
                    &e.entity_id,
                    e.before.as_deref().map(|b| (e.before_position, b)),
                    e.after.as_deref().map(|a| (e.position, a)),
                );
                rows.push(bulk::BulkRow {
                    kind: e.entity_kind.clone(),
                    id: e.entity_id.clone(),
                    ord: if creates {
                        e.position
                    } else {
                        e.before_position
                    },
                    json: if creates { None } else { e.before.clone() },
                });
            }
            let side = Some(bulk::encode(&rows)?);
            let (before, after) = if creates { (None, side) } else { (side, None) };
            let id = self.bulk_of.0.to_string();
            let action = entries[0].action.clone();
            return self.write(conn, bulk::ROWS_KIND, &id, &action, None, before, after);
        }
        drop(entries);
        for p in pending {
            match p {
                Pending::Entry(e) => self.append(
                    conn,
                    &e.entity_kind,
                    &e.entity_id,
                    &e.action,
                    e.before_position,
                    e.position,
                    e.before,
                    e.after,
                )?,
                Pending::Content(state) => self.content = state,
            }
        }
        Ok(())
    }

    /// Moves the head to the last entry appended. Call before committing.
    pub(crate) fn finish(mut self, conn: &Connection) -> Result<(ChangeId, usize), StoreError> {
        if let Some(pending) = self.pending.take() {
            self.flush(conn, pending)?;
        }
        self.content.write(conn)?;
        conn.execute(
            "UPDATE audit_head SET seq = ?1, hash = ?2 WHERE id = 1",
            params![self.next_seq - 1, self.previous],
        )?;
        Ok((self.change, self.entries))
    }
}

fn raw_entries(conn: &Connection, change: Option<ChangeId>) -> Result<Vec<RawEntry>, StoreError> {
    let sql = "SELECT seq, at, actor, change_id, label, entity_kind, entity_id, action, \
               position, before, after, hash, content, signer, signature FROM audit";
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
            content: r.get(12)?,
            signer: r.get(13)?,
            signature: r.get(14)?,
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
            content: e.content,
            signer: e.signer,
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
    /// The commitment of the content after the entry.
    pub(crate) content: Option<String>,
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
            content: e.content,
        })
        .collect())
}

/// The whole plan that a whole-plan entry recorded only as a summary (its `after` when the
/// plan was large, see `change::PlanSummary`), for redo: undoing that entry took the plan
/// out of the tables and recorded it as the undo entry's `before`. That undo entry is the
/// last whole-plan undo whose preceding entry commits to `content`, the entry's own
/// commitment (the state the undo started from).
pub(crate) fn plan_taken_by_undo(conn: &Connection, content: &str) -> Result<String, StoreError> {
    conn.query_row(
        "SELECT a.before FROM audit a JOIN audit p ON p.seq = a.seq - 1 \
         WHERE a.entity_kind = 'plan' AND a.action = 'undo' AND p.content = ?1 \
           AND a.before IS NOT NULL \
         ORDER BY a.seq DESC LIMIT 1",
        [content],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        crate::error::bad_data(
            "audit entry",
            "the plan to redo is not in the audit trail (no undo of it recorded the plan)",
        )
    })
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

/// Walks the chain from the first entry, checks every signature, then compares the tables
/// with the last content commitment. `trusted` lists the public keys the user trusts.
pub(crate) fn verify(conn: &Connection, trusted: &[String]) -> Result<AuditReport, StoreError> {
    let rows = raw_entries(conn, None)?;
    let mut out = AuditReport {
        entries: rows.len() as u64,
        problem: None,
        head: rows.last().map(|e| AuditHead {
            seq: e.seq,
            hash: e.hash.clone(),
        }),
        content: ContentCheck::default(),
        signatures: SignatureCheck::default(),
    };
    if let Some(p) = walk(conn, &rows, trusted, &mut out.signatures)? {
        out.problem = Some(p);
        return Ok(out);
    }
    let Some(last) = rows.iter().rev().find(|e| e.content.is_some()) else {
        return Ok(out);
    };
    let committed = last.content.clone().unwrap_or_default();
    out.content.committed_by = Some(last.seq);
    let mut current = match content::current(conn) {
        Ok(c) => c,
        Err(e) => {
            out.content.differences.push(ContentDifference {
                table: String::new(),
                kind: String::new(),
                id: None,
                message: format!("the tables cannot be read as a plan: {e}"),
            });
            out.problem = Some(content_problem(last, &out.content.differences));
            return Ok(out);
        }
    };
    if current.state.commitment() == committed {
        out.content.matches = true;
        return Ok(out);
    }
    out.content.differences = match scheme_changed(conn, &current, &committed)? {
        Some(d) => vec![d],
        None => differences(conn, &rows, &current)?,
    };
    out.problem = Some(content_problem(last, &out.content.differences));
    Ok(out)
}

/// The difference to report when the tables match the commitment under the other scheme
/// than the one the file names now: `content_scheme` was changed, not the plan.
fn scheme_changed(
    conn: &Connection,
    current: &content::Current,
    committed: &str,
) -> Result<Option<ContentDifference>, StoreError> {
    let named = current.state.scheme;
    let Ok(mut other) = content::current_in(conn, named.other()) else {
        return Ok(None);
    };
    Ok((other.state.commitment() == committed).then(|| ContentDifference {
        table: "content_scheme".into(),
        kind: String::new(),
        id: None,
        message: format!(
            "table content_scheme names the {} scheme, but the content was committed under {}: the table was changed outside Admiral",
            named.name(),
            named.other().name()
        ),
    }))
}

/// [`verify`], then the head compared with `expected` (hex, noted by the verifier
/// earlier): anything but equality is a problem, worded by whether `expected` is an earlier
/// entry of this chain (the plan changed since) or in it nowhere (truncated or rewritten).
pub(crate) fn verify_expecting(
    conn: &Connection,
    trusted: &[String],
    expected: &str,
) -> Result<AuditReport, StoreError> {
    let mut report = verify(conn, trusted)?;
    if report.problem.is_some() {
        return Ok(report);
    }
    let want = expected.trim().to_ascii_lowercase();
    let (seq, hash) = report
        .head
        .as_ref()
        .map_or((0, GENESIS_HASH.to_string()), |h| (h.seq, h.hash.clone()));
    if hash == want {
        return Ok(report);
    }
    let earlier: Option<i64> = conn
        .query_row("SELECT seq FROM audit WHERE hash = ?1", [&want], |r| {
            r.get(0)
        })
        .optional()?;
    let message = match earlier {
        Some(n) => format!(
            "the chain head is entry {seq} {hash}, not the expected {want}: that is entry {n}, \
             so {} entries were added since it was noted",
            seq - n
        ),
        None => format!(
            "the chain head is entry {seq} {hash}, and no entry has the expected hash {want}: \
             the trail was cut short or rewritten since that head was noted"
        ),
    };
    report.problem = Some(AuditProblem {
        seq,
        kind: AuditProblemKind::HeadMismatch,
        entity_kind: None,
        entity_id: None,
        action: None,
        message,
    });
    Ok(report)
}

fn content_problem(last: &RawEntry, diffs: &[ContentDifference]) -> AuditProblem {
    let first = diffs
        .first()
        .map(|d| format!(": {}", d.message))
        .unwrap_or_default();
    let more = if diffs.len() > 1 {
        format!(" (and {} more)", diffs.len() - 1)
    } else {
        String::new()
    };
    AuditProblem {
        seq: last.seq,
        kind: AuditProblemKind::ContentMismatch,
        entity_kind: Some(last.entity_kind.clone()),
        entity_id: Some(last.entity_id.clone()),
        action: Some(last.action.clone()),
        message: format!(
            "the plan's content does not match what entry {} commits to{first}{more}",
            last.seq
        ),
    }
}

/// The hash chain, the signatures and the head; the first problem, if any.
fn walk(
    conn: &Connection,
    rows: &[RawEntry],
    trusted: &[String],
    sigs: &mut SignatureCheck,
) -> Result<Option<AuditProblem>, StoreError> {
    let mut previous = GENESIS_HASH.to_string();
    let mut expected = 1i64;
    // Whether an entry with a commitment was seen: every later one needs one and a signature.
    let mut committing = false;
    for e in rows {
        let what = format!(
            "entry {} ({} {} {})",
            e.seq, e.action, e.entity_kind, e.entity_id
        );
        if e.seq < expected {
            return Ok(Some(named(
                e,
                AuditProblemKind::Inserted,
                format!("{what} is out of sequence: the trail starts at 1"),
            )));
        }
        if e.seq > expected {
            return Ok(Some(missing(
                expected,
                format!(
                    "entry {expected} is missing: the trail jumps from {} to {}",
                    expected - 1,
                    e.seq
                ),
            )));
        }
        let hash = chain(&previous, &canonical(e)?);
        if hash != e.hash {
            return Ok(Some(named(
                e,
                AuditProblemKind::Altered,
                format!("{what} was altered or forged: its content does not match its hash"),
            )));
        }
        if let Some(problem) = check_signature(e, &hash, &what, committing, trusted, sigs) {
            return Ok(Some(problem));
        }
        committing |= e.content.is_some();
        previous = hash;
        expected += 1;
    }
    check_head(conn, rows, expected - 1, &previous)
}

/// A problem named by the entry it was found at.
fn named(e: &RawEntry, kind: AuditProblemKind, message: String) -> AuditProblem {
    AuditProblem {
        seq: e.seq,
        kind,
        entity_kind: Some(e.entity_kind.clone()),
        entity_id: Some(e.entity_id.clone()),
        action: Some(e.action.clone()),
        message,
    }
}

/// A missing entry, by the number it should have had.
fn missing(seq: i64, message: String) -> AuditProblem {
    AuditProblem {
        seq,
        kind: AuditProblemKind::Missing,
        entity_kind: None,
        entity_id: None,
        action: None,
        message,
    }
}

/// An entry's signature: unsigned entries only before the trail's upgrade to signing, else
/// a valid signature by the key it names (counted per signer in `sigs`).
fn check_signature(
    e: &RawEntry,
    hash: &str,
    what: &str,
    committing: bool,
    trusted: &[String],
    sigs: &mut SignatureCheck,
) -> Option<AuditProblem> {
    match (&e.content, &e.signer) {
        (None, None) if !committing => sigs.unsigned_before_upgrade += 1,
        (Some(_), None)
            if !committing && e.entity_kind == UPGRADE_KIND && e.action == UPGRADE_ACTION =>
        {
            sigs.unsigned_before_upgrade += 1;
            sigs.upgraded_at = Some(e.seq);
        }
        (Some(_), Some(signer)) => {
            if !committing && e.entity_kind == UPGRADE_KIND && e.action == UPGRADE_ACTION {
                // The upgrade entry, signed by whoever opened the old file with a key.
                sigs.upgraded_at = Some(e.seq);
            }
            let valid = e
                .signature
                .as_deref()
                .is_some_and(|s| keys::signature_valid(signer, &hash_bytes(hash), s));
            if !valid {
                return Some(named(
                    e,
                    AuditProblemKind::BadSignature,
                    format!(
                        "{what} is not validly signed by the key it names ({}…, {})",
                        signer.get(..16).unwrap_or(signer),
                        e.actor
                    ),
                ));
            }
            sigs.signed += 1;
            match sigs.signers.iter_mut().find(|s| &s.public_key == signer) {
                Some(s) => {
                    s.entries += 1;
                    s.last_seq = e.seq;
                    if !s.names.contains(&e.actor) {
                        s.names.push(e.actor.clone());
                    }
                }
                None => sigs.signers.push(SignerSummary {
                    public_key: signer.clone(),
                    names: vec![e.actor.clone()],
                    entries: 1,
                    first_seq: e.seq,
                    last_seq: e.seq,
                    trusted: trusted.iter().any(|t| t.eq_ignore_ascii_case(signer)),
                }),
            }
        }
        _ => {
            return Some(named(
                e,
                AuditProblemKind::Unsigned,
                format!(
                    "{what} carries no signature or no content commitment, though the \
                     trail is signed before it (signature stripped?)"
                ),
            ))
        }
    }
    None
}

/// The recorded head: the trail must end at the entry and hash it records.
fn check_head(
    conn: &Connection,
    rows: &[RawEntry],
    last: i64,
    previous: &str,
) -> Result<Option<AuditProblem>, StoreError> {
    let head: Option<(i64, String)> = conn
        .query_row("SELECT seq, hash FROM audit_head WHERE id = 1", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((head_seq, head_hash)) = head else {
        return Ok(Some(missing(
            last + 1,
            "the record of the trail's last entry is missing".into(),
        )));
    };
    if head_seq > last {
        return Ok(Some(missing(
            last + 1,
            format!(
                "entries {} to {head_seq} are missing from the end of the trail",
                last + 1
            ),
        )));
    }
    if head_seq < last {
        // The first entry after the recorded head (the head itself may be tampered with).
        let first_extra = usize::try_from(head_seq.max(0)).unwrap_or(0);
        if let Some(e) = rows.get(first_extra) {
            return Ok(Some(named(
                e,
                AuditProblemKind::Inserted,
                format!(
                    "entry {} ({} {} {}) was added after the trail's last recorded entry {head_seq}",
                    e.seq, e.action, e.entity_kind, e.entity_id
                ),
            )));
        }
    }
    if head_hash != previous {
        if let Some(e) = rows.last() {
            return Ok(Some(named(
                e,
                AuditProblemKind::Altered,
                format!(
                    "entry {} does not match the trail's recorded last hash",
                    e.seq
                ),
            )));
        }
        return Ok(Some(missing(
            1,
            "the trail is empty but its head records entries".into(),
        )));
    }
    Ok(None)
}

/// How many differences are listed at most.
const MAX_DIFFERENCES: usize = 50;

/// Each row's last recorded place and JSON, by kind and id; the JSON is unknown (`None`) for
/// rows a bulk entry created, which it names but does not copy.
type Expected = std::collections::HashMap<(String, String), (Option<i64>, Option<String>)>;

/// The rows the trail says the tables hold, replaying every entry; `false` beside them when
/// the trail cannot say (a whole plan recorded only by its counts, an entry unreadable).
fn replay(rows: &[RawEntry]) -> Result<(Expected, bool), StoreError> {
    let mut expected = Expected::new();
    let mut replay_ok = true;
    for e in rows {
        if bulk::is_bulk(&e.entity_kind) {
            let created = e.after.as_deref().map(|a| (true, a));
            let deleted = e.before.as_deref().map(|b| (false, b));
            match created.or(deleted).map(|(c, side)| (c, bulk::decode(side))) {
                Some((created, Ok(list))) => {
                    for r in list {
                        let key = (r.kind, r.id);
                        if created {
                            expected.insert(key, (r.ord, None));
                        } else {
                            expected.remove(&key);
                        }
                    }
                }
                _ => replay_ok = false,
            }
            continue;
        }
        if e.entity_kind == PLAN_KIND {
            match e
                .after
                .as_deref()
                .map(|a| crate::codec::from_json::<admiral_core::Plan>("recorded plan", a))
            {
                Some(Ok(plan)) => {
                    expected.clear();
                    replay_ok = true;
                    for r in content::rows_of(&plan)? {
                        let ord = r.kind.has_ord().then_some(r.index as i64 + 1);
                        expected.insert((r.kind.to_string(), r.id), (ord, Some(r.json)));
                    }
                }
                _ => replay_ok = false,
            }
            continue;
        }
        if EntityKind::parse(&e.entity_kind).is_none() {
            continue;
        }
        let key = (e.entity_kind.clone(), e.entity_id.clone());
        match &e.after {
            Some(a) => {
                expected.insert(key, (e.position, Some(a.clone())));
            }
            None => {
                expected.remove(&key);
            }
        }
    }
    Ok((expected, replay_ok))
}

/// Names what differs between the tables and the trail: the state every row should have is
/// the last one the trail recorded for it (replaying every entry's `after`), so a row that
/// differs, appeared or vanished is named with its id. When the replay finds nothing (the
/// trail itself cannot say), the kinds whose recomputed hash differs from the kept state are
/// named instead.
fn differences(
    conn: &Connection,
    rows: &[RawEntry],
    current: &content::Current,
) -> Result<Vec<ContentDifference>, StoreError> {
    let tables = |kind: &str| {
        EntityKind::parse(kind)
            .map(|k| k.tables().join(", "))
            .unwrap_or_default()
    };
    let (mut expected, replay_ok) = replay(rows)?;
    let mut out = Vec::new();
    if replay_ok {
        for (row, ord) in &current.rows {
            let key = (row.kind.to_string(), row.id.clone());
            let id = row.kind.has_ord().then(|| row.id.clone());
            let diff = |message: String| ContentDifference {
                table: row.kind.tables().join(", "),
                kind: row.kind.to_string(),
                id: id.clone(),
                message,
            };
            match expected.remove(&key) {
                None => out.push(diff(format!(
                    "{} (table {}) is not in the audit trail: added outside Admiral",
                    row.label,
                    row.kind.tables().join(", ")
                ))),
                Some((want_ord, want_json)) => {
                    if want_json.as_ref().is_some_and(|w| *w != row.json) {
                        let want_json = want_json.unwrap_or_default();
                        let fields = changed_fields(&want_json, &row.json);
                        out.push(diff(format!(
                            "{} (table {}) differs from its last recorded state{}",
                            row.label,
                            row.kind.tables().join(", "),
                            if fields.is_empty() {
                                String::new()
                            } else {
                                format!(" in {}", fields.join(", "))
                            }
                        )));
                    } else if want_ord != *ord {
                        out.push(diff(format!(
                            "{} (table {}) moved from position {} to {}",
                            row.label,
                            row.kind.tables().join(", "),
                            want_ord.unwrap_or(0),
                            ord.unwrap_or(0)
                        )));
                    }
                }
            }
        }
        let mut gone: Vec<_> = expected.into_iter().collect();
        gone.sort();
        for ((kind, id), _) in gone {
            out.push(ContentDifference {
                table: tables(&kind),
                message: format!(
                    "{kind} {id} (table {}) is recorded in the audit trail but missing from the tables",
                    tables(&kind)
                ),
                kind,
                id: Some(id),
            });
        }
    }
    if out.is_empty() {
        // The trail's replay matches the tables, yet the commitment does not: the trail or the
        // kept state say something else; name the kinds whose recomputed hash differs.
        let kept = ContentState::read(conn)?;
        for (i, kind) in EntityKind::ALL.iter().enumerate() {
            let tbls = kind.tables();
            if kept.kinds[i] != current.state.kinds[i] {
                out.push(ContentDifference {
                    table: tbls.join(", "),
                    kind: kind.to_string(),
                    id: None,
                    message: format!(
                        "table {} does not match its recorded content hash",
                        tbls.join(", ")
                    ),
                });
            }
        }
        if out.is_empty() {
            out.push(ContentDifference {
                table: String::new(),
                kind: String::new(),
                id: None,
                message: "the plan's content differs from the commitment, though it matches \
                          the kept content state (which was rewritten as well)"
                    .into(),
            });
        }
    }
    out.truncate(MAX_DIFFERENCES);
    Ok(out)
}

/// The top-level fields of two JSON objects that differ, e.g. `duration`.
fn changed_fields(a: &str, b: &str) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) = (
        serde_json::from_str::<serde_json::Value>(a),
        serde_json::from_str::<serde_json::Value>(b),
    ) else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
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
            content: None,
            signer: None,
            signature: None,
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
