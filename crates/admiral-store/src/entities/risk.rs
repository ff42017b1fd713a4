//! Risks, with the tasks they affect in the `risk_tasks` child table.

use super::*;
use crate::codec::*;
use crate::kind::EntityKind;
use admiral_core::{Money, Risk, RiskId, WorkMinutes};
use std::collections::HashMap;

impl Entity for Risk {
    const KIND: EntityKind = EntityKind::Risk;
    const TABLE: &'static str = "risks";
    const COLUMNS: &'static [&'static str] = &[
        "release_id",
        "title",
        "description",
        "probability",
        "schedule_impact",
        "cost_impact",
        "owner",
        "status",
        "trigger_text",
        "mitigation",
        "contingency",
    ];

    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn label(&self) -> String {
        format!("risk '{}'", self.title)
    }
    fn validate_own(&self, _conn: &Connection) -> Result<(), StoreError> {
        Ok(Risk::validate_own(self)?)
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        Ok(vec![
            text(self.release_id.to_string()),
            text(self.title.clone()),
            text(self.description.clone()),
            Value::Real(self.probability),
            int(self.schedule_impact.0),
            int(self.cost_impact.0),
            text(self.owner.clone()),
            text(enum_text(&self.status)?),
            text(self.trigger.clone()),
            text(self.mitigation.clone()),
            text(self.contingency.clone()),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        Ok(Risk {
            id: parse_id("risk id", &r.get::<_, String>(0)?)?,
            release_id: parse_id("risk release", &r.get::<_, String>(1)?)?,
            title: r.get(2)?,
            description: r.get(3)?,
            probability: r.get(4)?,
            schedule_impact: WorkMinutes(r.get(5)?),
            cost_impact: Money(r.get(6)?),
            owner: r.get(7)?,
            status: parse_enum("risk status", &r.get::<_, String>(8)?)?,
            trigger: r.get(9)?,
            mitigation: r.get(10)?,
            contingency: r.get(11)?,
            task_ids: Vec::new(),
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        let mut refs = vec![(EntityKind::Release, self.release_id.to_string())];
        refs.extend(
            self.task_ids
                .iter()
                .map(|t| (EntityKind::Task, t.to_string())),
        );
        refs
    }
    fn write_children(&self, conn: &Connection) -> rusqlite::Result<()> {
        let id = self.id.to_string();
        conn.prepare_cached("DELETE FROM risk_tasks WHERE risk_id = ?1")?
            .execute([&id])?;
        let mut insert = conn.prepare_cached(&format!(
            "INSERT INTO risk_tasks (risk_id, position, task_id) VALUES (?1, ?2, {})",
            ord_of_param("tasks", 3)
        ))?;
        for (i, t) in self.task_ids.iter().enumerate() {
            insert.execute(rusqlite::params![id, i as i64, t.0.as_bytes()])?;
        }
        Ok(())
    }
    fn read_children(&mut self, conn: &Connection) -> Result<(), StoreError> {
        let mut stmt = conn.prepare_cached(
            "SELECT (SELECT uid FROM tasks WHERE ord = task_id) FROM risk_tasks \
             WHERE risk_id = ?1 ORDER BY position",
        )?;
        let mut rows = stmt.query([self.id.to_string()])?;
        while let Some(r) = rows.next()? {
            self.task_ids.push(key("risk task", r.get_ref(0)?)?);
        }
        Ok(())
    }
    fn read_all_children(all: &mut [Self], conn: &Connection) -> Result<(), StoreError> {
        let index: HashMap<RiskId, usize> =
            all.iter().enumerate().map(|(i, r)| (r.id, i)).collect();
        let mut stmt = conn.prepare(
            "SELECT risk_id, (SELECT uid FROM tasks WHERE ord = task_id) FROM risk_tasks \
                 ORDER BY risk_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: RiskId = parse_id("risk task risk", &r.get::<_, String>(0)?)?;
            if let Some(&i) = index.get(&id) {
                all[i].task_ids.push(key("risk task", r.get_ref(1)?)?);
            }
        }
        Ok(())
    }
}

/// Risks that name a task, in plan order (for the delete cascade).
pub(crate) fn risks_naming(conn: &Connection, task: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT r.id, r.ord FROM risks r JOIN risk_tasks t ON t.risk_id = r.id \
         WHERE t.task_id = (SELECT ord FROM tasks WHERE uid = ?1) ORDER BY r.ord",
    )?;
    let ids = stmt
        .query_map([key_value("tasks", task)], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(ids)
}
