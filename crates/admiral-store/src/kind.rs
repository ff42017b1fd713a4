//! The kinds of plan content, each with the one name the plan file uses for it (the audit
//! trail's `entity_kind`, the content commitment's kind and `content_state.kind`). The
//! names are part of the file format: they never change.

/// One kind of plan content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum EntityKind {
    Portfolio,
    Settings,
    Calendar,
    Release,
    Project,
    Task,
    Link,
    Blackout,
    Gate,
    Risk,
    Resource,
    Assignment,
    Scenario,
    Baseline,
    Commitment,
    Snapshot,
}

impl EntityKind {
    /// Every kind, in the order the content commitment hashes them (which is fixed: it is
    /// the order older files' commitments were computed in). `ALL[k as usize] == k`.
    pub(crate) const ALL: [Self; 16] = [
        Self::Portfolio,
        Self::Settings,
        Self::Calendar,
        Self::Release,
        Self::Project,
        Self::Task,
        Self::Link,
        Self::Blackout,
        Self::Gate,
        Self::Risk,
        Self::Resource,
        Self::Assignment,
        Self::Scenario,
        Self::Baseline,
        Self::Commitment,
        Self::Snapshot,
    ];

    /// The name in the plan file ("task") and the tables the kind covers in the content
    /// commitment, at `self as usize`.
    const NAMES: [(&'static str, &'static [&'static str]); 16] = [
        ("portfolio", &["portfolio"]),
        ("settings", &["settings"]),
        ("calendar", &["calendars", "calendar_exceptions"]),
        ("release", &["releases"]),
        ("project", &["projects"]),
        ("task", &["tasks"]),
        ("link", &["links"]),
        ("blackout", &["blackouts"]),
        ("gate", &["gates"]),
        ("risk", &["risks", "risk_tasks"]),
        ("resource", &["resources"]),
        ("assignment", &["assignments"]),
        ("scenario", &["scenarios"]),
        ("baseline", &["baselines"]),
        ("commitment", &["commitments"]),
        ("snapshot", &["snapshots"]),
    ];

    /// The name in the plan file: "task".
    pub(crate) const fn as_str(self) -> &'static str {
        Self::NAMES[self as usize].0
    }

    /// The kind of that name; `None` for what is not plan content ("plan", "report", …).
    pub(crate) fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }

    /// The tables it covers in the content commitment.
    pub(crate) const fn tables(self) -> &'static [&'static str] {
        Self::NAMES[self as usize].1
    }

    /// A list of rows with an `ord` (the portfolio and the settings are one row each).
    pub(crate) const fn has_ord(self) -> bool {
        !matches!(self, Self::Portfolio | Self::Settings)
    }

    /// Added after files carried commitments: it counts in the commitment only while it has
    /// rows, so that a file written before the kind existed keeps the commitment its entries
    /// recorded.
    pub(crate) const fn later(self) -> bool {
        matches!(self, Self::Baseline | Self::Commitment | Self::Snapshot)
    }
}

impl std::fmt::Display for EntityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::EntityKind;

    /// The names on disk, in the commitment's order: changing one breaks every plan file.
    #[test]
    fn the_names_and_their_order_are_the_file_format() {
        let names: Vec<&str> = EntityKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "portfolio",
                "settings",
                "calendar",
                "release",
                "project",
                "task",
                "link",
                "blackout",
                "gate",
                "risk",
                "resource",
                "assignment",
                "scenario",
                "baseline",
                "commitment",
                "snapshot"
            ]
        );
        for (i, k) in EntityKind::ALL.into_iter().enumerate() {
            assert_eq!(k as usize, i);
            assert_eq!(EntityKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(EntityKind::parse("plan"), None);
        assert_eq!(EntityKind::parse("Task"), None);
    }
}
