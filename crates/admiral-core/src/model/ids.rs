//! Stable identifiers. Every entity has a UUID so that plans can later be merged; tasks also
//! have a human [`TaskNumber`] as in MS Project.

use serde::{Deserialize, Serialize};
use std::fmt;
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random identifier.
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
            /// A deterministic identifier, for demo plans and tests that must be reproducible.
            pub fn from_u128(v: u128) -> Self {
                Self(Uuid::from_u128(v))
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(
    /// Identifies a release.
    ReleaseId
);
id_type!(
    /// Identifies a project or application within a release.
    ProjectId
);
id_type!(
    /// Identifies a task (stable across renumbering).
    TaskId
);
id_type!(
    /// Identifies a dependency link.
    LinkId
);
id_type!(
    /// Identifies a working calendar.
    CalendarId
);
id_type!(
    /// Identifies a release's blackout (freeze) window.
    BlackoutId
);
id_type!(
    /// Identifies a gate.
    GateId
);
id_type!(
    /// Identifies a risk.
    RiskId
);
id_type!(
    /// Identifies a resource (person, team or environment).
    ResourceId
);
id_type!(
    /// Identifies an assignment of a resource to a task.
    AssignmentId
);
id_type!(
    /// Identifies a what-if scenario.
    ScenarioId
);
id_type!(
    /// Identifies a commitment between two groups (see [`crate::commitment`]).
    CommitmentId
);
id_type!(
    /// Identifies a report snapshot (see [`crate::snapshot`]).
    SnapshotId
);

/// The human task number ("ID" in MS Project), used in predecessor notation such as `3FS+2d`.
/// Unique within a plan; it may change when rows are inserted, unlike [`TaskId`].
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaskNumber(pub u32);

impl fmt::Display for TaskNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
