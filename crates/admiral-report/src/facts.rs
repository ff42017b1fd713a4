//! What a report export reads from the plan file besides the plan: the audit trail, verified
//! at export time, and the trail since the latest report snapshot (for "what changed"). The
//! CLI and the desktop app both call these, so the PDF says the same about a file whichever
//! wrote it.

use crate::AuditSummary;
use admiral_core::snapshot::TrailEvent;
use admiral_core::Plan;
use admiral_store::{PlanFile, StoreError};

/// Verifies the file's audit trail now and summarises it for the report's audit section.
pub fn audit_summary(file: &mut PlanFile) -> Result<AuditSummary, StoreError> {
    let verified = file.verify_audit()?;
    Ok(AuditSummary {
        changes_since_last_report: file.changes_since_last_report()?,
        chain_ok: verified.is_ok(),
        signers: verified.signer_lines(),
        entries: verified.entries,
        head: verified.head.map(|h| (h.seq, h.hash)),
        content_checked_at: verified.content.committed_by,
        signed_entries: verified.signatures.signed,
        unsigned_before_upgrade: verified.signatures.unsigned_before_upgrade,
        upgraded_at: verified.signatures.upgraded_at,
        first_bad: verified.problem.map(|p| p.message),
    })
}

/// The audit trail since `plan`'s latest report snapshot (empty without one): what a new
/// report's "what changed" reads besides the snapshots.
pub fn trail_since_last(file: &PlanFile, plan: &Plan) -> Result<Vec<TrailEvent>, StoreError> {
    match admiral_core::snapshot::latest(plan) {
        Some(s) => file.trail_between(s.id, None),
        None => Ok(Vec::new()),
    }
}
