//! Dependency links: one row each; UNIQUE(predecessor, successor) and a CHECK against
//! self-links back the model's rules.

use super::*;
use crate::codec::*;
use crate::kind::EntityKind;
use admiral_core::{Lag, Link, Task, WorkMinutes};

impl Entity for Link {
    const KIND: EntityKind = EntityKind::Link;
    const TABLE: &'static str = "links";
    const COLUMNS: &'static [&'static str] = &[
        "predecessor",
        "successor",
        "kind_code",
        "lag_kind_code",
        "lag_value",
    ];

    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn label(&self) -> String {
        format!("link {}", self.id)
    }
    fn validate_own(&self, conn: &Connection) -> Result<(), StoreError> {
        if self.predecessor == self.successor {
            let label = label_of(conn, "tasks", &self.predecessor.to_string())?;
            self.validate_own(&label)?;
        }
        Ok(())
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        let (lag_kind, lag_value) = match self.lag {
            Lag::Working(m) => ("working", m.0),
            Lag::Elapsed(m) => ("elapsed", m),
            Lag::Percent(p) => ("percent", i64::from(p)),
        };
        Ok(vec![
            text(self.predecessor.to_string()),
            text(self.successor.to_string()),
            int(LINK_TYPES.of(&self.kind)?),
            int(LAG_KINDS.code(lag_kind)?),
            int(lag_value),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        let value: i64 = r.get(5)?;
        let lag = match LAG_KINDS.name(r.get_ref(4)?)? {
            "working" => Lag::Working(WorkMinutes(value)),
            "elapsed" => Lag::Elapsed(value),
            _ => Lag::Percent(narrow("link lag percent", value)?),
        };
        Ok(Link {
            id: key("link id", r.get_ref(0)?)?,
            predecessor: key("link predecessor", r.get_ref(1)?)?,
            successor: key("link successor", r.get_ref(2)?)?,
            kind: LINK_TYPES.parse(r.get_ref(3)?)?,
            lag,
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        vec![
            (EntityKind::Task, self.predecessor.to_string()),
            (EntityKind::Task, self.successor.to_string()),
        ]
    }
    fn duplicate(&self, conn: &Connection) -> Result<Option<ModelError>, StoreError> {
        Ok(Some(ModelError::DuplicateLink {
            predecessor: label_of(conn, "tasks", &self.predecessor.to_string())?,
            successor: label_of(conn, "tasks", &self.successor.to_string())?,
        }))
    }
}

/// Links that start or end at a task, in plan order (for the delete cascade).
pub(crate) fn links_of(conn: &Connection, task: &Task) -> Result<Vec<String>, StoreError> {
    let ord: Option<i64> = conn
        .prepare_cached("SELECT ord FROM tasks WHERE uid = ?1")?
        .query_row([task.id.0.as_bytes()], |r| r.get(0))
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    let Some(ord) = ord else {
        return Ok(Vec::new());
    };
    let mut stmt = conn.prepare_cached(
        "SELECT uid FROM links WHERE predecessor = ?1 OR successor = ?1 ORDER BY ord",
    )?;
    ids_from(&mut stmt, [ord])
}
