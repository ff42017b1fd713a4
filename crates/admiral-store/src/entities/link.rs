//! Dependency links: one row each; UNIQUE(predecessor, successor) and a CHECK against
//! self-links back the model's rules.
//!
//! A link whose id is the one derived from its two tasks ([`LinkId::derived`], what every new
//! link gets) stores NULL as `uid` (format 13): the id is computed from the two tasks' ids
//! when the row is read. So a link is found by its stored id, or by its tasks when its id is
//! the derived one; from an id alone (a delete) through [`derived`]'s map of the rows without
//! a stored id.

use super::*;
use crate::codec::*;
use crate::kind::EntityKind;
use admiral_core::{Lag, Link, LinkId, Task, TaskId, WorkMinutes};
use rusqlite::types::ValueRef;
use rusqlite::OptionalExtension;

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
            task_ref(self.predecessor),
            task_ref(self.successor),
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
        let predecessor = key("link predecessor", r.get_ref(1)?)?;
        let successor = key("link successor", r.get_ref(2)?)?;
        Ok(Link {
            id: stored_or_derived(r.get_ref(0)?, predecessor, successor)?,
            predecessor,
            successor,
            kind: LINK_TYPES.parse(r.get_ref(3)?)?,
            lag,
        })
    }
    fn stored_key(&self) -> Value {
        if self.id.is_derived(self.predecessor, self.successor) {
            Value::Null
        } else {
            uuid_value(self.id.0)
        }
    }
    fn locate(conn: &Connection, id: &str) -> Result<Option<i64>, StoreError> {
        if let Some(ord) = locate_key(conn, Self::TABLE, id)? {
            return Ok(Some(ord));
        }
        match id.parse::<LinkId>() {
            Ok(id) => derived::locate(conn, id),
            Err(_) => Ok(None),
        }
    }
    fn locate_own(&self, conn: &Connection) -> Result<Option<i64>, StoreError> {
        if let Some(ord) = locate_key(conn, Self::TABLE, &self.id.to_string())? {
            return Ok(Some(ord));
        }
        if self.id.is_derived(self.predecessor, self.successor) {
            // Only the row between the same two tasks, without a stored id, can have it.
            return Ok(conn
                .prepare_cached(
                    "SELECT ord FROM links WHERE uid IS NULL \
                     AND predecessor = (SELECT ord FROM tasks WHERE uid = ?1) \
                     AND successor = (SELECT ord FROM tasks WHERE uid = ?2)",
                )?
                .query_row(
                    [self.predecessor.0.as_bytes(), self.successor.0.as_bytes()],
                    |r| r.get(0),
                )
                .optional()?);
        }
        // Moved to other tasks: its row may still be between the tasks it was derived from.
        derived::locate(conn, self.id)
    }
    fn written(&self, ord: i64) {
        if self.id.is_derived(self.predecessor, self.successor) {
            derived::note(self.id, ord);
        }
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
pub(crate) fn links_of(conn: &Connection, task: &Task) -> Result<Vec<Link>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {} FROM links WHERE predecessor = ?1 OR successor = ?1 ORDER BY ord",
        select_columns::<Link>()
    ))?;
    let mut rows = stmt.query([locate_key(conn, "tasks", &task.id.to_string())?])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(Link::from_row(r)?);
    }
    Ok(out)
}

/// A link's id: the one its `uid` column holds, or when that is NULL the one derived from
/// its two tasks.
fn stored_or_derived(
    stored: ValueRef<'_>,
    predecessor: TaskId,
    successor: TaskId,
) -> Result<LinkId, StoreError> {
    match stored {
        ValueRef::Null => Ok(LinkId::derived(predecessor, successor)),
        stored => key("link id", stored),
    }
}

/// Every link's id (stored or derived) with its `ord`.
pub(crate) fn link_ords(conn: &Connection) -> Result<Vec<(LinkId, i64)>, StoreError> {
    link_ids(conn, "")
}

/// The id and `ord` of the links `filter` (a WHERE clause, or "") keeps, from one pass over
/// the tasks' ids ([`crate::codec::OrdIds`], as `load_all` resolves references) and one over
/// the links: a join per link took four times as long (0.3 s at 300k links).
fn link_ids(conn: &Connection, filter: &str) -> Result<Vec<(LinkId, i64)>, StoreError> {
    let _ids = crate::codec::OrdIds::set(vec![("tasks", super::ids_by_ord(conn, "tasks")?)]);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT uid, predecessor, successor, ord FROM links {filter}"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let predecessor = key("link predecessor", r.get_ref(1)?)?;
        let successor = key("link successor", r.get_ref(2)?)?;
        let id = stored_or_derived(r.get_ref(0)?, predecessor, successor)?;
        out.push((id, r.get(3)?));
    }
    Ok(out)
}

/// Finding a link without a stored id from its id alone.
pub(crate) mod derived {
    use super::*;
    use std::cell::RefCell;
    use std::collections::HashMap;

    thread_local! {
        /// The derived id of every link row without a stored id, with its `ord`, as last read
        /// on this thread, and each such link written since by an edit ([`note`]). Not kept
        /// exact (other files, other connections, deletes): a hit is checked against the row,
        /// a miss reads the map again. Kept between calls, so that deleting many links by id
        /// (the undo of an import), or one just added (the desktop), reads it at most once.
        static ORDS: RefCell<HashMap<LinkId, i64>> = RefCell::new(HashMap::new());
    }

    #[cfg(test)]
    thread_local! {
        /// How many times this thread read the map.
        pub(crate) static READS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    }

    /// Notes a link without a stored id that an edit wrote at `ord`.
    pub(crate) fn note(id: LinkId, ord: i64) {
        ORDS.with(|m| m.borrow_mut().insert(id, ord));
    }

    /// The ids of the two tasks of the link at `ord`, when it stores no id.
    fn tasks_at(conn: &Connection, ord: i64) -> Result<Option<(TaskId, TaskId)>, StoreError> {
        let mut stmt = conn.prepare_cached(
            "SELECT p.uid, s.uid FROM links l JOIN tasks p ON p.ord = l.predecessor \
             JOIN tasks s ON s.ord = l.successor WHERE l.ord = ?1 AND l.uid IS NULL",
        )?;
        let mut rows = stmt.query([ord])?;
        Ok(match rows.next()? {
            Some(r) => Some((
                key("link predecessor", r.get_ref(0)?)?,
                key("link successor", r.get_ref(1)?)?,
            )),
            None => None,
        })
    }

    fn read(conn: &Connection) -> Result<HashMap<LinkId, i64>, StoreError> {
        #[cfg(test)]
        READS.with(|r| r.set(r.get() + 1));
        Ok(link_ids(conn, "WHERE uid IS NULL")?.into_iter().collect())
    }

    /// The `ord` of the row without a stored id whose derived id is `id`.
    pub(crate) fn locate(conn: &Connection, id: LinkId) -> Result<Option<i64>, StoreError> {
        if id.0.get_version_num() != 8 {
            return Ok(None); // not derived (version 8 is what `LinkId::derived` makes)
        }
        if let Some(ord) = ORDS.with(|m| m.borrow().get(&id).copied()) {
            if tasks_at(conn, ord)?.is_some_and(|(p, s)| id.is_derived(p, s)) {
                return Ok(Some(ord));
            }
        }
        let map = read(conn)?;
        let found = map.get(&id).copied();
        ORDS.with(|m| *m.borrow_mut() = map);
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use admiral_core::edit::Edit;

    #[test]
    fn a_link_just_added_is_deleted_by_id_without_reading_the_map_again() {
        // A config folder that outlives every test of this binary (others set their own).
        static CONFIG: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
        let config = CONFIG.get_or_init(|| tempfile::tempdir().unwrap());
        std::env::set_var(crate::CONFIG_DIR_VAR, config.path());
        let dir = tempfile::tempdir().unwrap();
        let plan = admiral_core::demo::demo_plan_sized(200, 1);
        let mut f =
            crate::PlanFile::create_with(dir.path().join("p.admiral"), &plan, "P", false).unwrap();
        let reads = || derived::READS.with(|r| r.get());
        let first = plan.links[0];
        assert!(first.id.is_derived(first.predecessor, first.successor));
        f.apply(&[Edit::DeleteLink(first.id)], "delete").unwrap();
        let after_first = reads();
        assert!(after_first >= 1, "a delete by id alone reads the map");
        // Put back by its tasks, then deleted by id again: the map has it.
        f.apply(&[Edit::PutLink(first)], "add").unwrap();
        f.apply(&[Edit::DeleteLink(first.id)], "delete again")
            .unwrap();
        assert_eq!(reads(), after_first);
        assert!(f.load().unwrap().links.iter().all(|l| l.id != first.id));
    }
}
