//! What-if scenarios: the overrides as one JSON column, the risk a scenario was made from as a
//! foreign key. References inside the overrides are checked against the plan in the file
//! (`Scenario::validate_in`), since SQL cannot see into the JSON.

use super::*;
use crate::codec::*;
use crate::kind::EntityKind;
use admiral_core::scenario::Scenario;

impl Entity for Scenario {
    const KIND: EntityKind = EntityKind::Scenario;
    const TABLE: &'static str = "scenarios";
    const COLUMNS: &'static [&'static str] = &["name", "description", "from_risk", "overrides"];

    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn label(&self) -> String {
        self.label()
    }
    fn validate_own(&self, conn: &Connection) -> Result<(), StoreError> {
        Scenario::validate_own(self)?;
        let plan = crate::change::load(conn)?;
        Ok(self.validate_in(&plan)?)
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        Ok(vec![
            text(self.name.clone()),
            text(self.description.clone()),
            opt_text(self.from_risk.map(|r| r.to_string())),
            text(to_json(&self.overrides)?),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        Ok(Scenario {
            id: parse_id("scenario id", &r.get::<_, String>(0)?)?,
            name: r.get(1)?,
            description: r.get(2)?,
            from_risk: r
                .get::<_, Option<String>>(3)?
                .map(|s| parse_id("scenario risk", &s))
                .transpose()?,
            overrides: from_json("scenario overrides", &r.get::<_, String>(4)?)?,
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        self.from_risk
            .map(|r| (EntityKind::Risk, r.to_string()))
            .into_iter()
            .collect()
    }
}
