//! The risk register and what-if scenarios: the register's ratings and heat map, scenario
//! edits (each one committed as an audited change), and the comparison and tracking Gantt
//! of scenarios against the baseline. Every rule is core's (`risk`, `scenario`).

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;
use crate::view::Snapshot;
use admiral_core::edit::Edit;
use admiral_core::risk::{register, Register};
use admiral_core::scenario::{
    compare, overlay, unique_name, Comparison, Overlay, Scenario, ScenarioError,
};
use admiral_core::schedule::ScheduleOptions;
use admiral_core::{Money, Plan, Risk, RiskId, RiskStatus, ScenarioId, WorkMinutes};
use tauri::State;

fn scenario_error(e: ScenarioError) -> AppError {
    match e {
        ScenarioError::Model(m) => m.into(),
        ScenarioError::Schedule { scenario, source } => {
            let e = AppError::from(source);
            AppError::new(e.kind, format!("Scenario '{scenario}': {}", e.message))
        }
        ScenarioError::NameTaken { name } => AppError::new(
            ErrorKind::Invalid,
            format!("The plan already has a scenario '{name}'. Choose another name."),
        ),
    }
}

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
    if title.trim().is_empty() {
        return Err(AppError::new(ErrorKind::Invalid, "A risk needs a title."));
    }
    state.with(|open| {
        let release = open.plan.releases.first().ok_or_else(|| {
            AppError::new(
                ErrorKind::Invalid,
                "The plan has no release to add a risk to.",
            )
        })?;
        let risk = Risk {
            id: RiskId::new(),
            release_id: release.id,
            title: title.trim().to_string(),
            description: String::new(),
            probability: 0.0,
            schedule_impact: WorkMinutes::ZERO,
            cost_impact: Money(0),
            owner: String::new(),
            status: RiskStatus::Open,
            trigger: String::new(),
            mitigation: String::new(),
            contingency: String::new(),
            task_ids: Vec::new(),
        };
        let label = format!("Add risk '{}'", risk.title);
        open.commit(&[Edit::PutRisk(risk)], &label)
    })
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
        let s = Scenario::contingency(&open.plan, risk_id).map_err(scenario_error)?;
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
        s.check_name(&open.plan).map_err(scenario_error)?;
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
        compare(&open.plan, &chosen, &ScheduleOptions::default()).map_err(scenario_error)
    })
}

/// A scenario's tracking Gantt: its task dates against the baseline's for the tasks it
/// moves, the critical path of either, and every milestone and gate.
#[tauri::command]
#[specta::specta]
pub fn scenario_overlay(state: State<'_, AppState>, id: ScenarioId) -> Result<Overlay, AppError> {
    state.with(|open| {
        let s = find(&open.plan, id)?;
        overlay(&open.plan, s, &ScheduleOptions::default()).map_err(scenario_error)
    })
}
