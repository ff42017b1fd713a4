//! Issue #15: a new plan file appears whole or not at all; the export policy.

use admiral_core::demo::demo_plan;
use admiral_store::{ExportRecord, NewPlanFile, PlanFile, StoreError};

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn create_with_writes_the_whole_plan_and_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.admiral");
    let plan = demo_plan();
    let f = PlanFile::create_with(&path, &plan, "Demo plan", false).unwrap();
    assert_eq!(f.load().unwrap().tasks.len(), plan.tasks.len());
    drop(f);
    assert_eq!(names(dir.path()), ["p.admiral"]);
    let before = std::fs::read(&path).unwrap();
    let e = PlanFile::create_with(&path, &plan, "again", false)
        .err()
        .unwrap();
    assert!(matches!(e, StoreError::AlreadyExists { .. }), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // With force it is replaced, once the new file is complete.
    PlanFile::create_with(
        &path,
        &admiral_core::template::new_plan("R", "2027-01-04T08:00:00".parse().unwrap()),
        "New",
        true,
    )
    .unwrap();
    assert_eq!(
        PlanFile::open(&path).unwrap().load().unwrap().tasks.len(),
        0
    );
}

#[test]
fn a_plan_that_breaks_a_rule_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.admiral");
    let mut plan = demo_plan();
    plan.tasks[3].outline_level = 9;
    assert!(PlanFile::create_with(&path, &plan, "bad", false).is_err());
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

/// A file started and then abandoned (the import it was for failed), or finished with a plan
/// that breaks a rule, leaves nothing behind; one finished holds the plan and verifies; one
/// started where a file is refuses without touching it.
#[test]
fn a_new_plan_file_started_then_dropped_or_refused_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.admiral");
    let started = NewPlanFile::start(&path, "P", false).unwrap();
    let temporary = names(dir.path());
    assert!(!temporary.is_empty());
    assert!(
        temporary
            .iter()
            .all(|n| n.starts_with(".p.admiral.creating-")),
        "{temporary:?}"
    );
    assert!(!path.exists());
    drop(started);
    assert_eq!(names(dir.path()), Vec::<String>::new());

    let mut bad = demo_plan();
    bad.tasks[3].outline_level = 9;
    let started = NewPlanFile::start(&path, "P", false).unwrap();
    assert!(started.finish(&bad, "bad").is_err());
    assert_eq!(names(dir.path()), Vec::<String>::new());
    let started = NewPlanFile::start(&path, "P", false).unwrap();
    assert!(started.finish_closed(&bad, "bad").is_err());
    assert_eq!(names(dir.path()), Vec::<String>::new());

    // Finished without opening: in place, alone, and whole.
    let plan = demo_plan();
    NewPlanFile::start(&path, &plan.portfolio.name, false)
        .unwrap()
        .finish_closed(&plan, "Demo plan")
        .unwrap();
    assert_eq!(names(dir.path()), ["p.admiral"]);
    let f = PlanFile::open(&path).unwrap();
    assert_eq!(f.load().unwrap(), plan);
    assert!(f.verify_audit().unwrap().is_ok());
    drop(f);
    std::fs::remove_file(&path).unwrap();

    let plan = demo_plan();
    let f = NewPlanFile::start(&path, &plan.portfolio.name, false)
        .unwrap()
        .finish(&plan, "Demo plan")
        .unwrap();
    assert_eq!(f.load().unwrap(), plan);
    assert!(f.verify_audit().unwrap().is_ok());
    drop(f);
    assert_eq!(names(dir.path()), ["p.admiral"]);
    let before = std::fs::read(&path).unwrap();
    let e = NewPlanFile::start(&path, "P", false).err().unwrap();
    assert!(matches!(e, StoreError::AlreadyExists { .. }), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(names(dir.path()), ["p.admiral"]);
}

#[test]
fn what_a_killed_creation_left_is_removed_by_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.admiral");
    // A process id that is not running (above the kernel's pid_max default).
    let stale = dir.path().join(".p.admiral.creating-4194304");
    std::fs::write(&stale, b"half a plan").unwrap();
    PlanFile::create_with(&path, &demo_plan(), "Demo plan", false).unwrap();
    assert_eq!(names(dir.path()), ["p.admiral"]);
}

#[test]
fn the_export_policy_refuses_the_plan_and_records_what_it_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.admiral");
    let mut f = PlanFile::create_with(&path, &demo_plan(), "Demo plan", false).unwrap();
    let n = f.audit().unwrap().len();
    let since = f.changes_since_last_report().unwrap();
    let e = f
        .write_export(&path, b"%PDF", "a report", true)
        .unwrap_err();
    assert!(matches!(e, StoreError::Output { .. }), "{e}");
    assert_eq!(f.audit().unwrap().len(), n);
    let out = dir.path().join("r.xml");
    let r = f
        .write_export(&out, b"<xml/>", "MS Project XML export to r.xml", false)
        .unwrap();
    assert!(matches!(r, ExportRecord::Recorded(_)));
    assert_eq!(std::fs::read(&out).unwrap(), b"<xml/>");
    let last = f.audit().unwrap().pop().unwrap();
    assert_eq!(last.entity_kind, "export");
    assert!(f.verify_audit().unwrap().is_ok());
    // An export changes nothing in the plan: it is no change since the last report.
    assert_eq!(f.changes_since_last_report().unwrap(), since);
}
