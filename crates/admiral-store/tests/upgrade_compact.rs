//! A plan file saved at format 7 (ids and references as UUID text) is upgraded to the compact
//! tables of format 8 (16-byte ids, references by row), and nothing a user relies on changes:
//! every entry's content commitment and signature still verify (they are computed from the
//! plan as loaded, which is the same plan), undo and redo go on where they stopped, and a
//! change made with SQL afterwards is still noticed.
//!
//! `tests/fixtures/format7-demo.admiral` was written by Admiral at commit 8878db3 (format 7):
//! `admiral demo`, `task duration 12 5d`, `task predecessors 20 "12FS+1d"`, `undo`, `redo`,
//! `task duration 14 3d` (10 entries; 132 tasks, 142 links, 96 assignments, 6 gates, risks
//! naming tasks, 8 commitments).

mod common;

use admiral_core::Duration;
use admiral_store::*;
use std::path::{Path, PathBuf};

fn fixture(dir: &Path) -> PathBuf {
    common::config("upgrade7");
    let path = dir.join("old.admiral");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format7-demo.admiral"),
        &path,
    )
    .unwrap();
    path
}

fn ok(f: &PlanFile) {
    let r = f.verify_audit().unwrap();
    assert!(r.is_ok(), "{:?}", r.problem);
    assert!(r.content.matches);
}

fn duration_of(f: &PlanFile, number: u32) -> Duration {
    let plan = f.load().unwrap();
    plan.tasks
        .iter()
        .find(|t| t.number.0 == number)
        .unwrap()
        .duration
}

#[test]
fn a_format_7_plan_upgrades_verifies_and_undo_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut f = PlanFile::open(&path).unwrap();
    let db = rusqlite::Connection::open(&path).unwrap();
    let (kind, version): (String, i64) = db
        .query_row(
            "SELECT (SELECT typeof(uid) FROM links LIMIT 1), (SELECT user_version FROM pragma_user_version)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((kind.as_str(), version), ("blob", LATEST_VERSION));
    // The pages of the tables the upgrade rebuilt are given back.
    let free: i64 = db
        .query_row(
            "SELECT freelist_count FROM pragma_freelist_count",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(free, 0);
    drop(db);

    // The commitment of the last entry, computed by format 7's Admiral from its tables,
    // matches the plan loaded from the new ones: row by row (id, place and JSON), the same.
    ok(&f);
    let r = f.verify_audit().unwrap();
    assert_eq!(r.entries, 10, "the upgrade adds no entry");
    let plan = f.load().unwrap();
    assert_eq!(plan.tasks.len(), 132);
    assert_eq!(plan.links.len(), 142);
    assert_eq!(plan.assignments.len(), 96);
    assert_eq!(plan.gates.len(), 6);
    assert_eq!(plan.commitments.len(), 8);
    assert!(plan.risks.iter().any(|r| !r.task_ids.is_empty()));
    assert!(plan.tasks.iter().any(|t| t.calendar_id.is_some()));

    // Undo and redo go on from where format 7 left them.
    assert_eq!(
        duration_of(&f, 14),
        Duration::Working(admiral_core::WorkMinutes::days(3))
    );
    let s = f.undo().unwrap().unwrap();
    assert_eq!(s.label, "Set duration of task 14 to 3d");
    assert_ne!(
        duration_of(&f, 14),
        Duration::Working(admiral_core::WorkMinutes::days(3))
    );
    ok(&f);
    let links = f.load().unwrap().links.len();
    let s = f.undo().unwrap().unwrap();
    assert!(s.label.contains("predecessors of task 20"), "{}", s.label);
    assert_eq!(f.load().unwrap().links.len(), links - 1);
    ok(&f);
    f.redo().unwrap().unwrap();
    f.redo().unwrap().unwrap();
    assert_eq!(f.load().unwrap(), plan);
    ok(&f);
    drop(f);

    // A change with SQL after the upgrade is noticed, by the task's id as before.
    let db = rusqlite::Connection::open(&path).unwrap();
    let id = plan.tasks[5].id.to_string();
    let n = db
        .execute(
            "UPDATE tasks SET duration_minutes = 60 WHERE uid = unhex(replace(?1, '-', ''))",
            [&id],
        )
        .unwrap();
    assert_eq!(n, 1);
    drop(db);
    let r = PlanFile::open(&path).unwrap().verify_audit().unwrap();
    let p = r.problem.expect("the change with SQL was not noticed");
    assert_eq!(p.kind, AuditProblemKind::ContentMismatch);
}
