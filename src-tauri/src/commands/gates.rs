//! Gate decisions and criteria: core decides what changes and how the audit trail names it;
//! these commands stamp the time and commit.

use crate::error::AppError;
use crate::state::AppState;
use crate::view::Snapshot;
use admiral_core::gates::{self, GateChange, GateError};
use admiral_core::{Decision, GateId};
use chrono::{Local, Timelike};
use tauri::State;

fn commit(
    state: &AppState,
    change: impl FnOnce(&admiral_core::Plan) -> Result<GateChange, GateError>,
) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let c = change(&open.plan)?;
        open.commit(&[c.edit()], &c.label)
    })
}

/// Records one approver's decision (approve, reject or waive) on a gate, with a comment
/// (required to reject or waive), stamped with the local time now. `approver` is the
/// approver's 0-based place in the gate's list. Audited as "Gate 'X': Name (Role) rejected —
/// comment".
#[tauri::command]
#[specta::specta]
pub fn decide_gate(
    state: State<'_, AppState>,
    gate_id: GateId,
    approver: u32,
    decision: Decision,
    comment: String,
) -> Result<Snapshot, AppError> {
    let now = Local::now().naive_local();
    let now = now.with_nanosecond(0).unwrap_or(now);
    commit(&state, |plan| {
        gates::decide(plan, gate_id, approver as usize, decision, &comment, now)
    })
}

/// Checks a gate's criterion (0-based) off as met, or back as not met.
#[tauri::command]
#[specta::specta]
pub fn set_gate_criterion(
    state: State<'_, AppState>,
    gate_id: GateId,
    criterion: u32,
    met: bool,
) -> Result<Snapshot, AppError> {
    commit(&state, |plan| {
        gates::set_criterion(plan, gate_id, criterion as usize, met)
    })
}
