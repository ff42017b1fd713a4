//! Questions about the open plan that change nothing.

use crate::error::AppError;
use crate::state::AppState;
use crate::view::{ChainStep, DrivenTasks};
use admiral_core::notation::{format_duration, parse_duration};
use admiral_core::schedule::{driven_rows, driving_rows, Schedule};
use admiral_core::{Plan, TaskId};
use tauri::State;

/// "Why this date?": the chain of driving predecessors from whatever starts it (the release
/// start, a constraint, actuals) to `task_id`.
#[tauri::command]
#[specta::specta]
pub fn why_date(state: State<'_, AppState>, task_id: TaskId) -> Result<Vec<ChainStep>, AppError> {
    state.with(|open| {
        let s = open.schedule()?;
        let plan = &open.plan;
        // Rows of the schedule, which are the plan's.
        Ok(driving_rows(&s, task_id)
            .into_iter()
            .map(|i| step(plan, &s, i))
            .collect())
    })
}

/// "What does this task drive?" (MS Project's Task Path, driven successors): the tasks whose
/// driving chain runs through `task_id`, so that a slip of it moves them, in plan order. Rows
/// for all of them and steps for the first `listed` only: a task early in a 100k-task plan
/// can drive 90k, whose names and dates the panel would never show.
#[tauri::command]
#[specta::specta]
pub fn driven_tasks(
    state: State<'_, AppState>,
    task_id: TaskId,
    listed: u32,
) -> Result<DrivenTasks, AppError> {
    state.with(|open| {
        let s = open.schedule()?;
        // Rows of the schedule, which are the plan's.
        let rows = driven_rows(&s, task_id);
        Ok(DrivenTasks {
            count: rows.len() as u32,
            first: (rows.iter().take(listed as usize))
                .map(|&i| step(&open.plan, &s, i))
                .collect(),
            rows: rows.into_iter().map(|i| i as u32).collect(),
        })
    })
}

/// The task of row `i`, with its number, name and scheduled dates.
fn step(plan: &Plan, s: &Schedule, i: usize) -> ChainStep {
    let (t, ts) = (&plan.tasks[i], &s.tasks[i]);
    ChainStep {
        task_id: t.id,
        number: t.number,
        name: t.name.clone(),
        start: ts.start,
        finish: ts.finish,
    }
}

/// Checks a duration typed in MS Project notation and returns it normalised ("1w" → "5d"),
/// or says what is wrong with it.
#[tauri::command]
#[specta::specta]
pub fn check_duration(text: String) -> Result<String, AppError> {
    Ok(format_duration(parse_duration(&text)?))
}
