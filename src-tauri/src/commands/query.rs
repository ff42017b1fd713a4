//! Questions about the open plan that change nothing.

use crate::error::AppError;
use crate::state::AppState;
use crate::view::ChainStep;
use admiral_core::notation::{format_duration, parse_duration};
use admiral_core::schedule::driving_chain;
use admiral_core::TaskId;
use tauri::State;

/// "Why this date?": the chain of driving predecessors from whatever starts it (the release
/// start, a constraint, actuals) to `task_id`.
#[tauri::command]
#[specta::specta]
pub fn why_date(state: State<'_, AppState>, task_id: TaskId) -> Result<Vec<ChainStep>, AppError> {
    state.with(|open| {
        let s = open.schedule()?;
        let chain = driving_chain(&open.plan, &s, task_id);
        Ok(chain
            .into_iter()
            .filter_map(|id| {
                let i = open.plan.tasks.iter().position(|t| t.id == id)?;
                let (t, ts) = (&open.plan.tasks[i], &s.tasks[i]);
                Some(ChainStep {
                    task_id: id,
                    number: t.number,
                    name: t.name.clone(),
                    start: ts.start,
                    finish: ts.finish,
                })
            })
            .collect())
    })
}

/// Checks a duration typed in MS Project notation and returns it normalised ("1w" → "5d"),
/// or says what is wrong with it.
#[tauri::command]
#[specta::specta]
pub fn check_duration(text: String) -> Result<String, AppError> {
    Ok(format_duration(parse_duration(&text)?))
}
