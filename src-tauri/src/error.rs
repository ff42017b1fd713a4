//! The one error type the UI sees: a kind it can branch on and a sentence a person can read.

use admiral_core::notation::NotationError;
use admiral_core::schedule::ScheduleError;
use admiral_core::ModelError;
use admiral_store::StoreError;
use serde::Serialize;

/// What went wrong, as a closed set the UI can branch on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// No plan is open.
    NoPlan,
    /// The file is missing, not a plan, damaged or too new; it was left unchanged.
    BadFile,
    /// A file exists where a new one was to be written.
    AlreadyExists,
    /// The edit breaks a rule of the model; nothing was saved.
    Invalid,
    /// The edit would make the links form a cycle; nothing was saved.
    Cycle,
    /// Predecessor or duration notation could not be read.
    Notation,
    /// Something refers to an entity that does not exist (e.g. a task deleted meanwhile).
    NotFound,
    /// The disk or the database refused.
    Io,
}

/// An error returned by a command: `{ kind: "cycle", message: "Adding this link would create
/// a cycle: task 3 'Build' → task 4 'Test' → task 3 'Build'" }`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, specta::Type, thiserror::Error)]
#[error("{message}")]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
}

impl AppError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    pub fn no_plan() -> Self {
        Self::new(ErrorKind::NoPlan, "No plan is open.")
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        let kind = match &e {
            StoreError::NotFound { .. }
            | StoreError::NotAPlan { .. }
            | StoreError::Damaged { .. }
            | StoreError::TooNew { .. }
            | StoreError::BadData { .. } => ErrorKind::BadFile,
            StoreError::AlreadyExists { .. } => ErrorKind::AlreadyExists,
            StoreError::Invalid(_) | StoreError::InUse { .. } => ErrorKind::Invalid,
            StoreError::Missing { .. } => ErrorKind::NotFound,
            _ => ErrorKind::Io,
        };
        Self::new(kind, capitalise(&e.to_string()))
    }
}

impl From<ModelError> for AppError {
    fn from(e: ModelError) -> Self {
        // Core reports a delete of something still in use as the reference it would break,
        // so every model error is "invalid": the edit was refused and nothing changed; a
        // change that would close a cycle is reported as a cycle.
        match e {
            ModelError::Cycle { tasks, .. } => Self::from(ScheduleError::Cycle { tasks }),
            e => Self::new(ErrorKind::Invalid, capitalise(&e.to_string())),
        }
    }
}

impl From<ScheduleError> for AppError {
    fn from(e: ScheduleError) -> Self {
        match e {
            ScheduleError::Cycle { tasks } => Self::new(
                ErrorKind::Cycle,
                format!(
                    "Adding this link would create a cycle: {}. Nothing was changed.",
                    tasks.join(" → ")
                ),
            ),
            e @ ScheduleError::OutOfRange { .. } => {
                Self::new(ErrorKind::Invalid, capitalise(&e.to_string()))
            }
        }
    }
}

impl From<NotationError> for AppError {
    fn from(e: NotationError) -> Self {
        Self::new(ErrorKind::Notation, capitalise(&e.to_string()))
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        Self::new(ErrorKind::Io, capitalise(&e.to_string()))
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
