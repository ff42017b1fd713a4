//! What the admiral's portfolio view adds to the plan: commitments between groups and the
//! snapshots that report exports leave behind. The rules on them live in
//! [`crate::commitment`] and [`crate::snapshot`].

use super::ids::*;
use super::quantities::Money;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// A milestone that one group (the provider: a project or team) promised another (the
/// consumer) for a date.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commitment {
    pub id: CommitmentId,
    /// The group that promised, e.g. "Payments" (a project's department or a team).
    pub provider: String,
    /// The group that relies on it.
    pub consumer: String,
    /// The milestone (or gate) task promised.
    pub task_id: TaskId,
    /// The date promised.
    pub promised: NaiveDateTime,
    pub note: String,
}

/// Where a commitment stands (the rule is [`crate::commitment::state`]).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommitmentState {
    /// Not done yet; the forecast meets the promised date.
    OnTrack,
    /// Not done yet; the forecast is after the promised date, which is still ahead.
    AtRisk,
    /// Done on or before the promised date.
    Kept,
    /// Done after the promised date, or not done and the promised date has passed.
    Broken,
}

impl CommitmentState {
    pub fn label(self) -> &'static str {
        match self {
            CommitmentState::OnTrack => "on track",
            CommitmentState::AtRisk => "at risk",
            CommitmentState::Kept => "kept",
            CommitmentState::Broken => "broken",
        }
    }
}

/// What one report export said about the portfolio: kept in the plan so that the next
/// report can say what changed, and the milestone trend chart can draw history.
#[cfg_attr(feature = "specta", derive(specta::Type))]
// Named apart from the desktop's view `Snapshot` in the TypeScript bindings (a struct's
// name is not part of its JSON).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename = "ReportSnapshot")]
pub struct Snapshot {
    pub id: SnapshotId,
    /// The report's date.
    pub taken_at: NaiveDateTime,
    /// What was exported, e.g. "portfolio report".
    pub label: String,
    /// The Monte Carlo seed and iterations behind the P50 and P80.
    pub seed: u64,
    pub iterations: u32,
    pub releases: Vec<SnapshotRelease>,
    /// Every milestone and gate.
    pub milestones: Vec<SnapshotMilestone>,
    pub commitments: Vec<SnapshotCommitment>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRelease {
    pub release_id: ReleaseId,
    pub code: String,
    pub name: String,
    pub forecast: NaiveDateTime,
    pub p50: Option<NaiveDateTime>,
    pub p80: Option<NaiveDateTime>,
    pub cost: Option<Money>,
    pub rag: crate::status::Rag,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotMilestone {
    pub task_id: TaskId,
    pub release_id: ReleaseId,
    /// The name at the time (the task may be renamed or deleted since).
    pub name: String,
    pub gate: bool,
    pub forecast: NaiveDateTime,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotCommitment {
    pub commitment_id: CommitmentId,
    pub provider: String,
    pub consumer: String,
    pub milestone: String,
    pub promised: NaiveDateTime,
    pub forecast: NaiveDateTime,
    pub state: CommitmentState,
}
