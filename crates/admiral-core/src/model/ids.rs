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
/// SipHash-1-3's two keys for [`LinkId::derived`]: "admiral ", "link id ". Part of the plan
/// file's format (a derived id is not stored): never change them.
const LINK_ID_KEYS: (u64, u64) = (0x2061_7269_6d64_6120, 0x2064_6920_6b6e_696c);

impl LinkId {
    /// The id a new link from `predecessor` to `successor` takes: a version-8 UUID of the
    /// SipHash-1-3 (128 bits) of the two task ids' bytes. The plan file does not store an id
    /// that equals this (it is read back from the two tasks), so the function is part of the
    /// file's format: `derived_link_ids_are_fixed` pins its values.
    pub fn derived(predecessor: TaskId, successor: TaskId) -> LinkId {
        use std::hash::Hasher;
        let mut h = siphasher::sip128::SipHasher13::new_with_keys(LINK_ID_KEYS.0, LINK_ID_KEYS.1);
        h.write(predecessor.0.as_bytes());
        h.write(successor.0.as_bytes());
        let bytes = siphasher::sip128::Hasher128::finish128(&h).as_bytes();
        LinkId(uuid::Builder::from_custom_bytes(bytes).into_uuid())
    }

    /// Whether this is the [`LinkId::derived`] id of a link between these two tasks.
    pub fn is_derived(self, predecessor: TaskId, successor: TaskId) -> bool {
        self == LinkId::derived(predecessor, successor)
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_link_ids_are_fixed() {
        // The plan file stores no id equal to the derived one: a change of these values
        // would change every such link's id in every file already written.
        let (a, b) = (TaskId::from_u128(1), TaskId::from_u128(2));
        let ab = LinkId::derived(a, b);
        assert_eq!(ab.to_string(), "1e7f45bc-c789-87a7-ad40-34e8ea515d02");
        let t = |s: &str| TaskId(Uuid::parse_str(s).unwrap());
        let real = LinkId::derived(
            t("0b0a43c4-6ef4-4d0f-a6f3-41d3c1a8e1a2"),
            t("f2a1d2a9-5c7e-4f31-9c4b-5a0e8f7d6c3b"),
        );
        assert_eq!(real.to_string(), "0f663160-e9a8-86d0-ada0-f5e30131c070");
        assert_eq!(ab.0.get_version_num(), 8);
        assert_eq!(ab.0.get_variant(), uuid::Variant::RFC4122);
        // Order matters, and so does every byte of either task.
        assert_ne!(LinkId::derived(b, a), ab);
        assert_ne!(LinkId::derived(a, TaskId::from_u128(3)), ab);
        assert!(ab.is_derived(a, b) && !ab.is_derived(b, a));
        assert!(!LinkId::new().is_derived(a, b));
    }
}
