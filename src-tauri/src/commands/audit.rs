//! The audit trail, read a page at a time, and its hash chain verified.

use crate::error::AppError;
use crate::state::AppState;
use admiral_store::{AuditEntry, AuditQuery};
use serde::Serialize;
use tauri::State;

/// One audit entry. `before` and `after` are the entity as JSON text (the model's JSON);
/// for a whole-plan entry (`entityKind` "plan") and a bulk entry (`entityKind` "rows": one
/// change that created, or deleted, more than 2,000 rows) they count each kind of entity.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntryView {
    pub seq: i64,
    /// UTC, RFC 3339.
    pub at: String,
    pub actor: String,
    pub change: i64,
    pub label: String,
    pub entity_kind: String,
    pub entity_id: String,
    /// "create", "update", "delete", "replace", "undo", "redo" or "export".
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub hash: String,
}

/// A page of entries, newest first.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditPageView {
    pub entries: Vec<AuditEntryView>,
    /// How many entries match the filter in all.
    pub matching: u64,
    /// Pass as `beforeSeq` for the next page; `null` on the last page.
    pub next_before: Option<i64>,
}

/// The trail at a glance: its size, the filters' choices and its head.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditOverviewView {
    pub entries: u64,
    pub entity_kinds: Vec<String>,
    pub actors: Vec<String>,
    pub head_seq: i64,
    pub head_hash: String,
}

/// The result of verifying the hash chain.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditVerification {
    pub entries: u64,
    /// The last hash the trail records.
    pub head_hash: String,
    /// The first break, walking from the oldest entry; `null` when the chain is intact.
    pub problem: Option<AuditBreak>,
}

#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AuditBreak {
    /// The entry at fault (for a removal, the seq that is missing).
    pub seq: i64,
    /// "altered", "missing" or "inserted".
    pub kind: String,
    pub message: String,
}

fn json(v: Option<serde_json::Value>) -> Option<String> {
    v.map(|v| v.to_string())
}

impl From<AuditEntry> for AuditEntryView {
    fn from(e: AuditEntry) -> Self {
        Self {
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            change: e.change.0,
            label: e.label,
            entity_kind: e.entity_kind,
            entity_id: e.entity_id,
            action: e.action,
            before: json(e.before),
            after: json(e.after),
            hash: e.hash,
        }
    }
}

/// One page of the open plan's audit trail, newest first.
#[tauri::command]
#[specta::specta]
pub fn audit_log(
    state: State<'_, AppState>,
    filter: AuditQuery,
) -> Result<AuditPageView, AppError> {
    state.with(|open| {
        let page = open.file.audit_page(&filter)?;
        Ok(AuditPageView {
            entries: page.entries.into_iter().map(Into::into).collect(),
            matching: page.matching,
            next_before: page.next_before,
        })
    })
}

/// The number of entries, the entity kinds and actors to filter by, and the chain's head.
#[tauri::command]
#[specta::specta]
pub fn audit_overview(state: State<'_, AppState>) -> Result<AuditOverviewView, AppError> {
    state.with(|open| {
        let o = open.file.audit_overview()?;
        Ok(AuditOverviewView {
            entries: o.entries,
            entity_kinds: o.entity_kinds,
            actors: o.actors,
            head_seq: o.head_seq,
            head_hash: o.head_hash,
        })
    })
}

/// Walks the hash chain from the first entry and names the first entry that was altered,
/// removed or inserted.
#[tauri::command]
#[specta::specta]
pub fn verify_audit(state: State<'_, AppState>) -> Result<AuditVerification, AppError> {
    state.with(|open| {
        let report = open.file.verify_audit()?;
        let head = open.file.audit_overview()?;
        Ok(AuditVerification {
            entries: report.entries,
            head_hash: head.head_hash,
            problem: report.problem.map(|p| AuditBreak {
                seq: p.seq,
                kind: serde_json::to_value(p.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                message: p.message,
            }),
        })
    })
}
