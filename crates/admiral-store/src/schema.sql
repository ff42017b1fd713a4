-- Today's plan file schema, as the migrations in migrate.rs leave it. Generated:
-- ADMIRAL_WRITE_SCHEMA=1 cargo test -p admiral-store --lib schema

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
, budget INTEGER CHECK (budget IS NULL OR budget >= 0));

CREATE TABLE projects (
    ord        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    release_id TEXT NOT NULL REFERENCES releases(id),
    name       TEXT NOT NULL,
    department TEXT NOT NULL,
    owner      TEXT NOT NULL
);

CREATE TABLE blackouts (
    ord        INTEGER PRIMARY KEY,
    id         TEXT NOT NULL UNIQUE,
    release_id TEXT NOT NULL REFERENCES releases(id),
    name       TEXT NOT NULL,
    start      TEXT NOT NULL,
    finish     TEXT NOT NULL,
    CHECK (finish >= start)
);

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

CREATE TABLE resources (
    ord         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('person', 'team', 'environment')),
    cost_rate   INTEGER NOT NULL CHECK (cost_rate >= 0),
    max_units   REAL NOT NULL CHECK (max_units >= 0),
    calendar_id TEXT REFERENCES calendars(id)
);

CREATE TABLE changes (
    id    INTEGER PRIMARY KEY,
    kind  TEXT NOT NULL CHECK (kind IN ('create', 'edit', 'replace', 'undo', 'redo')),
    label TEXT NOT NULL,
    at    TEXT NOT NULL,
    actor TEXT NOT NULL
);

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
, content TEXT, signer TEXT, signature TEXT);

CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);

CREATE TABLE undo_stack (
    position  INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id)
);

CREATE TABLE redo_stack (
    position  INTEGER PRIMARY KEY,
    change_id INTEGER NOT NULL REFERENCES changes(id)
);

CREATE TABLE scenarios (
    ord         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    from_risk   TEXT REFERENCES risks(id),
    overrides   TEXT NOT NULL CHECK (json_valid(overrides))
);

CREATE TABLE content_state (
    kind  TEXT PRIMARY KEY,
    rows  INTEGER NOT NULL,
    lanes BLOB NOT NULL
);

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

CREATE TABLE "tasks" (
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

CREATE TABLE "gates" (
    ord       INTEGER PRIMARY KEY,
    id        TEXT NOT NULL UNIQUE,
    task_id   INTEGER NOT NULL REFERENCES "tasks"(ord),
    criteria  TEXT NOT NULL CHECK (json_valid(criteria)),
    approvers TEXT NOT NULL CHECK (json_valid(approvers))
);

CREATE TABLE "risk_tasks" (
    risk_id  TEXT NOT NULL REFERENCES risks(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    task_id  INTEGER NOT NULL REFERENCES "tasks"(ord),
    PRIMARY KEY (risk_id, position)
);

CREATE TABLE "assignments" (
    ord                  INTEGER PRIMARY KEY,
    uid                  BLOB NOT NULL UNIQUE CHECK (typeof(uid) = 'blob' AND length(uid) = 16),
    task_id              INTEGER NOT NULL REFERENCES "tasks"(ord),
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

CREATE TABLE "commitments" (
    ord      INTEGER PRIMARY KEY,
    id       TEXT NOT NULL UNIQUE,
    provider TEXT NOT NULL,
    consumer TEXT NOT NULL,
    task_id  INTEGER NOT NULL REFERENCES "tasks"(ord),
    promised TEXT NOT NULL,
    note     TEXT NOT NULL
);

CREATE TABLE "links" (
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

CREATE TABLE content_scheme (
    only    INTEGER PRIMARY KEY CHECK (only = 1),
    version INTEGER NOT NULL CHECK (version IN (1, 2))
);

CREATE INDEX settings_calendar ON settings(default_calendar);

CREATE INDEX releases_calendar ON releases(calendar_id);

CREATE INDEX projects_release ON projects(release_id);

CREATE INDEX blackouts_release ON blackouts(release_id);

CREATE INDEX risks_release ON risks(release_id);

CREATE INDEX resources_calendar ON resources(calendar_id);

CREATE INDEX audit_change ON audit(change_id);

CREATE INDEX scenarios_risk ON scenarios(from_risk);

CREATE INDEX tasks_project ON tasks(project_id);

CREATE INDEX tasks_calendar ON tasks(calendar_id) WHERE calendar_id IS NOT NULL;

CREATE INDEX gates_task ON gates(task_id);

CREATE INDEX risk_tasks_task ON risk_tasks(task_id);

CREATE INDEX assignments_task ON assignments(task_id);

CREATE INDEX assignments_resource ON assignments(resource_id);

CREATE INDEX commitments_task ON commitments(task_id);

CREATE UNIQUE INDEX links_uid ON links(uid) WHERE uid IS NOT NULL;

CREATE INDEX links_successor ON links(successor);

INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

INSERT INTO content_scheme (only, version) VALUES (1, 1);
