//! Report exports in the audit trail: recorded, chained, not undoable, and counted from.

mod common;

use admiral_core::edit::Edit;
use admiral_core::*;
use admiral_store::*;
use common::*;

#[test]
fn a_report_export_is_audited_chained_and_not_undoable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    // Creation is one change.
    assert_eq!(f.changes_since_last_report().unwrap(), 1);
    let plan = full_plan();
    f.replace_plan(&plan, "import").unwrap();
    let mut t = plan.tasks[4].clone();
    t.duration = Duration::Working(WorkMinutes::days(9));
    f.apply(&[Edit::PutTask(t.clone())], "longer").unwrap();
    assert_eq!(f.changes_since_last_report().unwrap(), 3);
    f.undo().unwrap();
    assert_eq!(f.changes_since_last_report().unwrap(), 4);
    let depth = f.history_depth().unwrap();

    let change = f.record_report("release report R1 to r.pdf").unwrap();
    assert_eq!(f.changes_since_last_report().unwrap(), 0);
    // Nothing to undo or redo was added or taken away: redo still redoes "longer".
    assert_eq!(f.history_depth().unwrap(), depth);
    let entries = f.audit().unwrap();
    let last = entries.last().unwrap();
    assert_eq!(last.change, change);
    assert_eq!(
        (last.entity_kind.as_str(), last.action.as_str()),
        ("report", "export")
    );
    assert_eq!(last.entity_id, "release report R1 to r.pdf");
    assert!(last.label.contains("release report R1"));
    assert!(last.before.is_none());
    assert_eq!(
        last.after.as_ref().unwrap()["report"],
        "release report R1 to r.pdf"
    );
    let report = f.verify_audit().unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.entries, entries.len() as u64);

    let redone = f
        .redo()
        .unwrap()
        .expect("the redo stack survived the export");
    assert_eq!(redone.label, "longer");
    assert_eq!(f.changes_since_last_report().unwrap(), 1);
    // Undo takes back "longer" again, not the export.
    let undone = f.undo().unwrap().unwrap();
    assert_eq!(undone.label, "longer");
    assert_eq!(f.changes_since_last_report().unwrap(), 2);

    // A second export counts from itself; the chain still verifies after reopening.
    f.record_report("second").unwrap();
    f.apply(&[Edit::PutTask(t)], "longer again").unwrap();
    drop(f);
    let f = PlanFile::open(&path).unwrap();
    assert_eq!(f.changes_since_last_report().unwrap(), 1);
    assert!(f.verify_audit().unwrap().is_ok());
    assert_eq!(
        f.audit()
            .unwrap()
            .iter()
            .filter(|e| e.entity_kind == "report")
            .count(),
        2
    );
}

#[test]
fn a_tampered_report_entry_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    f.record_report("r.pdf").unwrap();
    drop(f);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE audit SET entity_id = 'other.pdf' WHERE entity_kind = 'report'",
        [],
    )
    .unwrap();
    drop(conn);
    let f = PlanFile::open(&path).unwrap();
    let problem = f.verify_audit().unwrap().problem.expect("tampering found");
    assert_eq!(problem.entity_kind.as_deref(), Some("report"));
    assert_eq!(problem.action.as_deref(), Some("export"));
}
