//! Questions about the open plan that change nothing.

use crate::error::AppError;
use crate::state::AppState;
use crate::view::{ChainStep, DrivenTasks};
use admiral_core::notation::{format_duration, parse_duration};
use admiral_core::schedule::{driven_successors, driving_chain, Schedule};
use admiral_core::{Plan, TaskId};
use tauri::State;

/// "Why this date?": the chain of driving predecessors from whatever starts it (the release
/// start, a constraint, actuals) to `task_id`.
#[tauri::command]
#[specta::specta]
pub fn why_date(state: State<'_, AppState>, task_id: TaskId) -> Result<Vec<ChainStep>, AppError> {
    state.with(|open| {
        let s = open.schedule()?;
        Ok(steps(
            &open.plan,
            &s,
            driving_chain(&open.plan, &s, task_id),
        ))
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
        let driven = driven_successors(&s, task_id);
        let row: std::collections::HashMap<TaskId, u32> = (s.tasks.iter().enumerate())
            .map(|(i, t)| (t.task_id, i as u32))
            .collect();
        let listed = driven.iter().take(listed as usize).copied().collect();
        Ok(DrivenTasks {
            count: driven.len() as u32,
            rows: driven
                .iter()
                .filter_map(|id| row.get(id).copied())
                .collect(),
            first: steps(&open.plan, &s, listed),
        })
    })
}

/// The tasks `ids`, each with its number, name and scheduled dates.
fn steps(plan: &Plan, s: &Schedule, ids: Vec<TaskId>) -> Vec<ChainStep> {
    let index: std::collections::HashMap<TaskId, usize> = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i))
        .collect();
    ids.into_iter()
        .filter_map(|id| {
            let i = *index.get(&id)?;
            let (t, ts) = (&plan.tasks[i], &s.tasks[i]);
            Some(ChainStep {
                task_id: id,
                number: t.number,
                name: t.name.clone(),
                start: ts.start,
                finish: ts.finish,
            })
        })
        .collect()
}

/// Checks a duration typed in MS Project notation and returns it normalised ("1w" → "5d"),
/// or says what is wrong with it.
#[tauri::command]
#[specta::specta]
pub fn check_duration(text: String) -> Result<String, AppError> {
    Ok(format_duration(parse_duration(&text)?))
}
