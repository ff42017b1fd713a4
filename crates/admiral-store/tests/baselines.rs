//! Baselines in the plan file: saved and cleared as audited, undoable changes; they survive
//! undo, redo and reopening; the content commitment covers them (a baseline changed with SQL
//! fails verification); a file without baselines keeps its commitments.

mod common;

use admiral_core::baseline;
use admiral_core::edit::Edit;
use admiral_core::schedule::{schedule, ScheduleOptions};
use admiral_core::*;
use admiral_store::*;

use std::path::{Path, PathBuf};

fn dt(y: i32, m: u32, d: u32, h: u32, min: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(y, m, d)
        .unwrap()
        .and_hms_opt(h, min, 0)
        .unwrap()
}

fn config() {
    common::config("baseline");
}

/// The full plan with baseline 0 saved, and the file.
fn with_baseline(dir: &Path) -> (PathBuf, PlanFile, Plan) {
    config();
    let path = dir.join("plan.admiral");
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    f.replace_plan(&admiral_core::demo::demo_plan(), "import")
        .unwrap();
    let plan = f.load().unwrap();
    let s = schedule(&plan, &ScheduleOptions::default()).unwrap();
    let c = baseline::save(&plan, &s, 0, Some("Committed"), None, dt(2027, 1, 4, 9, 0)).unwrap();
    f.apply(&c.edits, &c.label).unwrap();
    let plan = f.load().unwrap();
    (path, f, plan)
}

#[test]
fn a_baseline_survives_undo_redo_and_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut f, plan) = with_baseline(dir.path());
    assert_eq!(plan.baselines.len(), 1);
    let b = plan.baselines[0].clone();
    assert_eq!(b.name, "Committed");
    assert_eq!(b.tasks.len(), plan.tasks.len());
    // Slip a task, save baseline 1 too, then clear baseline 0.
    let mut t = plan.tasks[4].clone();
    t.duration = Duration::Working(WorkMinutes::days(9));
    f.apply(&[Edit::PutTask(t)], "longer").unwrap();
    let p = f.load().unwrap();
    let s = schedule(&p, &ScheduleOptions::default()).unwrap();
    let c = baseline::save(&p, &s, 1, None, None, dt(2027, 1, 5, 9, 0)).unwrap();
    f.apply(&c.edits, &c.label).unwrap();
    let c = baseline::clear(&f.load().unwrap(), 0).unwrap();
    assert_eq!(c.label, "Clear baseline 0 'Committed'");
    f.apply(&c.edits, &c.label).unwrap();
    assert_eq!(
        f.load()
            .unwrap()
            .baselines
            .iter()
            .map(|b| b.number)
            .collect::<Vec<_>>(),
        [1]
    );
    f.undo().unwrap();
    let back = f.load().unwrap();
    assert_eq!(back.baselines.len(), 2);
    assert_eq!(back.baselines[0], b);
    f.redo().unwrap();
    assert_eq!(f.load().unwrap().baselines.len(), 1);
    f.undo().unwrap();
    drop(f);
    let f = PlanFile::open(&path).unwrap();
    let reopened = f.load().unwrap();
    assert_eq!(reopened.baselines[0], b);
    assert_eq!(reopened.baselines[1].name, "Baseline 1");
    let report = f.verify_audit().unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    assert!(report.content.matches);
}

#[test]
fn a_baseline_changed_with_sql_fails_verification() {
    let dir = tempfile::tempdir().unwrap();
    let (path, f, _) = with_baseline(dir.path());
    drop(f);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let n = conn
        .execute(
            "UPDATE baselines SET tasks = replace(tasks, '\"cost\":', '\"cost\":1') WHERE id = '0'",
            [],
        )
        .unwrap();
    assert_eq!(n, 1);
    drop(conn);
    let report = PlanFile::open(&path).unwrap().verify_audit().unwrap();
    let p = report.problem.expect("the tampering was not noticed");
    assert_eq!(p.kind, AuditProblemKind::ContentMismatch, "{}", p.message);
    assert!(
        report
            .content
            .differences
            .iter()
            .any(|d| d.table.contains("baselines")),
        "{:?}",
        report.content.differences
    );
}

#[test]
fn a_baseline_deleted_with_sql_fails_verification() {
    let dir = tempfile::tempdir().unwrap();
    let (path, f, _) = with_baseline(dir.path());
    drop(f);
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute("DELETE FROM baselines", [])
        .unwrap();
    let report = PlanFile::open(&path).unwrap().verify_audit().unwrap();
    assert!(
        report.problem.is_some(),
        "deleting every baseline was not noticed"
    );
}

#[test]
fn a_bad_baseline_number_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut f, plan) = with_baseline(dir.path());
    let mut b = plan.baselines[0].clone();
    b.number = 11;
    let before = f.audit().unwrap().len();
    assert!(f.apply(&[Edit::PutBaseline(b)], "bad").is_err());
    assert_eq!(f.audit().unwrap().len(), before);
    assert_eq!(f.load().unwrap(), plan);
}

/// A fixed cost is set as one audited, undoable change, survives reopening and enters
/// baseline 0; changing its amount or its accrual with SQL fails verification.
#[test]
fn a_fixed_cost_is_audited_undoable_and_tamper_evident() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut f, plan) = with_baseline(dir.path());
    let t = &plan.tasks[4];
    let fields = wbs::TaskFields {
        fixed_cost: Some(Money::from_units(1200)),
        accrual: Some(Accrual::End),
        ..Default::default()
    };
    let c = wbs::set_fields(&plan, t.id, &fields).unwrap();
    f.apply(&c.edits, &c.label).unwrap();
    let want = FixedCost {
        amount: Money(120_000),
        accrual: Accrual::End,
    };
    assert_eq!(f.load().unwrap().tasks[4].fixed_cost, want);
    f.undo().unwrap();
    assert!(f.load().unwrap().tasks[4].fixed_cost.is_none());
    f.redo().unwrap();
    drop(f);
    let f = PlanFile::open(&path).unwrap();
    let p = f.load().unwrap();
    assert_eq!(p.tasks[4].fixed_cost, want);
    let report = f.verify_audit().unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    drop(f);
    for sql in [
        "UPDATE tasks SET fixed_cost = 1 WHERE fixed_cost = 120000",
        "UPDATE tasks SET fixed_cost_accrual_code = 0 WHERE fixed_cost = 120000",
    ] {
        common::assert_row_tampering_noticed(&path, sql);
    }
}
