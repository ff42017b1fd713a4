//! The plan named on the command line, read and scheduled on a thread of its own from the
//! app's start (before Tauri's builder), while GTK, the window and the page start.

use super::{AppState, OpenPlan};
use crate::courier::Courier;
use crate::error::{AppError, ErrorKind};
use crate::view::Snapshot;
use admiral_store::PlanFile;
use std::path::PathBuf;
use std::sync::Arc;

/// The plan named on the command line while it opens: its file read, scheduled and made into
/// a snapshot (whose plan the courier has not sent: the page may not be there yet).
pub(super) struct Startup {
    path: PathBuf,
    /// `None` when no thread could be had: the page's first ask opens it then.
    opening: Option<std::thread::JoinHandle<Result<(OpenPlan, Snapshot), AppError>>>,
}

impl AppState {
    /// Starts opening the plan at `path` (the one named on the command line) on a thread of
    /// its own, so that reading and scheduling it overlap the window's and the page's start;
    /// [`AppState::take_startup`] waits for it. Called once, before the page can ask.
    pub fn open_at_start(&self, path: PathBuf) {
        let at = path.clone();
        let opening = std::thread::Builder::new()
            .name("admiral-startup".into())
            .spawn(move || {
                // No courier: the page may not be there to take the plan yet.
                OpenPlan::opened(PlanFile::open(&at)?, Arc::new(Courier::default()))
            });
        let startup = Startup {
            path,
            opening: opening.ok(),
        };
        *self.startup.lock().unwrap_or_else(|e| e.into_inner()) = Some(startup);
    }

    /// The plan named on the command line, made the open plan once it has opened, with its
    /// path and snapshot (the whole plan now sent by the courier); `None` without one, or
    /// once taken.
    pub fn take_startup(&self) -> Result<Option<(PathBuf, Snapshot)>, AppError> {
        let startup = self
            .startup
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let Some(Startup { path, opening }) = startup else {
            return Ok(None);
        };
        let Some(opening) = opening else {
            return Ok(Some((path.clone(), self.set(PlanFile::open(&path)?)?)));
        };
        let opened = opening.join().unwrap_or_else(|_| {
            Err(AppError::new(
                ErrorKind::Io,
                format!(
                    "Opening {} stopped unexpectedly; the file was not changed. Open it again.",
                    path.display()
                ),
            ))
        });
        let (mut open, mut snap) = opened?;
        open.courier = self.courier.clone();
        self.courier.carry(&mut snap);
        *self.lock() = Some(open);
        Ok(Some((path, snap)))
    }
}
