//! [`PlanFile`]: creating, opening and changing a plan file.

use crate::audit::{self, AuditEntry, AuditReport, AuditWriter, ChangeId, ChangeKind};
use crate::change::{self, Writer};
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

/// An open plan file. One plan per file; every change is one SQLite transaction that also
/// appends its audit entries, so the file never holds a half-applied change.
pub struct PlanFile {
    path: PathBuf,
    conn: Connection,
    actor: String,
    /// The author's signing key, read (or created) at the first change.
    key: Option<AuthorKey>,
}

/// What an undo or redo did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangeSummary {
    /// The change that was undone or redone.
    pub target: ChangeId,
    /// Its label.
    pub label: String,
    /// The new change recording the undo or redo in the audit trail.
    pub recorded_as: ChangeId,
    /// How many audit entries the undo or redo appended.
    pub entries: usize,
}

impl PlanFile {
    /// Creates a new plan file holding an empty plan for `portfolio_name`, and opens it.
    ///
    /// Refuses to replace an existing file unless `force`. The file is built under a
    /// temporary name beside `path` and renamed into place, so a crash never leaves a
    /// half-made plan at `path`, and with `force` the old file stays intact until the new one
    /// is complete.
    pub fn create(
        path: impl AsRef<Path>,
        portfolio_name: &str,
        force: bool,
    ) -> Result<PlanFile, StoreError> {
        let path = path.as_ref();
        let io = |source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        };
        if path.exists() && !force {
            return Err(StoreError::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            if !dir.is_dir() {
                return Err(io(std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("the folder {} does not exist", dir.display()),
                )));
            }
        }
        let name = path
            .file_name()
            .ok_or_else(|| io(std::io::Error::other("the path names no file")))?;
        let tmp = path.with_file_name(format!(
            ".{}.creating-{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        let key = keys::load_or_create()?;
        let _ = std::fs::remove_file(&tmp);
        let built = build_new(&tmp, portfolio_name, key);
        if let Err(e) = built {
            remove_with_side_files(&tmp);
            return Err(e);
        }
        if let Err(e) = install(&tmp, path) {
            remove_with_side_files(&tmp);
            return Err(e);
        }
        PlanFile::open(path)
    }

    /// Opens an existing plan file.
    ///
    /// A file that is not a healthy Admiral plan is refused with [`StoreError::NotFound`],
    /// [`StoreError::NotAPlan`], [`StoreError::Damaged`] or [`StoreError::TooNew`], and is
    /// left byte-for-byte unchanged: the header is read with plain file reads, then SQLite
    /// checks the file through a read-only connection, and only a file that passes is opened
    /// for writing (which switches on WAL and migrates an older format forward).
    pub fn open(path: impl AsRef<Path>) -> Result<PlanFile, StoreError> {
        let path = path.as_ref();
        header::check(path)?;
        check_read_only(path)?;
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        configure(&conn)?;
        migrate::migrate(&mut conn, path)?;
        Ok(PlanFile {
            path: path.to_path_buf(),
            conn,
            actor: audit::actor(),
            key: None,
        })
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
        // writes meanwhile.
        let tx = self.conn.unchecked_transaction()?;
        let plan = change::load(&tx)?;
        tx.commit()?;
        Ok(plan)
    }

    /// Applies `edits` in order as one change labelled `label`, in one transaction.
    ///
    /// Each edit must keep the rules of the model (the same as `admiral_core::edit::apply`):
    /// the entity's own rules, existing references, unique task numbers and links, the
    /// outline rule; deleting a task also deletes its links, assignments and gates and drops
    /// it from risks, each with its own audit entry. On any error nothing is written. The
    /// change goes on the undo stack and clears the redo stack.
    pub fn apply(&mut self, edits: &[Edit], label: &str) -> Result<ChangeId, StoreError> {
        let key = self.key()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let audit = AuditWriter::begin(&tx, ChangeKind::Edit, label, &self.actor, Some(key))?;
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
        plan.validate()?;
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
        )?;
        let mut w = Writer {
            conn: &tx,
            audit,
            action: Some(action),
        };
        match from {
            Stack::Undo => {
                for e in entries.iter().rev() {
                    w.restore(
                        &e.entity_kind,
                        &e.entity_id,
                        e.before.as_deref(),
                        e.position,
                    )?;
                }
            }
            Stack::Redo => {
                for e in &entries {
                    w.restore(&e.entity_kind, &e.entity_id, e.after.as_deref(), e.position)?;
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
    /// naming the rows that differ. Never creates a key.
    pub fn verify_audit(&self) -> Result<AuditReport, StoreError> {
        let trusted = keys::trusted_keys();
        let tx = self.conn.unchecked_transaction()?;
        let report = audit::verify(&tx, &trusted)?;
        tx.commit()?;
        Ok(report)
    }

    /// Records in the audit trail that a report was exported, e.g. `what` = "release report
    /// R2027.1 (summary, gantt, …) to r27.pdf". One change with one entry (entity kind
    /// "report", action "export"), hash-chained like every other; it changes nothing in the
    /// plan, so it is not put on the undo stack and leaves the redo stack alone.
    pub fn record_report(&mut self, what: &str) -> Result<ChangeId, StoreError> {
        let key = self.key()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut audit = AuditWriter::begin(
            &tx,
            ChangeKind::Edit,
            &format!("export report: {what}"),
            &self.actor,
            Some(key),
        )?;
        let after = crate::codec::to_json(&serde_json::json!({ "report": what }))?;
        audit.append(
            &tx,
            audit::REPORT_KIND,
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

/// The page cache of a connection, in KiB (negative, as `PRAGMA cache_size` takes it).
const CACHE_KIB: i64 = -16 * 1024;
/// The page cache during `replace_plan`.
const BULK_CACHE_KIB: i64 = -512 * 1024;

/// Settings every connection gets.
fn configure(conn: &Connection) -> Result<(), StoreError> {
    // SQLite leaves foreign keys off unless each connection asks.
    conn.pragma_update(None, "foreign_keys", true)?;
    // WAL: readers never block the writer, and a crash mid-commit leaves the main file
    // intact (the half-written WAL tail is ignored on recovery).
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Database {
            message: format!("the plan file cannot use write-ahead logging (journal mode {mode})"),
        });
    }
    // FULL: fsync the WAL on every commit. With WAL, NORMAL would only risk losing the last
    // commits on power loss, but a plan edit the user saw saved must stay saved (and the
    // audit trail must not lose entries), so we pay one fsync per change.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.pragma_update(None, "cache_size", CACHE_KIB)?;
    Ok(())
}

/// Opens the file read-only and lets SQLite confirm what the header said, plus its own
/// quick check of every page. Read-only means nothing here can write to the main file.
fn check_read_only(path: &Path) -> Result<(), StoreError> {
    let damaged = |reason: String| StoreError::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    // Even a read-only connection creates -wal and -shm files beside a WAL-mode file. When
    // there is no -wal (no session running or crashed), the main file is the whole database,
    // so open it as `immutable`: SQLite then creates no side files at all. With a -wal
    // present, read through it (the files exist already).
    let [wal, _] = side_files(path);
    let immutable = match (wal.exists(), path.to_str()) {
        (false, Some(p)) => Some(format!("file:{}?immutable=1", uri_escape(p))),
        _ => None,
    };
    let conn = match immutable {
        Some(uri) => Connection::open_with_flags(uri, flags | OpenFlags::SQLITE_OPEN_URI),
        None => Connection::open_with_flags(path, flags),
    }
    .map_err(|e| damaged(e.to_string()))?;
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
        let result: String = conn
            .query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
            .map_err(|e| damaged(e.to_string()))?;
        if result != "ok" {
            return Err(damaged(format!("SQLite's check failed: {result}")));
        }
        Ok(())
    };
    let result = check();
    drop(conn);
    result
}

/// Builds a fresh plan file at `tmp` and closes it, fully checkpointed and synced.
fn build_new(tmp: &Path, portfolio_name: &str, key: AuthorKey) -> Result<(), StoreError> {
    let mut conn = Connection::open_with_flags(
        tmp,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.pragma_update(None, "application_id", APPLICATION_ID as i32)?;
    configure(&conn)?;
    migrate::migrate(&mut conn, tmp)?;
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
    // Closing the last connection checkpoints the WAL into the file and deletes it.
    conn.close().map_err(|(_, e)| e)?;
    sync_file(tmp)
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
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Make the rename itself durable; not every platform can sync a directory.
        if let Ok(d) = std::fs::File::open(dir) {
            let _ = d.sync_all();
        }
    }
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
