//! Plan files: create, open, the demo, save as, close, recent files.

use crate::error::AppError;
use crate::state::{AppState, Dirs};
use crate::view::Snapshot;
use admiral_store::PlanFile;
use chrono::Local;
use std::path::{Path, PathBuf};
use tauri::State;

/// How many recent files the start screen lists.
const RECENT_LIMIT: usize = 10;

/// Creates a new plan file with one release called `name` and opens it.
#[tauri::command]
#[specta::specta]
pub fn create_plan(
    state: State<'_, AppState>,
    dirs: State<'_, Dirs>,
    path: String,
    name: String,
) -> Result<Snapshot, AppError> {
    let plan = admiral_core::template::new_plan(
        &name,
        admiral_core::template::next_working_start(Local::now().date_naive()),
    );
    let file = PlanFile::create_with(&path, &plan, &format!("New plan {name}"), false)?;
    remember(&dirs, &path);
    state.set(file)
}

/// Opens an existing plan file.
#[tauri::command]
#[specta::specta]
pub fn open_plan(
    state: State<'_, AppState>,
    dirs: State<'_, Dirs>,
    path: String,
) -> Result<Snapshot, AppError> {
    let snap = state.set(PlanFile::open(&path)?)?;
    remember(&dirs, &path);
    Ok(snap)
}

/// Writes a fresh copy of the demo enterprise release to the app's data folder and opens it.
#[tauri::command]
#[specta::specta]
pub fn open_demo(state: State<'_, AppState>, dirs: State<'_, Dirs>) -> Result<Snapshot, AppError> {
    std::fs::create_dir_all(&dirs.data)?;
    let path = dirs.data.join("demo.admiral");
    let plan = admiral_core::demo::demo_plan();
    state.close();
    let file = PlanFile::create_with(&path, &plan, "Demo plan", true)?;
    remember(&dirs, &path.to_string_lossy());
    state.set(file)
}

/// The plan named on the command line, read and scheduled on a thread of its own since the
/// app started (`AppState::open_at_start`); `None` without one, or once taken.
#[tauri::command]
#[specta::specta]
pub fn startup_plan(
    state: State<'_, AppState>,
    dirs: State<'_, Dirs>,
) -> Result<Option<Snapshot>, AppError> {
    let Some((path, snap)) = state.take_startup()? else {
        return Ok(None);
    };
    remember(&dirs, &path.to_string_lossy());
    Ok(Some(snap))
}

/// Writes a complete copy (plan, audit trail, undo history) to `path` and continues there.
/// Every edit is saved as it is made, so there is no plain "save".
#[tauri::command]
#[specta::specta]
pub fn save_plan_as(
    state: State<'_, AppState>,
    dirs: State<'_, Dirs>,
    path: String,
) -> Result<Snapshot, AppError> {
    // The native dialog has already asked before replacing a file.
    state.with(|open| Ok(open.file.save_as(&path, true)?))?;
    let snap = state.set(PlanFile::open(&path)?)?;
    remember(&dirs, &path);
    Ok(snap)
}

/// Closes the open plan (nothing to save: every edit is already in the file).
#[tauri::command]
#[specta::specta]
pub fn close_plan(state: State<'_, AppState>) {
    state.close();
}

/// Recently opened plan files that still exist, most recent first.
#[tauri::command]
#[specta::specta]
pub fn recent_files(dirs: State<'_, Dirs>) -> Vec<String> {
    read_recent(&dirs.config)
        .into_iter()
        .filter(|p| Path::new(p).exists())
        .collect()
}

fn recent_path(config: &Path) -> PathBuf {
    config.join("recent.json")
}

fn read_recent(config: &Path) -> Vec<String> {
    std::fs::read(recent_path(config))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// Puts `path` first in the recent list. Failing to record it is not worth an error.
fn remember(dirs: &Dirs, path: &str) {
    let full = std::fs::canonicalize(path)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| path.to_string());
    let mut list = read_recent(&dirs.config);
    list.retain(|p| *p != full);
    list.insert(0, full);
    list.truncate(RECENT_LIMIT);
    if std::fs::create_dir_all(&dirs.config).is_ok() {
        if let Ok(json) = serde_json::to_vec_pretty(&list) {
            let _ = std::fs::write(recent_path(&dirs.config), json);
        }
    }
}
