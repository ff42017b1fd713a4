//! [`PlanFile`]: creating, opening and changing a plan file.

use crate::audit::{self, AuditEntry, AuditReport, AuditWriter, ChangeId, ChangeKind};
use crate::bulk;
use crate::change::{self, Writer};
use crate::content::Scheme;
use crate::error::StoreError;
use crate::keys::{self, AuthorKey};
use crate::migrate::{self, APPLICATION_ID};
use crate::undo::{self, Stack};
use crate::{entities::settings, header};
use admiral_core::edit::Edit;
use admiral_core::{Plan, PlanSettings, Portfolio};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// From this many links (by the largest `ord`) a plan is read on two connections: below it
/// the second connection's opening costs more than it saves (at 10k tasks and 30k links the
/// read is about 50 ms).
const TWO_READERS_LINKS: i64 = 20_000;

/// An open plan file. One plan per file; every change is one SQLite transaction that also
/// appends its audit entries, so the file never holds a half-applied change.
pub struct PlanFile {
    path: PathBuf,
    conn: Connection,
    actor: String,
    /// Why the file was opened read-only, when it was (see [`PlanFile::open`]).
    read_only: Option<String>,
    /// The author's signing key, read (or created) at the first change.
    key: Option<AuthorKey>,
    /// A private copy of the file and its `-wal` that `conn` reads, when the plan could only
    /// be read that way (see `open_read_only`); removed when the plan is closed.
    _copy: Option<tempfile::TempDir>,
    /// SQLite's `data_version` when the plan was last loaded: it moves when another
    /// connection commits a change to the file (see [`PlanFile::changed_elsewhere`]).
    loaded_version: std::cell::Cell<i64>,
}

/// `loaded_version` before the first load: any version differs from it.
const NEVER_LOADED: i64 = i64::MIN;

/// SQLite's `data_version` of `conn`: unchanged by its own commits, moved by any other
/// connection's.
fn data_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "data_version", |r| r.get(0))?)
}

/// What became of an export written with [`PlanFile::write_export`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExportRecord {
    /// Recorded in the audit trail as this change.
    Recorded(ChangeId),
    /// Written but not recorded: the plan is read-only (the reason), so its audit trail
    /// cannot have changed since and cannot take the entry.
    ReadOnlyPlan(String),
}

/// What an undo or redo did.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChangeSummary {
    /// The change that was undone or redone.
    pub target: ChangeId,
    /// Its label.
    pub label: String,
    /// The new change recording the undo or redo in the audit trail.
    pub recorded_as: ChangeId,
    /// How many audit entries the undo or redo appended.
    pub entries: usize,
    /// The edits it replayed, in order, when it replayed entities one by one (not a whole
    /// plan or the bulk rows of a large change): applied to the plan held before, they give
    /// the plan the file now holds, except where one inserts an entity, which the file puts
    /// back at its recorded position (see core's `edit::replays_in_place`). Not part of the
    /// CLI's JSON.
    #[serde(skip)]
    pub edits: Option<Vec<Edit>>,
}

impl PlanFile {
    /// Creates a new plan file holding an empty plan for `portfolio_name`, and opens it.
    ///
    /// Refuses to replace an existing file unless `force`. The file is built under a
    /// temporary name beside `path` and linked into place only when complete (see
    /// [`PlanFile::create_with`]).
    pub fn create(
        path: impl AsRef<Path>,
        portfolio_name: &str,
        force: bool,
    ) -> Result<PlanFile, StoreError> {
        let path = path.as_ref();
        let tmp = prepare_new(path, force)?;
        let key = keys::load_or_create()?;
        let built =
            build_new(&tmp, portfolio_name, key, Scheme::Blake3).and_then(|()| sync_file(&tmp));
        finish_new(built, &tmp, path, force)?;
        PlanFile::open(path)
    }

    /// Creates a new plan file holding `plan` (its first content, audited as `label`), and
    /// opens it: all or nothing. The whole file — schema, plan, audit trail — is built under
    /// a temporary name beside `path` and only then linked into place, so a crash or a kill
    /// at any moment leaves no file at `path` (and a stale temporary file is removed by the
    /// next creation there). Without `force` an existing file is never replaced, even one
    /// that appears while the new file is being built; with `force` the old file stays
    /// intact until the new one is complete.
    pub fn create_with(
        path: impl AsRef<Path>,
        plan: &Plan,
        label: &str,
        force: bool,
    ) -> Result<PlanFile, StoreError> {
        Self::create_in(path.as_ref(), plan, label, force, Scheme::Blake3)
    }

    /// [`PlanFile::create_with`], with the content commitment hashing rows with SHA-256 as
    /// every file made before format 14 does: for tests that make a file of an older format
    /// from a new one. Nothing else makes such a file.
    #[doc(hidden)]
    pub fn create_with_sha256_content(
        path: impl AsRef<Path>,
        plan: &Plan,
        label: &str,
    ) -> Result<PlanFile, StoreError> {
        Self::create_in(path.as_ref(), plan, label, false, Scheme::Sha256)
    }

    fn create_in(
        path: &Path,
        plan: &Plan,
        label: &str,
        force: bool,
        scheme: Scheme,
    ) -> Result<PlanFile, StoreError> {
        // Validated before the file is made; not again when it is filled.
        plan.validate()?;
        NewPlanFile::start_in(path, &plan.portfolio.name, force, scheme)?
            .finish_validated(plan, label)
    }

    /// Opens an existing plan file.
    ///
    /// A file that is not a healthy Admiral plan is refused with [`StoreError::NotFound`],
    /// [`StoreError::NotAPlan`], [`StoreError::Damaged`] or [`StoreError::TooNew`], and is
    /// left byte-for-byte unchanged: the header is read with plain file reads, then SQLite
    /// reads the schema and the first page of every table through a read-only connection
    /// (not every page: [`PlanFile::verify_audit`] does that), and only a file that passes is
    /// opened for writing (which switches on WAL and migrates an older format forward).
    ///
    /// A plan that cannot be written — the file or its folder is read-only, or the file
    /// system is — opens read-only: it can be shown, scheduled, reported and verified, and
    /// reading it creates no file at all (no `-wal`, no `-shm` that could later block
    /// writing). A change to it fails with [`StoreError::ReadOnly`].
    pub fn open(path: impl AsRef<Path>) -> Result<PlanFile, StoreError> {
        let path = path.as_ref();
        check_path_length(path)?;
        header::check(path)?;
        check_read_only(path)?;
        if let Some(reason) = why_read_only(path) {
            let (conn, copy) = open_read_only(path).map_err(|e| StoreError::Damaged {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
            conn.pragma_update(None, "foreign_keys", true)?;
            refuse_triggers(&conn, path)?;
            let version = migrate::version(&conn)?;
            if version < migrate::LATEST_VERSION {
                return Err(StoreError::ReadOnly {
                    path: path.to_path_buf(),
                    reason: format!(
                        "{reason}, and its file format {version} must first be upgraded to {}: open it once where it can be written",
                        migrate::LATEST_VERSION
                    ),
                });
            }
            return Ok(PlanFile {
                path: path.to_path_buf(),
                conn,
                actor: audit::actor(),
                read_only: Some(reason),
                key: None,
                _copy: copy,
                loaded_version: std::cell::Cell::new(NEVER_LOADED),
            });
        }
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn, true)?;
        refuse_triggers(&conn, path)?;
        migrate::migrate(&mut conn, path)?;
        Ok(PlanFile {
            path: path.to_path_buf(),
            conn,
            actor: audit::actor(),
            read_only: None,
            key: None,
            _copy: None,
            loaded_version: std::cell::Cell::new(NEVER_LOADED),
        })
    }

    /// Why the plan was opened read-only (e.g. "the file is read-only"), or `None` when it
    /// can be changed.
    pub fn read_only(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Fails with [`StoreError::ReadOnly`] when the plan was opened read-only.
    fn writable(&self) -> Result<(), StoreError> {
        match &self.read_only {
            Some(reason) => Err(StoreError::ReadOnly {
                path: self.path.clone(),
                reason: reason.clone(),
            }),
            None => Ok(()),
        }
    }

    /// The author's key, from the config directory (created there on first use).
    fn key(&mut self) -> Result<AuthorKey, StoreError> {
        if self.key.is_none() {
            self.key = Some(keys::load_or_create()?);
        }
        Ok(self.key.clone().expect("just set"))
    }

    /// Signs this session's changes with the ed25519 key of `seed` instead of the user's key
    /// from the config directory (for tools that keep keys elsewhere, and tests).
    pub fn use_author_key(&mut self, seed: [u8; 32]) {
        self.key = Some(AuthorKey::from_seed(seed));
    }

    /// The public key (hex) that signs this session's changes, reading or creating the key.
    pub fn author_public_key(&mut self) -> Result<String, StoreError> {
        Ok(self.key()?.public_hex)
    }

    /// The file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the whole plan: tasks ordered by number, everything else in insertion order.
    pub fn load(&self) -> Result<Plan, StoreError> {
        // One read transaction, so the plan is a consistent snapshot even if another process
        // writes meanwhile. A large plan is read on two connections, checked to see the
        // same content (`change::load_two`).
        let tx = self.conn.unchecked_transaction()?;
        let two = match self.second_reader(&tx)? {
            Some(other) => change::load_two(&tx, other)?,
            None => None,
        };
        let plan = match two {
            Some(plan) => plan,
            None => change::load(&tx)?,
        };
        self.loaded_version.set(data_version(&tx)?);
        tx.commit()?;
        Ok(plan)
    }

    /// Whether another connection (another window, the CLI) has committed a change to the
    /// file since this one last loaded the plan; this connection's own changes do not count.
    /// A caller that keeps the loaded plan and applies its own edits to it must load it again
    /// when this is true.
    pub fn changed_elsewhere(&self) -> Result<bool, StoreError> {
        Ok(data_version(&self.conn)? != self.loaded_version.get())
    }

    /// A second connection to read a large plan with (at least [`TWO_READERS_LINKS`] links),
    /// when the file is opened for writing (a read-only plan is read as it is, with one).
    fn second_reader(&self, tx: &Connection) -> Result<Option<Connection>, StoreError> {
        if self.read_only.is_some() || self._copy.is_some() {
            return Ok(None);
        }
        let links: Option<i64> = tx.query_row("SELECT max(ord) FROM links", [], |r| r.get(0))?;
        if links.unwrap_or(0) < TWO_READERS_LINKS {
            return Ok(None);
        }
        let flags =
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX;
        Ok(Connection::open_with_flags(&self.path, flags).ok())
    }

    /// Applies `edits` in order as one change labelled `label`, in one transaction.
    ///
    /// Each edit must keep the rules of the model (the same as `admiral_core::edit::apply`):
    /// the entity's own rules, existing references, unique task numbers and links, the
    /// outline rule; deleting a task also deletes its links, assignments and gates and drops
    /// it from risks, each with its own audit entry. On any error nothing is written. The
    /// change goes on the undo stack and clears the redo stack.
    pub fn apply(&mut self, edits: &[Edit], label: &str) -> Result<ChangeId, StoreError> {
        self.writable()?;
        let key = self.key()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let audit = AuditWriter::begin(&tx, ChangeKind::Edit, label, &self.actor, Some(key))?
            .collecting(None);
        let mut w = Writer {
            conn: &tx,
            audit,
            action: None,
        };
        for e in edits {
            w.edit(e, None)?;
        }
        let (change, entries) = w.audit.finish(&tx)?;
        if entries > 0 {
            undo::push(&tx, Stack::Undo, change)?;
            undo::clear(&tx, Stack::Redo)?;
        }
        tx.commit()?;
        Ok(change)
    }

    /// Replaces the whole plan (after `Plan::validate`), in one transaction, as one audit
    /// entry holding the old and the new plan; undo puts the old plan back. The first content
    /// of a file that holds no plan yet is not undoable.
    pub fn replace_plan(&mut self, plan: &Plan, label: &str) -> Result<ChangeId, StoreError> {
        self.writable()?;
        plan.validate()?;
        self.replace_validated(plan, label)
    }

    /// [`PlanFile::replace_plan`] of a plan the caller has just validated.
    fn replace_validated(&mut self, plan: &Plan, label: &str) -> Result<ChangeId, StoreError> {
        self.writable()?;
        // A bulk write touches every page of every index; with SQLite's default 2 MB page
        // cache, dirty pages would spill into the WAL again and again. A large cache for the
        // length of this transaction writes each page once (SQLite allocates it lazily).
        self.conn
            .pragma_update(None, "cache_size", BULK_CACHE_KIB)?;
        let result = self.replace_in_transaction(plan, label);
        self.conn.pragma_update(None, "cache_size", CACHE_KIB)?;
        result
    }

    fn replace_in_transaction(&mut self, plan: &Plan, label: &str) -> Result<ChangeId, StoreError> {
        let key = self.key()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // A file with no release and no task is getting its first content (a new plan, the
        // demo, an import): audited like any change, but not undoable, since undoing it would
        // only leave an empty file.
        let initial: bool = tx.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM releases) AND NOT EXISTS (SELECT 1 FROM tasks)",
            [],
            |r| r.get(0),
        )?;
        let audit = AuditWriter::begin(&tx, ChangeKind::Replace, label, &self.actor, Some(key))?;
        let mut w = Writer {
            conn: &tx,
            audit,
            action: None,
        };
        w.replace(plan)?;
        let (change, _) = w.audit.finish(&tx)?;
        if !initial {
            undo::push(&tx, Stack::Undo, change)?;
        }
        undo::clear(&tx, Stack::Redo)?;
        tx.commit()?;
        Ok(change)
    }

    /// Undoes the most recent change not yet undone, restoring each entity it touched (in
    /// reverse order) to its recorded `before`; recorded as a new change whose entries have
    /// action "undo". `None` when there is nothing to undo. Survives closing the file.
    pub fn undo(&mut self) -> Result<Option<ChangeSummary>, StoreError> {
        self.replay(Stack::Undo)
    }

    /// Redoes the most recently undone change (until a new edit clears the redo stack).
    pub fn redo(&mut self) -> Result<Option<ChangeSummary>, StoreError> {
        self.replay(Stack::Redo)
    }

    /// How many changes can be undone and redone.
    pub fn history_depth(&self) -> Result<(usize, usize), StoreError> {
        Ok((
            undo::depth(&self.conn, Stack::Undo)?,
            undo::depth(&self.conn, Stack::Redo)?,
        ))
    }

    fn replay(&mut self, from: Stack) -> Result<Option<ChangeSummary>, StoreError> {
        self.writable()?;
        let key = self.key()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let Some(target) = undo::pop(&tx, from)? else {
            return Ok(None);
        };
        let label = audit::change_label(&tx, target)?;
        let entries = audit::entries_of(&tx, target)?;
        let (kind, action, to) = match from {
            Stack::Undo => (ChangeKind::Undo, "undo", Stack::Redo),
            Stack::Redo => (ChangeKind::Redo, "redo", Stack::Undo),
        };
        let audit = AuditWriter::begin(
            &tx,
            kind,
            &format!("{action}: {label}"),
            &self.actor,
            Some(key),
        )?
        .collecting(Some(target));
        let mut w = Writer {
            conn: &tx,
            audit,
            action: Some(action),
        };
        // The edits replayed, while every entry is one entity.
        let mut edits = Some(Vec::new());
        let mut replayed = |e: Option<Edit>| match (e, &mut edits) {
            (Some(e), Some(all)) => all.push(e),
            _ => edits = None,
        };
        match from {
            Stack::Undo => {
                for e in entries.iter().rev() {
                    if bulk::is_bulk(&e.entity_kind) {
                        w.replay_rows(&e.entity_id, e.before.as_deref(), e.after.as_deref(), true)?;
                        replayed(None);
                        continue;
                    }
                    replayed(w.restore(
                        &e.entity_kind,
                        &e.entity_id,
                        e.before.as_deref(),
                        e.position,
                    )?);
                }
            }
            Stack::Redo => {
                for e in &entries {
                    if bulk::is_bulk(&e.entity_kind) {
                        w.replay_rows(
                            &e.entity_id,
                            e.before.as_deref(),
                            e.after.as_deref(),
                            false,
                        )?;
                        replayed(None);
                        continue;
                    }
                    // A large whole plan is recorded by its summary: the undo that took it out
                    // of the tables recorded the plan itself.
                    let after = match (&e.after, &e.content) {
                        (Some(a), Some(content))
                            if e.entity_kind == audit::PLAN_KIND
                                && change::PlanSummary::is_summary(a) =>
                        {
                            Some(audit::plan_taken_by_undo(&tx, content)?)
                        }
                        _ => e.after.clone(),
                    };
                    replayed(w.restore(
                        &e.entity_kind,
                        &e.entity_id,
                        after.as_deref(),
                        e.position,
                    )?);
                }
            }
        }
        let (recorded_as, n) = w.audit.finish(&tx)?;
        undo::push(&tx, to, target)?;
        tx.commit()?;
        Ok(Some(ChangeSummary {
            target,
            label,
            recorded_as,
            entries: n,
            edits,
        }))
    }

    /// Every audit entry, oldest first.
    pub fn audit(&self) -> Result<Vec<AuditEntry>, StoreError> {
        audit::entries(&self.conn)
    }

    /// One page of the audit trail, newest first, filtered as `query` says (see
    /// [`AuditQuery`](crate::AuditQuery)); whole-plan entries carry counts, not the plans.
    pub fn audit_page(&self, query: &crate::AuditQuery) -> Result<crate::AuditPage, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let page = crate::audit_query::page(&tx, query)?;
        tx.commit()?;
        Ok(page)
    }

    /// How many audit entries there are, their entity kinds and actors, and the chain's head.
    pub fn audit_overview(&self) -> Result<crate::AuditOverview, StoreError> {
        crate::audit_query::overview(&self.conn)
    }

    /// Checks the audit chain and names the first entry that was altered, removed or
    /// inserted; checks every entry's signature and lists the keys that signed (marking those
    /// in this user's trust list, see [`config_dir`](crate::config_dir)); recomputes the
    /// plan's content from the tables and compares it with the last entry's commitment,
    /// naming the rows that differ. Never creates a key. First runs SQLite's check of every
    /// page (which opening leaves out): a damaged file fails with [`StoreError::Damaged`].
    pub fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        let trusted = keys::trusted_keys();
        let tx = self.conn.unchecked_transaction()?;
        full_check(&tx, &self.path)?;
        let report = audit::verify(&tx, &trusted)?;
        tx.commit()?;
        Ok(report)
    }

    /// [`Self::verify_audit`], and the chain head must be `expected_head` (hex), a head the
    /// verifier noted earlier (printed by `audit --verify` and the PDF report): a trail cut
    /// short and re-signed with a new key passes every other check, not this one.
    pub fn verify_audit_expecting(&self, expected_head: &str) -> Result<AuditReport, StoreError> {
        let trusted = keys::trusted_keys();
        let tx = self.conn.unchecked_transaction()?;
        let report = audit::verify_expecting(&tx, &trusted, expected_head)?;
        tx.commit()?;
        Ok(report)
    }

    /// Records in the audit trail that a report was exported, e.g. `what` = "release report
    /// R2027.1 (summary, gantt, …) to r27.pdf". One change with one entry (entity kind
    /// "report", action "export"), hash-chained like every other; it changes nothing in the
    /// plan, so it is not put on the undo stack and leaves the redo stack alone.
    pub fn record_report(&mut self, what: &str) -> Result<ChangeId, StoreError> {
        self.record_output(
            audit::REPORT_KIND,
            &format!("export report: {what}"),
            what,
            None,
        )
    }

    /// Records in the audit trail that the plan was exported to another tool's format, e.g.
    /// `what` = "MS Project XML to r27.xml" (entity kind "export", action "export"); like
    /// [`Self::record_report`] it is not undoable and does not count as a report.
    pub fn record_export(&mut self, what: &str) -> Result<ChangeId, StoreError> {
        self.record_output(EXPORT_KIND, &format!("export: {what}"), what, None)
    }

    /// Records a report export like [`Self::record_report`], and stores `snapshot` (what the
    /// report said) in the plan in the same change, as an audited entry before the report's.
    /// Like the report entry it is not put on the undo stack.
    pub fn record_report_with_snapshot(
        &mut self,
        what: &str,
        snapshot: &admiral_core::Snapshot,
    ) -> Result<ChangeId, StoreError> {
        self.record_output(
            audit::REPORT_KIND,
            &format!("export report: {what}"),
            what,
            Some(snapshot),
        )
    }

    fn record_output(
        &mut self,
        kind: &str,
        label: &str,
        what: &str,
        snapshot: Option<&admiral_core::Snapshot>,
    ) -> Result<ChangeId, StoreError> {
        self.writable()?;
        let key = self.key()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut audit = AuditWriter::begin(&tx, ChangeKind::Edit, label, &self.actor, Some(key))?;
        if let Some(snap) = snapshot {
            let mut w = Writer {
                conn: &tx,
                audit,
                action: None,
            };
            w.edit(&Edit::PutSnapshot(snap.clone()), None)?;
            audit = w.audit;
        }
        let after = crate::codec::to_json(&serde_json::json!({ kind: what }))?;
        audit.append(
            &tx,
            kind,
            what,
            audit::REPORT_ACTION,
            None,
            None,
            None,
            Some(after),
        )?;
        let (change, _) = audit.finish(&tx)?;
        tx.commit()?;
        Ok(change)
    }

    /// The export policy of the CLI and the desktop app, in one place: refuses a target that
    /// would destroy something ([`crate::check_output`]: this plan or its side files, another
    /// plan, a folder, a device), writes `bytes` atomically, then records `what` in the audit
    /// trail — as a report when `report`, else as an export — and only then puts it in place.
    /// An output that cannot be recorded is not written, and a file already at `out` stays as
    /// it was (every file handed out is in the audit trail), except from a plan opened
    /// read-only, whose trail cannot take it: then the output is written and the result says
    /// why it was not recorded.
    pub fn write_export(
        &mut self,
        out: &Path,
        bytes: &[u8],
        what: &str,
        report: bool,
    ) -> Result<ExportRecord, StoreError> {
        self.write_export_with(out, bytes, what, report, None)
    }

    /// [`Self::write_export`] for a report that also stores its snapshot
    /// ([`Self::record_report_with_snapshot`]): each report export leaves one behind.
    pub fn write_report(
        &mut self,
        out: &Path,
        bytes: &[u8],
        what: &str,
        snapshot: &admiral_core::Snapshot,
    ) -> Result<ExportRecord, StoreError> {
        self.write_export_with(out, bytes, what, true, Some(snapshot))
    }

    fn write_export_with(
        &mut self,
        out: &Path,
        bytes: &[u8],
        what: &str,
        report: bool,
        snapshot: Option<&admiral_core::Snapshot>,
    ) -> Result<ExportRecord, StoreError> {
        // Written beside `out` first; `out` is replaced only once the trail has it, so a
        // refused recording leaves the file that was there (last week's report) untouched.
        let staged = crate::output::stage_output(out, bytes, Some(&self.path))?;
        if let Some(reason) = &self.read_only {
            staged.place()?;
            return Ok(ExportRecord::ReadOnlyPlan(reason.clone()));
        }
        let recorded = match (report, snapshot) {
            (true, Some(snap)) => self.record_report_with_snapshot(what, snap),
            (true, None) => self.record_report(what),
            (false, _) => self.record_export(what),
        };
        match recorded {
            Ok(change) => {
                staged.place()?;
                Ok(ExportRecord::Recorded(change))
            }
            Err(e) => Err(StoreError::Output {
                path: out.to_path_buf(),
                reason: format!(
                    "recording it in the audit trail failed ({e}), so it was not written"
                ),
            }),
        }
    }

    /// The audit trail's changes to tasks, gates and risks after snapshot `since` was stored
    /// and, with `until`, before snapshot `until` was (oldest first): what "what changed"
    /// reads besides the snapshots (see `admiral_core::snapshot`).
    pub fn trail_between(
        &self,
        since: admiral_core::SnapshotId,
        until: Option<admiral_core::SnapshotId>,
    ) -> Result<Vec<admiral_core::snapshot::TrailEvent>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let events = crate::trail::between(&tx, since, until)?;
        tx.commit()?;
        Ok(events)
    }

    /// How many changes were recorded after the last report export ([`Self::record_report`]);
    /// every change since the plan was created when no report was ever exported. Report
    /// exports themselves are not counted.
    pub fn changes_since_last_report(&self) -> Result<u64, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let n = audit::changes_since_last_report(&tx)?;
        tx.commit()?;
        Ok(n)
    }

    /// Writes a complete copy of the plan file — plan, audit trail and undo history — to
    /// `path` ("Save as"). This file stays open and unchanged. The copy is built under a
    /// temporary name beside `path` and renamed into place, so `path` never holds half a
    /// copy; an existing file there is refused unless `force`.
    pub fn save_as(&self, path: impl AsRef<Path>, force: bool) -> Result<(), StoreError> {
        let path = path.as_ref();
        if same_file_as(path, &self.path) {
            return Err(StoreError::Output {
                path: path.to_path_buf(),
                reason: "it is the plan file itself".into(),
            });
        }
        check_plan_name(path)?;
        if path.exists() && !force {
            return Err(StoreError::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        let name = path.file_name().ok_or_else(|| StoreError::Io {
            path: path.to_path_buf(),
            source: std::io::Error::other("the path names no file"),
        })?;
        let tmp = path.with_file_name(format!(".{}.saving", name.to_string_lossy()));
        let _ = std::fs::remove_file(&tmp);
        let copied = self
            .conn
            .execute("VACUUM INTO ?1", [tmp.to_string_lossy()])
            .map_err(StoreError::from)
            .and_then(|_| sync_file(&tmp))
            .and_then(|_| install(&tmp, path));
        if copied.is_err() {
            remove_with_side_files(&tmp);
        }
        copied
    }
}

/// Entity kind of an export to another tool's format in the audit trail.
const EXPORT_KIND: &str = "export";

/// The page cache of a connection, in KiB (negative, as `PRAGMA cache_size` takes it).
const CACHE_KIB: i64 = -16 * 1024;
/// The page cache during `replace_plan`.
const BULK_CACHE_KIB: i64 = -512 * 1024;

/// Settings every connection gets. `synced` is false only for a file being built under its
/// temporary name ([`unsynced_while_building`]).
fn configure(conn: &Connection, synced: bool) -> Result<(), StoreError> {
    // SQLite leaves foreign keys off unless each connection asks.
    conn.pragma_update(None, "foreign_keys", true)?;
    // Check each b-tree page's cells as it is read, so that a damaged page read by any
    // command fails with "malformed" instead of giving back garbage (opening no longer
    // reads every page, see `touch_every_table`).
    conn.pragma_update(None, "cell_size_check", true)?;
    // FULL: fsync the WAL on every commit. With WAL, NORMAL would only risk losing the last
    // commits on power loss, but a plan edit the user saw saved must stay saved (and the
    // audit trail must not lose entries), so we pay one fsync per change. Set before the
    // switch to WAL, which is a new file's first write.
    match synced {
        true => conn.pragma_update(None, "synchronous", "FULL")?,
        false => unsynced_while_building(conn)?,
    }
    // WAL: readers never block the writer, and a crash mid-commit leaves the main file
    // intact (the half-written WAL tail is ignored on recovery).
    use_wal(conn)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "cache_size", CACHE_KIB)?;
    Ok(())
}

/// Puts the file of `conn` in WAL mode (it stays so: the mode is in the file's header); an
/// error when SQLite cannot.
fn use_wal(conn: &Connection) -> Result<(), StoreError> {
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Database {
            message: format!("the plan file cannot use write-ahead logging (journal mode {mode})"),
        });
    }
    Ok(())
}

/// A file being built under its temporary name commits without waiting for the disk
/// (`synchronous=OFF`): nothing takes that name for a plan until the file is finished,
/// closed, synced whole ([`sync_file`]) and linked into place, and a crash before that
/// leaves only a temporary file that the next creation removes ([`prepare_new`]). So the
/// fsyncs `FULL` makes of each commit and checkpoint would be paid for nothing (a 5k-task
/// import: three commits and a checkpoint of its 4 MB). The connection that opens the
/// finished file is configured anew ([`configure`]).
fn unsynced_while_building(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update(None, "synchronous", "OFF")?;
    Ok(())
}

/// Runs `write` on a file being built with its journal in memory instead of the WAL, then
/// puts the file back in WAL mode. In WAL mode every page the plan's rows fill is written
/// twice, to the WAL at the commit and into the file when it is checkpointed; this way once
/// (a 5k-task import: 532 writes instead of 1,021). A rollback still works (the journal is
/// in memory); a crash leaves only the temporary file, which nothing takes for a plan (see
/// [`unsynced_while_building`]). The file goes into place in WAL mode, or not at all.
fn rollback_journal_while<T>(
    f: &mut PlanFile,
    write: impl FnOnce(&mut PlanFile) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    f.conn
        .pragma_update_and_check(None, "journal_mode", "MEMORY", |r| r.get::<_, String>(0))?;
    let written = write(f)?;
    use_wal(&f.conn)?;
    Ok(written)
}

/// Refuses a file with a trigger. Admiral makes none, so one was added outside it, and it
/// would run inside Admiral's own writes: it could change what an edit saves, and the audit
/// trail would record and sign the change as the user's. (Checked on every open: a look at
/// the schema SQLite reads anyway.)
fn refuse_triggers(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let mut stmt = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")?;
    let names: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    if names.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = names.iter().take(3).map(|n| format!("'{n}'")).collect();
    Err(StoreError::Damaged {
        path: path.to_path_buf(),
        reason: format!(
            "it holds {} {} ({}), which Admiral never makes: it was changed outside Admiral, and a trigger would rewrite what Admiral saves. Restore it from a copy, or drop the trigger with sqlite3 and check the plan with `admiral audit --verify`",
            names.len(),
            if names.len() == 1 { "trigger" } else { "triggers" },
            listed.join(", ")
        ),
    })
}

/// Opens the file read-only and lets SQLite confirm what the header said, and reads the
/// first page of every table (`touch_every_table`). Read-only means nothing here can write to the main file.
fn check_read_only(path: &Path) -> Result<(), StoreError> {
    let damaged = |reason: String| StoreError::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    let (conn, _copy) = open_read_only(path).map_err(|e| damaged(e.to_string()))?;
    let check = || -> Result<(), StoreError> {
        let app: i64 = conn
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(|e| damaged(e.to_string()))?;
        if app as u32 != APPLICATION_ID {
            return Err(StoreError::NotAPlan {
                path: path.to_path_buf(),
                reason: format!(
                    "it is a SQLite database of another application (application id {app:#010x})"
                ),
            });
        }
        let version = migrate::version(&conn).map_err(|e| damaged(e.to_string()))?;
        if version > migrate::LATEST_VERSION {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found: version,
                supported: migrate::LATEST_VERSION,
            });
        }
        if version < 1 {
            return Err(damaged("it has no schema (an unfinished creation?)".into()));
        }
        if let Some(table) =
            migrate::later_table(&conn, version).map_err(|e| damaged(e.to_string()))?
        {
            return Err(damaged(format!(
                "its file format number says {version}, but it already has the table '{table}' of a later format (was its user_version changed by hand?); restore it from a copy or set user_version back to {}",
                migrate::LATEST_VERSION
            )));
        }
        touch_every_table(&conn).map_err(|e| damaged(e.to_string()))
    };
    let result = check();
    drop(conn);
    result
}

/// The check every open makes beyond the header: the schema parses, and every table's first
/// row and the audit trail's last entry can be read (their b-tree pages from the root down).
/// This costs a few page reads whatever the size of the plan; every connection also has
/// `cell_size_check` on, so each page's cells are checked when it is read. SQLite's
/// `quick_check` reads
/// every page (about a second for a 100k-task plan), so it is left to
/// [`PlanFile::verify_audit`] (`admiral audit --verify`); a damaged page elsewhere still fails
/// the read that reaches it, with SQLite's "malformed" error, and nothing is written then.
fn touch_every_table(conn: &Connection) -> Result<(), rusqlite::Error> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name",
        )?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    // Every column of the row is read: stepping to a row alone does not parse its cell.
    let read_first = |sql: &str| -> Result<(), rusqlite::Error> {
        let mut stmt = conn.prepare(sql)?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([])?;
        if let Some(row) = rows.next()? {
            for i in 0..columns {
                row.get_ref(i)?;
            }
        }
        Ok(())
    };
    for t in &tables {
        let quoted = t.replace('"', "\"\"");
        read_first(&format!("SELECT * FROM \"{quoted}\" LIMIT 1"))?;
    }
    if tables.iter().any(|t| t == "audit") {
        read_first("SELECT * FROM audit ORDER BY seq DESC LIMIT 1")?;
    }
    Ok(())
}

/// SQLite's own check of every page of the file, through the open connection.
fn full_check(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let damaged = |reason: String| StoreError::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    let result: String = conn
        .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if result != "ok" {
        return Err(damaged(format!("SQLite's check failed: {result}")));
    }
    Ok(())
}

/// Opens the file read-only without creating any file beside it. With no `-wal` (no session
/// running or crashed) the main file is the whole database, so it is opened `immutable`:
/// SQLite then creates no side files at all. With a `-wal` present, it is read through it
/// (`mode=ro`, using the `-shm` if there is one, read-only if it must).
///
/// A `-wal` without a `-shm` in a folder that cannot be written (a crashed session's files
/// copied to a read-only share, say) is the one case SQLite cannot read in place: it would
/// have to create the `-shm`. The file and its `-wal` are then copied into a private
/// temporary folder and read there, so what is shown is the plan with every committed change
/// in the `-wal`, and nothing beside the plan is created or changed. The copy is returned to
/// be kept as long as the connection.
fn open_read_only(path: &Path) -> Result<(Connection, Option<tempfile::TempDir>), rusqlite::Error> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let [wal, shm] = side_files(path);
    let p = path.to_string_lossy();
    if !wal.exists() {
        let uri = format!("file:{}?immutable=1", uri_escape(&p));
        return Ok((checked(Connection::open_with_flags(uri, flags)?)?, None));
    }
    let dir = crate::output::folder_of(path);
    if shm.exists() || can_write(&dir) {
        let uri = format!("file:{}?mode=ro", uri_escape(&p));
        return Ok((checked(Connection::open_with_flags(uri, flags)?)?, None));
    }
    let cannot = |e: std::io::Error| {
        rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CANTOPEN),
            Some(format!(
                "its -wal file has no -shm beside it and the folder cannot be written, and a private copy to read it could not be made: {e}"
            )),
        )
    };
    let copy = tempfile::Builder::new()
        .prefix("admiral-read-")
        .tempdir()
        .map_err(cannot)?;
    let main = copy.path().join("plan.admiral");
    std::fs::copy(path, &main).map_err(cannot)?;
    let main_wal = side_files(&main)[0].clone();
    std::fs::copy(&wal, &main_wal).map_err(cannot)?;
    // The copies carry the plan's own mode (0444, say), but SQLite creates the `-shm` with
    // it and then needs to write that.
    #[cfg(unix)]
    for f in [&main, &main_wal] {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(f, std::fs::Permissions::from_mode(0o600)).map_err(cannot)?;
    }
    let uri = format!("file:{}?mode=ro", uri_escape(&main.to_string_lossy()));
    Ok((
        checked(Connection::open_with_flags(uri, flags)?)?,
        Some(copy),
    ))
}

/// A read-only connection that checks every cell it reads against its page (open no longer
/// reads the whole file, so a damaged page is found where it is read).
fn checked(conn: Connection) -> rusqlite::Result<Connection> {
    conn.pragma_update(None, "cell_size_check", true)?;
    Ok(conn)
}

/// Why a plan cannot be written, when it cannot: the file, a side file or the folder is not
/// writable by this user, or the file system is read-only. Such a plan is opened read-only,
/// so that reading it leaves nothing behind (SQLite would otherwise create side files with
/// the plan's own read-only permissions, which then block every later edit).
fn why_read_only(path: &Path) -> Option<String> {
    let dir = crate::output::folder_of(path);
    let [wal, shm] = side_files(path);
    if !can_write(path) {
        return Some("the file cannot be written".into());
    }
    for side in [&wal, &shm] {
        if side.exists() && !can_write(side) {
            return Some(format!("{} cannot be written", side.display()));
        }
    }
    if !can_write(&dir) {
        return Some(format!("its folder {} cannot be written", dir.display()));
    }
    None
}

/// Whether this process may write `path` (the kernel's own answer, which knows about owners,
/// groups, ACLs and read-only mounts).
#[cfg(unix)]
fn can_write(path: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let Ok(c) = std::ffi::CString::new(path.as_os_str().as_bytes()) else {
        return false;
    };
    // SAFETY: `c` is a valid NUL-terminated string that outlives the call.
    unsafe { libc::access(c.as_ptr(), libc::W_OK) == 0 }
}

#[cfg(not(unix))]
fn can_write(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
}

/// The longest path SQLite's unix file layer opens (its `MAX_PATHNAME`).
const SQLITE_MAX_PATH: usize = 512;

/// The extensions of the files Admiral reads or writes in another format: what each names,
/// and how to make one from a plan, in words for the app and the CLI alike (`admiral export`,
/// `admiral report`).
const OTHER_FORMATS: &[(&str, &str, &str)] = &[
    ("xml", "MS Project XML", "export the plan"),
    ("csv", "a task list", "export the plan"),
    ("tsv", "a task list", ""),
    ("txt", "a task list", ""),
    ("ics", "an iCalendar file", "export the plan"),
    ("pdf", "a PDF report", "report on the plan"),
    ("mpp", "an MS Project file", ""),
    ("mpt", "an MS Project template", ""),
    ("xlsx", "a spreadsheet", ""),
    ("xls", "a spreadsheet", ""),
    ("ods", "a spreadsheet", ""),
];

/// Refuses a new plan file named like a file of another format (`admiral import tasks.csv
/// --into plan.xml`): the plan file would be a SQLite database that no tool its name promises
/// can open, and `import` would refuse it as a source. An existing plan with such a name still
/// opens.
fn check_plan_name(path: &Path) -> Result<(), StoreError> {
    let Some(ext) = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
    else {
        return Ok(());
    };
    let Some((_, what, how)) = OTHER_FORMATS.iter().find(|(e, _, _)| *e == ext) else {
        return Ok(());
    };
    let how = match how.is_empty() {
        true => String::new(),
        false => format!("; to get {what}, {how}"),
    };
    Err(StoreError::Output {
        path: path.to_path_buf(),
        reason: format!(
            "an Admiral plan named .{ext} would pass for {what}: name the plan file .admiral{how}"
        ),
    })
}

/// Refuses, with the path and what to do, a path too long for SQLite to open (it would
/// otherwise only say "unable to open database file").
fn check_path_length(path: &Path) -> Result<(), StoreError> {
    let full = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let len = full.as_os_str().len();
    if len >= SQLITE_MAX_PATH {
        return Err(StoreError::PathTooLong {
            path: path.to_path_buf(),
            len,
            max: SQLITE_MAX_PATH - 1,
        });
    }
    Ok(())
}

/// Whether `a` and `b` name the same file (same path once resolved, or same file identity).
fn same_file_as(a: &Path, b: &Path) -> bool {
    if let (Ok(x), Ok(y)) = (a.canonicalize(), b.canonicalize()) {
        return x == y;
    }
    false
}

/// A plan file being made: [`NewPlanFile::start`] builds its schema and first entries under a
/// temporary name beside the path; [`NewPlanFile::finish`] writes the plan into it and links
/// it into place, as [`PlanFile::create_with`] does in one call (all or nothing, never
/// replacing a file without `force`). In between, the caller may do other work on another
/// thread, such as reading the file it imports (`admiral import` into a new plan does: the
/// schema is made while the MSPDI file is parsed). Dropped unfinished (the import failed,
/// the plan was refused), it removes its temporary file.
pub struct NewPlanFile {
    path: PathBuf,
    tmp: PathBuf,
    force: bool,
    /// The temporary file, open; `None` once finished.
    file: Option<PlanFile>,
}

impl NewPlanFile {
    /// Starts a new plan file at `path` for a portfolio called `portfolio_name`: the checks
    /// of [`PlanFile::create_with`] on the path, then the schema and the audited creation of
    /// the portfolio and settings, in a temporary file.
    pub fn start(
        path: impl AsRef<Path>,
        portfolio_name: &str,
        force: bool,
    ) -> Result<NewPlanFile, StoreError> {
        Self::start_in(path.as_ref(), portfolio_name, force, Scheme::Blake3)
    }

    /// [`NewPlanFile::start`] on a second thread while `work` runs on this one (an import
    /// reads its source meanwhile: the portfolio is named after the release, known before);
    /// both results. A panic of either is passed on.
    pub fn start_during<T>(
        path: &Path,
        portfolio_name: &str,
        force: bool,
        work: impl FnOnce() -> T,
    ) -> (T, Result<NewPlanFile, StoreError>) {
        let start = || Self::start(path, portfolio_name, force);
        std::thread::scope(|s| {
            let new = std::thread::Builder::new().spawn_scoped(s, start);
            let done = work();
            let new = match new {
                Ok(h) => h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                // No thread could be started: the file is made after the work.
                Err(_) => start(),
            };
            (done, new)
        })
    }

    fn start_in(
        path: &Path,
        portfolio_name: &str,
        force: bool,
        scheme: Scheme,
    ) -> Result<NewPlanFile, StoreError> {
        let tmp = prepare_new(path, force)?;
        // From here on, dropping `new` removes the temporary file.
        let mut new = NewPlanFile {
            path: path.to_path_buf(),
            tmp,
            force,
            file: None,
        };
        let key = keys::load_or_create()?;
        build_new(&new.tmp, portfolio_name, key.clone(), scheme)?;
        let mut f = PlanFile::open(&new.tmp)?;
        unsynced_while_building(&f.conn)?;
        f.key = Some(key);
        new.file = Some(f);
        Ok(new)
    }

    /// Writes `plan` (validated here; audited as `label`) into the new file, links it into
    /// place and opens it. The plan's portfolio replaces the one named at the start.
    pub fn finish(self, plan: &Plan, label: &str) -> Result<PlanFile, StoreError> {
        plan.validate()?;
        self.finish_validated(plan, label)
    }

    /// [`NewPlanFile::finish`] without opening the file it leaves in place, for a caller that
    /// is done with it (the CLI's import: opening checks the file, a millisecond or two).
    pub fn finish_closed(self, plan: &Plan, label: &str) -> Result<(), StoreError> {
        plan.validate()?;
        self.install_validated(plan, label)
    }

    fn finish_validated(self, plan: &Plan, label: &str) -> Result<PlanFile, StoreError> {
        let path = self.path.clone();
        self.install_validated(plan, label)?;
        PlanFile::open(&path)
    }

    /// Writes `plan` into the temporary file, closes and syncs it, and links it into place.
    fn install_validated(mut self, plan: &Plan, label: &str) -> Result<(), StoreError> {
        let Some(mut f) = self.file.take() else {
            return Err(crate::error::bad_data(
                "new plan file",
                "it was finished already",
            ));
        };
        let built =
            rollback_journal_while(&mut f, |f| f.replace_validated(plan, label)).and_then(|_| {
                // Closing the only connection removes the (empty) WAL.
                f.conn.close().map_err(|(_, e)| StoreError::from(e))?;
                sync_file(&self.tmp)
            });
        // Removes the temporary file itself when anything failed.
        let installed = finish_new(built, &self.tmp, &self.path, self.force);
        self.tmp = PathBuf::new();
        installed
    }
}

impl Drop for NewPlanFile {
    fn drop(&mut self) {
        drop(self.file.take());
        if !self.tmp.as_os_str().is_empty() {
            remove_with_side_files(&self.tmp);
        }
    }
}

/// The temporary name a new plan for `path` is built under, checked and cleared: refuses an
/// existing `path` without `force`, a missing folder, a path too long; removes what a killed
/// creation of the same file left behind.
fn prepare_new(path: &Path, force: bool) -> Result<PathBuf, StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    check_path_length(path)?;
    check_plan_name(path)?;
    if path.exists() && !force {
        return Err(StoreError::AlreadyExists {
            path: path.to_path_buf(),
        });
    }
    if path.exists() && !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Err(StoreError::Output {
            path: path.to_path_buf(),
            reason: "it is not a regular file (a folder, a device or a fifo)".into(),
        });
    }
    // A file made read-only is one its owner wants kept: --force does not replace it (the
    // rename would, and leave a writable file in its place).
    if std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly()) {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
            reason: "the file is read-only: make it writable to replace it".into(),
        });
    }
    let dir = crate::output::folder_of(path);
    if !dir.is_dir() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the folder {} does not exist", dir.display()),
        )));
    }
    let name = path
        .file_name()
        .ok_or_else(|| io(std::io::Error::other("the path names no file")))?
        .to_string_lossy()
        .into_owned();
    // A creation killed half-way (kill -9, power cut) leaves its temporary file: remove those
    // whose process is gone.
    let prefix = format!(".{name}.creating-");
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            let n = e.file_name().to_string_lossy().into_owned();
            let Some(rest) = n.strip_prefix(&prefix) else {
                continue;
            };
            let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
            if pid.is_some_and(|p| !process_alive(p)) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    let tmp = dir.join(format!("{prefix}{}", std::process::id()));
    if let Err(StoreError::PathTooLong { len, max, .. }) = check_path_length(&tmp) {
        // The temporary name is longer than the plan's: name the plan, with the room left.
        let extra = tmp.as_os_str().len() - path.as_os_str().len();
        return Err(StoreError::PathTooLong {
            path: path.to_path_buf(),
            len: len - extra,
            max: max - extra,
        });
    }
    remove_with_side_files(&tmp);
    Ok(tmp)
}

#[cfg(unix)]
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 only asks whether the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

#[cfg(not(unix))]
fn process_alive(_: u32) -> bool {
    true
}

/// Puts the finished temporary file in place, or removes it if building it failed.
fn finish_new(
    built: Result<(), StoreError>,
    tmp: &Path,
    path: &Path,
    force: bool,
) -> Result<(), StoreError> {
    let installed = built.and_then(|()| {
        if force {
            install(tmp, path)
        } else {
            install_new(tmp, path)
        }
    });
    if installed.is_err() {
        remove_with_side_files(tmp);
    }
    installed
}

/// Links the finished file `tmp` to `path` only if nothing is there (a hard link never
/// replaces a file), then removes the temporary name.
fn install_new(tmp: &Path, path: &Path) -> Result<(), StoreError> {
    match std::fs::hard_link(tmp, path) {
        Ok(()) => {
            let _ = std::fs::remove_file(tmp);
            crate::output::sync_folder_of(path);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(StoreError::AlreadyExists {
            path: path.to_path_buf(),
        }),
        // A file system without hard links: check, then rename.
        Err(_) if !path.exists() => install(tmp, path),
        Err(_) => Err(StoreError::AlreadyExists {
            path: path.to_path_buf(),
        }),
    }
}

/// Builds a fresh plan file at `tmp` and closes it, fully checkpointed (not synced: the caller
/// syncs the finished file before it takes a plan's name).
fn build_new(
    tmp: &Path,
    portfolio_name: &str,
    key: AuthorKey,
    scheme: Scheme,
) -> Result<(), StoreError> {
    let mut conn = Connection::open_with_flags(
        tmp,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&conn, false)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID as i32)?;
    migrate::create_latest(&mut conn, tmp, scheme)?;
    {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let portfolio = Portfolio {
            name: portfolio_name.to_string(),
        };
        let settings = PlanSettings::default();
        settings::put_portfolio(&tx, &portfolio)?;
        settings::put_settings(&tx, &settings)?;
        let mut audit = AuditWriter::begin(
            &tx,
            ChangeKind::Create,
            "create the plan",
            &audit::actor(),
            Some(key),
        )?;
        let json = |v: &dyn erased::Json| v.json();
        audit.append(
            &tx,
            "portfolio",
            "portfolio",
            "create",
            None,
            None,
            None,
            Some(json(&portfolio)?),
        )?;
        audit.append(
            &tx,
            "settings",
            "settings",
            "create",
            None,
            None,
            None,
            Some(json(&settings)?),
        )?;
        audit.finish(&tx)?;
        tx.commit()?;
    }
    // Closing the last connection checkpoints the WAL into the file and deletes it (not
    // synced: see `unsynced_while_building`).
    conn.close().map_err(|(_, e)| e)?;
    Ok(())
}

mod erased {
    pub(super) trait Json {
        fn json(&self) -> Result<String, crate::error::StoreError>;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> Result<String, crate::error::StoreError> {
            crate::codec::to_json(self)
        }
    }
}

/// Escapes what a SQLite URI filename treats specially.
fn uri_escape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            '%' | '?' | '#' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Moves the finished file `tmp` to `path`, replacing what is there.
fn install(tmp: &Path, path: &Path) -> Result<(), StoreError> {
    // A -wal left beside the old file (by a crashed or still-open session) would be replayed
    // into the new one: remove the old file's side files before the new file takes its name.
    for side in side_files(path) {
        match std::fs::remove_file(&side) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(StoreError::Io {
                    path: side,
                    source: e,
                });
            }
            _ => {}
        }
    }
    std::fs::rename(tmp, path).map_err(|source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    crate::output::sync_folder_of(path);
    Ok(())
}

fn sync_file(path: &Path) -> Result<(), StoreError> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
}

fn side_files(path: &Path) -> [PathBuf; 2] {
    let with = |suffix: &str| {
        let mut s = path.as_os_str().to_os_string();
        s.push(suffix);
        PathBuf::from(s)
    };
    [with("-wal"), with("-shm")]
}

fn remove_with_side_files(path: &Path) {
    let _ = std::fs::remove_file(path);
    for side in side_files(path) {
        let _ = std::fs::remove_file(side);
    }
}

#[cfg(test)]
mod two_readers {
    use super::*;
    use admiral_core::edit::Edit;

    /// The demo plan in a fresh file (every table has rows), signed with a key of the tests'.
    fn demo_file() -> (tempfile::TempDir, PlanFile) {
        static CONFIG: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
        let config = CONFIG.get_or_init(|| tempfile::tempdir().unwrap());
        std::env::set_var(crate::CONFIG_DIR_VAR, config.path());
        let dir = tempfile::tempdir().unwrap();
        let plan = admiral_core::demo::demo_plan();
        let f = PlanFile::create_with(dir.path().join("p.admiral"), &plan, "new", false).unwrap();
        (dir, f)
    }

    #[test]
    fn two_readers_read_the_plan_that_one_reads() {
        let (_dir, f) = demo_file();
        let tx = f.conn.unchecked_transaction().unwrap();
        let other = Connection::open(&f.path).unwrap();
        let two = change::load_two(&tx, other)
            .unwrap()
            .expect("the same content");
        let one = change::load(&tx).unwrap();
        assert!(!two.links.is_empty() && !two.assignments.is_empty());
        assert_eq!(two, one);
    }

    #[test]
    fn a_change_by_another_connection_is_seen_until_the_plan_is_loaded_again() {
        let (_dir, mut f) = demo_file();
        // Not loaded yet: nothing held can be trusted.
        assert!(f.changed_elsewhere().unwrap());
        let plan = f.load().unwrap();
        assert!(!f.changed_elsewhere().unwrap());
        // Its own changes, undo and redo do not count.
        let mut t = plan.tasks[5].clone();
        t.name = "Renamed here".into();
        f.apply(&[Edit::PutTask(t.clone())], "rename").unwrap();
        f.undo().unwrap();
        f.redo().unwrap();
        assert!(!f.changed_elsewhere().unwrap());
        // Another connection's change does, until the plan is read again.
        let mut g = PlanFile::open(&f.path).unwrap();
        t.name = "Renamed elsewhere".into();
        g.apply(&[Edit::PutTask(t)], "rename").unwrap();
        assert!(f.changed_elsewhere().unwrap());
        f.load().unwrap();
        assert!(!f.changed_elsewhere().unwrap());
    }

    #[test]
    fn a_change_committed_between_the_two_reads_sends_the_read_back_to_one_reader() {
        let (_dir, f) = demo_file();
        let tx = f.conn.unchecked_transaction().unwrap();
        // The first reader's snapshot begins with its first read.
        let before = change::load(&tx).unwrap();
        let mut g = PlanFile::open(&f.path).unwrap();
        let mut t = before.tasks[5].clone();
        t.name = "Changed by another process".into();
        g.apply(&[Edit::PutTask(t)], "rename").unwrap();
        let other = Connection::open(&f.path).unwrap();
        assert_eq!(change::load_two(&tx, other).unwrap(), None);
        // The first reader still reads its own snapshot whole.
        assert_eq!(change::load(&tx).unwrap(), before);
        drop(tx);
        assert_eq!(f.load().unwrap(), g.load().unwrap());
    }
}
