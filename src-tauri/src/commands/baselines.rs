//! The weekly routine: baselines saved and cleared, progress updates, earned value. Core
//! decides every change and figure (`admiral_core::baseline`, `progress`, `evm`); these
//! commands stamp the time, commit and shape the answer.

use crate::commands::edit::commit_change;
use crate::error::{AppError, ErrorKind};
use crate::state::AppState;
use crate::view::Snapshot;
use admiral_core::baseline::{self, Baseline, MAX_BASELINE};
use admiral_core::edit::Change;
use admiral_core::evm::{earned_value, sentences, EarnedValue, EvSentences};
use admiral_core::notation::parse_duration;
use admiral_core::progress::{self, ProgressUpdate};
use admiral_core::{Plan, ReleaseId, TaskId};
use chrono::{Local, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use tauri::State;

/// One saved baseline, as the baselines list shows it.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct BaselineInfo {
    pub number: u8,
    pub name: String,
    pub saved_at: NaiveDateTime,
    /// The release it was last saved for; `None` for the whole plan.
    pub release_id: Option<ReleaseId>,
    /// That release's code, for the list.
    pub release: Option<String>,
    /// How many tasks have values in it.
    pub tasks: u32,
}

/// What the "Update tasks" dialog sends for one task; `None` leaves a value to core's rules.
#[derive(Clone, Debug, Default, Deserialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ProgressInput {
    pub percent: Option<u8>,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_finish: Option<NaiveDateTime>,
    /// Remaining duration in MS Project notation ("3d").
    pub remaining: Option<String>,
}

/// Earned value at a status date against a baseline: the plan's and each release's.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct EarnedValueView {
    pub status_date: NaiveDateTime,
    pub baseline: u8,
    pub baseline_name: String,
    pub currency: String,
    pub plan: EarnedValue,
    /// The plan's figures in words (core's `evm::sentences`, as the PDF report prints them).
    pub sentences: EvSentences,
    /// In the order of `plan.releases`.
    pub releases: Vec<ReleaseEarnedValue>,
}

#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseEarnedValue {
    pub release_id: ReleaseId,
    pub code: String,
    pub figures: EarnedValue,
    pub sentences: EvSentences,
}

/// The plan's baseline `n`, or an error saying which ones it has.
fn find(plan: &Plan, n: u8) -> Result<&Baseline, AppError> {
    plan.baselines
        .iter()
        .find(|b| b.number == n)
        .ok_or_else(|| {
            AppError::new(
                ErrorKind::NotFound,
                format!("Baseline {n} is not set: save it first (Baselines › Save)."),
            )
        })
}

fn now() -> NaiveDateTime {
    let now = Local::now().naive_local();
    now.with_nanosecond(0).unwrap_or(now)
}

/// Commits `rule`'s change, which it makes from the plan and its schedule.
fn commit_scheduled<E>(
    state: &AppState,
    rule: impl FnOnce(&Plan, &admiral_core::schedule::Schedule) -> Result<Change, E>,
) -> Result<Snapshot, AppError>
where
    AppError: From<E>,
{
    state.with(|open| {
        let s = open.schedule()?;
        let c = rule(&open.plan, &s)?;
        if c.edits.is_empty() {
            return Err(AppError::new(
                ErrorKind::Invalid,
                format!("Nothing to change: {}.", c.label),
            ));
        }
        open.commit(&c.edits, &c.label)
    })
}

/// Saves baseline `number` (0–10) for the whole plan, or for one release's tasks; named
/// `name`, else as before, else as MS Project names it. One audited, undoable change.
#[tauri::command]
#[specta::specta]
pub fn save_baseline(
    state: State<'_, AppState>,
    number: u8,
    name: Option<String>,
    release_id: Option<ReleaseId>,
) -> Result<Snapshot, AppError> {
    let at = now();
    commit_scheduled(&state, |plan, s| {
        baseline::save(plan, s, number, name.as_deref(), release_id, at)
    })
}

/// Clears baseline `number`. One audited, undoable change.
#[tauri::command]
#[specta::specta]
pub fn clear_baseline(state: State<'_, AppState>, number: u8) -> Result<Snapshot, AppError> {
    commit_change(&state, |plan| baseline::clear(plan, number))
}

/// The plan's baselines, by number.
#[tauri::command]
#[specta::specta]
pub fn list_baselines(state: State<'_, AppState>) -> Result<Vec<BaselineInfo>, AppError> {
    state.with(|open| {
        let p = &open.plan;
        let mut out: Vec<BaselineInfo> = p
            .baselines
            .iter()
            .map(|b| BaselineInfo {
                number: b.number,
                name: b.name.clone(),
                saved_at: b.saved_at,
                release_id: b.release_id,
                release: b
                    .release_id
                    .and_then(|r| p.releases.iter().find(|x| x.id == r))
                    .map(|r| r.code.clone()),
                tasks: b.tasks.len() as u32,
            })
            .collect();
        out.sort_by_key(|b| b.number);
        Ok(out)
    })
}

/// Shows baseline `number` in the Gantt chart and the variance column (0 when opened).
#[tauri::command]
#[specta::specta]
pub fn show_baseline(state: State<'_, AppState>, number: u8) -> Result<Snapshot, AppError> {
    if number > MAX_BASELINE {
        return Err(AppError::new(
            ErrorKind::Invalid,
            format!("Baselines are numbered 0 to {MAX_BASELINE}, not {number}."),
        ));
    }
    state.with(|open| {
        open.shown_baseline = number;
        open.snapshot()
    })
}

/// Updates one task's progress: percent complete, actual start and finish, remaining
/// duration, by core's rules. One audited, undoable change.
#[tauri::command]
#[specta::specta]
pub fn update_progress(
    state: State<'_, AppState>,
    task_id: TaskId,
    update: ProgressInput,
) -> Result<Snapshot, AppError> {
    let remaining = match update.remaining.as_deref().map(str::trim) {
        Some(r) if !r.is_empty() => Some(parse_duration(r)?),
        _ => None,
    };
    let u = ProgressUpdate {
        percent: update.percent,
        actual_start: update.actual_start,
        actual_finish: update.actual_finish,
        remaining,
    };
    commit_scheduled(&state, |plan, s| {
        progress::update_tasks(plan, s, &[(task_id, u)], None)
    })
}

/// MS Project's Update Project: every task scheduled to have finished by `date` becomes
/// 100 % complete, one under way gets the share of its work before it. One change.
#[tauri::command]
#[specta::specta]
pub fn update_through(
    state: State<'_, AppState>,
    date: NaiveDateTime,
) -> Result<Snapshot, AppError> {
    commit_scheduled(&state, |plan, s| {
        Ok::<_, AppError>(progress::update_through(plan, s, date))
    })
}

/// Applies a status file (CSV: task, percent, actual start, actual finish, remaining) as one
/// audited change, or refuses it whole naming the line (and column) of its first error.
/// Reading is interop's, the rule core's (`progress::apply_status`), as for `admiral progress
/// --import`.
#[tauri::command]
#[specta::specta]
pub fn import_status(state: State<'_, AppState>, path: String) -> Result<Snapshot, AppError> {
    let p = std::path::Path::new(&path);
    let rows = admiral_interop::status::read_status_file(p)
        .map_err(|e| crate::error::interop_error(&path, e))?;
    let rows: Vec<_> = rows
        .iter()
        .map(|r| (r.line, r.key.as_str(), r.update))
        .collect();
    let name = p
        .file_name()
        .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
    commit_scheduled(&state, |plan, s| {
        progress::apply_status(plan, s, &rows, &name)
            .map_err(|e| AppError::new(ErrorKind::BadFile, format!("Cannot import {name}: {e}.")))
    })
}

/// Earned value at `status_date` against baseline `baseline`: the plan's and each release's.
#[tauri::command]
#[specta::specta]
pub fn earned_value_at(
    state: State<'_, AppState>,
    status_date: NaiveDateTime,
    baseline: u8,
) -> Result<EarnedValueView, AppError> {
    state.with(|open| {
        let p = &open.plan;
        let b = find(p, baseline)?;
        let r = earned_value(p, b, status_date);
        Ok(EarnedValueView {
            status_date,
            baseline,
            baseline_name: b.name.clone(),
            currency: p.settings.currency.clone(),
            plan: r.plan,
            sentences: sentences(&r.plan, status_date, &p.settings.currency),
            releases: r
                .releases
                .iter()
                .filter_map(|(id, ev)| {
                    let rel = p.releases.iter().find(|x| x.id == *id)?;
                    Some(ReleaseEarnedValue {
                        release_id: *id,
                        code: rel.code.clone(),
                        figures: *ev,
                        sentences: sentences(ev, status_date, &p.settings.currency),
                    })
                })
                .collect(),
        })
    })
}
