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

/// The plan named on the command line is read and scheduled on a thread of its own from the
/// app's start. The page's first ask takes it: its whole plan goes by the courier then (the
/// thread has none: the page may not be there yet), and it is the open plan, as `set` would
/// have made it. A second ask has nothing; a file that is not a plan gives its error at the
/// ask, and is left as it was.
#[test]
fn the_startup_plan_opens_ahead_and_is_sent_when_the_page_asks() {
    use admiral_desktop::error::ErrorKind;
    use std::sync::{Arc, Mutex};
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var(admiral_store::CONFIG_DIR_VAR, dir.path().join("config"));
    let path = dir.path().join("a.admiral");
    let plan = admiral_core::demo::demo_plan_sized(300, 2);
    drop(PlanFile::create_with(&path, &plan, "demo", false).unwrap());
    let sent = Arc::new(Mutex::new(Vec::<String>::new()));
    let state = AppState::default();
    let to = sent.clone();
    state.courier.install(Box::new(move |script| {
        to.lock().unwrap().push(script);
        true
    }));
    state.open_at_start(path.clone());
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(
        sent.lock().unwrap().is_empty(),
        "nothing sent before the ask"
    );
    assert!(
        state.with(|_| Ok(())).is_err(),
        "no plan open before the ask"
    );
    let (at, snap) = state.take_startup().unwrap().unwrap();
    assert_eq!(at, path);
    assert!(snap.plan.is_none());
    assert_eq!(snap.plan_sent, Some(1));
    let scripts = sent.lock().unwrap().clone();
    assert_eq!(scripts.len(), 1);
    assert!(scripts[0].starts_with("window.__admiralParcel({\"n\":1,\"plan\":"));
    assert!(as_saved(&state));
    // As `set` makes it (without a courier, the plan stays in the snapshot).
    let other = AppState::default();
    let direct = other.set(PlanFile::open(&path).unwrap()).unwrap();
    let json = |v: &admiral_desktop::view::ScheduleView| serde_json::to_value(v).unwrap();
    assert_eq!(json(&snap.schedule), json(&direct.schedule));
    let parcel = &scripts[0]["window.__admiralParcel({\"n\":1,\"plan\":".len()..];
    let parcel: serde_json::Value = serde_json::from_str(&parcel[..parcel.len() - 2]).unwrap();
    assert_eq!(
        parcel,
        serde_json::to_value(direct.plan.as_ref().unwrap()).unwrap()
    );
    assert!(state.take_startup().unwrap().is_none(), "taken once");

    let bad = dir.path().join("notes.admiral");
    std::fs::write(&bad, "not a plan").unwrap();
    let state = AppState::default();
    state.open_at_start(bad.clone());
    let e = state.take_startup().unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadFile);
    assert!(e.message.contains("not an Admiral plan"), "{e}");
    assert_eq!(std::fs::read(&bad).unwrap(), b"not a plan");
    assert!(state.with(|_| Ok(())).is_err(), "no plan open");
}
