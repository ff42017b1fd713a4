//! Gates: the milestone task as a foreign key, criteria and approvers as JSON columns (short
//! lists that are always read and written whole).

use super::*;
use crate::codec::*;
use crate::kind::EntityKind;
use admiral_core::Gate;

impl Entity for Gate {
    const KIND: EntityKind = EntityKind::Gate;
    const TABLE: &'static str = "gates";
    const COLUMNS: &'static [&'static str] = &["task_id", "criteria", "approvers"];

    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn label(&self) -> String {
        format!("gate {}", self.id)
    }
    fn validate_own(&self, _conn: &Connection) -> Result<(), StoreError> {
        Ok(())
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        Ok(vec![
            task_ref(self.task_id),
            text(to_json(&self.criteria)?),
            text(to_json(&self.approvers)?),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        Ok(Gate {
            id: parse_id("gate id", &r.get::<_, String>(0)?)?,
            task_id: key("gate task", r.get_ref(1)?)?,
            criteria: from_json("gate criteria", &r.get::<_, String>(2)?)?,
            approvers: from_json("gate approvers", &r.get::<_, String>(3)?)?,
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        vec![(EntityKind::Task, self.task_id.to_string())]
    }
}
