//! The file format: Admiral's application id, the schema, and forward migrations.
//!
//! The schema version lives in SQLite's `user_version`. Migration `i` (0-based) of
//! [`MIGRATIONS`] takes a file from version `i` to `i + 1`; each runs in its own transaction
//! together with the `user_version` bump, so a file is always at exactly one version. A file
//! whose version is above [`LATEST_VERSION`] comes from a newer Admiral and is refused before
//! anything is written (see `header`).

use crate::error::StoreError;
use rusqlite::{Connection, TransactionBehavior};

/// `PRAGMA application_id` of every Admiral plan: "ADML" in ASCII.
pub const APPLICATION_ID: u32 = 0x4144_4D4C;

/// The schema version this Admiral writes.
pub const LATEST_VERSION: i64 = MIGRATIONS.len() as i64;

/// Forward migrations, oldest first. Never edit a released entry: append a new one.
const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14];

/// Version 1: one table per entity of `admiral_core::Plan`.
///
/// Conventions: ids are UUID text; enums are their snake_case names as text, with CHECKs;
/// dates are ISO 8601 text (`2027-03-01T08:00:00`, `2027-03-01`); `ord` (a rowid alias, so
/// stable across VACUUM) keeps the plan's insertion order. References are FOREIGN KEYs with
/// the default NO ACTION: the store deletes dependants itself so it can audit each row, and
/// the keys catch any mistake. Only parts of one entity (calendar exceptions, a risk's tasks)
/// cascade. Child columns are indexed so that the key checks on delete are not table scans.
const V1: &str = r#"
CREATE TABLE portfolio (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL
);
CREATE TABLE calendars (
    ord  INTEGER PRIMARY KEY,
    id   TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    week TEXT NOT NULL CHECK (json_valid(week))          -- 7 lists of {from,to}, Monday first
);
CREATE TABLE calendar_exceptions (
    calendar_id TEXT NOT NULL REFERENCES calendars(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    start       TEXT NOT NULL,
    finish      TEXT NOT NULL,
    working     TEXT NOT NULL CHECK (json_valid(working)),
    PRIMARY KEY (calendar_id, position)
);
CREATE TABLE settings (
    id                      INTEGER PRIMARY KEY CHECK (id = 1),
    default_calendar        TEXT REFERENCES calendars(id),
    status_date             TEXT,
    distribution            TEXT NOT NULL CHECK (distribution IN ('triangular', 'pert_beta')),
    optimistic_pct          INTEGER NOT NULL,
    pessimistic_pct         INTEGER NOT NULL,
    near_critical_threshold INTEGER NOT NULL,
    currency                TEXT NOT NULL
);
CREATE INDEX settings_calendar ON settings(default_calendar);
CREATE TABLE releases (
    ord         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('enterprise', 'project', 'independent')),
    owner       TEXT NOT NULL,
    description TEXT NOT NULL,
    start       TEXT NOT NULL,
    target      TEXT,
    status      TEXT NOT NULL CHECK (status IN ('planning', 'in_progress', 'released', 'cancelled')),
    calendar_id TEXT REFERENCES calendars(id)
);
CREATE INDEX releases_calendar ON releases(calendar_id);
CREATE TABLE projects (
    ord        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    release_id TEXT NOT NULL REFERENCES releases(id),
    name       TEXT NOT NULL,
    department TEXT NOT NULL,
    owner      TEXT NOT NULL
);
CREATE INDEX projects_release ON projects(release_id);
CREATE TABLE tasks (
    ord                  INTEGER PRIMARY KEY,
    id                   TEXT NOT NULL UNIQUE,
    number               INTEGER NOT NULL UNIQUE CHECK (number >= 0),
    external_uid         INTEGER,
    project_id           TEXT NOT NULL REFERENCES projects(id),
    name                 TEXT NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('task', 'milestone', 'gate', 'deployment')),
    outline_level        INTEGER NOT NULL CHECK (outline_level >= 1),
    duration_kind        TEXT NOT NULL CHECK (duration_kind IN ('working', 'elapsed')),
    duration_minutes     INTEGER NOT NULL CHECK (duration_minutes >= 0),
    estimate_optimistic  INTEGER,
    estimate_most_likely INTEGER,
    estimate_pessimistic INTEGER,
    constraint_kind      TEXT NOT NULL CHECK (constraint_kind IN
                             ('asap', 'alap', 'snet', 'snlt', 'fnet', 'fnlt', 'mso', 'mfo')),
    constraint_date      TEXT,
    deadline             TEXT,
    calendar_id          TEXT REFERENCES calendars(id),
    owner                TEXT NOT NULL,
    notes                TEXT NOT NULL,
    actual_start         TEXT,
    actual_finish        TEXT,
    percent_complete     INTEGER NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
    CHECK ((estimate_optimistic IS NULL) = (estimate_most_likely IS NULL)
       AND (estimate_most_likely IS NULL) = (estimate_pessimistic IS NULL)),
    CHECK ((constraint_kind IN ('asap', 'alap')) = (constraint_date IS NULL))
);
CREATE INDEX tasks_project ON tasks(project_id);
CREATE INDEX tasks_calendar ON tasks(calendar_id);
CREATE TABLE links (
    ord         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    predecessor TEXT NOT NULL REFERENCES tasks(id),
    successor   TEXT NOT NULL REFERENCES tasks(id),
    kind        TEXT NOT NULL CHECK (kind IN ('FS', 'SS', 'FF', 'SF')),
    lag_kind    TEXT NOT NULL CHECK (lag_kind IN ('working', 'elapsed', 'percent')),
    lag_value   INTEGER NOT NULL,
    UNIQUE (predecessor, successor),
    CHECK (predecessor <> successor)
);
CREATE INDEX links_successor ON links(successor);
CREATE TABLE blackouts (
    ord        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    release_id TEXT NOT NULL REFERENCES releases(id),
    name       TEXT NOT NULL,
    start      TEXT NOT NULL,
    finish     TEXT NOT NULL,
    CHECK (finish >= start)
);
CREATE INDEX blackouts_release ON blackouts(release_id);
CREATE TABLE gates (
    ord       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    task_id   TEXT NOT NULL REFERENCES tasks(id),
    criteria  TEXT NOT NULL CHECK (json_valid(criteria)),    -- [{text, met}]
    approvers TEXT NOT NULL CHECK (json_valid(approvers))    -- [{name, role, decision, …}]
);
CREATE INDEX gates_task ON gates(task_id);
CREATE TABLE risks (
    ord             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    release_id      TEXT NOT NULL REFERENCES releases(id),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL,
    probability     REAL NOT NULL CHECK (probability BETWEEN 0 AND 1),
    schedule_impact INTEGER NOT NULL CHECK (schedule_impact >= 0),
    cost_impact     INTEGER NOT NULL,
    owner           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'mitigating', 'occurred', 'closed')),
    trigger_text    TEXT NOT NULL,
    mitigation      TEXT NOT NULL,
    contingency     TEXT NOT NULL
);
CREATE INDEX risks_release ON risks(release_id);
CREATE TABLE risk_tasks (
    risk_id  TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    task_id  TEXT NOT NULL REFERENCES tasks(id),
    PRIMARY KEY (risk_id, position)
);
CREATE INDEX risk_tasks_task ON risk_tasks(task_id);
CREATE TABLE resources (
    ord         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('person', 'team', 'environment')),
    cost_rate   INTEGER NOT NULL CHECK (cost_rate >= 0),
    max_units   REAL NOT NULL CHECK (max_units >= 0),
    calendar_id TEXT REFERENCES calendars(id)
);
CREATE INDEX resources_calendar ON resources(calendar_id);
CREATE TABLE assignments (
    ord         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    task_id     TEXT NOT NULL REFERENCES tasks(id),
    resource_id TEXT NOT NULL REFERENCES resources(id),
    units       REAL NOT NULL CHECK (units > 0)
);
CREATE INDEX assignments_task ON assignments(task_id);
CREATE INDEX assignments_resource ON assignments(resource_id);

-- One row per change (an apply batch, a plan replacement, an undo, a redo).
CREATE TABLE changes (
    id    INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind IN ('create', 'edit', 'replace', 'undo', 'redo')),
    label TEXT NOT NULL,
    at    TEXT NOT NULL,
    actor TEXT NOT NULL
);
-- The audit trail: hash = SHA-256(previous hash || canonical entry); see audit.rs.
CREATE TABLE audit (
    seq         INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    change_id   INTEGER NOT NULL,
    label       TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    action      TEXT NOT NULL,
    position    INTEGER,
    before      TEXT,
    after       TEXT,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_change ON audit(change_id);
-- The last entry's seq and hash, so that removing entries from the end is noticed.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
-- Undo and redo stacks of change ids; the highest position is the top.
CREATE TABLE undo_stack (
    position  INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id)
);
CREATE TABLE redo_stack (
    position  INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id)
);
"#;

/// Version 2: what-if scenarios (`admiral_core::scenario::Scenario`). The overrides are one
/// JSON column (a short list, always read and written whole, whose references the store checks
/// against the plan with `Scenario::validate_in`); `from_risk` is a foreign key.
const V2: &str = r#"
CREATE TABLE scenarios (
    ord         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    from_risk   TEXT REFERENCES risks(id),
    overrides   TEXT NOT NULL CHECK (json_valid(overrides))
);
CREATE INDEX scenarios_risk ON scenarios(from_risk);
"#;

/// Version 3: tamper evidence over the plan itself (see `audit` and `content`). Each audit
/// entry gains `content` (the commitment of the plan's content after it), `signer` (the
/// author's ed25519 public key) and `signature`; `content_state` keeps the per-kind multiset
/// hashes the commitment is computed from, so an edit updates it without reading the plan.
/// [`anchor_content`] then records the content of an existing plan as the upgrade entry, in
/// the transaction of the last migration (it reads the plan with today's schema, which the
/// migrations after this one complete).
const V3: &str = r#"
ALTER TABLE audit ADD COLUMN content TEXT;
ALTER TABLE audit ADD COLUMN signer TEXT;
ALTER TABLE audit ADD COLUMN signature TEXT;
CREATE TABLE content_state (
    kind  TEXT PRIMARY KEY,
    rows  INTEGER NOT NULL,
    lanes BLOB NOT NULL
);
"#;

/// Whether the content state is still to be anchored: the file has `content_state` (from
/// [`V3`]) and nothing in it. A file created at today's format has rows there from its first
/// change on; one upgraded from format 2 gets them from [`anchor_content`].
fn content_unanchored(tx: &Connection) -> Result<bool, StoreError> {
    let has_table: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'content_state')",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(false);
    }
    Ok(
        tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM content_state)", [], |r| {
            r.get(0)
        })?,
    )
}

/// Computes the content state of the plan as it is and, for a plan that has a trail already,
/// appends the unsigned upgrade entry committing to it: the anchored starting point of
/// content verification (entries before it carry no commitment and no signature).
fn anchor_content(tx: &Connection) -> Result<(), StoreError> {
    use crate::audit::{AuditWriter, ChangeKind, UPGRADE_ACTION, UPGRADE_KIND};
    let has_trail: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM audit)", [], |r| r.get(0))?;
    if !has_trail {
        // A new file: empty tables, empty state; its first entries commit from there.
        crate::content::ContentState::empty(crate::content::Scheme::of(tx)?).write(tx)?;
        return Ok(());
    }
    let state = crate::content::current(tx)?.state;
    // Signed with the key of whoever opens the old file (created on first use, as for any
    // change), so that the anchor of content verification is attributable; without a usable
    // key (no config directory, a key file readable by others) it is written unsigned, as
    // the entries before it are, rather than refusing to open the plan.
    let mut audit = AuditWriter::begin(
        tx,
        ChangeKind::Edit,
        "upgrade the plan file to format 3: content commitments and signatures start here",
        &crate::audit::actor(),
        crate::keys::load_or_create().ok(),
    )?;
    audit.set_content(state);
    audit.append(
        tx,
        UPGRADE_KIND,
        "format 3",
        UPGRADE_ACTION,
        None,
        None,
        None,
        None,
    )?;
    audit.finish(tx)?;
    Ok(())
}

/// Version 4: the task mode (`admiral_core::TaskMode`). `manual_start` is the start of a
/// manually scheduled task (NULL: automatically scheduled); `manual_text_dates` is 1 when
/// MS Project kept text for its dates (see `TaskMode::Manual`).
const V4: &str = r#"
ALTER TABLE tasks ADD COLUMN manual_start TEXT;
ALTER TABLE tasks ADD COLUMN manual_text_dates INTEGER NOT NULL DEFAULT 0
    CHECK (manual_text_dates IN (0, 1));
"#;

/// Version 5: resource-driven scheduling. A task's type (`admiral_core::TaskType`), its
/// effort-driven flag and whether it ignores its resources' calendars; an assignment's work in
/// working minutes (NULL: not recorded, the task's duration × units).
const V5: &str = r#"
ALTER TABLE tasks ADD COLUMN task_type TEXT NOT NULL DEFAULT 'fixed_units'
    CHECK (task_type IN ('fixed_units', 'fixed_duration', 'fixed_work'));
ALTER TABLE tasks ADD COLUMN effort_driven INTEGER NOT NULL DEFAULT 0
    CHECK (effort_driven IN (0, 1));
ALTER TABLE tasks ADD COLUMN ignore_resource_calendars INTEGER NOT NULL DEFAULT 0
    CHECK (ignore_resource_calendars IN (0, 1));
ALTER TABLE assignments ADD COLUMN work_minutes INTEGER CHECK (work_minutes >= 0);
"#;

/// Version 6: baselines 0–10 (`admiral_core::baseline::Baseline`), one row per number (the
/// id), with the values per task, assignment and resource as JSON columns, read and written
/// whole. `release_id` is the release it was last saved for (no foreign key: a baseline
/// records the plan as it was). Covered by the content commitment as kind "baseline"
/// (`EntityKind::later`), which counts only once the file has a baseline, so the commitments
/// of files written before stay valid.
const V6: &str = r#"
CREATE TABLE baselines (
    ord         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE
                CHECK (id IN ('0','1','2','3','4','5','6','7','8','9','10')),
    name        TEXT NOT NULL,
    saved_at    TEXT NOT NULL,
    release_id  TEXT,
    tasks       TEXT NOT NULL CHECK (json_valid(tasks)),
    assignments TEXT NOT NULL CHECK (json_valid(assignments)),
    resources   TEXT NOT NULL CHECK (json_valid(resources))
);
"#;

/// Version 7: the portfolio view. A release's `budget` (cents; NULL: none set); commitments
/// between groups (`admiral_core::Commitment`: the promised milestone is a foreign key, and
/// deleting the task deletes its commitments first, each audited); report snapshots
/// (`admiral_core::Snapshot`: what each report export said, its lists as JSON).
const V7: &str = r#"
ALTER TABLE releases ADD COLUMN budget INTEGER CHECK (budget IS NULL OR budget >= 0);
CREATE TABLE commitments (
    ord      INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,
    provider TEXT NOT NULL,
    consumer TEXT NOT NULL,
    task_id  TEXT NOT NULL REFERENCES tasks(id),
    promised TEXT NOT NULL,
    note     TEXT NOT NULL
);
CREATE INDEX commitments_task ON commitments(task_id);
CREATE TABLE snapshots (
    ord         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    taken_at    TEXT NOT NULL,
    label       TEXT NOT NULL,
    seed        INTEGER NOT NULL,
    iterations  INTEGER NOT NULL CHECK (iterations >= 0),
    releases    TEXT NOT NULL CHECK (json_valid(releases)),
    milestones  TEXT NOT NULL CHECK (json_valid(milestones)),
    commitments TEXT NOT NULL CHECK (json_valid(commitments))
);
"#;

/// Version 8: the big tables made compact (issue 20: a 100k-task plan was 155 MB, nearly all
/// of it UUID text, stored and indexed once per id and once per reference).
///
/// - `tasks`, `links` and `assignments` keep their id as `uid`, the UUID's 16 bytes (a BLOB,
///   big-endian as `Uuid::as_bytes`); `id` is the same UUID as text, a VIRTUAL generated
///   column (no storage), so `sqlite3` and `WHERE id = '…'` read them as before.
/// - A column that names a row of `tasks`, `projects`, `calendars` or `resources` holds that
///   row's `ord` (its rowid) instead of its UUID text, with the foreign key on `ord`:
///   `tasks.project_id`, `tasks.calendar_id`, `links.predecessor`, `links.successor`,
///   `assignments.task_id`, `assignments.resource_id`, `gates.task_id`,
///   `risk_tasks.task_id`, `commitments.task_id` (`entities::ORD_REFS` lists them; the
///   store writes and reads them through the referred row's id, so the model is unchanged).
///
/// The content commitment is computed from the entities as loaded, which this changes in no
/// way, so every entry's commitment and signature still verify. The new tables are built
/// under a `v8_` name, filled from the old ones, and renamed into place once those are gone
/// (renaming updates the references between them); all of it in the migration's transaction.
const V8: &str = r#"
CREATE TABLE v8_tasks (
    ord                  INTEGER PRIMARY KEY,
    uid                  BLOB NOT NULL UNIQUE CHECK (typeof(uid) = 'blob' AND length(uid) = 16),
    id                   TEXT GENERATED ALWAYS AS (lower(substr(hex(uid), 1, 8) || '-' ||
                             substr(hex(uid), 9, 4) || '-' || substr(hex(uid), 13, 4) || '-' ||
                             substr(hex(uid), 17, 4) || '-' || substr(hex(uid), 21, 12))) VIRTUAL,
    number               INTEGER NOT NULL UNIQUE CHECK (number >= 0),
    external_uid         INTEGER,
    project_id           INTEGER NOT NULL REFERENCES projects(ord),
    name                 TEXT NOT NULL,
    kind                 TEXT NOT NULL CHECK (kind IN ('task', 'milestone', 'gate', 'deployment')),
    outline_level        INTEGER NOT NULL CHECK (outline_level >= 1),
    duration_kind        TEXT NOT NULL CHECK (duration_kind IN ('working', 'elapsed')),
    duration_minutes     INTEGER NOT NULL CHECK (duration_minutes >= 0),
    estimate_optimistic  INTEGER,
    estimate_most_likely INTEGER,
    estimate_pessimistic INTEGER,
    constraint_kind      TEXT NOT NULL CHECK (constraint_kind IN
                             ('asap', 'alap', 'snet', 'snlt', 'fnet', 'fnlt', 'mso', 'mfo')),
    constraint_date      TEXT,
    deadline             TEXT,
    calendar_id          INTEGER REFERENCES calendars(ord),
    owner                TEXT NOT NULL,
    notes                TEXT NOT NULL,
    actual_start         TEXT,
    actual_finish        TEXT,
    percent_complete     INTEGER NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
    manual_start         TEXT,
    manual_text_dates    INTEGER NOT NULL DEFAULT 0 CHECK (manual_text_dates IN (0, 1)),
    task_type            TEXT NOT NULL DEFAULT 'fixed_units'
                             CHECK (task_type IN ('fixed_units', 'fixed_duration', 'fixed_work')),
    effort_driven        INTEGER NOT NULL DEFAULT 0 CHECK (effort_driven IN (0, 1)),
    ignore_resource_calendars INTEGER NOT NULL DEFAULT 0
                             CHECK (ignore_resource_calendars IN (0, 1)),
    CHECK ((estimate_optimistic IS NULL) = (estimate_most_likely IS NULL)
       AND (estimate_most_likely IS NULL) = (estimate_pessimistic IS NULL)),
    CHECK ((constraint_kind IN ('asap', 'alap')) = (constraint_date IS NULL))
);
CREATE TABLE v8_links (
    ord         INTEGER PRIMARY KEY,
    uid         BLOB NOT NULL UNIQUE CHECK (typeof(uid) = 'blob' AND length(uid) = 16),
    id          TEXT GENERATED ALWAYS AS (lower(substr(hex(uid), 1, 8) || '-' ||
                    substr(hex(uid), 9, 4) || '-' || substr(hex(uid), 13, 4) || '-' ||
                    substr(hex(uid), 17, 4) || '-' || substr(hex(uid), 21, 12))) VIRTUAL,
    predecessor INTEGER NOT NULL REFERENCES v8_tasks(ord),
    successor   INTEGER NOT NULL REFERENCES v8_tasks(ord),
    kind        TEXT NOT NULL CHECK (kind IN ('FS', 'SS', 'FF', 'SF')),
    lag_kind    TEXT NOT NULL CHECK (lag_kind IN ('working', 'elapsed', 'percent')),
    lag_value   INTEGER NOT NULL,
    UNIQUE (predecessor, successor),
    CHECK (predecessor <> successor)
);
CREATE TABLE v8_gates (
    ord       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    task_id   INTEGER NOT NULL REFERENCES v8_tasks(ord),
    criteria  TEXT NOT NULL CHECK (json_valid(criteria)),
    approvers TEXT NOT NULL CHECK (json_valid(approvers))
);
CREATE TABLE v8_risk_tasks (
    risk_id  TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    task_id  INTEGER NOT NULL REFERENCES v8_tasks(ord),
    PRIMARY KEY (risk_id, position)
);
CREATE TABLE v8_assignments (
    ord          INTEGER PRIMARY KEY,
    uid          BLOB NOT NULL UNIQUE CHECK (typeof(uid) = 'blob' AND length(uid) = 16),
    id           TEXT GENERATED ALWAYS AS (lower(substr(hex(uid), 1, 8) || '-' ||
                     substr(hex(uid), 9, 4) || '-' || substr(hex(uid), 13, 4) || '-' ||
                     substr(hex(uid), 17, 4) || '-' || substr(hex(uid), 21, 12))) VIRTUAL,
    task_id      INTEGER NOT NULL REFERENCES v8_tasks(ord),
    resource_id  INTEGER NOT NULL REFERENCES resources(ord),
    units        REAL NOT NULL CHECK (units > 0),
    work_minutes INTEGER CHECK (work_minutes >= 0)
);
CREATE TABLE v8_commitments (
    ord      INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,
    provider TEXT NOT NULL,
    consumer TEXT NOT NULL,
    task_id  INTEGER NOT NULL REFERENCES v8_tasks(ord),
    promised TEXT NOT NULL,
    note     TEXT NOT NULL
);

INSERT INTO v8_tasks (ord, uid, number, external_uid, project_id, name, kind, outline_level,
        duration_kind, duration_minutes, estimate_optimistic, estimate_most_likely,
        estimate_pessimistic, constraint_kind, constraint_date, deadline, calendar_id, owner,
        notes, actual_start, actual_finish, percent_complete, manual_start, manual_text_dates,
        task_type, effort_driven, ignore_resource_calendars)
    SELECT t.ord, unhex(replace(t.id, '-', '')), t.number, t.external_uid,
        (SELECT p.ord FROM projects p WHERE p.id = t.project_id), t.name, t.kind,
        t.outline_level, t.duration_kind, t.duration_minutes, t.estimate_optimistic,
        t.estimate_most_likely, t.estimate_pessimistic, t.constraint_kind, t.constraint_date,
        t.deadline, (SELECT c.ord FROM calendars c WHERE c.id = t.calendar_id), t.owner,
        t.notes, t.actual_start, t.actual_finish, t.percent_complete, t.manual_start,
        t.manual_text_dates, t.task_type, t.effort_driven, t.ignore_resource_calendars
    FROM tasks t ORDER BY t.ord;
INSERT INTO v8_links (ord, uid, predecessor, successor, kind, lag_kind, lag_value)
    SELECT l.ord, unhex(replace(l.id, '-', '')),
        (SELECT t.ord FROM tasks t WHERE t.id = l.predecessor),
        (SELECT t.ord FROM tasks t WHERE t.id = l.successor), l.kind, l.lag_kind, l.lag_value
    FROM links l ORDER BY l.ord;
INSERT INTO v8_gates (ord, id, task_id, criteria, approvers)
    SELECT g.ord, g.id, (SELECT t.ord FROM tasks t WHERE t.id = g.task_id), g.criteria,
        g.approvers
    FROM gates g ORDER BY g.ord;
INSERT INTO v8_risk_tasks (risk_id, position, task_id)
    SELECT r.risk_id, r.position, (SELECT t.ord FROM tasks t WHERE t.id = r.task_id)
    FROM risk_tasks r;
INSERT INTO v8_assignments (ord, uid, task_id, resource_id, units, work_minutes)
    SELECT a.ord, unhex(replace(a.id, '-', '')),
        (SELECT t.ord FROM tasks t WHERE t.id = a.task_id),
        (SELECT r.ord FROM resources r WHERE r.id = a.resource_id), a.units, a.work_minutes
    FROM assignments a ORDER BY a.ord;
INSERT INTO v8_commitments (ord, id, provider, consumer, task_id, promised, note)
    SELECT c.ord, c.id, c.provider, c.consumer,
        (SELECT t.ord FROM tasks t WHERE t.id = c.task_id), c.promised, c.note
    FROM commitments c ORDER BY c.ord;

DROP TABLE commitments;
DROP TABLE assignments;
DROP TABLE risk_tasks;
DROP TABLE gates;
DROP TABLE links;
DROP TABLE tasks;
ALTER TABLE v8_tasks RENAME TO tasks;
ALTER TABLE v8_links RENAME TO links;
ALTER TABLE v8_gates RENAME TO gates;
ALTER TABLE v8_risk_tasks RENAME TO risk_tasks;
ALTER TABLE v8_assignments RENAME TO assignments;
ALTER TABLE v8_commitments RENAME TO commitments;
CREATE INDEX tasks_project ON tasks(project_id);
CREATE INDEX tasks_calendar ON tasks(calendar_id);
CREATE INDEX links_successor ON links(successor);
CREATE INDEX gates_task ON gates(task_id);
CREATE INDEX risk_tasks_task ON risk_tasks(task_id);
CREATE INDEX assignments_task ON assignments(task_id);
CREATE INDEX assignments_resource ON assignments(resource_id);
CREATE INDEX commitments_task ON commitments(task_id);
"#;

/// Version 9: an assignment's work contour (`admiral_core::WorkContour`, MS Project's
/// patterns by name) and, for an edited contour ("contoured"), the span it keeps in working
/// minutes (NULL for the patterns). The model does not write a flat contour into the JSON
/// the content commitment hashes, so files written before keep their commitments.
const V9: &str = r#"
ALTER TABLE assignments ADD COLUMN work_contour TEXT NOT NULL DEFAULT 'flat'
    CHECK (work_contour IN ('flat', 'back_loaded', 'front_loaded', 'double_peak',
        'early_peak', 'late_peak', 'bell', 'turtle', 'contoured'));
ALTER TABLE assignments ADD COLUMN contour_span_minutes INTEGER
    CHECK ((work_contour = 'contoured') = (contour_span_minutes IS NOT NULL)
        AND (contour_span_minutes IS NULL OR contour_span_minutes >= 0));
"#;

/// Version 10: a task's fixed cost (`admiral_core::FixedCost`: cents, and when it accrues).
/// Part of the task's row, so covered by the content commitment as the task's other fields
/// are; a task without one encodes as before (the field is left out of its JSON).
const V10: &str = r#"
ALTER TABLE tasks ADD COLUMN fixed_cost INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN fixed_cost_accrual TEXT NOT NULL DEFAULT 'prorated'
    CHECK (fixed_cost_accrual IN ('start', 'prorated', 'end'));
"#;

/// Version 11: a task's splits (`admiral_core::Split`, MS Project's split task) as
/// "after:gap" pairs in working minutes, comma-separated, in order; NULL when it has none.
/// Part of the task's row, so covered by the content commitment; a task without splits
/// encodes as before (the field is left out of its JSON).
const V11: &str = r#"
ALTER TABLE tasks ADD COLUMN splits TEXT CHECK (splits IS NULL OR length(splits) > 0);
"#;

/// Version 12: the enums of the three tables with a row per task or more (tasks, links,
/// assignments) are stored as small integers, `<column>_code`, and their names stay readable
/// as VIRTUAL generated columns under the old column names (`kind`, `lag_kind`, …), which
/// take no space in the file. Two reasons (issue 20):
/// - size: a name like 'fixed_units' took 11 bytes a row, a code 0 or 1 takes none and any
///   other code one (about 6 MB of a 100k-task plan);
/// - speed: a CHECK `x IN ('a', 'b', 'c')` made SQLite build a temporary index of the list
///   for every row written (two thirds of the instructions of writing an imported plan);
///   `typeof(x) = 'integer' AND x BETWEEN 0 AND n` is two comparisons.
///
/// The codes are the positions of the names in `crate::codec`'s lists (tested against the
/// generated columns). Tasks without a calendar of their own (most) are left out of the
/// `tasks_calendar` index, which only the key check on deleting a calendar uses.
///
/// The UUID as text (`id`, a VIRTUAL column since V8) is gone from these three tables:
/// SQLite computes every generated column of a row it writes, and formatting the UUID cost
/// more than the rest of the insert (in `sqlite3` 3.40, 1.7 µs of the 2.1 µs of a row of a
/// small table; the CASE of a name column costs about 0.02 µs). `sqlite3` shows an id with
/// `lower(hex(uid))` and finds a row with `uid = unhex(replace('…', '-', ''))`; the store
/// reads `uid` and formats it itself.
///
/// As with V8, the content commitment is computed from the entities as loaded, which this
/// does not change; the tables that refer to tasks are rebuilt with them so that the
/// references follow the renamed tables.
const V12: &str = r#"
CREATE TABLE v12_tasks (
    ord                  INTEGER PRIMARY KEY,
    uid                  BLOB NOT NULL UNIQUE CHECK (typeof(uid) = 'blob' AND length(uid) = 16),
    number               INTEGER NOT NULL UNIQUE CHECK (number >= 0),
    external_uid         INTEGER,
    project_id           INTEGER NOT NULL REFERENCES projects(ord),
    name                 TEXT NOT NULL,
    kind_code            INTEGER NOT NULL
                             CHECK (typeof(kind_code) = 'integer' AND kind_code BETWEEN 0 AND 3),
    kind                 TEXT GENERATED ALWAYS AS (CASE kind_code WHEN 0 THEN 'task'
                             WHEN 1 THEN 'milestone' WHEN 2 THEN 'gate'
                             WHEN 3 THEN 'deployment' END) VIRTUAL,
    outline_level        INTEGER NOT NULL CHECK (outline_level >= 1),
    duration_kind_code   INTEGER NOT NULL CHECK (typeof(duration_kind_code) = 'integer'
                             AND duration_kind_code BETWEEN 0 AND 1),
    duration_kind        TEXT GENERATED ALWAYS AS (CASE duration_kind_code WHEN 0 THEN 'working'
                             WHEN 1 THEN 'elapsed' END) VIRTUAL,
    duration_minutes     INTEGER NOT NULL CHECK (duration_minutes >= 0),
    estimate_optimistic  INTEGER,
    estimate_most_likely INTEGER,
    estimate_pessimistic INTEGER,
    constraint_kind_code INTEGER NOT NULL CHECK (typeof(constraint_kind_code) = 'integer'
                             AND constraint_kind_code BETWEEN 0 AND 7),
    constraint_kind      TEXT GENERATED ALWAYS AS (CASE constraint_kind_code WHEN 0 THEN 'asap'
                             WHEN 1 THEN 'alap' WHEN 2 THEN 'snet' WHEN 3 THEN 'snlt'
                             WHEN 4 THEN 'fnet' WHEN 5 THEN 'fnlt' WHEN 6 THEN 'mso'
                             WHEN 7 THEN 'mfo' END) VIRTUAL,
    constraint_date      TEXT,
    deadline             TEXT,
    calendar_id          INTEGER REFERENCES calendars(ord),
    owner                TEXT NOT NULL,
    notes                TEXT NOT NULL,
    actual_start         TEXT,
    actual_finish        TEXT,
    percent_complete     INTEGER NOT NULL CHECK (percent_complete BETWEEN 0 AND 100),
    manual_start         TEXT,
    manual_text_dates    INTEGER NOT NULL DEFAULT 0 CHECK (manual_text_dates IN (0, 1)),
    task_type_code       INTEGER NOT NULL DEFAULT 0 CHECK (typeof(task_type_code) = 'integer'
                             AND task_type_code BETWEEN 0 AND 2),
    task_type            TEXT GENERATED ALWAYS AS (CASE task_type_code WHEN 0 THEN 'fixed_units'
                             WHEN 1 THEN 'fixed_duration' WHEN 2 THEN 'fixed_work' END) VIRTUAL,
    effort_driven        INTEGER NOT NULL DEFAULT 0 CHECK (effort_driven IN (0, 1)),
    ignore_resource_calendars INTEGER NOT NULL DEFAULT 0
                             CHECK (ignore_resource_calendars IN (0, 1)),
    fixed_cost           INTEGER NOT NULL DEFAULT 0,
    fixed_cost_accrual_code INTEGER NOT NULL DEFAULT 1
                             CHECK (typeof(fixed_cost_accrual_code) = 'integer'
                                 AND fixed_cost_accrual_code BETWEEN 0 AND 2),
    fixed_cost_accrual   TEXT GENERATED ALWAYS AS (CASE fixed_cost_accrual_code
                             WHEN 0 THEN 'start' WHEN 1 THEN 'prorated' WHEN 2 THEN 'end' END)
                             VIRTUAL,
    splits               TEXT CHECK (splits IS NULL OR length(splits) > 0),
    CHECK ((estimate_optimistic IS NULL) = (estimate_most_likely IS NULL)
       AND (estimate_most_likely IS NULL) = (estimate_pessimistic IS NULL)),
    CHECK ((constraint_kind_code <= 1) = (constraint_date IS NULL))
);
CREATE TABLE v12_links (
    ord           INTEGER PRIMARY KEY,
    uid           BLOB NOT NULL UNIQUE CHECK (typeof(uid) = 'blob' AND length(uid) = 16),
    predecessor   INTEGER NOT NULL REFERENCES v12_tasks(ord),
    successor     INTEGER NOT NULL REFERENCES v12_tasks(ord),
    kind_code     INTEGER NOT NULL
                      CHECK (typeof(kind_code) = 'integer' AND kind_code BETWEEN 0 AND 3),
    kind          TEXT GENERATED ALWAYS AS (CASE kind_code WHEN 0 THEN 'FS' WHEN 1 THEN 'SS'
                      WHEN 2 THEN 'FF' WHEN 3 THEN 'SF' END) VIRTUAL,
    lag_kind_code INTEGER NOT NULL
                      CHECK (typeof(lag_kind_code) = 'integer' AND lag_kind_code BETWEEN 0 AND 2),
    lag_kind      TEXT GENERATED ALWAYS AS (CASE lag_kind_code WHEN 0 THEN 'working'
                      WHEN 1 THEN 'elapsed' WHEN 2 THEN 'percent' END) VIRTUAL,
    lag_value     INTEGER NOT NULL,
    UNIQUE (predecessor, successor),
    CHECK (predecessor <> successor)
);
CREATE TABLE v12_gates (
    ord       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    task_id   INTEGER NOT NULL REFERENCES v12_tasks(ord),
    criteria  TEXT NOT NULL CHECK (json_valid(criteria)),
    approvers TEXT NOT NULL CHECK (json_valid(approvers))
);
CREATE TABLE v12_risk_tasks (
    risk_id  TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    task_id  INTEGER NOT NULL REFERENCES v12_tasks(ord),
    PRIMARY KEY (risk_id, position)
);
CREATE TABLE v12_assignments (
    ord                  INTEGER PRIMARY KEY,
    uid                  BLOB NOT NULL UNIQUE CHECK (typeof(uid) = 'blob' AND length(uid) = 16),
    task_id              INTEGER NOT NULL REFERENCES v12_tasks(ord),
    resource_id          INTEGER NOT NULL REFERENCES resources(ord),
    units                REAL NOT NULL CHECK (units > 0),
    work_minutes         INTEGER CHECK (work_minutes >= 0),
    work_contour_code    INTEGER NOT NULL DEFAULT 0 CHECK (typeof(work_contour_code) = 'integer'
                             AND work_contour_code BETWEEN 0 AND 8),
    work_contour         TEXT GENERATED ALWAYS AS (CASE work_contour_code WHEN 0 THEN 'flat'
                             WHEN 1 THEN 'back_loaded' WHEN 2 THEN 'front_loaded'
                             WHEN 3 THEN 'double_peak' WHEN 4 THEN 'early_peak'
                             WHEN 5 THEN 'late_peak' WHEN 6 THEN 'bell' WHEN 7 THEN 'turtle'
                             WHEN 8 THEN 'contoured' END) VIRTUAL,
    contour_span_minutes INTEGER
        CHECK ((work_contour_code = 8) = (contour_span_minutes IS NOT NULL)
            AND (contour_span_minutes IS NULL OR contour_span_minutes >= 0))
);
CREATE TABLE v12_commitments (
    ord      INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,
    provider TEXT NOT NULL,
    consumer TEXT NOT NULL,
    task_id  INTEGER NOT NULL REFERENCES v12_tasks(ord),
    promised TEXT NOT NULL,
    note     TEXT NOT NULL
);

INSERT INTO v12_tasks (ord, uid, number, external_uid, project_id, name, kind_code,
        outline_level, duration_kind_code, duration_minutes, estimate_optimistic,
        estimate_most_likely, estimate_pessimistic, constraint_kind_code, constraint_date,
        deadline, calendar_id, owner, notes, actual_start, actual_finish, percent_complete,
        manual_start, manual_text_dates, task_type_code, effort_driven,
        ignore_resource_calendars, fixed_cost, fixed_cost_accrual_code, splits)
    SELECT ord, uid, number, external_uid, project_id, name,
        CASE kind WHEN 'task' THEN 0 WHEN 'milestone' THEN 1 WHEN 'gate' THEN 2
            WHEN 'deployment' THEN 3 END,
        outline_level,
        CASE duration_kind WHEN 'working' THEN 0 WHEN 'elapsed' THEN 1 END,
        duration_minutes, estimate_optimistic, estimate_most_likely, estimate_pessimistic,
        CASE constraint_kind WHEN 'asap' THEN 0 WHEN 'alap' THEN 1 WHEN 'snet' THEN 2
            WHEN 'snlt' THEN 3 WHEN 'fnet' THEN 4 WHEN 'fnlt' THEN 5 WHEN 'mso' THEN 6
            WHEN 'mfo' THEN 7 END,
        constraint_date, deadline, calendar_id, owner, notes, actual_start, actual_finish,
        percent_complete, manual_start, manual_text_dates,
        CASE task_type WHEN 'fixed_units' THEN 0 WHEN 'fixed_duration' THEN 1
            WHEN 'fixed_work' THEN 2 END,
        effort_driven, ignore_resource_calendars, fixed_cost,
        CASE fixed_cost_accrual WHEN 'start' THEN 0 WHEN 'prorated' THEN 1 WHEN 'end' THEN 2 END,
        splits
    FROM tasks ORDER BY ord;
INSERT INTO v12_links (ord, uid, predecessor, successor, kind_code, lag_kind_code, lag_value)
    SELECT ord, uid, predecessor, successor,
        CASE kind WHEN 'FS' THEN 0 WHEN 'SS' THEN 1 WHEN 'FF' THEN 2 WHEN 'SF' THEN 3 END,
        CASE lag_kind WHEN 'working' THEN 0 WHEN 'elapsed' THEN 1 WHEN 'percent' THEN 2 END,
        lag_value
    FROM links ORDER BY ord;
INSERT INTO v12_gates (ord, id, task_id, criteria, approvers)
    SELECT ord, id, task_id, criteria, approvers FROM gates ORDER BY ord;
INSERT INTO v12_risk_tasks (risk_id, position, task_id)
    SELECT risk_id, position, task_id FROM risk_tasks;
INSERT INTO v12_assignments (ord, uid, task_id, resource_id, units, work_minutes,
        work_contour_code, contour_span_minutes)
    SELECT ord, uid, task_id, resource_id, units, work_minutes,
        CASE work_contour WHEN 'flat' THEN 0 WHEN 'back_loaded' THEN 1
            WHEN 'front_loaded' THEN 2 WHEN 'double_peak' THEN 3 WHEN 'early_peak' THEN 4
            WHEN 'late_peak' THEN 5 WHEN 'bell' THEN 6 WHEN 'turtle' THEN 7
            WHEN 'contoured' THEN 8 END,
        contour_span_minutes
    FROM assignments ORDER BY ord;
INSERT INTO v12_commitments (ord, id, provider, consumer, task_id, promised, note)
    SELECT ord, id, provider, consumer, task_id, promised, note FROM commitments ORDER BY ord;

DROP TABLE commitments;
DROP TABLE assignments;
DROP TABLE risk_tasks;
DROP TABLE gates;
DROP TABLE links;
DROP TABLE tasks;
ALTER TABLE v12_tasks RENAME TO tasks;
ALTER TABLE v12_links RENAME TO links;
ALTER TABLE v12_gates RENAME TO gates;
ALTER TABLE v12_risk_tasks RENAME TO risk_tasks;
ALTER TABLE v12_assignments RENAME TO assignments;
ALTER TABLE v12_commitments RENAME TO commitments;
CREATE INDEX tasks_project ON tasks(project_id);
CREATE INDEX tasks_calendar ON tasks(calendar_id) WHERE calendar_id IS NOT NULL;
CREATE INDEX links_successor ON links(successor);
CREATE INDEX gates_task ON gates(task_id);
CREATE INDEX risk_tasks_task ON risk_tasks(task_id);
CREATE INDEX assignments_task ON assignments(task_id);
CREATE INDEX assignments_resource ON assignments(resource_id);
CREATE INDEX commitments_task ON commitments(task_id);
"#;

/// Version 13: a link whose id is the one derived from its two tasks
/// (`admiral_core::LinkId::derived`, what every new link gets) stores no id: `links.uid` is
/// NULL and the store computes the id from the two tasks' `uid`s when it reads the row. Only
/// a link that keeps another id (one written before this version, or one moved to other
/// tasks) stores it, and only those are in the unique index. At 300k links the ids and their
/// index were 13.7 MB of a 53.4 MB file. The links already in a file keep their ids.
const V13: &str = r#"
CREATE TABLE v13_links (
    ord           INTEGER PRIMARY KEY,
    uid           BLOB CHECK (uid IS NULL OR (typeof(uid) = 'blob' AND length(uid) = 16)),
    predecessor   INTEGER NOT NULL REFERENCES tasks(ord),
    successor     INTEGER NOT NULL REFERENCES tasks(ord),
    kind_code     INTEGER NOT NULL
                      CHECK (typeof(kind_code) = 'integer' AND kind_code BETWEEN 0 AND 3),
    kind          TEXT GENERATED ALWAYS AS (CASE kind_code WHEN 0 THEN 'FS' WHEN 1 THEN 'SS'
                      WHEN 2 THEN 'FF' WHEN 3 THEN 'SF' END) VIRTUAL,
    lag_kind_code INTEGER NOT NULL
                      CHECK (typeof(lag_kind_code) = 'integer' AND lag_kind_code BETWEEN 0 AND 2),
    lag_kind      TEXT GENERATED ALWAYS AS (CASE lag_kind_code WHEN 0 THEN 'working'
                      WHEN 1 THEN 'elapsed' WHEN 2 THEN 'percent' END) VIRTUAL,
    lag_value     INTEGER NOT NULL,
    UNIQUE (predecessor, successor),
    CHECK (predecessor <> successor)
);
INSERT INTO v13_links (ord, uid, predecessor, successor, kind_code, lag_kind_code, lag_value)
    SELECT ord, uid, predecessor, successor, kind_code, lag_kind_code, lag_value
    FROM links ORDER BY ord;
DROP TABLE links;
ALTER TABLE v13_links RENAME TO links;
CREATE UNIQUE INDEX links_uid ON links(uid) WHERE uid IS NOT NULL;
CREATE INDEX links_successor ON links(successor);
"#;

/// Version 14: the file names the scheme its content commitment hashes rows with
/// (`content::Scheme`). A file upgraded to it keeps SHA-256 (1), the scheme its trail
/// committed with; [`create_latest`] makes new files with BLAKE3 (2).
const V14: &str = r#"
CREATE TABLE content_scheme (
    only    INTEGER PRIMARY KEY CHECK (only = 1),
    version INTEGER NOT NULL CHECK (version IN (1, 2))
);
INSERT INTO content_scheme (only, version) VALUES (1, 1);
"#;

/// Brings the file to [`LATEST_VERSION`], one migration per transaction. Refuses (without
/// writing) a file at a newer version.
pub(crate) fn migrate(conn: &mut Connection, path: &std::path::Path) -> Result<(), StoreError> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if current > LATEST_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: current,
            supported: LATEST_VERSION,
        });
    }
    if current < 0 {
        return Err(StoreError::Damaged {
            path: path.to_path_buf(),
            reason: format!("its file format version is {current}"),
        });
    }
    for (done, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql).map_err(|e| StoreError::Damaged {
            path: path.to_path_buf(),
            reason: format!(
                "upgrading it from file format {done} to {} failed ({}); it was left at format {done}",
                done + 1,
                first_line(&e.to_string())
            ),
        })?;
        // After the last migration, with the whole of today's schema in place. A file left
        // between two migrations (a crash) is anchored when the rest complete.
        if done + 1 == MIGRATIONS.len() && content_unanchored(&tx)? {
            anchor_content(&tx)?;
        }
        // user_version lives in the header page, so this is part of the same transaction.
        tx.pragma_update(None, "user_version", done as i64 + 1)?;
        tx.commit()?;
    }
    if current > 0 && current < LATEST_VERSION {
        compact_after_upgrade(conn);
    }
    Ok(())
}

/// Today's schema as the migrations leave it: `sqlite_schema`'s statements after replaying
/// them all on an empty file, tables first (see [`schema_of`]). A new file is made from it in
/// one step, which costs a tenth of replaying the twelve migrations (their table rebuilds
/// and renames re-read the whole schema each time). A test checks that it gives exactly the
/// schema the migrations give; after adding a migration, rewrite it with
/// `ADMIRAL_WRITE_SCHEMA=1 cargo test -p admiral-store --lib schema`.
const SCHEMA: &str = include_str!("schema.sql");

/// Makes an empty database a plan file of today's format, from [`SCHEMA`], whose content
/// commitment hashes with `scheme` (BLAKE3 for every new plan); a database that is not empty
/// is migrated as any file is.
pub(crate) fn create_latest(
    conn: &mut Connection,
    path: &std::path::Path,
    scheme: crate::content::Scheme,
) -> Result<(), StoreError> {
    let empty: bool =
        conn.query_row("SELECT NOT EXISTS (SELECT 1 FROM sqlite_schema)", [], |r| {
            r.get(0)
        })?;
    if !empty || version(conn)? != 0 {
        return migrate(conn, path);
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute_batch(SCHEMA)?;
    tx.execute("UPDATE content_scheme SET version = ?1", [scheme as i64])?;
    anchor_content(&tx)?;
    tx.pragma_update(None, "user_version", LATEST_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// The statements of a database's schema, as [`SCHEMA`] holds them: tables, then indexes,
/// then anything else, each in the order it was made; then the rows the migrations put in
/// (`audit_head`'s first), except the content state, which [`anchor_content`] writes.
#[cfg(test)]
fn schema_of(conn: &Connection) -> String {
    let mut stmt = conn
        .prepare(
            "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL
             ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 ELSE 2 END, rowid",
        )
        .unwrap();
    let statements: Vec<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let header =
        "-- Today's plan file schema, as the migrations in migrate.rs leave it. Generated:\n\
                  -- ADMIRAL_WRITE_SCHEMA=1 cargo test -p admiral-store --lib schema\n\n";
    let mut statements = statements;
    statements.extend(rows_as_inserts(conn));
    header.to_string() + &statements.join(";\n\n") + ";\n"
}

/// An INSERT for every row of every table but `content_state`, with its stored columns.
#[cfg(test)]
fn rows_as_inserts(conn: &Connection) -> Vec<String> {
    use rusqlite::types::Value;
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             AND name <> 'content_state' ORDER BY rowid",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let columns: Vec<String> = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{t}') ORDER BY cid"
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let list = columns.join(", ");
        let mut stmt = conn
            .prepare(&format!("SELECT {list} FROM {t} ORDER BY rowid"))
            .unwrap();
        let mut rows = stmt.query([]).unwrap();
        while let Some(r) = rows.next().unwrap() {
            let values: Vec<String> = (0..columns.len())
                .map(|i| match r.get::<_, Value>(i).unwrap() {
                    Value::Null => "NULL".to_string(),
                    Value::Integer(n) => n.to_string(),
                    Value::Real(x) => format!("{x:?}"),
                    Value::Text(s) => format!("'{}'", s.replace('\'', "''")),
                    Value::Blob(b) => format!(
                        "X'{}'",
                        b.iter().map(|x| format!("{x:02X}")).collect::<String>()
                    ),
                })
                .collect();
            out.push(format!(
                "INSERT INTO {t} ({list}) VALUES ({})",
                values.join(", ")
            ));
        }
    }
    out
}

/// A migration that rebuilds tables (V8, V12, V13) leaves the old tables' pages free, about half
/// of an upgraded file; a VACUUM gives them back once, after the upgrade has committed. Not
/// being able to (a full disk: VACUUM needs room for a copy) leaves a larger file that is
/// otherwise the same, so it does not stop the plan from opening.
fn compact_after_upgrade(conn: &Connection) {
    let pages = |pragma: &str| -> i64 {
        conn.pragma_query_value(None, pragma, |r| r.get(0))
            .unwrap_or(0)
    };
    if pages("freelist_count") * 4 > pages("page_count") {
        let _ = conn.execute_batch("VACUUM");
    }
}

/// A table that a migration after `version` creates and that the file already has: the sign
/// of a `user_version` lowered by hand (migrating would fail half-way with an SQL error).
pub(crate) fn later_table(conn: &Connection, version: i64) -> Result<Option<String>, StoreError> {
    let later = MIGRATIONS
        .iter()
        .skip(usize::try_from(version).unwrap_or(0));
    for sql in later {
        for name in created_tables(sql) {
            let exists: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
                [&name],
                |r| r.get(0),
            )?;
            if exists {
                return Ok(Some(name));
            }
        }
    }
    Ok(None)
}

/// The names after each `CREATE TABLE` of a migration.
fn created_tables(sql: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = sql;
    while let Some(at) = rest.find("CREATE TABLE ") {
        rest = &rest[at + "CREATE TABLE ".len()..];
        let rest_trim = rest.trim_start_matches("IF NOT EXISTS ");
        let name: String = rest_trim
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            out.push(name);
        }
    }
    out
}

/// The first line of an SQL error, without the statement SQLite quotes after it.
fn first_line(s: &str) -> &str {
    s.lines()
        .next()
        .unwrap_or(s)
        .split(" in CREATE")
        .next()
        .unwrap_or(s)
        .trim()
}

/// The schema version of an open connection.
pub(crate) fn version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tables(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    #[test]
    fn migrates_an_empty_database_to_the_latest_version_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut conn = Connection::open(&path).unwrap();
        assert_eq!(version(&conn).unwrap(), 0);
        migrate(&mut conn, &path).unwrap();
        assert_eq!(version(&conn).unwrap(), LATEST_VERSION);
        let t = tables(&conn);
        for expected in [
            "assignments",
            "audit",
            "audit_head",
            "blackouts",
            "content_state",
            "calendar_exceptions",
            "calendars",
            "changes",
            "gates",
            "links",
            "portfolio",
            "projects",
            "redo_stack",
            "releases",
            "resources",
            "risk_tasks",
            "risks",
            "scenarios",
            "commitments",
            "snapshots",
            "settings",
            "tasks",
            "undo_stack",
        ] {
            assert!(t.iter().any(|x| x == expected), "{expected} missing");
        }
        // A second run finds nothing to do.
        migrate(&mut conn, &path).unwrap();
        assert_eq!(tables(&conn), t);
        let fk: i64 = conn
            .query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fk, 0);
    }

    #[test]
    fn a_version_1_file_gains_the_scenarios_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.db");
        let mut conn = Connection::open(&path).unwrap();
        conn.execute_batch(V1).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        assert!(!tables(&conn).iter().any(|t| t == "scenarios"));
        migrate(&mut conn, &path).unwrap();
        assert_eq!(version(&conn).unwrap(), LATEST_VERSION);
        assert!(tables(&conn).iter().any(|t| t == "scenarios"));
    }

    #[test]
    fn a_version_2_file_gains_the_task_mode_with_its_tasks_automatic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.db");
        let mut conn = Connection::open(&path).unwrap();
        conn.execute_batch(V1).unwrap();
        conn.execute_batch(V2).unwrap();
        conn.pragma_update(None, "user_version", 2).unwrap();
        conn.execute_batch(
            "INSERT INTO portfolio (id, name) VALUES (1, 'p');
             INSERT INTO releases (id, code, name, kind, owner, description, start, status)
                 VALUES ('r', 'R', 'R', 'project', '', '', '2027-01-04T08:00:00', 'planning');
             INSERT INTO projects (id, release_id, name, department, owner)
                 VALUES ('p', 'r', 'P', '', '');
             INSERT INTO tasks (id, number, project_id, name, kind, outline_level,
                 duration_kind, duration_minutes, constraint_kind, owner, notes,
                 percent_complete)
                 VALUES ('00000000-0000-0000-0000-00000000000a', 1, 'p', 'T', 'task', 1,
                         'working', 480, 'asap', '', '', 0);",
        )
        .unwrap();
        migrate(&mut conn, &path).unwrap();
        assert_eq!(version(&conn).unwrap(), LATEST_VERSION);
        let (start, text): (Option<String>, i64) = conn
            .query_row(
                "SELECT manual_start, manual_text_dates FROM tasks \
                 WHERE uid = x'0000000000000000000000000000000a'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((start, text), (None, 0));
    }

    #[test]
    fn a_version_4_file_gains_task_types_and_assignment_work() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v4.db");
        let mut conn = Connection::open(&path).unwrap();
        for sql in [V1, V2, V3, V4] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        migrate(&mut conn, &path).unwrap();
        assert_eq!(version(&conn).unwrap(), LATEST_VERSION);
        let cols: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_xinfo('tasks') UNION ALL SELECT name FROM pragma_table_xinfo('assignments')")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for c in [
            "task_type",
            "effort_driven",
            "ignore_resource_calendars",
            "work_minutes",
        ] {
            assert!(cols.iter().any(|x| x == c), "{c} missing");
        }
    }

    #[test]
    fn a_version_8_file_gains_flat_contours_and_refuses_a_contoured_without_span() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v8.db");
        let mut conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..8] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 8).unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute(
            "INSERT INTO assignments (uid, task_id, resource_id, units) \
             VALUES (randomblob(16), 1, 1, 1)",
            [],
        )
        .unwrap();
        migrate(&mut conn, &path).unwrap();
        let (contour, span): (String, Option<i64>) = conn
            .query_row(
                "SELECT work_contour, contour_span_minutes FROM assignments",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((contour.as_str(), span), ("flat", None));
        // Since format 12 a contour is stored as its code (8: contoured; 9: none).
        for bad in [
            "UPDATE assignments SET work_contour_code = 8",
            "UPDATE assignments SET contour_span_minutes = 60",
            "UPDATE assignments SET work_contour_code = 9",
            "UPDATE assignments SET work_contour_code = 8, contour_span_minutes = -1",
        ] {
            assert!(conn.execute(bad, []).is_err(), "{bad} was accepted");
        }
        conn.execute(
            "UPDATE assignments SET work_contour_code = 8, contour_span_minutes = 60",
            [],
        )
        .unwrap();
    }

    #[test]
    fn coded_columns_show_the_names_of_the_codec_lists_and_refuse_other_codes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("codes.db");
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, &path).unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute_batch(
            "INSERT INTO tasks (uid, number, project_id, name, kind_code, outline_level,
                 duration_kind_code, duration_minutes, constraint_kind_code, owner, notes,
                 percent_complete)
             VALUES (randomblob(16), 1, 1, 'A', 0, 1, 0, 0, 0, '', '', 0),
                    (randomblob(16), 2, 1, 'B', 0, 1, 0, 0, 0, '', '', 0);
             INSERT INTO links (uid, predecessor, successor, kind_code, lag_kind_code, lag_value)
             VALUES (randomblob(16), 1, 2, 0, 0, 0);
             INSERT INTO assignments (uid, task_id, resource_id, units)
             VALUES (randomblob(16), 1, 1, 1);",
        )
        .unwrap();
        let (task_type, accrual, contour): (String, String, String) = conn
            .query_row(
                "SELECT task_type, fixed_cost_accrual, work_contour FROM tasks, assignments",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            (task_type.as_str(), accrual.as_str(), contour.as_str()),
            ("fixed_units", "prorated", "flat"),
            "the defaults are the model's"
        );
        for (table, column, codes) in crate::codec::CODED {
            // The columns a code goes with (a constraint's date, a contour's span).
            let with = match *column {
                "constraint_kind" => {
                    ", constraint_date = CASE WHEN ?1 <= 1 THEN NULL ELSE '2027-01-04T08:00:00' END"
                }
                "work_contour" => ", contour_span_minutes = CASE WHEN ?1 = 8 THEN 60 END",
                _ => "",
            };
            let set = format!("UPDATE {table} SET {column}_code = ?1{with}");
            for (code, name) in codes.names.iter().enumerate() {
                conn.execute(&set, [code as i64]).unwrap();
                let shown: String = conn
                    .query_row(&format!("SELECT {column} FROM {table} LIMIT 1"), [], |r| {
                        r.get(0)
                    })
                    .unwrap();
                assert_eq!(shown, *name, "{table}.{column} code {code}");
            }
            let past = rusqlite::types::Value::Integer(codes.names.len() as i64);
            let name = rusqlite::types::Value::Text(codes.names[0].to_string());
            for bad in [past, rusqlite::types::Value::Real(0.5), name] {
                let e = conn.execute(&set, [&bad]);
                assert!(e.is_err(), "{table}.{column} took {bad:?}");
            }
            conn.execute(&set, [0]).unwrap();
        }
    }

    #[test]
    fn schema_sql_is_exactly_what_the_migrations_make() {
        let dir = tempfile::tempdir().unwrap();
        let replayed_path = dir.path().join("replayed.db");
        let mut replayed = Connection::open(&replayed_path).unwrap();
        migrate(&mut replayed, &replayed_path).unwrap();
        let want = schema_of(&replayed);
        if std::env::var_os("ADMIRAL_WRITE_SCHEMA").is_some() {
            let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/schema.sql");
            std::fs::write(file, &want).unwrap();
            eprintln!("src/schema.sql rewritten: build and run this test again");
            return;
        }
        assert!(
            SCHEMA == want,
            "src/schema.sql is not what the migrations make: rewrite it with \
             ADMIRAL_WRITE_SCHEMA=1 cargo test -p admiral-store --lib schema"
        );
        let direct_path = dir.path().join("direct.db");
        let mut direct = Connection::open(&direct_path).unwrap();
        create_latest(&mut direct, &direct_path, crate::content::Scheme::Blake3).unwrap();
        let all = "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name";
        let rows = |c: &Connection| -> Vec<(String, String, String, Option<String>)> {
            c.prepare(all)
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        assert_eq!(rows(&direct), rows(&replayed), "autoindexes included");
        assert_eq!(version(&direct).unwrap(), LATEST_VERSION);
        let state = |c: &Connection| -> Vec<(String, i64, Vec<u8>)> {
            c.prepare("SELECT kind, rows, lanes FROM content_state ORDER BY kind")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        assert_eq!(state(&direct), state(&replayed));
        assert!(!state(&direct).is_empty());
        // The same rows in every table (the migrations' own, such as `audit_head`'s first),
        // but the content scheme: a new file hashes with BLAKE3, an upgraded one keeps SHA-256.
        let scheme = |c: &Connection| crate::content::Scheme::of(c).unwrap();
        assert_eq!(scheme(&direct), crate::content::Scheme::Blake3);
        assert_eq!(scheme(&replayed), crate::content::Scheme::Sha256);
        let but_scheme = |c: &Connection| -> Vec<String> {
            let all = rows_as_inserts(c);
            assert_eq!(
                all.iter()
                    .filter(|i| i.starts_with("INSERT INTO content_scheme"))
                    .count(),
                1
            );
            all.into_iter()
                .filter(|i| !i.starts_with("INSERT INTO content_scheme"))
                .collect()
        };
        assert_eq!(but_scheme(&direct), but_scheme(&replayed));
        assert!(rows_as_inserts(&direct)
            .iter()
            .any(|i| i.starts_with("INSERT INTO audit_head")));
        // A file that has tables already is migrated, not made again.
        create_latest(&mut direct, &direct_path, crate::content::Scheme::Blake3).unwrap();
        assert_eq!(rows(&direct), rows(&replayed));
    }

    #[test]
    fn version_12_keeps_every_name_a_version_11_file_holds() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v11.db");
        let mut conn = Connection::open(&path).unwrap();
        for sql in &MIGRATIONS[..11] {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "user_version", 11).unwrap();
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        // A row per name of every coded column, written as format 11 wrote them (text), and
        // labelled with what it holds: a task by its name, a link and an assignment by a
        // number.
        let mut number = 0;
        let mut task = |conn: &Connection, column: &str, value: &str| {
            number += 1;
            let date = match (column, value) {
                ("constraint_kind", "asap" | "alap") => None,
                ("constraint_kind", _) => Some("2027-01-04T08:00:00"),
                _ => None,
            };
            let mut values = [
                ("kind", "task"),
                ("duration_kind", "working"),
                ("constraint_kind", "asap"),
                ("task_type", "fixed_units"),
                ("fixed_cost_accrual", "prorated"),
            ];
            for v in values.iter_mut().filter(|v| v.0 == column) {
                v.1 = value;
            }
            let names: Vec<&str> = values.iter().map(|v| v.0).collect();
            let texts: Vec<String> = values.iter().map(|v| format!("'{}'", v.1)).collect();
            conn.execute(
                &format!(
                    "INSERT INTO tasks (uid, number, project_id, name, outline_level,
                         duration_minutes, constraint_date, owner, notes, percent_complete, {})
                     VALUES (randomblob(16), ?1, 1, ?2, 1, 0, ?3, '', '', 0, {})",
                    names.join(", "),
                    texts.join(", ")
                ),
                rusqlite::params![number, format!("{column}={value}"), date],
            )
            .unwrap();
        };
        for (table, column, codes) in crate::codec::CODED {
            for (i, name) in codes.names.iter().enumerate() {
                match *table {
                    "tasks" => task(&conn, column, name),
                    "links" => {
                        let (kind, lag) = if *column == "kind" {
                            (*name, "working")
                        } else {
                            ("FS", *name)
                        };
                        conn.execute(
                            "INSERT INTO links (uid, predecessor, successor, kind, lag_kind,
                                 lag_value)
                             VALUES (randomblob(16), 1, ?1, ?2, ?3, ?1)",
                            rusqlite::params![
                                i as i64 + if *column == "kind" { 2 } else { 100 },
                                kind,
                                lag
                            ],
                        )
                        .unwrap();
                    }
                    _ => {
                        conn.execute(
                            "INSERT INTO assignments (uid, task_id, resource_id, units,
                                 work_contour, contour_span_minutes)
                             VALUES (randomblob(16), 1, 1, ?1, ?2, ?3)",
                            rusqlite::params![
                                i as f64 + 1.0,
                                name,
                                (*name == "contoured").then_some(60)
                            ],
                        )
                        .unwrap();
                    }
                }
            }
        }
        migrate(&mut conn, &path).unwrap();
        assert_eq!(version(&conn).unwrap(), LATEST_VERSION);
        for (table, column, codes) in crate::codec::CODED {
            for (i, name) in codes.names.iter().enumerate() {
                let (shown, code): (String, i64) = match *table {
                    "tasks" => conn.query_row(
                        &format!("SELECT {column}, {column}_code FROM tasks WHERE name = ?1"),
                        [format!("{column}={name}")],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    ),
                    "links" => conn.query_row(
                        &format!("SELECT {column}, {column}_code FROM links WHERE lag_value = ?1"),
                        [i as i64 + if *column == "kind" { 2 } else { 100 }],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    ),
                    _ => conn.query_row(
                        "SELECT work_contour, work_contour_code FROM assignments WHERE units = ?1",
                        [i as f64 + 1.0],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    ),
                }
                .unwrap();
                assert_eq!(
                    (shown.as_str(), code),
                    (*name, i as i64),
                    "{table}.{column}"
                );
            }
        }
    }

    #[test]
    fn refuses_a_newer_version_without_writing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION + 3)
            .unwrap();
        let err = migrate(&mut conn, &path).unwrap_err();
        assert!(matches!(err, StoreError::TooNew { found, .. } if found == LATEST_VERSION + 3));
        assert!(tables(&conn).is_empty());
    }

    #[test]
    fn a_lowered_version_is_named_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, &path).unwrap();
        assert_eq!(later_table(&conn, LATEST_VERSION).unwrap(), None);
        assert_eq!(later_table(&conn, 1).unwrap().as_deref(), Some("scenarios"));
        assert!(created_tables(V1).contains(&"audit_head".to_string()));
        conn.pragma_update(None, "user_version", 1).unwrap();
        let e = migrate(&mut conn, &path).unwrap_err().to_string();
        assert_eq!(e.lines().count(), 1, "{e}");
        assert!(!e.contains("CREATE TABLE"), "{e}");
    }

    #[test]
    fn application_id_spells_adml() {
        assert_eq!(&APPLICATION_ID.to_be_bytes(), b"ADML");
    }
}
