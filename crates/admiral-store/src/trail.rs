//! The audit trail read back as plan changes between two report snapshots, for "what
//! changed since the last report" (`admiral_core::snapshot::what_changed`).

use crate::bulk;
use crate::codec::from_json;
use crate::error::StoreError;
use crate::kind::EntityKind;
use admiral_core::snapshot::TrailEvent;
use admiral_core::{Gate, Risk, SnapshotId, Task};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;

/// The seq of the entry that stored snapshot `id`; for a snapshot that came in with a whole
/// plan (a new plan, the demo), the last whole-plan entry; 0 when neither is found.
fn stored_at(conn: &Connection, id: SnapshotId) -> Result<i64, StoreError> {
    let own: Option<i64> = conn
        .query_row(
            "SELECT MAX(seq) FROM audit WHERE entity_kind = 'snapshot' AND entity_id = ?1 \
             AND after IS NOT NULL",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    if let Some(seq) = own {
        return Ok(seq);
    }
    let plan: Option<i64> = conn.query_row(
        "SELECT MAX(seq) FROM audit WHERE entity_kind = 'plan'",
        [],
        |r| r.get(0),
    )?;
    Ok(plan.unwrap_or(0))
}

/// Task, gate and risk entries after snapshot `since` and before `until` (to the end of the
/// trail without it), oldest first.
pub(crate) fn between(
    conn: &Connection,
    since: SnapshotId,
    until: Option<SnapshotId>,
) -> Result<Vec<TrailEvent>, StoreError> {
    let from = stored_at(conn, since)?;
    let to = match until {
        Some(u) => stored_at(conn, u)?,
        None => i64::MAX,
    };
    let mut stmt = conn.prepare(
        "SELECT entity_kind, before, after, seq FROM audit \
         WHERE seq > ?1 AND seq < ?2 AND entity_kind IN ('task', 'gate', 'risk', 'rows') \
         ORDER BY seq",
    )?;
    let mut rows = stmt.query(params![from, to])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        let before: Option<String> = r.get(1)?;
        let after: Option<String> = r.get(2)?;
        if !bulk::is_bulk(&kind) {
            if let Some(e) = event(&kind, before, after)? {
                out.push(e);
            }
            continue;
        }
        // A bulk entry: deleted rows come with their state; created rows only by id, so
        // their state is found after it (`created_states`).
        match (before, after) {
            (Some(deleted), _) => {
                for row in bulk::decode(&deleted)? {
                    if let Some(e) = event(&row.kind, row.json, None)? {
                        out.push(e);
                    }
                }
            }
            (None, Some(created)) => {
                let rows = bulk::decode(&created)?;
                let states = created_states(conn, r.get(3)?, &rows)?;
                for (row, state) in rows.iter().zip(states) {
                    if let Some(e) = event(&row.kind, None, state)? {
                        out.push(e);
                    }
                }
            }
            (None, None) => {}
        }
    }
    Ok(out)
}

/// The state of each task, gate and risk that the bulk entry `seq` created, just after it
/// created them: the `before` of the first later entry that changed or deleted the row (a
/// bulk deletion holds it too), else the row as the tables hold it now, since nothing changed
/// it after. `None` for other kinds, and for a row the tables no longer hold without an entry
/// saying so (a change made outside Admiral, which verify reports).
fn created_states(
    conn: &Connection,
    seq: i64,
    rows: &[bulk::BulkRow],
) -> Result<Vec<Option<String>>, StoreError> {
    let traced = |kind: &str| matches!(kind, "task" | "gate" | "risk");
    let wanted: HashMap<(&str, &str), usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| traced(&r.kind))
        .map(|(i, r)| ((r.kind.as_str(), r.id.as_str()), i))
        .collect();
    let mut found: Vec<Option<Option<String>>> = vec![None; rows.len()];
    let mut left = wanted.len();
    let mut stmt = conn.prepare(
        "SELECT entity_kind, entity_id, before FROM audit \
         WHERE seq > ?1 AND entity_kind IN ('task', 'gate', 'risk', 'rows') ORDER BY seq",
    )?;
    let mut later = stmt.query([seq])?;
    while left > 0 {
        let Some(r) = later.next()? else { break };
        let kind: String = r.get(0)?;
        let before: Option<String> = r.get(2)?;
        let mut first = |key: (&str, &str), state: Option<String>| {
            if let Some(&i) = wanted.get(&key) {
                if found[i].is_none() {
                    found[i] = Some(state);
                    left -= 1;
                }
            }
        };
        if !bulk::is_bulk(&kind) {
            let id: String = r.get(1)?;
            first((&kind, &id), before);
        } else if let Some(deleted) = before {
            for row in bulk::decode(&deleted)? {
                first((&row.kind, &row.id), row.json);
            }
        }
    }
    rows.iter()
        .zip(found)
        .map(|(row, state)| match state {
            Some(state) => Ok(state),
            None => match EntityKind::parse(&row.kind) {
                Some(EntityKind::Task) => current::<Task>(conn, &row.id),
                Some(EntityKind::Gate) => current::<Gate>(conn, &row.id),
                Some(EntityKind::Risk) => current::<Risk>(conn, &row.id),
                _ => Ok(None),
            },
        })
        .collect()
}

/// A row's JSON as it is in the tables now.
fn current<E: crate::entities::Entity>(
    conn: &Connection,
    id: &str,
) -> Result<Option<String>, StoreError> {
    crate::entities::get::<E>(conn, id)?
        .map(|(v, _)| crate::codec::to_json(&v))
        .transpose()
}

/// The event of one task, gate or risk entry; `None` for other kinds.
fn event(
    kind: &str,
    before: Option<String>,
    after: Option<String>,
) -> Result<Option<TrailEvent>, StoreError> {
    fn parse<T: serde::de::DeserializeOwned>(
        what: &str,
        s: Option<String>,
    ) -> Result<Option<T>, StoreError> {
        s.map(|s| from_json(what, &s)).transpose()
    }
    Ok(Some(match EntityKind::parse(kind) {
        Some(EntityKind::Task) => TrailEvent::Task {
            before: parse("recorded task", before)?,
            after: parse("recorded task", after)?,
        },
        Some(EntityKind::Gate) => TrailEvent::Gate {
            before: parse("recorded gate", before)?,
            after: parse("recorded gate", after)?,
        },
        Some(EntityKind::Risk) => TrailEvent::Risk {
            before: parse("recorded risk", before)?,
            after: parse("recorded risk", after)?,
        },
        _ => return Ok(None),
    }))
}
