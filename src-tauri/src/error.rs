//! The one error type the UI sees: a kind it can branch on and a sentence a person can read.
//!
//! Every error of core, the store, the report and interop becomes an [`AppError`] here, and
//! only here: commands use `?` (or [`interop_error`], which also names the file). Core's
//! messages start in lower case, mid-sentence; the UI shows them as sentences.

use admiral_core::calendar_view::CalendarViewError;
use admiral_core::effort::EffortError;
use admiral_core::gates::GateError;
use admiral_core::monte_carlo::SimulationError;
use admiral_core::notation::NotationError;
use admiral_core::put::PutError;
use admiral_core::risk::NewRiskError;
use admiral_core::scenario::ScenarioError;
use admiral_core::schedule::ScheduleError;
use admiral_core::wbs::WbsError;
use admiral_core::workload::WorkloadError;
use admiral_core::ModelError;
use admiral_interop::InteropError;
use admiral_report::ReportError;
use admiral_store::StoreError;
use serde::Serialize;
use std::path::Path;

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

impl From<GateError> for AppError {
    fn from(e: GateError) -> Self {
        let kind = match e {
            GateError::UnknownGate { .. }
            | GateError::UnknownApprover { .. }
            | GateError::UnknownCriterion { .. } => ErrorKind::NotFound,
            GateError::NotADecision { .. } | GateError::ReasonRequired { .. } => ErrorKind::Invalid,
        };
        Self::new(kind, capitalise(&e.to_string()))
    }
}

impl From<PutError> for AppError {
    fn from(e: PutError) -> Self {
        Self::new(ErrorKind::Invalid, sentence(&e))
    }
}

impl From<WbsError> for AppError {
    fn from(e: WbsError) -> Self {
        match e {
            WbsError::UnknownTask { .. } => {
                Self::new(ErrorKind::NotFound, "That task no longer exists.")
            }
            WbsError::Notation(n) => n.into(),
            WbsError::Effort(e) => e.into(),
            e @ (WbsError::NoProject
            | WbsError::TopLevel { .. }
            | WbsError::NoParent { .. }
            | WbsError::Unschedulable(_)
            | WbsError::Split(_)
            | WbsError::Summary { .. }
            | WbsError::EmptyName { .. }
            | WbsError::ControlInName { .. }
            | WbsError::InvisibleName { .. }) => Self::new(ErrorKind::Invalid, sentence(&e)),
        }
    }
}

impl From<EffortError> for AppError {
    fn from(e: EffortError) -> Self {
        let kind = match e {
            EffortError::UnknownTask(_)
            | EffortError::UnknownAssignment(_)
            | EffortError::UnknownResource(_) => ErrorKind::NotFound,
            _ => ErrorKind::Invalid,
        };
        Self::new(kind, sentence(&e))
    }
}

impl From<admiral_core::progress::ProgressError> for AppError {
    fn from(e: admiral_core::progress::ProgressError) -> Self {
        use admiral_core::progress::ProgressError as P;
        match e {
            P::Model(m) => m.into(),
            e @ P::UnknownTask(_) => Self::new(ErrorKind::NotFound, sentence(&e)),
            e => Self::new(ErrorKind::Invalid, sentence(&e)),
        }
    }
}

impl From<admiral_core::vacation::VacationError> for AppError {
    fn from(e: admiral_core::vacation::VacationError) -> Self {
        use admiral_core::vacation::VacationError as V;
        let kind = match e {
            V::UnknownResource(_) => ErrorKind::NotFound,
            V::Backwards { .. } => ErrorKind::Invalid,
        };
        Self::new(kind, sentence(&e))
    }
}

impl From<admiral_core::snapshot::ReportSnapshotError> for AppError {
    fn from(e: admiral_core::snapshot::ReportSnapshotError) -> Self {
        use admiral_core::snapshot::ReportSnapshotError as R;
        let kind = match e {
            R::Unknown(_) => ErrorKind::NotFound,
            R::Ambiguous { .. } => ErrorKind::Invalid,
        };
        Self::new(kind, sentence(&e))
    }
}

impl From<NewRiskError> for AppError {
    fn from(e: NewRiskError) -> Self {
        Self::new(ErrorKind::Invalid, sentence(&e))
    }
}

impl From<ScenarioError> for AppError {
    fn from(e: ScenarioError) -> Self {
        match e {
            ScenarioError::Model(m) => m.into(),
            ScenarioError::Schedule { scenario, source } => {
                let e = AppError::from(source);
                Self::new(e.kind, format!("Scenario '{scenario}': {}", e.message))
            }
            ScenarioError::NameTaken { name } => Self::new(
                ErrorKind::Invalid,
                format!("The plan already has a scenario '{name}'. Choose another name."),
            ),
        }
    }
}

impl From<SimulationError> for AppError {
    fn from(e: SimulationError) -> Self {
        match e {
            SimulationError::Model(m) => m.into(),
            SimulationError::Schedule(s) => s.into(),
            e => Self::new(ErrorKind::Invalid, sentence(&e)),
        }
    }
}

impl From<CalendarViewError> for AppError {
    fn from(e: CalendarViewError) -> Self {
        let kind = match e {
            CalendarViewError::UnknownCalendar(_) => ErrorKind::NotFound,
            _ => ErrorKind::Invalid,
        };
        Self::new(kind, sentence(&e))
    }
}

impl From<WorkloadError> for AppError {
    fn from(e: WorkloadError) -> Self {
        let kind = match e {
            WorkloadError::UnknownResource(_) => ErrorKind::NotFound,
            WorkloadError::StaleSchedule { .. } => ErrorKind::Invalid,
        };
        Self::new(kind, sentence(&e))
    }
}

impl From<ReportError> for AppError {
    fn from(e: ReportError) -> Self {
        let kind = match e {
            ReportError::Schedule(e) => return e.into(),
            ReportError::Simulation(e) => return e.into(),
            ReportError::Scenario(e) => return e.into(),
            ReportError::Font => ErrorKind::Io,
            _ => ErrorKind::Invalid,
        };
        Self::new(kind, sentence(&e))
    }
}

/// An import that failed, naming the file: "Cannot import plan.xml: line 3: …".
pub fn interop_error(source: &str, e: InteropError) -> AppError {
    let kind = match e {
        InteropError::Io { .. } => ErrorKind::Io,
        _ => ErrorKind::BadFile,
    };
    let p = Path::new(source);
    let name = p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    AppError::new(kind, format!("Cannot import {name}: {e}."))
}

/// `s` with a capital first letter.
fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// An error's message as a sentence: capital first letter, full stop.
pub fn sentence(e: &dyn std::fmt::Display) -> String {
    let mut out = capitalise(&e.to_string());
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_messages_become_sentences_of_the_right_kind() {
        let e = AppError::from(WbsError::TopLevel {
            task: "task 1 'Plan'".into(),
        });
        assert_eq!(e.kind, ErrorKind::Invalid);
        assert_eq!(
            e.message,
            "Task 1 'Plan' is at the top level and cannot be outdented."
        );
        let e = AppError::from(WbsError::UnknownTask {
            task: admiral_core::TaskId::new(),
        });
        assert_eq!(e.kind, ErrorKind::NotFound);
        let e = AppError::from(ScenarioError::NameTaken { name: "A".into() });
        assert_eq!(
            e.message,
            "The plan already has a scenario 'A'. Choose another name."
        );
        assert_eq!(sentence(&"done."), "Done.");
    }
}
