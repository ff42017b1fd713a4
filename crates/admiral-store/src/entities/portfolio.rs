//! Commitments between groups (the promised milestone is a foreign key) and report
//! snapshots (their releases, milestones and commitments as JSON columns: a snapshot is a
//! record of what a report said, always read and written whole, and names tasks that may
//! since have been deleted, so it has no foreign keys).

use super::*;
use crate::codec::*;
use crate::kind::EntityKind;
use admiral_core::{Commitment, Snapshot};

impl Entity for Commitment {
    const KIND: EntityKind = EntityKind::Commitment;
    const TABLE: &'static str = "commitments";
    const COLUMNS: &'static [&'static str] =
        &["provider", "consumer", "task_id", "promised", "note"];

    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn label(&self) -> String {
        admiral_core::commitment_label(self)
    }
    fn validate_own(&self, conn: &Connection) -> Result<(), StoreError> {
        Commitment::validate_own(self)?;
        // What is promised must be a milestone or gate (the foreign key checks it exists).
        if let Some((task, _)) = get::<admiral_core::Task>(conn, &self.task_id.to_string())? {
            self.validate_task(&task)?;
        }
        Ok(())
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        Ok(vec![
            text(self.provider.clone()),
            text(self.consumer.clone()),
            task_ref(self.task_id),
            text(date_time(self.promised)),
            text(self.note.clone()),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        Ok(Commitment {
            id: parse_id("commitment id", &r.get::<_, String>(0)?)?,
            provider: r.get(1)?,
            consumer: r.get(2)?,
            task_id: key("commitment task", r.get_ref(3)?)?,
            promised: parse_date_time("commitment promised date", &r.get::<_, String>(4)?)?,
            note: r.get(5)?,
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        vec![(EntityKind::Task, self.task_id.to_string())]
    }
}

impl Entity for Snapshot {
    const KIND: EntityKind = EntityKind::Snapshot;
    const TABLE: &'static str = "snapshots";
    const COLUMNS: &'static [&'static str] = &[
        "taken_at",
        "label",
        "seed",
        "iterations",
        "releases",
        "milestones",
        "commitments",
    ];

    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn label(&self) -> String {
        format!(
            "snapshot '{}' of {}",
            self.label,
            self.taken_at.format("%Y-%m-%d")
        )
    }
    fn validate_own(&self, _conn: &Connection) -> Result<(), StoreError> {
        Ok(Snapshot::validate_own(self)?)
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        Ok(vec![
            text(date_time(self.taken_at)),
            text(self.label.clone()),
            // The seed's bits, kept in SQLite's signed integer.
            int(self.seed as i64),
            int(self.iterations),
            text(to_json(&self.releases)?),
            text(to_json(&self.milestones)?),
            text(to_json(&self.commitments)?),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        Ok(Snapshot {
            id: parse_id("snapshot id", &r.get::<_, String>(0)?)?,
            taken_at: parse_date_time("snapshot date", &r.get::<_, String>(1)?)?,
            label: r.get(2)?,
            seed: r.get::<_, i64>(3)? as u64,
            iterations: narrow("snapshot iterations", r.get(4)?)?,
            releases: from_json("snapshot releases", &r.get::<_, String>(5)?)?,
            milestones: from_json("snapshot milestones", &r.get::<_, String>(6)?)?,
            commitments: from_json("snapshot commitments", &r.get::<_, String>(7)?)?,
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        Vec::new()
    }
}
