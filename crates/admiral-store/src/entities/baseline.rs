//! Baselines (`admiral_core::baseline::Baseline`): one row per baseline number, its id the
//! number ("0" to "10"). The values per task, assignment and resource are JSON columns, read
//! and written whole with the baseline (saving or clearing a baseline is one audited row).
//! They name tasks, assignments and resources without foreign keys: a baseline records the
//! plan as it was, and keeps its values for what was deleted since (MS Project does not keep
//! them either, so they are simply not shown).

use super::*;
use crate::codec::*;
use crate::kind::EntityKind;
use admiral_core::baseline::Baseline;

impl Entity for Baseline {
    const KIND: EntityKind = EntityKind::Baseline;
    const TABLE: &'static str = "baselines";
    const COLUMNS: &'static [&'static str] = &[
        "name",
        "saved_at",
        "release_id",
        "tasks",
        "assignments",
        "resources",
    ];
    /// By number, whatever order they were saved in.
    const ORDER: &'static str = "CAST(id AS INTEGER)";

    fn id_text(&self) -> String {
        self.number.to_string()
    }
    fn label(&self) -> String {
        Baseline::label(self)
    }
    fn validate_own(&self, _conn: &Connection) -> Result<(), StoreError> {
        Ok(Baseline::validate_own(self)?)
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        Ok(vec![
            text(self.name.clone()),
            text(date_time(self.saved_at)),
            opt_text(self.release_id.map(|r| r.to_string())),
            text(to_json(&self.tasks)?),
            text(to_json(&self.assignments)?),
            text(to_json(&self.resources)?),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        Ok(Baseline {
            number: parse_id("baseline number", &r.get::<_, String>(0)?)?,
            name: r.get(1)?,
            saved_at: parse_date_time("baseline saved_at", &r.get::<_, String>(2)?)?,
            release_id: parse_opt_id("baseline release", r.get(3)?)?,
            tasks: from_json("baseline tasks", &r.get::<_, String>(4)?)?,
            assignments: from_json("baseline assignments", &r.get::<_, String>(5)?)?,
            resources: from_json("baseline resources", &r.get::<_, String>(6)?)?,
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        Vec::new()
    }
}
