//! A whole-plan replacement above `PLAN_COPY_LIMIT` rows records the new plan's row counts,
//! not a second copy of it: undo and redo still round-trip (redo takes the plan back from
//! the undo that removed it), the chain and the content commitment verify, and a change made
//! outside Admiral is still reported.

mod common;

use admiral_core::edit::Edit;
use admiral_core::Plan;
use admiral_store::*;
use std::path::Path;

fn config() {
    common::config("large");
}

/// The JSON text of every entry's `after`, by action, straight from the file.
fn afters(path: &Path) -> Vec<(String, String, Option<String>)> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut stmt = c
        .prepare("SELECT entity_kind, action, after FROM audit ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn ok(f: &PlanFile) {
    let report = f.verify_audit().unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    assert!(report.content.matches);
}

#[test]
fn a_large_plan_is_not_copied_into_the_trail_and_undo_redo_still_round_trip() {
    config();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.admiral");
    let first: Plan = admiral_core::demo::demo_plan_sized(1000, 1);
    let second: Plan = admiral_core::demo::demo_plan_sized(1200, 2);
    let mut f = PlanFile::create_with(&path, &first, "Import big", false).unwrap();
    let first = f.load().unwrap();
    ok(&f);
    // The creation's entry holds the counts, not the plan.
    let created = afters(&path);
    let (_, _, after) = created.iter().find(|(k, _, _)| k == "plan").unwrap();
    let after = after.as_deref().unwrap();
    assert!(after.starts_with("{\"summary\":"), "{after:.200}");
    assert!(after.contains("\"tasks\":1000"), "{after}");
    assert!(after.len() < 300, "{after}");

    // A second whole plan replaces it (undoable); undo, redo, twice, with edits between.
    f.replace_plan(&second, "Import bigger").unwrap();
    let second = f.load().unwrap();
    ok(&f);
    for round in 0..2 {
        let s = f.undo().unwrap().expect("the replacement is undoable");
        assert_eq!(s.label, "Import bigger");
        assert_eq!(f.load().unwrap(), first, "undo, round {round}");
        ok(&f);
        f.redo().unwrap().expect("and redoable");
        assert_eq!(f.load().unwrap(), second, "redo, round {round}");
        ok(&f);
        // An edit on top, undone, does not disturb the plan's way back.
        let mut t = second.tasks[3].clone();
        t.name = format!("Renamed {round}");
        f.apply(&[Edit::PutTask(t)], "rename").unwrap();
        f.undo().unwrap();
        assert_eq!(f.load().unwrap(), second);
    }
    // Reopened, the history still works.
    drop(f);
    let mut f = PlanFile::open(&path).unwrap();
    f.undo().unwrap();
    assert_eq!(f.load().unwrap(), first);
    drop(f);
    let mut f = PlanFile::open(&path).unwrap();
    f.redo().unwrap();
    assert_eq!(f.load().unwrap(), second);
    ok(&f);

    // No whole-plan entry holds a copy of a plan that is in the tables: every full plan in
    // the trail is one an undo or a replacement took out of them.
    for (kind, action, after) in afters(&path) {
        if kind == "plan" {
            let a = after.unwrap();
            assert!(a.starts_with("{\"summary\":"), "{action}: {a:.100}");
        }
    }
}

#[test]
fn a_change_made_outside_admiral_to_a_large_plan_is_reported() {
    config();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.admiral");
    let plan = admiral_core::demo::demo_plan_sized(1000, 3);
    drop(PlanFile::create_with(&path, &plan, "Import big", false).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    let n = c
        .execute(
            "UPDATE tasks SET duration_minutes = duration_minutes + 60 WHERE number = 7",
            [],
        )
        .unwrap();
    assert_eq!(n, 1);
    drop(c);
    let report = PlanFile::open(&path).unwrap().verify_audit().unwrap();
    let p = report.problem.expect("the change was not noticed");
    assert_eq!(p.kind, AuditProblemKind::ContentMismatch, "{}", p.message);
    assert!(p.message.contains("tasks"), "{}", p.message);
}

#[test]
fn a_small_plan_is_still_recorded_whole() {
    config();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.admiral");
    drop(PlanFile::create_with(&path, &admiral_core::demo::demo_plan(), "Demo", false).unwrap());
    let (_, _, after) = afters(&path)
        .into_iter()
        .find(|(k, _, _)| k == "plan")
        .unwrap();
    assert!(after.unwrap().starts_with("{\"portfolio\":"));
}
