//! Edits are checked like the model checks them; constraint failures become clear errors and
//! nothing of a failed batch is written.

mod common;

use admiral_core::edit::Edit;
use admiral_core::*;
use admiral_store::*;
use common::*;

fn file_with_plan() -> (tempfile::TempDir, PlanFile, Plan) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let plan = full_plan();
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    f.replace_plan(&plan, "import").unwrap();
    (dir, f, plan)
}

/// Applies `edits`, expects an error, and checks that nothing changed.
fn refused(f: &mut PlanFile, edits: &[Edit]) -> StoreError {
    let plan = f.load().unwrap();
    let audit = f.audit().unwrap().len();
    let depth = f.history_depth().unwrap();
    let err = f.apply(edits, "bad").unwrap_err();
    assert_eq!(f.load().unwrap(), plan);
    assert_eq!(f.audit().unwrap().len(), audit);
    assert_eq!(f.history_depth().unwrap(), depth);
    err
}

#[test]
fn a_duplicate_link_is_named() {
    let (_d, mut f, plan) = file_with_plan();
    let mut l = plan.links[0];
    l.id = LinkId::from_u128(9999);
    let err = refused(&mut f, &[Edit::PutLink(l)]);
    assert_eq!(
        err.to_string(),
        "the link task 1 'Task 1' → task 2 'Task 2' exists twice"
    );
}

#[test]
fn unknown_references_are_named() {
    let (_d, mut f, plan) = file_with_plan();
    let mut t = task(50, plan.projects[0].id);
    let ghost = CalendarId::from_u128(0xdead);
    t.calendar_id = Some(ghost);
    let err = refused(&mut f, &[Edit::PutTask(t)]);
    assert_eq!(
        err.to_string(),
        format!("task 50 'Task 50' refers to unknown calendar {ghost}")
    );
    let mut l = plan.links[0];
    l.id = LinkId::from_u128(9999);
    l.successor = TaskId::from_u128(0xbeef);
    let err = refused(&mut f, &[Edit::PutLink(l)]);
    assert!(err.to_string().contains("refers to unknown task"), "{err}");
    let mut a = plan.assignments[0];
    a.id = AssignmentId::from_u128(9999);
    a.resource_id = ResourceId::from_u128(0xbeef);
    let err = refused(&mut f, &[Edit::PutAssignment(a)]);
    assert!(err.to_string().contains("unknown resource"), "{err}");
    let mut s = plan.settings.clone();
    s.default_calendar = Some(ghost);
    let err = refused(&mut f, &[Edit::SetSettings(s)]);
    assert!(
        err.to_string()
            .starts_with("the plan settings refers to unknown calendar"),
        "{err}"
    );
}

#[test]
fn own_rules_are_checked() {
    let (_d, mut f, plan) = file_with_plan();
    let p = plan.projects[0].id;
    let mut t = task(50, p);
    t.duration = Duration::Working(WorkMinutes(-1));
    assert!(matches!(
        refused(&mut f, &[Edit::PutTask(t)]),
        StoreError::Invalid(ModelError::NegativeDuration { .. })
    ));
    let mut t = task(50, p);
    t.estimate = Some(ThreePoint {
        optimistic: WorkMinutes(100),
        most_likely: WorkMinutes(50),
        pessimistic: WorkMinutes(200),
    });
    assert!(matches!(
        refused(&mut f, &[Edit::PutTask(t)]),
        StoreError::Invalid(ModelError::BadEstimate { .. })
    ));
    let mut r = plan.risks[0].clone();
    r.probability = 1.01;
    assert!(matches!(
        refused(&mut f, &[Edit::PutRisk(r)]),
        StoreError::Invalid(ModelError::ProbabilityOutOfRange { .. })
    ));
    let mut l = plan.links[0];
    l.successor = l.predecessor;
    let err = refused(&mut f, &[Edit::PutLink(l)]);
    assert_eq!(err.to_string(), "task 1 'Task 1' links to itself");
    let mut a = plan.assignments[0];
    a.units = 0.0;
    let err = refused(&mut f, &[Edit::PutAssignment(a)]);
    assert!(
        matches!(err, StoreError::Invalid(ModelError::BadUnits { .. })),
        "{err}"
    );
    let mut b = plan.blackouts[0].clone();
    b.finish = d(2020, 1, 1);
    assert!(matches!(
        refused(&mut f, &[Edit::PutBlackout(b)]),
        StoreError::Invalid(ModelError::BadDateRange { .. })
    ));
    let mut c = plan.calendars[0].clone();
    c.week[0] = vec![WorkingTime::hm(12, 0, 8, 0)];
    assert!(matches!(
        refused(&mut f, &[Edit::PutCalendar(c)]),
        StoreError::Invalid(ModelError::BadWorkingTime { .. })
    ));
    let mut t = plan.tasks[0].clone();
    t.outline_level = 2;
    assert!(matches!(
        refused(&mut f, &[Edit::PutTask(t)]),
        StoreError::Invalid(ModelError::BadOutlineLevel { .. })
    ));
}

#[test]
fn a_duplicate_task_number_is_named() {
    let (_d, mut f, plan) = file_with_plan();
    let mut t = task(3, plan.projects[0].id);
    t.id = TaskId::from_u128(777);
    t.name = "Intruder".into();
    let err = refused(&mut f, &[Edit::PutTask(t)]);
    assert_eq!(
        err.to_string(),
        "task number 3 is used by both task 3 'Task 3' and task 3 'Intruder'"
    );
}

#[test]
fn deleting_what_is_in_use_or_missing_is_refused() {
    let (_d, mut f, plan) = file_with_plan();
    let err = refused(&mut f, &[Edit::DeleteProject(plan.projects[0].id)]);
    assert_eq!(
        err.to_string(),
        "cannot delete project 'Project 0': task 1 'Task 1' still refers to it"
    );
    let err = refused(&mut f, &[Edit::DeleteCalendar(plan.calendars[0].id)]);
    assert!(matches!(err, StoreError::InUse { .. }), "{err}");
    let err = refused(&mut f, &[Edit::DeleteResource(plan.resources[0].id)]);
    assert!(matches!(err, StoreError::InUse { .. }), "{err}");
    let err = refused(&mut f, &[Edit::DeleteRelease(plan.releases[0].id)]);
    assert!(matches!(err, StoreError::InUse { .. }), "{err}");
    let err = refused(&mut f, &[Edit::DeleteLink(LinkId::from_u128(1))]);
    assert!(
        matches!(err, StoreError::Missing { kind: "link", .. }),
        "{err}"
    );
    // A good edit first does not survive a bad one later in the batch.
    let err = refused(
        &mut f,
        &[
            Edit::DeleteLink(plan.links[0].id),
            Edit::DeleteTask(plan.tasks[3].id),
            Edit::DeleteProject(plan.projects[0].id),
        ],
    );
    assert!(matches!(err, StoreError::InUse { .. }), "{err}");
}

#[test]
fn the_schema_enforces_foreign_keys_and_uniqueness_by_itself() {
    let (dir, f, plan) = file_with_plan();
    drop(f);
    let path = dir.path().join("plan.admiral");
    let c = rusqlite::Connection::open(&path).unwrap();
    c.pragma_update(None, "foreign_keys", true).unwrap();
    // A link names its tasks by their `ord` (format 8); its id is a 16-byte BLOB.
    let t1 = plan.tasks[0].id.to_string();
    let err = c
        .execute(
            "INSERT INTO links (uid, predecessor, successor, kind_code, lag_kind_code, lag_value) \
             VALUES (zeroblob(16), (SELECT ord FROM tasks WHERE uid = unhex(replace(?1, '-', ''))), 999999, 0, 0, 0)",
            [&t1],
        )
        .unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    let err = c
        .execute(
            "INSERT INTO links (uid, predecessor, successor, kind_code, lag_kind_code, lag_value) \
             VALUES (zeroblob(16), (SELECT ord FROM tasks WHERE uid = unhex(replace(?1, '-', ''))), \
                     (SELECT ord FROM tasks WHERE uid = unhex(replace(?2, '-', ''))), 0, 0, 0)",
            [&t1, &plan.tasks[1].id.to_string()],
        )
        .unwrap_err();
    assert!(err.to_string().contains("UNIQUE"), "{err}");
    let err = c
        .execute("UPDATE links SET uid = 'not sixteen bytes'", [])
        .unwrap_err();
    assert!(err.to_string().contains("CHECK"), "{err}");
    let err = c
        .execute("UPDATE tasks SET project_id = 999999 WHERE number = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    let err = c
        .execute("UPDATE tasks SET number = 2 WHERE number = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("UNIQUE"), "{err}");
    // Enums are codes (format 12): one past the last kind, or a name, is refused; the
    // readable name is a generated column, which cannot be written at all.
    for bad in [
        "UPDATE tasks SET kind_code = 4 WHERE number = 1",
        "UPDATE tasks SET kind_code = 'epic' WHERE number = 1",
    ] {
        let err = c.execute(bad, []).unwrap_err();
        assert!(err.to_string().contains("CHECK"), "{bad}: {err}");
    }
    let err = c
        .execute("UPDATE tasks SET kind = 'gate' WHERE number = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("generated column"), "{err}");
    let err = c
        .execute("DELETE FROM tasks WHERE number = 1", [])
        .unwrap_err();
    assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
}

#[test]
fn replace_plan_validates_first() {
    let (_d, mut f, plan) = file_with_plan();
    let mut bad = plan.clone();
    bad.links.push(Link {
        id: LinkId::from_u128(31337),
        ..plan.links[0]
    });
    let err = f.replace_plan(&bad, "bad import").unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(ModelError::DuplicateLink { .. })),
        "{err}"
    );
    assert_eq!(f.load().unwrap(), plan);
}

#[test]
fn odd_file_names_work() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan ?#% 100%.admiral");
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    f.replace_plan(&full_plan(), "import").unwrap();
    drop(f);
    assert_eq!(PlanFile::open(&path).unwrap().load().unwrap(), full_plan());
}

/// Tasks load in the order of their numbers, not of their rows: a task added with the lowest
/// number comes first, one renumbered past the others comes last.
#[test]
fn tasks_load_in_number_order() {
    let (_d, mut f, plan) = file_with_plan();
    let first = task(0, plan.projects[0].id);
    let mut last = plan.tasks[1].clone();
    last.number = TaskNumber(1000);
    f.apply(
        &[Edit::PutTask(first.clone()), Edit::PutTask(last.clone())],
        "order",
    )
    .unwrap();
    let loaded = f.load().unwrap();
    let numbers: Vec<u32> = loaded.tasks.iter().map(|t| t.number.0).collect();
    assert!(numbers.is_sorted(), "{numbers:?}");
    assert_eq!(loaded.tasks.first(), Some(&first));
    assert_eq!(loaded.tasks.last(), Some(&last));
    assert_eq!(loaded.tasks.len(), plan.tasks.len() + 1);
}
