//! The portfolio's data in the plan file: release budgets, commitments and report snapshots
//! are stored, audited, undoable, covered by the content commitment (a change made with SQL
//! is named by `verify_audit`), and a file of format 4 upgrades with its trail still valid.

mod common;

use admiral_core::edit::Edit;
use admiral_core::*;
use admiral_store::*;
use common::*;
use std::path::{Path, PathBuf};

fn config() {
    common::config("portfolio");
}

fn plan_file(dir: &Path) -> (PathBuf, PlanFile) {
    config();
    let path = dir.join("p.admiral");
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    f.replace_plan(&full_plan(), "import").unwrap();
    (path, f)
}

fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

fn problem(path: &Path) -> String {
    let r = PlanFile::open(path).unwrap().verify_audit().unwrap();
    let p = r.problem.expect("the tampering was not noticed");
    assert_eq!(p.kind, AuditProblemKind::ContentMismatch, "{}", p.message);
    p.message
}

#[test]
fn budgets_commitments_and_snapshots_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let (_, f) = plan_file(dir.path());
    let back = f.load().unwrap();
    assert_eq!(back, full_plan());
    assert!(f.verify_audit().unwrap().is_ok());
}

#[test]
fn commitment_edits_are_audited_and_undoable_and_follow_their_milestone() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = plan_file(dir.path());
    let plan = f.load().unwrap();
    let milestone = plan.commitments[0].task_id;
    let c = commitment::add(&plan, "Ops", "QA", milestone, dt(2027, 4, 1, 17, 0), "").unwrap();
    f.apply(&c.edits, &c.label).unwrap();
    assert_eq!(f.load().unwrap().commitments.len(), 2);
    f.undo().unwrap();
    assert_eq!(f.load().unwrap().commitments.len(), 1);
    // A commitment must promise a milestone: a plain task is refused, nothing written.
    let task = plan.tasks[0].id;
    let mut bad = plan.commitments[0].clone();
    bad.id = CommitmentId::from_u128(77);
    bad.task_id = task;
    let e = f.apply(&[Edit::PutCommitment(bad)], "bad").unwrap_err();
    assert!(e.to_string().contains("not a milestone"), "{e}");
    // Deleting the milestone deletes its commitment (audited); undo brings both back.
    f.apply(&[Edit::DeleteTask(milestone)], "drop the milestone")
        .unwrap();
    assert!(f.load().unwrap().commitments.is_empty());
    f.undo().unwrap();
    assert_eq!(f.load().unwrap(), full_plan());
    let kinds: Vec<String> = f
        .audit()
        .unwrap()
        .iter()
        .map(|e| e.entity_kind.clone())
        .collect();
    assert!(kinds.iter().any(|k| k == "commitment"));
    assert!(f.verify_audit().unwrap().is_ok());
}

#[test]
fn a_budget_is_an_audited_undoable_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = plan_file(dir.path());
    let plan = f.load().unwrap();
    let r = plan.releases[1].id;
    let c = portfolio::set_budget(&plan, r, Some(Money::from_units(99))).unwrap();
    f.apply(&c.edits, &c.label).unwrap();
    assert_eq!(f.load().unwrap().releases[1].budget, Some(Money(9_900)));
    f.undo().unwrap();
    assert_eq!(f.load().unwrap().releases[1].budget, None);
    assert!(portfolio::set_budget(&plan, r, Some(Money(-1))).is_err());
}

#[test]
fn a_report_export_stores_its_snapshot_in_the_same_change() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = plan_file(dir.path());
    let mut snap = full_plan().snapshots[0].clone();
    snap.id = SnapshotId::from_u128(961);
    snap.taken_at = dt(2027, 1, 18, 17, 0);
    let out = dir.path().join("r.pdf");
    let r = f.write_report(&out, b"%PDF-1.7", "report", &snap).unwrap();
    assert!(matches!(r, ExportRecord::Recorded(_)));
    let back = f.load().unwrap();
    assert_eq!(back.snapshots.len(), 2);
    assert_eq!(back.snapshots[1], snap);
    // Not undoable, like the report; and the report still counts as the last one.
    assert_eq!(f.changes_since_last_report().unwrap(), 0);
    assert!(f
        .undo()
        .unwrap()
        .is_none_or(|s| s.label != "export report: report"));
    // The trail since the snapshot is empty; an edit after it is in it.
    assert!(f.trail_between(snap.id, None).unwrap().is_empty());
    let mut t = back.tasks[0].clone();
    t.name = "Renamed".into();
    f.apply(&[Edit::PutTask(t)], "rename").unwrap();
    let trail = f.trail_between(snap.id, None).unwrap();
    assert_eq!(trail.len(), 1);
    assert!(f.verify_audit().unwrap().is_ok());
}

#[test]
fn a_commitment_changed_with_sql_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, f) = plan_file(dir.path());
    drop(f);
    raw(&path)
        .execute(
            "UPDATE commitments SET promised = '2027-12-31T17:00:00'",
            [],
        )
        .unwrap();
    assert!(problem(&path).contains("commitments"));
}

#[test]
fn a_snapshot_changed_with_sql_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, f) = plan_file(dir.path());
    drop(f);
    raw(&path)
        .execute(
            "UPDATE snapshots SET milestones = replace(milestones, '2027-02-26', '2027-02-01')",
            [],
        )
        .unwrap();
    assert!(problem(&path).contains("snapshots"));
}

#[test]
fn a_budget_changed_with_sql_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, f) = plan_file(dir.path());
    drop(f);
    raw(&path)
        .execute(
            "UPDATE releases SET budget = 1 WHERE budget IS NOT NULL",
            [],
        )
        .unwrap();
    assert!(problem(&path).contains("releases"));
    // Setting a budget where there was none is noticed too.
    let dir = tempfile::tempdir().unwrap();
    let (path, f) = plan_file(dir.path());
    drop(f);
    raw(&path)
        .execute("UPDATE releases SET budget = 500 WHERE budget IS NULL", [])
        .unwrap();
    assert!(problem(&path).contains("releases"));
}

/// A plan written at format 4 (no budget column, no commitments or snapshots tables) opens,
/// upgrades, and its trail still verifies: the new kinds do not enter the content commitment
/// while they are empty, and a release without a budget encodes as before.
#[test]
fn a_format_4_plan_upgrades_and_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    config();
    let path = dir.path().join("old.admiral");
    let mut plan = full_plan();
    plan.commitments.clear();
    plan.snapshots.clear();
    for r in &mut plan.releases {
        r.budget = None;
    }
    for a in &mut plan.assignments {
        a.contour = WorkContour::Flat;
    }
    // Hashed as files of format 4 were (format 14 made BLAKE3 the scheme of new files).
    let f = PlanFile::create_with_sha256_content(&path, &plan, "import").unwrap();
    drop(f);
    let db = raw(&path);
    // The tables format 8 made compact, back as format 7 had them (ids and references as
    // UUID text), before the columns and tables of formats 5–7 go. Since format 12 the UUID
    // as text is no column of these tables: `{id}` formats it.
    let id = "lower(substr(hex(uid), 1, 8) || '-' || substr(hex(uid), 9, 4) || '-' || \
              substr(hex(uid), 13, 4) || '-' || substr(hex(uid), 17, 4) || '-' || \
              substr(hex(uid), 21, 12))";
    db.execute_batch(&format!(
        "CREATE TABLE t7 AS SELECT {id} AS id, * FROM tasks;
         UPDATE t7 SET project_id = (SELECT id FROM projects WHERE ord = t7.project_id),
             calendar_id = (SELECT id FROM calendars WHERE ord = t7.calendar_id);
         CREATE TABLE l7 AS SELECT {id} AS id, * FROM links;
         UPDATE l7 SET predecessor = (SELECT {id} FROM tasks WHERE ord = l7.predecessor),
             successor = (SELECT {id} FROM tasks WHERE ord = l7.successor);
         CREATE TABLE g7 AS SELECT * FROM gates;
         UPDATE g7 SET task_id = (SELECT {id} FROM tasks WHERE ord = g7.task_id);
         CREATE TABLE r7 AS SELECT * FROM risk_tasks;
         UPDATE r7 SET task_id = (SELECT {id} FROM tasks WHERE ord = r7.task_id);
         CREATE TABLE a7 AS SELECT {id} AS id, * FROM assignments;
         UPDATE a7 SET task_id = (SELECT {id} FROM tasks WHERE ord = a7.task_id),
             resource_id = (SELECT id FROM resources WHERE ord = a7.resource_id);
         DROP TABLE assignments; DROP TABLE risk_tasks; DROP TABLE gates; DROP TABLE links;
         DROP TABLE commitments; DROP TABLE tasks;
         ALTER TABLE t7 RENAME TO tasks; ALTER TABLE l7 RENAME TO links;
         ALTER TABLE g7 RENAME TO gates; ALTER TABLE r7 RENAME TO risk_tasks;
         ALTER TABLE a7 RENAME TO assignments;
         DROP TABLE snapshots; ALTER TABLE releases DROP COLUMN budget;
         DROP TABLE baselines; DROP TABLE content_scheme;
         ALTER TABLE tasks DROP COLUMN task_type; ALTER TABLE tasks DROP COLUMN effort_driven;
         ALTER TABLE tasks DROP COLUMN ignore_resource_calendars;
         ALTER TABLE assignments DROP COLUMN work_minutes;
         ALTER TABLE assignments DROP COLUMN contour_span_minutes;
         ALTER TABLE assignments DROP COLUMN work_contour;
         ALTER TABLE tasks DROP COLUMN fixed_cost; ALTER TABLE tasks DROP COLUMN fixed_cost_accrual;
         PRAGMA user_version = 4;"
    ))
    .unwrap();
    drop(db);
    let mut f = PlanFile::open(&path).unwrap();
    let r = f.verify_audit().unwrap();
    assert!(r.is_ok(), "{:?}", r.problem);
    assert_eq!(f.load().unwrap(), plan);
    // And it takes the new data.
    let c = portfolio::set_budget(&plan, plan.releases[0].id, Some(Money(5))).unwrap();
    f.apply(&c.edits, &c.label).unwrap();
    assert!(f.verify_audit().unwrap().is_ok());
}

/// A report whose recording the trail refuses is not written: the file already at its path
/// (last week's report) stays as it was, and no temporary file is left beside it.
#[test]
fn a_report_the_trail_refuses_leaves_the_file_that_was_there() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f) = plan_file(dir.path());
    let mut snap = full_plan().snapshots[0].clone();
    snap.id = SnapshotId::from_u128(962);
    // Out of the years a plan keeps: the snapshot, so the recording, is refused.
    snap.taken_at = chrono::NaiveDate::from_ymd_opt(0, 1, 1)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let out = dir.path().join("weekly.pdf");
    std::fs::write(&out, b"last week's report").unwrap();
    let before: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    let n = f.audit().unwrap().len();
    let e = f
        .write_report(&out, b"%PDF-1.7", "report", &snap)
        .unwrap_err();
    assert!(e.to_string().contains("was not written"), "{e}");
    assert_eq!(std::fs::read(&out).unwrap(), b"last week's report");
    let after: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(before.len(), after.len(), "{after:?}");
    assert_eq!(f.audit().unwrap().len(), n);
    assert!(f.verify_audit().unwrap().is_ok());
}
