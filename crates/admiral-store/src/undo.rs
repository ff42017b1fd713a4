//! The undo and redo stacks, kept in the file so that they survive closing it.
//!
//! The stacks hold change ids only; what to do is derived from the audit entries of the
//! change (their `before` for undo, in reverse order; their `after` for redo, in order).

use crate::audit::ChangeId;
use crate::error::StoreError;
use rusqlite::{Connection, OptionalExtension};

/// How many changes can be undone; older ones drop off the bottom of the stack (their audit
/// entries stay).
pub const UNDO_LIMIT: i64 = 1000;

#[derive(Clone, Copy)]
pub(crate) enum Stack {
    Undo,
    Redo,
}

impl Stack {
    fn table(self) -> &'static str {
        match self {
            Stack::Undo => "undo_stack",
            Stack::Redo => "redo_stack",
        }
    }
}

pub(crate) fn push(conn: &Connection, stack: Stack, change: ChangeId) -> Result<(), StoreError> {
    let t = stack.table();
    conn.execute(
        &format!("INSERT INTO {t} (position, change_id) SELECT COALESCE(MAX(position), 0) + 1, ?1 FROM {t}"),
        [change.0],
    )?;
    conn.execute(
        &format!("DELETE FROM {t} WHERE position <= (SELECT MAX(position) FROM {t}) - ?1"),
        [UNDO_LIMIT],
    )?;
    Ok(())
}

pub(crate) fn pop(conn: &Connection, stack: Stack) -> Result<Option<ChangeId>, StoreError> {
    let t = stack.table();
    let top: Option<(i64, i64)> = conn
        .query_row(
            &format!("SELECT position, change_id FROM {t} ORDER BY position DESC LIMIT 1"),
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((position, change)) = top else {
        return Ok(None);
    };
    conn.execute(&format!("DELETE FROM {t} WHERE position = ?1"), [position])?;
    Ok(Some(ChangeId(change)))
}

pub(crate) fn clear(conn: &Connection, stack: Stack) -> Result<(), StoreError> {
    conn.execute(&format!("DELETE FROM {}", stack.table()), [])?;
    Ok(())
}

pub(crate) fn depth(conn: &Connection, stack: Stack) -> Result<usize, StoreError> {
    let n: i64 = conn.query_row(
        &format!("SELECT COUNT(*) FROM {}", stack.table()),
        [],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}
