//! Writing changes: edits, whole-plan replacement, and the replay that undo and redo use.
//! Every function here runs inside the caller's transaction and appends an audit entry for
//! each row it creates, updates or deletes.

use crate::audit::{AuditWriter, PLAN_KIND};
use crate::codec::to_json;
use crate::entities::{self, settings, Entity};
use crate::error::StoreError;
use crate::kind::EntityKind;
use admiral_core::baseline::Baseline;
use admiral_core::edit::Edit;
use admiral_core::scenario::{Gone, Scenario};
use admiral_core::*;
use rusqlite::{Connection, OptionalExtension};

/// The state of one change being written.
pub(crate) struct Writer<'a> {
    pub(crate) conn: &'a Connection,
    pub(crate) audit: AuditWriter,
    /// "undo"/"redo" while replaying; `None` for create/update/delete by what happened.
    pub(crate) action: Option<&'static str>,
}

impl Writer<'_> {
    fn put<E: Entity>(&mut self, v: &E, ord_hint: Option<i64>) -> Result<Option<E>, StoreError> {
        v.validate_own(self.conn)?;
        let id = v.id_text();
        let at = v.locate_own(self.conn)?;
        let before = match at {
            Some(ord) => entities::get_at::<E>(self.conn, ord)?,
            None => None,
        };
        // A new row goes back to its old place when that is free (an undone delete).
        let place = match (at, ord_hint) {
            (None, Some(o)) => entities::free_ord::<E>(self.conn, o)?,
            _ => None,
        };
        let ord = entities::put(self.conn, v, at, place)?;
        let action = self
            .action
            .unwrap_or(if before.is_some() { "update" } else { "create" });
        let before_ord = before.as_ref().map(|(_, o)| *o);
        let before = before.map(|(b, _)| b);
        let before_json = before.as_ref().map(to_json).transpose()?;
        // The row as stored, read back: what `verify` will recompute the content hash from
        // (SQLite keeps a REAL -0.0 as 0, for one).
        let stored = entities::get_at::<E>(self.conn, ord)?
            .map(|(s, _)| s)
            .ok_or_else(|| {
                crate::error::bad_data(E::KIND.as_str(), format!("{id} vanished on write"))
            })?;
        self.audit.append(
            self.conn,
            E::KIND.as_str(),
            &id,
            action,
            before_ord,
            Some(ord),
            before_json,
            Some(to_json(&stored)?),
        )?;
        Ok(before)
    }

    fn delete<E: Entity>(&mut self, id: &str) -> Result<E, StoreError> {
        let deleted = entities::delete::<E>(self.conn, id)?;
        self.record_delete(id, deleted)
    }

    /// [`Writer::delete`] of an entity as read (a link is found by its tasks).
    fn delete_value<E: Entity>(&mut self, v: &E) -> Result<E, StoreError> {
        let deleted = entities::delete_value(self.conn, v)?;
        self.record_delete(&v.id_text(), deleted)
    }

    fn record_delete<E: Entity>(&mut self, id: &str, (v, ord): (E, i64)) -> Result<E, StoreError> {
        self.audit.append(
            self.conn,
            E::KIND.as_str(),
            id,
            self.action.unwrap_or("delete"),
            Some(ord),
            Some(ord),
            Some(to_json(&v)?),
            None,
        )?;
        Ok(v)
    }

    fn put_task(&mut self, t: &Task, ord_hint: Option<i64>) -> Result<(), StoreError> {
        let before = self.put(t, ord_hint)?;
        entities::check_outline_around(self.conn, t.number.0)?;
        if let Some(old) = before.filter(|b| b.number != t.number) {
            entities::check_outline_around(self.conn, old.number.0)?;
        }
        Ok(())
    }

    /// Deletes a task and, first, everything that needs it: its links, assignments and gates
    /// (deleted) and the risks that name it (updated without it). One audit entry each.
    fn delete_task(&mut self, id: TaskId) -> Result<(), StoreError> {
        let key = id.to_string();
        let (task, _) =
            entities::get::<Task>(self.conn, &key)?.ok_or_else(|| StoreError::Missing {
                kind: EntityKind::Task.as_str(),
                id: key.clone(),
            })?;
        // Scenarios first, so that undo restores them last, once what they name is back.
        let mut gone: Vec<Gone> = Vec::new();
        let links = entities::links_of(self.conn, &task)?;
        gone.extend(links.iter().map(|l| Gone::Link(l.id)));
        gone.push(Gone::Task(id));
        self.forget(&gone)?;
        for link in &links {
            self.delete_value(link)?;
        }
        for a in entities::ids_by_task(self.conn, "assignments", &key)? {
            self.delete::<Assignment>(&a)?;
        }
        for g in entities::ids_by_task(self.conn, "gates", &key)? {
            self.delete::<Gate>(&g)?;
        }
        for c in entities::ids_by_task(self.conn, "commitments", &key)? {
            self.delete::<Commitment>(&c)?;
        }
        for r in entities::risks_naming(self.conn, &key)? {
            if let Some((mut risk, _)) = entities::get::<Risk>(self.conn, &r)? {
                risk.task_ids.retain(|t| *t != id);
                self.put(&risk, None)?;
            }
        }
        self.delete::<Task>(&key)?;
        entities::check_outline_around(self.conn, task.number.0)?;
        Ok(())
    }

    /// Drops the scenario overrides that name deleted entities (`Scenario::forget`, the rule
    /// `admiral_core::edit::apply` keeps), one audit entry per scenario changed.
    fn forget(&mut self, gone: &[Gone]) -> Result<(), StoreError> {
        for mut s in entities::load_all::<Scenario>(self.conn)? {
            let mut changed = false;
            for g in gone {
                changed |= s.forget(*g);
            }
            if changed {
                self.put(&s, None)?;
            }
        }
        Ok(())
    }

    fn set_portfolio(&mut self, p: &Portfolio) -> Result<(), StoreError> {
        let before = settings::get_portfolio(self.conn)?;
        settings::put_portfolio(self.conn, p)?;
        self.audit.append(
            self.conn,
            EntityKind::Portfolio.as_str(),
            EntityKind::Portfolio.as_str(),
            self.action.unwrap_or("update"),
            None,
            None,
            Some(to_json(&before)?),
            Some(to_json(p)?),
        )
    }

    fn set_settings(&mut self, s: &PlanSettings) -> Result<(), StoreError> {
        let before = settings::get_settings(self.conn)?;
        settings::put_settings(self.conn, s)?;
        self.audit.append(
            self.conn,
            EntityKind::Settings.as_str(),
            EntityKind::Settings.as_str(),
            self.action.unwrap_or("update"),
            None,
            None,
            Some(to_json(&before)?),
            Some(to_json(s)?),
        )
    }

    /// Applies one edit; `ord_hint` puts a re-created row back at its old place.
    pub(crate) fn edit(&mut self, edit: &Edit, ord_hint: Option<i64>) -> Result<(), StoreError> {
        let id = |i: &dyn std::fmt::Display| i.to_string();
        match edit {
            Edit::SetPortfolio(p) => self.set_portfolio(p),
            Edit::SetSettings(s) => self.set_settings(s),
            Edit::PutRelease(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteRelease(i) => {
                self.forget(&[Gone::Release(*i)])?;
                self.delete::<Release>(&id(i)).map(drop)
            }
            Edit::PutProject(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteProject(i) => self.delete::<Project>(&id(i)).map(drop),
            Edit::PutTask(t) => self.put_task(t, ord_hint),
            Edit::DeleteTask(i) => self.delete_task(*i),
            Edit::PutLink(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteLink(i) => {
                self.forget(&[Gone::Link(*i)])?;
                self.delete::<Link>(&id(i)).map(drop)
            }
            Edit::PutCalendar(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteCalendar(i) => {
                self.forget(&[Gone::Calendar(*i)])?;
                self.delete::<Calendar>(&id(i)).map(drop)
            }
            Edit::PutBlackout(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteBlackout(i) => self.delete::<Blackout>(&id(i)).map(drop),
            Edit::PutGate(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteGate(i) => self.delete::<Gate>(&id(i)).map(drop),
            Edit::PutRisk(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteRisk(i) => {
                self.forget(&[Gone::Risk(*i)])?;
                self.delete::<Risk>(&id(i)).map(drop)
            }
            Edit::PutResource(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteResource(i) => {
                self.forget(&[Gone::Resource(*i)])?;
                self.delete::<Resource>(&id(i)).map(drop)
            }
            Edit::PutAssignment(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteAssignment(i) => self.delete::<Assignment>(&id(i)).map(drop),
            Edit::PutScenario(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteScenario(i) => self.delete::<Scenario>(&id(i)).map(drop),
            Edit::PutBaseline(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteBaseline(n) => self.delete::<Baseline>(&id(n)).map(drop),
            Edit::PutCommitment(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteCommitment(i) => self.delete::<Commitment>(&id(i)).map(drop),
            Edit::PutSnapshot(v) => self.put(v, ord_hint).map(drop),
            Edit::DeleteSnapshot(i) => self.delete::<Snapshot>(&id(i)).map(drop),
        }
    }

    /// Replaces everything in the file by `plan` (already validated), as one audit entry of
    /// kind "plan". Its `before` is the whole plan replaced (what undo puts back: it leaves
    /// the tables here, so the trail holds its only copy). Its `after` is the new plan only
    /// when that is small ([`PLAN_COPY_LIMIT`]); a larger one is in the tables and would be a
    /// second copy, so the entry records its row counts ([`PlanSummary`]) and the content
    /// commitment; an undo of it records the plan it takes away, which redo puts back.
    pub(crate) fn replace(&mut self, plan: &Plan) -> Result<(), StoreError> {
        // The new content's commitment (a 2 KiB expansion per row) is computed on a second
        // thread while this one writes the rows: the two need nothing from each other. Once
        // the rows are written, this thread takes its share of the chunks left.
        let shared = crate::content::NewPlanContent::new(plan, self.audit.scheme());
        let (before, content) = std::thread::scope(|s| {
            // No thread could be started: this one hashes every chunk after the writes.
            let content = std::thread::Builder::new().spawn_scoped(s, || shared.help());
            let written = load(self.conn).and_then(|before| {
                clear(self.conn)?;
                write_all(self.conn, plan)?;
                Ok(before)
            });
            let mine = shared.help();
            let content = match content {
                Ok(h) => h
                    .join()
                    .map_err(|_| crate::error::bad_data("plan", "the content hash stopped"))
                    .and_then(|theirs| Ok(shared.total(&[theirs?, mine?]))),
                Err(_) => mine.map(|mine| shared.total(&[mine])),
            };
            (written, content)
        });
        let before = before?;
        self.audit.set_content(content?);
        let after = if PlanSummary::rows(plan) > PLAN_COPY_LIMIT {
            to_json(&PlanSummary::of(plan))?
        } else {
            to_json(plan)?
        };
        self.audit.append(
            self.conn,
            PLAN_KIND,
            PLAN_KIND,
            self.action.unwrap_or("replace"),
            None,
            None,
            Some(to_json(&before)?),
            Some(after),
        )
    }

    /// Replays a bulk entry (`crate::bulk`) of change `change`: toward its `before` for undo,
    /// its `after` for redo.
    pub(crate) fn replay_rows(
        &mut self,
        change: &str,
        before: Option<&str>,
        after: Option<&str>,
        undo: bool,
    ) -> Result<(), StoreError> {
        let put = |w: &mut Self, r: &crate::bulk::BulkRow| {
            let json = r.json.as_deref().ok_or_else(|| {
                crate::error::bad_data(
                    "audit entry",
                    format!("bulk row {} {} has no state", r.kind, r.id),
                )
            })?;
            w.restore(&r.kind, &r.id, Some(json), r.ord).map(drop)
        };
        match (undo, before, after) {
            // Undo a creation: delete the rows it names, the last created first.
            (true, None, Some(created)) => {
                for r in crate::bulk::decode(created)?.iter().rev() {
                    self.restore(&r.kind, &r.id, None, None)?;
                }
            }
            // Undo a deletion: put the rows back, the last deleted first.
            (true, Some(deleted), None) => {
                for r in crate::bulk::decode(deleted)?.iter().rev() {
                    put(self, r)?;
                }
            }
            // Redo a creation: the rows its last undo took away (and recorded, in the order
            // it deleted them), the first created first.
            (false, None, Some(_)) => {
                for r in crate::bulk::rows_taken_by_undo(self.conn, change)?
                    .iter()
                    .rev()
                {
                    put(self, r)?;
                }
            }
            // Redo a deletion: delete the rows again, in the order they were deleted.
            (false, Some(deleted), None) => {
                for r in crate::bulk::decode(deleted)? {
                    self.restore(&r.kind, &r.id, None, None)?;
                }
            }
            _ => {
                return Err(crate::error::bad_data(
                    "audit entry",
                    "a bulk entry records neither created nor deleted rows",
                ))
            }
        }
        Ok(())
    }

    /// Sets one entity (or the whole plan) to a state recorded in the audit trail: `None`
    /// deletes it. Undo replays `before`s, redo replays `after`s.
    /// Puts back the entity `kind` `id` as `state` records it (at `position` when it is
    /// inserted), or deletes it when `state` is `None`. Returns the edit that did it; `None`
    /// when a whole plan was put back.
    pub(crate) fn restore(
        &mut self,
        kind: &str,
        id: &str,
        state: Option<&str>,
        position: Option<i64>,
    ) -> Result<Option<Edit>, StoreError> {
        fn parse<T: serde::de::DeserializeOwned>(kind: &str, s: &str) -> Result<T, StoreError> {
            crate::codec::from_json(&format!("recorded {kind}"), s)
        }
        fn key<T: std::str::FromStr>(kind: &str, id: &str) -> Result<T, StoreError>
        where
            T::Err: std::fmt::Display,
        {
            crate::codec::parse_id(&format!("recorded {kind} id"), id)
        }
        if kind == PLAN_KIND {
            if let Some(s) = state {
                return self.replace(&parse::<Plan>(kind, s)?).map(|()| None);
            }
        }
        use EntityKind as K;
        let edit = match (EntityKind::parse(kind), state) {
            (Some(K::Portfolio), Some(s)) => Edit::SetPortfolio(parse(kind, s)?),
            (Some(K::Settings), Some(s)) => Edit::SetSettings(parse(kind, s)?),
            (Some(K::Release), Some(s)) => Edit::PutRelease(parse(kind, s)?),
            (Some(K::Release), None) => Edit::DeleteRelease(key(kind, id)?),
            (Some(K::Project), Some(s)) => Edit::PutProject(parse(kind, s)?),
            (Some(K::Project), None) => Edit::DeleteProject(key(kind, id)?),
            (Some(K::Task), Some(s)) => Edit::PutTask(parse(kind, s)?),
            (Some(K::Task), None) => Edit::DeleteTask(key(kind, id)?),
            (Some(K::Link), Some(s)) => Edit::PutLink(parse(kind, s)?),
            (Some(K::Link), None) => Edit::DeleteLink(key(kind, id)?),
            (Some(K::Calendar), Some(s)) => Edit::PutCalendar(parse(kind, s)?),
            (Some(K::Calendar), None) => Edit::DeleteCalendar(key(kind, id)?),
            (Some(K::Blackout), Some(s)) => Edit::PutBlackout(parse(kind, s)?),
            (Some(K::Blackout), None) => Edit::DeleteBlackout(key(kind, id)?),
            (Some(K::Gate), Some(s)) => Edit::PutGate(parse(kind, s)?),
            (Some(K::Gate), None) => Edit::DeleteGate(key(kind, id)?),
            (Some(K::Risk), Some(s)) => Edit::PutRisk(parse(kind, s)?),
            (Some(K::Risk), None) => Edit::DeleteRisk(key(kind, id)?),
            (Some(K::Resource), Some(s)) => Edit::PutResource(parse(kind, s)?),
            (Some(K::Resource), None) => Edit::DeleteResource(key(kind, id)?),
            (Some(K::Assignment), Some(s)) => Edit::PutAssignment(parse(kind, s)?),
            (Some(K::Assignment), None) => Edit::DeleteAssignment(key(kind, id)?),
            (Some(K::Scenario), Some(s)) => Edit::PutScenario(parse(kind, s)?),
            (Some(K::Scenario), None) => Edit::DeleteScenario(key(kind, id)?),
            (Some(K::Baseline), Some(s)) => Edit::PutBaseline(parse(kind, s)?),
            (Some(K::Baseline), None) => Edit::DeleteBaseline(key(kind, id)?),
            (Some(K::Commitment), Some(s)) => Edit::PutCommitment(parse(kind, s)?),
            (Some(K::Commitment), None) => Edit::DeleteCommitment(key(kind, id)?),
            (Some(K::Snapshot), Some(s)) => Edit::PutSnapshot(parse(kind, s)?),
            (Some(K::Snapshot), None) => Edit::DeleteSnapshot(key(kind, id)?),
            // The portfolio and the settings are never deleted; other kinds are not content.
            (Some(K::Portfolio | K::Settings) | None, _) => {
                return Err(crate::error::bad_data(
                    "audit entry",
                    format!("cannot restore a {kind} {id}"),
                ))
            }
        };
        self.edit(&edit, position)?;
        Ok(Some(edit))
    }
}

/// Above this many rows, a whole-plan entry records the new plan's row counts instead of a
/// copy of it (see [`Writer::replace`]). Below it the copy is cheap and lets `verify` name
/// the field that a change made outside Admiral touched.
pub(crate) const PLAN_COPY_LIMIT: usize = 2_000;

/// What a whole-plan entry records instead of a large new plan: `{"summary": {"releases": 1,
/// "tasks": 100000, …}}`, the plan's lists with their lengths.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PlanSummary {
    summary: Counts,
}

#[derive(serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Counts {
    releases: usize,
    projects: usize,
    tasks: usize,
    links: usize,
    calendars: usize,
    blackouts: usize,
    gates: usize,
    risks: usize,
    resources: usize,
    assignments: usize,
    scenarios: usize,
}

impl PlanSummary {
    fn of(p: &Plan) -> Self {
        PlanSummary {
            summary: Counts {
                releases: p.releases.len(),
                projects: p.projects.len(),
                tasks: p.tasks.len(),
                links: p.links.len(),
                calendars: p.calendars.len(),
                blackouts: p.blackouts.len(),
                gates: p.gates.len(),
                risks: p.risks.len(),
                resources: p.resources.len(),
                assignments: p.assignments.len(),
                scenarios: p.scenarios.len(),
            },
        }
    }

    fn rows(p: &Plan) -> usize {
        let c = Self::of(p).summary;
        c.releases
            + c.projects
            + c.tasks
            + c.links
            + c.calendars
            + c.blackouts
            + c.gates
            + c.risks
            + c.resources
            + c.assignments
            + c.scenarios
    }

    /// Whether a recorded whole-plan state is a summary rather than the plan.
    pub(crate) fn is_summary(json: &str) -> bool {
        json.starts_with("{\"summary\":") && serde_json::from_str::<PlanSummary>(json).is_ok()
    }
}

/// Reads the whole plan.
pub(crate) fn load(conn: &Connection) -> Result<Plan, StoreError> {
    let _maps = crate::codec::OrdCache::begin();
    let mut plan = load_but_links(conn)?;
    plan.links = entities::load_all(conn)?;
    plan.assignments = entities::load_all(conn)?;
    Ok(plan)
}

/// The plan without its links and assignments (the two big tables after tasks), inside an
/// open [`crate::codec::OrdCache`].
fn load_but_links(conn: &Connection) -> Result<Plan, StoreError> {
    Ok(Plan {
        portfolio: settings::get_portfolio(conn)?,
        settings: settings::get_settings(conn)?,
        releases: entities::load_all(conn)?,
        projects: entities::load_all(conn)?,
        tasks: entities::load_all(conn)?,
        links: Vec::new(),
        calendars: entities::load_all(conn)?,
        blackouts: entities::load_all(conn)?,
        gates: entities::load_all(conn)?,
        risks: entities::load_all(conn)?,
        resources: entities::load_all(conn)?,
        assignments: Vec::new(),
        scenarios: entities::load_all(conn)?,
        baselines: entities::load_all(conn)?,
        commitments: entities::load_all(conn)?,
        snapshots: entities::load_all(conn)?,
    })
}

/// What identifies the content a read transaction sees: the audit chain's head (seq and
/// hash) and the content state, which every change of the plan's content moves.
#[derive(PartialEq)]
struct ReadMark {
    head: Option<(i64, String)>,
    state: Vec<u8>,
}

/// The links and assignments the second reader of [`load_two`] read.
type SideRead = Option<(Vec<Link>, Vec<Assignment>)>;

fn read_mark(conn: &Connection) -> Result<ReadMark, StoreError> {
    let head = conn
        .query_row("SELECT seq, hash FROM audit_head", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let mut state = Vec::new();
    let mut stmt = conn.prepare("SELECT kind, rows, lanes FROM content_state ORDER BY kind")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (kind, n, lanes): (String, i64, Vec<u8>) = (r.get(0)?, r.get(1)?, r.get(2)?);
        state.extend_from_slice(kind.as_bytes());
        state.extend_from_slice(&n.to_le_bytes());
        state.extend_from_slice(&lanes);
    }
    Ok(ReadMark { head, state })
}

/// [`load`] on two threads: links and assignments from `other`, a second connection to the
/// same file, while `conn` reads the rest (a 100k-task plan reads in about half the time on
/// two cores). `conn` must be in a read transaction. `None` when `other` saw other content
/// than `conn` (a change committed between the two reads began: WAL gives each its own
/// snapshot); the caller then reads with `conn` alone.
pub(crate) fn load_two(conn: &Connection, other: Connection) -> Result<Option<Plan>, StoreError> {
    let mark = read_mark(conn)?;
    std::thread::scope(|s| {
        let side =
            std::thread::Builder::new().spawn_scoped(s, move || -> Result<SideRead, StoreError> {
                let tx = other.unchecked_transaction()?;
                if read_mark(&tx)? != mark {
                    return Ok(None);
                }
                let _maps = crate::codec::OrdCache::begin();
                let links = entities::load_all(&tx)?;
                let assignments = entities::load_all(&tx)?;
                Ok(Some((links, assignments)))
            });
        // No thread could be started: the caller reads with `conn` alone.
        let Ok(side) = side else {
            return Ok(None);
        };
        let _maps = crate::codec::OrdCache::begin();
        let mut plan = load_but_links(conn)?;
        let joined = side
            .join()
            .map_err(|_| crate::error::bad_data("plan", "the second reader stopped"))?;
        Ok(joined?.map(|(links, assignments)| {
            plan.links = links;
            plan.assignments = assignments;
            plan
        }))
    })
}

/// Empties every entity table (dependants first), keeping the portfolio and settings rows.
fn clear(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(
        "DELETE FROM baselines; DELETE FROM snapshots; DELETE FROM commitments; \
         DELETE FROM scenarios; DELETE FROM risk_tasks; DELETE FROM risks; DELETE FROM assignments; \
         DELETE FROM gates; DELETE FROM links; DELETE FROM blackouts; DELETE FROM tasks; \
         DELETE FROM projects; UPDATE settings SET default_calendar = NULL; \
         DELETE FROM releases; DELETE FROM resources; DELETE FROM calendar_exceptions; \
         DELETE FROM calendars;",
    )?;
    Ok(())
}

/// Writes every entity of `plan` into empty tables, a batch of rows per statement
/// ([`entities::insert_all`]).
fn write_all(conn: &Connection, plan: &Plan) -> Result<(), StoreError> {
    use entities::insert_all as table;
    let ords = &mut entities::WrittenOrds::default();
    settings::put_portfolio(conn, &plan.portfolio)?;
    table(conn, &plan.calendars, ords)?;
    settings::put_settings(conn, &plan.settings)?;
    table(conn, &plan.releases, ords)?;
    table(conn, &plan.projects, ords)?;
    table(conn, &plan.tasks, ords)?;
    table(conn, &plan.links, ords)?;
    table(conn, &plan.blackouts, ords)?;
    table(conn, &plan.gates, ords)?;
    table(conn, &plan.risks, ords)?;
    table(conn, &plan.resources, ords)?;
    table(conn, &plan.assignments, ords)?;
    table(conn, &plan.scenarios, ords)?;
    table(conn, &plan.baselines, ords)?;
    table(conn, &plan.commitments, ords)?;
    table(conn, &plan.snapshots, ords)?;
    Ok(())
}
