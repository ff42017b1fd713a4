//! The plan the shell holds stays the plan its file holds: an edit is applied to the plan
//! itself (core's `apply_all_in_place`), so every way it can fail after that must put it back.

use admiral_core::edit::{apply_all_in_place, Edit};
use admiral_core::{Constraint, Duration, Link, Task, WorkMinutes};
use admiral_desktop::state::AppState;
use admiral_store::PlanFile;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The demo plan in a file of its own, open in a fresh state.
fn open() -> (tempfile::TempDir, AppState) {
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var(admiral_store::CONFIG_DIR_VAR, dir.path().join("config"));
    let path = dir.path().join("a.admiral");
    let plan = admiral_core::demo::demo_plan_sized(300, 2);
    drop(PlanFile::create_with(&path, &plan, "demo", false).unwrap());
    let state = AppState::default();
    state.set(PlanFile::open(&path).unwrap()).unwrap();
    (dir, state)
}

/// Whether the plan held is the plan the file holds.
fn as_saved(state: &AppState) -> bool {
    state
        .with(|o| Ok(o.plan == o.file.load().unwrap()))
        .unwrap()
}

#[test]
fn a_refused_change_leaves_the_plan_held_as_saved() {
    let (_dir, state) = open();
    let refused = |edits: Vec<Edit>, why: &str| {
        let e = state.with(|o| o.commit(&edits, "x")).err().unwrap();
        assert!(e.to_string().contains(why), "{e}");
        true
    };
    // A → B and B → C made B → A closes a cycle: refused after it was applied in place (with
    // a link deleted before it).
    let links: Vec<Link> = state.with(|o| Ok(o.plan.links.clone())).unwrap();
    let (l, m) = links
        .iter()
        .find_map(|l| Some((l, links.iter().find(|m| m.predecessor == l.successor)?)))
        .unwrap();
    let other = links.iter().find(|x| x.id != l.id && x.id != m.id).unwrap();
    assert!(refused(
        vec![
            Edit::DeleteLink(other.id),
            Edit::PutLink(Link {
                successor: l.predecessor,
                ..*m
            }),
        ],
        "cycle"
    ));
    assert!(as_saved(&state));
    // A task that would finish after 9999: refused by the schedule, after it was applied.
    let t: Task = state.with(|o| Ok(o.plan.tasks[20].clone())).unwrap();
    let late = chrono::NaiveDate::from_ymd_opt(9999, 6, 1)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    assert!(refused(
        vec![Edit::PutTask(Task {
            constraint: Constraint::Snet(late),
            duration: Duration::Working(WorkMinutes(480 * 400)),
            ..t.clone()
        })],
        "9999"
    ));
    assert!(as_saved(&state));
    // The next change is applied to the plan as saved.
    let longer = Task {
        duration: Duration::Working(WorkMinutes(t.duration.minutes() + 480)),
        ..t
    };
    state
        .with(|o| o.commit(&[Edit::PutTask(longer.clone())], "longer"))
        .unwrap();
    assert!(as_saved(&state));
    assert_eq!(
        state.with(|o| Ok(o.plan.tasks[20].clone())).unwrap(),
        longer
    );
}

#[test]
fn a_panic_during_a_change_leaves_the_plan_held_as_saved() {
    let (_dir, state) = open();
    let t: Task = state.with(|o| Ok(o.plan.tasks[20].clone())).unwrap();
    let renamed = Edit::PutTask(Task {
        name: "changed, never saved".into(),
        ..t
    });
    let panicked = catch_unwind(AssertUnwindSafe(|| {
        state.with(|o| -> Result<(), admiral_desktop::error::AppError> {
            let _kept = apply_all_in_place(&mut o.plan, std::slice::from_ref(&renamed))?;
            assert_ne!(o.plan, o.file.load().unwrap());
            panic!("a bug in the middle of a change");
        })
    }));
    assert!(panicked.is_err());
    assert!(as_saved(&state));
    assert_ne!(
        state.with(|o| Ok(o.plan.tasks[20].name.clone())).unwrap(),
        "changed, never saved"
    );
}
