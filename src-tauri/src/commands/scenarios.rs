//! The risk register and what-if scenarios: the register's ratings and heat map, scenario
//! edits (each one committed as an audited change), and the comparison and tracking Gantt
//! of scenarios against the baseline. Every rule is core's (`risk`, `scenario`).

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;
use crate::view::Snapshot;
use admiral_core::edit::Edit;
use admiral_core::risk::{new_risk, register, Register};
use admiral_core::scenario::{compare, overlay, unique_name, Comparison, Overlay, Scenario};
use admiral_core::schedule::ScheduleOptions;
use admiral_core::{Plan, RiskId, ScenarioId};
use tauri::State;

fn find(plan: &Plan, id: ScenarioId) -> Result<&Scenario, AppError> {
    plan.scenarios.iter().find(|s| s.id == id).ok_or_else(|| {
        AppError::new(
            ErrorKind::NotFound,
            format!("The plan has no scenario with id {id}; it may have been deleted."),
        )
    })
}

/// Every risk rated (exposure, probability and impact bands, severity) and the 5×5 heat map
/// of the active ones.
#[tauri::command]
#[specta::specta]
pub fn risk_register(state: State<'_, AppState>) -> Result<Register, AppError> {
    state.with(|open| Ok(register(&open.plan)))
}

/// Adds an open risk titled `title` to the plan's first release, with no probability or
/// impact yet (the register edits them in place); the new risk is the last.
#[tauri::command]
#[specta::specta]
pub fn add_risk(state: State<'_, AppState>, title: String) -> Result<Snapshot, AppError> {
    super::edit::commit_change(&state, |plan| new_risk(plan, &title))
}

/// Adds the contingency scenario of a risk ("Risk fires: …": its schedule impact on its
/// tasks, its cost impact counted) and returns the snapshot; the new scenario is the last.
#[tauri::command]
#[specta::specta]
pub fn create_contingency_scenario(
    state: State<'_, AppState>,
    risk_id: RiskId,
) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let s = Scenario::contingency(&open.plan, risk_id)?;
        let label = format!("Add scenario '{}'", s.name);
        open.commit(&[Edit::PutScenario(s)], &label)
    })
}

/// Adds an empty scenario named `name` ("… (2)" when taken); the new scenario is the last.
#[tauri::command]
#[specta::specta]
pub fn add_scenario(state: State<'_, AppState>, name: String) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let s = Scenario::new(unique_name(&open.plan, &name));
        s.validate_own()?;
        let label = format!("Add scenario '{}'", s.name);
        open.commit(&[Edit::PutScenario(s)], &label)
    })
}

/// Saves a scenario as the UI edited it (name, description, overrides). Refused when another
/// scenario has the name or an override refers to something the plan lacks.
#[tauri::command]
#[specta::specta]
pub fn put_scenario(state: State<'_, AppState>, scenario: Scenario) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let mut s = scenario;
        s.name = s.name.trim().to_string();
        s.check_name(&open.plan)?;
        // Scheduled as the comparison and the report will schedule it (core's rule).
        s.check_schedulable(&open.plan)?;
        let label = format!("Edit scenario '{}'", s.name);
        open.commit(&[Edit::PutScenario(s)], &label)
    })
}

/// Deletes a scenario (the baseline is never touched by one).
#[tauri::command]
#[specta::specta]
pub fn delete_scenario(state: State<'_, AppState>, id: ScenarioId) -> Result<Snapshot, AppError> {
    state.with(|open| {
        let label = format!("Delete scenario '{}'", find(&open.plan, id)?.name);
        open.commit(&[Edit::DeleteScenario(id)], &label)
    })
}

/// The baseline and the scenarios `ids` (in that order) side by side: finishes, milestone
/// and gate dates, critical-path changes and costs, with deltas to the baseline.
#[tauri::command]
#[specta::specta]
pub fn compare_scenarios(
    state: State<'_, AppState>,
    ids: Vec<ScenarioId>,
) -> Result<Comparison, AppError> {
    state.with(|open| {
        let chosen = ids
            .iter()
            .map(|&id| find(&open.plan, id))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(compare(&open.plan, &chosen, &ScheduleOptions::default())?)
    })
}

/// A scenario's tracking Gantt: its task dates against the baseline's for the tasks it
/// moves, the critical path of either, and every milestone and gate.
#[tauri::command]
#[specta::specta]
pub fn scenario_overlay(state: State<'_, AppState>, id: ScenarioId) -> Result<Overlay, AppError> {
    state.with(|open| {
        let s = find(&open.plan, id)?;
        Ok(overlay(&open.plan, s, &ScheduleOptions::default())?)
    })
}
