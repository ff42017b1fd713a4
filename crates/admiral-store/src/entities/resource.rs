//! Resources and their assignments to tasks.

use super::*;
use crate::codec::*;
use crate::kind::EntityKind;
use admiral_core::{Assignment, Money, Resource, WorkContour, WorkMinutes};

impl Entity for Resource {
    const KIND: EntityKind = EntityKind::Resource;
    const TABLE: &'static str = "resources";
    const COLUMNS: &'static [&'static str] =
        &["name", "kind", "cost_rate", "max_units", "calendar_id"];
    const USED_BY: &'static [(&'static str, &'static str)] = &[("assignments", "resource_id")];

    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn label(&self) -> String {
        format!("resource '{}'", self.name)
    }
    fn validate_own(&self, _conn: &Connection) -> Result<(), StoreError> {
        Ok(Resource::validate_own(self)?)
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        Ok(vec![
            text(self.name.clone()),
            text(enum_text(&self.kind)?),
            int(self.cost_rate.0),
            Value::Real(self.max_units),
            opt_text(self.calendar_id.map(|c| c.to_string())),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        Ok(Resource {
            id: parse_id("resource id", &r.get::<_, String>(0)?)?,
            name: r.get(1)?,
            kind: parse_enum("resource kind", &r.get::<_, String>(2)?)?,
            cost_rate: Money(r.get(3)?),
            max_units: r.get(4)?,
            calendar_id: parse_opt_id("resource calendar", r.get(5)?)?,
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        self.calendar_id
            .map(|c| (EntityKind::Calendar, c.to_string()))
            .into_iter()
            .collect()
    }
}

impl Entity for Assignment {
    const KIND: EntityKind = EntityKind::Assignment;
    const TABLE: &'static str = "assignments";
    const COLUMNS: &'static [&'static str] = &[
        "task_id",
        "resource_id",
        "units",
        "work_minutes",
        "work_contour_code",
        "contour_span_minutes",
    ];

    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn stored_key(&self) -> Value {
        uuid_value(self.id.0)
    }
    fn label(&self) -> String {
        format!("assignment {}", self.id)
    }
    fn validate_own(&self, conn: &Connection) -> Result<(), StoreError> {
        if self.units <= 0.0 || self.units.is_nan() {
            let resource = label_of(conn, "resources", &self.resource_id.to_string())?;
            let task = label_of(conn, "tasks", &self.task_id.to_string())?;
            // The model's message quotes the resource name itself.
            let name = resource
                .strip_prefix("resource '")
                .and_then(|s| s.strip_suffix('\''))
                .unwrap_or(&resource);
            self.validate_units(name, &task)?;
        }
        Ok(())
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        Ok(vec![
            task_ref(self.task_id),
            text(self.resource_id.to_string()),
            Value::Real(self.units),
            opt_int(self.work.map(|w| w.0)),
            int(CONTOURS.code(self.contour.name())?),
            opt_int(match self.contour {
                WorkContour::Contoured { span } => Some(span.0),
                _ => None,
            }),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        Ok(Assignment {
            id: key("assignment id", r.get_ref(0)?)?,
            task_id: key("assignment task", r.get_ref(1)?)?,
            resource_id: key("assignment resource", r.get_ref(2)?)?,
            units: r.get(3)?,
            work: r.get::<_, Option<i64>>(4)?.map(WorkMinutes),
            contour: {
                let name = CONTOURS.name(r.get_ref(5)?)?;
                let span = r.get::<_, Option<i64>>(6)?.map(WorkMinutes);
                WorkContour::from_name(name, span).ok_or_else(|| {
                    crate::error::bad_data(
                        "assignment work contour",
                        format!("'{name}' with span {span:?}"),
                    )
                })?
            },
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        vec![
            (EntityKind::Task, self.task_id.to_string()),
            (EntityKind::Resource, self.resource_id.to_string()),
        ]
    }
}

/// Ids of the rows of `table` whose `task_id` is `task`, in plan order (delete cascade).
pub(crate) fn ids_by_task(
    conn: &Connection,
    table: &str,
    task: &str,
) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM {table} WHERE task_id = ({}) ORDER BY ord",
        key_column(table),
        ord_of_param("tasks", 1)
    ))?;
    ids_from(&mut stmt, [key_value("tasks", task)])
}
