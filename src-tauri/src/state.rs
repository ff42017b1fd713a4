//! The shell's managed state: the open plan file and the plan loaded from it.

use crate::error::AppError;
use crate::view::{self, Snapshot};
use admiral_core::edit::{self, Edit};
use admiral_core::schedule::{schedule, Schedule, ScheduleOptions};
use admiral_core::Plan;
use admiral_store::PlanFile;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

/// Managed by Tauri: at most one open plan per window.
#[derive(Default)]
pub struct AppState {
    open: Mutex<Option<OpenPlan>>,
    /// A plan named on the command line, opened when the UI first asks.
    pub startup_path: Mutex<Option<PathBuf>>,
}

/// Where the shell keeps its own files (not plans): recent files, the demo plan.
pub struct Dirs {
    pub config: PathBuf,
    pub data: PathBuf,
}

/// An open plan file and the plan as loaded from it; they always agree.
pub struct OpenPlan {
    pub file: PlanFile,
    pub plan: Plan,
}

impl AppState {
    pub fn lock(&self) -> MutexGuard<'_, Option<OpenPlan>> {
        // A panic while holding the lock cannot leave the plan half-edited (edits are applied
        // to a clone first), so a poisoned lock is still safe to use.
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs `f` on the open plan.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut OpenPlan) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let mut guard = self.lock();
        let open = guard.as_mut().ok_or_else(AppError::no_plan)?;
        f(open)
    }

    /// Makes `file` the open plan and returns its snapshot.
    pub fn set(&self, file: PlanFile) -> Result<Snapshot, AppError> {
        let plan = file.load()?;
        let mut open = OpenPlan { file, plan };
        let snap = open.snapshot()?;
        *self.lock() = Some(open);
        Ok(snap)
    }

    pub fn close(&self) {
        *self.lock() = None;
    }
}

impl OpenPlan {
    /// Applies `edits` to a copy of the plan and schedules it; only when both succeed are
    /// they saved as one change. A broken rule or a cycle leaves file and plan unchanged.
    pub fn commit(&mut self, edits: &[Edit], label: &str) -> Result<Snapshot, AppError> {
        let mut next = self.plan.clone();
        for e in edits {
            edit::apply(&mut next, e)?;
        }
        let s = schedule(&next, &ScheduleOptions::default())?;
        self.file.apply(edits, label)?;
        self.plan = next;
        self.snapshot_with(&s)
    }

    /// Reloads the plan after the file changed underneath it (undo, redo).
    pub fn reload(&mut self) -> Result<Snapshot, AppError> {
        self.plan = self.file.load()?;
        self.snapshot()
    }

    pub fn schedule(&self) -> Result<Schedule, AppError> {
        Ok(schedule(&self.plan, &ScheduleOptions::default())?)
    }

    pub fn snapshot(&mut self) -> Result<Snapshot, AppError> {
        let s = self.schedule()?;
        self.snapshot_with(&s)
    }

    fn snapshot_with(&self, s: &Schedule) -> Result<Snapshot, AppError> {
        Ok(view::snapshot(
            self.file.path(),
            &self.plan,
            s,
            self.file.history_depth()?,
        ))
    }
}
