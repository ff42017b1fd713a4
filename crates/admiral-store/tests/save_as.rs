//! `PlanFile::save_as`: a complete, independent copy with its audit trail and undo history.

use admiral_core::demo::demo_plan;
use admiral_core::edit::Edit;
use admiral_store::{PlanFile, StoreError};

#[test]
fn save_as_copies_plan_audit_and_history_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("a.admiral");
    let plan = demo_plan();
    let mut file = PlanFile::create(&src, &plan.portfolio.name, false).unwrap();
    file.replace_plan(&plan, "Demo").unwrap();
    let mut gate = plan.gates[0].clone();
    gate.criteria[0].met = !gate.criteria[0].met;
    file.apply(&[Edit::PutGate(gate)], "tick a criterion")
        .unwrap();
    let plan = file.load().unwrap();

    let copy = dir.path().join("b.admiral");
    file.save_as(&copy, false).unwrap();
    let mut other = PlanFile::open(&copy).unwrap();
    assert_eq!(other.load().unwrap(), plan);
    assert_eq!(other.audit().unwrap().len(), file.audit().unwrap().len());
    assert!(other.verify_audit().unwrap().problem.is_none());
    // The undo history came along: undoing in the copy leaves the original alone.
    assert!(other.undo().unwrap().is_some());
    assert_eq!(file.load().unwrap(), plan);

    assert!(matches!(
        file.save_as(&copy, false),
        Err(StoreError::AlreadyExists { .. })
    ));
    file.save_as(&copy, true).unwrap();
    assert_eq!(PlanFile::open(&copy).unwrap().load().unwrap(), plan);
}
