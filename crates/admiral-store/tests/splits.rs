//! Split tasks in the plan file: a split is one audited, undoable change; it survives
//! reopening; the content commitment covers it (a split changed or added with SQL fails
//! verification); a bad value in the column is refused as damage, naming it.

mod common;

use admiral_core::*;
use admiral_store::*;

/// The demo plan in a new file, a leaf task of it split after 1 day for 2, and the file.
fn with_split(dir: &std::path::Path) -> (std::path::PathBuf, PlanFile, Plan, usize) {
    common::config("splits");
    let path = dir.join("plan.admiral");
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    f.replace_plan(&admiral_core::demo::demo_plan(), "import")
        .unwrap();
    let plan = f.load().unwrap();
    let i = (0..plan.tasks.len())
        .find(|&i| {
            let t = &plan.tasks[i];
            !t.is_milestone()
                && t.duration.minutes() > 480
                && t.progress == Progress::default()
                && plan
                    .tasks
                    .get(i + 1)
                    .is_none_or(|n| n.outline_level <= t.outline_level)
        })
        .unwrap();
    let c = split::split(&plan, plan.tasks[i].id, "1d", "2d").unwrap();
    f.apply(&c.edits, &c.label).unwrap();
    (path, f, plan, i)
}

#[test]
fn a_split_is_audited_undoable_and_tamper_evident() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut f, _, i) = with_split(dir.path());
    let want = vec![Split {
        after: WorkMinutes(480),
        gap: WorkMinutes(960),
    }];
    assert_eq!(f.load().unwrap().tasks[i].splits, want);
    f.undo().unwrap();
    assert!(f.load().unwrap().tasks[i].splits.is_empty());
    f.redo().unwrap();
    drop(f);
    let f = PlanFile::open(&path).unwrap();
    assert_eq!(f.load().unwrap().tasks[i].splits, want);
    let report = f.verify_audit().unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    drop(f);
    for sql in [
        "UPDATE tasks SET splits = '480:480' WHERE splits IS NOT NULL",
        "UPDATE tasks SET splits = '60:60' WHERE ord = (SELECT MIN(ord) FROM tasks WHERE splits IS NULL)",
    ] {
        common::assert_row_tampering_noticed(&path, sql);
    }
    // A value that is no list of splits is damage, named as such; the file is not changed.
    let copy = dir.path().join("bad.admiral");
    std::fs::copy(&path, &copy).unwrap();
    let conn = rusqlite::Connection::open(&copy).unwrap();
    conn.execute(
        "UPDATE tasks SET splits = 'half a day' WHERE splits IS NOT NULL",
        [],
    )
    .unwrap();
    drop(conn);
    let bytes = std::fs::read(&copy).unwrap();
    let e = PlanFile::open(&copy).and_then(|f| f.load()).unwrap_err();
    assert!(e.to_string().contains("task splits"), "{e}");
    assert_eq!(std::fs::read(&copy).unwrap(), bytes);
}
